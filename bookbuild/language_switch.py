"""Sphinx extension: a link at the top of every page to the same page in the other edition, and
the Chinese edition's search box text (Jupyter Book sets an English one that the theme's own
Chinese translation would otherwise not replace).

The English book is built into ``_build/html/``, the Chinese one into ``_build/html/zh/``; the
Chinese page of ``book/intro`` is ``book/intro.zh`` (see bookbuild.chinese_edition). The link is
plain HTML in the page, so it works offline and without JavaScript.
"""

from pathlib import Path


def _counterpart(app, pagename: str) -> tuple[str, str, str] | None:
    """(href, language, label) of ``pagename``'s page in the other edition, if it has one."""
    up = "../" * pagename.count("/")
    if app.config.language.startswith("zh"):
        if not pagename.endswith(".zh"):
            return None
        return f"../{up}{pagename.removesuffix('.zh')}.html", "en", "English"
    source = Path(app.srcdir) / pagename
    if not any(source.with_name(f"{source.name}.zh{ext}").exists() for ext in (".ipynb", ".md")):
        return None
    return f"{up}zh/{pagename}.zh.html", "zh-CN", "中文版"


def add_language_switch(app, pagename, templatename, context, doctree) -> None:
    if doctree is None or "body" not in context:
        return  # search, index and other generated pages
    found = _counterpart(app, pagename)
    if found:
        href, language, label = found
        context["body"] = (f'<p class="language-switch"><a href="{href}" hreflang="{language}" '
                           f'lang="{language}">{label}</a></p>\n' + context["body"])


def chinese_search_box(app, config) -> None:
    if config.language.startswith("zh"):
        config.html_theme_options["search_bar_text"] = "搜索本书……"


def setup(app):
    app.connect("config-inited", chinese_search_box)
    app.connect("html-page-context", add_language_switch)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
