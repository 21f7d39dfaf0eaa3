"""Autograding the untouched student edition: no marks, and feedback that says what is missing.

(In a file of its own so that it runs beside test_nbgrader.py, one per core.)
"""

import pytest

pytest.importorskip("nbgrader", reason="pip install -r requirements-teach.txt")
pytestmark = pytest.mark.long
from nbgrader_course import autograde, points_in_the_course, student_edition  # noqa: E402


def test_autograde_gives_the_untouched_student_edition_no_marks_and_useful_feedback(course):
    folder, released = course
    score, max_score = autograde(folder, "bob", sorted(released.glob("*.ipynb")))
    assert (score, max_score) == (0, points_in_the_course())

    student_edition.nbgrader(folder, "generate_feedback", student_edition.ASSIGNMENT, "--student", "bob", "--force")
    feedback = "\n".join(path.read_text(encoding="utf-8")
                         for path in (folder / "feedback" / "bob" / student_edition.ASSIGNMENT).glob("*.html"))
    for message in ["Replace None with your array.",
                    "raised NotImplementedError",
                    "Not yet: your weights give 0.87 for [2.0, 1.5], still above 0.5 (its target is 0).",
                    "2 of 4 right"]:
        assert message in feedback, message
