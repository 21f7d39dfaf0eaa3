"""Autograding the untouched student edition: no marks, and feedback that says what is missing.

(In a file of its own so that it runs beside test_nbgrader.py, one per core.)
"""

import pytest

pytest.importorskip("nbgrader", reason="pip install -r requirements-teach.txt")
pytestmark = pytest.mark.long
import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbgrader_course import ROOT, autograde, check_cells, points_in_the_course, student_edition  # noqa: E402


def test_autograde_gives_the_untouched_student_edition_no_marks_and_useful_feedback(course):
    folder, released = course
    score, max_score = autograde(folder, "bob", sorted(released.glob("*.ipynb")))
    assert (score, max_score) == (0, points_in_the_course())

    student_edition.nbgrader(folder, "generate_feedback", student_edition.ASSIGNMENT, "--student", "bob", "--force")
    feedback = "\n".join(path.read_text(encoding="utf-8").split("<body")[-1]  # (not its style sheet)
                         for path in (folder / "feedback" / "bob" / student_edition.ASSIGNMENT).glob("*.html"))
    feedback = " ".join(feedback.split())  # a long message is wrapped over two lines
    for message in ["Replace None with your array.",
                    "my_relu(np.array([-2, -0.5, 0, 0.5, 3])) gave None: write your answer in place of None",
                    "Not yet: your weights and bias give 0.871 for [2.0, 1.5], 0.5 or more, so class 1, but its target is 0.",
                    "2 of 4 right"]:
        assert message in feedback, message
    assert "Traceback" not in feedback and "NotImplementedError" not in feedback
    teaching = " ".join((ROOT / "docs" / "teaching.md").read_text(encoding="utf-8").split())
    assert '("your weights and bias give 0.871 for [2.0, 1.5], 0.5 or more, so class 1, but its target is 0")' in teaching


def test_in_the_untouched_student_edition_only_the_checks_fail_and_without_a_traceback(course):
    """As a student meets it: answer cells run; each check cell stops with its message alone."""
    _, released = course
    for path in sorted(released.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        NotebookClient(notebook, timeout=300, allow_errors=True, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        checks, failed = check_cells(notebook), []
        for cell in notebook.cells:
            for output in cell.get("outputs", []):
                if output.output_type == "error":
                    assert cell in checks, (path.name, cell.source)
                    shown = "\n".join(output.traceback)
                    assert "Traceback" not in shown and 'File "' not in shown, shown
                    assert shown.startswith("\x1b[1;31m✗\x1b[0m ") and len(shown) > 30, shown
                    failed.append(cell)
                assert output.get("name") != "stderr", (path.name, output.get("text"))
        assert failed == checks, path.name
