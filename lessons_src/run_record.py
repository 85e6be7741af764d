"""What a full run of the course keeps of each notebook: the values its range
checks measured and the sizes it ran with, appended as JSON lines to the file
named by ``COURSE_RESULTS_FILE``. ``course run`` sets it to build the book's
results page from the same run that produces the committed notebook outputs;
when it is not set (a student's run), nothing is written.
"""

import json
import os

RESULTS_ENV = "COURSE_RESULTS_FILE"


def _record(entry: dict) -> None:
    """Append ``entry`` to the file named by COURSE_RESULTS_FILE, if set."""
    path = os.environ.get(RESULTS_ENV)
    if path:
        with open(path, "a", encoding="utf-8") as results:
            results.write(json.dumps(entry) + "\n")
