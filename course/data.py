"""The course's data: its fixed examples and weights, synthetic data sets, and the CSV reader.

Each function returns fresh arrays, so a notebook that changes them changes only its own copy.
"""

import csv
import os
import pathlib
import reprlib

import numpy as np

# The data sets, in course/datasets/, found from this file: notebooks run from any folder, and
# an installed course (not editable, as on a JupyterHub) carries them with it.
DATA_DIR = pathlib.Path(__file__).resolve().parent / "datasets"
# load_csv reads at most 20 MB, 160 times the course's data set.
MAX_CSV_BYTES = 20 * 2**20


def two_point_data():
    """The two labelled examples the course starts from (notebook 01, section 1).

    Returns (input_vectors, targets): shapes (2, 2) and (2,).
    """
    return np.array([[1.66, 1.56], [2.0, 1.5]]), np.array([1, 0])


def first_weights():
    """The weights and bias the course starts from, [1.45, -0.66] and 0 (notebook 01, section 2).

    Returns (weights_1, bias): shapes (2,) and (1,).
    """
    return np.array([1.45, -0.66]), np.array([0.0])


def eight_point_data():
    """Eight labelled points that one neuron cannot separate (notebook 05, section 1).

    Returns (input_vectors, targets): shapes (8, 2) and (8,).
    """
    input_vectors = np.array([[3, 1.5], [2, 1], [4, 1.5], [3, 4], [3.5, 0.5], [2, 0.5], [5.5, 1], [1, 1]])
    return input_vectors, np.array([0, 1, 0, 1, 0, 1, 1, 0])


def xor_data():
    """The four corners of the unit square, labelled 1 where exactly one input is 1 (notebook 06, section 1).

    Returns (input_vectors, targets): shapes (4, 2) and (4,).
    """
    return np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]), np.array([0, 1, 1, 0])


def two_moons(n_samples, noise, rng):
    """Two interleaving half circles, labelled 0 and 1, with Gaussian noise (notebook 06, section 6).

    n_samples: total number of points (split evenly); noise: standard deviation added to
    each coordinate; rng: a numpy Generator. Returns (X, y): shapes (n_samples, 2), (n_samples,).
    """
    n_upper = n_samples // 2
    angles = rng.uniform(0, np.pi, size=n_samples)
    upper = np.column_stack([np.cos(angles[:n_upper]), np.sin(angles[:n_upper])])
    lower = np.column_stack([1 - np.cos(angles[n_upper:]), 0.5 - np.sin(angles[n_upper:])])
    X = np.vstack([upper, lower]) + rng.normal(0, noise, size=(n_samples, 2))
    y = np.concatenate([np.zeros(n_upper), np.ones(n_samples - n_upper)])
    return X, y


def load_csv(path):
    """Read a labelled data set: a header row, then one row per example, the label last.

    Every cell but the label must be a finite number; the label must be 0 or 1. The file is
    UTF-8 text (a byte-order mark and blank lines at the end, as spreadsheets write, are fine)
    of at most MAX_CSV_BYTES (20 MB).
    Returns (input_vectors, targets, feature_names): shapes (n, n_features), (n,), a list.
    Raises ValueError naming the file, and the line and column of the first bad cell.
    """
    if not isinstance(path, (str, os.PathLike)) or isinstance(os.fspath(path), bytes):
        raise TypeError(f"path must be a file name (text or a pathlib.Path), not {reprlib.repr(path)}")
    if str(pathlib.Path(path)) == "." or "\0" in str(path):
        raise ValueError(f"path must name a file, not {reprlib.repr(str(pathlib.Path(path)))}")
    path = pathlib.Path(path)
    if path.exists() and not path.is_file():
        raise ValueError(f"{path}: not a CSV file (a folder or a device)")
    size = path.stat().st_size  # FileNotFoundError, naming the file, if there is none
    if size > MAX_CSV_BYTES:
        raise ValueError(f"{path}: {size:,} bytes, more than the {MAX_CSV_BYTES:,} load_csv reads")
    rows = _csv_rows(path)
    while rows and not any(cell.strip() for cell in rows[-1][1]):
        rows.pop()  # blank lines at the end
    if not rows:
        raise ValueError(f"{path}: the file is empty; expected a header row, then data rows")
    (_, header), data = rows[0], rows[1:]
    if len(header) < 2:
        raise ValueError(f"{path}, line 1: expected a header of feature names and a label name")
    if not data:
        raise ValueError(f"{path}: no data rows after the header")
    values = np.empty((len(data), len(header)))
    for row_index, (line, row) in enumerate(data):
        if not any(cell.strip() for cell in row):
            raise ValueError(f"{path}, line {line}: a blank line between data rows")
        if len(row) != len(header):
            raise ValueError(f"{path}, line {line}: expected {len(header)} columns, found {len(row)}")
        for column, (name, cell) in enumerate(zip(header, row), start=1):
            where = f"{path}, line {line}, column {column} ({name!r})"
            if not cell.strip():
                raise ValueError(f"{where}: missing value")
            try:
                value = float(cell)
            except ValueError:
                raise ValueError(f"{where}: {reprlib.repr(cell)} is not a number") from None
            if not np.isfinite(value):
                raise ValueError(f"{where}: {cell!r} is not a finite number")
            if column == len(header) and value not in (0.0, 1.0):
                raise ValueError(f"{where}: the label must be 0 or 1, not {reprlib.repr(cell)}")
            values[row_index, column - 1] = value
    return values[:, :-1], values[:, -1].astype(int), header[:-1]


def _csv_rows(path):
    """Every row of a CSV file as (line number, cells), or a ValueError naming file and line."""
    with open(path, newline="", encoding="utf-8-sig") as file:
        reader = csv.reader(file)
        rows = []
        try:
            while True:
                line = reader.line_num + 1  # where the next row starts (a quoted cell may span lines)
                try:
                    rows.append((line, next(reader)))
                except StopIteration:
                    break
        except csv.Error as error:
            raise ValueError(f"{path}, line {line}: not readable as CSV ({error})") from None
        except UnicodeDecodeError:
            data = path.read_bytes()
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as error:
                line = data.count(b"\n", 0, error.start) + 1
                raise ValueError(f"{path}, line {line}: not UTF-8 text (byte {data[error.start]:#04x}); "
                                 "save the file as CSV UTF-8") from None
            raise
    return rows

