"""Every notebook in a real JupyterLab, in headless Chromium: run all cells, then move every slider.

For each notebook: run all its cells in a fresh kernel, check that the text it shows is its
stored text (the course's determinism check: nbval's run is one fresh run, this is another),
that no output is an error or a warning and that every widget rendered, and save a screenshot
in test-results/browser/. Then move each slider with the keyboard and check that the numbers
shown equal what nnlib computes for the new value and that the picture changed.
"""

import os
import pathlib
import re

import nbformat
import numpy as np
import pytest

import course.data
import nnlib
from course import graphs, widgets
from course.widgets import record_snapshots
from lab import CHROMIUM, INSTALL_HINT, ROOT, JupyterLab, launch_chromium, open_notebook, run_all_cells, \
    shown_notebook
from notebook_outputs import text_outputs

playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install -r requirements-dev.txt")
expect = playwright_api.expect
pytestmark = pytest.mark.long

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
RESULTS = ROOT / "test-results" / "browser"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="session")
def browser():
    if not pathlib.Path(CHROMIUM).exists():
        message = f"no Chromium at {CHROMIUM}: {INSTALL_HINT}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with playwright_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def lab(browser):
    server = JupyterLab()
    yield server
    server.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    expect.set_options(timeout=15_000)
    yield page
    context.close()


def counts(path):
    """(number of code cells, number of cells that display a widget) in a stored notebook."""
    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code" and cell.source.strip()]
    widgets = [cell for cell in code if any(WIDGET_VIEW in out.get("data", {}) for out in cell.outputs)]
    return len(code), len(widgets)


# --- moving sliders -----------------------------------------------------------------------

def slider(view, label):
    return view.locator(".widget-slider").filter(has=view.page.locator("label", has_text=label))


def move(slider_view, key, times=1):
    """Press `key` on the slider's handle; wait until its value changes; return the new value."""
    handle = slider_view.locator(".noUi-handle")
    before = handle.get_attribute("aria-valuetext")
    handle.focus()
    for _ in range(times):
        handle.press(key)
    expect(handle).not_to_have_attribute("aria-valuetext", before)
    return float(handle.get_attribute("aria-valuetext"))


def expect_update(view, old_src, *texts):
    for text in texts:
        expect(view).to_contain_text(text)
    expect(view.locator("img")).not_to_have_attribute("src", old_src)


def src(view):
    return view.locator("img").get_attribute("src")


def check_hello_slider(page, views):
    view = views.nth(0)
    n = move(slider(view, "n"), "ArrowRight", times=2)
    expect(view).to_contain_text(f"{n:g} squared is {n ** 2:g}")


def check_sigmoid_explorer(page, views):
    view = views.nth(0)
    for key in ("ArrowRight", "ArrowLeft", "ArrowLeft"):
        old = src(view)
        x = move(slider(view, "weighted sum"), key)
        probability = float(nnlib.sigmoid(x))
        expect_update(view, old, f"sigmoid({x:.2f}) = {probability:.4f}", f"class {int(probability >= 0.5)}")


def prediction_texts(view):
    values = [float(slider(view, name).locator(".noUi-handle").get_attribute("aria-valuetext"))
              for name in ("weight w1", "weight w2", "bias b")]
    input_vectors, targets = course.data.two_point_data()
    predictions = nnlib.make_prediction(input_vectors, values[:2], values[2:])
    classes = nnlib.classify(predictions)
    right = int(np.sum(classes == targets))
    verdict = "Both points are classified correctly." if right == 2 else f"{right} of 2 points classified correctly."
    return [f"{p:.4f}" for p in predictions] + [verdict]


def check_prediction_explorer(page, views):
    view = views.nth(0)
    expect(view).to_contain_text("0.7986")
    expect(view).to_contain_text("0.8710")
    for name, key, times in [("weight w1", "ArrowLeft", 1), ("weight w2", "ArrowRight", 1), ("bias b", "ArrowRight", 1),
                             ("weight w1", "ArrowLeft", 20)]:  # the last: 20 fast presses must end on the final value
        old = src(view)
        move(slider(view, name), key, times)
        expect_update(view, old, *prediction_texts(view))
    expect_typeset(view)


def shown_text(view):
    """The plain text of an explorer's first text panel, as the browser shows it."""
    return view.locator(".widget-html-content").first.text_content()


def as_text(page, html):
    """The plain text a browser makes of `html`: what a panel showing it must read."""
    return page.evaluate("html => { const d = document.createElement('div'); d.innerHTML = html; return d.textContent; }",
                         html)


def on_graph(view, name):
    """A number shown on a computation graph: text laid over its picture."""
    return view.locator(f'.course-text-layer [data-name="{name}"]')


def expect_typeset(view):
    """The formulas panel of an explorer was typeset by JupyterLab's MathJax."""
    expect(view.locator(".widget-htmlmath-content mjx-container").first).to_be_visible()


def check_slope_explorer(page, view):
    def error_of(w1):
        return float(np.square(nnlib.make_prediction(np.array([2, 1.5]), np.array([w1, -0.66]), np.zeros(1)) - 0)[0])

    def slope_of(w1):
        return float(nnlib.gradients(np.array([2, 1.5]), np.array([w1, -0.66]), np.zeros(1), 0)[0][0])

    nudges = (1.0, 0.1, 0.01, 0.001)
    for name, key in [("weight w1", "ArrowLeft"), ("nudge h", "ArrowRight"), ("nudge h", "ArrowRight")]:
        old = src(view)
        move(slider(view, name), key)
        weight = float(slider(view, "weight w1").locator(".noUi-handle").get_attribute("aria-valuetext"))
        nudge = float(slider(view, "nudge h").locator(".noUi-handle").get_attribute("aria-valuetext"))
        expected = widgets.slope_text(weight, nudges, widgets.nudge_slopes(error_of, weight, nudges), nudge,
                                      slope_of(weight))
        expect(view.locator(".widget-html-content").first).to_have_text(as_text(page, expected))
        expect(view.locator("img")).not_to_have_attribute("src", old)


def check_neuron_graph(page, view, other_view):
    """Move a weight: every number is nnlib's. Press the step button: the error falls by nnlib's step."""
    input_vector, target = np.array([2.0, 1.5]), 0

    def values():
        return [float(slider(view, name).locator(".noUi-handle").get_attribute("aria-valuetext"))
                for name in ("weight w1", "weight w2", "bias b", "learning rate η")]

    move(slider(view, "weight w1"), "ArrowLeft", times=5)
    w1, w2, b, rate = values()
    numbers = graphs.neuron_numbers(input_vector, [w1, w2], b, target)
    panel = view.locator(".widget-html-content").first
    expect(panel).to_have_text(as_text(page, graphs.neuron_text(numbers, [numbers["values"]["error"]], rate)))
    expect_typeset(view)
    # The numbers on the graph itself (text laid over its picture) are nnlib's.
    prediction = nnlib.make_prediction(input_vector, np.array([w1, w2]), np.array([b]))[0]
    derror_dweights, derror_dbias = nnlib.gradients(input_vector, np.array([w1, w2]), np.array([b]), target)
    for name, number in [("value prediction", prediction), ("value error", nnlib.mse(np.array([prediction]), target)),
                         ("gradient w1", derror_dweights[0]), ("gradient w2", derror_dweights[1]),
                         ("gradient b", derror_dbias[0])]:
        expect(on_graph(view, name)).to_have_text(f"{number:.4f}")

    history = [numbers["values"]["error"]]
    weights, bias = np.array([w1, w2]), np.array([b])
    for _ in range(2):
        old = src(view)
        view.get_by_role("button", name="take one step").click()
        derror_dweights, derror_dbias = nnlib.gradients(input_vector, weights, bias, target)
        weights, bias = weights - rate * derror_dweights, bias - rate * derror_dbias
        after = graphs.neuron_numbers(input_vector, weights, bias[0], target)
        history.append(after["values"]["error"])
        assert history[-1] < history[-2]
        expect(panel).to_have_text(as_text(page, graphs.neuron_text(after, history, rate)))
        expect(on_graph(view, "value error")).to_have_text(f"{history[-1]:.4f}")
        expect(view.locator("img")).not_to_have_attribute("src", old)   # the history grew: a new picture
    # The second view of the same explorer (section 7) shows the same numbers.
    expect(other_view.locator(".widget-html-content").first).to_have_text(as_text(page, graphs.neuron_text(after, history, rate)))
    view.get_by_role("button", name="back to the start").click()
    expect(panel).to_contain_text("0 steps taken")
    expect(panel).to_contain_text("0.7587")


def check_hidden_graph(page, view):
    """Choose another example: its forward and backward pass. Take 100 steps: the mean error falls."""
    inputs, targets = course.data.xor_data()
    network = nnlib.NeuralNetwork([2, 2, 1], learning_rate=2.0, seed=4)   # as in the notebook
    history = [network.error(inputs, targets)]
    panel = view.locator(".widget-html-content").first
    move(slider(view, "example"), "ArrowLeft")
    example = int(slider(view, "example").locator(".noUi-handle").get_attribute("aria-valuetext").split(":")[0])
    assert example == 1

    def expected():
        numbers = graphs.hidden_numbers(network, inputs[example], targets[example])
        return graphs.hidden_text(numbers, graphs.mean_gradients(network, inputs, targets), history, example)

    expect(panel).to_have_text(as_text(page, expected()))
    numbers = graphs.hidden_numbers(network, inputs[example], targets[example])
    for name in ("value x1", "value h0", "value prediction", "gradient z2", "gradient h0", "gradient W1[1,0]"):
        expect(on_graph(view, name)).to_have_text(graphs.hidden_labels(numbers)[name])
    assert graphs.hidden_labels(numbers)["value x1"] == "1" and float(graphs.hidden_labels(numbers)["gradient W1[1,0]"]) != 0
    expect_typeset(view)
    for button, steps in [("take one step", 1), ("take 100 steps", 100)]:
        old = src(view)
        view.get_by_role("button", name=button).click()
        history.extend(float(error) for error in network.train(inputs, targets, steps)[1:])
        history.append(network.error(inputs, targets))
        expect(panel).to_have_text(as_text(page, expected()))
        expect(view.locator("img")).not_to_have_attribute("src", old)
    assert history[-1] < history[0]
    expect(panel).to_contain_text(f"101 steps taken; mean error …")


def check_04(page, views):
    check_slope_explorer(page, views.nth(0))
    check_neuron_graph(page, views.nth(1), views.nth(2))
    check_learning_rate_explorer(page, views.nth(3))


def check_06(page, views):
    check_hidden_graph(page, views.nth(0))
    check_snapshot_explorer(page, views.nth(1))


def check_learning_rate_explorer(page, view):
    input_vectors, targets = course.data.two_point_data()
    weights, bias = course.data.first_weights()
    derror_dweights, derror_dbias = nnlib.gradients(input_vectors, weights, bias, targets)
    before = nnlib.mse(nnlib.make_prediction(input_vectors, weights, bias), targets)
    for key, times in [("ArrowRight", 1), ("ArrowRight", 60), ("ArrowLeft", 3)]:
        old = src(view)
        rate = move(slider(view, "learning rate"), key, times)
        after = nnlib.mse(nnlib.make_prediction(input_vectors, weights - rate * derror_dweights,
                                                bias - rate * derror_dbias), targets)
        expect_update(view, old, f"η = {rate:.2f}", f"error {before:.4f} → {after:.4f}")


def check_training_explorer(page, views):
    view = views.nth(0)
    input_vectors, targets = course.data.eight_point_data()
    for name, key in [("learning rate", "ArrowRight"), ("iterations", "ArrowLeft")]:
        old = src(view)
        move(slider(view, name), key)
        exponent = float(slider(view, "learning rate").locator(".noUi-handle").get_attribute("aria-valuetext"))
        iterations = int(float(slider(view, "iterations").locator(".noUi-handle").get_attribute("aria-valuetext")))
        network = nnlib.NeuralNetwork([2, 1], 10 ** exponent, seed=0)
        network.train(input_vectors, targets, iterations)
        accuracy = np.mean(nnlib.classify(network.predict(input_vectors)) == targets)
        expect_update(view, old, f"{iterations} iterations", f"final error {network.error(input_vectors, targets):.4f}",
                      f"accuracy {accuracy:.1%}")


def check_snapshot_explorer(page, view):
    input_vectors, targets = course.data.eight_point_data()
    checkpoints = [0, 100, 300, 1000, 2000, 3000, 5000, 10_000]  # as in the notebook
    snapshots = record_snapshots(nnlib.NeuralNetwork([2, 8, 1], learning_rate=1.0, seed=0),
                                 input_vectors, targets, checkpoints)
    for key in ("ArrowRight", "ArrowRight", "ArrowLeft"):
        old = src(view)
        index = int(move(slider(view, "iteration"), key))
        iteration, saved, error = snapshots[index]
        accuracy = np.mean(nnlib.classify(saved.predict(input_vectors)) == targets)
        expect_update(view, old, f"iteration {iteration}", f"error {error:.4f}", f"accuracy {accuracy:.1%}")


def check_threshold_explorer(page, views):
    view = views.nth(0)
    input_vectors, targets, _ = course.data.load_csv(course.data.DATA_DIR / "breast_cancer.csv")
    order = np.random.default_rng(0).permutation(len(targets))  # as in the notebook
    test_rows, train_rows = order[: len(targets) // 5], order[len(targets) // 5:]
    mean, std = input_vectors[train_rows].mean(axis=0), input_vectors[train_rows].std(axis=0)
    scaled = (input_vectors - mean) / std
    network = nnlib.NeuralNetwork([30, 16, 1], learning_rate=0.5, seed=0)
    network.train(scaled[train_rows], targets[train_rows], iterations=3_000)
    probabilities, y_test = network.predict(scaled[test_rows]), targets[test_rows]
    for key, times in [("ArrowRight", 10), ("ArrowLeft", 45)]:
        old = src(view)
        threshold = move(slider(view, "threshold"), key, times)
        missed = int(np.sum((probabilities < threshold) & (y_test == 1)))
        alarms = int(np.sum((probabilities >= threshold) & (y_test == 0)))
        expect_update(view, old, f"threshold {threshold:.2f}", f"(false negatives): {missed}",
                      f"(false positives): {alarms}")


SLIDER_CHECKS = {
    "00_setup.ipynb": check_hello_slider,
    "02_sigmoid.ipynb": check_sigmoid_explorer,
    "03_predictions.ipynb": check_prediction_explorer,
    "04_error_and_gradients.ipynb": check_04,
    "05_training.ipynb": check_training_explorer,
    "06_hidden_layer.ipynb": check_06,
    "07_real_data.ipynb": check_threshold_explorer,
}


def test_every_notebook_with_sliders_has_a_slider_check():
    with_widgets = {path.name for path in NOTEBOOKS if counts(path)[1]}
    assert with_widgets == set(SLIDER_CHECKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_runs_and_its_sliders_answer(page, lab, path):
    n_code_cells, n_widgets = counts(path)
    open_notebook(page, lab, path.name)
    run_all_cells(page, n_code_cells)
    shown = nbformat.from_dict(shown_notebook(page))
    assert text_outputs(shown) == text_outputs(nbformat.read(path, as_version=4))

    RESULTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=RESULTS / f"{path.stem}.png")
    if check_outputs_and_sliders(page, path.name, n_widgets):
        page.screenshot(path=RESULTS / f"{path.stem}-after-sliders.png")


def check_outputs_and_sliders(page, notebook, n_widgets):
    """After Run All: no output on stderr, every widget drawn; then move every slider of the
    notebook with its check above. Returns whether there were sliders. (Also tests/site/.)"""
    errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    assert errors.count() == 0, errors.all_inner_texts()
    views = page.locator(".jp-OutputArea-output:has(.widget-slider)")
    expect(views).to_have_count(n_widgets)
    expect(page.locator(".jp-OutputArea-output").get_by_text("Error displaying widget")).to_have_count(0)
    if n_widgets:
        views.first.scroll_into_view_if_needed()
        SLIDER_CHECKS[notebook](page, views)
    return n_widgets > 0


# --- a failing exercise check -------------------------------------------------------------

def test_a_failing_check_shows_its_message_and_no_traceback(page, lab):
    """Notebook 00 as the student edition hands it out: run all, and the first check stops the
    run with its one message, as an error (so nbgrader scores it 0) but with no traceback."""
    from script_modules import load_script

    stub = load_script("student_edition").CODE_STUB
    notebook = nbformat.read(ROOT / "notebooks" / "00_setup.ipynb", as_version=4)
    for cell in notebook.cells:
        cell.source = re.sub(r"### BEGIN SOLUTION.*### END SOLUTION", stub, cell.source, flags=re.S)
    nbformat.write(notebook, lab.workdir / "notebooks" / "00_student.ipynb")

    open_notebook(page, lab, "00_student.ipynb")
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
    error = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    expect(error).to_have_count(1)
    expect(error).to_have_text("✗ Replace None with your array.")
    mark = error.locator("span").first
    expect(mark).to_have_text("✗")
    red, green, blue = map(int, re.findall(r"\d+", mark.evaluate("span => getComputedStyle(span).color"))[:3])
    assert red > 2 * max(green, blue), (red, green, blue)  # drawn in red, by JupyterLab's theme
    RESULTS.mkdir(parents=True, exist_ok=True)
    error.scroll_into_view_if_needed()
    page.screenshot(path=RESULTS / "failing-check.png")
    outputs = " ".join(page.locator(".jp-OutputArea-output").all_inner_texts())
    assert "Replace None with your array." in outputs
    assert "Traceback" not in outputs and 'File "' not in outputs and "CheckFailed" not in outputs
