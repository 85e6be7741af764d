"""Print each edition of the built book to one PDF, with the system's Chromium (no TeX).

Run after the HTML build (``course build`` runs both). For each edition, the pages of
its table of contents are put into one HTML file, in order, beside the built pages so that their
figures and styles resolve: a title page, a table of contents, then every page's article. Links
between pages become links inside the PDF, every answer of the concept questions is printed open,
code wraps at the margin instead of running off it (pdf_book.css), and the in-page demos, which
need a browser, are replaced by a note. Chromium prints the book once, which tells on which page
each chapter starts (from the PDF's outline), and then the contents page again, with those
numbers, which replaces the empty one. The two editions print at the same time. The PDFs go to
HTML/handwritten-digits-paddle.pdf and HTML/zh/ (the Chinese
edition, with its CJK fonts embedded); the introduction links each edition's own.
"""

import logging
import re
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from html import escape
from pathlib import Path

from bs4 import BeautifulSoup
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from .chromium import chromium
from .editions import EDITIONS, Edition
from .pages import read_toc, toc_files

PDF_NAME = "handwritten-digits-paddle.pdf"
PRINT_CSS = Path(__file__).with_name("pdf_book.css")


def page_names(edition: Edition) -> list[str]:
    """The pages of ``edition``, in order, as built file names under book/."""
    return [f"{Path(edition.page(document)).name}.html" for document in toc_files(read_toc())]


def anchor(page: str, fragment: str = "") -> str:
    """The id a page, or an id inside it, gets in the combined document."""
    stem = page.removesuffix(".html").replace(".", "-")
    return f"{stem}--{fragment}" if fragment else f"page-{stem}"


def article(book: Path, page: str, edition: Edition) -> str:
    """The article of one built page, made ready to stand in the combined document."""
    soup = BeautifulSoup((book / page).read_text(encoding="utf-8"), "html.parser")
    body = soup.find("article", class_="bd-article")
    for link in body.select("p.language-switch, a.pdf-download"):  # web-only links
        (link.find_parent("p") or link).decompose()
    for element in body.select("a.headerlink, button, .course-demo"):
        if "course-demo" in (element.get("class") or []):
            note = soup.new_tag("p", attrs={"class": "pdf-demo-note"})
            note.string = edition.words["demo note"]
            element.replace_with(note)
        else:
            element.decompose()
    for details in body.find_all("details"):
        details["open"] = ""
        details.attrs.pop("name", None)  # answers of one question would close each other
    for element in body.find_all(id=True):
        element["id"] = anchor(page, element["id"])
    known = set(page_names(edition))
    for link in body.find_all("a", href=True):
        target, _, fragment = link["href"].partition("#")
        if not target:
            link["href"] = f"#{anchor(page, fragment)}"
        elif target in known:
            link["href"] = f"#{anchor(target, fragment)}"
    return f'<section class="pdf-page" id="{anchor(page)}">{body.decode_contents()}</section>'


def chapter_titles(book: Path, pages: list[str]) -> list[str]:
    """Each page's title, its first heading."""
    titles = []
    for page in pages:
        heading = BeautifulSoup(
            (book / page).read_text(encoding="utf-8"), "html.parser"
        ).select_one("article.bd-article h1")
        titles.append(re.sub(r"\s+", " ", heading.get_text(" ", strip=True).rstrip("#¶")).strip())
    return titles


def document(
    book: Path, edition: Edition, titles: list[str], numbers: list[str], articles: bool = True
) -> str:
    """The whole edition as one HTML document, with the pages' ``titles`` and their page
    ``numbers`` in its contents; without ``articles``, only its title page and contents."""
    pages = page_names(edition)
    first = BeautifulSoup((book / pages[0]).read_text(encoding="utf-8"), "html.parser")
    head = [str(tag) for tag in first.head.find_all("link", rel="stylesheet")]
    head += [
        str(tag)
        for tag in first.head.find_all("script")
        if "MathJax" in tag.get_text() or "mathjax" in tag.get("src", "")
    ]
    head.append(f"<style>{PRINT_CSS.read_text(encoding='utf-8')}</style>")
    entries = "".join(
        f'<li><a href="#{anchor(page)}"><span>{escape(title)}</span>'
        f'<span class="pdf-number">{number}</span></a></li>'
        for page, title, number in zip(pages, titles, numbers)
    )
    front = (
        f'<div class="pdf-title"><p class="pdf-book-title">{edition.words["title"]}</p>'
        f'<p class="pdf-subtitle">{edition.words["subtitle"]}</p></div>'
        f'<nav class="pdf-contents"><p class="pdf-contents-title">{edition.words["contents"]}</p>'
        f"<ol>{entries}</ol></nav>"
    )
    body = "".join(article(book, page, edition) for page in pages) if articles else ""
    return (
        f'<!DOCTYPE html><html lang="{edition.html_lang}" data-theme="light"><head>'
        f'<meta charset="utf-8"><title>{edition.words["title"]}</title>{"".join(head)}</head>'
        f'<body class="pdf">{front}{body}</body></html>'
    )


def print_pdf(browser, source: Path, target: Path) -> None:
    """Print ``source`` to ``target`` once its mathematics and fonts are ready."""
    page = browser.new_page()
    outside = []
    page.on(
        "request", lambda request: request.url.startswith("file:") or outside.append(request.url)
    )
    try:
        page.goto(source.as_uri(), wait_until="load")
        page.wait_for_function(
            "() => window.MathJax && MathJax.startup && MathJax.startup.promise"
        )
        page.evaluate("() => MathJax.startup.promise.then(() => document.fonts.ready)")
        page.pdf(
            path=str(target),
            format="A4",
            print_background=True,
            outline=True,
            tagged=True,
            margin={"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
            display_header_footer=True,
            header_template="<span></span>",
            footer_template='<div style="width:100%;text-align:center;font-size:8px">'
            '<span class="pageNumber"></span></div>',
        )
    finally:
        page.close()
    if outside:
        sys.exit(f"printing {source} fetched from outside the book: {outside[:5]}")


def headings(html: str) -> list[str]:
    """The text of every heading of a document, in order."""
    soup = BeautifulSoup(html, "html.parser")
    return [
        re.sub(r"\s+", " ", heading.get_text(" ", strip=True)).strip()
        for heading in soup.find_all(re.compile(r"^h[1-6]$"))
    ]


def finish(pdf: Path, contents: Path, titles: list[str]) -> None:
    """Put the contents page printed with page numbers into the book, and give the PDF's outline
    items (its bookmarks, one per heading) the headings' own text.

    The book was printed with an empty contents page, to learn where each chapter starts; the
    page printed again with the numbers is laid out the same, so the links of the first one
    still fit it. Chromium writes the outline from the headings, but drops the space where a
    heading wraps onto a second line ("recognitionwith"), and in long documents repeats a
    heading's first line; the items come in document order, so they are named from the HTML.
    """
    # Chromium's trailer counts a few objects too few, which pypdf reports and repairs
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    writer = PdfWriter(pdf, incremental=True)  # appends the changes: fast for a long book
    links = writer.pages[1].get("/Annots")
    numbered = writer.insert_page(PdfReader(contents).pages[1], 1)
    if links is not None:
        numbered[NameObject("/Annots")] = links
    writer.remove_page(2)  # the contents page without numbers
    items = []

    def walk(node) -> None:  # depth first, in document order
        while node is not None:
            node = node.get_object()
            items.append(node)
            walk(node.get("/First"))
            node = node.get("/Next")

    walk(writer.root_object["/Outlines"].get_object().get("/First"))
    if len(items) != len(titles):
        sys.exit(f"{pdf}: {len(items)} outline items for {len(titles)} headings")
    for item, title in zip(items, titles):
        item[NameObject("/Title")] = TextStringObject(title)
    writer.write(pdf)


def start_pages(pdf: Path) -> list[str]:
    """The page on which each top-level heading starts, from the PDF's outline."""
    reader = PdfReader(pdf)
    return [
        str(reader.get_destination_page_number(item) + 1)
        for item in reader.outline
        if not isinstance(item, list)
    ]


CJK_FONT = "WenQuanYi Micro Hei"  # pdf_book.css prints the Chinese edition with it


def check_fonts() -> None:
    """Stop with what to install when the Chinese edition's font is missing."""
    found = subprocess.run(
        ["fc-list", CJK_FONT], capture_output=True, text=True, check=True
    ).stdout
    if not found.strip():
        sys.exit(
            f"The Chinese PDF needs the font {CJK_FONT}: install it with "
            "`apt-get install fonts-wqy-microhei` (.ci/run does), then build again."
        )


def print_edition(html: Path, edition: Edition) -> Path:
    """Print one edition to its PDF; return its path. Each edition has a process and a browser
    of its own, so that the two print at the same time."""
    book = html / edition.folder / "book"
    source, front = book / "_print.html", book / "_print_contents.html"
    target = html / edition.folder / PDF_NAME
    pages = page_names(edition)
    with chromium() as browser:  # no host name resolves: nothing outside the book
        try:
            titles = chapter_titles(book, pages)
            whole = document(book, edition, titles, ["" for _ in pages])
            source.write_text(whole, encoding="utf-8")
            print_pdf(browser, source, target)
            numbers = start_pages(target)
            if len(numbers) != len(pages):
                sys.exit(f"{target}: {len(numbers)} top-level headings for {len(pages)} pages")
            front.write_text(
                document(book, edition, titles, numbers, articles=False), encoding="utf-8"
            )
            contents = front.with_suffix(".pdf")
            print_pdf(browser, front, contents)
            if len(PdfReader(contents).pages) != 2:
                sys.exit(f"{contents}: the contents no longer fit on one page")
            finish(target, contents, headings(whole))
        finally:
            for scratch in (source, front, front.with_suffix(".pdf")):
                scratch.unlink(missing_ok=True)
    return target


def build(html: Path) -> list[Path]:
    """Write one PDF per edition of the book built in ``html``; return their paths."""
    check_fonts()
    with ProcessPoolExecutor(max_workers=len(EDITIONS)) as pool:
        return list(pool.map(print_edition, [html] * len(EDITIONS), EDITIONS))
