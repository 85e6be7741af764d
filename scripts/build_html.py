"""Build both editions of the book as HTML into _build/html (bookbuild.html_build).

    .venv/bin/python scripts/build_html.py [--path-output OUT]
"""

import sys

from bookbuild.html_build import main

if __name__ == "__main__":
    sys.exit(main())
