"""Every code line a reader sees fits the book's code column (79 characters).

A longer line scrolls sideways in the rendered book. The notebooks' code cells, the helper
package and the scripts the chapters show (book/*.py) are checked; `ruff format` (configured
in pyproject.toml) keeps them so.
"""

from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
COLUMN = 79
SOURCES = sorted((ROOT / "book").glob("*.ipynb")) + sorted(
    (ROOT / "book").glob("*.py")) + sorted((ROOT / "lessons_src").glob("*.py"))


def code_lines(path: Path) -> list[str]:
    if path.suffix == ".ipynb":
        notebook = nbformat.read(path, as_version=4)
        return [line for cell in notebook.cells if cell.cell_type == "code"
                for line in cell.source.splitlines()]
    return path.read_text(encoding="utf-8").splitlines()


def too_long(lines: list[str]) -> list[str]:
    return [f"{len(line)}: {line.strip()[:60]}" for line in lines if len(line) > COLUMN]


def test_the_check_sees_a_long_line():
    assert too_long(["x = 1", "y = " + "1" * COLUMN]) == [f"{COLUMN + 4}: y = " + "1" * 56]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_code_lines_fit_the_book_column(path):
    assert code_lines(path), f"{path} has no code"
    long_lines = too_long(code_lines(path))
    assert not long_lines, f"{path.name}: lines over {COLUMN} characters:\n" + "\n".join(long_lines)
