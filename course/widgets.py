"""Interactive widgets for the notebooks: sliders, numbers, and figures redrawn in place.

A live figure is a matplotlib Figure drawn once; on every slider move only its moving parts
are redrawn over a saved background (blitting), and the result is sent to the browser as a
PNG in an `ipywidgets.Image`. No new figure is built per move and no frontend extension is
needed. Each explorer also offers `static()`, a picture of its current state for readers
without a running kernel.
"""

import io

import numpy as np

from course import plots


class LiveFigure:
    """A matplotlib Figure shown as an ipywidgets.Image; `redraw()` repaints the moving artists.

    figure: a matplotlib.figure.Figure whose static parts are already drawn.
    moving: the artists that change between frames, in drawing order.
    """

    def __init__(self, figure, moving):
        import ipywidgets
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.figure = figure
        self.moving = list(moving)
        for artist in self.moving:
            artist.set_animated(True)  # left out of canvas.draw(): part of no background
        self.canvas = FigureCanvasAgg(figure)
        self.canvas.draw()
        self._background = self.canvas.copy_from_bbox(figure.bbox)
        width, height = self.canvas.get_width_height()
        self.image = ipywidgets.Image(
            format="png", layout=ipywidgets.Layout(width=f"{width}px", height=f"{height}px")
        )
        self.redraw()

    def redraw(self):
        """Repaint the moving artists over the saved background and update the image."""
        from PIL import Image

        self.canvas.restore_region(self._background)
        for artist in self.moving:
            self.figure.draw_artist(artist)
        rgb = np.asarray(self.canvas.buffer_rgba())[:, :, :3]
        png = io.BytesIO()
        Image.fromarray(rgb).save(png, format="png", compress_level=1)
        self.image.value = png.getvalue()


class Explorer:
    """Sliders, a text panel and a live figure, wired so that each move updates the rest.

    sliders: dict of name -> ipywidgets slider. text: an ipywidgets.HTML.
    live: a LiveFigure. update: called with the slider values as keyword arguments.
    """

    def __init__(self, sliders, text, live, update, description):
        import ipywidgets

        self.sliders, self.text, self.live = sliders, text, live
        self.description = description
        self._update = update
        controls = ipywidgets.VBox(list(sliders.values()) + [text])
        self.view = ipywidgets.HBox([controls, live.image])
        for slider in sliders.values():
            slider.observe(self._on_change, names="value")
        self._on_change()

    def _on_change(self, change=None):
        self._update(**{name: slider.value for name, slider in self.sliders.items()})

    def static(self):
        """A still picture of the figure as it is now, with its text description."""
        from IPython.display import Image

        return Image(data=self.live.image.value, format="png", metadata={"alt": self.description})

    def _repr_mimebundle_(self, **kwargs):
        return self.view._repr_mimebundle_(**kwargs)


def _slider(description, value, low, high, step):
    import ipywidgets

    return ipywidgets.FloatSlider(
        value=value, min=low, max=high, step=step, description=description,
        readout_format=".2f", continuous_update=True,
        style={"description_width": "7em"}, layout=ipywidgets.Layout(width="22em"),
    )


def hello_slider():
    """A tiny slider whose label answers each move: proof that widgets render.

    Returns an ipywidgets.VBox holding an IntSlider and a Label.
    """
    import ipywidgets

    slider = ipywidgets.IntSlider(value=3, min=0, max=10, description="n")
    label = ipywidgets.Label()

    def show_square(change=None):
        label.value = f"{slider.value} squared is {slider.value ** 2}"

    slider.observe(show_square, names="value")
    show_square()
    return ipywidgets.VBox([slider, label])


def sigmoid_explorer(sigmoid, weighted_sum=1.0, limits=(-8.0, 8.0)):
    """A slider on the weighted sum that moves a point along the sigmoid curve.

    sigmoid: the function to show, array (n,) -> array (n,). weighted_sum: the start value.
    Returns an Explorer whose slider is `sliders["weighted_sum"]`.
    """
    from matplotlib.figure import Figure
    from matplotlib import rc_context

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
    live = LiveFigure(figure, [guide, point, title])
    text = _html()

    def update(weighted_sum):
        probability = float(sigmoid(np.array([weighted_sum]))[0])
        predicted_class = int(probability >= 0.5)
        text.value = (
            f"<b>sigmoid({weighted_sum:.2f}) = {probability:.4f}</b><br>"
            f"{'at or above' if predicted_class else 'below'} 0.5, so class {predicted_class}"
        )
        guide.set_data([limits[0], weighted_sum, weighted_sum], [probability, probability, 0])
        point.set_data([weighted_sum], [probability])
        title.set_text(f"sigmoid({weighted_sum:.2f}) = {probability:.3f}  →  class {predicted_class}")
        live.redraw()

    slider = _slider("weighted sum", weighted_sum, limits[0], limits[1], 0.1)
    description = "The S-shaped sigmoid curve with a point at the chosen weighted sum."
    return Explorer({"weighted_sum": slider}, text, live, update, description)


def _html():
    import ipywidgets

    return ipywidgets.HTML(layout=ipywidgets.Layout(width="22em", min_height="7em"))


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
        predicted_class = int(prediction >= 0.5)
        rows.append(dict(
            input_vector=[float(v) for v in input_vector], target=int(target),
            weighted_sum=float(weighted_sum), prediction=float(prediction),
            predicted_class=predicted_class, correct=predicted_class == int(target),
        ))
    return rows


def _table_html(rows):
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
    return f"<table>{header}{body}</table><b>{verdict}</b>"


def prediction_explorer(make_prediction, input_vectors, targets, weights, bias, limits=(0.0, 3.5)):
    """Sliders on both weights and the bias; live predictions, classes and decision boundary.

    make_prediction: (n, 2) inputs, (2,) weights, (1,) bias -> (n,) probabilities.
    input_vectors: (n, 2); targets: (n,); weights: (2,) start values; bias: (1,) start value.
    Returns an Explorer with sliders "w1", "w2" and "b".
    """
    from matplotlib.figure import Figure
    from matplotlib import rc_context

    input_vectors = np.asarray(input_vectors, dtype=float)
    with rc_context(plots.course_rc()):
        figure = Figure(figsize=(5.6, 4.6), layout="constrained")
        ax = figure.subplots()
        background = ax.imshow(
            np.zeros((2, 2)), extent=(*limits, *limits), origin="lower", cmap=plots.PROBABILITY_CMAP,
            vmin=0, vmax=1, alpha=0.45, aspect="auto", interpolation="bilinear",
        )
        figure.colorbar(background, ax=ax, label="prediction (probability of target 1)")
        boundary, = ax.plot([], [], color="black", linewidth=2, label="boundary: prediction = 0.5")
        plots.plot_points(ax, input_vectors, targets)
        ax.set(xlim=limits, ylim=limits, aspect="equal")
        legend = ax.legend(loc="upper left", fontsize=10)
        labels = [
            ax.annotate(" ", xy=point, xytext=(8, -22 if i % 2 else 10), textcoords="offset points",
                        fontsize=11, bbox=dict(boxstyle="round", facecolor="white", alpha=0.8))
            for i, point in enumerate(input_vectors)
        ]
        title = ax.set_title(" ")
    points = list(ax.collections)
    # Everything inside the axes moves with the shading drawn under it, so all of it is redrawn.
    live = LiveFigure(figure, [background, boundary, *points, *labels, legend, title])
    text = _html()
    text.layout.width = "30em"

    def update(w1, w2, b):
        rows = prediction_table(make_prediction, input_vectors, targets, [w1, w2], [b])
        text.value = _table_html(rows)
        background.set_data(plots.probability_grid(make_prediction, [w1, w2], [b], limits))
        boundary.set_data(*plots.boundary_points([w1, w2], [b], limits))
        for label, row in zip(labels, rows):
            label.set_text(f"{row['prediction']:.3f} {'✓' if row['correct'] else '✗'}")
        title.set_text(f"w = [{w1:.2f}, {w2:.2f}], b = {b:.2f}")
        live.redraw()

    weights, bias = np.asarray(weights, dtype=float), float(np.ravel(bias)[0])
    sliders = {
        "w1": _slider("weight w1", weights[0], -3.0, 3.0, 0.01),
        "w2": _slider("weight w2", weights[1], -3.0, 3.0, 0.01),
        "b": _slider("bias b", bias, -3.0, 3.0, 0.01),
    }
    description = ("The two input points on a plane shaded by the prediction, with the line "
                   "where the prediction is 0.5 separating class 1 from class 0.")
    return Explorer(sliders, text, live, update, description)
