"""VisualDL for real: serve logs on loopback, check the scalars over HTTP, render the page in
Chromium (Playwright, see book_pages.py), which reaches nothing beyond this machine."""

import json
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psutil
import pytest
from visualdl import LogWriter

from book_pages import book_tab
from lessons_src.distributed import _free_port_range, _kill_process_tree

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
HEADERS = {"Accept-Language": "en"}  # VisualDL 2.5.3 answers HTTP 500 without one
LOSSES = [2.3, 1.1, 0.6, 0.35, 0.2]


def get(url: str) -> bytes:
    with urllib.request.urlopen(urllib.request.Request(url, headers=HEADERS), timeout=10) as reply:
        return reply.read()


@pytest.fixture
def visualdl_server(tmp_path):
    logdir = tmp_path / "logs"
    with LogWriter(logdir=str(logdir / "run_a")) as writer:
        for step, loss in enumerate(LOSSES):
            writer.add_scalar(tag="train/loss", value=loss, step=step)
    port = _free_port_range(1, first=18040)
    visualdl = Path(sys.executable).with_name("visualdl")
    server = subprocess.Popen(
        [str(visualdl), "--logdir", str(logdir), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get(f"{base}/app/api/runs")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise AssertionError("the VisualDL server did not start within 60 s")
                time.sleep(0.5)
        yield base, str(logdir / "run_a")
    finally:
        family = psutil.Process(server.pid).children(recursive=True) + [psutil.Process(server.pid)]
        _kill_process_tree(server.pid)
        assert not any(p.is_running() and p.status() != psutil.STATUS_ZOMBIE for p in family)


def test_the_server_serves_the_logged_scalars_and_the_page_renders(visualdl_server, browser):
    base, run = visualdl_server
    runs = json.loads(get(f"{base}/app/api/runs"))["data"]
    assert run in runs
    query = urllib.parse.urlencode({"run": run, "tag": "train/loss"})
    points = json.loads(get(f"{base}/app/api/scalar/list?{query}"))["data"]
    assert [step for _, step, _ in points] == list(range(len(LOSSES)))
    assert [round(value, 5) for _, _, value in points] == LOSSES

    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / "visualdl_scalars.png"
    screenshot.unlink(missing_ok=True)
    with book_tab(browser, width=1280, height=800, local_hosts={"127.0.0.1"}) as tab:
        page = tab.page
        page.goto(f"{base}/app/scalar")
        # The page lists the run, groups the tag under "train", and draws the chart on a canvas.
        page.wait_for_function("() => document.body.innerText.includes('run_a')")
        page.wait_for_function(
            "() => document.body.innerText.includes('train') && document.querySelector('canvas')"
        )
        page.wait_for_timeout(1000)  # the chart animates in
        page.screenshot(path=screenshot)
    # VisualDL's page asks for one thing outside this machine: Baidu's page-statistics script. It
    # is not needed: the page above rendered without it. Anything else would be new.
    assert {url.split("/")[2] for url in tab.outside} <= {"hm.baidu.com"}
    assert screenshot.stat().st_size > 20_000
