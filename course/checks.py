"""Checks for the exercises: each says what is right, or exactly what is still wrong.

Every check returns a Feedback, which shows as its message in a notebook and is truthy
only when the answer is right; `check_...(answer).assert_passed()` raises when it is not.
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

    def assert_passed(self):
        """Return self if the answer is right, else raise AssertionError with the message.

        The exercises' check cells call it, so that nbgrader's autograder gives their points
        only for right answers and shows the message in its feedback.
        """
        if not self.passed:
            raise AssertionError(self.message)
        return self


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


def _weights_and_bias(weights, bias, names=("weights", "bias")):
    """Weights (2,) and bias (1,) as float arrays, or the Feedback that says what is wrong."""
    weights = _numbers(weights, names[0], (2,))
    if isinstance(weights, Feedback):
        return weights
    bias = _numbers(bias, names[1], (1,))
    if isinstance(bias, Feedback):
        return bias
    return weights, bias


def check_weights(weights, bias):
    """Exercise 03.1: weights (2,) and bias (1,) that classify both points correctly."""
    answer = _weights_and_bias(weights, bias)
    if isinstance(answer, Feedback):
        return answer
    weights, bias = answer
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


def check_bias_gradient(derror_dbias):
    """Exercise 04.1: dE/dbias for the first example [1.66, 1.56], target 1, weights_1, bias 0."""
    if derror_dbias is not None and np.size(derror_dbias) == 1:
        derror_dbias = np.ravel(derror_dbias)[0]  # [0.19] and 0.19 are both fine
    value = _numbers(derror_dbias, "derror_dbias", ())
    if isinstance(value, Feedback):
        return value
    prediction = float(nnlib.make_prediction(FIRST_INPUT, WEIGHTS_1, [0.0])[0])
    derror_dprediction = 2 * (prediction - 1)
    dprediction_dlayer1 = prediction * (1 - prediction)
    expected = derror_dprediction * dprediction_dlayer1
    if math.isclose(value, -expected, rel_tol=1e-3):
        return Feedback(False, f"{float(value):.4f} has the wrong sign: the prediction {prediction:.4f} is "
                               "below its target 1, so raising the bias lowers the error.")
    if math.isclose(value, derror_dprediction, rel_tol=1e-3):
        return Feedback(False, f"{float(value):.4f} is only derror_dprediction; multiply by "
                               f"dprediction_dlayer1 = {dprediction_dlayer1:.4f} too.")
    if not math.isclose(value, expected, rel_tol=1e-3):
        return Feedback(False, f"{float(value):.4f} is not 2 × (prediction − target) × prediction × "
                               f"(1 − prediction) with prediction {prediction:.4f} and target 1.")
    return Feedback(True, f"dE/dbias = {expected:.4f}: negative, so gradient descent raises the bias.")


def _error_after_step(learning_rate):
    """The two-point error after one gradient step of `learning_rate` from weights_1, bias 0."""
    input_vectors, targets = nnlib.two_point_data()
    derror_dweights, derror_dbias = nnlib.gradients(input_vectors, WEIGHTS_1, [0.0], targets)
    weights = np.array(WEIGHTS_1) - learning_rate * derror_dweights
    bias = np.array([0.0]) - learning_rate * derror_dbias
    return nnlib.mse(nnlib.make_prediction(input_vectors, weights, bias), targets)


def check_best_learning_rate(learning_rate, tolerance=0.1):
    """Exercise 04.2: the learning rate whose single step lowers the two-point error most."""
    value = _numbers(learning_rate, "learning rate", ())
    if isinstance(value, Feedback):
        return value
    rates = np.arange(0, 15.0001, 0.01)
    best = float(rates[np.argmin([_error_after_step(rate) for rate in rates])])
    error = _error_after_step(float(value))
    if abs(value - best) <= tolerance:
        return Feedback(True, f"η = {float(value):.2f} brings the error to {error:.4f}, about the lowest one step can.")
    direction = "smaller η goes lower: this step overshoots" if value > best \
        else "larger η goes lower: this step stops short"
    return Feedback(False, f"η = {float(value):.2f} gives error {error:.4f}; a {direction}.")


def check_accuracy_function(accuracy):
    """Exercise 05.1: accuracy(predictions, targets), the fraction classified right at 0.5."""
    if not callable(accuracy):
        return Feedback(False, "Pass your function itself: check_accuracy_function(accuracy), without ().")
    cases = [
        (np.array([0.9, 0.2, 0.6, 0.4]), np.array([1, 0, 0, 1]), 0.5),
        (np.array([0.5, 0.49]), np.array([1, 0]), 1.0),
        (np.array([0.1, 0.8, 0.7]), np.array([0, 1, 1]), 1.0),
        (np.array([0.7, 0.3]), np.array([0, 1]), 0.0),
    ]
    for predictions, targets, expected in cases:
        try:
            got = float(accuracy(predictions, targets))
        except Exception as error:  # any failure of the learner's code is feedback, not a crash
            return Feedback(False, f"accuracy({predictions.tolist()}, {targets.tolist()}) raised "
                                   f"{type(error).__name__}: {error}")
        if not math.isclose(got, expected):
            hint = " (a prediction of exactly 0.5 counts as class 1)" if 0.5 in predictions else ""
            return Feedback(False, f"accuracy({predictions.tolist()}, {targets.tolist()}) gave {got:g}; "
                                   f"it should be {expected:g}{hint}.")
    return Feedback(True, "It counts the predictions on the right side of 0.5, as a fraction.")


def check_gradient_step(new_weights, new_bias, learning_rate=0.1):
    """Exercise 05.2: weights_1 and bias 0 after one full-batch step on the eight points."""
    answer = _weights_and_bias(new_weights, new_bias, names=("new_weights", "new_bias"))
    if isinstance(answer, Feedback):
        return answer
    weights, bias = answer
    input_vectors, targets = nnlib.eight_point_data()
    derror_dweights, derror_dbias = nnlib.gradients(input_vectors, WEIGHTS_1, [0.0], targets)
    expected_weights = np.array(WEIGHTS_1) - learning_rate * derror_dweights
    expected_bias = -learning_rate * derror_dbias
    if np.allclose(weights, np.array(WEIGHTS_1) + learning_rate * derror_dweights):
        return Feedback(False, "You added the gradient: step against it, weights − η × gradient.")
    if np.allclose(weights, WEIGHTS_1):
        return Feedback(False, "These are the starting weights: take the step.")
    if not np.allclose(weights, expected_weights, atol=1e-6):
        return Feedback(False, f"The new weights should be {np.round(expected_weights, 4).tolist()}; yours are "
                               f"{np.round(weights, 4).tolist()}. Use the gradient over all eight points.")
    if not np.allclose(bias, expected_bias, atol=1e-6):
        return Feedback(False, f"The weights are right; the bias should be {expected_bias[0]:.4f}, "
                               f"not {bias[0]:.4f}.")
    return Feedback(True, f"weights {np.round(weights, 4).tolist()}, bias {bias[0]:.4f}.")


def check_parameter_count(count, layer_sizes=(2, 4, 1)):
    """Exercise 06.1: the number of weights and biases in a network of `layer_sizes`."""
    value = _numbers(count, "count", ())
    if isinstance(value, Feedback):
        return value
    pairs = list(zip(layer_sizes[:-1], layer_sizes[1:]))
    n_weights = sum(n_in * n_out for n_in, n_out in pairs)
    n_biases = sum(layer_sizes[1:])
    if value == n_weights + n_biases:
        return Feedback(True, f"{n_weights} weights and {n_biases} biases: {n_weights + n_biases} numbers to learn.")
    if value == n_weights:
        return Feedback(False, f"{int(value)} counts the weights only; every neuron after the inputs also has a bias.")
    if value == n_weights + n_biases + layer_sizes[0]:
        return Feedback(False, "The inputs have no bias: only the neurons of the hidden and output layers do.")
    return Feedback(False, f"{float(value):g} is not it: a layer of n_in inputs and n_out neurons has "
                           "n_in × n_out weights and n_out biases. Add them up layer by layer.")


def check_xor_network(network):
    """Exercise 06.2: a trained network that classifies all four XOR points correctly."""
    if not hasattr(network, "predict"):
        return Feedback(False, "Pass a trained nnlib.NeuralNetwork.")
    input_vectors, targets = nnlib.xor_data()
    predictions = network.predict(input_vectors)
    wrong = [f"{row.astype(int).tolist()} gives {p:.2f} (target {t})"
             for row, p, t in zip(input_vectors, predictions, targets) if int(p >= 0.5) != t]
    if wrong:
        return Feedback(False, f"{4 - len(wrong)} of 4 right: " + "; ".join(wrong)
                        + ". Try more iterations, another learning rate or seed, or a wider hidden layer.")
    return Feedback(True, "All four XOR points right: " + ", ".join(f"{p:.2f}" for p in predictions) + ".")


def check_missed_count(missed, probabilities, targets, threshold=0.5):
    """Exercise 07.1: how many class-1 examples the predictions miss at `threshold`."""
    value = _numbers(missed, "count", ())
    if isinstance(value, Feedback):
        return value
    probabilities, targets = np.asarray(probabilities), np.asarray(targets)
    expected = int(np.sum((probabilities < threshold) & (targets == 1)))
    false_positives = int(np.sum((probabilities >= threshold) & (targets == 0)))
    if value == expected:
        return Feedback(True, f"{expected} malignant tumours get a prediction below {threshold}.")
    if value == false_positives:
        return Feedback(False, f"{int(value)} counts the false alarms (benign, predicted malignant); "
                               "a missed tumour is malignant but predicted benign.")
    if value == expected + false_positives:
        return Feedback(False, f"{int(value)} counts every mistake; count only the malignant tumours predicted benign.")
    return Feedback(False, f"{float(value):g} is not it: count the examples whose target is 1 and whose "
                           f"prediction is below {threshold}.")


def check_safe_threshold(threshold, probabilities, targets):
    """Exercise 07.2: the highest threshold (to 0.01) that misses no class-1 example."""
    value = _numbers(threshold, "threshold", ())
    if isinstance(value, Feedback):
        return value
    probabilities, targets = np.asarray(probabilities), np.asarray(targets)
    lowest_malignant = float(np.min(probabilities[targets == 1]))
    best = np.floor(lowest_malignant * 100) / 100  # the highest threshold on the slider's 0.01 grid
    missed = int(np.sum((probabilities < value) & (targets == 1)))
    false_alarms = int(np.sum((probabilities >= value) & (targets == 0)))
    if missed:
        return Feedback(False, f"At {float(value):.2f}, {missed} malignant tumour(s) are still missed: go lower.")
    if value < best - 1e-9:
        return Feedback(False, f"At {float(value):.2f} nothing is missed, with {false_alarms} false alarms; "
                               "a higher threshold would miss nothing and raise fewer alarms.")
    return Feedback(True, f"{float(value):.2f}: no tumour missed, at the cost of {false_alarms} false alarm(s).")
