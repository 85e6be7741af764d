#!/usr/bin/env bash
# Set up the environment and build the book (warnings are errors). The HTML goes to _build/html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh
.venv/bin/jupyter-book build . --warningiserror --keep-going --quiet
.venv/bin/python scripts/check_book_offline.py _build/html
echo "The book is built: open $(pwd)/_build/html/index.html in a browser."
