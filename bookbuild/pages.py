"""The pages of the book and where each edition of a page lives.

The English notebooks and pages are the only source; each has a Chinese edition beside it
(``book/intro.md`` -> ``book/intro.zh.md``) and a gettext catalogue, ``locale/zh/<page>.po``,
with the Chinese of its prose (see ``bookbuild.catalogues``).
"""

from pathlib import Path

# The repository; the other modules read it (and CATALOGUES) from here, as ``pages.ROOT``
# where a test may point it at a scratch copy.
ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "locale" / "zh"
# Every English page; each has a Chinese edition.
PAGES = [
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "book").glob("[0-9][0-9]_*.ipynb")
            if not p.name.endswith(".zh.ipynb")),
    "book/intro.md", "book/draw_a_digit.md", "book/results.md", "book/appendix_fluid_api.md",
    "book/glossary.md", "README.md", "MAINTAINING.md",
]
RESULTS_PAGE = "book/results.md"  # generated from book/results.json by bookbuild.results_pages


def chinese_path(english: str) -> str:
    """``book/intro.md`` -> ``book/intro.zh.md``."""
    path = Path(english)
    return str(path.with_name(f"{path.stem}.zh{path.suffix}"))


def catalogue_path(english: str) -> Path:
    """``book/intro.md`` -> ``locale/zh/intro.po``."""
    return CATALOGUES / f"{Path(english).stem}.po"
