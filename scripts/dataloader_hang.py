"""Reproduce a hang of Paddle's DataLoader on a busy machine (bookbuild.dataloader_hang).

    .venv/bin/python scripts/dataloader_hang.py [--persistent] [--rounds N] [--timeout S]
"""

import sys

from bookbuild.dataloader_hang import main

if __name__ == "__main__":
    sys.exit(main())
