"""Run every chapter in full mode and save its outputs, quoted numbers and results (bookbuild.course_run).

    .venv/bin/python scripts/run_course.py [--quick] [NOTEBOOK...]
"""

import sys

from bookbuild.course_run import main

if __name__ == "__main__":
    sys.exit(main())
