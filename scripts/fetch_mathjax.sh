#!/usr/bin/env bash
# Put MathJax 3 into _vendor/mathjax so the built book renders math offline.
# It comes from the npm package registry (never a CDN) and is not committed; the
# set-up runs this once. Usage: bash scripts/fetch_mathjax.sh
set -euo pipefail
version=3.2.2
cd "$(dirname "$0")/.."
target=_vendor/mathjax
if [ -f "$target/tex-chtml.js" ] && [ "$(cat "$target/VERSION" 2>/dev/null)" = "$version" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "npm is needed to fetch MathJax (install Node.js)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "mathjax@$version" >/dev/null)
tar -xzf "$tmp/mathjax-$version.tgz" -C "$tmp"
rm -rf "$target"
mkdir -p "$(dirname "$target")"
mv "$tmp/package/es5" "$target"
cp "$tmp/package/LICENSE" "$target/LICENSE"
echo "$version" > "$target/VERSION"
echo "MathJax $version is in $target"
