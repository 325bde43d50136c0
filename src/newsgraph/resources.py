"""Locate the files shipped with the code, the one place that knows where they are.

Two kinds: the ontology, shapes and queries live at the top of the source
tree and are copied into the wheel under ``newsgraph/_data/`` (hatch
``force-include``), so an installed package finds them without the source
tree; the package data (gazetteer, lexicons, JSON-LD context) lives in
``newsgraph/data/`` and moves with the code. Modules ask here instead of
building paths from their own ``__file__``, so moving a module never breaks
where it finds its data.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_path(*parts: str) -> Path:
    """A file or directory under the package's ``data/`` (``data_path("gazetteer")``)."""
    return _PACKAGE_DIR.joinpath("data", *parts)


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
