"""Measuring the course: where its speed claims come from. Not tests: these measure, they do
not assert, and they take minutes. Run them with ``.venv/bin/course`` (see its ``--help``).

    ``benchmark``          load time, epoch time and course time (speed claims come from here)
    ``timing_under_load``  the asserted timings of chapters 2 and 6, on an idle and a busy machine
    ``dataloader_hang``    a hang of Paddle's DataLoader on a busy machine, reproduced
    ``busy_core``          a process that keeps one core busy, for the last two
"""
