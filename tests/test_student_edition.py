"""The student edition (bookbuild.student_edition): the course's notebooks without their reference
solutions, and no answer readable anywhere in it; built alike from a git clone and from an unpacked
archive of the repository, where there is no git. Its notebooks pass strict nbval in the README's
test command (scripts/test.sh runs them with the course's)."""

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from bookbuild import pages, student_edition
from bookbuild.pages import CHAPTERS, chinese_path

pytestmark = pytest.mark.machinery

NOTEBOOKS = [page for chapter in CHAPTERS for page in (chapter, chinese_path(chapter))]
CLONE = (pages.ROOT / ".git").exists() and shutil.which("git") is not None
# The commit before issue 43: chapter 11 (cell 29, both languages) counted a model's parameters
# with chapter 3's reference answer (count_parameters), line for line.
BEFORE_ISSUE_43 = "dca96d1"
OLD_COPY = "return sum(int(np.prod(p.shape)) for p in model.parameters())"
# A statement shorter than this, once its spaces are gone (``n += 1``, ``merged = []``), is
# looked for as a statement of code only, not as text inside prose, where it would match words.
SHORTEST_TEXT = 8
ESCAPE_CODES = re.compile(r"\x1b\[[0-9;]*m")  # the colours of a traceback
FENCED_CODE = re.compile(r"```[^\n]*\n(.*?)```", re.S)


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("edition") / "student"
    student_edition.build(folder)
    return folder


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def tags(cell: dict) -> list[str]:
    return cell["metadata"].get("tags", [])


def statements(source: str) -> list[ast.stmt] | None:
    """Every statement of ``source``, at every depth, or None if it is not Python (IPython's
    ``%magic`` and ``!shell`` lines count as ``pass``)."""
    lines = [re.sub(r"^(\s*)[%!].*", r"\1pass", line) for line in source.splitlines()]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return None
    return [node for node in ast.walk(tree) if isinstance(node, ast.stmt)]


def form(statement: ast.stmt) -> str:
    """A statement as ``ast.unparse`` writes it, so that spaces, line breaks, comments, quotes
    and redundant parentheses do not matter; a compound statement by its first line
    (``for start, stop in runs:``), the statements of its body being statements of their own."""
    text = ast.unparse(statement)
    return text.splitlines()[0] if hasattr(statement, "body") else text


def trivial(statement: ast.stmt) -> bool:
    """The statements of a reference solution that are no part of its answer: imports (``from
    lessons_src.exercises import check``, the chapter's own imports), the call of ``check``,
    docstrings, ``pass``, ``return None``, a bare ``try:``, and the ``def`` line of a function,
    which the exercise's skeleton gives (its body is compared, statement by statement)."""
    if isinstance(
        statement,
        ast.Import | ast.ImportFrom | ast.Pass | ast.Try | ast.FunctionDef | ast.ClassDef,
    ):
        return True
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
        return True  # a docstring, or a lone string or ...
    if isinstance(statement, ast.Return) and (
        statement.value is None
        or (isinstance(statement.value, ast.Constant) and statement.value.value is None)
    ):
        return True
    return any(
        isinstance(node, ast.Call) and getattr(node.func, "id", None) == "check"
        for node in ast.walk(statement)
    )


def answer_statements(source: str) -> list[tuple[str, set[str]]]:
    """The statements of a reference solution's answer, each as its ``form`` and the texts it
    may be written as (its form and its source, without any whitespace, so that a line broken
    or spaced otherwise is the same text).

    The answer is everything the cell defines before it calls ``check``: its functions (every
    statement of their bodies, at every depth), and any helper or constant of the cell. What
    follows the call tries the answer on the chapter's data: a statement there counts when it
    uses a name the answer defines (``mean, variance = dropout_moments(2.0, 0.5)``), not when
    it is the chapter's ordinary code (``rng = np.random.default_rng(0)``, Paddle's own
    gradients to compare with). Trivial statements (``trivial``) are left out."""
    found, defined, checked = [], set(), False
    for top in ast.parse(source).body:
        names = {node.id for node in ast.walk(top) if isinstance(node, ast.Name)}
        if not checked and trivial(top) and "check" in names:
            checked = True  # assert check("name", name, record=False)
            continue
        if not checked:
            if isinstance(top, ast.FunctionDef | ast.ClassDef):
                defined.add(top.name)
            targets = (
                top.targets if isinstance(top, ast.Assign) else [getattr(top, "target", None)]
            )
            defined |= {
                node.id
                for target in targets
                if target
                for node in ast.walk(target)
                if isinstance(node, ast.Name)
            }
        elif not names & defined:
            continue
        for statement in ast.walk(top):
            if isinstance(statement, ast.stmt) and not trivial(statement):
                # a compound statement's text is its first line as ast.unparse writes it
                text = (
                    "" if hasattr(statement, "body") else ast.get_source_segment(source, statement)
                )
                found.append((form(statement), {squeezed(form(statement)), squeezed(text or "")}))
    return found


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", ESCAPE_CODES.sub("", text))


def reference_answers(root: Path) -> list[tuple[str, str, set[str]]]:
    """(where, form, texts) of every answer statement of every reference solution (the code
    cells tagged ``solution``) of both editions' chapters under ``root``."""
    found = []
    for page in NOTEBOOKS:
        for index, cell in enumerate(cells(root / page)):
            if cell["cell_type"] == "code" and student_edition.SOLUTION_TAG in tags(cell):
                for statement, texts in answer_statements("".join(cell["source"])):
                    found.append((f"{page} cell {index}", statement, texts))
    return found


def readable(folder: Path) -> dict[str, tuple[set[str], str]]:
    """Every text file under ``folder``: the ``form`` of each statement of its code (a
    notebook's code cells, a ``.py`` file, the fenced code of Markdown) and all its text
    without whitespace (a notebook's cells, comments included, and its outputs, tracebacks
    included). Files that are not UTF-8 text (the MNIST archives, images) have no text."""
    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        code, texts = [], [text]
        if path.suffix == ".ipynb":
            texts = []
            for cell in json.loads(text)["cells"]:
                source = "".join(cell["source"])
                texts.append(source)
                code += [source] if cell["cell_type"] == "code" else FENCED_CODE.findall(source)
                for output in cell.get("outputs", []):
                    texts += ["".join(output.get("text", "")), *output.get("traceback", [])]
                    texts += [
                        "".join(value)
                        for kind, value in output.get("data", {}).items()
                        if kind.startswith("text/")
                    ]
        elif path.suffix == ".py":
            code = [text]
        elif path.suffix == ".md":
            code = FENCED_CODE.findall(text)
        forms = {form(node) for source in code for node in statements(source) or []}
        found[str(path.relative_to(folder))] = (forms, squeezed("\n".join(texts)))
    return found


def leaks(answers: list[tuple[str, str, set[str]]], edition: Path) -> list[tuple[str, str, str]]:
    """(solution, statement, file) for every answer statement (``reference_answers``) that
    ``edition`` shows: as a statement of its code, or, when it is at least SHORTEST_TEXT
    characters long, anywhere in its text (prose, comments, outputs)."""
    files = readable(edition)
    return [
        (where, statement, name)
        for where, statement, texts in answers
        for name, (forms, text) in files.items()
        if statement in forms or any(len(one) >= SHORTEST_TEXT and one in text for one in texts)
    ]


def repository_copy(target: Path) -> Path:
    """The files git tracks, as they are in the working tree, copied to ``target``: what an
    unpacked archive of the repository holds (``git archive``), without ``.git``."""
    listing = subprocess.run(
        ["git", "ls-files", "-z"], cwd=pages.ROOT, check=True, capture_output=True, text=True
    ).stdout
    for name in filter(None, listing.split("\0")):
        if (pages.ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(pages.ROOT / name, target / name)
    return target


@pytest.mark.parametrize("page", NOTEBOOKS)
def test_each_notebook_is_the_courses_without_its_solution(edition, page):
    course = cells(pages.ROOT / page)
    solutions = [cell for cell in course if student_edition.SOLUTION_TAG in tags(cell)]
    assert [cell["cell_type"] for cell in solutions] == ["markdown", "code"], page
    assert "assert check(" in "".join(solutions[1]["source"])
    kept = [cell for cell in course if cell not in solutions]
    assert cells(edition / page) == kept, f"{page}: the student edition differs from the course"


def test_no_reference_solution_is_readable_anywhere_in_the_student_edition(edition):
    answers = reference_answers(pages.ROOT)
    assert len({where for where, _, _ in answers}) == len(NOTEBOOKS)  # each chapter's, both
    files = readable(edition)
    assert "lessons_src/exercises.py" in files and "book/01_linear_baseline.zh.ipynb" in files
    assert "README.zh.md" in files and "book/data_parallel_train.py" in files
    found = leaks(answers, edition)
    assert not found, "reference answers readable in the student edition:\n" + "\n".join(
        f"{where}: {statement!r} in {name}" for where, statement, name in found
    )


def test_the_leak_check_reads_an_answer_however_it_is_written(tmp_path):
    solution = (
        "from lessons_src.exercises import check\n\n\n"
        "def parameters(model):\n"
        '    """Doc."""\n'
        "    return sum(int(np.prod(p.shape)) for p in model.parameters())\n\n\n"
        'assert check("parameters", parameters, record=False)\n'
        "rng = np.random.default_rng(0)\n"
        "assert parameters(model) > 0\n"
    )
    assert [statement for statement, _ in answer_statements(solution)] == [
        "return sum((int(np.prod(p.shape)) for p in model.parameters()))",
        "assert parameters(model) > 0",
    ]
    leaked = "sum( int( np.prod(p.shape) )\n for p in model.parameters() )"
    edition = tmp_path / "edition"
    (edition / "book").mkdir(parents=True)
    for name, where in [
        ("code.py", f"def count(model):\n    return {leaked}\n"),
        ("comment.py", "# return sum(int(np.prod(p.shape)) for p in model.parameters())\n"),
        ("prose.md", "Write `return sum(int(np.prod(p.shape)) for p in model.parameters())`."),
        ("clean.md", "Count the parameters of the model, then return the sum."),
    ]:
        (edition / name).write_text(where, encoding="utf-8")
    notebook = {
        "cells": [
            {"cell_type": "code", "metadata": {}, "source": ["x = 1\n", f"return {leaked}"]},
            {"cell_type": "code", "metadata": {"tags": ["solution"]}, "source": solution},
        ]
    }
    (edition / "book" / "01_linear_baseline.ipynb").write_text(json.dumps(notebook))
    forms, _ = readable(edition)["book/01_linear_baseline.ipynb"]
    assert "return sum((int(np.prod(p.shape)) for p in model.parameters()))" in forms
    answers = [("solution", statement, texts) for statement, texts in answer_statements(solution)]
    found = {name for _, _, name in leaks(answers, edition)}
    assert found == {"code.py", "comment.py", "prose.md", "book/01_linear_baseline.ipynb"}


@pytest.mark.skipif(not CLONE, reason="needs the repository's git history")
def test_the_leak_check_finds_chapter_11s_old_copy_of_chapter_3s_answer(tmp_path, monkeypatch):
    """The tree before issue 43 (chapters 3 and 11 as they were, both languages): the edition
    built from it shows chapter 3's answer in chapter 11, and the check says so."""
    history = subprocess.run(
        ["git", "cat-file", "-e", f"{BEFORE_ISSUE_43}^{{commit}}"], cwd=pages.ROOT
    )
    if history.returncode != 0:
        pytest.skip(f"this clone lacks commit {BEFORE_ISSUE_43} (a shallow clone)")
    root = repository_copy(tmp_path / "repository")
    for page in ["book/03_network_structures.ipynb", "book/11_house_numbers.ipynb"]:
        for name in (page, chinese_path(page)):
            (root / name).write_bytes(
                subprocess.run(
                    ["git", "show", f"{BEFORE_ISSUE_43}:{name}"],
                    cwd=pages.ROOT,
                    check=True,
                    capture_output=True,
                ).stdout
            )
    monkeypatch.setattr(pages, "ROOT", root)
    student_edition.build(tmp_path / "student")
    found = leaks(reference_answers(root), tmp_path / "student")
    assert {(where.split(" cell ")[0], name) for where, statement, name in found} == {
        (solution, copy)
        for solution in ["book/03_network_structures.ipynb", "book/03_network_structures.zh.ipynb"]
        for copy in ["book/11_house_numbers.ipynb", "book/11_house_numbers.zh.ipynb"]
    }
    assert {statement for _, statement, _ in found} == {ast.unparse(ast.parse(OLD_COPY))}


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


@pytest.mark.skipif(not CLONE, reason="compares with what git lists")
def test_without_git_the_edition_lists_the_files_git_would(tmp_path):
    """The repository's files, found by walking its folders and reading its .gitignore files
    (the top one, and those ruff and pytest write into their caches), are the files git tracks
    and those it would offer to add: the ignored ones (caches, builds, what a run writes,
    work/progress.json) are left out by both."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=pages.ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    by_git = {name for name in listing.split("\0") if name and (pages.ROOT / name).is_file()}
    walked = {
        name for entry in os.listdir(pages.ROOT) for name in student_edition.not_ignored(entry)
    }
    assert walked == by_git
    assert not any(name.startswith((".venv", "_build/", ".git/")) for name in walked)


@pytest.mark.skipif(not CLONE, reason="makes the archive from the clone")
def test_the_edition_builds_from_an_unpacked_archive_without_git(edition, tmp_path):
    """The repository's files without .git, as a download or an upload to AI Studio has them,
    with a `git` first on the PATH that only records that it was called: `python -m bookbuild
    student` there writes the same edition as from the clone, and never calls git."""
    archive = repository_copy(tmp_path / "course")
    (archive / "work" / "notes_of_the_teacher.txt").write_text("a file only the archive has\n")
    (archive / "work" / "progress.json").write_text("{}\n")  # a student's progress: ignored
    calls = tmp_path / "git-calls"
    fake = tmp_path / "bin" / "git"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\necho "$@" >> {calls}\nexit 1\n')
    fake.chmod(0o755)
    environment = {**os.environ, "PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}"}
    environment.pop("PYTHONPATH", None)
    subprocess.run(
        [sys.executable, "-m", "bookbuild", "student", "--path-output", str(tmp_path / "out")],
        cwd=archive,  # python -m puts the archive's bookbuild and lessons_src first
        env=environment,
        check=True,
        capture_output=True,
    )
    assert not calls.exists(), calls.read_text()
    built = tmp_path / "out" / "_build" / "student"
    files = {str(p.relative_to(built)) for p in built.rglob("*") if p.is_file()}
    expected = {str(p.relative_to(edition)) for p in edition.rglob("*") if p.is_file()}
    assert files == expected | {"work/notes_of_the_teacher.txt"}
    for name in expected:
        assert (built / name).read_bytes() == (edition / name).read_bytes(), name


def test_no_build_step_calls_git():
    """The book, its PDFs, the slides and the student edition build without git: no module of
    bookbuild runs git, but student_edition.tracked where there is a clone, and no script or
    CI stage calls it."""
    callers = set()
    for path in sorted((pages.ROOT / "bookbuild").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if isinstance(function, ast.FunctionDef):
                for node in ast.walk(function):
                    if isinstance(node, ast.Constant) and str(node.value).split(" ")[0] == "git":
                        callers.add(f"{path.stem}.{function.name}")
    assert callers == {"student_edition.tracked"}
    shell = [*sorted((pages.ROOT / "scripts").glob("*.sh")), pages.ROOT / ".ci" / "run"]
    for path in shell:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            code = line.split("#")[0]
            assert not re.search(r"(^|[\s;&|($`])git(\s|$)", code), f"{path.name}:{number}"
