"""Checkpoints that survive crashes and resume training exactly. Explained in
chapter 8.

A checkpoint is a folder ``epoch_<N>`` holding everything needed to continue as
if training had never stopped:

* ``model.pdparams``: the parameters (``model.state_dict()``);
* ``optimizer.pdopt``: the optimizer's state (Adam's moments, the learning-rate
  scheduler), stored under the model's structured parameter names
  (``conv1.weight``), because Paddle's own keys use internal names
  (``conv2d_3.w_0``) that differ for every model built in the same process;
* ``state.pkl``: the epoch, the random-number states of Python and NumPy, and
  the seed Paddle's generator was re-seeded with at this checkpoint (see
  ``random_states``).

It is written into a temporary folder that is renamed into place only when
complete; a rename is atomic, so a crash at any moment leaves either the
previous checkpoints alone or the new one whole.
"""

import os
import pickle
import random
import re
import shutil
from pathlib import Path

import numpy as np
import paddle

_EPOCH_DIR = re.compile(r"^epoch_(\d+)$")
MODEL_FILE, OPTIMIZER_FILE, STATE_FILE = (
    "model.pdparams",
    "optimizer.pdopt",
    "state.pkl",
)


class CheckpointError(RuntimeError):
    """A checkpoint is missing, incomplete, or belongs to a different model
    (chapter 8)."""


def _internal_to_structured(model: paddle.nn.Layer) -> dict[str, str]:
    return {param.name: name for name, param in model.named_parameters()}


def _rename_optimizer_keys(state: dict, mapping: dict[str, str]) -> dict:
    """Replace the parameter-name prefix of every optimizer key using
    ``mapping``."""
    prefixes = sorted(mapping, key=len, reverse=True)
    renamed = {}
    for key, value in state.items():
        prefix = next(
            (p for p in prefixes if key == p or key.startswith(p + "_")), None
        )
        renamed[
            key if prefix is None else mapping[prefix] + key[len(prefix) :]
        ] = value
    return renamed


def random_states() -> dict:
    """The random-number state a checkpoint stores, for Python, NumPy and
    Paddle (chapter 8).

    Python's and NumPy's generator states are saved as they are. Paddle's
    cannot be saved on every version: Paddle 2.6 pickles its generator's seed
    but not its position, so a restored state silently starts the stream again.
    So Paddle is re-seeded here, with a seed drawn from its own generator, and
    that seed is saved: from this point on, the run's random numbers are fully
    described by the checkpoint, on Paddle 2.6 and 3.x and on every device.
    """
    paddle_seed = int(paddle.randint(0, 2**31 - 1, shape=[1]).item())
    paddle.seed(paddle_seed)
    return {
        "python": random.getstate(),
        "numpy": np.random.get_state(),
        "paddle_seed": paddle_seed,
    }


def _set_random_states(states: dict) -> None:
    """Restore the state saved by ``random_states`` (chapter 8)."""
    random.setstate(states["python"])
    np.random.set_state(states["numpy"])
    paddle.seed(states["paddle_seed"])


def saved_epochs(folder: str | Path) -> list[int]:
    """Epochs with a complete checkpoint in ``folder``, oldest first (chapter
    8)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(
        int(m.group(1))
        for p in folder.iterdir()
        if (m := _EPOCH_DIR.match(p.name))
    )


def save_checkpoint(
    folder: str | Path,
    epoch: int,
    model: paddle.nn.Layer,
    optimizer: paddle.optimizer.Optimizer,
) -> Path:
    """Atomically write the checkpoint of a finished ``epoch`` into ``folder``
    (chapter 8).

    Includes the scheduler (through the optimizer) and the random-number
    states.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"epoch_{epoch}"
    temporary = folder / f".epoch_{epoch}.partial"
    # left over from a crash during a save
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir()
    paddle.save(model.state_dict(), str(temporary / MODEL_FILE))
    optimizer_state = _rename_optimizer_keys(
        optimizer.state_dict(), _internal_to_structured(model)
    )
    paddle.save(optimizer_state, str(temporary / OPTIMIZER_FILE))
    with open(temporary / STATE_FILE, "wb") as handle:
        pickle.dump({"epoch": epoch, "random": random_states()}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    # re-saving an epoch replaces it; the rename below is still atomic
    if final.exists():
        stale = folder / f".epoch_{epoch}.stale"
        shutil.rmtree(stale, ignore_errors=True)
        final.rename(stale)
        temporary.rename(final)
        shutil.rmtree(stale)
    else:
        temporary.rename(final)
    return final


def _check_same_architecture(
    model: paddle.nn.Layer, saved: dict, source: Path
) -> None:
    expected = {
        name: list(value.shape) for name, value in model.state_dict().items()
    }
    found = {name: list(value.shape) for name, value in saved.items()}
    problems = [
        f"{name}: checkpoint {found[name]}, model {shape}"
        for name, shape in expected.items()
        if name in found and found[name] != shape
    ]
    problems += [
        f"{name}: missing from the checkpoint"
        for name in expected
        if name not in found
    ]
    problems += [
        f"{name}: in the checkpoint but not in the model"
        for name in found
        if name not in expected
    ]
    if problems:
        raise CheckpointError(
            f"{source} was saved from a different model ({len(problems)} "
            "mismatched parameters):\n  "
            + "\n  ".join(problems[:10])
            + "\nBuild the same architecture that was trained, or start from "
            "a fresh checkpoint folder."
        )


def load_checkpoint(
    folder: str | Path,
    model: paddle.nn.Layer,
    optimizer: paddle.optimizer.Optimizer,
    epoch: int | None = None,
) -> int:
    """Restore model, optimizer, scheduler and random states; return the epoch
    restored (chapter 8).

    ``epoch=None`` takes the latest complete checkpoint, and says so when it
    passes over a save that a crash interrupted. The next epoch to train is the
    returned value plus one.
    """
    folder = Path(folder)
    epochs = saved_epochs(folder)
    if epoch is None:
        if not epochs:
            raise CheckpointError(
                f"No checkpoint in {folder}: it holds {_listing(folder)}."
            )
        epoch = epochs[-1]
        for partial in sorted(folder.glob(".epoch_*.partial")):
            print(
                f"{partial.name} in {folder} is a save that was interrupted "
                f"(incomplete); resuming from epoch_{epoch}, the latest "
                "complete checkpoint."
            )
    source = folder / f"epoch_{epoch}"
    if epoch not in epochs:
        raise CheckpointError(
            f"No checkpoint for epoch {epoch} in {folder}; complete "
            "checkpoints: "
            f"{', '.join(f'epoch_{e}' for e in epochs) or 'none'} (folder "
            f"holds {_listing(folder)})."
        )
    earlier = [e for e in epochs if e < epoch]
    saved_model = _read(source / MODEL_FILE, paddle.load, earlier)
    _check_same_architecture(model, saved_model, source)
    structured = _read(source / OPTIMIZER_FILE, paddle.load, earlier)
    state = _read(source / STATE_FILE, _unpickle, earlier)
    model.set_state_dict(saved_model)
    reverse = {
        name: internal
        for internal, name in _internal_to_structured(model).items()
    }
    optimizer.set_state_dict(_rename_optimizer_keys(structured, reverse))
    _set_random_states(state["random"])
    return state["epoch"]


def _unpickle(path: str):
    with open(path, "rb") as handle:
        return pickle.load(handle)


def _read(path: Path, reader, earlier: list[int]):
    """Read one file of a checkpoint, or raise a CheckpointError that says what
    to do instead."""
    damaged = None
    if not path.is_file():
        damaged = "is missing"
    elif path.stat().st_size == 0:
        damaged = "is empty (0 bytes)"
    else:
        try:
            return reader(str(path))
        except (
            Exception
        ) as error:  # truncated or overwritten files fail in many ways
            damaged = (
                f"cannot be read ({type(error).__name__}: {str(error)[:200]})"
            )
    epoch_folder = path.parent
    fix = (
        f"load an earlier one with epoch={earlier[-1]}, or delete "
        f"{epoch_folder} so that resuming takes epoch_{earlier[-1]}"
        if earlier
        else f"delete {epoch_folder} and train from the start"
    )
    raise CheckpointError(
        f"{path} {damaged}: this checkpoint is damaged. To continue, {fix}."
    )


def _listing(folder: Path) -> str:
    if not folder.exists():
        return "nothing (the folder does not exist)"
    names = sorted(p.name for p in folder.iterdir())
    return ", ".join(names) if names else "nothing"
