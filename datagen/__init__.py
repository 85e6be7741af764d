"""Generators of the files in ``work/`` that are not downloaded: the sample photos, rendered from
real MNIST test digits (``sample_photos``). Run with ``.venv/bin/course photos``. Chapter 11's
generated house numbers are made by ``lessons_src.synthetic_house_numbers``, which the chapter
itself explains and calls."""
