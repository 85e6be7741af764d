#!/usr/bin/env bash
# The course on the other Paddle line: Paddle 2.6.2 with NumPy < 2, installed as a student with
# Paddle does it (scripts/setup_paddle26.sh). Then the unit tests and strict nbval on every
# notebook, quick mode, empty caches, no network. The tests marked browser, machinery and
# main_env (tests/conftest.py says what each means) run once, in the main environment.
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_paddle26.sh
bash scripts/run_isolated.sh .venv-paddle26/bin/pytest -n 2 --dist loadfile \
  -m "not browser and not machinery and not main_env" "$@"
