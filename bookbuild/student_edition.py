"""The student edition: the course without its reference solutions, for a teacher to hand out.

``build`` writes ``_build/student/``: both editions' chapter notebooks with every reference
solution removed (the cells tagged ``solution``: the solution and the sentence that introduces
it), everything else as in the course (outputs included, so a student sees the results before
running anything); the rest of ``book/`` but its pages (the scripts the chapters run, the
weights chapter 8 compares with); ``lessons_src`` (its exercise checkers hold
expected values, never a reference implementation); ``work/`` as the repository has it; the
licences; the requirements files, without the maintainers' tools; the notebook tests'
settings; and a short README in both languages (``teaching/for_students.md`` and its Chinese
edition). Then one zip archive of it, to upload to AI Studio.
"""

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import nbformat

from lessons_src.exercises import SOLUTION_TAG

from . import pages
from .pages import CHAPTERS, chinese_path

STUDENT_README = "teaching/for_students.md"
ARCHIVE_NAME = "handwritten-digits-paddle-student.zip"
# What the student edition holds besides the notebooks and the README: files of the repository
# as git tracks them (nothing a run wrote), by folder or name.
FOLDERS = ["lessons_src", "work"]
FILES = ["LICENSE", "LICENSE-TEXT.md", "requirements-without-paddle.txt"]
REQUIREMENTS_HEADER = [
    "# The student edition's packages, pinned exactly: Python 3.11 or newer, CPU build of",
    "# Paddle 3.3.1. On AI Studio or a GPU machine, where Paddle is installed already, use",
    "# requirements-without-paddle.txt instead: this file would replace a GPU build with the",
    "# CPU build.",
]


def tracked(folder: str) -> list[str]:
    """The files git tracks under ``folder`` of the repository."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--", folder],
        cwd=pages.ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return [name for name in listing.stdout.split("\0") if name]


def without_solutions(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """``notebook`` without its cells tagged ``solution``."""
    notebook.cells = [
        cell for cell in notebook.cells if SOLUTION_TAG not in cell.metadata.get("tags", [])
    ]
    return notebook


def student_requirements() -> str:
    """The course's lock without the maintainers' tools (its extra ``maintain``)."""
    import tomllib

    project = tomllib.loads((pages.ROOT / "pyproject.toml").read_text())["project"]
    maintain = {
        re.split(r"[=<>]", requirement)[0].strip().lower()
        for requirement in project["optional-dependencies"]["maintain"]
    }
    pins = [
        line
        for line in (pages.ROOT / "requirements.txt").read_text().splitlines()
        if "==" in line and line.split("==")[0].strip().lower() not in maintain
    ]
    return "\n".join([*REQUIREMENTS_HEADER, *pins, "-e .[paddle]"]) + "\n"


def student_pyproject() -> str:
    """The course's pyproject.toml for the student edition: the one package it has."""
    text = (pages.ROOT / "pyproject.toml").read_text()
    text = text.replace(
        'packages = ["lessons_src", "bookbuild", "measuring", "datagen", "grading"]',
        'packages = ["lessons_src"]',
    )
    text = text.replace('[project.scripts]\ncourse = "bookbuild.cli:main"\n\n', "")
    text = text.replace('[tool.setuptools.package-data]\nbookbuild = ["pdf_book.css"]\n\n', "")
    text = text.replace('testpaths = ["tests", "book"]', 'testpaths = ["book"]')
    return text.replace("tests/nbval_sanitize.cfg", "nbval_sanitize.cfg")


def build(out: Path) -> Path:
    """Write the student edition in ``out`` (emptied first) and its archive beside it; return
    the archive."""
    shutil.rmtree(out, ignore_errors=True)
    (out / "book").mkdir(parents=True)
    for chapter in CHAPTERS:
        for page in (chapter, chinese_path(chapter)):
            notebook = without_solutions(nbformat.read(pages.ROOT / page, as_version=4))
            nbformat.write(notebook, out / page)
    copied = [name for folder in FOLDERS for name in tracked(folder)] + FILES
    # the rest of book/ (the scripts the chapters run, the weights chapter 8 compares with),
    # without the book's own pages
    copied += [name for name in tracked("book") if not name.endswith((".ipynb", ".md"))]
    for name in copied:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(pages.ROOT / name, out / name)
    shutil.copy2(pages.ROOT / "tests" / "nbval_sanitize.cfg", out / "nbval_sanitize.cfg")
    (out / "requirements.txt").write_text(student_requirements())
    (out / "pyproject.toml").write_text(student_pyproject())
    shutil.copy2(pages.ROOT / STUDENT_README, out / "README.md")
    shutil.copy2(pages.ROOT / chinese_path(STUDENT_README), out / "README.zh.md")
    return archive(out)


def archive(folder: Path) -> Path:
    """One zip of ``folder``, its files in a folder of the same name, in a fixed order."""
    path = folder.parent / ARCHIVE_NAME
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as packed:
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            packed.write(file, Path(folder.name) / file.relative_to(folder))
    return path
