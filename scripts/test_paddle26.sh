#!/usr/bin/env bash
# The course on the other Paddle line: Paddle 2.6.2 with NumPy < 2, installed as a student with
# Paddle does it (scripts/setup_paddle26.sh). Then the unit tests and strict nbval on every
# notebook, quick mode, empty caches, no network. The browser tests (the book, its PDFs and
# search, JupyterLab, VisualDL's page), the tests that never import Paddle (the book's machinery:
# segments, catalogues, the Chinese edition, quoted numbers, the results page, the full-run
# script, the import graph; and line lengths) and the exercise-cell tests (nbval's handling of what a
# student writes, the same on any Paddle) run once, in the main environment.
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_paddle26.sh
bash scripts/run_isolated.sh .venv-paddle26/bin/pytest -n 2 --dist loadfile \
  --ignore tests/test_book_browser.py --ignore tests/test_book_every_page.py \
  --ignore tests/test_book_search.py --ignore tests/test_visualdl_browser.py \
  --ignore tests/test_jupyterlab_browser.py \
  --ignore tests/test_book_pdf.py --ignore tests/test_segments.py \
  --ignore tests/test_catalogues.py --ignore tests/test_chinese_edition.py \
  --ignore tests/test_line_length.py --ignore tests/test_results_pages.py \
  --ignore tests/test_course_run.py --ignore tests/test_quoted_numbers.py \
  --ignore tests/test_import_graph.py --ignore tests/test_stand_in_checksum.py \
  --ignore tests/test_exercise_cells.py "$@"
