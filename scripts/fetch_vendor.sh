#!/usr/bin/env bash
# Put the book's third-party JavaScript, MathJax 3 (math rendering), into _vendor/mathjax/, so
# the built book works offline.
# Everything comes from the npm package registry (never a CDN) and is not committed; the
# set-up runs this once. Usage: bash scripts/fetch_vendor.sh
set -euo pipefail
cd "$(dirname "$0")/.."
stamp="mathjax@3.2.2"
if [ "$(cat _vendor/VERSIONS 2>/dev/null)" = "$stamp" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "npm is needed to fetch MathJax (install Node.js)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent $stamp >/dev/null)
unpack() {  # unpack TARBALL into $tmp/NAME
  mkdir -p "$tmp/$2" && tar -xzf "$tmp/$1" -C "$tmp/$2"
}
unpack mathjax-3.2.2.tgz mathjax
rm -rf _vendor
mkdir -p _vendor
mv "$tmp/mathjax/package/es5" _vendor/mathjax
cp "$tmp/mathjax/package/LICENSE" _vendor/mathjax/LICENSE
echo "$stamp" > _vendor/VERSIONS
echo "fetched into _vendor/: $stamp"
