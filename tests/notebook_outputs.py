"""The text a notebook shows, as strict nbval compares it: for test_notebooks.py and the browser tests."""

import configparser
import copy
import pathlib
import re

from nbval.plugin import coalesce_streams

SANITIZE = pathlib.Path(__file__).resolve().parent / "nbval_sanitize.cfg"


def sanitize(text):
    """Apply the replacements of nbval_sanitize.cfg, as nbval does."""
    rules = configparser.ConfigParser()
    rules.read(SANITIZE)
    for section in rules.sections():
        text = re.sub(rules[section]["regex"], rules[section]["replace"], text)
    return text


def text_outputs(notebook):
    """Every compared text output (stdout, plain text, HTML) of the cells nbval compares.

    Stream outputs are merged per cell first, as nbval does: how a cell's printed text is cut
    into chunks depends on how long it ran (ipykernel flushes every 0.2 s), not on the code.
    """
    texts = []
    for cell in notebook.cells:
        if cell.cell_type != "code" or "nbval-ignore-output" in cell.metadata.get("tags", []):
            continue
        for output in coalesce_streams(copy.deepcopy(cell.get("outputs", []))):
            if output.output_type == "stream":
                texts.append((output.name, sanitize(output.text)))
            for mime in ("text/plain", "text/html"):
                if mime in output.get("data", {}):
                    texts.append((mime, sanitize(output.data[mime])))
    return texts
