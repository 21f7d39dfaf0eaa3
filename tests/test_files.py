"""Files: the CSV loader, and saving or loading a network as JSON text, including every bad file."""

import json
import os
import pathlib
import stat
import tracemalloc

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import course.data
import nnlib

ROOT = pathlib.Path(__file__).resolve().parent.parent


# --- load_csv ---------------------------------------------------------------------------

def test_the_breast_cancer_data():
    X, y, names = course.data.load_csv(course.data.DATA_DIR / "breast_cancer.csv")
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
        course.data.load_csv(path)
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
    X, y, names = course.data.load_csv(path)
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
        course.data.load_csv(path)


# --- saving and loading a network ----------------------------------------------------------

@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.integers(1, 6), min_size=0, max_size=2), st.integers(0, 1000), st.floats(1e-3, 10))
def test_save_and_load_round_trip(tmp_path, hidden, seed, learning_rate):
    sizes = [3, *hidden, 1]
    network = nnlib.NeuralNetwork(sizes, learning_rate=learning_rate, seed=seed)
    X = np.random.default_rng(seed).normal(size=(10, 3))
    network.train(X, (X[:, 0] > 0).astype(float), iterations=5)
    path = tmp_path / "network.json"
    network.save(path)
    loaded = nnlib.NeuralNetwork.load(path)
    assert loaded.layer_sizes == sizes and loaded.learning_rate == learning_rate
    for mine, theirs in zip(loaded.weights + loaded.biases, network.weights + network.biases):
        np.testing.assert_array_equal(mine, theirs)  # every float exactly: JSON keeps all 17 digits
    np.testing.assert_array_equal(loaded.predict(X), network.predict(X))
    assert [p.name for p in tmp_path.iterdir()] == ["network.json"]  # no temporary file left


def test_a_network_file_is_json_text_holding_the_settings_and_every_number(tmp_path):
    network = nnlib.NeuralNetwork([2, 3, 1], learning_rate=0.25, seed=1)
    network.biases[0][:] = [-0.5, 0.0, 1e-300]
    network.save(tmp_path / "network.json")
    saved = json.loads((tmp_path / "network.json").read_text(encoding="utf-8"))
    assert saved == {"layer_sizes": [2, 3, 1], "learning_rate": 0.25,
                     "weights": [w.tolist() for w in network.weights], "biases": [[-0.5, 0.0, 1e-300], [0.0]]}


def good_network_file(tmp_path, **changes):
    """The JSON of a saved network [2, 3, 1] (a dict), with `changes`; a key given None is left out."""
    network = nnlib.NeuralNetwork([2, 3, 1], seed=0)
    saved = {"layer_sizes": [2, 3, 1], "learning_rate": 0.1,
             "weights": [w.tolist() for w in network.weights], "biases": [b.tolist() for b in network.biases]}
    saved.update(changes)
    return {key: value for key, value in saved.items() if value is not None}


def write_json(path, content):
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def load_error(path):
    """The message of the ValueError that loading `path` raises, without the file name in front."""
    with pytest.raises(ValueError) as raised:
        nnlib.NeuralNetwork.load(path)
    prefix = f"{path}: not a readable network file ("
    assert str(raised.value).startswith(prefix) and str(raised.value).endswith(")"), str(raised.value)
    return str(raised.value)[len(prefix):-1]


def test_a_crash_mid_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "network.json"
    nnlib.NeuralNetwork([2, 3, 1], seed=1).save(path)
    before = path.read_bytes()

    def crash(saved, file):
        file.write('{"layer_sizes": [2, 3, 1], "learning_rate": 0.1, "wei')  # half a file
        raise KeyboardInterrupt  # the process is stopped mid-write

    monkeypatch.setattr(nnlib.json, "dump", crash)
    with pytest.raises(KeyboardInterrupt):
        nnlib.NeuralNetwork([2, 3, 1], seed=2).save(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["network.json"]  # the half-written file is gone


def test_the_temporary_file_is_written_beside_the_target(tmp_path, monkeypatch):
    # A rename is only atomic within one file system, so the temporary file must sit beside the target.
    renames = []
    original = nnlib.os.replace
    monkeypatch.setattr(nnlib.os, "replace", lambda src, dst: (renames.append((src, dst)), original(src, dst)))
    nnlib.NeuralNetwork([2, 1]).save(tmp_path / "network.json")
    (source, destination), = renames
    assert pathlib.Path(source).parent == tmp_path and pathlib.Path(destination) == tmp_path / "network.json"
    assert pathlib.Path(source).name.startswith(".network.json.") and pathlib.Path(source).name.endswith(".tmp")


def test_a_temporary_file_of_the_same_name_is_never_overwritten_or_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(nnlib.secrets, "token_hex", lambda n: "0" * 2 * n)
    theirs = tmp_path / f".network.json.{'0' * 16}.tmp"
    theirs.write_text("another program's file")
    with pytest.raises(FileExistsError) as raised:
        nnlib.NeuralNetwork([2, 1]).save(tmp_path / "network.json")
    assert str(raised.value) == f"[Errno 17] cannot save the network to {tmp_path / 'network.json'}: File exists"
    assert theirs.read_text() == "another program's file" and sorted(tmp_path.iterdir()) == [theirs]


NOT_FINITE = "must hold or give finite numbers, not NaN or infinity (beyond 1.8e308)"
KEYS = "expected JSON with layer_sizes, learning_rate, weights and biases"
LAYER_SIZES = "layer_sizes must be a list of 2 to 100 positive integers ending in 1, such as [2, 1] or [2, 4, 1]"
WEIGHTS_1 = [[0.5], [0.5], [0.5]]  # the shape of weights[1], (3, 1)


@pytest.mark.parametrize("changes, message", [
    # shapes, including those NumPy would broadcast into the weights: (1, 3) into (2, 3), (1,) into (3,)
    (dict(weights=[np.zeros((3, 3)).tolist(), WEIGHTS_1]), "weights[0] must have shape (2, 3), but it has shape (3, 3)"),
    (dict(weights=[np.zeros((1, 3)).tolist(), WEIGHTS_1]), "weights[0] must have shape (2, 3), but it has shape (1, 3)"),
    (dict(weights=[np.zeros((2, 3)).tolist(), [0.5, 0.5, 0.5]]), "weights[1] must have shape (3, 1), but it has shape (3,)"),
    (dict(weights=[np.zeros((2, 3)).tolist(), 0.5]), "weights[1] must have shape (3, 1), but it has shape ()"),
    (dict(weights=[np.zeros((2, 3)).tolist(), "abc"]), "weights[1] must hold only numbers, shape (3, 1), not 'abc'"),
    (dict(biases=[[0.0], [0.0]]), "biases[0] must have shape (3,), but it has shape (1,)"),
    (dict(biases=[[0.0, 0.0, 0.0], 0.0]), "biases[1] must have shape (1,), but it has shape ()"),
    (dict(biases=[[0.0, 0.0, 0.0], [[0.0]]]), "biases[1] must have shape (1,), but it has shape (1, 1)"),
    # the lists of arrays
    (dict(biases=[[0.0, 0.0, 0.0]]), "biases must be a list of 2 arrays"),
    (dict(weights=[np.zeros((2, 3)).tolist(), WEIGHTS_1, [[0.0]]]), "weights must be a list of 2 arrays"),
    (dict(biases={"0": [0.0, 0.0, 0.0], "1": [0.0]}), "biases must be a list of 2 arrays"),
    (dict(weights="[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]"), "weights must be a list of 2 arrays"),
    # what is in them
    (dict(weights=[np.zeros((2, 3)).tolist(), [["a"], ["b"], ["c"]]]),
     "weights[1] must hold only numbers, shape (3, 1), not [['a'], ['b'], ['c']]"),
    (dict(weights=[np.zeros((2, 3)).tolist(), [[True], [False], [True]]]),
     "weights[1] must hold only numbers, shape (3, 1), not [[True], [False], [True]]"),
    (dict(biases=[[0.0, None, 0.0], [0.0]]), "biases[0] must hold only numbers, shape (3,), not [0.0, None, 0.0]"),
    (dict(biases=[[0.0, 0.0, 0.0], [{"a": 1}]]), "biases[1] must hold only numbers, shape (1,), not [{'a': 1}]"),
    # the settings
    (dict(layer_sizes=[2.0, 3, 1]), "each of layer_sizes must be a whole number such as 100 (not 100.0), not 2.0"),
    (dict(layer_sizes=[2, True, 1]), "each of layer_sizes must be a whole number such as 100 (not 100.0), not True"),
    (dict(layer_sizes=[2, 3, 2]), f"{LAYER_SIZES}, with at most 10,000,000 weights and biases, not [2, 3, 2] (17)"),
    (dict(layer_sizes=[2, 0, 1]), "each of layer_sizes must be at least 1, not 0"),
    (dict(layer_sizes="231"), f"{LAYER_SIZES}, not '231'"),
    (dict(layer_sizes=[[2, 3, 1]]), "each of layer_sizes must be a whole number such as 100 (not 100.0), not [2, 3, 1]"),
    (dict(layer_sizes={"2": 3}), f"{LAYER_SIZES}, not {{'2': 3}}"),
    (dict(learning_rate="0.1"), "learning_rate must hold only numbers, shape () (one number), not '0.1'"),
    (dict(learning_rate=True), "learning_rate must hold only numbers, shape () (one number), not True"),
    (dict(learning_rate=[0.1]), "learning_rate must have shape () (one number), but it has shape (1,)"),
    (dict(learning_rate=0), "learning_rate must be a positive number, not 0"),
    (dict(learning_rate=-1.5), "learning_rate must be a positive number, not -1.5"),
    # the keys
    (dict(biases=None), KEYS),
    (dict(layer_sizes=None), KEYS),
    (dict(extra=[1]), KEYS),
])
def test_mismatched_files_are_rejected_naming_what_is_wrong(tmp_path, changes, message):
    path = write_json(tmp_path / "network.json", good_network_file(tmp_path, **changes))
    assert load_error(path) == message


@pytest.mark.parametrize("content", [[], [1, 2], "text", 3, None, {}, {"layer_sizes": [2, 1]}])
def test_json_that_is_not_an_object_of_the_four_keys_is_refused(tmp_path, content):
    assert load_error(write_json(tmp_path / "network.json", json.dumps(content))) == KEYS


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999", "-1e400"])
@pytest.mark.parametrize("where", ["weights[0]", "biases[1]"])
def test_numbers_that_are_not_finite_are_refused(tmp_path, number, where):
    # json.dumps writes NaN and Infinity, json.loads reads them; 1e999 reads as infinity.
    saved = good_network_file(tmp_path)
    if where == "weights[0]":
        saved["weights"][0][1][2] = "NUMBER"
    else:
        saved["biases"][1][0] = "NUMBER"
    text = json.dumps(saved).replace('"NUMBER"', number)
    assert load_error(write_json(tmp_path / "network.json", text)) == f"{where} {NOT_FINITE}"


def test_the_learning_rate_must_be_finite_too(tmp_path):
    text = json.dumps(good_network_file(tmp_path)).replace('"learning_rate": 0.1', '"learning_rate": Infinity')
    assert load_error(write_json(tmp_path / "network.json", text)) == f"learning_rate {NOT_FINITE}"


@pytest.mark.parametrize("damage", ["truncate", "garble", "empty", "missing", "folder", "latin-1", "binary"])
def test_truncated_or_corrupted_files_are_rejected(tmp_path, damage):
    path = tmp_path / "network.json"
    nnlib.NeuralNetwork([2, 3, 1], seed=0).save(path)
    data = path.read_bytes()
    quote = data.index(b'"biases"')
    expected = {
        "truncate": f"Unterminated string starting at: line 1 column {quote + 1} (char {quote})",
        "garble": "'utf-8' codec can't decode byte 0xdb in position 100: invalid continuation byte",
        "empty": "Expecting value: line 1 column 1 (char 0)",
        "missing": f"[Errno 2] No such file or directory: '{path}'",
        "folder": f"[Errno 21] Is a directory: '{path}'",
        "latin-1": "'utf-8' codec can't decode byte 0xe9 in position 2: invalid continuation byte",
        "binary": "'utf-8' codec can't decode byte 0x93 in position 0: invalid start byte",
    }[damage]
    if damage == "truncate":  # cut inside a key, so the string is left open
        path.write_bytes(data[:quote + 3])
    elif damage == "garble":
        path.write_bytes(data[:100] + b"\xdb" + data[101:])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "missing":
        path.unlink()
    elif damage == "folder":
        path.unlink()
        path.mkdir()
    elif damage == "latin-1":
        path.write_bytes('{"é": 1}'.encode("latin-1"))
    else:
        np.save(tmp_path / "weights.npy", np.zeros((2, 3)))
        path.write_bytes((tmp_path / "weights.npy").read_bytes())
    assert load_error(path) == expected


@pytest.mark.parametrize("kind", ["text", "csv", "network file of another program"])
def test_a_file_that_is_not_a_network_file_is_named(tmp_path, kind):
    path = tmp_path / f"not-a-network.{kind[:4]}"
    if kind == "text":
        path.write_text("weights: 1, 2, 3")
    elif kind == "csv":
        path.write_bytes((course.data.DATA_DIR / "breast_cancer.csv").read_bytes()[:300])
    else:
        path.write_text(json.dumps({"model": "mlp", "weights": [[1, 2], [3, 4]]}))
    with pytest.raises(ValueError) as raised:
        nnlib.NeuralNetwork.load(path)
    assert str(raised.value).startswith(f"{path}: not a readable network file (")


# --- files that are not what they claim: checked before anything big is read ---------------

def refused_with_peak_memory(call):
    """(the ValueError that call() raises, the most memory it held meanwhile, in bytes)."""
    tracemalloc.start()
    try:
        call()
    except ValueError as error:
        return error, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    raise AssertionError("no ValueError")


def test_a_file_larger_than_any_network_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as file:
        file.truncate(30 * nnlib.MAX_PARAMETERS + 2**16 + 1)  # sparse: no time or disk
    error, peak = refused_with_peak_memory(lambda: nnlib.NeuralNetwork.load(path))
    assert str(error) == f"{path}: not a readable network file (300,065,537 bytes, more than a network of nnlib's size needs)"
    assert peak < 1_000_000


def test_the_size_limit_is_30_bytes_a_parameter_and_64_kb(tmp_path, monkeypatch):
    # With at most 10 parameters allowed, a file of 30 × 10 + 65,536 bytes is read, one more byte is not.
    monkeypatch.setattr(nnlib, "MAX_PARAMETERS", 10)
    path = tmp_path / "network.json"
    nnlib.NeuralNetwork([2, 2, 1], seed=0).save(path)  # 9 parameters
    text = path.read_text()
    path.write_text(text + " " * (300 + 2**16 - len(text)))  # JSON allows spaces at the end
    assert nnlib.NeuralNetwork.load(path).layer_sizes == [2, 2, 1]
    path.write_text(text + " " * (300 + 2**16 + 1 - len(text)))
    assert load_error(path) == "65,837 bytes, more than a network of nnlib's size needs"


def test_the_size_limit_holds_the_largest_network_with_the_longest_numbers(tmp_path):
    # 30 bytes a parameter: the longest float, -2.2250738585072014e-308 (24 characters), in a column
    # of shape (n, 1) takes 28 bytes with its brackets, comma and space.
    network = nnlib.NeuralNetwork([1, 2000, 1])
    for array in network.weights + network.biases:
        array[...] = -2.2250738585072014e-308
    network.save(tmp_path / "network.json")
    n_parameters = sum(array.size for array in network.weights + network.biases)
    assert 26 * n_parameters < (tmp_path / "network.json").stat().st_size <= 30 * n_parameters


def test_layer_sizes_asking_for_too_many_parameters_are_refused_before_anything_is_allocated(tmp_path):
    path = write_json(tmp_path / "network.json", good_network_file(tmp_path, layer_sizes=[2, 10**12, 1]))
    error, peak = refused_with_peak_memory(lambda: nnlib.NeuralNetwork.load(path))
    assert str(error) == (f"{path}: not a readable network file ({LAYER_SIZES}, with at most 10,000,000 weights "
                          "and biases, not [2, 1000000000000, 1] (4,000,000,000,001))")
    assert peak < 1_000_000


@pytest.mark.parametrize("where", ["outside", "weights"])
def test_json_nested_too_deeply_is_refused(tmp_path, where):
    text = "[" * 100_000 + "]" * 100_000
    if where == "weights":
        text = json.dumps(good_network_file(tmp_path, weights="WEIGHTS")).replace('"WEIGHTS"', text)
    assert load_error(write_json(tmp_path / "network.json", text)) == (
        "maximum recursion depth exceeded while decoding a JSON array from a unicode string")


def test_an_array_of_more_dimensions_than_numpy_allows_is_refused(tmp_path):
    nested = 0.5
    for _ in range(70):
        nested = [nested]
    path = write_json(tmp_path / "network.json", good_network_file(tmp_path, weights=[nested, WEIGHTS_1]))
    assert "weights[0] must have shape (2, 3), but its rows differ in length (or it has over 32 dimensions)" in load_error(path)


@pytest.mark.parametrize("bad_path, error", [(0, TypeError), (3, TypeError), (None, TypeError), (b"net", TypeError),
                                             ("", ValueError), (pathlib.Path(""), ValueError), ("a\0b", ValueError)])
def test_paths_must_be_file_names_never_descriptor_numbers(bad_path, error):
    # open(0) would read standard input: a number is never taken for a file.
    for call in (nnlib.NeuralNetwork.load, nnlib.NeuralNetwork([2, 1]).save):
        with pytest.raises(error, match="^path must"):
            call(bad_path)
    if error is TypeError:
        with pytest.raises(error, match="^path must"):
            course.data.load_csv(bad_path)


@pytest.mark.parametrize("bad_path, message", [
    (3, "path must be a file name (text or a pathlib.Path), not 3"),
    (b"net", "path must be a file name (text or a pathlib.Path), not b'net'"),
    ("a\0b", "path must name a file, not 'a\\x00b'"),
    ("", "path must name a file, not ''"),
    (pathlib.Path(""), "path must name a file, not '.'"),
])
def test_network_path_messages_in_full(tmp_path, bad_path, message):
    for call in (nnlib.NeuralNetwork.load, nnlib.NeuralNetwork([2, 1]).save):
        with pytest.raises((TypeError, ValueError)) as raised:
            call(bad_path)
        assert str(raised.value) == message
    assert list(tmp_path.iterdir()) == []


# --- saving: the user's umask, the target named in errors, nothing overwritten by mistake ------

@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_saved_network_has_the_permissions_the_umask_gives(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        nnlib.NeuralNetwork([2, 1]).save(tmp_path / "network.json")
        (tmp_path / "plain.txt").write_text("for comparison")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "network.json").stat().st_mode) == mode
    assert stat.S_IMODE((tmp_path / "plain.txt").stat().st_mode) == mode


def test_an_unwritable_target_is_named_in_the_error_not_the_temporary_file(tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("")
    target = tmp_path / "a-file" / "network.json"  # a file's "folder": the system refuses
    with pytest.raises(NotADirectoryError) as raised:
        nnlib.NeuralNetwork([2, 1]).save(target)
    assert str(raised.value) == f"[Errno 20] cannot save the network to {target}: Not a directory"
    target = tmp_path / "no-such-folder" / "network.json"
    with pytest.raises(FileNotFoundError) as raised:
        nnlib.NeuralNetwork([2, 1]).save(target)
    assert str(raised.value) == f"[Errno 2] cannot save the network to {target}: No such file or directory"

    def refuse(path, *arguments, **keywords):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(nnlib, "open", refuse, raising=False)  # as for a read-only folder (root may write anywhere)
    with pytest.raises(PermissionError) as raised:
        nnlib.NeuralNetwork([2, 1]).save(tmp_path / "network.json")
    assert str(raised.value) == f"[Errno 13] cannot save the network to {tmp_path / 'network.json'}: Permission denied"
    assert list(tmp_path.iterdir()) == [tmp_path / "a-file"]


@pytest.mark.parametrize("step", ["write", "rename"])
def test_a_failed_write_names_the_target_and_leaves_no_temporary_file(tmp_path, monkeypatch, step):
    def disk_full(*arguments):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(nnlib.json if step == "write" else nnlib.os, "dump" if step == "write" else "replace", disk_full)
    with pytest.raises(OSError) as raised:
        nnlib.NeuralNetwork([2, 1]).save(tmp_path / "network.json")
    assert str(raised.value) == f"[Errno 28] cannot save the network to {tmp_path / 'network.json'}: No space left on device"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("existing", ["notes", "empty", "folder", "network", "other network"])
def test_save_replaces_only_a_network_file(tmp_path, existing):
    path = tmp_path / "network.json"
    if existing == "notes":
        path.write_text("my notes")
    elif existing == "empty":
        path.write_text("")
    elif existing == "folder":
        path.mkdir()
    else:
        nnlib.NeuralNetwork([2, 3, 1] if existing == "other network" else [2, 1], seed=1).save(path)
    network = nnlib.NeuralNetwork([2, 1], seed=2)
    if "network" in existing:
        network.save(path)
        np.testing.assert_array_equal(nnlib.NeuralNetwork.load(path).weights[0], network.weights[0])
        return
    with pytest.raises(ValueError) as raised:
        network.save(path)
    assert str(raised.value) == f"{path} exists and is not a network file; save() replaces only a network file"
    assert path.is_dir() if existing == "folder" else path.read_text() == ("my notes" if existing == "notes" else "")
    assert list(tmp_path.iterdir()) == [path]


def test_a_file_saved_with_numpy_numbers_and_loaded_networks_save_again(tmp_path):
    network = nnlib.NeuralNetwork(np.array([2, 3, 1]), learning_rate=np.float32(0.5), seed=np.int64(3))
    network.save(tmp_path / "first.json")
    loaded = nnlib.NeuralNetwork.load(tmp_path / "first.json")
    loaded.save(str(tmp_path / "second.json"))  # a path given as text
    assert (tmp_path / "first.json").read_text() == (tmp_path / "second.json").read_text()
    saved = json.loads((tmp_path / "second.json").read_text())
    assert saved["layer_sizes"] == [2, 3, 1] and saved["learning_rate"] == 0.5


# --- CSV files as spreadsheets write them, and every error naming the file ----------------------

def test_a_byte_order_mark_windows_line_ends_and_blank_lines_at_the_end_are_fine(tmp_path):
    path = tmp_path / "from-a-spreadsheet.csv"
    path.write_bytes(b"\xef\xbb\xbfa,b,label\r\n1,2,1\r\n3,4,0\r\n\r\n,,\r\n\r\n")
    X, y, names = course.data.load_csv(path)
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
        course.data.load_csv(path)
    assert str(raised.value).startswith(f"{path}, ") and words in str(raised.value), str(raised.value)


def test_a_csv_file_too_big_for_the_course_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as file:
        file.truncate(course.data.MAX_CSV_BYTES + 1)  # sparse: no time or disk
    error, peak = refused_with_peak_memory(lambda: course.data.load_csv(path))
    assert str(error) == f"{path}: 20,971,521 bytes, more than the 20,971,520 load_csv reads"
    assert peak < 1_000_000


@pytest.mark.parametrize("bad_path, message", [
    (3, "path must be a file name (text or a pathlib.Path), not 3"),
    (b"net", "path must be a file name (text or a pathlib.Path), not b'net'"),
    ("a\0b", "path must name a file, not 'a\\x00b'"),
    ("", "path must name a file, not '.'"),
])
def test_path_messages_in_full(bad_path, message):
    with pytest.raises((TypeError, ValueError)) as raised:
        course.data.load_csv(bad_path)
    assert str(raised.value) == message


def test_a_csv_of_exactly_the_largest_size_is_read_and_a_folder_is_named(tmp_path):
    path = tmp_path / "largest.csv"
    with open(path, "wb") as file:
        file.truncate(course.data.MAX_CSV_BYTES)  # NUL bytes: read, then refused as not a number
    with pytest.raises(ValueError, match="line 1"):
        course.data.load_csv(path)
    with pytest.raises(ValueError) as raised:
        course.data.load_csv(tmp_path)
    assert str(raised.value) == f"{tmp_path}: not a CSV file (a folder or a device)"


def ragged_network_file(tmp_path):
    return write_json(tmp_path / "network.json", good_network_file(tmp_path, weights=[np.zeros((2, 3)).tolist(),
                                                                                    [[0.5], [0.5], [0.5, 0.5]]]))


def test_a_ragged_array_is_refused(tmp_path):
    assert load_error(ragged_network_file(tmp_path))  # a ValueError naming the file


def test_a_ragged_array_is_named(tmp_path):
    assert load_error(ragged_network_file(tmp_path)).startswith("weights[1] "), load_error(ragged_network_file(tmp_path))
