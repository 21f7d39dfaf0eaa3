"""What a class does on the hub, as the hub's users would do it: for tests/hub/test_hub.py.

Students pull the course through the nbgitpuller link, run notebooks in kernels of their own
servers, and fetch and submit assignments through the server's nbgrader API (what the
Assignments tab calls); the teacher runs nbgrader's commands with the environment the hub gives
the teacher's server. Nothing here reaches into the hub's internals.
"""

import datetime
import json
import pathlib
import shutil
import statistics
import subprocess
import threading
import time
import urllib.parse
import uuid

import nbformat
import psutil
import websocket
from nbgrader_course import solution_text  # tests/, on the path through tests/conftest.py

ROOT = pathlib.Path(__file__).resolve().parents[2]


def pull_course(hub, user):
    """Open the nbgitpuller link as `user` (its API, which the link's page calls); returns the
    folder it cloned into, as the link names it (targetpath)."""
    query = urllib.parse.urlsplit(hub.pull_link()).query
    _, stream = hub.request("GET", hub.user_url(user, f"git-pull/api?{query}"), timeout=180)
    events = [json.loads(line[len("data: "):]) for line in stream.decode().splitlines() if line.startswith("data: ")]
    if events[-1].get("phase") != "finished":
        raise RuntimeError(f"nbgitpuller did not finish for {user}: {events[-3:]}")
    return hub.home(user) / urllib.parse.parse_qs(query)["targetpath"][0]


def link_opens(hub):
    """The path, relative to a home, of the notebook the link opens (its urlpath, after lab/tree/)."""
    urlpath = urllib.parse.parse_qs(urllib.parse.urlsplit(hub.pull_link()).query)["urlpath"][0]
    return pathlib.Path(urlpath.removeprefix("lab/tree/"))


class Kernel:
    """A kernel in a user's server for one notebook, driven over its websocket as JupyterLab does."""

    def __init__(self, hub, user, notebook):
        self.hub, self.user = hub, user
        _, body = hub.request("POST", hub.user_url(user, "api/sessions"), {
            "path": str(notebook), "name": pathlib.Path(notebook).name, "type": "notebook",
            "kernel": {"name": "python3"}})
        self.session = json.loads(body)
        url = hub.user_url(user, f"api/kernels/{self.session['kernel']['id']}/channels")
        self.socket = websocket.create_connection(url.replace("http://", "ws://", 1), timeout=300,
                                                  header=[f"Authorization: token {hub.token}"])

    def execute(self, code):
        """Run `code`; returns (printed text, errors as 'Name: value' strings)."""
        message_id = uuid.uuid4().hex
        self.socket.send(json.dumps({
            "header": {"msg_id": message_id, "msg_type": "execute_request", "username": self.user,
                       "session": self.session["id"], "version": "5.3",
                       "date": datetime.datetime.now(datetime.timezone.utc).isoformat()},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        printed, errors, replied, idle = [], [], False, False
        while not (replied and idle):
            frame = self.socket.recv()
            if isinstance(frame, bytes):  # a widget message carrying binary buffers: not needed here
                continue
            message = json.loads(frame)
            if message["parent_header"].get("msg_id") != message_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream":
                printed.append(content["text"])
            elif kind == "error":
                errors.append(f"{content['ename']}: {content['evalue']}")
            elif kind == "execute_reply":
                replied = True
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
        return "".join(printed), errors

    def run_notebook(self, path):
        """Run every code cell of the notebook file `path`, top to bottom; returns the errors."""
        errors = []
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                errors += self.execute(cell.source)[1]
                if errors:
                    break
        return errors

    def close(self):
        self.socket.close()
        self.hub.request("DELETE", self.hub.user_url(self.user, f"api/sessions/{self.session['id']}"))


def self_check(hub, user, notebook):
    """Run notebook 00's self-check cell, as it stands in `notebook` (relative to the home)."""
    cell = next(cell.source for cell in nbformat.read(hub.home(user) / notebook, as_version=4).cells
                if "print_installation_report(" in cell.source)
    kernel = Kernel(hub, user, notebook)
    try:
        return kernel.execute(cell)
    finally:
        kernel.close()


def server_process(hub, user):
    """The single-user server process of `user`: a process the hub started, named by its environment."""
    for process in psutil.Process(hub.process.pid).children(recursive=True):
        try:
            if process.environ().get("JUPYTERHUB_USER") == user and "singleuser" in " ".join(process.cmdline()):
                return process
        except psutil.NoSuchProcess:
            continue
    raise LookupError(f"no server process for {user}")


def megabytes_in_use(process):
    """Memory only this process uses (USS), in MB."""
    return process.memory_full_info().uss / 2**20


def teacher_nbgrader(hub, teacher, *arguments):
    """An nbgrader command as the teacher runs it in a terminal of their server: same environment,
    in their course folder. Returns its output; raises if it fails."""
    env = server_process(hub, teacher).environ()
    course = pathlib.Path(env["HOME"]) / "nn-from-scratch"
    result = subprocess.run([shutil.which("nbgrader", path=env["PATH"]), *arguments], cwd=course,
                            env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(arguments)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout + result.stderr


def assignments_api(hub, user, action, assignment):
    """What the Assignments tab does: fetch, submit or fetch_feedback; returns the API's answer."""
    query = urllib.parse.urlencode({"course_id": "nn-from-scratch", "assignment_id": assignment})
    _, body = hub.request("POST", hub.user_url(user, f"assignments/{action}?{query}"), timeout=120)
    answer = json.loads(body)
    if not answer.get("success", False):
        raise RuntimeError(f"{action} of {assignment} failed for {user}: {answer.get('value', answer)}")
    return answer


def solution(source_notebook, grade_id):
    """The worked solution of one exercise in a course notebook, as written between its markers."""
    cell = next(cell for cell in nbformat.read(source_notebook, as_version=4).cells
                if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    return solution_text(cell.source)


def answer(notebook, grade_id, lines):
    """Write `lines` at the end of an answer cell of a fetched notebook, as a student would."""
    work = nbformat.read(notebook, as_version=4)
    cell = next(cell for cell in work.cells if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    cell.source = cell.source.rstrip("\n") + "\n" + lines
    nbformat.write(work, notebook)


class LatencySampler(threading.Thread):
    """Asks the hub's API for its version every 0.1 s while a class works; keeps each answer's time."""

    def __init__(self, hub):
        super().__init__(daemon=True)
        self.hub, self.times, self.done = hub, [], threading.Event()

    def run(self):
        while not self.done.is_set():
            start = time.perf_counter()
            self.hub.api("GET", "")
            self.times.append(time.perf_counter() - start)
            self.done.wait(0.1)

    def stop(self):
        self.done.set()
        self.join()
        ordered = sorted(self.times)
        return {"median_ms": 1000 * statistics.median(ordered),
                "p95_ms": 1000 * ordered[int(0.95 * (len(ordered) - 1))], "requests": len(ordered)}
