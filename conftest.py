"""Test-wide settings, inherited by every notebook kernel nbval starts: quick mode, and a scratch
progress file, so that running the tests never touches a student's own exercise verdicts."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("COURSE_QUICK", "1")
os.environ.setdefault("COURSE_PROGRESS_FILE", str(Path(tempfile.mkdtemp(prefix="course-progress-")) / "progress.json"))
