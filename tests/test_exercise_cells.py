"""Whatever a student writes in an exercise cell, strict nbval still passes on their notebook (in
either edition), and the reference solutions keep being run and asserted."""

import json
import subprocess
import sys

import pytest

from bookbuild.pages import CHAPTERS as ENGLISH_CHAPTERS
from bookbuild.pages import ROOT, chinese_path

pytestmark = pytest.mark.main_env

CHAPTERS = [
    ROOT / page
    for chapter in ENGLISH_CHAPTERS  # both editions
    for page in (chapter, chinese_path(chapter))
]
STUDENT_TAGS = {"nbval-ignore-output", "raises-exception"}
PLACEHOLDERS = ("# your code here", "# 在这里写你的代码")


def exercise_cells(notebook: dict) -> list[tuple[dict, dict]]:
    """(exercise cell, reference solution cell) pairs of a notebook: an exercise cell is
    tagged for anything a student writes, and holds a placeholder comment ("your code here",
    in Chinese "在这里写你的代码")."""
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    pairs = []
    for index, cell in enumerate(code):
        if STUDENT_TAGS <= set(cell["metadata"].get("tags", [])):
            assert any(placeholder in "".join(cell["source"]) for placeholder in PLACEHOLDERS)
            reference = next(
                c for c in code[index + 1 :] if "assert check(" in "".join(c["source"])
            )
            pairs.append((cell, reference))
    return pairs


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_exercise_cells_accept_anything_and_references_stay_checked_and_hidden(chapter):
    pairs = exercise_cells(json.loads(chapter.read_text(encoding="utf-8")))
    assert pairs, f"{chapter.name} has no exercise"
    for exercise, reference in pairs:
        assert STUDENT_TAGS <= set(exercise["metadata"].get("tags", [])), chapter.name
        source = "".join(reference["source"])
        assert "record=False" in source, (
            f"{chapter.name}: the reference would count as the student's answer"
        )
        assert "from lessons_src.exercises import check" in source, (
            f"{chapter.name}: the reference must not depend on the import in the student's cell"
        )
        assert "nbval-ignore-output" not in reference["metadata"].get("tags", []), chapter.name
        assert "hide-input" in reference["metadata"].get("tags", []), chapter.name
        assert reference["metadata"].get("jupyter", {}).get("source_hidden") is True, chapter.name


ANSWERS = {
    "right": "return np.bincount(\n"
    "        np.abs(np.clip(np.rint(outputs), 0, 9).astype(int) - labels), minlength=10\n"
    "    )",
    "wrong": "return np.zeros(10)",
    "raises": "return outputs[99]",
    "unfinished": "return np.bincount(outputs,",  # a syntax error: the cell itself fails
}


@pytest.mark.parametrize("chapter", ["01_linear_baseline.ipynb", "01_linear_baseline.zh.ipynb"])
def test_strict_nbval_passes_whatever_the_student_wrote_in_an_exercise_cell(chapter, tmp_path):
    chapter_1 = json.loads((ROOT / "book" / chapter).read_text(encoding="utf-8"))
    exercise, _ = exercise_cells(chapter_1)[0]
    untouched = "import numpy as np\n" + "".join(exercise["source"])  # as earlier cells import
    answers = {name: untouched.replace("return None", body) for name, body in ANSWERS.items()}
    answers["untouched"] = untouched
    for name, source in answers.items():
        student_cell = dict(exercise, source=source)
        after = {
            "cell_type": "code",
            "execution_count": 2,
            "metadata": {},
            "id": "after",
            "outputs": [{"name": "stdout", "output_type": "stream", "text": "still running\n"}],
            "source": "print('still running')",
        }
        notebook = dict(chapter_1, cells=[student_cell, after])
        (tmp_path / f"student_{name}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval",
            "--nbval-current-env",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "-q",
            "--rootdir",
            str(tmp_path),
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert f"{2 * len(answers)} passed" in result.stdout
