"""Re-run every chapter in full mode and save the outputs into the notebooks.

The committed notebooks carry the outputs of this run. Chapters are independent,
so two run at a time (Paddle on the CPU uses one core per process), except the
chapters in RUN_ALONE, which measure parallel speed-ups and need both cores.
Usage: .venv/bin/python scripts/run_course.py [book/01_linear_baseline.ipynb ...]
"""

import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

BOOK = Path(__file__).resolve().parent.parent / "book"
CELL_TIMEOUT_S = 1800
RUN_ALONE = {"06_gpu_and_distributed.ipynb"}


def run_notebook(path: Path) -> tuple[str, float]:
    """Execute one notebook in a fresh kernel, in full mode, and write it back in place."""
    os.environ["COURSE_QUICK"] = "0"
    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(
        notebook, timeout=CELL_TIMEOUT_S, kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    nbformat.write(notebook, path)
    return path.name, time.perf_counter() - start


def main(arguments: list[str]) -> None:
    paths = [Path(a).resolve() for a in arguments] or sorted(BOOK.glob("[0-9]*.ipynb"))
    start = time.perf_counter()
    shared = [p for p in paths if p.name not in RUN_ALONE]
    alone = [p for p in paths if p.name in RUN_ALONE]
    with ProcessPoolExecutor(max_workers=2) as pool:
        for name, seconds in pool.map(run_notebook, shared):
            print(f"{name}: {seconds:.0f} s")
    for path in alone:
        name, seconds = run_notebook(path)
        print(f"{name}: {seconds:.0f} s (alone)")
    print(f"all {len(paths)} chapter(s): {time.perf_counter() - start:.0f} s wall time")


if __name__ == "__main__":
    main(sys.argv[1:])
