"""The course's explorers: sliders, numbers, and figures redrawn in place.

Each explorer is a short function on the shared core of `course.live` (live figure, named
moving artists, sliders, wiring). What it shows in words comes from one `..._text` function,
which the tests call too. The computation graphs of notebooks 04 and 06 are in `course.graphs`.
"""

import numpy as np

import nnlib
from course import measures, plots
from course.live import Explorer, LiveFigure, slider, text_panel, with_stand_in


def hello_slider():
    """A tiny slider whose label answers each move: proof that widgets render.

    Returns an ipywidgets.VBox holding an IntSlider and a Label.
    """
    import ipywidgets

    slider = ipywidgets.IntSlider(value=3, min=0, max=10, description="n")
    label = ipywidgets.Label()

    def show_square(change=None):
        label.value = f"{slider.value} squared is {slider.value ** 2}"

    class SliderAndLabel(ipywidgets.VBox):
        def _repr_mimebundle_(self, **kwargs):
            return with_stand_in(super()._repr_mimebundle_(**kwargs), "a slider for n and a label that squares it")

    slider.observe(show_square, names="value")
    show_square()
    return SliderAndLabel([slider, label])


def sigmoid_text(weighted_sum, probability):
    """What the sigmoid explorer says for a weighted sum and its sigmoid (HTML)."""
    predicted_class = int(nnlib.classify(probability))
    return (f"<b>sigmoid({weighted_sum:.2f}) = {probability:.4f}</b><br>"
            f"{'at or above' if predicted_class else 'below'} 0.5, so class {predicted_class}")


def sigmoid_explorer(sigmoid, weighted_sum=1.0, limits=(-8.0, 8.0)):
    """A slider on the weighted sum that moves a point along the sigmoid curve.

    sigmoid: the function to show, array (n,) -> array (n,). weighted_sum: the start value.
    Returns an Explorer whose slider is `sliders["weighted_sum"]`; its moving artists are
    "guide", "point" and "title".
    """
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    with rc_context(plots.course_rc()):
        figure = Figure(figsize=(6.4, 4.0), layout="constrained")
        ax = figure.subplots()
        curve_x = np.linspace(*limits, 400)
        ax.plot(curve_x, sigmoid(curve_x), color=plots.BLUE, label="sigmoid(x)")
        ax.axhline(0.5, color=plots.DARK_GREY, linestyle="--", linewidth=1.5, label="threshold 0.5")
        guide, = ax.plot([], [], color=plots.GREY, linestyle=":", linewidth=1.5)
        point, = ax.plot([], [], "o", color=plots.ORANGE, markeredgecolor="black", markersize=12)
        ax.set(xlim=limits, ylim=(-0.05, 1.05), xlabel="weighted sum x", ylabel="sigmoid(x)")
        ax.legend(loc="upper left")
        title = ax.set_title(" ")
    live = LiveFigure(figure, {"guide": guide, "point": point, "title": title})
    text = text_panel()

    def update(weighted_sum):
        probability = float(sigmoid(np.array([weighted_sum]))[0])
        predicted_class = int(nnlib.classify(probability))
        text.value = sigmoid_text(weighted_sum, probability)
        guide.set_data([limits[0], weighted_sum, weighted_sum], [probability, probability, 0])
        point.set_data([weighted_sum], [probability])
        title.set_text(f"sigmoid({weighted_sum:.2f}) = {probability:.3f}  →  class {predicted_class}")
        live.redraw()
        side = "on" if probability == 0.5 else "above" if probability > 0.5 else "below"
        return (f"The S-shaped sigmoid curve for weighted sums from {limits[0]:g} to {limits[1]:g}, with a point "
                f"at weighted sum {weighted_sum:.2f} and height {probability:.3f}, {side} the dashed line at 0.5: "
                f"class {predicted_class}.")

    return Explorer({"weighted_sum": slider("weighted sum", weighted_sum, limits[0], limits[1], 0.1)},
                    [text], live, update)


def nudge_slopes(error_of, weight, nudges):
    """The slope measured by nudging: (error_of(weight + h) - error_of(weight)) / h for each h.

    error_of: a number -> a number; nudges: the sizes h. Returns a list of floats.
    """
    return [(error_of(weight + h) - error_of(weight)) / h for h in nudges]


def slope_text(weight, nudges, slopes, chosen, exact_slope):
    """What the slope explorer says: every nudge's measured slope, the chosen one in bold (HTML)."""
    bold = ' style="font-weight: bold"'
    rows = "".join(f"<tr{bold if h == chosen else ''}><td>{h:g}</td><td>{slope:.4f}</td></tr>"
                   for h, slope in zip(nudges, slopes))
    return (f"<b>w₁ = {weight:.2f}</b><br>"
            f'<table style="white-space: nowrap"><tr><th>nudge h</th><th>measured slope</th></tr>{rows}'
            f"<tr><td>tangent</td><td>{exact_slope:.4f}</td></tr></table>")


def slope_explorer(error_of, slope_of, weight, limits, nudges=(1.0, 0.1, 0.01, 0.001)):
    """A slider on one weight: the error curve, the tangent at the weight, and the slope
    measured by nudging the weight by h (a second slider), which nears the tangent's as h shrinks.

    error_of: weight -> error, for numbers; slope_of: weight -> the exact slope there (the
    tangent's); weight: the start; limits: (lo, hi) of the weight axis; nudges: the sizes h,
    largest first. Returns an Explorer with sliders "weight" and "nudge"; its moving artists
    are "tangent", "secant", "nudged", "point" and "title".
    """
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    curve_w = np.linspace(*limits, 400)
    curve_e = np.array([error_of(w) for w in curve_w])
    with rc_context(plots.course_rc()):
        figure = Figure(figsize=(6.4, 4.4), layout="constrained")
        ax = figure.subplots()
        ax.plot(curve_w, curve_e, color=plots.BLUE, label="error E as $w_1$ changes")
        tangent, = ax.plot([], [], color="black", linestyle="-", linewidth=1.5, label="tangent: the slope at $w_1$")
        secant, = ax.plot([], [], color=plots.ORANGE, linestyle="--", linewidth=2,
                          label="through the nudged point")
        nudged, = ax.plot([], [], "s", color=plots.ORANGE, markeredgecolor="black", markersize=8)
        point, = ax.plot([], [], "o", color=plots.BLUE, markeredgecolor="black", markersize=10)
        span = max(curve_e) - min(curve_e)
        ax.set(xlim=limits, ylim=(min(curve_e) - 0.1 * span, max(curve_e) + 0.15 * span),
               xlabel="weight $w_1$", ylabel="error E")
        ax.legend(loc="upper left", fontsize=10)
        title = ax.set_title(" ")
    live = LiveFigure(figure, {"tangent": tangent, "secant": secant, "nudged": nudged, "point": point,
                               "title": title})
    text = text_panel(height="11em")
    reach = (limits[1] - limits[0]) / 6  # how far each straight line is drawn on either side

    def update(weight, nudge):
        error, exact = error_of(weight), slope_of(weight)
        slopes = nudge_slopes(error_of, weight, nudges)
        measured = slopes[list(nudges).index(nudge)]
        text.value = slope_text(weight, nudges, slopes, nudge, exact)
        ends = np.array([weight - reach, weight + reach])
        tangent.set_data(ends, error + exact * (ends - weight))
        secant.set_data(ends, error + measured * (ends - weight))
        nudged.set_data([weight + nudge], [error_of(weight + nudge)])
        point.set_data([weight], [error])
        title.set_text(f"$w_1$ = {weight:.2f}: slope {exact:.4f}; nudge {nudge:g} measures {measured:.4f}")
        live.redraw()
        return (f"The error E as the weight w1 goes from {limits[0]:g} to {limits[1]:g}: a curve from "
                f"{curve_e[0]:.3f} to {curve_e[-1]:.3f}. A point marks w1 = {weight:.2f}, where E = {error:.4f}; a "
                f"black tangent line through it has slope {exact:.4f}, and a dashed orange line through it and the "
                f"point nudged by h = {nudge:g} has slope {measured:.4f}.")

    sliders = {"weight": slider("weight w1", weight, limits[0], limits[1], 0.01),
               "nudge": slider("nudge h", nudges[0], [(f"{h:g}", h) for h in nudges], None, None, kind="choice")}
    return Explorer(sliders, [text], live, update)


def prediction_table(make_prediction, input_vectors, targets, weights, bias):
    """The numbers the prediction explorer shows, one dict per example.

    input_vectors: (n, 2); targets: (n,); weights: (2,); bias: () or (1,).
    Each dict has input_vector, target, weighted_sum, prediction, predicted_class, correct.
    """
    input_vectors = np.asarray(input_vectors, dtype=float)
    predictions = make_prediction(input_vectors, weights, bias)
    weighted_sums = input_vectors @ np.asarray(weights, dtype=float) + float(np.ravel(bias)[0])
    rows = []
    for input_vector, target, weighted_sum, prediction in zip(
        input_vectors, targets, weighted_sums, predictions
    ):
        predicted_class = int(nnlib.classify(prediction))
        rows.append(dict(
            input_vector=[float(v) for v in input_vector], target=int(target),
            weighted_sum=float(weighted_sum), prediction=float(prediction),
            predicted_class=predicted_class, correct=predicted_class == int(target),
        ))
    return rows


def prediction_text(rows):
    """What the prediction explorer's table says: prediction_table's rows as HTML."""
    header = "<tr><th>input vector</th><th>target</th><th>weighted sum</th>" \
             "<th>prediction</th><th>class</th><th></th></tr>"
    body = "".join(
        f"<tr><td>[{row['input_vector'][0]:g}, {row['input_vector'][1]:g}]</td>"
        f"<td>{row['target']}</td><td>{row['weighted_sum']:.4f}</td>"
        f"<td>{row['prediction']:.4f}</td><td>{row['predicted_class']}</td>"
        f"<td>{'✓ right' if row['correct'] else '✗ wrong'}</td></tr>"
        for row in rows
    )
    n_right = sum(row["correct"] for row in rows)
    verdict = "Both points are classified correctly." if n_right == len(rows) \
        else f"{n_right} of {len(rows)} points classified correctly."
    return f'<table style="white-space: nowrap">{header}{body}</table><b>{verdict}</b>'


def signed(number, digits=2):
    """A number for a formula, negative ones in brackets: 1.45 -> '1.45', -0.66 -> '(-0.66)'."""
    text = f"{number:.{digits}f}".replace("-0.00", "0.00")
    return f"({text})" if text.startswith("-") else text


def prediction_formulas(rows, weights, bias):
    """The two steps of notebook 03 with the current numbers in, one line per example (LaTeX).

    rows: prediction_table's rows; weights: (2,); bias: a number.
    """
    (w1, w2), b = weights, bias
    lines = []
    for row in rows:
        x1, x2 = row["input_vector"]
        lines.append(f"$z = {signed(w1)} \\cdot {x1:g} + {signed(w2)} \\cdot {x2:g} + {signed(b)} "
                     f"= {row['weighted_sum']:.4f},\\quad \\hat{{y}} = \\sigma({row['weighted_sum']:.4f}) "
                     f"= {row['prediction']:.4f}$")
    return "<br>".join(lines)


def prediction_explorer(make_prediction, input_vectors, targets, weights, bias, limits=(0.0, 3.5)):
    """Sliders on both weights and the bias; live formulas, predictions, classes and boundary.

    make_prediction: (n, 2) inputs, (2,) weights, (1,) bias -> (n,) probabilities.
    input_vectors: (n, 2); targets: (n,); weights: (2,) start values; bias: (1,) start value.
    Returns an Explorer with sliders "w1", "w2" and "b", the table in `panels[0]` and the
    formulas in `panels[1]`; its moving artists are "shading", "boundary", "point 0" ...,
    "label 0" ... and "title".
    """
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    input_vectors = np.asarray(input_vectors, dtype=float)
    with rc_context(plots.course_rc()):
        figure = Figure(figsize=(5.6, 5.0), layout="constrained")
        ax = figure.subplots()
        shading = plots.plot_probability(ax, lambda grid: np.full(len(grid), 0.5), limits)
        figure.colorbar(shading, ax=ax, label="prediction (probability of target 1)")
        boundary, = ax.plot([], [], color="black", linewidth=2, label="boundary: prediction = 0.5")
        points = plots.plot_points(ax, input_vectors, targets)
        ax.set(xlim=limits, ylim=limits, aspect="equal")
        # Below the axes, so the shading never covers it and it need not be redrawn.
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, fontsize=10, handlelength=1.5)
        labels = [
            ax.annotate(" ", xy=point, xytext=(8, -22 if i % 2 else 10), textcoords="offset points",
                        fontsize=11, bbox=dict(boxstyle="round", facecolor="white", alpha=0.8))
            for i, point in enumerate(input_vectors)
        ]
        title = ax.set_title(" ")
    # Everything inside the axes moves with the shading drawn under it, so all of it is redrawn.
    live = LiveFigure(figure, {"shading": shading, "boundary": boundary,
                               **{f"point {i}": point for i, point in enumerate(points)},
                               **{f"label {i}": label for i, label in enumerate(labels)}, "title": title})
    table, formulas = text_panel(height="8em", width="31em"), text_panel(height="4.5em", width="31em", math=True)

    def update(w1, w2, b):
        rows = prediction_table(make_prediction, input_vectors, targets, [w1, w2], [b])
        table.value = prediction_text(rows)
        formulas.value = prediction_formulas(rows, [w1, w2], b)
        live.replace("shading", plots.plot_probability(ax, lambda grid: make_prediction(grid, [w1, w2], [b]), limits))
        boundary.set_data(*plots.boundary_points([w1, w2], [b], limits))
        for label, row in zip(labels, rows):
            label.set_text(f"{row['prediction']:.3f} {'✓' if row['correct'] else '✗'}")
        title.set_text(f"w = [{w1:.2f}, {w2:.2f}], b = {b:.2f}")
        live.redraw()
        return describe_prediction_plane(rows, plots.boundary_points([w1, w2], [b], limits))

    weights, bias = np.asarray(weights, dtype=float), float(np.ravel(bias)[0])
    sliders = {
        "w1": slider("weight w1", weights[0], -3.0, 3.0, 0.01),
        "w2": slider("weight w2", weights[1], -3.0, 3.0, 0.01),
        "b": slider("bias b", bias, -3.0, 3.0, 0.01),
    }
    return Explorer(sliders, [table, formulas], live, update)


def describe_prediction_plane(rows, boundary):
    """One sentence for the figure of prediction_explorer: where the line is, how each point fares.

    rows: prediction_table's rows; boundary: (x1s, x2s) from plots.boundary_points.
    """
    points = "; ".join(
        f"the {'circle' if row['target'] == 1 else 'square'} at ({', '.join(f'{v:g}' for v in row['input_vector'])}) "
        f"(target {row['target']}) gets "
        f"{row['prediction']:.3f}, {'right' if row['correct'] else 'wrong'}" for row in rows)

    def coordinates(x, y):
        return "(" + ", ".join(f"{v:.2f}".replace("-0.00", "0.00") for v in (x, y)) + ")"

    (x_start, x_end), (y_start, y_end) = boundary if boundary[0] else ((None, None), (None, None))
    line = ("There is no boundary: every prediction is 0.5." if x_start is None else
            f"The boundary, where the prediction is 0.5, is a straight black line from "
            f"{coordinates(x_start, y_start)} to {coordinates(x_end, y_end)}.")
    return (f"The input plane shaded by the prediction, blue-purple above 0.5 and orange below. {line} "
            f"{points[0].upper()}{points[1:]}.")


def learning_rate_text(learning_rate, error_before, error, best_rate):
    """What the learning-rate explorer says for one step of size learning_rate (HTML)."""
    change = "lower" if error < error_before else "higher" if error > error_before else "unchanged"
    verdict = ("overshoot: the step went past the lowest point; a smaller step does better"
               if learning_rate > best_rate + 0.05 else
               "too timid: a larger step would go lower" if learning_rate < best_rate - 0.05 else
               "about the best single step")
    return f"<b>η = {learning_rate:.2f}</b>: error {error_before:.4f} → {error:.4f} ({change})<br>{verdict}"


def learning_rate_explorer(input_vectors, targets, weights, bias, learning_rate=1.0, limits=(0.0, 15.0)):
    """A slider on the learning rate: the error after one gradient-descent step of that size.

    input_vectors: (n, 2); targets: (n,); weights: (2,); bias: (1,). The step starts there.
    Returns an Explorer with the slider "learning_rate"; its moving artists are "point" and "title".
    """
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    def error_after(learning_rate):
        return measures.error_after_step(input_vectors, targets, weights, bias, learning_rate)

    rates = np.linspace(*limits, 301)
    errors = np.array([error_after(rate) for rate in rates])
    best_rate, error_before = rates[np.argmin(errors)], error_after(0.0)
    with rc_context(plots.course_rc()):
        figure = Figure(figsize=(6.4, 4.0), layout="constrained")
        ax = figure.subplots()
        ax.plot(rates, errors, color=plots.BLUE, label="error after one step")
        ax.axhline(error_before, color=plots.DARK_GREY, linestyle="--", linewidth=1.5, label="error before")
        point, = ax.plot([], [], "o", color=plots.ORANGE, markeredgecolor="black", markersize=12)
        ax.set(xlim=limits, xlabel="learning rate η", ylabel="mean squared error")
        ax.legend(loc="lower right")
        title = ax.set_title(" ")
    live = LiveFigure(figure, {"point": point, "title": title})
    text = text_panel()

    def update(learning_rate):
        error = error_after(learning_rate)
        text.value = learning_rate_text(learning_rate, error_before, error, best_rate)
        point.set_data([learning_rate], [error])
        title.set_text(f"η = {learning_rate:.2f}: error after the step {error:.4f}")
        live.redraw()
        return (f"The mean error after one gradient step against the learning rate from {limits[0]:g} to "
                f"{limits[1]:g}: it falls from {error_before:.3f} to its lowest, {errors.min():.3f}, at "
                f"η = {best_rate:.2f}, then rises{crossing}. A point marks η = {learning_rate:.2f}, "
                f"error {error:.3f}.")

    above = (rates > best_rate) & (errors > error_before)
    crossing = (f", crossing above the dashed line of the error before the step at η = {rates[above.argmax()]:.2f}"
                if above.any() else "")
    return Explorer({"learning_rate": slider("learning rate η", learning_rate, limits[0], limits[1], 0.05)},
                    [text], live, update)


class _TrainingPanels:
    """Two panels: the error during training (left) and the data shaded by a network (right)."""

    def __init__(self, input_vectors, targets, limits):
        from matplotlib import rc_context
        from matplotlib.figure import Figure

        self.limits, self.input_vectors, self.targets = limits, input_vectors, targets
        with rc_context(plots.course_rc()):
            self.figure = Figure(figsize=(10, 4.0), layout="constrained")
            self.error_ax, self.data_ax = self.figure.subplots(1, 2)
            self.error_ax.set(xlabel="iteration", ylabel="mean squared error", title="error during training")
            shading = plots.plot_probability(self.data_ax, lambda grid: np.full(len(grid), 0.5), limits)
            boundary = self.data_ax.plot([], [])[0]
            points = plots.plot_points(self.data_ax, input_vectors, targets)
            self.data_ax.set(xlim=limits, ylim=limits)
            self.right = {"shading": shading, "boundary": boundary,
                          **{f"point {i}": point for i, point in enumerate(points)},
                          "title": self.data_ax.set_title(" ")}

    def live(self, moving_on_the_left):
        """The LiveFigure of both panels; moving_on_the_left: dict of name -> artist."""
        self._live = LiveFigure(self.figure, {**moving_on_the_left, **self.right})
        return self._live

    def show(self, network, title):
        """Shade the right panel by network.predict, draw its boundary, and repaint.

        Returns a sentence describing the right panel.
        """
        self._live.replace("shading", plots.plot_probability(self.data_ax, network.predict, self.limits))
        self._live.replace("boundary", plots.plot_boundary_contour(self.data_ax, network.predict, self.limits))
        self._live.artists["title"].set_text(title)
        self._live.redraw()
        grid = plots.probability_grid(network.predict, self.limits)
        boundary = ("with the decision boundary drawn in black" if plots.crosses_one_half(grid) else
                    "which is on one side of 0.5 everywhere, so no boundary is drawn")
        right = round(nnlib.accuracy(network.predict(self.input_vectors), self.targets) * len(self.targets))
        return (f"Right: the points on the plane shaded by the network's prediction, from {grid.min():.2f} to "
                f"{grid.max():.2f}, {boundary}; {right} of {len(self.targets)} points are on their own class's side.")


def training_text(learning_rate, iterations, final_error, accuracy, n_points):
    """What the training explorer says after a run (HTML)."""
    return (f"<b>η = {learning_rate:.3g}, {iterations} iterations</b><br>"
            f"final error {final_error:.4f}<br>accuracy {accuracy:.1%} of {n_points} points")


def training_explorer(make_network, input_vectors, targets, limits, max_iterations=10_000,
                      learning_rate=0.1):
    """Controls for the learning rate and the iterations; a live error curve and boundary.

    make_network: learning_rate -> a fresh untrained network with predict(X) and
    train(X, y, iterations). input_vectors: (n, 2); targets: (n,); limits: (lo, hi) of the plot.
    Returns an Explorer with the sliders "learning_rate" and "iterations"; its moving artists
    are "curve" on the left and "shading", "boundary", "point 0" ... and "title" on the right.
    """
    from matplotlib import rc_context

    input_vectors = np.asarray(input_vectors, dtype=float)
    panels = _TrainingPanels(input_vectors, targets, limits)
    with rc_context(plots.course_rc()):
        curve, = panels.error_ax.plot([], [], color=plots.BLUE)
        panels.error_ax.set(xlim=(0, max_iterations), ylim=(0, 0.5))
    live = panels.live({"curve": curve})
    text = text_panel(height="9em")  # room for a divergence message

    def update(learning_rate, iterations):
        network = make_network(learning_rate)
        try:
            history = network.train(input_vectors, targets, iterations)
        except ValueError as error:  # training diverged: say so, and never plot NaNs
            text.value = f"<b>η = {learning_rate:.3g}: training diverged.</b><br>{error}"
            curve.set_data([], [])
            live.artists["title"].set_text("training diverged")
            live.redraw()
            return (f"Training at learning rate {learning_rate:.3g} diverged: the error grew without limit, "
                    "so both panels are empty.")
        accuracy = nnlib.accuracy(network.predict(input_vectors), targets)
        final_error = network.error(input_vectors, targets)
        text.value = training_text(learning_rate, iterations, final_error, accuracy, len(targets))
        curve.set_data(np.arange(len(history)), history)
        right_panel = panels.show(network, f"after {iterations} iterations: {accuracy:.1%} right")
        left_panel = (f"Left: the training error over {iterations:,} iterations at learning rate {learning_rate:.3g}, "
                      f"from {history[0]:.3f} at the start to {final_error:.3f} at the end."
                      if len(history) else "Left: no training yet, so no error curve.")
        return f"{left_panel} {right_panel}"

    sliders = {
        "learning_rate": slider("learning rate", learning_rate, -3, 1, 0.25, kind="log", continuous=False),
        "iterations": slider("iterations", max_iterations, 0, max_iterations, max_iterations // 20, kind="int",
                             continuous=False),
    }
    return Explorer(sliders, [text], live, update)


def record_snapshots(network, input_vectors, targets, checkpoints, **train_options):
    """Train `network` and keep a copy of it at each iteration count in `checkpoints`.

    checkpoints: increasing iteration counts, e.g. [0, 100, 1000]. Returns a list of
    (iteration, copy of the network, its error on all the data) for snapshot_explorer.
    """
    import copy

    snapshots, done = [], 0
    for checkpoint in checkpoints:
        if checkpoint > done:
            network.train(input_vectors, targets, checkpoint - done, **train_options)
            done = checkpoint
        snapshots.append((checkpoint, copy.deepcopy(network), network.error(input_vectors, targets)))
    return snapshots


def snapshot_text(iteration, error, accuracy, n_points):
    """What the snapshot explorer says about one saved moment (HTML)."""
    return f"<b>iteration {iteration}</b><br>error {error:.4f}<br>accuracy {accuracy:.1%} of {n_points} points"


def snapshot_explorer(snapshots, input_vectors, targets, limits):
    """A slider over saved moments of one training run: the boundary as it was then.

    snapshots: list of (iteration, network, error) with network.predict(X (n, 2)) -> (n,).
    input_vectors: (n, 2); targets: (n,); limits: (lo, hi). Returns an Explorer with the
    slider "snapshot" (an index into snapshots); its moving artists are "marker" on the left
    and "shading", "boundary", "point 0" ... and "title" on the right.
    """
    from matplotlib import rc_context

    iterations = [iteration for iteration, _, _ in snapshots]
    errors = [error for _, _, error in snapshots]
    panels = _TrainingPanels(input_vectors, targets, limits)
    with rc_context(plots.course_rc()):
        panels.error_ax.plot(iterations, errors, color=plots.BLUE, marker=".")
        marker, = panels.error_ax.plot([], [], "o", color=plots.ORANGE, markeredgecolor="black", markersize=12)
    live = panels.live({"marker": marker})
    text = text_panel()

    def update(snapshot):
        iteration, network, error = snapshots[snapshot]
        accuracy = nnlib.accuracy(network.predict(input_vectors), targets)
        text.value = snapshot_text(iteration, error, accuracy, len(targets))
        marker.set_data([iteration], [error])
        right_panel = panels.show(network, f"iteration {iteration}: {accuracy:.1%} right")
        return (f"Left: the error at {len(snapshots)} saved moments of training, from {errors[0]:.3f} at iteration "
                f"{iterations[0]:,} to {errors[-1]:.4f} at iteration {iterations[-1]:,}, with iteration {iteration:,} "
                f"marked at {error:.4f}. {right_panel}")

    options = [(str(iteration), i) for i, iteration in enumerate(iterations)]
    return Explorer({"snapshot": slider("iteration", 0, options, None, None, kind="choice")}, [text], live, update)


def threshold_text(threshold, counts, labels):
    """What the threshold explorer says: counts = (tp, fn, fp, tn) at `threshold` (HTML)."""
    tp, fn, fp, tn = counts
    return (f"<b>threshold {threshold:.2f}</b><br>missed {labels[1]} (false negatives): {fn}<br>"
            f"false alarms (false positives): {fp}<br>"
            f"sensitivity {tp / max(tp + fn, 1):.3f}, specificity {tn / max(tn + fp, 1):.3f}<br>"
            f"accuracy {(tp + tn) / (tp + fn + fp + tn):.3f}")


def threshold_explorer(probabilities, targets, threshold=0.5, labels=("benign", "malignant")):
    """A slider on the decision threshold: the confusion matrix and the errors of each kind.

    probabilities: (n,) predictions on held-out data; targets: (n,) of 0 and 1; labels: the
    names of classes 0 and 1. Returns an Explorer with the slider "threshold"; its moving
    artists are "line", "matrix", "cell 0 0" ... "cell 1 1" and "title".
    """
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    probabilities, targets = np.asarray(probabilities, dtype=float), np.asarray(targets)
    with rc_context(plots.course_rc()):
        figure = Figure(figsize=(10, 4.0), layout="constrained")
        histogram_ax, matrix_ax = figure.subplots(1, 2)
        bins = np.linspace(0, 1, 21)
        for target, style in plots.CLASS_STYLE.items():
            histogram_ax.hist(probabilities[targets == target], bins=bins, alpha=0.6, color=style["color"],
                              hatch="//" if target == 1 else None, label=f"actually {labels[target]}")
        histogram_ax.set(xlabel="predicted probability of class 1", ylabel="examples", yscale="log",
                         title="predictions on the test set")
        line = histogram_ax.axvline(threshold, color="black", linewidth=2.5, label="threshold")
        histogram_ax.legend(loc="upper center", fontsize=10)
        matrix = matrix_ax.imshow(np.zeros((2, 2)), cmap="Greys", vmin=0, vmax=len(targets), alpha=0.5)
        matrix_ax.set(xticks=[0, 1], yticks=[0, 1], xticklabels=[f"predicted {labels[1]}", f"predicted {labels[0]}"],
                      yticklabels=[f"actually\n{labels[1]}", f"actually\n{labels[0]}"], title=" ")
        matrix_ax.grid(False)
        matrix_ax.tick_params(labelsize=11)
        cells = {(row, col): matrix_ax.text(col, row, "", ha="center", va="center", fontsize=15)
                 for row in (0, 1) for col in (0, 1)}
    live = LiveFigure(figure, {"line": line, "matrix": matrix,
                               **{f"cell {row} {col}": cell for (row, col), cell in cells.items()},
                               "title": matrix_ax.title})
    text = text_panel(height="7em", width="24em")

    def update(threshold):
        tp, fn, fp, tn = measures.confusion_counts(probabilities, targets, threshold)
        text.value = threshold_text(threshold, (tp, fn, fp, tn), labels)
        line.set_xdata([threshold, threshold])
        matrix.set_data(np.array([[tp, fn], [fp, tn]]))
        for (row, col), count, name in zip([(0, 0), (0, 1), (1, 0), (1, 1)], (tp, fn, fp, tn),
                                           ("right", "MISSED", "false alarm", "right")):
            cells[row, col].set_text(f"{count}\n{name}")
        matrix_ax.title.set_text(f"threshold {threshold:.2f}: {fn} missed, {fp} false alarms")
        live.redraw()
        return (f"Left: how many examples get each predicted probability, {labels[1]} in blue with hatching and "
                f"{labels[0]} in orange, on a logarithmic count axis, with the threshold as a black line at "
                f"{threshold:.2f}. Right: the counts at that threshold: {tp} {labels[1]} caught, {fn} missed, "
                f"{fp} false alarms, {tn} {labels[0]} cleared.")

    return Explorer({"threshold": slider("threshold", threshold, 0.01, 0.99, 0.01)}, [text], live, update)
