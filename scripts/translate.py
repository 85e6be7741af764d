"""The Chinese edition's catalogues and pages (bookbuild.catalogues, bookbuild.chinese_edition).

    .venv/bin/python scripts/translate.py update   # new English segments into the catalogues
    .venv/bin/python scripts/translate.py build    # write the Chinese pages
    .venv/bin/python scripts/translate.py check    # what is untranslated, fuzzy or inconsistent
"""

import sys

from bookbuild import catalogues, chinese_edition

COMMANDS = {"update": catalogues.update, "build": chinese_edition.build,
            "check": catalogues.check}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    sys.exit(COMMANDS[sys.argv[1]]())
