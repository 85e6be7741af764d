"""The full-run script keeps what a reader can see and drops what would be an empty box."""

import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from run_course import WIDGET_STATE, WIDGET_VIEW, drop_hidden_widgets  # noqa: E402


def widget_output(model_id: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("display_data", data={
        WIDGET_VIEW: {"model_id": model_id, "version_major": 2, "version_minor": 0},
        "text/plain": "epoch 0: 0batch [00:00, ?batch/s]"})


def test_hidden_and_closed_widgets_are_dropped_and_everything_else_is_kept():
    state = {
        "bar": {"state": {"layout": "IPY_MODEL_bar_layout"}},
        "bar_layout": {"state": {"visibility": "hidden"}},
        "slider": {"state": {"layout": "IPY_MODEL_slider_layout"}},
        "slider_layout": {"state": {"visibility": None}},
    }
    cell = nbformat.v4.new_code_cell("train(...)")
    text = nbformat.v4.new_output("stream", name="stdout", text="epoch 0, loss 2.3\n")
    cell.outputs = [widget_output("bar"), text, widget_output("slider"), widget_output("gone")]
    notebook = nbformat.v4.new_notebook(cells=[cell, nbformat.v4.new_markdown_cell("text")])
    notebook.metadata["widgets"] = {WIDGET_STATE: {"state": state}}

    assert drop_hidden_widgets(notebook) == 2
    kept = notebook.cells[0].outputs
    assert kept[0] == text and kept[1].data[WIDGET_VIEW]["model_id"] == "slider"
    assert len(kept) == 2
