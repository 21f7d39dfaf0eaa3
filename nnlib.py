"""nnlib: the maths of a small neural network, written out with NumPy.

Every function here is one step that the course's notebooks derive by hand: the weighted
sum, the sigmoid, a prediction, a class. The names match the symbols in the notebooks
(`input_vector`, `weights`, `bias`, `layer_1`, `prediction`), so a line of maths can be
found in the code and a line of code in the maths.

It is simple and readable, not optimised beyond what NumPy gives for free. Bad input
(wrong shapes, NaN, text, ragged lists, a count that is not a whole number, a file that is
not what it should be) raises a ValueError or TypeError that names the argument and what was
expected. NumPy numbers and arrays are accepted wherever Python numbers and lists are.
"""

import contextlib
import csv
import lzma
import math
import operator
import os
import pathlib
import reprlib
import secrets
import zipfile
import zlib

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

# nnlib is for networks small enough to read about, and refuses to build (or load) bigger
# ones: 10 million weights and biases take 80 MB, and a few hundred bytes of a file could
# otherwise ask for terabytes.
MAX_PARAMETERS = 10_000_000
# load_csv reads at most 20 MB, 160 times the course's data set.
MAX_CSV_BYTES = 20 * 2**20


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


def _short(value):
    """A repr of `value` short enough for an error message."""
    return reprlib.repr(value)


def _as_count(value, name, minimum):
    """A whole number (a Python or NumPy integer, not a bool) of at least `minimum`, as an int."""
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a whole number, not {value!r}")
    try:
        count = operator.index(value)
    except TypeError:
        whole_float = isinstance(value, float) and value.is_integer() and abs(value) < 1e15
        hint = f" (write {int(value):_} rather than {value!r})" if whole_float else ""
        raise TypeError(f"{name} must be a whole number, not {_short(value)}{hint}") from None
    if count < minimum:
        raise ValueError(f"{name} must be at least {minimum}, not {count}")
    return count


def _as_path(path):
    """A file path given as text or a path object (never a file descriptor number)."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file name (text or a pathlib.Path), not {_short(path)}")
    path = pathlib.Path(path)  # "" becomes "."
    if str(path) == "." or "\0" in str(path):
        raise ValueError(f"path must name a file, not {_short(str(path))}")
    return path


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
    layer_1 = _weighted_sum(input_vector, weights, bias)
    layer_2 = _sigmoid(layer_1)
    return layer_2


def _weighted_sum(input_vector, weights, bias):
    """np.dot(input_vector, weights) + bias, for inputs that _check_neuron_inputs accepted."""
    # A weighted sum beyond the largest float (about 1.8e308) becomes +inf or -inf, whose
    # sigmoid is exactly 1 or 0: the right answer. Only +inf plus -inf has none.
    with np.errstate(over="ignore", invalid="ignore"):
        layer_1 = np.dot(input_vector, weights) + bias
    if np.any(np.isnan(layer_1)):
        raise ValueError("input_vector and weights hold numbers so large that their weighted sum "
                         "is not a number (it overflows both ways); rescale them")
    return layer_1


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
    if prediction.size == 0:
        raise ValueError("prediction must hold at least one number: the mean of no errors is undefined")
    if target.ndim == 1 and target.shape != prediction.shape:
        raise ValueError(
            f"target must have shape {prediction.shape} like prediction, but it has shape {target.shape}"
        )
    with np.errstate(over="ignore"):
        error = float(np.mean(np.square(prediction - target)))
    if not np.isfinite(error):
        raise ValueError("prediction and target are so far apart that their squared error "
                         "overflows (beyond about 1.8e308)")
    return error


def gradients(input_vector, weights, bias, target):
    """The gradient of the mean squared error of one neuron, by the chain rule.

    input_vector: (n_features,) or (n_samples, n_features); weights: (n_features,);
    bias: () or (1,); target: a number, or (n_samples,) for a batch.
    Returns (derror_dweights, derror_dbias): shapes (n_features,) and the shape of bias.
    """
    input_vector, weights, bias = _check_neuron_inputs(input_vector, weights, bias)
    input_vectors = np.atleast_2d(input_vector)
    if len(input_vectors) == 0:
        raise ValueError("input_vector must hold at least one example: the mean of no errors is undefined")
    target = _as_float_array(target, "target", ndims=(0, 1), expected="() or (n_samples,)")
    if target.ndim == 1 and target.shape != (len(input_vectors),):
        raise ValueError(
            f"target must have shape ({len(input_vectors)},), one per row of input_vector, "
            f"but it has shape {target.shape}"
        )
    layer_1 = _weighted_sum(input_vectors, weights, bias)
    prediction = _sigmoid(layer_1)
    with np.errstate(over="ignore", invalid="ignore"):  # checked below
        derror_dprediction = 2 * (prediction - target)
        dprediction_dlayer1 = prediction * (1 - prediction)  # sigmoid_derivative(layer_1)
        derror_dlayer1 = derror_dprediction * dprediction_dlayer1
        # dlayer1_dweights is the input vector and dlayer1_dbias is 1. The error is a mean over
        # the rows, so each row's contribution is averaged: a single example gives it unchanged.
        derror_dweights = input_vectors.T @ derror_dlayer1 / len(input_vectors)
        derror_dbias = np.full(bias.shape, np.mean(derror_dlayer1))
    if not (np.all(np.isfinite(derror_dweights)) and np.all(np.isfinite(derror_dbias))):
        raise ValueError("input_vector and target hold numbers so large that the gradient "
                         "overflows (beyond about 1.8e308); rescale them")
    return derror_dweights, derror_dbias


class NeuralNetwork:
    """A fully connected network with a sigmoid output, trained by gradient descent on the MSE.

    layer_sizes: e.g. [2, 1] (one neuron) or [2, 4, 1] (a hidden layer of 4); the last is 1.
    learning_rate: the step size. seed: seeds the initial weights and the stochastic batches.
    hidden_activation: "sigmoid" or "relu", for every layer but the last (always sigmoid).
    After training, `weights[i]` has shape (n_in, n_out) and `biases[i]` shape (n_out,).
    """

    def __init__(self, layer_sizes, learning_rate=0.1, seed=0, hidden_activation="sigmoid"):
        self.layer_sizes = _check_layer_sizes(layer_sizes)
        if not isinstance(hidden_activation, str) or hidden_activation not in ("sigmoid", "relu"):
            raise ValueError(f"hidden_activation must be 'sigmoid' or 'relu', not {_short(hidden_activation)}")
        learning_rate = _as_float_array(learning_rate, "learning_rate", ndims=(0,), expected="() (one number)")
        if not learning_rate > 0:
            raise ValueError(f"learning_rate must be a positive number, not {float(learning_rate):g}")
        self.learning_rate = float(learning_rate)
        self.hidden_activation = hidden_activation
        self.rng = np.random.default_rng(None if seed is None else _as_count(seed, "seed", minimum=0))
        # Random weights scaled by 1/sqrt(n_in) keep each weighted sum of order 1 at the start.
        self.weights = [
            self.rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(n_in, n_out))
            for n_in, n_out in zip(self.layer_sizes[:-1], self.layer_sizes[1:])
        ]
        self.biases = [np.zeros(n_out) for n_out in self.layer_sizes[1:]]
        self._buffers = {}

    def _check_inputs(self, X):
        n_in = self.layer_sizes[0]
        X = _as_float_array(X, "X", ndims=(2,), expected=f"(n_samples, {n_in})")
        if X.shape[1] != n_in:
            raise ValueError(f"X must have shape (n_samples, {n_in}), but it has shape {X.shape}")
        return X

    def _check_data(self, X, y):
        X = self._check_inputs(X)
        if len(X) == 0:
            raise ValueError("X must hold at least one example: the mean of no errors is undefined")
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
        X = self._check_inputs(X)
        with np.errstate(over="ignore", invalid="ignore"):  # checked below
            prediction = self._forward(X)[-1][:, 0].copy()
        return _finite(prediction, "X")

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
        with np.errstate(over="ignore", invalid="ignore"):  # checked below
            _, weight_grads, bias_grads = self._backprop(*self._check_data(X, y))
        for grad in weight_grads + bias_grads:
            _finite(grad, "X and y")
        return weight_grads, bias_grads

    def loss(self, X, y):
        """The mean squared error of the predictions for X (n, n_in) against y (n,)."""
        X, y = self._check_data(X, y)
        with np.errstate(over="ignore", invalid="ignore"):  # checked below
            return _finite(self._loss(X, y), "X and y")

    def _loss(self, X, y):
        return float(np.mean(np.square(self._forward(X)[-1][:, 0] - y)))

    def train(self, X, y, iterations, batch_size=None, record_every=1):
        """Gradient descent: `iterations` steps, each on the whole data or a random batch.

        X: (n, n_in); y: (n,). batch_size: None for full-batch steps, or the number of rows
        (1 to n) drawn at random, with replacement, for each step; 1 is stochastic gradient descent.
        Returns the loss on all of X before every `record_every`-th step: (ceil(iterations / record_every),).
        Raises ValueError if a step would make the loss or a weight stop being a finite number;
        the network then keeps the weights it had before that step.
        """
        X, y = self._check_data(X, y)
        iterations = _as_count(iterations, "iterations", minimum=0)
        record_every = _as_count(record_every, "record_every", minimum=1)
        if batch_size is not None and _as_count(batch_size, "batch_size", minimum=1) > len(X):
            raise ValueError(f"batch_size must be at most the {len(X)} rows of X (or None for "
                             f"full-batch steps), not {batch_size}")
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
                    history.append(loss if batch_size is None else self._loss(X, y))
                weights = [w - self.learning_rate * grad for w, grad in zip(self.weights, weight_grads)]
                biases = [b - self.learning_rate * grad for b, grad in zip(self.biases, bias_grads)]
                if not (np.isfinite(loss) and all(np.isfinite(a).all() for a in weights + biases)):
                    raise ValueError(
                        f"training diverged at iteration {iteration}: the error or the weights would no "
                        f"longer be finite numbers (NaN or infinity). Try a smaller learning_rate than "
                        f"{self.learning_rate:g}, or rescale the inputs to values of order 1."
                    )
                self.weights, self.biases = weights, biases
        return np.array(history)

    def save(self, path):
        """Save the network to `path` as an .npz file (arrays only, no pickle).

        It is written to a temporary file beside `path`, then renamed over it; the file gets
        the permissions the user's umask gives a new file. An existing file at `path` is
        replaced only if it is a network file.
        """
        path = _as_path(path)
        if path.is_dir():
            raise ValueError(f"path must name a file, but {path} is a folder")
        if path.exists() and not _is_network_file(path):
            raise ValueError(f"{path} exists and is not a network file; save() replaces only a "
                             "network file: choose another name")
        arrays = {
            "layer_sizes": np.array(self.layer_sizes, dtype=np.int64),
            "learning_rate": np.array(self.learning_rate),
            "hidden_activation": np.array(self.hidden_activation),
        }
        for i, (weights, bias) in enumerate(zip(self.weights, self.biases)):
            arrays[f"weights_{i}"], arrays[f"biases_{i}"] = weights, bias
        # Write beside the target, then rename over it: a crash mid-write never leaves half a file.
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
        try:
            # A new file of mode 0o666 less the umask, as open(path, "w") would make.
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except OSError as error:
            raise _cannot_save(path, error) from None
        try:
            with os.fdopen(descriptor, "wb") as file:
                np.savez(file, **arrays)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, path)
        except BaseException as error:
            with contextlib.suppress(OSError):
                temporary.unlink()
            if isinstance(error, OSError):
                raise _cannot_save(path, error) from None
            raise

    @classmethod
    def load(cls, path):
        """A network saved by save(). Checks every array's shape, dtype and finiteness.

        Raises ValueError, naming the file and what is wrong, for a truncated, corrupted or
        mismatched file, or one that is not a network file at all. Each array's size is
        checked against layer_sizes before any of it is read.
        """
        path = _as_path(path)
        try:
            if not path.is_file():
                raise OSError("no such file" if not path.exists() else "not a file")
            with zipfile.ZipFile(path) as archive:
                return cls._from_archive(archive, path)
        except (OSError, EOFError, RuntimeError, NotImplementedError, zipfile.BadZipFile, zlib.error,
                lzma.LZMAError) as error:  # what zipfile raises for a damaged, encrypted or exotic archive
            raise ValueError(f"{path}: not a readable network file ({error})") from None

    @classmethod
    def _from_archive(cls, archive, path):
        names = {name.removesuffix(".npy") for name in archive.namelist()}
        for name in ("layer_sizes", "learning_rate", "hidden_activation"):
            if name not in names:
                raise ValueError(f"{path}: not a network file, it has no {name!r}")
        layer_sizes = _read_npz_array(archive, "layer_sizes", path, max_bytes=8 * MAX_PARAMETERS)
        if layer_sizes.ndim != 1 or layer_sizes.dtype.kind != "i":
            raise ValueError(f"{path}: layer_sizes must be a list of integers, not {_short(layer_sizes)}")
        settings = [_read_npz_array(archive, name, path, max_bytes=400)
                    for name in ("learning_rate", "hidden_activation")]
        try:
            network = cls(layer_sizes.tolist(), settings[0], hidden_activation=str(settings[1]))
        except (TypeError, ValueError) as error:
            raise ValueError(f"{path}: {error}") from None
        expected = {f"{kind}_{i}" for kind in ("weights", "biases") for i in range(len(network.weights))}
        extra = names - {"layer_sizes", "learning_rate", "hidden_activation"} - expected
        if extra:
            raise ValueError(f"{path}: unexpected arrays {sorted(extra)} for layer_sizes {network.layer_sizes}")
        for i in range(len(network.weights)):
            for name, parameters in [(f"weights_{i}", network.weights), (f"biases_{i}", network.biases)]:
                if name not in names:
                    raise ValueError(f"{path}: {name} is missing")
                array = _read_npz_array(archive, name, path, expected=(parameters[i].shape, np.dtype(np.float64)))
                if not np.all(np.isfinite(array)):
                    raise ValueError(f"{path}: {name} holds NaN or infinity")
                parameters[i] = array
        return network


def _check_layer_sizes(layer_sizes):
    """layer_sizes as a list of ints, or a clear error: at least 2 whole numbers >= 1, ending in 1."""
    expected = "a list of at least 2 positive integers ending in 1, such as [2, 1] or [2, 4, 1]"
    if not isinstance(layer_sizes, (list, tuple, np.ndarray)):
        raise TypeError(f"layer_sizes must be {expected}, not {_short(layer_sizes)}")
    if isinstance(layer_sizes, np.ndarray) and layer_sizes.ndim != 1:
        raise ValueError(f"layer_sizes must be {expected}, not {_short(layer_sizes)}")
    whole = [isinstance(n, (int, np.integer)) and not isinstance(n, (bool, np.bool_)) for n in layer_sizes]
    if len(layer_sizes) < 2 or not all(whole) or min(layer_sizes) < 1 or layer_sizes[-1] != 1:
        raise ValueError(f"layer_sizes must be {expected}, not {_short(layer_sizes)}")
    sizes = [int(n) for n in layer_sizes]
    n_parameters = sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
    if n_parameters > MAX_PARAMETERS:
        raise ValueError(f"layer_sizes {_short(sizes)} make {n_parameters:,} weights and biases; nnlib "
                         f"builds networks of at most {MAX_PARAMETERS:,}")
    return sizes


def _cannot_save(path, error):
    """The OSError `error` (of the same kind), naming the target rather than the temporary file."""
    return OSError(error.errno, f"cannot save the network to {path}: {error.strerror or error}")


def _is_network_file(path):
    try:
        NeuralNetwork.load(path)
    except ValueError:
        return False
    return True


def _read_npz_array(archive, name, path, expected=None, max_bytes=0):
    """The array `name` of an .npz archive, its .npy header read and checked before its data.

    expected: the (shape, dtype) it must have; without it, any array of at most max_bytes.
    So a small file can never make this read (or allocate) more than it expects.
    """
    with archive.open(name + ".npy") as file:
        try:
            version = np.lib.format.read_magic(file)
            read_header = {(1, 0): np.lib.format.read_array_header_1_0,
                           (2, 0): np.lib.format.read_array_header_2_0}.get(version)
            if read_header is None:
                raise ValueError(f"an .npy format this version cannot read ({version})")
            shape, fortran_order, dtype = read_header(file)
        except ValueError as error:
            raise ValueError(f"{path}: not a readable network file ({name}: {error})") from None
        if dtype.hasobject:
            raise ValueError(f"{path}: not a readable network file ({name} holds Python objects, "
                             "which only pickle could read)")
        if expected is not None and (shape, dtype) != expected:
            raise ValueError(f"{path}: {name} must be {expected[1]} of shape {expected[0]}, "
                             f"not {dtype} of shape {shape}")
        if dtype.kind not in "biufU" or dtype.itemsize == 0 or min(shape, default=0) < 0:
            raise ValueError(f"{path}: not a network file ({name} is {dtype} of shape {_short(shape)})")
        n_bytes = math.prod(shape) * dtype.itemsize
        if expected is None and n_bytes > max_bytes:
            raise ValueError(f"{path}: {name} declares {n_bytes:,} bytes, more than a network file holds")
        data = file.read(n_bytes)
        if len(data) != n_bytes or file.read(1):
            raise ValueError(f"{path}: not a readable network file ({name} is cut short or too long)")
    return np.frombuffer(data, dtype).reshape(shape, order="F" if fortran_order else "C").copy()


def _finite(array, names):
    """`array`, if it holds only finite numbers; else a ValueError that blames `names`."""
    if not np.all(np.isfinite(array)):
        raise ValueError(f"the result is not a finite number: {names} and this network's weights hold "
                         "numbers too large to compute with (a sum or product beyond about 1.8e308). "
                         "Rescale the data, or train again with a smaller learning_rate.")
    return array


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

    Every cell but the label must be a finite number; the label must be 0 or 1. The file is
    UTF-8 text (a byte-order mark and blank lines at the end, as spreadsheets write, are fine)
    of at most MAX_CSV_BYTES (20 MB).
    Returns (input_vectors, targets, feature_names): shapes (n, n_features), (n,), a list.
    Raises ValueError naming the file, and the line and column of the first bad cell.
    """
    path = _as_path(path)
    if path.exists() and not path.is_file():
        raise ValueError(f"{path}: not a CSV file (a folder or a device)")
    size = path.stat().st_size  # FileNotFoundError, naming the file, if there is none
    if size > MAX_CSV_BYTES:
        raise ValueError(f"{path}: {size:,} bytes, more than the {MAX_CSV_BYTES:,} load_csv reads")
    rows = _csv_rows(path)
    while rows and not any(cell.strip() for cell in rows[-1][1]):
        rows.pop()  # blank lines at the end
    if not rows:
        raise ValueError(f"{path}: the file is empty; expected a header row, then data rows")
    (_, header), data = rows[0], rows[1:]
    if len(header) < 2:
        raise ValueError(f"{path}, line 1: expected a header of feature names and a label name")
    if not data:
        raise ValueError(f"{path}: no data rows after the header")
    values = np.empty((len(data), len(header)))
    for row_index, (line, row) in enumerate(data):
        if not any(cell.strip() for cell in row):
            raise ValueError(f"{path}, line {line}: a blank line between data rows")
        if len(row) != len(header):
            raise ValueError(f"{path}, line {line}: expected {len(header)} columns, found {len(row)}")
        for column, (name, cell) in enumerate(zip(header, row), start=1):
            where = f"{path}, line {line}, column {column} ({name!r})"
            if not cell.strip():
                raise ValueError(f"{where}: missing value")
            try:
                value = float(cell)
            except ValueError:
                raise ValueError(f"{where}: {_short(cell)} is not a number") from None
            if not np.isfinite(value):
                raise ValueError(f"{where}: {cell!r} is not a finite number")
            if column == len(header) and value not in (0.0, 1.0):
                raise ValueError(f"{where}: the label must be 0 or 1, not {_short(cell)}")
            values[row_index, column - 1] = value
    return values[:, :-1], values[:, -1].astype(int), header[:-1]


def _csv_rows(path):
    """Every row of a CSV file as (line number, cells), or a ValueError naming file and line."""
    with open(path, newline="", encoding="utf-8-sig") as file:
        reader = csv.reader(file)
        rows = []
        try:
            while True:
                line = reader.line_num + 1  # where the next row starts (a quoted cell may span lines)
                try:
                    rows.append((line, next(reader)))
                except StopIteration:
                    break
        except csv.Error as error:
            raise ValueError(f"{path}, line {line}: not readable as CSV ({error})") from None
        except UnicodeDecodeError:
            data = path.read_bytes()
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as error:
                line = data.count(b"\n", 0, error.start) + 1
                raise ValueError(f"{path}, line {line}: not UTF-8 text (byte {data[error.start]:#04x}); "
                                 "save the file as CSV UTF-8") from None
            raise
    return rows


def two_point_data():
    """The two labelled examples the course starts from.

    Returns (input_vectors, targets): shapes (2, 2) and (2,). Fresh copies on each call.
    """
    input_vectors = np.array([[1.66, 1.56], [2.0, 1.5]])
    targets = np.array([1, 0])
    return input_vectors, targets
