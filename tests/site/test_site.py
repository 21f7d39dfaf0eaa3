"""The browser edition (make site) in headless Chromium, with nothing but the site to reach.

For every notebook of the site: open it in JupyterLite, run all its cells in the browser's Python
and check that the text it shows is the text stored with the course's notebook (but for the
differences the site itself explains), that no output is an error or a warning and that every
widget rendered; then move every slider and check the numbers shown against nnlib, as the
JupyterLab tests do. No request may go to any address but the site's. The seconds from opening
the page to an idle kernel, and of Run All, are written to test-results/site.json.
"""

import json
import os
import re

import nbformat
import pytest

from course import setup_check
from lab import ROOT, run_all_cells, shown_notebook
from lite import MARK, SITE, StaticSite, built_packages, launch_chromium, offline_context, open_notebook, \
    use_test_settings
from notebook_outputs import sanitize, text_outputs
from test_jupyterlab import check_outputs_and_sliders, counts

playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install -r requirements-dev.txt")
expect = playwright_api.expect

NOTEBOOKS = sorted((SITE / "files" / "notebooks").glob("[0-9][0-9]_*.ipynb"))
TIMINGS = ROOT / "test-results" / "site.json"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


@pytest.fixture(scope="session")
def site():
    if not (SITE / MARK).is_file():
        message = f"no site built at {SITE}: run `make site` first"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    server = StaticSite(SITE)
    yield server
    server.close()


@pytest.fixture(scope="session")
def browser():
    with playwright_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def timings():
    measured = {}
    yield measured
    TIMINGS.parent.mkdir(parents=True, exist_ok=True)
    TIMINGS.write_text(json.dumps(measured, indent=1) + "\n")


def same_up_to_rounding(shown, stored):
    """True if two texts are the same but for numbers with a fraction or an exponent that differ by
    at most one in their last printed digit, or that are both below 1e-6 in size (rounding noise,
    printed to show it is tiny). Whole numbers (counts, iterations) must be equal."""
    if NUMBER.split(shown) != NUMBER.split(stored):
        return False
    for a, b in zip(NUMBER.findall(shown), NUMBER.findall(stored)):
        if a == b or max(abs(float(a)), abs(float(b))) < 1e-6:
            continue
        (mantissa_a, _, exponent_a), (mantissa_b, _, exponent_b) = a.partition("e"), b.partition("e")
        if len(a) != len(b) or exponent_a != exponent_b or ("." not in a and not exponent_a):
            return False
        last_digit = 10.0 ** -len(mantissa_a.partition(".")[2])  # 0.001 for 0.991, 1 for 9e-09
        if abs(float(mantissa_a) - float(mantissa_b)) > 1.0001 * last_digit:
            return False
    return True


def expected_texts(path):
    """The text outputs the site's copy of a notebook must show once run in the browser: the stored
    ones, but for what the site's own notes say the browser prints instead."""
    notebook = nbformat.read(path, as_version=4)
    stored = text_outputs(notebook)
    notes = [cell.source for cell in notebook.cells if "browser-edition" in cell.metadata.get("tags", [])]
    if path.name == "00_setup.ipynb":
        [note] = [note for note in notes if "the next cell checks what runs in this tab." in note]
        quoted = [line[4:] for line in note.splitlines() if line.startswith("    ")]
        stored[0] = ("stdout", sanitize("\n".join(quoted) + "\n"))
        stored[1] = ("stdout", "The kernel runs inside a virtual environment: False\n")
    # A line a note says only an installed course prints ("the cell also prints `...`").
    for line in (match for note in notes for match in re.findall(r"the cell also prints `([^`]+)`", note)):
        stored = [(kind, text.replace(line + "\n", "")) for kind, text in stored]
    return stored


def test_the_site_serves_only_what_it_checked():
    """Pyodide from the site itself; the packages the build checked against Pyodide's lock."""
    config = json.loads((SITE / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.js" and kernel["disablePyPIFallback"] is True
    lock = json.loads((SITE / "static" / "pyodide" / "pyodide-lock.json").read_text())
    assert sorted(lock["packages"]) == built_packages()["packages"]
    for name, version in setup_check.BROWSER_PACKAGES.items():
        if name in lock["packages"]:
            assert lock["packages"][name]["version"] == version
    assert f"need ({len(lock['packages'])} packages)" in (ROOT / "lite" / "README.md").read_text()


def test_rounding_tolerance_is_one_in_the_last_digit():
    assert same_up_to_rounding("predictions [1.    0.992 1.]", "predictions [1.    0.991 1.]")
    assert same_up_to_rounding("largest difference 9e-09 and 1e-09", "largest difference 4e-09 and 5e-10")
    assert not same_up_to_rounding("error 0.0008", "error 0.0006")
    assert not same_up_to_rounding("6 of 8 right", "5 of 8 right")
    assert not same_up_to_rounding("error 0.2355", "error 0.2355 ")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_runs_in_the_browser_and_its_sliders_answer(browser, site, timings, path):
    context, refused = offline_context(browser, site)
    page = context.new_page()
    page.set_default_timeout(30_000)
    expect.set_options(timeout=30_000)
    try:
        n_code_cells, n_widgets = counts(path)
        use_test_settings(page, site)
        try:
            kernel_ready = open_notebook(page, site, path.name)
        except playwright_api.TimeoutError:
            pytest.fail(f"no kernel started; requests refused: {refused[:5]}")
        run_all = run_all_cells(page, n_code_cells)
        timings[path.stem] = {"page load to kernel ready (s)": round(kernel_ready, 1), "Run All (s)": round(run_all, 1)}

        shown = text_outputs(nbformat.from_dict(shown_notebook(page)))
        expected = expected_texts(path)
        assert [kind for kind, _ in shown] == [kind for kind, _ in expected]
        different = [(a, b) for (_, a), (_, b) in zip(shown, expected) if not same_up_to_rounding(a, b)]
        assert not different

        check_outputs_and_sliders(page, path.name, n_widgets)
        assert refused == []
    finally:
        context.close()
