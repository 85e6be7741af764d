"""Benchmark of the course's data loading (not a test: it measures, it does not assert).

Prints the time to load the training split from the IDX files (checksums included, cache
cleared before each repeat), the time of Paddle's own MNIST data set on the same files, and
the peak memory of this process. Usage: .venv/bin/python scripts/benchmark.py
"""

import resource
import statistics
import time

import lessons_src  # noqa: F401  (quiets Paddle before it is imported)
import paddle

from lessons_src import mnist_files
from lessons_src.mnist_files import load_split, mnist_paths

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
    paddle.vision.datasets.MNIST(
        image_path=str(images), label_path=str(labels), mode="train", download=False, backend="cv2"
    )


def main() -> None:
    rows = [
        ("lessons_src.load_split('train'), cold", time_it(load_train_split_cold)),
        ("paddle.vision.datasets.MNIST(mode='train')", time_it(load_paddle_dataset, repeats=2)),
    ]
    print(f"{'what':48s} {'median s':>9s} {'min s':>7s} {'runs':>5s}")
    for name, times in rows:
        print(f"{name:48s} {statistics.median(times):9.3f} {min(times):7.3f} {len(times):5d}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
