#!/usr/bin/env bash
# Set up the environment and run the tests: unit tests and strict nbval on every notebook,
# in quick mode, two at a time. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh
.venv/bin/pytest -n 2 --dist loadfile "$@"
