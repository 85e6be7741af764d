"""Checkers for the "implement it" exercises at the end of every chapter.

``check(name, answer_function)`` runs the student's function on cases with
known answers and prints its verdict: not written yet, right, or what is wrong,
in English and then in Chinese (the same code serves both editions of the
course). It returns True only for a right answer, and records the verdict in
the student's progress file (``lessons_src.verdicts``). Each checker names its
chapter; the reference solutions are in the chapters themselves.
"""

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
        f"应返回 10 个计数（距离 0 到 9 各一个），而不是形状 {got.shape}",
    )
    _expect(
        got.tolist() == expected,
        f"got {got.tolist()}, expected {expected}: round to the nearest "
        "integer, clip to 0-9, then count how far each guess is from its "
        "label",
        f"得到 {got.tolist()}，应为 {expected}：先四舍五入到最近的整数，"
        "截断到 0-9，再统计每个猜测离标签有多远",
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
        raise _Wrong(f"it accepted {why}", f"它接受了{why_zh}")


def _count_parameters(fn: Callable) -> None:
    """Chapter 3: the number of values in all parameters of a model."""
    from .models import CNN, MLP

    for model, expected in [
        (MLP(), 7971),
        (CNN(num_outputs=1), 11521),
        (CNN(num_outputs=10), 20350),
    ]:
        got = _answer(fn(model))
        _expect(
            got == expected,
            f"{type(model).__name__}: got {got}, expected {expected}",
            f"{type(model).__name__}：得到 {got}，应为 {expected}",
        )


def _softmax_rows(fn: Callable) -> None:
    """Chapter 4: a softmax over each row that does not overflow."""
    got = np.asarray(
        _answer(fn(np.array([[1000.0, 0.0], [1.0, 1.0], [3.0, 1.0]])))
    )
    _expect(
        got.shape == (3, 2),
        f"the shape should be (3, 2), not {got.shape}",
        f"形状应为 (3, 2)，而不是 {got.shape}",
    )
    _expect(
        np.all(np.isfinite(got)),
        "some values are not finite: subtract each row's maximum first",
        "有些值不是有限数：先减去每一行的最大值",
    )
    expected = np.array(
        [[1.0, 0.0], [0.5, 0.5], [0.8807970779778823, 0.11920292202211755]]
    )
    _expect(
        np.allclose(got, expected),
        f"got {got.round(4).tolist()}, expected {expected.round(4).tolist()}",
        f"得到 {got.round(4).tolist()}，应为 {expected.round(4).tolist()}",
    )


def _adam_step(fn: Callable) -> None:
    """Chapter 5: one Adam update with bias correction."""
    p, g = np.array([1.0, -1.0]), np.array([0.5, -2.0])
    m, v = np.zeros(2), np.zeros(2)
    result = _answer(fn(p, g, m, v, 1))
    _expect(
        isinstance(result, tuple) and len(result) == 3,
        "return a tuple (p, m, v)",
        "应返回一个元组 (p, m, v)",
    )
    p1, m1, v1 = (np.asarray(x) for x in result)
    _expect(
        np.allclose(m1, [0.05, -0.2]),
        f"m should be 0.9 m + 0.1 g = [0.05, -0.2], got {m1.tolist()}",
        f"m 应为 0.9 m + 0.1 g = [0.05, -0.2]，得到 {m1.tolist()}",
    )
    _expect(
        np.allclose(v1, [0.00025, 0.004]),
        "v should be 0.999 v + 0.001 g² = [0.00025, 0.004], got "
        f"{v1.tolist()}",
        f"v 应为 0.999 v + 0.001 g² = [0.00025, 0.004]，得到 {v1.tolist()}",
    )
    _expect(
        np.allclose(p1, [0.99, -0.99], atol=1e-6),
        "p should be [0.99, -0.99] (bias-corrected first step = lr * "
        f"sign(g)), got {p1.tolist()}",
        "p 应为 [0.99, -0.99]（偏差修正后的第一步 = lr * sign(g)），"
        f"得到 {p1.tolist()}",
    )
    p2, _, _ = fn(p1, g, m1, v1, 2)
    _expect(
        np.allclose(p2, [0.98, -0.98], atol=1e-6),
        "the second step should give [0.98, -0.98], got "
        f"{np.asarray(p2).tolist()}",
        f"第二步应得到 [0.98, -0.98]，得到 {np.asarray(p2).tolist()}",
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


def _dead_layers(fn: Callable) -> None:
    """Chapter 7: the layers whose outputs are all zero, in order."""
    fractions = {
        "conv1": 0.5,
        "pool1": 0.4,
        "conv2": 1.0,
        "pool2": 1.0,
        "fc": 0.0,
    }
    got = _answer(fn(fractions))
    _expect(
        list(got) == ["conv2", "pool2"],
        f"got {got}, expected ['conv2', 'pool2']",
        f"得到 {got}，应为 ['conv2', 'pool2']",
    )
    _expect(
        list(fn({"a": 0.99})) == [],
        "a layer with 99% zeros is not dead",
        "99% 为零的层并没有失效",
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
            f"得到 {got!r}，应为 10（比较数字而不是字符串；忽略 .partial）",
        )
        _expect(
            fn(folder / "missing") is None,
            "a folder that does not exist has no checkpoint: return None",
            "不存在的目录里没有检查点：应返回 None",
        )
        (folder / "empty").mkdir()
        _expect(
            fn(folder / "empty") is None,
            "an empty folder has no checkpoint: return None",
            "空目录里没有检查点：应返回 None",
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
            f"对 {runs}、gap 为 {gap} 得到 {got}，应为 {expected}（两段之间的"
            "列数少于 gap 时，把后一段并入前一段；合并后的段还可以继续合并）",
        )


def _pick_winner(fn: Callable) -> None:
    """Chapter 10: the search result with the best validation accuracy, the
    smaller model on a tie; never chosen by test accuracy."""
    results = [
        {
            "learning_rate": 0.1,
            "hidden": 40,
            "valid_accuracy": 0.91,
            "test_accuracy": 0.95,
        },
        {
            "learning_rate": 0.01,
            "hidden": 160,
            "valid_accuracy": 0.94,
            "test_accuracy": 0.93,
        },
        {
            "learning_rate": 0.01,
            "hidden": 40,
            "valid_accuracy": 0.94,
            "test_accuracy": 0.92,
        },
        {
            "learning_rate": 0.001,
            "hidden": 10,
            "valid_accuracy": 0.62,
            "test_accuracy": 0.6,
        },
    ]
    copies = [dict(result) for result in results]
    got = _answer(fn(copies))
    _expect(
        copies == results,
        "do not change the results you are given",
        "不要修改传入的结果",
    )
    _expect(
        got != results[0],
        "you picked the best test accuracy: the test set must not choose "
        "the winner; compare valid_accuracy",
        "你选的是测试准确率最高的一组：测试集不能参与挑选，应比较 "
        "valid_accuracy",
    )
    _expect(
        got == results[2],
        f"got {got!r}; expected the configuration with 40 hidden units: it "
        "ties for the best valid_accuracy with 160 units and is the smaller "
        "model",
        f"得到 {got!r}；应为 40 个隐含单元的那一组：它和 160 个单元的那一组"
        "验证准确率并列最高，而模型更小",
    )


def _channel_stats(fn: Callable) -> None:
    """Chapter 11: each colour channel's mean and standard deviation over
    all images and pixels, on the 0-1 scale."""
    # Four 2x3 images whose statistics are known by construction. Red: two
    # images all 0, two all 255 (mean 0.5, deviation 0.5; image by image the
    # deviation would be 0). Green: 0 and 102 alternating in every image
    # (mean 0.2, deviation 0.2). Blue: 255 everywhere (mean 1, deviation 0).
    images = np.zeros((4, 2, 3, 3), dtype=np.uint8)
    images[2:, ..., 0] = 255
    images[:, 0, :, 1] = 102
    images[..., 2] = 255
    expected_mean, expected_std = [0.5, 0.2, 1.0], [0.5, 0.2, 0.0]
    result = _answer(fn(images.copy()))
    _expect(
        isinstance(result, (tuple, list)) and len(result) == 2,
        "return two arrays, (mean, std)",
        "应返回两个数组：(mean, std)",
    )
    mean, std = (np.asarray(part, dtype=float) for part in result)
    _expect(
        mean.shape == (3,) and std.shape == (3,),
        f"each array should hold 3 values, one per channel, not shapes "
        f"{mean.shape} and {std.shape}: average over images, height and "
        "width",
        f"每个数组应有 3 个值（每个通道一个），而不是形状 {mean.shape} 和 "
        f"{std.shape}：要对图像、高、宽三个维度求平均",
    )
    _expect(
        mean[2] < 1.5,
        "the values should be on the 0-1 scale: divide the pixels by 255",
        "数值应在 0 到 1 之间：先把像素值除以 255",
    )
    _expect(
        np.allclose(mean, expected_mean, atol=1e-6),
        f"the means are {np.round(mean, 4)}, expected {expected_mean}",
        f"均值为 {np.round(mean, 4)}，应为 {expected_mean}",
    )
    _expect(
        np.allclose(std, expected_std, atol=1e-6),
        f"the standard deviations are {np.round(std, 4)}, expected "
        f"{expected_std}: over all images and pixels at once, not image by "
        "image",
        f"标准差为 {np.round(std, 4)}，应为 {expected_std}"
        "：要一次对所有图像和像素计算，而不是逐幅图像计算",
    )


# Every exercise: the chapter it ends, and the function that grades it.
EXERCISES: dict[str, tuple[int, Callable[[Callable], None]]] = {
    "error_distances": (1, _error_distances),
    "validate_labels": (2, _validate_labels),
    "count_parameters": (3, _count_parameters),
    "softmax_rows": (4, _softmax_rows),
    "adam_step": (5, _adam_step),
    "shards_are_valid": (6, _shards_are_valid),
    "dead_layers": (7, _dead_layers),
    "latest_epoch": (8, _latest_epoch),
    "merge_close_runs": (9, _merge_close_runs),
    "pick_winner": (10, _pick_winner),
    "channel_stats": (11, _channel_stats),
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
            "写好后再运行这个单元格。"
        )
    elif verdict == "right":
        message = f"{name}: right.\n{name}：正确。"
    elif detail.startswith("your function raised"):
        message = f"{name}: {detail}\n{name}：{detail_zh}"
    else:
        message = (
            f"{name}: not right yet: {detail}.\n{name}：还不对：{detail_zh}。"
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
