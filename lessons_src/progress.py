"""A student's exercise progress: every exercise of the course with its latest
verdict, as a table.

    python -m lessons_src.progress      # prints every chapter's exercises and
    where you stand

The verdicts are those ``lessons_src.exercises.check`` recorded
(``lessons_src.verdicts``). The table is printed in English and Chinese
(verdicts, reasons and headings), like the verdicts themselves. Explained in
chapter 1, where the first exercise is.
"""

import unicodedata
from pathlib import Path

from .exercises import EXERCISES
from .verdicts import _progress_file, _read_progress

IN_CHINESE = {
    "right": "正确",
    "not right yet": "还不对",
    "not written yet": "还没写",
    "not tried yet": "还没做",
}


def _display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Chinese characters take two."""
    return sum(
        2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text
    )


def _progress_table(
    exercises: dict[str, int], path: Path | None = None
) -> str:
    """A plain-text table of ``exercises`` (name -> chapter) with their latest
    verdicts; a reason follows its row, in English and in Chinese."""
    progress = _read_progress(path)
    rows = [
        (
            "chapter 章",
            "exercise 练习",
            "latest verdict 最近一次判定",
            "checked 检查时间",
        )
    ]
    reasons: list[list[str]] = [[]]
    for name, chapter in sorted(
        exercises.items(), key=lambda item: (item[1], item[0])
    ):
        entry = progress.get(name, {"verdict": "not tried yet"})
        verdict = entry.get("verdict", "?")
        checked = entry.get("checked", "-").replace("T", " ")
        rows.append(
            (
                str(chapter),
                name,
                f"{verdict} {IN_CHINESE.get(verdict, '')}",
                checked,
            )
        )
        reasons.append(
            [
                f"    {text}"
                for text in (entry.get("detail"), entry.get("detail_zh"))
                if text
            ]
        )
    widths = [max(_display_width(row[i]) for row in rows) for i in range(3)]
    lines = []
    for row, reason in zip(rows, reasons):
        cells = [
            cell + " " * (width - _display_width(cell))
            for cell, width in zip(row, widths)
        ]
        lines += ["  ".join(cells) + "  " + row[3], *reason]
    done = sum(
        1
        for name in exercises
        if progress.get(name, {}).get("verdict") == "right"
    )
    kept_in = path or _progress_file()
    lines.append(
        f"{done} of {len(exercises)} exercises right. Verdicts are kept in "
        f"{kept_in}.\n{len(exercises)} 道练习中已做对 {done} 道。判定保存在 "
        f"{kept_in}。"
    )
    return "\n".join(lines)


def _main() -> None:
    print(
        _progress_table(
            {name: chapter for name, (chapter, _) in EXERCISES.items()}
        )
    )


if __name__ == "__main__":
    _main()
