"""The README's way to open the chapters: `jupyter lab`, driven through its own interface.

JupyterLab is started on loopback, as a student starts it, over a copy of chapter 1; headless
Chromium (the system's, driven by Playwright) opens the notebook, runs its first cells in quick
mode with Shift+Enter and reads their outputs, then adds a cell that shows an ipywidgets slider
and sees it rendered (the chapters' explorers need the widget manager), and opens an answer of
the concept questions, closed until then. Afterwards the server and its kernel must be gone.
"""

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import psutil
import pytest
from playwright.sync_api import sync_playwright

from lessons_src.distributed import free_port_range

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = "01_linear_baseline.ipynb"
FIRST_CELLS = 6  # two text cells, the imports, the device and mode, step 1's text, the data


@pytest.fixture
def jupyter_lab(tmp_path):
    """A JupyterLab server over a copy of chapter 1 without its stored outputs, so that every
    output the test sees comes from running it; yields (URL of the notebook, server)."""
    notebook = nbformat.read(ROOT / "book" / CHAPTER, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(notebook, tmp_path / CHAPTER)
    # JupyterLab renders only the cells in view by default; the test reads every output
    settings = tmp_path / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    port, token = free_port_range(1), secrets.token_hex(16)
    command = [str(Path(sys.executable).with_name("jupyter")), "lab", "--no-browser",
               "--ip=127.0.0.1", f"--port={port}", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={tmp_path}",
               f"--LabApp.user_settings_dir={tmp_path / 'settings'}",
               f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}"]
    if os.geteuid() == 0:
        command.append("--allow-root")  # CI runs as root; students do not
    env = dict(os.environ, COURSE_QUICK="1")
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                              stderr=open(tmp_path / "server.log", "w"), start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            assert server.poll() is None, (tmp_path / "server.log").read_text()[-3000:]
            time.sleep(0.5)
    else:
        pytest.fail("JupyterLab did not answer within 60 s")
    try:
        yield f"{base}/lab/tree/{CHAPTER}?token={token}", server
    finally:
        family = [server.pid] + [p.pid for p in psutil.Process(server.pid).children(recursive=True)]
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        time.sleep(1)
        left = [pid for pid in family if psutil.pid_exists(pid)
                and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]
        assert not left, f"processes left behind by JupyterLab: {left}"


def test_jupyter_lab_runs_chapter_1_and_renders_a_widget(jupyter_lab):
    url, _ = jupyter_lab
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
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
        finally:
            browser.close()
