"""Every public entry point of nnlib, given arbitrary values, returns a result or raises a
ValueError or TypeError that names one of its arguments; never anything else, and no warning."""

import contextlib
import inspect
import json
import os
import tempfile
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import course.data
import nnlib

PLAIN_NUMBERS = st.one_of(st.none(), st.booleans(), st.integers(-10, 10), st.floats(), st.complex_numbers(),
                          st.text(max_size=4), st.binary(max_size=4),
                          st.sampled_from([np.float64(0.1), np.float32(2.5), np.int64(3), np.bool_(True), 10**30]))
ARRAYS = hnp.arrays(st.one_of(hnp.floating_dtypes(), hnp.integer_dtypes(), hnp.boolean_dtypes(),
                              hnp.complex_number_dtypes(), hnp.unicode_string_dtypes(), hnp.datetime64_dtypes()),
                    hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4))
# Numbers, text, arrays of any dtype and shape, and lists, tuples and dicts of them (ragged too).
ANYTHING = st.recursive(PLAIN_NUMBERS | ARRAYS,
                        lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                        | st.dictionaries(st.text(max_size=2), inner, max_size=2), max_leaves=8)
# Float arrays of plausible shapes, with any float in them: the values that reach the maths.
FLOATS = st.floats(allow_nan=True, allow_infinity=True)
VECTORS = hnp.arrays(np.float64, st.integers(0, 3), elements=FLOATS)
MATRICES = hnp.arrays(np.float64, st.tuples(st.integers(0, 4), st.integers(1, 3)), elements=FLOATS)
VALUES = st.one_of(ANYTHING, VECTORS, MATRICES, st.floats(-1e308, 1e308))
# Arguments that fit together, with any finite numbers in them (1e308 too, where sums overflow).
FINITE = st.one_of(st.floats(-10, 10), st.floats(allow_nan=False, allow_infinity=False))


@st.composite
def fitting_data(draw, n_features=None):
    """(input vectors (n, n_features), weights (n_features,), bias, targets (n,))."""
    n, n_features = draw(st.integers(0, 5)), n_features or draw(st.integers(1, 3))
    return (draw(hnp.arrays(np.float64, (n, n_features), elements=FINITE)),
            draw(hnp.arrays(np.float64, n_features, elements=FINITE)), draw(FINITE),
            draw(hnp.arrays(np.float64, n, elements=st.one_of(st.sampled_from([0.0, 1.0]), FINITE))))


def outcome(function, *arguments, **keywords):
    """Call `function`, with every warning an error; return its result or its ValueError/TypeError,
    after checking that the error's message names one of the function's arguments."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            return function(*arguments, **keywords)
        except (ValueError, TypeError) as error:
            names = [name for name in inspect.signature(function).parameters if name not in ("self", "cls")]
            names += [str(value) for value in arguments if isinstance(value, (str, os.PathLike))]  # a file
            assert any(name in str(error) for name in names), (function.__name__, names, str(error))
            return error


@given(VALUES)
def test_elementwise_functions(x):
    for function in (nnlib.sigmoid, nnlib.sigmoid_derivative, nnlib.relu):
        outcome(function, x)


@given(VALUES, VALUES)
def test_classify(probability, threshold):
    outcome(nnlib.classify, probability, threshold)


@given(st.one_of(st.tuples(VALUES, VALUES, VALUES, VALUES), fitting_data()))
def test_single_neuron_maths(arguments):
    input_vector, weights, bias, target = arguments
    prediction = outcome(nnlib.make_prediction, input_vector, weights, bias)
    outcome(nnlib.gradients, input_vector, weights, bias, target)
    outcome(nnlib.mse, input_vector, target)
    if not isinstance(prediction, Exception):  # predictions in [0, 1], as mse and accuracy expect
        outcome(nnlib.mse, prediction, target)
        outcome(nnlib.accuracy, prediction, target)


@given(VALUES, VALUES)
def test_accuracy(predictions, targets):
    outcome(nnlib.accuracy, predictions, targets)


# Counts: any value but a huge whole number (a million iterations would be a right answer, slowly).
COUNTS = st.one_of(st.integers(-3, 12), ANYTHING.filter(lambda v: not (isinstance(v, int) and abs(v) > 12)))
LAYER_SIZES = st.one_of(ANYTHING, st.lists(st.one_of(st.integers(-1, 4), st.booleans(), st.floats(0, 4),
                                                     st.sampled_from([np.int64(2), 10**7, 3000])), max_size=4))


@given(LAYER_SIZES, VALUES, st.one_of(st.none(), st.integers(), ANYTHING))
def test_network_constructor(layer_sizes, learning_rate, seed):
    outcome(nnlib.NeuralNetwork, layer_sizes, learning_rate, seed)


NETWORKS = st.builds(nnlib.NeuralNetwork, st.sampled_from([[2, 1], [2, 3, 1], [2, 2, 2, 1]]),
                     st.floats(1e-3, 1e3), st.integers(0, 3))
# Targets of 0 and 1 mostly, so that training is reached, and any number sometimes.
TARGETS = st.one_of(st.sampled_from([0.0, 1.0]), st.floats(0, 1), FINITE)


@given(NETWORKS, st.one_of(st.tuples(VALUES, VALUES), fitting_data(n_features=2).map(lambda data: data[::3]),
                           st.integers(1, 5).flatmap(lambda n: st.tuples(
                               hnp.arrays(np.float64, (n, 2), elements=FINITE), hnp.arrays(np.float64, n, elements=TARGETS)))),
       COUNTS, st.one_of(st.none(), COUNTS))
def test_network_methods(network, data, iterations, batch_size):
    X, y = data
    outcome(network.predict, X)
    outcome(network.error, X, y)
    outcome(network.gradients, X, y)
    before = [array.copy() for array in network.weights + network.biases]
    result = outcome(network.train, X, y, iterations, batch_size)
    if isinstance(result, ValueError) and "diverged" in str(result):  # the weights before that step stay
        assert all(np.isfinite(array).all() for array in network.weights + network.biases)
    elif isinstance(result, (ValueError, TypeError)):  # refused before any step
        assert all(np.array_equal(a, b) for a, b in zip(before, network.weights + network.biases))


def test_the_small_data_sets_take_no_arguments():
    for function in (course.data.two_point_data, course.data.eight_point_data, course.data.xor_data):
        input_vectors, targets = function()
        assert len(input_vectors) == len(targets)


# --- files --------------------------------------------------------------------------------

@contextlib.contextmanager
def scratch_folder():
    """A new empty folder, also the working directory, so relative paths land in it."""
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):
        yield folder


NOT_PATHS = st.one_of(PLAIN_NUMBERS.filter(lambda v: not isinstance(v, str)), ARRAYS, st.lists(st.text(max_size=3)))
FILE_NAMES = st.text(max_size=20).filter(lambda name: "/" not in name and len(name.encode("utf-8", "surrogatepass")) < 200)


@given(st.one_of(NOT_PATHS, FILE_NAMES))
def test_file_functions_take_any_path_value(path):
    network = nnlib.NeuralNetwork([2, 1])
    with scratch_folder():
        saved = outcome(network.save, path)
        loaded = outcome(nnlib.NeuralNetwork.load, path)
        if saved is None:  # saved: then it loads as the same network
            assert np.array_equal(loaded.weights[0], network.weights[0])
        outcome(course.data.load_csv, path)


@given(st.binary(max_size=600))
def test_any_bytes_in_a_file(content):
    with scratch_folder():
        with open("file", "wb") as file:
            file.write(content)
        outcome(nnlib.NeuralNetwork.load, "file")
        outcome(course.data.load_csv, "file")


@given(st.text(alphabet=st.sampled_from("0123456789.,-e \n\r\"abn\ufeff"), max_size=80))
def test_any_csv_like_text(text):
    with scratch_folder():
        with open("data.csv", "w", encoding="utf-8", newline="") as file:
            file.write(text)
        result = outcome(course.data.load_csv, "data.csv")
        if not isinstance(result, ValueError):
            X, y, names = result
            assert X.shape == (len(y), len(names)) and set(y.tolist()) <= {0, 1}


# JSON values: numbers (NaN and infinity too), text, true/false/null, lists and objects, nested.
JSON = st.recursive(st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats() | st.text(max_size=3),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
                    max_leaves=12)
GOOD = {"layer_sizes": [2, 1], "learning_rate": 0.5, "weights": [[[0.5], [-0.5]]], "biases": [[0.0]]}
# A saved network's values, or values of the right kinds and wrong shapes, or any JSON at all.
PARTS = {"layer_sizes": st.sampled_from([[2, 1], [2, 3, 1], [3, 1], [2, 0, 1], [2.0, 1], [2, True, 1], [10**7, 2, 1], [1] * 5]),
         "learning_rate": st.sampled_from([0.5, 0, -1, 1e308, 10**400, True]),
         "weights": st.sampled_from([[[[0.5], [-0.5]]], [[[0.5, -0.5]]], [[0.5, -0.5]], [[[0.5]]], [[[0.5], [1e308]]], []]),
         "biases": st.sampled_from([[[0.0]], [[0.0, 0.0]], [0.0], [[]], [[[0.0]]], []])}


@given(st.dictionaries(st.sampled_from([*GOOD, "extra"]), st.one_of(JSON, *PARTS.values())) | JSON,
       st.sets(st.sampled_from(list(GOOD))))
def test_any_json_in_a_network_file(content, keep):
    if isinstance(content, dict) and set(content) <= set(GOOD):  # fill in some of the missing keys
        content = {**{key: GOOD[key] for key in keep}, **content}
    with scratch_folder():
        with open("network.json", "w", encoding="utf-8") as file:
            json.dump(content, file)
        result = outcome(nnlib.NeuralNetwork.load, "network.json")
        assert isinstance(result, (nnlib.NeuralNetwork, ValueError))
        if isinstance(result, nnlib.NeuralNetwork):
            assert all(np.isfinite(array).all() for array in result.weights + result.biases)
            assert [w.shape for w in result.weights] == list(zip(result.layer_sizes[:-1], result.layer_sizes[1:]))
