"""`make hub-demo` (deploy/local_hub.py): it prints what a teacher needs, and Ctrl-C stops it cleanly."""

import pathlib
import re
import signal
import subprocess
import sys
import time
import urllib.request

import psutil

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy"))
import local_hub  # noqa: E402


def test_the_demo_prints_addresses_passwords_and_the_link_and_stops_on_ctrl_c():
    port = local_hub.free_port()
    demo = subprocess.Popen([str(local_hub.HUB_VENV / "bin" / "python"), str(ROOT / "deploy" / "local_hub.py"),
                             "--students", "2", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    printed, deadline = [], time.monotonic() + 180
    for line in demo.stdout:
        printed.append(line)
        if "Stop it with Ctrl-C" in line or time.monotonic() > deadline:
            break
    text = "".join(printed)
    assert f"running at http://127.0.0.1:{port}/" in text, text
    teacher_password = re.search(r"teacher: teacher +password (\S+)", text).group(1)
    student_password = re.search(r"students: student1, student2 +password (\S+)", text).group(1)
    assert len(teacher_password) >= 32 and len(student_password) >= 8
    assert f"http://127.0.0.1:{port}/hub/user-redirect/git-pull?repo=file%3A%2F%2F" in text
    state = pathlib.Path(re.search(r"Everything lives in (\S+) and is removed", text).group(1))
    assert (state / "homes" / "teacher" / "nn-from-scratch" / "source" / "week1" / "03_predictions.ipynb").is_file()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/hub/login", timeout=10) as login_page:
        assert login_page.status == 200
    started = psutil.Process(demo.pid).children(recursive=True)
    assert len(started) >= 2  # the hub and its proxy

    demo.send_signal(signal.SIGINT)  # what Ctrl-C in the terminal sends
    rest = demo.stdout.read()
    assert demo.wait(timeout=90) == 0, rest
    demo.stdout.close()
    assert "Stopped; the demo's folder is removed." in rest and "killed" not in rest, rest
    assert not state.exists()
    assert not any(process.is_running() and process.status() != psutil.STATUS_ZOMBIE for process in started)
