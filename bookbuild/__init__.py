"""The machinery that makes the book, one module per stage; students never import it.

The course itself is ``lessons_src`` (what the chapters import) and ``book/`` (the chapters).
This package runs the chapters, writes the Chinese edition, and builds and checks the book;
``cli`` is the one command, ``course``, that calls it (and the tools of ``measuring`` and
``datagen``, which measure the course and make the sample photos).

Running the course
    ``course_run``         every chapter in full mode; saves outputs, quoted numbers, results
    ``quoted_numbers``     the numbers the prose quotes from the run, checked and rewritten
    ``results_pages``      the results page and the journey figure, from ``book/results.json``

The Chinese edition
    ``pages``              the pages of the book, read from ``_toc.yml``
    ``editions``           the two editions: folder, table of contents, interface words
    ``segments``           a page cut into the segments a translator translates (markdown-it-py)
    ``catalogues``         the gettext catalogues: updated, and checked for drift
    ``chinese_edition``    each Chinese page written from its English page and catalogue

The book
    ``html_build``         both editions as HTML (Jupyter Book)
    ``language_switch``    Sphinx extension: a link on every page to the other edition
    ``search_languages``   Sphinx extension: a search that finds any phrase of a page
    ``pdf_build``          each edition printed to one PDF by Chromium
    ``offline_check``      no page fetches anything from outside the book
    ``chromium``           the system's Chromium, for the PDFs and the browser tests
    ``cli``                ``course``: every task above as a subcommand
"""
