"""Fail if a page of the built book fetches anything from outside it (bookbuild.offline_check).

    .venv/bin/python scripts/check_book_offline.py [_build/html]
"""

import sys

from bookbuild.offline_check import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "_build/html"))
