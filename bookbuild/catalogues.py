"""The gettext catalogues of the Chinese edition: bringing them up to date, and checking them.

``locale/zh/<page>.po`` holds the Chinese of every segment of a page (``bookbuild.segments``), so
translators can work in Poedit, Weblate or Crowdin. ``update`` keeps every translation whose
English is unchanged; a changed paragraph gets the old translation marked fuzzy (with the old
English), which ``check`` reports until a translator revises it and removes the mark. ``check``
also reports a segment without a translation, an entry no segment uses any more, and a
translation that drops or alters what it must keep (``invariants``).
"""

import difflib
import re
from collections import Counter
from pathlib import Path

import polib

from . import pages
from .pages import INTERFACE, PAGES, catalogue_path
from .segments import CODE, MATH, PLACEHOLDER, ROLE, page_segments, strip_patterns

IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)[^)]*\)")
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)[^)]*\)")
NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")
# Everything translated: every page, and the interface's words.
TRANSLATED = [*PAGES, INTERFACE]


def invariants(text: str) -> dict[str, Counter]:
    """What a translation must reproduce exactly, each as a multiset."""
    no_roles = strip_patterns(text, PLACEHOLDER, ROLE)
    no_code = strip_patterns(no_roles, MATH, CODE)
    prose = strip_patterns(no_code, IMAGE, LINK)
    return {
        "cross-reference target": Counter(ROLE.findall(text)),
        "math expression": Counter(" ".join(m.split()) for m in MATH.findall(no_roles)),
        "inline code": Counter(CODE.findall(strip_patterns(no_roles, MATH))),
        "image": Counter(IMAGE.findall(no_code)),
        "link target": Counter(LINK.findall(no_code)),
        "number": Counter(NUMBER.findall(prose)),
        "placeholder": Counter(PLACEHOLDER.findall(text)),
    }


def inconsistencies(english: str, chinese: str) -> list[str]:
    """What ``chinese`` drops, adds or alters of ``english``'s invariants."""
    found = []
    want, got = invariants(english), invariants(chinese)
    for kind in want:
        missing, extra = want[kind] - got[kind], got[kind] - want[kind]
        if kind == "number":
            extra = Counter()  # Chinese writes digits where English writes "one", "a nine"
        if missing or extra:
            found.append(
                f"{kind} differs (English has {sorted(missing) or 'nothing more'}, "
                f"Chinese has {sorted(extra) or 'nothing more'})"
            )
    return found


def read_catalogue(path: Path) -> polib.POFile:
    return polib.pofile(str(path), wrapwidth=0) if path.exists() else new_catalogue()


def new_catalogue() -> polib.POFile:
    catalogue = polib.POFile(wrapwidth=0)
    catalogue.metadata = {
        "Project-Id-Version": "paddle-mnist-course",
        "Language": "zh_CN",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    return catalogue


def translations_of(english: str) -> dict[str, str]:
    """English segment -> its Chinese, for every translated entry of ``english``'s catalogue."""
    catalogue = read_catalogue(catalogue_path(english))
    return {e.msgid: e.msgstr for e in catalogue if e.msgstr and not e.obsolete}


def merge(catalogue: polib.POFile, segments: list[tuple[str, str]], source: str) -> polib.POFile:
    """A catalogue with one entry per segment (text, where), keeping existing translations; a
    segment whose English changed gets its nearest old translation, marked fuzzy."""
    old = {entry.msgid: entry for entry in catalogue if not entry.obsolete}
    merged = new_catalogue()
    merged.metadata = catalogue.metadata or merged.metadata
    placed: dict[str, polib.POEntry] = {}
    for text, where in segments:
        if text in placed:
            placed[text].occurrences.append((source, where))
            continue
        entry = polib.POEntry(msgid=text, occurrences=[(source, where)])
        if text in old:
            entry.msgstr = old[text].msgstr
            entry.flags = list(old[text].flags)
            entry.previous_msgid = old[text].previous_msgid
        else:
            unused = [msgid for msgid in old if msgid not in placed]
            nearest = difflib.get_close_matches(text, unused, n=1, cutoff=0.6)
            if nearest and old[nearest[0]].msgstr:
                entry.msgstr = old[nearest[0]].msgstr
                entry.flags = ["fuzzy"]
                entry.previous_msgid = nearest[0]
        placed[text] = entry
        merged.append(entry)
    return merged


def drift(english: str) -> list[str]:
    """Every problem of ``english``'s translation, each naming the page and the paragraph."""
    catalogue_file = catalogue_path(english)
    catalogue = read_catalogue(catalogue_file)
    entries = {e.msgid: e for e in catalogue if not e.obsolete}
    where = catalogue_file.relative_to(pages.ROOT)
    problems = []
    segments = page_segments(english)
    for segment in segments:
        label = f"{english}, {segment.where}, paragraph {segment.text[:70]!r}"
        entry = entries.get(segment.text)
        if entry is None or not entry.msgstr.strip():
            problems.append(
                f"{label}: no Chinese translation in {where} (run "
                "`course translate update`, then translate it)"
            )
        elif "fuzzy" in entry.flags:
            problems.append(
                f"{label}: the translation in {where} is marked fuzzy (the English "
                "changed); revise it and remove the mark"
            )
        else:
            problems += [
                f"{label}: {issue}" for issue in inconsistencies(entry.msgid, entry.msgstr)
            ]
    used = {segment.text for segment in segments}
    problems += [
        f"{where}: translation of a paragraph {english} no longer has "
        f"({msgid[:70]!r}); run `course translate update`"
        for msgid in entries
        if msgid not in used
    ]
    return problems


def update(english_pages: list[str] = TRANSLATED) -> None:
    """Bring the catalogues of ``english_pages`` up to date with their English."""
    pages.CATALOGUES.mkdir(parents=True, exist_ok=True)
    for english in english_pages:
        path = catalogue_path(english)
        segments = [(s.text, s.where) for s in page_segments(english)]
        merge(read_catalogue(path), segments, english).save(str(path))
        print(f"updated {path.relative_to(pages.ROOT)}")


def check() -> int:
    """Print every problem of every page's translation; 1 if there is any, else 0."""
    problems = [problem for english in TRANSLATED for problem in drift(english)]
    print("\n".join(problems) or "every page is translated")
    return 1 if problems else 0
