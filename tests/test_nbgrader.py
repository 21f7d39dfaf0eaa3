"""The student edition and autograding, with nbgrader itself and its SQLite gradebook."""

import importlib.util
import pathlib
import re
import shutil

import nbformat
import pytest

pytest.importorskip("nbgrader", reason="pip install -r requirements-teach.txt")
from nbclient import NotebookClient  # noqa: E402
from nbgrader.api import Gradebook  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
spec = importlib.util.spec_from_file_location("student_edition", ROOT / "scripts" / "student_edition.py")
student_edition = importlib.util.module_from_spec(spec)
spec.loader.exec_module(student_edition)


def solution_cells(notebook):
    return [cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("solution")]


def check_cells(notebook):
    return [cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade")]


def solution_lines(source):
    """The lines between BEGIN SOLUTION and END SOLUTION."""
    inside = re.search(r"### BEGIN SOLUTION\n(.*?)\n\s*### END SOLUTION", source, re.S)
    return [line.strip() for line in inside.group(1).splitlines() if line.strip()]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nbgrader-course")
    released = student_edition.generate_student_edition(NOTEBOOKS, folder)
    return folder, released


def test_every_notebook_has_2_to_4_exercises_each_with_a_folded_solution_and_a_locked_check():
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        solutions, checks = solution_cells(notebook), check_cells(notebook)
        assert 2 <= len(solutions) <= 4 and len(checks) == len(solutions), path.name
        for cell in solutions:
            assert cell.metadata["jupyter"]["source_hidden"] is True
            assert solution_lines(cell.source)
        for cell in checks:
            assert cell.metadata["nbgrader"]["locked"] and cell.metadata["nbgrader"]["points"] > 0
            assert re.fullmatch(r"check_\w+\(.*\)\.assert_passed\(\)", cell.source.strip()), cell.source


def test_student_edition_holds_no_solution(course):
    _, released = course
    for path in NOTEBOOKS:
        source = nbformat.read(path, as_version=4)
        student = nbformat.read(released / path.name, as_version=4)
        hidden = {line for cell in solution_cells(source) for line in solution_lines(cell.source)}
        text = "\n".join(cell.source for cell in student.cells)
        assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text
        leaked = [line for line in hidden if line in text]
        assert not leaked, (path.name, leaked)
        for cell in solution_cells(student):
            assert "raise NotImplementedError()" in cell.source
        assert [c.source for c in check_cells(student)] == [c.source for c in check_cells(source)]


def test_student_edition_runs_without_error_up_to_the_first_exercise(course):
    _, released = course
    for path in sorted(released.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        first_exercise = notebook.cells.index(solution_cells(notebook)[0])
        notebook.cells = notebook.cells[:first_exercise]
        # Run from the course's notebooks/ folder, where the student edition's relative paths hold.
        NotebookClient(notebook, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
        for cell in notebook.cells:
            for output in cell.get("outputs", []):
                assert output.output_type != "error", (path.name, cell.source)


def test_autograde_full_marks_for_the_solutions_and_none_for_the_untouched_edition(course):
    folder, released = course
    submissions = {"alice": NOTEBOOKS, "bob": sorted(released.glob("*.ipynb"))}
    for student, notebooks in submissions.items():
        target = folder / "submitted" / student / student_edition.ASSIGNMENT
        target.mkdir(parents=True)
        for notebook in notebooks:
            shutil.copy(notebook, target / notebook.name)
        student_edition.nbgrader(folder, "db", "student", "add", student)
    student_edition.nbgrader(folder, "autograde", student_edition.ASSIGNMENT, "--force")
    student_edition.nbgrader(folder, "generate_feedback", student_edition.ASSIGNMENT, "--force")

    expected_points = sum(len(check_cells(nbformat.read(p, as_version=4))) for p in NOTEBOOKS)
    with Gradebook(f"sqlite:///{folder / 'gradebook.db'}") as gradebook:
        alice = gradebook.find_submission(student_edition.ASSIGNMENT, "alice")
        bob = gradebook.find_submission(student_edition.ASSIGNMENT, "bob")
        assert alice.max_score == expected_points
        assert alice.score == expected_points
        assert bob.score == 0

    feedback = "\n".join(path.read_text(encoding="utf-8")
                         for path in (folder / "feedback" / "bob" / student_edition.ASSIGNMENT).glob("*.html"))
    for message in ["Replace None with your array.",
                    "raised NotImplementedError",
                    "Not yet: your weights give 0.87 for [2.0, 1.5], still above 0.5 (its target is 0).",
                    "2 of 4 right"]:
        assert message in feedback, message
