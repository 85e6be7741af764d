"""One call that makes a run repeatable. Explained in chapter 1."""

import random

import numpy as np


def seed_everything(seed: int) -> None:
    """Seed Python's ``random``, NumPy and Paddle with the same ``seed`` (chapter 1).

    Paddle's seed covers parameter initialisation, dropout and the shuffling of
    ``paddle.io.DataLoader``; NumPy and ``random`` cover any data handling done
    outside Paddle.
    """
    import paddle

    random.seed(seed)
    np.random.seed(seed)
    paddle.seed(seed)
