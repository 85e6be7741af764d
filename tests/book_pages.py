"""The built book in headless Chromium, driven by Playwright: what the book's browser tests share.

Pages open from the files of the build (``file://``) in a browser that can reach nothing else:
no host name resolves (``--host-resolver-rules``; the loopback address stays, for the servers a
test starts), and every request whose address is not a file of the book (http, https, a
WebSocket) is stopped and recorded in ``BookTab.outside``, which each test asserts empty.
Chromium's own traffic (update checks and the like) is not the page's and is
not seen there, and neither is a URL the page merely prints.
"""

import contextlib
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page


from bookbuild import editions, pages

ROOT = pages.ROOT
ARTIFACTS = ROOT / "test-artifacts"
# The book's pages by name (``intro``, ``01_linear_baseline``), and its editions by code.
CHAPTERS = [Path(chapter).stem for chapter in pages.CHAPTERS]
PAGES = [Path(page).stem for page in pages.BOOK_PAGES]
EDITIONS = [edition.code for edition in editions.EDITIONS]
EDITION = {edition.code: edition for edition in editions.EDITIONS}
# The ipywidgets demos of the notebooks that the book computes in the page instead (no kernel
# there), by page, plus the Draw a digit page.
IN_THE_PAGE = {"04_loss_functions": "softmax-temperature", "draw_a_digit": "draw-digit"}
# Addresses a page of the book may load: its own files, and what a page makes in memory.
IN_THE_BOOK = {"file", "data", "blob", "about"}


def page_file(book: Path, edition: str, name: str) -> Path:
    """The built page ``name`` (a page of the English book) in ``edition`` of ``book``, the
    English edition's HTML folder."""
    found = EDITION[edition]
    return book / found.folder / "book" / f"{name}{found.page_suffix}.html"


@dataclass
class BookTab:
    """A page of its own browser context, and the requests it made outside the book."""

    page: Page
    outside: list[str] = field(default_factory=list)

    def open(self, path: Path, query: str = "") -> Page:
        self.page.goto(path.as_uri() + query)
        return self.page


@contextlib.contextmanager
def book_tab(
    browser: Browser,
    width: int = 1200,
    height: int = 900,
    dark: bool = False,
    local_hosts: frozenset[str] = frozenset(),
) -> Iterator[BookTab]:
    """A new tab of ``width`` x ``height`` CSS pixels, in the theme's dark mode if ``dark``,
    that records and stops every request leaving the book (or ``local_hosts``, servers on this
    machine that a test started)."""
    context = browser.new_context(
        viewport={"width": width, "height": height},
        locale="en-US",
        color_scheme="dark" if dark else "light",
    )
    tab = BookTab(context.new_page())

    def guard(route) -> None:
        url = urlsplit(route.request.url)
        if url.scheme in IN_THE_BOOK or url.hostname in local_hosts:
            route.continue_()
        else:
            tab.outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    tab.page.on("websocket", lambda socket: tab.outside.append(socket.url))
    try:
        yield tab
    finally:
        context.close()


MATHJAX_DONE = """async () => {
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
        await MathJax.startup.promise;
    }
}"""


def typeset(page: Page) -> None:
    """Wait until MathJax, if the page loads it, has typeset every formula."""
    page.wait_for_function(
        "() => !document.querySelector('script[src*=\"mathjax\"]') || "
        "(window.MathJax && MathJax.startup && MathJax.startup.promise)"
    )
    page.evaluate(MATHJAX_DONE)


# MyST roles ({glue:text}`x`), Markdown code (`x`) inside HTML, dollar math and TeX commands:
# source a reader must never see
SOURCE_SYNTAX = re.compile(
    r"\{[\w:-]+\}`|\{glue|`[^`\s][^`]*`|\$[^$\s][^$]*\$|\\[a-zA-Z]+|\\[()\[\]]"
)


def source_shown_as_text(page: str, typeset_later: bool = False) -> list[str]:
    """Source syntax in the text of ``page`` outside code and typeset math, inside closed
    ``<details>`` too. ``typeset_later``: the page as built, before MathJax has run, so that
    what MathJax will typeset (``class="math"`` elements: myst-nb keeps MathJax off the rest of
    a notebook's page) is left out."""
    text = re.sub(r"<(pre|code|script|style|mjx-container)\b.*?</\1>", "", page, flags=re.S)
    if typeset_later:
        text = re.sub(r'<(span|div) class="math[^"]*">.*?</\1>', "", text, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return [text[max(0, m.start() - 20) : m.end() + 20] for m in SOURCE_SYNTAX.finditer(text)]
