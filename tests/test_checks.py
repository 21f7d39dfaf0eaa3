"""Each exercise check accepts a right answer and names what is wrong in wrong ones."""

import math

import numpy as np
import pytest

from course import checks

CASES = [
    # (check, right answer as args, [(wrong args, words the message must contain), ...])
    (checks.check_first_input, (np.array([1.66, 1.56]),), [
        ((None,), "Replace None"),
        (([1.66, 1.56],), "NumPy array"),
        ((np.array([1.56, 1.66]),), "[1.66, 1.56]"),
        ((np.array([1.66, 1.56, 0.0]),), "shape (2,)"),
    ]),
    (checks.check_input_vectors, (np.array([[1.66, 1.56], [2, 1.5]]),), [
        ((None,), "Replace None"),
        ((np.array([[1.66, 2], [1.56, 1.5]]),), "columns"),
        ((np.array([1.66, 1.56, 2, 1.5]),), "shape (2, 2)"),
        ((np.array([[1.66, 1.56], [2, 2.5]]),), "Row 0 should be"),
    ]),
    (checks.check_weighted_sum, (1.91,), [
        ((3.89,), "the second weight is -0.66"),
        ((3.5,), "multiply each by its weight"),
        ((2.5,), "work out the two products"),
        (("1.91x",), "numbers only"),
    ]),
    (checks.check_weighted_sums, (np.array([1.3774, 1.91]),), [
        ((np.array([1.91, 1.3774]),), "Entry 0 is 1.9100"),
        ((np.array([[1.3774, 1.91]]),), "shape (2,)"),
        ((None,), "Replace None"),
    ]),
    (checks.check_sigmoid_input, (math.log(9),), [
        ((2.0,), "0.8808, below 0.9: try a larger"),
        ((3.0,), "above 0.9: try a smaller"),
        ((None,), "Replace None"),
    ]),
    (checks.check_relu, (lambda x: np.maximum(0, x),), [
        ((lambda x: x,), "ReLU turns negative numbers into 0"),
        ((lambda x: np.abs(x),), "gives 2 for -2"),
        ((lambda x: np.maximum(0, x).sum(),), "keep that shape"),
        ((lambda x: x.nonexistent,), "raised AttributeError"),
        ((np.maximum(0, 1),), "Pass your function itself"),
    ]),
    (checks.check_weights, (np.array([-1.0, 1.0]), np.array([0.2])), [
        ((np.array([1.45, -0.66]), np.array([0.0])), "0.87 for [2.0, 1.5], still above 0.5"),
        ((np.array([-1.0, 1.0]), np.array([0.0])), "0.48 for [1.66, 1.56], still below 0.5"),
        ((np.array([-1.0, 1.0]), np.array([0.2, 0.0])), "bias should have shape (1,)"),
        ((np.array([-1.0, np.nan]), np.array([0.2])), "NaN"),
    ]),
    (checks.check_bias_gradient, (-0.06478,), [
        ((0.06478,), "wrong sign"),
        ((-0.4029,), "only derror_dprediction"),
        ((0.3,), "is not 2 × (prediction − target)"),
        ((None,), "Replace None"),
    ]),
    (checks.check_best_learning_rate, (3.7,), [
        ((1.0,), "larger η goes lower"),
        ((9.0,), "smaller η goes lower"),
    ]),
    (checks.check_accuracy_function, (lambda p, t: np.mean((p >= 0.5) == t),), [
        ((lambda p, t: 0.0,), "gave 0; it should be 0.5"),
        ((lambda p, t: np.mean((p > 0.5) == t),), "exactly 0.5 counts as class 1"),
        ((lambda p, t: np.sum((p >= 0.5) == t),), "gave 2; it should be 0.5"),
        ((lambda p: p,), "raised TypeError"),
    ]),
    (checks.check_gradient_step, (np.array([1.44456284, -0.66301764]), np.array([-0.00406349])), [
        ((np.array([1.45543716, -0.65698236]), np.array([0.0040635])), "You added the gradient"),
        ((np.array([1.45, -0.66]), np.array([0.0])), "starting weights"),
        ((np.array([1.44456284, -0.66301764]), np.array([0.0])), "the bias should be -0.0041"),
        ((np.array([1.40, -0.66]), np.array([0.0])), "Use the gradient over all eight points"),
    ]),
    (checks.check_parameter_count, (17,), [
        ((12,), "counts the weights only"),
        ((19,), "The inputs have no bias"),
        ((20,), "Add them up layer by layer"),
    ]),
    (checks.check_missed_count, (1, np.array([0.2, 0.95, 0.6, 0.3]), np.array([1, 1, 0, 0]), 0.5), [
        ((1.0 + 1, np.array([0.2, 0.95, 0.6, 0.3]), np.array([1, 1, 0, 0]), 0.5), "counts every mistake"),
        ((3, np.array([0.2, 0.95, 0.6, 0.3]), np.array([1, 1, 0, 0]), 0.5), "whose target is 1"),
        ((None, np.array([0.2]), np.array([1])), "Replace None"),
    ]),
    (checks.check_safe_threshold, (0.41, np.array([0.419, 0.9, 0.6, 0.1]), np.array([1, 1, 0, 0])), [
        ((0.5, np.array([0.419, 0.9, 0.6, 0.1]), np.array([1, 1, 0, 0])), "still missed: go lower"),
        ((0.2, np.array([0.419, 0.9, 0.6, 0.1]), np.array([1, 1, 0, 0])), "a higher threshold would miss nothing"),
    ]),
    (checks.check_confident_weights, (np.array([-30.0, 30.0]), np.array([6.0])), [
        ((np.array([-1.0, 1.0]), np.array([0.2])), "Right, but not confident"),
        ((np.array([1.45, -0.66]), np.array([0.0])), "still above 0.5"),
    ]),
]


@pytest.mark.parametrize("check, right, wrongs", CASES, ids=[case[0].__name__ for case in CASES])
def test_check_accepts_the_right_answer_and_explains_wrong_ones(check, right, wrongs):
    feedback = check(*right)
    assert feedback, feedback
    assert repr(feedback).startswith("✓")
    for wrong, words in wrongs:
        feedback = check(*wrong)
        assert not feedback
        assert repr(feedback).startswith("✗")
        assert words in feedback.message, (wrong, feedback.message)


def test_xor_check_on_trained_networks():
    import nnlib

    inputs, targets = nnlib.xor_data()
    good = nnlib.NeuralNetwork([2, 4, 1], learning_rate=1.0, seed=0)
    good.train(inputs, targets, 5_000)
    assert checks.check_xor_network(good)
    stuck = nnlib.NeuralNetwork([2, 1], learning_rate=1.0, seed=0)
    stuck.train(inputs, targets, 1_000)
    feedback = checks.check_xor_network(stuck)
    assert not feedback and "of 4 right" in feedback.message and "(target" in feedback.message
    assert "Pass a trained" in checks.check_xor_network("network").message
