"""A Jupyter server extension that sends kernel messages to the browser without delay.

jupyter_server's kernel websockets leave Nagle's algorithm on. Widget updates are small
messages, and Nagle holds a small message until the previous one is acknowledged, which
the browser's delayed acknowledgement can postpone by about 40 ms: on every slider move.
Setting TCP_NODELAY on each kernel websocket (tornado's `set_nodelay`) removes that wait.

Installing the course enables it for every Jupyter server started in that environment (a plain
`jupyter lab`, a JupyterHub's single-user servers, Binder): the package installs
jupyter-config/course-fast-websocket.json into the environment's etc/jupyter/jupyter_server_config.d/.
Switch it off for one run with --ServerApp.jpserver_extensions="{'course.fast_websocket': False}".
Measured in benchmarks/slider_latency.py.
"""


def _load_jupyter_server_extension(server_app):
    from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

    if getattr(KernelWebsocketHandler, "_course_nodelay", False):
        return
    original_open = KernelWebsocketHandler.open

    async def open_without_delay(self, *args, **kwargs):
        self.set_nodelay(True)
        return await original_open(self, *args, **kwargs)

    KernelWebsocketHandler.open = open_without_delay
    KernelWebsocketHandler._course_nodelay = True
    server_app.log.info("course.fast_websocket: kernel websockets send without delay (TCP_NODELAY)")
