"""What the notebooks measure and the helpers show or check again: each defined once, here."""

import numpy as np

import nnlib


def error_after_step(input_vectors, targets, weights, bias, learning_rate):
    """The mean squared error after one gradient-descent step of size `learning_rate` (notebook 04, section 7).

    input_vectors: (n, n_features); targets: (n,); weights: (n_features,); bias: (1,) or a number.
    Returns a float. A step so large that a weight stops being finite raises ValueError.
    """
    derror_dweights, derror_dbias = nnlib.gradients(input_vectors, weights, bias, targets)
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is refused by make_prediction
        new_weights = np.asarray(weights) - learning_rate * derror_dweights
        new_bias = np.asarray(bias) - learning_rate * derror_dbias
    return nnlib.mse(nnlib.make_prediction(input_vectors, new_weights, new_bias), targets)


def confusion_counts(predictions, targets, threshold=0.5):
    """(caught, missed, false alarms, cleared) at `threshold` (notebook 07, section 5).

    That is (true positives, false negatives, false positives, true negatives), class 1 being
    the positive class. predictions, targets: shape (n,). Returns four ints.
    """
    predicted = nnlib.classify(predictions, threshold) == 1
    actual = np.asarray(targets) == 1
    return (int(np.sum(predicted & actual)), int(np.sum(~predicted & actual)),
            int(np.sum(predicted & ~actual)), int(np.sum(~predicted & ~actual)))
