"""Every exercise checker accepts a correct answer, rejects a wrong one, and spots the skeleton."""

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from lessons_src.exercises import EXERCISES, check
from lessons_src.progress import _display_width
from lessons_src.verdicts import PROGRESS_ENV, _read_progress


def error_distances(outputs, labels):
    guesses = np.clip(np.rint(outputs), 0, 9).astype(int)
    return np.bincount(np.abs(guesses - labels), minlength=10)


def error_distances_wrong(outputs, labels):  # does not clip: 11 is 2 away from 9
    return np.bincount(np.abs(np.rint(outputs).astype(int) - labels), minlength=10)[:10]


def validate_labels(labels):
    assert labels.ndim == 2 and labels.shape[1] == 1
    assert np.all(labels == np.round(labels)) and np.all((0 <= labels) & (labels <= 9))


def validate_labels_wrong(labels):  # forgets the shape and whole-number checks
    assert np.all((0 <= labels) & (labels <= 9))


def linear_relu_backward(x, W, b, upstream):
    gate = upstream * (x @ W + b > 0)
    return gate @ W.T, x.T @ gate, gate.sum(axis=0)


def linear_relu_backward_wrong(x, W, b, upstream):  # forgets the ReLU
    return upstream @ W.T, x.T @ upstream, upstream.sum(axis=0)


def _softmax(logits):
    exps = np.exp(logits - logits.max(axis=1, keepdims=True))
    return exps / exps.sum(axis=1, keepdims=True)


def double_softmax_grad(logits, labels):
    p = _softmax(logits)
    upstream = (_softmax(p) - np.eye(logits.shape[1])[labels]) / len(labels)
    return p * (upstream - (upstream * p).sum(axis=1, keepdims=True))


# keeps only the diagonal of the softmax's Jacobian, p_i (1 - p_i)
def double_softmax_grad_wrong(logits, labels):
    p = _softmax(logits)
    upstream = (_softmax(p) - np.eye(logits.shape[1])[labels]) / len(labels)
    return p * (1 - p) * upstream


def momentum_position(lr, mu, g, n):
    return -lr * g / (1 - mu) * (n - mu * (1 - mu**n) / (1 - mu))


# every step at the full effective step lr * g / (1 - mu): forgets v starts at 0
def momentum_position_wrong(lr, mu, g, n):
    return -lr * g * n / (1 - mu)


def shards_are_valid(shards, total):
    seen = [i for shard in shards for i in shard]
    return len(seen) == len(set(seen)) and set(seen) == set(range(total))


def shards_are_valid_wrong(shards, total):  # misses duplicates across shards
    return set(i for shard in shards for i in shard) == set(range(total))


def dropout_moments(x, p):
    return x, x * x * p / (1 - p)


def dropout_moments_wrong(x, p):  # forgets that the survivors are scaled up
    return x * (1 - p), x * x * p * (1 - p)


def latest_epoch(folder):
    folder = Path(folder)
    epochs = [
        int(m.group(1))
        for p in folder.glob("epoch_*")
        if (m := re.fullmatch(r"epoch_(\d+)", p.name))
    ]
    return max(epochs) if epochs else None


def latest_epoch_wrong(folder):  # compares names as strings: epoch_2 > epoch_10
    names = sorted(p.name for p in Path(folder).glob("epoch_*")) if Path(folder).exists() else []
    return int(names[-1].split("_")[1]) if names else None


def merge_close_runs(runs, gap):
    merged = []
    for start, stop in runs:
        if merged and start - merged[-1][1] < gap:
            merged[-1] = (merged[-1][0], stop)
        else:
            merged.append((start, stop))
    return merged


def merge_close_runs_wrong(runs, gap):  # drops a close run instead of merging it
    return [run for i, run in enumerate(runs) if i == 0 or run[0] - runs[i - 1][1] >= gap]


def clear_winner(runs):
    by_setting = {}
    for run in runs:
        setting = (run["learning_rate"], run["hidden"])
        by_setting.setdefault(setting, []).append(run["valid_accuracy"])
    best, second = sorted(by_setting.values(), key=np.mean, reverse=True)[:2]
    if min(best) <= max(second):
        return None
    return next(s for s, accuracies in by_setting.items() if accuracies is best)


def clear_winner_wrong(runs):  # trusts the best single run
    best = max(runs, key=lambda run: run["valid_accuracy"])
    return best["learning_rate"], best["hidden"]


def test_clear_winner_explains_each_wrong_choice(capsys):
    def by_test(runs):
        best = max(runs, key=lambda run: run["test_accuracy"])
        return best["learning_rate"], best["hidden"]

    def never_none(runs):
        return (0.01, 160)

    for wrong, reason in [(by_test, "test set"), (never_none, "return None")]:
        assert check("clear_winner", wrong) is False
        assert reason in capsys.readouterr().out
    assert check("clear_winner", clear_winner_wrong) is False
    assert "lucky" in capsys.readouterr().out


def running_stats(batches, momentum=0.9):
    mean, variance = np.zeros(batches[0].shape[1]), np.ones(batches[0].shape[1])
    for batch in batches:
        mean = momentum * mean + (1 - momentum) * batch.mean(axis=(0, 2, 3))
        variance = momentum * variance + (1 - momentum) * batch.var(axis=(0, 2, 3))
    return mean, variance


def running_stats_wrong(batches, momentum=0.9):  # PyTorch's n - 1 in the variance
    mean, variance = np.zeros(batches[0].shape[1]), np.ones(batches[0].shape[1])
    for batch in batches:
        mean = momentum * mean + (1 - momentum) * batch.mean(axis=(0, 2, 3))
        variance = momentum * variance + (1 - momentum) * batch.var(axis=(0, 2, 3), ddof=1)
    return mean, variance


ANSWERS = {name: (globals()[name], globals()[f"{name}_wrong"]) for name in EXERCISES}


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_a_correct_answer_passes(name, capsys):
    assert check(name, ANSWERS[name][0]) is True
    assert capsys.readouterr().out == f"{name}: right.\n{name}：正确。\n"


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_a_wrong_answer_is_explained(name, capsys):
    assert check(name, ANSWERS[name][1]) is False
    english, chinese = capsys.readouterr().out.splitlines()
    assert english.startswith(f"{name}: not right yet: ")
    assert chinese.startswith(f"{name}：还不对。") and len(chinese) > len(name) + 8
    assert sorted(re.findall(r"\d+", english)) == sorted(re.findall(r"\d+", chinese)), (
        "the Chinese reason states other numbers than the English one"
    )


@pytest.mark.parametrize("name", sorted(set(EXERCISES) - {"validate_labels"}))
def test_the_untouched_skeleton_is_not_written_yet(name, capsys):
    def skeleton(*args, **kwargs):
        return None  # your code here

    assert check(name, skeleton) is False
    english, chinese = capsys.readouterr().out.splitlines()
    assert "not written yet" in english and "还没写" in chinese


def test_a_crashing_answer_is_reported_without_raising(capsys):
    def crashes(outputs, labels):
        raise IndexError("oops")

    assert check("error_distances", crashes) is False
    english, chinese = capsys.readouterr().out.splitlines()
    assert "raised IndexError: oops" in english
    assert "抛出了 IndexError: oops" in chinese


def _gated_dx_only(x, W, b, up):  # the ReLU's gate applied to dx alone
    return (up * (x @ W + b > 0)) @ W.T, x.T @ up, up.sum(axis=0)


def _db_not_summed(x, W, b, up):
    dx, dW, _ = linear_relu_backward(x, W, b, up)
    return dx, dW, up * (x @ W + b > 0)


def _dW_transposed(x, W, b, up):
    dx, dW, db = linear_relu_backward(x, W, b, up)
    return dx, dW.T, db


def _gate_on_upstream(x, W, b, up):  # gates on the wrong sign
    gate = up * (up > 0)
    return gate @ W.T, x.T @ gate, gate.sum(axis=0)


@pytest.mark.parametrize(
    "answer, reason",
    [
        (linear_relu_backward_wrong, "dx is"),
        (_gated_dx_only, "dW is"),
        (_db_not_summed, "db should have the shape (2,)"),
        (_dW_transposed, "dW should have the shape (3, 2)"),
        (_gate_on_upstream, "dx is"),
        (lambda x, W, b, up: (1, 2), "return a tuple (dx, dW, db)"),
    ],
)
def test_linear_relu_backward_explains_each_wrong_answer(answer, reason, capsys):
    assert check("linear_relu_backward", answer, record=False) is False
    english, chinese = capsys.readouterr().out.splitlines()
    assert reason in english and "还不对" in chinese


def test_linear_relu_backward_reports_a_crash_and_the_skeleton(capsys):
    def crashes(x, W, b, upstream):
        return x @ upstream, W, b  # shapes (4, 3) and (4, 2) do not multiply

    assert check("linear_relu_backward", crashes, record=False) is False
    assert "your function raised ValueError" in capsys.readouterr().out
    assert check("linear_relu_backward", lambda *args: None, record=False) is False
    assert "not written yet" in capsys.readouterr().out


@pytest.mark.parametrize(
    "answer, reason",
    [
        (double_softmax_grad_wrong, "the finite differences give"),
        (  # the gradient of one softmax
            lambda z, y: (_softmax(z) - np.eye(z.shape[1])[y]) / len(y),
            "that is p - y",
        ),
        (  # the gradient of each image's loss, not of the mean
            lambda z, y: double_softmax_grad(z, y) * len(y),
            "the values are 4 times too large",
        ),
        (lambda z, y: z[:, :2], "return one gradient per logit, shape (4, 5)"),
    ],
)
def test_double_softmax_grad_explains_each_wrong_answer(answer, reason, capsys):
    assert check("double_softmax_grad", answer, record=False) is False
    english, chinese = capsys.readouterr().out.splitlines()
    assert reason in english and "还不对" in chinese


def test_unknown_exercise_names_the_known_ones():
    with pytest.raises(KeyError, match="error_distances"):
        check("nothing", len)


def test_every_verdict_is_recorded_and_the_reference_solutions_are_not(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv(PROGRESS_ENV, str(tmp_path / "progress.json"))
    check("error_distances", error_distances)
    check("double_softmax_grad", double_softmax_grad_wrong)
    check("latest_epoch", lambda folder: None)
    check("momentum_position", lambda *args: 1 / 0)
    check("dropout_moments", dropout_moments, record=False)  # a reference solution
    progress = _read_progress()
    assert {name: entry["verdict"] for name, entry in progress.items()} == {
        "error_distances": "right",
        "double_softmax_grad": "not right yet",
        "latest_epoch": "not written yet",
        "momentum_position": "not right yet",
    }
    assert "finite differences" in progress["double_softmax_grad"]["detail"]
    assert "有限差分" in progress["double_softmax_grad"]["detail_zh"]
    assert "ZeroDivisionError" in progress["momentum_position"]["detail"]
    # the latest verdict replaces the earlier one
    check("double_softmax_grad", double_softmax_grad)
    assert _read_progress()["double_softmax_grad"]["verdict"] == "right"


def test_the_progress_command_prints_every_exercise_in_chapter_order(tmp_path):
    env = dict(os.environ, **{PROGRESS_ENV: str(tmp_path / "progress.json")})
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from lessons_src.exercises import check\n"
            "check('error_distances', lambda outputs, labels: [5, 1] + [0, 0, 0, 1] + [0] * 4)\n"
            "check('linear_relu_backward', lambda x, W, b, upstream: 3)",
        ],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    table = subprocess.run(
        [sys.executable, "-m", "lessons_src.progress"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout.splitlines()
    assert table[0].split() == [
        "chapter",
        "章",
        "exercise",
        "练习",
        "latest",
        "verdict",
        "最近一次判定",
        "checked",
        "检查时间",
    ]
    rows = [line.split(maxsplit=2) for line in table[1:] if not line.startswith(" ")][:11]
    assert [row[1] for row in rows] == sorted(EXERCISES, key=lambda n: EXERCISES[n][0])
    assert [row[0] for row in rows] == [str(n) for n in range(1, 12)]
    assert rows[0][2].startswith("right 正确")
    assert rows[1][2].startswith("not tried yet 还没做")
    assert rows[2][2].startswith("not right yet 还不对")
    reason = table.index(next(line for line in table if line.startswith("3 ")))
    assert table[reason + 1].strip() == "return a tuple (dx, dW, db)"
    assert table[reason + 2].strip() == "应返回一个元组 (dx, dW, db)"
    assert table[-2].startswith("1 of 11 exercises right.")
    assert table[-1].startswith("11 道练习中已做对 1 道。")
    columns = {_display_width(line.split("  20")[0]) for line in table if "  20" in line}
    assert len(columns) == 1, "the checked column is not aligned"


def test_an_unwritable_or_damaged_progress_file_never_stops_a_notebook(
    tmp_path, monkeypatch, capsys
):
    damaged = tmp_path / "progress.json"
    damaged.write_text("{ not json")
    monkeypatch.setenv(PROGRESS_ENV, str(damaged))
    assert check("error_distances", error_distances) is True
    assert _read_progress()["error_distances"]["verdict"] == "right"
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    monkeypatch.setenv(PROGRESS_ENV, str(blocked / "progress.json"))
    assert check("error_distances", error_distances) is True


def test_dropout_moments_names_the_moment_that_is_wrong(capsys):
    assert check("dropout_moments", lambda x, p: (x, x * x * p)) is False
    english, chinese = capsys.readouterr().out.splitlines()
    assert "variance" in english and "方差" in chinese
    assert check("dropout_moments", lambda x, p: (x, x * x)) is False
    english, _ = capsys.readouterr().out.splitlines()
    assert "x=2.0, p=0.5" not in english  # (2, 4) is right at p = 0.5
    assert check("dropout_moments", lambda x, p: [x]) is False
    assert "the pair (mean, variance)" in capsys.readouterr().out
