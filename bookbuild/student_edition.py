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

It builds from a git clone and from an unpacked archive of the repository alike (a download, an
upload to AI Studio): ``tracked`` asks git which files the repository has when the folder is a
clone and git is installed, and otherwise walks the folder, leaving out what the ``.gitignore``
files ignore (what the course's runs, builds and tools write), so that both give one list.
"""

import fnmatch
import os
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
# (as git tracks them, or as .gitignore leaves them in a copy without git: nothing a run wrote),
# by folder or name.
FOLDERS = ["lessons_src", "work"]
FILES = ["LICENSE", "LICENSE-TEXT.md", "requirements-without-paddle.txt"]
REQUIREMENTS_HEADER = [
    "# The student edition's packages, pinned exactly: Python 3.11 or newer, CPU build of",
    "# Paddle 3.3.1. On AI Studio or a GPU machine, where Paddle is installed already, use",
    "# requirements-without-paddle.txt instead: this file would replace a GPU build with the",
    "# CPU build.",
]


def tracked(folder: str) -> list[str]:
    """The files of the repository under ``folder`` (a path relative to it), sorted: the files
    git tracks in a clone, and in a folder without git the files its ``.gitignore`` files do not
    ignore, which is the same list for a clean copy."""
    if (pages.ROOT / ".git").exists() and shutil.which("git"):
        listing = subprocess.run(
            ["git", "ls-files", "-z", "--", folder],
            cwd=pages.ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        return sorted(name for name in listing.stdout.split("\0") if name)
    return sorted(not_ignored(folder))


def ignore_rules(directory: Path) -> list[tuple[str, bool, bool, bool]]:
    """The patterns of ``directory/.gitignore``, each as (pattern, negated, directories only,
    anchored to ``directory``), in the file's order."""
    path = directory / ".gitignore"
    rules = []
    for line in path.read_text(encoding="utf-8").splitlines() if path.is_file() else []:
        line = line.rstrip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        pattern = line[1:] if negated else line
        directories_only = pattern.endswith("/")
        pattern = pattern.rstrip("/")
        anchored = "/" in pattern  # "book/logs", "/x": relative to the .gitignore's folder
        rules.append((pattern.lstrip("/"), negated, directories_only, anchored))
    return rules


def ignored(path: str, is_directory: bool, rules: list[tuple[str, list]]) -> bool:
    """Whether git ignores ``path`` (relative to the repository, with ``/``) under ``rules``,
    the patterns of every ``.gitignore`` from the top down to its folder (each with that
    folder, "" for the top): the last pattern that matches decides, as in git."""
    verdict = False
    for base, patterns in rules:
        relative = path[len(base) + 1 :] if base else path
        for pattern, negated, directories_only, anchored in patterns:
            if directories_only and not is_directory:
                continue
            subject = relative if anchored else relative.rsplit("/", 1)[-1]
            if fnmatch.fnmatchcase(subject, pattern):
                verdict = not negated
    return verdict


def not_ignored(folder: str) -> list[str]:
    """The files under ``folder`` of the repository (relative to it) that no ``.gitignore``
    ignores, walking down from the top as git does: an ignored folder is not entered."""
    folder = folder.strip("/")
    parts = folder.split("/")
    rules = [("", ignore_rules(pages.ROOT))]
    for depth in range(1, len(parts)):  # the .gitignore files of the folders above ``folder``
        above = "/".join(parts[:depth])
        rules.append((above, ignore_rules(pages.ROOT / above)))
    start = pages.ROOT / folder
    if parts[0] == ".git" or ignored(folder, start.is_dir(), rules):
        return []
    if not start.is_dir():
        return [folder] if start.is_file() else []
    found = []

    def walk(directory: str, inherited: list) -> None:
        here = [*inherited, (directory, ignore_rules(pages.ROOT / directory))]
        for entry in os.scandir(pages.ROOT / directory):
            name = f"{directory}/{entry.name}"
            if entry.name == ".git" or ignored(name, entry.is_dir(), here):
                continue
            if entry.is_dir(follow_symlinks=False):
                walk(name, here)
            else:
                found.append(name)

    walk(folder, rules)
    return found


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
