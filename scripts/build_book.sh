#!/usr/bin/env bash
# Set up the environment and build both editions of the book (warnings are errors): English in
# _build/html, Chinese in _build/html/zh, each also as one PDF printed by Chromium; then check
# that no page fetches anything from outside the book (`.venv/bin/course build --help`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh
.venv/bin/course build
echo "The book is built: open $(pwd)/_build/html/index.html in a browser"
echo "(中文版: $(pwd)/_build/html/zh/index.html). PDF: _build/html/handwritten-digits-paddle.pdf"
echo "and _build/html/zh/handwritten-digits-paddle.pdf."
