"""A process that keeps one core busy: the other work a student's machine is doing."""

import os
import subprocess
import sys


def busy_process() -> subprocess.Popen:
    """Start a process that spins on one core until it is killed or this process is gone
    (it checks its parent, so a hang that ends this process with ``os._exit`` ends it too)."""
    return subprocess.Popen(
        [sys.executable, "-c", f"import os\nwhile os.getppid() == {os.getpid()}: pass"]
    )
