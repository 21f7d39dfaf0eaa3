"""Checks for the exercises: each says what is right, or exactly what is still wrong.

Every check returns a Feedback, which shows as its message in a notebook and is truthy
only when the answer is right, so `assert check_...(answer)` also works.
"""

import math

import numpy as np

import nnlib

FIRST_INPUT = [1.66, 1.56]
SECOND_INPUT = [2.0, 1.5]
WEIGHTS_1 = [1.45, -0.66]


class Feedback:
    """The verdict of a check: `passed` (bool) and a `message` for the learner."""

    def __init__(self, passed, message):
        self.passed, self.message = bool(passed), message

    def __bool__(self):
        return self.passed

    def __repr__(self):
        return ("✓ " if self.passed else "✗ ") + self.message


def _numbers(answer, name, shape):
    """`answer` as a float array of `shape`, or a Feedback that says why it is not one."""
    if answer is None:
        return Feedback(False, f"Replace None with your {name}.")
    try:
        array = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return Feedback(False, f"Your {name} should hold numbers only; got {answer!r}.")
    if array.shape != shape:
        return Feedback(False, f"Your {name} should have shape {shape}; it has shape {array.shape}.")
    if not np.all(np.isfinite(array)):
        return Feedback(False, f"Your {name} holds NaN or infinity.")
    return array


def check_first_input(first_input):
    """Exercise 00.1: a NumPy array holding [1.66, 1.56]."""
    if first_input is not None and not isinstance(first_input, np.ndarray):
        return Feedback(False, f"Make it a NumPy array with np.array(...); this is a {type(first_input).__name__}.")
    array = _numbers(first_input, "array", (2,))
    if isinstance(array, Feedback):
        return array
    if not np.allclose(array, FIRST_INPUT):
        return Feedback(False, f"The first input vector is {FIRST_INPUT}; yours is {array.tolist()}.")
    return Feedback(True, "A NumPy array holding the first input vector.")


def check_input_vectors(input_vectors):
    """Exercise 00.2: both input vectors stacked as rows of one (2, 2) array."""
    array = _numbers(input_vectors, "input_vectors", (2, 2))
    if isinstance(array, Feedback):
        return array
    if np.allclose(array, np.transpose([FIRST_INPUT, SECOND_INPUT])):
        return Feedback(False, "The vectors are columns; put each input vector in a row.")
    if not np.allclose(array, [FIRST_INPUT, SECOND_INPUT]):
        return Feedback(False, f"Row 0 should be {FIRST_INPUT} and row 1 {SECOND_INPUT}; "
                               f"yours are {array.tolist()}.")
    return Feedback(True, "One row per input vector: shape (2, 2).")


def check_weighted_sum(weighted_sum):
    """Exercise 01.1: the weighted sum of [2, 1.5] with weights [1.45, -0.66], by hand."""
    value = _numbers(weighted_sum, "weighted sum", ())
    if isinstance(value, Feedback):
        return value
    expected = float(np.dot(SECOND_INPUT, WEIGHTS_1))
    if math.isclose(value, 2.0 * 1.45 + 1.5 * 0.66, abs_tol=0.005):
        return Feedback(False, f"{float(value):.4g} uses +0.66; the second weight is -0.66.")
    if math.isclose(value, 2.0 + 1.5, abs_tol=0.005):
        return Feedback(False, "3.5 adds the inputs; multiply each by its weight first.")
    if not math.isclose(value, expected, abs_tol=0.005):
        return Feedback(False, f"{float(value):.4g} is not 2 × 1.45 + 1.5 × (-0.66); "
                               "work out the two products, then add them.")
    return Feedback(True, f"2 × 1.45 + 1.5 × (-0.66) = {expected:.2f}.")


def check_weighted_sums(weighted_sums):
    """Exercise 01.2: both weighted sums at once, shape (2,), from one matrix product."""
    array = _numbers(weighted_sums, "weighted sums", (2,))
    if isinstance(array, Feedback):
        return array
    expected = np.dot([FIRST_INPUT, SECOND_INPUT], WEIGHTS_1)
    for i, (got, want) in enumerate(zip(array, expected)):
        if not math.isclose(got, want, abs_tol=1e-6):
            return Feedback(False, f"Entry {i} is {got:.4f}; the weighted sum of input "
                                   f"{[FIRST_INPUT, SECOND_INPUT][i]} is {want:.4f}.")
    return Feedback(True, f"Weighted sums {expected[0]:.4f} and {expected[1]:.4f}, one per row.")


def check_sigmoid_input(weighted_sum, goal=0.9):
    """Exercise 02.1: a weighted sum whose sigmoid is `goal` to 3 decimal places."""
    value = _numbers(weighted_sum, "weighted sum", ())
    if isinstance(value, Feedback):
        return value
    probability = float(nnlib.sigmoid(value))
    if round(probability, 3) == goal:
        return Feedback(True, f"sigmoid({float(value):.4f}) = {probability:.4f}.")
    direction = "larger" if probability < goal else "smaller"
    return Feedback(False, f"sigmoid({float(value):.4f}) = {probability:.4f}, "
                           f"{'below' if probability < goal else 'above'} {goal}: "
                           f"try a {direction} weighted sum.")


def check_relu(my_relu):
    """Exercise 02.2: a function that returns max(0, x) element by element."""
    if not callable(my_relu):
        return Feedback(False, "Pass your function itself: check_relu(my_relu), without ().")
    x = np.array([-2.0, -0.5, 0.0, 0.5, 3.0])
    try:
        got = np.asarray(my_relu(x), dtype=float)
    except Exception as error:  # any failure of the learner's code is feedback, not a crash
        return Feedback(False, f"my_relu({x.tolist()}) raised {type(error).__name__}: {error}")
    if got.shape != x.shape:
        return Feedback(False, f"my_relu of an array of shape {x.shape} should keep that shape; "
                               f"yours returned shape {got.shape}.")
    for value, result in zip(x, got):
        if result != max(0.0, value):
            why = "ReLU turns negative numbers into 0" if value < 0 else "ReLU keeps x >= 0 as it is"
            return Feedback(False, f"my_relu gives {result:g} for {value:g}: {why}.")
    return Feedback(True, "max(0, x) for every element.")


def _prediction_problems(weights, bias):
    """One sentence per example that the weights and bias get wrong."""
    input_vectors, targets = nnlib.two_point_data()
    predictions = nnlib.make_prediction(input_vectors, weights, bias)
    problems = []
    for input_vector, target, prediction in zip(input_vectors, targets, predictions):
        if int(prediction >= 0.5) != target:
            side = "still above" if target == 0 else "still below"
            problems.append(f"your weights give {prediction:.2f} for {input_vector.tolist()}, "
                            f"{side} 0.5 (its target is {target})")
    return predictions, problems


def check_weights(weights, bias):
    """Exercise 03.1: weights (2,) and bias (1,) that classify both points correctly."""
    weights = _numbers(weights, "weights", (2,))
    if isinstance(weights, Feedback):
        return weights
    bias = _numbers(bias, "bias", (1,))
    if isinstance(bias, Feedback):
        return bias
    predictions, problems = _prediction_problems(weights, bias)
    if problems:
        return Feedback(False, "Not yet: " + "; ".join(problems) + ".")
    return Feedback(True, f"Both right: {predictions[0]:.2f} for [1.66, 1.56] (target 1) "
                          f"and {predictions[1]:.2f} for [2.0, 1.5] (target 0).")


def check_confident_weights(weights, bias, margin=0.1):
    """Exercise 03.2: both points right, each prediction within `margin` of its target."""
    feedback = check_weights(weights, bias)
    if not feedback:
        return feedback
    input_vectors, targets = nnlib.two_point_data()
    predictions = nnlib.make_prediction(input_vectors, np.asarray(weights, float), np.asarray(bias, float))
    for input_vector, target, prediction in zip(input_vectors, targets, predictions):
        if abs(prediction - target) > margin:
            return Feedback(False, f"Right, but not confident: {prediction:.2f} for "
                                   f"{input_vector.tolist()} is more than {margin} from its target "
                                   f"{target}. Scale the weights and bias up together.")
    return Feedback(True, f"Confident and right: {predictions[0]:.3f} and {predictions[1]:.3f}.")
