"""Grading a class (python -m lessons_src.grade): the verdicts are the ones a student sees, and
untrusted answers (endless loops, endless memory, forks, writes outside their copy, an exit,
endless printing, a replaced checker, a broken or foreign notebook, a hostile archive) each get
their row with the reason, while the other students' grades, the teacher's files and the report
are unaffected."""

import csv
import json
import subprocess
import sys
import zipfile

import numpy as np
import pytest

from bookbuild.pages import ROOT
from grading import cli, sandbox, submissions
from lessons_src.exercises import _judge

CHAPTER_1 = json.loads((ROOT / "book" / "01_linear_baseline.ipynb").read_text(encoding="utf-8"))
SKELETON = "    return None  # your code here"
RIGHT = (
    "    guesses = np.clip(np.rint(outputs), 0, 9).astype(int)\n"
    "    return np.bincount(np.abs(guesses - labels), minlength=10)"
)
# What each hostile student writes in place of chapter 1's skeleton, and the reason expected.
HOSTILE = {
    "loops": ("    while True:\n        pass", "took longer than"),
    "allocates": (
        "    hoard = []\n    while True:\n        hoard.append(bytearray(10**7))",
        "MB of memory",
    ),
    "forks": ("    import os\n\n    os.fork()\n    return None", "os.fork"),
    "writes_outside": (
        "    open(TEACHER_FILE, 'w').write('gone')\n    return None",
        "writing",
    ),
    "deletes_outside": (
        "    import os\n\n    os.remove(TEACHER_FILE)\n    return None",
        "os.remove",
    ),
    "exits": ("    import os\n\n    os._exit(0)", "ended before giving a verdict"),
    "raises_exit": ("    raise SystemExit(0)", "stopped the grading"),
    "prints": ("    while True:\n        print('x' * 10_000)", "printed or wrote more than"),
    "replaces_checker": (
        "    import lessons_src.exercises as e\n\n    e._expect = lambda *a: None\n"
        "    return [0] * 10",
        "replaced lessons_src.exercises._expect",
    ),
    "replaces_numpy": (
        "    np.array_equal = lambda *a, **k: True\n    return [0] * 10",
        "replaced numpy.array_equal",
    ),
    "reads_its_memory": (
        "    open('/proc/self/mem', 'rb').read(1)\n    return None",
        "reading /proc/self/mem",
    ),
    "connects": (
        "    import socket\n\n    socket.create_connection(('127.0.0.1', 9))\n    return None",
        "socket",
    ),
}


def chapter_1_with(body: str) -> dict:
    """Chapter 1's notebook with ``body`` in place of its exercise's skeleton."""
    notebook = json.loads(json.dumps(CHAPTER_1))
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if SKELETON in source and "error_distances" in source:
            cell["source"] = source.replace(SKELETON, body)
    return notebook


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A class of honest and hostile students, graded once with short limits."""
    root = tmp_path_factory.mktemp("class")
    teacher_file = root / "teacher_notes.txt"
    teacher_file.write_text("precious")
    folder = root / "submissions"
    folder.mkdir()
    for name, (body, _) in HOSTILE.items():
        (folder / name).mkdir()
        notebook = chapter_1_with(body.replace("TEACHER_FILE", repr(str(teacher_file))))
        (folder / name / "01_linear_baseline.ipynb").write_text(json.dumps(notebook))
    (folder / "right").mkdir()
    (folder / "right" / "01_linear_baseline.ipynb").write_text(json.dumps(chapter_1_with(RIGHT)))
    with zipfile.ZipFile(folder / "zhang.zip", "w") as packed:
        notebook = chapter_1_with("    return np.zeros(10)")
        packed.writestr("作业/01_linear_baseline.zh.ipynb", json.dumps(notebook))
        packed.writestr("../escaped.txt", "outside")
    (folder / "broken").mkdir()
    (folder / "broken" / "01_linear_baseline.ipynb").write_text('{"cells": [')
    (folder / "foreign").mkdir()
    foreign = {"cells": [{"cell_type": "code", "source": "def f():\n    pass", "metadata": {}}]}
    (folder / "foreign" / "homework.ipynb").write_text(json.dumps(foreign))
    (folder / "not_a_zip.zip").write_text("plain text")
    (folder / "linked").mkdir()
    (folder / "linked" / "outside").symlink_to(root)
    status = cli.main([str(folder), "--seconds", "4", "--memory-mb", "300", "--jobs", "2"])
    assert status == 0
    with open(folder / "grades.csv", encoding="utf-8") as file:
        rows = {row["student"]: row for row in csv.DictReader(file)}
    return folder, rows, teacher_file


def test_the_honest_students_get_their_verdicts(graded):
    _, rows, _ = graded
    assert rows["right"]["verdict"] == "right" and rows["right"]["chapter"] == "1"
    assert rows["zhang"]["verdict"] == "not right yet"
    assert rows["zhang"]["exercise"] == "error_distances"


@pytest.mark.parametrize("student", HOSTILE)
def test_each_hostile_answer_gets_its_row_with_the_reason(graded, student):
    _, rows, _ = graded
    row = rows[student]
    assert row["verdict"] in {"not graded", "not right yet"}, row
    assert HOSTILE[student][1] in row["message"], row


def test_nothing_outside_a_copy_changed(graded):
    folder, _, teacher_file = graded
    assert teacher_file.read_text() == "precious"
    assert not (folder.parent / "escaped.txt").exists()
    assert not (folder / "escaped.txt").exists()


def test_broken_foreign_and_unreadable_submissions_are_rows_too(graded):
    _, rows, _ = graded
    assert "not a valid notebook" in rows["broken"]["message"]
    assert "not a notebook of this course" in rows["foreign"]["message"]
    assert "not a readable zip archive" in rows["not_a_zip"]["message"]
    assert "no notebook" in rows["linked"]["message"]  # the link was not followed


def test_the_report_and_the_feedback_are_written_in_their_languages(graded):
    folder, rows, _ = graded
    report = (folder / "report.html").read_text(encoding="utf-8")
    assert "<svg" in report and "error_distances" in report
    assert "http" not in report.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert f"{1} of {len(rows)}" in report  # one student of the class is right
    assert "还不对" in (folder / "feedback" / "zhang.md").read_text(encoding="utf-8")
    assert "not right yet" not in (folder / "feedback" / "zhang.md").read_text(encoding="utf-8")
    assert "right" in (folder / "feedback" / "right.md").read_text(encoding="utf-8")


def test_grading_again_ignores_what_grading_wrote(graded):
    folder, _, _ = graded
    names = [student for student, _ in submissions.students(folder)]
    assert "feedback" not in names and "grades" not in names and "report" not in names


def test_the_verdict_is_the_one_the_student_sees(tmp_path):
    """The sandbox's verdict and reason equal what ``check`` gives in the notebook."""

    def wrong(outputs, labels):  # does not clip
        return np.bincount(np.abs(np.rint(outputs).astype(int) - labels), minlength=10)[:10]

    source = (
        "import numpy as np\n\ndef error_distances(outputs, labels):\n"
        "    guesses = np.rint(outputs).astype(int)\n"
        "    return np.bincount(np.abs(guesses - labels), minlength=10)[:10]\n"
    )
    [outcome] = sandbox.run([("error_distances", source, tmp_path)], sandbox.Limits(), 1)
    assert outcome.verdict == "not right yet"
    assert (outcome.verdict, outcome.english, outcome.chinese) == _judge("error_distances", wrong)


def test_only_the_imports_and_the_exercise_of_a_cell_run():
    cell = (
        "import numpy as np\nfrom lessons_src.exercises import check\n"
        "check = lambda *a, **k: True\n\n\ndef error_distances(o, l):\n    return o\n\n\n"
        "passed = check('error_distances', error_distances)\n"
    )
    kept = submissions.kept_source(cell, "error_distances")
    assert "check =" not in kept and "passed" not in kept
    assert kept.startswith("import numpy as np") and "def error_distances(o, l):" in kept


def test_the_command_says_how():
    shown = subprocess.run(
        [sys.executable, "-m", "lessons_src.grade", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "SUBMISSIONS" in shown and "grades.csv" in shown and "--language" in shown
