"""Reproduce a hang of Paddle's DataLoader on a busy machine, outside the course.

Chapter 2's four timings (its linear model trained on the 40 batches of in-memory MNIST and of a
slow reader, each with 0 and with 2 worker processes) are repeated in rounds while another process
keeps a core busy. With Paddle 3.3.1 on two cores, a loader with workers but without persistent
workers sometimes never returns from the end of its data: the workers wait for work, the loader
waits for a batch. Measured here: a hang in round 2, 6 and 8 of three runs. With
``--persistent`` (``persistent_workers=True``) there was none in 45 rounds (three runs of 15), but
chapter 2 with persistent workers still hung once in its kernel under the same load. Stopping
before the end of the data does avoid it (none in 34 rounds of a variant that takes exactly 40
batches and never asks for more), which is what chapter 2's ``time_training`` does.

Exit status 1, with every thread's stack, when a loader neither yields a batch nor ends within
--timeout seconds; 0 when all of them finish.
"""

import faulthandler
import time

import lessons_src  # noqa: F401  (first: it quiets Paddle before Paddle is imported)
import paddle
import paddle.nn.functional as F

from lessons_src import MnistDataset

from .busy_core import busy_process


class SlowMnistDataset(MnistDataset):
    """Chapter 2's slow reader: every sample takes 0.5 ms more."""

    def __getitem__(self, index):
        time.sleep(0.0005)
        return super().__getitem__(index)


def train_for_40_batches(dataset: MnistDataset, workers: int, persistent: bool) -> None:
    """Chapter 2's ``time_training``: a linear model trained on the 40 batches of ``dataset``,
    read by ``workers`` worker processes."""
    model = paddle.nn.Sequential(paddle.nn.Flatten(), paddle.nn.Linear(784, 1))
    optimizer = paddle.optimizer.SGD(0.001, parameters=model.parameters())
    loader = paddle.io.DataLoader(
        dataset,
        batch_size=100,
        shuffle=True,
        num_workers=workers,
        persistent_workers=persistent and workers > 0,
    )
    for step, (images, labels) in enumerate(loader):
        if step == 40:
            break
        F.mse_loss(model(images), labels).backward()
        optimizer.step()
        optimizer.clear_grad()


def reproduce(persistent: bool, rounds: int, timeout: float) -> int:
    """Run the rounds; 0 when every loader finished (a hang exits the process with 1)."""
    data = [MnistDataset("train", limit=4_000), SlowMnistDataset("train", limit=4_000)]
    # busy until this process is gone (a hang ends it with os._exit, past any finally)
    busy = busy_process()
    try:
        for number in range(1, rounds + 1):
            faulthandler.dump_traceback_later(timeout, exit=True)
            for dataset in data:
                for workers in (0, 2):
                    train_for_40_batches(dataset, workers, persistent)
            print(f"round {number}: 4 loaders read to the end", flush=True)
        faulthandler.cancel_dump_traceback_later()
    finally:
        busy.kill()
        busy.wait()
    print(f"all {rounds} rounds finished")
    return 0
