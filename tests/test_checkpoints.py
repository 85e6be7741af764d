"""Checkpoint helpers: exact round trip, clear errors, incomplete saves ignored."""

import numpy as np
import paddle
import pytest

from lessons_src import CNN, DropoutCNN
from lessons_src.checkpoints import CheckpointError, load_checkpoint, save_checkpoint, saved_epochs


def training(model_class=DropoutCNN):
    model = model_class()
    scheduler = paddle.optimizer.lr.PolynomialDecay(learning_rate=0.01, decay_steps=20, end_lr=0.001)
    return model, paddle.optimizer.Adam(learning_rate=scheduler, parameters=model.parameters()), scheduler


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
    with pytest.raises(CheckpointError, match=r"(?s)different model.*fc.weight: checkpoint \[980, 10\], model \[980, 1\]"):
        load_checkpoint(tmp_path, other, other_optimizer)


def test_missing_checkpoints_say_what_exists(tmp_path):
    model, optimizer, _ = training()
    with pytest.raises(CheckpointError, match="No checkpoint in .*does not exist"):
        load_checkpoint(tmp_path / "nowhere", model, optimizer)
    save_checkpoint(tmp_path, 0, model, optimizer)
    with pytest.raises(CheckpointError, match="No checkpoint for epoch 3 .*complete checkpoints: epoch_0"):
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
