"""A student's exercise progress: the latest verdict of every exercise, kept in
``work/``.

``lessons_src.exercises.check`` records each verdict here (right, not right yet
with the reason, not written yet). The file is ``work/progress.json``, which
git ignores, so it is the student's own and survives ``git pull``;
``COURSE_PROGRESS_FILE`` points it elsewhere (the tests do).

python -m lessons_src.progress      # prints every chapter's exercises and
where you stand

The table is printed in English and Chinese (verdicts, reasons and headings),
like the verdicts themselves. Explained in chapter 1, where the first exercise
is.
"""

import json
import os
import tempfile
import unicodedata
from datetime import datetime
from pathlib import Path

PROGRESS_ENV = "COURSE_PROGRESS_FILE"
VERDICTS = ("right", "not right yet", "not written yet")
IN_CHINESE = {
    "right": "正确",
    "not right yet": "还不对",
    "not written yet": "还没写",
    "not tried yet": "还没做",
}


def progress_file() -> Path:
    """Where verdicts are kept: ``COURSE_PROGRESS_FILE``, else the repository's
    ``work/progress.json``."""
    override = os.environ.get(PROGRESS_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "work" / "progress.json"


def read_progress(path: Path | None = None) -> dict[str, dict]:
    """The recorded verdicts by exercise name; empty when nothing was recorded
    or the file is unreadable."""
    path = path or progress_file()
    try:
        recorded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return recorded if isinstance(recorded, dict) else {}


def record_verdict(
    exercise: str, verdict: str, detail: str = "", detail_zh: str = ""
) -> None:
    """Store the latest verdict of ``exercise`` (with its reason in English and
    Chinese), replacing the file atomically.

    A progress file that cannot be written (a read-only folder) must never stop
    a notebook, so failures to write are ignored.
    """
    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {VERDICTS}, not {verdict!r}")
    path = progress_file()
    progress = read_progress(path)
    progress[exercise] = {
        "verdict": verdict,
        "detail": detail,
        "detail_zh": detail_zh,
        "checked": datetime.now().isoformat(timespec="seconds"),
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", dir=path.parent, suffix=".tmp", delete=False, encoding="utf-8"
        ) as handle:
            json.dump(progress, handle, indent=1, sort_keys=True)
        os.replace(handle.name, path)
    except OSError:
        pass


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Chinese characters take two."""
    return sum(
        2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text
    )


def progress_table(exercises: dict[str, int], path: Path | None = None) -> str:
    """A plain-text table of ``exercises`` (name -> chapter) with their latest
    verdicts; a reason follows its row, in English and in Chinese."""
    progress = read_progress(path)
    rows = [
        (
            "chapter 章",
            "exercise 练习",
            "latest verdict 最近的判定",
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
    widths = [max(display_width(row[i]) for row in rows) for i in range(3)]
    lines = []
    for row, reason in zip(rows, reasons):
        cells = [
            cell + " " * (width - display_width(cell))
            for cell, width in zip(row, widths)
        ]
        lines += ["  ".join(cells) + "  " + row[3], *reason]
    done = sum(
        1
        for name in exercises
        if progress.get(name, {}).get("verdict") == "right"
    )
    kept_in = path or progress_file()
    lines.append(
        f"{done} of {len(exercises)} exercises right. Verdicts are kept in "
        f"{kept_in}.\n{len(exercises)} 道练习中已做对 {done} 道。判定保存在 "
        f"{kept_in}。"
    )
    return "\n".join(lines)


def main() -> None:
    from .exercises import EXERCISES

    print(
        progress_table(
            {name: chapter for name, (chapter, _) in EXERCISES.items()}
        )
    )


if __name__ == "__main__":
    main()
