"""Numbers the prose quotes from a run: written in the notebook, tied to the value the run
recorded.

A chapter records a measured value in a code cell with ``glue(name, value, display=False)``
(myst-nb's glue, which stores it in the cell's outputs), and its prose quotes the value as text:

    The model recognises <span data-measured="ch1_test_accuracy:.1%">22.8%</span> of the images.

Jupyter, AI Studio, the book and the PDF all show the number itself, with no extension and before
any cell runs; the ``data-measured`` attribute, invisible on every surface, names the recorded
value and its format (Python's format mini-language, as myst-nb's ``{glue:text}`` role had it).
``stale_quotes`` lists every quoted number that differs from what the notebook's saved outputs
recorded, and ``requote`` rewrites them (``course run`` calls it after a full run).
For the translation catalogues a quoted number is the placeholder ``{name:format}``
(``to_placeholders``), so a new run never makes a translation stale, and ``from_placeholders``
puts the English page's numbers back into the Chinese text.
"""

import ast
import re

import nbformat

QUOTED = re.compile(r'<span data-measured="([^"]+)">([^<]*)</span>')
PLACEHOLDER = re.compile(r"(?<![\w}])\{(\w+(?::[^{}\s`]*)?)\}(?!`)")
RECORD = "application/papermill.record/text/plain"


def quote(key: str, text: str) -> str:
    """The markup of a quoted number: ``key`` is ``name`` or ``name:format``."""
    return f'<span data-measured="{key}">{text}</span>'


def format_value(recorded: str, key: str) -> str:
    """The text of ``key``'s value, from its recorded ``text/plain``, as myst-nb formats it."""
    spec = key.partition(":")[2]
    try:
        value = ast.literal_eval(recorded)
    except (SyntaxError, ValueError):
        value = recorded
    if not spec:
        return str(value)
    if spec[-1] in "bcdoxX":
        value = int(value)
    elif spec[-1] in "eEfFgGn%":
        value = float(value)
    return format(value, spec)


def recorded_values(notebook: nbformat.NotebookNode) -> dict[str, str]:
    """Every value the notebook's outputs recorded with ``glue``: name -> ``text/plain``."""
    values = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if RECORD in output.get("data", {}):
                values[output["metadata"]["scrapbook"]["name"]] = output["data"][RECORD]
    return values


def quotes(notebook: nbformat.NotebookNode) -> list[tuple[int, str, str]]:
    """Every quoted number of the notebook's prose: (cell number, key, text shown)."""
    return [
        (number, match.group(1), match.group(2))
        for number, cell in enumerate(notebook.cells)
        if cell.cell_type == "markdown"
        for match in QUOTED.finditer(cell.source)
    ]


def stale_quotes(notebook: nbformat.NotebookNode, page: str) -> list[str]:
    """Each quoted number that is not what the saved run recorded, naming page and quantity."""
    values = recorded_values(notebook)
    problems = []
    for number, key, shown in quotes(notebook):
        name = key.partition(":")[0]
        if name not in values:
            problems.append(
                f"{page}, cell {number}: quotes {name!r}, which no cell records with glue()"
            )
        elif shown != (measured := format_value(values[name], key)):
            problems.append(
                f"{page}, cell {number}: {name} is quoted as {shown!r}, but the "
                f"saved run measured {measured!r} (run course run)"
            )
    return problems


def requote(notebook: nbformat.NotebookNode) -> int:
    """Rewrite every quoted number from the recorded values; return how many changed."""
    values = recorded_values(notebook)
    changed = 0

    def measured(match: re.Match) -> str:
        nonlocal changed
        key, shown = match.groups()
        text = format_value(values[key.partition(":")[0]], key)
        changed += text != shown
        return quote(key, text)

    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = QUOTED.sub(measured, cell.source)
    return changed


def to_placeholders(text: str) -> str:
    """``text`` with each quoted number as its placeholder ``{name:format}``."""
    return QUOTED.sub(lambda match: "{" + match.group(1) + "}", text)


def from_placeholders(translated: str, english: str) -> str:
    """``translated`` with each placeholder replaced by the quoted number of ``english``."""
    shown = {key: text for key, text in QUOTED.findall(english)}
    return PLACEHOLDER.sub(
        lambda match: (
            quote(match.group(1), shown[match.group(1)])
            if match.group(1) in shown
            else match.group(0)
        ),
        translated,
    )
