"""Computation graphs that update live: every value, every local derivative, every gradient.

`neuron_graph_explorer` (notebook 04): one neuron on one example, sliders on its weights and
bias, and a button that takes one step of gradient descent. `hidden_graph_explorer` (notebook
06): a network of 2 inputs, 2 hidden neurons and 1 output on XOR, one step or 100 at a time.
Both are built on `course.live`. Their numbers come from `neuron_numbers` and `hidden_numbers`,
their words from `neuron_text` and `hidden_text`, which the tests call too.

In the pictures, forward values are blue, in boxes with a solid border; gradients are dark
orange, in boxes with a dashed border and always written "∂E/∂..."; the number on an arrow is
the local derivative of that link, in black.
"""

import numpy as np

import nnlib
from course import plots
from course.live import Explorer, LiveFigure, button, slider, text_panel
from course.widgets import signed

GRADIENT_COLOUR = "#C85200"  # the dark orange of tableau-colorblind10: readable as text on white
LEGEND = ("forward pass: values, in blue solid boxes.   backward pass: gradients ∂E/∂…, in orange dashed boxes.\n"
          "On each arrow: the slope of that link. Going back, multiply by it.")


class _Drawing:
    """The boxes, symbols and arrows of a computation graph, drawn once with the background;
    only the numbers move, as plain text, which matplotlib draws fast.

    A node is a value box over a gradient box, each a symbol ("$z$ = ") and a number. An arrow
    may carry a fixed label (its symbol) and a moving number under it.
    """

    def __init__(self, ax, fontsize, gradient_of, widest="-00.0000"):
        """gradient_of: the error's symbol in "∂E/∂"; widest: room in each box for a number this wide."""
        self.ax, self.fontsize, self.gradient_of, self.widest = ax, fontsize, gradient_of, widest
        self.artists, self.places, self._frames = {}, {}, []

    def node(self, name, xy, symbol, caption=None, gradient=True, widest=None):
        x, y = xy
        widest = widest or self.widest
        self.places[name] = xy
        self._frame(f"value {name}", xy, 4, f"{symbol} = ", widest, plots.BLUE, "-")
        if gradient:  # just under the value box, whatever the axes' scale
            self._frame(f"gradient {name}", xy, -(1.2 * self.fontsize + 2), f"∂{self.gradient_of}/∂{symbol} = ", widest,
                        GRADIENT_COLOUR, "--")
        if caption:
            self.ax.text(x, y + 0.95, caption, ha="center", va="bottom", fontsize=self.fontsize - 1,
                         color=plots.DARK_GREY)

    def _text(self, xy, points_up, text, **style):
        return self.ax.annotate(text, xy=xy, xytext=(0, points_up), textcoords="offset points", va="baseline",
                                fontsize=self.fontsize, **style)

    def _frame(self, name, xy, points_up, prefix, widest, colour, linestyle):
        # The widest text, invisible, gives the box its size; finish() writes the visible parts in it.
        frame = self._text(xy, points_up, prefix + widest, ha="center", color="none",
                           bbox=dict(boxstyle="round,pad=0.3", facecolor="white", edgecolor=colour,
                                     linewidth=1.5, linestyle=linestyle))
        self._frames.append((name, frame, xy, points_up, prefix, colour))

    def arrow(self, start, end, symbol=None, number=None, at=0.5, above=0.0, shrink=(0.0, 0.0)):
        """An arrow from node `start` to node `end`, stopping short by `shrink` at each end, with
        a fixed `symbol` and a moving number named `number` at fraction `at` of the way, `above` higher."""
        (x0, y0), (x1, y1) = self.places[start], self.places[end]
        (ax0, ay0), (ax1, ay1) = [(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t) for t in shrink_ends(shrink, x0, x1)]
        self.ax.annotate("", xy=(ax1, ay1), xytext=(ax0, ay0), zorder=1,  # under the boxes
                         arrowprops=dict(arrowstyle="-|>", color=plots.GREY, linewidth=1.5))
        x, y = x0 + (x1 - x0) * at, y0 + (y1 - y0) * at + above
        if symbol:
            self.ax.text(x, y, symbol, ha="center", va="bottom", fontsize=self.fontsize - 1, color="black")
        if number:
            self.artists[f"edge {number}"] = self.ax.text(x, y, " ", ha="center", va="top",
                                                          fontsize=self.fontsize - 1, color="black")

    def finish(self):
        """Lay the figure out, then write each box's symbol (fixed) and number (moving) inside it."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        canvas = FigureCanvasAgg(self.ax.figure)
        canvas.draw()
        renderer, to_data = canvas.get_renderer(), self.ax.transData.inverted()
        for name, frame, (_, y), points_up, prefix, colour in self._frames:
            (left, _), (right, _) = to_data.transform(frame.get_window_extent(renderer))
            for x, text, align in ((left, prefix, "left"), (right, " ", "right")):
                artist = self._text((x, y), points_up, text, ha=align, color=colour)
                artist.set_in_layout(False)
            self.artists[name] = artist  # the number, right-aligned so that the digits line up

    def show(self, texts):
        """Set the moving numbers by name: {"value z": "1.9100", ...}."""
        for name, text in texts.items():
            self.artists[name].set_text(text)


def shrink_ends(shrink, x0, x1):
    """The fractions (from the start) at which an arrow between x0 and x1 starts and ends."""
    length = abs(x1 - x0) or 1.0
    return shrink[0] / length, 1 - shrink[1] / length


def _history_axes(ax, title, ylabel):
    from matplotlib.ticker import MaxNLocator

    ax.set(xlabel="steps taken", ylabel=ylabel, title=title)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    line, = ax.plot([], [], color=plots.BLUE, markersize=5, linewidth=1.5)
    return line


def _fit_history(ax, history):
    """Widen the history axes, if need be, to fit every point; never narrow them, so that the
    static parts (which must then be repainted) change only when the history outgrows them.
    Returns True if they changed."""
    (_, x_high), (_, y_high) = ax.get_xlim(), ax.get_ylim()
    needed = max(10, len(history) - 1), max(history) * 1.1
    if needed[0] <= x_high and needed[1] <= y_high:
        return False
    ax.set(xlim=(0, max(needed[0], x_high)), ylim=(0, max(needed[1], y_high)))
    return True


def show_history(live, line, ax, history):
    """Plot `history` and update the live figure: a new picture only if the history changed
    (a step was taken), otherwise only its text layer, the numbers."""
    if list(line.get_ydata()) == list(history):
        live.write()
        return
    line.set_data(np.arange(len(history)), history)
    line.set_marker("o" if len(history) <= 30 else "")  # a dot for each of a few steps; a line for many
    live.redraw(background=bool(history) and _fit_history(ax, history))


# --- one neuron (notebook 04) ----------------------------------------------------------------

def neuron_numbers(input_vector, weights, bias, target):
    """Every number the one-neuron graph shows, for one example.

    input_vector: (2,); weights: (2,); bias: a number; target: 0 or 1.
    Returns a dict of dicts: "values" of w1, w2, b, z, prediction, error; "local", the slope
    of each link, keyed by the node it starts from (w1, w2, b -> z, z -> prediction,
    prediction -> error); "gradients", ∂E/∂ each node, the product of the slopes on its path
    back to the error.
    """
    input_vector, weights = np.asarray(input_vector, dtype=float), np.asarray(weights, dtype=float)
    z = float(input_vector @ weights + bias)
    prediction = float(nnlib.sigmoid(z))
    values = dict(w1=float(weights[0]), w2=float(weights[1]), b=float(bias), z=z, prediction=prediction,
                  error=(prediction - target) ** 2)
    local = dict(w1=float(input_vector[0]), w2=float(input_vector[1]), b=1.0,
                 z=float(nnlib.sigmoid_derivative(z)), prediction=2 * (prediction - target))
    gradients = {"error": 1.0}
    gradients["prediction"] = gradients["error"] * local["prediction"]
    gradients["z"] = gradients["prediction"] * local["z"]
    for name in ("w1", "w2", "b"):
        gradients[name] = gradients["z"] * local[name]
    return dict(values=values, local=local, gradients=gradients)


NEURON_SYMBOLS = dict(w1="$w_1$", w2="$w_2$", b="$b$", z="$z$", prediction=r"$\hat{y}$", error="$E$")


def neuron_labels(numbers):
    """The moving numbers of the one-neuron graph, by artist name."""
    texts = {f"value {name}": f"{value:.4f}" for name, value in numbers["values"].items()}
    texts.update({f"gradient {name}": f"{gradient:.4f}" for name, gradient in numbers["gradients"].items()})
    texts.update({f"edge {name}": f"= {numbers['local'][name]:.4f}" for name in ("z", "prediction")})
    return texts


def neuron_text(numbers, history, learning_rate):
    """What the one-neuron explorer says in words: a table of every value and gradient (HTML).

    numbers: from neuron_numbers; history: the error before the first step and after each.
    """
    values, gradients = numbers["values"], numbers["gradients"]
    names = dict(w1="w₁", w2="w₂", b="b", z="z", prediction="ŷ", error="E")
    rows = "".join(
        f"<tr><td>{names[name]}</td><td>{values[name]:.4f}</td><td>{gradients[name]:.4f}</td>"
        f"<td>{'' if name not in ('w1', 'w2', 'b') else f'{values[name] - learning_rate * gradients[name]:.4f}'}"
        "</td></tr>" for name in ("w1", "w2", "b", "z", "prediction", "error"))
    steps = len(history) - 1
    record = " → ".join(f"{error:.4f}" for error in history[-6:])
    return ('<table style="white-space: nowrap"><tr><th>node</th><th>value</th><th>∂E/∂node</th>'
            f"<th>after a step of η = {learning_rate:.2f}</th></tr>{rows}</table>"
            f"<b>{steps} step{'' if steps == 1 else 's'} taken</b>; error {'…' if len(history) > 6 else ''}{record}")


def neuron_formulas(numbers, input_vector, target):
    """The forward pass and two gradients with the current numbers in (LaTeX, for HTMLMath)."""
    values, local, gradients = numbers["values"], numbers["local"], numbers["gradients"]
    x1, x2 = input_vector
    return (
        f"$\\hat{{y}} = \\sigma({signed(values['w1'], 4)} \\cdot {x1:g} + {signed(values['w2'], 4)} \\cdot {x2:g} "
        f"+ {signed(values['b'], 4)}) = \\sigma({values['z']:.4f}) = {values['prediction']:.4f}$, "
        f"$E = ({values['prediction']:.4f} - {target:g})^2 = {values['error']:.4f}$<br>"
        f"$\\frac{{\\partial E}}{{\\partial w_1}} = 2(\\hat{{y}} - y) \\cdot \\hat{{y}}(1 - \\hat{{y}}) \\cdot x_1 = "
        f"{signed(local['prediction'], 4)} \\cdot {local['z']:.4f} \\cdot {x1:g} = {gradients['w1']:.4f}$<br>"
        f"$\\frac{{\\partial E}}{{\\partial b}} = 2(\\hat{{y}} - y) \\cdot \\hat{{y}}(1 - \\hat{{y}}) \\cdot 1 = "
        f"{signed(local['prediction'], 4)} \\cdot {local['z']:.4f} \\cdot 1 = {gradients['b']:.4f}$")


def describe_neuron_graph(numbers, history):
    """One sentence for the picture of the one-neuron graph as it is now (its alt text)."""
    values, local, gradients = numbers["values"], numbers["local"], numbers["gradients"]
    steps = len(history) - 1
    return (f"A computation graph read from left to right: the weights w1 = {values['w1']:.4f} and "
            f"w2 = {values['w2']:.4f} and the bias b = {values['b']:.4f} feed the weighted sum z = {values['z']:.4f}, "
            f"then the prediction ŷ = σ(z) = {values['prediction']:.4f}, then the error E = {values['error']:.4f}. "
            f"The arrows carry the slopes of the links, {local['prediction']:.4f} from ŷ to E and "
            f"{local['z']:.4f} from z to ŷ, and under each box, in a dashed orange box, is its gradient: "
            f"∂E/∂ŷ = {gradients['prediction']:.4f}, ∂E/∂z = {gradients['z']:.4f}, ∂E/∂w1 = {gradients['w1']:.4f}, "
            f"∂E/∂w2 = {gradients['w2']:.4f} and ∂E/∂b = {gradients['b']:.4f}. " + (
                "On the right, an empty panel for the error once steps are taken." if steps == 0 else
                f"On the right, the error at the start and after each of {steps} step{'' if steps == 1 else 's'}: "
                + ", ".join(f"{error:.4f}" for error in history) + "."))


def on_grid(number, step=0.01):
    """`number` rounded to a slider's step, as the slider will show it."""
    return round(round(number / step) * step, 10)


def draw_neuron_graph(input_vector, target):
    """The one-neuron graph's figure with no numbers in yet: (figure, drawing, history axes, line).

    input_vector: (2,); target: 0 or 1. Fill it with `drawing.show(neuron_labels(...))`.
    """
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    with rc_context(plots.course_rc()):
        figure = Figure(figsize=(11.5, 4.8), layout="constrained")
        graph_ax, history_ax = figure.subplots(1, 2, width_ratios=[4.2, 1])
        graph_ax.set(xlim=(0, 12), ylim=(0, 5.6))
        graph_ax.axis("off")
        drawing = _Drawing(graph_ax, fontsize=11, gradient_of="E")
        for name, y in (("w1", 4.3), ("w2", 2.5), ("b", 0.7)):
            drawing.node(name, (1.3, y), NEURON_SYMBOLS[name])
        drawing.node("z", (4.6, 2.5), "$z$", caption="weighted sum\n$z = x_1 w_1 + x_2 w_2 + b$")
        drawing.node("prediction", (7.8, 2.5), r"$\hat{y}$", caption="prediction\n$\\hat{y} = \\sigma(z)$")
        drawing.node("error", (10.9, 2.5), "$E$", caption=f"error, target $y$ = {target:g}\n$E = (\\hat{{y}} - y)^2$")
        for name, symbol in (("w1", f"× $x_1$ = {input_vector[0]:g}"), ("w2", f"× $x_2$ = {input_vector[1]:g}"),
                             ("b", "× 1")):
            drawing.arrow(name, "z", symbol=symbol, at=0.45, above=0.15, shrink=(1.0, 0.9))
        drawing.arrow("z", "prediction", symbol=r"× $\hat{y}(1 - \hat{y})$", number="z", above=0.75,
                      shrink=(0.95, 0.95))
        drawing.arrow("prediction", "error", symbol=r"× $2(\hat{y} - y)$", number="prediction", above=0.75,
                      shrink=(0.95, 0.85))
        graph_ax.text(6, 5.6, LEGEND, ha="center", va="top", fontsize=10, color=plots.DARK_GREY)
        line = _history_axes(history_ax, "error at the start\nand after each step", "error E")
        history_ax.set(xlim=(0, 10), ylim=(0, 1.05))  # one example's squared error is at most 1
        drawing.finish()
    return figure, drawing, history_ax, line


def neuron_graph_explorer(input_vector, target, weights, bias, learning_rate=1.0):
    """The computation graph of one neuron on one example, live: sliders on w1, w2 and b, a
    slider on the learning rate, and buttons that take one gradient-descent step or go back.

    input_vector: (2,); target: 0 or 1; weights: (2,) and bias: (1,), the starting point.
    Returns an Explorer with sliders "w1", "w2", "b", "learning_rate", buttons "step" and
    "reset", the table in `panels[0]`, the formulas in `panels[1]`, `history` (the error
    before the first step and after each step since the weights were last moved by hand) and
    `parameters()`, the exact weights and bias (the sliders show them rounded to their step).
    """
    input_vector = np.asarray(input_vector, dtype=float)
    start = dict(w1=float(weights[0]), w2=float(weights[1]), b=float(np.ravel(bias)[0]))
    figure, drawing, history_ax, line = draw_neuron_graph(input_vector, target)
    live = LiveFigure(figure, {**drawing.artists, "history": line}, text_layer=drawing.artists)
    table, formulas = text_panel(height="12em", width="27em"), text_panel(height="7.5em", width="36em", math=True)
    history, state = [], {"exact": None}  # exact: the weights and bias shown, unrounded

    def update(w1, w2, b, learning_rate):
        if state["exact"] is not None and np.allclose((w1, w2, b), [on_grid(x) for x in state["exact"]], rtol=0, atol=1e-9):
            w1, w2, b = state["exact"]  # the sliders show a step's result rounded: use the exact numbers
        else:  # moved by hand (or the first call): a new history starts here
            state["exact"] = (w1, w2, b)
            history.clear()
        numbers = neuron_numbers(input_vector, [w1, w2], b, target)
        if not history:
            history.append(numbers["values"]["error"])
        table.value = neuron_text(numbers, history, learning_rate)
        formulas.value = neuron_formulas(numbers, input_vector, target)
        drawing.show(neuron_labels(numbers))
        show_history(live, line, history_ax, history if len(history) > 1 else [])  # from the first step on
        return describe_neuron_graph(numbers, history)

    sliders = {
        "w1": slider("weight w1", start["w1"], -4.0, 4.0, 0.01),
        "w2": slider("weight w2", start["w2"], -4.0, 4.0, 0.01),
        "b": slider("bias b", start["b"], -4.0, 4.0, 0.01),
        "learning_rate": slider("learning rate η", learning_rate, 0.05, 5.0, 0.05),
    }
    buttons = {"step": button("take one step"), "reset": button("back to the start")}
    explorer = Explorer(sliders, [table, formulas], live, update, buttons=buttons, below=True)

    def step(_=None):
        weights, bias = np.array(state["exact"][:2]), np.array([state["exact"][2]])
        learning_rate = explorer.sliders["learning_rate"].value
        derror_dweights, derror_dbias = nnlib.gradients(input_vector, weights, bias, target)
        new_weights, new_bias = weights - learning_rate * derror_dweights, bias - learning_rate * derror_dbias
        state["exact"] = (float(new_weights[0]), float(new_weights[1]), float(new_bias[0]))
        history.append(neuron_numbers(input_vector, new_weights, new_bias[0], target)["values"]["error"])
        # On the sliders' grid: a slider in the browser would otherwise round the value and send it back.
        explorer.set_values(**{name: on_grid(number) for name, number in zip(("w1", "w2", "b"), state["exact"])})

    def reset(_=None):
        state["exact"] = None
        explorer.set_values(**start)

    buttons["step"].on_click(step)
    buttons["reset"].on_click(reset)
    explorer.history, explorer.take_step = history, step
    explorer.parameters = lambda: dict(zip(("w1", "w2", "b"), state["exact"]))  # the exact weights and bias
    return explorer


# --- a hidden layer (notebook 06) ------------------------------------------------------------

HIDDEN_LEGEND = (r"forward pass: values, in blue solid boxes.   backward pass: gradients $\partial E_k/\partial\ldots$, in "
                 "orange dashed boxes.\n× on an arrow: the slope of that link; going back, multiply by it.\n"
                 r"On an arrow with a weight: back to the weight, $\times$ its input; back to the input or $h_j$, $\times$ the weight.")
HIDDEN_PARAMETERS = ["W1[0,0]", "W1[0,1]", "W1[1,0]", "W1[1,1]", "b1[0]", "b1[1]", "w2[0]", "w2[1]", "b2"]
HIDDEN_SYMBOLS = {
    "x0": "$x_0$", "x1": "$x_1$", "z1_0": "$z_{1,0}$", "z1_1": "$z_{1,1}$", "h0": "$h_0$", "h1": "$h_1$",
    "z2": "$z_2$", "prediction": r"$\hat{y}$", "error": "$E_k$",
    "W1[0,0]": "$W_1[0,0]$", "W1[0,1]": "$W_1[0,1]$", "W1[1,0]": "$W_1[1,0]$", "W1[1,1]": "$W_1[1,1]$",
    "b1[0]": "$b_{1,0}$", "b1[1]": "$b_{1,1}$", "w2[0]": "$w_{2,0}$", "w2[1]": "$w_{2,1}$", "b2": "$b_2$",
}


def hidden_numbers(network, input_vector, target):
    """Every number the hidden-layer graph shows, for one example.

    network: an nnlib.NeuralNetwork of sizes [2, 2, 1]; input_vector: (2,); target: 0 or 1.
    Returns a dict of dicts keyed as HIDDEN_SYMBOLS: "values" of every node and parameter;
    "local", the slope of each link, keyed by the node it starts from; "gradients", ∂E_k/∂
    each node and parameter for this example alone, each the gradient of the node after it
    times the slope of the link between them.
    """
    W1, b1 = network.weights[0], network.biases[0]
    w2, b2 = network.weights[1][:, 0], float(network.biases[1][0])
    x = np.asarray(input_vector, dtype=float)
    z1 = x @ W1 + b1
    h = nnlib.sigmoid(z1)
    z2 = float(h @ w2 + b2)
    prediction = float(nnlib.sigmoid(z2))
    values = {"x0": x[0], "x1": x[1], "z1_0": z1[0], "z1_1": z1[1], "h0": h[0], "h1": h[1], "z2": z2,
              "prediction": prediction, "error": (prediction - target) ** 2, "b2": b2, "target": target}
    values.update({f"W1[{i},{j}]": W1[i, j] for i in range(2) for j in range(2)})
    values.update({f"b1[{j}]": b1[j] for j in range(2)})
    values.update({f"w2[{j}]": w2[j] for j in range(2)})
    local = {"prediction": 2 * (prediction - target), "z2": prediction * (1 - prediction)}
    local.update({f"h{j}": w2[j] for j in range(2)})                 # z2 changes with h_j at the rate w2_j
    local.update({f"z1_{j}": h[j] * (1 - h[j]) for j in range(2)})   # the sigmoid's slope
    gradients = {"error": 1.0}
    gradients["prediction"] = gradients["error"] * local["prediction"]
    gradients["z2"] = gradients["prediction"] * local["z2"]
    gradients["b2"] = gradients["z2"]
    for j in range(2):
        gradients[f"w2[{j}]"] = gradients["z2"] * h[j]
        gradients[f"h{j}"] = gradients["z2"] * local[f"h{j}"]
        gradients[f"z1_{j}"] = gradients[f"h{j}"] * local[f"z1_{j}"]
        gradients[f"b1[{j}]"] = gradients[f"z1_{j}"]
        for i in range(2):
            gradients[f"W1[{i},{j}]"] = gradients[f"z1_{j}"] * x[i]
    as_floats = lambda numbers: {name: float(number) for name, number in numbers.items()}  # noqa: E731
    return dict(values=as_floats(values), local=as_floats(local), gradients=as_floats(gradients))


def mean_gradients(network, input_vectors, targets):
    """∂E/∂ each parameter for the mean error over all examples: what a step uses (nnlib's)."""
    derror_dweights, derror_dbiases = network.gradients(input_vectors, targets)
    numbers = {f"W1[{i},{j}]": derror_dweights[0][i, j] for i in range(2) for j in range(2)}
    numbers.update({f"b1[{j}]": derror_dbiases[0][j] for j in range(2)})
    numbers.update({f"w2[{j}]": derror_dweights[1][j, 0] for j in range(2)})
    numbers["b2"] = derror_dbiases[1][0]
    return {name: float(number) for name, number in numbers.items()}


def hidden_labels(numbers):
    """The moving numbers of the hidden-layer graph, by artist name."""
    values, local, gradients = numbers["values"], numbers["local"], numbers["gradients"]
    texts = {f"value {name}": f"{value:z.4f}" for name, value in values.items()}
    texts.update({f"value {name}": f"{values[name]:g}" for name in ("x0", "x1", "target")})
    texts.update({f"gradient {name}": f"{gradient:z.4f}" for name, gradient in gradients.items()})
    texts.update({f"edge {name}": f"= {local[name]:z.4f}" for name in ("prediction", "z2", "z1_0", "z1_1")})
    return texts


def hidden_text(numbers, mean, history, example):
    """What the hidden-layer explorer says in words: each parameter's value and gradients (HTML).

    numbers: hidden_numbers for the example shown; mean: mean_gradients over all examples;
    history: the mean error before the first step and after each; example: its index.
    """
    names = {"W1[0,0]": "W₁[0,0]", "W1[0,1]": "W₁[0,1]", "W1[1,0]": "W₁[1,0]", "W1[1,1]": "W₁[1,1]",
             "b1[0]": "b₁,₀", "b1[1]": "b₁,₁", "w2[0]": "w₂,₀", "w2[1]": "w₂,₁", "b2": "b₂"}
    rows = "".join(f"<tr><td>{names[name]}</td><td>{numbers['values'][name]:.4f}</td>"
                   f"<td>{numbers['gradients'][name]:.4f}</td><td>{mean[name]:.4f}</td></tr>"
                   for name in HIDDEN_PARAMETERS)
    steps = len(history) - 1
    record = " → ".join(f"{error:.4f}" for error in history[-4:])
    return ('<table style="white-space: nowrap"><tr><th>parameter</th><th>value</th>'
            f"<th>∂E<sub>k</sub>/∂, example {example}</th><th>∂E/∂, mean of all</th></tr>{rows}</table>"
            f"<b>{steps} step{'' if steps == 1 else 's'} taken</b>; mean error {'…' if len(history) > 4 else ''}{record}")


def hidden_formulas(numbers):
    """Two gradients of the example shown, as products along their paths (LaTeX, for HTMLMath)."""
    values, local, gradients = numbers["values"], numbers["local"], numbers["gradients"]
    return (
        r"$\frac{\partial E_k}{\partial w_{2,0}} = 2(\hat{y} - y) \cdot \hat{y}(1 - \hat{y}) \cdot h_0 = "
        f"{signed(local['prediction'], 4)} \\cdot {local['z2']:.4f} \\cdot {values['h0']:.4f} "
        f"= {gradients['w2[0]']:.4f}$<br>"
        r"$\frac{\partial E_k}{\partial W_1[0,0]} = 2(\hat{y} - y) \cdot \hat{y}(1 - \hat{y}) \cdot w_{2,0} "
        r"\cdot h_0(1 - h_0) \cdot x_0 = "
        f"{signed(local['prediction'], 4)} \\cdot {local['z2']:.4f} \\cdot {signed(local['h0'], 4)} \\cdot "
        f"{local['z1_0']:.4f} \\cdot {values['x0']:g} = {gradients['W1[0,0]']:.4f}$")


def describe_hidden_graph(numbers, history, example, target):
    """One sentence for the picture of the hidden-layer graph as it is now (its alt text)."""
    values, gradients = numbers["values"], numbers["gradients"]
    steps = len(history) - 1
    return (f"A computation graph from left to right for example {example}, x0 = {values['x0']:g}, x1 = "
            f"{values['x1']:g}, target {target:g}: the inputs and a constant 1 feed two hidden sums, z1,0 = "
            f"{values['z1_0']:.4f} and z1,1 = {values['z1_1']:.4f}, through the weights W1 and biases b1 written on "
            f"the arrows; their sigmoids h0 = {values['h0']:.4f} and h1 = {values['h1']:.4f} and a constant 1 feed "
            f"z2 = {values['z2']:.4f} through w2,0 = {values['w2[0]']:.4f}, w2,1 = {values['w2[1]']:.4f} and b2; then "
            f"ŷ = {values['prediction']:.4f} and the error Ek = {values['error']:.4f}. In dashed orange boxes, the "
            f"gradients of Ek: {gradients['z2']:.4f} at z2, {gradients['h0']:.4f} and {gradients['h1']:.4f} at h0 "
            f"and h1, {gradients['z1_0']:.4f} and {gradients['z1_1']:.4f} at the hidden sums, and "
            f"{gradients['W1[0,0]']:.4f} for W1[0,0]. On the right, the mean error over the four examples after "
            f"each of {steps} step{'' if steps == 1 else 's'}, from {history[0]:.4f} to {history[-1]:.4f}.")


def draw_hidden_graph():
    """The hidden-layer graph's figure with no numbers in yet: (figure, drawing, history axes, line).

    Fill it with `drawing.show(hidden_labels(...))`.
    """
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    with rc_context(plots.course_rc()):
        figure = Figure(figsize=(12.5, 6.2), layout="constrained")
        graph_ax = figure.subplots()
        graph_ax.set(xlim=(0, 19.3), ylim=(0, 8.4))
        graph_ax.axis("off")
        drawing = _Drawing(graph_ax, fontsize=9.5, gradient_of="$E_k$", widest="-0.0000")
        top, bottom, middle = 5.6, 2.0, 3.8
        columns = dict(x=0.7, z1=7.2, h=10.0, z2=13.4, prediction=15.85, error=18.25)
        for i, y in ((0, top), (1, bottom)):
            drawing.node(f"x{i}", (columns["x"], y), HIDDEN_SYMBOLS[f"x{i}"], gradient=False, widest="0")
        for j, y in ((0, top), (1, bottom)):
            drawing.node(f"z1_{j}", (columns["z1"], y), HIDDEN_SYMBOLS[f"z1_{j}"])
            drawing.node(f"h{j}", (columns["h"], y), HIDDEN_SYMBOLS[f"h{j}"])
            drawing.arrow(f"z1_{j}", f"h{j}", symbol=f"× $h_{j}(1 - h_{j})$", number=f"z1_{j}", at=0.6, above=0.85,
                          shrink=(1.2, 1.0))
        for name in ("z2", "prediction", "error"):
            drawing.node(name, (columns[name], middle), HIDDEN_SYMBOLS[name])
        drawing.node("target", (columns["error"], 6.3), "target $y$", gradient=False, widest="0")
        drawing.arrow("z2", "prediction", symbol=r"× $\hat{y}(1 - \hat{y})$", number="z2", above=0.85, shrink=(1.0, 1.0))
        drawing.arrow("prediction", "error", symbol=r"× $2(\hat{y} - y)$", number="prediction", above=0.85,
                      shrink=(1.0, 0.95))
        for name, heading in (("x", "inputs"), ("z1", "hidden sums"), ("h", "hidden outputs"), ("z2", "output sum"),
                              ("prediction", "prediction"), ("error", "error of\nthis example")):
            graph_ax.text(columns[name], 7.05, heading, ha="center", va="bottom", fontsize=10, color=plots.DARK_GREY)
        # The parameters sit on their arrows, each a value box over a gradient box like a node.
        for i in range(2):
            for j in range(2):
                drawing.arrow(f"x{i}", f"z1_{j}", shrink=(0.5, 1.1))
                (x0, y0), (x1, y1) = drawing.places[f"x{i}"], drawing.places[f"z1_{j}"]
                at = 0.5 if i == j else 0.22 if i == 0 else 0.3
                drawing.node(f"W1[{i},{j}]", (x0 + (x1 - x0) * at, y0 + (y1 - y0) * at), HIDDEN_SYMBOLS[f"W1[{i},{j}]"])
        for j in range(2):
            drawing.arrow(f"h{j}", "z2", shrink=(0.9, 0.9))
            (x0, y0), (x1, y1) = drawing.places[f"h{j}"], drawing.places["z2"]
            drawing.node(f"w2[{j}]", (x0 + (x1 - x0) * 0.45, y0 + (y1 - y0) * 0.45), HIDDEN_SYMBOLS[f"w2[{j}]"])
        # Each bias is added to its sum: drawn just above (or below) it.
        for name, (x, y) in (("b1[0]", (columns["z1"] - 0.5, top + 1.0)), ("b1[1]", (columns["z1"] - 0.5, bottom - 1.05)),
                             ("b2", (columns["z2"], middle + 2.0))):
            drawing.node(name, (x, y), HIDDEN_SYMBOLS[name])
        graph_ax.text(9.65, 8.4, HIDDEN_LEGEND, ha="center", va="top", fontsize=10, color=plots.DARK_GREY)
        history_ax = graph_ax.inset_axes([0.74, 0.02, 0.25, 0.27])
        history_ax.tick_params(labelsize=9)
        line = _history_axes(history_ax, "mean error at the start and after each step", "mean squared error")
        history_ax.title.set_fontsize(10)
        history_ax.xaxis.label.set_fontsize(9)
        history_ax.yaxis.label.set_fontsize(9)
        drawing.finish()
    return figure, drawing, history_ax, line


def hidden_graph_explorer(network, input_vectors, targets, example=2):
    """The computation graph of a 2-2-1 network on one example, live, with buttons that train
    it on all the examples one step or 100 steps at a time.

    network: an nnlib.NeuralNetwork([2, 2, 1]) (trained in place); input_vectors: (n, 2);
    targets: (n,); example: the row shown first. Returns an Explorer with sliders "example"
    and "learning_rate", buttons "step", "hundred" and "reset", the table in `panels[0]`, the
    formulas in `panels[1]`, and `history`, the mean error before the first step and after each.
    """
    import copy

    input_vectors, targets = np.asarray(input_vectors, dtype=float), np.asarray(targets)
    start = copy.deepcopy(network)
    figure, drawing, history_ax, line = draw_hidden_graph()
    history_ax.set(ylim=(0, 1.1 * network.error(input_vectors, targets)))
    live = LiveFigure(figure, {**drawing.artists, "history": line}, text_layer=drawing.artists)
    table, formulas = text_panel(height="16em", width="27em"), text_panel(height="6em", width="42em", math=True)
    history = [network.error(input_vectors, targets)]

    def update(example, learning_rate):
        network.learning_rate = learning_rate
        numbers = hidden_numbers(network, input_vectors[example], targets[example])
        table.value = hidden_text(numbers, mean_gradients(network, input_vectors, targets), history, example)
        formulas.value = hidden_formulas(numbers)
        drawing.show(hidden_labels(numbers))
        show_history(live, line, history_ax, history)
        return describe_hidden_graph(numbers, history, example, targets[example])

    options = [(f"{k}: x = [{x[0]:g}, {x[1]:g}], y = {y:g}", k) for k, (x, y) in enumerate(zip(input_vectors, targets))]
    sliders = {"example": slider("example", example, options, None, None, kind="choice"),
               "learning_rate": slider("learning rate η", network.learning_rate, 0.1, 10.0, 0.1)}
    buttons = {"step": button("take one step"), "hundred": button("take 100 steps"), "reset": button("back to the start")}
    explorer = Explorer(sliders, [table, formulas], live, update, buttons=buttons, below=True)

    def train(iterations):
        network.learning_rate = explorer.sliders["learning_rate"].value
        errors_before_each_step = network.train(input_vectors, targets, iterations)
        history.extend(float(error) for error in errors_before_each_step[1:])  # [0] is history[-1]
        history.append(network.error(input_vectors, targets))
        explorer.refresh()

    def reset(_=None):
        network.weights = [array.copy() for array in start.weights]
        network.biases = [array.copy() for array in start.biases]
        history[:] = [network.error(input_vectors, targets)]
        explorer.refresh()

    buttons["step"].on_click(lambda _=None: train(1))
    buttons["hundred"].on_click(lambda _=None: train(100))
    buttons["reset"].on_click(reset)
    explorer.history, explorer.train, explorer.reset = history, train, reset
    return explorer
