"""Sphinx extension: a link at the top of every page to the same page in the other edition, and
each edition's search box text (Jupyter Book sets an English one that the theme's own Chinese
translation would otherwise not replace). The words come from bookbuild.editions.

The English book is built into ``_build/html/``, the Chinese one into ``_build/html/zh/``; the
Chinese page of ``book/intro`` is ``book/intro.zh`` (see bookbuild.chinese_edition). The link is
plain HTML in the page, so it works offline and without JavaScript.
"""

from pathlib import Path

from .editions import ENGLISH, edition_of, other


def _counterpart(app, pagename: str) -> tuple[str, str, str] | None:
    """(href, language, label) of ``pagename``'s page in the other edition, if it has one."""
    here = edition_of(app.config.language)
    there = other(here)
    up = "../" * pagename.count("/")
    if here is ENGLISH:
        source = Path(app.srcdir) / pagename
        if not any(
            source.with_name(f"{source.name}{there.page_suffix}{ext}").exists()
            for ext in (".ipynb", ".md")
        ):
            return None
        return (
            f"{up}{there.folder}/{there.page(pagename)}.html",
            there.html_lang,
            there.words["edition name"],
        )
    if not pagename.endswith(here.page_suffix):
        return None
    return (
        f"../{up}{pagename.removesuffix(here.page_suffix)}.html",
        there.html_lang,
        there.words["edition name"],
    )


def add_language_switch(app, pagename, templatename, context, doctree) -> None:
    if doctree is None or "body" not in context:
        return  # search, index and other generated pages
    found = _counterpart(app, pagename)
    if found:
        href, language, label = found
        context["body"] = (
            f'<p class="language-switch"><a href="{href}" hreflang="{language}" '
            f'lang="{language}">{label}</a></p>\n' + context["body"]
        )


def search_box_words(app, config) -> None:
    config.html_theme_options["search_bar_text"] = edition_of(config.language).words["search"]


def setup(app):
    app.connect("config-inited", search_box_words)
    app.connect("html-page-context", add_language_switch)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
