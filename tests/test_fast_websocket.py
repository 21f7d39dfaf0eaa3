"""course.fast_websocket: kernel websockets get TCP_NODELAY before they open."""

import logging

from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

from course import fast_websocket


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
