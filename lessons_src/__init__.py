"""Helpers of the course "Handwritten digit recognition with PaddlePaddle".

Each helper is code a chapter has already explained; its docstring names the
chapter. Importing this package first silences Paddle's start-up logging and
asks for deterministic GPU kernels, both of which must happen before Paddle
starts, so ``import lessons_src`` belongs before ``import paddle``.
"""

import os

from .seeding import DETERMINISTIC_GPU_FLAG

# read by Paddle when it starts
os.environ.setdefault(DETERMINISTIC_GPU_FLAG, "1")

from .quiet import _quiet_paddle

_quiet_paddle()

from .checks import check_range
from .data import MnistDataset, load_data
from .device import DeviceError, choose_device, gpu_count
from .mnist_files import (
    DataFileError,
    data_dir,
    load_split,
    mnist_paths,
    read_idx,
)
from .mode import is_quick, mode_name, sizes
from .models import CNN, MLP, DropoutCNN
from .photos import PhotoError, load_photo, photo_ink
from .seeding import seed_everything
from .timing import (
    Timings,
    check_timing,
    interleave,
    time_interleaved,
)
from .training import (
    argmax_accuracy,
    evaluate,
    predict,
    rounded_accuracy,
    smoothed,
    train,
)

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
    "read_idx",
    "rounded_accuracy",
    "seed_everything",
    "sizes",
    "smoothed",
    "time_interleaved",
    "train",
]
