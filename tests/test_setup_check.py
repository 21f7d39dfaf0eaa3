"""The installation self-check of notebook 00."""

import importlib.metadata
import pathlib

from course import setup_check

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_every_pin_of_requirements_txt_is_read():
    pins = dict(setup_check.pinned_requirements(ROOT / "requirements.txt"))
    for name in ("numpy", "matplotlib", "jupyterlab", "ipywidgets", "ipykernel", "nbval"):
        assert name in pins
    assert all(version[0].isdigit() for version in pins.values())


def test_this_environment_passes_the_self_check():
    report = setup_check.installation_report(ROOT / "requirements.txt")
    assert [message for ok, message in report if not ok] == []
    assert len(report) == len(setup_check.pinned_requirements(ROOT / "requirements.txt")) + 2


def test_a_wrong_version_and_a_missing_package_are_problems(tmp_path, capsys):
    numpy_version = importlib.metadata.version("numpy")
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(
        f"numpy=={numpy_version}\nmatplotlib==0.0.1  # too old\nno-such-package-here==1.0\n-e .\n"
    )
    setup_check.print_installation_report(requirements)
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == f"OK       numpy {numpy_version}"
    assert lines[2].startswith("PROBLEM  matplotlib") and "pins 0.0.1" in lines[2]
    assert lines[3].startswith("PROBLEM  no-such-package-here is not installed")
    # nnlib is installed from the course folder, not from tmp_path
    assert lines[4].startswith("PROBLEM  nnlib imports, but from")
    assert lines[5] == "3 problem(s): see Troubleshooting below."


def test_a_copy_of_the_notebook_outside_the_course_says_so_in_one_line(tmp_path, capsys):
    setup_check.print_installation_report(tmp_path / "requirements.txt")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("OK       Python")
    assert lines[1] == (f"PROBLEM  no requirements file at {tmp_path / 'requirements.txt'}: this notebook is "
                        "not in the course's notebooks/ folder, so the packages cannot be checked")
    assert lines[2] == "1 problem(s): see Troubleshooting below."
