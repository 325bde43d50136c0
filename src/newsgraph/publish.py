"""Publish: serialise a dataset deterministically and write it atomically.

The format follows the output file's extension. Turtle, N-Triples and
JSON-LD carry the union of all named graphs; TriG and N-Quads keep one named
graph per article. Line-based formats are sorted so that two builds of the
same input give byte-identical files; files are written to a temporary name
beside the target and renamed, so a crash never leaves half a file.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph

from .errors import InputError

FORMATS = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nt": "ntriples",
    ".jsonld": "json-ld",
}
FORMAT_NAMES = {name: name for name in FORMATS.values()} | {
    "ttl": "turtle", "nt": "ntriples", "nq": "nquads", "jsonld": "json-ld"}
QUAD_FORMATS = {"trig", "nquads"}


def format_for(path: Path | str, explicit: str | None = None) -> str:
    if explicit:
        if explicit not in FORMAT_NAMES:
            raise InputError(path, f"unknown format {explicit!r} "
                                   f"(known: {', '.join(sorted(FORMATS.values()))})")
        return FORMAT_NAMES[explicit]
    suffix = Path(str(path)).suffix.lower()
    if suffix not in FORMATS:
        raise InputError(path, f"unknown output extension {suffix or '(none)'!r} "
                               f"(use one of {', '.join(FORMATS)})")
    return FORMATS[suffix]


def union(dataset: Dataset) -> Graph:
    graph = Graph()
    for prefix, namespace in dataset.namespaces():
        graph.bind(prefix, namespace, override=True, replace=True)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def serialize(dataset: Dataset, fmt: str) -> str:
    if fmt == "nquads":
        lines = dataset.serialize(format="nquads").splitlines()
        return "".join(f"{line}\n" for line in sorted(set(filter(None, lines))))
    if fmt == "ntriples":
        lines = union(dataset).serialize(format="ntriples").splitlines()
        return "".join(f"{line}\n" for line in sorted(set(filter(None, lines))))
    if fmt == "trig":
        return dataset.serialize(format="trig")
    if fmt == "json-ld":
        return union(dataset).serialize(format="json-ld", sort_keys=True, indent=2)
    return union(dataset).serialize(format="turtle")


def check_writable(path: Path) -> None:
    """Fail before any work when the output cannot be written."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(path, f"output directory {str(directory)!r} does not exist")
    if not os.access(directory, os.W_OK):
        raise InputError(path, f"output directory {str(directory)!r} is not writable")


def write_atomic(path: Path, content: str) -> None:
    path = Path(path)
    check_writable(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write(dataset: Dataset, output: str | Path, fmt: str | None = None) -> None:
    """Write to a file (format from extension) or to stdout for ``-``."""
    if str(output) == "-":
        sys.stdout.write(serialize(dataset, format_for("-", fmt or "turtle")))
        return
    write_atomic(Path(output), serialize(dataset, format_for(output, fmt)))
