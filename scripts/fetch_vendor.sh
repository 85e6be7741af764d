#!/usr/bin/env bash
# Put the book's third-party JavaScript into _vendor/, so the built book works offline:
#   _vendor/mathjax/  MathJax 3 (math rendering)
#   _vendor/widgets/  RequireJS and the Jupyter widgets HTML manager (interactive widgets)
# Everything comes from the npm package registry (never a CDN) and is not committed; the
# set-up runs this once. Usage: bash scripts/fetch_vendor.sh
set -euo pipefail
cd "$(dirname "$0")/.."
stamp="mathjax@3.2.2 requirejs@2.3.7 @jupyter-widgets/html-manager@1.0.15"
if [ "$(cat _vendor/VERSIONS 2>/dev/null)" = "$stamp" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "npm is needed to fetch MathJax and the widget scripts (install Node.js)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent $stamp >/dev/null)
unpack() {  # unpack TARBALL into $tmp/NAME
  mkdir -p "$tmp/$2" && tar -xzf "$tmp/$1" -C "$tmp/$2"
}
unpack mathjax-3.2.2.tgz mathjax
unpack requirejs-2.3.7.tgz requirejs
unpack jupyter-widgets-html-manager-1.0.15.tgz widgets
rm -rf _vendor
mkdir -p _vendor/widgets
mv "$tmp/mathjax/package/es5" _vendor/mathjax
cp "$tmp/mathjax/package/LICENSE" _vendor/mathjax/LICENSE
cp "$tmp/requirejs/package/require.js" _vendor/widgets/require.js
cp "$tmp/widgets/package/dist/"* _vendor/widgets/
cp "$tmp/widgets/package/LICENSE" _vendor/widgets/LICENSE.html-manager 2>/dev/null || true
echo "$stamp" > _vendor/VERSIONS
echo "fetched into _vendor/: $stamp"
