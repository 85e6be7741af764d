"""The book as PDF, one per edition, as scripts/build_book.sh writes it: read back with pypdf.

Every page of the table of contents is in it, in order (its outline) and as text, with every
figure; the Chinese one has Chinese text that can be copied and searched; every font is
embedded; and no code line runs past the right margin of its sheet, where paper would cut it off.
"""

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from book_pages import PAGES
from bookbuild import editions, pdf_build

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent

EDITIONS = {edition.folder: edition for edition in editions.EDITIONS}
MONOSPACE_ADVANCE = 0.602  # DejaVu Sans Mono, the book's code font here: 1233/2048 of an em
RIGHT_MARGIN_PT = 16 / 25.4 * 72  # pdf_build.print_pdf's 16 mm


@pytest.fixture(scope="module")
def pdfs(book):
    """Each edition's PDF, read back once."""
    read = {}
    for folder in EDITIONS:
        reader = PdfReader(book / folder / pdf_build.PDF_NAME)
        read[folder] = ReadBack(reader, *read_pages(reader))
    return read


def plain(text: str) -> str:
    """Text compared without ligatures (ﬁ), spaces or line breaks."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def read_pages(reader: PdfReader) -> tuple[list[str], list[str], str]:
    """Each page's text, the runs of monospaced text that end beyond the right margin of
    their page, and the text outside code (one pass over the PDF, which is slow to parse)."""
    texts, past, prose = [], [], []
    for number, page in enumerate(reader.pages, start=1):
        right_edge = float(page.mediabox.width) - RIGHT_MARGIN_PT + 2  # 2 pt for rounding

        def visit(text, cm, tm, font, size, number=number, right_edge=right_edge):
            if not text.strip() or not font:
                return
            if "Mono" not in str(font.get("/BaseFont", "")):
                prose.append(text)
                return
            scale = cm[0] * tm[0]
            start = cm[0] * tm[4] + cm[4]
            end = start + len(text.rstrip()) * MONOSPACE_ADVANCE * size * scale
            if end > right_edge:
                past.append(
                    f"page {number}: {text.strip()[:60]!r} ends at {end:.0f} pt, "
                    f"beyond {right_edge:.0f} pt"
                )

        texts.append(page.extract_text(visitor_text=visit))
    return texts, past, "".join(prose)


@dataclass
class ReadBack:
    """What a test learns from reading one PDF back."""

    reader: PdfReader
    pages: list[str]  # the text of each page
    past_margin: list[str]
    prose: str  # the text outside code


def resources(reader: PdfReader, kind: str) -> list:
    """Every font (``kind`` "/Font") or image ("/Image") the PDF's pages use, including those
    of the forms they draw (Chromium puts much of a page into forms)."""
    found, seen = [], set()

    def add(reference) -> None:
        if reference.indirect_reference not in seen:
            seen.add(reference.indirect_reference)
            found.append(reference.get_object())

    def visit(dictionary) -> None:
        dictionary = dictionary.get_object() if dictionary else {}
        for font in (dictionary.get("/Font") or {}).values():
            if kind == "/Font":
                add(font)
        for xobject in (dictionary.get("/XObject") or {}).values():
            if xobject.get_object().get("/Subtype") == "/Image":
                if kind == "/Image":
                    add(xobject)
            else:
                visit(xobject.get_object().get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return found


def fonts(reader: PdfReader) -> list:
    return resources(reader, "/Font")


def font_file(font) -> str | None:
    """The kind of font program embedded for ``font`` ("/FontFile2" ...), "drawn" for a Type 3
    font (its glyphs are drawings inside the PDF), or None when nothing is embedded."""
    if font["/Subtype"] == "/Type3":
        return "drawn"
    if font["/Subtype"] == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    descriptor = descriptor.get_object() if descriptor else {}
    return next(
        (key for key in ("/FontFile", "/FontFile2", "/FontFile3") if key in descriptor), None
    )


@pytest.mark.parametrize("folder", EDITIONS)
def test_every_page_of_the_book_is_in_the_pdf_in_order(book, pdfs, folder):
    edition = EDITIONS[folder]
    reader = pdfs[folder].reader
    pages = pdf_build.page_names(edition)
    titles = pdf_build.chapter_titles(book / folder / "book", pages)
    assert len(titles) == len(PAGES), "the introduction, every chapter and 4 more pages"
    assert len(reader.pages) >= 10 * len(titles), f"only {len(reader.pages)} pages"
    outline = [item for item in reader.outline if not isinstance(item, list)]
    assert [plain(item.title) for item in outline] == [plain(title) for title in titles]
    starts = [reader.get_destination_page_number(item) for item in outline]
    assert starts == sorted(starts) and starts[0] >= 2, "after the title page and contents"
    text = plain("".join(pdfs[folder].pages))
    for title in titles:
        assert plain(title) in text, f"{title!r} is not in the text of the PDF"
    contents = plain(pdfs[folder].pages[1])
    for title, start in zip(titles, starts):
        assert plain(title) + str(start + 1) in contents, f"contents: {title} on page {start + 1}"
    figures = {
        source
        for page in pages
        for source in re.findall(
            r'<img[^>]*\ssrc="([^"]+)"', (book / folder / "book" / page).read_text("utf-8")
        )
    }
    assert len(figures) >= 30, "the book's figures were not found: check the check"
    printed = resources(reader, "/Image")
    assert len(printed) >= len(figures), f"{len(printed)} images for {len(figures)} figures"


def test_the_chinese_pdf_has_chinese_text_in_an_embedded_cjk_font(pdfs):
    text = "".join(pdfs["zh"].pages)
    assert len(re.findall(r"[\u4e00-\u9fff]", text)) > 20_000  # the English PDF has under 1000
    for term in ("用飞桨识别手写数字", "交叉熵", "卷积神经网络", "数据并行", "检查点", "自测题"):
        assert term in plain(text), f"{term} cannot be found in the Chinese PDF's text"
    cjk = [font for font in fonts(pdfs["zh"].reader) if "WenQuanYi" in str(font.get("/BaseFont"))]
    assert cjk and all(font_file(font) == "/FontFile2" for font in cjk), cjk


@pytest.mark.parametrize("folder", EDITIONS)
def test_chinese_characters_read_as_written(pdfs, folder):
    """A font whose text maps 用 to the radical ⽤ (Noto Sans CJK, printed by Chromium) makes
    the Chinese unsearchable, in the Chinese edition and in the English one's Chinese terms."""
    radicals = [
        (number, match.group(0))
        for number, text in enumerate(pdfs[folder].pages, 1)
        for match in re.finditer(r".{0,8}[\u2e80-\u2fdf].{0,8}", text)
    ]
    assert not radicals, f"{len(radicals)} places read as CJK radicals: {radicals[:5]}"


@pytest.mark.parametrize("folder", EDITIONS)
def test_every_font_is_embedded_and_no_code_line_runs_off_the_page(pdfs, folder):
    used = fonts(pdfs[folder].reader)
    assert [str(font.get("/BaseFont")) for font in used if font_file(font) is None] == []
    assert any("Mono" in str(font.get("/BaseFont")) for font in used), "no code font seen"
    past = pdfs[folder].past_margin
    assert not past, f"{len(past)} code line(s) cut at the margin, e.g. {past[:3]}"


def test_the_margin_check_catches_a_code_line_that_does_not_wrap(tmp_path, browser):
    page = browser.new_page()
    page.set_content(
        "<pre style='white-space: pre; font-family: monospace'>"
        + "x = 1  # "
        + "long comment " * 20
        + "</pre><pre>short</pre>"
    )
    page.pdf(
        path=str(tmp_path / "cut.pdf"),
        format="A4",
        margin={side: "16mm" for side in ("top", "bottom", "left", "right")},
    )
    page.close()
    past = read_pages(PdfReader(tmp_path / "cut.pdf"))[1]
    assert len(past) == 1 and "x = 1" in past[0], past


@pytest.mark.parametrize("folder", EDITIONS)
def test_the_introduction_offers_its_editions_pdf(book, folder):
    edition = EDITIONS[folder]
    intro = book / folder / "book" / pdf_build.page_names(edition)[0]
    links = re.findall(r'<a class="pdf-download"\s+href="([^"]+)"', intro.read_text("utf-8"))
    assert len(links) == 1, links
    assert (intro.parent / links[0]).resolve() == (book / folder / pdf_build.PDF_NAME).resolve()


@pytest.mark.parametrize("folder", EDITIONS)
def test_no_source_syntax_in_the_text_outside_code(pdfs, folder):
    """No MyST role, dollar math or TeX command: quoted numbers are numbers, and formulas,
    those of the concept questions' answers included, are typeset."""
    prose = pdfs[folder].prose
    assert len(prose) > 50_000
    shown = [
        prose[max(0, m.start() - 30) : m.end() + 30]
        for m in re.finditer(r"\{[\w:-]+\}`|\{glue|\$\\|\\[a-zA-Z]+|\\[()]", prose)
    ]
    assert not shown, f"{folder or 'English'} PDF shows source syntax: {shown[:5]}"
