"""How fast do the sliders answer? Key press to updated text and to updated plot, in JupyterLab.

Usage: python benchmarks/slider_latency.py [--moves 40] [--compare-websocket] [--output FILE.md]

Builds a scratch notebook holding the course's slider widgets and, as a baseline, naive
versions of the same plots (`interact` drawing a new inline figure on every call). Opens it
in headless Chromium, runs it, and for every slider widget presses an arrow key `--moves`
times, one press at a time. In the page, a keydown listener notes the time of the press and
a MutationObserver the moment the widget's text changes and the moment a new picture has
loaded (an <img> whose src changed, or a new one). Then, for each widget, 20 presses within
a second must end with the text of the final value, never a stale one.

Prints a markdown table (p50, p95 and max in ms) and writes it to --output.
"""

import argparse
import pathlib
import statistics
import sys
import time

import nbformat

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from lab import JupyterLab, launch_chromium, open_notebook, run_all_cells  # noqa: E402

REPORT_START = "Slider latency in ms"  # the first words of every report this script writes

SETUP = """\
import matplotlib.pyplot as plt
import numpy as np
import ipywidgets
from ipywidgets import interact

import nnlib
from course import data, plots, widgets

plots.use_course_style()
input_vectors, targets = data.two_point_data()
weights_1, bias = data.first_weights()
eight_inputs, eight_targets = data.eight_point_data()
curve_x = np.linspace(-8, 8, 400)
"""

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
]

# Installs the listeners for one move and returns nothing; results land in window.__move.
ARM = """
([view, textSelector]) => {
  const textNode = () => view.querySelector(textSelector);
  const textNow = () => (textNode() ? textNode().textContent : "");
  const state = {pressed: null, text: null, plot: null, textBefore: textNow(), timed: new Set(),
                 srcsBefore: new Set([...view.querySelectorAll("img")].map(img => img.src))};
  window.__move = state;
  const onKey = () => { if (state.pressed === null) state.pressed = performance.now(); };
  view.addEventListener("keydown", onKey, {capture: true, once: true});
  const check = () => {
    if (state.pressed === null) return;
    const text = textNow();
    if (state.text === null && text && text !== state.textBefore) state.text = performance.now();
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
    cells = [nbformat.v4.new_code_cell(SETUP)]
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


def expected_text(label, value):
    """What the widget must show, computed here with nnlib, once the slider reads `value`."""
    import nnlib
    from course import data, measures

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
    needles = expected_text(label, float(handle.get_attribute("aria-valuetext")))
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
                for kind in ("sigmoid", "prediction") if label.startswith("naive") and kind in label}
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=40)
    parser.add_argument("--output", type=pathlib.Path, default=ROOT / "benchmarks" / "results" / "slider_latency.md")
    parser.add_argument("--compare-websocket", action="store_true",
                        help="also measure a server without course.fast_websocket, in the same run")
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
            name = "with" if fast_websocket else "without"
            sections.append((f"JupyterLab {name} course.fast_websocket", rows))
    text = (f"{REPORT_START}, from a key press on a slider to the updated text and to the loaded\n"
            f"picture, in JupyterLab in headless Chromium; {args.moves} moves per widget (the training explorer\n"
            f"a quarter of that), all measured in one run of `python benchmarks/slider_latency.py"
            f"{' --compare-websocket' if args.compare_websocket else ''}`.\n")
    for title, rows in sections:
        text += f"\n### {title}\n\n{markdown_table(rows)}\n"
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
