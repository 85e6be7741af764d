"""Whatever a student writes in an exercise cell, strict nbval still passes on their notebook, and
the reference solutions keep being run and asserted."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

BOOK = Path(__file__).resolve().parent.parent / "book"
CHAPTERS = sorted(p for p in BOOK.glob("[0-9][0-9]_*.ipynb") if not p.name.endswith(".zh.ipynb"))
STUDENT_TAGS = {"nbval-ignore-output", "raises-exception"}


def exercise_cells(notebook: dict) -> list[tuple[dict, dict]]:
    """(exercise cell, reference solution cell) pairs of a notebook."""
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    pairs = []
    for index, cell in enumerate(code):
        if "# your code here" in "".join(cell["source"]):
            reference = next(c for c in code[index + 1:] if "assert check(" in "".join(c["source"]))
            pairs.append((cell, reference))
    return pairs


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_exercise_cells_accept_anything_and_references_stay_checked_and_hidden(chapter):
    pairs = exercise_cells(json.loads(chapter.read_text(encoding="utf-8")))
    assert pairs, f"{chapter.name} has no exercise"
    for exercise, reference in pairs:
        assert STUDENT_TAGS <= set(exercise["metadata"].get("tags", [])), chapter.name
        source = "".join(reference["source"])
        assert "record=False" in source, f"{chapter.name}: the reference would count as the student's answer"
        assert "from lessons_src.exercises import check" in source, (
            f"{chapter.name}: the reference must not depend on the import in the student's cell")
        assert "nbval-ignore-output" not in reference["metadata"].get("tags", []), chapter.name
        assert "hide-input" in reference["metadata"].get("tags", []), chapter.name
        assert reference["metadata"].get("jupyter", {}).get("source_hidden") is True, chapter.name


ANSWERS = {
    "right": "return float(np.mean(np.clip(np.rint(outputs), 0, 9) == labels))",
    "wrong": "return float(np.mean(outputs.astype(int) == labels))",
    "untouched": "return None  # your code here",
    "raises": "return outputs[99]",
    "unfinished": "return np.mean(outputs ==",  # a syntax error: the cell itself fails
}


def test_strict_nbval_passes_whatever_the_student_wrote_in_an_exercise_cell(tmp_path):
    chapter_1 = json.loads((BOOK / "01_linear_baseline.ipynb").read_text(encoding="utf-8"))
    exercise, _ = exercise_cells(chapter_1)[0]
    for name, body in ANSWERS.items():
        student_cell = dict(exercise, source=(
            "import numpy as np\nfrom lessons_src.exercises import check\n\n"
            "def rounded_accuracy(outputs, labels):\n"
            f"    {body}\n\n\npassed = check(\"rounded_accuracy\", rounded_accuracy)"))
        after = {"cell_type": "code", "execution_count": 2, "metadata": {}, "id": "after",
                 "outputs": [{"name": "stdout", "output_type": "stream", "text": "still running\n"}],
                 "source": "print('still running')"}
        notebook = dict(chapter_1, cells=[student_cell, after])
        (tmp_path / f"student_{name}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env",
                             "-p", "no:cacheprovider", "-p", "no:xdist", "-q", "--rootdir", str(tmp_path),
                             str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
    assert f"{2 * len(ANSWERS)} passed" in result.stdout
