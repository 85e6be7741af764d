"""Write the photos of four-digit numbers of work/ and their numbers (bookbuild.sample_photos).

    .venv/bin/python scripts/make_number_photos.py
"""

import sys

from bookbuild.sample_photos import write_number_photos

if __name__ == "__main__":
    sys.exit(write_number_photos())
