"""Launching data-parallel training from Python and reading back what each rank
did.

``launch_data_parallel`` starts the ranks on one machine: through
``python -m paddle.distributed.launch``, or directly with the launcher's
environment where the launcher would demand more GPUs than Paddle sees
(``launch_plan``). It checks the request first (GPUs that do not exist, a port
already in use) so the user gets a clear message instead of a hung or crashed
launcher, bounds the run in time, and always leaves no process behind.
``start_nodes`` and ``wait_for_nodes`` run several launchers as if each were a
machine of its own, and name the ranks lost when one dies. Explained in
chapter 6.
"""

import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import psutil

from .device import gpu_count


class LaunchError(RuntimeError):
    """Data-parallel training could not be started or did not finish
    (chapter 6)."""


def _port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """True when nothing listens on ``host:port`` (chapter 6)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def _free_port_range(count: int, first: int = 36000, last: int = 60000) -> int:
    """The first port of ``count`` consecutive free ports between ``first`` and
    ``last`` (chapter 6).

    The search starts at a random place (from the operating system, not from
    the seeded generators), so that two runs started at the same moment, such
    as two notebooks or a notebook and a test, do not both take the same ports
    while neither has bound them yet.
    """
    starts = list(range(first, last - count, count + 1))
    offset = random.SystemRandom().randrange(len(starts))
    for start in starts[offset:] + starts[:offset]:
        if all(_port_is_free(start + k) for k in range(count)):
            return start
    raise LaunchError(
        f"No {count} consecutive free ports between {first} and {last}."
    )


def _kill_process_tree(pid: int) -> None:
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


def launch_plan(nproc: int, devices: str | None, gpus: int) -> str:
    """How ``launch_data_parallel`` starts the ranks, given the GPUs Paddle
    sees (chapter 6).

    "gpu": Paddle's launcher, one rank per GPU (NCCL). "cpu": Paddle's
    launcher, ``nproc`` CPU ranks (gloo), on a machine where Paddle sees no
    GPU. "cpu beside gpu": Paddle sees GPUs, but fewer than ``nproc``; its
    launcher would give every rank a GPU of its own and stop, so the ranks are
    started directly, on the CPU with gloo, with the environment the launcher
    gives its ranks (AI Studio's one GPU, a laptop's).
    """
    if devices is not None:
        wanted = [d for d in devices.split(",") if d.strip()]
        if not gpus or any(int(d) >= gpus for d in wanted):
            raise LaunchError(
                f"GPUs {devices} were requested but Paddle sees {gpus} "
                "GPU(s); leave devices unset to train with CPU processes."
            )
        return "gpu"
    if gpus == 0:
        return "cpu"
    return "gpu" if gpus >= nproc else "cpu beside gpu"


def rank_environment(rank: int, world: int, start_port: int) -> dict[str, str]:
    """The variables Paddle's launcher gives rank ``rank`` of ``world`` CPU
    ranks on this machine, with ports from ``start_port`` on (chapter 6)."""
    endpoints = [f"127.0.0.1:{start_port + 1 + r}" for r in range(world)]
    return {
        "PADDLE_TRAINER_ID": str(rank),
        "PADDLE_TRAINERS_NUM": str(world),
        "PADDLE_TRAINER_ENDPOINTS": ",".join(endpoints),
        "PADDLE_CURRENT_ENDPOINT": endpoints[rank],
        "PADDLE_MASTER": f"127.0.0.1:{start_port}",
        "PADDLE_GLOBAL_RANK": str(rank),
        "PADDLE_GLOBAL_SIZE": str(world),
        "PADDLE_LOCAL_RANK": str(rank),
        "PADDLE_LOCAL_SIZE": str(world),
        "PADDLE_RANK_IN_NODE": str(rank),
        "PADDLE_NNODES": "1",
        "PADDLE_DISTRI_BACKEND": "gloo",
        "CUDA_VISIBLE_DEVICES": "",  # the rank itself sees no GPU: CPU only
    }


def _wait(processes: list[subprocess.Popen], timeout_s: float) -> None:
    """Wait for every process; kill them all when time runs out, and kill
    whatever they left behind in any case."""
    deadline = time.monotonic() + timeout_s
    try:
        for process in processes:
            process.wait(timeout=max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        raise LaunchError(
            f"Data-parallel training did not finish within {timeout_s:.0f} s."
        )
    finally:
        for process in processes:
            _kill_process_tree(process.pid)


def launch_data_parallel(
    script: str | Path,
    out_dir: str | Path,
    *,
    nproc: int = 2,
    devices: str | None = None,
    start_port: int | None = None,
    timeout_s: float = 300,
    script_args: tuple[str, ...] = (),
    plan: str | None = None,
) -> list[dict]:
    """Run ``script`` as data-parallel ranks and return each rank's JSON
    summary (chapter 6).

    ``nproc`` processes, or one process per GPU in ``devices`` ("0,1"), started
    as ``launch_plan`` decides (``plan`` overrides it, for the tests). The
    script must write ``rank_<r>.json`` into ``out_dir`` (given to it as
    ``--out``); each rank's output goes to ``out_dir/log/workerlog.<r>``. All
    the processes are killed if the run takes longer than ``timeout_s``;
    LaunchError then says so and shows the log.
    """
    script, out_dir = Path(script).resolve(), Path(out_dir).resolve()
    if not script.is_file():
        raise LaunchError(f"Training script {script} does not exist.")
    plan = plan or launch_plan(nproc, devices, gpu_count())
    processes = (
        len([d for d in devices.split(",") if d.strip()]) if devices else nproc
    )
    ports_needed = processes + 2  # one per rank, plus the launcher's own
    if start_port is None:
        start_port = _free_port_range(ports_needed)
    busy = [
        p
        for p in range(start_port, start_port + ports_needed)
        if not _port_is_free(p)
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
    (out_dir / "log").mkdir(exist_ok=True)
    training = [str(script), "--out", str(out_dir), *script_args]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    if plan == "cpu beside gpu":
        started = [
            subprocess.Popen(
                [sys.executable, *training],
                cwd=script.parent,
                env=dict(env, **rank_environment(r, processes, start_port)),
                start_new_session=True,
                stdout=open(out_dir / "log" / f"workerlog.{r}", "w"),
                stderr=subprocess.STDOUT,
            )
            for r in range(processes)
        ]
    else:
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
        started = [
            subprocess.Popen(
                command + training,
                cwd=script.parent,
                env=env,
                start_new_session=True,
                stdout=open(out_dir / "log" / "launcher.log", "w"),
                stderr=subprocess.STDOUT,
            )
        ]
    try:
        _wait(started, timeout_s)
    except LaunchError as error:
        raise LaunchError(f"{error}\n{_logs(out_dir)}") from None
    failed = [p.returncode for p in started if p.returncode != 0]
    if failed:
        raise LaunchError(
            f"Data-parallel training failed (exit code {failed[0]}).\n"
            f"{_logs(out_dir)}"
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


def _peer_error(out_dir: Path) -> str:
    """What a surviving rank's log says about the lost connection, if
    anything."""
    for log in sorted((out_dir / "log").rglob("workerlog.*")):
        for line in log.read_text(errors="replace").splitlines():
            if "by peer" in line:
                return f" (its log: {line.strip()})"
    return ""


def _logs(out_dir: Path) -> str:
    """The end of every log of a run, for an error message."""
    return "".join(
        f"--- {p.name}\n{p.read_text(errors='replace')[-1500:]}"
        for p in sorted((out_dir / "log").rglob("*log*"))
        if p.is_file()
    )


def _node_command(
    script: Path,
    out_dir: Path,
    *,
    node: int,
    nnodes: int,
    master: str,
    nproc_per_node: int = 1,
    start_port: int = 6070,
    script_args: tuple[str, ...] = (),
) -> list[str]:
    """The launcher command for machine ``node`` of ``nnodes`` that meet at
    ``master`` ("address:port" of the first machine), as each machine runs it
    (chapter 6)."""
    return [
        sys.executable,
        "-m",
        "paddle.distributed.launch",
        "--nnodes",
        str(nnodes),
        "--master",
        master,
        "--rank",
        str(node),
        "--nproc_per_node",
        str(nproc_per_node),
        "--start_port",
        str(start_port),
        "--log_dir",
        str(out_dir / "log" / f"node_{node}"),
        str(script),
        "--out",
        str(out_dir),
        *script_args,
    ]


def start_nodes(
    script: str | Path,
    out_dir: str | Path,
    *,
    nnodes: int = 2,
    nproc_per_node: int = 1,
    script_args: tuple[str, ...] = (),
) -> list[subprocess.Popen]:
    """Start ``nnodes`` launchers on this machine as if each were a machine of
    its own, meeting at a master on loopback, on the CPU (chapter 6)."""
    script, out_dir = Path(script).resolve(), Path(out_dir).resolve()
    ports = _free_port_range(1 + nnodes * (nproc_per_node + 2))
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("rank_*"):
        old.unlink()
    (out_dir / "log").mkdir(exist_ok=True)
    return [
        subprocess.Popen(
            _node_command(
                script,
                out_dir,
                node=node,
                nnodes=nnodes,
                master=f"127.0.0.1:{ports}",
                nproc_per_node=nproc_per_node,
                start_port=ports + 1 + node * (nproc_per_node + 2),
                script_args=script_args,
            ),
            cwd=script.parent,
            env=dict(os.environ, PYTHONUNBUFFERED="1"),
            start_new_session=True,
            stdout=open(out_dir / "log" / f"launcher_{node}.log", "w"),
            stderr=subprocess.STDOUT,
        )
        for node in range(nnodes)
    ]


def wait_for_nodes(
    nodes: list[subprocess.Popen],
    out_dir: str | Path,
    *,
    nproc_per_node: int = 1,
    timeout_s: float = 300,
) -> list[dict]:
    """Wait for the nodes ``start_nodes`` started and return every rank's
    summary; when a node fails, stop them all and name the ranks that were lost
    (chapter 6)."""
    out_dir = Path(out_dir).resolve()
    try:
        _wait(nodes, timeout_s)
    except LaunchError as error:
        raise LaunchError(f"{error}\n{_logs(out_dir)}") from None
    lost = [n for n, node in enumerate(nodes) if node.returncode not in (0,)]
    if lost:
        killed = [n for n in lost if nodes[n].returncode < 0] or lost[:1]
        ranks = [
            n * nproc_per_node + r
            for n in killed
            for r in range(nproc_per_node)
        ]
        survivors = [n for n in range(len(nodes)) if n not in killed]
        raise LaunchError(
            f"Lost rank(s) {ranks} on node(s) {killed}: "
            + ", ".join(
                f"node {n} exited with code {nodes[n].returncode}"
                for n in killed
            )
            + (
                f"; node(s) {survivors} stopped too, because every rank "
                "needs all the others at each all-reduce"
                f"{_peer_error(out_dir)}. Restart the job on every node."
                if survivors
                else "."
            )
        )
    summaries = [
        json.loads(p.read_text()) for p in sorted(out_dir.glob("rank_*.json"))
    ]
    expected = len(nodes) * nproc_per_node
    if len(summaries) != expected:
        raise LaunchError(
            f"Expected results from {expected} ranks, found {len(summaries)} "
            f"in {out_dir}."
        )
    return summaries


def rank_parameters(out_dir: str | Path, rank: int) -> dict[str, np.ndarray]:
    """The final parameters rank ``rank`` saved as ``rank_<rank>.npz`` (chapter
    6)."""
    with np.load(Path(out_dir) / f"rank_{rank}.npz") as saved:
        return {name: saved[name] for name in saved.files}
