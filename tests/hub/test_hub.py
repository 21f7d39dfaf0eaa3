"""A class on a real JupyterHub, from the nbgitpuller link to the grades: `make test-hub`.

One hub on 127.0.0.1 (deploy/local_hub.py, loading deploy/one-server/jupyterhub_config.py) with
the course installed as a package in .venv-hub, a teacher and six students who share one Unix
account, as in a container or a local trial. The tests run in order, as a class does:

1. the students are created through the REST API and their servers start; only the teacher's
   server has the formgrader;
2. each pulls the course through the nbgitpuller link, and notebook 00's self-check says all set;
   a student who edits nnlib.py is told, and gets the original back by deleting it and pulling;
3. the teacher releases an assignment (notebooks 00 and 03); the students fetch it, some answer
   it, one submits twice, all submit;
4. the teacher collects, autogrades and releases feedback: no submission is lost, every grade is
   what that student did, the feedback reaches each student;
5. every student runs notebook 03 at once, with no error; memory per student and the hub's
   latency meanwhile are written to test-results/hub-class.json (measured, not asserted);
6. the hub stops every process it started.
"""

import concurrent.futures
import json
import pathlib
import sys
import time
import urllib.error

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy"))
import local_hub  # noqa: E402
from hub_class import (Kernel, LatencySampler, answer, assignments_api, link_opens, megabytes_in_use,  # noqa: E402
                       pull_course, self_check, server_process, solution, teacher_nbgrader)

ASSIGNMENT = "week1"
NOTEBOOKS = ("00_setup", "03_predictions")
EXERCISES = {"ex00-1": "00_setup", "ex00-2": "00_setup", "ex03-1": "03_predictions", "ex03-2": "03_predictions"}
WRONG_FIRST_INPUT = "first_input = np.array([1.56, 1.66])  # the two numbers swapped"
# What each student does with the assignment: the exercises they answer with the worked solution,
# and anything else. Each exercise's check is worth 1 point.
CLASS = {
    "ada": {"answers": list(EXERCISES)},
    "bo": {"answers": []},
    "cy": {"answers": ["ex00-1", "ex00-2"]},
    "di": {"answers": ["ex03-1"]},
    "ed": {"answers": list(EXERCISES), "submits_empty_first": True},
    "flo": {"answers": ["ex00-2"], "wrong": {"ex00-1": WRONG_FIRST_INPUT}},
}
STUDENTS = list(CLASS)
RESULTS = ROOT / "test-results" / "hub-class.json"
measured = {}


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    hub = local_hub.LocalHub(tmp_path_factory.mktemp("hub"), students=STUDENTS)
    hub.start()
    yield hub
    hub.stop()  # if a test stopped early; the last test stops it and checks


def test_students_are_created_through_the_rest_api_and_their_servers_start(hub):
    hub.create_students()
    users = {user["name"]: user for user in hub.api("GET", "users")}
    assert sorted(users) == sorted([*STUDENTS, "teacher"])
    assert users["teacher"]["admin"] and not any(users[name]["admin"] for name in STUDENTS)
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        list(pool.map(hub.start_server, ["teacher", *STUDENTS]))
    measured["seven_servers_start_s"] = time.perf_counter() - start
    assert all(hub.api("GET", f"users/{name}")["servers"][""]["ready"] for name in users)


def test_only_the_teacher_has_the_formgrader(hub):
    assert hub.request("GET", hub.user_url("teacher", "formgrader"))[0] == 200
    with pytest.raises(urllib.error.HTTPError, match="404"):
        hub.request("GET", hub.user_url(STUDENTS[0], "formgrader"))


def test_each_student_pulls_the_course_through_the_nbgitpuller_link(hub):
    for name in ["teacher", *STUDENTS]:
        folder = pull_course(hub, name)
        assert folder == hub.home(name) / "nn-from-scratch-course"
        assert (hub.home(name) / link_opens(hub)).is_file()  # the notebook the link opens is there
        assert (folder / "notebooks" / "03_predictions.ipynb").read_bytes() == \
            (ROOT / "notebooks" / "03_predictions.ipynb").read_bytes()


def test_the_self_check_says_all_set_in_each_students_copy(hub):
    for name in STUDENTS:
        printed, errors = self_check(hub, name, "nn-from-scratch-course/notebooks/00_setup.ipynb")
        assert errors == [] and "PROBLEM" not in printed, printed
        assert printed.splitlines()[-2:] == [
            "OK       nnlib 0.1.0 imports from the course installed in this environment, the same as this "
            "folder's", "All set."], printed


def test_a_student_who_edits_nnlib_is_told_and_gets_the_original_back_by_deleting_it_and_pulling(hub):
    """What notebook 00 tells a hub student: an edited copy makes the self-check say PROBLEM; a
    deleted file comes back, as the teacher's version, when the link is opened again."""
    copy = hub.home("cy") / "nn-from-scratch-course" / "nnlib.py"
    with open(copy, "a") as nnlib:
        nnlib.write("# my own change\n")
    printed, _ = self_check(hub, "cy", "nn-from-scratch-course/notebooks/00_setup.ipynb")
    assert "PROBLEM  nnlib imports from the course installed at" in printed and "differs from it in nnlib.py:" in printed
    copy.unlink()
    pull_course(hub, "cy")
    assert copy.read_bytes() == (ROOT / "nnlib.py").read_bytes()
    printed, _ = self_check(hub, "cy", "nn-from-scratch-course/notebooks/00_setup.ipynb")
    assert printed.splitlines()[-1] == "All set.", printed


def test_the_teacher_releases_and_every_student_fetches_answers_and_submits(hub):
    local_hub.prepare_teacher(hub, "teacher", ASSIGNMENT, NOTEBOOKS)
    teacher_nbgrader(hub, "teacher", "generate_assignment", ASSIGNMENT)
    teacher_nbgrader(hub, "teacher", "release_assignment", ASSIGNMENT)
    for name, work in CLASS.items():
        assignments_api(hub, name, "fetch", ASSIGNMENT)
        fetched = hub.home(name) / ASSIGNMENT
        assert sorted(path.stem for path in fetched.glob("*.ipynb")) == list(NOTEBOOKS)
        if work.get("submits_empty_first"):
            assignments_api(hub, name, "submit", ASSIGNMENT)
        for grade_id in work["answers"]:
            notebook = ROOT / "notebooks" / f"{EXERCISES[grade_id]}.ipynb"
            answer(fetched / notebook.name, grade_id, solution(notebook, grade_id))
        for grade_id, lines in work.get("wrong", {}).items():
            answer(fetched / f"{EXERCISES[grade_id]}.ipynb", grade_id, lines)
        assignments_api(hub, name, "submit", ASSIGNMENT)


def test_the_self_check_says_all_set_in_the_student_edition(hub):
    printed, errors = self_check(hub, "bo", f"{ASSIGNMENT}/00_setup.ipynb")
    assert errors == [] and printed.splitlines()[-2:] == [
        "OK       nnlib 0.1.0 imports from the course installed in this environment", "All set."], printed


def test_the_teacher_collects_every_submission_and_each_grade_is_what_the_student_did(hub):
    from nbgrader.api import Gradebook

    teacher_nbgrader(hub, "teacher", "collect", ASSIGNMENT)
    course = hub.home("teacher") / "nn-from-scratch"
    submitted = sorted(path.parent.name for path in (course / "submitted").glob(f"*/{ASSIGNMENT}"))
    assert submitted == sorted(STUDENTS)  # one folder per student: no submission filed under another name
    start = time.perf_counter()
    teacher_nbgrader(hub, "teacher", "autograde", ASSIGNMENT)
    measured["autograde_six_students_s"] = time.perf_counter() - start
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        scores = {name: gradebook.find_submission(ASSIGNMENT, name).score for name in STUDENTS}
    assert scores == {name: len(work["answers"]) for name, work in CLASS.items()}
    teacher_nbgrader(hub, "teacher", "generate_feedback", ASSIGNMENT)
    teacher_nbgrader(hub, "teacher", "release_feedback", ASSIGNMENT)
    for name in STUDENTS:
        assignments_api(hub, name, "fetch_feedback", ASSIGNMENT)
        feedback = sorted((hub.home(name) / ASSIGNMENT / "feedback").glob("*/00_setup.html"))
        assert len(feedback) == 1, (name, feedback)
    [feedback] = (hub.home("bo") / ASSIGNMENT / "feedback").glob("*/03_predictions.html")
    assert "your weights and bias give 0.871 for [2.0, 1.5]" in feedback.read_text()  # the check's own words


def test_every_student_runs_notebook_03_at_once_with_no_error(hub):
    notebook = "nn-from-scratch-course/notebooks/03_predictions.ipynb"
    kernels = {name: Kernel(hub, name, notebook) for name in STUDENTS}
    sampler = LatencySampler(hub)
    sampler.start()
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(len(STUDENTS)) as pool:
        errors = dict(zip(STUDENTS, pool.map(lambda name: kernels[name].run_notebook(hub.home(name) / notebook),
                                             STUDENTS)))
    measured["notebook_03_all_at_once_s"] = time.perf_counter() - start
    measured["hub_api_while_running"] = sampler.stop()
    assert errors == {name: [] for name in STUDENTS}
    memory = {}
    for name in STUDENTS:
        server = server_process(hub, name)
        memory[name] = {"server_mb": megabytes_in_use(server),
                        "kernel_mb": sum(megabytes_in_use(child) for child in server.children())}
    measured["memory_per_student"] = memory
    for kernel in kernels.values():
        kernel.close()
    alone = Kernel(hub, STUDENTS[0], notebook)
    start = time.perf_counter()
    assert alone.run_notebook(hub.home(STUDENTS[0]) / notebook) == []
    measured["notebook_03_alone_s"] = time.perf_counter() - start
    alone.close()
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"students": len(STUDENTS), **measured}, indent=1) + "\n")


def test_the_hub_stops_every_process_it_started(hub):
    started = hub.started_processes()
    assert len(started) >= 1 + 1 + len(STUDENTS) + 1  # the hub, the proxy, every server
    assert hub.stop() == []
    assert not any(process.is_running() and process.status() != "zombie" for process in started)
