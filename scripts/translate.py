"""The Chinese edition (中文版): generated from the English pages and gettext catalogues.

The English notebooks and pages are the only source of code and outputs. Their prose is cut into
segments (a paragraph or list, a heading, a table row, a line of an aside, a directive's title,
and each comment of a code cell), and ``locale/zh/<page>.po`` holds the Chinese of every
segment, so translators can work in Poedit, Weblate or Crowdin. ``build`` writes each Chinese
page beside its English one (``book/01_linear_baseline.zh.ipynb``, ``README.zh.md``): in the
same folder, so every path the code reads or writes resolves the same, with outputs and metadata
unchanged and the same code apart from its comments. A number the prose quotes from the run
(scripts/quoted_numbers.py) is a placeholder ``{name:format}`` in the catalogues, filled in from
the English page.

    .venv/bin/python scripts/translate.py update   # new English segments into the catalogues
    .venv/bin/python scripts/translate.py build    # write the Chinese pages
    .venv/bin/python scripts/translate.py check    # what is untranslated, fuzzy or inconsistent

``update`` keeps every translation whose English is unchanged; a changed paragraph gets the old
translation marked fuzzy (with the old English), which ``check`` reports until a translator
revises it and removes the mark. The results page is generated from ``book/results.json`` in both
languages by ``scripts/results_pages.py``, through ``locale/zh/results.po`` (same checks).
"""

import difflib
import io
import json
import re
import sys
import tokenize
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import nbformat
import polib

import quoted_numbers

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "locale" / "zh"
# Every English page; each has a Chinese edition.
PAGES = [
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "book").glob("[0-9][0-9]_*.ipynb")
            if not p.name.endswith(".zh.ipynb")),
    "book/intro.md", "book/draw_a_digit.md", "book/results.md", "book/appendix_fluid_api.md",
    "book/glossary.md", "README.md",
]
RESULTS_PAGE = "book/results.md"  # generated from book/results.json by results_pages.py


def chinese_path(english: str) -> str:
    """``book/intro.md`` -> ``book/intro.zh.md``."""
    path = Path(english)
    return str(path.with_name(f"{path.stem}.zh{path.suffix}"))


def catalogue_path(english: str) -> Path:
    return CATALOGUES / f"{Path(english).stem}.po"


# ---------- cutting Markdown into segments ----------

@dataclass
class Piece:
    """A run of Markdown: prose to translate, or text kept as it is (code, math, blank lines)."""
    text: str
    prose: bool


FENCE = re.compile(r"\s*(`{3,}|~{3,}|:{3,})(.*)")
TABLE_RULE = re.compile(r"\|[\s:|-]+\|?")
NOT_PROSE_DIRECTIVES = {"code", "code-block", "code-cell", "math", "raw"}
SUMMARY = re.compile(r"(\s*<details[^>]*>\s*<summary>)(.+?)(</summary>\s*)")  # text in group 2


def _is_html(stripped: str) -> bool:
    """A line of HTML, such as ``<details>``; a line that starts with a quoted number is
    prose (an inline tag, which does not interrupt a paragraph)."""
    return stripped.startswith("<") and not quoted_numbers.QUOTED.match(stripped)


def _starts_block(line: str) -> bool:
    stripped = line.strip()
    return (not stripped or stripped.startswith(("#", "$$", "|", ">")) or _is_html(stripped)
            or bool(FENCE.match(line)) or bool(re.fullmatch(r"\(.+\)=", stripped)))


def split_markdown(text: str) -> list[Piece]:
    """Cut ``text`` into pieces whose concatenation is ``text`` again."""
    lines = text.splitlines(keepends=True)
    pieces: list[Piece] = []
    keep = lambda s: pieces.append(Piece(s, False))  # noqa: E731

    def prose(line: str, start: int = 0) -> None:
        """``line[start:]`` is prose up to its line break."""
        body = line.rstrip("\n")
        keep(line[:start])
        pieces.append(Piece(body[start:], True))
        keep(line[len(body):])

    i = 0
    while i < len(lines):
        line, stripped = lines[i], lines[i].strip()
        fence = FENCE.match(line)
        summary = SUMMARY.fullmatch(line.rstrip("\n"))
        if summary:  # a concept question's option: <details ...><summary>text</summary>
            keep(summary.group(1))
            pieces.append(Piece(summary.group(2), True))
            keep(line[summary.end(2):])
            i += 1
        elif not stripped or re.fullmatch(r"\(.+\)=", stripped) or _is_html(stripped):
            keep(line)  # blank line, MyST label, HTML line
            i += 1
        elif fence:
            marks, info = fence.groups()
            end = i + 1
            while end < len(lines) and not (lines[end].strip().startswith(marks)
                                            and not lines[end].strip().strip(marks[0])):
                end += 1
            directive = re.fullmatch(r"\{([\w:-]+)\}\s*(.*)", info.strip())
            if directive is None or directive.group(1) in NOT_PROSE_DIRECTIVES:
                keep("".join(lines[i:end + 1]))  # a code block
            else:
                title = directive.group(2)
                if title:
                    prose(line, len(line.rstrip("\n")) - len(title))
                else:
                    keep(line)
                body = i + 1
                while body < end and lines[body].lstrip().startswith(":"):
                    body += 1  # the directive's options
                keep("".join(lines[i + 1:body]))
                pieces.extend(split_markdown("".join(lines[body:end])))
                keep("".join(lines[end:end + 1]))
            i = end + 1
        elif stripped.startswith("$$"):
            end = i
            while end + 1 < len(lines) and not (
                    lines[end].rstrip().endswith("$$") and (end > i or len(stripped) > 2)):
                end += 1
            keep("".join(lines[i:end + 1]))
            i = end + 1
        elif stripped.startswith(">"):  # an aside: one paragraph per line, as notebooks write it
            if stripped == ">":
                keep(line)
            else:
                prose(line, len(re.match(r"\s*>\s*", line).group(0)))
            i += 1
        elif stripped.startswith("|"):
            if TABLE_RULE.fullmatch(stripped):
                keep(line)
            else:
                prose(line)
            i += 1
        elif stripped.startswith("#"):
            prose(line, len(re.match(r"\s*#+\s*", line).group(0)))
            i += 1
        else:
            end = i + 1
            while end < len(lines) and not _starts_block(lines[end]):
                end += 1
            paragraph = "".join(lines[i:end])
            body = paragraph.rstrip("\n")
            pieces.append(Piece(body, True))
            keep(paragraph[len(body):])
            i = end
    return [p for p in pieces if p.text]


# ---------- what a translation must keep ----------

ROLE = re.compile(r"\{(?:ref|doc|numref|eq)\}`([^`]*)`")
MATH = re.compile(r"\$\$.+?\$\$|\$[^$]+\$|\\\(.+?\\\)", re.S)  # \(...\): math inside HTML
CODE = re.compile(r"`[^`\n]+`")
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)[^)]*\)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)[^)]*\)")
NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")
# {name:format}: a number quoted from the run; {name}: also a value results_pages.py fills in
PLACEHOLDER = quoted_numbers.PLACEHOLDER


def _strip(text: str, *patterns: re.Pattern) -> str:
    for pattern in patterns:
        text = pattern.sub(" ", text)
    return text


def invariants(text: str) -> dict[str, Counter]:
    """What a translation must reproduce exactly, each as a multiset."""
    no_roles = _strip(text, PLACEHOLDER, ROLE)
    no_code = _strip(no_roles, MATH, CODE)
    prose = _strip(no_code, IMAGE, LINK)
    return {
        "cross-reference target": Counter(ROLE.findall(text)),
        "math expression": Counter(" ".join(m.split()) for m in MATH.findall(no_roles)),
        "inline code": Counter(CODE.findall(_strip(no_roles, MATH))),
        "image": Counter(IMAGE.findall(no_code)),
        "link target": Counter(LINK.findall(no_code)),
        "number": Counter(NUMBER.findall(prose)),
        "placeholder": Counter(PLACEHOLDER.findall(text)),
    }


def needs_translation(text: str) -> bool:
    """Prose with words in it (a row of code or numbers only is kept as it is)."""
    words = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", _strip(text, PLACEHOLDER, ROLE,
                                                                MATH, CODE))
    return bool(re.search(r"[A-Za-z]{2,}", words))


def inconsistencies(english: str, chinese: str) -> list[str]:
    """What ``chinese`` drops, adds or alters of ``english``'s invariants."""
    found = []
    want, got = invariants(english), invariants(chinese)
    for kind in want:
        missing, extra = want[kind] - got[kind], got[kind] - want[kind]
        if kind == "number":
            extra = Counter()  # Chinese writes digits where English writes "one", "a nine"
        if missing or extra:
            found.append(f"{kind} differs (English has {sorted(missing) or 'nothing more'}, "
                         f"Chinese has {sorted(extra) or 'nothing more'})")
    return found


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
    markdown = re.sub(r"(\]\s*\()([^)\s]+)(?=\))",
                      lambda m: m.group(1) + other_edition(m.group(2)), markdown)
    return re.sub(r"(?<=`)([\w/.]+)(?=`)", lambda m: chinese_path(m.group(1))
                  if m.group(1) in PAGES else m.group(0), markdown)


# ---------- pages and catalogues ----------

@dataclass
class Segment:
    text: str
    where: str  # "cell 12" or "line 40"


def results_messages() -> list[str]:
    """The English messages the results page is written with, in order."""
    import results_pages

    used = []
    record = lambda message: used.append(message) or message  # noqa: E731
    results_pages.results_page(json.loads(results_pages.RESULTS.read_text()), record)
    return used


def page_segments(english: str) -> list[Segment]:
    """The prose of an English page, in order, with where each segment stands: for a notebook,
    its Markdown cells and the comments of its code cells."""
    if english == RESULTS_PAGE:
        return [Segment(text, "a message of scripts/results_pages.py")
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


def translate_comments(source: str, translations: dict[str, str]) -> str:
    """``source`` with every comment that has words replaced by its translation."""
    lines = source.splitlines(keepends=True)
    for comment in reversed(code_comments(source)):
        if needs_translation(comment.text):
            line = lines[comment.line]
            lines[comment.line] = (line[:comment.start] + translations[comment.text]
                                   + line[comment.end:])
    return "".join(lines)


def read_catalogue(path: Path) -> polib.POFile:
    return polib.pofile(str(path), wrapwidth=0) if path.exists() else new_catalogue()


def new_catalogue() -> polib.POFile:
    catalogue = polib.POFile(wrapwidth=0)
    catalogue.metadata = {"Project-Id-Version": "paddle-mnist-course", "Language": "zh_CN",
                          "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                          "Content-Transfer-Encoding": "8bit"}
    return catalogue


def merge(catalogue: polib.POFile, segments: list[tuple[str, str]], source: str) -> polib.POFile:
    """A catalogue with one entry per segment (text, where), keeping existing translations; a
    segment whose English changed gets its nearest old translation, marked fuzzy."""
    old = {entry.msgid: entry for entry in catalogue if not entry.obsolete}
    merged = new_catalogue()
    merged.metadata = catalogue.metadata or merged.metadata
    placed: dict[str, polib.POEntry] = {}
    for text, where in segments:
        if text in placed:
            placed[text].occurrences.append((source, where))
            continue
        entry = polib.POEntry(msgid=text, occurrences=[(source, where)])
        if text in old:
            entry.msgstr = old[text].msgstr
            entry.flags = list(old[text].flags)
            entry.previous_msgid = old[text].previous_msgid
        else:
            unused = [msgid for msgid in old if msgid not in placed]
            nearest = difflib.get_close_matches(text, unused, n=1, cutoff=0.6)
            if nearest and old[nearest[0]].msgstr:
                entry.msgstr = old[nearest[0]].msgstr
                entry.flags = ["fuzzy"]
                entry.previous_msgid = nearest[0]
        placed[text] = entry
        merged.append(entry)
    return merged


def translate_markdown(text: str, translations: dict[str, str]) -> str:
    """``text`` with every prose segment replaced by its translation."""
    out = []
    for piece in split_markdown(text):
        if piece.prose and needs_translation(piece.text):
            translation = translations[quoted_numbers.to_placeholders(piece.text)]
            out.append(quoted_numbers.from_placeholders(translation, piece.text))
        else:
            out.append(piece.text)
    return cross_edition_links("".join(out))


def translations_of(english: str) -> dict[str, str]:
    catalogue = read_catalogue(catalogue_path(english))
    return {e.msgid: e.msgstr for e in catalogue if e.msgstr and not e.obsolete}


def write_chinese_page(english: str) -> None:
    """Write the Chinese edition of ``english`` beside it (results_pages.write_pages calls
    this for the results page)."""
    (ROOT / chinese_path(english)).write_text(chinese_page(english), encoding="utf-8")


def chinese_page(english: str) -> str:
    """The Chinese edition of ``english``, as the text of its file."""
    translations = translations_of(english)
    path = ROOT / english
    if english == RESULTS_PAGE:
        import results_pages

        results = json.loads(results_pages.RESULTS.read_text())
        # A message not translated yet stays English here, so that a full run always writes its
        # results; `check` and the tests report the missing translation.
        return results_pages.results_page(
            results, lambda message: translations.get(message, message), chinese=True) + "\n"
    if path.suffix == ".ipynb":
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "markdown":
                cell.source = translate_markdown(cell.source, translations)
            elif cell.cell_type == "code":
                cell.source = translate_comments(cell.source, translations)
        return nbformat.writes(notebook) + "\n"
    return translate_markdown(path.read_text(encoding="utf-8"), translations)


def drift(english: str) -> list[str]:
    """Every problem of ``english``'s translation, each naming the page and the paragraph."""
    catalogue_file = catalogue_path(english)
    catalogue = read_catalogue(catalogue_file)
    entries = {e.msgid: e for e in catalogue if not e.obsolete}
    where = catalogue_file.relative_to(ROOT)
    problems = []
    segments = page_segments(english)
    for segment in segments:
        label = f"{english}, {segment.where}, paragraph {segment.text[:70]!r}"
        entry = entries.get(segment.text)
        if entry is None or not entry.msgstr.strip():
            problems.append(f"{label}: no Chinese translation in {where} (run "
                            "`scripts/translate.py update`, then translate it)")
        elif "fuzzy" in entry.flags:
            problems.append(f"{label}: the translation in {where} is marked fuzzy (the English "
                            "changed); revise it and remove the mark")
        else:
            problems += [f"{label}: {issue}" for issue in inconsistencies(entry.msgid,
                                                                           entry.msgstr)]
    used = {segment.text for segment in segments}
    problems += [f"{where}: translation of a paragraph {english} no longer has "
                 f"({msgid[:70]!r}); run `scripts/translate.py update`"
                 for msgid in entries if msgid not in used]
    return problems


def update(pages: list[str] = PAGES) -> None:
    """Bring the catalogues of ``pages`` up to date with their English."""
    CATALOGUES.mkdir(parents=True, exist_ok=True)
    for english in pages:
        path = catalogue_path(english)
        segments = [(s.text, s.where) for s in page_segments(english)]
        merge(read_catalogue(path), segments, english).save(str(path))
        print(f"updated {path.relative_to(ROOT)}")


def build() -> None:
    for english in PAGES:
        problems = [p for p in drift(english) if "no Chinese translation" in p]
        if problems:
            sys.exit("\n".join(problems))
        write_chinese_page(english)
        print(f"wrote {chinese_path(english)}")


def check() -> int:
    problems = [problem for english in PAGES for problem in drift(english)]
    print("\n".join(problems) or "every page is translated")
    return 1 if problems else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command not in {"update", "build", "check"}:
        sys.exit(__doc__)
    sys.exit({"update": update, "build": build, "check": check}[command]())
