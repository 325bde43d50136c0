"""The embedded store: a pyoxigraph database on disk, one named graph per article.

``newsgraph load FILE... --store DIR`` reads RDF files written by ``build``
and puts each article's triples in the named graph whose IRI is the
article's IRI. Loading an article again replaces its graph: the old graph is
dropped and the new triples inserted in one SPARQL update, which Oxigraph
runs as one transaction, so a reader (or a crash) never sees an article half
replaced or missing. ``newsgraph serve`` and ``newsgraph query --store``
read the same directory.

TriG and N-Quads keep one graph per article, so they load as they are.
Turtle, N-Triples and JSON-LD hold the union of all graphs; such a file is
loaded into its article's graph when it describes exactly one article (the
output of ``build`` for one article), and refused otherwise, because the
union cannot be split back into articles.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError, NewsgraphError

NG_ARTICLE = ox.NamedNode("https://w3id.org/newsgraph/ontology#Article")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


class StoreError(NewsgraphError):
    """The store cannot be opened or written (missing, locked by a server, corrupt)."""


@dataclass
class LoadReport:
    """What ``load`` did: graph IRIs added and replaced, and the triples written."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    triples: int = 0

    def to_text(self) -> str:
        graphs = len(self.added) + len(self.replaced)
        return (f"loaded {graphs} article graph{'s' if graphs != 1 else ''} "
                f"({len(self.added)} new, {len(self.replaced)} replaced), "
                f"{self.triples} triples")


def is_store(path: Path | str) -> bool:
    """Whether ``path`` holds an Oxigraph (RocksDB) database."""
    return (Path(path) / "CURRENT").is_file()


def open_store(path: Path | str, *, read_only: bool = False) -> ox.Store:
    """Open the store at ``path``; a writable store is created if it does not exist.

    Read-only opening needs an existing store and works while ``newsgraph
    serve`` (read-only) or another reader has it open.
    """
    path = Path(path)
    if read_only and not is_store(path):
        raise InputError(path, "no newsgraph store here (create one with newsgraph load "
                               "FILE... --store DIR)")
    if not read_only:
        if path.exists() and not path.is_dir():
            raise InputError(path, "the store must be a directory")
        if not path.parent.is_dir():
            raise InputError(path, f"directory {str(path.parent)!r} does not exist")
        if path.is_dir() and any(path.iterdir()) and not is_store(path):
            raise InputError(path, "not a newsgraph store (a directory with other files)")
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as exc:
        hint = (" (is a writable `newsgraph serve` or another load using it?)"
                if "lock" in str(exc).lower() else "")
        raise StoreError(f"{path}: cannot open the store: {exc}{hint}") from exc


def article_graphs(path: Path, into: str | None = None) -> dict[ox.NamedNode, list[ox.Triple]]:
    """The triples of the RDF file ``path``, by article graph IRI; with ``into``, all of
    them (whatever graph they are in) in the graph of that IRI."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(path, f"unknown extension {path.suffix or '(none)'!r} "
                               f"(use one of {', '.join(FORMATS)})")
    if not path.is_file():
        raise InputError(path, "no such file")
    graphs: dict[ox.NamedNode, list[ox.Triple]] = {}
    default: list[ox.Triple] = []
    try:
        for quad in ox.parse(path=str(path), format=fmt):
            triple = ox.Triple(quad.subject, quad.predicate, quad.object)
            if isinstance(quad.graph_name, ox.NamedNode):
                graphs.setdefault(quad.graph_name, []).append(triple)
            elif isinstance(quad.graph_name, ox.DefaultGraph):
                default.append(triple)
            else:
                raise InputError(path, "a graph named by a blank node cannot be loaded")
    except (SyntaxError, ValueError) as exc:
        raise InputError(path, f"not valid {fmt.name}: {exc}") from exc
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from exc
    if into is not None:
        everything = [t for triples in graphs.values() for t in triples] + default
        return {ox.NamedNode(into): everything} if everything else {}
    if default:
        articles = sorted({t.subject.value for t in default
                           if t.predicate == RDF_TYPE and t.object == NG_ARTICLE
                           and isinstance(t.subject, ox.NamedNode)})
        if len(articles) != 1:
            raise InputError(path, f"{len(articles)} articles in one graph: only a file with "
                                   "one article, or TriG / N-Quads (one graph per article), "
                                   "can be loaded")
        graphs.setdefault(ox.NamedNode(articles[0]), []).extend(default)
    return graphs


def replace_graph(store: ox.Store, graph: ox.NamedNode, triples: Iterable[ox.Triple]) -> bool:
    """Make ``graph`` hold exactly ``triples``, in one transaction.

    The triples go into the update as N-Triples written by pyoxigraph's own
    serializer, so every term is escaped as the grammar requires. Returns
    whether the graph existed before.
    """
    existed = store.contains_named_graph(graph)
    data = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b""
    store.update(f"DROP SILENT GRAPH {graph} ;\n"
                 f"INSERT DATA {{ GRAPH {graph} {{\n{data.decode('utf-8')}}} }}")
    return existed


def load(store_dir: Path | str, files: Iterable[Path | str]) -> LoadReport:
    """Load ``files`` into the store at ``store_dir``, replacing their articles' graphs.

    Every file is parsed before the store is touched, so a bad file changes
    nothing. Each article graph is then replaced in its own transaction.
    """
    parsed: dict[ox.NamedNode, list[ox.Triple]] = {}
    for file in files:
        for graph, triples in article_graphs(Path(file)).items():
            parsed.setdefault(graph, []).extend(triples)
    store = open_store(store_dir)
    report = LoadReport()
    try:
        for graph in sorted(parsed, key=lambda g: g.value):
            triples = list(dict.fromkeys(parsed[graph]))  # a graph is a set
            existed = replace_graph(store, graph, triples)
            (report.replaced if existed else report.added).append(graph.value)
            report.triples += len(triples)
        store.flush()
    except OSError as exc:
        raise StoreError(f"{store_dir}: writing the store failed: {exc}") from exc
    return report


def graph_names(store: ox.Store) -> list[str]:
    """The IRIs of the named graphs in ``store``, sorted."""
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))


# --- incremental builds: ``newsgraph build --store DIR`` ---------------------------------

_DCTERMS_IDENTIFIER = ox.NamedNode("http://purl.org/dc/terms/identifier")


def stored_articles(path: str | Path, base: str) -> set[str]:
    """The article graphs already in the store (created if missing: a build calls this
    before any work, so that a store it cannot open fails it early)."""
    oxstore = open_store(path)
    prefix = f"{base}article/"
    return {g.value for g in oxstore.named_graphs()
            if isinstance(g, ox.NamedNode) and g.value.startswith(prefix)}


def store_built(path: str | Path, graphs: Iterable[tuple[str | None, str]]) -> None:
    """Load each built graph, given as (graph IRI, N-Quads), into the store, dropping the
    graphs of older versions of its article (same ``dcterms:identifier``)."""
    oxstore = open_store(path)
    try:
        for graph_name, quads in graphs:
            name = ox.NamedNode(str(graph_name))
            parsed = list(ox.parse(quads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
            triples = [ox.Triple(q.subject, q.predicate, q.object) for q in parsed]
            for t in triples:
                if t.predicate == _DCTERMS_IDENTIFIER and t.subject == name:
                    _drop_other_versions(oxstore, name, t.object)
            replace_graph(oxstore, name, triples)
        oxstore.flush()
    except OSError as exc:
        raise StoreError(f"{path}: writing the store failed: {exc}") from exc


def _drop_other_versions(oxstore: ox.Store, name: ox.NamedNode,
                         identifier: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> None:
    for quad in list(oxstore.quads_for_pattern(None, _DCTERMS_IDENTIFIER, identifier)):
        old = quad.graph_name
        if isinstance(old, ox.NamedNode) and old != name and old == quad.subject:
            oxstore.remove_graph(old)
