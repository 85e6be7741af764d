"""Every page of both editions, opened once in headless Chromium (Playwright, see book_pages.py):
it renders offline, reads well at the widths readers use and is accessible in the theme's light
and dark modes (book/web/book_layout.css; book/web/*.css for the demos and quizzes).

Each page is opened with host names unresolvable and every request outside the book stopped and
recorded (none may be made), its formulas typeset and its in-page demo built, and then:

* It renders: a title (a chapter's begins with its number), a figure on each chapter, every
  formula typeset by MathJax, and no source syntax shown as text (a MyST role, Markdown code in
  HTML, dollar math, a TeX command), answers included.

Every answer and reference solution is then opened, and:

* No sideways scrolling: at 1024, 1200, 1280 and 1600 px, no element of the article (code cell,
  output, table, formula) needs a horizontal scroll bar, and the page is no wider than the
  window; on a 390-px phone the page still fits.
* axe-core (the axe-playwright-python binding, which ships axe's script: nothing is fetched)
  reports no violation of its WCAG 2.0 and 2.1 rules of levels A and AA, in light mode and in
  dark mode (what the theme's switch sets: ``data-theme="dark"``; only colours change there, so
  only the colour-contrast rule runs again). That rule, which takes seconds on a page of
  highlighted code, reads one element of each kind of text on the page: each combination of text
  colour, size, weight, shadow, opacity and the backgrounds behind it, which decide the contrast
  (``CONTRAST_SAMPLES``); every other rule reads the whole page.

Besides: one search field, nothing over the navigation (at 1024, 1280 and 1600 px one search
control is in view, and the sidebar's title and first chapter links are in view and uncovered as
the page opens and after it has scrolled, on the first page and on the last chapter, whose link
is lowest in the sidebar), and
pictures of an in-page demo, an answered question and a figure in dark mode in test-artifacts/.
"""

from pathlib import Path

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from axe_playwright_python.sync_playwright import Axe

from book_pages import (
    ARTIFACTS,
    CHAPTERS,
    EDITIONS,
    IN_THE_PAGE,
    PAGES,
    book_tab,
    page_file,
    source_shown_as_text,
    typeset,
)

pytestmark = pytest.mark.browser

DESKTOP_WIDTHS = [1024, 1200, 1280, 1600]
PHONE = {"width": 390, "height": 844}
WINDOWS = [(1024, 768), (1280, 800), (1600, 900)]  # where the navigation is checked

WCAG_A_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
# In dark mode only colours change: the rule that reads them is run again.
CONTRAST = {
    "runOnly": {"type": "rule", "values": ["color-contrast"]},
    "resultTypes": ["violations"],
}
# Marks, with data-contrast-sample, the first visible element of each kind of text: its colour,
# size, weight, shadow, the product of the opacities above it and every background colour or
# image behind it down to the first opaque one. Returns how many texts and kinds there are.
CONTRAST_SAMPLES = r"""() => {
    document.querySelectorAll('[data-contrast-sample]')
        .forEach((element) => element.removeAttribute('data-contrast-sample'));
    const kinds = new Set(), texts = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (!node.textContent.trim() || texts.has(element) || !element.checkVisibility()) continue;
        texts.add(element);
        const style = getComputedStyle(element);
        let opacity = 1;
        const behind = [];
        for (let above = element; above; above = above.parentElement) {
            const layer = getComputedStyle(above);
            opacity *= parseFloat(layer.opacity);
            if (behind.length === 0 || !/^rgb\(/.test(behind[behind.length - 1])) {
                if (layer.backgroundImage !== 'none') behind.push(layer.backgroundImage);
                const colour = layer.backgroundColor;
                if (colour !== 'rgba(0, 0, 0, 0)') behind.push(colour);
            }
        }
        const kind = [style.color, style.fontSize, style.fontWeight, style.textShadow, opacity,
                      ...behind].join('|');
        if (!kinds.has(kind)) {
            kinds.add(kind);
            element.setAttribute('data-contrast-sample', '');
        }
    }
    return {texts: texts.size, kinds: kinds.size};
}"""
# axe with its colour-contrast rule limited to the marked elements (axe.configure).
AXE = Axe(
    axe_script=AXE_SCRIPT + "\naxe.configure({rules: [{id: 'color-contrast', "
    "selector: '[data-contrast-sample]'}]});"
)

# Every <details> open at once: answers of one question share a name, which would let only one
# of them stay open, so the name goes first.
OPEN_EVERYTHING = """() => document.querySelectorAll('details').forEach((d) => {
    d.removeAttribute('name');
    d.open = true;
})"""
# The theme's colours change with a transition, which is switched off: axe reads the colours a
# reader sees once it has ended.
DARK = """async () => {
    document.head.insertAdjacentHTML(
        'beforeend', '<style>* {transition: none !important}</style>');
    document.documentElement.dataset.mode = 'dark';
    document.documentElement.dataset.theme = 'dark';
    await Promise.all(document.getAnimations().map((animation) => animation.finished));
}"""
SCROLLING = """() => {
    const found = [];
    for (const element of document.querySelectorAll('article *')) {
        const overflow = getComputedStyle(element).overflowX;
        if (element.scrollWidth > element.clientWidth + 1 && /auto|scroll/.test(overflow)) {
            const lines = element.textContent.split('\\n');
            const longest = lines.reduce((a, b) => b.length > a.length ? b : a, '');
            found.push(`${element.tagName}.${element.className} by ` +
                       `${element.scrollWidth - element.clientWidth} px: ${longest.slice(0, 90)}`);
        }
    }
    return {found, page: document.documentElement.scrollWidth - window.innerWidth};
}"""


def violations(page, options: dict, again: bool = False) -> list[str]:
    """axe's violations on ``page`` of the rules ``options`` name: per rule, how many elements,
    the first ones and why. Colour contrast is read on one element of each kind of text
    (``CONTRAST_SAMPLES``), every other rule on everything. ``again``: axe is already in the
    page (the binding puts it there), and runs again."""
    kinds = page.evaluate(CONTRAST_SAMPLES)
    assert kinds["kinds"] > 5 and kinds["texts"] > 20, kinds
    if again:
        found = page.evaluate("options => axe.run(document, options)", options)["violations"]
    else:
        found = AXE.run(page, options=options).response["violations"]
    return [
        f"{rule['id']} ({len(rule['nodes'])}): "
        + "; ".join(
            f"{' '.join(node['target'])} [{node['failureSummary'].splitlines()[-1].strip()}]"
            for node in rule["nodes"][:3]
        )
        for rule in found
    ]


def rendered(page, book: Path, edition: str, name: str) -> None:
    """Assert what a reader must see on the page once it is typeset."""
    title = page.locator("article h1").first.inner_text().strip()
    assert title, f"{name} ({edition}): no title"
    if name in CHAPTERS:
        assert title[:1].isdigit(), f"{name} ({edition}): the title {title!r} has no number"
        assert page.locator('article img[src*="_images/"]').count() >= 1, f"{name}: no figure"
    if 'class="math' in page_file(book, edition, name).read_text(encoding="utf-8"):
        assert page.locator("mjx-container").count() > 0, f"{name}: MathJax typeset nothing"
    shown = source_shown_as_text(page.content())  # after MathJax, answers included
    assert not shown, f"{name} ({edition}) shows source syntax as text: {shown[:5]}"


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("name", PAGES)
def test_renders_offline_fits_every_width_and_has_no_wcag_violation_in_light_and_dark(
    book, browser, edition, name
):
    with book_tab(browser, width=DESKTOP_WIDTHS[0]) as tab:
        page = tab.open(page_file(book, edition, name))
        typeset(page)
        if name in IN_THE_PAGE:
            page.wait_for_selector(f'[data-demo="{IN_THE_PAGE[name]}"][data-built="true"]')
        rendered(page, book, edition, name)
        page.evaluate(OPEN_EVERYTHING)
        for width in DESKTOP_WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            seen = page.evaluate(SCROLLING)
            assert not seen["found"], f"{name} ({edition}) at {width} px: {seen['found'][:4]}"
            assert seen["page"] <= 0, f"{name} ({edition}) at {width} px is wider than the window"
        page.set_viewport_size(PHONE)
        assert page.evaluate(SCROLLING)["page"] <= 0, f"{name} ({edition}) is wider than a phone"

        page.set_viewport_size({"width": 1280, "height": 900})
        light = violations(page, WCAG_A_AA)
        page.evaluate(DARK)
        dark = violations(page, CONTRAST, again=True)
        assert not tab.outside
    assert not light, f"{name} ({edition}), light mode: {light}"
    assert not dark, f"{name} ({edition}), dark mode: {dark}"


# Every search control a reader can see, and whether the sidebar's title and first two chapter
# links are inside the window and on top (what a click there would reach).
NAVIGATION = """() => {
    const inView = (element) => {
        const box = element.getBoundingClientRect();
        return element.checkVisibility() && box.width > 0 && box.bottom > 0 &&
            box.top < window.innerHeight && box.right > 0 && box.left < window.innerWidth;
    };
    const onTop = (element) => {
        const box = element.getBoundingClientRect();
        if (box.top < 0 || box.bottom > window.innerHeight) return false;
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return hit !== null && (element.contains(hit) || hit.contains(element));
    };
    const searches = [...document.querySelectorAll(
        '.search-button-field, .search-button__button, input[type="search"], form.bd-search')]
        .filter((element) => !element.closest('.search-button__wrapper') && inView(element));
    const sidebar = document.querySelector('.bd-sidebar-primary');
    const links = [...sidebar.querySelectorAll('nav.bd-docs-nav a.reference')].slice(0, 2);
    return {searches: searches.map((s) => s.className || s.tagName),
            title: onTop(sidebar.querySelector('.navbar-brand')),
            links: links.map((link) => [link.innerText.trim(), onTop(link)])};
}"""


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("name", ["intro", CHAPTERS[-1]])
def test_one_search_field_and_the_navigation_in_view_before_and_after_scrolling(
    book, browser, edition, name
):
    for width, height in WINDOWS:
        with book_tab(browser, width=width, height=height) as tab:
            page = tab.open(page_file(book, edition, name))
            for moment in ("as the page opens", "after scrolling down"):
                if moment == "after scrolling down":
                    page.mouse.move(width * 0.6, height / 2)
                    page.mouse.wheel(0, 2500)
                    page.wait_for_function("() => window.scrollY > 1000")
                seen = page.evaluate(NAVIGATION)
                where = f"{name} ({edition}) at {width} x {height}, {moment}"
                assert len(seen["searches"]) == 1, f"{where}: search controls {seen['searches']}"
                assert seen["title"], f"{where}: the sidebar's title is hidden or covered"
                assert len(seen["links"]) == 2 and all(shown for _, shown in seen["links"]), (
                    f"{where}: first chapter links {seen['links']}"
                )
            assert not tab.outside


# One of each kind of thing drawn in the page, for a person to look at in dark mode.
DARK_PICTURES = {
    "dark_demo_draw_a_digit.png": ("draw_a_digit", '.course-demo[data-demo="draw-digit"]'),
    "dark_demo_softmax.png": (
        "04_loss_functions",
        '.course-demo[data-demo="softmax-temperature"]',
    ),
    "dark_quiz.png": ("04_loss_functions", "details.quiz-option.quiz-right"),
    "dark_figure.png": ("03_network_structures", "div.cell_output img"),
}


def test_pictures_of_the_demos_a_question_and_a_figure_in_dark_mode(book, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    with book_tab(browser, dark=True) as tab:
        for picture, (name, selector) in sorted(DARK_PICTURES.items()):
            shot = ARTIFACTS / picture
            shot.unlink(missing_ok=True)
            page = tab.open(page_file(book, "en", name))
            typeset(page)
            assert page.evaluate("() => document.documentElement.dataset.theme") == "dark"
            element = page.locator(selector).first
            element.evaluate("element => element.scrollIntoView({block: 'center'})")
            if "quiz" in picture:  # the answers of one question, the right one chosen
                element.locator("summary").click()
                options = page.locator(f'details[name="{element.get_attribute("name")}"]')
                boxes = [options.nth(i).bounding_box() for i in range(options.count())]
                top, bottom = min(b["y"] for b in boxes), max(b["y"] + b["height"] for b in boxes)
                clip = {
                    "x": boxes[0]["x"],
                    "y": top,
                    "width": boxes[0]["width"],
                    "height": bottom - top,
                }
                page.screenshot(path=shot, clip=clip)
            else:
                element.screenshot(path=shot)
            assert shot.stat().st_size > 5_000, picture
        assert not tab.outside


def test_the_contrast_check_reads_every_kind_of_text_once_and_catches_faint_text(
    browser, tmp_path
):
    shades = ["#000", "#222", "#333", "#444", "#555", "#666"]
    page_html = tmp_path / "faint.html"
    page_html.write_text(
        '<html lang="en"><head><title>t</title></head><body><main>'
        + "".join(f'<p style="color:{shade}">text {k}</p>' for shade in shades for k in range(4))
        + "".join(f'<p style="color:#bbb">faint {k}</p>' for k in range(30))
        + "</main></body></html>"
    )
    with book_tab(browser) as tab:
        page = tab.open(page_html)
        kinds = page.evaluate(CONTRAST_SAMPLES)
        found = violations(page, WCAG_A_AA)
    assert kinds == {"texts": 54, "kinds": 7}
    assert len(found) == 1 and found[0].startswith("color-contrast (1): "), found
