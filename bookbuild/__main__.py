"""``python -m bookbuild``: the same as the ``course`` command (bookbuild.cli)."""

import sys

from .cli import main

sys.exit(main())
