"""Make a teacher's nbgrader course folder, or add an assignment to one, from course notebooks.

Usage: python scripts/nbgrader_course.py COURSE_FOLDER ASSIGNMENT NOTEBOOK...
e.g.   python scripts/nbgrader_course.py ~/nn-from-scratch week1 notebooks/00_setup.ipynb notebooks/03_predictions.ipynb

On a JupyterHub set up with deploy/, a teacher runs it in a terminal of their own server, in
their copy of the course; the formgrader (Nbgrader > Formgrader) then lists the assignment:
generate, release, collect, autograde, feedback (docs/teaching.md). Needs nbgrader.

It copies the notebooks into COURSE_FOLDER/source/ASSIGNMENT/, which must not exist yet, with their
answer cells unfolded (the full course keeps them folded over the worked solutions), and
writes COURSE_FOLDER/nbgrader_config.py (the course's id, and the comment that replaces each
worked solution in the student edition) only if there is none: it overwrites nothing.
"""

import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import student_edition  # noqa: E402


def add_assignment(folder, assignment, notebooks):
    """Copy `notebooks` into folder/source/assignment; returns that folder. Raises ValueError."""
    folder = pathlib.Path(folder).expanduser()
    if not re.fullmatch(r"[A-Za-z0-9_\-]+", assignment):
        raise ValueError(f"ASSIGNMENT must be a name of letters, digits, - and _, such as week1, not {assignment!r}")
    notebooks = [pathlib.Path(notebook) for notebook in notebooks]
    if not notebooks:
        raise ValueError("give at least one NOTEBOOK, such as notebooks/00_setup.ipynb")
    for notebook in notebooks:
        if notebook.suffix != ".ipynb" or not notebook.is_file():
            raise ValueError(f"NOTEBOOK must be a notebook file (.ipynb) that exists, not {str(notebook)!r}")
    source = folder / "source" / assignment
    if source.exists():
        raise ValueError(f"{source} exists already: choose another ASSIGNMENT name (nothing was written)")
    source.mkdir(parents=True)
    for notebook in notebooks:  # unfolded, as in the student edition: students answer in those cells
        student_edition.unfold_answer_cells(notebook, source / notebook.name)
    settings = folder / "nbgrader_config.py"
    if not settings.exists():
        settings.write_text(student_edition.course_settings(folder.resolve()), encoding="utf-8")
    return source


def main(argv):
    if len(argv) < 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        source = add_assignment(argv[0], argv[1], argv[2:])
    except ValueError as error:
        print(f"nbgrader_course.py: {error}", file=sys.stderr)
        return 2
    print(f"{len(argv) - 2} notebooks in {source}/: generate and release them in the formgrader")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
