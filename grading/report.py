"""What grading writes into SUBMISSIONS: ``grades.csv``, ``report.html`` for the teacher, in the
teacher's language, and ``feedback/<student>.md`` for each student, in the language of that
student's notebooks. The report is one file with nothing to fetch: its chart is inline SVG."""

import csv
import html
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lessons_src.exercises import EXERCISES
from lessons_src.progress import IN_CHINESE

VERDICTS = {**IN_CHINESE, "not graded": "未评分"}  # in Chinese, as the progress table says them
WORDS = {
    "en": {
        "title": "Grades of the class",
        "summary": "{students} students, {answers} answers graded.",
        "chart": "Students whose answer is right, by exercise",
        "student": "Student",
        "chapter": "Chapter",
        "exercise": "Exercise",
        "verdict": "Verdict",
        "reason": "Reason",
        "right of": "{right} of {students}",
        "feedback": "Feedback on your exercises",
        "none": "No exercise was graded.",
    },
    "zh": {
        "title": "全班成绩",
        "summary": "{students} 名学生，评了 {answers} 道答案。",
        "chart": "各练习答对的学生数",
        "student": "学生",
        "chapter": "章",
        "exercise": "练习",
        "verdict": "判定",
        "reason": "原因",
        "right of": "{students} 人中 {right} 人",
        "feedback": "你的练习反馈",
        "none": "没有评到任何练习。",
    },
}


@dataclass
class Row:
    """One student's result on one exercise (or on a notebook that could not be graded)."""

    student: str
    chapter: int | None
    exercise: str  # "-" for a notebook that could not be graded
    verdict: str
    english: str
    chinese: str
    seconds: float
    language: str  # of the student's notebook


def verdict_in(language: str, verdict: str) -> str:
    return VERDICTS[verdict] if language == "zh" else verdict


def reason_in(language: str, row: Row) -> str:
    return row.chinese if language == "zh" else row.english


def write_csv(rows: list[Row], path: Path, language: str) -> None:
    """student, chapter, exercise, verdict, message, seconds: one line per row."""
    with open(path, "w", newline="", encoding="utf-8") as file:
        table = csv.writer(file)
        table.writerow(["student", "chapter", "exercise", "verdict", "message", "seconds"])
        for row in rows:
            table.writerow(
                [
                    row.student,
                    row.chapter or "",
                    row.exercise,
                    row.verdict,
                    reason_in(language, row),
                    f"{row.seconds:.2f}",
                ]
            )


def write_feedback(rows: list[Row], folder: Path) -> list[Path]:
    """One Markdown file per student, in the language most of their notebooks are in."""
    folder.mkdir(exist_ok=True)
    written = []
    for student in sorted({row.student for row in rows}):
        theirs = [row for row in rows if row.student == student]
        language = Counter(row.language for row in theirs).most_common(1)[0][0]
        words = WORDS[language]
        lines = [f"# {words['feedback']}: {student}", ""]
        for row in theirs:
            name = row.exercise if row.chapter is None else f"{row.chapter}. {row.exercise}"
            reason = reason_in(language, row)
            lines.append(
                f"- **{name}**: {verdict_in(language, row.verdict)}"
                + (f" ({reason})" if reason else "")
            )
        path = folder / f"{safe_name(student)}.md"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
    return written


def safe_name(student: str) -> str:
    """A file name for ``student``: letters, digits (any script), dots and dashes."""
    return re.sub(r"[^\w.-]", "_", student).lstrip(".") or "student"


def write_report(rows: list[Row], path: Path, language: str) -> None:
    """The teacher's page: the pass rate of each exercise as a chart, then a table per
    student."""
    words = WORDS[language]
    students = sorted({row.student for row in rows})
    graded = [row for row in rows if row.exercise in EXERCISES]
    right = Counter(row.exercise for row in graded if row.verdict == "right")
    exercises = sorted(EXERCISES, key=lambda name: EXERCISES[name][0])
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if language == "zh" else "en"}"><head><meta charset="utf-8">',
        f"<title>{words['title']}</title>",
        "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        "table{border-collapse:collapse;width:100%;margin-bottom:2rem}"
        "td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}"
        ".right{color:#1a7f37}.not-right-yet,.not-graded{color:#b42318}</style></head><body>",
        f"<h1>{words['title']}</h1>",
        f"<p>{words['summary'].format(students=len(students), answers=len(graded))}</p>",
        f"<h2>{words['chart']}</h2>",
        chart(exercises, right, len(students), words),
    ]
    for student in students:
        parts.append(f"<h2>{html.escape(student)}</h2><table><tr>")
        parts += [f"<th>{words[key]}</th>" for key in ("chapter", "exercise", "verdict", "reason")]
        parts.append("</tr>")
        for row in rows:
            if row.student != student:
                continue
            css = row.verdict.replace(" ", "-")
            parts.append(
                f"<tr><td>{row.chapter or ''}</td><td>{html.escape(row.exercise)}</td>"
                f'<td class="{css}">{verdict_in(language, row.verdict)}</td>'
                f"<td>{html.escape(reason_in(language, row))}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def chart(exercises: list[str], right: Counter, students: int, words: dict) -> str:
    """A horizontal bar per exercise: the share of the class whose answer is right."""
    bar_height, width, label = 22, 320, 190
    height = bar_height * len(exercises) + 10
    bars = []
    for index, name in enumerate(exercises):
        y = 5 + index * bar_height
        share = right[name] / students if students else 0.0
        count = words["right of"].format(right=right[name], students=students)
        bars.append(
            f'<text x="{label - 6}" y="{y + 15}" text-anchor="end">'
            f"{EXERCISES[name][0]}. {name}</text>"
            f'<rect x="{label}" y="{y + 3}" width="{width}" height="{bar_height - 6}" '
            'fill="#eee"/>'
            f'<rect x="{label}" y="{y + 3}" width="{width * share:.1f}" '
            f'height="{bar_height - 6}" fill="#2f6fdf"/>'
            f'<text x="{label + width + 8}" y="{y + 15}">{share:.0%} ({count})</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 {label + width + 160}'
        f' {height}" role="img" aria-label="{words["chart"]}" font-size="12">'
        + "".join(bars)
        + "</svg>"
    )
