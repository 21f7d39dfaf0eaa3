"""The live computation graphs and the slope explorer, run without a browser: every number they
show is compared with what nnlib computes for the current slider values."""

import re

import numpy as np
import pytest

import course.data
import nnlib
from course import graphs, widgets

INPUT_VECTOR, TARGET = np.array([2.0, 1.5]), 0
WEIGHTS_1, BIAS = course.data.first_weights()


def table_rows(html):
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", html)
    return [re.findall(r"<td>(.*?)</td>", row) for row in rows if "<td>" in row]


def shown(explorer, name):
    """The text the graph shows as `name`, read from the HTML laid over its picture."""
    import html

    found = re.findall(rf'<span data-name="{re.escape(name)}" [^>]*>(.*?)</span>', explorer.live.layer.value)
    assert len(found) == 1, name
    return html.unescape(found[0])


def nnlib_numbers(weights, bias, input_vector=INPUT_VECTOR, target=TARGET):
    """The values and gradients of the one-neuron graph, from nnlib's own functions."""
    weights, bias = np.asarray(weights, dtype=float), np.array([bias], dtype=float)
    prediction = float(nnlib.make_prediction(input_vector, weights, bias)[0])
    derror_dweights, derror_dbias = nnlib.gradients(input_vector, weights, bias, target)
    return dict(prediction=prediction, error=nnlib.mse(np.array([prediction]), target),
                z=float(input_vector @ weights + bias[0]), w1=derror_dweights[0], w2=derror_dweights[1],
                b=derror_dbias[0])


@pytest.fixture
def neuron():
    return graphs.neuron_graph_explorer(INPUT_VECTOR, TARGET, WEIGHTS_1, BIAS)


def test_the_neuron_graph_starts_with_notebook_04s_numbers(neuron):
    assert shown(neuron, "value prediction") == "0.8710"
    assert shown(neuron, "value error") == "0.7587"
    assert shown(neuron, "gradient w1") == "0.3914"
    assert shown(neuron, "gradient w2") == "0.2936"
    assert shown(neuron, "gradient b") == "0.1957"
    assert shown(neuron, "edge prediction").endswith("= 1.7420")
    assert shown(neuron, "edge z").endswith("= 0.1123")
    assert neuron.panels[1].value.startswith(
        r"$\hat{y} = \sigma(1.4500 \cdot 2 + (-0.6600) \cdot 1.5 + 0.0000) = \sigma(1.9100) = 0.8710$")


@pytest.mark.parametrize("w1, w2, b", [(0.3, -1.2, 0.5), (-2.0, 1.0, -0.25), (3.5, 2.0, 1.0), (0.0, 0.0, 0.0)])
def test_every_number_in_the_neuron_graph_follows_the_sliders(neuron, w1, w2, b):
    neuron.sliders["w1"].value, neuron.sliders["w2"].value, neuron.sliders["b"].value = w1, w2, b
    expected = nnlib_numbers([w1, w2], b)
    assert shown(neuron, "value z") == f"{expected['z']:.4f}"
    assert shown(neuron, "value prediction") == f"{expected['prediction']:.4f}"
    assert shown(neuron, "value error") == f"{expected['error']:.4f}"
    for name in ("w1", "w2", "b"):
        assert shown(neuron, f"gradient {name}") == f"{expected[name]:.4f}"
    # The gradient at each node is the one after it times the slope on the arrow between them.
    numbers = graphs.neuron_numbers(INPUT_VECTOR, [w1, w2], b, TARGET)
    assert numbers["gradients"]["w1"] == pytest.approx(
        numbers["local"]["prediction"] * numbers["local"]["z"] * numbers["local"]["w1"], rel=1e-12)
    rows = {row[0]: row[1:] for row in table_rows(neuron.panels[0].value)}
    assert rows["ŷ"][:2] == [f"{expected['prediction']:.4f}", f"{2 * (expected['prediction'] - TARGET):.4f}"]
    assert rows["w₁"][1] == f"{expected['w1']:.4f}"
    assert rows["w₁"][2] == f"{w1 - 1.0 * expected['w1']:.4f}"  # after a step of η = 1
    assert f"{expected['prediction']:.4f}" in neuron.static().metadata["alt"]


def test_a_step_moves_the_weights_by_exactly_nnlibs_gradient_step_and_lowers_the_error(neuron):
    neuron.sliders["learning_rate"].value = 0.5
    for _ in range(3):
        before = neuron.parameters()
        weights, bias = np.array([before["w1"], before["w2"]]), np.array([before["b"]])
        derror_dweights, derror_dbias = nnlib.gradients(INPUT_VECTOR, weights, bias, TARGET)
        error_before = nnlib_numbers(weights, bias[0])["error"]
        neuron.buttons["step"].click()
        after = neuron.parameters()
        np.testing.assert_array_equal([after["w1"], after["w2"]], weights - 0.5 * derror_dweights)
        assert after["b"] == bias[0] - 0.5 * derror_dbias[0]
        # The sliders show the new weights rounded to their step; the graph shows them exactly.
        assert {name: neuron.sliders[name].value for name in after} == {name: round(v, 2) for name, v in after.items()}
        expected = nnlib_numbers([after["w1"], after["w2"]], after["b"])
        assert expected["error"] < error_before
        assert neuron.history[-2:] == pytest.approx([error_before, expected["error"]], rel=1e-12)
        assert shown(neuron, "value error") == f"{expected['error']:.4f}"
        assert shown(neuron, "gradient w1") == f"{expected['w1']:.4f}"
    assert len(neuron.history) == 4
    assert "3 steps taken" in neuron.panels[0].value
    assert neuron.live.artists["history"].get_ydata() == pytest.approx(neuron.history)


def test_moving_a_weight_by_hand_starts_a_new_history_and_the_learning_rate_does_not(neuron):
    neuron.buttons["step"].click()
    neuron.sliders["learning_rate"].value = 2.0
    assert len(neuron.history) == 2
    neuron.sliders["b"].value = 0.5
    stepped = neuron.values()   # after a move by hand the sliders' values are the weights
    assert neuron.parameters() == dict(w1=stepped["w1"], w2=stepped["w2"], b=0.5)
    assert neuron.history == [pytest.approx(nnlib_numbers([stepped["w1"], stepped["w2"]], 0.5)["error"], rel=1e-12)]
    assert "0 steps taken" in neuron.panels[0].value
    neuron.buttons["reset"].click()
    assert neuron.values() == dict(w1=1.45, w2=-0.66, b=0.0, learning_rate=2.0)
    assert len(neuron.history) == 1


def test_a_value_past_a_sliders_end_widens_the_slider_instead_of_being_clipped(neuron):
    neuron.set_values(w1=5.3, b=-6.2)
    assert (neuron.sliders["w1"].max, neuron.sliders["b"].min) == (6.0, -7.0)
    assert neuron.parameters() == dict(w1=5.3, w2=-0.66, b=-6.2)
    assert shown(neuron, "value z") == f"{2 * 5.3 + 1.5 * -0.66 - 6.2:.4f}"


# --- the hidden layer ------------------------------------------------------------------------

@pytest.fixture
def xor():
    return course.data.xor_data()


def test_hidden_numbers_are_per_example_gradients_whose_mean_is_nnlibs(xor):
    inputs, targets = xor
    network = nnlib.NeuralNetwork([2, 2, 1], learning_rate=2.0, seed=4)
    per_example = [graphs.hidden_numbers(network, x, y) for x, y in zip(inputs, targets)]
    mean = graphs.mean_gradients(network, inputs, targets)
    for name in graphs.HIDDEN_PARAMETERS:
        assert np.mean([numbers["gradients"][name] for numbers in per_example]) == pytest.approx(mean[name], abs=1e-15)
    predictions = network.predict(inputs)
    assert [numbers["values"]["prediction"] for numbers in per_example] == pytest.approx(predictions, rel=1e-14)
    # Each example's gradient of W1[0, 0] against central differences of its own error.
    nudge = 1e-6
    for k, (x, y) in enumerate(zip(inputs, targets)):
        original = network.weights[0][0, 0]
        errors = []
        for change in (nudge, -nudge):
            network.weights[0][0, 0] = original + change
            errors.append((network.predict(x[np.newaxis])[0] - y) ** 2)
        network.weights[0][0, 0] = original
        assert per_example[k]["gradients"]["W1[0,0]"] == pytest.approx((errors[0] - errors[1]) / (2 * nudge), abs=1e-9)


def test_the_hidden_graph_trains_exactly_as_nnlib_does(xor):
    inputs, targets = xor
    explorer = graphs.hidden_graph_explorer(nnlib.NeuralNetwork([2, 2, 1], learning_rate=2.0, seed=4), inputs, targets)
    twin = nnlib.NeuralNetwork([2, 2, 1], learning_rate=2.0, seed=4)
    start = twin.error(inputs, targets)
    explorer.buttons["step"].click()
    explorer.buttons["hundred"].click()
    errors = twin.train(inputs, targets, 101)
    assert explorer.history == pytest.approx(list(errors) + [twin.error(inputs, targets)], rel=1e-12)
    assert explorer.history[0] == start and explorer.history[-1] < start
    numbers = graphs.hidden_numbers(twin, inputs[2], targets[2])
    assert shown(explorer, "value prediction") == f"{numbers['values']['prediction']:.4f}"
    assert shown(explorer, "gradient W1[0,0]") == f"{numbers['gradients']['W1[0,0]']:z.4f}"
    rows = {row[0]: row[1:] for row in table_rows(explorer.panels[0].value)}
    mean = graphs.mean_gradients(twin, inputs, targets)
    for name, label in (("W1[0,0]", "W₁[0,0]"), ("b1[1]", "b₁,₁"), ("w2[0]", "w₂,₀"), ("b2", "b₂")):
        assert rows[label] == [f"{numbers['values'][name]:.4f}", f"{numbers['gradients'][name]:.4f}", f"{mean[name]:.4f}"]
    assert "101 steps taken" in explorer.panels[0].value
    explorer.buttons["reset"].click()
    assert explorer.history == [start]


def test_choosing_an_example_shows_its_own_forward_and_backward_pass(xor):
    inputs, targets = xor
    explorer = graphs.hidden_graph_explorer(nnlib.NeuralNetwork([2, 2, 1], learning_rate=2.0, seed=4), inputs, targets)
    network = nnlib.NeuralNetwork([2, 2, 1], learning_rate=2.0, seed=4)
    for k in (0, 3, 1):
        explorer.sliders["example"].value = k
        numbers = graphs.hidden_numbers(network, inputs[k], targets[k])
        assert shown(explorer, "value x0") == f"{inputs[k][0]:g}"
        assert shown(explorer, "value error") == f"{numbers['values']['error']:.4f}"
        assert shown(explorer, "gradient h1") == f"{numbers['gradients']['h1']:z.4f}"
        assert f"example {k}" in explorer.panels[0].value
        assert f"{numbers['gradients']['W1[0,0]']:.4f}$" in explorer.panels[1].value
        assert f"example {k}, x0 = {inputs[k][0]:g}" in explorer.static().metadata["alt"]


# --- the slope explorer ----------------------------------------------------------------------

def error_of(w1):
    return nnlib.mse(nnlib.make_prediction(INPUT_VECTOR, np.array([w1, -0.66]), np.zeros(1)), TARGET)


def slope_of(w1):
    return float(nnlib.gradients(INPUT_VECTOR, np.array([w1, -0.66]), np.zeros(1), TARGET)[0][0])


@pytest.mark.parametrize("weight", [1.45, -1.0, 0.4, 3.0])
def test_nudged_slopes_approach_the_tangents_slope(weight):
    explorer = widgets.slope_explorer(error_of, slope_of, weight, (-3.0, 4.0))
    slopes = widgets.nudge_slopes(error_of, weight, (1.0, 0.1, 0.01, 0.001))
    gaps = [abs(slope - slope_of(weight)) for slope in slopes]
    assert gaps == sorted(gaps, reverse=True) and gaps[-1] < 1e-3
    rows = table_rows(explorer.text.value)
    assert rows == [[f"{h:g}", f"{s:.4f}"] for h, s in zip((1.0, 0.1, 0.01, 0.001), slopes)] + \
        [["tangent", f"{slope_of(weight):.4f}"]]
    explorer.sliders["nudge"].value = 0.01
    (x0, x1), (y0, y1) = explorer.live.artists["secant"].get_data()
    assert (y1 - y0) / (x1 - x0) == pytest.approx(slopes[2])
    (x0, x1), (y0, y1) = explorer.live.artists["tangent"].get_data()
    assert (y1 - y0) / (x1 - x0) == pytest.approx(slope_of(weight))
    assert explorer.live.artists["nudged"].get_xdata()[0] == weight + 0.01
    assert '<tr style="font-weight: bold"><td>0.01</td>' in explorer.text.value


def test_the_slope_explorer_follows_the_weight():
    explorer = widgets.slope_explorer(error_of, slope_of, 1.45, (-3.0, 4.0))
    explorer.sliders["weight"].value = -0.5
    assert explorer.live.artists["point"].get_ydata()[0] == pytest.approx(error_of(-0.5))
    assert f"<td>tangent</td><td>{slope_of(-0.5):.4f}</td>" in explorer.text.value
    assert f"slope {slope_of(-0.5):.4f}" in explorer.static().metadata["alt"]


def test_the_sliders_show_a_step_on_their_own_grid_so_the_browser_has_nothing_to_round(neuron):
    """In JupyterLab a slider snaps a value set from Python to its step (0.01) and sends it back,
    once per view; a value already on the grid is left alone, and no echo can undo a step."""
    for _ in range(2):
        neuron.buttons["step"].click()
    exact, text = neuron.parameters(), neuron.panels[0].value
    for name in ("w1", "w2", "b"):
        value = neuron.sliders[name].value
        assert value == round(value, 2) and abs(value - exact[name]) <= 0.005
        neuron.sliders[name].value = -4.0 + round((value + 4.0) / 0.01) * 0.01   # the browser's float for it
    assert len(neuron.history) == 3 and neuron.panels[0].value == text and neuron.parameters() == exact
    neuron.buttons["step"].click()   # the next step starts from the exact numbers, not the rounded ones
    weights, bias = np.array([exact["w1"], exact["w2"]]), np.array([exact["b"]])
    derror_dweights, _ = nnlib.gradients(INPUT_VECTOR, weights, bias, TARGET)
    assert neuron.parameters()["w1"] == weights[0] - 1.0 * derror_dweights[0]
    neuron.sliders["w1"].value = neuron.sliders["w1"].value - 0.01   # a real move by hand
    assert len(neuron.history) == 1


def test_a_weight_move_sends_only_numbers_and_the_still_picture_draws_them_in(neuron):
    png = neuron.live.image.value
    neuron.sliders["w1"].value = 1.0
    assert neuron.live.image.value == png   # no step taken: the same picture, new numbers laid over it
    assert shown(neuron, "value w1") == "1.0000"
    width, height = neuron.live.canvas.get_width_height()
    for x, y, _ in neuron.live._places.values():
        assert 0 < x < width and 0 < y < height
    assert bytes(neuron.static().data) != bytes(png)   # the still picture has the numbers drawn in
    neuron.buttons["step"].click()
    assert neuron.live.image.value != png   # a step adds to the history: a new picture
