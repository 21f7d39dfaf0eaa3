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


def plot_points(ax, input_vectors, targets, size=90):
    """Scatter (n, 2) input vectors on `ax`, one colour and marker per target class."""
    input_vectors = np.asarray(input_vectors, dtype=float)
    targets = np.asarray(targets)
    for target, style in CLASS_STYLE.items():
        chosen = input_vectors[targets == target]
        ax.scatter(chosen[:, 0], chosen[:, 1], s=size, edgecolors="black", zorder=3, **style)
    ax.set_xlabel("first input, $x_1$")
    ax.set_ylabel("second input, $x_2$")


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


def probability_grid(make_prediction, weights, bias, limits, resolution=80):
    """make_prediction over a resolution x resolution grid covering the square `limits`.

    Returns an array of shape (resolution, resolution); row i has x2 = the i-th grid value.
    """
    axis = np.linspace(*limits, resolution)
    x1, x2 = np.meshgrid(axis, axis)
    grid = np.column_stack([x1.ravel(), x2.ravel()])
    return make_prediction(grid, weights, bias).reshape(resolution, resolution)
