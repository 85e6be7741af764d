"""Test-wide settings, inherited by every notebook kernel nbval starts: quick mode, and a scratch
progress file, so that running the tests never touches a student's own exercise verdicts.

nbval runs the English notebooks only: each Chinese notebook (book/*.zh.ipynb) lies in the same
folder as its English one and has the same code cells (apart from their comments and the
docstrings of the exercises), outputs and metadata, which tests/test_chinese_edition.py asserts, so
it runs exactly as the English one does."""

import os
import tempfile
from pathlib import Path

from lessons_src.mode import QUICK_ENV
from lessons_src.verdicts import PROGRESS_ENV

os.environ.setdefault(QUICK_ENV, "1")
os.environ.setdefault(
    PROGRESS_ENV, str(Path(tempfile.mkdtemp(prefix="course-progress-")) / "progress.json")
)

# the student edition's Chinese notebooks likewise (scripts/test.sh runs its English ones)
collect_ignore_glob = ["book/*.zh.ipynb", "_build/student/book/*.zh.ipynb"]
