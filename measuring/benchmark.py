"""Benchmark of the course (not a test: it measures, it does not assert). Prints:

* the time to load the training split from the IDX files (checksums included, cache cleared),
  and Paddle's own MNIST data set on the same files, for comparison;
* one 50000-image epoch of the chapter CNN (batch 100, SGD), timed on 5000 images and scaled up:
  the course's loop (``lessons_src.train``) beside a bare Paddle loop, and beside the Paddle
  settings that might make a CPU epoch faster (two threads, oneDNN, ``paddle.jit.to_static``,
  larger batches), each in a fresh process, with whether it trains bit for bit as the default;
* with ``--course full``: every chapter in full mode run alone (one after the other, nothing
  saved), then the whole course two chapters at a time (``course run``, which saves
  the outputs, the results page and the journey figure); ``--course quick`` times quick mode;
* the peak memory of this process and of the largest chapter process.

Speed and memory claims in the book and README come from this script.
"""

import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bookbuild.course_run import run_notebook
from bookbuild.pages import CHAPTERS, ROOT
from measuring import processor

REPEATS = 5
EPOCH_SHARE = 5_000  # images timed for one epoch estimate
# name -> (what it changes, environment for the fresh process)
EPOCH_VARIANTS = {
    "course loop": ("lessons_src.train, the loop every chapter uses", {}),
    "bare Paddle loop": ("the same steps written out, no progress bar or logging", {}),
    "2 threads": ("paddle.base.core.set_num_threads(2)", {}),
    "oneDNN": ("FLAGS_use_mkldnn=1", {"FLAGS_use_mkldnn": "1"}),
    "to_static": ("paddle.jit.to_static(model)", {}),
    "batch 250": ("250 images per batch instead of 100", {}),
}


def time_it(function, repeats: int = REPEATS) -> list[float]:
    """Wall-clock seconds of each of ``repeats`` calls."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def epoch_variant(name: str) -> dict:
    """Train the chapter CNN on EPOCH_SHARE images as variant ``name``, in this process."""
    import lessons_src  # noqa: F401  (quiets Paddle before it is imported)
    import paddle
    import paddle.nn.functional as F

    from lessons_src import CNN, load_data, seed_everything, train

    if name == "2 threads":
        paddle.base.core.set_num_threads(2)
    seed_everything(0)
    model = CNN(num_outputs=10)
    if name == "to_static":
        model = paddle.jit.to_static(model)
    optimizer = paddle.optimizer.SGD(learning_rate=0.01, parameters=model.parameters())
    batch_size = 250 if name == "batch 250" else 100
    batches = load_data("train", batch_size=batch_size, limit=EPOCH_SHARE, label_dtype="int64")
    start = time.perf_counter()
    if name == "bare Paddle loop":
        model.train()
        for images, labels in batches():
            loss = F.cross_entropy(model(paddle.to_tensor(images)), paddle.to_tensor(labels))
            loss.backward()
            optimizer.step()
            optimizer.clear_grad()
    else:
        train(model, batches, optimizer, F.cross_entropy, 1, log_every=0, progress=False)
    seconds = time.perf_counter() - start
    parameters = b"".join(p.numpy().tobytes() for p in model.parameters())
    return {
        "epoch_seconds": seconds * 50_000 / EPOCH_SHARE,
        "parameters_md5": hashlib.md5(parameters).hexdigest(),
    }


def epoch_variants() -> list[tuple[str, float, str]]:
    """Rows for every variant, each measured in a fresh process."""
    measured = {}
    for name, (_, extra_env) in EPOCH_VARIANTS.items():
        command = [sys.executable, "-m", "bookbuild", "benchmark", "--variant", name]
        reply = subprocess.run(
            command, check=True, capture_output=True, text=True, env={**os.environ, **extra_env}
        )
        measured[name] = json.loads(reply.stdout.strip().splitlines()[-1])
    base = measured["course loop"]
    rows = []
    for name, (change, _) in EPOCH_VARIANTS.items():
        seconds = measured[name]["epoch_seconds"]
        same = measured[name]["parameters_md5"] == base["parameters_md5"]
        verdict = "same bits" if same else "other bits"
        if name == "batch 250":
            verdict = "other training (fewer, larger steps)"
        rows.append(
            (
                f"epoch, {name}",
                seconds,
                f"s; x{base['epoch_seconds'] / seconds:.2f} speed; {verdict}; {change}",
            )
        )
    return rows


def chapters_alone(mode: str) -> list[tuple[str, float, str]]:
    """Each chapter run alone in a fresh kernel, one after the other; nothing is saved."""
    rows = []
    scratch = Path(tempfile.mkdtemp(prefix="benchmark-"))
    for notebook in [ROOT / page for page in CHAPTERS]:  # the Chinese edition runs the same code
        run = run_notebook(notebook, mode == "quick", scratch, save=False)
        rows.append((f"{notebook.stem}, {mode} mode, alone", run["seconds"], "s"))
    return rows


def course_two_at_a_time(mode: str) -> list[tuple[str, float, str]]:
    command = [sys.executable, "-m", "bookbuild", "run"]
    if mode == "quick":
        command.append("--quick")
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    peak_children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return [
        (f"whole course, {mode} mode, 2 at a time", (time.perf_counter() - start) / 60, "min"),
        ("peak memory of one chapter process", peak_children_mb, "MB"),
    ]


def data_rows() -> list[tuple[str, float, str]]:
    import lessons_src  # noqa: F401
    import paddle

    from lessons_src import mnist_files
    from lessons_src.mnist_files import load_split, mnist_paths

    def load_cold() -> None:
        mnist_files._read_part.cache_clear()
        load_split("train")

    def load_paddle_dataset() -> None:
        images, labels = mnist_paths("train")
        paddle.vision.datasets.MNIST(
            image_path=str(images),
            label_path=str(labels),
            mode="train",
            download=False,
            backend="cv2",
        )

    return [
        (
            "load train split (lessons_src, cold)",
            statistics.median(time_it(load_cold)),
            "s, median of 5",
        ),
        (
            "paddle.vision MNIST(mode='train')",
            statistics.median(time_it(load_paddle_dataset, 2)),
            "s, median of 2",
        ),
    ]


def benchmark(course: str) -> None:
    """Print the processor, then every measurement; ``course`` ("none", "quick", "full") adds
    the chapters' times, each chapter alone and the whole course."""
    cpu = processor.describe()
    print(f"processor: {cpu['model']}, {cpu['cores']} cores, AVX-512: {cpu['avx512']}")
    rows = data_rows() + epoch_variants()
    if course != "none":
        rows += chapters_alone(course) + course_two_at_a_time(course)
    rows.append(
        (
            "peak memory of this process",
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "MB",
        )
    )
    width = max(len(name) for name, _, _ in rows)
    for name, value, unit in rows:
        print(f"{name:{width}s} {value:8.2f} {unit}", flush=True)
