"""Fail if a built HTML page loads a script, stylesheet, font or image from outside the book.

Links a reader clicks (<a href>) may point anywhere; what the browser fetches by itself must be
local, so the book works offline.
"""

import re
import sys
from pathlib import Path

# Attributes a browser fetches without a click: script and image sources, stylesheets, preloads.
FETCHED = re.compile(
    r"<(?:script|img|iframe|source|video|audio)\b[^>]*\bsrc=[\"'](?P<src>[^\"']+)"
    r"|<link\b[^>]*\bhref=[\"'](?P<href>[^\"']+)[^>]*>",
    re.IGNORECASE,
)
REMOTE = re.compile(r"^(?:https?:)?//", re.IGNORECASE)


def remote_fetches(html: str) -> list[str]:
    """The remote URLs an HTML page makes the browser fetch."""
    found = []
    for match in FETCHED.finditer(html):
        url = match.group("src") or match.group("href")
        tag = match.group(0).lower()
        if match.group("href") and not re.search(
            r"rel=[\"'](?:stylesheet|preload|modulepreload|icon)", tag
        ):
            continue  # <link rel="canonical"> and the like are not fetched
        if REMOTE.match(url):
            found.append(url)
    return found


def check(build_dir: Path) -> int:
    """Print every page of ``build_dir`` that fetches from outside the book; 1 if any."""
    pages = sorted(Path(build_dir).rglob("*.html"))
    if not pages:
        print(f"no HTML pages under {build_dir}: build the book first", file=sys.stderr)
        return 1
    bad = {
        page: urls for page in pages if (urls := remote_fetches(page.read_text(encoding="utf-8")))
    }
    for page, urls in bad.items():
        print(f"{page}: loads {', '.join(sorted(set(urls)))}", file=sys.stderr)
    if bad:
        return 1
    print(f"{len(pages)} pages checked: nothing is fetched from outside the book")
    return 0
