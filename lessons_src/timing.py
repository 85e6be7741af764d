"""Timing code the way benchmark tools do: repeated, interleaved, summarised.

One measurement says as much about what else the machine was doing as about
the code: another notebook, a browser, a neighbour on a shared machine. So
``timeit`` and pytest-benchmark repeat a measurement and report the fastest
repeat, the one least disturbed by other work. ``time_interleaved`` also runs
the repeats of the things it compares in turn (A, B, A, B, ...), so that a
burst of load slows both alike instead of one of them. ``check_timing`` is
``check_range`` for a timing: when a value falls outside its range, it shows
every repeat and points at the machine's load, not at the student's code.
Explained in chapter 2.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass

from .checks import Range, _check_value


@dataclass(frozen=True)
class Timings:
    """The seconds of each repeat of each candidate, in the order they ran
    (chapter 2)."""

    seconds: dict[str, list[float]]

    def best(self, name: str) -> float:
        """The fastest repeat of ``name``: the least disturbed one."""
        return min(self.seconds[name])

    def describe(self) -> str:
        """One line per candidate: every repeat in seconds, and the fastest."""
        return "\n".join(
            f"  {name}: "
            + ", ".join(f"{s:.3g}" for s in repeats)
            + f" s (fastest {min(repeats):.3g} s)"
            for name, repeats in self.seconds.items()
        )


def interleave(
    measurements: dict[str, Callable[[], float]], repeats: int
) -> Timings:
    """Run each measurement ``repeats`` times, taking the candidates in turn
    (chapter 2).

    Each measurement returns the seconds it measured, so that it can time
    itself, as a training process that reports its own time does.
    """
    if repeats < 1:
        raise ValueError(f"repeats must be at least 1, not {repeats}")
    seconds: dict[str, list[float]] = {name: [] for name in measurements}
    for _ in range(repeats):
        for name, measure in measurements.items():
            seconds[name].append(float(measure()))
    return Timings(seconds)


def time_interleaved(
    candidates: dict[str, Callable[[], object]],
    repeats: int,
    clock: Callable[[], float] = time.perf_counter,
) -> Timings:
    """Time each call of each candidate with ``clock``, ``repeats`` times,
    taking the candidates in turn (chapter 2)."""

    def timed(function: Callable[[], object]) -> Callable[[], float]:
        def measure() -> float:
            start = clock()
            function()
            return clock() - start

        return measure

    return interleave(
        {name: timed(function) for name, function in candidates.items()},
        repeats,
    )


def _timing_advice(timings: Timings) -> str:
    """What a failed timing check says: what was measured, and what to do."""
    return (
        "It was computed from these timings (each repeat, in the order they "
        f"ran):\n{timings.describe()}\nTimings depend on the machine and on "
        "what else it is doing at the same time (another notebook, a "
        "browser, other users of a shared machine). Run this cell again; if "
        "it fails again, close other work and re-run the notebook from the "
        "top. Unless you changed the code being timed, your code is not the "
        "cause."
    )


def check_timing(
    name: str, value: float, timings: Timings, *, quick: Range, full: Range
) -> None:
    """Assert that ``value``, computed from ``timings``, lies in the range of
    the current mode; print the same line as ``check_range`` when it does
    (chapter 2)."""
    _check_value(
        name, value, quick=quick, full=full, advice=_timing_advice(timings)
    )
