#!/usr/bin/env bash
# Create .venv-paddle26 the way a student with Paddle already installed does it: Paddle 2.6.2
# (AI Studio's) with NumPy < 2 first, then requirements-without-paddle.txt, which must leave that
# Paddle alone, and the maintainers' test tools. Safe to run again: it reinstalls only when the requirements changed.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-paddle26
python=${PYTHON:-$(command -v python3.11 || command -v python3)}
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
stamp="$venv/.requirements.md5"
wanted=$(cat requirements-without-paddle.txt pyproject.toml "$0" | md5sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  "$venv/bin/python" -m pip install --quiet "paddlepaddle==2.6.2" "numpy<2"
  "$venv/bin/python" -m pip install --quiet -r requirements-without-paddle.txt
  # the test tools: the test files import them even where their tests are not selected
  "$venv/bin/python" -m pip install --quiet -e ".[maintain]"
  "$venv/bin/python" -m pip check
  echo "$wanted" > "$stamp"
fi
# Installing the course's requirements must not have replaced Paddle or its NumPy.
"$venv/bin/python" - <<'PY'
import importlib.metadata as meta
paddle, numpy = meta.version("paddlepaddle"), meta.version("numpy")
assert paddle == "2.6.2" and numpy.startswith("1."), f"paddlepaddle {paddle}, numpy {numpy}"
print(f"Paddle line 2.6: paddlepaddle {paddle}, numpy {numpy}")
PY
