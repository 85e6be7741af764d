"""Grading a class (python -m lessons_src.grade): the verdicts are the ones a student sees, and
untrusted answers (endless loops, endless memory, forks, writes outside their copy, an exit,
endless printing, a replaced checker, a broken or foreign notebook, a hostile archive) each get
their row with the reason, while the other students' grades, the teacher's files and the report
are unaffected."""

import ast
import copy
import csv
import json
import subprocess
import sys
import zipfile

import numpy as np
import pytest

from bookbuild.pages import ROOT
from grading import cli, sandbox, submissions
from lessons_src.exercises import EXERCISES, SOLUTION_TAG, _judge

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
    with open(folder / "grades.csv", encoding="utf-8-sig") as file:
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


def test_what_a_cell_defines_runs_but_not_its_check():
    cell = (
        "import numpy as np\nfrom lessons_src.exercises import check\n"
        "check = lambda *a, **k: True\nSCALE = 2\nprint(test_labels)\n\n\n"
        "def helper(o):\n    return o\n\n\ndef error_distances(o, l):\n    return helper(o)"
        "\n\n\npassed = check('error_distances', error_distances)\n"
    )
    kept = submissions.kept_source(cell, "error_distances")
    assert "check" not in kept and "passed" not in kept and "print" not in kept
    assert kept.startswith("import numpy as np") and "SCALE = 2" in kept
    assert "def helper(o):" in kept and "def error_distances(o, l):" in kept


def test_the_cells_own_statements_run_inside_the_containment(tmp_path):
    """What a cell defines now runs, so an attack at its top level is caught as one inside
    the function is: a replaced checker, a write outside the copy."""
    outside = tmp_path / "teacher.txt"
    outside.write_text("precious")
    copy = tmp_path / "copy"
    copy.mkdir()
    replaces = (
        "import lessons_src.exercises as e\ne._expect = lambda *a: None\n\n\n"
        "def error_distances(outputs, labels):\n    return [0] * 10\n"
    )
    writes = (
        f"NOTE = open({str(outside)!r}, 'w')\n\n\n"
        "def error_distances(outputs, labels):\n    return [0] * 10\n"
    )
    jobs = [("error_distances", source, copy) for source in (replaces, writes)]
    first, second = sandbox.run(jobs, sandbox.Limits(seconds=10), 2)
    assert first.verdict == "not graded" and "replaced" in first.english, first
    assert second.verdict == "not graded" and "writing" in second.english, second
    assert outside.read_text() == "precious"


def _solution(notebook: dict, exercise: str) -> ast.FunctionDef:
    """The reference solution's definition of ``exercise`` in a course notebook."""
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code" and SOLUTION_TAG in cell["metadata"].get("tags", []):
            for node in ast.parse("".join(cell["source"])).body:
                if isinstance(node, ast.FunctionDef) and node.name == exercise:
                    return node
    raise AssertionError(f"no reference solution of {exercise}")


def _import_cell_names(exercise: str) -> list[str]:
    """The names the chapter's import cell binds that the grader did not give before."""
    names = []
    for statement in submissions.course_code(exercise):
        for node in ast.parse(statement).body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names += [a.asname or a.name.split(".")[0] for a in node.names]
    return [name for name in names if name not in {"np", "Path", "paddle", "nn"}]


def _variants(notebook: dict, exercise: str) -> dict[str, str]:
    """The reference solution, as a student's exercise cell, written three ways: with a
    helper of the cell, with a constant of the cell, with names of the chapter's import cell."""
    solution = _solution(notebook, exercise)
    bodies = {}
    helper = copy.deepcopy(solution)
    helper.name = "helper"
    wrapper = ast.parse(f"def {exercise}(*args, **kwargs):\n    return helper(*args, **kwargs)")
    bodies["helper"] = [helper, *wrapper.body]
    constant = copy.deepcopy(solution)
    constant.body.insert(1, ast.parse("assert SCALE == 1").body[0])
    bodies["constant"] = [*ast.parse("SCALE = 1").body, constant]
    imported = copy.deepcopy(solution)
    names = ", ".join(_import_cell_names(exercise))
    imported.body.insert(1, ast.parse(f"assert None not in ({names},)").body[0])
    bodies["imported"] = [imported]
    return {
        way: "from lessons_src.exercises import check\n\n\n"
        + ast.unparse(ast.Module(body=body, type_ignores=[]))
        + f"\n\n\npassed = check({exercise!r}, {exercise})\n"
        for way, body in bodies.items()
    }


def _handed_out(path) -> dict:
    """A course notebook as the student edition hands it out, outputs left out."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"] = [
        cell for cell in notebook["cells"] if SOLUTION_TAG not in cell["metadata"].get("tags", [])
    ]
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = []
    return notebook


@pytest.fixture(scope="module")
def every_exercise(tmp_path_factory):
    """Every exercise's reference solution written three ways, and every skeleton left
    untouched in both languages, graded: {(student, exercise): outcome}."""
    folder = tmp_path_factory.mktemp("every-exercise")
    students = ["helper", "constant", "imported", "untouched", "untouched_zh"]
    for student in students:
        (folder / student).mkdir()
    for exercise, (chapter, _) in EXERCISES.items():
        [path] = [
            p for p in (ROOT / "book").glob(f"{chapter:02d}_*.ipynb") if ".zh." not in p.name
        ]
        course = json.loads(path.read_text(encoding="utf-8"))
        for way, source in _variants(course, exercise).items():
            notebook = _handed_out(path)
            [cell] = [
                c
                for c in notebook["cells"]
                if c["cell_type"] == "code" and f"def {exercise}(" in "".join(c["source"])
            ]
            cell["source"] = source
            (folder / way / path.name).write_text(json.dumps(notebook))
        (folder / "untouched" / path.name).write_text(json.dumps(_handed_out(path)))
        zh = path.with_suffix(".zh.ipynb")
        (folder / "untouched_zh" / zh.name).write_text(json.dumps(_handed_out(zh)))
    found = []
    for student in students:
        answers, problems = submissions.answers(student, folder / student)
        assert not problems, problems
        found += answers
    jobs = [(a.exercise, a.source, folder / a.student) for a in found]
    outcomes = sandbox.run(jobs, sandbox.Limits(seconds=30), 2)
    return {(a.student, a.exercise): o for a, o in zip(found, outcomes)}


@pytest.mark.parametrize("way", ["helper", "constant", "imported"])
def test_a_right_answer_is_right_however_the_cell_writes_it(every_exercise, way):
    """A helper or a constant of the cell, a name of the chapter's import cell: the answer is
    graded right, as ``check`` calls it in the notebook."""
    wrong = {
        exercise: (outcome.verdict, outcome.english)
        for (student, exercise), outcome in every_exercise.items()
        if student == way and outcome.verdict != "right"
    }
    graded = {exercise for student, exercise in every_exercise if student == way}
    assert graded == set(EXERCISES) and not wrong, wrong


@pytest.mark.parametrize("student", ["untouched", "untouched_zh"])
def test_an_untouched_skeleton_is_not_written_yet(every_exercise, student):
    """Every exercise's cell as the student edition hands it out, in either language: not
    written yet (chapter 2's skeleton accepts every label: unwritten, not wrong)."""
    verdicts = {e: o.verdict for (s, e), o in every_exercise.items() if s == student}
    assert verdicts == dict.fromkeys(EXERCISES, "not written yet")


def test_only_the_cell_as_handed_out_is_untouched():
    """Layout, comments and docstrings aside; a changed body is an answer."""
    cell = submissions.kept_source(
        "def validate_labels(labels: np.ndarray) -> None:\n"
        '    """Anything."""\n\n    return None  # mine\n',
        "validate_labels",
    )
    assert submissions.untouched("validate_labels", cell)
    assert not submissions.untouched("validate_labels", cell.replace("None", "0"))


def test_the_command_says_how():
    shown = subprocess.run(
        [sys.executable, "-m", "lessons_src.grade", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "SUBMISSIONS" in shown and "grades.csv" in shown and "--language" in shown
