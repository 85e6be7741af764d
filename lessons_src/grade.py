"""Grade a class: ``python -m lessons_src.grade SUBMISSIONS`` (``--help`` says
how). The grader is the teacher's tool and lives in the course's ``grading``
package; this module is its command."""

import sys

if __name__ == "__main__":
    try:
        from grading.cli import main
    except ModuleNotFoundError:
        sys.exit(
            "The grader is part of the course's repository (its grading "
            "folder), not of the student edition: run it there."
        )
    sys.exit(main())
