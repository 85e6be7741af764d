"""Build the book and open every page in headless Chromium with the network blocked: each page
renders its title, figures, math and widgets, and nothing is fetched from outside the book."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHAPTERS = sorted(p.stem for p in (ROOT / "book").glob("[0-9][0-9]_*.ipynb"))
PAGES_WITH_WIDGETS = {"04_loss_functions", "05_optimizers"}
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--allow-file-access-from-files", "--window-size=1200,2000", "--virtual-time-budget=15000",
    # Every host name fails to resolve: a page that needs the network shows it in the log.
    "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
]


@pytest.fixture(scope="module")
def built_book(tmp_path_factory):
    chromium = shutil.which("chromium")
    assert chromium, "Chromium is needed for this test: apt-get install chromium (.ci/run does)"
    out = tmp_path_factory.mktemp("book")
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    build = subprocess.run([str(jupyter_book), "build", str(ROOT), "--path-output", str(out),
                            "--warningiserror", "--quiet"], capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    return out / "_build" / "html", chromium


def render(chromium: str, page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    shutil.rmtree(profile, ignore_errors=True)
    return subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra,
                           page.as_uri()], capture_output=True, text=True, timeout=180)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_page_renders_offline(built_book, chapter, tmp_path):
    html_dir, chromium = built_book
    page = html_dir / "book" / f"{chapter}.html"
    result = render(chromium, page, tmp_path / "profile", "--dump-dom")
    dom = result.stdout
    title = re.search(r"<h1[^>]*>(.*?)<", dom, re.S)
    assert title and title.group(1).strip()[:1].isdigit(), f"{chapter}: no chapter title"
    assert len(re.findall(r"<img [^>]*src=\"[^\"]*_images/", dom)) >= 1, f"{chapter}: no figure"
    raw = page.read_text(encoding="utf-8")
    if 'class="math' in raw:
        assert "<mjx-container" in dom, f"{chapter}: math was not rendered by MathJax"
    if chapter in PAGES_WITH_WIDGETS:
        assert re.search(r'class="[^"]*widget-(slider|dropdown)', dom), f"{chapter}: widgets not shown"
    remote = [line for line in result.stderr.splitlines()
              if "ERR_NAME_NOT_RESOLVED" in line or re.search(r"https?://(?!127\.0\.0\.1)", line)]
    assert not remote, f"{chapter}: the page tried to reach the network:\n" + "\n".join(remote[:5])


def test_screenshot_of_a_chapter(built_book, tmp_path):
    html_dir, chromium = built_book
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "book_04_loss_functions.png"
    shot.unlink(missing_ok=True)
    render(chromium, html_dir / "book" / "04_loss_functions.html", tmp_path / "profile",
           f"--screenshot={shot}")
    assert shot.stat().st_size > 50_000
