"""python -m lessons_src.grade SUBMISSIONS: grade a class's notebooks.

SUBMISSIONS holds one folder or .zip per student, named for the student, with any of the
course's notebooks (English or Chinese) inside. Every exercise answer is graded by the course's
own checker, the verdict the student saw, each in a process of its own with time, memory and
output limits, no network and no writing outside a scratch copy of the submission. Written into
SUBMISSIONS: grades.csv (student, chapter, exercise, verdict, message, seconds), report.html (the
pass rate of each exercise and a table per student, in --language) and feedback/<student>.md
(in the language of the student's notebooks). Run it on Linux or macOS, as a user who can write
nothing but SUBMISSIONS.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from . import report, sandbox, submissions
from .report import Row

VERDICT_ORDER = ["right", "not right yet", "not written yet", "not graded"]


def parser() -> argparse.ArgumentParser:
    described = argparse.ArgumentParser(
        prog="python -m lessons_src.grade",
        description=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    described.add_argument("submissions", type=Path, help="the folder of the submissions")
    described.add_argument(
        "--language", choices=["en", "zh"], default="en", help="of the report (default: en)"
    )
    described.add_argument(
        "--seconds", type=float, default=20.0, help="time limit of one answer (default: 20)"
    )
    described.add_argument(
        "--memory-mb", type=int, default=1024, help="memory of one answer (default: 1024)"
    )
    described.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="answers graded at a time"
    )
    return described


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    folder = args.submissions.resolve()
    if not folder.is_dir():
        print(f"{folder} is not a folder of submissions: see --help.", file=sys.stderr)
        return 2
    start = time.monotonic()
    limits = sandbox.Limits(seconds=args.seconds, memory_mb=args.memory_mb)
    rows = grade(folder, limits, args.jobs)
    report.write_csv(rows, folder / "grades.csv", args.language)
    report.write_report(rows, folder / "report.html", args.language)
    report.write_feedback(rows, folder / "feedback")
    students = len({row.student for row in rows})
    print(
        f"{students} students, {len(rows)} rows in {time.monotonic() - start:.0f} s: "
        f"{folder / 'grades.csv'}, {folder / 'report.html'}, {folder / 'feedback'}/"
    )
    return 0


def grade(folder: Path, limits: sandbox.Limits, workers: int) -> list[Row]:
    """Every row of the class: each student's best verdict on each exercise they handed in,
    and a row for each notebook or submission that cannot be graded."""
    rows, answers, jobs = [], [], []
    with tempfile.TemporaryDirectory(prefix="grading-") as scratch:
        for number, (student, entry) in enumerate(submissions.students(folder)):
            copy = Path(scratch) / f"submission-{number}"  # not the student's chosen name
            try:
                submissions.unpack(entry, copy)
            except submissions.SubmissionError as error:
                rows.append(
                    Row(student, None, "-", "not graded", str(error), error.chinese, 0, "en")
                )
                continue
            found, problems = submissions.answers(student, copy)
            rows += [
                Row(
                    p.student,
                    None,
                    "-",
                    "not graded",
                    f"{p.notebook}: {p.english}",
                    f"{p.notebook}：{p.chinese}",
                    0,
                    "en",
                )
                for p in problems
            ]
            answers += found
            jobs += [(answer.exercise, answer.source, copy) for answer in found]
        outcomes = sandbox.run(jobs, limits, workers)
    best: dict[tuple[str, str], Row] = {}
    for answer, outcome in zip(answers, outcomes):
        row = Row(
            answer.student,
            answer.chapter,
            answer.exercise,
            outcome.verdict,
            outcome.english,
            outcome.chinese,
            outcome.seconds,
            answer.language,
        )
        key = (answer.student, answer.exercise)
        if key not in best or _rank(row) < _rank(best[key]):
            best[key] = row
    rows += best.values()
    return sorted(rows, key=lambda r: (r.student, r.chapter or 0, r.exercise))


def _rank(row: Row) -> int:
    return VERDICT_ORDER.index(row.verdict)
