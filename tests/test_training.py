"""The error, its gradients and NeuralNetwork, against hand-worked numbers and finite differences."""

import copy
import warnings

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import nnlib

WEIGHTS_1 = np.array([1.45, -0.66])
BIAS = np.array([0.0])


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
    input_vectors, targets = nnlib.eight_point_data()
    batch = nnlib.gradients(input_vectors, WEIGHTS_1, BIAS, targets)
    singles = [nnlib.gradients(x, WEIGHTS_1, BIAS, t) for x, t in zip(input_vectors, targets)]
    np.testing.assert_allclose(batch[0], np.mean([s[0] for s in singles], axis=0), rtol=1e-12)
    np.testing.assert_allclose(batch[1], np.mean([s[1] for s in singles], axis=0), rtol=1e-12)


def test_gradients_reject_a_target_per_row_of_the_wrong_length():
    input_vectors, _ = nnlib.eight_point_data()
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
@given(layer_sizes, st.sampled_from(["sigmoid", "relu"]), st.integers(0, 10_000), st.integers(1, 7))
@example([3, 1, 1, 1, 1], "sigmoid", 0, 2)  # a gradient of -9.2e-6, where + 1e-9 undid the 1e-4
def test_network_gradients_match_finite_differences(sizes, activation, seed, n_samples):
    rng = np.random.default_rng(seed)
    network = nnlib.NeuralNetwork(sizes, learning_rate=0.1, seed=seed, hidden_activation=activation)
    for bias in network.biases:  # nonzero biases, so every parameter is exercised
        bias[:] = rng.normal(size=bias.shape)
    X = rng.normal(size=(n_samples, sizes[0]))
    y = rng.integers(0, 2, size=n_samples).astype(float)
    if activation == "relu":
        # ReLU has a kink at 0; a nudge across it breaks the finite difference, so keep away.
        pre_activations = [X]
        for weights, bias in zip(network.weights[:-1], network.biases[:-1]):
            z = pre_activations[-1] @ weights + bias
            if np.min(np.abs(z)) < 1e-3:
                return
            pre_activations.append(np.maximum(0, z))
    weight_grads, bias_grads = network.gradients(X, y)
    numeric = central_differences(lambda: network.loss(X, y), network.weights + network.biases)
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
    X, y = nnlib.eight_point_data()
    assert network.predict(X).shape == (8,)
    weight_grads, bias_grads = network.gradients(X, y)
    assert [g.shape for g in weight_grads] == [(2, 4), (4, 3), (3, 1)]
    assert [g.shape for g in bias_grads] == [(4,), (3,), (1,)]


def test_one_neuron_network_agrees_with_the_single_neuron_functions():
    network = nnlib.NeuralNetwork([2, 1], learning_rate=0.1, seed=0)
    X, y = nnlib.eight_point_data()
    weights, bias = network.weights[0][:, 0], network.biases[0]
    np.testing.assert_allclose(network.predict(X), nnlib.make_prediction(X, weights, bias), rtol=1e-14)
    weight_grads, bias_grads = network.gradients(X, y)
    derror_dweights, derror_dbias = nnlib.gradients(X, weights, bias, y)
    np.testing.assert_allclose(weight_grads[0][:, 0], derror_dweights, rtol=1e-12)
    np.testing.assert_allclose(bias_grads[0], derror_dbias, rtol=1e-12)


def test_train_takes_gradient_steps_and_records_the_error_before_each():
    X, y = nnlib.eight_point_data()
    network = nnlib.NeuralNetwork([2, 3, 1], learning_rate=0.5, seed=2)
    expected = copy.deepcopy(network)
    weight_grads, bias_grads = expected.gradients(X, y)
    history = network.train(X, y, iterations=1)
    assert history.shape == (1,)
    assert history[0] == pytest.approx(expected.loss(X, y))
    for after, before, grad in zip(network.weights, expected.weights, weight_grads):
        np.testing.assert_allclose(after, before - 0.5 * grad, rtol=1e-14)
    for after, before, grad in zip(network.biases, expected.biases, bias_grads):
        np.testing.assert_allclose(after, before - 0.5 * grad, rtol=1e-14)


def test_one_neuron_stalls_on_the_eight_points_and_a_hidden_layer_solves_them():
    X, y = nnlib.eight_point_data()
    single = nnlib.NeuralNetwork([2, 1], learning_rate=0.1, seed=0)
    history = single.train(X, y, iterations=10_000)
    assert history.shape == (10_000,)
    assert history[-1] < history[0]
    assert 0.5 <= np.mean(nnlib.classify(single.predict(X)) == y) <= 0.625
    hidden = nnlib.NeuralNetwork([2, 8, 1], learning_rate=1.0, seed=0)
    hidden.train(X, y, iterations=10_000)
    assert np.all(nnlib.classify(hidden.predict(X)) == y)


def test_xor_needs_a_hidden_layer():
    X, y = nnlib.xor_data()
    single = nnlib.NeuralNetwork([2, 1], learning_rate=1.0, seed=0)
    single.train(X, y, iterations=5_000)
    assert np.mean(nnlib.classify(single.predict(X)) == y) <= 0.75
    for activation in ("sigmoid", "relu"):
        hidden = nnlib.NeuralNetwork([2, 4, 1], learning_rate=1.0, seed=0, hidden_activation=activation)
        hidden.train(X, y, iterations=5_000)
        assert np.all(nnlib.classify(hidden.predict(X)) == y), activation


def test_stochastic_training_is_seeded_and_records_the_full_error():
    X, y = nnlib.eight_point_data()
    runs = [nnlib.NeuralNetwork([2, 1], learning_rate=0.1, seed=3).train(X, y, 500, batch_size=1, record_every=50)
            for _ in range(2)]
    np.testing.assert_array_equal(runs[0], runs[1])
    assert runs[0].shape == (10,)
    network = nnlib.NeuralNetwork([2, 1], learning_rate=0.1, seed=3)
    assert network.train(X, y, 1, batch_size=1)[0] == pytest.approx(nnlib.NeuralNetwork([2, 1], 0.1, 3).loss(X, y))


def test_divergence_stops_with_a_clear_error():
    X, y = nnlib.eight_point_data()
    # A sigmoid output saturates, which keeps most runs finite; two ReLU layers and an absurd
    # learning rate overflow the weights to infinity within two steps.
    network = nnlib.NeuralNetwork([2, 8, 8, 1], learning_rate=1e300, seed=0, hidden_activation="relu")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # stops with its own error, not with NumPy's warnings
        with pytest.raises(ValueError, match=r"diverged at iteration \d.*smaller learning_rate"):
            network.train(X, y, iterations=100)


@pytest.mark.parametrize("arguments, words", [
    (([2],), "layer_sizes"), (([2, 3],), "ending in 1"), (([2, 0, 1],), "positive integers"),
    (([2, 1.5, 1],), "positive integers"), (([2, 1], -0.1), "learning_rate"), (([2, 1], float("nan")), "learning_rate"),
])
def test_constructor_rejects_bad_settings(arguments, words):
    with pytest.raises(ValueError, match=words):
        nnlib.NeuralNetwork(*arguments)


def test_constructor_rejects_an_unknown_activation():
    with pytest.raises(ValueError, match="hidden_activation"):
        nnlib.NeuralNetwork([2, 3, 1], hidden_activation="tanh")


@pytest.mark.parametrize("X, y, words", [
    (np.zeros((4, 3)), np.zeros(4), r"X must have shape \(n_samples, 2\)"),
    (np.zeros(4), np.zeros(4), r"X must have shape \(n_samples, 2\)"),
    (np.zeros((4, 2)), np.zeros(3), r"y must have shape \(4,\)"),
    (np.full((4, 2), np.nan), np.zeros(4), "X must hold finite numbers"),
    ([["a", "b"]], [1], "X must hold only numbers"),
])
def test_train_rejects_bad_data(X, y, words):
    with pytest.raises((ValueError, TypeError), match=words):
        nnlib.NeuralNetwork([2, 1]).train(X, y, iterations=1)


def test_the_small_data_sets():
    X, y = nnlib.eight_point_data()
    assert X.tolist() == [[3, 1.5], [2, 1], [4, 1.5], [3, 4], [3.5, 0.5], [2, 0.5], [5.5, 1], [1, 1]]
    assert y.tolist() == [0, 1, 0, 1, 0, 1, 1, 0]
    X, y = nnlib.xor_data()
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
    (np.zeros((4, 2)), np.zeros((4, 1)), r"^y must have shape \(4,\), but it has shape \(4, 1\)$"),
    (np.zeros((4, 2)), np.full(4, np.nan), r"^y must hold finite numbers with shape \(4,\)"),
    (np.full((4, 2), np.nan), np.zeros(4), r"^X must hold finite numbers with shape \(n_samples, 2\)"),
    (np.zeros((2, 2, 2)), np.zeros(2), r"^X must have shape \(n_samples, 2\), but it has shape \(2, 2, 2\)$"),
])
def test_data_errors_in_full(X, y, message):
    with pytest.raises(ValueError, match=message):
        nnlib.NeuralNetwork([2, 1]).train(X, y, iterations=1)


def test_a_learning_rate_of_zero_is_rejected():
    with pytest.raises(ValueError, match="learning_rate must be a positive number, not 0"):
        nnlib.NeuralNetwork([2, 1], learning_rate=0)


def test_stochastic_steps_draw_from_every_row():
    # Only row 0 has a nonzero input, so only a step that draws row 0 moves the first weight.
    X = np.zeros((5, 2))
    X[0, 0] = 1.0
    y = np.array([1.0, 0, 0, 0, 0])
    network = nnlib.NeuralNetwork([2, 1], learning_rate=1.0, seed=0)
    before = network.weights[0][0, 0]
    network.train(X, y, iterations=100, batch_size=1)
    assert network.weights[0][0, 0] > before


def test_a_stochastic_step_is_a_gradient_step_on_the_drawn_row():
    X, y = nnlib.eight_point_data()
    network = nnlib.NeuralNetwork([2, 3, 1], learning_rate=0.5, seed=4)
    expected = copy.deepcopy(network)
    rows = copy.deepcopy(network.rng).integers(0, len(X), size=1)
    weight_grads, bias_grads = expected.gradients(X[rows], y[rows])
    network.train(X, y, iterations=1, batch_size=1)
    for after, before, grad in zip(network.weights + network.biases, expected.weights + expected.biases,
                                   weight_grads + bias_grads):
        np.testing.assert_allclose(after, before - 0.5 * grad, rtol=1e-14)


def test_constructor_defaults():
    network = nnlib.NeuralNetwork([2, 3, 1])
    seeded = nnlib.NeuralNetwork([2, 3, 1], learning_rate=0.1, seed=0, hidden_activation="sigmoid")
    assert (network.learning_rate, network.hidden_activation) == (0.1, "sigmoid")
    for mine, theirs in zip(network.weights, seeded.weights):
        np.testing.assert_array_equal(mine, theirs)


# --- mistakes a learner makes get a clear error, and NumPy numbers are ordinary numbers ---------

@pytest.mark.parametrize("keywords, error, message", [
    (dict(iterations=-1), ValueError, "iterations must be at least 0, not -1"),
    (dict(iterations=2.5), TypeError, "iterations must be a whole number, not 2.5"),
    (dict(iterations=1e4), TypeError, "iterations must be a whole number, not 10000.0 (write 10_000 rather than 10000.0)"),
    (dict(iterations=True), TypeError, "iterations must be a whole number, not True"),
    (dict(iterations="10"), TypeError, "iterations must be a whole number, not '10'"),
    (dict(iterations=5, batch_size=0), ValueError, "batch_size must be at least 1, not 0"),
    (dict(iterations=5, batch_size=-2), ValueError, "batch_size must be at least 1, not -2"),
    (dict(iterations=5, batch_size=9), ValueError, "batch_size must be at most the 8 rows of X (or None for full-batch steps), not 9"),
    (dict(iterations=5, batch_size=0.5), TypeError, "batch_size must be a whole number, not 0.5"),
    (dict(iterations=5, record_every=0), ValueError, "record_every must be at least 1, not 0"),
])
def test_train_rejects_bad_counts_naming_them(keywords, error, message):
    X, y = nnlib.eight_point_data()
    network = nnlib.NeuralNetwork([2, 1])
    before = copy.deepcopy(network.weights)
    with pytest.raises(error) as raised:
        network.train(X, y, **keywords)
    assert str(raised.value) == message
    assert all(np.array_equal(a, b) for a, b in zip(network.weights, before))  # nothing was trained


def test_numpy_numbers_are_ordinary_numbers():
    X, y = nnlib.eight_point_data()
    for learning_rate in (np.float64(0.1), np.float32(0.1), np.array(0.1), 1):
        assert nnlib.NeuralNetwork([2, 1], learning_rate).learning_rate == pytest.approx(0.1 if learning_rate != 1 else 1)
    network = nnlib.NeuralNetwork(np.array([2, 4, 1]), seed=np.int64(1))
    assert network.layer_sizes == [2, 4, 1] and all(type(n) is int for n in network.layer_sizes)
    history = network.train(X, y, np.int64(6), batch_size=np.int64(8), record_every=np.int32(2))
    assert history.shape == (3,)


def test_zero_iterations_train_nothing_and_record_nothing():
    X, y = nnlib.eight_point_data()
    network = nnlib.NeuralNetwork([2, 1])
    assert network.train(X, y, 0).shape == (0,)
    assert network.train(X, y, 5, record_every=10).shape == (1,)  # before step 0 only


@pytest.mark.parametrize("method", ["train", "loss", "gradients"])
def test_an_empty_data_set_is_refused(method):
    network = nnlib.NeuralNetwork([2, 1])
    arguments = (np.zeros((0, 2)), np.zeros(0)) + ((3,) if method == "train" else ())
    with pytest.raises(ValueError, match="^X must hold at least one example"):
        getattr(network, method)(*arguments)
    assert network.predict(np.zeros((0, 2))).shape == (0,)  # no examples, no predictions: fine


@pytest.mark.parametrize("arguments, error, words", [
    (([2, True, 1],), ValueError, "layer_sizes must be a list of at least 2 positive integers ending in 1"),
    (([2, np.True_, 1],), ValueError, "layer_sizes must be a list"),
    ((5,), TypeError, "layer_sizes must be a list of at least 2 positive integers ending in 1, such as [2, 1] or [2, 4, 1], not 5"),
    (("21",), TypeError, "layer_sizes must be a list"),
    ((np.array([[2, 1]]),), ValueError, "layer_sizes must be a list"),
    (([2, 1], True), TypeError, "learning_rate must hold only numbers"),
    (([2, 1], "0.1"), TypeError, "learning_rate must be numbers"),
    (([2, 1], [0.1, 0.2]), ValueError, "learning_rate must have shape () (one number), but it has shape (2,)"),
    (([2, 1], 0.1, -1), ValueError, "seed must be at least 0, not -1"),
    (([2, 1], 0.1, "zero"), TypeError, "seed must be a whole number, not 'zero'"),
    (([2, 1], 0.1, 0, ["relu"]), ValueError, "hidden_activation must be 'sigmoid' or 'relu', not ['relu']"),
])
def test_constructor_mistakes_name_the_argument(arguments, error, words):
    with pytest.raises(error) as raised:
        nnlib.NeuralNetwork(*arguments)
    assert words in str(raised.value), str(raised.value)


def test_a_network_too_big_to_read_about_is_refused_before_anything_is_allocated():
    import tracemalloc

    tracemalloc.start()
    try:
        with pytest.raises(ValueError, match=r"make 1,000,002,000,001 weights and biases; nnlib builds networks of at most 10,000,000"):
            nnlib.NeuralNetwork([1_000_000, 1_000_000, 1])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000
    assert nnlib.NeuralNetwork([2, 2_499_999, 1]).layer_sizes[1] == 2_499_999  # 9,999,997: allowed


def test_after_divergence_the_network_keeps_its_last_finite_weights():
    X, y = nnlib.eight_point_data()
    network = nnlib.NeuralNetwork([2, 8, 8, 1], learning_rate=1e300, seed=0, hidden_activation="relu")
    with pytest.raises(ValueError, match="diverged"):
        network.train(X, y, iterations=100)
    assert all(np.isfinite(array).all() for array in network.weights + network.biases)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # predictions, or a clear error; never NumPy's warnings
        try:
            assert np.isfinite(network.predict(X)).all()
        except ValueError as error:
            assert "train again with a smaller learning_rate" in str(error)


def test_weighted_sums_beyond_the_largest_float_give_the_sigmoids_limit_or_a_clear_error():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert nnlib.make_prediction([1e308, 1e308], [10.0, 10.0], 0.0) == 1.0
        assert nnlib.make_prediction([1e308, 1e308], [-10.0, -10.0], 0.0) == 0.0
        with pytest.raises(ValueError, match="input_vector and weights hold numbers so large"):
            nnlib.make_prediction([1e308, 1e308], [10.0, -10.0], 0.0)
        with pytest.raises(ValueError, match="prediction and target are so far apart"):
            nnlib.mse([1e300], [-1e300])
        network = nnlib.NeuralNetwork([2, 1], seed=0)
        network.weights[0] = np.array([[2.0], [-2.0]])
        assert network.predict([[1e308, -1e308]]) == 1.0  # 2e308 + 2e308: +inf, whose sigmoid is 1
        with pytest.raises(ValueError, match="^the result is not a finite number: X and this network's weights"):
            network.predict([[1e308, 1e308]])  # 2e308 - 2e308: +inf plus -inf


@pytest.mark.parametrize("call, message", [
    (lambda: nnlib.make_prediction([1e308, 1e308], [10.0, -10.0], 0.0),
     "input_vector and weights hold numbers so large that their weighted sum is not a number "
     "(it overflows both ways); rescale them"),
    (lambda: nnlib.mse([], []), "prediction must hold at least one number: the mean of no errors is undefined"),
    (lambda: nnlib.mse([1e300], [-1e300]),
     "prediction and target are so far apart that their squared error overflows (beyond about 1.8e308)"),
    (lambda: nnlib.gradients(np.zeros((0, 2)), WEIGHTS_1, BIAS, []),
     "input_vector must hold at least one example: the mean of no errors is undefined"),
    (lambda: nnlib.gradients([1.0, 1.0], WEIGHTS_1, BIAS, 1e308),
     "input_vector and target hold numbers so large that the gradient overflows (beyond about 1.8e308); rescale them"),
    (lambda: nnlib.NeuralNetwork([2, 1]).loss([[1.0, 2.0]], [1e308]),
     "the result is not a finite number: X and y and this network's weights hold numbers too large to compute "
     "with (a sum or product beyond about 1.8e308). Rescale the data, or train again with a smaller learning_rate."),
    (lambda: nnlib.NeuralNetwork([2, 1]).gradients([[1.0, 4.0]], [1.7e308]),
     "the result is not a finite number: X and y and this network's weights hold numbers too large"),
    (lambda: nnlib.NeuralNetwork([2, 1.5, 1]),
     "layer_sizes must be a list of at least 2 positive integers ending in 1, such as [2, 1] or [2, 4, 1], "
     "not [2, 1.5, 1]"),
    (lambda: nnlib.NeuralNetwork(np.zeros((2, 2), dtype=int)),
     "layer_sizes must be a list of at least 2 positive integers ending in 1, such as [2, 1] or [2, 4, 1], "
     "not array([[0, 0],\n       [0, 0]])"),
    (lambda: nnlib.NeuralNetwork([1, 3_333_334, 1]),
     "layer_sizes [1, 3333334, 1] make 10,000,003 weights and biases; nnlib builds networks of at most 10,000,000"),
])
def test_the_new_messages_in_full(call, message):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # NumPy's overflow warnings must not show either
        with pytest.raises(ValueError) as raised:
            call()
    assert str(raised.value).startswith(message), str(raised.value)


def test_exactly_the_largest_network_is_allowed():
    network = nnlib.NeuralNetwork([1, 3_333_333, 1])
    assert sum(array.size for array in network.weights + network.biases) == nnlib.MAX_PARAMETERS


def test_a_seed_of_none_draws_fresh_weights():
    assert not np.array_equal(nnlib.NeuralNetwork([2, 1], seed=None).weights[0],
                              nnlib.NeuralNetwork([2, 1], seed=None).weights[0])


def test_a_step_that_would_overflow_the_weights_is_not_taken():
    # The error is finite, but a learning rate of 1.7e308 times a gradient above 1 is infinite.
    X, y = nnlib.eight_point_data()
    network = nnlib.NeuralNetwork([2, 1], learning_rate=1.7e308, seed=0)
    before = [array.copy() for array in network.weights + network.biases]
    with pytest.raises(ValueError, match="diverged at iteration 0"):
        network.train(100 * X, y, iterations=3)
    assert all(np.array_equal(a, b) for a, b in zip(before, network.weights + network.biases))


def test_a_whole_float_gets_a_hint_only_when_it_is_written_as_a_count_could_be():
    network, (X, y) = nnlib.NeuralNetwork([2, 1]), nnlib.eight_point_data()
    with pytest.raises(TypeError) as raised:
        network.train(X, y, 1e15)
    assert str(raised.value) == "iterations must be a whole number, not 1000000000000000.0"


def network_with_weights(weights):
    network = nnlib.NeuralNetwork([len(weights), 1])
    network.weights[0] = np.array(weights)
    return network


@pytest.mark.parametrize("call", [
    # Saturated at 1: the slope p (1 - p) is 0, and 0 times an overflowed error is NaN.
    lambda: nnlib.gradients([1e3, 1e3], [1.0, 1.0], BIAS, -1.7e308),
    # Each row's gradient (about -4.5e307) is finite, but the sum of five in the bias's mean
    # overflows; the weights' gradients, scaled by inputs of 1e-10, do not.
    lambda: nnlib.gradients(np.full((5, 2), 1e-10), WEIGHTS_1, BIAS, np.full(5, 0.89e308)),
    # +inf plus -inf inside the network's weighted sum.
    lambda: network_with_weights([[2.0], [2.0]]).loss([[1e308, -1e308]], [1.0]),
    lambda: network_with_weights([[2.0], [2.0]]).gradients([[1e308, -1e308]], [1.0]),
])
def test_overflow_anywhere_gives_a_clear_error_and_no_warning(call):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="overflow|not a finite number"):
            call()
