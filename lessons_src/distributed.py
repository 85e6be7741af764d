"""Launching data-parallel training from Python and reading back what each rank
did.

``launch_data_parallel`` wraps ``python -m paddle.distributed.launch``: it
checks the request first (GPUs that do not exist, a port already in use) so the
user gets a clear message instead of a hung or crashed launcher, bounds the run
in time, and always leaves no process behind. Explained in chapter 6.
"""

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import psutil

from .device import gpu_count


class LaunchError(RuntimeError):
    """Data-parallel training could not be started or did not finish."""


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """True when nothing listens on ``host:port`` (chapter 6)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def free_port_range(count: int, first: int = 36000, last: int = 60000) -> int:
    """The first port of ``count`` consecutive free ports between ``first`` and
    ``last`` (chapter 6)."""
    for start in range(first, last, count + 1):
        if all(port_is_free(start + k) for k in range(count)):
            return start
    raise LaunchError(
        f"No {count} consecutive free ports between {first} and {last}."
    )


def kill_process_tree(pid: int) -> None:
    """SIGKILL a process and all its descendants and wait for them (chapter 6).

    The distributed launcher starts each rank in a session of its own, so
    killing the launcher's process group alone would leave the ranks running;
    servers such as VisualDL fork workers too.
    """
    try:
        root = psutil.Process(pid)
        family = root.children(recursive=True) + [root]
    except psutil.NoSuchProcess:
        return
    for process in family:
        try:
            process.send_signal(signal.SIGKILL)
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(family, timeout=10)


def launch_data_parallel(
    script: str | Path,
    out_dir: str | Path,
    *,
    nproc: int = 2,
    devices: str | None = None,
    start_port: int | None = None,
    timeout_s: float = 300,
    script_args: tuple[str, ...] = (),
) -> list[dict]:
    """Run ``script`` with ``paddle.distributed.launch`` and return each rank's
    JSON summary (chapter 6).

    ``nproc`` processes, or one process per GPU in ``devices`` ("0,1"). On a
    machine without GPUs the ``nproc`` processes run on the CPU (gloo); where
    Paddle sees GPUs, its launcher gives each process a GPU of its own (NCCL),
    so ``nproc`` may not exceed the number of GPUs. The script must write
    ``rank_<r>.json`` into ``out_dir`` (given to it as ``--out``). The whole
    process group is killed if it runs longer than ``timeout_s``; LaunchError
    then says so and shows the log.
    """
    script, out_dir = Path(script).resolve(), Path(out_dir).resolve()
    if not script.is_file():
        raise LaunchError(f"Training script {script} does not exist.")
    if devices is not None:
        wanted = [d for d in devices.split(",") if d.strip()]
        available = gpu_count()
        if not available or any(int(d) >= available for d in wanted):
            raise LaunchError(
                f"GPUs {devices} were requested but Paddle sees {available} "
                "GPU(s); leave devices unset to train with CPU processes."
            )
        processes = len(wanted)
    else:
        processes, available = nproc, gpu_count()
        if 0 < available < nproc:
            raise LaunchError(
                f"{nproc} processes were requested, but on a machine where "
                "Paddle sees GPUs its launcher gives every process a GPU of "
                f"its own, and Paddle sees {available}. Use "
                f"nproc={available}, or run on a machine with {nproc} GPUs."
            )
    ports_needed = processes + 2  # one per rank, plus the launcher's own
    if start_port is None:
        start_port = free_port_range(ports_needed)
    busy = [
        p
        for p in range(start_port, start_port + ports_needed)
        if not port_is_free(p)
    ]
    if busy:
        raise LaunchError(
            f"Port(s) {busy} are already in use, so the ranks could not talk "
            "to each other. Pass another start_port, or leave it unset to "
            "pick free ports."
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("rank_*"):
        old.unlink()
    command = [
        sys.executable,
        "-m",
        "paddle.distributed.launch",
        "--log_dir",
        str(out_dir / "log"),
        "--start_port",
        str(start_port),
    ]
    command += (
        ["--devices", devices]
        if devices is not None
        else ["--nproc_per_node", str(processes)]
    )
    command += [str(script), "--out", str(out_dir), *script_args]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    launcher = subprocess.Popen(
        command,
        cwd=script.parent,
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        log, _ = launcher.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        kill_process_tree(launcher.pid)
        log, _ = launcher.communicate()
        raise LaunchError(
            f"Data-parallel training did not finish within {timeout_s:.0f} "
            f"s.\n{log[-2000:]}"
        )
    finally:
        kill_process_tree(launcher.pid)
    if launcher.returncode != 0:
        rank_logs = "".join(
            p.read_text()[-1500:]
            for p in sorted((out_dir / "log").glob("workerlog.*"))
        )
        raise LaunchError(
            "Data-parallel training failed (exit code "
            f"{launcher.returncode}).\n{rank_logs or log[-2000:]}"
        )
    summaries = [
        json.loads(p.read_text()) for p in sorted(out_dir.glob("rank_*.json"))
    ]
    if len(summaries) != processes:
        raise LaunchError(
            f"Expected results from {processes} ranks, found {len(summaries)} "
            f"in {out_dir}."
        )
    return summaries


def rank_parameters(out_dir: str | Path, rank: int) -> dict[str, np.ndarray]:
    """The final parameters rank ``rank`` saved as ``rank_<rank>.npz`` (chapter
    6)."""
    with np.load(Path(out_dir) / f"rank_{rank}.npz") as saved:
        return {name: saved[name] for name in saved.files}
