"""The catalogues (bookbuild.catalogues): every page translated, nothing drifted.

The second half changes scratch copies of a page and its catalogue the way drift happens, and
checks that the drift check fails with the page and the paragraph named, and that ``update``
keeps an old translation, marked fuzzy.
"""

import shutil
from pathlib import Path

import nbformat
import polib
import pytest

from bookbuild import catalogues, pages
from bookbuild.catalogues import drift, inconsistencies

pytestmark = pytest.mark.machinery

ROOT = pages.ROOT


@pytest.mark.parametrize("page", catalogues.TRANSLATED)
def test_every_paragraph_is_translated_and_consistent(page):
    problems = drift(page)
    assert not problems, "\n".join(problems)


# ---------- drift in a scratch copy fails, naming the page and the paragraph ----------


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """A copy of chapter 1, the introduction and their catalogues, which the checks then read."""
    for name in [
        "book/01_linear_baseline.ipynb",
        "book/intro.md",
        "locale/zh/01_linear_baseline.po",
        "locale/zh/intro.po",
    ]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    monkeypatch.setattr(pages, "ROOT", tmp_path)
    monkeypatch.setattr(pages, "CATALOGUES", tmp_path / "locale" / "zh")
    assert not drift("book/01_linear_baseline.ipynb")
    assert not drift("book/intro.md")
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
    problems = drift(page)
    assert len(problems) == 1, problems
    return problems[0]


def test_a_changed_english_paragraph_fails(scratch):
    edit_notebook(
        scratch,
        lambda cells: setattr(
            cells[0], "source", cells[0].source.replace('the "hello world"', "the first program")
        ),
    )
    new_paragraph, stale_translation = drift("book/01_linear_baseline.ipynb")
    assert new_paragraph.startswith(
        "book/01_linear_baseline.ipynb, cell 0, paragraph 'Handwritten digit recognition"
    )
    assert "no Chinese translation" in new_paragraph
    assert "no longer has" in stale_translation


def test_an_added_english_paragraph_fails(scratch):
    edit_notebook(
        scratch,
        lambda cells: cells.insert(
            1, nbformat.v4.new_markdown_cell("A new paragraph about tensors.")
        ),
    )
    problem = only_problem("book/01_linear_baseline.ipynb")
    assert problem.startswith("book/01_linear_baseline.ipynb, cell 1, paragraph 'A new paragraph")
    assert "no Chinese translation in locale/zh/01_linear_baseline.po" in problem


def test_update_keeps_the_old_translation_of_a_changed_paragraph_as_fuzzy(scratch):
    edit_notebook(
        scratch,
        lambda cells: setattr(
            cells[0], "source", cells[0].source.replace('the "hello world"', "the first program")
        ),
    )
    catalogues.update(["book/01_linear_baseline.ipynb"])
    problem = only_problem("book/01_linear_baseline.ipynb")
    assert "cell 0, paragraph 'Handwritten digit" in problem and "marked fuzzy" in problem


def test_an_empty_or_fuzzy_translation_fails(scratch):
    edit_catalogue(
        scratch,
        "01_linear_baseline",
        "Training is two nested loops",
        lambda e: setattr(e, "msgstr", ""),
    )
    assert "paragraph 'Training is two nested loops" in only_problem(
        "book/01_linear_baseline.ipynb"
    )
    edit_catalogue(
        scratch,
        "01_linear_baseline",
        "Training is two nested loops",
        lambda e: (
            setattr(e, "msgstr", "训练是两层嵌套循环。每 1000 个批次，每 100 个批次。"),
            e.flags.append("fuzzy"),
        ),
    )
    assert "marked fuzzy" in only_problem("book/01_linear_baseline.ipynb")


@pytest.mark.parametrize(
    "page, contains, old, new, kind",
    [
        (
            "01_linear_baseline",
            "So the model has learned",
            "{ch1_label_variance:.1f}",
            "{ch1_label_variance:.2f}",
            "placeholder",
        ),
        (
            "01_linear_baseline",
            "The model is the one that predicts",
            r"\mathbf w^\top",
            "w",
            "math expression",
        ),
        (
            "01_linear_baseline",
            "Paddle ships ready-made",
            "`mnist_paths`",
            "`mnist_path`",
            "inline code",
        ),
        ("intro", "Each point is the test accuracy", "(results.md)", "(result.md)", "link target"),
        ("intro", "Test accuracy of each chapter", "journey.png", "journey.svg", "image"),
        ("01_linear_baseline", "Handwritten digit recognition", "60000", "6000", "number"),
    ],
)
def test_a_translation_that_alters_what_it_must_keep_fails(
    scratch, page, contains, old, new, kind
):
    edit_catalogue(
        scratch, page, contains, lambda e: setattr(e, "msgstr", e.msgstr.replace(old, new))
    )
    english = "book/intro.md" if page == "intro" else f"book/{page}.ipynb"
    problem = only_problem(english)
    assert problem.startswith(f"{english}, ") and contains in problem.split("paragraph")[1]
    assert f"{kind} differs" in problem, problem


def untranslated_after_replacing(root: Path, old: str, new: str) -> list[str]:
    """Replace ``old`` by ``new`` in every cell of chapter 1; return what the drift check says
    has no Chinese translation."""
    edit_notebook(
        root,
        lambda cells: [setattr(cell, "source", cell.source.replace(old, new)) for cell in cells],
    )
    return [p for p in drift("book/01_linear_baseline.ipynb") if "no Chinese translation" in p]


def test_a_changed_code_comment_fails_and_names_its_cell(scratch):
    problems = untranslated_after_replacing(scratch, "# your code here", "# write your code here")
    assert any(", comment, paragraph 'write your code here'" in p for p in problems), problems


def test_cross_reference_targets_and_placeholders_are_kept_too():
    assert inconsistencies("See {ref}`training-loop`.", "见 {ref}`训练循环`。") == [
        "cross-reference target differs (English has ['training-loop'], Chinese has ['训练循环'])"
    ]
    assert inconsistencies("Time {seconds} s.", "耗时 {second} 秒。")[0].startswith(
        "placeholder differs"
    )
    assert inconsistencies("a nine, 9", "一个 9，9") == []  # more digits are fine


def test_a_changed_answer_of_a_concept_question_fails(scratch):
    problems = untranslated_after_replacing(
        scratch, "<summary>B. Whichever of", "<summary>B. Whatever of"
    )
    assert any("paragraph 'B. Whatever of the two" in p for p in problems), problems


def test_invariants_are_what_a_translation_must_keep():
    found = catalogues.invariants(
        "Train `model.fit` for 5 epochs: $\\log 10$ in {numref}`fig-loss`, see "
        "[the API](https://example.org/api) and ![a curve](curve.png); 92.5% at {0}."
    )
    assert found["inline code"] == {"`model.fit`": 1}
    assert found["number"] == {"5": 1, "92.5": 1}
    assert found["link target"] == {"https://example.org/api": 1}
    assert found["image"] == {"curve.png": 1}
    assert sum(found["math expression"].values()) == 1
    assert sum(found["cross-reference target"].values()) == 1


def test_merge_keeps_translations_and_offers_the_nearest_old_one_as_fuzzy():
    old = catalogues.new_catalogue()
    old.append(polib.POEntry(msgid="The loss falls.", msgstr="损失下降。"))
    old.append(polib.POEntry(msgid="Train the model for five epochs.", msgstr="训练五轮。"))
    merged = catalogues.merge(
        old,
        [
            ("The loss falls.", "cell 1"),
            ("Train the model for six epochs.", "cell 2"),
            ("The loss falls.", "cell 3"),
            ("Something new entirely, with nothing alike.", "cell 4"),
        ],
        "book/x.ipynb",
    )
    kept, changed, new = merged
    assert len(merged) == 3
    assert kept.msgstr == "损失下降。" and "fuzzy" not in kept.flags
    assert kept.occurrences == [("book/x.ipynb", "cell 1"), ("book/x.ipynb", "cell 3")]
    assert changed.msgstr == "训练五轮。" and changed.flags == ["fuzzy"]
    assert changed.previous_msgid == "Train the model for five epochs."
    assert new.msgstr == ""
