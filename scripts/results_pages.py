"""Write the results page in both editions and the journey figure again from book/results.json,
without training anything (bookbuild.results_pages).

    .venv/bin/python scripts/results_pages.py
"""

from bookbuild import chinese_edition, results_pages
from bookbuild.pages import RESULTS_PAGE

if __name__ == "__main__":
    results_pages.write_pages(results_pages.saved_results())
    chinese_edition.write_chinese_page(RESULTS_PAGE)
    print("wrote book/results.md, book/results.zh.md and book/journey.png")
