"""The slider callbacks, run without a browser: set a slider, read what the widget shows."""

import re

import numpy as np
import pytest

import course.data
import nnlib
from course import measures, plots, widgets

WEIGHTS_1, BIAS = course.data.first_weights()


def assert_shading_shows(shading, predict, limits):
    """The live figure's probability bands are the ones plot_probability draws for `predict`."""
    from matplotlib.figure import Figure

    expected = plots.plot_probability(Figure().subplots(), predict, limits)
    got_paths, expected_paths = shading.get_paths(), expected.get_paths()
    assert len(got_paths) == len(expected_paths)
    for got, want in zip(got_paths, expected_paths):
        np.testing.assert_allclose(got.vertices, want.vertices)


def table_rows(html):
    """The cells of each <tr> of an HTML table, as lists of strings (header row skipped)."""
    rows = re.findall(r"<tr>(.*?)</tr>", html)
    return [re.findall(r"<td>(.*?)</td>", row) for row in rows if "<td>" in row]


@pytest.fixture
def explorer():
    input_vectors, targets = course.data.two_point_data()
    return widgets.prediction_explorer(nnlib.make_prediction, input_vectors, targets, WEIGHTS_1, BIAS)


def test_hello_slider_label_answers_each_move():
    box = widgets.hello_slider()
    slider, label = box.children
    assert label.value == "3 squared is 9"
    slider.value = 7
    assert label.value == "7 squared is 49"


@pytest.mark.parametrize("weighted_sum", [-3.0, 0.0, 1.3774, 4.5])
def test_sigmoid_explorer_moves_the_point_and_the_numbers(weighted_sum):
    explorer = widgets.sigmoid_explorer(nnlib.sigmoid, weighted_sum=1.0)
    first_png = explorer.live.image.value
    explorer.sliders["weighted_sum"].value = weighted_sum

    probability = float(nnlib.sigmoid(weighted_sum))
    predicted_class = int(nnlib.classify(probability))
    assert f"sigmoid({weighted_sum:.2f}) = {probability:.4f}" in explorer.text.value
    assert f"class {predicted_class}" in explorer.text.value
    point = explorer.live.artists["point"]
    assert point.get_xdata()[0] == weighted_sum
    assert point.get_ydata()[0] == pytest.approx(probability)
    assert explorer.live.image.value != first_png


def test_prediction_explorer_starts_with_the_classic_predictions(explorer):
    rows = table_rows(explorer.text.value)
    assert [row[3] for row in rows] == ["0.7986", "0.8710"]
    assert [row[4] for row in rows] == ["1", "1"]
    assert [row[5] for row in rows] == ["✓ right", "✗ wrong"]
    assert "1 of 2 points classified correctly" in explorer.text.value


@pytest.mark.parametrize("w1, w2, b", [(-1.0, 1.0, 0.0), (2.0, 0.5, -3.0), (0.0, 1.2, -1.8), (1.0, 0.0, -1.8)])
def test_prediction_explorer_follows_every_slider(explorer, w1, w2, b):
    first_png = explorer.live.image.value
    explorer.sliders["w1"].value = w1
    explorer.sliders["w2"].value = w2
    explorer.sliders["b"].value = b

    input_vectors, targets = course.data.two_point_data()
    predictions = nnlib.make_prediction(input_vectors, [w1, w2], [b])
    classes = nnlib.classify(predictions)
    rows = table_rows(explorer.text.value)
    assert [row[3] for row in rows] == [f"{p:.4f}" for p in predictions]
    assert [row[4] for row in rows] == [str(c) for c in classes]
    assert [row[5].endswith("right") for row in rows] == list(classes == targets)

    # The plotted boundary lies on w1*x1 + w2*x2 + b = 0, and the shading is the prediction.
    boundary = explorer.live.artists["boundary"]
    for x1, x2 in zip(boundary.get_xdata(), boundary.get_ydata()):
        assert w1 * x1 + w2 * x2 + b == pytest.approx(0, abs=1e-9)
    assert_shading_shows(explorer.live.artists["shading"], lambda grid: nnlib.make_prediction(grid, [w1, w2], [b]), (0.0, 3.5))
    labels = [explorer.live.artists[f"label {i}"] for i in range(2)]
    assert [label.get_text()[:5] for label in labels] == [f"{p:.3f}" for p in predictions]
    assert explorer.live.image.value != first_png


def test_prediction_explorer_says_when_both_are_right(explorer):
    explorer.sliders["w1"].value = -1.0
    explorer.sliders["w2"].value = 1.0
    assert "1 of 2 points" in explorer.text.value  # [1.66, 1.56] is still on the class-0 side
    explorer.sliders["b"].value = 0.2
    assert "Both points are classified correctly." in explorer.text.value


def test_all_zero_weights_draw_no_boundary(explorer):
    for name in ("w1", "w2", "b"):
        explorer.sliders[name].value = 0.0
    boundary = explorer.live.artists["boundary"]
    assert len(boundary.get_xdata()) == 0
    assert [row[3] for row in table_rows(explorer.text.value)] == ["0.5000", "0.5000"]


def test_static_view_is_the_current_picture_with_a_description(explorer):
    still = explorer.static()
    assert bytes(still.data) == bytes(explorer.live.image.value)
    assert bytes(still.data).startswith(b"\x89PNG")
    assert "boundary" in still.metadata["alt"] or "line" in still.metadata["alt"]


def test_the_still_pictures_description_follows_the_sliders(explorer):
    assert "gets 0.799, right" in explorer.static().metadata["alt"]
    explorer.sliders["w1"].value = -1.0
    explorer.sliders["w2"].value = 1.0
    explorer.sliders["b"].value = 0.2
    alt = explorer.static().metadata["alt"]
    assert "gets 0.525, right" in alt and "gets 0.426, right" in alt
    for name in ("w1", "w2", "b"):
        explorer.sliders[name].value = 0.0
    assert "There is no boundary: every prediction is 0.5." in explorer.static().metadata["alt"]


def test_a_widget_that_cannot_be_drawn_says_what_it_is_and_what_to_do(explorer):
    stand_in = explorer._repr_mimebundle_()["text/plain"]
    assert stand_in.startswith("[Interactive: sliders for the weight w1, the weight w2 and the bias b.")
    assert "notebook 00, section 5" in stand_in
    hello = widgets.hello_slider()._repr_mimebundle_()
    assert hello["text/plain"].startswith("[Interactive: a slider for n") and "model_id" in str(hello)


def test_show_stores_a_figure_built_without_pyplot_as_a_picture(capsys):
    from unittest import mock

    from matplotlib.figure import Figure

    figure = Figure(figsize=(2, 1))
    figure.subplots().plot([0, 1], [0, 1])
    with mock.patch("IPython.display.display") as display:
        plots.show(figure, "A rising line from the lower left to the upper right.")
    shown = display.call_args.args[0]
    assert shown.data.startswith(b"\x89PNG")
    assert shown.metadata == {"alt": "A rising line from the lower left to the upper right."}


def test_live_figure_redraws_in_place(explorer):
    figure = explorer.live.figure
    artists = len(figure.axes[0].get_children())
    explorer.sliders["w1"].value = 0.5
    explorer.sliders["w1"].value = 0.25
    assert explorer.live.figure is figure
    assert len(figure.axes) == 2  # the plot and its colour bar, never more
    assert len(figure.axes[0].get_children()) == artists  # the bands are replaced, not piled up


@pytest.mark.parametrize(
    "weights, bias, expected",
    [([1.0, 1.0], [-2.0], ([0.0, 3.5], [2.0, -1.5])), ([2.0, 0.0], [-3.0], ([1.5, 1.5], [0.0, 3.5])),
     ([0.0, 0.0], [1.0], ([], []))],
)
def test_boundary_points_by_hand(weights, bias, expected):
    assert plots.boundary_points(weights, bias, (0.0, 3.5)) == expected


def test_learning_rate_explorer_shows_the_error_after_one_step():
    input_vectors, targets = course.data.two_point_data()
    explorer = widgets.learning_rate_explorer(input_vectors, targets, WEIGHTS_1, BIAS)
    derror_dweights, derror_dbias = nnlib.gradients(input_vectors, WEIGHTS_1, BIAS, targets)
    before = nnlib.mse(nnlib.make_prediction(input_vectors, WEIGHTS_1, BIAS), targets)
    for rate, verdict in [(0.5, "too timid"), (3.7, "about the best"), (12.0, "overshoot")]:
        explorer.sliders["learning_rate"].value = rate
        after = nnlib.mse(nnlib.make_prediction(input_vectors, WEIGHTS_1 - rate * derror_dweights,
                                                BIAS - rate * derror_dbias), targets)
        assert f"error {before:.4f} → {after:.4f}" in explorer.text.value
        assert verdict in explorer.text.value
        point = explorer.live.artists["point"]
        assert (point.get_xdata()[0], point.get_ydata()[0]) == pytest.approx((rate, after))


def test_training_explorer_retrains_on_each_change():
    input_vectors, targets = course.data.eight_point_data()
    explorer = widgets.training_explorer(lambda rate: nnlib.NeuralNetwork([2, 1], rate, seed=0),
                                         input_vectors, targets, limits=(0, 6), max_iterations=2000)
    explorer.sliders["learning_rate"].value = 1.0
    explorer.sliders["iterations"].value = 1000
    expected = nnlib.NeuralNetwork([2, 1], 1.0, seed=0)
    history = expected.train(input_vectors, targets, 1000)
    accuracy = np.mean(nnlib.classify(expected.predict(input_vectors)) == targets)
    assert f"final error {expected.error(input_vectors, targets):.4f}" in explorer.text.value
    assert f"accuracy {accuracy:.1%}" in explorer.text.value
    curve = explorer.live.artists["curve"]
    np.testing.assert_allclose(curve.get_ydata(), history)
    assert_shading_shows(explorer.live.artists["shading"], expected.predict, (0, 6))


def test_snapshot_explorer_shows_each_saved_moment():
    input_vectors, targets = course.data.xor_data()
    network = nnlib.NeuralNetwork([2, 4, 1], learning_rate=1.0, seed=0)
    snapshots = widgets.record_snapshots(network, input_vectors, targets, [0, 200, 5000])
    assert [iteration for iteration, _, _ in snapshots] == [0, 200, 5000]
    explorer = widgets.snapshot_explorer(snapshots, input_vectors, targets, limits=(-0.5, 1.5))
    for index, (iteration, saved, error) in enumerate(snapshots):
        explorer.sliders["snapshot"].value = index
        assert f"iteration {iteration}</b><br>error {error:.4f}" in explorer.text.value
        assert explorer.live.artists["marker"].get_xdata()[0] == iteration
        assert_shading_shows(explorer.live.artists["shading"], saved.predict, (-0.5, 1.5))
    assert "accuracy 100.0%" in explorer.text.value
    assert snapshots[0][2] > snapshots[-1][2]


def test_training_explorer_reports_divergence_instead_of_plotting_it():
    input_vectors, targets = course.data.eight_point_data()
    rates = []

    def make_network(rate):
        rates.append(rate)
        # Inputs of order 1e300 with weights of order 1e-300 give weighted sums of order 1 but
        # gradients of order 1e299: a learning rate of 1e10 standing in for the slider's value
        # then takes the weights past the largest float, and training diverges.
        network = nnlib.NeuralNetwork([2, 1], 1e10 if rate > 5 else rate, seed=0)
        network.weights = [weights * 1e-300 for weights in network.weights]
        return network

    explorer = widgets.training_explorer(make_network, input_vectors * 1e300, targets, limits=(0, 6),
                                         max_iterations=200)
    explorer.sliders["learning_rate"].value = 10.0
    assert rates[-1] == 10.0
    assert "training diverged" in explorer.text.value and "learning_rate below" in explorer.text.value
    assert len(explorer.live.artists["curve"].get_xdata()) == 0


def test_threshold_explorer_counts_each_kind_of_mistake():
    probabilities = np.array([0.05, 0.3, 0.45, 0.55, 0.7, 0.95])
    targets = np.array([0, 1, 0, 1, 0, 1])
    explorer = widgets.threshold_explorer(probabilities, targets, threshold=0.5)
    assert measures.confusion_counts(probabilities, targets, 0.5) == (2, 1, 1, 2)
    assert "(false negatives): 1" in explorer.text.value and "(false positives): 1" in explorer.text.value
    first_png = explorer.live.image.value
    explorer.sliders["threshold"].value = 0.25
    assert "(false negatives): 0" in explorer.text.value and "(false positives): 2" in explorer.text.value
    assert "sensitivity 1.000, specificity 0.333" in explorer.text.value
    np.testing.assert_array_equal(explorer.live.artists["matrix"].get_array(), [[3, 0], [2, 1]])
    assert explorer.live.artists["line"].get_xdata()[0] == 0.25
    assert explorer.live.image.value != first_png


def test_prediction_explorer_writes_both_formulas_with_the_slider_values(explorer):
    assert explorer.panels[1].value == (
        r"$z = 1.45 \cdot 1.66 + (-0.66) \cdot 1.56 + 0.00 = 1.3774,\quad \hat{y} = \sigma(1.3774) = 0.7986$<br>"
        r"$z = 1.45 \cdot 2 + (-0.66) \cdot 1.5 + 0.00 = 1.9100,\quad \hat{y} = \sigma(1.9100) = 0.8710$")
    explorer.sliders["w1"].value = -1.0
    explorer.sliders["b"].value = 0.25
    input_vectors, _ = course.data.two_point_data()
    sums = input_vectors @ np.array([-1.0, -0.66]) + 0.25
    predictions = nnlib.make_prediction(input_vectors, [-1.0, -0.66], [0.25])
    for line, x, z, p in zip(explorer.panels[1].value.split("<br>"), input_vectors, sums, predictions):
        assert line == (rf"$z = (-1.00) \cdot {x[0]:g} + (-0.66) \cdot {x[1]:g} + 0.25 = {z:.4f},"
                        rf"\quad \hat{{y}} = \sigma({z:.4f}) = {p:.4f}$")
