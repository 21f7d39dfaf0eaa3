"""Each exercise check accepts a right answer and names what is wrong in wrong ones."""

import math

import numpy as np
import pytest

import course.data
import nnlib
from course import checks

WEIGHTS_1 = course.data.first_weights()[0]

CASES = [
    # (check, right answer as args, [(wrong args, words the message must contain), ...])
    (checks.check_first_input, (np.array([1.66, 1.56]),), [
        ((None,), "Replace None"),
        (([1.66, 1.56],), "NumPy array with np.array([...]); this is a Python list of 2 numbers"),
        ((np.array([1.56, 1.66]),), "swapped: 1.66 comes first"),
        ((np.array([1.66, 2.0]),), "yours is [1.66, 2]"),
        ((np.array([1.66, 1.56, 0.0]),), "shape (2,)"),
    ]),
    (checks.check_input_vectors, (np.array([[1.66, 1.56], [2, 1.5]]),), [
        ((None,), "Replace None"),
        ((np.array([[1.66, 2], [1.56, 1.5]]),), "columns"),
        ((np.array([1.66, 1.56, 2, 1.5]),), "one flat row of 4 numbers"),
        ((np.ones((2, 2, 1)),), "shape (2, 2), two rows of two numbers; it has shape (2, 2, 1)"),
        ((np.array([[1.66, 1.56], [2, 2.5]]),), "Row 0 should be"),
    ]),
    (checks.check_weighted_sum, (1.91,), [
        ((3.89,), "the second weight is -0.66"),
        ((3.5,), "multiply each by its weight"),
        ((2.5,), "work out the two products"),
        (("1.91",), "should be one number; it is the text '1.91': write the number without quotation marks"),
        ((1.3774,), "the first example"),
        ((1e308,), "1 × 10^308 is not"),
    ]),
    (checks.check_weighted_sums, (np.array([1.3774, 1.91]),), [
        ((np.array([1.91, 1.3774]),), "Entry 0 is 1.91; the weighted sum of example [1.66, 1.56] is 1.377"),
        ((np.dot(WEIGHTS_1, [[1.66, 1.56], [2, 1.5]]),), "the other way round"),
        ((np.array([[1.3774, 1.91]]),), "shape (2,)"),
        ((None,), "Replace None"),
    ]),
    (checks.check_sigmoid_input, (math.log(9),), [
        ((2.0,), "sigmoid(2) = 0.8808, which rounds to 0.881, not 0.9: try a larger"),
        ((3.0,), "sigmoid(3) = 0.9526, which rounds to 0.953, not 0.9: try a smaller"),
        ((np.log10(9),), "base-10 logarithm"),
        ((math.log(0.89949 / (1 - 0.89949)),), "= 0.89949, which rounds to 0.899, not 0.9"),
        ((None,), "Replace None"),
    ]),
    (checks.check_relu, (lambda x: np.maximum(0, x),), [
        ((lambda x: x,), "ReLU turns negative numbers into 0"),
        ((lambda x: np.abs(x),), "gives 2 for -2"),
        ((lambda x: np.maximum(0, x).sum(),), "keep that shape"),
        ((lambda x: x.nonexistent,), "stopped with an error, AttributeError"),
        ((lambda x: np.abs(x, out=x),), "changed the array it was given"),
        ((lambda x: None,), "gave None"),
        ((lambda x: max(0, x),), "works on a single number, but not on a whole array: Python's max"),
        ((np.maximum(0, 1),), "The check needs your function my_relu itself"),
    ]),
    (checks.check_weights, (np.array([-1.0, 1.0]), np.array([0.2])), [
        ((WEIGHTS_1, np.array([0.0])), "0.871 for [2.0, 1.5], 0.5 or more, so class 1, but its target is 0"),
        (([0, 0], 0), "0.5 for [2.0, 1.5], exactly 0.5, which counts as class 1"),
        ((np.array([-1.0, 1.0]), np.array([0.0])), "0.475 for [1.66, 1.56], below 0.5, so class 0"),
        ((np.array([-1.0, 1.0]), np.array([0.2, 0.0])), "bias should be one number"),
        ((np.array([-1.0, np.nan]), np.array([0.2])), "NaN"),
    ]),
    (checks.check_bias_gradient, (-0.06478,), [
        ((0.06478,), "wrong sign (perhaps 1 − prediction where the formula has prediction − 1)"),
        ((-0.4029,), "only dE/dprediction; multiply it by the sigmoid's slope for this example too, "
                     "prediction × (1 − prediction) = 0.1609"),
        ((2 * (0.87101915 - 1),), "uses the prediction 0.871 of the second example"),
        ((np.log10(9),), "is not 2 × (prediction − target)"),
        ((0.3,), "is not 2 × (prediction − target)"),
        ((-0.065,), "close, but rounded too far: keep at least 3 significant figures"),
        ((None,), "Replace None"),
        ((nnlib.gradients([1.66, 1.56], WEIGHTS_1, 0.0, 1),), "should be the bias's gradient alone"),
    ]),
    (checks.check_best_learning_rate, (3.74,), [
        ((1.0,), "larger η goes lower"),
        ((9.0,), "smaller η goes lower"),
        ((-3.0,), "is negative: the step goes up the slope"),
        ((0,), "takes no step"),
        ((1e308,), "η = 1 × 10^308 brings the error to 0.5; this step overshoots so far that the error ends above the 0.3996"),
        ((3.7,), "stops short"),
        ((374,), "a position in your list of rates, not a rate"),
    ]),
    (checks.check_accuracy_function, (lambda p, t: np.mean((p >= 0.5) == t),), [
        ((lambda p, t: 0.0,), "gave 0; it should be 0.5"),
        ((lambda p, t: 100 * np.mean((p >= 0.5) == t),), "a percentage"),
        ((lambda p, t: np.mean((p > 0.5) == t),), "exactly 0.5 counts as class 1"),
        ((lambda p, t: np.sum((p >= 0.5) == t),), "gave 2, the count of right predictions; it should be 0.5: divide"),
        ((lambda p: p,), "stopped with an error, TypeError"),
    ]),
    (checks.check_gradient_step, (np.array([1.44456284, -0.66301764]), np.array([-0.00406349])), [
        ((np.array([1.45543716, -0.65698236]), np.array([0.0040635])), "You added the gradient"),
        ((WEIGHTS_1, np.array([0.0])), "starting weights"),
        ((np.array([1.44456284, -0.66301764]), np.array([0.0])), "the bias 0 is not yet bias − η × dE/dbias"),
        ((np.array([1.4446, -0.663]), -0.004063), "close, but rounded too far: keep at least 6 decimal places"),
        ((WEIGHTS_1 - 0.8 * (np.array([1.44456284, -0.66301764]) - WEIGHTS_1) / -0.1, 0.0),
         "a step of 0.8 × the gradient"),
        ((np.array([1.40, -0.66]), np.array([0.0])), "not weights_1 − 0.1 × the gradient over all eight points"),
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
        ((0.2, np.array([0.419, 0.9, 0.6, 0.1]), np.array([1, 1, 0, 0])), "some higher thresholds miss nothing too"),
        ((0.3, np.array([0.419, 0.9, 0.35, 0.1]), np.array([1, 1, 0, 0])), "with fewer false alarms"),
        ((1.5, np.array([0.419, 0.9, 0.6, 0.1]), np.array([1, 1, 0, 0])), "a threshold lies between 0 and 1"),
    ]),
    (checks.check_confident_weights, (np.array([-30.0, 30.0]), np.array([6.0])), [
        ((np.array([-1.0, 1.0]), np.array([0.2])), "Not sure enough yet: both are right, but 0.525 for [1.66, 1.56] is more than 0.1 from its target 1; and 0.4256 for [2.0, 1.5] is more than 0.1"),
        ((WEIGHTS_1, np.array([0.0])), "0.5 or more, so class 1"),
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

    inputs, targets = course.data.xor_data()
    good = nnlib.NeuralNetwork([2, 4, 1], learning_rate=1.0, seed=0)
    good.train(inputs, targets, 5_000)
    assert checks.check_xor_network(good)
    stuck = nnlib.NeuralNetwork([2, 1], learning_rate=1.0, seed=0)
    stuck.train(inputs, targets, 1_000)
    feedback = checks.check_xor_network(stuck)
    assert not feedback and "of 4 right" in feedback.message and "(target" in feedback.message
    assert "The check needs the network you made and trained" in checks.check_xor_network("network").message
    assert "not nnlib.NeuralNetwork itself" in checks.check_xor_network(nnlib.NeuralNetwork).message
    assert "needs 2 inputs" in checks.check_xor_network(nnlib.NeuralNetwork([3, 4, 1])).message
    column = type("Network", (), {"predict": lambda self, X: good.predict(X).reshape(-1, 1)})()
    assert checks.check_xor_network(column), "one prediction per row, as a column, is right too"
    assert checks.check_xor_network(good, layer_sizes=[2, 4, 1])
    feedback = checks.check_xor_network(good, layer_sizes=[2, 2, 1])
    assert not feedback and "this exercise keeps [2, 2, 1]" in feedback.message


def test_a_bias_in_any_of_the_forms_nnlib_accepts():
    inputs, targets = course.data.eight_point_data()
    for bias in (0.0, 0, np.float64(0), np.array(0.0), np.array([0.0]), [0.0]):
        derror_dweights, derror_dbias = nnlib.gradients(inputs, WEIGHTS_1, bias, targets)
        assert checks.check_gradient_step(WEIGHTS_1 - 0.1 * derror_dweights, bias - 0.1 * derror_dbias)
    for bias in (0.2, np.float32(0.2), np.array(0.2), np.array([0.2]), [0.2], (0.2,)):
        assert checks.check_weights([-1.0, 1.0], bias)


def test_a_failing_check_shows_its_message_without_a_traceback():
    feedback = checks.check_weighted_sum(3.89)
    with pytest.raises(checks.CheckFailed) as failure:
        feedback.assert_passed()
    assert isinstance(failure.value, AssertionError)  # what nbgrader's autograder counts as failed
    shown = "\n".join(failure.value._render_traceback_())
    assert "Traceback" not in shown and 'File "' not in shown
    assert " ".join(shown.split()) == "\x1b[1;31m✗\x1b[0m " + feedback.message
    assert feedback._repr_html_().count("uses +0.66; the second weight is -0.66.") == 1


def test_after_an_answer_cell_that_failed_a_check_does_not_judge_the_old_value():
    """In a kernel: the worked solution ran, then the learner's own answer cell stopped with an
    error, so the variable still holds the solution. The check must not give it a ✓."""
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in [
        "import numpy as np\nfrom course.checks import check_first_input",
        "first_input = np.array([1.66, 1.56])",  # the worked solution, run first
        "first_input = np.array(1.66, 1.56)",  # the learner's line: TypeError
        "check_first_input(first_input)",
        "first_input = np.array([1.66, 1.56])",
        "check_first_input(first_input)",
    ]])
    NotebookClient(notebook, timeout=60, allow_errors=True, kernel_name="python3").execute()
    shown = [output.get("data", {}).get("text/plain", "") for cell in notebook.cells for output in cell.outputs]
    assert notebook.cells[2].outputs[0].output_type == "error"
    assert notebook.cells[3].outputs[0].data["text/plain"].startswith(
        "✗ The cell run just before this check stopped with an error"), shown
    assert notebook.cells[5].outputs[0].data["text/plain"].startswith("✓"), shown
