"""Print each edition of the built book to one PDF (bookbuild.pdf_build).

    .venv/bin/python scripts/build_pdf.py [HTML]
"""

import sys

from bookbuild.pdf_build import main

if __name__ == "__main__":
    sys.exit(main())
