"""How fast do the sliders answer? Key press to updated text and to updated plot, in JupyterLab.

Usage: python benchmarks/slider_latency.py [--moves 40] [--compare-websocket] [--output FILE.md]

Builds a scratch notebook holding the course's slider widgets, the live computation graphs of
notebooks 04 and 06 among them, and, as baselines, naive versions of the same plots and graphs
(`interact` drawing a new inline figure on every call). Opens it in headless Chromium, runs
it, and for every slider widget presses an arrow key `--moves` times, one press at a time. In
the page, a keydown listener notes the time of the press and a MutationObserver the moment the
widget's text changes and the moment a new picture has loaded (an <img> whose src changed, or a
new one, or, for the graphs, whose numbers are text laid over a picture, that text). Then, for each widget, 20 presses within a second must end with the text of the final
value, never a stale one.

Prints a markdown table (p50, p95 and max in ms) and writes it to --output.
"""

import argparse
import pathlib
import re
import statistics
import sys
import time

import nbformat

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from lab import JupyterLab, launch_chromium, open_notebook, run_all_cells  # noqa: E402

REPORT_START = "Slider latency in ms"  # the first words of every report this script writes

SETUP = """\
import io

import matplotlib.pyplot as plt
import numpy as np
import ipywidgets
from ipywidgets import interact

import nnlib
from course import data, graphs, plots, widgets
from course.live import slider

plots.use_course_style()
input_vectors, targets = data.two_point_data()
weights_1, bias = data.first_weights()
eight_inputs, eight_targets = data.eight_point_data()
curve_x = np.linspace(-8, 8, 400)
xor_inputs, xor_targets = data.xor_data()
"""

# The naive graphs: the same picture as the live explorers of course.graphs, but built anew on
# every call (a new figure, laid out, drawn in full and shown inline), as `interact` would do it.
NAIVE_GRAPHS = r"""
from IPython.display import Image, display
from matplotlib.backends.backend_agg import FigureCanvasAgg

def naive_print(numbers, names, header):
    print(header)
    for name in names:
        print(f"{name:>10} {numbers['values'][name]:9.4f} {numbers['gradients'][name]:9.4f}")

def naive_show(figure, drawing, history_ax, line, labels, history):
    drawing.show(labels)
    line.set_data(np.arange(len(history)), history)
    graphs._fit_history(history_ax, history)
    canvas = FigureCanvasAgg(figure)
    png = io.BytesIO()
    canvas.print_png(png)
    display(Image(png.getvalue()))
"""

NEURON_INPUT = "np.array([2, 1.5])"  # the example of the one-neuron graph, target 0
HIDDEN_NETWORK = "nnlib.NeuralNetwork([2, 2, 1], learning_rate=2.0, seed=4)"

# (label, code that displays one widget, key to press, text that shows the value)
WIDGETS = [
    ("course: sigmoid explorer (02)", "widgets.sigmoid_explorer(nnlib.sigmoid, weighted_sum=0.0)", "sigmoid("),
    ("course: prediction explorer (03)",
     "widgets.prediction_explorer(nnlib.make_prediction, input_vectors, targets, weights_1, bias)", "classified"),
    ("course: learning-rate explorer (04)",
     "widgets.learning_rate_explorer(input_vectors, targets, weights_1, bias)", "error"),
    ("course: training explorer (05), retrains on every change",
     "widgets.training_explorer(lambda rate: nnlib.NeuralNetwork([2, 1], rate, seed=0), eight_inputs, eight_targets, "
     "limits=(0, 6), max_iterations=2000)", "final error"),
    ("course: neuron graph explorer (04)", f"graphs.neuron_graph_explorer({NEURON_INPUT}, 0, weights_1, bias)", "z"),
    ("course: hidden graph explorer (06), a 2-2-1 network on XOR",
     f"graphs.hidden_graph_explorer({HIDDEN_NETWORK}, xor_inputs, xor_targets)", "example"),
    ("floor: sigmoid text only, no plot", """\
floor_slider = ipywidgets.FloatSlider(value=0.0, min=-8, max=8, step=0.1, description="weighted sum")
floor_text = ipywidgets.HTML()
def floor_update(change=None):
    floor_text.value = f"sigmoid({floor_slider.value:.2f}) = {float(nnlib.sigmoid(floor_slider.value)):.4f}"
floor_slider.observe(floor_update, names="value")
floor_update()
ipywidgets.VBox([floor_slider, floor_text])""", "sigmoid("),
    ("naive: sigmoid plot, new inline figure per move", """\
@interact(weighted_sum=ipywidgets.FloatSlider(value=0.0, min=-8, max=8, step=0.1, description="weighted sum"))
def naive_sigmoid(weighted_sum):
    probability = float(nnlib.sigmoid(weighted_sum))
    print(f"sigmoid({weighted_sum:.2f}) = {probability:.4f}")
    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    ax.plot(curve_x, nnlib.sigmoid(curve_x))
    ax.axhline(0.5, linestyle="--")
    ax.plot([weighted_sum], [probability], "o", markersize=12)
    ax.set(xlabel="weighted sum x", ylabel="sigmoid(x)", title=f"sigmoid({weighted_sum:.2f}) = {probability:.3f}")
    plt.show()""", "sigmoid("),
    ("naive: prediction plot, new inline figure per move", """\
@interact(w1=ipywidgets.FloatSlider(value=1.45, min=-3, max=3, step=0.01, description="weight w1"),
          w2=ipywidgets.FloatSlider(value=-0.66, min=-3, max=3, step=0.01, description="weight w2"),
          b=ipywidgets.FloatSlider(value=0.0, min=-3, max=3, step=0.01, description="bias b"))
def naive_predictions(w1, w2, b):
    predictions = nnlib.make_prediction(input_vectors, [w1, w2], [b])
    print("predictions", " ".join(f"{p:.4f}" for p in predictions), "classified", nnlib.classify(predictions))
    fig, ax = plt.subplots(figsize=(5.6, 4.6))
    image = plots.plot_probability(ax, lambda grid: nnlib.make_prediction(grid, [w1, w2], [b]), (0, 3.5))
    fig.colorbar(image, ax=ax)
    ax.plot(*plots.boundary_points([w1, w2], [b], (0, 3.5)), color="black")
    plots.plot_points(ax, input_vectors, targets)
    ax.set(xlim=(0, 3.5), ylim=(0, 3.5), title=f"w = [{w1:.2f}, {w2:.2f}], b = {b:.2f}")
    plt.show()""", "classified"),
    ("naive: neuron graph, new inline figure per move", f"""\
neuron_input = {NEURON_INPUT}
@interact(w1=slider("weight w1", 1.45, -4.0, 4.0, 0.01), w2=slider("weight w2", -0.66, -4.0, 4.0, 0.01),
          b=slider("bias b", 0.0, -4.0, 4.0, 0.01), learning_rate=slider("learning rate η", 1.0, 0.05, 5.0, 0.05))
def naive_neuron(w1, w2, b, learning_rate):
    numbers = graphs.neuron_numbers(neuron_input, [w1, w2], b, 0)
    naive_print(numbers, ["w1", "w2", "b", "z", "prediction", "error"], "node, value, gradient")
    naive_show(*graphs.draw_neuron_graph(neuron_input, 0), graphs.neuron_labels(numbers), [numbers["values"]["error"]])""", "z"),
    ("naive: hidden graph, new inline figure per move", f"""\
naive_network = {HIDDEN_NETWORK}
xor_options = [(f"{{k}}: x = [{{x[0]:g}}, {{x[1]:g}}], y = {{y:g}}", k)
               for k, (x, y) in enumerate(zip(xor_inputs, xor_targets))]
@interact(example=slider("example", 2, xor_options, None, None, kind="choice"),
          learning_rate=slider("learning rate η", 2.0, 0.1, 10.0, 0.1))
def naive_hidden(example, learning_rate):
    numbers = graphs.hidden_numbers(naive_network, xor_inputs[example], xor_targets[example])
    mean = graphs.mean_gradients(naive_network, xor_inputs, xor_targets)
    naive_print(numbers, graphs.HIDDEN_PARAMETERS, f"parameter, value, gradient of example {{example}}")
    print("mean of all:", " ".join(f"{{mean[name]:.4f}}" for name in graphs.HIDDEN_PARAMETERS))
    naive_show(*graphs.draw_hidden_graph(), graphs.hidden_labels(numbers), [naive_network.error(xor_inputs, xor_targets)])""", "example"),
]
GRAPH_KINDS = ("neuron graph", "hidden graph")

# Installs the listeners for one move and returns nothing; results land in window.__move.
ARM = """
([view, textSelector]) => {
  const textNode = () => view.querySelector(textSelector);
  const textNow = () => (textNode() ? textNode().textContent : "");
  // The graphs lay their numbers over the picture as text: a change there is the picture's update.
  const layerNow = () => { const layer = view.querySelector(".course-text-layer"); return layer ? layer.textContent : null; };
  const state = {pressed: null, text: null, plot: null, textBefore: textNow(), layerBefore: layerNow(), timed: new Set(),
                 srcsBefore: new Set([...view.querySelectorAll("img")].map(img => img.src))};
  window.__move = state;
  const onKey = () => { if (state.pressed === null) state.pressed = performance.now(); };
  view.addEventListener("keydown", onKey, {capture: true, once: true});
  const check = () => {
    if (state.pressed === null) return;
    const text = textNow();
    if (state.text === null && text && text !== state.textBefore) state.text = performance.now();
    if (state.plot === null && state.layerBefore !== null && layerNow() !== state.layerBefore) state.plot = performance.now();
    for (const img of view.querySelectorAll("img")) {
      if (state.srcsBefore.has(img.src) || state.timed.has(img.src)) continue;
      state.timed.add(img.src);
      const done = () => { if (state.plot === null) state.plot = performance.now(); };
      if (img.complete && img.naturalWidth) done(); else img.addEventListener("load", done, {once: true});
    }
  };
  state.observer = new MutationObserver(check);
  state.observer.observe(view, {subtree: true, childList: true, characterData: true, attributes: true,
                                attributeFilter: ["src"]});
}
"""


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def build_notebook(path):
    cells = [nbformat.v4.new_code_cell(SETUP + "\n" + NAIVE_GRAPHS)]
    cells += [nbformat.v4.new_code_cell(code) for _, code, _ in WIDGETS]
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)


def text_selector(label):
    return ".widget-output" if label.startswith("naive") else ".widget-html-content"


def measure(page, view, label, moves):
    handle = view.locator(".noUi-handle").first
    texts, plots = [], []
    for i in range(moves):
        key = "ArrowRight" if i % 2 == 0 else "ArrowLeft"  # back and forth, never stuck at an end
        page.evaluate(ARM, [view.element_handle(), text_selector(label)])
        handle.press(key)
        has_plot = not label.startswith("floor")
        page.wait_for_function("(hasPlot) => window.__move.text !== null && (!hasPlot || window.__move.plot !== null)",
                               arg=has_plot, timeout=20_000)
        pressed, text, plot = page.evaluate("() => [window.__move.pressed, window.__move.text, window.__move.plot]")
        page.evaluate("() => window.__move.observer.disconnect()")
        texts.append(text - pressed)
        if has_plot:
            plots.append(plot - pressed)
        page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').wait_for()
    return texts, plots


def slider_value(label, valuetext):
    """The value a slider's handle shows: a number, or for the hidden graph's example slider
    (a SelectionSlider) the index that leads its label, as in "1: x = [0, 1], y = 1"."""
    if "hidden graph" in label:
        return int(re.match(r"\d+", valuetext).group())
    return float(valuetext)


def expected_text(label, value):
    """What the widget must show, computed here with nnlib, once the slider reads `value`."""
    import nnlib
    from course import data, measures

    if "neuron graph" in label:  # w1 moves; x = [2, 1.5], w2 = -0.66, b = 0: z and the prediction
        z = 2 * value + 1.5 * -0.66
        return [f"{z:.4f}", f"{float(nnlib.sigmoid(z)):.4f}"]
    if "hidden graph" in label:
        return [f"example {value}"]
    if "sigmoid" in label:
        return [f"sigmoid({value:.2f}) = {float(nnlib.sigmoid(value)):.4f}"]
    input_vectors, targets = data.two_point_data()
    weights, bias = data.first_weights()
    if "prediction" in label:  # the first slider, w1, is the one that moves
        return [f"{p:.4f}" for p in nnlib.make_prediction(input_vectors, [value, weights[1]], bias)]
    if "learning-rate" in label:
        return [f"→ {measures.error_after_step(input_vectors, targets, weights, bias, value):.4f}"]
    eight_inputs, eight_targets = data.eight_point_data()  # the training explorer: value is log10(rate)
    network = nnlib.NeuralNetwork([2, 1], 10 ** value, seed=0)
    network.train(eight_inputs, eight_targets, 2000)
    return [f"final error {network.error(eight_inputs, eight_targets):.4f}"]


def rapid_moves_end_fresh(page, view, label):
    """20 presses within a second; afterwards the text must show the slider's final value."""
    handle = view.locator(".noUi-handle").first
    for i in range(20):
        handle.press("ArrowRight" if i < 14 else "ArrowLeft")  # ends inside the range, off the start
        page.wait_for_timeout(40)
    needles = expected_text(label, slider_value(label, handle.get_attribute("aria-valuetext")))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        shown = view.locator(text_selector(label)).first.inner_text()
        if all(needle in shown for needle in needles):
            return True
        page.wait_for_timeout(100)
    return False


def measure_server(playwright, fast_websocket, moves):
    """Every widget on one JupyterLab server: a list of (label, texts, plots, fresh)."""
    lab = JupyterLab(fast_websocket=fast_websocket)
    try:
        build_notebook(lab.workdir / "notebooks" / "slider_benchmark.ipynb")
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        open_notebook(page, lab, "slider_benchmark.ipynb")
        run_all_cells(page, len(WIDGETS) + 1)
        views = page.locator(".jp-CodeCell .jp-OutputArea-output:has(.widget-slider)")
        views.nth(len(WIDGETS) - 1).wait_for()
        # The page is still busy with the outputs (the naive graphs' large figures) for a second
        # or so after the last cell is done: the first press would otherwise take about 1.4 s.
        page.wait_for_timeout(3000)
        rows = []
        for index, (label, _, _) in enumerate(WIDGETS):
            view = views.nth(index)
            view.scroll_into_view_if_needed()
            n = moves if "training" not in label else max(10, moves // 4)
            texts, plots = measure(page, view, label, n)
            rows.append((label, texts, plots, rapid_moves_end_fresh(page, view, label)))
            print(f"measured {label}", file=sys.stderr)
        browser.close()
        return rows
    finally:
        lab.close()


def markdown_table(rows):
    def stats(values):
        if not values:
            return "| – | – | –"
        return f"| {statistics.median(values):.0f} | {percentile(values, 0.95):.0f} | {max(values):.0f}"

    baseline = {kind: statistics.median(plots) for label, _, plots, _ in rows
                for kind in ("sigmoid", "prediction") + GRAPH_KINDS if label.startswith("naive") and kind in label}
    lines = [
        "| widget | moves | text p50 | text p95 | text max | plot p50 | plot p95 | plot max "
        "| plot p50: naive / this | 20 fast presses end fresh |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, texts, plots, fresh in rows:
        kind = next((k for k in baseline if k in label), None)
        ratio = f"{baseline[kind] / statistics.median(plots):.1f}×" if plots and kind and label.startswith("course") else ""
        lines.append(f"| {label} | {len(texts)} {stats(texts)} {stats(plots)} | {ratio} | {'yes' if fresh else 'NO'} |")
    return "\n".join(lines)


def graph_targets(rows):
    """One line per graph explorer: its plot times and ratio against the targets."""
    naive = {kind: statistics.median(plots) for label, _, plots, _ in rows
             for kind in GRAPH_KINDS if label.startswith("naive") and kind in label}
    lines = []
    for label, _, plots, _ in rows:
        kind = next((k for k in GRAPH_KINDS if k in label), None)
        if kind and label.startswith("course"):
            ratio = naive[kind] / statistics.median(plots)
            p50, p95 = round(statistics.median(plots)), round(percentile(plots, 0.95))  # judged as printed
            lines.append(f"* {kind}: plot p50 {p50} ms ({'met' if p50 <= 50 else 'missed'}, target ≤ 50), "
                         f"p95 {p95} ms ({'met' if p95 <= 100 else 'missed'}, ≤ 100), {ratio:.1f}× faster "
                         f"than the naive way ({'met' if round(ratio, 1) >= 2 else 'missed'}, ≥ 2×)")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=40)
    parser.add_argument("--output", type=pathlib.Path, default=ROOT / "benchmarks" / "results" / "slider_latency.md")
    parser.add_argument("--compare-websocket", action="store_true",
                        help="also measure a server with course.fast_websocket switched off, in the same run")
    args = parser.parse_args()
    # Overwrite only an earlier report of this script (checked before a minute of measuring).
    if args.output.exists() and not (args.output.is_file()
                                    and args.output.read_text(errors="replace").startswith(REPORT_START)):
        parser.exit(2, f"{parser.prog}: {args.output} exists and is not a report of this script; "
                       "nothing written: choose another --output\n")

    from playwright.sync_api import sync_playwright

    settings = [True, False] if args.compare_websocket else [True]
    sections = []
    with sync_playwright() as playwright:
        for fast_websocket in settings:
            rows = measure_server(playwright, fast_websocket, args.moves)
            title = ("JupyterLab started with no flag (course.fast_websocket on, as installed)" if fast_websocket
                     else "JupyterLab with course.fast_websocket switched off")
            sections.append((title, rows))
    text = (f"{REPORT_START}, from a key press on a slider to the updated text and to the loaded\n"
            f"picture, in JupyterLab in headless Chromium; {args.moves} moves per widget (the training explorer\n"
            f"a quarter of that), all measured in one run of `python benchmarks/slider_latency.py"
            f"{' --compare-websocket' if args.compare_websocket else ''}`.\n")
    for title, rows in sections:
        text += (f"\n### {title}\n\n{markdown_table(rows)}\n\n"
                 f"The graph explorers against their targets:\n\n{graph_targets(rows)}\n")
    if len(sections) == 2:
        with_rows, without_rows = (dict((label, texts) for label, texts, _, _ in rows) for _, rows in sections)
        label = "floor: sigmoid text only, no plot"
        text += (f"\nText-only floor, p50: {statistics.median(without_rows[label]):.0f} ms without, "
                 f"{statistics.median(with_rows[label]):.0f} ms with course.fast_websocket.\n")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
