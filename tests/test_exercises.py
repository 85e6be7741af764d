"""Every exercise checker accepts a correct answer, rejects a wrong one, and spots the skeleton."""

import re
from pathlib import Path

import numpy as np
import pytest

from lessons_src.exercises import CHECKERS, check


def rounded_accuracy(outputs, labels):
    return float(np.mean(np.clip(np.rint(outputs), 0, 9) == labels))


def rounded_accuracy_wrong(outputs, labels):  # truncates instead of rounding
    return float(np.mean(outputs.astype(int) == labels))


def validate_labels(labels):
    assert labels.ndim == 2 and labels.shape[1] == 1
    assert np.all(labels == np.round(labels)) and np.all((0 <= labels) & (labels <= 9))


def validate_labels_wrong(labels):  # forgets the shape and whole-number checks
    assert np.all((0 <= labels) & (labels <= 9))


def count_parameters(model):
    return sum(int(np.prod(p.shape)) for p in model.parameters())


def count_parameters_wrong(model):  # counts tensors, not values
    return len(model.parameters())


def softmax_rows(logits):
    exps = np.exp(logits - logits.max(axis=1, keepdims=True))
    return exps / exps.sum(axis=1, keepdims=True)


def softmax_rows_wrong(logits):  # overflows for large logits
    with np.errstate(over="ignore", invalid="ignore"):
        exps = np.exp(logits)
        return exps / exps.sum(axis=1, keepdims=True)


def adam_step(p, g, m, v, t, lr=0.01, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    m_hat, v_hat = m / (1 - beta1 ** t), v / (1 - beta2 ** t)
    return p - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


def adam_step_wrong(p, g, m, v, t, lr=0.01, beta1=0.9, beta2=0.999, eps=1e-8):  # no bias correction
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g ** 2
    return p - lr * m / (np.sqrt(v) + eps), m, v


def shards_are_valid(shards, total):
    seen = [i for shard in shards for i in shard]
    return len(seen) == len(set(seen)) and set(seen) == set(range(total))


def shards_are_valid_wrong(shards, total):  # misses duplicates across shards
    return set(i for shard in shards for i in shard) == set(range(total))


def dead_layers(fractions):
    return [name for name, fraction in fractions.items() if fraction == 1.0]


def dead_layers_wrong(fractions):
    return [name for name, fraction in fractions.items() if fraction > 0.9]


def latest_epoch(folder):
    folder = Path(folder)
    epochs = [int(m.group(1)) for p in folder.glob("epoch_*") if (m := re.fullmatch(r"epoch_(\d+)", p.name))]
    return max(epochs) if epochs else None


def latest_epoch_wrong(folder):  # compares names as strings: epoch_2 > epoch_10
    names = sorted(p.name for p in Path(folder).glob("epoch_*")) if Path(folder).exists() else []
    return int(names[-1].split("_")[1]) if names else None


ANSWERS = {name: (globals()[name], globals()[f"{name}_wrong"]) for name in CHECKERS}


@pytest.mark.parametrize("name", sorted(CHECKERS))
def test_a_correct_answer_passes(name, capsys):
    assert check(name, ANSWERS[name][0]) is True
    assert capsys.readouterr().out == f"{name}: right.\n"


@pytest.mark.parametrize("name", sorted(CHECKERS))
def test_a_wrong_answer_is_explained(name, capsys):
    assert check(name, ANSWERS[name][1]) is False
    assert capsys.readouterr().out.startswith(f"{name}: not right yet: ")


@pytest.mark.parametrize("name", sorted(set(CHECKERS) - {"validate_labels"}))
def test_the_untouched_skeleton_is_not_written_yet(name, capsys):
    def skeleton(*args, **kwargs):
        return None  # your code here

    assert check(name, skeleton) is False
    assert "not written yet" in capsys.readouterr().out


def test_a_crashing_answer_is_reported_without_raising(capsys):
    def crashes(outputs, labels):
        raise IndexError("oops")

    assert check("rounded_accuracy", crashes) is False
    assert "raised IndexError: oops" in capsys.readouterr().out


def test_unknown_exercise_names_the_known_ones():
    with pytest.raises(KeyError, match="rounded_accuracy"):
        check("nothing", len)
