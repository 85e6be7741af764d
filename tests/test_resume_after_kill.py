"""Kill training with SIGKILL at several points, including during a save; resuming must end
with parameters bitwise equal to a run that was never interrupted."""

import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import paddle

from lessons_src.checkpoints import MODEL_FILE, saved_epochs

SCRIPT = Path(__file__).resolve().parent.parent / "book" / "resume_train.py"
ARGS = ["--epochs", "3", "--samples", "300", "--batch-size", "50"]  # 6 steps per epoch


def run(folder: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--folder", str(folder), *ARGS, *extra],
        capture_output=True,
        text=True,
        timeout=300,
    )


def final_parameters(folder: Path) -> dict:
    return paddle.load(str(folder / "epoch_2" / MODEL_FILE))


def test_killed_and_resumed_training_matches_an_uninterrupted_run(tmp_path):
    reference, crashed = tmp_path / "reference", tmp_path / "crashed"
    assert run(reference).returncode == 0
    kills = [
        ("step:4", []),  # in epoch 0, before any checkpoint: starts over
        ("step:8", [0]),  # epoch 0 saved after step 6; killed in epoch 1
        ("save:1", [0]),  # killed while saving epoch 1: epoch 1's checkpoint must not appear
        ("step:7", [0, 1]),  # resumed from epoch 0, saved epoch 1, killed in epoch 2
    ]
    for kill_at, checkpoints_after in kills:
        result = run(crashed, "--kill-at", kill_at)
        assert result.returncode == -signal.SIGKILL, (kill_at, result.stderr[-2000:])
        assert saved_epochs(crashed) == checkpoints_after, kill_at
    finished = run(crashed)
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert saved_epochs(crashed) == [0, 1, 2]
    expected, actual = final_parameters(reference), final_parameters(crashed)
    assert expected.keys() == actual.keys()
    for name in expected:
        assert np.array_equal(expected[name].numpy(), actual[name].numpy()), name
