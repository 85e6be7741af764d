"""One call that makes a run repeatable, on the CPU and on a GPU.

Seeding is explained in chapter 1, deterministic GPU kernels in chapter 8.

Seeds make the random numbers repeatable. On a GPU that is not enough: for a
convolution, cuDNN picks among several algorithms, and some add up partial
results in whatever order the hardware finishes them, so two runs with the same
seed can differ in the last bits. Paddle's flag ``FLAGS_cudnn_deterministic``
restricts cuDNN to deterministic algorithms (chapters 6 and 8 say what that
costs). The flag is read when Paddle starts, so ``import lessons_src`` sets it
in the environment before it imports Paddle; ``seed_everything`` sets it again
in case Paddle was imported first. A CPU build of Paddle has no such flag and
needs none.
"""

import os
import random

import numpy as np

DETERMINISTIC_GPU_FLAG = "FLAGS_cudnn_deterministic"


def _request_deterministic_gpu() -> None:
    """Ask cuDNN for deterministic algorithms, unless the user set the flag to
    0 (chapter 8).

    Sets the flag for Paddle processes started later (such as data-parallel
    ranks) and, on a CUDA build, for this one; a CPU build has no such flag.
    """
    os.environ.setdefault(DETERMINISTIC_GPU_FLAG, "1")
    import paddle

    if paddle.device.is_compiled_with_cuda():
        wanted = os.environ[DETERMINISTIC_GPU_FLAG].strip().lower() not in {
            "0",
            "false",
            "off",
        }
        paddle.set_flags({DETERMINISTIC_GPU_FLAG: wanted})


def seed_everything(seed: int) -> None:
    """Seed Python's ``random``, NumPy and Paddle with the same ``seed``
    (chapter 1).

    Paddle's seed covers parameter initialisation, dropout and the shuffling of
    ``paddle.io.DataLoader`` on every device; NumPy and ``random`` cover any
    data handling done outside Paddle. On a GPU it also asks for deterministic
    cuDNN kernels.
    """
    import paddle

    _request_deterministic_gpu()
    random.seed(seed)
    np.random.seed(seed)
    paddle.seed(seed)
