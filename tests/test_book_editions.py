"""What the two editions share and what only the Chinese one has: every page's language switch
leads to the same page of the other edition and back, and Chinese text is drawn in a CJK font.
"""

import re
from pathlib import Path

import pytest

from book_pages import (
    ARTIFACTS,
    PAGES,
    book_tab,
    page_file,
    typeset,
)

pytestmark = pytest.mark.browser


def language_link(page: Path) -> tuple[Path, str]:
    """The page the language switch of ``page`` leads to, and the language it names."""
    found = re.search(
        r'<p class="language-switch"><a href="([^"]+)" hreflang="([^"]+)"',
        page.read_text(encoding="utf-8"),
    )
    assert found, f"{page.name}: no language switch"
    return (page.parent / found.group(1)).resolve(), found.group(2)


@pytest.mark.parametrize("name", PAGES)
def test_the_language_switch_of_every_page_leads_to_the_same_page_and_back(book, name):
    english, chinese = page_file(book, "en", name), page_file(book, "zh", name)
    assert language_link(english) == (chinese.resolve(), "zh-CN")
    assert language_link(chinese) == (english.resolve(), "en")
    assert '<html lang="zh-CN"' in chinese.read_text(encoding="utf-8")
    assert '<html lang="en"' in english.read_text(encoding="utf-8")


# The pixels of each character drawn in the heading's font: without a CJK font every character
# is the same empty box.
GLYPHS = """(words) => {
    const heading = document.querySelector("h1");
    const font = getComputedStyle(heading).font;
    const glyph = (text) => {
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 64;
      const pen = canvas.getContext("2d");
      pen.font = font.replace(/\\d+(\\.\\d+)?px/, "48px");
      pen.fillText(text, 4, 52);
      return Array.from(pen.getImageData(0, 0, 64, 64).data).join(",");
    };
    return {text: heading.textContent, distinct: new Set([...words].map(glyph)).size,
            missing: glyph("\\u{10FFFD}") === glyph(words[0])};
}"""


def test_chinese_text_is_drawn_in_a_cjk_font(book, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "book_zh_03_network_structures.png"
    shot.unlink(missing_ok=True)
    words = "网络结构损失函数"
    with book_tab(browser, height=2000) as tab:
        page = tab.open(page_file(book, "zh", "03_network_structures"))
        typeset(page)
        seen = page.evaluate(GLYPHS, words)
        page.screenshot(path=shot)
        assert not tab.outside
    assert seen["text"].startswith("3. 网络结构"), seen
    assert seen["distinct"] == len(words) and not seen["missing"], seen
    assert shot.stat().st_size > 50_000
