"""The student edition (bookbuild.student_edition): the course's notebooks without their reference
solutions, and no answer readable anywhere in it. Its notebooks pass strict nbval in the README's
test command (scripts/test.sh runs them with the course's)."""

import ast
import json
import re
import zipfile
from pathlib import Path

import pytest

from bookbuild import pages, student_edition
from bookbuild.pages import CHAPTERS, chinese_path

pytestmark = pytest.mark.machinery

NOTEBOOKS = [page for chapter in CHAPTERS for page in (chapter, chinese_path(chapter))]


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("edition") / "student"
    student_edition.build(folder)
    return folder


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def tags(cell: dict) -> list[str]:
    return cell["metadata"].get("tags", [])


def solution_lines(source: str) -> list[str]:
    """The statements of the functions a reference solution defines, one per line, without
    their docstrings: the code a student must not be able to read."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef):
            body = node.body[1:] if ast.get_docstring(node) else node.body
            for statement in body:
                lines += [line.strip() for line in ast.unparse(statement).splitlines()]
    return [line for line in lines if len(line) > 12 and line != "return None"]


def normalized(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("page", NOTEBOOKS)
def test_each_notebook_is_the_courses_without_its_solution(edition, page):
    course = cells(pages.ROOT / page)
    solutions = [cell for cell in course if student_edition.SOLUTION_TAG in tags(cell)]
    assert [cell["cell_type"] for cell in solutions] == ["markdown", "code"], page
    assert "assert check(" in "".join(solutions[1]["source"])
    kept = [cell for cell in course if cell not in solutions]
    assert cells(edition / page) == kept, f"{page}: the student edition differs from the course"


def test_no_reference_solution_is_readable_anywhere_in_the_student_edition(edition):
    readable = {
        str(path.relative_to(edition)): normalized(path.read_text(encoding="utf-8"))
        for path in edition.rglob("*")
        if path.suffix in {".ipynb", ".py", ".md", ".txt", ".toml", ".cfg"}
    }
    assert "lessons_src/exercises.py" in readable and "book/01_linear_baseline.ipynb" in readable
    checked = 0
    for page in NOTEBOOKS:
        for cell in cells(pages.ROOT / page):
            if cell["cell_type"] == "code" and student_edition.SOLUTION_TAG in tags(cell):
                for line in solution_lines("".join(cell["source"])):
                    checked += 1
                    for name, text in readable.items():
                        assert normalized(line) not in text, f"{page}'s solution is in {name}"
    assert checked >= 2 * 11


def test_the_line_check_finds_a_solution_line():
    source = 'def f(x):\n    """Doc."""\n    total = sum(v * v for v in x)\n    return None\n'
    assert solution_lines(source) == ["total = sum((v * v for v in x))"]


def test_the_student_edition_has_what_a_student_needs(edition):
    for name in ["README.md", "README.zh.md", "LICENSE", "LICENSE-TEXT.md", "nbval_sanitize.cfg"]:
        assert (edition / name).is_file(), name
    assert "student edition" in (edition / "README.md").read_text()
    assert "学生版" in (edition / "README.zh.md").read_text()
    for folder in student_edition.FOLDERS:
        for name in student_edition.tracked(folder):
            assert (edition / name).read_bytes() == (pages.ROOT / name).read_bytes(), name
    assert not (edition / "bookbuild").exists() and not (edition / "tests").exists()
    assert (edition / "book" / "data_parallel_train.py").is_file()


def test_the_requirements_install_the_course_without_the_maintainers_tools(edition):
    lock = (edition / "requirements.txt").read_text()
    assert "-e .[paddle]" in lock and "maintain" not in lock
    assert "playwright==" not in lock and "ruff==" not in lock
    assert "paddlepaddle==" in lock and "nbval==" in lock
    assert (edition / "requirements-without-paddle.txt").read_text() == (
        pages.ROOT / "requirements-without-paddle.txt"
    ).read_text()
    project = (edition / "pyproject.toml").read_text()
    assert 'packages = ["lessons_src"]' in project and "[project.scripts]" not in project
    assert "--nbval-sanitize-with nbval_sanitize.cfg" in project


def test_the_archive_holds_the_edition_in_one_folder(edition):
    archive = edition.parent / student_edition.ARCHIVE_NAME
    with zipfile.ZipFile(archive) as packed:
        names = set(packed.namelist())
    files = {f"student/{p.relative_to(edition)}" for p in edition.rglob("*") if p.is_file()}
    assert names == files
    assert archive.stat().st_size < 40e6
