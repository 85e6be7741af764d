"""The Chinese edition (中文版): each English page rewritten with the Chinese of its catalogue.

``build`` writes each Chinese page beside its English one (``book/01_linear_baseline.zh.ipynb``,
``README.zh.md``): in the same folder, so every path the code reads or writes resolves the same,
with outputs and metadata unchanged and the same code apart from its comments (the comments of
the source files an output shows are translated too, see ``translate_shown_sources``) and the
docstrings of its exercises, which state their tasks (``translate_docstrings``). A number the
prose quotes from the run (``bookbuild.quoted_numbers``) is a placeholder ``{name:format}`` in
the catalogues, filled in from the English page. Links point at the other edition's pages. The
results page is written from ``book/results.json`` in Chinese by ``bookbuild.results_pages``,
with the messages of ``locale/zh/results.po``.
"""

import json
import re
import sys
import unicodedata

import nbformat
import yaml
from IPython.core.formatters import DisplayFormatter
from IPython.display import Code

from . import pages, quoted_numbers, results_pages
from .catalogues import drift, translations_of
from .editions import CHINESE
from .pages import PAGES, RESULTS_PAGE, chinese_path, read_toc
from .segments import (
    Comment,
    code_comments,
    exercise_docstrings,
    fenced_comments,
    needs_translation,
    shown_source,
    split_markdown,
)


# The book's code column; a Chinese character takes two (tests/test_line_length.py).
COLUMN = 79
# What a docstring's line may break before: a run of Latin letters, digits and ASCII signs, or a
# single wide character, each with the closing punctuation that must not start a line.
BREAKABLE = re.compile(r"[^\s\u2e80-\uffff]+[，。：；、）”！？]*|\s+|.[，。：；、）”！？]*")

# nbval compares a cell's outputs with the committed ones, unless the cell has this tag.
NOT_RERUN_TAG = "nbval-ignore-output"


def other_edition(target: str) -> str:
    """``x.md`` <-> ``x.zh.md`` and ``x.ipynb`` <-> ``x.zh.ipynb``, keeping an anchor; any other
    target as it is."""
    if re.match(r"[a-z]+:", target):
        return target
    path, hash_, anchor = target.partition("#")
    stem, dot, suffix = path.rpartition(".")
    if suffix not in {"md", "ipynb"}:
        return target
    stem = stem.removesuffix(".zh") if stem.endswith(".zh") else stem + ".zh"
    return f"{stem}{dot}{suffix}{hash_}{anchor}"


def cross_edition_links(markdown: str) -> str:
    """Point links at the other edition's pages, and inline code naming an English page
    (`book/intro.md`) at its Chinese edition."""
    markdown = re.sub(
        r"(\]\s*\()([^)\s]+)(?=\))", lambda m: m.group(1) + other_edition(m.group(2)), markdown
    )
    return re.sub(
        r"(?<=`)([\w/.]+)(?=`)",
        lambda m: chinese_path(m.group(1)) if m.group(1) in PAGES else m.group(0),
        markdown,
    )


def translate_markdown(text: str, translations: dict[str, str]) -> str:
    """``text`` with every prose segment and every comment of its fenced code replaced by its
    translation."""
    text = replace_comments(text, fenced_comments(text), translations)
    out = []
    for piece in split_markdown(text):
        if piece.prose and needs_translation(piece.text):
            translation = translations[quoted_numbers.to_placeholders(piece.text)]
            out.append(quoted_numbers.from_placeholders(translation, piece.text))
        else:
            out.append(piece.text)
    return cross_edition_links("".join(out))


def translate_comments(source: str, translations: dict[str, str]) -> str:
    """Python ``source`` with every comment that has words replaced by its translation."""
    return replace_comments(source, code_comments(source), translations)


def width(text: str) -> int:
    """Columns ``text`` takes in a monospaced font: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def docstring_literal(text: str, indent: int) -> str:
    """``text`` as a triple-quoted docstring whose first line starts at column ``indent`` and whose
    other lines are indented as much, wrapped to the book's column."""
    lines, line = [], '"""'
    for piece in BREAKABLE.findall(text + '"""'):
        if piece.isspace():
            piece = " "
        if line.strip() and indent + width((line + piece).rstrip()) > COLUMN:
            lines.append(line.rstrip())
            line = "" if piece == " " else piece
        else:
            line += piece
    lines.append(line)
    return ("\n" + " " * indent).join(lines)


def translate_docstrings(source: str, translations: dict[str, str]) -> str:
    """Python ``source`` with the docstring of each function of an exercise (its task) replaced
    by its translation, wrapped to the book's column."""
    lines = source.splitlines(keepends=True)
    for docstring in reversed(exercise_docstrings(source)):
        if needs_translation(docstring.text):
            literal = docstring_literal(translations[docstring.text], docstring.start)
            first, last = lines[docstring.line], lines[docstring.end_line]
            lines[docstring.line : docstring.end_line + 1] = [
                first[: docstring.start] + literal + last[docstring.end :]
            ]
    return "".join(lines)


def replace_comments(text: str, comments: list[Comment], translations: dict[str, str]) -> str:
    """``text`` with each of its ``comments`` that has words replaced by its translation."""
    lines = text.splitlines(keepends=True)
    for comment in reversed(comments):
        if needs_translation(comment.text):
            line = lines[comment.line]
            lines[comment.line] = (
                line[: comment.start] + translations[comment.text] + line[comment.end :]
            )
    return "".join(lines)


def code_display(source: str) -> dict:
    """The output data IPython's ``Code`` display gives for Python ``source``."""
    data, _ = DisplayFormatter().format(Code(source, language="python"))
    return data


def translate_shown_sources(cell: nbformat.NotebookNode, translations: dict[str, str]) -> None:
    """Translate the comments of the source files ``cell``'s outputs show, in every format the
    output has. The cell then shows what running it does not (the files' comments are English),
    so it gets nbval's ``nbval-ignore-output`` tag; the English cell's output stays checked."""
    for output in cell.get("outputs", []):
        source = shown_source(output)
        if source is None or translate_comments(source, translations) == source:
            continue
        shown = code_display(translate_comments(source, translations))
        output["data"] = {kind: shown[kind] for kind in output["data"]}
        tags = cell.metadata.setdefault("tags", [])
        if NOT_RERUN_TAG not in tags:
            tags.append(NOT_RERUN_TAG)


def chinese_page(english: str) -> str:
    """The Chinese edition of ``english``, as the text of its file."""
    translations = translations_of(english)
    path = pages.ROOT / english
    if english == RESULTS_PAGE:
        results = json.loads(results_pages.RESULTS.read_text())
        # A message not translated yet stays English here, so that a full run always writes its
        # results; `check` and the tests report the missing translation.
        return (
            results_pages.results_page(
                results, lambda message: translations.get(message, message), chinese=True
            )
            + "\n"
        )
    if path.suffix == ".ipynb":
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "markdown":
                cell.source = translate_markdown(cell.source, translations)
            elif cell.cell_type == "code":
                source = translate_docstrings(cell.source, translations)
                cell.source = translate_comments(source, translations)
                translate_shown_sources(cell, translations)
        return nbformat.writes(notebook) + "\n"
    return translate_markdown(path.read_text(encoding="utf-8"), translations)


def write_chinese_page(english: str) -> None:
    """Write the Chinese edition of ``english`` beside it."""
    (pages.ROOT / chinese_path(english)).write_text(chinese_page(english), encoding="utf-8")


def chinese_toc() -> str:
    """The Chinese edition's table of contents: the English one with Chinese pages and
    captions."""
    toc = read_toc()
    toc["root"] = CHINESE.page(toc["root"])
    for number, part in enumerate(toc["parts"], start=1):
        part["caption"] = CHINESE.words[f"caption {number}"]
        for chapter in part["chapters"]:
            chapter["file"] = CHINESE.page(chapter["file"])
    return (
        "# The Chinese edition (中文版), written from _toc.yml by `course translate build`.\n"
        + yaml.safe_dump(toc, allow_unicode=True, sort_keys=False)
    )


def build() -> None:
    """Write every Chinese page and the Chinese table of contents; stop, naming them, if a
    segment has no translation."""
    for english in PAGES:
        problems = [p for p in drift(english) if "no Chinese translation" in p]
        if problems:
            sys.exit("\n".join(problems))
        write_chinese_page(english)
        print(f"wrote {chinese_path(english)}")
    (pages.ROOT / CHINESE.toc).write_text(chinese_toc(), encoding="utf-8")
    print(f"wrote {CHINESE.toc}")
