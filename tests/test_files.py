"""Files: the CSV loader and saving or loading a trained network, including every bad file."""

import io
import os
import pathlib
import stat
import zipfile

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


# --- files that are not what they claim: checked before anything big is read ---------------

def npz_with_declared_shapes(path, declared, compress=False, data_bytes=0):
    """A network file whose arrays are a network [2, 3, 1], except that the .npy headers of
    `declared` ({name: (shape, dtype)}) claim other shapes, followed by `data_bytes` zero bytes."""
    arrays = saved_arrays(path.parent)
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(path, "w", compression=method) as archive:
        for name, array in arrays.items():
            with archive.open(name + ".npy", "w", force_zip64=True) as member:
                if name in declared:
                    shape, dtype = declared[name]
                    np.lib.format.write_array_header_1_0(member, {"descr": np.dtype(dtype).str,
                                                                  "fortran_order": False, "shape": shape})
                    chunk = bytes(2**20)
                    for start in range(0, data_bytes, len(chunk)):
                        member.write(chunk[: data_bytes - start])
                else:
                    np.lib.format.write_array(member, array, allow_pickle=False)
    return path


def refused_with_peak_memory(call):
    """(the ValueError that call() raises, the most memory it held meanwhile, in bytes)."""
    import tracemalloc

    tracemalloc.start()
    try:
        call()
    except ValueError as error:
        return error, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    raise AssertionError("no ValueError")


@pytest.mark.parametrize("declared, words", [
    ({"weights_0": ((10**12,), np.float64)}, "weights_0 must be float64 of shape (2, 3), not float64 of shape (1000000000000,)"),
    ({"layer_sizes": ((10**11,), np.int64)}, "layer_sizes declares 800,000,000,000 bytes, more than a network file holds"),
    ({"hidden_activation": ((), "<U100000")}, "hidden_activation declares 400,000 bytes"),
])
def test_a_small_file_cannot_ask_for_terabytes(tmp_path, declared, words):
    path = npz_with_declared_shapes(tmp_path / "small.npz", declared)
    assert path.stat().st_size < 2000
    error, peak = refused_with_peak_memory(lambda: nnlib.NeuralNetwork.load(path))
    assert str(path) in str(error) and words in str(error), str(error)
    assert peak < 1_000_000


def test_a_decompression_bomb_is_refused_without_being_unpacked(tmp_path):
    # 200 MB of zeros compressed into about 200 kB, declared as the network's layer sizes.
    path = npz_with_declared_shapes(tmp_path / "bomb.npz", {"layer_sizes": ((25_000_000,), np.int64)},
                                    compress=True, data_bytes=200_000_000)
    assert path.stat().st_size < 1_000_000
    error, peak = refused_with_peak_memory(lambda: nnlib.NeuralNetwork.load(path))
    assert "layer_sizes declares 200,000,000 bytes, more than a network file holds" in str(error)
    assert peak < 5_000_000


@pytest.mark.parametrize("kind", ["npy", "text", "folder", "csv"])
def test_a_file_that_is_not_a_network_file_is_named(tmp_path, kind):
    path = tmp_path / f"not-a-network.{kind}"
    if kind == "npy":
        np.save(path, np.zeros((2, 3)))
    elif kind == "text":
        path.write_text("weights: 1, 2, 3")
    elif kind == "folder":
        path.mkdir()
    else:
        path.write_bytes((ROOT / "data" / "breast_cancer.csv").read_bytes()[:300])
    with pytest.raises(ValueError, match="not a readable network file") as raised:
        nnlib.NeuralNetwork.load(path)
    assert str(path) in str(raised.value)


@pytest.mark.parametrize("bad_path, error", [(0, TypeError), (3, TypeError), (None, TypeError), (b"net", TypeError), ("", ValueError)])
def test_paths_must_be_file_names_never_descriptor_numbers(bad_path, error):
    # open(0) would read standard input: a number is never taken for a file.
    for call in (nnlib.load_csv, nnlib.NeuralNetwork.load, nnlib.NeuralNetwork([2, 1]).save):
        with pytest.raises(error, match="path must"):
            call(bad_path)


# --- saving: the user's umask, the target named in errors, nothing overwritten by mistake ------

@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_saved_network_has_the_permissions_the_umask_gives(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        nnlib.NeuralNetwork([2, 1]).save(tmp_path / "network.npz")
        (tmp_path / "plain.txt").write_text("for comparison")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "network.npz").stat().st_mode) == mode
    assert stat.S_IMODE((tmp_path / "plain.txt").stat().st_mode) == mode


def test_an_unwritable_target_is_named_in_the_error_not_the_temporary_file(tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("")
    target = tmp_path / "a-file" / "network.npz"  # a file's "folder": the system refuses
    with pytest.raises(NotADirectoryError) as raised:
        nnlib.NeuralNetwork([2, 1]).save(target)
    assert f"cannot save the network to {target}" in str(raised.value) and ".tmp" not in str(raised.value)

    def refuse(path, *arguments):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(nnlib.os, "open", refuse)  # as for a read-only folder (root may write anywhere)
    with pytest.raises(PermissionError) as raised:
        nnlib.NeuralNetwork([2, 1]).save(tmp_path / "network.npz")
    assert str(raised.value) == f"[Errno 13] cannot save the network to {tmp_path / 'network.npz'}: Permission denied"
    assert list(tmp_path.iterdir()) == [tmp_path / "a-file"]


@pytest.mark.parametrize("existing", ["notes", "folder", "network"])
def test_save_replaces_only_a_network_file(tmp_path, existing):
    path = tmp_path / "network.npz"
    if existing == "notes":
        path.write_text("my notes")
    elif existing == "folder":
        path.mkdir()
    else:
        nnlib.NeuralNetwork([2, 3, 1], seed=1).save(path)
    network = nnlib.NeuralNetwork([2, 1], seed=2)
    if existing == "network":
        network.save(path)
        assert nnlib.NeuralNetwork.load(path).layer_sizes == [2, 1]
        return
    with pytest.raises(ValueError, match="is a folder" if existing == "folder" else "exists and is not a network file"):
        network.save(path)
    assert path.is_dir() if existing == "folder" else path.read_text() == "my notes"


# --- CSV files as spreadsheets write them, and every error naming the file ----------------------

def test_a_byte_order_mark_windows_line_ends_and_blank_lines_at_the_end_are_fine(tmp_path):
    path = tmp_path / "from-a-spreadsheet.csv"
    path.write_bytes(b"\xef\xbb\xbfa,b,label\r\n1,2,1\r\n3,4,0\r\n\r\n,,\r\n\r\n")
    X, y, names = nnlib.load_csv(path)
    assert names == ["a", "b"] and X.tolist() == [[1, 2], [3, 4]] and y.tolist() == [1, 0]


@pytest.mark.parametrize("content, words", [
    (b"a,b,label\n1,2,1\n3,4,0\n\xe9,1,1\n", "line 4: not UTF-8 text (byte 0xe9); save the file as CSV UTF-8"),
    (b"\na,b,label\n\xff,1,1\n", "line 3: not UTF-8 text (byte 0xff)"),
    ("a,b,label\n1,2,1\n\n3,4,0\n".encode(), "line 3: a blank line between data rows"),
    (b"a,b,label\n1,2,1\n3," + b"9" * 200_000 + b",0\n", "line 3: not readable as CSV (field larger than field limit"),
    (b'a,b,label\n1,2,1\n"3,4,0\n5,6,1\n', "line 3: expected 3 columns, found 1"),
])
def test_every_csv_error_names_the_file_and_line(tmp_path, content, words):
    path = tmp_path / "data.csv"
    path.write_bytes(content)
    with pytest.raises(ValueError) as raised:
        nnlib.load_csv(path)
    assert str(raised.value).startswith(f"{path}, ") and words in str(raised.value), str(raised.value)


def test_a_csv_file_too_big_for_the_course_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as file:
        file.truncate(nnlib.MAX_CSV_BYTES + 1)  # sparse: no time or disk
    error, peak = refused_with_peak_memory(lambda: nnlib.load_csv(path))
    assert str(error) == f"{path}: 20,971,521 bytes, more than the 20,971,520 load_csv reads"
    assert peak < 1_000_000


# --- each check of a network file, one by one, with its message ---------------------------------

def npz_with_members(path, members):
    """A zip archive holding `members`, {name: bytes}, as np.savez would name them."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name + ".npy", content)
    return path


def npy_bytes(array=None, header=None, version=(1, 0), data=None):
    """An .npy file: `array` as NumPy writes it, or a `header` dict followed by `data`."""
    buffer = io.BytesIO()
    if array is not None:
        np.lib.format.write_array(buffer, array, version=version, allow_pickle=False)
    else:
        np.lib.format.write_array_header_1_0(buffer, header)
        buffer.write(data)
    return buffer.getvalue()


def good_members(tmp_path, **changes):
    members = {name: npy_bytes(array) for name, array in saved_arrays(tmp_path).items()}
    members.update(changes)
    return {name: content for name, content in members.items() if content is not None}


@pytest.mark.parametrize("change, message", [
    (dict(layer_sizes=npy_bytes(header={"descr": "<i8", "fortran_order": False, "shape": (-1,)}, data=b"")),
     "not a network file (layer_sizes is int64 of shape (-1,))"),
    (dict(hidden_activation=npy_bytes(header={"descr": "<U0", "fortran_order": False, "shape": ()}, data=b"")),
     "not a network file (hidden_activation is <U0 of shape ())"),
    (dict(weights_0=npy_bytes(np.zeros((2, 3)))[:-8]), "not a readable network file (weights_0 is cut short or too long)"),
    (dict(weights_0=npy_bytes(np.zeros((2, 3))) + b"\0" * 8), "not a readable network file (weights_0 is cut short or too long)"),
    (dict(weights_0=b"\x93NUMPY\x09\x00" + bytes(100)), "not a readable network file (weights_0: an .npy format this version cannot read ((9, 0)))"),
    (dict(weights_0=b"PK not an npy file at all"), "not a readable network file (weights_0: the magic string is not correct"),
    (dict(weights_0=None), "weights_0 is missing"),
    (dict(layer_sizes=npy_bytes(np.array([True, True]))), "layer_sizes must be a list of integers, not array([ True,  True])"),
])
def test_every_check_of_a_network_file_names_the_file_and_what_is_wrong(tmp_path, change, message):
    path = npz_with_members(tmp_path / "network.npz", good_members(tmp_path, **change))
    with pytest.raises(ValueError) as raised:
        nnlib.NeuralNetwork.load(path)
    assert str(raised.value).startswith(f"{path}: {message}"), str(raised.value)


def test_a_pickled_array_is_refused_in_full(tmp_path):
    path = corrupt(tmp_path, weights_0=np.array([[1, 2, 3], [4, 5, 6]], dtype=object))
    with pytest.raises(ValueError) as raised:
        nnlib.NeuralNetwork.load(path)
    assert str(raised.value) == (f"{path}: not a readable network file (weights_0 holds Python objects, "
                                 "which only pickle could read)")


@pytest.mark.parametrize("kind, message", [("missing", "no such file"), ("folder", "not a file")])
def test_a_path_without_a_file_is_named(tmp_path, kind, message):
    path = tmp_path / "network.npz"
    if kind == "folder":
        path.mkdir()
    with pytest.raises(ValueError) as raised:
        nnlib.NeuralNetwork.load(path)
    assert str(raised.value) == f"{path}: not a readable network file ({message})"


def test_what_numpy_may_write_loads_too(tmp_path):
    # Arrays in Fortran order, the .npy format 2.0, small integer types and wide text fields:
    # NumPy writes all of them, and a network file holding them is still a network file.
    arrays = saved_arrays(tmp_path)
    members = {name: npy_bytes(np.asfortranarray(array) if array.ndim == 2 else array, version=(2, 0))
               for name, array in arrays.items()}
    members["layer_sizes"] = npy_bytes(arrays["layer_sizes"].astype(np.int8))
    members["hidden_activation"] = npy_bytes(np.array("sigmoid", dtype="<U100"))  # 400 bytes, the most allowed
    network = nnlib.NeuralNetwork.load(npz_with_members(tmp_path / "network.npz", members))
    np.testing.assert_array_equal(network.weights[0], arrays["weights_0"])
    assert network.layer_sizes == [2, 3, 1] and network.hidden_activation == "sigmoid"


def test_a_failed_write_names_the_target(tmp_path, monkeypatch):
    def disk_full(file, **arrays):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(np, "savez", disk_full)
    with pytest.raises(OSError) as raised:
        nnlib.NeuralNetwork([2, 1]).save(tmp_path / "network.npz")
    assert str(raised.value) == f"[Errno 28] cannot save the network to {tmp_path / 'network.npz'}: No space left on device"
    assert list(tmp_path.iterdir()) == []


def test_save_refuses_to_replace_another_file_in_full(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("my notes")
    with pytest.raises(ValueError) as raised:
        nnlib.NeuralNetwork([2, 1]).save(path)
    assert str(raised.value) == (f"{path} exists and is not a network file; save() replaces only a network "
                                 "file: choose another name")


@pytest.mark.parametrize("bad_path, message", [
    (3, "path must be a file name (text or a pathlib.Path), not 3"),
    ("a\0b", "path must name a file, not 'a\\x00b'"),
    ("", "path must name a file, not '.'"),
])
def test_path_messages_in_full(bad_path, message):
    with pytest.raises((TypeError, ValueError)) as raised:
        nnlib.load_csv(bad_path)
    assert str(raised.value) == message


def test_a_csv_of_exactly_the_largest_size_is_read_and_a_folder_is_named(tmp_path):
    path = tmp_path / "largest.csv"
    with open(path, "wb") as file:
        file.truncate(nnlib.MAX_CSV_BYTES)  # NUL bytes: read, then refused as not a number
    with pytest.raises(ValueError, match="line 1"):
        nnlib.load_csv(path)
    with pytest.raises(ValueError) as raised:
        nnlib.load_csv(tmp_path)
    assert str(raised.value) == f"{tmp_path}: not a CSV file (a folder or a device)"
