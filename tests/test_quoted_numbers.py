"""Numbers in the prose are numbers in the notebooks, tied to the committed full-mode run.

Every quoted number of every notebook (both editions) must be what the saved outputs recorded;
a changed one fails naming the page and the quantity, and ``requote`` (which the full-mode run
calls) writes it back. No notebook cell may hold Markdown that Jupyter shows as raw text.
"""

import re
from pathlib import Path

import nbformat
import pytest
from myst_nb.core.variables import format_plain_text

from bookbuild import quoted_numbers
from bookbuild.pages import CHAPTERS, ROOT, chinese_path

pytestmark = pytest.mark.machinery

ENGLISH = [ROOT / chapter for chapter in CHAPTERS]
NOTEBOOKS = ENGLISH + [ROOT / chinese_path(chapter) for chapter in CHAPTERS]


def page(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_quoted_number_is_what_the_committed_run_measured(path):
    notebook = nbformat.read(path, as_version=4)
    problems = quoted_numbers.stale_quotes(notebook, page(path))
    assert not problems, "\n".join(problems)


def test_the_chapters_quote_their_numbers():
    counts = {p.name: len(quoted_numbers.quotes(nbformat.read(p, as_version=4))) for p in ENGLISH}
    assert sum(counts.values()) >= 120, counts


@pytest.fixture
def chapter_1():
    return nbformat.read(ROOT / "book" / "01_linear_baseline.ipynb", as_version=4)


def cell_quoting(notebook, name: str) -> int:
    return next(n for n, key, _ in quoted_numbers.quotes(notebook) if key.startswith(name))


def test_a_number_that_differs_from_the_run_fails_naming_page_and_quantity(chapter_1):
    number = cell_quoting(chapter_1, "ch1_test_accuracy")
    cell = chapter_1.cells[number]
    cell.source = re.sub(
        r'(data-measured="ch1_test_accuracy:\.1%">)[^<]*', r"\g<1>23.8%", cell.source
    )
    assert quoted_numbers.stale_quotes(chapter_1, "book/01_linear_baseline.ipynb") == [
        f"book/01_linear_baseline.ipynb, cell {number}: ch1_test_accuracy is quoted as '23.8%', "
        "but the saved run measured '22.8%' (run course run)"
    ]
    assert quoted_numbers.requote(chapter_1) == 1
    assert '<span data-measured="ch1_test_accuracy:.1%">22.8%</span>' in cell.source
    assert not quoted_numbers.stale_quotes(chapter_1, "book/01_linear_baseline.ipynb")


def test_a_new_run_rewrites_the_quoted_numbers(chapter_1):
    for cell in chapter_1.cells:
        for output in cell.get("outputs", []):
            if output.get("metadata", {}).get("scrapbook", {}).get("name") == "ch1_spread":
                output["data"][quoted_numbers.RECORD] = "6.04"
    assert quoted_numbers.requote(chapter_1) == 2  # quoted in the text and in a question
    sources = "".join(cell.source for cell in chapter_1.cells)
    assert sources.count('<span data-measured="ch1_spread:.1f">6.0</span>') == 2


def test_a_quote_of_a_value_no_cell_records_fails(chapter_1):
    chapter_1.cells[0].source += '\n\n<span data-measured="ch1_nothing:.1f">1.0</span>'
    assert quoted_numbers.stale_quotes(chapter_1, "x.ipynb") == [
        "x.ipynb, cell 0: quotes 'ch1_nothing', which no cell records with glue()"
    ]


@pytest.mark.parametrize(
    "recorded, key",
    [
        ("0.2276", "x:.1%"),
        ("0.01234", "x:+.2%"),
        ("5.816555023193359", "x:.1f"),
        ("11521", "x"),
        ("11521", "x:,d"),
        ("'15,000'", "x"),
        ("3", "x:.2f"),
        ("0.5", "x:.3f"),
    ],
)
def test_numbers_are_formatted_as_myst_nb_formats_them(recorded, key):
    spec = key.partition(":")[2]
    assert quoted_numbers.format_value(recorded, key) == format_plain_text(recorded, spec)


def test_placeholders_carry_quoted_numbers_through_a_translation():
    english = 'It reaches <span data-measured="acc:.1%">97.4%</span> in {n} runs.'
    assert quoted_numbers.to_placeholders(english) == "It reaches {acc:.1%} in {n} runs."
    assert quoted_numbers.from_placeholders("达到 {acc:.1%}，共 {n} 次。", english) == (
        '达到 <span data-measured="acc:.1%">97.4%</span>，共 {n} 次。'
    )


# ---------- nothing that Jupyter shows as raw text ----------

RAW_IN_JUPYTER = {
    "a MyST role": re.compile(r"\{[\w:-]+\}`"),
    "a directive fence": re.compile(r"^\s*(`{3,}|~{3,}|:{3,})\s*\{", re.M),
    "a MyST target label": re.compile(r"^\s*\(.+\)=\s*$", re.M),
    "dollar math inside HTML (the book does not typeset it)": re.compile(
        r"^\s*<.*\$[^$]+\$", re.M
    ),
    # VS Code renders only $...$ math: a MathJax element written in HTML shows there as source
    "math inside HTML (VS Code and the book show it as source)": re.compile(
        r"^\s*<.*(\\\(|class=\"math)", re.M
    ),
    # a line that starts with an inline tag, such as a quoted number, is a paragraph's
    "Markdown code inside HTML (write <code>...</code>)": re.compile(
        r"^\s*<(?!(?:span|code|a|em|strong|sub|sup)\b).*`[^`\n]+`", re.M
    ),
}


def raw_syntax(markdown: str) -> list[str]:
    return [kind for kind, pattern in RAW_IN_JUPYTER.items() if pattern.search(markdown)]


def test_the_raw_syntax_check_sees_each_kind():
    assert raw_syntax("It is {glue:text}`x:.1f`.") == ["a MyST role"]
    assert raw_syntax("```{admonition} Title\nText\n```") == ["a directive fence"]
    assert raw_syntax("(my-label)=\n# Title") == ["a MyST target label"]
    assert raw_syntax("<summary>A. near $\\ln 10$</summary>") == [
        "dollar math inside HTML (the book does not typeset it)"
    ]
    assert raw_syntax("<summary>A. near \\(\\ln 10\\)</summary>") == [
        "math inside HTML (VS Code and the book show it as source)"
    ]
    assert raw_syntax("<summary>B. Logits; `F.cross_entropy` applies it.</summary>") == [
        "Markdown code inside HTML (write <code>...</code>)"
    ]
    assert raw_syntax("<summary>B. <code>F.cross_entropy</code></summary>\n\nIt is `x`.") == []
    assert (
        raw_syntax('<span data-measured="a:.2f">1.21</span> times: the batches `fit` makes') == []
    )
    math = '<span class="math notranslate nohighlight">\\(\\ln 10\\)</span>'
    assert raw_syntax(f"<summary>A. near {math}</summary>") == [
        "math inside HTML (VS Code and the book show it as source)"
    ]
    assert raw_syntax("<summary>A. near ln 10 ≈ 2.30</summary>\n\nIt is $x$.") == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_markdown_cell_holds_syntax_jupyter_shows_as_raw_text(path):
    notebook = nbformat.read(path, as_version=4)
    found = [
        f"cell {number}: {kind}"
        for number, cell in enumerate(notebook.cells)
        if cell.cell_type == "markdown"
        for kind in raw_syntax(cell.source)
    ]
    assert not found, f"{path.name}: " + "; ".join(found)
