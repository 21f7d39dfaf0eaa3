"""Write the student edition of the course: the notebooks without their worked solutions.

Usage: python scripts/student_edition.py [OUTPUT_DIR]      (default: student/)
Needs requirements-teach.txt (nbgrader). `make student` runs it.

The course notebooks are nbgrader source notebooks. This builds a throwaway nbgrader course
folder, runs `nbgrader generate_assignment`, and copies the released notebooks out: in each
answer cell nbgrader replaces the solution with `raise NotImplementedError()`, and the check
cells stay, locked. Teachers running nbgrader on JupyterHub use the same notebooks directly
(see docs/teaching.md).
"""

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
ASSIGNMENT = "course"


def make_course_folder(notebooks, folder):
    """An nbgrader course folder whose one assignment, `course`, holds `notebooks`."""
    folder = pathlib.Path(folder)
    source = folder / "source" / ASSIGNMENT
    source.mkdir(parents=True, exist_ok=True)
    for notebook in notebooks:
        shutil.copy(notebook, source / pathlib.Path(notebook).name)
    (folder / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.course_id = 'nn-from-scratch'\n"
        f"c.CourseDirectory.root = {str(folder)!r}\n"
        f"c.CourseDirectory.db_url = {('sqlite:///' + str(folder / 'gradebook.db'))!r}\n"
    )
    return folder


def nbgrader(folder, *arguments):
    """Run an nbgrader command in the course folder; raise with its output if it fails."""
    # nbgrader runs alembic for its database, which must be found on PATH.
    env = {**os.environ, "PATH": f"{pathlib.Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run([sys.executable, "-m", "nbgrader", *arguments], cwd=folder, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(arguments)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def generate_student_edition(notebooks, folder):
    """Release the assignment in `folder`; returns the folder holding the student notebooks."""
    make_course_folder(notebooks, folder)
    nbgrader(folder, "generate_assignment", ASSIGNMENT, "--force")
    return pathlib.Path(folder) / "release" / ASSIGNMENT


def unfold_answer_cells(notebook, destination):
    """Copy a released notebook, unfolding the answer cells that the full course keeps folded."""
    import nbformat

    released = nbformat.read(notebook, as_version=4)
    for cell in released.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            cell.metadata.get("jupyter", {}).pop("source_hidden", None)
    nbformat.write(released, destination)


def main(output=ROOT / "student"):
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    with tempfile.TemporaryDirectory() as folder:
        released = generate_student_edition(notebooks, folder)
        output = pathlib.Path(output)
        shutil.rmtree(output, ignore_errors=True)
        output.mkdir(parents=True)
        for notebook in sorted(released.glob("*.ipynb")):
            unfold_answer_cells(notebook, output / notebook.name)
    print(f"student edition: {len(notebooks)} notebooks in {output}/")
    print(f"open them with: make lab, then browse to {output.name}/ (run them from there)")


if __name__ == "__main__":
    main(*sys.argv[1:])
