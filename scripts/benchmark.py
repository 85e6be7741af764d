"""Time the data loading, one epoch and the course (bookbuild.benchmark).

    .venv/bin/python scripts/benchmark.py [--course none|quick|full]
"""

import sys

from bookbuild.benchmark import main

if __name__ == "__main__":
    sys.exit(main())
