"""Test-wide settings: every test, and every notebook kernel nbval starts, runs in quick mode."""

import os

os.environ.setdefault("COURSE_QUICK", "1")
