"""Finding the answers in a class's submissions.

``SUBMISSIONS`` holds one folder or ``.zip`` per student (its name is the student's), each with
any of the course's notebooks, in either language, anywhere inside. Each is unpacked into a
scratch copy, never followed out of it (no symbolic link, no ``..`` or absolute name from an
archive, and a size limit against archive bombs). In each notebook the grader takes, for every
exercise, the last code cell that defines the exercise's function and is not a reference
solution, and keeps of that cell what it defines: its imports, functions, classes and
assignments (a helper, a constant), but no statement that names ``check`` (the call that would
record progress, or a ``check`` replaced at the top of the cell) and no other statement (a print,
a loop), which in the notebook may use what earlier cells made.

Before the student's cell, the sandbox runs the course's own code of the chapter
(``course_code``): the imports of the chapter's import cell and the functions the chapter
defines before its exercise, taken from the course's English notebook, never from the
student's (a student can edit their import cell; what runs as the course's code must be the
course's). An exercise cell left as the course hands it out (``untouched``) is not written yet.
"""

import ast
import json
import re
import shutil
import stat
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lessons_src.exercises import EXERCISES, SOLUTION_TAG

# What grading writes into SUBMISSIONS, which is therefore no student's.
OUTPUTS = {"grades.csv", "report.html", "feedback"}
MAX_BYTES = 200_000_000  # unpacked, per student
MAX_FILES = 5_000
MAX_NOTEBOOK_BYTES = 50_000_000
HAN = re.compile(r"[\u4e00-\u9fff]")


class SubmissionError(Exception):
    """A submission that cannot be unpacked, in English and in Chinese."""

    def __init__(self, english: str, chinese: str):
        super().__init__(english)
        self.chinese = chinese


@dataclass
class Answer:
    """One exercise as a student answered it in one notebook."""

    student: str
    notebook: str  # its path inside the submission
    exercise: str
    language: str  # "en" or "zh": the notebook's
    source: str  # what the cell defines (kept_source), or the cell as written when it does
    # not parse (the sandbox reports the syntax error)

    @property
    def chapter(self) -> int:
        return EXERCISES[self.exercise][0]


@dataclass
class Problem:
    """A notebook, or a whole submission, that cannot be graded, and why."""

    student: str
    notebook: str
    english: str
    chinese: str


def students(submissions: Path) -> list[tuple[str, Path]]:
    """(student, folder or archive) for every submission, sorted by name."""
    found = []
    for entry in sorted(submissions.iterdir()):
        if entry.name in OUTPUTS or entry.name.startswith(".") or entry.is_symlink():
            continue
        if entry.is_dir():
            found.append((entry.name, entry))
        elif entry.suffix.lower() == ".zip":
            found.append((entry.stem, entry))
    return found


def unpack(entry: Path, copy: Path) -> None:
    """Copy a student's folder, or extract their archive, into ``copy``."""
    copy.mkdir(parents=True)
    if entry.is_dir():
        _copy_folder(entry, copy)
    else:
        _extract(entry, copy)


def _copy_folder(folder: Path, copy: Path) -> None:
    total = files = 0
    for path in sorted(folder.rglob("*")):
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode) or not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            continue  # a link could lead out of the copy; a device is nobody's homework
        if any(parent.is_symlink() for parent in path.relative_to(folder).parents):
            continue
        target = copy / path.relative_to(folder)
        if stat.S_ISDIR(mode):
            target.mkdir(parents=True, exist_ok=True)
            continue
        total += path.lstat().st_size
        files += 1
        _within_limits(total, files)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def _extract(archive: Path, copy: Path) -> None:
    try:
        with zipfile.ZipFile(archive) as packed:
            members = [m for m in packed.infolist() if not m.is_dir()]
            _within_limits(sum(m.file_size for m in members), len(members))
            for member in members:
                name = Path(member.filename)
                if name.is_absolute() or ".." in name.parts or member.external_attr >> 28 == 0xA:
                    continue  # outside the copy, or a symbolic link
                target = copy / name
                target.parent.mkdir(parents=True, exist_ok=True)
                with packed.open(member) as source, open(target, "wb") as written:
                    shutil.copyfileobj(source, written)
    except zipfile.BadZipFile as error:
        raise SubmissionError(
            f"{archive.name} is not a readable zip archive ({error})",
            f"{archive.name} 不是可以读取的 zip 压缩包（{error}）",
        ) from None


def _within_limits(total: int, files: int) -> None:
    if total > MAX_BYTES or files > MAX_FILES:
        raise SubmissionError(
            f"the submission is larger than {MAX_BYTES // 1_000_000} MB or {MAX_FILES} files",
            f"提交的内容超过了 {MAX_BYTES // 1_000_000} MB 或 {MAX_FILES} 个文件",
        )


def answers(student: str, copy: Path) -> tuple[list[Answer], list[Problem]]:
    """The answers in every notebook of a student's unpacked submission, and the notebooks
    that cannot be graded."""
    found, problems = [], []
    notebooks = sorted(
        path for path in copy.rglob("*.ipynb") if ".ipynb_checkpoints" not in path.parts
    )
    for path in notebooks:
        name = str(path.relative_to(copy))
        try:
            found += _notebook_answers(student, name, path)
        except SubmissionError as error:
            problems.append(Problem(student, name, str(error), error.chinese))
    if not notebooks:
        problems.append(
            Problem(
                student,
                "-",
                "the submission holds no notebook (.ipynb)",
                "提交的内容里没有 Notebook（.ipynb）",
            )
        )
    return found, problems


def _notebook_answers(student: str, name: str, path: Path) -> list[Answer]:
    if path.stat().st_size > MAX_NOTEBOOK_BYTES:
        raise SubmissionError(
            "the notebook is too large to be one of the course's",
            "这个 Notebook 太大，不可能是课程的 Notebook",
        )
    try:
        notebook = json.loads(path.read_bytes())
        cells = notebook["cells"]
        code = [
            "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            for cell in cells
            if cell.get("cell_type") == "code"
            and SOLUTION_TAG not in cell.get("metadata", {}).get("tags", [])
        ]
        prose = " ".join(
            "".join(cell.get("source", []))
            for cell in cells
            if cell.get("cell_type") == "markdown"
        )
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise SubmissionError(
            f"not a valid notebook ({type(error).__name__}: {error})",
            f"不是有效的 Notebook（{type(error).__name__}: {error}）",
        ) from None
    language = "zh" if name.endswith(".zh.ipynb") or len(HAN.findall(prose)) > 200 else "en"
    latest = {}
    for source in code:
        for exercise in EXERCISES:
            if re.search(rf"^\s*def\s+{exercise}\s*\(", source, re.M):
                latest[exercise] = source
    if not latest:
        raise SubmissionError(
            "not a notebook of this course: it defines none of the course's exercises",
            "不是本课程的 Notebook：其中没有定义课程的任何一道练习",
        )
    return [
        Answer(student, name, exercise, language, kept_source(source, exercise))
        for exercise, source in latest.items()
    ]


def kept_source(source: str, exercise: str) -> str:
    """What the cell defines (imports, functions, classes, assignments), without any statement
    that names ``check``; the cell as written when it does not parse, so that the sandbox reports
    its syntax error. ``exercise`` must be defined by the cell (the grader chose it for that)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    kept = [
        node
        for node in tree.body
        if isinstance(node, DEFINITIONS)
        and (isinstance(node, FUNCTIONS) or not _names_check(node))
    ]
    return ast.unparse(ast.Module(body=kept, type_ignores=[]))


DEFINITIONS = (
    ast.Import,
    ast.ImportFrom,
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.Assign,
    ast.AnnAssign,
    ast.AugAssign,
)
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _names_check(node: ast.AST) -> bool:
    """Whether a statement uses, binds or imports the name ``check``."""
    for part in ast.walk(node):
        if isinstance(part, ast.Name) and part.id == "check":
            return True
        if isinstance(part, ast.Attribute) and part.attr == "check":
            return True
        if isinstance(part, ast.alias) and "check" in (part.name, part.asname):
            return True
    return False


BOOK = Path(__file__).resolve().parents[1] / "book"


@cache
def _course_cells(chapter: int) -> tuple[str, ...]:
    """The code cells of the course's English notebook of ``chapter``, reference solutions
    left out; none when the course's notebook is not there."""
    found = [p for p in sorted(BOOK.glob(f"{chapter:02d}_*.ipynb")) if p.suffixes == [".ipynb"]]
    if not found:
        return ()
    cells = json.loads(found[0].read_text(encoding="utf-8"))["cells"]
    return tuple(
        "".join(cell["source"])
        for cell in cells
        if cell["cell_type"] == "code"
        and SOLUTION_TAG not in cell.get("metadata", {}).get("tags", [])
    )


@cache
def course_code(exercise: str) -> tuple[str, ...]:
    """The course's own code that a student's exercise cell can use in the notebook, one
    statement a string, in order: the imports of the chapter's import cell (the first code cell
    that imports ``lessons_src``, which comes first) and the functions the chapter defines in
    the cells before the exercise's (``softmax`` in chapter 4, say). Defining a function runs
    none of its body; what fails here (a module the teacher lacks) is left out by the sandbox."""
    statements = []
    cells = _course_cells(EXERCISES[exercise][0])
    import_cell = next((c for c in cells if re.search(r"^import lessons_src\b", c, re.M)), None)
    for source in cells:
        if re.search(rf"^\s*def\s+{exercise}\s*\(", source, re.M):
            break
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        if source is import_cell:
            kinds = (ast.Import, ast.ImportFrom)
        else:
            kinds = FUNCTIONS
        statements += [ast.unparse(node) for node in tree.body if isinstance(node, kinds)]
    return tuple(statements)


@cache
def _skeleton(exercise: str) -> str | None:
    """The normalised form of the exercise cell as the course hands it out."""
    for source in _course_cells(EXERCISES[exercise][0]):
        if re.search(rf"^\s*def\s+{exercise}\s*\(", source, re.M):
            return normalised(kept_source(source, exercise))
    return None


def normalised(source: str) -> str | None:
    """The code of ``source`` whatever its layout, comments and docstrings (which the Chinese
    edition translates); None when it does not parse."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, (ast.Module, *FUNCTIONS, ast.ClassDef))
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            node.body = body[1:] or [ast.Pass()]
    return ast.dump(tree)


def untouched(exercise: str, source: str) -> bool:
    """Whether the kept source of a student's cell is the course's skeleton, as handed out:
    the same code once layout, comments and docstrings are set aside, in either language."""
    skeleton = _skeleton(exercise)
    return skeleton is not None and normalised(source) == skeleton
