"""Do the chapters' timing checks hold on a busy machine? Run the chapters that assert timings
(2 and 6) in quick mode several times in a row, first on an idle machine, then with one extra busy
process competing for the cores (as a browser or a neighbour on a shared machine would), and
report each asserted timing value (min, median, max) and how many runs passed every check.

Each run executes one chapter in a fresh kernel, as the full run does, without saving anything;
the values are those the chapter's range checks recorded. Exit status 1 if any run failed. A
speed claim comes from here or ``measuring.benchmark``, never from a timed unit test.
"""

import statistics
import tempfile
import time
from pathlib import Path

from nbclient.exceptions import CellExecutionError, CellTimeoutError

from bookbuild.course_run import run_notebook
from bookbuild.pages import ROOT

from .busy_core import busy_process

CHAPTERS = ["02_data_processing", "06_gpu_and_distributed"]
CELL_TIMEOUT_S = 180  # the longest cell of either chapter takes well under a minute
TIMINGS = {  # the checks of those chapters that assert a timing
    "speed-up of vectorized batching",
    "speed-up of 2 workers on a slow reader",
    "speed-up of 2 workers on in-memory MNIST",
    "throughput of 2 processes over 1",
}


def run_once(chapter: str) -> tuple[dict[str, float], str]:
    """Run ``chapter`` in quick mode; return its timing values and the failure ('' if none)."""
    results = Path(tempfile.mkdtemp(prefix="timing-under-load-"))
    try:
        run = run_notebook(
            ROOT / "book" / f"{chapter}.ipynb",
            quick=True,
            results_dir=results,
            save=False,
            cell_timeout=CELL_TIMEOUT_S,
        )
    except CellTimeoutError:
        return {}, f"a cell ran longer than {CELL_TIMEOUT_S} s (a hang)"
    except CellExecutionError as error:
        checks = [line for line in str(error).splitlines() if "is outside its expected" in line]
        return {}, (checks or str(error).splitlines()[-1:])[0]
    return {c["name"]: c["value"] for c in run["checks"] if c["name"] in TIMINGS}, ""


def measure(runs: int, conditions: list[str], chapters: list[str]) -> int:
    """Run ``chapters`` ``runs`` times under each of ``conditions`` ("idle", "loaded"); print
    what their timing checks recorded. 1 if any run failed, else 0."""
    failed = 0
    for condition in conditions:
        busy = busy_process() if condition == "loaded" else None
        try:
            for chapter in chapters:
                values: dict[str, list[float]] = {}
                passed = 0
                for number in range(1, runs + 1):
                    start = time.perf_counter()
                    measured, failure = run_once(chapter)
                    for name, value in measured.items():
                        values.setdefault(name, []).append(value)
                    passed += not failure
                    print(
                        f"{condition}, {chapter}, run {number}: "
                        f"{time.perf_counter() - start:.0f} s, "
                        + (f"FAILED: {failure}" if failure else "every check passed"),
                        flush=True,
                    )
                failed += runs - passed
                print(f"== {condition}, {chapter}: {passed} of {runs} runs passed")
                for name, seen in values.items():
                    print(
                        f"   {name}: min {min(seen):.3g}, median "
                        f"{statistics.median(seen):.3g}, max {max(seen):.3g} "
                        f"({len(seen)} runs)",
                        flush=True,
                    )
        finally:
            if busy:
                busy.kill()
                busy.wait()
    return 1 if failed else 0
