"""The results page and the course's journey figure, from one full-mode run's results.

``bookbuild.course_run`` saves what a full run measured in ``book/results.json`` (each chapter's
wall time and every value its range checks asserted) and calls ``write_pages``, which writes
``book/results.md`` and ``book/journey.png`` from it. The Chinese page is the same page written
with the Chinese messages (``results_page(..., chinese=True)``, see ``bookbuild.chinese_edition``).
All can be made again from the saved results, without training anything:

    .venv/bin/course results
"""

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402

from .pages import ROOT  # noqa: E402

BOOK = ROOT / "book"
RESULTS = BOOK / "results.json"
JOURNEY = BOOK / "journey.png"

# The best model of each chapter that trains one, by the name of its range check.
MILESTONES = [
    ("01_linear_baseline", "test accuracy of the linear baseline", "1. linear\nbaseline"),
    (
        "03_network_structures",
        "test accuracy of the best MLP (ReLU, 100 units, longer training)",
        "3. ReLU MLP,\nregression",
    ),
    ("03_network_structures", "test accuracy of the CNN (rounded)", "3. CNN,\nregression"),
    ("04_loss_functions", "test accuracy of the classification CNN", "4. CNN,\nclassification"),
    ("05_optimizers", "test accuracy of the best optimizer's model", "5. best\noptimizer"),
    (
        "07_debug_regularize_visualize",
        "test accuracy of the MLP with L2 0.001",
        "7. L2-regularized\nMLP (1000 images)",
    ),
    ("08_resume_training", "test accuracy of the resumed model", "8. resumed\n(Adam, dropout)"),
    (
        "10_high_level_api",
        "test accuracy of the shortest program",
        "10. paddle.Model,\nshortest program",
    ),
]
# Chapters whose best model reads other digits than MNIST's: drawn apart, not on the climb.
OTHER_DATA_MILESTONES = [
    (
        "11_house_numbers",
        "final model: test accuracy",
        "11. house numbers\n(generated data,\nnot MNIST)",
    ),
]
# What a chapter trains on, when it is not MNIST (the committed run never has SVHN's files).
DATA = {
    "11_house_numbers": "Data: generated house numbers, the course's stand-in for SVHN (not "
    "SVHN); SVHN's own figures, from the source, are in the chapter."
}


def milestones(results: dict, which: list = MILESTONES) -> list[tuple[str, float]]:
    """(label, test accuracy) of each milestone of ``which``, in the course's order."""
    checks = {
        (chapter["chapter"], check["name"]): check["value"]
        for chapter in results["chapters"]
        for check in chapter["checks"]
    }
    missing = [name for chapter, name, _ in which if (chapter, name) not in checks]
    if missing:
        raise KeyError(f"the results have no value for: {', '.join(missing)}")
    return [(label, checks[chapter, name]) for chapter, name, label in which]


def journey_figure(results: dict, path: Path) -> None:
    """Test accuracy of each chapter's best model, as a climb from chapter 1 to 10 on MNIST;
    the chapters on other digits apart, in another colour, off the line."""
    points = milestones(results)
    others = milestones(results, OTHER_DATA_MILESTONES)
    labels, values = zip(*points)
    fig, ax = plt.subplots(figsize=(9.6, 3.9))
    ax.plot(range(len(values)), [100 * v for v in values], "-", color="#cccccc", zorder=1)
    ax.scatter(
        range(len(values)),
        [100 * v for v in values],
        s=60,
        color="#e4007f",
        zorder=2,
        label="MNIST",
    )
    other_x = range(len(values), len(values) + len(others))
    ax.scatter(
        other_x,
        [100 * v for _, v in others],
        s=60,
        facecolors="none",
        edgecolors="#1f6fb4",
        linewidths=2,
        zorder=2,
        label="other digits",
    )
    for x, v in enumerate([*values, *(v for _, v in others)]):
        ax.annotate(
            f"{100 * v:.1f}%",
            (x, 100 * v),
            textcoords="offset points",
            xytext=(0, 9),
            ha="center",
            fontsize=9,
        )
    ax.axvline(len(values) - 0.5, color="#cccccc", linestyle=":")
    ax.legend(loc="lower right", fontsize=8)
    ax.set_xticks(
        range(len(values) + len(others)), [*labels, *(label for label, _ in others)], fontsize=7
    )
    ax.set_ylim(0, 108)
    ax.set_ylabel("test accuracy (%)")
    ax.set_title("The course's journey: test accuracy of each chapter's model (full-mode run)")
    ax.grid(axis="y", color="#eeeeee")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def title_of(chapter: str, chinese: bool = False) -> str:
    name = f"{chapter}.zh.ipynb" if chinese else f"{chapter}.ipynb"
    notebook = nbformat.read(BOOK / name, as_version=4)
    return notebook.cells[0].source.splitlines()[0].lstrip("# ").strip()


def processor_text(processor: dict | None, _) -> str:
    """Where a chapter's time was taken: the processor, its cores, whether it has AVX-512.
    Every message is looked up, so that the catalogue holds them all."""
    recorded = _("Run on {model}, {cores} cores, {avx512}.")
    unrecorded = _("Processor not recorded.")
    avx512 = {True: _("with AVX-512"), False: _("without AVX-512"), None: _("AVX-512 unknown")}
    if not processor:
        return unrecorded
    return recorded.format(
        model=processor["model"], cores=processor["cores"], avx512=avx512[processor["avx512"]]
    )


def results_page(results: dict, translate=str, chinese: bool = False) -> str:
    """The Markdown of book/results.md; with ``translate`` (English message -> Chinese, from
    locale/zh/results.po, see bookbuild.chinese_edition) that of book/results.zh.md."""
    _ = translate
    # Chinese runs sentences on without a space and lists with 、
    sentence_gap, list_comma = ("", "、") if chinese else (" ", ", ")
    figure_text = _("Test accuracy of each chapter's model")
    # looked up whether or not a chapter ran later, so that the catalogue always holds it
    later = _("Chapters run alone after that run, and not in its wall time: {chapters}.")
    lines = [
        f"# {_('Results of the full-mode run')}",
        "",
        _(
            "Every number below was measured by the full-mode run that produced the outputs "
            "committed in the chapters (`course run`, two chapters at a time on two "
            "CPU cores, Paddle {paddle}). Each chapter asserts these values against the expected "
            "ranges shown; the same ranges guard the tests."
        ).format(paddle=results["paddle"]),
        "",
        _("Wall time of the whole course: **{minutes} minutes**.").format(
            minutes=f"{results['wall_seconds'] / 60:.1f}"
        ),
        *(
            ["", later.format(chapters=list_comma.join(results["run_later"]))]
            if results.get("run_later")
            else []
        ),
        "",
        f"![{figure_text}]({JOURNEY.name})",
        "",
    ]
    for chapter in sorted(results["chapters"], key=lambda c: c["chapter"]):
        sizes = chapter["sizes"]
        data = sizes["train_samples"] or _("all")
        lines += [
            f"## {title_of(chapter['chapter'], chinese)}",
            "",
            _("Time {seconds} s; epochs {epochs}; training images {images}.").format(
                seconds=f"{chapter['seconds']:.0f}", epochs=sizes["epochs"], images=data
            )
            + sentence_gap
            + processor_text(chapter.get("processor"), _),
            *(["", _(DATA[chapter["chapter"]])] if chapter["chapter"] in DATA else []),
            "",
            _("| checked value | measured | expected range (full mode) |"),
            "| --- | --- | --- |",
        ]
        for check in chapter["checks"]:
            low, high = check["range"]
            span = _("{low} to {high}").format(low=f"{low:g}", high=f"{high:g}")
            lines.append(f"| {_(check['name'])} | {check['value']:.4g} | {span} |")
        lines.append("")
    return "\n".join(lines)


def write_pages(results: dict) -> None:
    """Write book/results.json, book/results.md and book/journey.png from ``results`` (the
    Chinese page is written by ``bookbuild.chinese_edition``)."""
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    (BOOK / "results.md").write_text(results_page(results) + "\n")
    journey_figure(results, JOURNEY)


def saved_results() -> dict:
    """The results of the last full run, from book/results.json."""
    if not RESULTS.exists():
        sys.exit(f"{RESULTS} does not exist: run course run (full mode) first.")
    return json.loads(RESULTS.read_text())
