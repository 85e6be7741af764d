"""Train the dropout CNN of chapter 8 with a checkpoint per epoch, resuming
from the latest one.

Run it, kill it at any moment (even during a save), run it again: it continues
from the last complete checkpoint and ends with exactly the parameters of a run
that was never interrupted.

python resume_train.py --folder checkpoints/resume --epochs 3 python
resume_train.py --folder checkpoints/resume --epochs 3 --kill-at step:7   #
crash test

--kill-at step:N kills this process with SIGKILL after its N-th optimizer step
(counted from 1 in this run); --kill-at save:N kills it in the middle of its
N-th checkpoint save, after the model file is written and before the checkpoint
is complete.
"""

import argparse
import os
import signal

import lessons_src  # first: it quiets Paddle before Paddle is imported

import paddle

from lessons_src import DropoutCNN, seed_everything
from lessons_src import checkpoints
from lessons_src.resumable import train_with_checkpoints


def make_training(epochs: int, steps_per_epoch: int, seed: int):
    """Model, optimizer and scheduler exactly as chapter 8 builds them."""
    seed_everything(seed)
    model = DropoutCNN()
    scheduler = paddle.optimizer.lr.PolynomialDecay(
        learning_rate=0.01, end_lr=0.001, decay_steps=epochs * steps_per_epoch
    )
    optimizer = paddle.optimizer.Adam(
        learning_rate=scheduler, parameters=model.parameters()
    )
    return model, optimizer, scheduler


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", required=True)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--kill-at", default=None, help="step:N or save:N (crash test)"
    )
    args = parser.parse_args()

    steps_per_epoch = -(-args.samples // args.batch_size)
    model, optimizer, scheduler = make_training(
        args.epochs, steps_per_epoch, args.seed
    )
    after_step = None
    if args.kill_at:
        kind, _, number = args.kill_at.partition(":")
        count = {"steps": 0, "saves": 0}
        if kind == "step":

            def after_step(_step):
                count["steps"] += 1
                if count["steps"] == int(number):
                    die()
        elif kind == "save":
            real_save = paddle.save

            def save_then_maybe_die(obj, path, *rest, **options):
                real_save(obj, path, *rest, **options)
                if str(path).endswith(checkpoints.MODEL_FILE):
                    count["saves"] += 1
                    if count["saves"] == int(number):
                        # the model file is written, the checkpoint is not
                        # complete
                        die()

            paddle.save = save_then_maybe_die
        else:
            parser.error(
                f"--kill-at must be step:N or save:N, not {args.kill_at!r}"
            )

    losses = train_with_checkpoints(
        model,
        optimizer,
        scheduler,
        args.epochs,
        args.folder,
        limit=args.samples,
        batch_size=args.batch_size,
        seed=args.seed,
        after_step=after_step,
    )
    for epoch, values in losses.items():
        print(
            f"epoch {epoch}: mean loss {sum(values) / len(values):.4f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
