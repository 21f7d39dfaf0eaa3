"""Settings shared by every test."""

import os

import pytest
from hypothesis import HealthCheck, settings

# How long an example takes depends on the machine and on what else it is doing, not on the
# code: no per-example deadline and no "too slow" health check, so a busy machine fails nothing.
# derandomize: every run tries the same examples, so a run's result depends on the code alone.
settings.register_profile("course", deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
# HYPOTHESIS_PROFILE=thorough make test: twenty times the examples, new ones on every run, to
# hunt for failures; pin what it finds with @example.
settings.register_profile("thorough", settings.get_profile("course"), max_examples=2000, derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "course"))


def pytest_collection_modifyitems(items):
    """Run the files marked `long` first: pytest-xdist hands each worker one file at a time in
    this order (`--no-loadscope-reorder`), so both cores stay busy until the end."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)  # a stable sort


@pytest.fixture(scope="session")
def course(tmp_path_factory):
    """An nbgrader course holding the course notebooks, built once per worker: (folder, released)."""
    pytest.importorskip("nbgrader", reason="pip install -r requirements-teach.txt")
    from nbgrader_course import release_course

    return release_course(tmp_path_factory.mktemp("nbgrader-course"))
