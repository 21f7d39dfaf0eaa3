"""A class on one JupyterHub server: what a student costs, and how many students a server holds.

Usage: .venv/bin/python benchmarks/hub_class.py [--students 10]    (about 2 minutes; needs
`make .venv-hub/.hub-installed`, which `make test-hub` and `make hub-demo` run)

It starts the local hub of deploy/local_hub.py (the course installed as a package, as on a hub),
creates the students through the REST API, starts their servers and pulls the course into each
home with the nbgitpuller link. Then, side by side in one run:
- notebook 03 run top to bottom by one student alone, then by every student at the same moment;
- the memory each student's server and kernel use (USS: only theirs) after notebook 03, and a
  kernel's after notebook 07, the largest;
- how long the hub's API takes to answer, idle and while every student runs notebook 03.
From these it computes the sizing table of docs/teaching.md: how many students a server holds
for a live walkthrough, where the whole class presses Run All together and each waits at most
WAIT seconds, and the memory they need. The report goes to benchmarks/results/hub_class.md.
"""

import argparse
import concurrent.futures
import os
import pathlib
import platform
import statistics
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))
sys.path.insert(0, str(ROOT / "tests" / "hub"))
sys.path.insert(0, str(ROOT / "tests"))  # hub_class uses nbgrader_course
import local_hub  # noqa: E402
from hub_class import Kernel, LatencySampler, megabytes_in_use, pull_course, server_process  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "hub_class.md"
NOTEBOOK_03 = "nn-from-scratch-course/notebooks/03_predictions.ipynb"
NOTEBOOK_07 = "nn-from-scratch-course/notebooks/07_real_data.ipynb"
WAIT = 10  # seconds a student may wait when the whole class runs a notebook at once
SERVER_CORES = (2, 8, 32)
RAM_PER_CORE_GB = 4  # a common server shape: 2 cores with 8 GB, 8 with 32, 32 with 128
SYSTEM_GB = 1  # the operating system, the hub and the proxy


def run(hub, students, notebook):
    """Every student in `students` runs `notebook` at the same moment; returns the wall time."""
    kernels = {name: Kernel(hub, name, notebook) for name in students}
    start = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(len(students)) as pool:
        errors = list(pool.map(lambda name: kernels[name].run_notebook(hub.home(name) / notebook), students))
    seconds = time.perf_counter() - start
    if any(errors):
        raise RuntimeError(f"a notebook stopped with an error: {errors}")
    return seconds, kernels


def kernel_megabytes(hub, name):
    return sum(megabytes_in_use(child) for child in server_process(hub, name).children())


def measure(students):
    names = [f"student{i}" for i in range(1, students + 1)]
    figures = {}
    with tempfile.TemporaryDirectory(prefix="course-hub-bench-") as state:
        hub = local_hub.LocalHub(state, students=names)
        try:
            hub.start()
            hub.create_students()
            start = time.perf_counter()
            hub.start_server(names[0])
            figures["one server starts (s)"] = time.perf_counter() - start
            start = time.perf_counter()
            with concurrent.futures.ThreadPoolExecutor(students) as pool:
                list(pool.map(hub.start_server, names[1:]))
            figures[f"{students - 1} servers start together (s)"] = time.perf_counter() - start
            for name in names:
                pull_course(hub, name)
            idle = LatencySampler(hub)
            idle.start()
            time.sleep(5)
            figures["hub API idle"] = idle.stop()

            alone, kernels = run(hub, names[:1], NOTEBOOK_03)
            for kernel in kernels.values():
                kernel.close()
            busy = LatencySampler(hub)
            busy.start()
            together, kernels = run(hub, names, NOTEBOOK_03)
            figures["hub API while all run 03"] = busy.stop()
            figures["notebook 03 alone (s)"] = alone
            figures[f"notebook 03, {students} at once (s)"] = together
            figures["server MB"] = statistics.median(megabytes_in_use(server_process(hub, n)) for n in names)
            figures["kernel MB after 03"] = statistics.median(kernel_megabytes(hub, n) for n in names)
            for kernel in kernels.values():
                kernel.close()
            _, kernels = run(hub, names[:1], NOTEBOOK_07)
            figures["kernel MB after 07"] = kernel_megabytes(hub, names[0])
            for kernel in kernels.values():
                kernel.close()
        finally:
            left = hub.stop()
            if left:
                print(f"{len(left)} processes did not stop and were killed", file=sys.stderr)
    return figures


def sizing_table(figures, students):
    """Students per server for a live walkthrough, from the measured figures."""
    core_seconds = figures[f"notebook 03, {students} at once (s)"] * os.cpu_count() / students
    per_student_mb = figures["server MB"] + figures["kernel MB after 07"]
    rows = [f"| server | students by CPU (each waits ≤ {WAIT} s) | students by memory | holds |",
            "|---|---|---|---|"]
    for cores in SERVER_CORES:
        by_cpu = int(cores * WAIT / core_seconds)
        by_memory = int((cores * RAM_PER_CORE_GB - SYSTEM_GB) * 1024 / per_student_mb)
        rows.append(f"| {cores} cores, {cores * RAM_PER_CORE_GB} GB | {by_cpu} | {by_memory} | "
                    f"{min(by_cpu, by_memory)} |")
    return core_seconds, per_student_mb, "\n".join(rows)


def report(figures, students):
    core_seconds, per_student_mb, table = sizing_table(figures, students)
    lines = [f"# A class on one JupyterHub server: {students} students",
             "",
             f"Measured by `benchmarks/hub_class.py` on {platform.machine()}, {os.cpu_count()} cores, "
             f"{time.strftime('%Y-%m-%d')}: JupyterHub with the local process spawner, every server on "
             "this one machine.",
             "",
             "| what | figure |",
             "|---|---|"]
    for name, value in figures.items():
        if isinstance(value, dict):
            lines.append(f"| {name}: median, p95 | {value['median_ms']:.0f} ms, {value['p95_ms']:.0f} ms "
                         f"({value['requests']} requests) |")
        else:
            lines.append(f"| {name} | {value:.1f} |")
    lines += ["",
              f"One student's run of notebook 03 costs {core_seconds:.2f} core-seconds when the class runs "
              f"it together ({figures['notebook 03 alone (s)']:.2f} s alone), and a student "
              f"{per_student_mb:.0f} MB (server plus the kernel after notebook 07). A server holds as "
              f"many students as both its cores (each waits at most {WAIT} s when everyone runs a "
              f"notebook at once) and its memory ({SYSTEM_GB} GB kept for the system) allow. Larger "
              f"servers are extrapolated from the {os.cpu_count()} cores measured, linearly:",
              "",
              "<!-- sizing table: docs/teaching.md holds the same rows (tests/test_docs.py) -->",
              table,
              ""]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=10)
    args = parser.parse_args(argv)
    if not 2 <= args.students <= 40:
        parser.error(f"--students must be between 2 and 40, not {args.students}")
    text = report(measure(args.students), args.students)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
