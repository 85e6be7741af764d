"""Helpers of the course "Handwritten digit recognition with PaddlePaddle".

Each helper is code a chapter has already explained; its docstring names the
chapter. Importing this package first silences Paddle's start-up logging and
asks for deterministic GPU kernels, both of which must happen before Paddle
starts, so ``import lessons_src`` belongs before ``import paddle``.
"""

import os

from .seeding import DETERMINISTIC_GPU_FLAG

os.environ.setdefault(
    DETERMINISTIC_GPU_FLAG, "1"
)  # read by Paddle when it starts

from .quiet import quiet_paddle  # noqa: E402

quiet_paddle()

from .checks import check_range  # noqa: E402
from .data import MnistDataset, load_data  # noqa: E402
from .device import DeviceError, choose_device, gpu_count  # noqa: E402
from .mnist_files import (
    DataFileError,
    data_dir,
    load_split,
    mnist_paths,
    read_idx,
    verified_path,
)  # noqa: E402
from .mode import is_quick, mode_name, sizes  # noqa: E402
from .models import CNN, MLP, DropoutCNN  # noqa: E402
from .photos import PhotoError, load_photo, photo_ink  # noqa: E402
from .seeding import request_deterministic_gpu, seed_everything  # noqa: E402
from .timing import (
    Timings,
    check_timing,
    interleave,
    time_interleaved,
)  # noqa: E402
from .training import (
    argmax_accuracy,
    evaluate,
    predict,
    rounded_accuracy,
    smoothed,
    train,
)  # noqa: E402

__all__ = [
    "CNN",
    "MLP",
    "MnistDataset",
    "DataFileError",
    "DropoutCNN",
    "DeviceError",
    "PhotoError",
    "Timings",
    "argmax_accuracy",
    "check_range",
    "check_timing",
    "choose_device",
    "data_dir",
    "evaluate",
    "gpu_count",
    "interleave",
    "is_quick",
    "load_data",
    "load_photo",
    "load_split",
    "mnist_paths",
    "mode_name",
    "photo_ink",
    "predict",
    "quiet_paddle",
    "read_idx",
    "request_deterministic_gpu",
    "rounded_accuracy",
    "seed_everything",
    "sizes",
    "smoothed",
    "time_interleaved",
    "train",
    "verified_path",
]
