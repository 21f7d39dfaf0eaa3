"""The student edition and autograding of the worked solutions, with nbgrader and its gradebook.

The untouched student edition is autograded in test_nbgrader_feedback.py, on the other core.
"""

import re

import nbformat
import pytest

pytest.importorskip("nbgrader", reason="pip install -r requirements-teach.txt")
pytestmark = pytest.mark.long
from nbgrader_course import (NOTEBOOKS, ROOT, autograde, check_cells, points_in_the_course, solution_cells,  # noqa: E402
                             solution_lines, student_edition)


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
            assert student_edition.CODE_STUB in cell.source and "raise" not in cell.source
        assert [c.source for c in check_cells(student)] == [c.source for c in check_cells(source)]


def test_student_edition_up_to_its_first_exercise_is_the_course_itself(course):
    """Before its first exercise a released notebook is the course notebook, cell for cell, so it
    runs as the course does; nbval runs every course notebook from notebooks/, as students do."""
    _, released = course
    for path in NOTEBOOKS:
        source = nbformat.read(path, as_version=4)
        student = nbformat.read(released / path.name, as_version=4)
        first = [notebook.cells.index(solution_cells(notebook)[0]) for notebook in (source, student)]
        assert first[0] == first[1], path.name
        assert ([(c.cell_type, c.source) for c in student.cells[:first[1]]]
                == [(c.cell_type, c.source) for c in source.cells[:first[0]]]), path.name


def test_autograde_gives_the_worked_solutions_full_marks(course):
    folder, _ = course
    score, max_score = autograde(folder, "alice", NOTEBOOKS)
    assert max_score == points_in_the_course() > 0
    assert score == max_score


def test_the_teachers_guide_gives_the_stub_that_the_student_edition_uses():
    teaching = (ROOT / "docs" / "teaching.md").read_text(encoding="utf-8")
    assert student_edition.NBGRADER_SETTINGS in teaching
