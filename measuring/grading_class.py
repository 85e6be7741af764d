"""How long grading a class takes (a measurement, not a test): ``course grading-benchmark``.

Writes a class of STUDENTS submissions, each a folder with every chapter's notebook of the
student edition (both languages in turn), its exercise answered right, wrong or not at all in
rotation, the right answers being the course's reference solutions; then runs the grader
(``python -m lessons_src.grade``) on it in a fresh process, REPEATS times, and prints each wall
time with the median, and the count of each verdict.
"""

import csv
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import nbformat

from bookbuild.pages import CHAPTERS, ROOT, chinese_path
from bookbuild.student_edition import without_solutions
from lessons_src.exercises import SOLUTION_TAG

# The skeleton's line in each edition: the comment is translated.
SKELETONS = ["return None  # your code here", "return None  # 在这里写你的代码"]


def solutions() -> dict[str, str]:
    """Chapter -> the source of its reference solution cell."""
    found = {}
    for chapter in CHAPTERS:
        for cell in json.loads((ROOT / chapter).read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code" and SOLUTION_TAG in cell["metadata"].get("tags", []):
                found[chapter] = "".join(cell["source"])
    return found


def answered(notebook: nbformat.NotebookNode, solution: str, kind: str) -> None:
    """Put in ``notebook``'s exercise cell the solution, a wrong answer or nothing."""
    for cell in notebook.cells:
        skeleton = next((s for s in SKELETONS if s in cell.source), None)
        if cell.cell_type == "code" and skeleton:
            if kind == "right":
                cell.source = solution.replace("assert check(", "check(")
            elif kind == "wrong":
                cell.source = cell.source.replace(skeleton, "return 0")


def write_class(folder: Path, students: int) -> None:
    known = solutions()
    kinds = ["right", "wrong", "none"]
    for number in range(students):
        student = folder / f"student_{number:03d}"
        student.mkdir(parents=True)
        for index, chapter in enumerate(CHAPTERS):
            page = chapter if (number + index) % 2 == 0 else chinese_path(chapter)
            notebook = without_solutions(nbformat.read(ROOT / page, as_version=4))
            kind = kinds[(number + index) % len(kinds)]
            answered(notebook, known[chapter], kind)
            nbformat.write(notebook, student / Path(page).name)


def measure(students: int, repeats: int) -> int:
    with tempfile.TemporaryDirectory(prefix="grading-class-") as scratch:
        folder = Path(scratch) / "submissions"
        write_class(folder, students)
        seconds = []
        for _ in range(repeats):
            for output in ("grades.csv", "report.html", "feedback"):
                path = folder / output
                shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "lessons_src.grade", str(folder)], check=True)
            seconds.append(time.perf_counter() - start)
        with open(folder / "grades.csv", encoding="utf-8-sig") as file:
            verdicts = Counter(row["verdict"] for row in csv.DictReader(file))
    print(f"{students} students x {len(CHAPTERS)} chapters, graded {repeats} times:")
    print("  seconds: " + ", ".join(f"{s:.1f}" for s in seconds))
    print(f"  median {statistics.median(seconds):.1f} s; verdicts: {dict(verdicts)}")
    return 0
