"""Where ``newsgraph query`` reads from: RDF files, the embedded store, or an endpoint."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ..errors import InputError
from .endpoint import Endpoint


def open_source(data: Sequence[Path] | None = None, store: Path | None = None,
                endpoint: str | None = None, timeout: float = 60.0) -> Graph | ox.Store | Endpoint:
    """Exactly one of ``data`` (files, read with rdflib), ``store`` (opened read-only, so
    that a running ``newsgraph serve`` can share it) or ``endpoint`` (a SPARQL URL)."""
    given = [name for name, value in (("--data", data), ("--store", store),
                                      ("--endpoint", endpoint)) if value]
    if not given:
        raise InputError("query", "give the data to query: --data FILE..., --store DIR or "
                                  "--endpoint URL")
    if len(given) > 1:
        raise InputError("query", f"{' and '.join(given)} cannot be used together")
    if data:
        from ..rdf.reader import load_data

        return load_data(list(data))
    if store is not None:
        from ..store.embedded import open_store

        return open_store(store, read_only=True)
    assert endpoint is not None
    from ..store.graph_store import check_endpoint

    check_endpoint(endpoint, with_credentials=False)
    return Endpoint(endpoint, timeout=timeout)
