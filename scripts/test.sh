#!/usr/bin/env bash
# Set up the environment and run the tests: unit tests and strict nbval on every notebook, in
# quick mode, two at a time, with empty caches and no network (scripts/run_isolated.sh).
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh
bash scripts/run_isolated.sh .venv/bin/pytest -n 2 --dist loadfile "$@"
