"""Quick/full mode switching and the notebooks' expected-range checks."""

import math
import re
from pathlib import Path

import pytest
from nbval.plugin import get_sanitize_patterns

from lessons_src import check_range, is_quick, sizes
from lessons_src.checks import _verdict
from lessons_src.mode import QUICK_ENV, SIZES


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


def test_quick_mode_trains_less_than_full_mode_in_every_chapter():
    for chapter, by_mode in SIZES.items():
        quick, full = by_mode["quick"], by_mode["full"]
        assert quick.epochs <= full.epochs, chapter
        if quick.train_samples is not None:
            assert full.train_samples is None or quick.train_samples <= full.train_samples, chapter


def test_sizes_follow_the_mode(monkeypatch):
    monkeypatch.setenv(QUICK_ENV, "1")
    assert sizes("01_linear_baseline") == SIZES["01_linear_baseline"]["quick"]
    monkeypatch.setenv(QUICK_ENV, "0")
    assert sizes("01_linear_baseline") == SIZES["01_linear_baseline"]["full"]


def test_unknown_chapter_lists_known_ones():
    with pytest.raises(KeyError, match="01_linear_baseline"):
        sizes("99_nothing")


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
    import json

    from lessons_src.checks import RESULTS_ENV

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
