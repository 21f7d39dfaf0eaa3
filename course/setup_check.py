"""The installation self-check of notebook 00: one OK-or-PROBLEM line per requirement.

The course is a Python package (pyproject.toml) whose description pins every package it runs
on. It is installed in one of three ways, and the check is right in each:
- in place from the course folder (`make lab`, `pip install -r requirements.txt`): nnlib imports
  from that folder;
- once for everyone, as on a JupyterHub, while each student works in a copy of the course
  folder: nnlib imports from the environment, and must be the same as the student's copy;
- the same, with nbgrader's student edition: a folder of notebooks with no copy of the course.
The pins are read from the installed course, so no file beside the notebook is needed.
In the browser edition (JupyterLite) each notebook's first cell installs the course into the
browser's Python, with the browser's own builds of its packages: those are checked instead.
"""

import importlib
import importlib.metadata
import pathlib
import re
import sys

DISTRIBUTION = "nn-from-scratch-course"  # the course's name in pyproject.toml
# The browser edition (JupyterLite, `make site`) runs on Pyodide's own builds of the packages,
# older than the pins of pyproject.toml; scripts/build_site.py installs exactly these there.
PYODIDE_VERSION = "0.27.7"
BROWSER_PACKAGES = {"numpy": "2.0.2", "matplotlib": "3.8.4", "pillow": "10.2.0", "ipywidgets": "8.1.9"}
IN_THE_BROWSER = sys.platform == "emscripten"  # Pyodide: CPython compiled to WebAssembly
REINSTALL = "run `make lab` again (or python -m pip install -r requirements.txt) in the course folder"


def pinned_requirements():
    """The course's `name==version` pins, read from the installed course: a list of (name, version).

    Pins of an extra (nbgrader, for teachers) are left out: a learner does not need them.
    """
    pins = []
    for requirement in importlib.metadata.requires(DISTRIBUTION) or []:
        match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*==\s*([^\s;]+)\s*", requirement)
        if match:  # a requirement with a marker (`; extra == "teach"`) does not match
            pins.append((match.group(1), match.group(2)))
    return pins


def minimum_python():
    """The oldest Python the course supports, from its `requires-python = ">=3.11"`: (3, 11)."""
    needed = importlib.metadata.metadata(DISTRIBUTION)["Requires-Python"]
    return tuple(int(part) for part in re.fullmatch(r">=\s*(\d+)\.(\d+)", needed).groups())


def installation_report(course_folder):
    """Check Python, every pinned package and nnlib, for a notebook whose course folder is
    `course_folder` (the folder above notebooks/). Returns a list of (ok, message) pairs."""
    if IN_THE_BROWSER:
        return browser_report()
    found = ".".join(map(str, sys.version_info[:3]))
    try:
        needed = minimum_python()
    except importlib.metadata.PackageNotFoundError:
        return [(False, f"the course is not installed in this Python ({found}, in {sys.prefix}): {REINSTALL}")]
    report = [(sys.version_info[:2] >= needed, f"Python {found} ({'.'.join(map(str, needed))} or newer needed)")]
    for name, pinned in pinned_requirements():
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            report.append((False, f"{name} is not installed: {REINSTALL}"))
            continue
        if installed == pinned:
            report.append((True, f"{name} {installed}"))
        else:
            report.append((False, f"{name} {installed} is installed but the course pins {pinned}: "
                                  f"the outputs may differ; {REINSTALL}"))
    report.append(nnlib_status(course_folder))
    return report


def browser_report():
    """The self-check in the browser edition: Python, the browser's packages, nnlib."""
    import pyodide  # only in the browser

    python = ".".join(map(str, sys.version_info[:3]))
    try:
        pins = dict(pinned_requirements())
        course_version = importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return browser_lines(python, pyodide.__version__, {}, {}, None)
    installed = {}
    for name in BROWSER_PACKAGES:
        try:
            installed[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed[name] = None
    try:
        importlib.import_module("nnlib")
    except ImportError as error:
        return browser_lines(python, pyodide.__version__, installed, pins, course_version, nnlib_error=error)
    return browser_lines(python, pyodide.__version__, installed, pins, course_version)


def browser_lines(python, pyodide_version, installed, pins, course_version, nnlib_error=None):
    """The browser self-check's (ok, message) pairs for the given versions (`installed`: name to
    version or None; `course_version` None if the course is not installed). The site's notebook 00
    shows them for the versions it serves, so that a learner knows what to expect."""
    rerun = "reload the page and run this notebook's first cell again"
    report = [(True, f"Python {python}, running in this browser tab (Pyodide {pyodide_version})")]
    if course_version is None:
        return [*report, (False, f"the course is not installed in this tab's Python: {rerun}")]
    for name, expected in BROWSER_PACKAGES.items():
        found = installed.get(name)
        if found is None:
            report.append((False, f"{name} is not installed: {rerun}"))
        elif found == expected == pins[name]:
            report.append((True, f"{name} {found} (the version the course pins)"))
        elif found == expected:
            report.append((True, f"{name} {found} (the browser's build; a course installed on a computer pins {pins[name]})"))
        else:
            report.append((False, f"{name} {found} is loaded but the browser edition expects {expected}: {rerun}"))
    if nnlib_error is not None:
        return [*report, (False, f"nnlib does not import ({nnlib_error}): {rerun}")]
    return [*report, (True, f"nnlib {course_version} imports from the course installed in this browser tab")]


def course_files(root):
    """The course's own files under `root`, a course folder or the folder it is installed in:
    nnlib.py and everything in course/ but compiled Python, as paths relative to `root`."""
    root = pathlib.Path(root)
    helpers = sorted(path.relative_to(root) for path in (root / "course").rglob("*")
                     if path.is_file() and "__pycache__" not in path.parts)
    return [pathlib.Path("nnlib.py"), *helpers]


def nnlib_status(course_folder):
    """(ok, message): where nnlib imports from, and whether it is this course folder's version."""
    try:
        nnlib = importlib.import_module("nnlib")
    except ImportError as error:
        return False, f"nnlib does not import ({error}): {REINSTALL}"
    imported = pathlib.Path(nnlib.__file__).resolve()
    folder = pathlib.Path(course_folder).resolve()
    if (folder / "nnlib.py").resolve() == imported:
        return True, "nnlib imports from this course folder"
    version = importlib.metadata.version(DISTRIBUTION)
    if not (folder / "nnlib.py").is_file():  # nbgrader's student edition: notebooks only
        return True, f"nnlib {version} imports from the course installed in this environment"
    installed_root = imported.parent
    different = [str(name) for name in course_files(folder)
                 if not _same_bytes(folder / name, installed_root / name)]
    if different:
        shown = ", ".join(different[:3]) + (f" and {len(different) - 3} more" if len(different) > 3 else "")
        return False, (f"nnlib imports from the course installed at {installed_root} (version {version}), "
                       f"but this course folder's copy differs from it in {shown}: the notebooks may need what "
                       "the installed course lacks. On a JupyterHub, ask whoever runs it to install this "
                       f"version; on your own machine, {REINSTALL}")
    return True, f"nnlib {version} imports from the course installed in this environment, the same as this folder's"


def _same_bytes(path, other):
    return other.is_file() and path.read_bytes() == other.read_bytes()


def report_lines(report):
    """A report as the self-check prints it: one line per item, then a one-line verdict."""
    problems = sum(not ok for ok, _ in report)
    return [f"{'OK     ' if ok else 'PROBLEM'}  {message}" for ok, message in report] + [
        "All set." if not problems else f"{problems} problem(s): see Troubleshooting below."]


def print_installation_report(course_folder):
    """Print the report of installation_report(course_folder), line by line."""
    print("\n".join(report_lines(installation_report(course_folder))))
