#!/usr/bin/env bash
# Put the book's third-party JavaScript into _vendor/, so that the built book and the slides work
# offline: MathJax 3 (math rendering) in _vendor/mathjax/, reveal.js 5 (the slides) in
# _vendor/reveal.js/ (its styles, a theme and its fonts, the notes and math plugins).
# Everything comes from the npm package registry (never a CDN) and is not committed; the
# set-up runs this once. Usage: bash scripts/fetch_vendor.sh
set -euo pipefail
cd "$(dirname "$0")/.."
stamp="mathjax@3.2.2 reveal.js@5.2.1"
if [ "$(cat _vendor/VERSIONS 2>/dev/null)" = "$stamp" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "npm is needed to fetch MathJax and reveal.js (install Node.js)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent mathjax@3.2.2 reveal.js@5.2.1 >/dev/null)
unpack() {  # unpack TARBALL into $tmp/NAME
  mkdir -p "$tmp/$2" && tar -xzf "$tmp/$1" -C "$tmp/$2"
}
unpack mathjax-3.2.2.tgz mathjax
unpack reveal.js-5.2.1.tgz reveal
rm -rf _vendor
mkdir -p _vendor/reveal.js/plugin
mv "$tmp/mathjax/package/es5" _vendor/mathjax
cp "$tmp/mathjax/package/LICENSE" _vendor/mathjax/LICENSE
reveal="$tmp/reveal/package"
cp "$reveal/dist/reset.css" "$reveal/dist/reveal.css" "$reveal/dist/reveal.js" \
  "$reveal/LICENSE" _vendor/reveal.js/
mkdir -p _vendor/reveal.js/theme
cp -r "$reveal/dist/theme/white.css" "$reveal/dist/theme/fonts" _vendor/reveal.js/theme/
cp -r "$reveal/plugin/notes" "$reveal/plugin/math" _vendor/reveal.js/plugin/
echo "$stamp" > _vendor/VERSIONS
echo "fetched into _vendor/: $stamp"
