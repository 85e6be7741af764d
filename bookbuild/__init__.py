"""The machinery that makes the book, one module per stage; students never import it.

The course itself is ``lessons_src`` (what the chapters import) and ``book/`` (the chapters).
This package runs the chapters, writes the Chinese edition, and builds and checks the book;
``scripts/`` holds the commands that call it.

Running the course
    ``course_run``         every chapter in full mode; saves outputs, quoted numbers, results
    ``quoted_numbers``     the numbers the prose quotes from the run, checked and rewritten
    ``results_pages``      the results page and the journey figure, from ``book/results.json``
    ``benchmark``          load time, epoch time and course time (speed claims come from here)
    ``timing_under_load``  the asserted timings of chapters 2 and 6, on an idle and a busy machine
    ``dataloader_hang``    a hang of Paddle's DataLoader on a busy machine, reproduced
    ``sample_photos``      the photos in ``work/``, rendered from real MNIST test digits

The Chinese edition
    ``pages``              the pages of the book and where each edition lives
    ``segments``           a page cut into the segments a translator translates (markdown-it-py)
    ``catalogues``         the gettext catalogues: updated, and checked for drift
    ``chinese_edition``    each Chinese page written from its English page and catalogue

The book
    ``html_build``         both editions as HTML (Jupyter Book)
    ``language_switch``    Sphinx extension: a link on every page to the other edition
    ``search_languages``   Sphinx extension: a search that finds any phrase of a page
    ``pdf_build``          each edition printed to one PDF by Chromium
    ``offline_check``      no page fetches anything from outside the book
"""
