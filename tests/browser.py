"""Headless Chromium for the browser tests, and the one way they tell whether a page used the network.

Chromium's console also prints notices of its own ("Slow network is detected. See https://...")
and, without these flags, makes requests of its own (update checks, account look-ups). Neither is
the page reaching the network. So the tests do not read the console for URLs: Chromium writes a
net log of every request it starts, and ``remote_requests`` keeps those that the page itself
started (they have an initiator; Chromium's own have "not an origin") for a host other than this
machine.
"""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--allow-file-access-from-files", "--lang=en-US",
]
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


def chromium() -> str:
    found = shutil.which("chromium")
    assert found, "Chromium is needed for this test: apt-get install chromium (.ci/run does)"
    return found


def render(url: str, scratch: Path, *extra: str, timeout: int = 180) -> subprocess.CompletedProcess:
    """Open ``url`` in a new profile under ``scratch``; the net log goes to ``scratch/netlog.json``."""
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    return subprocess.run([chromium(), *FLAGS, f"--user-data-dir={scratch / 'profile'}",
                           f"--log-net-log={scratch / 'netlog.json'}", "--net-log-capture-mode=Default",
                           *extra, url], capture_output=True, text=True, timeout=timeout)


def remote_requests(scratch: Path) -> list[str]:
    """URLs outside this machine that the page (not Chromium itself) asked for, from the net log."""
    log = json.loads((scratch / "netlog.json").read_text())
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    found = []
    for event in log["events"]:
        params = event.get("params") or {}
        if event["type"] != start_job or params.get("initiator") == "not an origin":
            continue
        url = urlsplit(params.get("url", ""))
        if url.scheme in {"http", "https", "ws", "wss"} and url.hostname not in LOOPBACK:
            found.append(params["url"])
    return found
