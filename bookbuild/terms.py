"""One Chinese term per concept, and the same structural labels in every chapter.

The Chinese glossary (``book/glossary.zh.md``) is the one list of terms. ``AVOID`` names, for
a glossary term, the variants a reader must not meet in Chinese prose: another translation of
the same concept (线性层 where the glossary says 全连接层), or the English word used bare
instead of the term (Dropout instead of 随机失活). The English word may still stand in code, in
an identifier (``nn.Dropout``) and as the gloss beside the term on first use
(随机失活（dropout）).

``LABELS`` gives the Chinese of each structural label of the chapters (the check-yourself
questions, their verdicts, the exercises, the reference solution): a Chinese segment whose English
starts with a label starts with that label's Chinese. ``tests/test_zh_terms.py`` holds both over
every catalogue and over the Chinese the course prints.
"""

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from . import pages
from .catalogues import read_catalogue
from .search_languages import HAN
from .segments import CODE, MATH, PLACEHOLDER

GLOSSARY = "book/glossary.zh.md"
# Modules whose Chinese strings a student or a teacher reads (checkers, progress, the grader).
PRINTING_MODULES = [
    "lessons_src/exercises.py",
    "lessons_src/progress.py",
    "grading/cli.py",
    "grading/report.py",
    "grading/sandbox.py",
    "grading/submissions.py",
    "bookbuild/slides.py",
]

# glossary term -> variants that must not appear in Chinese prose
AVOID: dict[str, tuple[str, ...]] = {
    "飞桨": ("Paddle",),  # Paddle only in code, names of packages, versions (Paddle 2.6.2)
    "学习率": ("学习速率",),
    "小批量": ("迷你批",),
    "损失函数": ("代价函数",),
    "前向计算": ("前向传播",),
    "反向传播": ("逆向传播", "后向传播"),
    "全连接层": ("线性层", "稠密层", "全联接层"),
    "激活函数": ("激励函数",),
    "最大池化": ("最大值池化",),
    "链式法则": ("链式规则",),
    "梯度消失": ("梯度弥散",),
    "交叉熵": ("交叉墒",),
    "偏差修正": ("偏置修正", "偏差校正"),
    "数据并行": ("数据并行化",),
    "模型并行": ("模型并行化",),
    "权重衰减": ("权值衰减",),
    "多项式衰减": ("多项式衰退",),
    "精确率": ("查准率",),
    "召回率": ("查全率",),
    "随机搜索": ("随机搜寻",),
    "分布偏移": ("分布漂移",),
    "模型库": ("模型仓库",),
    "乘加运算": ("乘累加",),
    "隐含层": ("隐藏层", "隐层"),
    "准确率": ("正确率",),
    "多层感知机": ("多层感知器",),
    "卷积核": ("滤波器",),
    "特征图": ("特征映射",),
    "轮次": ("epoch", "时期"),
    "学习率策略": ("调度器", "学习率调度", "学习率衰减", "学习率计划", "学习率规划"),
    "检查点": ("checkpoint", "断点"),
    "过拟合": ("过度拟合", "overfitting"),
    "随机失活": ("Dropout", "dropout", "丢弃法", "暂退法"),
    "批归一化": ("BatchNorm", "批量归一化", "批标准化", "批规范化"),
    "滑动平均": ("滑动统计量", "移动平均", "运行平均", "运行统计量"),
    "起始层": ("主干起始层", "茎层", "stem"),
    "数据增强": ("数据增广", "数据扩增", "数据扩充"),
    "早停": ("提前停止", "提前终止", "早期停止"),
    "独热向量": ("独热编码", "one-hot 向量", "one-hot 编码"),
    "残差块": ("残差模块", "残差单元"),
    "微调": ("精调",),
    "质心": ("重心",),
    "高层 API": ("高级 API", "高阶 API"),
    "回调函数": ("回调对象",),
    "前向钩子": ("前向 hook",),
    "验证集": ("校验集", "开发集"),
    "迁移学习": ("转移学习",),
    "混淆矩阵": ("误差矩阵",),
}

# English label at the start of a segment -> the Chinese that segment starts with
LABELS: dict[str, str] = {
    r"\*\*Question (\d+)\.\*\*": r"**第 \1 题**　",
    r"\*\*Right\.\*\*": "**正确**。",
    r"\*\*Wrong\.\*\*": "**错误**。",
    r"\*\*Try it\.\*\*": "**动手试试。**",
    r"\*\*Implement it\.\*\*": "**动手实现。**",
    r"\*\*Think about it\.\*\*": "**想一想。**",
    r"Reference solution \(": "参考答案（",
    r"Check yourself$": "自测题",
    r"Exercises$": "练习",
}

# A gloss beside a term: the English (or an abbreviation) in parentheses, nothing Chinese in it.
GLOSS = re.compile(r"（[\x20-\x7e]+）|\([\x20-\x7e]+\)")
# A word in Chinese quotation marks is mentioned, not used: 不能写“线性层”, 写“Paddle”.
MENTION = re.compile(r"“[^”\n]{1,20}”")
TAG = re.compile(r"<[^>]+>")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
SENTENCE_END = re.compile(r"(?<=[。！？；])|\n")
CJK = re.compile(f"[{HAN}]")  # the characters the book's search calls Chinese


@dataclass
class Misuse:
    """A variant found where the glossary's term belongs."""

    page: str
    sentence: str
    variant: str
    term: str

    def __str__(self) -> str:
        return (
            f"{self.page}: {self.variant!r} where the glossary says {self.term!r}: {self.sentence}"
        )


def glossary_rows(text: str) -> list[list[str]]:
    """The cells of every row of the glossary's tables, header and rule excluded."""
    rows = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and not set(line) <= set("|- ") and cells[0] != "中文":
            rows.append(cells)
    return rows


def row_terms(cell: str) -> list[str]:
    """The terms one glossary cell defines: 训练集 / 验证集 / 测试集 -> three terms."""
    parts = re.split(r"\s*[/／、，,]\s*|[（(]|[）)]", cell)
    return [part.strip() for part in parts if part.strip()]


def glossary_terms(text: str) -> list[str]:
    """Every term the glossary defines, in order, repeats included."""
    return [term for row in glossary_rows(text) for term in row_terms(row[0])]


def prose(text: str) -> str:
    """``text`` without what is not Chinese prose: code, math, tags, links, glosses, mentions; a
    number quoted from the run becomes 0, so that Paddle {paddle} still reads as a version."""
    text = PLACEHOLDER.sub("0", text)
    for pattern in (CODE, MATH, TAG, LINK_TARGET, GLOSS, MENTION):
        text = pattern.sub(" ", text)
    return text


def variant_pattern(variant: str) -> re.Pattern:
    """A Latin variant matches as a word: not inside an identifier (``nn.Dropout``), nor as the
    name of a version (Paddle 2.6.2)."""
    if CJK.search(variant):
        return re.compile(re.escape(variant))
    return re.compile(rf"(?<![\w.]){re.escape(variant)}(?![\w.(]| ?\d)")


def misuses(page: str, text: str) -> Iterator[Misuse]:
    """Each variant of ``AVOID`` in the prose of ``text``, with the sentence it is in."""
    for sentence in SENTENCE_END.split(text):
        words = prose(sentence)
        for term, variants in AVOID.items():
            for variant in variants:
                if variant_pattern(variant).search(words):
                    yield Misuse(page, sentence.strip(), variant, term)


def catalogue_texts() -> Iterator[tuple[str, str, str]]:
    """(page, English, Chinese) of every translated segment of every catalogue."""
    for path in sorted(pages.CATALOGUES.glob("*.po")):
        for entry in read_catalogue(path):
            if entry.msgstr and not entry.obsolete:
                yield path.stem, entry.msgid, entry.msgstr


def glossary_prose(text: str) -> str:
    """The glossary page without its English column, which names the English words on purpose."""
    rows = glossary_rows(text)
    return "\n".join(" | ".join([row[0], *row[2:]]) for row in rows)


def printed_strings(module: str) -> Iterator[str]:
    """The Chinese string literals of a module: what it prints to a Chinese reader."""
    tree = ast.parse((pages.ROOT / module).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if CJK.search(node.value):
                yield node.value


def all_misuses() -> list[Misuse]:
    """Every misuse in the catalogues, the glossary and the Chinese the course prints."""
    found = []
    for page, _, chinese in catalogue_texts():
        if page != "glossary":
            found += misuses(page, chinese)
    found += misuses(GLOSSARY, glossary_prose(read_glossary()))
    for module in PRINTING_MODULES:
        for text in printed_strings(module):
            found += misuses(module, text)
    return found


def label_mismatch(page: str, english: str, chinese: str) -> str | None:
    """What is wrong with a Chinese segment's label, or None when it starts as ``LABELS`` says."""
    for label, chinese_label in LABELS.items():
        match = re.match(label, english)
        if match and not chinese.startswith(match.expand(chinese_label)):
            return f"{page}: should start with {match.expand(chinese_label)!r}: {chinese[:60]}"
    return None


def label_mismatches() -> list[str]:
    """Every Chinese segment of the catalogues that does not start with its label's Chinese."""
    found = (label_mismatch(*texts) for texts in catalogue_texts())
    return [mismatch for mismatch in found if mismatch]


def read_glossary() -> str:
    return (pages.ROOT / GLOSSARY).read_text(encoding="utf-8")
