"""Benchmark of the course (not a test: it measures, it does not assert). Prints a table of:

* the time to load the training split from the IDX files (checksums included, cache cleared),
  and Paddle's own MNIST data set on the same files, for comparison;
* the time of one training epoch of the chapter CNN (50000 images, batch 100, SGD), measured on
  a share of the epoch and scaled up;
* the wall time of the whole course in quick and in full mode, serial (one chapter at a time) and
  parallel (two at a time, as scripts/run_course.py does), with --course;
* the peak memory of this process and of the largest chapter process.

Speed and memory claims in the book and README come from this script.
Usage: .venv/bin/python scripts/benchmark.py [--course quick|full|both] [--serial]
"""

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import lessons_src  # noqa: F401  (quiets Paddle before it is imported)
import paddle
import paddle.nn.functional as F

from lessons_src import CNN, load_data, seed_everything, train
from lessons_src import mnist_files
from lessons_src.mnist_files import load_split, mnist_paths

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 5


def time_it(function, repeats: int = REPEATS) -> list[float]:
    """Wall-clock seconds of each of ``repeats`` calls."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def load_train_split_cold() -> None:
    mnist_files._read_part.cache_clear()
    load_split("train")


def load_paddle_dataset() -> None:
    images, labels = mnist_paths("train")
    paddle.vision.datasets.MNIST(image_path=str(images), label_path=str(labels), mode="train",
                                 download=False, backend="cv2")


def cnn_epoch_seconds(share: int = 5_000) -> float:
    """Seconds for one 50000-image epoch of the chapter CNN, from timing ``share`` images."""
    seed_everything(0)
    model = CNN(num_outputs=10)
    optimizer = paddle.optimizer.SGD(learning_rate=0.01, parameters=model.parameters())
    batches = load_data("train", batch_size=100, limit=share, label_dtype="int64")
    start = time.perf_counter()
    train(model, batches, optimizer, F.cross_entropy, 1, log_every=0, progress=False)
    return (time.perf_counter() - start) * 50_000 / share


def course_seconds(mode: str, serial: bool) -> tuple[float, int]:
    """Wall time of the whole course and the peak memory (MB) of its child processes."""
    command = [sys.executable, str(ROOT / "scripts" / "run_course.py")]
    if mode == "quick":
        command.append("--quick")
    notebooks = sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb"))
    start = time.perf_counter()
    if serial:
        for notebook in notebooks:
            subprocess.run([*command, str(notebook)], check=True, capture_output=True)
    else:
        subprocess.run(command, check=True, capture_output=True)
    peak_children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    return time.perf_counter() - start, peak_children_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--course", choices=["none", "quick", "full", "both"], default="none",
                        help="also time the whole course (full mode re-writes the notebooks' outputs)")
    parser.add_argument("--serial", action="store_true", help="time the course serially as well")
    args = parser.parse_args()

    rows = []
    load = time_it(load_train_split_cold)
    rows.append(("load train split (lessons_src, cold)", statistics.median(load), "s, median of 5"))
    rows.append(("paddle.vision MNIST(mode='train')", statistics.median(time_it(load_paddle_dataset, 2)),
                 "s, median of 2"))
    rows.append(("chapter CNN, one 50000-image epoch", cnn_epoch_seconds(), "s, from 5000 images"))
    modes = {"none": [], "quick": ["quick"], "full": ["full"], "both": ["quick", "full"]}[args.course]
    for mode in modes:
        for serial in ([False, True] if args.serial else [False]):
            seconds, peak = course_seconds(mode, serial)
            label = "serial" if serial else "parallel (2 at a time)"
            rows.append((f"whole course, {mode} mode, {label}", seconds / 60, "min"))
            rows.append((f"  peak memory of one chapter process", peak, "MB"))
    rows.append(("peak memory of this process", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MB"))
    width = max(len(name) for name, _, _ in rows)
    for name, value, unit in rows:
        print(f"{name:{width}s} {value:9.2f} {unit}")


if __name__ == "__main__":
    main()
