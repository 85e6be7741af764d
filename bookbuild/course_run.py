"""Re-run every chapter in full mode, save the outputs into the notebooks, write the results.

The committed notebooks carry the outputs of this run, and their prose quotes its numbers: each
quoted number is rewritten from the value the run recorded (bookbuild.quoted_numbers). The
results page and the journey figure (bookbuild.results_pages) show what that same run measured;
the Chinese pages are then written again from the English ones (bookbuild.chinese_edition), with
the same outputs. Chapters are independent, so two run at a time (Paddle on the CPU uses one core
per process), except the chapters in RUN_ALONE, which measure parallel speed-ups and need both
cores.
"""

import json
import os
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbconvert.preprocessors import CoalesceStreamsPreprocessor

from lessons_src.mode import QUICK_ENV
from lessons_src.run_record import RESULTS_ENV
from lessons_src.verdicts import PROGRESS_ENV
from measuring import processor

from . import chinese_edition, quoted_numbers
from .pages import CHAPTERS, ROOT
from .results_pages import RESULTS, saved_results, write_pages

CELL_TIMEOUT_S = 1800
RUN_ALONE = {"06_gpu_and_distributed.ipynb"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def drop_widgets(notebook: nbformat.NotebookNode) -> int:
    """Remove every widget output and the saved widget state; return how many outputs went.

    A widget needs a live kernel. Saved, it is dead weight: tqdm's progress bars have hidden
    themselves by the end of their epoch, and a slider no longer moves anything. Its state in the
    notebook's metadata would make the book embed it and load the widget scripts on the page.
    A student who runs the cell still sees the live bar or slider, and a terminal a text bar.
    """
    notebook.metadata.pop("widgets", None)
    dropped = 0
    for cell in notebook.cells:
        outputs = cell.get("outputs", [])
        kept = [output for output in outputs if WIDGET_VIEW not in output.get("data", {})]
        dropped += len(outputs) - len(kept)
        if outputs:
            cell.outputs = kept
    return dropped


def coalesce_streams(notebook: nbformat.NotebookNode) -> None:
    """Merge each run of a cell's stdout (or stderr) messages into one output, as nbconvert does:
    every ``print`` is a message of its own, and the book would show each in a box of its own."""
    CoalesceStreamsPreprocessor().preprocess(notebook, {})


def run_notebook(
    path: Path,
    quick: bool,
    results_dir: Path,
    save: bool = True,
    cell_timeout: int = CELL_TIMEOUT_S,
) -> dict:
    """Execute one notebook in a fresh kernel; in full mode (and ``save``) write it back in place.

    The seconds returned are the wall time from starting the kernel to the end of the last cell.
    """
    results_file = results_dir / f"{path.stem}.jsonl"
    # The kernel's settings: the mode, where range checks record their values, and a scratch
    # file for exercise verdicts (not a student's).
    environment = {
        **os.environ,
        QUICK_ENV: "1" if quick else "0",
        RESULTS_ENV: str(results_file),
        PROGRESS_ENV: str(results_dir / "exercise-progress.json"),
    }
    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    # IPC sockets, not TCP ports: two kernels started at the same moment by the two workers can
    # otherwise pick the same free port, and one client then waits for ever for a lost reply.
    # With IPC, ``ip`` is the prefix of the socket files.
    kernel = KernelManager(
        kernel_name="python3", transport="ipc", ip=str(results_dir / f"{path.stem}-kernel")
    )
    client = NotebookClient(
        notebook,
        km=kernel,
        timeout=cell_timeout,
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute(env=environment)  # the kernel's environment, not this process's
    finally:
        kernel.shutdown_kernel(now=True)  # a kernel manager passed in is ours to stop
    seconds = time.perf_counter() - start
    if save and not quick:
        drop_widgets(notebook)
        coalesce_streams(notebook)
        requoted = quoted_numbers.requote(notebook)  # the prose quotes this run's numbers
        print(f"{path.stem}: {requoted} quoted number(s) changed", flush=True)
        nbformat.write(notebook, path)
    recorded = (
        [json.loads(line) for line in results_file.read_text().splitlines()]
        if results_file.exists()
        else []
    )
    sizes = [entry["sizes"] for entry in recorded if "sizes" in entry]
    return {
        "chapter": path.stem,
        "seconds": seconds,
        "processor": processor.describe(),
        "checks": [entry for entry in recorded if "sizes" not in entry],
        "sizes": sizes[-1] if sizes else None,
    }


def course_results(runs: list[dict], wall_seconds: float) -> dict:
    """What a full run measured, as saved in book/results.json."""
    import paddle

    return {
        "paddle": paddle.__version__,
        "processor": processor.describe(),
        "wall_seconds": wall_seconds,
        "chapters": sorted(runs, key=lambda r: r["chapter"]),
    }


def merged_results(saved: dict, new: dict) -> dict:
    """``saved`` with the chapters of ``new`` replacing (or joining) its own. The course's wall
    time stays that of the saved run, and ``run_later`` names the chapters it does not cover."""
    chapters = {chapter["chapter"]: chapter for chapter in saved["chapters"]}
    chapters.update({chapter["chapter"]: chapter for chapter in new["chapters"]})
    run_later = set(saved.get("run_later", [])) | {c["chapter"] for c in new["chapters"]}
    return {
        **saved,
        "chapters": sorted(chapters.values(), key=lambda c: c["chapter"]),
        "run_later": sorted(run_later),
    }


def longest_first(paths: list[Path]) -> list[Path]:
    """``paths`` by decreasing run time in the last full run (a chapter it did not time first),
    so that the two workers finish at about the same time."""
    seconds = {}
    if RESULTS.exists():
        seconds = {run["chapter"]: run["seconds"] for run in saved_results()["chapters"]}
    return sorted(paths, key=lambda path: -seconds.get(path.stem, float("inf")))


def run_course(notebooks: list[Path], quick: bool) -> None:
    """Run ``notebooks`` (every chapter if none), two at a time; in full mode save their
    outputs, the results and the Chinese edition."""
    paths = [p.resolve() for p in notebooks] or [ROOT / page for page in CHAPTERS]
    results_dir = Path(tempfile.mkdtemp(prefix="course-results-"))
    shared = longest_first([p for p in paths if p.name not in RUN_ALONE])
    alone = [p for p in paths if p.name in RUN_ALONE]
    start = time.perf_counter()
    runs = []
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(run_notebook, p, quick, results_dir) for p in shared]
        for future in futures:
            runs.append(future.result())
            print(f"{runs[-1]['chapter']}: {runs[-1]['seconds']:.0f} s", flush=True)
    for path in alone:
        runs.append(run_notebook(path, quick, results_dir))
        print(f"{runs[-1]['chapter']}: {runs[-1]['seconds']:.0f} s (alone)", flush=True)
    wall = time.perf_counter() - start
    print(
        f"{len(paths)} chapter(s) in {wall:.0f} s wall time ({'quick' if quick else 'full'} mode)"
    )
    if not quick and not notebooks:
        write_pages(course_results(runs, wall))
        print("wrote book/results.json, book/results.md and book/journey.png")
    elif not quick:  # some chapters: their results replace theirs on the page
        write_pages(merged_results(saved_results(), course_results(runs, wall)))
        print("merged their results into book/results.json and the results page")
    if not quick:  # the Chinese notebooks carry the new outputs too
        chinese_edition.build()
