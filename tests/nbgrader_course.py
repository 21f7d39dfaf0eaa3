"""An nbgrader course holding the course notebooks, for test_nbgrader*.py.

The two autograding tests live in two files so that they can run side by side, one per core
(pytest-xdist gives each worker a file at a time). The `course` fixture in conftest.py builds
the course once per worker; each student is autograded on their own.
"""

import pathlib
import re
import shutil

import nbformat
from script_modules import load_script

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
student_edition = load_script("student_edition")


def solution_cells(notebook):
    return [cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("solution")]


def check_cells(notebook):
    return [cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade")]


def solution_text(source):
    """What stands between BEGIN SOLUTION and END SOLUTION, indentation kept."""
    return re.search(r"### BEGIN SOLUTION\n(.*?)\n\s*### END SOLUTION", source, re.S).group(1)


def solution_lines(source):
    """The lines between BEGIN SOLUTION and END SOLUTION, stripped, blank ones left out."""
    return [line.strip() for line in solution_text(source).splitlines() if line.strip()]


def release_course(folder):
    """Build an nbgrader course in `folder`; returns (folder, folder of the released notebooks)."""
    return folder, student_edition.generate_student_edition(NOTEBOOKS, folder)


def autograde(folder, student, notebooks):
    """Submit `notebooks` as `student`, autograde them; returns (score, max_score)."""
    from nbgrader.api import Gradebook

    target = folder / "submitted" / student / student_edition.ASSIGNMENT
    target.mkdir(parents=True)
    for notebook in notebooks:
        shutil.copy(notebook, target / notebook.name)
    student_edition.nbgrader(folder, "autograde", student_edition.ASSIGNMENT, "--student", student, "--force")
    with Gradebook(f"sqlite:///{folder / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission(student_edition.ASSIGNMENT, student)
        return submission.score, submission.max_score


def points_in_the_course():
    return sum(len(check_cells(nbformat.read(path, as_version=4))) for path in NOTEBOOKS)
