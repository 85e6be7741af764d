"""The full-run script saves what a reader can see without a kernel, and no widget state."""

import json
from pathlib import Path

import nbformat
import pytest

from bookbuild import course_run, results_pages
from bookbuild.course_run import WIDGET_VIEW, drop_widgets
from bookbuild.pages import CHAPTERS, ROOT, chinese_path

pytestmark = pytest.mark.machinery

NOTEBOOKS = [ROOT / page for chapter in CHAPTERS for page in (chapter, chinese_path(chapter))]


def widget_output(model_id: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output(
        "display_data",
        data={
            WIDGET_VIEW: {"model_id": model_id, "version_major": 2, "version_minor": 0},
            "text/plain": "epoch 0: 0batch [00:00, ?batch/s]",
        },
    )


def test_widget_outputs_and_state_are_dropped_and_everything_else_is_kept():
    cell = nbformat.v4.new_code_cell("train(...)")
    text = nbformat.v4.new_output("stream", name="stdout", text="epoch 0, loss 2.3\n")
    figure = nbformat.v4.new_output("display_data", data={"image/png": "iVBOR"})
    cell.outputs = [widget_output("bar"), text, widget_output("slider"), figure]
    notebook = nbformat.v4.new_notebook(cells=[cell, nbformat.v4.new_markdown_cell("text")])
    notebook.metadata["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {"state": {"bar": {}, "slider": {}}}
    }
    notebook.metadata["kernelspec"] = {"name": "python3"}

    assert drop_widgets(notebook) == 2
    assert notebook.cells[0].outputs == [text, figure]
    assert "widgets" not in notebook.metadata
    assert notebook.metadata["kernelspec"] == {"name": "python3"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebooks_carry_no_widget_state_or_output(path):
    notebook = nbformat.read(path, as_version=4)
    assert "widgets" not in notebook.metadata, (
        f"{path.name} saves widget state in its metadata: the book would embed it and load "
        "the widget scripts; course run drops it (drop_widgets)"
    )
    shown = [
        index
        for index, cell in enumerate(notebook.cells)
        for output in cell.get("outputs", [])
        if WIDGET_VIEW in output.get("data", {})
    ]
    assert not shown, f"{path.name}: widget outputs in cells {shown}, dead without a kernel"


def test_a_run_of_some_chapters_replaces_only_their_results():
    saved = {
        "paddle": "3.3.1",
        "wall_seconds": 900.0,
        "chapters": [{"chapter": "01_a", "seconds": 10}, {"chapter": "02_b", "seconds": 20}],
    }
    new = {
        "paddle": "3.3.1",
        "wall_seconds": 30.0,
        "chapters": [{"chapter": "02_b", "seconds": 25}, {"chapter": "03_c", "seconds": 5}],
    }
    merged = course_run.merged_results(saved, new)
    assert merged["wall_seconds"] == 900.0
    assert merged["run_later"] == ["02_b", "03_c"]
    again = course_run.merged_results(merged, {"chapters": [{"chapter": "01_a", "seconds": 9}]})
    assert again["run_later"] == ["01_a", "02_b", "03_c"]
    assert merged["chapters"] == [
        {"chapter": "01_a", "seconds": 10},
        {"chapter": "02_b", "seconds": 25},
        {"chapter": "03_c", "seconds": 5},
    ]


def test_consecutive_stream_messages_become_one_output():
    cell = nbformat.v4.new_code_cell("print(1); print(2)")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="epoch 0\n"),
        nbformat.v4.new_output("stream", name="stdout", text="epoch 1\n"),
        nbformat.v4.new_output("stream", name="stderr", text="warning\n"),
        nbformat.v4.new_output("display_data", data={"image/png": "iVBOR"}),
        nbformat.v4.new_output("stream", name="stdout", text="done\n"),
    ]
    notebook = nbformat.v4.new_notebook(cells=[cell])
    course_run.coalesce_streams(notebook)
    assert [(o.output_type, o.get("text")) for o in cell.outputs] == [
        ("stream", "epoch 0\nepoch 1\n"),
        ("stream", "warning\n"),
        ("display_data", None),
        ("stream", "done\n"),
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_committed_notebooks_show_each_run_of_messages_as_one_output(path):
    notebook = nbformat.read(path, as_version=4)
    for number, cell in enumerate(notebook.cells):
        outputs = cell.get("outputs", [])
        for first, second in zip(outputs, outputs[1:]):
            assert not (
                first.output_type == second.output_type == "stream" and first.name == second.name
            ), f"{path.name}, cell {number}: two {first.name} outputs in a row (run `course run`)"


def test_the_longest_chapter_of_the_last_run_goes_first_and_untimed_ones_before_it(
    tmp_path, monkeypatch
):
    results = tmp_path / "results.json"
    chapters = [{"chapter": "a", "seconds": 10.0}, {"chapter": "b", "seconds": 90.0}]
    results.write_text(json.dumps({"chapters": chapters}))
    monkeypatch.setattr(course_run, "RESULTS", results)
    monkeypatch.setattr(results_pages, "RESULTS", results)
    ordered = course_run.longest_first([Path("a.ipynb"), Path("b.ipynb"), Path("new.ipynb")])
    assert [path.stem for path in ordered] == ["new", "b", "a"]
