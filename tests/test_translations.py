"""The Chinese edition: every page translated, nothing drifted, and the code the same.

Each Chinese page must be exactly what scripts/translate.py writes from its English page and its
catalogue; each Chinese notebook must have the English notebook's outputs and metadata byte for
byte, and its code token for token, with the comments in Chinese. The second half changes
scratch copies of a page and its catalogue the way drift happens, and checks that the drift check
fails with the page and the paragraph named.
"""

import io
import json
import shutil
import sys
import tokenize
from pathlib import Path

import nbformat
import polib
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import translate  # noqa: E402

NOTEBOOKS = [page for page in translate.PAGES if page.endswith(".ipynb")]


@pytest.mark.parametrize("page", translate.PAGES)
def test_every_paragraph_is_translated_and_consistent(page):
    problems = translate.drift(page)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", translate.PAGES)
def test_the_committed_chinese_page_is_what_the_build_writes(page):
    committed = (ROOT / translate.chinese_path(page)).read_text(encoding="utf-8")
    assert committed == translate.chinese_page(page), (
        f"{translate.chinese_path(page)} is out of date: run `scripts/translate.py build`")


def code_tokens(source: str) -> list[tuple[int, str]]:
    """The tokens of Python ``source`` as Python's tokenizer reads them, comments left out."""
    return [(token.type, token.string)
            for token in tokenize.generate_tokens(io.StringIO(source).readline)
            if token.type != tokenize.COMMENT]


@pytest.mark.parametrize("page", NOTEBOOKS)
def test_chinese_notebooks_have_the_same_code_outputs_and_metadata(page):
    english = json.loads((ROOT / page).read_text(encoding="utf-8"))
    chinese = json.loads((ROOT / translate.chinese_path(page)).read_text(encoding="utf-8"))
    assert chinese["metadata"] == english["metadata"]
    assert [c["cell_type"] for c in chinese["cells"]] == [c["cell_type"] for c in english["cells"]]
    for number, (en, zh) in enumerate(zip(english["cells"], chinese["cells"])):
        assert zh["metadata"] == en["metadata"], f"{page}, cell {number}: metadata differs"
        if en["cell_type"] == "code":
            en_source, zh_source = "".join(en["source"]), "".join(zh["source"])
            assert code_tokens(zh_source) == code_tokens(en_source), (
                f"{page}, cell {number}: the code differs apart from its comments")
            assert {**zh, "source": ""} == {**en, "source": ""}, (
                f"{page}, cell {number}: outputs, execution count or id differ")
            english_comments = [c.text for c in translate.code_comments(en_source)
                                if translate.needs_translation(c.text)]
            for comment in english_comments:
                assert f"# {comment}" not in zh_source, (
                    f"{page}, cell {number}: comment {comment!r} is still English")
        else:
            assert zh["source"] != en["source"] or not translate.page_segments(page), (
                f"{page}, cell {number} is still English")


def test_comments_are_found_by_the_tokenizer_and_pragmas_are_kept():
    source = 'x = "# not a comment"  # the words\n# a whole line\ny = 1  # noqa: E731\n'
    assert [c.text for c in translate.code_comments(source)] == ["the words", "a whole line"]
    chinese = translate.translate_comments(source, {"the words": "这些词", "a whole line": "一整行"})
    assert chinese == 'x = "# not a comment"  # 这些词\n# 一整行\ny = 1  # noqa: E731\n'


def test_the_chinese_contents_list_every_english_page_in_the_same_order():
    def files(toc: dict) -> list[str]:
        return [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]

    english = files(yaml.safe_load((ROOT / "_toc.yml").read_text()))
    chinese = files(yaml.safe_load((ROOT / "_toc.zh.yml").read_text()))
    assert chinese == [f"{name}.zh" for name in english]


# ---------- drift in a scratch copy fails, naming the page and the paragraph ----------

@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """A copy of chapter 1, the introduction and their catalogues, which the checks then read."""
    for name in ["book/01_linear_baseline.ipynb", "book/intro.md", "locale/zh/01_linear_baseline.po",
                 "locale/zh/intro.po"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    monkeypatch.setattr(translate, "ROOT", tmp_path)
    monkeypatch.setattr(translate, "CATALOGUES", tmp_path / "locale" / "zh")
    assert not translate.drift("book/01_linear_baseline.ipynb")
    assert not translate.drift("book/intro.md")
    return tmp_path


def edit_notebook(root: Path, change) -> None:
    path = root / "book" / "01_linear_baseline.ipynb"
    notebook = nbformat.read(path, as_version=4)
    change(notebook.cells)
    nbformat.write(notebook, path)


def edit_catalogue(root: Path, page: str, contains: str, change) -> None:
    path = root / "locale" / "zh" / f"{page}.po"
    catalogue = polib.pofile(str(path), wrapwidth=0)
    entry = next(e for e in catalogue if contains in e.msgid)
    change(entry)
    catalogue.save(str(path))


def only_problem(page: str) -> str:
    problems = translate.drift(page)
    assert len(problems) == 1, problems
    return problems[0]


def test_a_changed_english_paragraph_fails(scratch):
    edit_notebook(scratch, lambda cells: setattr(
        cells[0], "source", cells[0].source.replace("the \"hello world\"", "the first program")))
    new_paragraph, stale_translation = translate.drift("book/01_linear_baseline.ipynb")
    assert new_paragraph.startswith(
        "book/01_linear_baseline.ipynb, cell 0, paragraph 'Handwritten digit recognition")
    assert "no Chinese translation" in new_paragraph
    assert "no longer has" in stale_translation


def test_an_added_english_paragraph_fails(scratch):
    edit_notebook(scratch, lambda cells: cells.insert(
        1, nbformat.v4.new_markdown_cell("A new paragraph about tensors.")))
    problem = only_problem("book/01_linear_baseline.ipynb")
    assert problem.startswith("book/01_linear_baseline.ipynb, cell 1, paragraph 'A new paragraph")
    assert "no Chinese translation in locale/zh/01_linear_baseline.po" in problem


def test_update_keeps_the_old_translation_of_a_changed_paragraph_as_fuzzy(scratch):
    edit_notebook(scratch, lambda cells: setattr(
        cells[0], "source", cells[0].source.replace("the \"hello world\"", "the first program")))
    translate.update(["book/01_linear_baseline.ipynb"])
    problem = only_problem("book/01_linear_baseline.ipynb")
    assert "cell 0, paragraph 'Handwritten digit" in problem and "marked fuzzy" in problem


def test_an_empty_or_fuzzy_translation_fails(scratch):
    edit_catalogue(scratch, "01_linear_baseline", "Training is two nested loops",
                   lambda e: setattr(e, "msgstr", ""))
    assert "paragraph 'Training is two nested loops" in only_problem(
        "book/01_linear_baseline.ipynb")
    edit_catalogue(scratch, "01_linear_baseline", "Training is two nested loops",
                   lambda e: (setattr(e, "msgstr", "训练是两层嵌套循环。每 1000 个批次，每 100 个批次。"),
                              e.flags.append("fuzzy")))
    assert "marked fuzzy" in only_problem("book/01_linear_baseline.ipynb")


@pytest.mark.parametrize("page, contains, old, new, kind", [
    ("01_linear_baseline", "So the model has learned", "{ch1_label_variance:.1f}",
     "{ch1_label_variance:.2f}", "placeholder"),
    ("01_linear_baseline", "The model is the one that predicts", r"\mathbf w^\top", "w",
     "math expression"),
    ("01_linear_baseline", "Paddle ships ready-made", "`mnist_paths`", "`mnist_path`",
     "inline code"),
    ("intro", "Each point is the test accuracy", "(results.md)", "(result.md)", "link target"),
    ("intro", "Test accuracy of each chapter", "journey.png", "journey.svg", "image"),
    ("01_linear_baseline", "Handwritten digit recognition", "60000", "6000", "number"),
])
def test_a_translation_that_alters_what_it_must_keep_fails(scratch, page, contains, old, new, kind):
    edit_catalogue(scratch, page, contains,
                   lambda e: (setattr(e, "msgstr", e.msgstr.replace(old, new))))
    english = "book/intro.md" if page == "intro" else f"book/{page}.ipynb"
    problem = only_problem(english)
    assert problem.startswith(f"{english}, ") and contains in problem.split("paragraph")[1]
    assert f"{kind} differs" in problem, problem


def untranslated_after_replacing(root: Path, old: str, new: str) -> list[str]:
    """Replace ``old`` by ``new`` in every cell of chapter 1; return what the drift check says
    has no Chinese translation."""
    edit_notebook(root, lambda cells: [setattr(cell, "source", cell.source.replace(old, new))
                                       for cell in cells])
    return [p for p in translate.drift("book/01_linear_baseline.ipynb")
            if "no Chinese translation" in p]


def test_a_changed_code_comment_fails_and_names_its_cell(scratch):
    problems = untranslated_after_replacing(scratch, "# your code here", "# write your code here")
    assert any(", comment, paragraph 'write your code here'" in p for p in problems), problems


def test_cross_reference_targets_and_placeholders_are_kept_too():
    assert translate.inconsistencies("See {ref}`training-loop`.", "见 {ref}`训练循环`。") == [
        "cross-reference target differs (English has ['training-loop'], Chinese has ['训练循环'])"]
    assert translate.inconsistencies("Time {seconds} s.", "耗时 {second} 秒。")[0].startswith(
        "placeholder differs")
    assert translate.inconsistencies("a nine, 9", "一个 9，9") == []  # more digits are fine


def test_links_point_at_the_same_page_of_the_other_edition():
    assert translate.cross_edition_links("[chapter 3](03_network_structures.ipynb#top)") == (
        "[chapter 3](03_network_structures.zh.ipynb#top)")
    assert translate.cross_edition_links("[English](README.zh.md) and `book/intro.md`") == (
        "[English](README.md) and `book/intro.zh.md`")
    assert translate.cross_edition_links("[site](https://example.org/a.md), `work/README.md`") == (
        "[site](https://example.org/a.md), `work/README.md`")


def prose_of(text: str) -> list[str]:
    """The prose pieces of ``text``, after checking that all its pieces rebuild it exactly."""
    pieces = translate.split_markdown(text)
    assert "".join(p.text for p in pieces) == text
    return [p.text for p in pieces if p.prose]


def test_markdown_is_cut_into_pieces_that_rebuild_it_exactly():
    text = ("# Title\n\nA paragraph\non two lines.\n\n```python\nx = 1\n```\n\n$$\na = b\n$$\n\n"
            "| a | b |\n| --- | --- |\n| 1 | c |\n\n```{admonition} A title\n:class: tip\nInside.\n"
            "```\n(label)=\n<div class=\"x\"></div>\n")
    assert prose_of(text) == [
        "Title", "A paragraph\non two lines.", "| a | b |", "| 1 | c |", "A title", "Inside."]


def test_an_aside_is_a_segment_per_line_and_a_quoted_number_is_a_placeholder():
    text = ("> **Why a validation set?**\n>\n> Picture a benchmark.\n\n"
            'It reaches <span data-measured="acc:.1%">97.4%</span>\n'
            '<span data-measured="n">3</span> times.\n')
    assert prose_of(text) == ["**Why a validation set?**", "Picture a benchmark.",
                              'It reaches <span data-measured="acc:.1%">97.4%</span>\n'
                              '<span data-measured="n">3</span> times.']
    assert [s.text for s in translate.markdown_segments(text, "cell 0")][-1] == (
        "It reaches {acc:.1%}\n{n} times.")
    chinese = translate.translate_markdown(text, {
        "**Why a validation set?**": "**为什么要有验证集？**", "Picture a benchmark.": "设想一个基准。",
        "It reaches {acc:.1%}\n{n} times.": "{n} 次达到 {acc:.1%}。"})
    assert chinese == ("> **为什么要有验证集？**\n>\n> 设想一个基准。\n\n"
                       '<span data-measured="n">3</span> 次达到 '
                       '<span data-measured="acc:.1%">97.4%</span>。\n')


def test_a_concept_questions_answers_are_prose_and_their_markup_is_kept():
    text = ('**Question 1.** Why?\n\n<details class="quiz-option quiz-right" name="quiz-1-1">'
            "<summary>A. Because of `x`.</summary>\n\n**Right.** It is.\n\n</details>\n"
            '<details class="quiz-option" name="quiz-1-1"><summary>B. 0.5</summary>\n')
    assert prose_of(text) == [
        "**Question 1.** Why?", "A. Because of `x`.", "**Right.** It is.", "B. 0.5"]
    chinese = translate.translate_markdown(text, {
        "**Question 1.** Why?": "**第 1 题**　为什么？", "A. Because of `x`.": "A. 因为 `x`。",
        "**Right.** It is.": "**正确**。确实如此。"})  # "B. 0.5" has no words: kept as it is
    assert '<details class="quiz-option quiz-right" name="quiz-1-1"><summary>A. 因为 `x`。' in chinese
    assert "<summary>B. 0.5</summary>" in chinese


def test_a_changed_answer_of_a_concept_question_fails(scratch):
    problems = untranslated_after_replacing(scratch, "<summary>B. Whichever of",
                                            "<summary>B. Whatever of")
    assert any("paragraph 'B. Whatever of the two" in p for p in problems), problems


def test_a_results_message_not_yet_translated_stays_english_and_fails(tmp_path, monkeypatch):
    """A full run always writes the Chinese results page; the missing translation is reported."""
    import results_pages

    results = json.loads(results_pages.RESULTS.read_text())
    results["chapters"][0]["checks"].append(
        {"name": "a check no one translated", "value": 1.0, "mode": "full", "range": [0, 2]})
    (tmp_path / "results.json").write_text(json.dumps(results))
    monkeypatch.setattr(results_pages, "RESULTS", tmp_path / "results.json")
    assert "| a check no one translated | 1 |" in translate.chinese_page("book/results.md")
    assert "paragraph 'a check no one translated': no Chinese translation" in only_problem(
        "book/results.md")
