"""The book's two editions, in one registry: what differs between them, and nothing else.

The English edition is the source; the Chinese one is written from it (``bookbuild.
chinese_edition``) into pages beside the English ones (``book/intro.zh.md``), built into the
``zh`` folder of the HTML, and its interface words (title, captions, language link, search box,
the PDF's front matter) are translated in ``locale/zh/interface.po`` like any page's prose.
"""

from dataclasses import dataclass

import polib
import yaml

from .pages import INTERFACE, ROOT, TOC, catalogue_path, read_toc

CONFIG = "_config.yml"


def english_words() -> dict[str, str]:
    """The interface's English words, by what they are for (each a segment to translate)."""
    config = yaml.safe_load((ROOT / CONFIG).read_text(encoding="utf-8"))
    return {
        "title": config["title"],
        # this edition's name, shown on the other edition's pages as the link to this one
        "edition name": "English",
        "search": "Search this book...",
        "subtitle": "An executable course, printed from the web edition",
        "contents": "Contents",
        "demo note": "The web edition of the book has an interactive demo here.",
        **{
            f"caption {number}": part["caption"]
            for number, part in enumerate(read_toc()["parts"], start=1)
        },
    }


@dataclass(frozen=True)
class Edition:
    """One edition of the book."""

    code: str  # "en" or "zh", as in the tests' parameters
    html_lang: str  # the HTML ``lang`` of its pages
    sphinx_language: str  # Sphinx's ``language`` (the theme's own words, the search)
    folder: str  # where it is built, under the HTML folder
    page_suffix: str  # book/intro -> book/intro.zh
    toc: str  # its table of contents, in the repository
    words: dict[str, str]

    def page(self, english_document: str) -> str:
        """``book/intro`` -> this edition's ``book/intro.zh``."""
        return english_document + self.page_suffix


def translated(words: dict[str, str]) -> dict[str, str]:
    """``words`` in Chinese, from the interface's catalogue (English where none is yet)."""
    path = catalogue_path(INTERFACE)
    catalogue = polib.pofile(str(path), wrapwidth=0) if path.exists() else []
    chinese = {
        entry.msgid: entry.msgstr for entry in catalogue if entry.msgstr and not entry.obsolete
    }
    return {key: chinese.get(english, english) for key, english in words.items()}


ENGLISH = Edition("en", "en", "en", ".", "", TOC, english_words())
CHINESE = Edition("zh", "zh-CN", "zh_CN", "zh", ".zh", "_toc.zh.yml", translated(ENGLISH.words))
EDITIONS = [ENGLISH, CHINESE]


def edition_of(sphinx_language: str | None) -> Edition:
    """The edition Sphinx builds with ``language`` (None is English)."""
    return CHINESE if (sphinx_language or "en").startswith("zh") else ENGLISH


def other(edition: Edition) -> Edition:
    return CHINESE if edition is ENGLISH else ENGLISH
