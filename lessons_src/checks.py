"""Expected-range checks: the notebooks' assertions on losses and accuracies.

A chapter measures a loss or an accuracy and passes it here with the range it
must fall in for quick mode and for full mode. The printed verdict is short:
the value and the range of the mode that ran. It differs between the modes, so
the strict notebook tests compare it through tests/nbval_sanitize.cfg, which
reads each verdict as its name alone. Explained in chapter 1.
"""

import math

from .mode import mode_name
from .run_record import _record

Range = tuple[float, float]


# A verdict longer than this continues on a second line: the book's code and
# output column holds 79 characters.
LINE_WIDTH = 79


TRAINING_ADVICE = (
    "Training went differently from the course's measured runs: check the "
    "code you changed above, or re-run the notebook from the top in a fresh "
    "kernel."
)


def check_range(
    name: str,
    value: float,
    *,
    quick: Range,
    full: Range,
    measured_here: bool = True,
) -> None:
    """Assert that ``value`` lies in the range expected for the current mode
    (chapter 1).

    Prints a short verdict when it does (``_verdict``); raises AssertionError
    naming the value, the mode and the range when it does not (NaN always
    fails). ``measured_here=False`` says that the ranges were not measured on
    the data this run uses (chapter 11 on real SVHN): the value is printed
    with that plain statement, and nothing is asserted.
    """
    if not measured_here:
        print(_unmeasured_verdict(name, float(value)))
        return
    _check_value(name, value, quick=quick, full=full, advice=TRAINING_ADVICE)


def _unmeasured_verdict(name: str, value: float) -> str:
    """The line for a value whose data no range was measured on, e.g.
    ``NO RANGE: test accuracy = 0.91 (no range was measured for this
    data)``."""
    measured = f"= {value:.4g} (no range was measured for this data)"
    line = f"NO RANGE: {name} {measured}"
    return (
        line
        if len(line) <= LINE_WIDTH
        else f"NO RANGE: {name}\n    {measured}"
    )


def _check_value(
    name: str, value: float, *, quick: Range, full: Range, advice: str
) -> None:
    """``check_range``, with ``advice`` saying what a failure means and what
    to do (``check_timing`` of chapter 2 gives its own)."""
    for label, (low, high) in (("quick", quick), ("full", full)):
        if not low <= high:
            raise ValueError(
                f"The {label} range of {name!r} is empty: {low} > {high}."
            )
    mode = mode_name()
    low, high = quick if mode == "quick" else full
    value = float(value)
    if math.isnan(value) or not low <= value <= high:
        raise AssertionError(
            f"{name} = {value:.6g} is outside its expected {mode}-mode range "
            f"[{low:g}, {high:g}]. {advice}"
        )
    _record({"name": name, "value": value, "mode": mode, "range": (low, high)})
    print(_verdict(name, value, mode, (low, high)))


def _verdict(name: str, value: float, mode: str, bounds: Range) -> str:
    """The line a passing check prints, e.g. ``OK: test accuracy = 0.9213
    (full-mode range 0.9 to 0.95)``; a long name puts the value on a second,
    indented line, so that no line is wider than the book's column."""
    measured = (
        f"= {value:.4g} ({mode}-mode range {bounds[0]:g} to {bounds[1]:g})"
    )
    line = f"OK: {name} {measured}"
    return line if len(line) <= LINE_WIDTH else f"OK: {name}\n    {measured}"
