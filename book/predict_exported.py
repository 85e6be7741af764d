"""Classify images with a model exported by paddle.jit.save, without the
model's Python class.

Chapter 8 runs it in a separate process to show that an exported model computes
exactly what the trained one did:

python predict_exported.py --model exported/mnist_cnn --inputs inputs.npy --out
logits.npy

--model is the path given to paddle.jit.save, without an extension (Paddle 2.x
wrote mnist_cnn.pdmodel, Paddle 3.x mnist_cnn.json, both with
mnist_cnn.pdiparams); --inputs is a float32 array [N, 1, 28, 28] scaled to [0,
1]; the logits [N, 10] are saved to --out.
"""

import argparse
from pathlib import Path

import lessons_src  # first: it quiets Paddle before Paddle is imported

import numpy as np
import paddle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--model", required=True, help="path prefix given to paddle.jit.save"
    )
    parser.add_argument(
        "--inputs", required=True, help=".npy file of images [N, 1, 28, 28]"
    )
    parser.add_argument(
        "--out", required=True, help=".npy file for the logits [N, 10]"
    )
    args = parser.parse_args()
    prefix = Path(args.model)
    if not prefix.with_suffix(".pdiparams").is_file():
        raise SystemExit(
            f"No exported model at {prefix}: expected {prefix.name}.pdiparams "
            f"beside {prefix.name}.json or {prefix.name}.pdmodel. Export it "
            "with paddle.jit.save."
        )
    model = paddle.jit.load(str(prefix))
    model.eval()
    images = np.load(args.inputs).astype("float32")
    with paddle.no_grad():
        logits = model(paddle.to_tensor(images)).numpy()
    np.save(args.out, logits)
    print(
        f"{len(logits)} images classified by the exported model {prefix.name} "
        f"(Paddle {paddle.__version__})"
    )


if __name__ == "__main__":
    main()
