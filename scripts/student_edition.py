"""Write the student edition of the course: the notebooks without their worked solutions.

Usage: python scripts/student_edition.py [OUTPUT_DIR]      (default: student/)
Needs requirements-teach.txt (nbgrader). `make student` runs it.

The course notebooks are nbgrader source notebooks. This builds a throwaway nbgrader course
folder, runs `nbgrader generate_assignment`, and copies the released notebooks out: in each
answer cell nbgrader replaces the solution with CODE_STUB, a comment that says where the answer
goes, and the check cells stay, locked. Teachers running nbgrader on JupyterHub use the same
notebooks directly (see docs/teaching.md).

It writes only into a new or empty folder, or into one that holds nothing but its own earlier
output, unchanged (it keeps a list of what it wrote, with checksums, in .student-edition.json).
Anything else, a learner's answers included, is left alone: it says why and exits with status 2.
"""

import hashlib
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
ASSIGNMENT = "course"
COURSE_ID = "nn-from-scratch"  # as deploy/one-server/jupyterhub_config.py names it
MARKER = ".student-edition.json"  # in every folder this script writes: what it wrote there
# What replaces each worked solution. nbgrader's default, `raise NotImplementedError()`, would stop
# every answer cell with a traceback before the student has written anything.
CODE_STUB = "# Your answer goes here, or on the marked line above; then run this cell and the check below it."
NBGRADER_SETTINGS = f"c.ClearSolutions.code_stub = {{'python': {CODE_STUB!r}}}"  # docs/teaching.md shows it


def make_course_folder(notebooks, folder, assignment=ASSIGNMENT):
    """An nbgrader course folder whose one assignment holds `notebooks`."""
    folder = pathlib.Path(folder)
    source = folder / "source" / assignment
    source.mkdir(parents=True, exist_ok=True)
    for notebook in notebooks:
        shutil.copy(notebook, source / pathlib.Path(notebook).name)
    (folder / "nbgrader_config.py").write_text(course_settings(folder))
    return folder


def course_settings(folder):
    """The nbgrader_config.py of a course folder: its id, its place, the stub for the solutions."""
    folder = pathlib.Path(folder)
    return ("c = get_config()\n"
            f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
            f"c.CourseDirectory.root = {str(folder)!r}\n"
            f"c.CourseDirectory.db_url = {('sqlite:///' + str(folder / 'gradebook.db'))!r}\n"
            f"{NBGRADER_SETTINGS}\n")


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


class Refused(Exception):
    """The output folder holds something this script did not write, or is a course folder."""


def sha256(path):
    return hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()


def check_output_folder(output):
    """The folder's previous edition, {name: sha256}; raises Refused if writing there could harm.

    Writes are allowed only in a new or empty folder, or in one holding nothing but this
    script's own earlier output, unchanged since (a learner's answers are never overwritten).
    """
    folder = pathlib.Path(output).resolve()
    if folder in (ROOT, ROOT / "notebooks") or ROOT / "notebooks" in folder.parents:
        raise Refused(f"{output} is a folder of the course itself; "
                      "write the student edition to a folder of its own, such as student/")
    if folder in ROOT.parents:
        raise Refused(f"{output} is a folder that holds the whole course; "
                      "write the student edition to a folder of its own, such as student/")
    if not folder.exists():
        return {}
    if not folder.is_dir():
        raise Refused(f"{output} is a file, not a folder")
    entries = sorted(entry.name for entry in folder.iterdir())
    if not entries:
        return {}
    if MARKER not in entries:
        raise Refused(f"{output} holds files this script did not write ({_some(entries)}); "
                      "choose a new or empty folder")
    written = _read_marker(folder / MARKER)
    if written is None:
        raise Refused(f"{folder / MARKER} is not the list this script writes; choose a new or empty folder")
    foreign = [name for name in entries if name != MARKER and name not in written]
    if foreign:
        raise Refused(f"{output} holds files this script did not write ({_some(foreign)}); "
                      "move them away or choose another folder")
    changed = [name for name in entries if name in written and not _unchanged(folder / name, written[name])]
    if changed:
        raise Refused(f"{output} holds notebooks changed since this script wrote them ({_some(changed)}), "
                      "perhaps with answers in them; move them away or choose another folder")
    return written


def _read_marker(path):
    """The {notebook name: sha256} list of a marker file, or None if it is not one."""
    if path.is_symlink() or not path.is_file():
        return None
    try:
        written = json.loads(path.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(written, dict):
        return None
    plain_names = all(isinstance(name, str) and pathlib.PurePath(name).name == name and name.endswith(".ipynb")
                      and isinstance(digest, str) for name, digest in written.items())
    return written if plain_names else None


def _unchanged(path, digest):
    return not path.is_symlink() and path.is_file() and sha256(path) == digest


def _some(names, n=3):
    return ", ".join(names[:n]) + (f" and {len(names) - n} more" if len(names) > n else "")


def write_edition(released, output, previous):
    """Copy the released notebooks into `output`, remove the previous edition's other notebooks,
    and record what is there now in the marker file."""
    output = pathlib.Path(output)
    output.mkdir(parents=True, exist_ok=True)
    written = {}
    for notebook in sorted(released.glob("*.ipynb")):
        unfold_answer_cells(notebook, output / notebook.name)
        written[notebook.name] = sha256(output / notebook.name)
    for name in set(previous) - set(written):  # only files checked to be this script's own
        (output / name).unlink()
    (output / MARKER).write_text(json.dumps({"written_by": "scripts/student_edition.py", "files": written},
                                            indent=1) + "\n", encoding="utf-8")
    return written


def main(output=ROOT / "student"):
    try:
        previous = check_output_folder(output)
    except Refused as refusal:
        print(f"student_edition.py: nothing written: {refusal}", file=sys.stderr)
        return 2
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    with tempfile.TemporaryDirectory() as folder:
        released = generate_student_edition(notebooks, folder)
        written = write_edition(released, output, previous)
    output = pathlib.Path(output)
    print(f"student edition: {len(written)} notebooks in {output}/")
    print(f"open them with: make lab, then browse to {output.name}/ (run them from there)")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
