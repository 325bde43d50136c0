"""The dataset description written beside every file ``publish.write`` writes.

``out/seed.ttl`` gets ``out/seed.void.ttl``: a VoID description (statistics
from ``rdflib.void.generateVoID``, plus ``void:sparqlEndpoint``,
``void:dataDump``, ``void:vocabulary`` and a licence) and a DCAT one (the
same node is a ``dcat:Dataset`` with one ``dcat:Distribution`` per file),
so that catalogues and SPARQL tools can find and check the data.

Why it is built this way:

* The dataset IRI is content-addressed (``{base}dataset/{hash}``, the hash of
  the sorted N-Quads), so two builds of the same articles describe the same
  dataset and the description is byte-identical from run to run.
* Files are referred to by relative IRIs (``<seed.ttl>``), which a Turtle
  parser resolves against the description's own location: the directory can
  be copied or published anywhere and its description stays right.
* ``seed.ttl`` and ``seed.trig`` share ``seed.void.ttl``. A new write keeps the
  distributions the description already lists only when they describe the same
  dataset and the file on disk still has the recorded SHA-256, so the
  description never lists a file that is not the data it describes.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, VOID
from rdflib.void import generateVoID

from .mapper import DEFAULT_BASE, PREFIXES
from .namespace import NG

SUFFIX = ".void.ttl"
SPDX = Namespace("http://spdx.org/rdf/terms#")
FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")
# The placeholder that relative IRIs are built under; it never reaches a file.
_HERE = "http://newsgraph.invalid/here/"

# extension -> (W3C format IRI local name, media type)
MEDIA = {
    ".ttl": ("Turtle", "text/turtle"),
    ".trig": ("TriG", "application/trig"),
    ".nq": ("N-Quads", "application/n-quads"),
    ".nt": ("N-Triples", "application/n-triples"),
    ".jsonld": ("JSON-LD", "application/ld+json"),
}
DEFAULT_ENDPOINT = "http://127.0.0.1:7878/query"  # where `newsgraph serve` answers
DEFAULT_LICENSE = "https://spdx.org/licenses/MIT"  # the project's licence
RIGHTS = ("The graph is under the licence given; the article text it quotes (ng:text, "
          "ng:anchorOf, ng:quote) remains under its publishers' terms.")


@dataclass(frozen=True)
class DumpFile:
    """One file of the dataset: its name beside the description, size and SHA-256."""

    name: str
    size: int
    sha256: str

    @classmethod
    def of(cls, path: Path, content: bytes | None = None) -> DumpFile:
        data = path.read_bytes() if content is None else content
        return cls(path.name, len(data), hashlib.sha256(data).hexdigest())


def description_path(path: Path | str) -> Path:
    """``out/seed.ttl`` -> ``out/seed.void.ttl``."""
    path = Path(path)
    return path.with_name(path.stem + SUFFIX)


def dataset_iri(dataset: Dataset, fingerprint: str) -> URIRef:
    """``{base}dataset/{hash}``: the base is the dataset's ``id:`` prefix."""
    bound = dict(dataset.namespaces()).get("id")
    return URIRef(f"{bound or DEFAULT_BASE}dataset/{fingerprint[:16]}")


def describe(dataset: Dataset, union: Graph, fingerprint: str, files: list[DumpFile], *,
             endpoint: str | None = None, license: str | None = None) -> Graph:
    """The VoID + DCAT description of ``dataset`` (``union``: its union graph)."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in {"void": VOID, "dcat": DCAT, "dcterms": DCTERMS, "rdf": RDF,
                              "xsd": XSD, "spdx": SPDX, "formats": FORMATS_NS,
                              **PREFIXES}.items():
        graph.bind(prefix, namespace)
    graph.bind("rdfs", "http://www.w3.org/2000/01/rdf-schema#")
    ds = dataset_iri(dataset, fingerprint)
    statistics, _ = generateVoID(union, dataset=ds)  # ignores an empty ``res``
    for triple in statistics:
        graph.add(triple)
    _rename_partitions(graph, ds)
    add = graph.add
    add((ds, RDF.type, DCAT.Dataset))
    add((ds, DCTERMS.title, Literal("newsgraph knowledge graph")))
    add((ds, DCTERMS.description, Literal(
        "Who said what about whom in news articles about armed conflict and diplomacy: "
        "statements, events, casualty figures, actors and their relations, each traced to "
        "the words of the article that support it. One named graph per article.")))
    add((ds, DCTERMS.license, URIRef(license or os.environ.get("NEWSGRAPH_LICENSE")
                                     or DEFAULT_LICENSE)))
    add((ds, DCTERMS.rights, Literal(RIGHTS)))
    add((ds, DCTERMS.conformsTo, URIRef(str(NG._NS).rstrip("#"))))
    add((ds, VOID.uriSpace, Literal(str(ds).rsplit("dataset/", 1)[0])))
    add((ds, VOID.documents, Literal(len(set(union.subjects(RDF.type, NG.Article))))))
    for vocabulary in sorted(_vocabularies(union)):
        add((ds, VOID.vocabulary, URIRef(vocabulary)))
    endpoint = endpoint or os.environ.get("NEWSGRAPH_SPARQL_ENDPOINT") or DEFAULT_ENDPOINT
    add((ds, VOID.sparqlEndpoint, URIRef(endpoint)))
    service = URIRef(f"{ds}/sparql")
    add((service, RDF.type, DCAT.DataService))
    add((service, DCAT.endpointURL, URIRef(endpoint)))
    add((service, DCAT.servesDataset, ds))
    add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    for dump in sorted(files, key=lambda f: f.name):
        _add_distribution(graph, ds, dump)
    return graph


def _add_distribution(graph: Graph, ds: URIRef, dump: DumpFile) -> None:
    fmt, media = MEDIA[Path(dump.name).suffix.lower()]
    file_iri = URIRef(_HERE + dump.name)
    dist = URIRef(f"{ds}/distribution/{_slug(dump.name)}")
    checksum = URIRef(f"{dist}/checksum")
    for triple in [
        (ds, VOID.dataDump, file_iri),
        (ds, VOID.feature, FORMATS_NS[fmt]),
        (ds, DCAT.distribution, dist),
        (dist, RDF.type, DCAT.Distribution),
        (dist, DCTERMS.title, Literal(dump.name)),
        (dist, DCAT.downloadURL, file_iri),
        (dist, DCAT.accessURL, file_iri),
        (dist, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media}")),
        (dist, DCTERMS["format"], FORMATS_NS[fmt]),
        (dist, DCAT.byteSize, Literal(dump.size, datatype=XSD.nonNegativeInteger)),
        (dist, SPDX.checksum, checksum),
        (checksum, RDF.type, SPDX.Checksum),
        (checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256),
        (checksum, SPDX.checksumValue, Literal(dump.sha256, datatype=XSD.hexBinary)),
    ]:
        graph.add(triple)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "x"


def _rename_partitions(graph: Graph, ds: URIRef) -> None:
    """generateVoID numbers partitions in set order, which changes from run to run:
    name them after their class or property instead (``…/class/ng-Statement``)."""
    renames: dict[URIRef, URIRef] = {}
    for link, key, kind in ((VOID.classPartition, VOID["class"], "class"),
                            (VOID.propertyPartition, VOID.property, "property")):
        for part in graph.objects(ds, link):
            value = graph.value(part, key)
            name = _qname_slug(graph, value) if value is not None else _slug(str(part))
            renames[part] = URIRef(f"{ds}/{kind}/{name}")
    for old, new in renames.items():
        for p, o in list(graph.predicate_objects(old)):
            graph.remove((old, p, o))
            graph.add((new, p, o))
        for s, p in list(graph.subject_predicates(old)):
            graph.remove((s, p, old))
            graph.add((s, p, new))


def _qname_slug(graph: Graph, iri: object) -> str:
    text = str(iri)
    for prefix, namespace in sorted(graph.namespaces(), key=lambda pn: -len(str(pn[1]))):
        if text.startswith(str(namespace)) and len(text) > len(str(namespace)):
            return _slug(f"{prefix}-{text[len(str(namespace)):]}")
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _vocabularies(union: Graph) -> set[str]:
    """The namespaces of every property and class used."""
    terms = set(union.predicates()) | {o for o in union.objects(None, RDF.type)
                                      if isinstance(o, URIRef)}
    found = set()
    for term in terms:
        text = str(term)
        cut = max(text.rfind("#"), text.rfind("/"))
        if cut > text.find("://") + 2:
            found.add(text[: cut + 1])
    return found


def to_turtle(description: Graph) -> str:
    """Turtle with the files as relative IRIs (``<seed.ttl>``), checked by re-parsing."""
    text = description.serialize(format="turtle").replace(f"<{_HERE}", "<")
    again = Graph().parse(data=text, format="turtle", publicID=_HERE)
    from rdflib.compare import isomorphic

    if not isomorphic(again, description):  # pragma: no cover - a bug, never input
        raise RuntimeError("the dataset description does not survive re-parsing")
    return text


def previous_files(path: Path, ds: URIRef) -> list[DumpFile]:
    """Files the description at ``path`` lists for dataset ``ds`` that are still there
    unchanged (same size and SHA-256); none if it describes another dataset."""
    if not path.is_file():
        return []
    try:
        old = Graph().parse(path, format="turtle", publicID=_HERE)
    except Exception:  # an unreadable old description is replaced, not trusted
        return []
    kept = []
    for dist in old.objects(ds, DCAT.distribution):
        url = old.value(dist, DCAT.downloadURL)
        checksum = old.value(old.value(dist, SPDX.checksum), SPDX.checksumValue)
        if url is None or checksum is None or not str(url).startswith(_HERE):
            continue
        name = str(url)[len(_HERE):]
        sibling = path.parent / name
        if "/" in name or Path(name).suffix.lower() not in MEDIA or not sibling.is_file():
            continue
        current = DumpFile.of(sibling)
        if current.sha256 == str(checksum):
            kept.append(current)
    return kept
