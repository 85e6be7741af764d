"""Cutting a page into the segments a translator translates, one catalogue entry each.

A segment is a heading, a paragraph or list, a line of an aside, a table row, a directive's title,
the text of a concept question's ``<summary>``, or a comment of a code cell. Markdown is cut by
``markdown-it-py``, the parser MyST itself uses, with the MyST syntax the book enables (``$$``
math, ``:::`` fences, ``(label)=`` targets): each block token carries its line range, and a
segment is the source text of its lines, so translating a page replaces those lines' text and
leaves everything else (code, math, HTML, blank lines) byte for byte. Code comments are found by
Python's own tokenizer.
"""

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

from . import quoted_numbers, results_pages
from .pages import RESULTS_PAGE, ROOT

# What a translation must keep (see bookbuild.catalogues), and what is not words to translate.
ROLE = re.compile(r"\{(?:ref|doc|numref|eq)\}`([^`]*)`")
MATH = re.compile(r"\$\$.+?\$\$|\$[^$]+\$|\\\(.+?\\\)", re.S)  # \(...\): math inside HTML
CODE = re.compile(r"`[^`\n]+`")
# {name:format}: a number quoted from the run; {name}: also a value results_pages fills in
PLACEHOLDER = quoted_numbers.PLACEHOLDER

PARSER = (MarkdownIt("commonmark").enable("table").use(dollarmath_plugin)
          .use(colon_fence_plugin).use(myst_block_plugin))
# Blocks kept as they are wherever they stand, inside a list item too.
VERBATIM = {"fence", "colon_fence", "code_block", "math_block", "math_block_label", "html_block"}
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
    for pattern in patterns:
        text = pattern.sub(" ", text)
    return text


def needs_translation(text: str) -> bool:
    """Prose with words in it (a row of code or numbers only is kept as it is)."""
    words = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", strip_patterns(text, PLACEHOLDER, ROLE,
                                                                MATH, CODE))
    return bool(re.search(r"[A-Za-z]{2,}", words))


# ---------- Markdown ----------

def _blocks_of_lines(lines: list[str], start: int, end: int, verbatim: set[int]
                     ) -> list[tuple[int, int]]:
    """The runs of non-blank lines in ``lines[start:end]`` that are not ``verbatim`` (code,
    math or HTML inside a list item): a list's loose items, or the paragraphs of one item, are
    segments of their own."""
    runs, run_start = [], None
    for number in range(start, end):
        if lines[number].strip() and number not in verbatim:
            run_start = number if run_start is None else run_start
        elif run_start is not None:
            runs.append((run_start, number))
            run_start = None
    if run_start is not None:
        runs.append((run_start, end))
    return runs


def _prose_spans(text: str) -> list[tuple[int, int]]:
    """Where the prose of ``text`` is, as (start, end) offsets, in order."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def line_words(number: int, start: int = 0) -> tuple[int, int]:
        """Line ``number`` from column ``start`` to its line break."""
        return offsets[number] + start, offsets[number] + len(lines[number].rstrip("\n"))

    spans: list[tuple[int, int]] = []
    paragraphs: list[tuple[int, int]] = []  # runs of lines, joined when nothing parts them
    tokens = PARSER.parse(text)
    verbatim = {number for token in tokens if token.type in VERBATIM and token.map
                for number in range(*token.map)}
    for token in tokens:
        if token.level != 0 or token.map is None or token.nesting == -1:
            continue
        first, last = token.map
        if token.type in {"paragraph_open", "bullet_list_open", "ordered_list_open"}:
            for run in _blocks_of_lines(lines, first, last, verbatim):
                if paragraphs and paragraphs[-1][1] == run[0]:
                    paragraphs[-1] = (paragraphs[-1][0], run[1])
                else:
                    paragraphs.append(run)
            continue
        if token.type == "heading_open":
            spans.append(line_words(first, HEADING_MARKS.match(lines[first]).end()))
        elif token.type == "blockquote_open":  # an aside: one paragraph per line
            spans += [line_words(n, ASIDE_MARKS.match(lines[n]).end())
                      for n in range(first, last) if lines[n].strip() not in {"", ">"}]
        elif token.type == "table_open":  # each row but the delimiter row
            spans += [line_words(row.map[0]) for row in tokens
                      if row.type == "tr_open" and first <= row.map[0] < last]
        elif token.type in {"fence", "colon_fence"}:
            spans += _directive_spans(token, lines, offsets)
        elif token.type == "html_block":
            for n in range(first, last):
                summary = SUMMARY.fullmatch(lines[n].rstrip("\n"))
                if summary:
                    spans.append((offsets[n] + summary.start(1), offsets[n] + summary.end(1)))
    spans += [(offsets[a], offsets[b] - len(lines[b - 1]) + len(lines[b - 1].rstrip("\n")))
              for a, b in paragraphs]
    return sorted(spans)


def _directive_spans(fence: Token, lines: list[str], offsets: list[int]
                     ) -> list[tuple[int, int]]:
    """The prose of a MyST directive (```{note} Title``` or ``:::{note}``): its title and its
    body, after the options; a code block or a code, math or raw directive has none."""
    directive = re.fullmatch(r"\{([\w:-]+)\}\s*(.*)", fence.info.strip())
    if directive is None or directive.group(1) in NOT_PROSE_DIRECTIVES:
        return []
    first, last = fence.map
    opening = lines[first].rstrip("\n")
    title = directive.group(2)
    spans = [(offsets[first] + len(opening) - len(title), offsets[first] + len(opening))] \
        if title else []
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
    each quoted number as its placeholder."""
    found = []
    position = 0
    for piece in split_markdown(text):
        if piece.prose and needs_translation(piece.text):
            where = cell or f"line {text.count(chr(10), 0, position) + 1}"
            found.append(Segment(quoted_numbers.to_placeholders(piece.text), where))
        position += len(piece.text)
    return found


# ---------- comments of code cells ----------

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


# ---------- pages ----------

def results_messages() -> list[str]:
    """The English messages the results page is written with, in order."""
    used = []
    record = lambda message: used.append(message) or message  # noqa: E731
    results_pages.results_page(json.loads(results_pages.RESULTS.read_text()), record)
    return used


def page_segments(english: str) -> list[Segment]:
    """The prose of an English page, in order, with where each segment stands: for a notebook,
    its Markdown cells and the comments of its code cells."""
    if english == RESULTS_PAGE:
        return [Segment(text, "a message of bookbuild/results_pages.py")
                for text in results_messages()]
    path = ROOT / english
    if path.suffix != ".ipynb":
        return markdown_segments(path.read_text(encoding="utf-8"), None)
    notebook = nbformat.read(path, as_version=4)
    found = []
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            found += markdown_segments(cell.source, f"cell {number}")
        elif cell.cell_type == "code":
            found += [Segment(comment.text, f"cell {number}, comment")
                      for comment in code_comments(cell.source)
                      if needs_translation(comment.text)]
    return found
