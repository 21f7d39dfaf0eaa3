"""The error, its gradients and NeuralNetwork, against hand-worked numbers and finite differences."""

import copy
import warnings

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import course.data
import nnlib

WEIGHTS_1 = np.array([1.45, -0.66])
BIAS = np.array([0.0])
NOT_FINITE = "must hold or give finite numbers, not NaN or infinity (beyond 1.8e308)"


# --- mse and the single-neuron gradients ----------------------------------------------------

def test_mse_by_hand():
    assert nnlib.mse(np.array([0.5, 1.0, 0.0]), np.array([1, 1, 1])) == pytest.approx((0.25 + 0 + 1) / 3)
    assert nnlib.mse(np.array([0.87101915]), 0) == pytest.approx(0.75867436, abs=1e-8)


@pytest.mark.parametrize("prediction, target", [([0.5, 0.5], [1, 1, 1]), ([[0.5]], [1]), ([0.5], ["1"])])
def test_mse_rejects_bad_shapes_and_types(prediction, target):
    with pytest.raises((ValueError, TypeError), match="prediction|target"):
        nnlib.mse(prediction, target)


def test_classic_gradients():
    derror_dweights, derror_dbias = nnlib.gradients(np.array([2, 1.5]), WEIGHTS_1, BIAS, 0)
    np.testing.assert_allclose(derror_dweights, [0.39141786, 0.29356339], atol=5e-9)
    np.testing.assert_allclose(derror_dbias, [0.19570893], atol=5e-9)
    assert derror_dbias.shape == (1,)


def test_batch_gradient_is_the_mean_of_the_examples_gradients():
    input_vectors, targets = course.data.eight_point_data()
    batch = nnlib.gradients(input_vectors, WEIGHTS_1, BIAS, targets)
    singles = [nnlib.gradients(x, WEIGHTS_1, BIAS, t) for x, t in zip(input_vectors, targets)]
    np.testing.assert_allclose(batch[0], np.mean([s[0] for s in singles], axis=0), rtol=1e-12)
    np.testing.assert_allclose(batch[1], np.mean([s[1] for s in singles], axis=0), rtol=1e-12)


def test_gradients_reject_a_target_per_row_of_the_wrong_length():
    input_vectors, _ = course.data.eight_point_data()
    with pytest.raises(ValueError, match=r"target must have shape \(8,\)"):
        nnlib.gradients(input_vectors, WEIGHTS_1, BIAS, [0, 1])


def central_differences(error_of, parameters, h=1e-5):
    """dE/dp for every entry of every array in `parameters`, nudging each in place."""
    estimates = []
    for array in parameters:
        estimate = np.zeros_like(array)
        for index in np.ndindex(array.shape):
            original = array[index]
            array[index] = original + h
            up = error_of()
            array[index] = original - h
            down = error_of()
            array[index] = original
            estimate[index] = (up - down) / (2 * h)
        estimates.append(estimate)
    return estimates


def gradients_agree(analytic, numeric, tolerance=1e-6):
    """Relative error below `tolerance`, measured against the array's largest gradient.

    A central difference in float64 carries a rounding error of about 1e-16 * error / h,
    near 1e-11 here; gradients smaller than that cannot be checked, hence the small floor.
    """
    scale = np.max(np.abs(analytic) + np.abs(numeric))
    return np.max(np.abs(analytic - numeric)) <= tolerance * scale + 1e-10


@given(st.integers(0, 10_000), st.integers(1, 4), st.integers(1, 6))
def test_single_neuron_gradients_match_finite_differences(seed, n_features, n_samples):
    rng = np.random.default_rng(seed)
    input_vectors = rng.normal(size=(n_samples, n_features))
    targets = rng.integers(0, 2, size=n_samples).astype(float)
    weights, bias = rng.normal(size=n_features), rng.normal(size=1)
    derror_dweights, derror_dbias = nnlib.gradients(input_vectors, weights, bias, targets)
    numeric = central_differences(
        lambda: nnlib.mse(nnlib.make_prediction(input_vectors, weights, bias), targets), [weights, bias]
    )
    assert gradients_agree(derror_dweights, numeric[0])
    assert gradients_agree(derror_dbias, numeric[1])


# --- NeuralNetwork --------------------------------------------------------------------------

layer_sizes = st.lists(st.integers(1, 5), min_size=1, max_size=3).map(lambda hidden: [3, *hidden, 1])


@settings(max_examples=40, deadline=None)
@given(layer_sizes, st.integers(0, 10_000), st.integers(1, 7))
@example([3, 1, 1, 1, 1], 0, 2)  # a gradient of -9.2e-6, where + 1e-9 undid the 1e-4
def test_network_gradients_match_finite_differences(sizes, seed, n_samples):
    rng = np.random.default_rng(seed)
    network = nnlib.NeuralNetwork(sizes, learning_rate=0.1, seed=seed)
    for bias in network.biases:  # nonzero biases, so every parameter is exercised
        bias[:] = rng.normal(size=bias.shape)
    X = rng.normal(size=(n_samples, sizes[0]))
    y = rng.integers(0, 2, size=n_samples).astype(float)
    weight_grads, bias_grads = network.gradients(X, y)
    numeric = central_differences(lambda: network.error(X, y), network.weights + network.biases)
    for analytic, estimate in zip(weight_grads + bias_grads, numeric):
        assert analytic.shape == estimate.shape
        assert gradients_agree(analytic, estimate), (analytic, estimate)
        # The check can fail: a gradient off by one part in 10^4 (and 1e-9) is caught. Both parts
        # push away from zero: a fixed +1e-9 could cancel the relative part of a negative gradient.
        assert not gradients_agree(analytic * (1 + 1e-4) + np.copysign(1e-9, analytic), estimate)


def test_shapes_of_weights_biases_and_predictions():
    network = nnlib.NeuralNetwork([2, 4, 3, 1], learning_rate=0.5, seed=1)
    assert [w.shape for w in network.weights] == [(2, 4), (4, 3), (3, 1)]
    assert [b.shape for b in network.biases] == [(4,), (3,), (1,)]
    X, y = course.data.eight_point_data()
    assert network.predict(X).shape == (8,)
    weight_grads, bias_grads = network.gradients(X, y)
    assert [g.shape for g in weight_grads] == [(2, 4), (4, 3), (3, 1)]
    assert [g.shape for g in bias_grads] == [(4,), (3,), (1,)]


def test_forward_gives_every_layers_outputs_and_backward_the_gradients():
    X, y = course.data.eight_point_data()
    network = nnlib.NeuralNetwork([2, 4, 3, 1], seed=5)
    for bias in network.biases:
        bias[:] = np.linspace(-1, 1, bias.size)
    outputs = network.forward(X)
    assert [o.shape for o in outputs] == [(8, 2), (8, 4), (8, 3), (8, 1)]
    assert outputs[0] is X
    hidden = nnlib.sigmoid(X @ network.weights[0] + network.biases[0])  # 06 §2, written out
    np.testing.assert_allclose(outputs[1], hidden, rtol=1e-14)
    np.testing.assert_allclose(outputs[-1][:, 0], network.predict(X), rtol=1e-14)
    derror_dweights, derror_dbiases = network.backward(outputs, y.astype(float))
    weight_grads, bias_grads = network.gradients(X, y)
    for mine, theirs in zip(derror_dweights + derror_dbiases, weight_grads + bias_grads):
        np.testing.assert_array_equal(mine, theirs)


def test_one_neuron_network_agrees_with_the_single_neuron_functions():
    network = nnlib.NeuralNetwork([2, 1], learning_rate=0.1, seed=0)
    X, y = course.data.eight_point_data()
    weights, bias = network.weights[0][:, 0], network.biases[0]
    np.testing.assert_allclose(network.predict(X), nnlib.make_prediction(X, weights, bias), rtol=1e-14)
    weight_grads, bias_grads = network.gradients(X, y)
    derror_dweights, derror_dbias = nnlib.gradients(X, weights, bias, y)
    np.testing.assert_allclose(weight_grads[0][:, 0], derror_dweights, rtol=1e-12)
    np.testing.assert_allclose(bias_grads[0], derror_dbias, rtol=1e-12)
    assert network.error(X, y) == pytest.approx(nnlib.mse(network.predict(X), y), rel=1e-15)


def test_train_takes_gradient_steps_and_records_the_error_before_each():
    X, y = course.data.eight_point_data()
    network = nnlib.NeuralNetwork([2, 3, 1], learning_rate=0.5, seed=2)
    expected = copy.deepcopy(network)
    errors = []
    for _ in range(3):  # three steps taken by hand
        errors.append(expected.error(X, y))
        weight_grads, bias_grads = expected.gradients(X, y)
        expected.weights = [w - 0.5 * g for w, g in zip(expected.weights, weight_grads)]
        expected.biases = [b - 0.5 * g for b, g in zip(expected.biases, bias_grads)]
    history = network.train(X, y, iterations=3)
    assert history.shape == (3,)
    np.testing.assert_allclose(history, errors, rtol=1e-14)
    for after, by_hand in zip(network.weights + network.biases, expected.weights + expected.biases):
        np.testing.assert_allclose(after, by_hand, rtol=1e-14)


def test_one_neuron_stalls_on_the_eight_points_and_a_hidden_layer_solves_them():
    X, y = course.data.eight_point_data()
    single = nnlib.NeuralNetwork([2, 1], learning_rate=0.1, seed=0)
    history = single.train(X, y, iterations=10_000)
    assert history.shape == (10_000,)
    assert history[-1] < history[0]
    assert 0.5 <= nnlib.accuracy(single.predict(X), y) <= 0.625
    hidden = nnlib.NeuralNetwork([2, 8, 1], learning_rate=1.0, seed=0)
    hidden.train(X, y, iterations=10_000)
    assert np.all(nnlib.classify(hidden.predict(X)) == y)


def test_xor_needs_a_hidden_layer():
    X, y = course.data.xor_data()
    single = nnlib.NeuralNetwork([2, 1], learning_rate=1.0, seed=0)
    single.train(X, y, iterations=5_000)
    assert np.mean(nnlib.classify(single.predict(X)) == y) <= 0.75
    hidden = nnlib.NeuralNetwork([2, 4, 1], learning_rate=1.0, seed=0)
    hidden.train(X, y, iterations=5_000)
    assert np.all(nnlib.classify(hidden.predict(X)) == y)


def test_stochastic_training_is_seeded_and_records_the_full_error_before_each_step():
    X, y = course.data.eight_point_data()
    runs = [nnlib.NeuralNetwork([2, 1], learning_rate=0.1, seed=3).train(X, y, 500, batch_size=1) for _ in range(2)]
    np.testing.assert_array_equal(runs[0], runs[1])
    assert runs[0].shape == (500,)
    assert not np.array_equal(runs[0], nnlib.NeuralNetwork([2, 1], 0.1, seed=4).train(X, y, 500, batch_size=1))
    network = nnlib.NeuralNetwork([2, 1], learning_rate=0.1, seed=3)
    for step in range(3):  # the error of all eight rows, not of the row drawn
        assert runs[0][step] == pytest.approx(network.error(X, y), rel=1e-14)
        network.train(X, y, 1, batch_size=1)


def test_divergence_stops_with_a_clear_error():
    # The error is finite, but a learning rate of 1.7e308 times a gradient above 1 is infinite.
    X, y = course.data.eight_point_data()
    network = nnlib.NeuralNetwork([2, 1], learning_rate=1.7e308, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # stops with its own error, not with NumPy's warnings
        with pytest.raises(ValueError) as raised:
            network.train(100 * X, y, iterations=100)
    assert str(raised.value) == "training diverged: a weight would stop being finite; try a learning_rate below 1.7e+308"


@pytest.mark.parametrize("kind", ["weights", "biases"])
def test_after_divergence_the_network_keeps_the_weights_from_before_the_diverging_step(kind):
    # A sigmoid network saturates after one huge step, so only a first step diverges by itself:
    # here the third step's gradient is made infinite, for the weights or for the biases alone.
    X, y = course.data.eight_point_data()
    network = nnlib.NeuralNetwork([2, 3, 1], learning_rate=0.5, seed=6)
    two_steps = copy.deepcopy(network)
    two_steps.train(X, y, iterations=2)
    steps = []

    def backward(outputs, targets):
        derror_dweights, derror_dbiases = nnlib.NeuralNetwork.backward(network, outputs, targets)
        steps.append(len(steps))
        if len(steps) == 3:
            (derror_dweights if kind == "weights" else derror_dbiases)[-1][0] = np.inf
        return derror_dweights, derror_dbiases

    network.backward = backward
    with pytest.raises(ValueError, match="^training diverged"):
        network.train(X, y, iterations=10)
    assert steps == [0, 1, 2]  # stopped at the third step
    for kept, after_two_steps in zip(network.weights + network.biases, two_steps.weights + two_steps.biases):
        np.testing.assert_array_equal(kept, after_two_steps)


def test_a_step_that_would_overflow_the_weights_is_not_taken():
    # The error is finite, but a learning rate of 1.7e308 times a gradient above 1 is infinite.
    X, y = course.data.eight_point_data()
    network = nnlib.NeuralNetwork([2, 1], learning_rate=1.7e308, seed=0)
    before = [array.copy() for array in network.weights + network.biases]
    with pytest.raises(ValueError, match="^training diverged: a weight would stop being finite; try a learning_rate below 1.7e"):
        network.train(100 * X, y, iterations=3)
    assert all(np.array_equal(a, b) for a, b in zip(before, network.weights + network.biases))


def overflowing_network(learning_rate=0.1):
    """A network [2, 1, 1] whose weighted sums are all 0 for the input [[1e308, -1e308]], so that no
    neuron saturates, but whose first weights' gradient, 1e308 × (a huge output weight of 1e308 / 16),
    overflows. Returns (network, input_vectors, targets)."""
    network = nnlib.NeuralNetwork([2, 1, 1], learning_rate)
    network.weights = [np.array([[1.0], [1.0]]), np.array([[1e308]])]
    network.biases = [np.array([0.0]), np.array([-0.5e308])]
    return network, np.array([[1e308, -1e308]]), np.array([1.0])


def test_a_gradient_that_overflows_stops_training_even_at_a_small_learning_rate():
    network, X, y = overflowing_network(learning_rate=1e-3)
    before = [array.copy() for array in network.weights + network.biases]
    np.testing.assert_array_equal(network.predict(X), [0.5])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="^training diverged"):
            network.train(X, y, iterations=2)
    assert all(np.array_equal(a, b) for a, b in zip(before, network.weights + network.biases))


@pytest.mark.parametrize("arguments, error, message", [
    (([2],), ValueError, "layer_sizes must be a list of 2 to 100 positive integers ending in 1, such as [2, 1] "
                         "or [2, 4, 1], with at most 10,000,000 weights and biases, not [2] (0)"),
    ((list(range(1, 102)) + [1],), ValueError, "layer_sizes must be a list of 2 to 100 positive integers ending in 1, "
                                               "such as [2, 1] or [2, 4, 1], with at most 10,000,000 weights and biases, "
                                               "not [1, 2, 3, 4, 5, 6, ...] (348,652)"),
    (([2, 3],), ValueError, "layer_sizes must be a list of 2 to 100 positive integers ending in 1, such as [2, 1] "
                            "or [2, 4, 1], with at most 10,000,000 weights and biases, not [2, 3] (9)"),
    (([2, 0, 1],), ValueError, "each of layer_sizes must be at least 1, not 0"),
    (([2, 1.5, 1],), TypeError, "each of layer_sizes must be a whole number such as 100 (not 100.0), not 1.5"),
    (([2, 3.0, 1],), TypeError, "each of layer_sizes must be a whole number such as 100 (not 100.0), not 3.0"),
    (([2, 1], -0.1), ValueError, "learning_rate must be a positive number, not -0.1"),
    (([2, 1], float("nan")), ValueError, f"learning_rate {NOT_FINITE}"),
    (([2, 1], float("inf")), ValueError, f"learning_rate {NOT_FINITE}"),
])
def test_constructor_rejects_bad_settings(arguments, error, message):
    with pytest.raises(error) as raised:
        nnlib.NeuralNetwork(*arguments)
    assert str(raised.value) == message


@pytest.mark.parametrize("X, y, words", [
    (np.zeros((4, 3)), np.zeros(4), r"^input_vectors must have shape \(n_samples, 2\)"),
    (np.zeros(4), np.zeros(4), r"^input_vectors must have shape \(n_samples, 2\)"),
    (np.zeros((4, 2)), np.zeros(3), r"^targets must have shape \(4,\)"),
    (np.zeros((4, 2)), np.full(4, 2.0), r"^targets must hold numbers between 0 and 1"),
    (np.full((4, 2), np.nan), np.zeros(4), "^input_vectors must hold or give finite numbers"),
    ([["a", "b"]], [1], "^input_vectors must hold only numbers"),
])
def test_train_rejects_bad_data(X, y, words):
    network = nnlib.NeuralNetwork([2, 1])
    before = [array.copy() for array in network.weights + network.biases]
    with pytest.raises((ValueError, TypeError), match=words):
        network.train(X, y, iterations=1)
    assert all(np.array_equal(a, b) for a, b in zip(before, network.weights + network.biases))


def test_the_small_data_sets():
    X, y = course.data.eight_point_data()
    assert X.tolist() == [[3, 1.5], [2, 1], [4, 1.5], [3, 4], [3.5, 0.5], [2, 0.5], [5.5, 1], [1, 1]]
    assert y.tolist() == [0, 1, 0, 1, 0, 1, 1, 0]
    X, y = course.data.xor_data()
    assert X.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert y.tolist() == [int(a != b) for a, b in X]


def test_initial_weights_are_centred_with_spread_one_over_root_n_in():
    network = nnlib.NeuralNetwork([400, 300, 1], seed=0)
    weights = network.weights[0]
    assert abs(weights.mean()) < 0.002
    assert weights.std() == pytest.approx(1 / np.sqrt(400), rel=0.02)
    assert network.weights[1].std() == pytest.approx(1 / np.sqrt(300), rel=0.2)
    assert all(np.all(bias == 0) for bias in network.biases)


@pytest.mark.parametrize("X, y, message", [
    (np.zeros((4, 2)), np.zeros((4, 1)), "targets must have shape (4,), one per row, not (4, 1)"),
    (np.zeros((4, 2)), np.full(4, np.nan), f"targets {NOT_FINITE}"),
    (np.zeros((4, 2)), np.full(4, -0.5), "targets must hold numbers between 0 and 1 (shape (4,))"),
    (np.full((4, 2), np.nan), np.zeros(4), f"input_vectors {NOT_FINITE}"),
    (np.zeros((2, 2, 2)), np.zeros(2), "input_vectors must have shape (n_samples, 2), but it has shape (2, 2, 2)"),
    (np.zeros((4, 3)), np.zeros(4), "input_vectors must have shape (n_samples, 2), not (4, 3)"),
    ([["a", "b"]], [1], "input_vectors must hold only numbers, shape (n_samples, 2), not [['a', 'b']]"),
])
def test_data_errors_in_full(X, y, message):
    with pytest.raises((ValueError, TypeError)) as raised:
        nnlib.NeuralNetwork([2, 1]).train(X, y, iterations=1)
    assert str(raised.value) == message


def test_a_learning_rate_of_zero_is_rejected():
    with pytest.raises(ValueError) as raised:
        nnlib.NeuralNetwork([2, 1], learning_rate=0)
    assert str(raised.value) == "learning_rate must be a positive number, not 0"


def test_stochastic_steps_draw_from_every_row():
    # Only row 0 has a nonzero input, so only a step that draws row 0 moves the first weight.
    X = np.zeros((5, 2))
    X[0, 0] = 1.0
    y = np.array([1.0, 0, 0, 0, 0])
    network = nnlib.NeuralNetwork([2, 1], learning_rate=1.0, seed=0)
    before = network.weights[0][0, 0]
    network.train(X, y, iterations=100, batch_size=1)
    assert network.weights[0][0, 0] > before
    # ... and from the last row: only a step on row 4 moves the second weight.
    X, y = np.zeros((5, 2)), np.zeros(5)
    X[4, 1] = 1.0
    before = network.weights[0][1, 0]
    network.train(X, y, iterations=100, batch_size=1)
    assert network.weights[0][1, 0] != before


def test_a_stochastic_step_is_a_gradient_step_on_the_drawn_rows():
    X, y = course.data.eight_point_data()
    for batch_size in (1, 3, 8):
        network = nnlib.NeuralNetwork([2, 3, 1], learning_rate=0.5, seed=4)
        expected = copy.deepcopy(network)
        rows = copy.deepcopy(network.rng).integers(0, len(X), size=batch_size)
        weight_grads, bias_grads = expected.gradients(X[rows], y[rows])
        network.train(X, y, iterations=1, batch_size=batch_size)
        for after, before, grad in zip(network.weights + network.biases, expected.weights + expected.biases,
                                       weight_grads + bias_grads):
            np.testing.assert_allclose(after, before - 0.5 * grad, rtol=1e-14)


def test_constructor_defaults():
    network = nnlib.NeuralNetwork([2, 3, 1])
    seeded = nnlib.NeuralNetwork([2, 3, 1], learning_rate=0.1, seed=0)
    assert network.learning_rate == 0.1 and type(network.learning_rate) is float
    for mine, theirs in zip(network.weights + network.biases, seeded.weights + seeded.biases):
        np.testing.assert_array_equal(mine, theirs)
    assert not np.array_equal(network.weights[0], nnlib.NeuralNetwork([2, 3, 1], seed=1).weights[0])
    X, y = course.data.eight_point_data()
    full = copy.deepcopy(network)
    full.train(X, y, 1, batch_size=8)  # a batch of 8 of the 8 rows, drawn with replacement: not every row
    network.train(X, y, 1)  # batch_size=None: every row, once
    expected = seeded.gradients(X, y)[0][0]
    np.testing.assert_allclose(network.weights[0], seeded.weights[0] - 0.1 * expected, rtol=1e-14)
    assert not np.allclose(full.weights[0], network.weights[0])


# --- mistakes a learner makes get a clear error, and NumPy numbers are ordinary numbers ---------

@pytest.mark.parametrize("keywords, error, message", [
    (dict(iterations=-1), ValueError, "iterations must be at least 0, not -1"),
    (dict(iterations=2.5), TypeError, "iterations must be a whole number such as 100 (not 100.0), not 2.5"),
    (dict(iterations=1e4), TypeError, "iterations must be a whole number such as 100 (not 100.0), not 10000.0"),
    (dict(iterations=True), TypeError, "iterations must be a whole number such as 100 (not 100.0), not True"),
    (dict(iterations=np.True_), TypeError, "iterations must be a whole number such as 100 (not 100.0), not np.True_"),
    (dict(iterations="10"), TypeError, "iterations must be a whole number such as 100 (not 100.0), not '10'"),
    (dict(iterations=5, batch_size=0), ValueError, "batch_size must be at least 1, not 0"),
    (dict(iterations=5, batch_size=-2), ValueError, "batch_size must be at least 1, not -2"),
    (dict(iterations=5, batch_size=9), ValueError, "batch_size must be at most the 8 rows, or None, not 9"),
    (dict(iterations=5, batch_size=0.5), TypeError, "batch_size must be a whole number such as 100 (not 100.0), not 0.5"),
    (dict(iterations=5, batch_size=False), TypeError, "batch_size must be a whole number such as 100 (not 100.0), not False"),
])
def test_train_rejects_bad_counts_naming_them(keywords, error, message):
    X, y = course.data.eight_point_data()
    network = nnlib.NeuralNetwork([2, 1])
    before = copy.deepcopy(network.weights)
    with pytest.raises(error) as raised:
        network.train(X, y, **keywords)
    assert str(raised.value) == message
    assert all(np.array_equal(a, b) for a, b in zip(network.weights, before))  # nothing was trained


def test_numpy_numbers_are_ordinary_numbers():
    X, y = course.data.eight_point_data()
    for learning_rate in (np.float64(0.1), np.float32(0.1), np.array(0.1), 1):
        assert nnlib.NeuralNetwork([2, 1], learning_rate).learning_rate == pytest.approx(0.1 if learning_rate != 1 else 1)
    network = nnlib.NeuralNetwork(np.array([2, 4, 1]), seed=np.int64(1))
    assert network.layer_sizes == [2, 4, 1] and all(type(n) is int for n in network.layer_sizes)
    history = network.train(X, y, np.int64(6), batch_size=np.int64(8))
    assert history.shape == (6,)
    assert nnlib.NeuralNetwork([2, 1], seed=np.uint8(7)).weights[0].tolist() == nnlib.NeuralNetwork([2, 1], seed=7).weights[0].tolist()


def test_zero_iterations_train_nothing_and_record_nothing():
    X, y = course.data.eight_point_data()
    network = nnlib.NeuralNetwork([2, 1])
    before = network.weights[0].copy()
    assert network.train(X, y, 0).shape == (0,)
    assert network.train(X, y, 0, batch_size=1).shape == (0,)
    np.testing.assert_array_equal(network.weights[0], before)
    assert network.train(X, y, 5).shape == (5,)


@pytest.mark.parametrize("method", ["train", "error", "gradients", "predict"])
def test_an_empty_data_set_is_refused(method):
    network = nnlib.NeuralNetwork([2, 1])
    arguments = (np.zeros((0, 2)),) + ((np.zeros(0),) if method != "predict" else ()) + ((3,) if method == "train" else ())
    with pytest.raises(ValueError) as raised:
        getattr(network, method)(*arguments)
    assert str(raised.value) == "input_vectors must hold at least one number, with shape (n_samples, 2)"


@pytest.mark.parametrize("arguments, error, words", [
    (([2, True, 1],), TypeError, "each of layer_sizes must be a whole number such as 100 (not 100.0), not True"),
    (([2, np.True_, 1],), TypeError, "each of layer_sizes must be a whole number such as 100 (not 100.0), not np.True_"),
    ((5,), TypeError, "layer_sizes must be a list of 2 to 100 positive integers ending in 1, such as [2, 1] or [2, 4, 1], not 5"),
    (("21",), TypeError, "layer_sizes must be a list of 2 to 100 positive integers ending in 1, such as [2, 1] or [2, 4, 1], not '21'"),
    (({2: 1},), TypeError, "layer_sizes must be a list of 2 to 100 positive integers ending in 1, such as [2, 1] or [2, 4, 1], not {2: 1}"),
    ((np.array([[2, 1]]),), TypeError, "layer_sizes must be a list of 2 to 100 positive integers ending in 1, such as [2, 1] "
                                       "or [2, 4, 1], not array([[2, 1]])"),
    ((np.array([[2, 1], [3, 1]]),), TypeError, "layer_sizes must be a list of 2 to 100 positive integers ending in 1, such as "
                                               "[2, 1] or [2, 4, 1], not array([[2, 1],\n       [3, 1]])"),
    ((np.array(2),), TypeError, "layer_sizes must be a list of 2 to 100 positive integers ending in 1, such as [2, 1] "
                                "or [2, 4, 1], not array(2)"),
    (([2, [3], 1],), TypeError, "each of layer_sizes must be a whole number such as 100 (not 100.0), not [3]"),
    (([[2, 1]],), TypeError, "each of layer_sizes must be a whole number such as 100 (not 100.0), not [2, 1]"),
    ((np.array([2.0, 1.0]),), TypeError, "each of layer_sizes must be a whole number such as 100 (not 100.0), not np.float64(2.0)"),
    (([2, 1], True), TypeError, "learning_rate must hold only numbers, shape () (one number), not True"),
    (([2, 1], "0.1"), TypeError, "learning_rate must hold only numbers, shape () (one number), not '0.1'"),
    (([2, 1], [0.1, 0.2]), ValueError, "learning_rate must have shape () (one number), but it has shape (2,)"),
    (([2, 1], 0.1, -1), ValueError, "seed must be at least 0, not -1"),
    (([2, 1], 0.1, "zero"), TypeError, "seed must be a whole number such as 100 (not 100.0), not 'zero'"),
    (([2, 1], 0.1, None), TypeError, "seed must be a whole number such as 100 (not 100.0), not None"),
    (([2, 1], 0.1, 1.0), TypeError, "seed must be a whole number such as 100 (not 100.0), not 1.0"),
])
def test_constructor_mistakes_name_the_argument(arguments, error, words):
    with pytest.raises(error) as raised:
        nnlib.NeuralNetwork(*arguments)
    assert str(raised.value) == words


def test_a_network_too_big_to_read_about_is_refused_before_anything_is_allocated():
    import tracemalloc

    tracemalloc.start()
    try:
        with pytest.raises(ValueError) as raised:
            nnlib.NeuralNetwork([1_000_000, 1_000_000, 1])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(raised.value).endswith("with at most 10,000,000 weights and biases, not [1000000, 1000000, 1] (1,000,002,000,001)")
    assert peak < 1_000_000
    assert nnlib.NeuralNetwork([2, 2_499_999, 1]).layer_sizes[1] == 2_499_999  # 9,999,997: allowed


def test_weighted_sums_beyond_the_largest_float_give_the_sigmoids_limit_or_a_clear_error():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert nnlib.make_prediction([1e308, 1e308], [10.0, 10.0], 0.0) == 1.0
        assert nnlib.make_prediction([1e308, 1e308], [-10.0, -10.0], 0.0) == 0.0
        with pytest.raises(ValueError, match="^input_vector and weights must hold or give finite numbers"):
            nnlib.make_prediction([1e308, 1e308], [10.0, -10.0], 0.0)
        network = network_with_weights([[2.0], [-2.0]])
        assert network.predict([[1e308, -1e308]]) == 1.0  # 2e308 + 2e308: +inf, whose sigmoid is 1
        assert network.predict([[-1e308, 1e308]]) == 0.0
        assert network.error([[1e308, -1e308]], [1.0]) == 0.0
        with pytest.raises(ValueError, match="^input_vectors must hold or give finite numbers"):
            network.predict([[1e308, 1e308]])  # 2e308 - 2e308: +inf plus -inf


@pytest.mark.parametrize("call, message", [
    (lambda: nnlib.make_prediction([1e308, 1e308], [10.0, -10.0], 0.0), f"input_vector and weights {NOT_FINITE}"),
    (lambda: nnlib.mse([0.5], [1.5]), "target must hold numbers between 0 and 1 (shape (1,) or ())"),
    (lambda: nnlib.mse([1e300], [0]), "prediction must hold numbers between 0 and 1 (shape (n,))"),
    (lambda: nnlib.gradients(np.tile([1e308, -1e308], (8, 1)), [1.0, 1.0], 0.0, np.ones(8)), f"input_vector {NOT_FINITE}"),
    (lambda: nnlib.gradients([1.0, 1.0], WEIGHTS_1, BIAS, 1e308), "target must hold numbers between 0 and 1 (shape (1,) or ())"),
    (lambda: nnlib.NeuralNetwork([2, 1]).error([[1.0, 2.0]], [1e308]), "targets must hold numbers between 0 and 1 (shape (1,))"),
    (lambda: nnlib.NeuralNetwork([2, 1]).error([[1.0, 2.0], [3.0, 4.0]], 1.0),
     "targets must have shape (2,), one per row, not ()"),
    (lambda: nnlib.NeuralNetwork([2, 1]).error([[1.0, 2.0]], [[1.0]]), "targets must have shape (1,), one per row, not (1, 1)"),
    (lambda: nnlib.NeuralNetwork([2, 1]).gradients([[1.0, 4.0]], [-1e-300]), "targets must hold numbers between 0 and 1 (shape (1,))"),
    (lambda: overflowing_network()[0].gradients(*overflowing_network()[1:]), f"input_vectors {NOT_FINITE}"),
    (lambda: nnlib.NeuralNetwork([1, 3_333_334, 1]),
     "layer_sizes must be a list of 2 to 100 positive integers ending in 1, such as [2, 1] or [2, 4, 1], "
     "with at most 10,000,000 weights and biases, not [1, 3333334, 1] (10,000,003)"),
])
def test_the_new_messages_in_full(call, message):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # NumPy's overflow warnings must not show either
        with pytest.raises(ValueError) as raised:
            call()
    assert str(raised.value) == message


def test_exactly_the_largest_network_is_allowed():
    network = nnlib.NeuralNetwork([1, 3_333_333, 1])
    assert sum(array.size for array in network.weights + network.biases) == nnlib.MAX_PARAMETERS


def network_with_weights(weights, learning_rate=0.1):
    network = nnlib.NeuralNetwork([len(weights), 1], learning_rate)
    network.weights[0] = np.array(weights)
    return network


@pytest.mark.parametrize("call", [
    # Each row's gradient is finite, but the sum over eight rows overflows.
    lambda: nnlib.gradients(np.tile([1e308, -1e308], (8, 1)), [1.0, 1.0], BIAS, np.ones(8)),
    # +inf plus -inf inside the network's weighted sum.
    lambda: network_with_weights([[2.0], [2.0]]).error([[1e308, -1e308]], [1.0]),
    lambda: network_with_weights([[2.0], [2.0]]).gradients([[1e308, -1e308]], [1.0]),
    lambda: network_with_weights([[2.0], [2.0]]).train([[1e308, -1e308]], [1.0], 1),
    lambda: overflowing_network()[0].gradients(*overflowing_network()[1:]),
])
def test_overflow_anywhere_gives_a_clear_error_and_no_warning(call):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="^(input_vectors?|training diverged)"):
            call()


def test_layer_sizes_may_list_100_sizes_but_not_101():
    assert len(nnlib.NeuralNetwork([2] * 99 + [1]).weights) == 99
    with pytest.raises(ValueError, match="2 to 100 positive integers"):
        nnlib.NeuralNetwork([2] * 100 + [1])
