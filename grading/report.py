"""What grading writes into SUBMISSIONS, in the teacher's language (``--language``):

* ``class.csv``: the class at a glance, one row per student and, for each of the course's
  exercises in chapter order, the verdict, the notebook it came from and a note (its reason, and
  the other notebooks of the chapter that were graded too); "not handed in" where nothing came;
  each student's total; a last row with each exercise's pass rate among those who handed it in.
  UTF-8 with a byte order mark, so that Excel shows Chinese.
* ``grades.csv``: every graded answer and every notebook that could not be graded, one line
  each, with the notebook, whether it counted, the verdict in words and as a stable English code.
* ``report.html``: the same table and the pass rates as a chart, then each student's answers.
  One file with nothing to fetch: its chart is inline SVG.
* ``feedback/<student>.md``: each student's row, in the student's language: that of their
  notebooks (``.zh.ipynb``, or Chinese prose, see ``grading.submissions``), or the teacher's when
  none could be read.

When a chapter came more than once (``NN_name.ipynb`` and ``NN_name.zh.ipynb``, say), each was
graded; the best verdict counts (right, then not right yet, not written yet, not graded), the
first file by name when they tie, and the note names the others with their verdicts.
"""

import csv
import html
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lessons_src.exercises import EXERCISES
from lessons_src.progress import IN_CHINESE

NOT_HANDED_IN = "not handed in"
# Best first: which of a chapter's notebooks counts.
VERDICT_ORDER = ["right", "not right yet", "not written yet", "not graded"]
# In Chinese, as the progress table says them.
VERDICTS = {**IN_CHINESE, "not graded": "未评分", NOT_HANDED_IN: "未提交"}
COURSE = sorted(EXERCISES, key=lambda name: (EXERCISES[name][0], name))
CSS = {
    "right": "right",
    "not right yet": "wrong",
    "not written yet": "empty",
    NOT_HANDED_IN: "missing",
}
WORDS = {
    "en": {
        "title": "Grades of the class",
        "summary": "{students} students, {answers} answers graded.",
        "glance": "The class at a glance",
        "chart": "Pass rate of each exercise, among the students who handed it in",
        "student": "Student",
        "chapter": "Chapter",
        "exercise": "Exercise",
        "notebook": "Notebook",
        "counted": "Counted",
        "verdict": "Verdict",
        "code": "verdict_code",
        "reason": "Reason",
        "seconds": "Seconds",
        "yes": "yes",
        "no": "no",
        "total": "Right (of {count})",
        "pass rate": "Pass rate (right / handed in)",
        "rate": "{share} ({right} of {handed})",
        "rate none": "- (0 of 0)",
        "right of": "{right} of {handed} who handed it in; {right} of {students} in the class",
        "column": "{chapter}. {exercise}",
        "column file": "{chapter}. notebook",
        "column note": "{chapter}. note",
        "also": "{notebook} was graded too: {verdict}, not counted ({why})",
        "better": "the better verdict counts",
        "tie": "the same verdict: the first file by name counts",
        "feedback": "Feedback on your exercises",
        "feedback total": "Right: {right} of the course's {count} exercises.",
        "none": "No exercise was graded.",
        "other": "Notebooks that could not be graded",
        "sep": ": ",
        "open": " (",
        "close": ")",
        "list": "; ",
    },
    "zh": {
        "title": "全班成绩",
        "summary": "共 {students} 名学生，评阅了 {answers} 份答案。",
        "glance": "全班一览",
        "chart": "各练习的通过率（只统计提交了该练习的学生）",
        "student": "学生",
        "chapter": "章",
        "exercise": "练习",
        "notebook": "Notebook",
        "counted": "计入成绩",
        "verdict": "判定",
        "code": "verdict_code",
        "reason": "原因",
        "seconds": "用时（秒）",
        "yes": "是",
        "no": "否",
        "total": "正确（共 {count} 题）",
        "pass rate": "通过率（正确 / 已提交）",
        "rate": "{share}（{handed} 人中 {right} 人）",
        "rate none": "-（0 人提交）",
        "right of": "已提交的 {handed} 人中 {right} 人正确；全班 {students} 人中 {right} 人正确",
        "column": "第 {chapter} 章 {exercise}",
        "column file": "第 {chapter} 章 Notebook",
        "column note": "第 {chapter} 章备注",
        "also": "{notebook} 也评了分，判定为{verdict}，未计入（{why}）",
        "better": "计入的是判定较好的一份",
        "tie": "判定相同时计入文件名在前的一份",
        "feedback": "你的练习反馈",
        "feedback total": "课程共 {count} 道练习，你答对了 {right} 道。",
        "none": "未评阅任何练习。",
        "other": "无法评分的 Notebook",
        "sep": "：",
        "open": "（",
        "close": "）",
        "list": "；",
    },
}


@dataclass
class Row:
    """One student's result on one exercise in one notebook, or a notebook (or a whole
    submission) that could not be graded."""

    student: str
    chapter: int | None  # a notebook that could not be graded: from its file name, if any
    exercise: str  # "-" for a notebook that could not be graded
    verdict: str
    english: str
    chinese: str
    seconds: float
    language: str  # of the student's notebook: "en", "zh", or "" when not known
    notebook: str = ""  # its path inside the submission; "" for a whole submission


@dataclass
class Cell:
    """What counts for one student and one exercise, and the other notebooks graded for it."""

    row: Row | None  # None: not handed in
    others: list[Row]

    @property
    def verdict(self) -> str:
        return self.row.verdict if self.row else NOT_HANDED_IN


def rank(row: Row) -> int:
    """Lower is better; a verdict the grader may add later ranks last."""
    return VERDICT_ORDER.index(row.verdict) if row.verdict in VERDICT_ORDER else len(VERDICT_ORDER)


def verdict_in(language: str, verdict: str) -> str:
    return VERDICTS.get(verdict, verdict) if language == "zh" else verdict


def reason_in(language: str, row: Row) -> str:
    return row.chinese if language == "zh" else row.english


def with_reason(language: str, verdict: str, reason: str) -> str:
    """A verdict and its reason: not right yet (the mean is wrong), 还不对（均值不对）."""
    words = WORDS[language]
    shown = verdict_in(language, verdict)
    return f"{shown}{words['open']}{reason}{words['close']}" if reason else shown


def students_of(rows: list[Row]) -> list[str]:
    return sorted({row.student for row in rows})


def cells(rows: list[Row], student: str) -> dict[str, Cell]:
    """Exercise -> what counts for ``student``: the best of the notebooks that answered it, or
    that could not be read but are named for its chapter."""
    found = {}
    theirs = [row for row in rows if row.student == student]
    for exercise in COURSE:
        chapter = EXERCISES[exercise][0]
        candidates = [
            row
            for row in theirs
            if row.exercise == exercise or (row.exercise == "-" and row.chapter == chapter)
        ]
        candidates.sort(key=lambda row: (rank(row), row.notebook))
        found[exercise] = Cell(candidates[0] if candidates else None, candidates[1:])
    return found


def uncounted_problems(rows: list[Row], student: str) -> list[Row]:
    """The student's rows that belong to no exercise: a submission or a notebook that could not
    be graded and is not named for one of the course's chapters."""
    chapters = {chapter for chapter, _ in EXERCISES.values()}
    return [
        row
        for row in rows
        if row.student == student and row.exercise not in EXERCISES and row.chapter not in chapters
    ]


def others_note(language: str, cell: Cell) -> str:
    """The other notebooks graded for the same exercise, their verdicts, and why they did not
    count."""
    words = WORDS[language]
    parts = []
    for other in cell.others:
        why = words["tie"] if rank(other) == rank(cell.row) else words["better"]
        shown = with_reason(language, other.verdict, reason_in(language, other))
        parts.append(words["also"].format(notebook=other.notebook or "-", verdict=shown, why=why))
    return words["list"].join(parts)


def note(language: str, cell: Cell) -> str:
    """The counted verdict's reason, then the other notebooks graded for it."""
    reason = reason_in(language, cell.row) if cell.row else ""
    return WORDS[language]["list"].join(filter(None, [reason, others_note(language, cell)]))


def total(cells_of: dict[str, Cell]) -> int:
    return sum(cell.verdict == "right" for cell in cells_of.values())


def pass_rates(rows: list[Row]) -> dict[str, tuple[int, int]]:
    """Exercise -> (right, handed in): a notebook of its chapter came, readable or not."""
    right, handed = Counter(), Counter()
    for student in students_of(rows):
        for exercise, cell in cells(rows, student).items():
            handed[exercise] += cell.row is not None
            right[exercise] += cell.verdict == "right"
    return {exercise: (right[exercise], handed[exercise]) for exercise in COURSE}


def rate_text(language: str, right: int, handed: int) -> str:
    words = WORDS[language]
    if not handed:
        return words["rate none"]
    return words["rate"].format(share=f"{right / handed:.0%}", right=right, handed=handed)


def column(language: str, exercise: str, key: str = "column") -> str:
    return WORDS[language][key].format(chapter=EXERCISES[exercise][0], exercise=exercise)


def write_class_csv(rows: list[Row], path: Path, language: str) -> None:
    """One row per student: their total, then for each exercise of the course its verdict,
    the notebook it came from and a note; the last row gives each exercise's pass rate among
    those who handed it in."""
    words = WORDS[language]
    header = [words["student"], words["total"].format(count=len(COURSE))]
    for exercise in COURSE:
        header += [column(language, exercise), column(language, exercise, "column file")]
        header.append(column(language, exercise, "column note"))
    with open(path, "w", newline="", encoding="utf-8-sig") as file:
        table = csv.writer(file)
        table.writerow(header)
        for student in students_of(rows):
            theirs = cells(rows, student)
            line = [student, total(theirs)]
            for exercise in COURSE:
                cell = theirs[exercise]
                line += [
                    verdict_in(language, cell.verdict),
                    cell.row.notebook if cell.row else "",
                    note(language, cell),
                ]
            table.writerow(line)
        rates = pass_rates(rows)
        line = [words["pass rate"], ""]
        for exercise in COURSE:
            line += [rate_text(language, *rates[exercise]), "", ""]
        table.writerow(line)


def write_csv(rows: list[Row], path: Path, language: str) -> None:
    """Every row: student, chapter, exercise, notebook, counted, verdict (in ``language``),
    verdict_code (English, stable), reason, seconds. In Chinese, with a byte order mark."""
    words = WORDS[language]
    counted = set()
    for student in students_of(rows):
        counted |= {id(cell.row) for cell in cells(rows, student).values() if cell.row}
        counted |= {id(row) for row in uncounted_problems(rows, student)}
    keys = ["student", "chapter", "exercise", "notebook", "counted", "verdict", "code"]
    keys += ["reason", "seconds"]
    # In English, the names grades.csv has always had (with verdict_code and notebook added).
    header = [words[key] for key in keys] if language == "zh" else keys[:6] + ["verdict_code"]
    header += [] if language == "zh" else ["message", "seconds"]
    # with a byte order mark: a spreadsheet then reads Chinese names in either language
    with open(path, "w", newline="", encoding="utf-8-sig") as file:
        table = csv.writer(file)
        table.writerow(header)
        for row in rows:
            is_counted = id(row) in counted
            table.writerow(
                [
                    row.student,
                    row.chapter or "",
                    row.exercise,
                    row.notebook,
                    words["yes"] if is_counted else words["no"],
                    verdict_in(language, row.verdict),
                    row.verdict,
                    reason_in(language, row),
                    f"{row.seconds:.2f}",
                ]
            )


def student_language(rows: list[Row], teacher: str) -> str:
    """The language most of the student's notebooks are in (``.zh.ipynb``, or Chinese prose);
    the teacher's when none is known (an archive that cannot be opened, a notebook named
    neither way) or when both languages are equally many."""
    known = Counter(row.language for row in rows if row.language in WORDS)
    if not known:
        return teacher
    most = max(known.values())
    tied = sorted(language for language, count in known.items() if count == most)
    return teacher if teacher in tied else tied[0]


def write_feedback(rows: list[Row], folder: Path, language: str = "en") -> list[Path]:
    """One Markdown file per student, in the student's language (``language``, the teacher's,
    when it cannot be told): every exercise of the course with its verdict and the notebook it
    came from, then what could not be graded."""
    folder.mkdir(exist_ok=True)
    written = []
    for student in students_of(rows):
        theirs = [row for row in rows if row.student == student]
        spoken = student_language(theirs, language)
        words = WORDS[spoken]
        sep = words["sep"]
        by_exercise = cells(theirs, student)
        lines = [f"# {words['feedback']}{sep}{student}", ""]
        lines += [words["feedback total"].format(right=total(by_exercise), count=len(COURSE)), ""]
        for exercise, cell in by_exercise.items():
            name = column(spoken, exercise)
            reason = reason_in(spoken, cell.row) if cell.row else ""
            line = f"- **{name}**"
            if cell.row and cell.row.notebook:
                line += f"{words['open']}{cell.row.notebook}{words['close']}"
            line += f"{sep}{with_reason(spoken, cell.verdict, reason)}"
            others = others_note(spoken, cell)
            if others:
                line += words["list"] + others
            lines.append(line)
        problems = uncounted_problems(theirs, student)
        if problems:
            lines += ["", f"## {words['other']}", ""]
            for row in problems:
                shown = with_reason(spoken, row.verdict, reason_in(spoken, row))
                lines.append(f"- {row.notebook}{sep}{shown}" if row.notebook else f"- {shown}")
        path = folder / f"{safe_name(student)}.md"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
    return written


def safe_name(student: str) -> str:
    """A file name for ``student``: letters, digits (any script), dots and dashes."""
    return re.sub(r"[^\w.-]", "_", student).lstrip(".") or "student"


def write_report(rows: list[Row], path: Path, language: str) -> None:
    """The teacher's page: the class at a glance (students by exercises, totals, pass rates),
    the pass rates as a chart, then each student's answers, every notebook graded."""
    words = WORDS[language]
    esc = html.escape
    students = students_of(rows)
    graded = [row for row in rows if row.exercise in EXERCISES]
    rates = pass_rates(rows)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if language == "zh" else "en"}"><head><meta charset="utf-8">',
        f"<title>{words['title']}</title>",
        "<style>body{font-family:sans-serif;max-width:80rem;margin:2rem auto;padding:0 1rem}"
        "table{border-collapse:collapse;margin-bottom:2rem}"
        "td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}"
        ".file,.note{display:block;font-size:.8em;color:#555}"
        ".right{color:#1a7f37}.wrong,.not-graded{color:#b42318}.empty,.missing{color:#777}"
        "</style></head><body>",
        f"<h1>{words['title']}</h1>",
        f"<p>{words['summary'].format(students=len(students), answers=len(graded))}</p>",
        f"<h2>{words['glance']}</h2>",
        "<table><tr>",
        f"<th>{words['student']}</th>",
        f"<th>{words['total'].format(count=len(COURSE))}</th>",
    ]
    parts += [f"<th>{esc(column(language, exercise))}</th>" for exercise in COURSE]
    parts.append("</tr>")
    for student in students:
        theirs = cells(rows, student)
        parts.append(f"<tr><th>{esc(student)}</th><td>{total(theirs)}</td>")
        for exercise in COURSE:
            cell = theirs[exercise]
            css = CSS.get(cell.verdict, "not-graded")
            shown = f'<span class="{css}">{esc(verdict_in(language, cell.verdict))}</span>'
            if cell.row and cell.row.notebook:
                shown += f'<span class="file">{esc(cell.row.notebook)}</span>'
            if cell.others:
                shown += f'<span class="note">{esc(others_note(language, cell))}</span>'
            parts.append(f"<td>{shown}</td>")
        parts.append("</tr>")
    parts.append(f"<tr><th>{words['pass rate']}</th><td></td>")
    parts += [f"<td>{rate_text(language, *rates[exercise])}</td>" for exercise in COURSE]
    parts += ["</tr></table>", f"<h2>{words['chart']}</h2>", chart(rates, len(students), words)]
    for student in students:
        theirs = cells(rows, student)
        parts.append(f"<h2>{esc(student)}</h2><table><tr>")
        keys = ("exercise", "verdict", "notebook", "reason")
        parts += [f"<th>{words[key]}</th>" for key in keys]
        parts.append("</tr>")
        for exercise, cell in theirs.items():
            for index, row in enumerate([cell.row, *cell.others]):
                verdict = row.verdict if row else NOT_HANDED_IN
                css = CSS.get(verdict, "not-graded")
                reason = reason_in(language, row) if row else ""
                if index:
                    why = words["tie"] if rank(row) == rank(cell.row) else words["better"]
                    reason = words["list"].join(filter(None, [reason, why]))
                    shown = verdict_in(language, verdict)
                    verdict_shown = f"{words['open']}{shown}{words['close']}"
                else:
                    verdict_shown = verdict_in(language, verdict)
                parts.append(
                    f"<tr><td>{esc(column(language, exercise)) if not index else ''}</td>"
                    f'<td class="{css}">{esc(verdict_shown)}</td>'
                    f"<td>{esc(row.notebook if row else '')}</td><td>{esc(reason)}</td></tr>"
                )
        for row in uncounted_problems(rows, student):
            parts.append(
                f'<tr><td>-</td><td class="not-graded">{esc(verdict_in(language, row.verdict))}'
                f"</td><td>{esc(row.notebook)}</td><td>{esc(reason_in(language, row))}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def chart(rates: dict[str, tuple[int, int]], students: int, words: dict) -> str:
    """A horizontal bar per exercise: the share of those who handed it in whose answer is
    right."""
    bar_height, width, label = 22, 320, 190
    height = bar_height * len(rates) + 10
    bars = []
    for index, (name, (right, handed)) in enumerate(rates.items()):
        y = 5 + index * bar_height
        share = right / handed if handed else 0.0
        count = words["right of"].format(right=right, handed=handed, students=students)
        shown = f"{share:.0%}" if handed else "-"
        bars.append(
            f'<text x="{label - 6}" y="{y + 15}" text-anchor="end">'
            f"{EXERCISES[name][0]}. {name}</text>"
            f'<rect x="{label}" y="{y + 3}" width="{width}" height="{bar_height - 6}" '
            'fill="#eee"/>'
            f'<rect x="{label}" y="{y + 3}" width="{width * share:.1f}" '
            f'height="{bar_height - 6}" fill="#2f6fdf"/>'
            f'<text x="{label + width + 8}" y="{y + 15}">{shown}{words["open"]}{count}'
            f"{words['close']}</text>"
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 {label + width + 420}'
        f' {height}" role="img" aria-label="{words["chart"]}" font-size="12">'
        + "".join(bars)
        + "</svg>"
    )
