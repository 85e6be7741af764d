"""Every public helper of ``lessons_src`` names the chapter that explains it, and that chapter
uses it: MAINTAINING's promise that a reader can go from a helper to the page that teaches it.

A helper is a function or class defined at the top of a ``lessons_src`` module whose name does
not start with ``_`` (constants are settings, described by their comment). Its docstring names
its chapter as "chapter N"; the first chapter named is the one that explains it. That chapter
uses it when its name appears in a code cell (its source, or an output showing a source file,
as chapters 6 and 8 do) or in a Markdown cell's inline code. What no chapter shows is private.
"""

import ast
import json
import re
from pathlib import Path

import pytest

from bookbuild import pages

pytestmark = pytest.mark.machinery

PACKAGE = pages.ROOT / "lessons_src"
CHAPTER_NAMED = re.compile(r"\b[Cc]hapters?\s+(\d+)")
INLINE_CODE = re.compile(r"`([^`\n]+)`")


def helpers() -> list[tuple[str, str, str]]:
    """(module file, name, docstring) of every public function and class of lessons_src."""
    found = []
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            public = not node.name.startswith("_") if hasattr(node, "name") else False
            if public and isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                found.append((path.name, node.name, ast.get_docstring(node) or ""))
    return found


def output_text(output: dict) -> str:
    """The text an output shows: a stream, or a result's plain text."""
    if output.get("output_type") == "stream":
        return "".join(output["text"])
    return "".join(output.get("data", {}).get("text/plain", ""))


def shown_code(notebook: str) -> str:
    """All the code a chapter shows: its code cells, the text of their outputs, and the inline
    code of its Markdown."""
    cells = json.loads((pages.ROOT / notebook).read_text(encoding="utf-8"))["cells"]
    parts = []
    for cell in cells:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code":
            parts.append(source)
            parts.extend(output_text(output) for output in cell.get("outputs", []))
        elif cell["cell_type"] == "markdown":
            parts.extend(INLINE_CODE.findall(source))
    return "\n".join(parts)


CHAPTER_NOTEBOOKS = {int(Path(notebook).name[:2]): notebook for notebook in pages.CHAPTERS}


@pytest.mark.parametrize(
    ("module", "name", "docstring"), helpers(), ids=lambda value: str(value)[:40]
)
def test_helper_names_a_chapter_that_uses_it(module, name, docstring):
    named = CHAPTER_NAMED.findall(docstring)
    assert named, f"lessons_src/{module}: the docstring of {name} names no chapter"
    chapter = int(named[0])
    assert chapter in CHAPTER_NOTEBOOKS, f"{name} names chapter {chapter}, which the toc lacks"
    notebook = CHAPTER_NOTEBOOKS[chapter]
    assert re.search(rf"\b{name}\b", shown_code(notebook)), (
        f"lessons_src/{module}: {name} names chapter {chapter}, but {notebook} never shows it: "
        "use it there, name the right chapter, or make it private"
    )


def test_every_module_has_helpers_to_check():
    """The walk finds the helpers (a broken walk would pass every check above)."""
    names = {name for _, name, _ in helpers()}
    assert {"check_range", "CNN", "load_checkpoint", "load_house_numbers"} <= names


def test_every_chapter_gives_its_sizes_for_both_modes_once():
    """The first code cells call ``sizes``; the check of quick against full runs with each
    notebook (the strict notebook tests run every chapter)."""
    for chapter in pages.CHAPTERS:
        code = "".join(
            "".join(cell["source"])
            for cell in json.loads((pages.ROOT / chapter).read_text())["cells"]
            if cell["cell_type"] == "code"
        )
        assert len(re.findall(r"\bsizes\(\s*quick=", code)) == 1, chapter
