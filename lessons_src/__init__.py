"""Helpers of the course "Handwritten digit recognition with PaddlePaddle".

Each helper is code a chapter has already explained; its docstring names the
chapter. Importing this package first silences Paddle's start-up logging, so
``import lessons_src`` belongs before ``import paddle``.
"""

from .quiet import quiet_paddle

quiet_paddle()

from .checks import check_range  # noqa: E402
from .data import MnistDataset, load_data  # noqa: E402
from .device import DeviceError, choose_device, gpu_count  # noqa: E402
from .mnist_files import DataFileError, data_dir, load_split, mnist_paths, read_idx, verified_path  # noqa: E402
from .mode import is_quick, mode_name, sizes  # noqa: E402
from .models import CNN, MLP, DropoutCNN  # noqa: E402
from .photos import PhotoError, load_photo  # noqa: E402
from .seeding import seed_everything  # noqa: E402
from .training import argmax_accuracy, evaluate, predict, rounded_accuracy, smoothed, train  # noqa: E402

__all__ = [
    "CNN",
    "MLP",
    "MnistDataset",
    "DataFileError",
    "DropoutCNN",
    "DeviceError",
    "PhotoError",
    "argmax_accuracy",
    "check_range",
    "choose_device",
    "data_dir",
    "evaluate",
    "gpu_count",
    "is_quick",
    "load_data",
    "load_photo",
    "load_split",
    "mnist_paths",
    "mode_name",
    "predict",
    "quiet_paddle",
    "read_idx",
    "rounded_accuracy",
    "seed_everything",
    "sizes",
    "smoothed",
    "train",
    "verified_path",
]
