"""Training that can stop after any epoch and continue bit for bit. Explained
in chapter 8.

Two things make an epoch repeatable: its data order is computed from the epoch
number alone (``epoch_order``), not drawn from a generator whose state depends
on everything that ran before; and everything else that changes while training
(parameters, optimizer moments, learning-rate schedule, random-number states)
is in the checkpoint (``lessons_src.checkpoints``).
"""

from collections.abc import Callable

import numpy as np
import paddle
import paddle.nn.functional as F

from .checkpoints import load_checkpoint, save_checkpoint, saved_epochs
from .data import to_model_arrays
from .mnist_files import load_split


def epoch_order(epoch: int, count: int, seed: int = 2024) -> np.ndarray:
    """The shuffled sample order of ``epoch``: a function of the epoch and seed
    only (chapter 8)."""
    return np.random.default_rng([seed, epoch]).permutation(count)


def train_epoch(
    model: paddle.nn.Layer,
    optimizer: paddle.optimizer.Optimizer,
    scheduler: paddle.optimizer.lr.LRScheduler,
    epoch: int,
    *,
    limit: int | None,
    batch_size: int = 100,
    seed: int = 2024,
    after_step: Callable[[int], None] | None = None,
) -> list[float]:
    """Train one epoch in ``epoch_order`` with cross-entropy; step the
    scheduler per batch (chapter 8).

    ``after_step(step)`` is called after every optimizer step (the fault test
    uses it to crash).
    """
    images, labels = load_split("train")
    images, labels = images[:limit], labels[:limit]
    order = epoch_order(epoch, len(images), seed)
    model.train()
    losses = []
    for step, start in enumerate(range(0, len(order), batch_size)):
        rows = order[start : start + batch_size]
        batch_images, batch_labels = to_model_arrays(
            images[rows], labels[rows], "int64"
        )
        loss = F.cross_entropy(
            model(paddle.to_tensor(batch_images)),
            paddle.to_tensor(batch_labels),
        )
        loss.backward()
        optimizer.step()
        optimizer.clear_grad()
        scheduler.step()
        losses.append(float(loss))
        if after_step:
            after_step(step)
    return losses


def train_with_checkpoints(
    model: paddle.nn.Layer,
    optimizer: paddle.optimizer.Optimizer,
    scheduler: paddle.optimizer.lr.LRScheduler,
    epochs: int,
    folder,
    *,
    limit: int | None,
    batch_size: int = 100,
    seed: int = 2024,
    resume: bool = True,
    after_step: Callable[[int], None] | None = None,
) -> dict[int, list[float]]:
    """Train epochs 0..epochs-1, saving a checkpoint after each; resume from
    the latest (chapter 8).

    Returns the losses of the epochs trained in this call, by epoch.
    """
    first = 0
    if resume and saved_epochs(folder):
        first = load_checkpoint(folder, model, optimizer) + 1
    losses = {}
    for epoch in range(first, epochs):
        losses[epoch] = train_epoch(
            model,
            optimizer,
            scheduler,
            epoch,
            limit=limit,
            batch_size=batch_size,
            seed=seed,
            after_step=after_step,
        )
        save_checkpoint(folder, epoch, model, optimizer)
    return losses
