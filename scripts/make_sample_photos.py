"""Write the single-digit photos of work/ and their labels (bookbuild.sample_photos).

    .venv/bin/python scripts/make_sample_photos.py
"""

import sys

from bookbuild.sample_photos import write_digit_photos

if __name__ == "__main__":
    sys.exit(write_digit_photos())
