"""What docs/teaching.md says of a class on a hub is what benchmarks/hub_class.py measured, and of
the browser edition what benchmarks/site_load.py measured."""

import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
TEACHING = (ROOT / "docs" / "teaching.md").read_text(encoding="utf-8")
RESULTS = (ROOT / "benchmarks" / "results" / "hub_class.md").read_text(encoding="utf-8")


def sizing_rows(text):
    """The rows of the sizing table (the one whose header starts `| server |`), header included."""
    start = text.index("| server |")
    return [line for line in text[start:].splitlines()[:5] if line.startswith("|")]


def measured(name):
    """One figure of the results table, by the name in its first column."""
    return float(re.search(rf"^\| {re.escape(name)} \| ([0-9.]+)", RESULTS, re.M).group(1))


def sizing_section():
    return TEACHING[TEACHING.index("### Sizing"):TEACHING.index("### Security")]


def test_the_sizing_table_is_the_measured_one():
    rows = sizing_rows(RESULTS)
    assert len(rows) == 5  # the header, its rule and the 2-, 8- and 32-core servers
    assert sizing_rows(TEACHING) == rows


def test_the_memory_per_student_is_the_measured_one():
    server, after_03, after_07 = measured("server MB"), measured("kernel MB after 03"), measured("kernel MB after 07")
    assert f"about {server + after_07:.0f} MB of memory" in sizing_section()
    assert f"server about {server:.0f} MB and their kernel about {after_07:.0f} MB after notebook 07 " \
           f"({after_03:.0f} MB after 03)" in sizing_section()


def test_the_times_are_the_measured_ones():
    together = measured("notebook 03, 10 at once (s)")
    assert "ten students on\ntwo cores all finished in about " f"{together:.0f} s" in sizing_section()
    assert round(together * 2 / 10) == 1  # "about one core-second" each
    p95 = int(re.search(r"while all run 03: median, p95 \| \d+ ms, (\d+) ms", RESULTS).group(1))
    assert p95 <= 40 and "answers took 40 ms or less" in sizing_section()


def test_the_browser_editions_download_is_the_measured_one():
    measured_site = (ROOT / "benchmarks" / "results" / "site_load.md").read_text(encoding="utf-8")
    size, packed = re.search(r"files, (\d+) MB \((\d+) MB if the web server compresses", measured_site).groups()
    section = " ".join(TEACHING[TEACHING.index("### In the browser, with nothing installed"):].split())
    assert f"The first visit downloads {size} MB to each browser ({packed} MB from a server that compresses" in section


def test_the_guide_counts_the_browser_self_checks_lines():
    from course import setup_check

    lines = len(setup_check.BROWSER_PACKAGES) + 3  # Python, the packages, nnlib, the verdict
    words = {6: "six", 7: "seven", 8: "eight", 9: "nine"}
    section = " ".join(TEACHING[TEACHING.index("### In the browser, with nothing installed"):].split())
    assert f"lists the {words[lines]} lines it prints in the browser" in section

