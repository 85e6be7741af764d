"""Data-parallel training of the course's classification CNN: one process per
device.

Every process (a "rank") builds the same model, reads its own shard of the data
through paddle.io.DistributedBatchSampler, and trains a paddle.DataParallel
copy; after each backward pass the ranks all-reduce (average) their gradients,
so every copy takes the same step.

Run it with Paddle's launcher (lessons_src.launch_data_parallel does it from
Python):

* two CPU processes (gloo):
  python -m paddle.distributed.launch --nproc_per_node 2
  data_parallel_train.py --out runs/dp
* two GPUs (NCCL), one process each:
  python -m paddle.distributed.launch --devices 0,1
  data_parallel_train.py --out runs/dp
* two machines: on each, with its own --rank (0, 1) and the first machine's
  address as --master:
  python -m paddle.distributed.launch --nnodes 2 --master 10.0.0.1:8090
  --rank 0 data_parallel_train.py --out runs/dp

--batch-size is the global batch: each of the N ranks takes batch-size / N
images a step, so N processes take the same steps as one.

Each rank writes rank_<r>.json (the indices of the images it trained on,
losses, timing) and rank_<r>.npz (its final parameters) into --out, so the
notebook of chapter 6 can check what the ranks did.
"""

import argparse
import json
import time
from pathlib import Path

import lessons_src  # first: it quiets Paddle before Paddle is imported

import numpy as np
import paddle
import paddle.distributed as dist
import paddle.nn.functional as F

from lessons_src import CNN, MnistDataset, gpu_count, seed_everything


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", required=True, help="folder for each rank's results"
    )
    parser.add_argument(
        "--samples", type=int, default=50_000, help="training images to use"
    )
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument(
        "--batch-size", type=int, default=100, help="global, over all ranks"
    )
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=2024)
    return parser.parse_args()


class IndexedDataset(paddle.io.Dataset):
    """A dataset whose items carry their index: (image, label, index)."""

    def __init__(self, dataset: paddle.io.Dataset):
        super().__init__()
        self.dataset = dataset

    def __len__(self) -> int:
        return len(self.dataset)

    def __getitem__(self, index: int) -> tuple:
        return (*self.dataset[index], np.int64(index))


def main() -> None:
    args = parse_args()
    env = dist.ParallelEnv()
    # the GPU the launcher gave this rank, or the CPU when there is none
    paddle.set_device(f"gpu:{env.device_id}" if gpu_count() else "cpu")
    if env.world_size > 1:
        dist.init_parallel_env()
    rank, world = dist.get_rank(), dist.get_world_size()
    device = paddle.device.get_device()
    print(f"rank {rank}/{world} on {device}: training", flush=True)
    seed_everything(args.seed)

    dataset = IndexedDataset(
        MnistDataset("train", label_dtype="int64", limit=args.samples)
    )
    if args.batch_size % world:
        raise SystemExit(f"--batch-size must be a multiple of {world} ranks")
    sampler = paddle.io.DistributedBatchSampler(  # this rank's share
        dataset, args.batch_size // world, shuffle=True, drop_last=False
    )
    loader = paddle.io.DataLoader(dataset, batch_sampler=sampler)
    model = (
        paddle.DataParallel(CNN(num_outputs=10))
        if world > 1
        else CNN(num_outputs=10)
    )
    optimizer = paddle.optimizer.SGD(
        learning_rate=args.lr, parameters=model.parameters()
    )

    shard, losses, images_seen = [], [], 0
    start = time.perf_counter()
    for epoch in range(args.epochs):
        # the shuffle of epoch `epoch`, whatever passes came before
        sampler.set_epoch(epoch)
        shard.append([])
        for images, labels, indices in loader:
            shard[-1] += indices.tolist()  # the images trained on
            loss = F.cross_entropy(model(images), labels)
            loss.backward()  # DataParallel all-reduces the gradients here
            optimizer.step()
            optimizer.clear_grad()
            losses.append(float(loss))
            images_seen += len(labels)
    seconds = time.perf_counter() - start

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    params = {name: p.numpy() for name, p in model.state_dict().items()}
    np.savez(out / f"rank_{rank}.npz", **params)
    summary = {
        "rank": rank,
        "world_size": world,
        "device": device,
        "indices_per_epoch": shard,
        "losses": losses,
        "seconds": seconds,
        "images": images_seen,
    }
    (out / f"rank_{rank}.json").write_text(json.dumps(summary))
    print(
        f"rank {rank}/{world} on {summary['device']}: {images_seen} images in "
        f"{seconds:.1f} s, "
        f"last loss {losses[-1]:.3f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
