"""The results page and the journey figure come from the committed full run's results."""

import json
from pathlib import Path

import pytest

from bookbuild import results_pages

pytestmark = pytest.mark.machinery

ROOT = Path(__file__).resolve().parent.parent


def committed_results() -> dict:
    return json.loads(results_pages.RESULTS.read_text())


def test_the_results_page_is_generated_from_the_committed_results():
    page = (ROOT / "book" / "results.md").read_text()
    assert page == results_pages.results_page(committed_results()) + "\n"


def test_every_milestone_of_the_journey_was_measured_in_full_mode():
    points = results_pages.milestones(committed_results())
    assert len(points) == len(results_pages.MILESTONES)
    accuracies = dict(points)
    assert accuracies["1. linear\nbaseline"] < 0.3
    assert max(accuracies.values()) > 0.97
    assert all(
        check["mode"] == "full"
        for chapter in committed_results()["chapters"]
        for check in chapter["checks"]
    )


def test_the_chapters_on_other_digits_were_measured_in_full_mode_too():
    points = results_pages.milestones(committed_results(), results_pages.OTHER_DATA_MILESTONES)
    assert [label.split(".")[0] for label, _ in points] == ["11"]
    assert 0.5 < points[0][1] < 1


def test_the_shortest_program_lands_within_a_point_of_chapter_8s_model():
    """As the introduction and chapter 10 say, from the committed full run."""
    accuracies = dict(results_pages.milestones(committed_results()))
    shortest = accuracies["10. paddle.Model,\nshortest program"]
    assert abs(shortest - accuracies["8. resumed\n(Adam, dropout)"]) < 0.01


def test_the_figure_is_drawn_from_the_results(tmp_path):
    results = committed_results()
    figure = tmp_path / "journey.png"
    results_pages.journey_figure(results, figure)
    assert figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and figure.stat().st_size > 10_000


def test_a_missing_milestone_is_named():
    results = committed_results()
    for chapter in results["chapters"]:
        if chapter["chapter"] == "05_optimizers":
            chapter["checks"] = []
    with pytest.raises(KeyError, match="best optimizer's model"):
        results_pages.milestones(results)
