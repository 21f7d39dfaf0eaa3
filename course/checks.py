"""Checks for the exercises: each says what is right, or exactly what is still wrong.

Every check returns a Feedback, which shows as its message in a notebook and is truthy only
when the answer is right; `check_...(answer).assert_passed()` fails the cell when it is not,
showing the message alone, without a traceback.

How a check is written: it reads the answer through the helpers below (`_number`, `_vector`,
`_call`, ...), which raise `_Wrong` with a sentence for the learner whenever the answer is not
what they need; the check raises `_Wrong` itself for wrong values, and returns the message
for a right answer. The `@_check` decorator turns both into a Feedback. The helpers hand the
learner's functions copies, and every reference is computed from the check's own data.
"""

import decimal
import functools
import html
import math
import numbers
import reprlib
import textwrap

import numpy as np

import nnlib

from course import data, measures

FIRST_INPUT, SECOND_INPUT = data.two_point_data()[0].tolist()
WEIGHTS_1 = data.first_weights()[0].tolist()


class Feedback:
    """The verdict of a check: `passed` (bool) and a `message` for the learner."""

    def __init__(self, passed, message):
        self.passed, self.message = bool(passed), message

    def __bool__(self):
        return self.passed

    def __repr__(self):
        return ("✓ " if self.passed else "✗ ") + self.message

    def _repr_html_(self):
        colour = "#1a7f37" if self.passed else "#cf222e"
        return (f'<div style="border-left: 4px solid {colour}; padding: 2px 8px">'
                f'<b style="color: {colour}">{"✓" if self.passed else "✗"}</b> '
                f"{html.escape(self.message)}</div>")

    def assert_passed(self):
        """Return self if the answer is right, else raise CheckFailed with the message.

        The exercises' check cells call it, so that nbgrader's autograder gives their points
        only for right answers and shows the message in its feedback.
        """
        if not self.passed:
            raise CheckFailed(self.message)
        return self


class CheckFailed(AssertionError):
    """A wrong answer. In IPython it shows as its message alone, after a red ✗: no traceback."""

    def _render_traceback_(self):
        # IPython calls this, when it exists, instead of formatting a traceback.
        lines = textwrap.wrap(str(self), width=90, break_on_hyphens=False) or [""]
        return ["\x1b[1;31m✗\x1b[0m " + lines[0]] + ["  " + line for line in lines[1:]]


class _Wrong(Exception):
    """Raised inside a check with a sentence for the learner; @_check makes it a Feedback."""


def _check(check):
    """Make `check` return a Feedback: passed with its message, or failed with the _Wrong one."""

    @functools.wraps(check)
    def checked(*args, **kwargs):
        if _previous_cell_failed():
            return Feedback(False, "The cell run just before this check stopped with an error, so the answer "
                                   "here may be an older one. Fix that error, run the answer cell again, then "
                                   "this check.")
        try:
            return Feedback(True, check(*args, **kwargs))
        except _Wrong as wrong:
            return Feedback(False, str(wrong))
        except Exception as error:  # a case no check foresaw: still a sentence, not a traceback
            return Feedback(False, f"The check could not read this answer ({_error_text(error)}). "
                                   "Compare it with what the exercise asks for.")

    return checked


def _previous_cell_failed():
    """True when, in IPython, the cell run before this one (the answer cell) raised an error.

    A failed answer cell leaves its variable as it was, perhaps holding the worked solution.
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and not shell.last_execution_succeeded


# --- reading answers ---------------------------------------------------------------------

def _text(x, boundary=None, digits=4):
    """A number as a learner reads it: 4 significant figures, 12,345 or 1.23 × 10^308.

    With a `boundary`, enough figures to show on which side of it x lies (0.49999, not 0.5).
    """
    x = float(x)
    for places in range(digits, 18):
        if x == 0 or 1e-4 <= abs(x) < 10 ** places:
            text = f"{x:.{places}g}"
        elif abs(x) < 1e9:
            text = f"{x:,.0f}"
        else:
            mantissa, exponent = f"{x:.{places - 1}e}".split("e")
            mantissa = mantissa.rstrip("0").rstrip(".")
            text = f"{mantissa} × 10^{int(exponent)}"
        shown = float(text.replace(",", "").replace(" × 10^", "e"))
        if boundary is None or np.sign(shown - boundary) == np.sign(x - boundary):
            return text
    return repr(x)


def _text_that_rounds_right(x, places):
    """x with enough figures that rounding the shown digits by hand gives round(x, places)."""
    for digits in range(4, 18):
        text = f"{x:.{digits}g}"
        by_hand = decimal.Decimal(text).quantize(decimal.Decimal(1).scaleb(-places), decimal.ROUND_HALF_UP)
        if float(by_hand) == round(x, places):
            return text
    return repr(x)


def _list_text(array):
    return "[" + ", ".join(_text(x) for x in np.ravel(array)) + "]"


def _plural(count, noun):
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _describe(value):
    """What the learner passed, in words: the text '1.91', a Python list of 2 numbers ..."""
    if isinstance(value, (str, bytes)):
        return f"the text {reprlib.repr(value)}"
    if isinstance(value, type):
        return f"the class {value.__name__} itself"
    if callable(value):
        return f"the function {getattr(value, '__name__', '')}".rstrip()
    if isinstance(value, (bool, np.bool_)):
        return f"{value}, a truth value"
    if isinstance(value, (tuple, list)):
        numbers_only = all(isinstance(x, numbers.Real) for x in value)
        return f"a Python {type(value).__name__} of {_plural(len(value), 'number' if numbers_only else 'item')}"
    if isinstance(value, (dict, set)):
        return f"a Python {type(value).__name__}"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, numbers.Number):
        return reprlib.repr(value)
    return f"an object of type {type(value).__name__}"


def _subject(name):
    """'Your weights', or 'The result of my_relu' for a name that starts with 'the '."""
    return name[0].upper() + name[1:] if name.startswith("the ") else f"Your {name}"


def _error_text(error):
    text = str(error)
    return f"{type(error).__name__}: " + (text if len(text) <= 200 else text[:197] + "...")


def _real_numbers(value, name, expected):
    """`value` as a float array, if it is real numbers in some shape; else _Wrong."""
    if value is None:
        raise _Wrong(f"Replace None with your {name}.")
    wrong = _Wrong(f"{_subject(name)} should be {expected}; it is {_describe(value)}"
                   + (": write the number without quotation marks." if isinstance(value, str) else "."))
    if isinstance(value, (str, bytes, dict, set)) or callable(value):
        raise wrong
    try:
        array = np.asarray(value)
    except Exception:  # rows of different lengths, or an object NumPy cannot read
        raise wrong from None
    if array.dtype.kind == "O" and all(isinstance(x, numbers.Real) and not isinstance(x, bool)
                                       for x in array.flat):
        try:
            array = array.astype(float)  # e.g. fractions.Fraction, or Python's whole numbers past 2^64
        except OverflowError:
            raise _Wrong(f"{_subject(name)} holds a number too large for the computer's numbers "
                         "(past about 1.8 × 10^308).") from None
    if array.dtype.kind == "b":
        raise _Wrong(f"{_subject(name)} holds True/False values; it should be {expected}.")
    if array.dtype.kind == "c":
        raise _Wrong(f"{_subject(name)} holds complex numbers; it should be {expected}.")
    if array.dtype.kind not in "iuf":
        raise wrong
    array = array.astype(float)
    if not np.all(np.isfinite(array)):
        raise _Wrong(f"{_subject(name)} holds NaN ('not a number', from a sum such as ∞ − ∞) or infinity; "
                     "it should hold ordinary numbers.")
    return array


def _number(value, name):
    """One number: an int, a float, a NumPy number, or an array holding exactly one number."""
    array = _real_numbers(value, name, "one number")
    if array.size != 1 or array.ndim > 1:
        raise _Wrong(f"{_subject(name)} should be one number; it is an array of shape {array.shape}.")
    return float(array.reshape(()))


def _whole_number(value, name):
    number = _number(value, name)
    if not number.is_integer():
        raise _Wrong(f"{_text(number)} is not a whole number; a count is.")
    return int(number)


def _vector(value, name, length):
    """A list, tuple or array of `length` numbers, returned as a float array of shape (length,)."""
    array = _real_numbers(value, name, f"{length} numbers, such as [1.45, -0.66]" if length == 2
                          else f"{length} numbers")
    if array.shape != (length,):
        raise _Wrong(f"{_subject(name)} should have shape ({length},), {length} numbers in a row; "
                     f"it has shape {array.shape}.")
    return array


def _function(value, name):
    """The learner's function itself, or _Wrong if they passed something else."""
    if isinstance(value, type) or not callable(value):
        raise _Wrong(f"The check needs your function {name} itself, without () after its name; "
                     f"this is {_describe(value)}.")
    return value


def _call(function, name, *arguments):
    """function(*copies of the arrays); _Wrong if it fails, returns None or changes its input."""
    shown = ", ".join(f"np.array({_list_text(a)})" for a in arguments)
    copies = [np.copy(a) for a in arguments]
    try:
        with np.errstate(all="ignore"):
            result = function(*copies)
    except Exception as error:  # the learner's code stopped: say where and why
        raise _Wrong(f"{name}({shown}) stopped with an error, {_error_text(error)}") from None
    if result is None:
        raise _Wrong(f"{name}({shown}) gave None: write your answer in place of None, and make sure "
                     "the function returns it.")
    if not all(np.array_equal(copy, a) for copy, a in zip(copies, arguments)):
        raise _Wrong(f"{name}({shown}) changed the array it was given. Leave its input as it was, "
                     "and build a new array for the result (NumPy's functions, such as np.maximum, "
                     "build one).")
    return np.copy(result) if isinstance(result, np.ndarray) else result


def _not_rounded_too_far(values, expected, precision, close, tolerance):
    """_Wrong if every value is within `close` of its expected one, but not all within `tolerance`:
    the right answer, rounded too far."""
    error = np.abs(np.subtract(values, expected))
    if np.all(error <= close) and np.any(error > tolerance):
        raise _Wrong(f"Your answer is close, but rounded too far: keep at least {precision} "
                     "(or compute it in code and keep every digit).")


# --- 00 and 01: arrays and the weighted sum --------------------------------------------------

@_check
def check_first_input(first_input):
    """Exercise 00.1: a NumPy array holding [1.66, 1.56]."""
    if first_input is not None and not isinstance(first_input, np.ndarray):
        raise _Wrong(f"Make it a NumPy array with np.array([...]); this is {_describe(first_input)}.")
    array = _vector(first_input, "array", 2)
    if np.allclose(array, FIRST_INPUT[::-1]):
        raise _Wrong("The two numbers are swapped: 1.66 comes first, then 1.56.")
    if not np.allclose(array, FIRST_INPUT):
        raise _Wrong(f"The first input vector is [1.66, 1.56]; yours is {_list_text(array)}.")
    return "A NumPy array holding the first input vector."


@_check
def check_input_vectors(input_vectors):
    """Exercise 00.2: both input vectors stacked as rows of one (2, 2) array."""
    array = _real_numbers(input_vectors, "input_vectors", "a (2, 2) array, one example per row")
    if array.ndim == 1:
        raise _Wrong(f"Your input_vectors is one flat row of {array.size} numbers; it should have two rows "
                     "of two: a list of two lists inside np.array(...).")
    if array.shape != (2, 2):
        raise _Wrong(f"Your input_vectors should have shape (2, 2), two rows of two numbers; "
                     f"it has shape {array.shape}.")
    if np.allclose(array, np.transpose([FIRST_INPUT, SECOND_INPUT])):
        raise _Wrong("The examples are columns; put each example in a row.")
    if not np.allclose(array, [FIRST_INPUT, SECOND_INPUT]):
        raise _Wrong(f"Row 0 should be [1.66, 1.56] and row 1 [2, 1.5]; yours are "
                     f"{_list_text(array[0])} and {_list_text(array[1])}.")
    return "One row per input vector: shape (2, 2)."


@_check
def check_weighted_sum(weighted_sum):
    """Exercise 01.1: the weighted sum of [2, 1.5] with weights [1.45, -0.66], by hand."""
    value = _number(weighted_sum, "weighted sum")
    expected = float(np.dot(SECOND_INPUT, WEIGHTS_1))
    if math.isclose(value, 2.0 * 1.45 + 1.5 * 0.66, abs_tol=0.005):
        raise _Wrong(f"{_text(value)} uses +0.66; the second weight is -0.66.")
    if math.isclose(value, 2.0 + 1.5, abs_tol=0.005):
        raise _Wrong("3.5 adds the inputs; multiply each by its weight first.")
    if math.isclose(value, float(np.dot(FIRST_INPUT, WEIGHTS_1)), abs_tol=0.005):
        raise _Wrong(f"{_text(value)} is the weighted sum of the first example, [1.66, 1.56]; "
                     "this exercise asks for the second, [2, 1.5].")
    if not math.isclose(value, expected, abs_tol=0.005):
        raise _Wrong(f"{_text(value)} is not 2 × 1.45 + 1.5 × (-0.66); "
                     "work out the two products, then add them.")
    return f"2 × 1.45 + 1.5 × (-0.66) = {_text(expected)}."


@_check
def check_weighted_sums(weighted_sums):
    """Exercise 01.2: both weighted sums at once, shape (2,), from one matrix product."""
    expected = np.dot([FIRST_INPUT, SECOND_INPUT], WEIGHTS_1)
    array = _real_numbers(weighted_sums, "weighted sums", "2 numbers, one per example")
    if array.shape == (2, 2) and np.allclose(array, np.multiply([FIRST_INPUT, SECOND_INPUT], WEIGHTS_1)):
        raise _Wrong("These are the products, not yet added up: the matrix product (@ or np.dot) "
                     "multiplies and adds in one go.")
    array = _vector(array, "weighted sums", 2)
    if np.allclose(array, np.dot(WEIGHTS_1, [FIRST_INPUT, SECOND_INPUT]), atol=1e-6):
        raise _Wrong("The product goes the other way round: weights_1 @ input_vectors pairs the "
                     "weights with the columns; input_vectors @ weights_1 pairs them with each row.")
    for i, (got, want) in enumerate(zip(array, expected)):
        if not math.isclose(got, want, abs_tol=1e-6):
            raise _Wrong(f"Entry {i} is {_text(got, want)}; the weighted sum of example "
                         f"{[FIRST_INPUT, SECOND_INPUT][i]} is {_text(want, got)}.")
    return f"Weighted sums {_text(expected[0])} and {_text(expected[1])}, one per row."


# --- 02: the sigmoid and ReLU ----------------------------------------------------------------

@_check
def check_sigmoid_input(weighted_sum, goal=0.9):
    """Exercise 02.1: a weighted sum whose sigmoid is `goal` to 3 decimal places."""
    value = _number(weighted_sum, "weighted sum")
    probability = float(nnlib.sigmoid(value))
    shown = _text(value, digits=6)  # as many figures as a learner types, so that no two answers look alike
    if round(probability, 3) == goal:
        return f"sigmoid({shown}) = {_text_that_rounds_right(probability, 3)}, which is {goal} to three decimals."
    if math.isclose(value, math.log10(goal / (1 - goal)), rel_tol=1e-3):
        raise _Wrong(f"{_text(value)} comes from the base-10 logarithm (np.log10); the natural "
                     "logarithm ln, np.log, is the one that undoes e^x.")
    direction = "larger" if probability < goal else "smaller"
    raise _Wrong(f"sigmoid({shown}) = {_text_that_rounds_right(probability, 3)}, which rounds to "
                 f"{round(probability, 3):.3f}, not {goal}: try a {direction} weighted sum.")


@_check
def check_relu(my_relu):
    """Exercise 02.2: a function that returns max(0, x) element by element, leaving x as it was."""
    function = _function(my_relu, "my_relu")
    for x in (np.array([-2.0, -0.5, 0.0, 0.5, 3.0]), np.array([4.0, -1.25, -3.0, 0.75])):
        expected = np.maximum(0.0, x)
        try:
            result = _call(function, "my_relu", x)
        except _Wrong:
            if all(_relu_of_one_number(function, value) for value in x):
                raise _Wrong("my_relu works on a single number, but not on a whole array: Python's max "
                             "compares one pair of numbers; np.maximum(0, x) compares every element with 0 "
                             "at once.") from None
            raise
        got = _real_numbers(result, "the result of my_relu", f"{len(x)} numbers, one per element")
        if got.shape != x.shape:
            raise _Wrong(f"my_relu of an array of shape {x.shape} should keep that shape; "
                         f"it gave shape {got.shape}.")
        for value, result, want in zip(x, got, expected):
            if not math.isclose(result, want, abs_tol=1e-12):
                why = "ReLU turns negative numbers into 0" if value < 0 else "ReLU keeps x >= 0 as it is"
                raise _Wrong(f"my_relu gives {_text(result)} for {_text(value)}: {why}.")
    return "max(0, x) for every element, and x left as it was."


def _relu_of_one_number(function, value):
    try:
        return float(function(float(value))) == max(0.0, value)
    except Exception:  # it fails on single numbers too
        return False


# --- 03: predictions ---------------------------------------------------------------------------

def _two_point_predictions(weights, bias, names=("weights", "bias")):
    """The predictions for the two examples, and one sentence per example they get wrong."""
    weights, bias = _vector(weights, names[0], 2), _number(bias, names[1])
    input_vectors, targets = data.two_point_data()
    try:
        predictions = nnlib.make_prediction(input_vectors, weights, bias)
    except ValueError:  # the weighted sums overflow both ways: no prediction at all
        raise _Wrong("These weights are so large that the weighted sums overflow (past about "
                     "1.8 × 10^308); use smaller numbers.") from None
    problems = []
    for input_vector, target, prediction in zip(input_vectors, targets, predictions):
        if nnlib.classify(prediction) != target:
            if prediction == 0.5:
                side = "exactly 0.5, which counts as class 1"
            elif target == 0:
                side = "0.5 or more, so class 1"
            else:
                side = "below 0.5, so class 0"
            problems.append(f"{_text(prediction, 0.5)} for {input_vector.tolist()}, {side}, "
                            f"but its target is {target}")
    return predictions, problems


@_check
def check_weights(weights, bias):
    """Exercise 03.1: weights (2,) and a bias (a number) that classify both points correctly."""
    predictions, problems = _two_point_predictions(weights, bias)
    if problems:
        raise _Wrong("Not yet: your weights and bias give " + "; and ".join(problems) + ". Search with the "
                     "sliders above (or try numbers here) until both points are right.")
    return (f"Both right: {_text(predictions[0], 0.5)} for [1.66, 1.56] (target 1) "
            f"and {_text(predictions[1], 0.5)} for [2.0, 1.5] (target 0).")


@_check
def check_confident_weights(weights, bias, margin=0.1):
    """Exercise 03.2: both points right, each prediction within `margin` of its target."""
    predictions, problems = _two_point_predictions(weights, bias)
    if problems:
        raise _Wrong("Not yet: your weights and bias give " + "; and ".join(problems) + ".")
    unsure = [f"{_text(prediction, target - margin if target == 1 else target + margin)} for {input_vector}"
              f" is more than {margin} from its target {target}"
              for input_vector, target, prediction in zip([FIRST_INPUT, SECOND_INPUT], [1, 0], predictions)
              if abs(prediction - target) > margin + 1e-12]  # exactly on the limit counts, after float rounding
    if unsure:
        raise _Wrong("Not sure enough yet: both are right, but " + "; and ".join(unsure)
                     + ". Scale the weights and the bias up together, by a large factor.")
    return f"Sure and right: {_text(predictions[0])} and {_text(predictions[1])}."


# --- 04: the error and its gradient -------------------------------------------------------------

def _bias_gradient(input_vector, target):
    """dE/dbias for one example with weights_1 and bias 0, by the chain rule of notebook 04."""
    prediction = float(nnlib.make_prediction(input_vector, WEIGHTS_1, 0.0))
    derror_dprediction = 2 * (prediction - target)
    dprediction_dlayer1 = prediction * (1 - prediction)
    return prediction, derror_dprediction, dprediction_dlayer1


@_check
def check_bias_gradient(derror_dbias):
    """Exercise 04.1: dE/dbias for the first example [1.66, 1.56], target 1, weights_1, bias 0."""
    if isinstance(derror_dbias, tuple) and len(derror_dbias) == 2:
        raise _Wrong("This is a pair, as nnlib.gradients gives (the weights' gradient, the bias's "
                     "gradient): derror_dbias_first should be the bias's gradient alone, the second "
                     "of the two, nnlib.gradients(...)[1].")
    value = _number(derror_dbias, "derror_dbias")
    prediction, derror_dprediction, dprediction_dlayer1 = _bias_gradient(FIRST_INPUT, 1)
    expected = derror_dprediction * dprediction_dlayer1
    second = _bias_gradient(SECOND_INPUT, 0)
    if math.isclose(value, -expected, rel_tol=1e-3):
        raise _Wrong(f"{_text(value)} has the wrong sign (perhaps 1 − prediction where the formula has "
                     f"prediction − 1): the prediction {_text(prediction)} is below its target 1, so raising "
                     "the bias lowers the error.")
    if math.isclose(value, derror_dprediction, rel_tol=1e-3):
        raise _Wrong(f"{_text(value)} is only dE/dprediction; multiply it by the sigmoid's slope for this "
                     f"example too, prediction × (1 − prediction) = {_text(dprediction_dlayer1)}.")
    if any(math.isclose(value, candidate, rel_tol=1e-3)
           for candidate in (2 * (second[0] - 1), 2 * (second[0] - 1) * second[2])):
        raise _Wrong(f"{_text(value)} uses the prediction {_text(second[0])} of the second example, [2, 1.5]; "
                     "compute the first example's own prediction (its weighted sum, then the sigmoid).")
    if math.isclose(value, second[1] * second[2], rel_tol=1e-3):
        raise _Wrong(f"{_text(value)} is the gradient for the second example, [2, 1.5] with target 0; "
                     "this exercise asks for the first, [1.66, 1.56] with target 1.")
    _not_rounded_too_far(value, expected, "3 significant figures", close=0.01 * abs(expected),
                         tolerance=1e-3 * abs(expected))
    if not math.isclose(value, expected, rel_tol=1e-3):
        raise _Wrong(f"{_text(value)} is not 2 × (prediction − target) × prediction × (1 − prediction), "
                     f"with prediction {_text(prediction)} and target 1.")
    return f"dE/dbias = {_text(expected)}: negative, so gradient descent raises the bias."


def _error_after_step(learning_rate):
    """The two-point error after one gradient step of `learning_rate` from weights_1, bias 0."""
    return measures.error_after_step(*data.two_point_data(), *data.first_weights(), learning_rate)


@functools.lru_cache(maxsize=1)
def _best_learning_rate():
    """The learning rate whose one step lowers the two-point error most, to about 0.0001."""
    rates = np.arange(0, 15.0001, 0.01)
    coarse = rates[np.argmin([_error_after_step(rate) for rate in rates])]
    fine = np.arange(coarse - 0.01, coarse + 0.01, 0.0001)
    return float(fine[np.argmin([_error_after_step(rate) for rate in fine])])


@_check
def check_best_learning_rate(learning_rate, tolerance=0.01):
    """Exercise 04.2: the learning rate whose single step lowers the two-point error most."""
    value = _number(learning_rate, "learning rate")
    best = _best_learning_rate()
    try:
        error = _error_after_step(value)
    except ValueError:  # weights beyond the largest float: nnlib refuses them
        raise _Wrong(f"η = {_text(value)} is so large that the step takes the weights past the largest "
                     "number a computer holds (about 1.8 × 10^308); try a much smaller η.") from None
    start = _error_after_step(0.0)
    if value < 0:
        raise _Wrong(f"η = {_text(value)} is negative: the step goes up the slope, and the error rises "
                     f"from {_text(start)} to {_text(error, start)}. A learning rate is positive.")
    if value == 0:
        raise _Wrong(f"η = 0 takes no step: the error stays at {_text(start)}.")
    if abs(value - best) <= tolerance + 1e-9:
        return f"η = {_text(value)} brings the error to {_text(error)}, about the lowest one step can."
    if value.is_integer() and 15 < value <= 1500:  # a position in np.arange(0, 15, 0.01)
        advice = ("if it came from np.argmin, it is a position in your list of rates, not a rate: "
                  "rates[position] is the rate")
    elif error > start:
        advice = (f"this step overshoots so far that the error ends above the {_text(start)} it started "
                  "from: a much smaller η goes lower")
    elif value > best:
        advice = "this step overshoots: a smaller η goes lower"
    else:
        advice = "this step stops short: a larger η goes lower"
    raise _Wrong(f"η = {_text(value)} brings the error to {_text(error)}; {advice}.")


# --- 05: training -------------------------------------------------------------------------------

@_check
def check_accuracy_function(accuracy):
    """Exercise 05.1: accuracy(predictions, targets), the fraction classified right at 0.5."""
    function = _function(accuracy, "my_accuracy")
    name = getattr(function, "__name__", "my_accuracy").replace("<lambda>", "my_accuracy")
    cases = [
        (np.array([0.9, 0.2, 0.6, 0.4]), np.array([1, 0, 0, 1])),
        (np.array([0.5, 0.49]), np.array([1, 0])),
        (np.array([0.1, 0.8, 0.7]), np.array([0, 1, 1])),
        (np.array([0.7, 0.3, 0.55, 0.05, 0.95]), np.array([0, 1, 1, 0, 0])),
    ]
    for predictions, targets in cases:
        expected = nnlib.accuracy(predictions, targets)
        got = _number(_call(function, name, predictions, targets), f"the result of {name}")
        if math.isclose(got, expected, abs_tol=1e-6):
            continue
        call = f"{name}(np.array({_list_text(predictions)}), np.array({targets.tolist()}))"
        if math.isclose(got, 100 * expected) and expected != 0:
            raise _Wrong(f"{call} gave {_text(got)}, a percentage; it should be {_text(expected)}, "
                         "the fraction, between 0 and 1.")
        if math.isclose(got, expected * len(targets)) and expected != 0:
            raise _Wrong(f"{call} gave {_text(got)}, the count of right predictions; it should be "
                         f"{_text(expected)}: divide by how many predictions there are.")
        hint = " A prediction of exactly 0.5 counts as class 1." if 0.5 in predictions else ""
        raise _Wrong(f"{call} gave {_text(got)}; it should be {_text(expected)}.{hint}")
    return f"{name} gives the fraction of predictions whose class (1 from 0.5 up) matches the target."


@_check
def check_gradient_step(new_weights, new_bias, learning_rate=0.1):
    """Exercise 05.2: weights_1 and bias 0 after one full-batch step on the eight points."""
    weights, bias = _vector(new_weights, "new_weights", 2), _number(new_bias, "new_bias")
    input_vectors, targets = data.eight_point_data()
    derror_dweights, derror_dbias = nnlib.gradients(input_vectors, WEIGHTS_1, 0.0, targets)
    expected_weights = np.array(WEIGHTS_1) - learning_rate * derror_dweights
    expected_bias = float(0.0 - learning_rate * derror_dbias)
    two_inputs, two_targets = data.two_point_data()
    two_point_dweights, _ = nnlib.gradients(two_inputs, WEIGHTS_1, 0.0, two_targets)
    step = (weights - WEIGHTS_1) / -derror_dweights  # the learning rate each weight implies
    if np.allclose(weights, WEIGHTS_1):
        raise _Wrong("These are the starting weights: take the step.")
    if np.allclose(weights, np.array(WEIGHTS_1) + learning_rate * derror_dweights):
        raise _Wrong("You added the gradient: step against it, weights − η × gradient.")
    if np.allclose(weights, np.array(WEIGHTS_1) - learning_rate * two_point_dweights):
        raise _Wrong("This step uses the gradient of notebook 04's two examples; "
                     "this one uses all eight points.")
    _not_rounded_too_far([*weights, bias], [*expected_weights, expected_bias], "6 decimal places",
                         close=5e-4, tolerance=1e-6)
    if np.isclose(step[0], step[1], rtol=1e-3) and not math.isclose(step[0], learning_rate, rel_tol=1e-3):
        raise _Wrong(f"This is a step of {_text(step[0])} × the gradient; the learning rate here is "
                     f"{learning_rate}.")
    if not np.allclose(weights, expected_weights, rtol=0, atol=1e-6):
        raise _Wrong(f"Your new weights {_list_text(weights)} are not weights_1 − 0.1 × the gradient over "
                     "all eight points: take the gradient from nnlib.gradients(input_vectors, ...).")
    if not math.isclose(bias, expected_bias, abs_tol=1e-6):
        raise _Wrong(f"The weights are right; the bias {_text(bias)} is not yet bias − η × dE/dbias, with "
                     "dE/dbias from the same nnlib.gradients call.")
    return f"weights {_list_text(weights)}, bias {_text(bias)}."


# --- 06: a hidden layer -------------------------------------------------------------------------

@_check
def check_parameter_count(count, layer_sizes=(2, 4, 1)):
    """Exercise 06.1: the number of weights and biases in a network of `layer_sizes`."""
    value = _whole_number(count, "count")
    pairs = list(zip(layer_sizes[:-1], layer_sizes[1:]))
    n_weights = sum(n_in * n_out for n_in, n_out in pairs)
    n_biases = sum(layer_sizes[1:])
    if value == n_weights + n_biases:
        return f"{n_weights} weights and {n_biases} biases: {n_weights + n_biases} numbers to learn."
    if value == n_weights:
        raise _Wrong(f"{value} counts the weights only; every neuron after the inputs also has a bias.")
    if value == n_weights + n_biases + layer_sizes[0]:
        raise _Wrong("The inputs have no bias: only the neurons of the hidden and output layers do.")
    raise _Wrong(f"{value} is not it: each layer has (its number of inputs) × (its number of neurons) "
                 "weights, and one bias per neuron. Add them up layer by layer.")


def _xor_predictions(network, input_vectors):
    """network.predict(input_vectors) as 4 numbers, one per row, or _Wrong."""
    result = _call(network.predict, "my_network.predict", input_vectors)
    predictions = _real_numbers(result, "the result of predict", "4 numbers, one per XOR point")
    if predictions.shape not in {(4,), (4, 1)}:
        raise _Wrong(f"predict should give one prediction per XOR point, shape (4,); "
                     f"it gave shape {predictions.shape}.")
    return predictions.reshape(4)


@_check
def check_xor_network(network, layer_sizes=None):
    """Exercise 06.2: a trained network that classifies all four XOR points correctly.

    layer_sizes: the sizes the exercise keeps, such as [2, 2, 1], for an nnlib network; None: any.
    """
    if network is None:
        raise _Wrong("Replace None with your trained network.")
    if network is nnlib.NeuralNetwork:
        raise _Wrong("The check needs the network you made and trained, my_network, not nnlib.NeuralNetwork itself: "
                     "the network is what nnlib.NeuralNetwork([2, 2, 1], ...) gives back.")
    if isinstance(network, type) or not callable(getattr(network, "predict", None)):
        raise _Wrong(f"The check needs the network you made and trained, such as my_network; this is "
                     f"{_describe(network)}.")
    sizes = getattr(network, "layer_sizes", None)
    if isinstance(network, nnlib.NeuralNetwork) and (sizes[0], sizes[-1]) != (2, 1):
        raise _Wrong(f"This network's layer sizes are {list(sizes)}; for XOR it needs 2 inputs and "
                     "1 output: nnlib.NeuralNetwork([2, ..., 1], ...).")
    if isinstance(network, nnlib.NeuralNetwork) and layer_sizes is not None and list(sizes) != list(layer_sizes):
        raise _Wrong(f"This network's layer sizes are {list(sizes)}; this exercise keeps {list(layer_sizes)}: "
                     "change its training (iterations, learning rate, seed), not its size.")
    input_vectors, targets = data.xor_data()
    predictions = _xor_predictions(network, input_vectors)
    order = [1, 0, 3, 2]  # the same points, in an order whose targets differ from the usual one
    if not np.allclose(_xor_predictions(network, input_vectors[order]), predictions[order]):
        raise _Wrong("predict gives other predictions when the four points come in another order: "
                     "each prediction should depend on its own point only.")
    classes = nnlib.classify(np.clip(predictions, 0, 1))
    wrong = [f"{row.astype(int).tolist()} gives {_text(p, 0.5)}, class {c} (target {t})"
             for row, p, t, c in zip(input_vectors, predictions, targets, classes) if c != t]
    if wrong:
        raise _Wrong(f"{4 - len(wrong)} of 4 right: " + "; ".join(wrong)
                     + ". Train it longer, or change the learning rate or the seed.")
    return "All four XOR points right: " + ", ".join(_text(p, 0.5) for p in predictions) + "."


# --- 07: real data ------------------------------------------------------------------------------

def _test_results(probabilities, targets):
    """The notebook's test predictions and targets, checked, as arrays of shape (n,)."""
    probabilities = _real_numbers(probabilities, "probabilities", "the test rows' predictions")
    targets = _real_numbers(targets, "y_test", "the test rows' targets")
    if (probabilities.ndim != 1 or probabilities.shape != targets.shape or not np.any(targets == 1)
            or np.any(probabilities < 0)
            or np.any(probabilities > 1) or not np.all(np.isin(targets, [0, 1]))):
        raise _Wrong("probabilities and y_test are not the predictions and targets the notebook made: "
                     "run its cells again from the top (Run → Run All Cells).")
    return probabilities, targets


@_check
def check_missed_count(missed, probabilities, targets, threshold=0.5):
    """Exercise 07.1: how many class-1 examples the predictions miss at `threshold`."""
    probabilities, targets = _test_results(probabilities, targets)
    if isinstance(missed, np.ndarray) and missed.dtype == bool and missed.size > 1:
        raise _Wrong("This is an array of True and False, one per test row: put np.sum( ... ) around it "
                     "to count its Trues.")
    value = _whole_number(missed, "count")
    _, expected, false_alarms, _ = measures.confusion_counts(probabilities, targets, threshold)
    if value == expected:
        return (f"{_plural(expected, 'malignant tumour')} {'gets' if expected == 1 else 'get'} a prediction "
                f"below {threshold}.")
    if value == false_alarms:
        raise _Wrong(f"{value} counts the false alarms (benign, predicted malignant); "
                     "a missed tumour is malignant but predicted benign.")
    if value == expected + false_alarms:
        raise _Wrong(f"{value} counts every mistake; count only the malignant tumours predicted benign.")
    raise _Wrong(f"{value} is not it: count the test rows whose target is 1 and whose "
                 f"prediction is below {threshold}.")


@_check
def check_safe_threshold(threshold, probabilities, targets):
    """Exercise 07.2: the highest threshold (to 0.01) that misses no class-1 example."""
    probabilities, targets = _test_results(probabilities, targets)
    value = _number(threshold, "threshold")
    if not 0 <= value <= 1:
        raise _Wrong(f"{_text(value)} is not a threshold: a threshold lies between 0 and 1, as the "
                     "predictions do.")
    lowest_malignant = float(np.min(probabilities[targets == 1]))
    best = np.floor(lowest_malignant * 100) / 100  # the highest threshold on the slider's 0.01 grid
    _, missed, false_alarms, _ = measures.confusion_counts(probabilities, targets, value)
    if missed:
        verb = "is" if missed == 1 else "are"
        raise _Wrong(f"At {_text(value)}, {_plural(missed, 'malignant tumour')} {verb} still missed: go lower.")
    if value < best - 1e-9:
        fewer = measures.confusion_counts(probabilities, targets, best)[2] < false_alarms
        raise _Wrong(f"At {_text(value)} nothing is missed, with {_plural(false_alarms, 'false alarm')}; "
                     "some higher thresholds miss nothing too" + (", with fewer false alarms" if fewer else "")
                     + ": go higher.")
    return f"{_text(value)}: no tumour missed, at the cost of {_plural(false_alarms, 'false alarm')}."
