"""Re-execute notebooks top to bottom, each in a fresh kernel, and store their outputs.

Usage: python scripts/execute_notebooks.py [NOTEBOOK ...]   (default: every notebook)
Run it after any change to nnlib.py, course/ or a notebook, then commit the notebooks.
"""

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


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


if __name__ == "__main__":
    main(sys.argv[1:])
