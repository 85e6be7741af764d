#!/usr/bin/env bash
# Create .venv (Python 3.11) with everything in requirements.txt, and fetch MathJax for the book.
# Safe to run again: it reinstalls only when requirements.txt or pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-$(command -v python3.11 || command -v python3)}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
stamp=.venv/.requirements.md5
wanted=$(cat requirements.txt pyproject.toml | md5sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements.txt
  .venv/bin/python -m pip check
  echo "$wanted" > "$stamp"
fi
bash scripts/fetch_vendor.sh
