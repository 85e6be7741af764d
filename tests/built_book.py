"""The built book that the browser and PDF tests check.

When BUILT_BOOK names the HTML folder of a book that scripts/build_book.sh built (.ci/run builds
the book first, then runs the tests with it), the tests check that build, both editions and their
PDFs, rather than building the same book again. Otherwise they build their own.
"""

import os
from pathlib import Path

from bookbuild import html_build, pdf_build, slides
from bookbuild.editions import EDITIONS


def built_book(scratch: Path, with_pdfs: bool) -> Path:
    """The HTML folder of both editions (and, ``with_pdfs``, their PDFs), built in ``scratch``
    unless BUILT_BOOK names one."""
    given = os.environ.get("BUILT_BOOK")
    if given:
        html = Path(given).resolve()
        wanted = [html / edition.folder / "index.html" for edition in EDITIONS]
        if with_pdfs:
            wanted += [html / edition.folder / pdf_build.PDF_NAME for edition in EDITIONS]
        missing = [str(path) for path in wanted if not path.exists()]
        assert not missing, f"BUILT_BOOK={given}, but {missing} is missing: build the book first"
        return html
    html = html_build.build(scratch)
    slides.build(html.parent / "slides", html)
    if with_pdfs:
        pdf_build.build(html)
    return html
