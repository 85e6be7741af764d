"""The built book's pages, both editions, read from the files and opened in headless Chromium
(Playwright, see book_pages.py: no host name resolvable, every request outside the book stopped):
no kernel widget, no empty output box, no source syntax, no unparsed Markdown, and a screenshot.
Each check is also tried on a page made to fail it. Every page is also opened once in
test_book_every_page.py (it renders, fits every width and is accessible).
"""

import re

import pytest

from book_pages import (
    ARTIFACTS,
    CHAPTERS,
    EDITIONS,
    PAGES,
    book_tab,
    page_file,
    source_shown_as_text,
    typeset,
)

pytestmark = pytest.mark.browser


def test_screenshot_of_a_chapter(book, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "book_04_loss_functions.png"
    shot.unlink(missing_ok=True)
    with book_tab(browser, height=2000) as tab:
        page = tab.open(page_file(book, "en", "04_loss_functions"))
        typeset(page)
        page.screenshot(path=shot)
    assert shot.stat().st_size > 50_000


def test_the_network_check_catches_a_page_that_reaches_out_and_nothing_else(browser, tmp_path):
    reaching = tmp_path / "reaching.html"
    reaching.write_text(
        '<p>x</p><script src="https://cdn.example.org/lib.js"></script>'
        '<img src="http://example.com/a.png">'
        '<script>new WebSocket("wss://example.net/live")</script>'
    )
    with book_tab(browser) as tab:
        tab.open(reaching)
        tab.page.wait_for_timeout(200)
        assert sorted(tab.outside) == [
            "http://example.com/a.png",
            "https://cdn.example.org/lib.js",
            "wss://example.net/live",
        ]
    local = tmp_path / "local.html"
    local.write_text(
        '<p>x</p><img src="local.png"><script>console.log("see https://example.com")</script>'
    )
    with book_tab(browser) as tab:
        tab.open(local)
        assert tab.outside == []


OUTPUT_BOX = re.compile(
    r'<div class="cell_output docutils container">(.*?)</div>\s*</div>\s*'
    r'(?=<div class="cell|<p|<section|<h\d|</section|<div class="course)',
    re.S,
)


def empty_output_boxes(page: str) -> list[str]:
    """Output boxes that show a reader nothing: no text and no image once scripts are gone."""
    shown = [
        re.sub(r"<script.*?</script>|<style.*?</style>", "", box, flags=re.S)
        for box in OUTPUT_BOX.findall(page)
    ]
    return [box for box in shown if not re.sub(r"<[^>]+>|\s", "", box) and "<img" not in box]


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_kernel_widgets_and_no_empty_output_boxes(book, edition, chapter):
    page = page_file(book, edition, chapter).read_text(encoding="utf-8")
    assert "application/vnd.jupyter.widget-view+json" not in page, (
        f"{chapter}: an ipywidgets output is shown in the book, where no kernel can answer it"
    )
    for dead_weight in ("application/vnd.jupyter.widget-state+json", "embed-amd", "require.js"):
        assert dead_weight not in page, (
            f"{chapter}: the page carries widget state or loads widget scripts ({dead_weight})"
            " though it shows no widget"
        )
    assert OUTPUT_BOX.search(page), f"{chapter}: no output box found; has the theme changed?"
    empty = empty_output_boxes(page)
    assert not empty, f"{chapter}: {len(empty)} empty output box(es), e.g. {empty[0][:200]}"


def shown_markers(page: str) -> list[str]:
    """Bold markers (``**``) that a page shows as text: Markdown that did not parse, as when a
    Chinese bold span ends in punctuation right before a character (``**正确。**因为``)."""
    text = re.sub(r"<(pre|code|script|style)\b.*?</\1>|<[^>]+>", "", page, flags=re.S)
    return re.findall(r".{0,20}\*\*.{0,20}", text)


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("name", PAGES)
def test_no_markdown_shows_as_text(book, edition, name):
    shown = shown_markers(page_file(book, edition, name).read_text(encoding="utf-8"))
    assert not shown, f"{name} ({edition}) shows Markdown markers as text: {shown[:3]}"


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("name", PAGES)
def test_no_source_syntax_shows_as_text(book, edition, name):
    page = page_file(book, edition, name).read_text(encoding="utf-8")
    shown = source_shown_as_text(page, typeset_later=True)
    assert not shown, f"{name} ({edition}) shows source syntax as text: {shown[:5]}"


def test_the_source_syntax_check_sees_roles_dollars_and_tex():
    assert len(source_shown_as_text("<p>is {glue:text}`a:.1f` and $x$</p>")) == 2
    assert len(source_shown_as_text("<summary>B. `F.cross_entropy` applies it</summary>")) == 1
    assert (
        len(
            source_shown_as_text(
                "<details><summary>A. near $\\ln 10$ or \\(\\ln 10\\)</summary></details>"
            )
        )
        == 4
    )
    typeset = (
        '<p><span class="math notranslate">\\(x\\)</span> and <code>$HOME</code> '
        '<summary><span class="math">\\(\\ln 10\\)</span></summary></p>'
    )
    assert source_shown_as_text(typeset, typeset_later=True) == []
    assert len(source_shown_as_text("<summary>\\(x\\)</summary>", typeset_later=True)) == 2
    assert source_shown_as_text("<p><mjx-container>\\ln</mjx-container> costs $5</p>") == []


def test_the_marker_check_catches_bold_that_did_not_parse():
    assert shown_markers("<p>**正确。**因为</p>") == ["**正确。**因为"]
    assert shown_markers("<p><strong>正确</strong>。</p><pre>a ** 2</pre>") == []


def test_the_empty_box_check_catches_an_empty_output():
    box = (
        '<div class="cell_output docutils container">\n<div class="output text_html">{}'
        "</div>\n</div>\n</div>\n<p>next</p>"
    )
    widget = '<script type="application/vnd.jupyter.widget-view+json">{"model_id": "1"}</script>'
    assert len(empty_output_boxes(box.format(widget))) == 1
    assert empty_output_boxes(box.format("<pre>epoch 0, loss 2.3</pre>")) == []
    assert empty_output_boxes(box.format('<img src="a.png">')) == []
