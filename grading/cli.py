"""python -m lessons_src.grade SUBMISSIONS: grade a class's notebooks.

SUBMISSIONS holds one folder or .zip per student, named for the student, with any of the
course's notebooks (English or Chinese) inside. Every exercise answer is graded by the course's
own checker, the verdict the student saw, each in a process of its own with time, memory and
output limits, no network and no writing outside a scratch copy of the submission. Written into
SUBMISSIONS, in --language: class.csv (the class at a glance for a spreadsheet: a row per
student with their total, for each exercise the verdict, the notebook it came from and a note,
"not handed in" where nothing came, and the pass rates among those who handed in),
grades.csv (every graded answer: student, chapter, exercise, notebook, counted, verdict,
verdict_code, message, seconds), report.html (the same table, a chart and each student's
answers), and feedback/<student>.md (in the language of the student's notebooks). When a
chapter came in both languages, both are graded and the better verdict counts. Run it on Linux
or macOS, as a user who can write nothing but SUBMISSIONS.
"""

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from . import report, sandbox, submissions
from .report import Row

CHAPTER_FILE = re.compile(r"(?:^|/)(\d\d)_[^/]*\.ipynb$")


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
    report.write_class_csv(rows, folder / "class.csv", args.language)
    report.write_csv(rows, folder / "grades.csv", args.language)
    report.write_report(rows, folder / "report.html", args.language)
    report.write_feedback(rows, folder / "feedback", args.language)
    students = len({row.student for row in rows})
    names = ["class.csv", "grades.csv", "report.html", "feedback/"]
    seconds = time.monotonic() - start
    if args.language == "zh":
        shown = "、".join(names)
        print(
            f"{students} 名学生，{len(rows)} 行结果，用时 {seconds:.0f} 秒，写入 {folder}：{shown}"
        )
    else:
        shown = ", ".join(names)
        print(f"{students} students, {len(rows)} rows in {seconds:.0f} s, into {folder}: {shown}")
    return 0


def grade(folder: Path, limits: sandbox.Limits, workers: int) -> list[Row]:
    """Every row of the class: each student's verdict on each exercise in each notebook they
    handed in (a chapter handed in twice, in both languages say, has two rows; the report says
    which counts), and a row for each notebook or submission that cannot be graded."""
    rows, answers, jobs = [], [], []
    with tempfile.TemporaryDirectory(prefix="grading-") as scratch:
        for number, (student, entry) in enumerate(submissions.students(folder)):
            copy = Path(scratch) / f"submission-{number}"  # not the student's chosen name
            try:
                submissions.unpack(entry, copy)
            except submissions.SubmissionError as error:
                rows.append(
                    Row(student, None, "-", "not graded", str(error), error.chinese, 0, "", "")
                )
                continue
            found, problems = submissions.answers(student, copy)
            rows += [problem_row(p) for p in problems]
            answers += found
            jobs += [(answer.exercise, answer.source, copy) for answer in found]
        outcomes = sandbox.run(jobs, limits, workers)
    for answer, outcome in zip(answers, outcomes):
        rows.append(
            Row(
                answer.student,
                answer.chapter,
                answer.exercise,
                outcome.verdict,
                outcome.english,
                outcome.chinese,
                outcome.seconds,
                answer.language,
                answer.notebook,
            )
        )
    return sorted(rows, key=lambda r: (r.student, r.chapter or 0, r.exercise, r.notebook))


def problem_row(problem: submissions.Problem) -> Row:
    """The row of a notebook that cannot be graded: its chapter and language as its file name
    says (``01_linear_baseline.zh.ipynb``: chapter 1, Chinese), when it says."""
    name = problem.notebook.replace(os.sep, "/")
    named = CHAPTER_FILE.search(name)
    language = "zh" if name.endswith(".zh.ipynb") else "en" if named else ""
    return Row(
        problem.student,
        int(named.group(1)) if named else None,
        "-",
        "not graded",
        problem.english,  # the notebook is in a column of its own
        problem.chinese,
        0,
        language,
        problem.notebook if problem.notebook != "-" else "",
    )
