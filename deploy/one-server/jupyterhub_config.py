"""JupyterHub settings for a class on one server: the course, nbgitpuller and nbgrader.

On The Littlest JupyterHub, copy this file to /opt/tljh/config/jupyterhub_config.d/course.py and
run `sudo tljh-config reload hub` (deploy/one-server/README.md has every step). It sets only what
the course needs; the authenticator, the spawner and the server's address stay TLJH's. The local
hub of `make hub-demo` and `make test-hub` loads this same file (deploy/local_hub.py).

What it does:
- students land in JupyterLab, and nbgitpuller links open in JupyterLab;
- nbgrader's exchange, the folder through which assignments go out and come back, is created;
- before each server starts, the hub writes that user's nbgrader settings into a folder of
  its own and points the server at it (JUPYTER_CONFIG_PATH). A student's settings name them by
  their hub name. nbgrader would otherwise take the name of the Unix account, which is the same
  for every student where all servers run as one account (containers, the local hub), so that
  every submission would be filed under one name and `nbgrader collect` would keep only the
  last; on TLJH it would be `jupyter-<name>`. A teacher's settings point the formgrader at
  their course folder, ~/nn-from-scratch.
"""

import json
import os
import pathlib

c = get_config()  # noqa: F821  (JupyterHub provides get_config when it reads this file)

COURSE_ID = "nn-from-scratch"
# What the hub shares between users: nbgrader's exchange, and each user's nbgrader settings.
SHARED = pathlib.Path(os.environ.get("COURSE_HUB_SHARED", "/srv/nbgrader"))
# Hub names of the teachers: they get the formgrader; everyone else is a student.
TEACHERS = set(os.environ.get("COURSE_HUB_TEACHERS", "teacher").split(","))

EXCHANGE = SHARED / "exchange"
if not EXCHANGE.exists():  # one made by hand keeps its own permissions
    EXCHANGE.mkdir(parents=True)
    EXCHANGE.chmod(0o777)  # every student writes their submission into it, whatever their account


def nbgrader_settings(name):
    """The text of one user's nbgrader_config.py."""
    lines = ["c = get_config()",
             f"c.CourseDirectory.course_id = {COURSE_ID!r}",
             f"c.Exchange.root = {str(EXCHANGE)!r}"]
    if name in TEACHERS:
        lines += ["import os",
                  f"c.CourseDirectory.root = os.path.expanduser({'~/' + COURSE_ID!r})",
                  # Submissions are files of the students' accounts, not named like them: no warning.
                  "c.ExchangeCollect.check_owner = False"]
    else:
        lines.append(f"c.CourseDirectory.student_id = {name!r}")
    return "\n".join(lines) + "\n"


def server_settings(name):
    """A student's server runs without the formgrader, which grades the whole class."""
    if name in TEACHERS:
        return {}
    return {"ServerApp": {"jpserver_extensions": {"nbgrader.server_extensions.formgrader": False}}}


def write_user_settings(spawner):
    """Spawner.pre_spawn_hook: write this user's settings where their server will read them."""
    name = spawner.user.name
    folder = SHARED / "settings" / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nbgrader_config.py").write_text(nbgrader_settings(name), encoding="utf-8")
    (folder / "jupyter_server_config.json").write_text(json.dumps(server_settings(name)), encoding="utf-8")
    spawner.environment["JUPYTER_CONFIG_PATH"] = str(folder)


c.Spawner.pre_spawn_hook = write_user_settings
c.Spawner.default_url = "/lab"
c.Spawner.environment.update({"NBGITPULLER_APP": "lab"})
