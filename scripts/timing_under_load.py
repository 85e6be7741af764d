"""Run chapters 2 and 6 on an idle and on a busy machine; print their timings (bookbuild.timing_under_load).

    .venv/bin/python scripts/timing_under_load.py [--runs N] [--conditions idle loaded]
"""

import sys

from bookbuild.timing_under_load import main

if __name__ == "__main__":
    sys.exit(main())
