"""Every code line a reader sees fits the book's code column (79 characters).

A longer line scrolls sideways in the rendered book. A Chinese character counts two columns (the
Chinese notebooks' comments are translated). The notebooks' code cells and the code blocks of
their text and of the book's pages, the helper package and the scripts the chapters show
(book/*.py) are checked; `ruff format` (configured in pyproject.toml) keeps the Python so.
"""

import re
import unicodedata
from pathlib import Path

import nbformat
import pytest

pytestmark = pytest.mark.machinery

ROOT = Path(__file__).resolve().parent.parent
COLUMN = 79
SOURCES = (
    sorted((ROOT / "book").glob("*.ipynb"))
    + sorted((ROOT / "book").glob("*.md"))
    + sorted((ROOT / "book").glob("*.py"))
    + sorted((ROOT / "lessons_src").glob("*.py"))
)
FENCED = re.compile(r"^(```+|~~~+)[^\n]*\n(.*?)^\1", re.M | re.S)


def fenced_lines(markdown: str) -> list[str]:
    """The lines of the fenced code blocks of ``markdown``."""
    return [line for block in FENCED.findall(markdown) for line in block[1].splitlines()]


def code_lines(path: Path) -> list[str]:
    if path.suffix == ".ipynb":
        notebook = nbformat.read(path, as_version=4)
        return [
            line
            for cell in notebook.cells
            for line in (
                cell.source.splitlines() if cell.cell_type == "code" else fenced_lines(cell.source)
            )
        ]
    if path.suffix == ".md":
        return fenced_lines(path.read_text(encoding="utf-8"))
    return path.read_text(encoding="utf-8").splitlines()


def width(line: str) -> int:
    """Columns ``line`` takes in a monospaced font: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)


def too_long(lines: list[str]) -> list[str]:
    return [f"{width(line)}: {line.strip()[:60]}" for line in lines if width(line) > COLUMN]


def test_the_check_sees_a_long_line():
    assert too_long(["x = 1", "y = " + "1" * COLUMN]) == [f"{COLUMN + 4}: y = " + "1" * 56]
    assert too_long(["x = 1  # " + "汉" * 35]) == []  # 79 columns
    assert too_long(["x = 1  # " + "汉" * 36]) == [f"{9 + 72}: x = 1  # " + "汉" * 36]


def test_the_check_reads_the_code_blocks_of_text():
    text = "Run:\n\n```bash\npython train.py\n```\n\nand `x`.\n~~~\nprint(1)\n~~~\n"
    assert fenced_lines(text) == ["python train.py", "print(1)"]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_code_lines_fit_the_book_column(path):
    assert code_lines(path) or path.suffix == ".md", f"{path} has no code"
    long_lines = too_long(code_lines(path))
    assert not long_lines, f"{path.name}: lines over {COLUMN} characters:\n" + "\n".join(
        long_lines
    )


# A comment that hangs on a line of closing brackets: left behind when a formatter split the
# call it described.
HANGING = re.compile(r"^\s*[)\]}][)\]},:]*\s*#")


def hanging_comments(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines if HANGING.match(line)]


def test_the_check_sees_a_comment_hanging_on_a_bracket():
    assert hanging_comments(["    )  # read by Paddle", "f(x)  # fine", "    ],  # a list"]) == [
        ")  # read by Paddle",
        "],  # a list",
    ]


PYTHON = SOURCES + sorted(
    path
    for folder in ("bookbuild", "measuring", "datagen", "tests", "scripts")
    for path in (ROOT / folder).glob("*.py")
)


@pytest.mark.parametrize("path", PYTHON, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_comment_hangs_on_a_closing_bracket(path):
    found = hanging_comments(code_lines(path))
    assert not found, f"{path.name}: put the comment above the statement it explains: {found}"
