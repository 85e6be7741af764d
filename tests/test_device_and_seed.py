"""Device choice and seeding."""

import os
import random
import subprocess
import sys

import numpy as np
import paddle
import pytest

from lessons_src import device as device_module
from lessons_src import DeviceError, choose_device, seed_everything
from lessons_src.seeding import _request_deterministic_gpu


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
    with pytest.raises(
        DeviceError, match="'gpu' was requested but is not available.*'auto' or 'cpu'"
    ):
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


def test_importing_the_course_keeps_library_info_lines_out_of_outputs(tmp_path):
    """Paddle sets the root logger to INFO with a stderr handler; on a machine that has never run
    matplotlib, its first-run INFO line would then appear in the first notebook cell's output."""
    script = (
        "import logging\n"
        "before = (list(logging.getLogger().handlers), logging.getLogger().level)\n"
        "import lessons_src, paddle\n"
        "assert (list(logging.getLogger().handlers), logging.getLogger().level) == before\n"
        "import matplotlib.pyplot\n"
        "logging.getLogger('some.library').info('an INFO line nobody asked for')\n"
    )
    fresh_cache = dict(
        os.environ, MPLCONFIGDIR=str(tmp_path / "mpl"), XDG_CACHE_HOME=str(tmp_path / "xdg")
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=fresh_cache,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "mpl").is_dir(), "matplotlib should have built its cache from scratch"
    assert result.stdout == "" and result.stderr == ""


def test_the_course_asks_for_deterministic_gpu_kernels_before_paddle_starts():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, lessons_src; print(os.environ['FLAGS_cudnn_deterministic'])",
        ],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "FLAGS_cudnn_deterministic"},
        timeout=120,
    )
    assert result.stdout.strip() == "1", result.stderr


def test_on_a_gpu_build_seeding_sets_the_deterministic_flag(monkeypatch):
    flags = {}
    monkeypatch.setattr(paddle.device, "is_compiled_with_cuda", lambda: True)
    monkeypatch.setattr(paddle, "set_flags", flags.update)
    monkeypatch.setenv("FLAGS_cudnn_deterministic", "1")
    seed_everything(3)
    assert flags == {"FLAGS_cudnn_deterministic": True}
    # a user who prefers speed keeps the choice
    monkeypatch.setenv("FLAGS_cudnn_deterministic", "0")
    _request_deterministic_gpu()
    assert flags == {"FLAGS_cudnn_deterministic": False}


def test_on_a_cpu_build_no_gpu_flag_is_touched(monkeypatch):
    monkeypatch.setattr(paddle, "set_flags", lambda flags: pytest.fail(f"set_flags({flags})"))
    seed_everything(3)  # this machine's Paddle is the CPU build
