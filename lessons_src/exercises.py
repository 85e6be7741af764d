"""Checkers for the "implement it" exercises at the end of every chapter.

``check(name, answer_function)`` runs the student's function on cases with
known answers and prints its verdict: not written yet, right, or what is wrong,
in English and then in Chinese (the same code serves both editions of the
course). It returns True only for a right answer, and records the verdict in
the student's progress file (``lessons_src.verdicts``). Each checker names its
chapter; the reference solutions are in the chapters themselves.
"""

import math
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from .verdicts import _record_verdict

# The tag of a reference solution's cells (the solution and the sentence that
# introduces it), which the student edition leaves out and the grader skips.
SOLUTION_TAG = "solution"


class _Wrong(Exception):
    """Raised inside a checker to report what is wrong with an answer, in
    English and in Chinese."""

    def __init__(self, english: str, chinese: str):
        super().__init__(english)
        self.chinese = chinese


class _NotWritten(Exception):
    """The answer returned None where a value was expected: the skeleton is
    untouched."""


def _expect(condition: bool, english: str, chinese: str) -> None:
    if not condition:
        raise _Wrong(english, chinese)


def _answer(value):
    """The student's return value; None: the exercise is not written yet."""
    if value is None:
        raise _NotWritten
    return value


def _error_distances(fn: Callable) -> None:
    """Chapter 1: how many rounded, clipped outputs are each distance 0-9 from
    their label."""
    outputs = np.array([0.4, 2.6, 11.0, 4.49, -3.0, 8.4, 1.6])
    labels = np.array([0, 3, 9, 5, 0, 8, 7])
    expected = [5, 1, 0, 0, 0, 1, 0, 0, 0, 0]
    got = np.asarray(_answer(fn(outputs, labels)))
    _expect(
        got.shape == (10,),
        f"return 10 counts, one per distance 0 to 9, not shape {got.shape}",
        "应返回 10 个计数（距离 0 到 9 各一个），"
        f"现在返回的形状是 {got.shape}",
    )
    _expect(
        got.tolist() == expected,
        f"got {got.tolist()}, expected {expected}: round to the nearest "
        "integer, clip to 0-9, then count how far each guess is from its "
        "label",
        f"得到 {got.tolist()}，应为 {expected}；先四舍五入取整，再截断到 "
        "0-9，然后统计每个猜测与标签相差多少",
    )


def _validate_labels(fn: Callable) -> None:
    """Chapter 2: labels must be [N, 1] whole numbers from 0 to 9."""
    fn(np.array([[0.0], [9.0], [3.0]]))  # a valid batch must pass silently
    for bad, why, why_zh in [
        (np.array([[3.0], [12.0]]), "a label of 12", "值为 12 的标签"),
        (np.array([[3.0], [-1.0]]), "a label of -1", "值为 -1 的标签"),
        (np.array([[2.5]]), "a label of 2.5", "值为 2.5 的标签"),
        (
            np.array([3.0, 4.0]),
            "shape [2] instead of [2, 1]",
            "形状为 [2] 而不是 [2, 1] 的标签",
        ),
    ]:
        try:
            fn(bad)
        except AssertionError:
            continue
        raise _Wrong(f"it accepted {why}", f"你的函数放过了{why_zh}")


def _linear_relu_backward(fn: Callable) -> None:
    """Chapter 3: the gradients (dx, dW, db) of the loss (upstream * y).sum()
    for y = relu(x @ W + b), compared with central finite differences. No
    pre-activation is near 0, where ReLU has a kink."""
    x = np.array(
        [
            [0.2, -0.5, -0.4],
            [-2.4, 1.8, 1.1],
            [-0.3, 0.8, 0.3],
            [-0.6, 1, -0.3],
        ]
    )
    W = np.array([[-0.3, -0.8], [0.5, -0.1], [0.5, -0.6]])
    b = np.array([0.1, -0.9])
    upstream = np.array([[0.8, 0.2], [0.3, 0.4], [-1.0, 0.8], [2.1, -1.6]])

    def loss(x, W, b):
        return float((upstream * np.maximum(x @ W + b, 0)).sum())

    expected = []
    for k in range(3):
        values = [x, W, b]
        gradient = np.zeros_like(values[k])
        for index in np.ndindex(gradient.shape):
            nudged = [v.copy() for v in values], [v.copy() for v in values]
            nudged[0][k][index] += 1e-6
            nudged[1][k][index] -= 1e-6
            gradient[index] = (loss(*nudged[0]) - loss(*nudged[1])) / 2e-6
        expected.append(gradient)
    result = _answer(fn(x.copy(), W.copy(), b.copy(), upstream.copy()))
    _expect(
        isinstance(result, (tuple, list)) and len(result) == 3,
        "return a tuple (dx, dW, db)",
        "应返回一个元组 (dx, dW, db)",
    )
    for name, got, want in zip(["dx", "dW", "db"], result, expected):
        got = np.asarray(got, dtype=float)
        _expect(
            got.shape == want.shape,
            f"{name} should have the shape {want.shape} of its variable, not "
            f"{got.shape}",
            f"{name} 的形状应与对应的变量一致，为 {want.shape}，现在是 "
            f"{got.shape}",
        )
        _expect(
            np.allclose(got, want, atol=1e-5),
            f"{name} is {got.round(3).tolist()}, expected "
            f"{want.round(3).tolist()} (finite differences)",
            f"{name} 为 {got.round(3).tolist()}，应为 "
            f"{want.round(3).tolist()}（按有限差分算出）",
        )


def _double_softmax_grad(fn: Callable) -> None:
    """Chapter 4: the gradient of the mean cross-entropy of
    softmax(softmax(logits)) with respect to the logits, checked against
    central finite differences of that loss."""

    def loss(logits: np.ndarray, labels: np.ndarray) -> float:
        for _ in range(2):  # the port's two softmaxes
            shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
            logits = shifted / shifted.sum(axis=1, keepdims=True)
        return float(-np.mean(np.log(logits[np.arange(len(labels)), labels])))

    rng = np.random.default_rng(4)
    for rows, classes in [(4, 5), (3, 10)]:
        logits = rng.normal(scale=2.0, size=(rows, classes))
        labels = rng.integers(0, classes, size=rows)
        got = np.asarray(
            _answer(fn(logits.copy(), labels.copy())), dtype=float
        )
        _expect(
            got.shape == logits.shape,
            f"return one gradient per logit, shape {logits.shape}, not "
            f"{got.shape}",
            f"应为每个 logit 返回一个梯度，即形状为 {logits.shape}，"
            f"现在是 {got.shape}",
        )
        step = 1e-6
        expected = np.zeros_like(logits)
        for index in np.ndindex(*logits.shape):
            up, down = logits.copy(), logits.copy()
            up[index] += step
            down[index] -= step
            expected[index] = (loss(up, labels) - loss(down, labels)) / (
                2 * step
            )
        if np.allclose(got, expected, atol=1e-6):
            continue
        _expect(
            not np.allclose(got, rows * expected, atol=1e-6),
            f"the values are {rows} times too large: the loss is the mean "
            f"over the {rows} rows, so divide by {rows}",
            f"数值是应有值的 {rows} 倍；损失是 {rows} 行的平均值，"
            f"所以还要除以 {rows}",
        )
        exps = np.exp(logits - logits.max(axis=1, keepdims=True))
        once = exps / exps.sum(axis=1, keepdims=True)
        once[np.arange(rows), labels] -= 1
        _expect(
            not np.allclose(got * rows, once, atol=1e-6),
            "that is p - y, the gradient for one softmax; the loss here sees "
            "softmax(softmax(logits)): carry r - y back through the first "
            "softmax with the chain rule",
            "这是 p - y，即只做一次 softmax 时的梯度；这里的损失是对 "
            "softmax(softmax(logits)) 计算的，要用链式法则把 r - y 经过第一次 "
            "softmax 传回去",
        )
        row = int(np.abs(got - expected).max(axis=1).argmax())
        raise _Wrong(
            f"row {row} of a batch of {rows} with {classes} classes: got "
            f"{got[row].round(4).tolist()}, the finite differences give "
            f"{expected[row].round(4).tolist()}",
            f"在 {rows} 行、{classes} 个类别的一批数据中，第 {row} 行得到 "
            f"{got[row].round(4).tolist()}，有限差分的结果是 "
            f"{expected[row].round(4).tolist()}",
        )


def _momentum_simulated(lr: float, mu: float, g: float, n: int) -> float:
    """w_n - w_0 after n steps of Momentum from rest with a constant gradient
    g: the recursion run as a linear map on (v, w, 1), by its n-th power."""
    step = np.array([[mu, 0.0, g], [-lr * mu, 1.0, -lr * g], [0.0, 0.0, 1.0]])
    return float((np.linalg.matrix_power(step, n) @ [0.0, 0.0, 1.0])[1])


def _momentum_position(fn: Callable) -> None:
    """Chapter 5: the total displacement of n Momentum steps with a constant
    gradient, in closed form (derived, checked against a simulation)."""
    for lr, mu, g, steps in [
        (0.1, 0.0, 2.0, [1, 5]),
        (0.01, 0.9, 2.0, [1, 2, 10, 100, 10**6]),
        (0.05, 0.5, -1.0, [3, 40]),
        (0.001, 0.99, 0.5, [7, 1000]),
    ]:
        got = np.asarray(_answer(fn(lr, mu, g, np.array(steps))), dtype=float)
        _expect(
            got.shape == (len(steps),),
            f"with n = np.array({steps}) return one displacement per step "
            f"count, shape ({len(steps)},), not {got.shape}: a formula in n, "
            "not a loop",
            f"n = np.array({steps}) 时，应为每个步数返回一个位移，"
            f"即形状为 ({len(steps)},)，现在是 {got.shape}；"
            "要写成关于 n 的公式，不要用循环",
        )
        for n, value in zip(steps, got):
            expected = _momentum_simulated(lr, mu, g, n)
            where = f"lr={lr}, mu={mu}, g={g}, n={n}"
            _expect(
                not np.isclose(value, -expected, rtol=1e-6) or value == 0,
                f"{where}: got {value:.6g}, expected {expected:.6g}: w moves "
                "against the gradient",
                f"{where}：得到 {value:.6g}，应为 {expected:.6g}；w 应沿梯度的"
                "反方向移动",
            )
            _expect(
                np.isclose(value, expected, rtol=1e-6, atol=1e-12),
                f"{where}: got {value:.6g}, expected {expected:.6g} (a "
                "simulation of the update v = mu * v + g, w = w - lr * v "
                "from v = 0)",
                f"{where}：得到 {value:.6g}，应为 {expected:.6g}"
                "（按 v = mu * v + g、w = w - lr * v 从 v = 0 开始"
                "模拟的结果）",
            )


def _shards_are_valid(fn: Callable) -> None:
    """Chapter 6: shards must be disjoint and cover range(total) once."""
    cases = [
        (([0, 2], [1, 3]), 4, True),
        (([0, 1], [1, 2, 3]), 4, False),
        (([0, 1], [2]), 4, False),
        (([0, 1, 1], [2, 3]), 4, False),
        (([3, 0], [2, 1]), 4, True),
    ]
    for shards, total, expected in cases:
        got = _answer(fn([list(s) for s in shards], total))
        _expect(
            got is expected,
            f"shards {list(shards)} of range({total}): got {got}, expected "
            f"{expected}",
            f"range({total}) 的分片 {list(shards)}：得到 {got}，"
            f"应为 {expected}",
        )


def _dropout_moments(fn: Callable) -> None:
    """Chapter 7: the mean and the variance of what nn.Dropout(p) outputs in
    training mode for an input x. The expected values are the exact moments;
    a million draws of Paddle's dropout agree with them to 0.1% (Paddle 3.3.1
    and 2.6.2)."""
    cases = [  # (x, p) -> (mean, variance)
        ((2.0, 0.5), (2.0, 4.0)),
        ((1.0, 0.2), (1.0, 0.25)),
        ((-3.0, 0.9), (-3.0, 81.0)),
        ((0.5, 0.0), (0.5, 0.0)),
        ((0.0, 0.3), (0.0, 0.0)),
    ]
    for (x, p), (mean, variance) in cases:
        got = _answer(fn(x, p))
        _expect(
            len(got) == 2,
            f"give the pair (mean, variance), got {got!r}",
            f"应返回 (均值, 方差) 这一对值，现在返回的是 {got!r}",
        )
        got_mean, got_variance = (float(value) for value in got)
        _expect(
            math.isclose(got_mean, mean, rel_tol=1e-6, abs_tol=1e-9),
            f"x={x}, p={p}: mean {got_mean:.4g}, expected {mean:.4g} (the "
            "survivors are scaled by 1/(1-p))",
            f"x={x}，p={p}：均值为 {got_mean:.4g}，应为 {mean:.4g}"
            "（没有被置零的值会乘以 1/(1-p)）",
        )
        _expect(
            math.isclose(got_variance, variance, rel_tol=1e-6, abs_tol=1e-9),
            f"x={x}, p={p}: variance {got_variance:.4g}, expected "
            f"{variance:.4g}",
            f"x={x}，p={p}：方差为 {got_variance:.4g}，应为 {variance:.4g}",
        )


def _latest_epoch(fn: Callable) -> None:
    """Chapter 8: the largest N of a complete epoch_N folder, or None."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for name in ("epoch_2", "epoch_10", ".epoch_11.partial", "notes"):
            (folder / name).mkdir()
        got = _answer(fn(folder))
        _expect(
            got == 10,
            f"got {got!r}, expected 10 (compare numbers, not strings; ignore "
            ".partial)",
            f"得到 {got!r}，应为 10（要按数字而不是按字符串比较；"
            "忽略 .partial）",
        )
        _expect(
            fn(folder / "missing") is None,
            "a folder that does not exist has no checkpoint: return None",
            "不存在的目录里没有检查点，应返回 None",
        )
        (folder / "empty").mkdir()
        _expect(
            fn(folder / "empty") is None,
            "an empty folder has no checkpoint: return None",
            "空目录里没有检查点，应返回 None",
        )


def _merge_close_runs(fn: Callable) -> None:
    """Chapter 9: runs of ink columns, (start, stop), with every run that
    starts fewer than ``gap`` columns after the previous one merged into it."""
    cases = [
        ([(0, 3), (4, 6), (10, 12)], 2, [(0, 6), (10, 12)]),
        ([(0, 3), (4, 6), (10, 12)], 1, [(0, 3), (4, 6), (10, 12)]),
        ([(0, 1), (2, 3), (4, 5)], 2, [(0, 5)]),
        ([(5, 9)], 3, [(5, 9)]),
        ([], 3, []),
    ]
    for runs, gap, expected in cases:
        got = _answer(fn(list(runs), gap))
        got = [(int(start), int(stop)) for start, stop in got]
        _expect(
            got == expected,
            f"for {runs} with gap {gap} got {got}, expected {expected} (merge "
            "a run into the one before it when the columns between them are "
            "fewer than gap; merged runs can merge again)",
            f"输入 {runs}、gap 为 {gap} 时得到 {got}，应为 {expected}"
            "（两段之间的列数少于 gap 时，把后一段并入前一段；"
            "合并后的段还可以继续合并）",
        )


def _seed_runs(settings: dict) -> list[dict]:
    """Runs as the search records them, from {(learning_rate, hidden):
    [(valid_accuracy, test_accuracy), ...]}, one seed per run."""
    return [
        {
            "learning_rate": learning_rate,
            "hidden": hidden,
            "seed": 2024 + seed,
            "valid_accuracy": valid,
            "test_accuracy": test,
        }
        for (learning_rate, hidden), runs in settings.items()
        for seed, (valid, test) in enumerate(runs)
    ]


def _clear_winner(fn: Callable) -> None:
    """Chapter 10: the setting with the best mean validation accuracy over
    its seeds, or None when its runs overlap those of the setting with the
    next-best mean; never chosen by test accuracy or by one lucky run."""
    clear = _seed_runs(
        {
            (0.01, 160): [(0.950, 0.90), (0.948, 0.91), (0.952, 0.90)],
            (0.01, 40): [(0.940, 0.97), (0.942, 0.96), (0.938, 0.97)],
            (0.1, 40): [(0.956, 0.92), (0.900, 0.89), (0.910, 0.90)],
        }
    )
    copies = [dict(run) for run in clear]
    got = _answer(fn(copies))
    _expect(
        copies == clear,
        "do not change the runs you are given",
        "不要修改传入的运行结果",
    )
    _expect(
        got != (0.01, 40),
        "you picked the best test accuracy: the test set must not choose "
        "the winner; compare valid_accuracy",
        "你选了测试准确率最高的一组，但测试集不能用来挑选胜者，应比较 "
        "valid_accuracy",
    )
    _expect(
        got != (0.1, 40),
        "you picked the setting of the best single run (95.6%), a lucky "
        "seed: its mean is the lowest of the three",
        "你选的是单次运行最好（95.6%）的那一组，那只是碰上了好的随机种子，"
        "这一组的均值其实是三组中最低的",
    )
    _expect(
        got == (0.01, 160),
        f"got {got!r}; expected (0.01, 160): its mean is the best, and its "
        "lowest run (94.8%) beats the highest run (94.2%) of the setting with "
        "the next-best mean",
        f"得到 {got!r}，应为 (0.01, 160)：这一组的均值最高，最差的一次"
        "（94.8%）也好过均值第二的那一组最好的一次（94.2%）",
    )
    overlapping = _seed_runs(
        {
            (0.01, 160): [(0.950, 0.90), (0.944, 0.91), (0.953, 0.90)],
            (0.01, 40): [(0.946, 0.92), (0.940, 0.91), (0.942, 0.92)],
            (0.001, 10): [(0.620, 0.60), (0.610, 0.61), (0.630, 0.60)],
        }
    )
    got = fn(overlapping)
    _expect(
        got is None,
        f"got {got!r} where no setting wins clearly: the best mean's lowest "
        "run (94.4%) is below the next setting's highest run (94.6%), so "
        "return None",
        f"得到 {got!r}，但这里没有明显胜出的一组：均值最高的那组最差的一次"
        "（94.4%）低于均值第二的那组最好的一次（94.6%），所以应返回 None",
    )


def _running_stats(fn: Callable) -> None:
    """Chapter 11: the running mean and variance that a new
    ``paddle.nn.BatchNorm2D`` holds after training-mode passes."""
    # Three batches [N=2, C=2, H=1, W=2] and momentum 0.75. The expected
    # values are what Paddle's BatchNorm2D (2.6 and 3.x) holds after them.
    batches = [
        np.array([[[[1, 3]], [[0, 0]]], [[[1, 3]], [[0, 0]]]], dtype=float),
        np.array([[[[4, 4]], [[-2, 2]]], [[[4, 4]], [[-2, 2]]]], dtype=float),
        np.array([[[[0, 2]], [[1, 1]]], [[[2, 4]], [[1, 1]]]], dtype=float),
    ]
    expected_mean, expected_variance = [1.53125, 0.25], [1.0625, 1.171875]
    result = _answer(fn([batch.copy() for batch in batches], 0.75))
    _expect(
        isinstance(result, (tuple, list)) and len(result) == 2,
        "return two arrays, (mean, variance)",
        "应返回两个数组 (mean, variance)",
    )
    mean, variance = (np.asarray(part, dtype=float) for part in result)
    _expect(
        mean.shape == (2,) and variance.shape == (2,),
        f"with 2 channels each array should hold 2 values, not shapes "
        f"{mean.shape} and {variance.shape}: a batch's statistics are taken "
        "over its images, height and width (axes 0, 2 and 3)",
        f"有 2 个通道时，每个数组应有 2 个值，现在的形状是 {mean.shape} 和 "
        f"{variance.shape}；一个批次的统计量是在图像、高、宽"
        "（第 0、2、3 轴）上计算的",
    )
    if np.allclose(mean, [2.34375, 0.75]):
        raise _Wrong(
            "the means are 2.34375 and 0.75: in Paddle, momentum is the "
            "weight of the old running value, not of the batch's",
            "均值为 2.34375 和 0.75；在飞桨中，momentum 是旧的滑动平均"
            "所占的权重，而不是当前批次统计量所占的权重",
        )
    _expect(
        np.allclose(mean, expected_mean),
        f"the running means are {np.round(mean, 5)}, expected "
        f"{expected_mean}: the running mean starts at 0",
        f"滑动均值为 {np.round(mean, 5)}，应为 {expected_mean}"
        "；滑动均值的初始值是 0",
    )
    if np.allclose(variance, [1.27604, 1.42188], atol=1e-5):
        raise _Wrong(
            "the variances are 1.27604 and 1.42188: Paddle keeps the batch's "
            "variance divided by n, not by n - 1 as PyTorch does",
            "方差为 1.27604 和 1.42188；飞桨记录的批次方差除以的是 n，"
            "而不是像 PyTorch 那样除以 n - 1",
        )
    _expect(
        np.allclose(variance, expected_variance),
        f"the running variances are {np.round(variance, 5)}, expected "
        f"{expected_variance}: the running variance starts at 1",
        f"滑动方差为 {np.round(variance, 5)}，应为 {expected_variance}"
        "；滑动方差的初始值是 1",
    )


# Every exercise: the chapter it ends, and the function that grades it.
EXERCISES: dict[str, tuple[int, Callable[[Callable], None]]] = {
    "error_distances": (1, _error_distances),
    "validate_labels": (2, _validate_labels),
    "linear_relu_backward": (3, _linear_relu_backward),
    "double_softmax_grad": (4, _double_softmax_grad),
    "momentum_position": (5, _momentum_position),
    "shards_are_valid": (6, _shards_are_valid),
    "dropout_moments": (7, _dropout_moments),
    "latest_epoch": (8, _latest_epoch),
    "merge_close_runs": (9, _merge_close_runs),
    "clear_winner": (10, _clear_winner),
    "running_stats": (11, _running_stats),
}


def check(name: str, fn: Callable, *, record: bool = True) -> bool:
    """Check a student's answer to exercise ``name``; print its verdict, a line
    in English and one in Chinese (chapter 1, then every chapter).

    Whatever ``fn`` does, including raising, the verdict is printed and nothing
    is raised, so the notebook goes on. ``record=False`` (used by the reference
    solutions) leaves the student's progress file alone.
    """
    verdict, detail, detail_zh = _judge(name, fn)
    if verdict == "not written yet":
        message = (
            f"{name}: not written yet (it returns None). Write it, then run "
            f"this cell again.\n{name}：还没写（函数返回了 None）。"
            "写好后再运行一次这个单元格。"
        )
    elif verdict == "right":
        message = f"{name}: right.\n{name}：正确。"
    elif detail.startswith("your function raised"):
        message = f"{name}: {detail}\n{name}：{detail_zh}"
    else:
        message = (
            f"{name}: not right yet: {detail}.\n{name}：还不对。{detail_zh}。"
        )
    print(message)
    if record:
        _record_verdict(name, verdict, detail, detail_zh)
    return verdict == "right"


def _judge(name: str, fn: Callable) -> tuple[str, str, str]:
    """The verdict on ``fn`` as an answer to exercise ``name``, and its reason
    in English and in Chinese: what ``check`` prints, and what the teacher's
    grader (``grading``) records."""
    if name not in EXERCISES:
        raise KeyError(
            f"No exercise called {name!r}; exercises: {', '.join(EXERCISES)}."
        )
    try:
        EXERCISES[name][1](fn)
    except _NotWritten:
        return "not written yet", "", ""
    except _Wrong as wrong:
        return "not right yet", str(wrong), wrong.chinese
    except Exception as error:
        # the student's code crashed: say so, without stopping the notebook
        raised = f"{type(error).__name__}: {error}"
        return (
            "not right yet",
            f"your function raised {raised}",
            f"你的函数抛出了 {raised}",
        )
    return "right", "", ""
