"""Drive the course in a real JupyterLab with headless Chromium (Playwright for Python).

Used by the browser tests and by benchmarks/slider_latency.py. Nothing here is specific to
one notebook: start a server on a copy of the notebooks, open one, run all its cells.
"""

import json
import os
import pathlib
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# Without the network flags Chromium stalls on an offline machine, trying to reach Google.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
INSTALL_HINT = "install Debian's Chromium with: sudo apt-get install chromium"
LAB_SETTINGS = {
    # Every cell in the DOM (JupyterLab 4 otherwise renders only the cells on screen).
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    # No news or update pop-ups over the page.
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class JupyterLab:
    """A JupyterLab server on 127.0.0.1 with a random token, serving a copy of the notebooks."""

    def __init__(self, notebooks_dir=ROOT / "notebooks", fast_websocket=True):
        self.workdir = pathlib.Path(tempfile.mkdtemp(prefix="course-lab-"))
        shutil.copytree(notebooks_dir, self.workdir / "notebooks",
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        shutil.copy(ROOT / "requirements.txt", self.workdir / "requirements.txt")
        settings = self.workdir / "settings"
        for name, value in LAB_SETTINGS.items():
            path = settings / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value))
        self.port, self.token = free_port(), secrets.token_hex(16)
        command = [
            sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
            f"--port={self.port}", f"--ServerApp.token={self.token}",
            f"--ServerApp.root_dir={self.workdir}", f"--LabApp.workspaces_dir={self.workdir / 'workspaces'}",
        ]
        # As `make lab` runs it; False measures what course.fast_websocket saves.
        command.append(f"--ServerApp.jpserver_extensions={{'course.fast_websocket': {fast_websocket}}}")
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(settings)}
        self.log = open(self.workdir / "server.log", "w")
        self.process = subprocess.Popen(command, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self._wait_until_ready()

    def api(self, path, method="GET"):
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/api/{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def _wait_until_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited: see {self.workdir / 'server.log'}")
            try:
                self.api("status")
                return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(f"JupyterLab did not start within {timeout} s")

    def url(self, notebook):
        return f"http://127.0.0.1:{self.port}/lab/tree/notebooks/{notebook}?token={self.token}&reset"

    def close(self):
        try:
            for session in self.api("sessions"):
                self.api(f"sessions/{session['id']}", method="DELETE")
        except OSError:
            pass
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()
        shutil.rmtree(self.workdir, ignore_errors=True)


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def open_notebook(page, lab, notebook):
    """Open a notebook and wait until its kernel is idle."""
    page.goto(lab.url(notebook))
    page.locator(".jp-Notebook").first.wait_for(timeout=60_000)
    page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]').wait_for(timeout=60_000)


def menu(page, top, item):
    page.get_by_role("menuitem", name=top, exact=True).click()
    page.get_by_role("menuitem", name=item, exact=True).click()


def run_all_cells(page, n_code_cells, timeout=120):
    """Clear the stored outputs, run every cell from the Run menu, and wait until each code
    cell has a number and the kernel is idle."""
    prompts = page.locator(".jp-CodeCell .jp-InputArea-prompt")
    menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]"
        ".every(p => !/\\d/.test(p.textContent))", timeout=30_000)
    deadline = time.monotonic() + timeout
    clicked_at = None
    while time.monotonic() < deadline:
        texts = prompts.all_inner_texts()
        numbered = [int(t.strip("[]: ")) for t in texts if t.strip("[]: ").isdigit()]
        # Cells with folded source show no prompt, but the counts run 1..n, so the last is n.
        if numbered and max(numbered) == n_code_cells and "*" not in "".join(texts):
            idle = page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]')
            if idle.count():
                return
        started = any("*" in t for t in texts) or numbered
        # A click right after the page loads is sometimes ignored: click again if nothing started.
        if not started and (clicked_at is None or time.monotonic() - clicked_at > 5):
            menu(page, "Run", "Run All Cells")
            clicked_at = time.monotonic()
        page.wait_for_timeout(200)
    raise TimeoutError(f"run all did not finish within {timeout} s")
