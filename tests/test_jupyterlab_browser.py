"""The README's way to open the chapters: `jupyter lab`, driven through its own interface.

JupyterLab is started on loopback, as a student starts it, over a copy of chapter 1; headless
Chromium (the system's, driven by Playwright) opens the notebook, runs its first cells in quick
mode with Shift+Enter and reads their outputs, then adds a cell that shows an ipywidgets slider
and sees it rendered (the chapters' explorers need the widget manager), and opens an answer of
the concept questions, closed until then. A second server opens chapter 5 in both editions as a
student opens them before running anything (no outputs) and reads the rendered prose: every
number the prose quotes from the full-mode run is there, no raw MyST role or TeX shows, and the
formulas are typeset, those in the answers' <summary> too; then the interface is switched to
Chinese through its menus, as README.zh.md says. Afterwards each server and its kernels must be
gone.
"""

import contextlib
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import psutil
import pytest

from bookbuild import quoted_numbers
from lessons_src.distributed import _free_port_range

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent


CHAPTER = "01_linear_baseline.ipynb"
FIRST_CELLS = 6  # two text cells, the imports, the device and mode, step 1's text, the data


def copy_without_outputs(name: str, folder: Path) -> None:
    """A chapter as a student opens it before running anything: no stored outputs."""
    notebook = nbformat.read(ROOT / "book" / name, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(notebook, folder / name)


@contextlib.contextmanager
def running_lab(folder: Path):
    """A JupyterLab server on loopback over ``folder``, with settings of its own; yields
    (base URL, token). Afterwards the server and everything it started must be gone."""
    # JupyterLab renders only the cells in view by default; the tests read every cell
    settings = folder / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    port, token = _free_port_range(1), secrets.token_hex(16)
    command = [
        str(Path(sys.executable).with_name("jupyter")),
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={folder}",
        f"--LabApp.user_settings_dir={folder / 'settings'}",
        f"--LabApp.workspaces_dir={folder / 'workspaces'}",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")  # CI runs as root; students do not
    env = dict(os.environ, COURSE_QUICK="1")
    server = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(folder / "server.log", "w"),
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            assert server.poll() is None, (folder / "server.log").read_text()[-3000:]
            time.sleep(0.5)
    else:
        pytest.fail("JupyterLab did not answer within 60 s")
    try:
        yield base, token
    finally:
        family = [server.pid] + [
            p.pid for p in psutil.Process(server.pid).children(recursive=True)
        ]
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        time.sleep(1)
        left = [
            pid
            for pid in family
            if psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
        ]
        assert not left, f"processes left behind by JupyterLab: {left}"


@pytest.fixture
def jupyter_lab(tmp_path):
    """JupyterLab over a copy of chapter 1 without its stored outputs, so that every output the
    test sees comes from running it; yields the URL of the notebook."""
    copy_without_outputs(CHAPTER, tmp_path)
    with running_lab(tmp_path) as (base, token):
        yield f"{base}/lab/tree/{CHAPTER}?token={token}"


@contextlib.contextmanager
def chromium_page(browser):
    """A page of its own context in the session's Chromium (tests/conftest.py)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        yield context.new_page()
    finally:
        context.close()


def test_jupyter_lab_runs_chapter_1_and_renders_a_widget(jupyter_lab, browser):
    with chromium_page(browser) as page:
        page.goto(jupyter_lab)
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
        # the kernel has started and the page is connected to it (cells run before that
        # are not sent to any kernel)
        page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=60_000)
        page.locator(".jp-NotebookPanel .jp-Cell").first.click()
        page.keyboard.press("Escape")
        for _ in range(FIRST_CELLS):
            page.keyboard.press("Shift+Enter")
        outputs = page.locator(".jp-OutputArea-output")
        try:
            outputs.filter(has_text="training images: 60000").wait_for(timeout=120_000)
        except Exception:
            page.screenshot(path=str(ROOT / "test-artifacts" / "jupyterlab_failure.png"))
            raise
        joined = "\n".join(outputs.all_inner_texts())
        assert "quick mode" in joined, joined
        assert "Running on CPU" in joined or "Running on GPU" in joined, joined

        page.keyboard.press("Escape")
        page.keyboard.press("b")  # a new cell below, as a student adds one
        page.keyboard.press("Enter")
        page.keyboard.type('import ipywidgets\nipywidgets.IntSlider(7, description="try")')
        page.keyboard.press("Shift+Enter")
        slider = page.locator(".jp-OutputArea-output .widget-slider")
        slider.wait_for(timeout=60_000)
        assert "try" in slider.inner_text()

        # the concept questions, as Jupyter shows them without any extension: every answer
        # closed until it is opened, then its explanation readable
        answers = page.locator(".jp-RenderedMarkdown details.quiz-option")
        assert answers.count() >= 12, f"{answers.count()} answers of concept questions"
        assert not any(answers.evaluate_all("all => all.map(d => d.open)"))
        assert not answers.first.locator("p").is_visible()
        answers.first.locator("summary").click()
        explanation = answers.first.locator("p").inner_text()
        assert explanation.startswith(("Right.", "Wrong.")), explanation
        shot = ROOT / "test-artifacts" / "jupyterlab_chapter_1.png"
        shot.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(shot))


PROSE_CHAPTER = "05_optimizers"  # quoted numbers in text and answers, and math in both
FORMULA = re.compile(r"\$\$.+?\$\$|\$[^$]+\$|\\\(.+?\\\)", re.S)  # as the Markdown has them
RAW_SOURCE = re.compile(r"\{[\w:-]+\}`|data-measured|\$[^$\s][^$]*\$|\\[a-zA-Z]+")


def rendered_prose(page) -> str:
    """The text of every Markdown cell as JupyterLab renders it, with every answer opened and
    the typeset formulas left out (MathJax keeps their TeX for screen readers)."""
    page.locator(".jp-RenderedMarkdown details").evaluate_all(
        "all => all.forEach(d => d.open = true)"
    )
    return "\n".join(
        page.locator(".jp-RenderedMarkdown").evaluate_all(
            """all => all.map(cell => {
            const copy = cell.cloneNode(true);
            copy.querySelectorAll('mjx-container').forEach(m => m.remove());
            return copy.innerText;
        })"""
        )
    )


@pytest.fixture
def chapter_5_lab(tmp_path):
    """JupyterLab over chapter 5 in both editions, without stored outputs (as a student opens
    them before running anything); yields (base URL, token)."""
    for name in (f"{PROSE_CHAPTER}.ipynb", f"{PROSE_CHAPTER}.zh.ipynb"):
        copy_without_outputs(name, tmp_path)
    with running_lab(tmp_path) as server:
        yield server


def test_jupyter_lab_shows_the_quoted_numbers_and_math_of_both_editions_then_speaks_chinese(
    chapter_5_lab, browser
):
    base, token = chapter_5_lab
    with chromium_page(browser) as page:
        for name, right in (
            (f"{PROSE_CHAPTER}.ipynb", "Right."),
            (f"{PROSE_CHAPTER}.zh.ipynb", "正确"),
        ):
            # a workspace of its own for each notebook, so that only this one is open
            workspace = name.replace(".", "-")
            page.goto(f"{base}/lab/workspaces/{workspace}/tree/{name}?reset&token={token}")
            page.locator(".jp-RenderedMarkdown").first.wait_for(timeout=60_000)
            committed = nbformat.read(ROOT / "book" / name, as_version=4)
            quoted = quoted_numbers.quotes(committed)
            formulas = sum(
                len(FORMULA.findall(cell.source))
                for cell in committed.cells
                if cell.cell_type == "markdown"
            )
            # every formula typeset
            page.wait_for_function(
                f"document.querySelectorAll('.jp-RenderedMarkdown "
                f"mjx-container').length >= {formulas}",
                timeout=60_000,
            )
            # an answer's <summary> holds no math (VS Code would show it as source): its
            # ln 10 is text, shown as written
            summary = page.locator(".jp-RenderedMarkdown summary", has_text="ln 10")
            assert summary.count() >= 1, f"{name}: the answer that names ln 10 is not shown"
            prose = rendered_prose(page)
            assert len(quoted) >= 15
            for _, key, text in quoted:
                assert text in prose, f"{name}: {key} ({text}) is not shown"
            raw = sorted(set(RAW_SOURCE.findall(prose)))
            assert not raw, f"{name}: raw source shown as text: {raw}"
            assert right in prose
            shot = ROOT / "test-artifacts" / f"jupyterlab_{name.replace('.ipynb', '')}.png"
            shot.parent.mkdir(exist_ok=True)
            summary.first.scroll_into_view_if_needed()
            page.screenshot(path=str(shot))

        # the interface in Chinese, as README.zh.md tells a student to switch it
        page.locator(".lm-MenuBar-item", has_text="Settings").click()
        page.locator(".lm-Menu-item", has_text="Language").click()
        page.locator(".lm-Menu-item", has_text="中文").click()
        page.get_by_role("button", name="Change and reload").click()
        page.get_by_role("menuitem", name="文件").wait_for(timeout=60_000)
        menus = page.locator("#jp-menu-panel .lm-MenuBar-itemLabel").all_inner_texts()
        assert {"文件", "编辑", "查看", "运行", "内核", "设置", "帮助"} <= set(menus), menus
        page.locator(".lm-MenuBar-item", has_text="设置").click()
        assert page.locator(".lm-Menu-item", has_text="语言").count() == 1  # as README.zh.md says
        page.screenshot(path=str(ROOT / "test-artifacts" / "jupyterlab_chinese_interface.png"))
