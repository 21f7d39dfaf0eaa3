"""Hygiene of the stored notebooks: what strict nbval and a reader without a kernel see."""

import json
import pathlib
import re

import nbformat
import pytest
from notebook_outputs import text_outputs
from script_modules import load_script

pytestmark = pytest.mark.long

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code" and cell.source.strip()]


def markdown(notebook):
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


@pytest.fixture(params=NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def notebook(request):
    return request.param, nbformat.read(request.param, as_version=4)


def test_the_course_notebooks_in_order():
    names = [path.stem for path in NOTEBOOKS]
    assert names == ["00_setup", "01_data_and_weighted_sum", "02_sigmoid", "03_predictions",
                     "04_error_and_gradients", "05_training", "06_hidden_layer", "07_real_data"]


def test_valid_nbformat_and_python3_kernel(notebook):
    path, nb = notebook
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"


def test_executed_top_to_bottom_in_one_fresh_kernel(notebook):
    path, nb = notebook
    counts = [cell.execution_count for cell in code_cells(nb)]
    assert counts == list(range(1, len(counts) + 1)), f"{path.name}: restart and run all"


def test_no_errors_and_nothing_on_stderr(notebook):
    path, nb = notebook
    for cell in code_cells(nb):
        for output in cell.outputs:
            assert output.output_type != "error", cell.source
            assert not (output.output_type == "stream" and output.name == "stderr"), cell.source


def test_printed_text_is_stored_in_one_piece(notebook):
    path, nb = notebook
    for cell in code_cells(nb):
        names = [output.get("name") for output in cell.outputs]
        assert all(a is None or a != b for a, b in zip(names, names[1:])), \
            f"{path.name}: {cell.source!r} stores its printed text in pieces: run make notebooks"


def test_no_unstable_reprs_in_stored_text(notebook):
    path, nb = notebook
    for cell in code_cells(nb):
        if "nbval-ignore-output" in cell.metadata.get("tags", []):
            continue
        for output in cell.outputs:
            text = output.get("text", "") + str(output.get("data", {}).get("text/plain", ""))
            assert not re.search(r" at 0x[0-9a-f]+|np\.float64\(|Line2D", text), (path.name, text)


def test_widget_cells_are_tagged_and_have_a_static_view_before_them(notebook):
    path, nb = notebook
    cells = code_cells(nb)
    for i, cell in enumerate(cells):
        shows_widget = any(WIDGET_VIEW in output.get("data", {}) for output in cell.outputs)
        tagged = "nbval-ignore-output" in cell.metadata.get("tags", [])
        assert shows_widget == tagged, f"{path.name}: {cell.source!r}"
        if shows_widget and "hello_slider" not in cell.source:  # the setup slider draws no figure
            previous = cells[i - 1]
            assert any("image/png" in output.get("data", {}) for output in previous.outputs), path.name


def test_widget_views_carry_the_ids_make_notebooks_gives_them(notebook):
    # Fixed ids, so that executing the notebooks again changes nothing that did not change.
    script = load_script("execute_notebooks")
    path, nb = notebook
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if WIDGET_VIEW in output.get("data", {}):
                assert output.data[WIDGET_VIEW]["model_id"] == script.widget_model_id(path, index), path.name


def test_no_widget_state_stored(notebook):
    path, nb = notebook
    assert "widgets" not in nb.metadata


def test_no_sys_path_tricks(notebook):
    path, nb = notebook
    assert all("sys.path" not in cell.source for cell in nb.cells)


def test_skeleton_title_summary_exercises_with_checks(notebook):
    path, nb = notebook
    text = markdown(nb)
    assert re.search(r"^# \d\d · ", text, re.MULTILINE)
    assert "## Summary" in text and "## Exercises" in text
    assert text.index("## Summary") < text.index("## Exercises")
    exercise_code = "".join(cell.source for cell in code_cells(nb))
    assert re.search(r"check_\w+\(", exercise_code)


def test_each_notebook_links_to_its_neighbours_at_top_and_bottom():
    for i, path in enumerate(NOTEBOOKS):
        nb = nbformat.read(path, as_version=4)
        first, last = nb.cells[0].source, nb.cells[-1].source
        for neighbour in NOTEBOOKS[max(i - 1, 0): i] + NOTEBOOKS[i + 1: i + 2]:
            assert f"]({neighbour.name})" in first and f"]({neighbour.name})" in last, path.name
        assert "](../README.md)" in first and "](../README.md)" in last


def test_each_notebook_links_to_the_notation_page_at_top_and_bottom():
    assert (ROOT / "docs" / "notation.md").is_file()
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for cell in (nb.cells[0], nb.cells[-1]):
            assert "](../docs/notation.md)" in cell.source, path.name


def test_the_notation_page_points_at_notebooks_that_exist_and_use_each_term():
    page = (ROOT / "docs" / "notation.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(\.\./notebooks/([^)]+)\)", page)
    assert len(targets) > 60
    assert {(ROOT / "notebooks" / target).is_file() for target in targets} == {True}
    terms = page.split("## Terms")[1]
    for row in re.findall(r"^\| ([^|]+) \| [^|]+ \| \[[^]]+\]\(\.\./notebooks/([^)]+)\)", terms, re.MULTILINE):
        names, target = row
        nb = nbformat.read(ROOT / "notebooks" / target, as_version=4)
        text = " ".join(cell.source for cell in nb.cells).replace("*", "").lower()
        for name in re.sub(r"\(.*?\)", "", names).split(","):
            assert name.strip().lower() in text, (name.strip(), target)


def test_readme_links_every_notebook():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        assert f"](notebooks/{path.name})" in readme, path.name


def test_notebooks_are_stored_compactly():
    for path in NOTEBOOKS:
        raw = json.loads(path.read_text(encoding="utf-8"))
        for cell in raw["cells"]:
            assert "execution" not in cell.get("metadata", {}), f"{path.name}: timing metadata"


def png_outputs(notebook):
    return [output for cell in code_cells(notebook) for output in cell.outputs
            if "image/png" in output.get("data", {})]


FIGURE_REPR = re.compile(r"<(?:Figure size|matplotlib\.)")
SHOWS_A_FIGURE = re.compile(r"\bshow\(|\.static\(\)")


def figures_without_pictures(notebook):
    """Indexes of code cells that show a figure but store no picture of it.

    A cell stores a figure's text repr without a PNG when the figure was displayed before
    matplotlib's inline formatter existed; a cell that calls `show(...)` or `.static()` must
    store a PNG whatever its text says.
    """
    missing = []
    for index, cell in enumerate(code_cells(notebook)):
        outputs = [output.get("data", {}) for output in cell.outputs]
        has_picture = any("image/png" in data for data in outputs)
        text = "".join("".join(data.get("text/plain", "")) for data in outputs)
        if not has_picture and (FIGURE_REPR.search(text) or SHOWS_A_FIGURE.search(cell.source)):
            missing.append(index)
    return missing


def test_every_figure_is_stored_as_a_picture(notebook):
    path, nb = notebook
    assert figures_without_pictures(nb) == [], f"{path.name}: code cells {figures_without_pictures(nb)}"


def test_a_figure_stored_only_as_text_is_found():
    shown = nbformat.v4.new_code_cell("show(fig, 'a description')", outputs=[nbformat.v4.new_output(
        "display_data", data={"text/plain": "<Figure size 1000x380 with 1 Axes>"})])
    bare = nbformat.v4.new_code_cell("fig", outputs=[nbformat.v4.new_output(
        "execute_result", data={"text/plain": "<Figure size 640x480 with 1 Axes>"}, execution_count=2)])
    drawn = nbformat.v4.new_code_cell("show(fig, 'a description')", outputs=[nbformat.v4.new_output(
        "display_data", data={"image/png": "iVBOR", "text/plain": "<IPython.core.display.Image object>"})])
    notebook = nbformat.v4.new_notebook(cells=[shown, bare, drawn])
    assert figures_without_pictures(notebook) == [0, 1]


def test_every_figure_has_a_text_description(notebook):
    path, nb = notebook
    for output in png_outputs(nb):
        alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
        assert len(alt.split()) >= 5, f"{path.name}: a figure without alt text"


@pytest.mark.parametrize("template", ["lab", "classic"])
def test_html_export_keeps_every_figure(notebook, template):
    from nbconvert import HTMLExporter

    path, nb = notebook
    body, _ = HTMLExporter(template_name=template).from_notebook_node(nb)
    images = re.findall(r"<img [^>]*src=\"data:image/png;base64,[^\"]+\"[^>]*>", body)
    assert len(images) == len(png_outputs(nb)), path.name
    assert "<h1" in body and "Exercises" in body
    if template == "classic":  # the template that writes alt attributes
        assert all(' alt="' in image or "\nalt=" in image for image in images), path.name


def test_a_cell_that_prints_in_two_chunks_compares_equal_to_one_print():
    one = nbformat.v4.new_code_cell("print(1); work(); print(2)", outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="1\n2\n")])
    two = nbformat.v4.new_code_cell("print(1); work(); print(2)", outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="1\n"),
        nbformat.v4.new_output("stream", name="stdout", text="2\n")])
    assert text_outputs(nbformat.v4.new_notebook(cells=[one])) == text_outputs(nbformat.v4.new_notebook(cells=[two]))
    assert two.outputs[0].text == "1\n"  # the notebook itself is left as it was
