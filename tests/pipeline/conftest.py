"""The rule tests' ``run`` fixture (a short text through the pipeline up to
linking), for the pipeline stages that repair what the rules found."""

from ..extract.conftest import run  # noqa: F401  (a fixture, found by name)
