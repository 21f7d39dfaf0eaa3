"""Serve the browser edition (make site) on 127.0.0.1 and drive it in headless Chromium.

Used by tests/site/ and benchmarks/site_load.py. Chromium resolves no host name but 127.0.0.1,
and every request for another address is aborted and logged, so a page that works here needs
nothing but the site.
"""

import functools
import http.server
import json
import os
import pathlib
import re
import threading
import time

import lab
from lab import CHROMIUM, CHROMIUM_ARGS, ROOT

SITE = pathlib.Path(os.environ.get("COURSE_SITE", ROOT / "site"))
MARK = ".course-site"  # written by scripts/build_site.py into every site it builds
NO_OTHER_HOST = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class StaticSite:
    """The site's folder served over HTTP on 127.0.0.1, as `python -m http.server` serves it."""

    def __init__(self, folder=SITE):
        handler = functools.partial(QuietHandler, directory=str(folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, notebook):
        return f"{self.origin}/lab/index.html?path=notebooks/{notebook}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_ARGS, NO_OTHER_HOST])


def offline_context(browser, site):
    """A fresh browser context (empty storage) that aborts and logs every request to another host:
    (context, list of the addresses refused)."""
    refused = []
    context = browser.new_context(viewport={"width": 1400, "height": 1000})

    def only_the_site(route):
        if route.request.url.startswith(site.origin + "/"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_site)
    return context, refused


# The JupyterLab tests' settings (every cell in the DOM, no pop-up over the page), by plugin id:
# JupyterLite keeps settings in the browser's storage, so they are saved there before a notebook opens.
LAB_SETTINGS = {re.sub(r"/([^/]+)\.jupyterlab-settings$", r":\1", path): value for path, value in lab.LAB_SETTINGS.items()}


def use_test_settings(page, site):
    page.goto(f"{site.origin}/lab/index.html")
    page.wait_for_function("() => window.jupyterapp?.serviceManager?.settings !== undefined", timeout=60_000)
    page.evaluate("""async settings => {
        await window.jupyterapp.started;
        for (const [id, value] of Object.entries(settings)) {
            await window.jupyterapp.serviceManager.settings.save(id, JSON.stringify(value));
        }
    }""", LAB_SETTINGS)


def open_notebook(page, site, notebook, timeout=120):
    """Open a notebook of the site and wait until its kernel has started: seconds from the
    page's first request to an idle kernel."""
    start = time.monotonic()
    page.goto(site.url(notebook))
    page.wait_for_function(
        """() => {
            const session = window.jupyterapp?.shell.currentWidget?.sessionContext;
            const kernel = session?.session?.kernel;
            return Boolean(session?.isReady && kernel?.status === 'idle');
        }""", timeout=timeout * 1000)
    return time.monotonic() - start


def built_packages(folder=SITE):
    """What scripts/build_site.py recorded of the site it built."""
    return json.loads((folder / MARK).read_text())
