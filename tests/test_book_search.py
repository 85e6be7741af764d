"""The book's own search page finds what is on the page, in both editions, offline.

Phrases are drawn at random (seeded) from the headings and paragraphs of every page: in the
Chinese edition runs of two to six Chinese characters, in the English one single words (those the
search ignores, such as "the", left out). Each is typed into the real search page in Chromium,
which must list the page it was drawn from. So are the words readers tried and did not find
(恢复训练, the seed course's own chapter title, 批大小, 异步读取, and 数据增强, the glossary's
term for what a reader once searched as 数据增广): the search page must list every page whose prose
holds them.
"""

import functools
import random
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from sphinx.search.en import english_stopwords

from book_pages import EDITION, EDITIONS, PAGES, book_tab, page_file
from bookbuild.search_languages import HAN  # the characters the book's search calls Chinese

pytestmark = pytest.mark.browser

DRAWS = 50  # phrases per edition, and some English words of the Chinese pages besides
SEED = 23
HAN_RUN = re.compile(f"[{HAN}]{{2,}}")  # two Chinese characters or more
ENGLISH_WORD = re.compile(r"(?<![\w-])[A-Za-z]{2,}(?![\w-])")
ASKED_FOR = ["恢复训练", "批大小", "异步读取", "数据增强", "卷积", "交叉熵", "检查点"]
# The search page writes its summary ("Search finished, found 3 page(s)...") when it is done.
FINISHED = "() => document.querySelector('#search-results p.search-summary')?.innerText.trim()"


@functools.cache
def prose(page: Path) -> list[str]:
    """The text of the headings and paragraphs of a built page, without code, formulas,
    cell outputs and the theme's furniture."""
    article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
        "article.bd-article"
    )
    for hidden in article.select(
        "div.cell, pre, code, script, style, .math, .headerlink, .language-switch"
    ):
        hidden.decompose()
    return [element.get_text(" ") for element in article.select("h1, h2, h3, h4, p")]


def drawn_queries(book: Path, edition: str) -> list[tuple[str, str]]:
    """(query, page) pairs drawn at random from the prose of every page of ``edition``."""
    rng = random.Random(f"{SEED}-{edition}")
    texts = {name: prose(page_file(book, edition, name)) for name in PAGES}
    chinese = {
        name: [run for text in found for run in HAN_RUN.findall(text)]
        for name, found in texts.items()
    }
    english = {
        name: [
            word
            for text in found
            for word in ENGLISH_WORD.findall(text)
            if word.lower() not in english_stopwords
        ]
        for name, found in texts.items()
    }
    drawn = []
    for _ in range(DRAWS):
        if edition == "zh":
            name = rng.choice([name for name, runs in chinese.items() if runs])
            run = rng.choice(chinese[name])
            length = rng.randint(2, min(6, len(run)))
            start = rng.randrange(len(run) - length + 1)
            drawn.append((run[start : start + length], name))
        else:
            name = rng.choice([name for name, words in english.items() if words])
            drawn.append((rng.choice(english[name]), name))
    if edition == "zh":  # the English words of the Chinese pages: API names, MNIST, Paddle
        for _ in range(10):
            name = rng.choice([name for name, words in english.items() if words])
            drawn.append((rng.choice(english[name]), name))
    return drawn


def links_to_pages(links: list[str]) -> list[str]:
    """The pages of the result links, by name (``04_loss_functions``)."""
    return [re.sub(r"(\.zh)?\.html.*", "", link.split("/")[-1]) for link in links]


RESULTS = "#search-results ul.search li > a"
HREFS = "links => links.map(a => a.getAttribute('href'))"
# The search page's own routine, as its search box runs it, on results cleared first.
SEARCH = """(query) => {
    document.getElementById('search-results').replaceChildren();
    Search.performSearch(query);
}"""


@pytest.mark.parametrize("edition", EDITIONS)
def test_search_finds_every_phrase_drawn_from_the_pages(book, browser, edition):
    queries = drawn_queries(book, edition)
    root = book / EDITION[edition].folder
    missed = []
    with book_tab(browser) as tab:
        page = tab.open(root / "search.html")
        for query, name in queries:
            page.evaluate(SEARCH, query)
            page.wait_for_function(FINISHED)
            listed = links_to_pages(page.eval_on_selector_all(RESULTS, HREFS))
            if name not in listed:
                missed.append((query, name, listed))
        assert not tab.outside, f"the search page reached for {tab.outside[:3]}"
    print(f"{edition}: {len(queries)} queries, e.g. {[q for q, _ in queries[:8]]}")
    assert not missed, f"{len(missed)} of {len(queries)} not found on their page: {missed[:5]}"


def test_search_finds_the_words_readers_tried_on_every_page_that_uses_them(book, browser):
    """Typed as a reader types them: the search box's address, search.html?q=..."""
    texts = {name: " ".join(prose(page_file(book, "zh", name))) for name in PAGES}
    with book_tab(browser) as tab:
        for query in ASKED_FOR:
            holding = sorted(name for name, text in texts.items() if query in text)
            assert holding, f"{query} is on no page: choose another word"
            page = tab.open(book / EDITION["zh"].folder / "search.html", f"?q={quote(query)}")
            page.wait_for_function(FINISHED)
            listed = links_to_pages(page.eval_on_selector_all(RESULTS, HREFS))
            assert set(holding) <= set(listed), f"{query}: on {holding}, listed {listed}"
        assert not tab.outside, f"the search page reached for {tab.outside[:3]}"


def test_the_drawn_queries_are_phrases_of_their_pages(book):
    """The draw itself: Chinese runs of 2 to 6 characters, English words the search does not
    ignore, each in the prose of the page it is said to come from, and spread over the book."""
    for edition in EDITIONS:
        queries = drawn_queries(book, edition)
        assert len(queries) >= DRAWS
        for query, name in queries:
            assert query in " ".join(prose(page_file(book, edition, name)))
            assert (2 <= len(query) <= 6 and HAN_RUN.fullmatch(query)) or (
                ENGLISH_WORD.fullmatch(query) and query.lower() not in english_stopwords
            )
        assert len({name for _, name in queries}) >= 10, "the draw keeps to a few pages"
