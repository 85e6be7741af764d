"""Where the verdicts of the exercises are kept: the latest verdict of each
exercise, in ``work/``.

``lessons_src.exercises.check`` records each verdict here (right, not right yet
with the reason, not written yet). The file is ``work/progress.json``, which
git ignores, so it is the student's own and survives ``git pull``;
``COURSE_PROGRESS_FILE`` points it elsewhere (the tests do).
``lessons_src.progress`` prints them as a table. Explained in chapter 1, where
the first exercise is.
"""

import json
import os
import tempfile
from datetime import datetime
from pathlib import Path

PROGRESS_ENV = "COURSE_PROGRESS_FILE"
VERDICTS = ("right", "not right yet", "not written yet")


def _progress_file() -> Path:
    """Where verdicts are kept: ``COURSE_PROGRESS_FILE``, else the repository's
    ``work/progress.json``."""
    override = os.environ.get(PROGRESS_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "work" / "progress.json"


def _read_progress(path: Path | None = None) -> dict[str, dict]:
    """The recorded verdicts by exercise name; empty when nothing was recorded
    or the file is unreadable."""
    path = path or _progress_file()
    try:
        recorded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return recorded if isinstance(recorded, dict) else {}


def _record_verdict(
    exercise: str, verdict: str, detail: str = "", detail_zh: str = ""
) -> None:
    """Store the latest verdict of ``exercise`` (with its reason in English and
    Chinese), replacing the file atomically.

    A progress file that cannot be written (a read-only folder) must never stop
    a notebook, so failures to write are ignored.
    """
    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {VERDICTS}, not {verdict!r}")
    path = _progress_file()
    progress = _read_progress(path)
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
