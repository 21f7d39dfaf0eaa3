"""Unit and property tests of nnlib against numbers worked by hand and the classic outputs."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import course.data
import nnlib

WEIGHTS_1 = np.array([1.45, -0.66])
BIAS = np.array([0.0])
finite = st.floats(-1e6, 1e6, allow_nan=False)


def reference_sigmoid(x):
    """The textbook formula in plain Python floats, for moderate x."""
    return 1 / (1 + math.exp(-x))


# --- sigmoid, its derivative, relu ---------------------------------------------------

def test_sigmoid_is_exactly_one_half_at_zero():
    assert nnlib.sigmoid(0.0) == 0.5


@pytest.mark.parametrize("x, expected", [(math.log(3), 0.75), (-math.log(3), 0.25), (math.log(9), 0.9)])
def test_sigmoid_hand_worked_values(x, expected):
    assert nnlib.sigmoid(x) == pytest.approx(expected, abs=1e-15)


def test_sigmoid_matches_the_formula_elementwise():
    x = np.linspace(-30, 30, 121)
    expected = [reference_sigmoid(v) for v in x]
    np.testing.assert_allclose(nnlib.sigmoid(x), expected, rtol=1e-14)
    assert nnlib.sigmoid(x).shape == x.shape


def test_sigmoid_is_stable_at_plus_and_minus_1000():
    # Underflow to 0 is the right answer; overflow, NaN or division by zero would not be.
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        result = nnlib.sigmoid(np.array([-1000.0, -745.0, 745.0, 1000.0]))
        derivative = nnlib.sigmoid_derivative(np.array([-1000.0, 1000.0]))
    assert result[0] == 0.0 and result[-1] == 1.0
    assert 0 < result[1] < 1e-300
    np.testing.assert_array_equal(derivative, [0.0, 0.0])


def test_sigmoid_derivative_at_zero_and_against_finite_differences():
    assert nnlib.sigmoid_derivative(0.0) == 0.25
    x = np.linspace(-6, 6, 25)
    h = 1e-6
    central = (nnlib.sigmoid(x + h) - nnlib.sigmoid(x - h)) / (2 * h)
    np.testing.assert_allclose(nnlib.sigmoid_derivative(x), central, rtol=1e-7, atol=1e-12)


def test_relu_hand_values():
    np.testing.assert_array_equal(nnlib.relu([-2.0, -0.0, 0.0, 0.5, 3]), [0.0, 0.0, 0.0, 0.5, 3.0])


@given(hnp.arrays(np.float64, hnp.array_shapes(max_dims=3, max_side=5), elements=finite))
def test_sigmoid_properties(x):
    s = nnlib.sigmoid(x)
    assert s.shape == x.shape
    assert np.all((0 <= s) & (s <= 1))
    np.testing.assert_allclose(nnlib.sigmoid(-x), 1 - s, rtol=0, atol=1e-15)


@given(finite, finite)
def test_sigmoid_is_monotonic(a, b):
    low, high = min(a, b), max(a, b)
    assert nnlib.sigmoid(low) <= nnlib.sigmoid(high)


@given(hnp.arrays(np.float64, st.integers(1, 20), elements=finite))
def test_relu_properties(x):
    r = nnlib.relu(x)
    assert np.all(r >= 0)
    np.testing.assert_array_equal(r[x > 0], x[x > 0])


# --- make_prediction ----------------------------------------------------------------

def test_first_prediction_matches_the_classic_output():
    prediction = nnlib.make_prediction(np.array([1.66, 1.56]), WEIGHTS_1, BIAS)
    assert prediction.shape == (1,)
    assert str(prediction) == "[0.7985731]"
    assert prediction[0] == pytest.approx(reference_sigmoid(1.66 * 1.45 - 1.56 * 0.66), rel=1e-15)


def test_second_prediction_matches_the_classic_output():
    prediction = nnlib.make_prediction(np.array([2, 1.5]), WEIGHTS_1, BIAS)
    assert str(prediction) == "[0.87101915]"
    assert prediction[0] == pytest.approx(reference_sigmoid(2 * 1.45 - 1.5 * 0.66), rel=1e-15)


def test_bias_shifts_the_weighted_sum():
    prediction = nnlib.make_prediction([1.0, 2.0], [0.5, 0.25], 1.0)
    assert prediction == pytest.approx(reference_sigmoid(0.5 + 0.5 + 1.0))


def test_batch_gives_one_prediction_per_row():
    input_vectors, _ = course.data.two_point_data()
    batch = nnlib.make_prediction(input_vectors, WEIGHTS_1, BIAS)
    assert batch.shape == (2,)
    for row, prediction in zip(input_vectors, batch):
        assert prediction == nnlib.make_prediction(row, WEIGHTS_1, BIAS)[0]


@given(
    hnp.arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 4)), elements=st.floats(-100, 100)),
    st.data(),
)
def test_batch_equals_row_by_row(input_vectors, data):
    n_features = input_vectors.shape[1]
    weights = data.draw(hnp.arrays(np.float64, n_features, elements=st.floats(-10, 10)))
    bias = data.draw(st.floats(-10, 10))
    batch = nnlib.make_prediction(input_vectors, weights, bias)
    assert batch.shape == (len(input_vectors),)
    rows = [float(nnlib.make_prediction(row, weights, bias)) for row in input_vectors]
    np.testing.assert_allclose(batch, rows, rtol=1e-12, atol=1e-300)


# --- classify and the data ----------------------------------------------------------------

def test_classify_at_and_around_the_threshold():
    np.testing.assert_array_equal(nnlib.classify([0.0, 0.4999, 0.5, 0.7985731, 1.0]), [0, 0, 1, 1, 1])
    np.testing.assert_array_equal(nnlib.classify([0.3, 0.7], threshold=0.8), [0, 0])
    assert nnlib.classify(np.array([0.87101915])).dtype.kind == "i"


def test_accuracy_is_the_fraction_classified_right_at_one_half():
    assert nnlib.accuracy([0.2, 0.5, 0.7, 0.49], [0, 1, 0, 1]) == 0.5  # 0.5 is class 1, 0.49 class 0
    assert nnlib.accuracy(np.array([0.9, 0.1, 0.0]), np.array([1, 0, 0])) == 1.0
    assert nnlib.accuracy([0.9], [0]) == 0.0
    assert type(nnlib.accuracy([0.1], [0])) is float


def test_the_two_point_data_and_its_copies():
    input_vectors, targets = course.data.two_point_data()
    np.testing.assert_array_equal(input_vectors, [[1.66, 1.56], [2.0, 1.5]])
    np.testing.assert_array_equal(targets, [1, 0])
    input_vectors[0, 0] = 99.0
    assert course.data.two_point_data()[0][0, 0] == 1.66


# --- bad input ----------------------------------------------------------------------

BAD_PREDICTION_INPUTS = [
    # (input_vector, weights, bias, error type, words the message must contain)
    ([1.66, 1.56, 3.0], WEIGHTS_1, BIAS, ValueError, ["weights must have shape (3,), one per feature of input_vector (3,)", "but it has shape (2,)"]),
    ([1.66, 1.56], [1.45, -0.66, 1.0], BIAS, ValueError, ["weights must have shape (2,), one per feature of input_vector (2,)", "but it has shape (3,)"]),
    ([1.66, np.nan], WEIGHTS_1, BIAS, ValueError, ["input_vector must hold", "finite numbers, not NaN"]),
    ([1.66, 1.56], [np.inf, 1.0], BIAS, ValueError, ["weights must hold", "not NaN or infinity"]),
    ([1.66, 1.56], WEIGHTS_1, [np.nan], ValueError, ["bias must hold", "finite numbers, not NaN"]),
    (["1.66", "1.56"], WEIGHTS_1, BIAS, TypeError, ["input_vector must hold only numbers", "(n_features,)"]),
    ("1.66, 1.56", WEIGHTS_1, BIAS, TypeError, ["input_vector must hold only numbers", "not '1.66, 1.56'"]),
    ([1.66, None], WEIGHTS_1, BIAS, TypeError, ["input_vector must hold only numbers", "not [1.66, None]"]),
    ([[1.66, 1.56], [2.0]], WEIGHTS_1, BIAS, ValueError, ["input_vector", "differ in length", "(n_samples, n_features)"]),
    (np.zeros((2, 2, 2)), WEIGHTS_1, BIAS, ValueError, ["input_vector", "(n_samples, n_features)", "(2, 2, 2)"]),
    ([1.66, 1.56], [[1.45, -0.66]], BIAS, ValueError, ["weights", "(n_features,)", "(1, 2)"]),
    ([1.66, 1.56], WEIGHTS_1, [0.0, 1.0], ValueError, ["bias must have shape () or (1,), one number", "but it has shape (2,)"]),
    ([1.66, 1.56], WEIGHTS_1, "0", TypeError, ["bias must hold only numbers", "not '0'"]),
]


@pytest.mark.parametrize("input_vector, weights, bias, error, words", BAD_PREDICTION_INPUTS)
def test_make_prediction_rejects_bad_input_with_a_clear_message(input_vector, weights, bias, error, words):
    with pytest.raises(error) as raised:
        nnlib.make_prediction(input_vector, weights, bias)
    for word in words:
        assert word in str(raised.value), str(raised.value)


@pytest.mark.parametrize("function", [nnlib.sigmoid, nnlib.sigmoid_derivative, nnlib.relu, nnlib.classify])
@pytest.mark.parametrize("bad, error", [([0.5, np.nan], ValueError), (["a"], TypeError), ([[0.5], [0.5, 0.2]], ValueError)])
def test_elementwise_functions_reject_bad_input(function, bad, error):
    with pytest.raises(error, match=r"^(x|prediction) must (hold|have shape)"):
        function(bad)


def test_the_sigmoid_of_plus_and_minus_infinity_is_its_limit_but_relu_refuses_infinity():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_array_equal(nnlib.sigmoid([-np.inf, np.inf]), [0.0, 1.0])
        np.testing.assert_array_equal(nnlib.sigmoid_derivative([-np.inf, np.inf]), [0.0, 0.0])
    with pytest.raises(ValueError, match="^x must hold or give finite numbers"):
        nnlib.relu([np.inf])


@pytest.mark.parametrize("prediction, threshold, message", [
    ([1.2], 0.5, "prediction must hold numbers between 0 and 1 (shape (any shape))"),
    ([-0.1], 0.5, "prediction must hold numbers between 0 and 1 (shape (any shape))"),
    ([0.5], 1.5, "threshold must hold numbers between 0 and 1 (shape () (one number))"),
    ([0.5], -1e-300, "threshold must hold numbers between 0 and 1 (shape () (one number))"),
    ([0.5], [0.5, 0.6], "threshold must have shape () (one number), but it has shape (2,)"),
])
def test_classify_rejects_values_outside_zero_and_one(prediction, threshold, message):
    with pytest.raises(ValueError) as raised:
        nnlib.classify(prediction, threshold)
    assert str(raised.value) == message


# --- messages name the argument and the shape expected --------------------------------------

NOT_FINITE = "must hold or give finite numbers, not NaN or infinity (beyond 1.8e308)"


@pytest.mark.parametrize("call, message", [
    (lambda: nnlib.mse([[0.5]], [1]), "prediction must have shape (n,), but it has shape (1, 1)"),
    (lambda: nnlib.mse([0.5], [[1]]), "target must have shape (1,) or (), one per row, not (1, 1)"),
    (lambda: nnlib.mse([0.5, 0.5], [1, 1, 1]), "target must have shape (2,) or (), one per row, not (3,)"),
    (lambda: nnlib.mse([np.nan], [1]), f"prediction {NOT_FINITE}"),
    (lambda: nnlib.mse([0.5], [np.nan]), f"target {NOT_FINITE}"),
    (lambda: nnlib.mse([1.5], [1]), "prediction must hold numbers between 0 and 1 (shape (n,))"),
    (lambda: nnlib.mse([0.5], [2]), "target must hold numbers between 0 and 1 (shape (1,) or ())"),
    (lambda: nnlib.mse([0.5], ["1"]), "target must hold only numbers, shape (1,) or (), not ['1']"),
    (lambda: nnlib.classify([0.5], [[0.5]]), "threshold must have shape () (one number), but it has shape (1, 1)"),
    (lambda: nnlib.classify([0.5], np.nan), f"threshold {NOT_FINITE}"),
    (lambda: nnlib.classify([[np.nan]]), f"prediction {NOT_FINITE}"),
    (lambda: nnlib.classify([1.5]), "prediction must hold numbers between 0 and 1 (shape (any shape))"),
    (lambda: nnlib.classify([[0.5], [0.5, 0.2]]), "prediction must have shape (any shape), but its rows differ in length (or it has over 32 dimensions)"),
    (lambda: nnlib.sigmoid([np.nan]), f"x {NOT_FINITE}"),
    (lambda: nnlib.sigmoid(["a"]), "x must hold only numbers, shape (any shape), not ['a']"),
    (lambda: nnlib.relu([np.nan]), f"x {NOT_FINITE}"),
    (lambda: nnlib.relu(["a"]), "x must hold only numbers, shape (any shape), not ['a']"),
    (lambda: nnlib.relu([[0.5], [0.5, 0.2]]), "x must have shape (any shape), but its rows differ in length (or it has over 32 dimensions)"),
    (lambda: nnlib.sigmoid_derivative([[0.5], []]), "x must have shape (any shape), but its rows differ in length (or it has over 32 dimensions)"),
    (lambda: nnlib.make_prediction("1.66, 1.56", WEIGHTS_1, BIAS),
     "input_vector must hold only numbers, shape (n_features,) or (n_samples, n_features), not '1.66, 1.56'"),
    (lambda: nnlib.make_prediction([1.0, 2.0], ["a", "b"], BIAS), "weights must hold only numbers, shape (n_features,), not ['a', 'b']"),
    (lambda: nnlib.make_prediction([1.0, 2.0], [[1.0, 2.0]], BIAS),
     "weights must have shape (n_features,), but it has shape (1, 2)"),
    (lambda: nnlib.make_prediction([[[1.0, 2.0]]], WEIGHTS_1, BIAS),
     "input_vector must have shape (n_features,) or (n_samples, n_features), but it has shape (1, 1, 2)"),
    (lambda: nnlib.make_prediction([1.0, np.nan], WEIGHTS_1, BIAS), f"input_vector {NOT_FINITE}"),
    (lambda: nnlib.make_prediction([1.0, 2.0], [1.0, np.nan], BIAS), f"weights {NOT_FINITE}"),
    (lambda: nnlib.make_prediction([1.0, 2.0], WEIGHTS_1, [[0.0]]), "bias must have shape () or (1,), but it has shape (1, 1)"),
    (lambda: nnlib.make_prediction([1.0, 2.0], WEIGHTS_1, [np.nan]), f"bias {NOT_FINITE}"),
    (lambda: nnlib.make_prediction([1.0, 2.0], WEIGHTS_1, [0.0, 1.0]),
     "bias must have shape () or (1,), one number, but it has shape (2,)"),
    (lambda: nnlib.make_prediction([1e308, 1e308], [10.0, -10.0], 0.0), f"input_vector and weights {NOT_FINITE}"),
    (lambda: nnlib.gradients([1.0, 2.0], WEIGHTS_1, BIAS, [[0.0]]),
     "target must have shape (1,) or (), one per row, not (1, 1)"),
    (lambda: nnlib.gradients([1.0, 2.0], WEIGHTS_1, BIAS, np.nan), f"target {NOT_FINITE}"),
    (lambda: nnlib.gradients([1.0, 2.0], WEIGHTS_1, BIAS, 1.5), "target must hold numbers between 0 and 1 (shape (1,) or ())"),
    (lambda: nnlib.accuracy([0.2, 0.9], [0, 1, 1]), "targets must have shape (2,), one per row, not (3,)"),
    (lambda: nnlib.accuracy([0.2, 0.9], [0, 2]), "targets must hold numbers between 0 and 1 (shape (2,))"),
    (lambda: nnlib.accuracy([0.2, 1.9], [0, 1]), "predictions must hold numbers between 0 and 1 (shape (n,))"),
])
def test_error_messages_in_full(call, message):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises((ValueError, TypeError)) as raised:
            call()
    assert str(raised.value) == message


def test_classify_accepts_thresholds_of_exactly_0_and_1():
    np.testing.assert_array_equal(nnlib.classify([0.0, 0.2, 1.0], threshold=0), [1, 1, 1])
    np.testing.assert_array_equal(nnlib.classify([0.0, 0.2, 1.0], threshold=1), [0, 0, 1])


def test_mse_of_single_numbers():
    assert nnlib.mse(0.5, 1) == 0.25
    assert nnlib.mse(np.array(0.25), 0.0) == 0.0625


# --- no rows at all, and accuracy's own argument ----------------------------------------------

@pytest.mark.parametrize("call, empty", [
    (lambda: nnlib.mse([], []), "prediction"),
    (lambda: nnlib.mse([], 1.0), "prediction"),
    (lambda: nnlib.gradients(np.zeros((0, 2)), WEIGHTS_1, BIAS, []), "input_vector"),
    (lambda: nnlib.gradients(np.zeros((0, 2)), WEIGHTS_1, BIAS, 1.0), "input_vector"),
    (lambda: nnlib.accuracy([], []), "predictions"),
])
def test_no_rows_at_all_are_named_as_such(call, empty):
    with pytest.raises(ValueError) as raised:
        call()
    message = str(raised.value)
    assert empty in message and "at least one" in message and "shape (0,)" not in message, message


@pytest.mark.parametrize("predictions", [np.full((2, 2), 0.5), None, ["a"], [1.5, 0.5, 0.5, 0.5]])
def test_accuracy_names_its_predictions(predictions):
    with pytest.raises((ValueError, TypeError), match="^predictions must"):
        nnlib.accuracy(predictions, [1, 1, 1, 1])
