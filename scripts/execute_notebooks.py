"""Re-execute notebooks top to bottom, each in a fresh kernel, and store their outputs.

Usage: python scripts/execute_notebooks.py [NOTEBOOK ...]   (default: every notebook)
Run it after any change to nnlib.py, course/ or a notebook, then commit the notebooks.
Running it twice without a change in between leaves the files as they were.
"""

import hashlib
import pathlib
import subprocess
import sys

import nbformat

ROOT = pathlib.Path(__file__).resolve().parent.parent
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def widget_model_id(path, cell_index):
    """The model_id stored for the widget shown by a cell: fixed by the notebook and the cell.

    The kernel's own ids are random and, with no widget state stored, point at nothing once the
    kernel has stopped; a random one would only change the file on every run.
    """
    return hashlib.sha256(f"{pathlib.Path(path).name} cell {cell_index}".encode()).hexdigest()[:32]


def fix_widget_ids(path):
    notebook = nbformat.read(path, as_version=4)
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if WIDGET_VIEW in output.get("data", {}):
                output.data[WIDGET_VIEW]["model_id"] = widget_model_id(path, index)
    nbformat.write(notebook, path)


def main(paths):
    notebooks = paths or sorted(str(p) for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    command = [
        sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", "--inplace",
        "--ExecutePreprocessor.kernel_name=python3",
        # No per-cell timestamps, and no widget state (it holds PNG bytes and changes each run).
        "--ExecutePreprocessor.record_timing=False",
        "--ExecutePreprocessor.store_widget_state=False",
        # One stream output per run of printed text: how the kernel cut it into chunks depends
        # on how long the cell took, so without this a busy machine stores different files.
        '--NotebookExporter.preprocessors=["nbconvert.preprocessors.CoalesceStreamsPreprocessor"]',
        *notebooks,
    ]
    subprocess.run(command, check=True)
    for path in notebooks:
        fix_widget_ids(path)


if __name__ == "__main__":
    main(sys.argv[1:])
