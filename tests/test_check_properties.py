"""Properties of every exercise check, on answers that hypothesis writes.

- Every ordinary way to write a right answer passes: lists, tuples or arrays; ints or floats;
  NumPy scalars; a number, a 0-d array or a one-element array where one number is asked for.
- Every perturbed answer fails.
- Nothing a learner can pass (None, text, complex numbers, objects, the class, a tuple, a
  function that raises, returns None or the wrong shape) makes a check raise: it answers with
  a Feedback whose message is a sentence of its own, never the fallback for the unforeseen.
"""

import math

import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import course.data
import nnlib
from course import checks

FALLBACK = "The check could not read this answer"


def passes(feedback):
    assert isinstance(feedback, checks.Feedback)
    assert feedback.passed, feedback.message
    assert feedback.assert_passed() is feedback
    return True


def fails(feedback):
    assert isinstance(feedback, checks.Feedback)
    assert not feedback.passed, feedback.message
    assert feedback.message and not feedback.message.startswith(FALLBACK), feedback.message
    with pytest.raises(checks.CheckFailed):
        feedback.assert_passed()
    return True


def answers(feedback):
    """Any verdict, as long as it is a sentence written for this answer (not the fallback)."""
    return passes(feedback) if feedback.passed else fails(feedback)


# --- the forms of a right answer ---------------------------------------------------------------

def number_forms(x):
    """Every ordinary way to write the number x."""
    forms = [st.just(float(x)), st.just(np.float64(x)), st.just(np.array(x)), st.just(np.array([x])),
             st.just([float(x)]), st.just((np.float64(x),))]
    if float(x).is_integer() and abs(x) < 2**62:
        forms += [st.just(int(x)), st.just(np.int64(x)), st.just(np.array([int(x)]))]
    return st.one_of(forms)


def vector_forms(vector):
    """Every ordinary way to write a vector of numbers."""
    vector = [float(v) for v in vector]
    forms = [st.just(vector), st.just(tuple(vector)), st.just(np.array(vector)),
             st.just([np.float64(v) for v in vector]), st.just(np.array(vector, dtype=np.float32))]
    if all(v.is_integer() for v in vector):
        forms.append(st.just([int(v) for v in vector]))
    return st.one_of(forms)


def numbers_near(x, tolerance):
    return st.floats(x - tolerance, x + tolerance).flatmap(number_forms)


def numbers_away(x, distance, scale=10.0):
    """Numbers at least `distance` from x, on either side (up to `scale` times further)."""
    offsets = st.floats(distance, distance * scale) | st.floats(-distance * scale, -distance)
    return offsets.flatmap(lambda offset: number_forms(x + offset))


# --- anything a learner might pass -------------------------------------------------------------

def raises(*args):
    raise RuntimeError("the learner's code stopped here")


class NotANetwork:
    pass


def network_predicting(value):
    """An object whose predict returns `value` whatever it is given."""
    return type("Network", (), {"predict": lambda self, X: value})()


PLAIN = st.one_of(st.none(), st.booleans(), st.integers(-10, 10), st.integers(10**300, 10**400),
                  st.floats(), st.complex_numbers(), st.text(max_size=5), st.binary(max_size=3),
                  st.sampled_from([np.float32(2.5), np.int64(3), np.bool_(True), np.nan, -np.inf, 1e308,
                                   object(), NotANetwork, NotANetwork(), nnlib.NeuralNetwork, raises, print,
                                   np.maximum, {1.91}, {"a": 1}, range(3), Ellipsis]))
ARRAYS = hnp.arrays(st.one_of(hnp.floating_dtypes(), hnp.integer_dtypes(), hnp.boolean_dtypes(),
                              hnp.complex_number_dtypes(), hnp.unicode_string_dtypes()),
                    hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4))
# One value, or lists and tuples of them (ragged too); single values often, as learners pass them.
ANYTHING = st.one_of(PLAIN, ARRAYS, st.recursive(PLAIN | ARRAYS, lambda inner: st.lists(inner, max_size=4)
                                                 | st.tuples(inner, inner), max_leaves=6))
FUNCTIONS = st.one_of(st.sampled_from([raises, lambda *a: None, lambda *a: "text", lambda *a: np.zeros((3, 3)),
                                       lambda *a: a[0], lambda *a: 1j, lambda *a: print]),
                      ANYTHING.map(lambda value: lambda *a: value))
NETWORKS = st.one_of(ANYTHING, ANYTHING.map(network_predicting),
                     st.sampled_from([network_predicting(np.zeros((4, 1, 1))), network_predicting([0, 1]),
                                      type("Network", (), {"predict": raises})(),
                                      nnlib.NeuralNetwork([3, 4, 1]), nnlib.NeuralNetwork([2, 1])]))


# --- 00 and 01 ----------------------------------------------------------------------------------

(FIRST, SECOND), WEIGHTS = course.data.two_point_data()[0].tolist(), course.data.first_weights()[0].tolist()


@given(st.sampled_from([np.array(FIRST), np.array(FIRST, dtype=np.float32), np.asarray((1.66, 1.56))]))
def test_first_input_right(array):
    passes(checks.check_first_input(array))


@given(st.integers(0, 1), st.floats(0.01, 5) | st.floats(-5, -0.01))
def test_first_input_perturbed(index, change):
    wrong = np.array(FIRST)
    wrong[index] += change
    fails(checks.check_first_input(wrong))


@given(st.one_of(vector_forms(FIRST + SECOND).map(lambda v: [list(v[:2]), list(v[2:])]),
                 st.just(np.array([FIRST, SECOND])), st.just((tuple(FIRST), tuple(SECOND))),
                 st.just([np.array(FIRST), np.array(SECOND)]), st.just(np.vstack([FIRST, SECOND]))))
def test_input_vectors_right(answer):
    passes(checks.check_input_vectors(answer))


@given(st.integers(0, 3), st.floats(0.01, 5) | st.floats(-5, -0.01))
def test_input_vectors_perturbed(index, change):
    wrong = np.array([FIRST, SECOND]).ravel()
    wrong[index] += change
    fails(checks.check_input_vectors(wrong.reshape(2, 2)))


@given(numbers_near(1.91, 0.0049))
def test_weighted_sum_right(answer):
    passes(checks.check_weighted_sum(answer))


@given(numbers_away(1.91, 0.0051))
def test_weighted_sum_perturbed(answer):
    fails(checks.check_weighted_sum(answer))


@given(st.one_of(vector_forms(np.dot([FIRST, SECOND], WEIGHTS)),
                 st.just(np.array([FIRST, SECOND]) @ np.array(WEIGHTS))))
def test_weighted_sums_right(answer):
    passes(checks.check_weighted_sums(answer))


@given(st.integers(0, 1), st.floats(1e-4, 5) | st.floats(-5, -1e-4))
def test_weighted_sums_perturbed(index, change):
    wrong = np.dot([FIRST, SECOND], WEIGHTS)
    wrong[index] += change
    fails(checks.check_weighted_sums(wrong))


# --- 02 -----------------------------------------------------------------------------------------

def logit(p):
    return math.log(p / (1 - p))


@given(st.floats(logit(0.8995) + 1e-6, logit(0.9005) - 1e-6).flatmap(number_forms))
def test_sigmoid_input_right(answer):
    passes(checks.check_sigmoid_input(answer))


@given(st.one_of(st.floats(-1e308, logit(0.8995) - 1e-6), st.floats(logit(0.9005) + 1e-6, 1e308)))
def test_sigmoid_input_perturbed(answer):
    fails(checks.check_sigmoid_input(answer))


def relu_on_a_copy(x):
    y = np.array(x, dtype=float)
    y[y < 0] = 0
    return y


RIGHT_RELUS = [lambda x: np.maximum(0, x), lambda x: np.maximum(x, 0.0), lambda x: np.where(x > 0, x, 0),
               lambda x: x * (x > 0), lambda x: (x + np.abs(x)) / 2, lambda x: np.clip(x, 0, None),
               lambda x: [max(0.0, v) for v in x], relu_on_a_copy, nnlib.relu,
               lambda x: np.maximum(0, x).astype(np.float32)]


@given(st.sampled_from(RIGHT_RELUS))
def test_relu_right(function):
    passes(checks.check_relu(function))


def relu_in_place(x):
    x[x < 0] = 0
    return x


def relu_for_the_first_input_only(x):
    return np.array([0, 0, 0, 0.5, 3])


@given(st.one_of(
    st.floats(0.01, 2).map(lambda floor: lambda x: np.maximum(floor, x)),
    st.floats(-2, -0.01).map(lambda floor: lambda x: np.maximum(floor, x)),
    st.floats(0.01, 1).map(lambda shift: lambda x: np.maximum(0, x) + shift),
    st.sampled_from([np.abs, lambda x: x, lambda x: np.abs(x, out=x), relu_in_place, relu_for_the_first_input_only,
                     lambda x: np.maximum(0, x)[:-1], lambda x: np.maximum(0, x).sum(), lambda x: max(0, x)])))
def test_relu_perturbed(function):
    fails(checks.check_relu(function))


# --- 03 -----------------------------------------------------------------------------------------

@st.composite
def weights_and_bias(draw, scale):
    """A separating line's weights and bias scaled by a number drawn from `scale`, nudged a little."""
    size = draw(scale)
    nudge = draw(hnp.arrays(np.float64, 3, elements=st.floats(-0.05, 0.05)))
    return size * (np.array([-1.0, 1.0]) + nudge[:2]), size * (0.2 + nudge[2])


def classifies_both(weights, bias, margin=0.5):
    """Whether the first example's prediction is at least 1 - margin and 0.5, the second's below
    0.5 and at most margin (nnlib's own predictions, not the check's)."""
    first, second = nnlib.make_prediction([FIRST, SECOND], weights, bias)
    return first >= max(1 - margin, 0.5) and second < 0.5 and second <= margin


def clear_of_the_boundaries(weights, bias, margin):
    """Not within 1e-6 of a boundary, where float32 rounding could tip an answer over."""
    predictions = nnlib.make_prediction([FIRST, SECOND], weights, bias)
    return np.min(np.abs(predictions[:, None] - [0.5, margin, 1 - margin])) > 1e-6


@given(weights_and_bias(st.floats(0.5, 100)), st.data())
def test_weights_right(answer, data):
    weights, bias = answer
    assume(classifies_both(weights, bias) and clear_of_the_boundaries(weights, bias, 0.5))
    passes(checks.check_weights(data.draw(vector_forms(weights)), data.draw(number_forms(bias))))


@given(hnp.arrays(np.float64, 2, elements=st.floats(-20, 20)), st.floats(-20, 20))
def test_weights_agree_with_the_predictions(weights, bias):
    feedback = checks.check_weights(weights, bias)
    assert feedback.passed == classifies_both(weights, bias)
    answers(feedback)


@given(weights_and_bias(st.floats(30, 1000)), st.data())
def test_confident_weights_right(answer, data):
    weights, bias = answer
    assume(classifies_both(weights, bias, margin=0.1) and clear_of_the_boundaries(weights, bias, 0.1))
    passes(checks.check_confident_weights(data.draw(vector_forms(weights)), data.draw(number_forms(bias))))


@given(weights_and_bias(st.floats(0.1, 8)))
def test_confident_weights_perturbed(answer):
    weights, bias = answer
    assume(not classifies_both(weights, bias, margin=0.1))
    fails(checks.check_confident_weights(weights, bias))


# --- 04 -----------------------------------------------------------------------------------------

BIAS_GRADIENT = float(nnlib.gradients(FIRST, WEIGHTS, 0.0, 1)[1])


@given(st.one_of(st.floats(-1e-5, 1e-5).flatmap(lambda e: number_forms(BIAS_GRADIENT * (1 + e))),
                 st.just(nnlib.gradients(FIRST, WEIGHTS, 0.0, 1)[1]),
                 st.just(nnlib.gradients(FIRST, WEIGHTS, np.array([0.0]), 1)[1])))
def test_bias_gradient_right(answer):
    passes(checks.check_bias_gradient(answer))


@given(st.floats(0.002, 10).flatmap(lambda e: number_forms(BIAS_GRADIENT * (1 + e)) | number_forms(BIAS_GRADIENT * (1 - e))))
def test_bias_gradient_perturbed(answer):
    fails(checks.check_bias_gradient(answer))


@given(numbers_near(checks._best_learning_rate(), 0.0099))
def test_best_learning_rate_right(answer):
    passes(checks.check_best_learning_rate(answer))


@given(numbers_away(checks._best_learning_rate(), 0.0101, scale=1e300))
def test_best_learning_rate_perturbed(answer):
    fails(checks.check_best_learning_rate(answer))


# --- 05 -----------------------------------------------------------------------------------------

RIGHT_ACCURACIES = [
    lambda p, t: np.mean((p >= 0.5) == t),
    lambda p, t: np.sum(np.where(p >= 0.5, 1, 0) == t) / len(t),
    lambda p, t: sum(int(pi >= 0.5) == ti for pi, ti in zip(p, t)) / len(t),
    lambda p, t: float(np.mean(nnlib.classify(p) == t)),
    lambda p, t: np.mean((p >= 0.5).astype(int) == t).astype(np.float32),
    lambda p, t: np.array([np.mean((p >= 0.5) == t)]),
    lambda p, t: 1 - np.mean(np.abs((p >= 0.5) - t)),
]


@given(st.sampled_from(RIGHT_ACCURACIES))
def test_accuracy_function_right(function):
    passes(checks.check_accuracy_function(function))


def accuracy_in_place(p, t):
    p[:] = p >= 0.5
    return np.mean(p == t)


@given(st.one_of(
    st.floats(0.05, 0.495).map(lambda threshold: lambda p, t: np.mean((p >= threshold) == t)),
    st.floats(0.5001, 0.95).map(lambda threshold: lambda p, t: np.mean((p >= threshold) == t)),
    st.sampled_from([lambda p, t: np.mean((p > 0.5) == t), lambda p, t: np.mean(np.round(p) == t),
                     lambda p, t: np.sum((p >= 0.5) == t), lambda p, t: 100 * np.mean((p >= 0.5) == t),
                     lambda p, t: 0.5, accuracy_in_place, lambda p, t: np.mean((p >= 0.5) != t)])))
def test_accuracy_function_perturbed(function):
    fails(checks.check_accuracy_function(function))


STEP_DWEIGHTS, STEP_DBIAS = nnlib.gradients(*course.data.eight_point_data()[:1], WEIGHTS, 0.0, course.data.eight_point_data()[1])
NEW_WEIGHTS, NEW_BIAS = np.array(WEIGHTS) - 0.1 * STEP_DWEIGHTS, float(-0.1 * STEP_DBIAS)


@given(vector_forms(NEW_WEIGHTS).filter(lambda v: not isinstance(v, np.ndarray) or v.dtype == float),
       number_forms(NEW_BIAS))
def test_gradient_step_right(weights, bias):
    passes(checks.check_gradient_step(weights, bias))


@given(st.integers(0, 2), st.floats(1e-5, 1) | st.floats(-1, -1e-5))
def test_gradient_step_perturbed(index, change):
    answer = np.append(NEW_WEIGHTS, NEW_BIAS)
    answer[index] += change
    fails(checks.check_gradient_step(answer[:2], answer[2]))


# --- 06 -----------------------------------------------------------------------------------------

@given(number_forms(17))
def test_parameter_count_right(answer):
    passes(checks.check_parameter_count(answer))


@given(st.integers(-100, 100).filter(lambda n: n != 17).flatmap(number_forms) | st.floats(16.01, 17.99).filter(lambda x: x != 17))
@example(16)
@example(18)
def test_parameter_count_perturbed(answer):
    fails(checks.check_parameter_count(answer))


@pytest.fixture(scope="module")
def xor_network():
    network = nnlib.NeuralNetwork([2, 4, 1], learning_rate=1.0, seed=0)
    network.train(*course.data.xor_data(), 5_000)
    return network


XOR_RULE = [lambda X: (X[:, 0] != X[:, 1]).astype(float), lambda X: (X[:, 0] != X[:, 1]).reshape(-1, 1) * 0.9,
            lambda X: list(np.abs(X[:, 0] - X[:, 1]))]


def test_xor_network_right(xor_network):
    passes(checks.check_xor_network(xor_network))
    for rule in XOR_RULE:
        passes(checks.check_xor_network(type("Network", (), {"predict": lambda self, X, rule=rule: rule(X)})()))


@given(st.sampled_from(XOR_RULE), st.integers(0, 3))
def test_xor_network_perturbed(rule, flipped):
    def predict(self, X):
        predictions = np.ravel(np.array(rule(X), dtype=float))
        row = np.flatnonzero((X == course.data.xor_data()[0][flipped]).all(axis=1))
        predictions[row] = 1 - predictions[row]
        return predictions

    fails(checks.check_xor_network(type("Network", (), {"predict": predict})()))


def test_xor_network_that_learned_the_order_not_the_points():
    fails(checks.check_xor_network(network_predicting(np.array([0.0, 1.0, 1.0, 0.0]))))


# --- 07 -----------------------------------------------------------------------------------------

@st.composite
def results_of_a_test_set(draw):
    """Probabilities and targets of a test set with at least one malignant (1) row."""
    n = draw(st.integers(2, 40))
    probabilities = draw(hnp.arrays(np.float64, n, elements=st.floats(0, 1)))
    targets = draw(hnp.arrays(np.int64, n, elements=st.integers(0, 1)))
    targets[draw(st.integers(0, n - 1))] = 1
    return probabilities, targets


@given(results_of_a_test_set(), st.floats(0.01, 0.99), st.data())
def test_missed_count_right_and_perturbed(results, threshold, data):
    probabilities, targets = results
    missed = int(np.sum((probabilities < threshold) & (targets == 1)))
    passes(checks.check_missed_count(data.draw(number_forms(missed)), probabilities, targets, threshold))
    wrong = data.draw(st.integers(-3, 50).filter(lambda n: n != missed))
    fails(checks.check_missed_count(wrong, probabilities, targets, threshold))


@given(results_of_a_test_set(), st.data())
def test_safe_threshold_right_and_perturbed(results, data):
    probabilities, targets = results
    lowest = probabilities[targets == 1].min()
    best = np.floor(lowest * 100) / 100
    passes(checks.check_safe_threshold(data.draw(number_forms(best)), probabilities, targets))
    passes(checks.check_safe_threshold(data.draw(st.floats(best, lowest)), probabilities, targets))
    if lowest < 1:
        fails(checks.check_safe_threshold(data.draw(st.floats(lowest, 1, exclude_min=True)), probabilities, targets))
    if best >= 0.01:
        fails(checks.check_safe_threshold(data.draw(st.floats(0, best - 0.01)), probabilities, targets))


# --- anything at all ----------------------------------------------------------------------------

RESULTS_07 = (np.array([0.2, 0.95, 0.6, 0.3]), np.array([1, 1, 0, 0]))
# Each check with its right arguments; each argument in turn is replaced by anything at all.
RIGHT_ARGUMENTS = {
    checks.check_first_input: [np.array(FIRST)],
    checks.check_input_vectors: [np.array([FIRST, SECOND])],
    checks.check_weighted_sum: [1.91],
    checks.check_weighted_sums: [np.dot([FIRST, SECOND], WEIGHTS)],
    checks.check_sigmoid_input: [logit(0.9)],
    checks.check_relu: [RIGHT_RELUS[0]],
    checks.check_weights: [[-1.0, 1.0], 0.2],
    checks.check_confident_weights: [[-30.0, 30.0], 6.0],
    checks.check_bias_gradient: [BIAS_GRADIENT],
    checks.check_best_learning_rate: [3.74],
    checks.check_accuracy_function: [RIGHT_ACCURACIES[0]],
    checks.check_gradient_step: [NEW_WEIGHTS, NEW_BIAS],
    checks.check_parameter_count: [17],
    checks.check_xor_network: [type("Network", (), {"predict": lambda self, X: XOR_RULE[0](X)})()],
    checks.check_missed_count: [1, *RESULTS_07],
    checks.check_safe_threshold: [0.2, *RESULTS_07],
}
TAKES_A_FUNCTION = {checks.check_relu, checks.check_accuracy_function}


def test_every_check_is_covered():
    assert set(RIGHT_ARGUMENTS) == {getattr(checks, name) for name in dir(checks) if name.startswith("check_")}
    for check, arguments in RIGHT_ARGUMENTS.items():
        passes(check(*arguments))


@pytest.mark.parametrize("check", RIGHT_ARGUMENTS, ids=[check.__name__ for check in RIGHT_ARGUMENTS])
@settings(max_examples=300)
@given(data=st.data())
def test_anything_gets_an_answer_not_an_exception(check, data):
    arguments = list(RIGHT_ARGUMENTS[check])
    position = data.draw(st.integers(0, len(arguments) - 1))
    if check in TAKES_A_FUNCTION:
        strategy = FUNCTIONS | ANYTHING
    elif check is checks.check_xor_network:
        strategy = NETWORKS
    else:
        strategy = ANYTHING
    arguments[position] = data.draw(strategy)
    answers(check(*arguments))
