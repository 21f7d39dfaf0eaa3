"""The tools that write files (student edition, benchmarks, make clean) never destroy a user's file."""

import json
import pathlib
import subprocess
import sys

import nbformat
import pytest
from script_modules import SCRIPTS, load_script

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCRIPT = SCRIPTS / "student_edition.py"
student_edition = load_script("student_edition")


def run(folder, cwd=ROOT):
    return subprocess.run([sys.executable, str(SCRIPT), str(folder)], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def snapshot(folder):
    """Every file under `folder` (links not followed) with its bytes."""
    folder = pathlib.Path(folder)
    return {str(path.relative_to(folder)): (path.read_bytes() if path.is_file() and not path.is_symlink() else None)
            for path in sorted(folder.rglob("*"))}


def test_a_folder_with_a_users_file_is_left_untouched_and_the_reason_given(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "my notes.txt").write_text("mine")
    result = run(folder)
    assert result.returncode == 2
    assert result.stderr == (f"student_edition.py: nothing written: {folder} holds files this script did not "
                             "write (my notes.txt); choose a new or empty folder\n")
    assert snapshot(folder) == {"my notes.txt": b"mine"}


@pytest.mark.parametrize("argument, words", [
    (".", "a folder of the course itself"),
    ("notebooks", "a folder of the course itself"),
    ("notebooks/student", "a folder of the course itself"),
    ("..", "a folder that holds the whole course"),
    ("/", "a folder that holds the whole course"),
    ("README.md", "is a file, not a folder"),
])
def test_the_course_and_the_folders_around_it_are_refused(argument, words):
    before = snapshot(ROOT / "notebooks")
    result = run(argument)
    assert result.returncode == 2 and words in result.stderr, result.stderr
    assert snapshot(ROOT / "notebooks") == before


def fake_release(folder, names):
    """A release folder like nbgrader's, holding tiny notebooks with one folded answer cell."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.ipynb"):
        old.unlink()
    for name in names:
        cell = nbformat.v4.new_code_cell("raise NotImplementedError()", metadata={
            "nbgrader": {"solution": True}, "jupyter": {"source_hidden": True}})
        nbformat.write(nbformat.v4.new_notebook(cells=[cell]), folder / name)
    return folder


@pytest.fixture
def release(tmp_path, monkeypatch):
    """Make main() use a fake release (nbgrader itself is tested in test_nbgrader.py)."""
    names = ["00_a.ipynb", "01_b.ipynb"]
    monkeypatch.setattr(student_edition, "generate_student_edition",
                        lambda notebooks, folder: fake_release(tmp_path / "release", names))
    return names


def test_writes_a_new_folder_then_replaces_only_its_own_unchanged_output(tmp_path, release):
    output = tmp_path / "student"
    assert student_edition.main(output) == 0
    marker = json.loads((output / student_edition.MARKER).read_text())
    assert sorted(marker["files"]) == release == sorted(p.name for p in output.glob("*.ipynb"))
    answer = nbformat.read(output / "00_a.ipynb", as_version=4).cells[0]
    assert "source_hidden" not in answer.metadata["jupyter"]  # unfolded for the learner

    assert student_edition.main(output) == 0  # its own output, unchanged: written again

    release.remove("01_b.ipynb")  # a notebook that left the course is removed with the old edition
    assert student_edition.main(output) == 0
    assert sorted(p.name for p in output.iterdir()) == [student_edition.MARKER, "00_a.ipynb"]


@pytest.mark.parametrize("change", ["answer typed in", "a notebook of the learner's", "a link",
                                    "checkpoints folder", "marker lists ../", "marker is a list"])
def test_anything_changed_since_the_last_edition_is_left_alone(tmp_path, release, change, capsys):
    output = tmp_path / "student"
    assert student_edition.main(output) == 0
    outside = tmp_path / "outside.txt"
    outside.write_text("not the script's")
    if change == "answer typed in":
        (output / "00_a.ipynb").write_text((output / "00_a.ipynb").read_text().replace("raise", "answer = 1 #"))
    elif change == "a notebook of the learner's":
        (output / "mine.ipynb").write_text("{}")
    elif change == "a link":
        (output / "01_b.ipynb").unlink()
        (output / "01_b.ipynb").symlink_to(outside)
    elif change == "checkpoints folder":
        (output / ".ipynb_checkpoints").mkdir()
        (output / ".ipynb_checkpoints" / "00_a-checkpoint.ipynb").write_text("{}")
    elif change == "marker lists ../":
        marker = json.loads((output / student_edition.MARKER).read_text())
        marker["files"]["../outside.txt"] = student_edition.sha256(outside)
        (output / student_edition.MARKER).write_text(json.dumps(marker))
    else:
        (output / student_edition.MARKER).write_text("[]")
    before, outside_before = snapshot(output), outside.read_bytes()
    capsys.readouterr()
    assert student_edition.main(output) == 2
    assert "nothing written" in capsys.readouterr().err
    assert snapshot(output) == before and outside.read_bytes() == outside_before


# --- the other tools that write files ------------------------------------------------------

@pytest.mark.parametrize("kind", ["notes", "folder"])
def test_the_latency_benchmark_never_overwrites_a_file_it_did_not_write(tmp_path, kind):
    output = tmp_path / "notes.md"
    if kind == "notes":
        output.write_text("my notes")
    else:
        output.mkdir()
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "slider_latency.py"), "--output", str(output)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "is not a report of this script; nothing written" in result.stderr
    assert snapshot(tmp_path) == ({"notes.md": b"my notes"} if kind == "notes" else {"notes.md": None})


def test_make_clean_removes_only_a_virtual_environment_the_makefile_made(tmp_path):
    (tmp_path / "Makefile").write_bytes((ROOT / "Makefile").read_bytes())
    (tmp_path / "env").mkdir()
    (tmp_path / "env" / "mine.txt").write_text("mine")
    (tmp_path / ".pytest_cache").mkdir()
    result = subprocess.run(["make", "clean", "VENV=env"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "env was not made by this Makefile: left alone" in result.stdout
    assert snapshot(tmp_path / "env") == {"mine.txt": b"mine"} and not (tmp_path / ".pytest_cache").exists()

    (tmp_path / "env" / ".course-installed").touch()
    subprocess.run(["make", "clean", "VENV=env"], cwd=tmp_path, check=True, capture_output=True, timeout=60)
    assert not (tmp_path / "env").exists()
