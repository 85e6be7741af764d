"""Cutting a page into the segments a translator translates, one catalogue entry each.

A segment is a heading, a paragraph or list, a paragraph of an aside, a table row, a directive's
title, the text of a concept question's ``<summary>``, or a comment of code a page shows: of a
code cell, of a fenced ``bash`` or ``python`` block, or of a source file a cell's output shows
(IPython's ``Code`` display), or the docstring of a function an exercise cell defines (its task,
``exercise_docstrings``). Markdown is cut by ``markdown-it-py``, the parser MyST itself
uses, with the MyST syntax the book enables (``$$`` math, ``:::`` fences, ``(label)=`` targets):
each block token carries its line range, and a segment is the source text of its lines, so
translating a page replaces those lines' text and leaves everything else (code, math, HTML,
blank lines) byte for byte. Python comments are found by Python's own tokenizer, docstrings by its
parser.
"""

import ast
import io
import json
import re
import tokenize
from dataclasses import dataclass

import nbformat
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin

from . import pages, quoted_numbers, results_pages
from .editions import english_words
from .pages import INTERFACE, RESULTS_PAGE

# What a translation must keep (see bookbuild.catalogues), and what is not words to translate.
ROLE = re.compile(r"\{(?:ref|doc|numref|eq)\}`([^`]*)`")
MATH = re.compile(r"\$\$.+?\$\$|\$[^$]+\$|\\\(.+?\\\)", re.S)  # \(...\): math inside HTML
CODE = re.compile(r"`[^`\n]+`")
# {name:format}: a number quoted from the run; {name}: also a value results_pages fills in
PLACEHOLDER = quoted_numbers.PLACEHOLDER

PARSER = (
    MarkdownIt("commonmark")
    .enable("table")
    .use(dollarmath_plugin)
    .use(colon_fence_plugin)
    .use(myst_block_plugin)
)
NOT_PROSE_DIRECTIVES = {"code", "code-block", "code-cell", "math", "raw"}
# A concept question's option, on one line of HTML: <details ...><summary>text</summary>
SUMMARY = re.compile(r"\s*<details[^>]*>\s*<summary>(.+?)</summary>\s*")
# Where the words of a line start: after a heading's hashes, after an aside's marker.
HEADING_MARKS = re.compile(r"\s*#+\s*")
ASIDE_MARKS = re.compile(r"\s*>\s*")


@dataclass
class Piece:
    """A run of Markdown: prose to translate, or text kept as it is (code, math, blank lines)."""

    text: str
    prose: bool


@dataclass
class Segment:
    """The English of a segment, and where it stands: ``cell 12`` or ``line 40``."""

    text: str
    where: str


def strip_patterns(text: str, *patterns: re.Pattern) -> str:
    """``text`` with every match of ``patterns`` replaced by a space, in order."""
    for pattern in patterns:
        text = pattern.sub(" ", text)
    return text


def needs_translation(text: str) -> bool:
    """Prose with words in it (a row of code or numbers only is kept as it is)."""
    words = re.sub(
        r"!?\[([^\]]*)\]\([^)]*\)", r"\1", strip_patterns(text, PLACEHOLDER, ROLE, MATH, CODE)
    )
    return bool(re.search(r"[A-Za-z]{2,}", words))


# ---------- Markdown ----------


def _prose_spans(text: str) -> list[tuple[int, int]]:
    """Where the prose of ``text`` is, as (start, end) offsets, in order.

    Every range comes from a block token's line map. A paragraph's lines are prose, and
    paragraphs that no blank line parts are one segment: a paragraph with the list it introduces,
    the items of a tight list, with the list markers as they are written. A loose list's items
    are segments of their own; code or math inside an item is kept, as it is no paragraph."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def words(first: int, last: int, start: int = 0) -> tuple[int, int]:
        """Lines ``first`` to ``last - 1``, from column ``start`` to the last line break."""
        return offsets[first] + start, offsets[last - 1] + len(lines[last - 1].rstrip("\n"))

    spans: list[tuple[int, int]] = []
    runs: list[list[int]] = []  # [first, last) of paragraphs, joined when nothing parts them
    tokens = PARSER.parse(text)
    inside: list[str] = []  # the open containers (list, blockquote, table ...) around a token
    for token in tokens:
        if token.nesting == -1:
            inside.pop()
            continue
        if token.nesting == 1:
            inside.append(token.type)
        if token.map is None:
            continue
        first, last = token.map
        if token.type == "paragraph_open" and "blockquote_open" in inside:
            # an aside: a paragraph, after its ">" marker (notebooks write one per line)
            spans.append(words(first, last, ASIDE_MARKS.match(lines[first]).end()))
        elif token.type == "paragraph_open":
            if runs and runs[-1][1] == first:
                runs[-1][1] = last
            else:
                runs.append([first, last])
        elif token.type == "heading_open":
            spans.append(words(first, last, HEADING_MARKS.match(lines[first]).end()))
        elif token.type == "tr_open":  # a table row (the delimiter row is none)
            spans.append(words(first, last))
        elif token.type in {"fence", "colon_fence"} and not inside:
            spans += _directive_spans(token, lines, offsets)
        elif token.type == "html_block" and not inside:
            for number in range(first, last):
                summary = SUMMARY.fullmatch(lines[number].rstrip("\n"))
                if summary:
                    spans.append(
                        (offsets[number] + summary.start(1), offsets[number] + summary.end(1))
                    )
    spans += [words(first, last) for first, last in runs]
    return sorted(spans)


def _directive_spans(fence: Token, lines: list[str], offsets: list[int]) -> list[tuple[int, int]]:
    """The prose of a MyST directive (```{note} Title``` or ``:::{note}``): its title and its
    body, after the options; a code block or a code, math or raw directive has none."""
    directive = re.fullmatch(r"\{([\w:-]+)\}\s*(.*)", fence.info.strip())
    if directive is None or directive.group(1) in NOT_PROSE_DIRECTIVES:
        return []
    first, last = fence.map
    opening = lines[first].rstrip("\n")
    title = directive.group(2)
    spans = (
        [(offsets[first] + len(opening) - len(title), offsets[first] + len(opening))]
        if title
        else []
    )
    body = first + 1
    while body < last and lines[body].lstrip().startswith(":"):
        body += 1  # the directive's options
    closed = last > first + 1 and lines[last - 1].strip().startswith(fence.markup)
    body_end = last - 1 if closed else last
    inner = "".join(lines[body:body_end])
    spans += [(offsets[body] + a, offsets[body] + b) for a, b in _prose_spans(inner)]
    return spans


def split_markdown(text: str) -> list[Piece]:
    """Cut ``text`` into pieces whose concatenation is ``text`` again."""
    pieces, position = [], 0
    for start, end in _prose_spans(text):
        pieces += [Piece(text[position:start], False), Piece(text[start:end], True)]
        position = end
    pieces.append(Piece(text[position:], False))
    return [p for p in pieces if p.text]


def markdown_segments(text: str, cell: str | None) -> list[Segment]:
    """The prose segments of Markdown ``text`` (of a notebook's ``cell``, or of a whole page),
    each quoted number as its placeholder, then the comments of its fenced code."""
    found = []
    position = 0
    for piece in split_markdown(text):
        if piece.prose and needs_translation(piece.text):
            where = cell or f"line {text.count(chr(10), 0, position) + 1}"
            found.append(Segment(quoted_numbers.to_placeholders(piece.text), where))
        position += len(piece.text)
    for comment in fenced_comments(text):
        if needs_translation(comment.text):
            where = cell or f"line {comment.line + 1}"
            found.append(Segment(comment.text, f"{where}, comment"))
    return found


# ---------- comments of the code a page shows ----------


@dataclass
class Comment:
    """The words of a ``#`` comment, and where they stand in the cell's source."""

    text: str
    line: int  # 0-based
    start: int  # column of the words, after "# "
    end: int


PRAGMA = re.compile(r"(noqa|type:|fmt:|pragma)\b")


def code_comments(source: str) -> list[Comment]:
    """The comments of Python ``source``, found by Python's own tokenizer (so that a ``#``
    inside a string is not one), pragmas such as ``# noqa`` left out."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            words = token.string.lstrip("#").strip()
            if words and not PRAGMA.match(words):
                line, column = token.start
                start = column + token.string.index(words)
                found.append(Comment(words, line - 1, start, start + len(words)))
    return found


SHELL_COMMENT = re.compile(r"(?:^|\s)#\s*(\S.*?)\s*$")


def shell_comments(source: str) -> list[Comment]:
    """The comments of a shell script: ``#`` at the start of a line or after a space (a
    ``#!`` line is none)."""
    found = []
    for number, line in enumerate(source.splitlines()):
        match = SHELL_COMMENT.search(line)
        if match and not line.startswith("#!"):
            found.append(Comment(match.group(1), number, match.start(1), match.end(1)))
    return found


COMMENTS_OF = {"python": code_comments, "bash": shell_comments, "sh": shell_comments}


def fenced_comments(markdown: str) -> list[Comment]:
    """The comments of the fenced ``python``, ``bash`` and ``sh`` blocks of ``markdown``, with
    their lines counted in ``markdown``."""
    found = []
    lines = markdown.splitlines(keepends=True)
    for token in PARSER.parse(markdown):
        language = token.info.strip()
        if token.type == "fence" and language in COMMENTS_OF:
            first = token.map[0] + 1  # the line after the opening fence
            content = "".join(lines[first : token.map[1] - 1])
            found += [
                Comment(c.text, first + c.line, c.start, c.end)
                for c in COMMENTS_OF[language](content)
            ]
    return found


def shown_source(output: dict) -> str | None:
    """The Python source an output shows when it is IPython's ``Code`` display (chapters 2, 6, 8
    and 10 show helpers and scripts so), else None."""
    data = output.get("data", {})
    html = data.get("text/html", "")
    html = "".join(html) if isinstance(html, list) else html
    if '<div class="highlight"><pre>' in html and {"text/latex", "text/plain"} <= set(data):
        plain = data["text/plain"]
        return "".join(plain) if isinstance(plain, list) else plain
    return None


# ---------- docstrings of the exercises ----------

# An exercise cell, and the cell of its reference solution, call the course's checker.
EXERCISE_CALL = re.compile(r"\bcheck\(")


@dataclass
class Docstring:
    """The words of a function's docstring (its whitespace made single spaces), and where its
    string literal stands in the cell's source, quotes included."""

    text: str
    line: int  # 0-based line of the opening quotes
    start: int  # their column
    end_line: int  # 0-based line of the closing quotes
    end: int  # the column after them


def exercise_docstrings(source: str) -> list[Docstring]:
    """The docstrings of the functions that Python ``source`` defines, when it is an exercise
    cell or a reference solution's (it calls ``check(``): each states the task. None for other
    code, or for code Python cannot parse (a student's unfinished answer)."""
    if not EXERCISE_CALL.search(source):
        return []
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    lines = source.splitlines(keepends=True)

    def column(line: int, offset: int) -> int:  # ast counts UTF-8 bytes
        return len(lines[line].encode()[:offset].decode())

    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                literal = first.value
                line, end_line = literal.lineno - 1, literal.end_lineno - 1
                found.append(
                    Docstring(
                        " ".join(literal.value.split()),
                        line,
                        column(line, literal.col_offset),
                        end_line,
                        column(end_line, literal.end_col_offset),
                    )
                )
    return sorted(found, key=lambda d: (d.line, d.start))


# ---------- pages ----------


def results_messages() -> list[str]:
    """The English messages the results page is written with, in order."""
    used = []
    record = lambda message: used.append(message) or message  # noqa: E731
    results_pages.results_page(json.loads(results_pages.RESULTS.read_text()), record)
    return used


def page_segments(english: str) -> list[Segment]:
    """The prose of an English page, in order, with where each segment stands: for a notebook,
    its Markdown cells, and the comments of its code cells and of the source their outputs show,
    and the docstrings of its exercises."""
    if english == RESULTS_PAGE:
        return [
            Segment(text, "a message of bookbuild/results_pages.py") for text in results_messages()
        ]
    if english == INTERFACE:
        return [
            Segment(text, f"the interface's {purpose} (bookbuild/editions.py)")
            for purpose, text in english_words().items()
        ]
    path = pages.ROOT / english
    if path.suffix != ".ipynb":
        return markdown_segments(path.read_text(encoding="utf-8"), None)
    notebook = nbformat.read(path, as_version=4)
    found = []
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            found += markdown_segments(cell.source, f"cell {number}")
        elif cell.cell_type == "code":
            found += [
                Segment(comment.text, f"cell {number}, comment")
                for comment in code_comments(cell.source)
                if needs_translation(comment.text)
            ]
            found += [
                Segment(docstring.text, f"cell {number}, docstring")
                for docstring in exercise_docstrings(cell.source)
                if needs_translation(docstring.text)
            ]
            for output in cell.get("outputs", []):
                source = shown_source(output)
                found += [
                    Segment(comment.text, f"cell {number}, comment of the code it shows")
                    for comment in (code_comments(source) if source else [])
                    if needs_translation(comment.text)
                ]
    return found
