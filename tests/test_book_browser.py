"""Build the book and open every page in headless Chromium with host names unresolvable: each page
renders its title, figures, math and widgets, and asks for nothing outside the book (the net log
says so, see browser.py). The suite runs without a network in CI as well (scripts/run_isolated.sh)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from browser import remote_requests, render

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHAPTERS = sorted(p.stem for p in (ROOT / "book").glob("[0-9][0-9]_*.ipynb"))
PAGES_WITH_WIDGETS = {"04_loss_functions", "05_optimizers"}
PAGE_FLAGS = ["--window-size=1200,2000", "--virtual-time-budget=15000",
              "--host-resolver-rules=MAP * ~NOTFOUND"]  # no host name resolves, network or not


@pytest.fixture(scope="module")
def built_book(tmp_path_factory):
    out = tmp_path_factory.mktemp("book")
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    build = subprocess.run([str(jupyter_book), "build", str(ROOT), "--path-output", str(out),
                            "--warningiserror", "--quiet"], capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    return out / "_build" / "html"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_page_renders_offline(built_book, chapter, tmp_path):
    page = built_book / "book" / f"{chapter}.html"
    result = render(page.as_uri(), tmp_path / "chromium", *PAGE_FLAGS, "--dump-dom")
    dom = result.stdout
    title = re.search(r"<h1[^>]*>(.*?)<", dom, re.S)
    assert title and title.group(1).strip()[:1].isdigit(), f"{chapter}: no chapter title"
    assert len(re.findall(r"<img [^>]*src=\"[^\"]*_images/", dom)) >= 1, f"{chapter}: no figure"
    raw = page.read_text(encoding="utf-8")
    if 'class="math' in raw:
        assert "<mjx-container" in dom, f"{chapter}: math was not rendered by MathJax"
    if chapter in PAGES_WITH_WIDGETS:
        assert re.search(r'class="[^"]*widget-(slider|dropdown)', dom), f"{chapter}: widgets not shown"
    remote = remote_requests(tmp_path / "chromium")
    assert not remote, f"{chapter}: the page tried to reach the network:\n" + "\n".join(remote[:5])


def test_screenshot_of_a_chapter(built_book, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "book_04_loss_functions.png"
    shot.unlink(missing_ok=True)
    render((built_book / "book" / "04_loss_functions.html").as_uri(), tmp_path / "chromium",
           *PAGE_FLAGS, f"--screenshot={shot}")
    assert shot.stat().st_size > 50_000


def test_the_network_check_catches_a_page_that_reaches_out_and_nothing_else(tmp_path):
    reaching = tmp_path / "reaching.html"
    reaching.write_text('<p>x</p><script src="https://cdn.example.org/lib.js"></script>'
                        '<img src="http://example.com/a.png">')
    render(reaching.as_uri(), tmp_path / "reaching", *PAGE_FLAGS, "--dump-dom")
    assert sorted(remote_requests(tmp_path / "reaching")) == [
        "http://example.com/a.png", "https://cdn.example.org/lib.js"]
    local = tmp_path / "local.html"
    local.write_text('<p>x</p><script>console.log("see https://example.com")</script>')
    render(local.as_uri(), tmp_path / "local", *PAGE_FLAGS, "--dump-dom")
    assert remote_requests(tmp_path / "local") == []
