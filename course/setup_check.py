"""The installation self-check of notebook 00: one OK-or-PROBLEM line per requirement."""

import importlib
import importlib.metadata
import pathlib
import re
import sys

MINIMUM_PYTHON = (3, 11)


def pinned_requirements(requirements_file):
    """The `name==version` pins of a requirements file, as a list of (name, version) pairs."""
    pins = []
    for line in pathlib.Path(requirements_file).read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*==\s*([^\s#;]+).*", line)
        if match:
            pins.append((match.group(1), match.group(2)))
    return pins


def installation_report(requirements_file):
    """Check Python, every pinned package and nnlib. Returns a list of (ok, message) pairs."""
    found = ".".join(map(str, sys.version_info[:3]))
    needed = ".".join(map(str, MINIMUM_PYTHON))
    report = [(sys.version_info[:2] >= MINIMUM_PYTHON, f"Python {found} ({needed} or newer needed)")]
    if not pathlib.Path(requirements_file).is_file():  # a copy of notebook 00 taken out of the course
        return report + [(False, f"no requirements file at {requirements_file}: this notebook is not in "
                                 "the course's notebooks/ folder, so the packages cannot be checked")]
    for name, pinned in pinned_requirements(requirements_file):
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            report.append((False, f"{name} is not installed: run `make lab` again "
                                  "(or pip install -r requirements.txt)"))
            continue
        if installed == pinned:
            report.append((True, f"{name} {installed}"))
        else:
            report.append((False, f"{name} {installed} is installed but requirements.txt pins "
                                  f"{pinned}: the outputs may differ; reinstall the requirements"))
    report.append(_nnlib_status(pathlib.Path(requirements_file).resolve().parent))
    return report


def _nnlib_status(course_folder):
    try:
        nnlib = importlib.import_module("nnlib")
    except ImportError as error:
        return False, f"nnlib does not import ({error}): run pip install -e . in the course folder"
    if pathlib.Path(nnlib.__file__).resolve().parent != course_folder:
        return False, f"nnlib imports, but from {nnlib.__file__}, not from this course folder"
    return True, "nnlib imports from this course folder"


def print_installation_report(requirements_file):
    """Print the report: one line per item, then a one-line verdict."""
    report = installation_report(requirements_file)
    for ok, message in report:
        print(f"{'OK     ' if ok else 'PROBLEM'}  {message}")
    problems = sum(not ok for ok, _ in report)
    print("All set." if not problems else f"{problems} problem(s): see Troubleshooting below.")
