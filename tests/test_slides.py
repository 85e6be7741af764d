"""The slides (bookbuild.slides): a reveal.js deck per chapter and edition, made from the marks in
the notebooks, working offline; in headless Chromium every slide of every deck fits 1280x720 and
the math is typeset."""

import json
import re
from pathlib import Path

import pytest

from book_pages import book_tab, page_file
from bookbuild import slides
from bookbuild.editions import EDITIONS
from bookbuild.offline_check import remote_fetches
from bookbuild.pages import CHAPTERS, ROOT, chinese_path

DECKS = [(edition.code, Path(chapter).stem) for edition in EDITIONS for chapter in CHAPTERS]
SIZE = {"width": 1280, "height": 720}


@pytest.fixture(scope="module")
def decks(book) -> Path:
    """The slides folder the book build wrote beside the book's HTML."""
    folder = book.parent / "slides"
    assert (folder / "index.html").is_file(), f"{folder} is missing: build the book first"
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
    assert page.count("<section>") == marks(f"book/{chapter}.ipynb").count(slides.MARK)
    assert remote_fetches(page) == []
    assert '<aside class="notes">' in page
    assert "data:image/png;base64," in page  # the figures are in the deck
    if edition == "zh":
        assert "损失" in page or "模型" in page


@pytest.mark.machinery
def test_the_index_lists_every_deck(decks):
    index = (decks / "index.html").read_text(encoding="utf-8")
    for edition, chapter in DECKS:
        assert f'href="{edition}/{chapter}.html"' in index
        assert (decks / edition / f"{chapter}.html").is_file()


FIT = """() => {
    const found = [];
    const total = Reveal.getTotalSlides();
    for (let i = 0; i < total; i++) {
        Reveal.slide(i);
        const slide = Reveal.getCurrentSlide();
        const too = [slide, ...slide.querySelectorAll("pre, table, img")].filter(
            (e) => e.scrollHeight > Math.max(e.clientHeight, 1) + 1
                || e.scrollWidth > Math.max(e.clientWidth, 1) + 1);
        const box = slide.getBoundingClientRect();
        const scale = Reveal.getScale();
        if (too.length || box.height / scale > 720 + 1 || box.width / scale > 1280 + 1) {
            found.push(`slide ${i + 1}: ${too.map((e) => e.tagName).join(",")}`);
        }
    }
    return {total, found};
}"""


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
        raw = page.evaluate(
            "() => [...document.querySelectorAll('.math')].filter("
            "(e) => !e.querySelector('mjx-container')).length"
        )
        assert raw == 0, f"{edition}/{chapter}: {raw} math elements not typeset"
        assert tab.outside == []


@pytest.mark.machinery
@pytest.mark.parametrize("edition", EDITIONS, ids=lambda edition: edition.code)
def test_the_introduction_links_its_editions_slides(book, decks, edition):
    intro = page_file(book, edition.code, "intro")
    [link] = re.findall(r'<a class="slides-link"\s+href="([^"]+)"', intro.read_text("utf-8"))
    listing = (intro.parent / link).resolve()
    assert listing == (book / edition.folder / "slides.html").resolve()
    targets = re.findall(r'href="([^"]+)"', listing.read_text(encoding="utf-8"))
    assert len(targets) == len(CHAPTERS)
    for target in targets:
        assert (listing.parent / target).resolve().parent == (decks / edition.code).resolve()
        assert (listing.parent / target).is_file()
