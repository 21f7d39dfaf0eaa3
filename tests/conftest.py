"""Settings shared by every test."""

from hypothesis import HealthCheck, settings

# How long an example takes depends on the machine and on what else it is doing, not on the
# code: no per-example deadline and no "too slow" health check, so a busy machine fails nothing.
settings.register_profile("course", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("course")


def pytest_collection_modifyitems(items):
    """Run the files marked `long` first: pytest-xdist hands each worker one file at a time in
    this order (`--no-loadscope-reorder`), so both cores stay busy until the end."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)  # a stable sort
