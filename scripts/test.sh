#!/usr/bin/env bash
# Set up the environment and run the tests: unit tests and strict nbval on every notebook, in
# quick mode, two at a time, with empty caches and no network (scripts/run_isolated.sh). The
# notebooks of the student edition (the course without its reference solutions, written to
# _build/student first) are run as strictly as the course's. Extra arguments go to pytest
# instead of the default selection.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh
if [ $# -eq 0 ]; then
  .venv/bin/course student > /dev/null
  set -- tests book _build/student/book
fi
bash scripts/run_isolated.sh .venv/bin/pytest -n 2 --dist loadfile "$@"
