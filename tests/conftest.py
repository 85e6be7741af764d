"""What the tests share: the built book and the browser, each made once per test session (per
worker, with pytest-xdist), and the markers that select the suites (pyproject.toml lists them):

- ``browser``: opens the book, JupyterLab or VisualDL in headless Chromium;
- ``machinery``: tests the book's machinery, which does not depend on the Paddle line, so they
  run once, in the main environment;
- ``main_env``: holds for the pinned environment only (a checksum of Pillow/NumPy output), or
  tests nbval itself, the same on any Paddle.

``scripts/test_paddle26.sh`` runs everything else again on Paddle 2.6 (``-m``).
"""

from pathlib import Path

import pytest

from bookbuild.chromium import chromium
from built_book import built_book


@pytest.fixture(scope="session")
def book(tmp_path_factory) -> Path:
    """The HTML folder of both editions and their PDFs, as scripts/build_book.sh builds them
    (warnings are errors), or the build BUILT_BOOK names."""
    return built_book(tmp_path_factory.mktemp("book"), with_pdfs=True)


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium that reaches nothing but the book's files and this machine."""
    with chromium(loopback=True) as running:
        yield running
