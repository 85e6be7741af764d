"""Do the chapters' timing checks hold on a busy machine? Run the chapters that assert timings
(2 and 6) in quick mode several times in a row, first on an idle machine, then with one extra busy
process competing for the cores (as a browser or a neighbour on a shared machine would), and
report each asserted timing value (min, median, max) and how many runs passed every check.

    .venv/bin/python scripts/timing_under_load.py            # 5 runs idle, 5 loaded
    .venv/bin/python scripts/timing_under_load.py --runs 3 --conditions loaded

Each run executes one chapter in a fresh kernel, as scripts/run_course.py does, without saving
anything; the values are those the chapter's range checks recorded. Exit status 1 if any run
failed. A speed claim comes from here or scripts/benchmark.py, never from a timed unit test.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from nbclient.exceptions import CellExecutionError, CellTimeoutError

from .course_run import BOOK, run_notebook

CHAPTERS = ["02_data_processing", "06_gpu_and_distributed"]
CELL_TIMEOUT_S = 180  # the longest cell of either chapter takes well under a minute
TIMINGS = {  # the checks of those chapters that assert a timing
    "speed-up of vectorized batching",
    "speed-up of 2 workers on a slow reader",
    "speed-up of 2 workers on in-memory MNIST",
    "throughput of 2 processes over 1",
}


def busy_process() -> subprocess.Popen:
    """A process that keeps one core busy until it is killed or this process is gone."""
    return subprocess.Popen([sys.executable, "-c",
                             f"import os\nwhile os.getppid() == {os.getpid()}: pass"])


def run_once(chapter: str) -> tuple[dict[str, float], str]:
    """Run ``chapter`` in quick mode; return its timing values and the failure ('' if none)."""
    results = Path(tempfile.mkdtemp(prefix="timing-under-load-"))
    try:
        run = run_notebook(BOOK / f"{chapter}.ipynb", quick=True, results_dir=results,
                           save=False, cell_timeout=CELL_TIMEOUT_S)
    except CellTimeoutError:
        return {}, f"a cell ran longer than {CELL_TIMEOUT_S} s (a hang)"
    except CellExecutionError as error:
        checks = [line for line in str(error).splitlines() if "is outside its expected" in line]
        return {}, (checks or str(error).splitlines()[-1:])[0]
    return {c["name"]: c["value"] for c in run["checks"] if c["name"] in TIMINGS}, ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--conditions", nargs="+", choices=["idle", "loaded"],
                        default=["idle", "loaded"])
    parser.add_argument("--chapters", nargs="+", choices=CHAPTERS, default=CHAPTERS)
    args = parser.parse_args()
    failed = 0
    for condition in args.conditions:
        busy = busy_process() if condition == "loaded" else None
        try:
            for chapter in args.chapters:
                values: dict[str, list[float]] = {}
                passed = 0
                for number in range(1, args.runs + 1):
                    start = time.perf_counter()
                    measured, failure = run_once(chapter)
                    for name, value in measured.items():
                        values.setdefault(name, []).append(value)
                    passed += not failure
                    print(f"{condition}, {chapter}, run {number}: "
                          f"{time.perf_counter() - start:.0f} s, "
                          + (f"FAILED: {failure}" if failure else "every check passed"),
                          flush=True)
                failed += args.runs - passed
                print(f"== {condition}, {chapter}: {passed} of {args.runs} runs passed")
                for name, seen in values.items():
                    print(f"   {name}: min {min(seen):.3g}, median "
                          f"{statistics.median(seen):.3g}, max {max(seen):.3g} "
                          f"({len(seen)} runs)", flush=True)
        finally:
            if busy:
                busy.kill()
                busy.wait()
    return 1 if failed else 0

