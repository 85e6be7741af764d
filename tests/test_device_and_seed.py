"""Device choice and seeding."""

import random

import numpy as np
import paddle
import pytest

from lessons_src import device as device_module
from lessons_src import DeviceError, choose_device, seed_everything


@pytest.fixture(autouse=True)
def restore_device():
    before = paddle.device.get_device()
    yield
    paddle.set_device(before)


def test_auto_picks_the_cpu_without_a_gpu_and_says_so(monkeypatch, capsys):
    monkeypatch.setattr(device_module, "gpu_count", lambda: 0)
    monkeypatch.delenv(device_module.DEVICE_ENV, raising=False)
    assert choose_device() == "cpu"
    assert capsys.readouterr().out == "Running on CPU (no GPU is available to Paddle).\n"
    assert paddle.device.get_device() == "cpu"


def test_auto_picks_the_gpu_when_there_is_one(monkeypatch):
    monkeypatch.setattr(device_module, "gpu_count", lambda: 1)
    chosen = []
    monkeypatch.setattr(paddle, "set_device", chosen.append)
    assert choose_device("auto") == "gpu:0"
    assert chosen == ["gpu:0"]


def test_explicit_gpu_request_without_a_gpu_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(device_module, "gpu_count", lambda: 0)
    with pytest.raises(DeviceError, match="'gpu' was requested but is not available.*'auto' or 'cpu'"):
        choose_device("gpu")


def test_environment_variable_overrides_auto(monkeypatch):
    monkeypatch.setattr(device_module, "gpu_count", lambda: 0)
    monkeypatch.setenv(device_module.DEVICE_ENV, "gpu:1")
    with pytest.raises(DeviceError, match="gpu:1"):
        choose_device()
    monkeypatch.setenv(device_module.DEVICE_ENV, "cpu")
    assert choose_device() == "cpu"


def test_unknown_device_name_is_an_error():
    with pytest.raises(ValueError, match="'tpu' is not understood"):
        choose_device("tpu")


def test_seed_everything_repeats_python_numpy_and_paddle():
    def draw():
        return random.random(), np.random.rand(), paddle.randn([3]).numpy().tolist()

    seed_everything(7)
    first = draw()
    seed_everything(7)
    assert draw() == first
    seed_everything(8)
    assert draw() != first
