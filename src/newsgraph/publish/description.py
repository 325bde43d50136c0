"""The dataset description written beside every file ``publish.write`` writes.

``out/seed.ttl`` gets ``out/seed.void.ttl``: a VoID description (statistics
from :class:`Statistics`, plus ``void:sparqlEndpoint``,
``void:dataDump``, ``void:vocabulary`` and a licence) and a DCAT one (the
same node is a ``dcat:Dataset`` with one ``dcat:Distribution`` per file),
so that catalogues and SPARQL tools can find and check the data.

Why it is built this way:

* The dataset IRI is content-addressed (``{base}dataset/{hash}``, a hash of
  each graph's IRI and the SHA-256 of its sorted N-Triples, in IRI order), so two
  builds of the same articles describe the same dataset and the description
  is byte-identical from run to run.
* The statistics are made article by article and merged (a corpus build never
  holds the whole corpus). ``void:triples`` counts the distinct triples of the
  union, the number a parser reads back from the file and the build summary
  gives: a triple with an IRI of its own article in it is in no other graph and
  is counted per article; the others (labels, types, Wikidata links of shared
  entities, which repeat in every article naming them) are kept as a set, which
  stays small. Distinct
  subjects and class members are counted per article for the article's own
  IRIs (``{article}/...``, which no other article uses) and kept in a set only
  for shared ones (``{base}entity/Q...``), which are few. VoID's optional
  distinct-object counts are not given: literals repeat across articles and
  would need a set as large as the corpus.
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
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, VOID

from ..rdf.mapper import DEFAULT_BASE, PREFIXES
from ..rdf.namespace import NG

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


_RDF_TYPE = f"<{RDF.type}>"
_ARTICLE = f"<{NG.Article}>"


@dataclass
class Statistics:
    """VoID statistics of some graphs, mergeable: see the module docstring."""

    local_triples: int = 0  # triples only their own graph can hold (see of_lines)
    local_properties: Counter[str] = field(default_factory=Counter)  # IRI -> local triples
    shared_triples: set[str] = field(default_factory=set)  # N-Triples lines other graphs repeat
    local_subjects: int = 0  # distinct subjects under their own graph's IRI
    shared_subjects: set[str] = field(default_factory=set)
    local_members: Counter[str] = field(default_factory=Counter)  # class IRI -> count
    shared_members: dict[str, set[str]] = field(default_factory=dict)  # class IRI -> IRIs
    documents: int = 0

    @classmethod
    def of_lines(cls, graph_name: str | None, lines: Iterable[str]) -> Statistics:
        """The statistics of one graph given as N-Triples lines (see :mod:`.rdftext`)."""
        stats = cls()
        own, inside = (f"<{graph_name}>", f"<{graph_name}/") if graph_name else ("", "")
        mine: dict[str, bool] = {}  # subject -> whether the article mints it
        properties: dict[str, int] = {}  # <property> -> local triples
        members: dict[str, int] = {}  # <class> -> local members
        for line in lines:  # rdftext.split_triple, inlined: this runs for every triple
            s, p, rest = line.split(" ", 2)
            own_s = mine.get(s)
            if own_s is None:  # an IRI the graph's own article mints
                own_s = mine[s] = bool(own) and (s == own or s.startswith(inside))
            if own_s or (bool(own) and rest[0] == "<"
                         and (rest.startswith(own) or rest.startswith(inside))):
                properties[p] = properties.get(p, 0) + 1  # no other graph has the triple
            else:  # about a shared entity: the same triple may be in every article naming it
                stats.shared_triples.add(line)
            if p == _RDF_TYPE:
                o = rest[:-2].rstrip()
                if own_s:
                    members[o] = members.get(o, 0) + 1
                else:
                    stats.shared_members.setdefault(o[1:-1], set()).add(s)
                if o == _ARTICLE:
                    stats.documents += 1
        stats.local_triples = sum(properties.values())
        for counts, counter in ((properties, stats.local_properties),
                                (members, stats.local_members)):
            for iri, n in counts.items():
                counter[iri[1:-1]] += n
        for s, own_s in mine.items():
            if own_s:
                stats.local_subjects += 1
            else:
                stats.shared_subjects.add(s)
        return stats

    @property
    def triples(self) -> int:
        """Distinct triples of the union of the graphs: what a Turtle file of them holds,
        what a parser reads back and what a SPARQL union default graph counts."""
        return self.local_triples + len(self.shared_triples)

    @property
    def properties(self) -> Counter[str]:
        """Property IRI -> distinct triples of the union that use it."""
        from ..rdf.rdftext import split_triple

        counts = Counter(self.local_properties)
        counts.update(split_triple(line)[1][1:-1] for line in self.shared_triples)
        return counts

    def merge(self, other: Statistics) -> None:
        self.local_triples += other.local_triples
        self.local_properties.update(other.local_properties)
        self.shared_triples |= other.shared_triples
        self.local_subjects += other.local_subjects
        self.shared_subjects |= other.shared_subjects
        self.local_members.update(other.local_members)
        for cls_iri, members in other.shared_members.items():
            self.shared_members.setdefault(cls_iri, set()).update(members)
        self.documents += other.documents

    def classes(self) -> dict[str, int]:
        """Class IRI -> number of distinct members."""
        names = set(self.local_members) | set(self.shared_members)
        return {c: self.local_members[c] + len(self.shared_members.get(c, ())) for c in names}

    def vocabularies(self) -> set[str]:
        """The namespaces of every property and class used."""
        found = set()
        for term in set(self.properties) | set(self.classes()):
            cut = max(term.rfind("#"), term.rfind("/"))
            if cut > term.find("://") + 2:
                found.add(term[: cut + 1])
        return found


def fingerprint(digests: Iterable[tuple[str | None, str]]) -> str:
    """The dataset's hash from each graph's (IRI, SHA-256 of its N-Triples), in IRI order."""
    text = "".join(f"{name or ''} {digest}\n" for name, digest in
                   sorted(digests, key=lambda item: item[0] or ""))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def dataset_iri(base: str | None, fingerprint: str) -> URIRef:
    """``{base}dataset/{hash}``: the base is the instance base (the ``id:`` prefix)."""
    return URIRef(f"{base or DEFAULT_BASE}dataset/{fingerprint[:16]}")


def describe(stats: Statistics, base: str | None, fingerprint: str, files: list[DumpFile], *,
             endpoint: str | None = None, license: str | None = None) -> Graph:
    """The VoID + DCAT description of a dataset with ``stats``."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in {"void": VOID, "dcat": DCAT, "dcterms": DCTERMS, "rdf": RDF,
                              "xsd": XSD, "spdx": SPDX, "formats": FORMATS_NS,
                              **PREFIXES}.items():
        graph.bind(prefix, namespace)
    graph.bind("rdfs", "http://www.w3.org/2000/01/rdf-schema#")
    ds = dataset_iri(base, fingerprint)
    add = graph.add
    _add_statistics(graph, ds, stats)
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
    add((ds, VOID.documents, Literal(stats.documents)))
    for vocabulary in sorted(stats.vocabularies()):
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


def _add_statistics(graph: Graph, ds: URIRef, stats: Statistics) -> None:
    """void:triples & co., one partition per class and per property, named after it
    (``…/class/ng-Statement``) so that the description is the same on every run."""
    add = graph.add
    classes = stats.classes()
    add((ds, RDF.type, VOID.Dataset))
    add((ds, VOID.triples, Literal(stats.triples)))
    add((ds, VOID.classes, Literal(len(classes))))
    add((ds, VOID.properties, Literal(len(stats.properties))))
    add((ds, VOID.distinctSubjects,
         Literal(stats.local_subjects + len(stats.shared_subjects))))
    for kind, link, key, counts, measure in (
            ("class", VOID.classPartition, VOID["class"], classes, VOID.entities),
            ("property", VOID.propertyPartition, VOID.property, stats.properties, VOID.triples)):
        for iri, count in sorted(counts.items()):
            part = URIRef(f"{ds}/{kind}/{_qname_slug(graph, iri)}")
            add((ds, link, part))
            add((part, RDF.type, VOID.Dataset))
            add((part, key, URIRef(iri)))
            add((part, measure, Literal(count)))


def _qname_slug(graph: Graph, iri: object) -> str:
    text = str(iri)
    for prefix, namespace in sorted(graph.namespaces(), key=lambda pn: -len(str(pn[1]))):
        if text.startswith(str(namespace)) and len(text) > len(str(namespace)):
            return _slug(f"{prefix}-{text[len(str(namespace)):]}")
    return hashlib.sha256(text.encode()).hexdigest()[:16]


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
