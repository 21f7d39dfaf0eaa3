"""The installation self-check of notebook 00, in each way the course can be installed."""

import importlib.metadata
import pathlib
import shutil
import tomllib

import nbformat

from course import setup_check

ROOT = pathlib.Path(__file__).resolve().parent.parent


def report_lines(capsys, folder):
    setup_check.print_installation_report(folder)
    return capsys.readouterr().out.splitlines()


def copy_of_the_course(folder):
    """What a student's copy of the course holds of its code (as nbgitpuller leaves it)."""
    shutil.copy(ROOT / "nnlib.py", folder / "nnlib.py")
    shutil.copytree(ROOT / "course", folder / "course", ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def test_the_pins_are_read_from_the_installed_course_as_pyproject_toml_states_them():
    pins = dict(setup_check.pinned_requirements())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert pins == dict(requirement.split("==") for requirement in project["dependencies"])
    assert "nbgrader" not in pins  # an extra, for teachers only
    assert setup_check.minimum_python() == (3, 11)
    assert project["requires-python"] == ">=3.11"


def test_this_environment_passes_the_self_check(capsys):
    lines = report_lines(capsys, ROOT)
    assert lines[-2:] == ["OK       nnlib imports from this course folder", "All set."]
    notebook_00 = nbformat.read(ROOT / "notebooks" / "00_setup.ipynb", as_version=4)
    assert any("installed as in section 2: `nnlib imports from this course folder`" in cell.source
               for cell in notebook_00.cells)
    assert len(lines) == len(setup_check.pinned_requirements()) + 3 and not any("PROBLEM" in x for x in lines)


def test_a_wrong_version_and_a_missing_package_are_problems(monkeypatch, capsys):
    numpy_version = importlib.metadata.version("numpy")
    pins = [f"numpy=={numpy_version}", "matplotlib==0.0.1", "no-such-package-here==1.0",
            "nbgrader==0.0.1; extra == 'teach'"]
    real_requires = importlib.metadata.requires
    monkeypatch.setattr(importlib.metadata, "requires",
                        lambda name: pins if name == setup_check.DISTRIBUTION else real_requires(name))
    lines = report_lines(capsys, ROOT)
    assert lines[1] == f"OK       numpy {numpy_version}"
    assert lines[2].startswith("PROBLEM  matplotlib") and "the course pins 0.0.1" in lines[2]
    assert lines[3].startswith("PROBLEM  no-such-package-here is not installed: run `make lab` again")
    assert lines[4] == "OK       nnlib imports from this course folder"  # no line for the extra's nbgrader
    assert lines[5] == "2 problem(s): see Troubleshooting below."


def test_a_hub_copy_of_the_course_matching_the_shared_install_is_all_set(tmp_path, capsys):
    lines = report_lines(capsys, copy_of_the_course(tmp_path))
    hub_line = (f"nnlib {importlib.metadata.version('nn-from-scratch-course')} imports from the course installed "
                "in this environment, the same as this folder's")
    assert lines[-2:] == [f"OK       {hub_line}", "All set."]
    notebook_00 = nbformat.read(ROOT / "notebooks" / "00_setup.ipynb", as_version=4)
    assert any(f"teacher's link (" in cell.source and f"when they are the same: `{hub_line}`." in cell.source
               for cell in notebook_00.cells)  # §3 quotes it


def test_a_hub_copy_that_differs_from_the_shared_install_names_the_files(tmp_path, capsys):
    folder = copy_of_the_course(tmp_path)
    with open(folder / "course" / "plots.py", "a") as plots:
        plots.write("# a newer version\n")
    (folder / "course" / "new_helper.py").write_text("")
    lines = report_lines(capsys, folder)
    assert lines[-2].startswith("PROBLEM  nnlib imports from the course installed at")
    assert "differs from it in course/new_helper.py, course/plots.py:" in lines[-2]
    assert lines[-1] == "1 problem(s): see Troubleshooting below."


def test_the_student_edition_with_no_copy_of_the_course_beside_it_is_all_set(tmp_path, capsys):
    lines = report_lines(capsys, tmp_path)
    line = f"nnlib {importlib.metadata.version('nn-from-scratch-course')} imports from the course installed in this environment"
    assert lines[-2:] == [f"OK       {line}", "All set."]
    notebook_00 = nbformat.read(ROOT / "notebooks" / "00_setup.ipynb", as_version=4)
    assert any(f"no copy of the course: `{line}`." in cell.source for cell in notebook_00.cells)  # §3 quotes it


def test_a_course_folder_linked_to_this_one_imports_from_it(tmp_path, capsys):
    (tmp_path / "nnlib.py").symlink_to(ROOT / "nnlib.py")
    assert report_lines(capsys, tmp_path)[-2] == "OK       nnlib imports from this course folder"


def test_a_python_without_the_course_says_so_in_one_line(monkeypatch, capsys):
    def not_installed(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "metadata", not_installed)
    lines = report_lines(capsys, ROOT)
    assert lines[0].startswith("PROBLEM  the course is not installed in this Python (3.")
    assert lines[1] == "1 problem(s): see Troubleshooting below."
