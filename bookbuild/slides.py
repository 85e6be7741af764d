"""Slides for teachers: one reveal.js deck per chapter and edition, in ``_build/slides/``.

The decks are made from the chapter notebooks by marks kept in the English source, in each cell's
metadata under ``slideshow.slide_type`` (the key Jupyter's slideshow tools and nbconvert use, so a
notebook shows nothing of it), and carried to the Chinese notebooks with the rest of their
metadata. A cell marked ``slide`` starts a slide:

* a Markdown cell shows its heading and its first paragraph, list or table; the rest of its prose
  becomes the slide's speaker notes (press S in a deck);
* a code cell shows its figure and, when it is short, its code; otherwise its printed output.

Unmarked Markdown after a slide joins that slide's notes; unmarked code cells are left out. Math
is typeset by the vendored MathJax, the figures are embedded: the decks work offline, from the
folder alone (``index.html`` lists them).
"""

import html
import re
import shutil
from pathlib import Path

import nbformat
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from .editions import CHINESE, EDITIONS, Edition
from .pages import CHAPTERS, ROOT, chinese_path
from .results_pages import title_of

VENDOR = ROOT / "_vendor"
MARK = "slide"
CODE_LINES = 12  # the longest code a slide shows beside a figure
OUTPUT_LINES = 10
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def math(content: str, options: dict) -> str:
    """Math for MathJax, as the book writes it: \\(...\\) inline, \\[...\\] displayed."""
    escaped = html.escape(content)
    return f"\\[{escaped}\\]" if options.get("display_mode") else f"\\({escaped}\\)"


MARKDOWN = (
    MarkdownIt("commonmark", {"html": True})
    .enable("table")
    .use(dollarmath_plugin, renderer=math, double_inline=True)
)
STYLE = """
.reveal { font-size: 26px; }
.reveal h1, .reveal h2, .reveal h3 { text-transform: none; }
.reveal h1 { font-size: 1.9em; } .reveal h2 { font-size: 1.45em; } .reveal h3 { font-size: 1.2em; }
.reveal section { text-align: left; height: 100%; }
.reveal p, .reveal li { line-height: 1.35; }
.reveal pre { width: 100%; box-shadow: none; font-size: 0.62em; margin: 0.4em 0; }
.reveal pre code { max-height: none; padding: 0.4em 0.6em; background: #f6f8fa; }
.reveal .figure img { width: 100%; height: auto; max-height: 620px; object-fit: contain;
  margin: 0; }
.reveal .beside { display: grid; grid-template-columns: max-content 1fr; gap: 1em;
  align-items: start; }
.reveal .beside pre { font-size: 0.55em; }
.reveal table { font-size: 0.7em; }
.reveal .output { font-size: 0.55em; }
"""


def build(out: Path, html: Path | None = None) -> list[Path]:
    """Write every deck, an index and the vendored reveal.js and MathJax into ``out``; and, for
    a built book in ``html``, each edition's ``slides.html`` there, which its introduction links
    to: that edition's decks."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    shutil.copytree(VENDOR / "reveal.js", out / "reveal.js")
    shutil.copytree(VENDOR / "mathjax", out / "mathjax")
    written = []
    for edition in EDITIONS:
        (out / edition.code).mkdir()
        for chapter in CHAPTERS:
            notebook = nbformat.read(ROOT / source_of(chapter, edition), as_version=4)
            path = out / edition.code / f"{Path(chapter).stem}.html"
            title = title_of(Path(chapter).stem, chinese=edition is CHINESE)
            path.write_text(deck(notebook, edition, title), encoding="utf-8")
            written.append(path)
    (out / "index.html").write_text(index(), encoding="utf-8")
    if html is not None:
        for edition in EDITIONS:
            folder = html / edition.folder
            to_decks = Path(*[".."] * len(folder.relative_to(out.parent).parts)) / out.name
            (folder / "slides.html").write_text(
                index([edition], prefix=f"{to_decks.as_posix()}/"), encoding="utf-8"
            )
    return written


def source_of(chapter: str, edition: Edition) -> str:
    """The notebook of ``chapter`` in ``edition``."""
    return chapter if edition.code == "en" else chinese_path(chapter)


def slides(notebook: nbformat.NotebookNode) -> list[tuple[str, list[str]]]:
    """(the slide's HTML, its notes as HTML) for every marked cell, in order."""
    made: list[tuple[str, list[str]]] = []
    for cell in notebook.cells:
        marked = cell.metadata.get("slideshow", {}).get("slide_type") == MARK
        if cell.cell_type == "markdown":
            shown, rest = split_lead(cell.source)
            if marked:
                made.append((MARKDOWN.render(shown), [MARKDOWN.render(rest)] if rest else []))
            elif made:
                made[-1][1].append(MARKDOWN.render(cell.source))
        elif cell.cell_type == "code" and marked:
            made.append((code_slide(cell), []))
    return made


def split_lead(source: str) -> tuple[str, str]:
    """A Markdown cell's heading and first block (paragraph, list, table) with the formula
    right after it, if any; and the rest."""
    lines = source.splitlines(keepends=True)
    blocks = [t for t in MARKDOWN.parse(source) if t.level == 0 and t.map and t.nesting >= 0]
    end, shown = 0, 0
    for token in blocks:
        if shown and token.type != "math_block":
            break
        end = token.map[1]
        if not token.type.startswith("heading"):
            shown += 1  # the first block, then the formula it may introduce
    return "".join(lines[:end]), "".join(lines[end:]).strip()


def code_slide(cell: nbformat.NotebookNode) -> str:
    """A code cell's figure, beside its code when that is short; or its code and output."""
    figures = [
        output.data["image/png"]
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    ]
    printed = "".join(
        output.text for output in cell.get("outputs", []) if output.output_type == "stream"
    )
    code = cell.source.strip()
    code_html = f'<pre><code class="python">{html.escape(code)}</code></pre>'
    if figures:
        image = f'<div class="figure"><img alt="" src="data:image/png;base64,{figures[0]}"></div>'
        if len(code.splitlines()) <= CODE_LINES:
            return f'<div class="beside">{code_html}{image}</div>'
        return image
    tail = "\n".join(ANSI.sub("", printed).strip().splitlines()[-OUTPUT_LINES:])
    output = f'<pre class="output"><code>{html.escape(tail)}</code></pre>' if tail else ""
    return code_html + output


def deck(notebook: nbformat.NotebookNode, edition: Edition, title: str) -> str:
    """The reveal.js page of one chapter."""
    sections = []
    for shown, notes in slides(notebook):
        aside = f'<aside class="notes">{"".join(notes)}</aside>' if notes else ""
        sections.append(f"<section>{shown}{aside}</section>")
    return PAGE.format(
        lang=edition.html_lang,
        title=html.escape(title),
        style=STYLE,
        sections="\n".join(sections),
    )


def index(editions: list[Edition] = EDITIONS, prefix: str = "") -> str:
    """The list of decks of ``editions``, each link starting with ``prefix``."""
    parts = []
    for edition in editions:
        items = []
        for chapter in CHAPTERS:
            title = title_of(Path(chapter).stem, chinese=edition is CHINESE)
            target = f"{prefix}{edition.code}/{Path(chapter).stem}.html"
            items.append(f'<li><a href="{target}">{html.escape(title)}</a></li>')
        parts.append(
            f'<section lang="{edition.html_lang}"><h2>{html.escape(edition.words["title"])}'
            f"</h2><ol>{''.join(items)}</ol></section>"
        )
    lang = editions[0].html_lang if len(editions) == 1 else "en"
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Slides</title>'
        "<style>body{font-family:sans-serif;max-width:50rem;margin:2rem auto}</style></head>"
        f"<body>{''.join(parts)}</body></html>\n"
    )


PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="stylesheet" href="../reveal.js/reset.css">
<link rel="stylesheet" href="../reveal.js/reveal.css">
<link rel="stylesheet" href="../reveal.js/theme/white.css">
<style>{style}</style>
</head>
<body>
<div class="reveal"><div class="slides">
{sections}
</div></div>
<script src="../reveal.js/reveal.js"></script>
<script src="../reveal.js/plugin/notes/notes.js"></script>
<script src="../reveal.js/plugin/math/math.js"></script>
<script>
Reveal.initialize({{
  width: 1280, height: 720, margin: 0.04, center: false, hash: true, transition: "none",
  plugins: [RevealNotes, RevealMath.MathJax3],
  mathjax3: {{
    mathjax: "../mathjax/tex-chtml.js",
    tex: {{ inlineMath: [["\\\\(", "\\\\)"]], displayMath: [["\\\\[", "\\\\]"]] }}
  }}
}});
</script>
</body>
</html>
"""
