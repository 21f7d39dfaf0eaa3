"""Files: the CSV loader and saving or loading a trained network, including every bad file."""

import pathlib

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nnlib

ROOT = pathlib.Path(__file__).resolve().parent.parent


# --- load_csv ---------------------------------------------------------------------------

def test_the_breast_cancer_data():
    X, y, names = nnlib.load_csv(ROOT / "data" / "breast_cancer.csv")
    assert X.shape == (569, 30) and y.shape == (569,)
    assert int(y.sum()) == 212 and set(np.unique(y)) == {0, 1} and y.dtype.kind == "i"
    assert names[0] == "mean_radius" and len(names) == 30
    assert X[0, 0] == 17.99


BAD_FILES = [
    # (file content, words the message must contain)
    ("", ["the file is empty"]),
    ("a,b,label\n", ["no data rows"]),
    ("a,b,label\n1,2,1\n3,,0\n", ["line 3, column 2 ('b')", "missing value"]),
    ("a,b,label\n1,2,1\n3,four,0\n", ["line 3, column 2 ('b')", "'four' is not a number"]),
    ("a,b,label\n1,2\n", ["line 2", "expected 3 columns, found 2"]),
    ("a,b,label\n1,2,1,7\n", ["line 2", "expected 3 columns, found 4"]),
    ("a,b,label\n1,2,2\n", ["line 2, column 3 ('label')", "must be 0 or 1, not '2'"]),
    ("a,b,label\n1,2,0.5\n", ["line 2, column 3 ('label')", "must be 0 or 1"]),
    ("a,b,label\nnan,2,1\n", ["line 2, column 1 ('a')", "not a finite number"]),
    ("a,b,label\n1,inf,1\n", ["line 2, column 2 ('b')", "not a finite number"]),
    ("label\n1\n", ["line 1", "header"]),
]


@pytest.mark.parametrize("content, words", BAD_FILES)
def test_malformed_csv_files_are_rejected_with_file_line_and_column(tmp_path, content, words):
    path = tmp_path / "data.csv"
    path.write_text(content)
    with pytest.raises(ValueError) as raised:
        nnlib.load_csv(path)
    message = str(raised.value)
    assert str(path) in message
    for word in words:
        assert word in message, message


numbers = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@st.composite
def csv_tables(draw):
    n_features = draw(st.integers(1, 4))
    rows = draw(st.lists(st.tuples(st.lists(numbers, min_size=n_features, max_size=n_features),
                                   st.sampled_from([0, 1])), min_size=1, max_size=6))
    return n_features, rows


def write_table(path, n_features, rows):
    header = ",".join([f"x{i}" for i in range(n_features)] + ["label"])
    lines = [",".join([repr(v) for v in values] + [str(label)]) for values, label in rows]
    path.write_text("\n".join([header, *lines]) + "\n")


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(csv_tables())
def test_well_formed_files_load_exactly(tmp_path, table):
    n_features, rows = table
    path = tmp_path / "good.csv"
    write_table(path, n_features, rows)
    X, y, names = nnlib.load_csv(path)
    np.testing.assert_array_equal(X, [values for values, _ in rows])
    np.testing.assert_array_equal(y, [label for _, label in rows])
    assert names == [f"x{i}" for i in range(n_features)]


corruptions = st.sampled_from(["blank", "text", "drop", "extra", "label", "nan"])


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(csv_tables(), corruptions, st.data())
def test_every_corrupted_file_is_rejected_with_a_value_error(tmp_path, table, corruption, data):
    n_features, rows = table
    path = tmp_path / "bad.csv"
    write_table(path, n_features, rows)
    lines = path.read_text().splitlines()
    row = data.draw(st.integers(1, len(lines) - 1))
    cells = lines[row].split(",")
    column = data.draw(st.integers(0, len(cells) - 1))
    if corruption == "blank":
        cells[column] = " "
    elif corruption == "text":
        cells[column] = data.draw(st.sampled_from(["abc", "1,5".replace(",", ";"), "--", "0x1g"]))
    elif corruption == "drop":
        del cells[column]
    elif corruption == "extra":
        cells.append("0")
    elif corruption == "label":
        cells[-1] = data.draw(st.sampled_from(["2", "-1", "0.5", "yes"]))
    else:
        cells[column] = "nan"
    lines[row] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ValueError, match=rf"line {row + 1}"):
        nnlib.load_csv(path)


# --- saving and loading a network ----------------------------------------------------------

@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.integers(1, 6), min_size=0, max_size=2), st.integers(0, 1000),
       st.sampled_from(["sigmoid", "relu"]))
def test_save_and_load_round_trip(tmp_path, hidden, seed, activation):
    sizes = [3, *hidden, 1]
    network = nnlib.NeuralNetwork(sizes, learning_rate=0.3, seed=seed, hidden_activation=activation)
    X = np.random.default_rng(seed).normal(size=(10, 3))
    network.train(X, (X[:, 0] > 0).astype(float), iterations=5)
    path = tmp_path / "network.npz"
    network.save(path)
    loaded = nnlib.NeuralNetwork.load(path)
    assert loaded.layer_sizes == sizes and loaded.hidden_activation == activation
    assert loaded.learning_rate == 0.3
    np.testing.assert_array_equal(loaded.predict(X), network.predict(X))
    assert [p.name for p in tmp_path.iterdir()] == ["network.npz"]  # no temporary file left


def test_a_crash_mid_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "network.npz"
    old = nnlib.NeuralNetwork([2, 3, 1], seed=1)
    old.save(path)
    before = path.read_bytes()

    def crash(file, **arrays):
        file.write(b"PK\x03\x04 half a zip file")
        raise KeyboardInterrupt  # the process is stopped mid-write

    monkeypatch.setattr(np, "savez", crash)
    with pytest.raises(KeyboardInterrupt):
        nnlib.NeuralNetwork([2, 3, 1], seed=2).save(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["network.npz"]


def test_the_temporary_file_is_written_beside_the_target(tmp_path, monkeypatch):
    # A rename is only atomic within one file system, so the temporary file must sit beside the target.
    renames = []
    original = nnlib.os.replace
    monkeypatch.setattr(nnlib.os, "replace", lambda src, dst: (renames.append((src, dst)), original(src, dst)))
    nnlib.NeuralNetwork([2, 1]).save(tmp_path / "network.npz")
    (source, destination), = renames
    assert pathlib.Path(source).parent == tmp_path and pathlib.Path(destination) == tmp_path / "network.npz"


def saved_arrays(tmp_path):
    path = tmp_path / "good.npz"
    nnlib.NeuralNetwork([2, 3, 1], seed=0).save(path)
    with np.load(path) as file:
        return {name: file[name] for name in file.files}


def corrupt(tmp_path, **changes):
    arrays = {**saved_arrays(tmp_path), **changes}
    path = tmp_path / "bad.npz"
    with open(path, "wb") as file:
        np.savez(file, **{name: value for name, value in arrays.items() if value is not None})
    return path


@pytest.mark.parametrize("changes, words", [
    (dict(weights_0=np.zeros((3, 3))), "weights_0 must be float64 of shape (2, 3), not float64 of shape (3, 3)"),
    (dict(biases_1=np.zeros(1, dtype=np.float32)), "biases_1 must be float64 of shape (1,), not float32"),
    (dict(weights_1=np.full((3, 1), np.nan)), "weights_1 holds NaN or infinity"),
    (dict(biases_0=None), "biases_0 is missing"),
    (dict(layer_sizes=None), "no 'layer_sizes'"),
    (dict(layer_sizes=np.array([2.0, 3.0, 1.0])), "layer_sizes must be a list of integers"),
    (dict(layer_sizes=np.array([2, 3, 2])), "ending in 1"),
    (dict(hidden_activation=np.array("tanh")), "hidden_activation"),
    (dict(weights_2=np.zeros((1, 1))), "unexpected arrays ['weights_2']"),
    (dict(weights_0=np.array([[1, 2, 3], [4, 5, 6]], dtype=object)), "not a readable network file"),
])
def test_mismatched_files_are_rejected_naming_what_is_wrong(tmp_path, changes, words):
    path = corrupt(tmp_path, **changes)
    with pytest.raises(ValueError) as raised:
        nnlib.NeuralNetwork.load(path)
    assert str(path) in str(raised.value) and words in str(raised.value), str(raised.value)


@pytest.mark.parametrize("damage", ["truncate", "garble", "empty", "missing"])
def test_truncated_or_corrupted_files_are_rejected(tmp_path, damage):
    path = tmp_path / "network.npz"
    nnlib.NeuralNetwork([2, 3, 1], seed=0).save(path)
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "garble":
        path.write_bytes(data[:100] + bytes(b ^ 0xFF for b in data[100:300]) + data[300:])
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.unlink()
    with pytest.raises(ValueError, match="not a readable network file"):
        nnlib.NeuralNetwork.load(path)
