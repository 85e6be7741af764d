#!/usr/bin/env bash
# Create .venv-paddle26 the way a student with Paddle already installed does it: Paddle 2.6.2
# (AI Studio's) with NumPy < 2 first, then requirements-without-paddle.txt, which must leave that
# Paddle alone, and the maintainers' test tools. Safe to run again: it reinstalls only when the requirements changed.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-paddle26
# AI Studio's Python is 3.10: use it where the machine has one (on PATH, or installed by pyenv),
# else the newest Python the course supports. A pyenv shim for a version not selected fails to
# run, so each candidate must actually start.
python=""
for candidate in ${PYTHON:-} python3.10 "$(pyenv root 2>/dev/null)"/versions/3.10*/bin/python3.10 \
    python3.11 python3; do
  if "$candidate" -c "" 2>/dev/null; then python=$candidate; break; fi
done
[ -n "$python" ] || { echo "no Python 3.10 or newer found" >&2; exit 1; }
wanted_python=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
if [ -x "$venv/bin/python" ] \
    && [ "$("$venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" \
    != "$wanted_python" ]; then
  rm -rf "$venv"  # made with another Python: make it again with the one chosen above
fi
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
import sys
paddle, numpy = meta.version("paddlepaddle"), meta.version("numpy")
assert paddle == "2.6.2" and numpy.startswith("1."), f"paddlepaddle {paddle}, numpy {numpy}"
print(f"Paddle line 2.6: paddlepaddle {paddle}, numpy {numpy}, Python {sys.version.split()[0]}")
PY
