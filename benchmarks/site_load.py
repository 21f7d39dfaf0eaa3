"""The browser edition against a JupyterLab server: how long a learner waits, side by side.

Usage: .venv/bin/python benchmarks/site_load.py [--repeats 3]    (about 5 minutes; needs
`make site` and what the browser tests need)

For every notebook, in one run on one machine, each of `--repeats` times:
- the browser edition (the site of `make site`, served on 127.0.0.1 as `python -m http.server`
  serves it): seconds from opening the page to an idle kernel (Python starting in the page),
  then Run All (the first cell installs the course into the page's Python);
- JupyterLab on a server (the course's environment): the same two times.
Each browser run starts with an empty browser cache, as a learner's first visit does. The
medians, their ratios and the site's size go to benchmarks/results/site_load.md.
"""

import argparse
import gzip
import pathlib
import platform
import statistics
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "tests" / "site"))
sys.path.insert(0, str(ROOT / "tests"))  # test_jupyterlab uses notebook_outputs
import lab  # noqa: E402
import lite  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from test_jupyterlab import counts  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "site_load.md"


def in_the_browser(browser, site, notebook, n_code_cells):
    context, refused = lite.offline_context(browser, site)
    page = context.new_page()
    try:
        ready = lite.open_notebook(page, site, notebook.name)
        run_all = lab.run_all_cells(page, n_code_cells)
    finally:
        context.close()
    if refused:
        raise RuntimeError(f"the site asked another host for {refused[:3]}")
    return ready, run_all


def on_a_server(browser, server, notebook, n_code_cells):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        start = time.monotonic()
        lab.open_notebook(page, server, notebook.name)
        ready = time.monotonic() - start
        run_all = lab.run_all_cells(page, n_code_cells)
    finally:
        context.close()
        for session in server.api("sessions"):  # the next run starts a fresh kernel
            server.api(f"sessions/{session['id']}", method="DELETE")
    return ready, run_all


def site_size(folder):
    files = [path for path in folder.rglob("*") if path.is_file()]
    raw = sum(path.stat().st_size for path in files)
    packed = sum(len(gzip.compress(path.read_bytes(), compresslevel=6)) for path in files)
    return len(files), raw / 1e6, packed / 1e6


def main(repeats):
    site = lite.StaticSite(lite.SITE)
    server = lab.JupyterLab()
    rows = []
    try:
        with sync_playwright() as playwright:
            browser = lite.launch_chromium(playwright)
            for site_notebook in sorted((lite.SITE / "files" / "notebooks").glob("[0-9][0-9]_*.ipynb")):
                repo_notebook = ROOT / "notebooks" / site_notebook.name
                runs_site = [in_the_browser(browser, site, site_notebook, counts(site_notebook)[0]) for _ in range(repeats)]
                runs_lab = [on_a_server(browser, server, repo_notebook, counts(repo_notebook)[0]) for _ in range(repeats)]
                medians = [statistics.median(times) for times in (*zip(*runs_site), *zip(*runs_lab))]
                rows.append((site_notebook.stem, *medians))
                print(site_notebook.stem, [f"{m:.1f}" for m in medians], flush=True)
            browser.close()
    finally:
        server.close()
        site.close()
    n_files, megabytes, gzipped = site_size(lite.SITE)
    built = lite.built_packages()
    lines = [
        "# The browser edition against a JupyterLab server",
        "",
        f"`benchmarks/site_load.py --repeats {repeats}`: medians of {repeats} runs of each, side by side in one run, "
        f"on {platform.machine()} with {lab.os.cpu_count()} cores, headless Chromium. The site: Pyodide "
        f"{built['pyodide']} (Python {built['python']}), {n_files} files, {megabytes:.0f} MB "
        f"({gzipped:.0f} MB if the web server compresses them with gzip). Each browser run starts with an empty "
        "cache; the server's kernel starts fresh each time.",
        "",
        "| notebook | site: page to idle kernel (s) | site: Run All (s) | server: page to idle kernel (s) | server: Run All (s) | Run All, site ÷ server |",
        "|---|---|---|---|---|---|",
    ]
    for name, site_ready, site_run, lab_ready, lab_run in rows:
        lines.append(f"| {name} | {site_ready:.1f} | {site_run:.1f} | {lab_ready:.1f} | {lab_run:.1f} | "
                     f"{site_run / lab_run:.1f}× |")
    totals = [sum(row[i] for row in rows) for i in range(1, 5)]
    lines += [
        f"| all eight | {totals[0]:.1f} | {totals[1]:.1f} | {totals[2]:.1f} | {totals[3]:.1f} | "
        f"{totals[1] / totals[3]:.1f}× |",
        "",
        "Run All in the browser includes the first cell, which installs the course into the page's Python and "
        "loads Matplotlib; on the server the course is already installed.",
    ]
    RESULTS.write_text("\n".join(lines) + "\n")
    print(RESULTS.read_text())


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    main(parser.parse_args().repeats)
