"""What the course says, computed: each test recomputes a claim a notebook's text or alt text makes.

Each notebook is run once, in this process, from its stored code cells (widget views are
built but not shown); a test then checks a claim against the notebook's own objects, and checks
that the text states the number or direction it computed. A claim that stops being true, or a
text that stops matching its computation, fails here rather than misleading a learner.
"""

import contextlib
import decimal
import functools
import io
import pathlib
import re
import types

import matplotlib
import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pytest

import course.data
import nnlib
from course import measures, plots, widgets

matplotlib.use("Agg")
NOTEBOOKS = pathlib.Path(__file__).resolve().parent.parent / "notebooks"


@functools.lru_cache(maxsize=None)
def run(name):
    """Execute notebook `name` (e.g. "05") top to bottom; returns its namespace and its words.

    The result has `.ns` (the variables its cells left behind), `.text` (every markdown cell,
    code comment and figure description, as a learner reads them) and `.alts` (the stored alt
    texts, in order).
    """
    path = next(NOTEBOOKS.glob(f"{name}_*.ipynb"))
    notebook = nbformat.read(path, as_version=4)
    namespace = {"__name__": f"notebook_{name}"}
    # rc_context: the notebooks' course style must not leak into other tests in this process.
    with contextlib.chdir(path.parent), contextlib.redirect_stdout(io.StringIO()), matplotlib.rc_context():
        for cell in notebook.cells:
            if cell.cell_type == "code":
                exec(compile(cell.source, f"{path.name}", "exec"), namespace)
    plt.close("all")
    alts = [output.get("metadata", {}).get("image/png", {}).get("alt", "")
            for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    alts = [alt for alt in alts if alt]
    text = "\n".join(cell.source for cell in notebook.cells) + "\n" + "\n".join(alts)
    return types.SimpleNamespace(ns=namespace, text=text, alts=alts, notebook=notebook)


def states(name, *phrases):
    """Assert that notebook `name` says each phrase (in prose, a code comment or an alt text)."""
    text = run(name).text
    for phrase in phrases:
        assert phrase in text, f"notebook {name} does not say {phrase!r}"


def right_count(predictions, targets):
    return int(np.sum(nnlib.classify(predictions) == targets))


# 00 · Setting up


def test_00_the_by_hand_steps_are_four_commands():
    block = re.search(r"```bash\n(python3 -m venv.*?)```", run("00").text, re.DOTALL).group(1)
    commands = [line for line in block.splitlines() if line.strip()]
    assert len(commands) == 4
    states("00", "the four commands above")


def test_00_a_stored_slider_shows_the_stand_in_the_text_describes():
    notebook = run("00").notebook
    shown = [output["data"]["text/plain"] for cell in notebook.cells if cell.cell_type == "code"
             for output in cell.outputs if "hello_slider" in cell.source and "data" in output]
    assert len(shown) == 1 and shown[0].startswith("[Interactive:")
    states("00", "starts with `[Interactive:`", "Error displaying widget: model not found")


# 01 · The data and the weighted sum


def test_01_the_weighted_sum_by_hand_and_by_dot_agree_at_1_3774():
    ns = run("01").ns
    assert round(float(ns["by_hand"]), 4) == round(float(ns["with_dot"]), 4) == 1.3774
    states("01", "All three agree.")


def test_01_the_dot_product_with_weights_b_is_almost_twice_that_with_weights_a():
    ns = run("01").ns
    with_a = float(np.dot(ns["input_vector"], ns["weights_a"]))
    with_b = float(np.dot(ns["input_vector"], ns["weights_b"]))
    assert 1.8 < with_b / with_a < 2
    states("01", f"{with_b:.3f}", f"{with_a:.4f}", "almost twice")


def test_01_weights_b_is_about_1_7_times_as_long_and_the_cosines_still_favour_it():
    ns = run("01").ns
    lengths = np.linalg.norm(ns["weights_b"]) / np.linalg.norm(ns["weights_a"])
    cosines = [float(ns["cosine_similarity"](ns["input_vector"], ns[key])) for key in ("weights_a", "weights_b")]
    assert round(lengths, 1) == 1.7
    assert cosines[1] > cosines[0] and cosines[1] / cosines[0] < lengths
    states("01", "about 1.7 times as long", f"{cosines[0]:.4f} and {cosines[1]:.4f}")


def test_01_the_input_arrow_is_above_both_weight_arrows_and_nearer_weights_b():
    angles = run("01").ns["angles"]
    assert angles["input"] > angles["weights_b"] > angles["weights_a"] == 0
    to_b, to_a = angles["input"] - angles["weights_b"], angles["input"] - angles["weights_a"]
    assert to_b < to_a
    states("01", f"about {to_b:.0f}° from `weights_b` and about {to_a:.0f}° from `weights_a`",
           "above both weight arrows")


def test_01_x_at_w_pairs_rows_and_w_at_x_pairs_columns():
    ns = run("01").ns
    X, w = ns["X"], ns["w"]
    assert (X @ w).tolist() == [int(row @ w) for row in X]
    assert (w @ X).tolist() == [int(column @ w) for column in X.T]
    assert (X @ w).tolist() != (w @ X).tolist()
    wrong_order = ns["weights_1"] @ ns["input_vectors"]
    states("01", f"{wrong_order[0]:.3f} and {wrong_order[1]:.3f}", "the columns hold 3 numbers and the weights 2")
    with pytest.raises(ValueError, match="size 3 is different from 2"):
        w @ ns["three_examples"]


def test_01_transpose_times_v_adds_the_rows_weighted_by_v():
    ns = run("01").ns
    rows, v = ns["three_examples"], ns["v"]
    assert (rows.T @ v).tolist() == sum(weight * row for weight, row in zip(v, rows)).tolist()


# 02 · The sigmoid


def test_02_zero_gives_exactly_one_half_which_is_class_1():
    assert float(nnlib.sigmoid(0.0)) == 0.5 and int(nnlib.classify(0.5)) == 1
    states("02", "0 gives exactly 0.5, which is class 1")


def test_02_e_to_the_1000_is_beyond_a_float_and_e_to_the_minus_1000_below_the_smallest():
    exponent = 1000 * np.log10(np.e)
    assert round(exponent) == 434 and exponent > np.log10(np.finfo(float).max)
    assert f"{np.finfo(float).max:.1e}" == "1.8e+308"
    smallest = np.finfo(float).smallest_subnormal
    assert np.exp(-1000.0) == 0.0 < smallest  # e^-1000 is below the smallest float, so it is stored as 0
    assert f"{smallest:.0e}" == "5e-324" and f"{decimal.Decimal(-1000).exp():.0e}" == "5e-435"
    assert 1.0 - np.exp(-700.0) == 1.0  # already 1 - e^-700 is closer to 1 than a float can tell apart
    assert float(nnlib.sigmoid(1000.0)) == 1.0 and float(nnlib.sigmoid(-1000.0)) == 0.0
    states("02", "about $10^{434}$", "$1.8 \\times 10^{308}$", "$e^{-1000} \\approx 5 \\times 10^{-435}$",
           "about $5 \\times 10^{-324}$", "stored as exactly 0", "stored as exactly 1")


def test_02_above_0_99_from_about_4_6_and_almost_flat_from_6_to_8():
    crossing = np.log(0.99 / 0.01)
    assert nnlib.sigmoid(crossing - 0.01) < 0.99 < nnlib.sigmoid(crossing + 0.01)
    rise = float(nnlib.sigmoid(8.0) - nnlib.sigmoid(6.0))
    states("02", f"Beyond about {crossing:.1f}", f"rises by only {rise:.4f}")


def test_02_the_explorer_alt_text_places_the_point_where_the_sigmoid_is():
    alt = run("02").alts[-1]
    x, height = (float(v) for v in re.search(r"weighted sum ([-\d.]+) and height ([\d.]+)", alt).groups())
    assert height == pytest.approx(float(nnlib.sigmoid(x)), abs=5e-4)
    assert ("above" in alt) == (height > 0.5) and "class 1" in alt


# 03 · Predictions


def test_03_the_starting_boundary_is_steep_through_the_origin_with_both_points_below_it():
    ns = run("03").ns
    weights = ns["weights_1"]
    slope = -weights[0] / weights[1]
    assert round(slope, 1) == 2.2
    sums = ns["input_vectors"] @ weights
    assert np.all(sums > 0)
    # below the line x2 = slope * x1 means on the class-1 side: each point's x2 is under it
    assert np.all(ns["input_vectors"][:, 1] < slope * ns["input_vectors"][:, 0])
    states("03", "\\approx 2.2\\,x_1", "points lie below it, on its class-1 side")


def test_03_the_network_is_more_sure_of_its_wrong_answer():
    ns = run("03").ns
    first, second = ns["predictions"]
    assert abs(second - 0.5) > abs(first - 0.5) and second > 0.5 > 0 == ns["targets"][1]
    states("03", "*more* sure of its wrong answer")


def test_03_lowering_w1_turns_the_first_example_wrong_first_and_w1_alone_cannot_fix_both():
    ns = run("03").ns
    inputs, targets, bias = ns["input_vectors"], ns["targets"], ns["bias"]
    w1s = np.arange(1.45, -3.0, -0.001)
    right = np.array([nnlib.classify(nnlib.make_prediction(inputs, [w1, -0.66], bias)) == targets for w1 in w1s])
    first_wrong = w1s[np.argmax(~right[:, 0])]
    second_right = w1s[np.argmax(right[:, 1])]
    assert first_wrong > second_right and not np.any(right.all(axis=1))
    assert abs(ns["first_right_from"] - first_wrong) < 0.002
    assert abs(ns["second_right_below"] - second_right) < 0.002
    states("03", f"at $w_1 \\approx {ns['first_right_from']:.3f}$", f"only below {ns['second_right_below']:.3f}")


def test_03_all_weights_zero_predicts_one_half_everywhere_and_draws_no_line():
    ns = run("03").ns
    predictions = nnlib.make_prediction(ns["input_vectors"], np.zeros(2), np.zeros(1))
    assert np.all(predictions == 0.5) and np.all(nnlib.classify(predictions) == 1)
    assert plots.boundary_points([0.0, 0.0], [0.0], (0, 3.5)) == ([], [])
    states("03", "every prediction exactly 0.5, class 1")


def test_03_scaling_weights_and_bias_keeps_the_line_and_pushes_predictions_out():
    ns = run("03").ns
    inputs, weights, bias = ns["input_vectors"], ns["my_weights"], ns["my_bias"]
    once = nnlib.make_prediction(inputs, weights, bias)
    thirty = nnlib.make_prediction(inputs, 30 * weights, 30 * bias)
    flipped = nnlib.make_prediction(inputs, -weights, -bias)
    assert np.all(nnlib.classify(once) == nnlib.classify(thirty))
    assert np.all(np.abs(thirty - 0.5) > np.abs(once - 0.5))
    assert np.all(nnlib.classify(flipped) != nnlib.classify(once))
    halved = nnlib.make_prediction(inputs, 0.5 * weights, 0.5 * bias)
    assert np.all(np.abs(halved - 0.5) < np.abs(once - 0.5))
    assert np.all(nnlib.make_prediction(inputs, 0 * weights, 0 * bias) == 0.5)
    states("03", "every weighted sum 30 times larger", "swaps its sides", "moves every prediction towards 0.5")


def test_03_the_static_figure_alt_text_draws_its_line_on_the_boundary():
    ns, alt = run("03").ns, run("03").alts[0]
    points = [tuple(map(float, pair)) for pair in re.findall(r"\(([-\d.]+), ([-\d.]+)\)", alt.split("line from")[1])[:2]]
    weights = ns["weights_1"]
    for x1, x2 in points:
        assert abs(weights[0] * x1 + weights[1] * x2) < 0.01
    assert "gets 0.799, right" in alt and "gets 0.871, wrong" in alt


# 04 · The error and its gradient


def test_04_the_shortcut_fixes_one_example_and_breaks_the_other():
    ns = run("04").ns
    shortcut = ns["weights_shortcut"]
    second = float(nnlib.make_prediction(np.array([2, 1.5]), shortcut, ns["bias"])[0])
    first = float(nnlib.make_prediction(ns["first_example"], shortcut, ns["bias"])[0])
    assert second ** 2 < 0.001 and first < 0.5
    states("04", f"from 0.759 to {second ** 2:.4f}", "The first example, right before, is now wrong.")


def test_04_the_sigmoid_slope_here_is_less_than_half_its_steepest():
    ns = run("04").ns
    slope = float(ns["dprediction_dlayer1"][0])
    assert slope < 0.5 * float(nnlib.sigmoid_derivative(0.0)) and float(nnlib.sigmoid_derivative(0.0)) == 0.25
    states("04", f"slope is {slope:.3f}, less than half its steepest, 0.25")


def test_04_one_step_halves_the_error_but_the_example_stays_wrong():
    ns = run("04").ns
    before, after = float(ns["error"][0]), float(np.square(ns["new_prediction"][0]))
    assert 0.45 < after / before < 0.55 and ns["new_prediction"][0] > 0.5
    moved = ns["weights_1"] - ns["new_weights"]
    assert moved[0] / moved[1] == pytest.approx(2 / 1.5)
    states("04", f"from {before:.3f} to {after:.3f}", "halved", f"the prediction, {ns['new_prediction'][0]:.3f}, is still above 0.5",
           f"by {moved[0]:.3f} and {moved[1]:.3f}")


def best_step(ns, rates=np.arange(0, 15.0001, 0.001)):
    dweights, dbias = nnlib.gradients(ns["input_vectors"], ns["weights_1"], ns["bias"], ns["targets"])
    predictions = np.array([nnlib.make_prediction(ns["input_vectors"], ns["weights_1"] - r * dweights,
                                                  ns["bias"] - r * dbias) for r in rates])
    errors = np.mean((predictions - ns["targets"]) ** 2, axis=1)
    return rates, predictions, errors


def test_04_the_best_single_step_is_about_3_7_and_beyond_about_7_5_the_error_is_higher():
    ns = run("04").ns
    rates, _, errors = best_step(ns)
    best = rates[np.argmin(errors)]
    crossing = rates[np.argmax((rates > best) & (errors > errors[0]))]
    assert round(best, 1) == 3.7 and round(crossing, 1) == 7.5
    states("04", "A step of about 3.7 lowers the mean error most", "beyond about 7.5 the error ends up higher")


def test_04_larger_steps_push_the_first_prediction_down_with_the_second():
    rates, predictions, _ = best_step(run("04").ns)
    assert np.all(np.diff(predictions[:, 0]) < 0) and np.all(np.diff(predictions[:, 1]) < 0)
    states("04", "every step pushes the first example's prediction down along with the second's, a larger step further")


def test_04_the_step_with_the_lowest_error_gets_both_examples_wrong():
    ns = run("04").ns
    rates, predictions, errors = best_step(ns)
    at_best = predictions[np.argmin(errors)]
    at_3_7 = predictions[np.argmin(np.abs(rates - 3.7))]
    for chosen in (at_best, at_3_7):
        assert right_count(chosen, ns["targets"]) == 0
    assert right_count(predictions[0], ns["targets"]) == 1
    states("04", f"falls to {at_3_7[0]:.3f}, below 0.5, while the second, {at_3_7[1]:.3f}",
           f"from {errors[0]:.4f} to {errors[np.argmin(np.abs(rates - 3.7))]:.4f}")


def test_04_the_graph_and_its_alt_text_carry_the_computed_gradients():
    ns = run("04").ns
    alt = next(alt for alt in run("04").alts if alt.startswith("A computation graph"))
    for name, value in [("w1", ns["derror_dweights"][0]), ("w2", ns["derror_dweights"][1]), ("b", ns["derror_dbias"][0])]:
        assert f"∂E/∂{name} = {value:.4f}" in alt
    assert f"the error E = {ns['error'][0]:.4f}" in alt
    # "Check the rule on the picture": the two arrows' numbers times the input give the gradient.
    chain = float(ns["derror_dprediction"][0]) * float(ns["dprediction_dlayer1"][0]) * 2
    assert f"{chain:.4f}" == f"{ns['derror_dweights'][0]:.4f}"
    shown = round(float(ns["derror_dprediction"][0]), 4) * round(float(ns["dprediction_dlayer1"][0]), 4) * 2
    states("04", f"is {ns['derror_dprediction'][0]:.4f} × {ns['dprediction_dlayer1'][0]:.4f} × 2 ≈ {shown:.4f} from the numbers "
                 f"as shown, and {chain:.4f}, the number computed above")
    assert f"{ns['derror_dprediction'][0]:.4f} from ŷ to E and {ns['dprediction_dlayer1'][0]:.4f} from z to ŷ" in alt


def test_04_nudged_slopes_settle_at_the_tangents_slope():
    ns = run("04").ns
    slopes = [ns["nudge_slopes"](ns["error_of_w1"], 1.45, [h])[0] for h in (1, 0.1, 0.01, 0.001, 0.0001)]
    tangent = ns["tangent_slope"](1.45)
    assert [abs(s - tangent) for s in slopes] == sorted([abs(s - tangent) for s in slopes], reverse=True)
    assert f"{slopes[-1]:.4f}" == f"{tangent:.4f}" and tangent > 0
    states("04", f"settles at {tangent:.4f}, the tangent's slope", "The slope is positive: raising $w_1$ raises the error")


def test_04_the_sigmoid_slope_is_highest_at_0_and_e_to_the_minus_h_is_nearly_1_minus_h():
    z = np.linspace(-6, 6, 1201)
    slope = nnlib.sigmoid_derivative(z)
    assert z[np.argmax(slope)] == 0 and slope.max() == 0.25 and slope[0] < 0.003
    assert abs(np.exp(-0.001) - (1 - 0.001)) < 1e-6
    alt = next(alt for alt in run("04").alts if alt.startswith("The S-shaped sigmoid"))
    assert "highest, 0.25, at z = 0" in alt and f"it is {float(nnlib.sigmoid_derivative(6.0)):.4f}" in alt
    states("04", "The slope is largest at $z = 0$, where it is $0.5 \\times 0.5 = 0.25$")


def test_04_the_one_way_nudge_of_the_square_is_high_by_h():
    ns, h = run("04").ns, 1e-6
    u = float(nnlib.make_prediction(ns["input_vector"], ns["weights_1"], ns["bias"])[0]) - ns["target"]
    assert ((u + h) ** 2 - u ** 2) / h - float(ns["derror_dprediction"][0]) == pytest.approx(h, rel=1e-3)
    states("04", "The measured value is higher by about $h = 0.000001$: that is the $+ h$ of $2u + h$.")


def test_04_what_the_slope_explorer_should_show():
    ns = run("04").ns
    weights = np.linspace(-3, 4, 7001)
    slopes = np.array([ns["tangent_slope"](w) for w in weights])
    assert round(weights[np.argmax(slopes)], 2) == 0.84 and f"{slopes.max():.4f}" == "0.5926"
    misses = np.array([abs(ns["nudge_slopes"](ns["error_of_w1"], w, [1])[0] - ns["tangent_slope"](w)) for w in weights[::10]])
    assert -0.5 < weights[::10][np.argmax(misses)] < 0.5   # the nudge of 1 misses most near w1 = 0
    big, small = ns["nudge_slopes"](ns["error_of_w1"], 0, [1, 0.001])
    assert all(abs(ns["nudge_slopes"](ns["error_of_w1"], w, [0.001])[0] - ns["tangent_slope"](w)) < 5e-4
               for w in [-2, 0, 0.84, 1.45, 3])
    states("04", f"near $w_1 = 0.84$, where the slope is {slopes.max():.4f}",
           f"so it measures {big:.4f} where the tangent's slope is {ns['tangent_slope'](0):.4f}")


def test_04_a_saturated_or_nearly_right_neuron_gets_small_gradients():
    for w, arrow, size in [([-2.0, -0.66, 0.0], "prediction", 0.02), ([1.5, 1.33, 0.005], "z", 0.007)]:
        z = 2 * w[0] + 1.5 * w[1] + w[2]
        y_hat = float(nnlib.sigmoid(z))
        slope = 2 * y_hat if arrow == "prediction" else y_hat * (1 - y_hat)
        assert slope < size
    y_hat = float(nnlib.sigmoid(5.0))
    states("04", f"the error is large, {y_hat ** 2:.4f}", f"is only {y_hat * (1 - y_hat):.4f}")


def test_04_the_two_step_mean_gradient_lowers_both_weights():
    ns = run("04").ns
    first = nnlib.gradients(ns["input_vectors"][0], ns["weights_1"], ns["bias"], ns["targets"][0])[0]
    second = nnlib.gradients(ns["input_vectors"][1], ns["weights_1"], ns["bias"], ns["targets"][1])[0]
    assert np.all(first < 0) and np.all(second > -first) and np.all((first + second) / 2 > 0)
    assert f"{measures.error_after_step(ns['input_vectors'], ns['targets'], ns['weights_1'], ns['bias'], 1.0):.4f}" == "0.3641"
    states("04", "The mean is positive for both weights, so both go down", "is 0.3641, the mean over both examples")


def test_04_the_live_graph_steps_as_the_text_says():
    from course import graphs

    ns = run("04").ns
    graph = graphs.neuron_graph_explorer(ns["input_vector"], ns["target"], ns["weights_1"], ns["bias"], learning_rate=1.0)
    gradients_at_z = [graphs.neuron_numbers(ns["input_vector"], ns["weights_1"], ns["bias"][0], 0)["gradients"]["z"]]
    for _ in range(2):
        graph.take_step()
        weights = graph.parameters()
        gradients_at_z.append(graphs.neuron_numbers(ns["input_vector"], [weights["w1"], weights["w2"]], weights["b"], 0)
                              ["gradients"]["z"])
    assert [f"{error:.4f}" for error in graph.history] == ["0.7587", "0.3849", "0.0270"]
    states("04", "the error falls from 0.7587 to 0.3849, as above")
    # After two steps the example is right; the second step lowered the error more, as dE/dz grew.
    history = graph.history
    assert ns["after_two"].history == history
    assert 0.45 < history[1] / history[0] < 0.55 and round(history[1] / history[2]) == 14
    assert float(graph.live.text_layer["value prediction"].get_text()) < 0.5 and gradients_at_z[1] > gradients_at_z[0]
    states("04", "After two steps the prediction is below 0.5, so the example is now right",
           "the first halved it, the second took it to about a fourteenth of what was left", "grew, and with it")


def test_04_the_first_examples_bias_gradient_is_negative():
    assert run("04").ns["derror_dbias_first"][0] < 0
    states("04", "Its sign is negative")


def test_04_exercise_2_near_the_best_rate_the_error_is_flat_to_four_decimals():
    from course import checks

    best = checks._best_learning_rate()
    assert abs(3.7 - best) > 0.01  # "3.7 is not close enough"
    assert f"{checks._error_after_step(3.7):.4f}" == f"{checks._error_after_step(best):.4f}"
    states("04", "3.7 and the best rate give the same error to four decimals")


# 05 · Training


def test_05_at_0_001_fewer_points_are_right_than_at_the_start():
    ns = run("05").ns
    start = nnlib.NeuralNetwork([2, 1], 0.001, seed=0)
    slow = nnlib.NeuralNetwork([2, 1], 0.001, seed=0)
    slow.train(ns["input_vectors"], ns["targets"], 10_000)
    assert nnlib.accuracy(start.predict(ns["input_vectors"]), ns["targets"]) == 0.5
    assert nnlib.accuracy(slow.predict(ns["input_vectors"]), ns["targets"]) == 0.375
    states("05", "only 37.5 % of the points are right, fewer than the 50 % at the start, although the error fell")


def test_05_seed_3_starts_far_from_the_others():
    starts = [nnlib.NeuralNetwork([2, 1], 0.1, seed=seed).weights[0][:, 0] for seed in range(5)]
    assert np.round(starts[3], 2).tolist() == [1.44, -1.81]
    sizes = [np.linalg.norm(start) for start in starts]
    assert sizes[3] == max(sizes) and sizes[3] > 3 * sorted(sizes)[-2]
    states("05", "Seed 3 starts far from the others, at weights $[1.44, -1.81]$")


def test_05_seed_3_sits_at_a_local_minimum():
    ns = run("05").ns
    network = nnlib.NeuralNetwork([2, 1], learning_rate=0.1, seed=3)
    states_after = []
    for iterations in [10_000, 100_000, 100_000]:
        network.train(ns["input_vectors"], ns["targets"], iterations)
        slopes = np.concatenate([np.ravel(d) for ds in network.gradients(ns["input_vectors"], ns["targets"]) for d in ds])
        states_after.append((np.append(network.weights[0][:, 0], network.biases[0]), network.error(ns["input_vectors"], ns["targets"]),
                             np.abs(slopes).max()))
    (_, error_10k, slope_10k), (weights_110k, error_110k, slope_110k), (weights_210k, _, slope_210k) = states_after
    assert error_10k - error_110k < 1e-3 and error_110k > 0.29  # hardly changes, and stays above the others' 0.2355
    assert np.abs(weights_210k - weights_110k).max() < 0.001 < np.abs(weights_110k - states_after[0][0]).max()
    assert slope_10k > slope_110k > slope_210k and slope_210k < 1e-8
    np.testing.assert_allclose(ns["seed_3"].weights[0][:, 0], weights_210k[:2])
    states("05", "the last 100,000 iterations move them by less than 0.001", "It finds none better than 6, as the proof says")


def test_05_both_hedge_and_training_wins_by_pushing_3_4_out():
    ns = run("05").ns
    line, trained = ns["line_predictions"], ns["trained"].predict(ns["input_vectors"])
    assert (round(line.min(), 3), round(line.max(), 3)) == (0.364, 0.535)
    assert (round(trained.min(), 2), round(trained.max(), 2)) == (0.37, 0.74)
    assert (round(trained[3], 3), round(line[3], 3)) == (0.738, 0.535) and ns["input_vectors"][3].tolist() == [3, 4]
    assert (round(0.48 ** 2, 2), round(0.52 ** 2, 2)) == (0.23, 0.27) and nnlib.classify(0.52) == 1
    three = nnlib.make_prediction(ns["input_vectors"], 3 * ns["line_weights"], 3 * ns["line_bias"])
    wrong = (nnlib.classify(three) != ns["targets"])
    assert ns["input_vectors"][wrong].tolist() == [[2.0, 1.0], [2.0, 0.5]] and np.all(three[wrong] < 0.0005)
    assert round(ns["line_errors"][-1], 4) == 0.2586
    states("05", "the best multiple of the line between 0.364 and 0.535", "pushing the circle at (3, 4) out to 0.738, where the line leaves it at 0.535",
           "they are predicted 0 (printed `0.`), each costing nearly 1, and the error is 0.2586")


def test_05_at_learning_rate_10_the_error_is_3_of_8_because_the_predictions_are_nearly_0_or_1():
    ns = run("05").ns
    network = nnlib.NeuralNetwork([2, 1], 10, seed=0)
    network.train(ns["input_vectors"], ns["targets"], 10_000)
    costs = (network.predict(ns["input_vectors"]) - ns["targets"]) ** 2
    wrong = nnlib.classify(network.predict(ns["input_vectors"])) != ns["targets"]
    assert wrong.sum() == 3 and np.all(costs[wrong] > 0.99) and np.all(costs[~wrong] < 0.01)
    states("05", "its 3 wrong points cost nearly 1 each and its 5 right ones nearly nothing, and 3 of 8 is 0.375")


def test_05_the_notebooks_accuracy_is_nnlibs():
    accuracy = run("05").ns["accuracy"]
    rng = np.random.default_rng(0)
    for _ in range(20):
        predictions, targets = rng.uniform(0, 1, 9).round(1), rng.integers(0, 2, 9)
        assert accuracy(predictions, targets) == nnlib.accuracy(predictions, targets)
    states("05", "nnlib has the same function, `nnlib.accuracy`")


def test_05_the_error_falls_quickly_then_levels_off():
    errors = run("05").ns["errors"]
    drop = errors[0] - errors[-1]
    assert errors[0] - errors[300] > 0.8 * drop
    assert abs(errors[2000] - errors[-1]) < 0.001 * errors[-1]
    states("05", "The error fell quickly, then stopped falling.")
    assert f"falls quickly to {errors[300]:.3f} by iteration 300, then slowly to {errors[2000]:.4f}" in run("05").alts[0]


def test_05_the_stochastic_error_keeps_jumping_to_the_end():
    ns = run("05").ns
    late = np.array(ns["stochastic_errors"][5_000:])
    assert late.max() - late.min() > 0.1
    states("05", f"between about {late.min():.3f} and {late.max():.3f}")


def test_05_a_learning_rate_of_0_001_is_slow_and_10_ends_with_a_higher_error():
    ns = run("05").ns
    inputs, targets = ns["input_vectors"], ns["targets"]
    slow = nnlib.NeuralNetwork([2, 1], 0.001, seed=0)
    slow.train(inputs, targets, 10_000)
    fast = nnlib.NeuralNetwork([2, 1], 10.0, seed=0)
    history = fast.train(inputs, targets, 10_000)
    start, after_10 = history[0], history[10]
    assert after_10 > 1.9 * start
    assert start > slow.error(inputs, targets) > ns["final_error"] + 0.005
    assert fast.error(inputs, targets) > start
    assert right_count(slow.predict(inputs), targets) == 3 and right_count(fast.predict(inputs), targets) == 5
    states("05", f"it is {slow.error(inputs, targets):.4f}", f"within 10 steps the error jumps from {start:.4f} to {after_10:.4f}",
           f"it ends *higher* than it started, at {fast.error(inputs, targets):.4f}")


def test_05_no_slider_setting_trains_more_than_5_of_8_right():
    assert run("05").ns["most_by_training"] == 5
    states("05", "No setting of the sliders gets more than 5 of the 8 points right.")


def test_05_four_starts_settle_at_0_2355_and_one_at_a_higher_error_with_more_right():
    ns = run("05").ns
    outcomes, ends = [], []
    for seed in range(5):
        network = nnlib.NeuralNetwork([2, 1], learning_rate=0.1, seed=seed)
        network.train(ns["input_vectors"], ns["targets"], 10_000)
        outcomes.append((round(network.error(ns["input_vectors"], ns["targets"]), 4),
                         right_count(network.predict(ns["input_vectors"]), ns["targets"])))
        ends.append(np.append(network.weights[0][:, 0], network.biases[0]))
    assert sorted(outcomes) == [(0.2355, 4)] * 4 + [(0.2999, 5)]
    same_place = [end for end, outcome in zip(ends, outcomes) if outcome == (0.2355, 4)]
    assert all(np.allclose(end, same_place[0], atol=1e-3) for end in same_place)
    states("05", "Four starts end in the same place, with the same weights and bias, error 0.2355 and 4 of 8 right",
           "*higher* error, 0.2999, and *more* right, 5 of 8")


def test_05_the_line_x1_plus_x2_equals_6_gets_6_right_with_a_higher_error_than_training():
    ns = run("05").ns
    inputs, targets = ns["input_vectors"], ns["targets"]
    right = (inputs.sum(axis=1) >= 6).astype(int) == targets  # class 1 on or above the line
    assert right.sum() == 6 and inputs[~right].tolist() == [[2.0, 1.0], [2.0, 0.5]]
    above = inputs[inputs.sum(axis=1) > 6].tolist()
    assert above == [[3.0, 4.0], [5.5, 1.0]]
    scales = np.geomspace(1e-3, 1e3, 20_001)
    lowest = min(nnlib.mse(nnlib.sigmoid(s * (inputs.sum(axis=1) - 6)), targets) for s in scales)
    assert lowest > ns["trained"].error(inputs, targets)
    states("05", "Even the best multiple of this line has a higher error")
    assert round(min(ns["line_errors"]), 4) == round(lowest, 4)


def test_05_no_straight_line_gets_7_of_the_8_points_right():
    inputs, targets = course.data.eight_point_data()
    best = 0
    for angle in np.linspace(0, 2 * np.pi, 36_000, endpoint=False):  # ten times finer than the notebook
        along = inputs @ np.array([np.cos(angle), np.sin(angle)])
        cuts = np.sort(along)
        for cut in np.concatenate([[cuts[0] - 1], (cuts[:-1] + cuts[1:]) / 2, [cuts[-1] + 1]]):
            best = max(best, int(np.sum((along > cut) == targets)))
    assert best == 6 == run("05").ns["most_by_a_line"]
    states("05", "one neuron can get at most 6 of these eight points right")


def test_05_the_joining_segments_cross_at_3_25_1():
    # (2, 1) + s (3.5, 0) = (3, 1.5) + t (0.5, -1), solved for s and t
    s, t = np.linalg.solve([[3.5, -0.5], [0.0, 1.0]], [1.0, 0.5])
    assert 0 <= s <= 1 and 0 <= t <= 1
    assert np.allclose([2 + 3.5 * s, 1.0], [3.25, 1.0]) and np.allclose([3 + 0.5 * t, 1.5 - t], [3.25, 1.0])
    states("05", "they cross, at $(3.25, 1)$")


def crossing(a, b, c, d):
    """Where segment a-b meets segment c-d, or None if they do not meet."""
    a, b, c, d = map(np.asarray, (a, b, c, d))
    directions = np.column_stack([b - a, c - d])
    if abs(np.linalg.det(directions)) < 1e-12:  # parallel: they never cross
        return None
    s, t = np.linalg.solve(directions, c - a)
    return a + s * (b - a) if 0 <= s <= 1 and 0 <= t <= 1 else None


def test_05_two_groups_of_four_each_have_crossing_segments_so_at_most_6_are_right():
    ns = run("05").ns
    points, targets = ns["input_vectors"].tolist(), ns["targets"]
    groups = [([2, 1], [5.5, 1], [3, 1.5], [3.5, 0.5]), ([3, 4], [2, 0.5], [4, 1.5], [1, 1])]
    assert sorted(p for group in groups for p in group) == sorted(points)  # the two groups are all eight points
    for circle_1, circle_2, square_1, square_2 in groups:
        for point, target in [(circle_1, 1), (circle_2, 1), (square_1, 0), (square_2, 0)]:
            assert targets[points.index(point)] == target
    assert np.allclose(crossing(*groups[0]), [3.25, 1.0]) and np.allclose(crossing(*groups[1]), [2.2, 1.2])
    assert crossing([0, 0], [1, 0], [0, 1], [1, 1]) is None and crossing([0, 0], [1, 1], [3, 0], [2, 1]) is None
    states("05", "moving along a segment, $z$ changes steadily (linearly) from its value at one end to its value at the other")
    states("05", "cross the squares $(4, 1.5)$ and $(1, 1)$, joined, at $(2.2, 1.2)$",
           "at most 6 of the 8 right", "The crossing segments rule out 7 and 8, and the search agrees")


def test_05_trainings_boundary_hedges_every_prediction():
    ns = run("05").ns
    predictions = ns["trained"].predict(ns["input_vectors"])
    states("05", f"between {predictions.min():.2f} and {predictions.max():.2f}")


def test_05_the_still_picture_shows_the_explorers_starting_setting():
    explorer = run("05").ns["explorer"]
    assert explorer.sliders["learning_rate"].value == pytest.approx(0.1)  # a FloatLogSlider holds the rate itself
    assert explorer.sliders["iterations"].value == 10_000
    states("05", "the starting setting: learning rate 0.1 and 10,000 iterations")


def test_06_one_neuron_on_xor_shrinks_its_weights_to_zero_and_draws_no_boundary():
    ns = run("06").ns
    single = ns["single"]
    assert np.max(np.abs(single.weights[0])) < 1e-15 and abs(single.biases[0][0]) < 1e-15
    assert not plots.crosses_one_half(plots.probability_grid(single.predict, (-0.5, 1.5)))
    states("06", "below $10^{-15}$", "there is no boundary")
    predictions, targets = single.predict(ns["xor_inputs"]), ns["xor_targets"]
    assert np.all(predictions == 0.5) and np.sum(nnlib.classify(predictions) == targets) == 2
    assert np.all(targets[nnlib.classify(predictions) == targets] == 1)  # right for the two circles
    states("06", "every prediction comes out as exactly 0.5 in the computer's numbers, which counts as class 1, right for the two circles")


def test_06_backpropagation_matches_central_differences_to_a_millionth():
    ns = run("06").ns
    start = nnlib.NeuralNetwork([2, 4, 1], learning_rate=1.0, seed=0)  # the notebook's starting network
    network = ns["HiddenLayerNetwork"](start.weights[0], start.biases[0], start.weights[1][:, 0], start.biases[1], 1.0)
    inputs, targets = ns["xor_inputs"], ns["xor_targets"]
    for name, gradient in zip(["hidden_weights", "hidden_bias", "output_weights", "output_bias"],
                              network.gradients(inputs, targets)):
        measured = ns["central_differences"](network, name, inputs, targets)
        assert np.max(np.abs(measured - gradient)) < 1e-6 * np.max(np.abs(gradient))
    states("06", "Each difference is divided by the largest gradient of its array", "every one is below a millionth")


def test_06_backpropagation_by_hand_is_wrong_without_the_hidden_slope():
    """The check in the notebook can fail: drop the hidden sigmoid's slope and it no longer agrees."""
    ns = run("06").ns
    start = nnlib.NeuralNetwork([2, 4, 1], learning_rate=1.0, seed=0)
    network = ns["HiddenLayerNetwork"](start.weights[0], start.biases[0], start.weights[1][:, 0], start.biases[1], 1.0)
    inputs, targets = ns["xor_inputs"], ns["xor_targets"]
    _, prediction = network.forward(inputs)
    derror_dlayer2 = 2 * (prediction - targets) * prediction * (1 - prediction)
    without_slope = inputs.T @ np.outer(derror_dlayer2, network.output_weights) / len(targets)
    measured = ns["central_differences"](network, "hidden_weights", inputs, targets)
    assert np.max(np.abs(measured - without_slope)) > 1e-3 * np.max(np.abs(measured))


def test_06_one_weights_gradient_is_the_product_of_its_five_factors():
    ns = run("06").ns
    factors = ns["factors"]
    assert list(factors) == ["2(ŷ − y)", "ŷ(1 − ŷ)", "w2_0", "h_0(1 − h_0)", "x_0"]
    x, y = ns["x"], ns["y"]
    assert x.tolist() == [1.0, 0.0] and y == 1
    start = nnlib.NeuralNetwork([2, 4, 1], learning_rate=1.0, seed=0)
    network = ns["HiddenLayerNetwork"](start.weights[0], start.biases[0], start.weights[1][:, 0], start.biases[1], 1.0)
    by_backpropagation = network.gradients(x[np.newaxis, :], np.array([y]))[0][0, 0]
    assert np.prod(list(factors.values())) == pytest.approx(by_backpropagation, rel=1e-12)
    states("06", "the third row of the XOR table, `xor_inputs[2]`: $x = [1, 0]$, with target 1",
           "its gradient is the product of the five links' slopes")
    # the sign and what it does: positive, so W1[0, 0] falls; h_0 falls with it; w2_0 < 0, so ŷ rises
    assert by_backpropagation > 0 and factors["h_0(1 − h_0)"] * factors["x_0"] > 0 and network.output_weights[0] < 0
    states("06", "The product is positive, so gradient descent lowers $W_1[0, 0]$; that lowers $h_0$, and as "
                 "$w_{2,0}$ is negative, it raises $\\hat{y}$")
    per_example = ns["per_example"]
    assert per_example[0] == 0 and per_example[1] == 0 and ns["xor_inputs"][:2, 0].tolist() == [0, 0]
    assert np.mean(per_example) == pytest.approx(network.gradients(ns["xor_inputs"], ns["xor_targets"])[0][0, 0])
    states("06", "The rows $[0, 0]$ and $[0, 1]$ add exactly 0")
    assert ns["xor_targets"][3] == 0 and per_example[3] < 0 < per_example[2]
    assert abs(np.mean(per_example)) < min(abs(per_example[2]), abs(per_example[3]))
    states("06", "The row $[1, 1]$ has target 0, so its $2(\\hat{y} - y)$ is positive and its product negative",
           "The two products partly cancel, and the mean", "divides their sum by 4")


def test_06_the_small_graphs_numbers_are_as_the_text_says():
    from course import graphs

    ns = run("06").ns
    inputs, targets = ns["xor_inputs"], ns["xor_targets"]
    network = nnlib.NeuralNetwork([2, 2, 1], learning_rate=2.0, seed=4)
    assert sum(array.size for array in network.weights + network.biases) == 9
    zero = graphs.hidden_numbers(network, inputs[0], targets[0])["gradients"]
    assert all(zero[f"W1[{i},{j}]"] == 0 for i in range(2) for j in range(2))
    assert zero["b1[0]"] != 0 and zero["b1[1]"] != 0
    states("06", "for $x = [0, 0]$, the four gradients of $W_1$ are 0", "(the biases still get gradients)")
    start = network.predict(inputs)
    errors = list(network.train(inputs, targets, 100))
    after = network.predict(inputs)
    errors += list(network.train(inputs, targets, 900))
    assert (start.min(), start.max()) == pytest.approx((0.29, 0.39), abs=0.005)
    assert (after.min(), after.max()) == pytest.approx((0.45, 0.55), abs=0.005)
    below = int(np.argmax(np.array(errors) < 0.01))
    assert 400 < below <= 500  # during the fifth press of "take 100 steps"
    states("06", "from between 0.29 and 0.39 to between about 0.45 and 0.55", f"from {errors[0]:.4f} to {errors[100]:.4f}",
           f"Below 0.01 after {below} steps means during the fifth press")
    alt = next(alt for alt in run("06").alts if alt.startswith("A computation graph"))
    assert "example 2, x0 = 1, x1 = 0, target 1" in alt


def test_06_hidden_neuron_1_starts_with_small_gradients_because_its_output_weight_is_small():
    from course import graphs

    ns = run("06").ns
    network = nnlib.NeuralNetwork([2, 2, 1], learning_rate=2.0, seed=4)
    numbers = graphs.hidden_numbers(network, ns["xor_inputs"][2], ns["xor_targets"][2])
    assert abs(numbers["values"]["w2[1]"]) < 0.01
    assert f"{numbers['gradients']['z1_1']:.4f}" == "0.0003" and numbers["values"]["x0"] == 1
    states("06", "shows as 0.0003 or so, not 0.0000", "are small because its output weight $w_{2,1}$ is")
    assert numbers["values"]["x1"] == 0 and numbers["gradients"]["W1[1,0]"] == numbers["gradients"]["W1[1,1]"] == 0
    assert all(abs(numbers["gradients"][name]) < 0.002 for name in ("h1", "z1_1", "b1[1]", "W1[0,1]"))
    states("06", "show 0.0000 there for the other reason: in that example $x_1 = 0$")


def test_06_the_moons_noise_moves_a_coordinate_less_than_0_3_about_two_times_in_three():
    clean = course.data.two_moons(100_000, noise=0.0, rng=np.random.default_rng(1))[0]
    noisy = course.data.two_moons(100_000, noise=0.3, rng=np.random.default_rng(1))[0]
    assert np.mean(np.abs(noisy - clean) < 0.3) == pytest.approx(2 / 3, abs=0.02)
    states("06", "less than 0.3 either way about two times in three")


def test_06_exactly_0_5_is_shaded_in_the_palest_orange_band():
    from matplotlib.figure import Figure

    bands = plots.plot_probability(Figure().subplots(), lambda grid: np.full(len(grid), 0.5), (0, 1))
    filled = [i for i, path in enumerate(bands.get_paths()) if len(path.vertices)]
    assert filled == [4] and list(bands.levels[4:6]) == [0.4, 0.5]  # the band from 0.4 up to 0.5
    red, _, blue, _ = bands.cmap(bands.norm(0.45))
    assert red > blue  # the orange side
    states("06", "gets the palest orange (the band from 0.4 up to and including 0.5)")


def test_06_the_hand_written_network_and_nnlib_agree_and_solve_xor():
    ns = run("06").ns
    np.testing.assert_allclose(ns["errors"], ns["nnlib_errors"], rtol=1e-10, atol=0)
    for mine, theirs in zip(ns["by_backpropagation"], ns["by_nnlib"]):
        np.testing.assert_allclose(mine, theirs, rtol=1e-10, atol=0)
    predictions = ns["xor_network"].predict(ns["xor_inputs"])
    assert right_count(predictions, ns["xor_targets"]) == 4
    states("06", "XOR is solved: every point is on its own side of 0.5", "gives the same errors")


def test_06_the_hidden_neurons_lines_are_one_steep_and_three_diagonal_two_nearly_together():
    hidden = run("06").ns["xor_network"]
    weights, biases = hidden.weights[0], hidden.biases[0]
    # each line w . x + b = 0: its direction (degrees, modulo 180) and its distance from the origin
    directions = np.degrees(np.arctan2(-weights[0], weights[1])) % 180
    distances = np.abs(biases) / np.linalg.norm(weights, axis=0)
    steep = np.abs(directions - 90) < 30
    diagonal = np.abs(directions - 135) < 15
    assert steep.sum() == 1 and diagonal.sum() == 3
    pairs = [(i, j) for i in range(4) for j in range(i + 1, 4)
             if abs(directions[i] - directions[j]) < 10 and abs(distances[i] - distances[j]) < 0.05]
    assert len(pairs) == 1
    states("06", "one steep line near the left, and three along the diagonal, two of them close together, in nearly the same direction")


def test_06_a_hidden_layer_gets_xor_and_the_eight_points_all_right():
    ns = run("06").ns
    assert right_count(ns["xor_network"].predict(ns["xor_inputs"]), ns["xor_targets"]) == 4
    assert right_count(ns["snapshots"][-1][1].predict(ns["eight_inputs"]), ns["eight_targets"]) == 8


def test_06_at_iteration_300_only_the_circle_at_3_4_is_on_the_class_1_side():
    ns = run("06").ns
    iteration, saved, _ = ns["snapshots"][2]
    on_class_1_side = ns["eight_inputs"][nnlib.classify(saved.predict(ns["eight_inputs"])) == 1].tolist()
    assert iteration == 300 and on_class_1_side == [[3.0, 4.0]]
    states("06", "every point but the circle at (3, 4) on the orange side")
    just = saved.predict(ns["eight_inputs"][7:8])[0]
    assert ns["eight_inputs"][7].tolist() == [1.0, 1.0] and 0.49 < just < 0.5  # "only just"
    states("06", f"the square at (1, 1) only just, at {just:.3f}")


def test_06_the_64_neuron_network_overfits():
    ns = run("06").ns
    test_errors, train_errors, best = ns["test_errors"], ns["train_errors"], ns["best"]
    assert 0 < best < len(test_errors) - 1 and test_errors[-1] > 1.5 * test_errors[best]
    assert train_errors[-1] < train_errors[best]
    states("06", f"is lowest, {test_errors[best]:.4f}, at iteration {ns['checkpoints'][best]:,}",
           f"climbs to {test_errors[-1]:.4f}")


def test_06_a_narrow_hidden_layer_sits_longer_on_the_flat_stretch():
    ns = run("06").ns
    leaves = {}
    for width in (2, 4):
        errors = nnlib.NeuralNetwork([2, width, 1], learning_rate=1.0, seed=0).train(ns["xor_inputs"], ns["xor_targets"], 5_000)
        leaves[width] = int(np.argmax(np.array(errors) < 0.24))
    assert round(leaves[2], -2) == 2_800 and round(leaves[4], -1) == 560
    narrow = nnlib.NeuralNetwork([2, 2, 1], learning_rate=1.0, seed=0)
    narrow.train(ns["xor_inputs"], ns["xor_targets"], 2_000)
    assert right_count(narrow.predict(ns["xor_inputs"]), ns["xor_targets"]) == 2
    states("06", "after about 2,800 iterations with 2 hidden", "about 560 with 4", "still gets two points wrong")


# 07 · Real data


def test_07_always_saying_benign_would_be_right_62_7_percent_of_the_time():
    targets = run("07").ns["targets"]
    states("07", f"{1 - targets.mean():.1%}".replace("%", " %"))


def test_07_the_accuracies_differ_by_a_single_test_tumour_and_the_test_rows_only_come_near_0_and_1():
    ns = run("07").ns
    rights = [round(nnlib.accuracy(ns[name].predict(ns["X_test"]), ns["y_test"]) * len(ns["y_test"]))
              for name in ("single", "hidden")]
    assert len(ns["y_test"]) == 113 and rights == [110, 111]
    states("07", "97.3 % and 98.2 % of the 113 test tumours are 110 and 111 tumours, a gap of a single tumour")
    means = ns["X_test"].mean(axis=0)
    assert np.abs(means).max() > 0.1  # not exactly 0: "only come near"
    assert np.all(ns["targets"][:5] == 1)
    states("07", "The five rows shown all happen to be malignant")


def test_07_both_networks_reach_97_to_98_percent_on_the_test_rows():
    ns = run("07").ns
    states("07", f"against {np.mean(ns['y_test'] == 0):.1%} for always saying".replace("%", " %"))
    for network in (ns["single"], ns["hidden"]):
        assert 0.97 <= np.mean(nnlib.classify(network.predict(ns["X_test"])) == ns["y_test"]) < 0.985
    states("07", "Both reach about 97 to 98 %")


def test_07_the_test_error_reaches_a_minimum_and_then_rises():
    ns = run("07").ns
    for name, (low_at, low, end), rise in zip(ns["lowest"], ns["lowest"].values(), ("a quarter", "about a tenth")):
        train_errors, test_errors = ns["curves"][name]
        assert low_at < 3_000 and end > low and train_errors[-1] == min(train_errors)
        states("07", f"({low:.4f} to {end:.4f})", f"at iteration {low_at:,}")
    growth = [end / low for _, low, end in ns["lowest"].values()]
    assert round(growth[0] * 4) == 5 and round((growth[1] - 1) * 10) == 1
    states("07", "by a quarter for one neuron", "about a tenth for the hidden layer", "signature of overfitting")


def test_07_one_more_missed_tumour_lowers_the_sensitivity_by_2_7_points():
    ns = run("07").ns
    malignant = int(ns["y_test"].sum())
    states("07", f"{malignant} of them malignant", f"by {100 / malignant:.1f} percentage points")


def test_07_the_safe_threshold_misses_none_and_raises_two_false_alarms():
    ns = run("07").ns
    threshold = ns["safe_threshold"]
    _, missed, false_alarms, _ = measures.confusion_counts(ns["probabilities"], ns["y_test"], threshold)
    _, missed_above, _, _ = measures.confusion_counts(ns["probabilities"], ns["y_test"], threshold + 0.01)
    assert missed == 0 < missed_above and false_alarms == 2
    states("07", f"these {int(ns['y_test'].sum())} malignant test tumours")

