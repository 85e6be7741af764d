"""The training loop and the measurements every chapter repeats.

``train`` is the two nested loops of chapter 1 over the batches of chapter 2's
``load_data``; ``predict`` runs a model in evaluation mode without gradients;
the two accuracies turn outputs into the number each chapter reports.
"""

from collections.abc import Callable, Iterable

import numpy as np
import paddle
from tqdm.auto import tqdm

from .data import Batch

LossFunction = Callable[[paddle.Tensor, paddle.Tensor], paddle.Tensor]


def train(
    model: paddle.nn.Layer,
    batches: Callable[[], Iterable[Batch]],
    optimizer: paddle.optimizer.Optimizer,
    loss_fn: LossFunction,
    epochs: int,
    *,
    log_every: int = 200,
    progress: bool = True,
    scheduler: paddle.optimizer.lr.LRScheduler | None = None,
) -> list[float]:
    """Train ``model`` for ``epochs`` passes over ``batches()``; return every
    batch's loss (chapters 1-2).

    Prints the loss every ``log_every`` batches, as the source course does, and
    shows a progress bar per epoch (a widget in Jupyter, a text bar in a
    terminal) unless ``progress`` is False. A learning-rate ``scheduler`` is
    stepped after every batch (chapter 5).
    """
    model.train()
    losses = []
    for epoch in range(epochs):
        epoch_batches = tqdm(
            batches(),
            desc=f"epoch {epoch}",
            unit="batch",
            leave=False,
            disable=not progress,
        )
        for batch_id, (images, labels) in enumerate(epoch_batches):
            loss = loss_fn(
                model(paddle.to_tensor(images)), paddle.to_tensor(labels)
            )
            loss.backward()
            optimizer.step()
            optimizer.clear_grad()
            if scheduler is not None:
                scheduler.step()
            losses.append(float(loss))
            epoch_batches.set_postfix(loss=f"{losses[-1]:.3f}", refresh=False)
            if log_every and batch_id % log_every == 0:
                epoch_batches.write(
                    f"epoch {epoch}, batch {batch_id:4d}, loss "
                    f"{losses[-1]:.4f}"
                )
    return losses


def predict(
    model: paddle.nn.Layer, batches: Iterable[Batch]
) -> tuple[np.ndarray, np.ndarray]:
    """Raw outputs [N, outputs] and labels [N] for all ``batches``, in eval
    mode without gradients (chapter 3, which keeps chapter 1's
    ``predict_outputs``)."""
    was_training = model.training
    model.eval()
    outputs, labels = [], []
    with paddle.no_grad():
        for images, batch_labels in batches:
            outputs.append(model(paddle.to_tensor(images)).numpy())
            labels.append(np.asarray(batch_labels).reshape(-1))
    if was_training:
        model.train()
    return np.concatenate(outputs), np.concatenate(labels).astype(np.int64)


def rounded_accuracy(outputs: np.ndarray, labels: np.ndarray) -> float:
    """Accuracy of regression outputs rounded to the nearest digit, clipped to
    0-9 (chapter 1)."""
    guesses = np.clip(np.rint(np.asarray(outputs).reshape(-1)), 0, 9)
    return float(np.mean(guesses == np.asarray(labels).reshape(-1)))


def argmax_accuracy(logits: np.ndarray, labels: np.ndarray) -> float:
    """Accuracy of the class with the largest score (chapter 4)."""
    return float(
        np.mean(np.argmax(logits, axis=1) == np.asarray(labels).reshape(-1))
    )


def smoothed(values: list[float], window: int = 50) -> np.ndarray:
    """Mean of each block of ``window`` consecutive values, for readable loss
    curves (chapter 2)."""
    usable = len(values) // window * window
    return np.asarray(values[:usable]).reshape(-1, window).mean(axis=1)


def evaluate(
    model: paddle.nn.Layer, batches: Iterable[Batch]
) -> tuple[float, float]:
    """Mean cross-entropy and accuracy of a classifier on ``batches``, in eval
    mode (chapter 7)."""
    logits, labels = predict(model, batches)
    loss = paddle.nn.functional.cross_entropy(
        paddle.to_tensor(logits), paddle.to_tensor(labels[:, None])
    )
    return float(loss), argmax_accuracy(logits, labels)
