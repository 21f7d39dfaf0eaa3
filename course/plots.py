"""The course's figures: one plot style, and the drawings the notebooks and widgets share.

Nothing happens at import. `use_course_style()` is called explicitly at the top of a notebook.
"""

import numpy as np

# matplotlib's "tableau-colorblind10" palette: distinguishable with every common colour-vision
# deficiency. Classes also differ by marker shape, so colour is never the only cue.
BLUE, ORANGE, GREY, DARK_GREY = "#006BA4", "#FF800E", "#ABABAB", "#595959"
CLASS_STYLE = {
    1: dict(color=BLUE, marker="o", label="target 1"),
    0: dict(color=ORANGE, marker="s", label="target 0"),
}
# Light diverging colour map for probabilities: orange (class 0) to purple-blue (class 1).
PROBABILITY_CMAP = "PuOr"

COURSE_STYLE = {
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "font.size": 13,
    "axes.titlesize": 14,
    "axes.labelsize": 13,
    "legend.fontsize": 12,
    "lines.linewidth": 2.5,
    "lines.markersize": 9,
    "axes.grid": True,
    "grid.alpha": 0.3,
}


def course_rc():
    """The course's matplotlib settings as a dict for `plt.rcParams.update` or `rc_context`."""
    import matplotlib.style
    from cycler import cycler

    palette = matplotlib.style.library["tableau-colorblind10"]["axes.prop_cycle"]
    styles = ["-", "--", ":", "-."] * 3
    return {**COURSE_STYLE, "axes.prop_cycle": palette + cycler(linestyle=styles[: len(palette)])}


def use_course_style():
    """Apply the course plot style to every later figure in this session."""
    import matplotlib.pyplot as plt

    plt.rcParams.update(course_rc())


def show(figure, alt):
    """Display `figure` as a PNG with a one-sentence description as its alt text, then close it.

    The figure is rendered here rather than handed to IPython: IPython can draw a Figure only
    once matplotlib's inline backend is active, and a figure built without pyplot would
    otherwise be stored as the bare text
    "<Figure size ...>". The description travels with the picture (in the output's metadata,
    and as the alt attribute of the image in an HTML export) for readers who cannot see it.
    """
    import io

    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    png = io.BytesIO()
    figure.savefig(png, format="png", bbox_inches="tight")  # as the inline backend draws it
    display(Image(data=png.getvalue(), format="png", metadata={"alt": alt}))
    plt.close(figure)


def plot_points(ax, input_vectors, targets, size=90):
    """Scatter (n, 2) input vectors on `ax`, one colour and marker per target class.

    Returns the scatter artists, one per class.
    """
    input_vectors = np.asarray(input_vectors, dtype=float)
    targets = np.asarray(targets)
    points = []
    for target, style in CLASS_STYLE.items():
        chosen = input_vectors[targets == target]
        points.append(ax.scatter(chosen[:, 0], chosen[:, 1], s=size, edgecolors="black", zorder=3, **style))
    ax.set_xlabel("first input, $x_1$")
    ax.set_ylabel("second input, $x_2$")
    return points


def boundary_points(weights, bias, limits):
    """Two points on the line w1*x1 + w2*x2 + b = 0 spanning the square `limits` = (lo, hi).

    Returns (x1s, x2s), two lists of two numbers, or two empty lists when both weights are 0.
    """
    (w1, w2), b = np.asarray(weights, dtype=float), float(np.ravel(bias)[0])
    lo, hi = limits
    # Solve for the coordinate with the larger weight, so the division is never by ~0.
    if abs(w2) >= abs(w1) and w2 != 0:
        return [lo, hi], [-(w1 * lo + b) / w2, -(w1 * hi + b) / w2]
    if w1 != 0:
        return [-(w2 * lo + b) / w1, -(w2 * hi + b) / w1], [lo, hi]
    return [], []


def probability_grid(predict, limits, resolution=80):
    """predict over a resolution x resolution grid covering the square `limits` = (lo, hi).

    predict: (n, 2) points -> (n,) probabilities. Returns (resolution, resolution); row i
    holds the points whose second input is the i-th grid value (for imshow, origin="lower").
    """
    axis = np.linspace(*limits, resolution)
    x1, x2 = np.meshgrid(axis, axis)
    grid = np.column_stack([x1.ravel(), x2.ravel()])
    return predict(grid).reshape(resolution, resolution)


def plot_probability(ax, predict, limits, resolution=40):
    """Shade the square `limits` by predict's probability, in 10 bands of 0.1; returns them.

    The bands are filled contours: they read like contour lines from the back of a room, and
    they draw several times faster than a resampled image, which keeps the sliders quick.
    """
    axis = np.linspace(*limits, resolution)
    # Rounded, so that a prediction of 0.5 give or take the last digit is one band, not two.
    probabilities = np.round(probability_grid(predict, limits, resolution), 6)
    return ax.contourf(axis, axis, probabilities, levels=np.linspace(0, 1, 11),
                       cmap=PROBABILITY_CMAP, alpha=0.45, antialiased=False)


def crosses_one_half(probabilities):
    """Whether the probabilities go from below 0.5 to above it by more than rounding.

    A network whose weights have shrunk to about 1e-16 predicts 0.5 everywhere, give or take
    the last digit; its "boundary" would be drawn from rounding noise, so there is none.
    """
    return bool(probabilities.min() < 0.5 - 1e-9 and probabilities.max() > 0.5 + 1e-9)


def plot_boundary_contour(ax, predict, limits, resolution=80):
    """Draw the curve where predict is 0.5 (the decision boundary); returns its artist.

    Where the prediction never crosses 0.5 inside `limits`, returns an empty line instead.
    """
    axis = np.linspace(*limits, resolution)
    grid = probability_grid(predict, limits, resolution)
    if not crosses_one_half(grid):
        return ax.plot([], [], color="black")[0]
    return ax.contour(axis, axis, grid, levels=[0.5], colors="black", linewidths=2)
