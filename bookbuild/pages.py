"""The pages of the book, read from its table of contents, ``_toc.yml``: the one list of them.

The English notebooks and pages are the only source; each has a Chinese edition beside it
(``book/intro.md`` -> ``book/intro.zh.md``) and a gettext catalogue, ``locale/zh/<page>.po``,
with the Chinese of its prose (see ``bookbuild.catalogues``). Adding a chapter is adding its
notebook, its line in ``_toc.yml`` and its catalogue; every module and test takes the list
from here.
"""

from pathlib import Path

import yaml

# The repository; the other modules read it (and CATALOGUES) from here, as ``pages.ROOT``
# where a test may point it at a scratch copy.
ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = ROOT / "locale" / "zh"
TOC = "_toc.yml"
# Not a page: the words of the book's interface (its title, the captions of the table of
# contents, the language link, the PDF's front matter), translated like a page's prose.
INTERFACE = "interface"
RESULTS_PAGE = "book/results.md"  # generated from book/results.json by bookbuild.results_pages
# Pages of the repository that are not in the book but have a Chinese edition.
REPOSITORY_PAGES = ["README.md", "MAINTAINING.md", "teaching/for_students.md"]


def read_toc(toc: str = TOC) -> dict:
    return yaml.safe_load((ROOT / toc).read_text(encoding="utf-8"))


def toc_files(toc: dict) -> list[str]:
    """The documents of a table of contents, in reading order, without their suffix."""
    return [toc["root"]] + [
        chapter["file"] for part in toc["parts"] for chapter in part["chapters"]
    ]


def source_file(document: str) -> str:
    """``book/intro`` -> ``book/intro.md`` (or ``.ipynb``, whichever exists)."""
    for suffix in (".ipynb", ".md"):
        if (ROOT / f"{document}{suffix}").exists():
            return f"{document}{suffix}"
    raise FileNotFoundError(
        f"{TOC} lists {document}, but neither {document}.ipynb nor {document}.md exists"
    )


# Every page of the English book, in reading order, and its chapters (the notebooks).
BOOK_PAGES = [source_file(document) for document in toc_files(read_toc())]
CHAPTERS = [page for page in BOOK_PAGES if page.endswith(".ipynb")]
# Every English page that has a Chinese edition.
PAGES = BOOK_PAGES + REPOSITORY_PAGES


def chinese_path(english: str) -> str:
    """``book/intro.md`` -> ``book/intro.zh.md``."""
    path = Path(english)
    return str(path.with_name(f"{path.stem}.zh{path.suffix}"))


def catalogue_path(english: str) -> Path:
    """``book/intro.md`` -> ``locale/zh/intro.po``."""
    return CATALOGUES / f"{Path(english).stem}.po"
