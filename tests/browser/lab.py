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
        # Linked, not copied: notebook 00's self-check then finds that nnlib imports from its course
        # folder, as in a checkout, and every notebook shows exactly its stored outputs.
        (self.workdir / "nnlib.py").symlink_to(ROOT / "nnlib.py")
        settings = self.workdir / "settings"
        for name, value in LAB_SETTINGS.items():
            path = settings / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value))
        self.token = secrets.token_hex(16)
        self.fast_websocket = fast_websocket
        self.env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(settings)}
        self.log = open(self.workdir / "server.log", "w")
        # free_port() only finds a port that was free a moment ago; another process may take it
        # first. The server is told not to wander to another port, and is started again if it fails.
        for attempt in range(3):
            self.port = free_port()
            self.process = subprocess.Popen(self._command(), env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
            if self._wait_until_ready():
                return
        raise RuntimeError(f"JupyterLab did not start three times: see {self.workdir / 'server.log'}")

    def _command(self):
        command = [
            sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
            f"--port={self.port}", "--ServerApp.port_retries=0", f"--ServerApp.token={self.token}",
            f"--ServerApp.root_dir={self.workdir}", f"--LabApp.workspaces_dir={self.workdir / 'workspaces'}",
            # window.jupyterapp, so that tests run JupyterLab's own commands rather than click menus.
            "--LabApp.expose_app_in_browser=True",
        ]
        if not self.fast_websocket:  # installing the course switched it on; off measures what it saves
            command.append("--ServerApp.jpserver_extensions={'course.fast_websocket': False}")
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        return command

    def api(self, path, method="GET"):
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/api/{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def _wait_until_ready(self, timeout=60):
        """True once the server answers; False if it exited (its port was taken)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                self.api("status")
                return True
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(f"JupyterLab did not start within {timeout} s: see {self.workdir / 'server.log'}")

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
    """Open a notebook and wait until its kernel is connected and idle.

    (The toolbar's indicator says "idle" before any kernel exists; cells run then start a second
    kernel, which replaces the first and cancels the cells queued on it.)
    """
    page.goto(lab.url(notebook))
    page.wait_for_function(
        """() => {
            const session = window.jupyterapp?.shell.currentWidget?.sessionContext;
            const kernel = session?.session?.kernel;
            return Boolean(session?.isReady && kernel?.connectionStatus === 'connected' && kernel.status === 'idle');
        }""", timeout=60_000)


def run_all_cells(page, n_code_cells, timeout=120):
    """Clear the stored outputs, run every cell (the Run menu's Run All Cells) and wait until the
    last code cell has its number and the kernel is idle: seconds taken. Read from the notebook's
    model, not the page, so it holds however many cells the page draws (JupyterLite's included)."""
    counts = """() => {
        const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
        return Array.from({length: cells.length}, (_, i) => cells.get(i))
            .filter(cell => cell.type === 'code' && cell.sharedModel.getSource().trim() !== '')
            .map(cell => cell.executionCount);
    }"""
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.wait_for_function(f"() => ({counts})().every(count => count === null)", timeout=30_000)
    start = time.monotonic()
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        f"""n => {{
            const numbers = ({counts})();
            const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
            return numbers.every(Number.isInteger) && Math.max(...numbers) === n && kernel.status === 'idle';
        }}""", arg=n_code_cells, timeout=timeout * 1000)
    return time.monotonic() - start


def shown_notebook(page):
    """The open notebook as JupyterLab (or JupyterLite) holds it now, outputs included (nbformat 4)."""
    return page.evaluate("() => window.jupyterapp.shell.currentWidget.context.model.toJSON()")
