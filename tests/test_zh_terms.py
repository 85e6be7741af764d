"""One Chinese term per concept, the glossary's, and the same labels in every chapter.

The glossary is the one list of terms (``bookbuild.terms``); these tests hold every catalogue
and every Chinese string the course prints to it.
"""

import re
from collections import Counter

from bookbuild import terms


def test_the_glossary_defines_each_term_once():
    rows = terms.glossary_rows(terms.read_glossary())
    repeated_terms = [
        t for t, n in Counter(terms.glossary_terms(terms.read_glossary())).items() if n > 1
    ]
    repeated_english = [e for e, n in Counter(row[1] for row in rows).items() if n > 1]
    assert not repeated_terms, f"defined more than once in the glossary: {repeated_terms}"
    assert not repeated_english, f"English terms with two rows: {repeated_english}"


def test_a_term_defined_twice_is_found():
    glossary = (
        "| 中文 | 英文 | 含义 | 章节 |\n| --- | --- | --- | --- |\n"
        "| 特征图 | feature map | 一个卷积核的输出 | 3 |\n"
        "| 训练集 / 验证集 | training / validation set | 数据 | 2 |\n"
        "| 特征图 | feature maps | 卷积层的输出 | 7 |\n"
    )
    assert terms.glossary_terms(glossary) == ["特征图", "训练集", "验证集", "特征图"]


def test_every_term_with_variants_is_a_glossary_term():
    defined = set(terms.glossary_terms(terms.read_glossary()))
    assert set(terms.AVOID) <= defined, set(terms.AVOID) - defined
    for term, variants in terms.AVOID.items():
        assert term not in variants


def test_chinese_prose_uses_only_the_glossary_terms():
    found = terms.all_misuses()
    assert not found, "\n".join(str(misuse) for misuse in found)


def test_every_chapter_labels_its_questions_exercises_and_answers_alike():
    found = terms.label_mismatches()
    assert not found, "\n".join(found)


def test_the_labels_are_in_every_chapter():
    labelled = Counter(
        (page, label)
        for page, english, _ in terms.catalogue_texts()
        for label in ("Check yourself$", r"\*\*Implement it\.\*\*", r"Reference solution \(")
        if re.match(label, english)
    )
    chapters = [p for p, _ in labelled]
    for number in range(1, 12):
        assert sum(p.startswith(f"{number:02d}_") for p in chapters) == 3, number


def test_a_variant_is_found_with_its_page_and_sentence():
    text = "对小图像，这个主干起始层改为 3x3 卷积。下一句。"
    found = list(terms.misuses("11_house_numbers", text))
    assert [(m.variant, m.term) for m in found] == [("主干起始层", "起始层")]
    assert found[0].sentence == "对小图像，这个主干起始层改为 3x3 卷积。"
    assert "11_house_numbers" in str(found[0])


def test_an_english_word_counts_only_as_bare_prose():
    def variants(text):
        return [m.variant for m in terms.misuses("page", text)]

    assert variants("## Dropout") == ["Dropout"]
    assert variants("不带 BatchNorm 的 CNN") == ["BatchNorm"]
    assert variants("另一种方法是**随机失活**（dropout）。") == []
    assert variants("`nn.Dropout(p)` 和 nn.Dropout(p) 以及 BatchNorm2D") == []
    assert variants("{ch7_valid_acc_dropout:.1%}") == []
    assert variants("Paddle 的启动器") == ["Paddle"]
    assert variants("在 Paddle 2.6.2 上，也在 Paddle {paddle} 上") == []
    assert variants("代码中写“Paddle”，不能写“线性层”") == []


def test_a_wrong_label_is_reported():
    english = "**Question 1.** Why?"
    assert terms.label_mismatch("ch11", english, "**问题 1.** 为什么？")
    assert terms.label_mismatch("ch11", english, "**第 1 题**　为什么？") is None
    assert terms.label_mismatch("ch11", "**Right.** Yes.", "**正确。** 是的。")
    assert terms.label_mismatch("ch11", "**Right.** Yes.", "**正确**。是的。") is None
