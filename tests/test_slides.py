"""The slides (bookbuild.slides): a reveal.js deck per chapter and edition, made from the
notebooks, working offline. In headless Chromium at 1280x720, in both editions: every slide fits
and its math is typeset; every heading of the chapter is a slide's title; every check-yourself
question's stem is on a slide whose notes hold its right answer; every exercise task is on a
slide, and the notes of the implement-it task hold the reference solution; no slide's notes are
empty or stop at a colon; every figure fills its slide, and its smallest text is drawn at about
14 px or more. The index numbers each chapter once."""

import html
import json
import os
import re
from pathlib import Path

import nbformat
from markdown_it import MarkdownIt

import pytest

from book_pages import book_tab, page_file
from bookbuild import slides
from bookbuild.editions import EDITIONS
from bookbuild.offline_check import remote_fetches
from bookbuild.pages import CHAPTERS, ROOT, chinese_path

DECKS = [(edition.code, Path(chapter).stem) for edition in EDITIONS for chapter in CHAPTERS]
SIZE = {"width": 1280, "height": 720}


MIN_TEXT_PX = 14
TOLERANCE_PX = 0.5  # "about 14 px": the font size, not the letters' measured height
PARSER = MarkdownIt("commonmark", {"html": True})


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> Path:
    """The slides folder of the book BUILT_BOOK names, or decks built here (in seconds)."""
    given = os.environ.get("BUILT_BOOK")
    if given:
        folder = Path(given).resolve().parent / "slides"
        assert (folder / "index.html").is_file(), f"{folder} is missing: build the book first"
        return folder
    folder = tmp_path_factory.mktemp("decks") / "slides"
    slides.build(folder)
    return folder


def marks(page: str) -> list[str]:
    cells = json.loads((ROOT / page).read_text(encoding="utf-8"))["cells"]
    return [cell["metadata"].get("slideshow", {}).get("slide_type") for cell in cells]


@pytest.mark.machinery
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_marks_its_slides_and_the_chinese_edition_keeps_them(chapter):
    english = marks(chapter)
    assert english.count(slides.MARK) >= 5, f"{chapter} marks fewer than 5 slides"
    assert english[0] == slides.MARK, f"{chapter}: the title is not a slide"
    assert marks(chinese_path(chapter)) == english


@pytest.mark.machinery
@pytest.mark.parametrize(("edition", "chapter"), DECKS)
def test_each_deck_has_a_slide_per_mark_fetches_nothing_and_has_notes(decks, edition, chapter):
    page = (decks / edition / f"{chapter}.html").read_text(encoding="utf-8")
    assert page.count("<section>") >= marks(f"book/{chapter}.ipynb").count(slides.MARK)
    assert remote_fetches(page) == []
    assert '<aside class="notes">' in page
    assert "data:image/png;base64," in page  # the figures are in the deck
    if edition == "zh":
        assert "损失" in page or "模型" in page


@pytest.mark.machinery
def test_the_index_lists_every_deck_and_numbers_each_chapter_once(decks):
    index = (decks / "index.html").read_text(encoding="utf-8")
    for edition, chapter in DECKS:
        assert f'href="{edition}/{chapter}.html"' in index
        assert (decks / edition / f"{chapter}.html").is_file()
    assert "<ol" not in index  # a numbered list would number the numbered titles again
    items = re.findall(r"<li>(.*?)</li>", index)
    assert len(items) == len(DECKS)
    for item, (_, chapter) in zip(items, DECKS, strict=True):
        number = int(chapter[:2])
        assert len(re.findall(rf"(?<![\d.]){number}\.", re.sub(r"<[^>]+>", "", item))) == 1, item


FIT = """() => {
    const found = [];
    const shown = [];
    const total = Reveal.getTotalSlides();
    const text = (element) => {
        if (!element) return "";
        const copy = element.cloneNode(true);
        copy.querySelectorAll("mjx-container, .MathJax, script").forEach((e) => e.remove());
        return copy.textContent;
    };
    for (let i = 0; i < total; i++) {
        Reveal.slide(i);
        const slide = Reveal.getCurrentSlide();
        const figures = [...slide.querySelectorAll("img")].map((img) => {
            const box = img.getBoundingClientRect();
            const scale = Math.min(box.width / img.naturalWidth, box.height / img.naturalHeight);
            return {width: img.naturalWidth * scale, height: img.naturalHeight * scale,
                    text: Number(img.dataset.textPx) * scale};
        });
        shown.push({
            titles: [...slide.querySelectorAll("h1, h2")].map(text),
            page: text(slide.querySelector(".page")),
            notes: text(slide.querySelector("aside.notes")),
            figures,
        });
        const too = [slide, ...slide.querySelectorAll(".page, pre, table, img")].filter(
            (e) => e.scrollHeight > Math.max(e.clientHeight, 1) + 1
                || e.scrollWidth > Math.max(e.clientWidth, 1) + 1);
        const box = slide.getBoundingClientRect();
        const scale = Reveal.getScale();
        if (too.length || box.height / scale > 720 + 1 || box.width / scale > 1280 + 1) {
            found.push(`slide ${i + 1}: ${too.map((e) => e.tagName).join(",")}`);
        }
    }
    return {total, found, shown};
}"""


def flat(text: str) -> str:
    """Text without whitespace, to compare what a slide shows with the notebook's Markdown."""
    return re.sub(r"\s+", "", html.unescape(text))


def words(markdown: str) -> str:
    """The text of some Markdown, without its math (MathJax draws that) and without tags."""
    markdown = re.sub(r"\$\$.*?\$\$|\$[^$]*\$", "", markdown, flags=re.S)
    return flat(re.sub(r"<[^>]+>", "", PARSER.render(markdown)))


def inline_words(markdown: str) -> str:
    markdown = re.sub(r"\$[^$]*\$", "", markdown)
    return flat(re.sub(r"<[^>]+>", "", PARSER.renderInline(markdown)))


def expected(notebook_path: Path) -> dict:
    """What the deck of a notebook must show: its headings, its questions (stem, right answer),
    its exercise tasks and the reference solution."""
    cells = nbformat.read(notebook_path, as_version=4).cells
    exercise = next(
        i for i, c in enumerate(cells) if "raises-exception" in c.metadata.get("tags", [])
    )
    headings, questions, tasks, implement = [], [], [], ""
    exercises_from = None
    for index, cell in enumerate(cells):
        if cell.cell_type != "markdown":
            continue
        tokens = PARSER.parse(cell.source)
        for i, token in enumerate(tokens):
            if token.type == "heading_open":
                headings.append(inline_words(tokens[i + 1].content))
                if index < exercise:
                    exercises_from = index
        if "quiz-option" in cell.source:
            stem = cell.source.split("<details")[0]
            [right] = re.findall(
                r'<details class="[^"]*quiz-right[^"]*"[^>]*>\s*<summary>(.*?)</summary>',
                cell.source,
                flags=re.S,
            )
            questions.append((words(stem), inline_words(right)))
    for index, cell in enumerate(cells[exercises_from:], start=exercises_from):
        if cell.cell_type != "markdown" or "solution" in cell.metadata.get("tags", []):
            continue
        tokens = PARSER.parse(cell.source)
        for i, token in enumerate(tokens):
            if token.type == "paragraph_open" and token.level in (0, 2):
                content = tokens[i + 1].content
                if token.level == 2 or content.startswith("**"):
                    tasks.append(inline_words(content))
                    if token.level == 0 and index <= exercise:
                        implement = tasks[-1]
    solution = next(
        c.source
        for c in cells
        if c.cell_type == "code" and "solution" in c.metadata.get("tags", [])
    )
    return {
        "headings": headings,
        "questions": questions,
        "tasks": tasks,
        "implement": implement,
        "solution": flat(html.escape(solution, quote=False)),
    }


@pytest.mark.browser
@pytest.mark.parametrize(("edition", "chapter"), DECKS)
def test_every_slide_fits_1280x720_and_math_is_typeset(decks, browser, edition, chapter):
    with book_tab(browser, **SIZE) as tab:
        page = tab.open(decks / edition / f"{chapter}.html")
        page.wait_for_function("() => window.Reveal && Reveal.isReady()")
        page.wait_for_function(
            "() => window.MathJax && MathJax.startup && MathJax.startup.promise"
        )
        page.evaluate("() => MathJax.startup.promise")
        result = page.evaluate(FIT)
        assert result["total"] >= 5
        assert result["found"] == [], f"{edition}/{chapter}: {result['found']}"
        shown = result["shown"]
        notebook = ROOT / (
            f"book/{chapter}.ipynb" if edition == "en" else chinese_path(f"book/{chapter}.ipynb")
        )
        want = expected(notebook)
        titles = {flat(title) for slide in shown for title in slide["titles"]}
        missing = [heading for heading in want["headings"] if heading not in titles]
        assert missing == [], f"{edition}/{chapter}: headings on no slide's title: {missing}"
        pages = [flat(slide["page"]) for slide in shown]
        notes = [flat(slide["notes"]) for slide in shown]
        for stem, right in want["questions"]:
            on = [i for i, text in enumerate(pages) if stem in text]
            assert on, f"{edition}/{chapter}: question on no slide: {stem[:60]}"
            assert any(right in notes[i] for i in on), f"{edition}/{chapter}: answer {right[:40]}"
        for task in want["tasks"]:
            assert any(task in text for text in pages), f"{edition}/{chapter}: task {task[:60]}"
        implement = [i for i, text in enumerate(pages) if want["implement"] in text]
        assert any(want["solution"] in flat(notes[i]) for i in implement), (
            f"{edition}/{chapter}: the reference solution is not in the implement-it notes"
        )
        for number, slide in enumerate(shown, start=1):
            note = slide["notes"].strip()
            assert note, f"{edition}/{chapter}: slide {number} has no notes"
            assert not note.endswith((":", "：")), f"{edition}/{chapter}: notes of slide {number}"
        for number, slide in enumerate(shown, start=1):
            for figure in slide["figures"]:
                where = f"{edition}/{chapter}: the figure of slide {number}"
                assert (
                    figure["width"] >= 0.9 * SIZE["width"]
                    or figure["height"] >= 0.6 * SIZE["height"]
                ), f"{where} is {figure['width']:.0f}x{figure['height']:.0f}"
                assert figure["text"] >= MIN_TEXT_PX - TOLERANCE_PX, (
                    f"{where}: text {figure['text']:.1f} px"
                )
        raw = page.evaluate(
            "() => [...document.querySelectorAll('.math')].filter("
            "(e) => !e.querySelector('mjx-container')).length"
        )
        assert raw == 0, f"{edition}/{chapter}: {raw} math elements not typeset"
        assert tab.outside == []


@pytest.mark.machinery
@pytest.mark.parametrize("edition", EDITIONS, ids=lambda edition: edition.code)
def test_the_introduction_links_its_editions_slides(book, edition):
    intro = page_file(book, edition.code, "intro")
    [link] = re.findall(r'<a class="slides-link"\s+href="([^"]+)"', intro.read_text("utf-8"))
    listing = (intro.parent / link).resolve()
    assert listing == (book / edition.folder / "slides.html").resolve()
    targets = re.findall(r'href="([^"]+)"', listing.read_text(encoding="utf-8"))
    assert len(targets) == len(CHAPTERS)
    for target in targets:
        own_decks = book.resolve().parent / "slides" / edition.code  # built beside the HTML
        assert (listing.parent / target).resolve().parent == own_decks.resolve()
        assert (listing.parent / target).is_file()
