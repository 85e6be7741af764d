"""course: the one command of the course's machinery, with a subcommand per task.

Installed with the course (``.venv/bin/course``; also ``python -m bookbuild``). Its ``--help``,
and each subcommand's, is the usage; the README and MAINTAINING.md name the tasks. Each task is
imported when it is asked for, so that ``course translate check`` never starts Paddle.
"""

import argparse
from pathlib import Path

from .pages import ROOT

HTML = ROOT / "_build" / "html"


def build(args: argparse.Namespace) -> int:
    from . import html_build, offline_check, pdf_build

    html = html_build.build(args.path_output.resolve())
    print(f"the HTML of both editions: {html / 'index.html'}")
    if args.html_only:
        return 0
    for pdf in pdf_build.build(html):
        print(f"wrote {pdf}")
    failed = offline_check.check(html)
    student(args)
    return slides(args) or failed


def slides(args: argparse.Namespace) -> int:
    from . import offline_check, slides

    folder = args.path_output.resolve() / "_build" / "slides"
    html = folder.parent / "html"
    decks = slides.build(folder, html if html.is_dir() else None)
    print(f"{len(decks)} slide decks: {folder / 'index.html'}")
    return offline_check.check(folder)


def student(args: argparse.Namespace) -> int:
    from . import student_edition

    folder = args.path_output.resolve() / "_build" / "student"
    archive = student_edition.build(folder)
    megabytes = archive.stat().st_size / 1e6
    print(f"the student edition: {folder}; to upload: {archive} ({megabytes:.1f} MB)")
    return 0


def pdf(args: argparse.Namespace) -> int:
    from . import pdf_build

    for path in pdf_build.build(args.html.resolve()):
        print(f"wrote {path}")
    return 0


def check_offline(args: argparse.Namespace) -> int:
    from . import offline_check

    return offline_check.check(args.html)


def run(args: argparse.Namespace) -> int:
    from . import course_run

    course_run.run_course(args.notebooks, args.quick)
    return 0


def results(args: argparse.Namespace) -> int:
    from . import chinese_edition, results_pages
    from .pages import RESULTS_PAGE

    results_pages.write_pages(results_pages.saved_results())
    chinese_edition.write_chinese_page(RESULTS_PAGE)
    print("wrote book/results.md, book/results.zh.md and book/journey.png")
    return 0


def translate(args: argparse.Namespace) -> int:
    from . import catalogues, chinese_edition

    tasks = {
        "update": catalogues.update,
        "check": catalogues.check,
        "build": chinese_edition.build,
    }
    return tasks[args.task]() or 0


def benchmark(args: argparse.Namespace) -> int:
    import json

    from measuring import benchmark

    if args.variant:  # one measurement, in the fresh process benchmark.epoch_variants starts
        print(json.dumps(benchmark.epoch_variant(args.variant)))
    else:
        benchmark.benchmark(args.course)
    return 0


def timing_under_load(args: argparse.Namespace) -> int:
    from measuring import timing_under_load

    chapters = args.chapters or timing_under_load.CHAPTERS
    return timing_under_load.measure(args.runs, args.conditions, chapters)


def dataloader_hang(args: argparse.Namespace) -> int:
    from measuring import dataloader_hang

    return dataloader_hang.reproduce(args.persistent, args.rounds, args.timeout)


def grading_benchmark(args: argparse.Namespace) -> int:
    from measuring import grading_class

    return grading_class.measure(args.students, args.repeats)


def photos(args: argparse.Namespace) -> int:
    from datagen import sample_photos

    if args.kind == "digits":
        sample_photos.write_digit_photos()
    else:
        sample_photos.write_number_photos()
    return 0


def parser() -> argparse.ArgumentParser:
    """Every subcommand and its arguments: the usage, written once."""
    main = argparse.ArgumentParser(prog="course", description=__doc__.splitlines()[0])
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(handler=handler)
        return sub

    sub = command(
        "build",
        build,
        "build both editions as HTML (warnings are errors), print "
        "each to one PDF, check that no page fetches anything from outside, and write "
        "the student edition and the slides",
    )
    sub.add_argument(
        "--path-output",
        type=Path,
        default=ROOT,
        help="build into PATH/_build/html (default: the repository)",
    )
    sub.add_argument(
        "--html-only",
        action="store_true",
        help="no PDFs, no offline check, no student edition, no slides",
    )
    sub = command(
        "slides",
        slides,
        "write a reveal.js deck per chapter and edition in _build/slides, from the notebooks' "
        "slide marks, and check that none fetches anything from outside",
    )
    sub.add_argument(
        "--path-output",
        type=Path,
        default=ROOT,
        help="write into PATH/_build (default: the repository)",
    )
    sub = command(
        "student",
        student,
        "write the student edition (the course without its reference solutions) in "
        "_build/student, and its zip archive beside it",
    )
    sub.add_argument(
        "--path-output",
        type=Path,
        default=ROOT,
        help="write into PATH/_build (default: the repository)",
    )
    sub = command("pdf", pdf, "print each edition of a built book to one PDF (Chromium)")
    sub.add_argument("html", nargs="?", type=Path, default=HTML)
    sub = command(
        "check-offline",
        check_offline,
        "fail if a page of a built book fetches anything from outside it",
    )
    sub.add_argument("html", nargs="?", type=Path, default=HTML)
    sub = command(
        "run",
        run,
        "run the chapters in full mode, two at a time, and save their "
        "outputs, quoted numbers, results page and Chinese edition",
    )
    sub.add_argument("--quick", action="store_true", help="quick mode; nothing is written")
    sub.add_argument(
        "notebooks",
        nargs="*",
        type=Path,
        help="these chapters only (their results join the saved ones)",
    )
    command(
        "results",
        results,
        "write the results page (both editions) and the journey "
        "figure again from book/results.json, training nothing",
    )
    sub = command("translate", translate, "the Chinese edition's catalogues and pages")
    sub.add_argument(
        "task",
        choices=["update", "check", "build"],
        help="update: new English segments into the catalogues; check: what is "
        "untranslated, fuzzy or inconsistent; build: write the Chinese pages",
    )
    sub = command(
        "benchmark",
        benchmark,
        "load time, epoch time (and Paddle's CPU settings), "
        "course time: where speed claims come from",
    )
    sub.add_argument(
        "--course",
        choices=["none", "quick", "full"],
        default="none",
        help="also time every chapter alone and the whole course (full mode "
        "rewrites the notebooks' outputs and the results page)",
    )
    sub.add_argument("--variant", help=argparse.SUPPRESS)
    sub = command(
        "timing-under-load",
        timing_under_load,
        "run chapters 2 and 6 on an idle and a busy machine; print their asserted timings",
    )
    sub.add_argument("--runs", type=int, default=5)
    sub.add_argument(
        "--conditions", nargs="+", choices=["idle", "loaded"], default=["idle", "loaded"]
    )
    sub.add_argument(
        "--chapters",
        nargs="+",
        help="default: 02_data_processing and "
        "06_gpu_and_distributed, the chapters that assert timings",
    )
    sub = command(
        "grading-benchmark",
        grading_benchmark,
        "grade a generated class (every chapter's notebook per student) and time it",
    )
    sub.add_argument("--students", type=int, default=100)
    sub.add_argument("--repeats", type=int, default=3)
    sub = command(
        "dataloader-hang",
        dataloader_hang,
        "reproduce a hang of Paddle's DataLoader on a busy machine",
    )
    sub.add_argument("--persistent", action="store_true", help="persistent_workers=True")
    sub.add_argument("--rounds", type=int, default=15)
    sub.add_argument(
        "--timeout",
        type=float,
        default=60,
        help="seconds a loader may go without a batch before it counts as a hang",
    )
    sub = command("photos", photos, "write the sample photos of work/ from MNIST test digits")
    sub.add_argument("kind", choices=["digits", "numbers"])
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.handler(args)
