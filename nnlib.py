"""nnlib: the maths of a small neural network, written out with NumPy.

Every function here is one step that the course's notebooks derive by hand: the weighted
sum, the sigmoid, a prediction, a class. The names match the symbols in the notebooks
(`input_vector`, `weights`, `bias`, `layer_1`, `prediction`), so a line of maths can be
found in the code and a line of code in the maths.

It is simple and readable, not optimised beyond what NumPy gives for free. Bad input
(wrong shapes, NaN, text, ragged lists) raises a ValueError or TypeError that names the
argument and the shape that was expected.
"""

import csv
import os
import pathlib
import tempfile
import zipfile

import numpy as np

__all__ = [
    "sigmoid",
    "sigmoid_derivative",
    "relu",
    "make_prediction",
    "classify",
    "mse",
    "gradients",
    "NeuralNetwork",
    "two_point_data",
    "eight_point_data",
    "xor_data",
    "load_csv",
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
    return _sigmoid(_as_float_array(x, "x", ndims=None, expected="(any shape)"))


def _sigmoid(x):
    """sigmoid without the input checks, for arrays the library has already checked."""
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


def _check_neuron_inputs(input_vector, weights, bias):
    """The three arguments of a single neuron as float arrays, or a clear error."""
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
    return input_vector, weights, bias


def make_prediction(input_vector, weights, bias):
    """The two-layer network: a weighted sum (layer 1), then the sigmoid (layer 2).

    input_vector: shape (n_features,) for one example, or (n_samples, n_features) for a batch.
    weights: shape (n_features,).
    bias: a number, or shape (1,).
    Returns the probability that the target is 1: shape (1,) for one example when bias has
    shape (1,), a number-like 0-d array when bias is a number, (n_samples,) for a batch.
    """
    input_vector, weights, bias = _check_neuron_inputs(input_vector, weights, bias)
    layer_1 = np.dot(input_vector, weights) + bias
    layer_2 = _sigmoid(layer_1)
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


def mse(prediction, target):
    """The mean squared error: the mean over samples of (prediction - target)^2.

    prediction: shape (n,) or (1,); target: same shape, or one number. Returns a float.
    """
    prediction = _as_float_array(prediction, "prediction", ndims=(0, 1), expected="(n_samples,)")
    target = _as_float_array(target, "target", ndims=(0, 1), expected="(n_samples,) or ()")
    if target.ndim == 1 and target.shape != prediction.shape:
        raise ValueError(
            f"target must have shape {prediction.shape} like prediction, but it has shape {target.shape}"
        )
    return float(np.mean(np.square(prediction - target)))


def gradients(input_vector, weights, bias, target):
    """The gradient of the mean squared error of one neuron, by the chain rule.

    input_vector: (n_features,) or (n_samples, n_features); weights: (n_features,);
    bias: () or (1,); target: a number, or (n_samples,) for a batch.
    Returns (derror_dweights, derror_dbias): shapes (n_features,) and the shape of bias.
    """
    input_vector, weights, bias = _check_neuron_inputs(input_vector, weights, bias)
    input_vectors = np.atleast_2d(input_vector)
    target = _as_float_array(target, "target", ndims=(0, 1), expected="() or (n_samples,)")
    if target.ndim == 1 and target.shape != (len(input_vectors),):
        raise ValueError(
            f"target must have shape ({len(input_vectors)},), one per row of input_vector, "
            f"but it has shape {target.shape}"
        )
    layer_1 = input_vectors @ weights + bias
    prediction = _sigmoid(layer_1)
    derror_dprediction = 2 * (prediction - target)
    dprediction_dlayer1 = prediction * (1 - prediction)  # sigmoid_derivative(layer_1)
    derror_dlayer1 = derror_dprediction * dprediction_dlayer1
    # dlayer1_dweights is the input vector and dlayer1_dbias is 1. The error is a mean over
    # the rows, so each row's contribution is averaged: a single example gives it unchanged.
    derror_dweights = input_vectors.T @ derror_dlayer1 / len(input_vectors)
    derror_dbias = np.full(bias.shape, np.mean(derror_dlayer1))
    return derror_dweights, derror_dbias


class NeuralNetwork:
    """A fully connected network with a sigmoid output, trained by gradient descent on the MSE.

    layer_sizes: e.g. [2, 1] (one neuron) or [2, 4, 1] (a hidden layer of 4); the last is 1.
    learning_rate: the step size. seed: seeds the initial weights and the stochastic batches.
    hidden_activation: "sigmoid" or "relu", for every layer but the last (always sigmoid).
    After training, `weights[i]` has shape (n_in, n_out) and `biases[i]` shape (n_out,).
    """

    def __init__(self, layer_sizes, learning_rate=0.1, seed=0, hidden_activation="sigmoid"):
        if (len(layer_sizes) < 2 or layer_sizes[-1] != 1
                or not all(isinstance(n, (int, np.integer)) and n >= 1 for n in layer_sizes)):
            raise ValueError(
                f"layer_sizes must be a list of at least 2 positive integers ending in 1, "
                f"such as [2, 1] or [2, 4, 1], not {layer_sizes!r}"
            )
        if hidden_activation not in ("sigmoid", "relu"):
            raise ValueError(f"hidden_activation must be 'sigmoid' or 'relu', not {hidden_activation!r}")
        if not (isinstance(learning_rate, (int, float)) and np.isfinite(learning_rate) and learning_rate > 0):
            raise ValueError(f"learning_rate must be a positive number, not {learning_rate!r}")
        self.layer_sizes = list(layer_sizes)
        self.learning_rate = float(learning_rate)
        self.hidden_activation = hidden_activation
        self.rng = np.random.default_rng(seed)
        # Random weights scaled by 1/sqrt(n_in) keep each weighted sum of order 1 at the start.
        self.weights = [
            self.rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(n_in, n_out))
            for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])
        ]
        self.biases = [np.zeros(n_out) for n_out in layer_sizes[1:]]
        self._buffers = {}

    def _check_data(self, X, y=None):
        n_in = self.layer_sizes[0]
        X = _as_float_array(X, "X", ndims=(2,), expected=f"(n_samples, {n_in})")
        if X.shape[1] != n_in:
            raise ValueError(f"X must have shape (n_samples, {n_in}), but it has shape {X.shape}")
        if y is None:
            return X
        y = _as_float_array(y, "y", ndims=(1,), expected=f"({len(X)},)")
        if y.shape != (len(X),):
            raise ValueError(f"y must have shape ({len(X)},), one target per row of X, not {y.shape}")
        return X, y

    def _buffer(self, name, shape):
        """A scratch array kept between steps, so that big batches do not allocate every step.

        (Fresh arrays of a megabyte or more cost more to allocate than to compute with.)
        """
        array = self._buffers.get(name)
        if array is None or array.shape != shape:
            array = self._buffers[name] = np.empty(shape)
        return array

    def _forward(self, X):
        """The activation of every layer for a batch X (n, n_in): a list from X to the output.

        The arrays are scratch buffers, overwritten by the next call: copy what you keep.
        """
        activations = [X]
        last = len(self.weights) - 1
        for i, (weights, bias) in enumerate(zip(self.weights, self.biases)):
            layer = np.matmul(activations[-1], weights, out=self._buffer(("layer", i), (len(X), len(bias))))
            layer += bias
            if i == last or self.hidden_activation == "sigmoid":
                _sigmoid_in_place(layer)
            else:
                np.maximum(layer, 0.0, out=layer)  # relu
            activations.append(layer)
        return activations

    def predict(self, X):
        """Probabilities that the target is 1. X: (n_samples, n_in). Returns (n_samples,)."""
        return self._forward(self._check_data(X))[-1][:, 0].copy()

    def _backprop(self, X, y):
        """The loss and its gradients for a checked batch: (loss, weight_grads, bias_grads)."""
        activations = self._forward(X)
        n = len(X)
        prediction = activations[-1]  # shape (n, 1)
        error = np.subtract(prediction[:, 0], y, out=self._buffer("error", (n,)))
        loss = (error @ error) / n  # the mean of the squared errors
        # delta is dloss/dlayer: 2 (prediction - y) / n for a mean over the n rows, times the
        # sigmoid's slope p (1 - p). Each layer's weight gradient sums its rows' contributions.
        delta = _sigmoid_slope(prediction, out=self._buffer(("delta", len(self.weights) - 1), prediction.shape))
        delta *= error[:, np.newaxis]
        delta *= 2 / n
        ones = self._buffer("ones", (n,))
        ones.fill(1.0)
        weight_grads, bias_grads = [None] * len(self.weights), [None] * len(self.biases)
        for i in reversed(range(len(self.weights))):
            weight_grads[i] = activations[i].T @ delta
            bias_grads[i] = ones @ delta  # the column sums of delta, as one matrix product
            if i > 0:
                below = activations[i]
                next_delta = self._buffer(("delta", i - 1), below.shape)
                if delta.shape[1] == 1:  # one neuron above: delta @ weights.T is an outer product,
                    np.multiply(delta, self.weights[i].T, out=next_delta)  # cheaper by broadcasting
                else:
                    np.matmul(delta, self.weights[i].T, out=next_delta)
                if self.hidden_activation == "sigmoid":
                    next_delta *= _sigmoid_slope(below, out=self._buffer("slope", below.shape))
                else:
                    next_delta *= below > 0  # relu's slope: 1 where the neuron is on, else 0
                delta = next_delta
        return loss, weight_grads, bias_grads

    def gradients(self, X, y):
        """Gradients of the MSE loss. X: (n, n_in); y: (n,).

        Returns (weight_grads, bias_grads): lists shaped like `weights` and `biases`.
        """
        _, weight_grads, bias_grads = self._backprop(*self._check_data(X, y))
        return weight_grads, bias_grads

    def loss(self, X, y):
        """The mean squared error of the predictions for X (n, n_in) against y (n,)."""
        X, y = self._check_data(X, y)
        return float(np.mean(np.square(self._forward(X)[-1][:, 0] - y)))

    def train(self, X, y, iterations, batch_size=None, record_every=1):
        """Gradient descent: `iterations` steps, each on the whole data or a random batch.

        X: (n, n_in); y: (n,). batch_size: None for full-batch steps, or the number of rows
        drawn at random (with replacement) for each step; 1 is stochastic gradient descent.
        Returns the loss on all of X before every `record_every`-th step: (iterations // record_every,).
        Raises FloatingPointError if the weights or the loss stop being finite numbers.
        """
        X, y = self._check_data(X, y)
        history = []
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported below
            for iteration in range(iterations):
                if batch_size is None:
                    batch_X, batch_y = X, y
                else:
                    rows = self.rng.integers(0, len(X), size=batch_size)
                    batch_X, batch_y = X[rows], y[rows]
                loss, weight_grads, bias_grads = self._backprop(batch_X, batch_y)
                if iteration % record_every == 0:
                    history.append(loss if batch_size is None else self.loss(X, y))
                for weights, bias, weight_grad, bias_grad in zip(
                    self.weights, self.biases, weight_grads, bias_grads
                ):
                    weights -= self.learning_rate * weight_grad
                    bias -= self.learning_rate * bias_grad
                if not (np.isfinite(loss) and all(np.isfinite(w).all() for w in self.weights)):
                    raise FloatingPointError(
                        f"training diverged at iteration {iteration}: the error or the weights are no "
                        f"longer finite numbers (NaN or infinity). Try a smaller learning_rate than "
                        f"{self.learning_rate}, or rescale the inputs to values of order 1."
                    )
        return np.array(history)

    def save(self, path):
        """Save the network to `path` as an .npz file (arrays only, no pickle).

        It is written to a temporary file beside `path`, then renamed over it.
        """
        path = pathlib.Path(path)
        arrays = {
            "layer_sizes": np.array(self.layer_sizes, dtype=np.int64),
            "learning_rate": np.array(self.learning_rate),
            "hidden_activation": np.array(self.hidden_activation),
        }
        for i, (weights, bias) in enumerate(zip(self.weights, self.biases)):
            arrays[f"weights_{i}"], arrays[f"biases_{i}"] = weights, bias
        # Write beside the target, then rename over it: a crash mid-write never leaves half a file.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                np.savez(file, **arrays)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, path)
        except BaseException:
            pathlib.Path(temporary).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path):
        """A network saved by save(). Checks every array's shape, dtype and finiteness.

        Raises ValueError, naming the file and what is wrong, for a truncated, corrupted or
        mismatched file.
        """
        try:
            with open(path, "rb") as raw, np.load(raw, allow_pickle=False) as file:
                arrays = {name: file[name] for name in file.files}
        except (OSError, ValueError, EOFError, zipfile.BadZipFile) as error:
            raise ValueError(f"{path}: not a readable network file ({error})") from None
        for name in ("layer_sizes", "learning_rate", "hidden_activation"):
            if name not in arrays:
                raise ValueError(f"{path}: not a network file, it has no {name!r}")
        layer_sizes = arrays["layer_sizes"]
        if layer_sizes.ndim != 1 or layer_sizes.dtype.kind != "i":
            raise ValueError(f"{path}: layer_sizes must be a list of integers, not {layer_sizes!r}")
        try:
            network = cls([int(n) for n in layer_sizes], float(arrays["learning_rate"]),
                          hidden_activation=str(arrays["hidden_activation"]))
        except (TypeError, ValueError) as error:
            raise ValueError(f"{path}: {error}") from None
        sizes = [int(n) for n in layer_sizes]
        for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
            for name, shape, target in [(f"weights_{i}", (n_in, n_out), network.weights),
                                        (f"biases_{i}", (n_out,), network.biases)]:
                array = arrays.get(name)
                if array is None:
                    raise ValueError(f"{path}: {name} is missing")
                if array.shape != shape or array.dtype != np.float64:
                    raise ValueError(f"{path}: {name} must be float64 of shape {shape}, "
                                     f"not {array.dtype} of shape {array.shape}")
                if not np.all(np.isfinite(array)):
                    raise ValueError(f"{path}: {name} holds NaN or infinity")
                target[i] = array.copy()
        extra = set(arrays) - {"layer_sizes", "learning_rate", "hidden_activation"} - {
            f"{kind}_{i}" for kind in ("weights", "biases") for i in range(len(layer_sizes) - 1)}
        if extra:
            raise ValueError(f"{path}: unexpected arrays {sorted(extra)} for layer_sizes {layer_sizes.tolist()}")
        return network


def _sigmoid_in_place(layer):
    """Overwrite `layer` with sigmoid(layer), without temporary arrays."""
    # 1 / (1 + exp(-z)) equals (1 + tanh(z / 2)) / 2, which never overflows and computes in place.
    layer *= 0.5
    np.tanh(layer, out=layer)
    layer += 1.0
    layer *= 0.5
    return layer


def _sigmoid_slope(activation, out):
    """The sigmoid's slope from its output a: a * (1 - a), written into `out`."""
    np.subtract(1.0, activation, out=out)
    out *= activation
    return out


def eight_point_data():
    """Eight labelled points that one neuron cannot separate.

    Returns (input_vectors, targets): shapes (8, 2) and (8,).
    """
    input_vectors = np.array(
        [[3, 1.5], [2, 1], [4, 1.5], [3, 4], [3.5, 0.5], [2, 0.5], [5.5, 1], [1, 1]]
    )
    targets = np.array([0, 1, 0, 1, 0, 1, 1, 0])
    return input_vectors, targets


def xor_data():
    """The four corners of the unit square, labelled 1 where exactly one input is 1.

    Returns (input_vectors, targets): shapes (4, 2) and (4,).
    """
    input_vectors = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    targets = np.array([0, 1, 1, 0])
    return input_vectors, targets


def load_csv(path):
    """Read a labelled data set: a header row, then one row per example, the label last.

    Every cell but the label must be a finite number; the label must be 0 or 1.
    Returns (input_vectors, targets, feature_names): shapes (n, n_features), (n,), a list.
    Raises ValueError naming the file, the line and the column of the first bad cell.
    """
    with open(path, newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    if not rows:
        raise ValueError(f"{path}: the file is empty; expected a header row, then data rows")
    header, data = rows[0], rows[1:]
    if len(header) < 2:
        raise ValueError(f"{path}, line 1: expected a header of feature names and a label name")
    if not data:
        raise ValueError(f"{path}: no data rows after the header")
    values = np.empty((len(data), len(header)))
    for row_index, row in enumerate(data):
        line = row_index + 2  # the header is line 1
        if len(row) != len(header):
            raise ValueError(f"{path}, line {line}: expected {len(header)} columns, found {len(row)}")
        for column, (name, cell) in enumerate(zip(header, row), start=1):
            where = f"{path}, line {line}, column {column} ({name!r})"
            if not cell.strip():
                raise ValueError(f"{where}: missing value")
            try:
                value = float(cell)
            except ValueError:
                raise ValueError(f"{where}: {cell!r} is not a number") from None
            if not np.isfinite(value):
                raise ValueError(f"{where}: {cell!r} is not a finite number")
            if column == len(header) and value not in (0.0, 1.0):
                raise ValueError(f"{where}: the label must be 0 or 1, not {cell!r}")
            values[row_index, column - 1] = value
    return values[:, :-1], values[:, -1].astype(int), header[:-1]


def two_point_data():
    """The two labelled examples the course starts from.

    Returns (input_vectors, targets): shapes (2, 2) and (2,). Fresh copies on each call.
    """
    input_vectors = np.array([[1.66, 1.56], [2.0, 1.5]])
    targets = np.array([1, 0])
    return input_vectors, targets
