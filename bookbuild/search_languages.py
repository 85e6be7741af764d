"""Sphinx extension: the book's search finds what a reader types, in both editions.

Chinese: Sphinx's own Chinese search cuts the pages into words with jieba when it builds the
index, but does not cut the reader's query: 恢复训练 is looked up as one word, while the index
holds 恢复 and 训练, so nothing is found. Here the index and the query cut every run of Chinese
characters
the same way, into overlapping pairs (恢复训练: 恢复, 复训, 训练), and the search page lists the
pages that hold every pair of the query: each page where the phrase occurs, whatever its words.

Latin words of the Chinese pages are stemmed with the Porter stemmer on both sides, as in the
English edition (Sphinx's Chinese index stems with another one than its search page, so that some
English words, such as "generate", were never found).

English: a word whose stem is a stop word ("one" and "ones" stem to "on") was indexed unstemmed,
while the search page looks up the stem, and found nothing; here every stem is indexed. The stop
words themselves take about 1 kB of the index; the search page still skips them.
"""

import re

import snowballstemmer
from sphinx.search.en import SearchEnglish
from sphinx.search.zh import SearchChinese

# The CJK Unified Ideographs, their extension A and the compatibility ideographs, written as
# escapes that Python's and JavaScript's regular expressions both read.
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RUN = re.compile(f"[{HAN}]+")
LATIN_WORD = re.compile(r"[a-zA-Z0-9_]+")


def han_pairs(text: str) -> list[str]:
    """Every pair of neighbouring Chinese characters in ``text`` (a lone character is no term:
    Sphinx indexes no term shorter than two characters)."""
    return [run[i : i + 2] for run in HAN_RUN.findall(text) for i in range(len(run) - 1)]


# The search page's splitQuery (searchtools.js calls it on the query): the same pairs, and the
# other words as Sphinx's default splitter finds them.
SPLIT_QUERY_JS = """
function splitQuery(query) {
  const terms = [];
  for (const word of query.split(/[^\\p{Letter}\\p{Number}_\\p{Emoji_Presentation}]+/gu)) {
    for (const part of word.split(/([%(han)s]+)/u)) {
      if (!part) continue;
      if (!/^[%(han)s]/u.test(part)) terms.push(part);
      else for (let i = 0; i + 1 < part.length; i++) terms.push(part.slice(i, i + 2));
    }
  }
  return terms;
}
""" % {"han": HAN}


class ChineseSearch(SearchChinese):
    """Sphinx's Chinese search language, with the pairs of ``han_pairs`` instead of jieba's
    words and one stemmer for the index and the search page."""

    js_splitter_code = SPLIT_QUERY_JS

    def init(self, options: dict[str, str]) -> None:
        self.stemmer = snowballstemmer.stemmer("porter")

    def split(self, input: str) -> list[str]:
        return han_pairs(input) + LATIN_WORD.findall(input)

    def stem(self, word: str) -> str:
        return self.stemmer.stemWord(word.lower())


class EnglishSearch(SearchEnglish):
    """Sphinx's English search language, indexing every stem, stop words included."""

    def word_filter(self, word: str) -> bool:
        return not word.isdigit()


def setup(app):
    app.add_search_language(EnglishSearch)
    app.add_search_language(ChineseSearch)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
