"""The system's Chromium, headless, driven by Playwright: the one place it is started, for the
PDFs (bookbuild.pdf_build) and for every browser test.

No host name resolves in it (``--host-resolver-rules``), so nothing outside the book or this
machine can be reached; ``loopback`` keeps 127.0.0.1 for the servers a test starts.
"""

import contextlib
import shutil
from collections.abc import Iterator

from playwright.sync_api import Browser, sync_playwright


@contextlib.contextmanager
def chromium(loopback: bool = False) -> Iterator[Browser]:
    """A headless Chromium that resolves no host name (but 127.0.0.1 with ``loopback``)."""
    executable = shutil.which("chromium")
    if executable is None:
        raise RuntimeError("Chromium is needed: apt-get install chromium (.ci/run does)")
    rules = "MAP * ~NOTFOUND" + (", EXCLUDE 127.0.0.1" if loopback else "")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", f"--host-resolver-rules={rules}"],
        )
        try:
            yield browser
        finally:
            browser.close()
