"""A JupyterHub for the course on this machine (127.0.0.1), to try a class before giving one.

Usage: python deploy/local_hub.py [--students 3] [--port 8000]      (`make hub-demo` runs it)

It starts a hub with a teacher and a few students, who log in with a shared password, and
prints the addresses, the passwords, the nbgitpuller link that gives each student the course,
and how to stop it: Ctrl-C stops the hub, every server it started, and removes the folder it
made for them. The hub loads deploy/one-server/jupyterhub_config.py, as a real one-server hub
would. The course comes from .venv-hub, where it is installed as a package (not in place),
as on a hub; the students pull a snapshot of this course folder's files.

The servers run as your own Unix account and see each other's files: fine for a trial on a
laptop, never for a class (docs/teaching.md, "Security").

tests/hub/ drives the same class from end to end (`make test-hub`).
"""

import argparse
import json
import os
import pathlib
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
from nbgitpuller_link import nbgitpuller_link  # noqa: E402  (beside this file, so on the path)

HUB_VENV = ROOT / ".venv-hub"
PROXY = ROOT / "deploy" / "node_modules" / ".bin" / "configurable-http-proxy"
ONE_SERVER_CONFIG = ROOT / "deploy" / "one-server" / "jupyterhub_config.py"
COURSE_ID = "nn-from-scratch"
SERVICE = "course-admin"  # the service whose token this script uses to drive the hub
SETUP_HINT = "run `make hub-demo` (or `make .venv-hub/.hub-installed`) first: it installs the hub"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def course_snapshot(folder):
    """A git repository in `folder` holding this course folder's files as they are now (committed
    or not, ignored files left out), for nbgitpuller to clone. Returns its file:// address."""
    folder = pathlib.Path(folder)
    if (ROOT / ".git").exists():
        listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                                capture_output=True, text=True, check=True).stdout.split("\0")
        for name in filter(None, listed):
            source = ROOT / name
            if source.is_file():  # a file deleted but not yet committed is listed too
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, folder / name)
    else:  # a course folder downloaded as a zip file
        shutil.copytree(ROOT, folder, ignore=shutil.ignore_patterns(
            ".venv*", "node_modules", "__pycache__", ".ipynb_checkpoints", "test-results", "student", "mutants"))
    git = ["git", "-C", str(folder), "-c", "user.name=course", "-c", "user.email=course@127.0.0.1"]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "The course as the hub serves it"], check=True)
    return folder.as_uri()


class LocalHub:
    """A JupyterHub on 127.0.0.1, its state (database, homes, nbgrader exchange) in `state`.

    teachers and students are hub user names; everyone logs in with a shared password, the
    teachers with the admin one. `token` drives the REST API as the admin service.
    """

    def __init__(self, state, teachers=("teacher",), students=(), port=None):
        for name in (*teachers, *students):
            if not name.isidentifier() or name != name.lower():
                raise ValueError(f"user names must be lower-case letters, digits and _, not {name!r}")
        if not (HUB_VENV / "bin" / "jupyterhub").is_file() or not PROXY.is_file():
            raise RuntimeError(f"no hub installed in {HUB_VENV}: {SETUP_HINT}")
        self.state = pathlib.Path(state)
        self.teachers, self.students = list(teachers), list(students)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(32)
        self.student_password = secrets.token_urlsafe(9)
        self.teacher_password = secrets.token_urlsafe(24)  # the admin password needs 32 characters
        self.repo = course_snapshot(self.state / "course-repo")
        self.process = None

    def home(self, name):
        return self.state / "homes" / name

    def _config(self):
        hub_venv_bin = HUB_VENV / "bin"
        settings = {
            "JupyterHub.bind_url": self.url,
            "JupyterHub.hub_bind_url": f"http://127.0.0.1:{free_port()}",
            "ConfigurableHTTPProxy.api_url": f"http://127.0.0.1:{free_port()}",
            "ConfigurableHTTPProxy.command": [str(PROXY)],
            "ConfigurableHTTPProxy.pid_file": str(self.state / "proxy.pid"),
            "JupyterHub.db_url": f"sqlite:///{self.state / 'jupyterhub.sqlite'}",
            "JupyterHub.cookie_secret_file": str(self.state / "jupyterhub_cookie_secret"),
            # Every server runs as this Unix account, in a home of its own under the state folder.
            "JupyterHub.spawner_class": "simple",
            "SimpleLocalProcessSpawner.home_dir_template": str(self.state / "homes" / "{username}"),
            "Spawner.cmd": [str(hub_venv_bin / "jupyterhub-singleuser")],
            "Spawner.args": ["--allow-root"] if os.geteuid() == 0 else [],
            "Spawner.ip": "127.0.0.1",
            "Spawner.start_timeout": 120,
            "Spawner.http_timeout": 120,
            "JupyterHub.authenticator_class": "shared-password",
            "SharedPasswordAuthenticator.user_password": self.student_password,
            "SharedPasswordAuthenticator.admin_password": self.teacher_password,
            # The teachers exist from the start; students may log in once created (create_students).
            "Authenticator.admin_users": self.teachers,
            "Authenticator.allow_existing_users": True,
            "JupyterHub.services": [{"name": SERVICE, "api_token": self.token}],
            "JupyterHub.load_roles": [{"name": SERVICE, "services": [SERVICE], "scopes": [
                "admin:users", "admin:servers", "access:servers", "list:users", "read:users"]}],
        }
        lines = ["c = get_config()"]
        lines += [f"c.{name} = {value!r}" for name, value in settings.items()]
        lines.append(f"load_subconfig({str(ONE_SERVER_CONFIG)!r})")
        return "\n".join(lines) + "\n"

    def start(self, timeout=60):
        """Start the hub and wait until its API answers."""
        self.state.mkdir(parents=True, exist_ok=True)
        config = self.state / "jupyterhub_config.py"
        config.write_text(self._config(), encoding="utf-8")
        env = {**os.environ,
               "PATH": f"{HUB_VENV / 'bin'}{os.pathsep}{os.environ['PATH']}",
               "COURSE_HUB_SHARED": str(self.state / "shared"),
               "COURSE_HUB_TEACHERS": ",".join(self.teachers)}
        env.pop("VIRTUAL_ENV", None)
        self.log = open(self.state / "jupyterhub.log", "w")
        # A session of its own: Ctrl-C in the demo's terminal reaches this script, which stops the
        # hub in order, rather than every process at once.
        self.process = subprocess.Popen([str(HUB_VENV / "bin" / "jupyterhub"), "-f", str(config)], cwd=self.state,
                                        env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub stopped while starting: see {self.state / 'jupyterhub.log'}")
            try:
                self.api("GET", "")
                return self
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.25)
        raise RuntimeError(f"the hub did not answer in {timeout} s: see {self.state / 'jupyterhub.log'}")

    def request(self, method, url, body=None, timeout=60):
        """An HTTP request with the admin service's token; returns (status, body as bytes)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()

    def api(self, method, path, body=None):
        """The hub's REST API: api("POST", "users", {...}) is POST /hub/api/users."""
        _, answer = self.request(method, f"{self.url}/hub/api/{path}", body)
        return json.loads(answer) if answer else None

    def create_students(self):
        """Every student, through the REST API, as a teacher or a script would add a class."""
        self.api("POST", "users", {"usernames": self.students})

    def start_server(self, name, timeout=120):
        """Start `name`'s single-user server and wait until it is ready."""
        self.api("POST", f"users/{name}/server")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            server = self.api("GET", f"users/{name}")["servers"].get("")
            if server and server["ready"]:
                return
            time.sleep(0.25)
        raise RuntimeError(f"{name}'s server was not ready in {timeout} s: see {self.state / 'jupyterhub.log'}")

    def user_url(self, name, path=""):
        return f"{self.url}/user/{name}/{path}"

    def pull_link(self):
        return nbgitpuller_link(self.url, self.repo)

    def started_processes(self):
        """The hub and every process it started that is running now (proxy, servers, kernels)."""
        import psutil

        hub = psutil.Process(self.process.pid)
        return [hub, *hub.children(recursive=True)]

    def stop(self, timeout=60):
        """Stop the hub, which stops every server and the proxy it started. Returns the
        processes it started that were still alive after that, killed (none if it stopped cleanly)."""
        import psutil

        if self.process is None or self.process.poll() is not None:
            if self.process is not None:
                self.log.close()
            return []
        started = self.started_processes()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
        _, alive = psutil.wait_procs(started[1:], timeout=10)
        for process in alive:
            process.kill()
        self.log.close()
        return alive


def prepare_teacher(hub, name, assignment="week1", notebooks=("00_setup", "03_predictions")):
    """The teacher's nbgrader course folder, ~/nn-from-scratch, with one assignment's source."""
    course = hub.home(name) / COURSE_ID
    subprocess.run([str(HUB_VENV / "bin" / "python"), str(ROOT / "scripts" / "nbgrader_course.py"), str(course),
                    assignment, *[str(ROOT / "notebooks" / f"{stem}.ipynb") for stem in notebooks]],
                   check=True, capture_output=True)
    return course


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def demo(students, port):
    # Ctrl-C, and also a `kill` or a closed terminal, stop the demo in order. SIGINT is set
    # explicitly: a process started in the background may inherit it ignored.
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        signal.signal(getattr(signal, name), _interrupt)
    state = pathlib.Path(tempfile.mkdtemp(prefix="course-hub-demo-"))
    hub = None
    try:
        hub = LocalHub(state, students=[f"student{i}" for i in range(1, students + 1)], port=port)
        hub.start()
        hub.create_students()
        for teacher in hub.teachers:
            prepare_teacher(hub, teacher)
        print(f"""
The course's JupyterHub is running at {hub.url}/

  teacher: {', '.join(hub.teachers)}   password {hub.teacher_password}
           (an admin; the assignment week1 is ready in the formgrader: Nbgrader > Formgrader)
  students: {', '.join(hub.students)}   password {hub.student_password}

The link that gives a logged-in student the course (nbgitpuller; open it as each student):
  {hub.pull_link()}

Students see released assignments under Nbgrader > Assignment List. Use a private window per user.
Everything lives in {state} and is removed when the hub stops.
Stop it with Ctrl-C.""", flush=True)
        while hub.process.poll() is None:
            time.sleep(1)
        print(f"The hub stopped by itself: see {state / 'jupyterhub.log'}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping the hub and every server it started ...", flush=True)
        return 0
    finally:
        for name in ("SIGINT", "SIGTERM", "SIGHUP"):  # a second Ctrl-C must not cut the clean-up short
            signal.signal(getattr(signal, name), signal.SIG_IGN)
        left = hub.stop() if hub else []
        if left:
            print(f"{len(left)} processes did not stop and were killed", file=sys.stderr)
        shutil.rmtree(state)  # made by this run, above
        print("Stopped; the demo's folder is removed.")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=3, help="how many students (default 3)")
    parser.add_argument("--port", type=int, default=8000, help="the hub's port on 127.0.0.1 (default 8000)")
    args = parser.parse_args(argv)
    if not 1 <= args.students <= 50:
        parser.error(f"--students must be between 1 and 50, not {args.students}")
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the proxy binds: a closed port is free
        try:
            sock.bind(("127.0.0.1", args.port))
        except OSError:
            parser.error(f"port {args.port} is in use: choose another with --port")
    try:
        return demo(args.students, args.port)
    except RuntimeError as error:
        print(f"local_hub.py: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
