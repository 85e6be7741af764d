"""The chapter networks, the training loop and the accuracy helpers."""

import numpy as np
import pytest
import paddle
import paddle.nn.functional as F

from lessons_src import (
    CNN,
    MLP,
    argmax_accuracy,
    evaluate,
    load_data,
    predict,
    rounded_accuracy,
    seed_everything,
    smoothed,
    train,
)


def parameter_count(model):
    return sum(int(np.prod(p.shape)) for p in model.parameters())


def test_networks_have_the_source_course_shapes():
    images = paddle.zeros([4, 1, 28, 28])
    assert MLP()(images).shape == [4, 1]
    assert CNN()(images).shape == [4, 1]
    assert CNN(num_outputs=10)(images).shape == [4, 10]
    assert parameter_count(MLP()) == 784 * 10 + 10 + 10 * 10 + 10 + 10 + 1
    conv = 1 * 20 * 25 + 20 + 20 * 20 * 25 + 20
    assert parameter_count(CNN()) == conv + 980 + 1
    assert parameter_count(CNN(10)) == conv + 9800 + 10


def test_training_reduces_the_loss_and_is_repeatable():
    def run():
        seed_everything(1)
        model = CNN(num_outputs=10)
        optimizer = paddle.optimizer.SGD(learning_rate=0.05, parameters=model.parameters())
        batches = load_data("train", batch_size=50, limit=1000, label_dtype="int64")
        return train(model, batches, optimizer, F.cross_entropy, epochs=1, log_every=0), model

    losses, model = run()
    assert len(losses) == 20
    assert np.mean(losses[-5:]) < np.mean(losses[:5]) - 0.5
    again, _ = run()
    assert losses == again
    assert model.training


def test_predict_runs_in_eval_mode_and_restores_the_mode():
    seed_everything(0)
    model = paddle.nn.Sequential(
        paddle.nn.Flatten(), paddle.nn.Dropout(0.5), paddle.nn.Linear(784, 10)
    )
    batches = list(load_data("eval", batch_size=100, limit=300, label_dtype="int64")())
    first, labels = predict(model, batches)
    second, _ = predict(model, batches)
    np.testing.assert_array_equal(first, second)  # dropout is off in eval mode
    assert first.shape == (300, 10) and labels.shape == (300,)
    assert model.training


def test_accuracies():
    labels = np.array([0, 3, 9, 5])
    assert rounded_accuracy(np.array([0.4, 2.6, 11.0, 4.4]), labels) == 0.75
    logits = np.eye(10)[[0, 3, 1, 5]]
    assert argmax_accuracy(logits, labels) == 0.75


def test_smoothed_averages_whole_windows():
    np.testing.assert_array_equal(smoothed([1, 3, 5, 7, 100], window=2), [2, 6])


def test_evaluate_reports_cross_entropy_and_accuracy():
    model = paddle.nn.Sequential(paddle.nn.Flatten(), paddle.nn.Linear(784, 10))
    for p in model.parameters():
        p.set_value(np.zeros(p.shape, dtype="float32"))
    batches = list(load_data("eval", batch_size=100, limit=200, label_dtype="int64")())
    loss, accuracy = evaluate(model, batches)
    assert abs(loss - np.log(10)) < 1e-5  # all-zero logits: uniform over 10 classes
    assert 0.0 <= accuracy <= 1.0


def test_train_steps_a_learning_rate_scheduler_after_every_batch():
    model = paddle.nn.Linear(4, 1)
    schedule = paddle.optimizer.lr.StepDecay(learning_rate=1.0, step_size=1, gamma=0.5)
    optimizer = paddle.optimizer.SGD(learning_rate=schedule, parameters=model.parameters())

    def batches():
        for _ in range(3):
            yield np.ones((2, 4), dtype="float32"), np.zeros((2, 1), dtype="float32")

    train(
        model,
        batches,
        optimizer,
        paddle.nn.functional.mse_loss,
        2,
        log_every=0,
        progress=False,
        scheduler=schedule,
    )
    assert schedule.last_epoch == 6 and schedule.last_lr == pytest.approx(0.5**6)
