#!/usr/bin/env bash
# Check, without installing anything, that requirements-without-paddle.txt resolves to wheels for
# Python 3.10 and 3.13 on Linux x86-64, and that it would never install or replace Paddle.
# The two resolutions run at the same time (they mostly wait for the package index).
set -euo pipefail
cd "$(dirname "$0")/.."
versions="3.10 3.13"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for version in $versions; do
  .venv/bin/python -m pip install --dry-run --ignore-installed --only-binary=:all: \
    --python-version "$version" --platform manylinux2014_x86_64 --implementation cp \
    -r requirements-without-paddle.txt > "$out/$version" 2>&1 &
done
wait
for version in $versions; do
  plan=$(grep '^Would install' "$out/$version") || {
    cat "$out/$version" >&2
    echo "requirements-without-paddle.txt does not resolve for Python $version" >&2
    exit 1
  }
  if echo "$plan" | grep -qi paddlepaddle; then
    echo "requirements-without-paddle.txt would install Paddle for Python $version" >&2
    exit 1
  fi
  echo "Python $version resolves ($(( $(echo "$plan" | wc -w) - 2 )) packages, no Paddle): $plan"
done
