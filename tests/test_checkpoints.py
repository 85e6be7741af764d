"""Checkpoint helpers: exact round trip, clear errors, incomplete saves ignored."""

import subprocess
import sys

import numpy as np
import paddle
import pytest

from lessons_src import CNN, DropoutCNN
from lessons_src.checkpoints import (
    MODEL_FILE,
    STATE_FILE,
    CheckpointError,
    load_checkpoint,
    save_checkpoint,
    saved_epochs,
)
from lessons_src.resumable import epoch_order


def training(model_class=DropoutCNN):
    model = model_class()
    scheduler = paddle.optimizer.lr.PolynomialDecay(
        learning_rate=0.01, decay_steps=20, end_lr=0.001
    )
    return (
        model,
        paddle.optimizer.Adam(learning_rate=scheduler, parameters=model.parameters()),
        scheduler,
    )


def step(model, optimizer, scheduler):
    images = paddle.rand([8, 1, 28, 28])  # drawn from Paddle's generator, like dropout's masks
    loss = paddle.nn.functional.cross_entropy(model(images), paddle.zeros([8, 1], dtype="int64"))
    loss.backward()
    optimizer.step()
    optimizer.clear_grad()
    scheduler.step()
    return float(loss)


def test_a_resumed_model_continues_bit_for_bit_in_the_same_process(tmp_path):
    paddle.seed(0)
    model, optimizer, scheduler = training()
    step(model, optimizer, scheduler)
    save_checkpoint(tmp_path, 0, model, optimizer)
    continued = [step(model, optimizer, scheduler) for _ in range(3)]

    fresh, fresh_optimizer, fresh_scheduler = training()  # new internal parameter names
    assert load_checkpoint(tmp_path, fresh, fresh_optimizer) == 0
    assert fresh_scheduler.last_lr == pytest.approx(0.01 - 0.009 / 20)
    resumed = [step(fresh, fresh_optimizer, fresh_scheduler) for _ in range(3)]
    assert resumed == continued
    for (name, a), b in zip(model.state_dict().items(), fresh.state_dict().values()):
        assert np.array_equal(a.numpy(), b.numpy()), name


def test_another_architecture_is_named_parameter_by_parameter(tmp_path):
    model, optimizer, _ = training(lambda: CNN(num_outputs=10))
    save_checkpoint(tmp_path, 0, model, optimizer)
    other, other_optimizer, _ = training(lambda: CNN(num_outputs=1))
    with pytest.raises(
        CheckpointError,
        match=r"(?s)different model.*fc.weight: checkpoint \[980, 10\], model \[980, 1\]",
    ):
        load_checkpoint(tmp_path, other, other_optimizer)


def test_missing_checkpoints_say_what_exists(tmp_path):
    model, optimizer, _ = training()
    with pytest.raises(CheckpointError, match="No checkpoint in .*does not exist"):
        load_checkpoint(tmp_path / "nowhere", model, optimizer)
    save_checkpoint(tmp_path, 0, model, optimizer)
    with pytest.raises(
        CheckpointError, match="No checkpoint for epoch 3 .*complete checkpoints: epoch_0"
    ):
        load_checkpoint(tmp_path, model, optimizer, epoch=3)


def test_an_interrupted_save_is_not_a_checkpoint_and_is_cleaned_up(tmp_path):
    model, optimizer, _ = training()
    save_checkpoint(tmp_path, 0, model, optimizer)
    (tmp_path / ".epoch_1.partial").mkdir()  # what a crash during a save leaves behind
    assert saved_epochs(tmp_path) == [0]
    save_checkpoint(tmp_path, 1, model, optimizer)
    save_checkpoint(tmp_path, 1, model, optimizer)  # saving the same epoch again replaces it
    assert saved_epochs(tmp_path) == [0, 1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["epoch_0", "epoch_1"]


@pytest.mark.parametrize("damage", ["zero bytes", "truncated"])
def test_a_damaged_checkpoint_file_names_the_file_and_the_way_out(tmp_path, damage):
    model, optimizer, _ = training()
    save_checkpoint(tmp_path, 0, model, optimizer)
    save_checkpoint(tmp_path, 1, model, optimizer)
    damaged = tmp_path / "epoch_1" / MODEL_FILE
    content = damaged.read_bytes()
    damaged.write_bytes(b"" if damage == "zero bytes" else content[: len(content) // 2])
    fresh, fresh_optimizer, _ = training()
    expected = "is empty \\(0 bytes\\)" if damage == "zero bytes" else "cannot be read"
    with pytest.raises(
        CheckpointError, match=rf"epoch_1/model.pdparams {expected}.*epoch=0.*delete"
    ):
        load_checkpoint(tmp_path, fresh, fresh_optimizer)
    # the older one still works
    assert load_checkpoint(tmp_path, fresh, fresh_optimizer, epoch=0) == 0


def test_a_damaged_first_checkpoint_says_to_start_over(tmp_path):
    model, optimizer, _ = training()
    save_checkpoint(tmp_path, 0, model, optimizer)
    (tmp_path / "epoch_0" / STATE_FILE).write_bytes(b"\x80\x04")
    with pytest.raises(CheckpointError, match=r"state.pkl cannot be read.*train from the start"):
        load_checkpoint(tmp_path, model, optimizer)


def test_resuming_past_an_interrupted_save_says_so(tmp_path, capsys):
    model, optimizer, _ = training()
    save_checkpoint(tmp_path, 0, model, optimizer)
    partial = tmp_path / ".epoch_1.partial"
    partial.mkdir()  # a kill during the save of epoch 1 leaves this
    (partial / MODEL_FILE).write_bytes(b"half")
    assert load_checkpoint(tmp_path, model, optimizer) == 0
    said = capsys.readouterr().out
    assert ".epoch_1.partial" in said and "interrupted" in said and "resuming from epoch_0" in said


def test_the_random_state_survives_a_new_process(tmp_path):
    """Paddle 2.6 pickles a generator's seed but not its position; the checkpoint must not rely
    on it."""
    model, optimizer, scheduler = training()
    save_checkpoint(tmp_path, 0, model, optimizer)
    expected = paddle.rand([4]).numpy().tolist()
    script = (
        "import lessons_src, paddle\n"
        "from lessons_src import DropoutCNN\n"
        "from lessons_src.checkpoints import load_checkpoint\n"
        "model = DropoutCNN()\n"
        "optimizer = paddle.optimizer.Adam(parameters=model.parameters())\n"
        f"load_checkpoint({str(tmp_path)!r}, model, optimizer)\n"
        "print(paddle.rand([4]).numpy().tolist())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == str(expected)


def test_an_epochs_order_depends_on_the_epoch_and_seed_alone():
    first = epoch_order(3, 100)
    assert sorted(first) == list(range(100))
    assert np.array_equal(first, epoch_order(3, 100))
    assert not np.array_equal(first, epoch_order(4, 100))
    assert not np.array_equal(first, epoch_order(3, 100, seed=7))
