"""Slides for teachers: one reveal.js deck per chapter and edition, in ``_build/slides/``.

The decks are made from the chapter notebooks as they are: their headings, cells, tags, outputs
and the marks kept in the English source, in each cell's metadata under
``slideshow.slide_type`` (the key Jupyter's slideshow tools and nbconvert use, so a notebook
shows nothing of it), carried to the Chinese notebooks with the rest of their metadata.

* **Every heading starts a slide** titled by it, which shows the heading's first paragraph, list
  or table (with the block after it when the paragraph ends with a colon, and a formula right
  after it); the rest of the prose is the slide's speaker notes (press S in a deck). A heading
  the chapter opens with is the title slide.
* **A marked cell** (``slide``) starts a slide too, titled by the heading it stands under: a
  Markdown cell shows its first block as above, a code cell its figure, as large as the slide
  allows (one slide per figure; the code goes to the notes), or, without a figure, its code and
  the end of its output.
* **Each check-yourself question** (a Markdown cell with ``<details class="quiz-option">``
  answers) is a slide: its stem and its choices; the notes give the right choice (class
  ``quiz-right``) first, with every choice's explanation.
* **Each exercise task** (in the section of the chapter's exercise cell, the cell tagged
  ``raises-exception``, a paragraph that opens in bold: "Try it.", "Implement it.", "Think about
  it.") is a slide with its list or formula; the implement-it slide shows the exercise cell, and
  its notes hold the reference solution (the cells tagged ``solution``), prose and code.
* Everything else joins the notes of the slide it follows: unmarked prose, and unmarked code
  cells as code, so that no note stops at a colon before the code it introduces.

A figure is placed beside its title when that makes it larger, below it otherwise; its image
carries the size its smallest text has in the PNG (``data-text-px``: matplotlib's font size at
the figure's DPI), which ``tests/test_slides.py`` multiplies by the scale Chromium draws it at.
Math is typeset by the vendored MathJax, the figures are embedded: the decks work offline, from
the folder alone (``index.html`` lists them).
"""

import base64
import html
import io
import math as _math
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin
from PIL import Image

from .editions import CHINESE, EDITIONS, Edition
from .pages import CHAPTERS, ROOT, chinese_path
from .results_pages import title_of

VENDOR = ROOT / "_vendor"
MARK = "slide"
OUTPUT_LINES = 10  # the end of a printed output that a code slide shows
NOTE_OUTPUT_LINES = 12  # and that the notes of a figure's slide give
ANSI = re.compile(r"\x1b\[[0-9;]*m")
QUIZ = "quiz-option"
RIGHT = "quiz-right"
SOLUTION = "solution"
EXERCISE = "raises-exception"  # the tag of the cell a student writes an exercise in
COLON = (":", "：")

# The slide, in CSS pixels: Reveal draws it at that size, unscaled, in a 1280x720 window.
SLIDE_WIDTH, SLIDE_HEIGHT = 1280, 720
FIGURE_PAD = 12  # around a figure's slide
TITLE_LINE = 44  # a line of a slide's title (36 px type), and below it
TITLE_MARGIN = 8
SIDE_TITLE = 300  # the narrowest column a title beside a figure gets
GAP = 20
CODE_PX = 18  # code on a slide
CODE_LINE = 23  # its lines, at line-height 1.25
CODE_FRAME = 30  # its padding and margins
# Text in the notebooks' figures: matplotlib's default size, or the one a cell sets with
# plt.rc_context({"font.size": ...}), unless a cell names a smaller one; named sizes are relative
# to it.
FONT_POINTS = 10.0
BASE_FONT = re.compile(r"[\"']font\.size[\"']\s*:\s*(\d+(?:\.\d+)?)")
NAMED_SIZES = {"xx-small": 0.579, "x-small": 0.694, "small": 0.833, "medium": 1.0}
FONT_SIZE = re.compile(
    r"\b(?:fontsize|labelsize|titlesize)\s*=\s*(\d+(?:\.\d+)?|[\"'][a-z-]+[\"'])"
)
DENSE_CHARACTERS = 650  # more text than this on a slide sets it smaller

# What the builder itself says, in each edition.
WORDS = {
    "en": {
        "right": "Right answer:",
        "others": "The other choices",
        "section": "This section: {}.",
        "no answer": "The notebook gives no written answer to this task: the answer is what "
        "the students measure, or the argument they make, when they try it.",
        "questions": "The next {} slides ask the check-yourself questions; the notes of each "
        "give its right answer first, then every choice with its explanation.",
    },
    "zh": {
        "right": "正确答案：",
        "others": "其他选项",
        "section": "本节内容：{}。",
        "no answer": "Notebook 中没有这道题的书面答案，学生动手时测得的结果或给出的论证就是答案。",
        "questions": "接下来 {} 张幻灯片是自测题，每张的备注先给出正确答案，再逐一解释各个选项。",
    },
}


def math(content: str, options: dict) -> str:
    """Math for MathJax, as the book writes it: \\(...\\) inline, \\[...\\] displayed."""
    escaped = html.escape(content)
    return f"\\[{escaped}\\]" if options.get("display_mode") else f"\\({escaped}\\)"


MARKDOWN = (
    MarkdownIt("commonmark", {"html": True})
    .enable("table")
    .use(dollarmath_plugin, renderer=math, double_inline=True)
)
STYLE = f"""
.reveal {{ font-size: 26px; }}
.reveal .slides > section {{ padding: 0; height: {SLIDE_HEIGHT}px; }}
.reveal .page {{ box-sizing: border-box; height: {SLIDE_HEIGHT}px; padding: 26px 46px;
  text-align: left; }}
.reveal .page.dense {{ font-size: 22px; }}
.reveal h1, .reveal h2, .reveal h3 {{ text-transform: none; }}
.reveal h1 {{ font-size: 1.9em; }} .reveal h2 {{ font-size: 1.4em; }}
.reveal p, .reveal li {{ line-height: 1.35; }}
.reveal pre {{ width: 100%; box-shadow: none; font-size: {CODE_PX}px; margin: 8px 0;
  line-height: 1.25; }}
.reveal pre code {{ max-height: none; padding: 7px 10px; background: #f6f8fa; }}
.reveal table {{ font-size: 0.7em; }}
.reveal td, .reveal th {{ line-height: 1.3; }}
.reveal td mjx-assistive-mml {{ display: none !important; }}
.reveal .output {{ font-size: 0.55em; }}
.reveal ul.choices {{ list-style: none; margin-left: 0; }}
.reveal ul.choices li {{ margin: 0.3em 0; }}
.reveal .figure-page {{ padding: {FIGURE_PAD}px; display: flex; flex-direction: column; }}
.reveal .figure-page h2 {{ flex: none; margin: 0 0 8px; }}
.reveal .figure-page h2 {{ line-height: {TITLE_LINE}px; }}
.reveal .figure-page.side {{ display: grid; gap: {GAP}px; align-items: start; }}
.reveal .figure-page.side h2 {{ margin: 0; }}
.reveal .figure {{ position: relative; flex: 1 1 0; min-height: 0; height: 100%; }}
.reveal .figure-page pre {{ flex: none; margin: 6px 0 0; }}
.reveal .figure img {{ position: absolute; left: 0; top: 0; width: 100%; height: 100%;
  max-width: none; max-height: none; margin: 0; object-fit: contain; }}
"""


@dataclass
class Slide:
    """One slide: its title (inline HTML), what it shows, its speaker notes."""

    title: str
    body: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    chapter_title: bool = False  # the slide of the heading the chapter opens with
    figure: str = ""  # the figure's <img>, for a figure's slide
    side: int = 0  # the width of the figure's column, when it stands beside its title
    below: str = ""  # the code shown below a figure, when it fits there
    figure_height: int = 0  # the height the figure is given then
    task: bool = False  # an exercise's task
    question: bool = False  # a check-yourself question
    level: int = 9  # the level of the heading that starts it (9: not a heading's slide)
    listing: str = ""  # the code of a figure's cell
    text: int = 0  # characters of prose shown

    def html(self) -> str:
        aside = f'<aside class="notes">{"".join(self.notes)}</aside>' if self.notes else ""
        if self.figure:
            heading = f"<h2>{self.title}</h2>" if self.title else ""
            if self.side:
                style = f' style="grid-template-columns: minmax(0, 1fr) {self.side}px"'
                page = f'<div class="page figure-page side"{style}>'
            else:
                page = '<div class="page figure-page">'
            fixed = f' style="flex: none; height: {self.figure_height}px"' if self.below else ""
            figure = f'<div class="figure"{fixed}>{self.figure}</div>{self.below}'
            return f"<section>{page}{heading}{figure}</div>{aside}</section>"
        tag = "h1" if self.chapter_title else "h2"
        heading = f"<{tag}>{self.title}</{tag}>" if self.title else ""
        dense = " dense" if self.text > DENSE_CHARACTERS else ""
        body = "".join(self.body)
        return f'<section><div class="page{dense}">{heading}{body}</div>{aside}</section>'


@dataclass
class Block:
    """A top-level block of a Markdown cell: its token type, heading level, source and, for a
    heading or a paragraph, its inline Markdown."""

    kind: str
    level: int
    source: str
    inline: str = ""


def blocks(source: str) -> list[Block]:
    lines = source.splitlines(keepends=True)
    tokens = MARKDOWN.parse(source)
    found = []
    for i, token in enumerate(tokens):
        if token.level != 0 or token.nesting < 0 or not token.map:
            continue
        inline = tokens[i + 1].content if token.type in ("heading_open", "paragraph_open") else ""
        level = int(token.tag[1]) if token.type == "heading_open" else 0
        found.append(Block(token.type, level, "".join(lines[slice(*token.map)]), inline))
    return found


def render(parts: list[Block]) -> str:
    return MARKDOWN.render("\n".join(part.source.strip("\n") + "\n" for part in parts))


def plain_length(parts: list[Block]) -> int:
    return len(re.sub(r"<[^>]+>", "", "".join(part.source for part in parts)))


def lead(parts: list[Block]) -> int:
    """How many of ``parts`` a slide shows: the first block, with the next when the first is a
    paragraph that ends with a colon, and a formula right after them."""
    if not parts or parts[0].kind == "heading_open":
        return 0
    shown = 1
    if parts[0].kind == "paragraph_open" and parts[0].inline.rstrip().endswith(COLON):
        shown = min(2, len(parts))
    while shown < len(parts) and parts[shown].kind == "math_block":
        shown += 1
    return shown


def is_task(block: Block) -> bool:
    """A paragraph of the exercises that opens in bold: "Try it.", "Implement it."..."""
    return block.kind == "paragraph_open" and block.inline.startswith("**")


class Deck:
    """The slides of one notebook, made cell by cell."""

    def __init__(self, notebook: nbformat.NotebookNode, words: dict[str, str]):
        self.words = words
        self.cells = notebook.cells
        self.made: list[Slide] = []
        self.title = ""
        exercise = next(
            (i for i, cell in enumerate(self.cells) if EXERCISE in tags(cell)), len(self.cells)
        )
        # the exercises' heading: the last one before the exercise cell, as (cell, block)
        self.exercises_heading = max(
            (
                (i, j)
                for i, cell in enumerate(self.cells[:exercise])
                if cell.cell_type == "markdown"
                for j, block in enumerate(blocks(cell.source))
                if block.kind == "heading_open"
            ),
            default=None,
        )
        self.in_exercises = False
        for index, cell in enumerate(self.cells):
            if cell.cell_type == "markdown":
                self.markdown(index, cell)
            elif cell.cell_type == "code":
                self.code(cell)

    @property
    def current(self) -> Slide:
        if not self.made:
            self.made.append(Slide(""))
        return self.made[-1]

    def new(self, **what) -> Slide:
        self.made.append(Slide(self.title, **what))
        return self.made[-1]

    def markdown(self, index: int, cell) -> None:
        if QUIZ in cell.source:
            self.question(cell.source)
            return
        marked = is_marked(cell)
        parts = blocks(cell.source)
        position = 0
        while position < len(parts):
            block = parts[position]
            if block.kind == "heading_open":
                self.title = MARKDOWN.renderInline(block.inline).strip()
                self.in_exercises = (index, position) >= (self.exercises_heading or (1e9, 0))
                opening = not self.made and block.level == 1
                self.new(chapter_title=opening, level=block.level)
                position += 1
                position = self.show(parts, position)
            elif self.in_exercises and is_task(block):
                slide = self.current
                if slide.body or not slide.title or slide.figure:
                    self.new()
                position = self.show(parts, position)
                self.current.task = True
            elif position == 0 and marked:
                self.new()
                position = self.show(parts, position)
            elif self.current.title and not self.current.body and not self.current.figure:
                position = self.show(parts, position)  # a heading's slide that showed nothing
            else:
                self.current.notes.append(render([block]))
                position += 1

    def show(self, parts: list[Block], position: int) -> int:
        """Put the lead of ``parts[position:]`` on the current slide (in the exercises, a task
        with its list); return where the rest starts."""
        rest = parts[position:]
        if self.in_exercises and rest and is_task(rest[0]):
            count = 1
            while count < len(rest) and rest[count].kind not in ("paragraph_open", "heading_open"):
                count += 1
            self.current.task = True
        else:
            count = lead(rest)
        shown = rest[:count]
        if shown:
            self.current.body.append(render(shown))
            self.current.text += plain_length(shown)
        return position + count

    def question(self, source: str) -> None:
        stem, _, _ = source.partition("<details")
        choices = re.findall(
            r'<details class="([^"]*)"[^>]*>\s*<summary>(.*?)</summary>(.*?)</details>',
            source,
            flags=re.S,
        )
        slide = self.new(question=True)
        items = "".join(
            f"<li>{MARKDOWN.renderInline(summary.strip())}</li>" for _, summary, _ in choices
        )
        slide.body.append(MARKDOWN.render(stem) + f'<ul class="choices">{items}</ul>')
        slide.text = len(re.sub(r"<[^>]+>", "", stem + "".join(s for _, s, _ in choices)))
        slide.notes.append(answers(choices, self.words))

    def code(self, cell) -> None:
        figures = [
            output.data["image/png"]
            for output in cell.get("outputs", [])
            if "image/png" in output.get("data", {})
        ]
        code = cell.source.strip()
        if not code:
            return
        listing = f'<pre><code class="python">{html.escape(code)}</code></pre>'
        if is_marked(cell) and figures:
            introduction = self.colon_paragraph()
            for figure in figures:
                slide = self.new(figure=image(figure, cell.source), listing=listing)
                place(slide, figure, code, listing)
                slide.notes += [*introduction, listing, *printed(cell, NOTE_OUTPUT_LINES)]
                introduction = []
        elif is_marked(cell):
            slide = self.new()
            slide.body += [listing, *printed(cell, OUTPUT_LINES, css="output")]
            slide.notes += printed(cell, NOTE_OUTPUT_LINES)
        elif (
            self.in_exercises
            and EXERCISE in tags(cell)
            and self.current.task
            and not self.current.figure
        ):
            self.current.body.append(listing)  # the cell the student completes
        else:
            self.current.notes.append(listing)

    def colon_paragraph(self) -> list[str]:
        """The last paragraph of the current notes, taken from them when it ends with a colon:
        it introduces the figure that follows."""
        notes = self.current.notes
        if notes and isinstance(notes[-1], str):
            paragraphs = re.findall(r"<p>.*?</p>\s*$", notes[-1], flags=re.S)
            if paragraphs and re.sub(r"<[^>]+>", "", paragraphs[0]).rstrip().endswith(COLON):
                notes[-1] = notes[-1][: -len(paragraphs[0])]
                if not notes[-1].strip():
                    notes.pop()
                return [paragraphs[0]]
        return []


def tags(cell) -> list[str]:
    return cell.metadata.get("tags", [])


def is_marked(cell) -> bool:
    return cell.metadata.get("slideshow", {}).get("slide_type") == MARK


def printed(cell, lines: int, css: str = "") -> list[str]:
    """The last ``lines`` lines of what a code cell printed, as a <pre>, if it printed."""
    text = "".join(
        output.get("text", "")
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream"
    )
    tail = "\n".join(ANSI.sub("", text).strip().splitlines()[-lines:])
    attribute = f' class="{css}"' if css else ""
    return [f"<pre{attribute}><code>{html.escape(tail)}</code></pre>"] if tail else []


def png_size(png: str) -> tuple[int, int, float]:
    """Width and height in pixels and the DPI of a base64 PNG (matplotlib's 100 if unrecorded)."""
    with Image.open(io.BytesIO(base64.b64decode(png))) as picture:
        dpi = picture.info.get("dpi", (100, 100))[0]
        return picture.width, picture.height, float(dpi)


def text_pixels(png: str, source: str) -> float:
    """The height, in the PNG's pixels, of the smallest font the cell draws its figure with."""
    base = BASE_FONT.search(source)
    base_points = float(base.group(1)) if base else FONT_POINTS
    points = [base_points]
    for size in FONT_SIZE.findall(source):
        name = size.strip("\"'")
        points.append(float(name) if name[0].isdigit() else NAMED_SIZES.get(name, 1) * base_points)
    return min(points) * png_size(png)[2] / 72


def title_lines(title: str, width: float) -> int:
    """About how many lines a slide's title takes in ``width`` pixels (36 px type)."""
    text = re.sub(r"<[^>]+>", "", title)
    drawn = sum(36 if ord(character) > 0x2E80 else 19 for character in text)
    return max(1, _math.ceil(drawn / width))


def place(slide: Slide, png: str, code: str, listing: str) -> None:
    """Make the figure as large as the slide allows: beside its title when that makes it larger,
    else below it, then with its code below it when the code fits in the height left."""
    width, height, _ = png_size(png)
    area_width, area_height = SLIDE_WIDTH - 2 * FIGURE_PAD, SLIDE_HEIGHT - 2 * FIGURE_PAD
    title_height = title_lines(slide.title, area_width) * TITLE_LINE + TITLE_MARGIN
    below = min(area_width / width, (area_height - title_height) / height)
    side = min((area_width - GAP - SIDE_TITLE) / width, area_height / height)
    if side > below * 1.02:
        slide.side = _math.ceil(width * side)
        return
    figure_height = _math.ceil(height * below)
    lines = code.splitlines()
    code_height = len(lines) * CODE_LINE + CODE_FRAME
    longest = max(len(line) for line in lines) * CODE_PX * 0.6
    if area_height - title_height - figure_height >= code_height and longest < area_width:
        slide.below, slide.figure_height = listing, figure_height


def image(png: str, source: str) -> str:
    width, height, _ = png_size(png)
    return (
        f'<img alt="" width="{width}" height="{height}" '
        f'data-text-px="{text_pixels(png, source):.2f}" src="data:image/png;base64,{png}">'
    )


def slides(notebook: nbformat.NotebookNode, edition: Edition) -> list[Slide]:
    """The slides of a notebook of ``edition``, in order."""
    words = WORDS[edition.code]
    made = Deck(notebook, words).made
    for number, slide in enumerate(made):
        slide.notes = [note for note in slide.notes if note.strip()]
        if slide.notes:
            continue
        questions = 0
        while number + 1 + questions < len(made) and made[number + 1 + questions].question:
            questions += 1
        if slide.task:
            slide.notes.append(f"<p>{html.escape(words['no answer'])}</p>")
        elif questions:
            slide.notes.append(f"<p>{html.escape(words['questions'].format(questions))}</p>")
        elif slide.body:  # the slide shows all its cell says: the notes repeat it
            slide.notes = list(slide.body)
            following = made[number + 1] if number + 1 < len(made) else None
            if re.sub(r"<[^>]+>", "", slide.body[-1]).rstrip().endswith(COLON) and following:
                slide.notes.append(following.listing)  # the code it introduces
        else:  # a heading that opens subsections: the notes name them
            inside = []
            for later in made[number + 1 :]:
                if later.level <= slide.level:
                    break
                if later.level < 9 and later.title not in inside:
                    inside.append(later.title)
            named = "; ".join(inside or [later.title for later in made[number + 1 : number + 2]])
            slide.notes.append(f"<p>{words['section'].format(named)}</p>")
    return made


def answers(choices: list[tuple[str, str, str]], words: dict[str, str]) -> str:
    """A question's notes: the right choice first, then the others, each with its
    explanation."""
    right = [choice for choice in choices if RIGHT in choice[0].split()]
    others = [choice for choice in choices if choice not in right]

    def one(summary: str, explanation: str, label: str = "") -> str:
        space = "" if label.endswith("：") else " "  # none after full-width punctuation
        label = f"<strong>{html.escape(label)}</strong>{space}" if label else ""
        return f"<p>{label}{MARKDOWN.renderInline(summary.strip())}</p>" + MARKDOWN.render(
            explanation.strip()
        )

    parts = [one(summary, explanation, words["right"]) for _, summary, explanation in right]
    if others:
        parts.append(f"<p><em>{html.escape(words['others'])}</em></p>")
        parts += [one(summary, explanation) for _, summary, explanation in others]
    return "".join(parts)


def deck(notebook: nbformat.NotebookNode, edition: Edition, title: str) -> str:
    """The reveal.js page of one chapter."""
    sections = [slide.html() for slide in slides(notebook, edition)]
    return PAGE.format(
        lang=edition.html_lang,
        title=html.escape(title),
        style=STYLE,
        sections="\n".join(sections),
        width=SLIDE_WIDTH,
        height=SLIDE_HEIGHT,
    )


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


def index(editions: list[Edition] = EDITIONS, prefix: str = "") -> str:
    """The list of decks of ``editions``, each link starting with ``prefix``; each title
    carries its chapter's number, so the list adds none."""
    parts = []
    for edition in editions:
        items = []
        for chapter in CHAPTERS:
            title = title_of(Path(chapter).stem, chinese=edition is CHINESE)
            target = f"{prefix}{edition.code}/{Path(chapter).stem}.html"
            items.append(f'<li><a href="{target}">{html.escape(title)}</a></li>')
        parts.append(
            f'<section lang="{edition.html_lang}"><h2>{html.escape(edition.words["title"])}'
            f"</h2><ul>{''.join(items)}</ul></section>"
        )
    lang = editions[0].html_lang if len(editions) == 1 else "en"
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Slides</title>'
        "<style>body{font-family:sans-serif;max-width:50rem;margin:2rem auto}"
        "ul{list-style:none;padding-left:0}li{margin:0.3em 0}</style></head>"
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
  width: {width}, height: {height}, margin: 0, center: false, hash: true, transition: "none",
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
