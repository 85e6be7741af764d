"""Train the course's CNN with ``paddle.Model.fit``, optionally resuming from a
``Model.save`` checkpoint, and save the final parameters.

Chapter 10 runs it in fresh processes to test whether ``fit`` resumes bit for
bit the way chapter 8's loop does (a process of its own, because the optimizer
state of a second model built in the same process does not load: Paddle names
Adam's state after globally numbered parameter names):

python fit_resume.py --epochs 2 --save-dir checkpoints/fit --out full.npz
python fit_resume.py --epochs 1 --resume checkpoints/fit/0 --out plain.npz
python fit_resume.py --epochs 1 --resume checkpoints/fit/0 --order-from-epoch 1
--out ordered.npz

Without ``--order-from-epoch``, ``fit`` gets the dataset and shuffles it
itself; with it, ``fit`` gets a DataLoader whose sampler is set to that epoch's
order.
"""

import argparse

import lessons_src  # first: it quiets Paddle before Paddle is imported

import numpy as np
import paddle

from lessons_src import CNN, MnistDataset, seed_everything


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, required=True)
    parser.add_argument("--samples", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--save-dir", help="ModelCheckpoint folder")
    parser.add_argument("--resume", help="checkpoint path given to Model.load")
    parser.add_argument(
        "--order-from-epoch",
        type=int,
        help="shuffle as the sampler does in this epoch",
    )
    parser.add_argument("--out", required=True, help=".npz of the parameters")
    args = parser.parse_args()

    seed_everything(args.seed)
    train_set = MnistDataset("train", label_dtype="int64", limit=args.samples)
    model = paddle.Model(CNN(num_outputs=10))
    optimizer = paddle.optimizer.Adam(
        learning_rate=0.001, parameters=model.parameters()
    )
    model.prepare(optimizer, paddle.nn.CrossEntropyLoss())
    if args.resume:
        model.load(args.resume)  # parameters and Adam's state
    if args.order_from_epoch is None:
        data = train_set  # fit builds its own sampler, shuffle=True
    else:
        sampler = paddle.io.DistributedBatchSampler(
            train_set, batch_size=args.batch_size, shuffle=True
        )
        sampler.set_epoch(args.order_from_epoch)
        data = paddle.io.DataLoader(train_set, batch_sampler=sampler)
    model.fit(
        data,
        epochs=args.epochs,
        batch_size=args.batch_size,
        shuffle=True,
        save_dir=args.save_dir,
        verbose=0,
    )
    parameters = {
        name: value.numpy()
        for name, value in model.network.state_dict().items()
    }
    np.savez(args.out, **parameters)
    print(f"{args.epochs} epoch(s) trained; parameters saved to {args.out}")


if __name__ == "__main__":
    main()
