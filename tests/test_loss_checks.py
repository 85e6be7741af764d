"""Chapter 4's range checks must reject the double-softmax porting bug."""

import ast
import json
from pathlib import Path

import numpy as np
import paddle
import paddle.nn.functional as F
import pytest

from lessons_src import check_range
from lessons_src.mode import QUICK_ENV

CHAPTER_4 = Path(__file__).resolve().parent.parent / "book" / "04_loss_functions.ipynb"
DOUBLE_SOFTMAX_FLOOR = float(-np.log(np.e / (np.e + 9)))


def classifier_loss_ranges() -> dict[str, tuple[float, float]]:
    """The quick and full ranges chapter 4 asserts for the classifier's final cross-entropy."""
    cells = json.loads(CHAPTER_4.read_text(encoding="utf-8"))["cells"]
    source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", "") == "check_range"
            and ast.literal_eval(node.args[0]) == "final cross-entropy of the classifier"
        ):
            return {kw.arg: ast.literal_eval(kw.value) for kw in node.keywords}
    raise AssertionError("chapter 4 no longer checks the classifier's final cross-entropy")


def test_double_softmax_cannot_go_below_its_floor():
    logits = paddle.to_tensor(np.array([[50.0] + [-50.0] * 9, [0.0] * 10], dtype="float32"))
    labels = paddle.to_tensor(np.array([[0], [3]]))
    per_sample = F.cross_entropy(F.softmax(logits), labels, reduction="none").numpy().ravel()
    assert per_sample[0] == pytest.approx(DOUBLE_SOFTMAX_FLOOR, abs=1e-5)
    assert per_sample.min() >= DOUBLE_SOFTMAX_FLOOR - 1e-5


@pytest.mark.parametrize("mode", ["1", "0"])
def test_the_classifier_range_rejects_a_double_softmax_model(monkeypatch, mode):
    ranges = classifier_loss_ranges()
    assert ranges["quick"][1] < DOUBLE_SOFTMAX_FLOOR and ranges["full"][1] < DOUBLE_SOFTMAX_FLOOR
    monkeypatch.setenv(QUICK_ENV, mode)
    with pytest.raises(AssertionError, match="outside its expected"):
        check_range("final cross-entropy of the classifier", DOUBLE_SOFTMAX_FLOOR, **ranges)
