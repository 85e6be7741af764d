"""The Chinese edition (bookbuild.chinese_edition): each Chinese page exactly what the build
writes from its English page and its catalogue; each Chinese notebook with the English notebook's
outputs and metadata byte for byte, and its code token for token, with the comments in Chinese,
those of the source files its outputs show included, and the docstrings of its exercises (their
tasks) in Chinese.
"""

import copy
import io
import json
import re
import tokenize

import pytest
import yaml

from bookbuild import results_pages
from bookbuild.catalogues import drift
from bookbuild.chinese_edition import (
    NOT_RERUN_TAG,
    chinese_page,
    chinese_toc,
    code_display,
    cross_edition_links,
)
from bookbuild.editions import CHINESE
from bookbuild.pages import PAGES, ROOT, chinese_path, read_toc, toc_files
from bookbuild.segments import (
    code_comments,
    exercise_docstrings,
    fenced_comments,
    needs_translation,
    page_segments,
    shown_source,
)

pytestmark = pytest.mark.machinery

NOTEBOOKS = [page for page in PAGES if page.endswith(".ipynb")]


@pytest.mark.parametrize("page", PAGES)
def test_the_committed_chinese_page_is_what_the_build_writes(page):
    committed = (ROOT / chinese_path(page)).read_text(encoding="utf-8")
    assert committed == chinese_page(page), (
        f"{chinese_path(page)} is out of date: run `course translate build`"
    )


def code_tokens(source: str) -> list[tuple[int, str]]:
    """The tokens of Python ``source`` as Python's tokenizer reads them, comments left out."""
    return [
        (token.type, token.string)
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type != tokenize.COMMENT
    ]


def without_docstrings(source: str) -> str:
    """Python ``source`` with the docstring of each function of an exercise left empty: the one
    part of a code cell, besides its comments, that the Chinese edition translates."""
    lines = source.splitlines(keepends=True)
    for docstring in reversed(exercise_docstrings(source)):
        first, last = lines[docstring.line], lines[docstring.end_line]
        lines[docstring.line : docstring.end_line + 1] = [
            first[: docstring.start] + '""""""' + last[docstring.end :]
        ]
    return "".join(lines)


def comparable(cell: dict) -> dict:
    """``cell`` with its source and tags left out and each output that shows a source file
    reduced to that file's code tokens: what must be the same in both editions."""
    cell = copy.deepcopy({**cell, "source": ""})
    cell["metadata"].pop("tags", None)  # compared in the next test
    for output in cell.get("outputs", []):
        source = shown_source(output)
        if source is not None:
            output["data"] = code_tokens(source)
    return cell


@pytest.mark.parametrize("page", NOTEBOOKS)
def test_chinese_notebooks_have_the_same_code_outputs_and_metadata(page):
    english = json.loads((ROOT / page).read_text(encoding="utf-8"))
    chinese = json.loads((ROOT / chinese_path(page)).read_text(encoding="utf-8"))
    assert chinese["metadata"] == english["metadata"]
    assert [c["cell_type"] for c in chinese["cells"]] == [c["cell_type"] for c in english["cells"]]
    for number, (en, zh) in enumerate(zip(english["cells"], chinese["cells"])):
        if en["cell_type"] == "code":
            en_source, zh_source = "".join(en["source"]), "".join(zh["source"])
            assert code_tokens(without_docstrings(zh_source)) == code_tokens(
                without_docstrings(en_source)
            ), f"{page}, cell {number}: the code differs apart from its comments and docstrings"
            en_docstrings = exercise_docstrings(en_source)
            zh_docstrings = exercise_docstrings(zh_source)
            assert len(zh_docstrings) == len(en_docstrings)
            for en_doc, zh_doc in zip(en_docstrings, zh_docstrings):
                assert not needs_translation(en_doc.text) or (
                    re.search(r"[\u4e00-\u9fff]", zh_doc.text) and en_doc.text not in zh_source
                ), f"{page}, cell {number}: docstring {en_doc.text!r} is still English"
            assert comparable(zh) == comparable(en), (
                f"{page}, cell {number}: outputs, metadata, execution count or id differ"
            )
            shown = [shown_source(output) for output in en.get("outputs", [])]
            english_comments = [
                c.text
                for code in [en_source, *filter(None, shown)]
                for c in code_comments(code)
                if needs_translation(c.text)
            ]
            zh_shown = "".join(filter(None, map(shown_source, zh.get("outputs", []))))
            for comment in english_comments:
                assert f"# {comment}" not in zh_source + zh_shown, (
                    f"{page}, cell {number}: comment {comment!r} is still English"
                )
        else:
            assert zh["metadata"] == en["metadata"], f"{page}, cell {number}: metadata differs"
            assert zh["source"] != en["source"] or not page_segments(page), (
                f"{page}, cell {number} is still English"
            )


@pytest.mark.parametrize("page", NOTEBOOKS)
def test_a_shown_source_is_translated_in_every_format_and_not_compared_when_rerun(page):
    """The Chinese output of a source file shows the translated text in HTML, LaTeX and plain
    text alike; the cell has the English cell's tags, plus nbval's tag not to compare its
    outputs (running it shows the file's English comments)."""
    chinese = json.loads((ROOT / chinese_path(page)).read_text(encoding="utf-8"))
    english = json.loads((ROOT / page).read_text(encoding="utf-8"))
    for number, (en, zh) in enumerate(zip(english["cells"], chinese["cells"])):
        translated = [
            output
            for en_output, output in zip(en.get("outputs", []), zh.get("outputs", []))
            if shown_source(output) is not None and output != en_output
        ]
        for output in translated:
            expected = code_display(shown_source(output))
            assert {kind: "".join(v) for kind, v in output["data"].items()} == {
                kind: expected[kind] for kind in output["data"]
            }, f"{page}, cell {number}: the formats of the shown source disagree"
        en_tags = en["metadata"].get("tags", [])
        added = [NOT_RERUN_TAG] if translated and NOT_RERUN_TAG not in en_tags else []
        assert zh["metadata"].get("tags", []) == en_tags + added, (
            f"{page}, cell {number}: the tags are not the English ones"
            + (f" plus {NOT_RERUN_TAG}" if translated else "")
        )


def test_every_exercise_of_the_chinese_edition_states_its_task_in_chinese():
    """Each exercise's skeleton, and its reference solution, has a Chinese docstring."""
    tasks = [
        docstring.text
        for page in NOTEBOOKS
        for cell in json.loads((ROOT / chinese_path(page)).read_text(encoding="utf-8"))["cells"]
        if cell["cell_type"] == "code"
        for docstring in exercise_docstrings("".join(cell["source"]))
    ]
    assert len(tasks) >= 2 * len(NOTEBOOKS)
    assert all(re.search(r"[\u4e00-\u9fff]", task) for task in tasks), tasks


def test_the_comments_of_fenced_code_are_translated():
    readme = (ROOT / chinese_path("README.md")).read_text(encoding="utf-8")
    comments = fenced_comments(readme)
    assert comments and all(re.search(r"[\u4e00-\u9fff]", c.text) for c in comments)


def test_the_chinese_contents_are_written_from_the_english_ones():
    assert (ROOT / CHINESE.toc).read_text(encoding="utf-8") == chinese_toc(), (
        f"{CHINESE.toc} is out of date: run `course translate build`"
    )
    english = toc_files(read_toc())
    chinese = toc_files(yaml.safe_load((ROOT / CHINESE.toc).read_text(encoding="utf-8")))
    assert chinese == [f"{name}.zh" for name in english]


def test_links_point_at_the_same_page_of_the_other_edition():
    assert cross_edition_links("[chapter 3](03_network_structures.ipynb#top)") == (
        "[chapter 3](03_network_structures.zh.ipynb#top)"
    )
    assert cross_edition_links("[English](README.zh.md) and `book/intro.md`") == (
        "[English](README.md) and `book/intro.zh.md`"
    )
    assert cross_edition_links("[site](https://example.org/a.md), `work/README.md`") == (
        "[site](https://example.org/a.md), `work/README.md`"
    )


def test_a_results_message_not_yet_translated_stays_english_and_fails(tmp_path, monkeypatch):
    """A full run always writes the Chinese results page; the missing translation is reported."""
    results = json.loads(results_pages.RESULTS.read_text())
    results["chapters"][0]["checks"].append(
        {"name": "a check no one translated", "value": 1.0, "mode": "full", "range": [0, 2]}
    )
    (tmp_path / "results.json").write_text(json.dumps(results))
    monkeypatch.setattr(results_pages, "RESULTS", tmp_path / "results.json")
    assert "| a check no one translated | 1 |" in chinese_page("book/results.md")
    problems = drift("book/results.md")
    assert len(problems) == 1, problems
    assert "paragraph 'a check no one translated': no Chinese translation" in problems[0]
