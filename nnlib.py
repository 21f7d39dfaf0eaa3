"""nnlib: the course's neural network in NumPy, written to be read, not optimised beyond what NumPy
gives for free. Each function is a step a notebook derives, in their order and names (maths, code, notebook):
    x, X (one example a row); w, b; z = x·w + b              input_vector(s); weights, bias; layer_1                        01 §1–5
    σ(z) = 1 / (1 + e^(−z)); max(0, x); class 1 if ŷ ≥ 0.5   sigmoid(z); relu(x); classify(prediction)                      02 §1, §4, §5
    ŷ = σ(z); y; E = mean of (ŷ − y)²                        prediction (layer_2), make_prediction; target(s); mse          03 §1, 04 §1
    ∂E/∂ŷ = 2(ŷ − y); σ'(z) = ŷ(1 − ŷ); ∂E/∂z; ∂E/∂w, ∂E/∂b  derror_dprediction; sigmoid_derivative; derror_dlayer; ...     04 §1, §3
    η; w ← w − η ∂E/∂w                                       learning_rate; w - learning_rate * d                           04 §5
    E a mean over n rows: sum of each row's ∂E/∂w, / n       X.T @ derror_dlayer / n; 2 / n * (ŷ − y)                       05 §2
    the fraction of classes right                            accuracy(predictions, targets)                                 05 §3
    W1, b1, h = σ(X W1 + b1); w2, b2, ŷ = σ(h w2 + b2)       weights[0], biases[0], outputs[1]; weights[1] (a column), ...  06 §2
    ∂E/∂h = ∂E/∂z2 w2ᵀ; ∂E/∂z1 = ∂E/∂h · h(1 − h)            derror_doutputs; derror_dlayer, one layer down                 06 §3
Bad input raises a ValueError or TypeError naming the argument. Under np.errstate, _finite checks overflow.
"""

import contextlib
import json
import os
import pathlib
import reprlib
import secrets

import numpy as np

MAX_PARAMETERS = 10_000_000  # the most weights and biases a network may have: 80 MB


def sigmoid(x):
    """σ(x) = 1 / (1 + e^(−x)), element by element (02 §1). x: any shape, ±inf allowed; same shape out."""
    return _sigmoid(_as_float_array(x, "x", "(any shape)", allow_infinity=True))


def _sigmoid(x):
    # 1 / (1 + e^(−x)), written as e^x / (1 + e^x) for negative x (02 §2), so that e is never raised to
    # a positive power and cannot overflow: e^(−|x|) is e^x when x < 0 and e^(−x) when x ≥ 0.
    e_to_minus_abs_x = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, e_to_minus_abs_x) / (1.0 + e_to_minus_abs_x)


def sigmoid_derivative(x):
    """The sigmoid's slope σ(x)(1 − σ(x)) (04 §3). x: any shape; same shape out."""
    return sigmoid(x) * (1 - sigmoid(x))


def relu(x):
    """ReLU, max(0, x), element by element (02 §5). x: any shape; same shape out."""
    return np.maximum(0.0, _as_float_array(x, "x", "(any shape)"))


def classify(prediction, threshold=0.5):
    """Class 1 where prediction ≥ threshold, else 0 (02 §4). prediction: any shape, in [0, 1]; ints out."""
    prediction = _as_float_array(prediction, "prediction", "(any shape)", between_0_and_1=True)
    threshold = _as_float_array(threshold, "threshold", "() (one number)", ndims=(0,), between_0_and_1=True)
    return (prediction >= threshold).astype(int)


@np.errstate(over="ignore", invalid="ignore")
def make_prediction(input_vector, weights, bias):
    """One neuron: the weighted sum, then the sigmoid (03 §1, §4). input_vector: (n_features,) or
    (n, n_features); weights: (n_features,); bias: () or (1,). Returns bias's shape, or (n,)."""
    input_vector, weights, bias = _check_neuron(input_vector, weights, bias)
    layer_1 = _finite(np.dot(input_vector, weights) + bias, "input_vector and weights", allow_infinity=True)
    return sigmoid(layer_1)  # layer_2, the prediction


def mse(prediction, target):
    """The mean of (prediction − target)² (04 §1, 05 §2). prediction: (n,) in [0, 1]; target: (n,) or one number."""
    prediction = _as_float_array(prediction, "prediction", "(n,)", ndims=(0, 1), between_0_and_1=True)
    return _mse(prediction, _targets(target, prediction.size, "target", one_number=True))


def _mse(prediction, target):
    return float(np.square(prediction - target).mean())


@np.errstate(over="ignore", invalid="ignore")
def gradients(input_vector, weights, bias, target):
    """∂E/∂w and ∂E/∂b of one neuron's mean squared error (04 §3, 05 §2): the arguments of
    make_prediction, and target (one number, or (n,)). Returns arrays shaped like weights and bias."""
    input_vectors = np.atleast_2d(_check_neuron(input_vector, weights, bias)[0])
    targets = _targets(target, len(input_vectors), "target", one_number=True)
    prediction = make_prediction(input_vectors, weights, bias)
    derror_dprediction = 2 * (prediction - targets)
    dprediction_dlayer1 = prediction * (1 - prediction)
    derror_dlayer1 = derror_dprediction * dprediction_dlayer1
    derror_dweights = input_vectors.T @ derror_dlayer1 / len(input_vectors)
    derror_dbias = np.full(np.shape(bias), np.mean(derror_dlayer1))
    return _finite(derror_dweights, "input_vector"), derror_dbias


def accuracy(predictions, targets):
    """The fraction of predictions whose class is right (05 §3). predictions, targets: (n,). A float."""
    predictions = _as_float_array(predictions, "predictions", "(n,)", ndims=(1,), between_0_and_1=True)
    return float(np.mean(classify(predictions) == _targets(targets, predictions.size)))


class NeuralNetwork:
    """Layers of sigmoid neurons trained by gradient descent on the mean squared error (05, 06).
    layer_sizes: [2, 1] is one neuron on 2 inputs, [2, 4, 1] adds a hidden layer of 4. weights[i]:
    (n_in, n_out); biases[i]: (n_out,). seed fixes the starting weights and the stochastic draws."""

    def __init__(self, layer_sizes, learning_rate=0.1, seed=0):
        self.layer_sizes = _check_layer_sizes(layer_sizes)
        self.learning_rate = float(_as_float_array(learning_rate, "learning_rate", "() (one number)", ndims=(0,)))
        if not self.learning_rate > 0:
            raise ValueError(f"learning_rate must be a positive number, not {self.learning_rate:g}")
        self.rng = np.random.default_rng(_as_count(seed, "seed", minimum=0))
        sizes = list(zip(self.layer_sizes[:-1], self.layer_sizes[1:]))
        # Random weights scaled by 1/sqrt(n_in) keep each weighted sum of order 1 at the start.
        self.weights = [self.rng.normal(0.0, 1 / np.sqrt(n_in), size=(n_in, n_out)) for n_in, n_out in sizes]
        self.biases = [np.zeros(n_out) for _, n_out in sizes]

    def forward(self, input_vectors):
        """Every layer's outputs (06 §2): input_vectors (n, n_in), then σ(outputs @ W + b), (n, n_out)."""
        outputs = [input_vectors]
        for weights, bias in zip(self.weights, self.biases):
            outputs.append(_sigmoid(outputs[-1] @ weights + bias))
        return outputs

    def backward(self, outputs, targets):
        """∂E/∂W and ∂E/∂b of every layer, from forward's outputs and (n,) targets (06 §3)."""
        prediction = outputs[-1]  # a column, (n, 1), so the targets are made one too
        # E is a mean over n rows: each row's ∂E/∂ŷ is 2(ŷ − y) / n, and each gradient sums the rows (05 §2)
        derror_dprediction = 2 / len(targets) * (prediction - targets[:, np.newaxis])
        derror_dlayer = derror_dprediction * prediction * (1 - prediction)
        derror_dweights, derror_dbiases = [None] * len(self.weights), [None] * len(self.biases)
        for i in reversed(range(len(self.weights))):
            derror_dweights[i] = outputs[i].T @ derror_dlayer
            derror_dbiases[i] = derror_dlayer.sum(axis=0)
            if i > 0:  # push the error back through the weights, to the layer below
                derror_doutputs = derror_dlayer @ self.weights[i].T
                derror_dlayer = derror_doutputs * outputs[i] * (1 - outputs[i])
        return derror_dweights, derror_dbiases

    @np.errstate(over="ignore", invalid="ignore")
    def predict(self, input_vectors):
        """The probability that each target is 1. input_vectors: (n, n_in). Returns (n,)."""
        return _finite(self.forward(self._inputs(input_vectors))[-1][:, 0], "input_vectors")

    def error(self, input_vectors, targets):
        """The mean squared error of the predictions (05 §2). (n, n_in) and (n,); a float."""
        return mse(self.predict(input_vectors), _targets(targets, len(input_vectors)))

    @np.errstate(over="ignore", invalid="ignore")
    def gradients(self, input_vectors, targets):
        """∂E/∂W and ∂E/∂b of every layer (06 §3). (n, n_in) and (n,). Lists shaped like weights, biases."""
        outputs = self.forward(self._inputs(input_vectors))
        derror_dweights, derror_dbiases = self.backward(outputs, _targets(targets, len(outputs[0])))
        return [_finite(d, "input_vectors") for d in derror_dweights], derror_dbiases

    @np.errstate(over="ignore", invalid="ignore")
    def train(self, input_vectors, targets, iterations, batch_size=None):
        """`iterations` steps of gradient descent (05 §2, §4), each on every row, or on `batch_size`
        rows drawn at random (1: stochastic). (n, n_in), (n,). Returns the error before each step."""
        input_vectors = self._inputs(input_vectors)
        targets = _targets(targets, len(input_vectors))
        iterations = _as_count(iterations, "iterations", minimum=0)
        if batch_size is not None and _as_count(batch_size, "batch_size", minimum=1) > len(targets):
            raise ValueError(f"batch_size must be at most the {len(targets)} rows, or None, not {batch_size}")
        errors = []
        for _ in range(iterations):
            outputs = self.forward(input_vectors)
            errors.append(_mse(outputs[-1][:, 0], targets))
            rows = slice(None) if batch_size is None else self.rng.integers(0, len(targets), size=batch_size)
            if batch_size is not None:  # the step's own forward pass, on its random rows
                outputs = self.forward(input_vectors[rows])
            derror_dweights, derror_dbiases = self.backward(outputs, targets[rows])
            weights = [w - self.learning_rate * d for w, d in zip(self.weights, derror_dweights)]
            biases = [b - self.learning_rate * d for b, d in zip(self.biases, derror_dbiases)]
            if not all(np.isfinite(array).all() for array in weights + biases):
                raise ValueError("training diverged: a weight would stop being finite; try a learning_rate "
                                 f"below {self.learning_rate:g}")
            self.weights, self.biases = weights, biases
        return np.array(errors)

    def _inputs(self, input_vectors):
        expected = f"(n_samples, {self.layer_sizes[0]})"
        input_vectors = _as_float_array(input_vectors, "input_vectors", expected, ndims=(2,))
        if input_vectors.shape[1] != self.layer_sizes[0]:
            raise ValueError(f"input_vectors must have shape {expected}, not {input_vectors.shape}")
        return input_vectors

    def save(self, path):
        """Save to `path` as JSON text (open it in any editor); it replaces only a network file."""
        _save_network(self, _as_path(path))

    @classmethod
    def load(cls, path):
        """A network saved by `save`, its every number checked; a ValueError naming the file if not."""
        return _load_network(cls, _as_path(path))


def _as_float_array(value, name, expected, ndims=None, shape=None, allow_infinity=False, between_0_and_1=False):
    try:
        array = np.asarray(value)
    except ValueError:
        raise ValueError(f"{name} must have shape {expected}, but its rows differ in length "
                         "(or it has over 32 dimensions)") from None
    if array.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold only numbers, shape {expected}, not {reprlib.repr(value)}")
    if (ndims is not None and array.ndim not in ndims) or (shape is not None and array.shape != shape):
        raise ValueError(f"{name} must have shape {expected}, but it has shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} must hold at least one number, with shape {expected}")
    if between_0_and_1 and ((array < 0).any() or (array > 1).any()):
        raise ValueError(f"{name} must hold numbers between 0 and 1 (shape {expected})")
    return _finite(array.astype(float, copy=False), name, allow_infinity)


def _finite(array, names, allow_infinity=False):
    if np.isnan(array).any() if allow_infinity else not np.isfinite(array).all():
        raise ValueError(f"{names} must hold or give finite numbers, not NaN or infinity (beyond 1.8e308)")
    return array


def _targets(targets, n, name="targets", one_number=False):
    expected = f"({n},)" + (" or ()" if one_number else "")
    targets = _as_float_array(targets, name, expected, between_0_and_1=True)
    if targets.shape not in ([(n,), ()] if one_number else [(n,)]):
        raise ValueError(f"{name} must have shape {expected}, one per row, not {targets.shape}")
    return targets


def _check_neuron(input_vector, weights, bias):
    input_vector = _as_float_array(input_vector, "input_vector", "(n_features,) or (n_samples, n_features)", (1, 2))
    weights = _as_float_array(weights, "weights", "(n_features,)", ndims=(1,))
    bias = _as_float_array(bias, "bias", "() or (1,)", ndims=(0, 1))
    if weights.shape != input_vector.shape[-1:]:
        raise ValueError(f"weights must have shape ({input_vector.shape[-1]},), one per feature of input_vector "
                         f"{input_vector.shape}, but it has shape {weights.shape}")
    if bias.size != 1:
        raise ValueError(f"bias must have shape () or (1,), one number, but it has shape {bias.shape}")
    return input_vector, weights, bias


def _as_count(value, name, minimum):
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be a whole number such as 100 (not 100.0), not {reprlib.repr(value)}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, not {value}")
    return int(value)


def _check_layer_sizes(layer_sizes):
    expected = "a list of 2 to 100 positive integers ending in 1, such as [2, 1] or [2, 4, 1]"
    if not isinstance(layer_sizes, (list, tuple, np.ndarray)) or getattr(layer_sizes, "ndim", 1) != 1:
        raise TypeError(f"layer_sizes must be {expected}, not {reprlib.repr(layer_sizes)}")
    sizes = [_as_count(n, "each of layer_sizes", minimum=1) for n in layer_sizes]
    n_parameters = sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
    if not 2 <= len(sizes) <= 100 or sizes[-1] != 1 or n_parameters > MAX_PARAMETERS:
        raise ValueError(f"layer_sizes must be {expected}, with at most {MAX_PARAMETERS:,} weights and biases, "
                         f"not {reprlib.repr(sizes)} ({n_parameters:,})")
    return sizes


def _as_path(path):
    if not isinstance(path, (str, os.PathLike)) or isinstance(os.fspath(path), bytes):
        raise TypeError(f"path must be a file name (text or a pathlib.Path), not {reprlib.repr(path)}")
    if str(pathlib.Path(path)) == "." or "\0" in str(path):
        raise ValueError(f"path must name a file, not {reprlib.repr(str(path))}")
    return pathlib.Path(path)


def _save_network(network, path):
    try:
        path.exists() and _load_network(NeuralNetwork, path)  # a file there must be a network file
    except ValueError:
        raise ValueError(f"{path} exists and is not a network file; save() replaces only a network file") from None
    saved = {"layer_sizes": network.layer_sizes, "learning_rate": network.learning_rate,
             "weights": [w.tolist() for w in network.weights], "biases": [b.tolist() for b in network.biases]}
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")  # written, then renamed over path
    try:
        with open(temporary, "x", encoding="utf-8") as file:  # "x": a new file, never one that exists
            json.dump(saved, file)
        os.replace(temporary, path)
    except BaseException as error:  # even an interrupt: remove the half-written file, then report
        if not isinstance(error, FileExistsError):  # (that file is not ours)
            with contextlib.suppress(OSError):
                temporary.unlink()
        if isinstance(error, OSError):
            raise OSError(error.errno, f"cannot save the network to {path}: {error.strerror}") from None
        raise


def _load_network(cls, path):
    """Read a network file: its size is checked before it is read, then every array's shape."""
    try:
        if path.stat().st_size > 30 * MAX_PARAMETERS + 2**16:  # JSON takes at most 26 bytes a number
            raise ValueError(f"{path.stat().st_size:,} bytes, more than a network of nnlib's size needs")
        saved = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(saved, dict) or sorted(saved) != ["biases", "layer_sizes", "learning_rate", "weights"]:
            raise ValueError("expected JSON with layer_sizes, learning_rate, weights and biases")
        network = cls(saved["layer_sizes"], saved["learning_rate"])
        for kind in ("weights", "biases"):
            if not isinstance(saved[kind], list) or len(saved[kind]) != len(network.layer_sizes) - 1:
                raise ValueError(f"{kind} must be a list of {len(network.layer_sizes) - 1} arrays")
            for i, array in enumerate(getattr(network, kind)):
                array[...] = _as_float_array(saved[kind][i], f"{kind}[{i}]", str(array.shape), shape=array.shape)
        return network
    except (ValueError, TypeError, OSError, RecursionError) as error:  # RecursionError: too deeply nested
        raise ValueError(f"{path}: not a readable network file ({error})") from None
