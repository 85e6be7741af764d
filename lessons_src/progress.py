"""A student's exercise progress: the latest verdict of every exercise, kept in
``work/``.

``lessons_src.exercises.check`` records each verdict here (right, not right yet
with the reason, not written yet). The file is ``work/progress.json``, which
git ignores, so it is the student's own and survives ``git pull``;
``COURSE_PROGRESS_FILE`` points it elsewhere (the tests do).

python -m lessons_src.progress      # prints every chapter's exercises and
where you stand

Explained in chapter 1, where the first exercise is.
"""

import json
import os
import tempfile
from datetime import datetime
from pathlib import Path

PROGRESS_ENV = "COURSE_PROGRESS_FILE"
VERDICTS = ("right", "not right yet", "not written yet")


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


def record_verdict(exercise: str, verdict: str, detail: str = "") -> None:
    """Store the latest verdict of ``exercise``, replacing the file atomically.

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


def progress_table(exercises: dict[str, int], path: Path | None = None) -> str:
    """A plain-text table of ``exercises`` (name -> chapter) with their latest
    verdicts."""
    progress = read_progress(path)
    rows = [("chapter", "exercise", "latest verdict", "checked")]
    for name, chapter in sorted(
        exercises.items(), key=lambda item: (item[1], item[0])
    ):
        entry = progress.get(name)
        if entry is None:
            rows.append((str(chapter), name, "not tried yet", "-"))
            continue
        verdict = entry.get("verdict", "?")
        if entry.get("detail"):
            verdict += f": {entry['detail']}"
        rows.append(
            (
                str(chapter),
                name,
                verdict,
                entry.get("checked", "-").replace("T", " "),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths))
        + "  "
        + row[3]
        for row in rows
    ]
    done = sum(
        1
        for name in exercises
        if progress.get(name, {}).get("verdict") == "right"
    )
    lines.append(
        f"{done} of {len(exercises)} exercises right. Verdicts are kept in "
        f"{path or progress_file()}."
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
