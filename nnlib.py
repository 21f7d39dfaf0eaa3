"""nnlib: the maths of a small neural network, written out with NumPy.

Every function here is one step that the course's notebooks derive by hand: the weighted
sum, the sigmoid, a prediction, a class. The names match the symbols in the notebooks
(`input_vector`, `weights`, `bias`, `layer_1`, `prediction`), so a line of maths can be
found in the code and a line of code in the maths.

It is simple and readable, not optimised beyond what NumPy gives for free. Bad input
(wrong shapes, NaN, text, ragged lists) raises a ValueError or TypeError that names the
argument and the shape that was expected.
"""

import numpy as np

__all__ = [
    "sigmoid",
    "sigmoid_derivative",
    "relu",
    "make_prediction",
    "classify",
    "two_point_data",
]


def _as_float_array(value, name, ndims, expected):
    """Return `value` as a finite float array with one of `ndims` dimensions (None: any).

    `name` and `expected` (a shape such as "(n_features,)") go into the error messages.
    """
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be numbers with shape {expected}, not text {value!r}")
    try:
        array = np.asarray(value)
    except ValueError:
        raise ValueError(
            f"{name} must have shape {expected}, but its rows have different lengths"
        ) from None
    if array.dtype.kind not in "iuf":
        raise TypeError(
            f"{name} must hold only numbers with shape {expected}, "
            f"but it holds {array.dtype.name} values"
        )
    if ndims is not None and array.ndim not in ndims:
        raise ValueError(f"{name} must have shape {expected}, but it has shape {array.shape}")
    array = array.astype(float)
    if not np.all(np.isfinite(array)):
        raise ValueError(
            f"{name} must hold finite numbers with shape {expected}, but it holds NaN or infinity"
        )
    return array


def sigmoid(x):
    """The logistic function 1 / (1 + e^(-x)), applied element by element.

    x: a number or an array of any shape. Returns floats in [0, 1], same shape as x.
    """
    x = _as_float_array(x, "x", ndims=None, expected="(any shape)")
    # Same value as 1 / (1 + exp(-x)), but exp only ever sees -|x| <= 0, so it cannot
    # overflow: for negative x the formula is rewritten as exp(x) / (1 + exp(x)).
    exp_minus_abs = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + exp_minus_abs), exp_minus_abs / (1 + exp_minus_abs))


def sigmoid_derivative(x):
    """The slope of the sigmoid, sigmoid(x) * (1 - sigmoid(x)).

    x: a number or an array of any shape. Returns floats in [0, 0.25], same shape as x.
    """
    s = sigmoid(x)
    return s * (1 - s)


def relu(x):
    """The rectified linear unit max(0, x), applied element by element.

    x: a number or an array of any shape. Returns floats >= 0, same shape as x.
    """
    x = _as_float_array(x, "x", ndims=None, expected="(any shape)")
    return np.maximum(0.0, x)


def make_prediction(input_vector, weights, bias):
    """The two-layer network: a weighted sum (layer 1), then the sigmoid (layer 2).

    input_vector: shape (n_features,) for one example, or (n_samples, n_features) for a batch.
    weights: shape (n_features,).
    bias: a number, or shape (1,).
    Returns the probability that the target is 1: shape (1,) for one example when bias has
    shape (1,), a number-like 0-d array when bias is a number, (n_samples,) for a batch.
    """
    input_vector = _as_float_array(
        input_vector, "input_vector", ndims=(1, 2), expected="(n_features,) or (n_samples, n_features)"
    )
    weights = _as_float_array(weights, "weights", ndims=(1,), expected="(n_features,)")
    bias = _as_float_array(bias, "bias", ndims=(0, 1), expected="() or (1,)")
    if bias.size != 1:
        raise ValueError(f"bias must have shape () or (1,), but it has shape {bias.shape}")
    n_features = input_vector.shape[-1]
    if weights.shape != (n_features,):
        raise ValueError(
            f"weights must have shape ({n_features},) to match the {n_features} features "
            f"of input_vector {input_vector.shape}, but it has shape {weights.shape}"
        )
    layer_1 = np.dot(input_vector, weights) + bias
    layer_2 = sigmoid(layer_1)
    return layer_2


def classify(probability, threshold=0.5):
    """Turn probabilities into classes: 1 where probability >= threshold, else 0.

    probability: a number or an array of any shape, each value in [0, 1].
    threshold: a number in [0, 1]. Returns integers 0 or 1, same shape as probability.
    """
    probability = _as_float_array(probability, "probability", ndims=None, expected="(any shape)")
    threshold = _as_float_array(threshold, "threshold", ndims=(0,), expected="() (one number)")
    if np.any((probability < 0) | (probability > 1)):
        raise ValueError("probability must hold numbers between 0 and 1 (any shape)")
    if not 0 <= threshold <= 1:
        raise ValueError(f"threshold must be one number between 0 and 1, not {float(threshold)}")
    return (probability >= threshold).astype(int)


def two_point_data():
    """The two labelled examples the course starts from.

    Returns (input_vectors, targets): shapes (2, 2) and (2,). Fresh copies on each call.
    """
    input_vectors = np.array([[1.66, 1.56], [2.0, 1.5]])
    targets = np.array([1, 0])
    return input_vectors, targets
