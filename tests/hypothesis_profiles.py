"""How hard the robustness tests try: bounded under ``make test``, long under ``make fuzz``.

``make fuzz`` sets ``HYPOTHESIS_PROFILE=fuzz``. The settings are built here
and applied per test (``@settings(examples(...))``) rather than loaded as
Hypothesis' global profile, because ``tests/conftest.py`` is shared and other
modules' property tests should keep their own defaults.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

FUZZ = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"

#: Full builds (spaCy, SHACL) cost about a second each; everything else is cheap.
_BASE = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
    print_blob=True,
)

#: How many times the SIGKILL test kills a build (`make fuzz`: 20 in a row).
KILL_RUNS = int(os.environ.get("NEWSGRAPH_KILL_RUNS") or (20 if FUZZ else 3))


def examples(test: int, fuzz: int) -> settings:
    """Settings with ``test`` examples under ``make test`` and ``fuzz`` under ``make fuzz``."""
    return settings(_BASE, max_examples=fuzz if FUZZ else test)
