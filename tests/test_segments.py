"""Segmentation (bookbuild.segments): Markdown and code comments cut into the segments a
translator translates, each rebuilt exactly, and every entry of today's catalogues still a segment
of its page."""

import pytest

from bookbuild import chinese_edition, segments
from bookbuild.catalogues import read_catalogue
from bookbuild.pages import PAGES, catalogue_path

pytestmark = pytest.mark.machinery


def prose_of(text: str) -> list[str]:
    """The prose pieces of ``text``, after checking that all its pieces rebuild it exactly."""
    pieces = segments.split_markdown(text)
    assert "".join(p.text for p in pieces) == text
    return [p.text for p in pieces if p.prose]


def test_markdown_is_cut_into_pieces_that_rebuild_it_exactly():
    text = (
        "# Title\n\nA paragraph\non two lines.\n\n```python\nx = 1\n```\n\n$$\na = b\n$$\n\n"
        "| a | b |\n| --- | --- |\n| 1 | c |\n\n```{admonition} A title\n:class: tip\nInside.\n"
        '```\n(label)=\n<div class="x"></div>\n'
    )
    assert prose_of(text) == [
        "Title",
        "A paragraph\non two lines.",
        "| a | b |",
        "| 1 | c |",
        "A title",
        "Inside.",
    ]


def test_an_aside_is_a_segment_per_line_and_a_quoted_number_is_a_placeholder():
    text = (
        "> **Why a validation set?**\n>\n> Picture a benchmark.\n\n"
        'It reaches <span data-measured="acc:.1%">97.4%</span>\n'
        '<span data-measured="n">3</span> times.\n'
    )
    assert prose_of(text) == [
        "**Why a validation set?**",
        "Picture a benchmark.",
        'It reaches <span data-measured="acc:.1%">97.4%</span>\n'
        '<span data-measured="n">3</span> times.',
    ]
    assert [s.text for s in segments.markdown_segments(text, "cell 0")][-1] == (
        "It reaches {acc:.1%}\n{n} times."
    )
    chinese = chinese_edition.translate_markdown(
        text,
        {
            "**Why a validation set?**": "**为什么要有验证集？**",
            "Picture a benchmark.": "设想一个基准。",
            "It reaches {acc:.1%}\n{n} times.": "{n} 次达到 {acc:.1%}。",
        },
    )
    assert chinese == (
        "> **为什么要有验证集？**\n>\n> 设想一个基准。\n\n"
        '<span data-measured="n">3</span> 次达到 '
        '<span data-measured="acc:.1%">97.4%</span>。\n'
    )


def test_a_concept_questions_answers_are_prose_and_their_markup_is_kept():
    text = (
        '**Question 1.** Why?\n\n<details class="quiz-option quiz-right" name="quiz-1-1">'
        "<summary>A. Because of `x`.</summary>\n\n**Right.** It is.\n\n</details>\n"
        '<details class="quiz-option" name="quiz-1-1"><summary>B. 0.5</summary>\n'
    )
    assert prose_of(text) == [
        "**Question 1.** Why?",
        "A. Because of `x`.",
        "**Right.** It is.",
        "B. 0.5",
    ]
    # "B. 0.5" has no words: kept as it is
    chinese = chinese_edition.translate_markdown(
        text,
        {
            "**Question 1.** Why?": "**第 1 题**　为什么？",
            "A. Because of `x`.": "A. 因为 `x`。",
            "**Right.** It is.": "**正确**。确实如此。",
        },
    )
    assert (
        '<details class="quiz-option quiz-right" name="quiz-1-1"><summary>A. 因为 `x`。' in chinese
    )
    assert "<summary>B. 0.5</summary>" in chinese


def test_comments_are_found_by_the_tokenizer_and_pragmas_are_kept():
    source = 'x = "# not a comment"  # the words\n# a whole line\ny = 1  # noqa: E731\n'
    assert [c.text for c in segments.code_comments(source)] == ["the words", "a whole line"]
    chinese = chinese_edition.translate_comments(
        source, {"the words": "这些词", "a whole line": "一整行"}
    )
    assert chinese == 'x = "# not a comment"  # 这些词\n# 一整行\ny = 1  # noqa: E731\n'


EXERCISE = (
    "def task(x):\n"
    '    """The sum of x,\n    doubled."""\n'
    "    return None  # your code here\n"
    "\n\n"
    'passed = check("task", task)\n'
)


def test_the_docstrings_of_an_exercise_are_found_by_the_parser_in_check_cells_only():
    found = segments.exercise_docstrings(EXERCISE)
    assert [(d.text, d.line, d.start, d.end_line, d.end) for d in found] == [
        ("The sum of x, doubled.", 1, 4, 2, 15)
    ]
    assert segments.exercise_docstrings(EXERCISE.replace("check(", "print(")) == []
    assert segments.exercise_docstrings(EXERCISE + "def broken(:\n") == []  # unfinished answer


def test_a_translated_docstring_keeps_the_code_and_wraps_to_the_column():
    long = ("把 x 的各元素相加，再乘以 2；" * 6).strip()
    chinese = chinese_edition.translate_docstrings(EXERCISE, {"The sum of x, doubled.": long})
    lines = chinese.splitlines()
    assert lines[0] == "def task(x):" and lines[1].startswith('    """把 x ')
    code = lines.index("    return None  # your code here")
    assert chinese.endswith(EXERCISE[EXERCISE.index("    return") :])
    assert code > 3  # wrapped onto several lines, each indented as the function's body
    assert all(line.startswith("    ") for line in lines[1:code])
    assert max(chinese_edition.width(line) for line in lines) <= chinese_edition.COLUMN
    (docstring,) = segments.exercise_docstrings(chinese)
    assert "".join(docstring.text.split()) == "".join(long.split())


def test_a_list_is_one_segment_with_the_paragraph_it_follows_and_loose_items_are_apart():
    text = (
        "Three steps:\n- load\n- train\n\nLoose items:\n\n1. first item\n\n"
        "2. second item\n   goes on\n"
    )
    assert prose_of(text) == [
        "Three steps:\n- load\n- train",
        "Loose items:",
        "1. first item",
        "2. second item\n   goes on",
    ]


def test_a_nested_tight_list_is_one_segment_and_an_asides_paragraph_keeps_its_lines():
    text = (
        "- the built book:\n  - each page renders;\n  - nothing scrolls;\n- the search.\n\n"
        "> An aside on\n> two lines.\n>\n> Another one.\n"
    )
    assert prose_of(text) == [
        "- the built book:\n  - each page renders;\n  - nothing scrolls;\n- the search.",
        "An aside on\n> two lines.",
        "Another one.",
    ]


def test_code_and_math_inside_a_list_item_are_kept_as_they_are():
    text = (
        "- Run it:\n\n  ```python\n  x = 1  # a comment\n  ```\n\n- Then:\n\n  $$\n  y = x\n  $$\n"
    )
    assert prose_of(text) == ["- Run it:", "- Then:"]


def test_a_code_directive_and_an_html_block_have_no_prose():
    text = (
        "```{code-cell} python\nprint('hello world')\n```\n\n"
        '<div class="demo" data-demo="softmax">\n</div>\n\n'
        ":::{note}\nA note in colons.\n:::\n"
    )
    assert prose_of(text) == ["A note in colons."]


@pytest.mark.parametrize("page", PAGES)
def test_every_catalogue_entry_is_still_a_segment_of_its_page(page):
    """The parser keeps every translation: each entry of the committed catalogue matches a
    segment of today's page, and each segment has its entry."""
    found = {segment.text for segment in segments.page_segments(page)}
    entries = {entry.msgid for entry in read_catalogue(catalogue_path(page)) if not entry.obsolete}
    assert entries - found == set(), f"entries no segment matches: {sorted(entries - found)[:3]}"
    assert found - entries == set(), f"segments without an entry: {sorted(found - entries)[:3]}"


def test_strip_patterns_blanks_each_pattern_in_turn():
    import re

    code, number = re.compile(r"`[^`]*`"), re.compile(r"\d+")
    assert segments.strip_patterns("run `f(2)` 3 times", code, number) == "run     times"


def test_shell_comments_are_found_after_a_space_or_at_the_start_of_a_line():
    script = "#!/bin/bash\n# set up\nbash a.sh   # build it\nurl=x#y\n"
    found = segments.shell_comments(script)
    assert [(c.text, c.line) for c in found] == [("set up", 1), ("build it", 2)]
    assert script.splitlines()[2][found[1].start : found[1].end] == "build it"


def test_fenced_comments_count_lines_in_the_page_and_skip_other_languages():
    page = (
        "Text\n\n```bash\nrun.sh  # runs it\n```\n\n"
        "```python\nx = 1  # one\n```\n\n```\n# none\n```\n"
    )
    assert [(c.text, c.line) for c in segments.fenced_comments(page)] == [
        ("runs it", 3),
        ("one", 7),
    ]
    assert [s.text for s in segments.markdown_segments(page, None)][-2:] == ["runs it", "one"]


def test_shown_source_recognises_ipythons_code_display_only():
    from bookbuild.chinese_edition import code_display

    code = {"output_type": "execute_result", "data": code_display("x = 1  # one")}
    assert segments.shown_source(code) == "x = 1  # one"
    html = {"output_type": "display_data", "data": {"text/html": "<b>x</b>", "text/plain": "x"}}
    assert segments.shown_source(html) is None
    assert segments.shown_source({"output_type": "stream", "text": "x"}) is None
