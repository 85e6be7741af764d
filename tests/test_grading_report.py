"""What the grader writes, for a teacher (python -m lessons_src.grade): the class at a glance
(class.csv and report.html: students by exercises, "not handed in", totals, pass rates among
those who handed in, the notebook each verdict came from, which of a chapter's two languages
counted and why), every answer (grades.csv), and each student's feedback in their language; with
--language zh every file reads in Chinese, with Chinese punctuation."""

import csv
import json
import re
import shutil

import pytest

from bookbuild.pages import ROOT
from grading import cli
from lessons_src.exercises import EXERCISES

CHAPTER_1 = json.loads((ROOT / "book" / "01_linear_baseline.ipynb").read_text(encoding="utf-8"))
SKELETON = "    return None  # your code here"
RIGHT = (
    "    guesses = np.clip(np.rint(outputs), 0, 9).astype(int)\n"
    "    return np.bincount(np.abs(guesses - labels), minlength=10)"
)
WRONG = "    return np.zeros(10)"
ENGLISH, CHINESE = "01_linear_baseline.ipynb", "01_linear_baseline.zh.ipynb"
HAN = "\u4e00-\u9fff"
# An ASCII colon or parenthesis right after a Chinese character, or Chinese touching a Latin
# letter or digit: what zh-style.md forbids in generated text.
ASCII_AFTER_CHINESE = re.compile(rf"[{HAN}][:(]")


def chapter_1_with(body: str | None) -> str:
    """Chapter 1's notebook with ``body`` in place of its exercise's skeleton (None: as it is)."""
    notebook = json.loads(json.dumps(CHAPTER_1))
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if body is not None and SKELETON in source and "error_distances" in source:
            cell["source"] = source.replace(SKELETON, body)
    return json.dumps(notebook)


def write_class(folder):
    """Six students: right, wrong, untouched, both languages (the Chinese one right), an
    unreadable Chinese notebook, and an archive that cannot be opened (nothing handed in)."""
    for student, files in {
        "li": {ENGLISH: chapter_1_with(RIGHT)},
        "wang": {ENGLISH: chapter_1_with(WRONG)},
        "zhao": {ENGLISH: chapter_1_with(None)},
        "张三": {ENGLISH: chapter_1_with(WRONG), CHINESE: chapter_1_with(RIGHT)},
        "broken": {CHINESE: '{"cells": ['},
    }.items():
        (folder / student).mkdir(parents=True)
        for name, text in files.items():
            (folder / student / name).write_text(text, encoding="utf-8")
    (folder / "zipbad.zip").write_text("plain text")


def graded_in(root, language):
    """The class graded with ``--language``: (class.csv's rows, grades.csv's rows, report,
    {student: feedback}, the raw text of every file written)."""
    folder = root / language
    write_class(folder)
    status = cli.main([str(folder), "--language", language, "--seconds", "10", "--jobs", "2"])
    assert status == 0
    raw = {
        name: (folder / name).read_bytes() for name in ("class.csv", "grades.csv", "report.html")
    }
    with open(folder / "class.csv", encoding="utf-8-sig", newline="") as file:
        grid = list(csv.reader(file))
    with open(folder / "grades.csv", encoding="utf-8-sig", newline="") as file:
        answers = list(csv.reader(file))
    feedback = {
        path.stem: path.read_text(encoding="utf-8")
        for path in sorted((folder / "feedback").glob("*.md"))
    }
    report = (folder / "report.html").read_text(encoding="utf-8")
    shutil.rmtree(folder)
    return grid, answers, report, feedback, raw


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    return {language: graded_in(root, language) for language in ("en", "zh")}


def by_student(grid):
    header, *rows = grid
    return header, {row[0]: dict(zip(header, row)) for row in rows}


def test_the_class_csv_is_students_by_exercises_in_english(graded):
    grid, _, _, _, raw = graded["en"]
    assert raw["class.csv"].startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads UTF-8
    header, rows = by_student(grid)
    assert header[:5] == [
        "Student",
        "Right (of 11)",
        "1. error_distances",
        "1. notebook",
        "1. note",
    ]
    assert len(header) == 2 + 3 * len(EXERCISES)
    shown = [name for name in header if name.split(". ")[-1] in EXERCISES]
    assert shown == [f"{EXERCISES[n][0]}. {n}" for n in EXERCISES]  # all, in chapter order
    assert [row[0] for row in grid[1:-1]] == ["broken", "li", "wang", "zhao", "zipbad", "张三"]

    assert rows["li"]["1. error_distances"] == "right"
    assert rows["li"]["1. notebook"] == ENGLISH and rows["li"]["Right (of 11)"] == "1"
    assert rows["wang"]["1. error_distances"] == "not right yet"
    assert "expected [5, 1, 0" in rows["wang"]["1. note"]
    assert rows["wang"]["Right (of 11)"] == "0"
    assert rows["zhao"]["1. error_distances"] == "not written yet"
    assert rows["broken"]["1. error_distances"] == "not graded"
    assert rows["broken"]["1. notebook"] == CHINESE
    assert "not a valid notebook" in rows["broken"]["1. note"]
    assert rows["zipbad"]["1. error_distances"] == "not handed in"
    assert rows["zipbad"]["1. notebook"] == ""
    for student in rows:
        if student.startswith("Pass rate"):
            continue
        assert rows[student]["2. validate_labels"] == "not handed in"
        assert rows[student]["11. running_stats"] == "not handed in"


def test_of_two_languages_the_better_counts_and_the_row_says_why(graded):
    for language, (verdict, notebook, note) in {
        "en": ("1. error_distances", "1. notebook", "1. note"),
        "zh": ("第 1 章 error_distances", "第 1 章 Notebook", "第 1 章备注"),
    }.items():
        _, rows = by_student(graded[language][0])
        zhang = rows["张三"]
        assert zhang[verdict] in {"right", "正确"} and zhang[notebook] == CHINESE
        assert ENGLISH in zhang[note]
    _, rows = by_student(graded["en"][0])
    assert rows["张三"]["1. note"].startswith(
        f"{ENGLISH} was graded too: not right yet (got [0.0, 0.0"
    )
    assert rows["张三"]["1. note"].endswith("not counted (the better verdict counts)")
    _, rows = by_student(graded["zh"][0])
    assert rows["张三"]["第 1 章备注"].startswith(
        f"{ENGLISH} 也评了分，判定为还不对（得到 [0.0, 0.0"
    )
    assert rows["张三"]["第 1 章备注"].endswith("未计入（计入的是判定较好的一份）")


def test_pass_rates_count_only_those_who_handed_in(graded):
    grid, _, report, _, _ = graded["en"]
    last = dict(zip(grid[0], grid[-1]))
    assert last["Student"] == "Pass rate (right / handed in)"
    # li and 张三 are right; zipbad handed in nothing; broken's unreadable notebook came.
    assert last["1. error_distances"] == "40% (2 of 5)"
    assert last["2. validate_labels"] == "- (0 of 0)"
    assert "40% (2 of 5)" in report
    assert "2 of 5 who handed it in; 2 of 6 in the class" in report
    grid = graded["zh"][0]
    last = dict(zip(grid[0], grid[-1]))
    assert last["学生"] == "通过率（正确 / 已提交）"
    assert last["第 1 章 error_distances"] == "40%（5 人中 2 人）"
    assert "已提交的 5 人中 2 人正确；全班 6 人中 2 人正确" in graded["zh"][2]


def test_every_answer_is_a_line_of_grades_csv(graded):
    _, answers, _, _, _ = graded["en"]
    header, *lines = answers
    assert header == [
        "student",
        "chapter",
        "exercise",
        "notebook",
        "counted",
        "verdict",
        "verdict_code",
        "message",
        "seconds",
    ]
    zhang = [dict(zip(header, line)) for line in lines if line[0] == "张三"]
    assert [(z["notebook"], z["counted"], z["verdict"]) for z in zhang] == [
        (ENGLISH, "no", "not right yet"),
        (CHINESE, "yes", "right"),
    ]
    assert graded["en"][4]["grades.csv"].startswith(b"\xef\xbb\xbf")
    _, answers, _, _, raw = graded["zh"]
    assert raw["grades.csv"].startswith(b"\xef\xbb\xbf")
    header, *lines = answers
    assert header == [
        "学生",
        "章",
        "练习",
        "Notebook",
        "计入成绩",
        "判定",
        "verdict_code",
        "原因",
    ] + ["用时（秒）"]
    zhang = [dict(zip(header, line)) for line in lines if line[0] == "张三"]
    assert [(z["计入成绩"], z["判定"], z["verdict_code"]) for z in zhang] == [
        ("否", "还不对", "not right yet"),
        ("是", "正确", "right"),
    ]
    codes = {dict(zip(header, line))["verdict_code"] for line in lines}
    verdicts = {dict(zip(header, line))["判定"] for line in lines}
    assert codes == {"right", "not right yet", "not written yet", "not graded"}
    assert verdicts == {"正确", "还不对", "还没写", "未评分"}


def test_the_chinese_files_read_in_chinese(graded):
    grid, _, report, feedback, raw = graded["zh"]
    header, rows = by_student(grid)
    assert header[:5] == ["学生", "正确（共 11 题）", "第 1 章 error_distances"] + [
        "第 1 章 Notebook",
        "第 1 章备注",
    ]
    assert rows["li"]["第 1 章 error_distances"] == "正确"
    assert rows["wang"]["第 1 章 error_distances"] == "还不对"
    assert rows["zhao"]["第 1 章 error_distances"] == "还没写"
    assert rows["broken"]["第 1 章 error_distances"] == "未评分"
    assert rows["zipbad"]["第 1 章 error_distances"] == "未提交"
    assert "不是有效的 Notebook" in rows["broken"]["第 1 章备注"]
    for english in ("not handed in", "not right yet", "Student", "Verdict", "Pass rate"):
        assert english not in report
        for student in ("张三", "broken", "zipbad"):  # their notebooks, or the teacher's language
            assert english not in feedback[student]
    assert "<h1>全班成绩</h1>" in report and "全班一览" in report
    assert feedback["张三"].startswith("# 你的练习反馈：张三\n")
    assert feedback["wang"].startswith("# Feedback on your exercises: wang\n")  # his language
    assert (
        f"- **第 1 章 error_distances**（{CHINESE}）：正确；{ENGLISH} 也评了分，判定为还不对（得到"
        in feedback["张三"]
    )
    assert "- **第 2 章 validate_labels**：未提交" in feedback["张三"]
    texts = {name: data.decode("utf-8-sig") for name, data in raw.items()}
    texts.update({f"feedback/{name}": text for name, text in feedback.items()})
    for name, text in texts.items():
        assert not ASCII_AFTER_CHINESE.findall(text), (name, ASCII_AFTER_CHINESE.findall(text))
    # Chinese labels the grader writes keep a space between Chinese and Latin letters or digits.
    for label in header + [line[0] for line in grid]:
        assert not re.search(rf"[{HAN}][A-Za-z0-9]|[A-Za-z0-9][{HAN}]", label), label


def test_feedback_is_in_the_students_language(graded):
    _, _, _, feedback, _ = graded["en"]
    assert feedback["li"].startswith("# Feedback on your exercises: li\n")
    assert f"- **1. error_distances** ({ENGLISH}): right" in feedback["li"]
    assert "Right: 1 of the course's 11 exercises." in feedback["li"]
    assert "- **2. validate_labels**: not handed in" in feedback["li"]
    # An unreadable Chinese notebook: Chinese feedback, though the teacher's language is English.
    assert feedback["broken"].startswith("# 你的练习反馈：broken\n")
    assert f"- **第 1 章 error_distances**（{CHINESE}）：未评分（不是有效的" in feedback["broken"]
    assert not ASCII_AFTER_CHINESE.findall(feedback["broken"])
    # Nothing could be read: the teacher's language.
    assert feedback["zipbad"].startswith("# Feedback on your exercises: zipbad\n")
    assert "not a readable zip archive" in feedback["zipbad"]
    assert graded["zh"][3]["zipbad"].startswith("# 你的练习反馈：zipbad\n")
    assert "不是可以读取的 zip 压缩包" in graded["zh"][3]["zipbad"]
    # Both languages, one each: the teacher's breaks the tie; the note names the other file.
    assert feedback["张三"].startswith("# Feedback on your exercises: 张三\n")
    assert f"{ENGLISH} was graded too: not right yet" in feedback["张三"]
    assert graded["zh"][3]["张三"].startswith("# 你的练习反馈：张三\n")


def test_the_report_shows_the_class_at_a_glance(graded):
    _, _, report, _, _ = graded["en"]
    assert "<h2>The class at a glance</h2>" in report
    glance = report.split("<h2>The class at a glance</h2>", 1)[1].split("<h2>", 1)[0]
    assert glance.count("<tr>") == 1 + 6 + 1  # the header, six students, the pass rates
    assert "<th>1. error_distances</th>" in glance and "<th>11. running_stats</th>" in glance
    assert 'class="missing">not handed in<' in glance
    assert f'<span class="file">{CHINESE}</span>' in glance
    assert "http" not in report.replace('xmlns="http://www.w3.org/2000/svg"', "")
