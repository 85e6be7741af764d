"""The built book that the browser and PDF tests check.

When BUILT_BOOK names the HTML folder of a book that scripts/build_book.sh built (.ci/run builds
the book first, then runs the tests with it), the tests check that build, both editions and their
PDFs, rather than building the same book again. Otherwise they build their own.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import build_html  # noqa: E402
import build_pdf  # noqa: E402


def built_book(scratch: Path, with_pdfs: bool) -> Path:
    """The HTML folder of both editions (and, ``with_pdfs``, their PDFs), built in ``scratch``
    unless BUILT_BOOK names one."""
    given = os.environ.get("BUILT_BOOK")
    if given:
        html = Path(given).resolve()
        wanted = [html / "index.html", html / "zh" / "index.html"]
        if with_pdfs:
            wanted += [html / edition.folder / build_pdf.PDF_NAME for edition in build_pdf.EDITIONS]
        missing = [str(path) for path in wanted if not path.exists()]
        assert not missing, f"BUILT_BOOK={given}, but {missing} is missing: build the book first"
        return html
    html = build_html.build(scratch)
    if with_pdfs:
        build_pdf.build(html)
    return html
