"""Settings shared by every test."""

from hypothesis import HealthCheck, settings

# How long an example takes depends on the machine and on what else it is doing, not on the
# code: no per-example deadline and no "too slow" health check, so a busy machine fails nothing.
settings.register_profile("course", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("course")
