"""The small text functions of the book's build: which URLs a page fetches, the PDF's anchors,
the Chinese search terms, the edition Sphinx builds, and the values a notebook recorded."""

import nbformat
import pytest

from bookbuild import editions, quoted_numbers
from bookbuild.offline_check import remote_fetches
from bookbuild.pdf_build import anchor
from bookbuild.search_languages import han_pairs

pytestmark = pytest.mark.machinery


def test_remote_fetches_finds_what_the_browser_would_load_from_outside():
    html = (
        '<script src="https://cdn.example.org/a.js"></script>'
        '<script src="_static/local.js"></script>'
        '<img src="//images.example.org/b.png">'
        '<link rel="stylesheet" href="https://fonts.example.org/c.css">'
        '<link rel="canonical" href="https://book.example.org/page.html">'
        '<a href="https://example.org/only-a-link">a link is not fetched</a>'
    )
    assert remote_fetches(html) == [
        "https://cdn.example.org/a.js",
        "//images.example.org/b.png",
        "https://fonts.example.org/c.css",
    ]


def test_anchors_of_the_combined_pdf_are_unique_per_page_and_id():
    assert anchor("01_linear_baseline.html") == "page-01_linear_baseline"
    assert anchor("01_linear_baseline.zh.html") == "page-01_linear_baseline-zh"
    assert anchor("intro.html", "exercises") == "intro--exercises"


def test_han_pairs_are_every_two_neighbouring_chinese_characters():
    assert han_pairs("用 Paddle 训练模型，看损失") == ["训练", "练模", "模型", "看损", "损失"]
    assert han_pairs("单 字") == []


def test_the_edition_sphinx_builds_follows_its_language():
    assert editions.edition_of(None) is editions.ENGLISH
    assert editions.edition_of("en") is editions.ENGLISH
    assert editions.edition_of("zh_CN") is editions.CHINESE


def test_recorded_values_are_the_glued_values_by_name():
    glued = nbformat.v4.new_output(
        "display_data",
        data={quoted_numbers.RECORD: "0.9213", "text/plain": "0.9213"},
        metadata={"scrapbook": {"name": "ch1_accuracy"}},
    )
    printed = nbformat.v4.new_output("stream", name="stdout", text="accuracy 0.9213\n")
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(outputs=[printed, glued]),
            nbformat.v4.new_markdown_cell(),
        ]
    )
    assert quoted_numbers.recorded_values(notebook) == {"ch1_accuracy": "0.9213"}


def test_the_processor_is_read_from_cpuinfo(tmp_path, monkeypatch):
    from measuring import processor

    info = tmp_path / "cpuinfo"
    info.write_text("processor\t: 0\nmodel name\t: Test CPU 9000\nflags\t\t: fpu sse avx2\n")
    monkeypatch.setattr(processor, "CPUINFO", info)
    assert processor.describe()["model"] == "Test CPU 9000"
    assert processor.describe()["avx512"] is False
    info.write_text("model name\t: Test CPU 9000\nflags\t\t: fpu avx2 avx512f avx512bw\n")
    assert processor.describe()["avx512"] is True
    monkeypatch.setattr(processor, "CPUINFO", tmp_path / "missing")
    assert processor.describe()["avx512"] is None


def test_the_results_page_says_where_each_time_was_taken():
    from bookbuild.results_pages import processor_text

    cpu = {"model": "Test CPU 9000", "cores": 2, "avx512": False}
    assert processor_text(cpu, str) == "Run on Test CPU 9000, 2 cores, without AVX-512."
    assert processor_text(None, str) == "Processor not recorded."
