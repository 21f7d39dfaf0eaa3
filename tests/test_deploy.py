"""The pieces of deploy/ that run without a hub: the nbgitpuller link, the one-server hub
settings and their pre-spawn hook, and the teacher's course-folder script. The whole flow on a
real hub is tests/hub/ (`make test-hub`)."""

import pathlib
import runpy
import subprocess
import sys
import types
import urllib.parse

import nbformat
import pytest
from script_modules import load_script

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))
from nbgitpuller_link import nbgitpuller_link  # noqa: E402

nbgrader_course = load_script("nbgrader_course")


def test_the_link_names_the_folder_and_opens_notebook_00_in_it():
    link = nbgitpuller_link("https://hub.example.org/", "https://github.com/you/course.git", branch="spring")
    base, query = link.split("?")
    assert base == "https://hub.example.org/hub/user-redirect/git-pull"
    assert urllib.parse.parse_qs(query) == {
        "repo": ["https://github.com/you/course.git"], "branch": ["spring"],
        "targetpath": ["nn-from-scratch-course"],
        "urlpath": ["lab/tree/nn-from-scratch-course/notebooks/00_setup.ipynb"]}


@pytest.mark.parametrize("arguments, message", [
    (("hub.example.org", "https://x/y.git"), "hub_url must be a full address"),
    (("https://hub.example.org", "git@github.com:you/course.git"), "repo must be a full address"),
    (("https://hub.example.org", "https://x/y.git", "main", "a/b"), "folder must be one folder name"),
    (("https://hub.example.org", "https://x/y.git", "main", ".."), "folder must be one folder name"),
])
def test_a_link_from_a_wrong_address_or_folder_is_refused(arguments, message):
    with pytest.raises(ValueError, match=message):
        nbgitpuller_link(*arguments)


def test_the_link_script_prints_the_link_and_explains_a_mistake():
    script = [sys.executable, str(ROOT / "deploy" / "nbgitpuller_link.py")]
    printed = subprocess.run([*script, "https://hub.example.org", "--repo", "https://x/y.git"],
                             capture_output=True, text=True, check=True).stdout
    assert printed == nbgitpuller_link("https://hub.example.org", "https://x/y.git") + "\n"
    refused = subprocess.run([*script, "hub.example.org", "--repo", "https://x/y.git"], capture_output=True, text=True)
    assert refused.returncode == 2 and "hub_url must be a full address" in refused.stderr


def one_server_settings(tmp_path, monkeypatch):
    """deploy/one-server/jupyterhub_config.py read as JupyterHub reads it, sharing in tmp_path."""
    from traitlets.config import Config

    config = Config()
    monkeypatch.setenv("COURSE_HUB_SHARED", str(tmp_path / "shared"))
    monkeypatch.setenv("COURSE_HUB_TEACHERS", "mia,teacher")
    runpy.run_path(str(ROOT / "deploy" / "one-server" / "jupyterhub_config.py"),
                   init_globals={"get_config": lambda: config})
    return config


def _config():
    """An empty traitlets configuration, as `get_config()` gives one."""
    from traitlets.config import Config

    return Config()


def spawn(config, name):
    """What JupyterHub does before starting `name`'s server: a spawner with the configured
    environment, handed to the pre-spawn hook."""
    spawner = types.SimpleNamespace(user=types.SimpleNamespace(name=name),
                                    environment=config.Spawner.environment.get_value({}))
    config.Spawner.pre_spawn_hook(spawner)
    return spawner


def test_the_hook_names_each_student_by_their_hub_name(tmp_path, monkeypatch):
    config = one_server_settings(tmp_path, monkeypatch)
    spawner = spawn(config, "ada")
    folder = tmp_path / "shared" / "settings" / "ada"
    assert spawner.environment == {"NBGITPULLER_APP": "lab", "JUPYTER_CONFIG_PATH": str(folder)}
    student = {}
    exec((folder / "nbgrader_config.py").read_text(), {"get_config": lambda: student.setdefault("c", _config())})
    settings = student["c"]
    assert settings.CourseDirectory.student_id == "ada"
    assert settings.CourseDirectory.course_id == "nn-from-scratch"
    assert settings.Exchange.root == str(tmp_path / "shared" / "exchange")
    assert "root" not in settings.CourseDirectory  # a student grades nothing
    assert '"nbgrader.server_extensions.formgrader": false' in (folder / "jupyter_server_config.json").read_text()
    assert (tmp_path / "shared" / "exchange").stat().st_mode & 0o777 == 0o777
    assert config.Spawner.default_url == "/lab"


def test_a_teacher_gets_the_formgrader_on_their_course_folder(tmp_path, monkeypatch):
    config = one_server_settings(tmp_path, monkeypatch)
    spawn(config, "mia")
    folder = tmp_path / "shared" / "settings" / "mia"
    teacher = {}
    monkeypatch.setenv("HOME", str(tmp_path / "home-of-mia"))
    exec((folder / "nbgrader_config.py").read_text(), {"get_config": lambda: teacher.setdefault("c", _config())})
    settings = teacher["c"]
    assert settings.CourseDirectory.root == str(tmp_path / "home-of-mia" / "nn-from-scratch")
    assert "student_id" not in settings.CourseDirectory and settings.ExchangeCollect.check_owner is False
    assert (folder / "jupyter_server_config.json").read_text() == "{}"


def test_the_course_folder_script_adds_an_assignment_and_overwrites_nothing(tmp_path):
    notebooks = [ROOT / "notebooks" / "00_setup.ipynb", ROOT / "notebooks" / "03_predictions.ipynb"]
    source = nbgrader_course.add_assignment(tmp_path / "course", "week1", notebooks)
    assert sorted(path.name for path in source.iterdir()) == ["00_setup.ipynb", "03_predictions.ipynb"]
    for path in source.iterdir():  # the students' answer cells are open; nothing else changed
        copied, original = (nbformat.read(p, as_version=4) for p in (path, ROOT / "notebooks" / path.name))
        assert [c.source for c in copied.cells] == [c.source for c in original.cells]
        answers = [c for c in copied.cells if c.metadata.get("nbgrader", {}).get("solution")]
        assert answers and not any(c.metadata.get("jupyter", {}).get("source_hidden") for c in answers)
    settings = (tmp_path / "course" / "nbgrader_config.py").read_text()
    assert "c.ClearSolutions.code_stub" in settings and "'nn-from-scratch'" in settings
    (tmp_path / "course" / "nbgrader_config.py").write_text("# the teacher's own\n")
    nbgrader_course.add_assignment(tmp_path / "course", "week2", notebooks[:1])
    assert (tmp_path / "course" / "nbgrader_config.py").read_text() == "# the teacher's own\n"
    with pytest.raises(ValueError, match="week1 exists already: choose another ASSIGNMENT name"):
        nbgrader_course.add_assignment(tmp_path / "course", "week1", notebooks[:1])


@pytest.mark.parametrize("assignment, notebooks, message", [
    ("week 1", ["notebooks/00_setup.ipynb"], "ASSIGNMENT must be a name of letters, digits"),
    ("week1", [], "give at least one NOTEBOOK"),
    ("week1", ["README.md"], "NOTEBOOK must be a notebook file"),
    ("week1", ["notebooks/99_none.ipynb"], "NOTEBOOK must be a notebook file"),
])
def test_the_course_folder_script_explains_a_mistake_and_writes_nothing(tmp_path, assignment, notebooks, message):
    with pytest.raises(ValueError, match=message):
        nbgrader_course.add_assignment(tmp_path / "course", assignment, [ROOT / n for n in notebooks])
    assert not (tmp_path / "course").exists()
