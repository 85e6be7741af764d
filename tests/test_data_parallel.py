"""Real data-parallel training: 2 CPU processes, small data, bounded time, nothing left behind."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import psutil
import pytest

from lessons_src.distributed import (
    LaunchError,
    _free_port_range,
    launch_data_parallel,
    launch_plan,
    _port_is_free,
    rank_environment,
    rank_parameters,
    start_nodes,
    wait_for_nodes,
)

SCRIPT = Path(__file__).resolve().parent.parent / "book" / "data_parallel_train.py"


def launcher_processes(out_dir: Path) -> list[psutil.Process]:
    """The processes of the run writing into ``out_dir``: its launcher (``--log_dir out_dir/log``)
    and its ranks (``--out out_dir``). Other runs of the same script, such as chapter 6's notebook
    tested at the same time, have other folders and are not counted."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        cmdline = " ".join(process.info["cmdline"] or [])
        if "data_parallel_train.py" in cmdline and str(out_dir.resolve()) in cmdline:
            found.append(process)
    return found


SMALL_RUN = ("--samples", "600", "--epochs", "2", "--batch-size", "50")


def shuffled_order(epoch: int, samples: int = 600) -> list[int]:
    """The order Paddle's DistributedBatchSampler shuffles ``samples`` indices into at a pass whose
    epoch counter is ``epoch`` (paddle/io/dataloader/batch_sampler.py: RandomState(self.epoch))."""
    order = list(range(samples))
    np.random.RandomState(epoch).shuffle(order)
    return order


def assert_two_ranks_agree(ranks: list[dict], out_dir: Path) -> None:
    """The indices each rank trained on, as its loader handed them over: each epoch's shards are
    disjoint and cover the 600 images of SMALL_RUN, and step by step the two ranks' batches (25
    images each: the global batch of 50 split in two) are consecutive slices of that epoch's
    shuffled order, the order of epoch 0 and then of epoch 1; both ranks end with
    bitwise-identical parameters; no process of the run is left."""
    assert [r["rank"] for r in ranks] == [0, 1] and all(r["world_size"] == 2 for r in ranks)
    for epoch in range(2):
        first, second = (r["indices_per_epoch"][epoch] for r in ranks)
        assert len(first) == len(second) == 300
        assert not set(first) & set(second) and set(first) | set(second) == set(range(600))
        order = shuffled_order(epoch)
        for step, start in enumerate(range(0, 600, 50)):
            batches = first[25 * step : 25 * step + 25] + second[25 * step : 25 * step + 25]
            assert batches == order[start : start + 50], (epoch, step)
    assert all(len(r["losses"]) == 2 * 12 for r in ranks)  # 12 steps of 2 x 25 an epoch
    params = [rank_parameters(out_dir, r) for r in (0, 1)]
    assert params[0].keys() == params[1].keys() and len(params[0]) == 6
    for name in params[0]:
        np.testing.assert_array_equal(params[0][name], params[1][name], err_msg=name)
    assert not launcher_processes(out_dir)


def test_two_cpu_ranks_train_disjoint_shards_into_identical_parameters(tmp_path):
    ranks = launch_data_parallel(SCRIPT, tmp_path, nproc=2, timeout_s=240, script_args=SMALL_RUN)
    assert_two_ranks_agree(ranks, tmp_path)


def test_one_rank_records_the_images_its_loader_fetched():
    """Run as one rank, the script's loader hands over with each image the index of that image,
    in the order it trains on; a pass of the sampler's own advances its epoch counter, so the
    indices it lists name other images."""
    import paddle

    sys.path.insert(0, str(SCRIPT.parent))
    try:
        from data_parallel_train import IndexedDataset
    finally:
        sys.path.remove(str(SCRIPT.parent))
    from lessons_src import MnistDataset

    images = MnistDataset("train", label_dtype="int64", limit=300)
    sampler = paddle.io.DistributedBatchSampler(
        IndexedDataset(images), batch_size=50, num_replicas=1, rank=0, shuffle=True
    )
    loader = paddle.io.DataLoader(IndexedDataset(images), batch_sampler=sampler)
    listed = [i for batch in sampler for i in batch]
    fetched, handed_over = [], []
    for image, _, index in loader:
        fetched.append(image.numpy())
        handed_over += index.tolist()
    fetched = np.concatenate(fetched)
    assert handed_over == shuffled_order(1, 300) and listed == shuffled_order(0, 300)
    np.testing.assert_array_equal(np.stack([images[i][0] for i in handed_over]), fetched)
    assert not np.array_equal(np.stack([images[i][0] for i in listed]), fetched)


def test_a_run_over_its_time_limit_is_killed_with_all_its_processes(tmp_path):
    with pytest.raises(LaunchError, match="did not finish within 3 s"):
        launch_data_parallel(
            SCRIPT, tmp_path, nproc=2, timeout_s=3, script_args=("--samples", "50000")
        )
    assert not launcher_processes(tmp_path)


def test_missing_gpus_are_a_clear_error(tmp_path):
    # GPU 15 exists on no machine this course runs on, with or without GPUs.
    with pytest.raises(LaunchError, match=r"GPUs 15 were requested but Paddle sees \d+ GPU"):
        launch_data_parallel(SCRIPT, tmp_path, devices="15")


def test_a_port_in_use_is_a_clear_error(tmp_path):
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        assert not _port_is_free(port)
        with pytest.raises(LaunchError, match=rf"Port\(s\) \[{port}[,\]].* already in use"):
            launch_data_parallel(SCRIPT, tmp_path, start_port=port)


class _RecordedLaunch:
    """Stands in for subprocess.Popen: records the command and environment, runs nothing."""

    calls: list = []

    def __init__(self, command, env, **kwargs):
        self.calls.append((command, env))
        self.pid, self.returncode = -1, 1

    def wait(self, timeout=None):
        return self.returncode


def recorded_launch(monkeypatch, tmp_path, gpus: int, **options) -> tuple[list[str], dict]:
    from lessons_src import distributed

    _RecordedLaunch.calls = []
    monkeypatch.setattr(distributed, "gpu_count", lambda: gpus)
    monkeypatch.setattr(distributed.subprocess, "Popen", _RecordedLaunch)
    monkeypatch.setattr(distributed, "_kill_process_tree", lambda pid: None)
    with pytest.raises(LaunchError, match="failed"):
        launch_data_parallel(SCRIPT, tmp_path, **options)
    return _RecordedLaunch.calls[0]


def test_a_gpu_user_gets_one_rank_per_gpu_with_deterministic_cudnn(monkeypatch, tmp_path):
    command, env = recorded_launch(monkeypatch, tmp_path, gpus=2, devices="0,1")
    assert command[command.index("--devices") + 1] == "0,1" and "--nproc_per_node" not in command
    # set by import lessons_src, inherited by the ranks
    assert env["FLAGS_cudnn_deterministic"] == "1"


def test_without_gpus_the_processes_are_cpu_processes(monkeypatch, tmp_path):
    command, _ = recorded_launch(monkeypatch, tmp_path, gpus=0, nproc=2)
    assert command[command.index("--nproc_per_node") + 1] == "2" and "--devices" not in command


@pytest.mark.parametrize(
    "gpus, nproc, devices, plan",
    [
        (0, 2, None, "cpu"),  # a CPU build, or no GPU: the launcher's CPU ranks
        (1, 2, None, "cpu beside gpu"),  # AI Studio's one GPU: CPU ranks started directly
        (1, 1, None, "gpu"),
        (2, 2, None, "gpu"),  # one GPU per rank (NCCL)
        (3, 2, None, "gpu"),
        (2, 2, "0,1", "gpu"),
    ],
)
def test_the_launch_plan_follows_the_gpus_paddle_sees(gpus, nproc, devices, plan):
    assert launch_plan(nproc, devices, gpus) == plan


def test_the_one_gpu_plan_starts_cpu_ranks_with_the_launchers_environment(monkeypatch, tmp_path):
    _RecordedLaunch.calls = []
    from lessons_src import distributed

    monkeypatch.setattr(distributed, "gpu_count", lambda: 1)
    monkeypatch.setattr(distributed.subprocess, "Popen", _RecordedLaunch)
    monkeypatch.setattr(distributed, "_kill_process_tree", lambda pid: None)
    with pytest.raises(LaunchError, match="failed"):
        launch_data_parallel(SCRIPT, tmp_path, nproc=2, start_port=_free_port_range(4))
    (first, env0), (second, env1) = _RecordedLaunch.calls
    assert "paddle.distributed.launch" not in first and str(SCRIPT) in first
    assert (env0["PADDLE_TRAINER_ID"], env1["PADDLE_TRAINER_ID"]) == ("0", "1")
    assert env0["PADDLE_DISTRI_BACKEND"] == "gloo" and env0["CUDA_VISIBLE_DEVICES"] == ""
    assert env0["PADDLE_TRAINER_ENDPOINTS"] == env1["PADDLE_TRAINER_ENDPOINTS"]
    assert env1["PADDLE_CURRENT_ENDPOINT"] == env1["PADDLE_TRAINER_ENDPOINTS"].split(",")[1]


def test_the_one_gpu_path_really_trains_in_parallel_on_the_cpu(tmp_path):
    """The path a one-GPU machine takes, run here: the same ranks, the same checks."""
    ranks = launch_data_parallel(
        SCRIPT, tmp_path, nproc=2, timeout_s=240, plan="cpu beside gpu", script_args=SMALL_RUN
    )
    assert all(r["device"] == "cpu" for r in ranks)
    assert_two_ranks_agree(ranks, tmp_path)


def test_the_leftover_check_counts_its_own_run_only(tmp_path):
    """Another run of the script (chapter 6's notebook under `pytest -n 2`) is not a leftover."""
    other, own = tmp_path / "other", tmp_path / "own"
    stand_in = [
        sys.executable,
        "-c",
        "import time; time.sleep(60)",
        "data_parallel_train.py",
        "--out",
    ]
    runs = [subprocess.Popen([*stand_in, str(folder)]) for folder in (other, own)]
    try:
        assert [p.pid for p in launcher_processes(own)] == [runs[1].pid]
    finally:
        for run in runs:
            run.kill()
            run.wait()
    assert launcher_processes(own) == []


def test_two_nodes_meet_at_a_master_and_train_identical_copies(tmp_path):
    """Two launcher invocations as two machines (--nnodes 2, --master on loopback, gloo)."""
    nodes = start_nodes(SCRIPT, tmp_path, nnodes=2, script_args=SMALL_RUN)
    ranks = wait_for_nodes(nodes, tmp_path, timeout_s=240)
    assert all((tmp_path / "log" / f"node_{n}" / "workerlog.0").exists() for n in (0, 1))
    assert_two_ranks_agree(ranks, tmp_path)


def test_a_node_that_dies_stops_the_other_with_the_lost_rank_named(tmp_path):
    nodes = start_nodes(SCRIPT, tmp_path, nnodes=2, script_args=("--samples", "50000"))
    logs = [tmp_path / "log" / f"node_{n}" / "workerlog.0" for n in (0, 1)]
    for _ in range(240):  # until both ranks say they train
        if all(log.exists() and ": training" in log.read_text() for log in logs):
            break
        time.sleep(0.25)
    time.sleep(2)
    node_1 = psutil.Process(nodes[1].pid)
    for process in [node_1, *node_1.children(recursive=True)]:
        process.kill()  # SIGKILL: node 1 and its rank, with no chance to clean up
    start = time.monotonic()
    with pytest.raises(
        LaunchError,
        match=r"Lost rank\(s\) \[1\] on node\(s\) \[1\].*"
        r"node\(s\) \[0\] stopped too",
    ) as error:
        wait_for_nodes(nodes, tmp_path, timeout_s=60)
    assert time.monotonic() - start < 60, "the surviving node did not stop by itself"
    print(error.value)
    assert not launcher_processes(tmp_path)


@pytest.mark.parametrize(
    "cuda_build, cards, plan",
    [
        (False, 1, "cpu"),  # a CPU build never uses a card, even where there is one
        (True, 0, "cpu"),
        (True, 1, "cpu beside gpu"),
        (True, 2, "gpu"),
    ],
)
def test_the_plan_follows_the_build_and_the_cards(monkeypatch, cuda_build, cards, plan):
    import paddle

    from lessons_src.device import gpu_count

    monkeypatch.setattr(paddle.device, "is_compiled_with_cuda", lambda: cuda_build)
    monkeypatch.setattr(paddle.device.cuda, "device_count", lambda: cards)
    assert launch_plan(2, None, gpu_count()) == plan


def test_free_ports_are_free_and_not_the_same_for_every_caller():
    """Runs started at the same moment (two notebooks, a notebook and a test) must not pick the
    same ports before either has bound them."""
    starts = [_free_port_range(4) for _ in range(20)]
    assert all(
        36000 <= s <= 60000 - 4 and all(_port_is_free(s + k) for k in range(4)) for s in starts
    )
    assert len(set(starts)) > 10


def test_each_rank_gets_its_own_endpoint_one_master_and_no_gpu():
    environments = [rank_environment(rank, 2, start_port=6170) for rank in range(2)]
    assert [env["PADDLE_CURRENT_ENDPOINT"] for env in environments] == [
        "127.0.0.1:6171",
        "127.0.0.1:6172",
    ]
    for rank, env in enumerate(environments):
        assert env["PADDLE_TRAINER_ID"] == env["PADDLE_GLOBAL_RANK"] == str(rank)
        assert env["PADDLE_TRAINERS_NUM"] == "2"
        assert env["PADDLE_MASTER"] == "127.0.0.1:6170"
        assert env["PADDLE_TRAINER_ENDPOINTS"] == "127.0.0.1:6171,127.0.0.1:6172"
        assert env["CUDA_VISIBLE_DEVICES"] == ""
