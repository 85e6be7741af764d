"""Quick/full mode switching and the notebooks' expected-range checks."""

import json
import math
import re
from dataclasses import asdict
from pathlib import Path

import pytest
from nbval.plugin import get_sanitize_patterns

from lessons_src import check_range, is_quick, sizes
from lessons_src.checks import _verdict
from lessons_src.mode import QUICK_ENV, _Sizes
from lessons_src.run_record import RESULTS_ENV


@pytest.mark.parametrize("value, quick", [("1", True), ("true", True), ("0", False), ("", False)])
def test_mode_follows_the_environment(monkeypatch, value, quick):
    monkeypatch.setenv(QUICK_ENV, value)
    assert is_quick() is quick


def test_mode_defaults_to_full(monkeypatch):
    monkeypatch.delenv(QUICK_ENV, raising=False)
    assert is_quick() is False


def test_unclear_mode_value_is_an_error(monkeypatch):
    monkeypatch.setenv(QUICK_ENV, "fast")
    with pytest.raises(ValueError, match="COURSE_QUICK=1"):
        is_quick()


QUICK = dict(epochs=1, train_samples=2_000)
FULL = dict(epochs=3, train_samples=None, eval_samples=1_000)


def test_sizes_follow_the_mode(monkeypatch):
    monkeypatch.setenv(QUICK_ENV, "1")
    assert sizes(quick=QUICK, full=FULL) == _Sizes(epochs=1, train_samples=2_000)
    monkeypatch.setenv(QUICK_ENV, "0")
    chosen = sizes(quick=QUICK, full=FULL)
    assert (chosen.epochs, chosen.train_samples, chosen.eval_samples) == (3, None, 1_000)


@pytest.mark.parametrize(
    "quick, full",
    [
        (dict(epochs=4, train_samples=10), dict(epochs=3, train_samples=10)),
        (dict(epochs=1, train_samples=None), dict(epochs=1, train_samples=10)),
        (dict(epochs=1, train_samples=11), dict(epochs=1, train_samples=10)),
    ],
)
def test_quick_mode_may_not_train_more_than_full_mode(quick, full):
    with pytest.raises(ValueError, match="Quick mode must not train more than full mode"):
        sizes(quick=quick, full=full)


def test_a_size_that_does_not_exist_is_an_error():
    with pytest.raises(TypeError, match="epoch"):
        sizes(quick=dict(epoch=1, train_samples=10), full=FULL)


def test_the_sizes_that_ran_are_recorded_for_the_results_page(monkeypatch, tmp_path):
    results = tmp_path / "results.jsonl"
    monkeypatch.setenv(RESULTS_ENV, str(results))
    monkeypatch.setenv(QUICK_ENV, "0")
    sizes(quick=QUICK, full=FULL)
    assert json.loads(results.read_text())["sizes"] == {**asdict(_Sizes(**FULL))}


def test_value_in_range_prints_the_value_and_the_range_of_the_mode_that_ran(monkeypatch, capsys):
    monkeypatch.setenv(QUICK_ENV, "1")
    check_range("accuracy", 0.2345, quick=(0.1, 0.3), full=(0.15, 0.25))
    assert capsys.readouterr().out == "OK: accuracy = 0.2345 (quick-mode range 0.1 to 0.3)\n"
    monkeypatch.setenv(QUICK_ENV, "0")
    check_range("accuracy", 0.2, quick=(0.1, 0.3), full=(0.15, 0.25))
    assert capsys.readouterr().out == "OK: accuracy = 0.2 (full-mode range 0.15 to 0.25)\n"


def test_a_long_verdict_puts_the_value_on_a_second_line_within_the_column():
    name = "final-loss reduction of cosine decay from 0.2 (same mean rate)"
    lines = _verdict(name, -0.0123456, "full", (-0.005, 0.02)).splitlines()
    assert lines == [f"OK: {name}", "    = -0.01235 (full-mode range -0.005 to 0.02)"]
    assert max(map(len, lines)) <= 79


def nbval_reads(output: str) -> str:
    """``output`` as the strict notebook tests compare it, after tests/nbval_sanitize.cfg."""
    config = (Path(__file__).parent / "nbval_sanitize.cfg").read_text(encoding="utf-8")
    for regex, replace in get_sanitize_patterns(config):
        output = re.sub(regex, replace, output)
    return output


@pytest.mark.parametrize(
    "name",
    ["loss", "final-loss reduction of cosine decay from 0.2 (same mean rate) of a long name"],
)
def test_the_notebook_tests_read_a_quick_and_a_full_verdict_alike_but_not_another_check(
    monkeypatch, capsys, name
):
    monkeypatch.setenv(QUICK_ENV, "1")
    check_range(name, 2.0, quick=(1, 3), full=(1.5, 2.5))
    quick_out = capsys.readouterr().out
    monkeypatch.setenv(QUICK_ENV, "0")
    check_range(name, 2.2345678, quick=(1, 3), full=(1.5, 2.5))
    full_out = capsys.readouterr().out
    assert quick_out != full_out
    assert nbval_reads(quick_out) == nbval_reads(full_out) == f"OK: {name} (in range)\n"
    check_range("other", 2.0, quick=(1, 3), full=(1.5, 2.5))
    assert nbval_reads(capsys.readouterr().out) != nbval_reads(full_out)


def test_value_outside_the_current_modes_range_fails(monkeypatch):
    monkeypatch.setenv(QUICK_ENV, "0")
    # 0.28 is fine for quick mode but not for full mode, which is the current one.
    with pytest.raises(
        AssertionError,
        match=r"accuracy = 0.28 is outside its expected full-mode range \[0.15, 0.25\]",
    ):
        check_range("accuracy", 0.28, quick=(0.1, 0.3), full=(0.15, 0.25))


def test_nan_always_fails(monkeypatch):
    monkeypatch.setenv(QUICK_ENV, "1")
    with pytest.raises(AssertionError, match="nan"):
        check_range("loss", math.nan, quick=(0, 100), full=(0, 100))


def test_an_empty_range_is_a_mistake_in_the_notebook():
    with pytest.raises(ValueError, match="range of 'loss' is empty"):
        check_range("loss", 1.0, quick=(2, 1), full=(0, 3))


def test_checked_values_are_recorded_for_the_results_page(monkeypatch, tmp_path, capsys):
    results = tmp_path / "results.jsonl"
    monkeypatch.setenv(RESULTS_ENV, str(results))
    monkeypatch.setenv(QUICK_ENV, "0")
    check_range("accuracy", 0.2, quick=(0.1, 0.3), full=(0.15, 0.25))
    check_range("loss", 3.0, quick=(1, 5), full=(2, 4))
    rows = [json.loads(line) for line in results.read_text().splitlines()]
    assert rows == [
        {"name": "accuracy", "value": 0.2, "mode": "full", "range": [0.15, 0.25]},
        {"name": "loss", "value": 3.0, "mode": "full", "range": [2, 4]},
    ]
