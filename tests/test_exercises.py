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
    v = beta2 * v + (1 - beta2) * g**2
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return p - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


# no bias correction
def adam_step_wrong(p, g, m, v, t, lr=0.01, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g**2
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


def pick_winner(results):
    return max(results, key=lambda r: (r["valid_accuracy"], -r["hidden"]))


def pick_winner_wrong(results):  # lets the test set choose
    return max(results, key=lambda r: r["test_accuracy"])


def channel_stats(images):
    pixels = images.reshape(-1, images.shape[-1]) / 255
    return pixels.mean(axis=0), pixels.std(axis=0)


def channel_stats_wrong(images):  # averages each image's deviation instead of pooling pixels
    scaled = images / 255
    return scaled.mean(axis=(0, 1, 2)), scaled.std(axis=(1, 2)).mean(axis=0)


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
    assert chinese.startswith(f"{name}：还不对：") and len(chinese) > len(name) + 8
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


def test_unknown_exercise_names_the_known_ones():
    with pytest.raises(KeyError, match="error_distances"):
        check("nothing", len)


def test_every_verdict_is_recorded_and_the_reference_solutions_are_not(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv(PROGRESS_ENV, str(tmp_path / "progress.json"))
    check("error_distances", error_distances)
    check("softmax_rows", softmax_rows_wrong)
    check("latest_epoch", lambda folder: None)
    check("adam_step", lambda *args: 1 / 0)
    check("dead_layers", dead_layers, record=False)  # a reference solution
    progress = _read_progress()
    assert {name: entry["verdict"] for name, entry in progress.items()} == {
        "error_distances": "right",
        "softmax_rows": "not right yet",
        "latest_epoch": "not written yet",
        "adam_step": "not right yet",
    }
    assert "not finite" in progress["softmax_rows"]["detail"]
    assert "不是有限数" in progress["softmax_rows"]["detail_zh"]
    assert "ZeroDivisionError" in progress["adam_step"]["detail"]
    check("softmax_rows", softmax_rows)  # the latest verdict replaces the earlier one
    assert _read_progress()["softmax_rows"]["verdict"] == "right"


def test_the_progress_command_prints_every_exercise_in_chapter_order(tmp_path):
    env = dict(os.environ, **{PROGRESS_ENV: str(tmp_path / "progress.json")})
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from lessons_src.exercises import check\n"
            "check('error_distances', lambda outputs, labels: [5, 1] + [0, 0, 0, 1] + [0] * 4)\n"
            "check('count_parameters', lambda model: 3)",
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
        "最近的判定",
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
    assert table[reason + 1].strip() == "MLP: got 3, expected 7971"
    assert table[reason + 2].strip() == "MLP：得到 3，应为 7971"
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
