"""Locate the files shipped beside the code: ontology, shapes, queries.

They live at the top of the source tree and are copied into the wheel under
``newsgraph/_data/`` (hatch ``force-include``), so an installed package finds
them without the source tree.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the directory ``ontology``, ``shapes`` or ``queries``."""
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    source = _PACKAGE_DIR.parent.parent / name
    if source.is_dir():
        return source
    raise FileNotFoundError(f"newsgraph resource directory {name!r} not found")


def ontology_path() -> Path:
    return resource_dir("ontology") / "newsgraph.ttl"


def shapes_path() -> Path:
    return resource_dir("shapes") / "newsgraph.shacl.ttl"


def queries_dir() -> Path:
    return resource_dir("queries")
