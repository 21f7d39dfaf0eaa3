"""course.fast_websocket: kernel websockets get TCP_NODELAY before they open."""

import json
import logging
import os
import pathlib
import subprocess
import sys
import time

from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

from course import fast_websocket

sys.path.insert(0, str(pathlib.Path(__file__).parent / "browser"))
import lab  # noqa: E402  (free_port)

ROOT = pathlib.Path(__file__).resolve().parent.parent


class FakeApp:
    log = logging.getLogger("test")


class FakeHandler:
    def __init__(self):
        self.calls = []

    def set_nodelay(self, value):
        self.calls.append(("set_nodelay", value))


def run_to_end(coroutine):
    """Run a coroutine that never waits, without an event loop (the browser tests hold one)."""
    try:
        coroutine.send(None)
    except StopIteration as stop:
        return stop.value
    raise AssertionError("the coroutine waited")


def test_open_sets_nodelay_first_then_opens_as_before(monkeypatch):
    async def original_open(self, kernel_id):
        self.calls.append(("open", kernel_id))
        return "opened"

    monkeypatch.setattr(KernelWebsocketHandler, "open", original_open)
    monkeypatch.setattr(KernelWebsocketHandler, "_course_nodelay", False, raising=False)
    fast_websocket._load_jupyter_server_extension(FakeApp())
    fast_websocket._load_jupyter_server_extension(FakeApp())  # a second load changes nothing

    handler = FakeHandler()
    assert run_to_end(KernelWebsocketHandler.open(handler, "kernel-1")) == "opened"
    assert handler.calls == [("set_nodelay", True), ("open", "kernel-1")]


def plain_jupyter_lab_log(tmp_path, *arguments, seconds=90):
    """Start `jupyter lab` from this environment with no course flag, read its log until it
    serves, then stop it. Returns the log."""
    port = lab.free_port()
    command = [str(pathlib.Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--ip=127.0.0.1",
               f"--port={port}", "--ServerApp.port_retries=0", f"--ServerApp.root_dir={tmp_path}", *arguments]
    if os.geteuid() == 0:
        command.append("--allow-root")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines, deadline = [], time.monotonic() + seconds
    try:
        for line in process.stdout:  # the server logs to stderr, merged into stdout here
            lines.append(line)
            if f"127.0.0.1:{port}/lab" in line or time.monotonic() > deadline:
                break
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stdout.close()
    return "".join(lines)


def test_a_plain_jupyter_lab_in_the_course_environment_loads_it(tmp_path):
    """Installing the course installed jupyter-config/course-fast-websocket.json, so a server
    started with no flag at all (as on a JupyterHub or Binder) loads the extension."""
    installed = pathlib.Path(sys.prefix) / "etc/jupyter/jupyter_server_config.d/course-fast-websocket.json"
    assert json.loads(installed.read_text()) == json.loads((ROOT / "jupyter-config/course-fast-websocket.json").read_text())
    log = plain_jupyter_lab_log(tmp_path)
    assert "course.fast_websocket: kernel websockets send without delay (TCP_NODELAY)" in log, log


def test_it_can_be_switched_off_for_one_run(tmp_path):
    """How benchmarks/slider_latency.py measures the server without it."""
    log = plain_jupyter_lab_log(tmp_path, "--ServerApp.jpserver_extensions={'course.fast_websocket': False}")
    assert "jupyterlab | extension was successfully loaded" in log and "course.fast_websocket" not in log, log
