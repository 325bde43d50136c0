"""Sharded output: one N-Quads file per batch of articles, and a manifest.

A corpus too large for one file (or one machine) is written as many small
N-Quads files, each holding the graphs of one batch of articles and named by
the SHA-256 of its bytes, plus ``manifest.json`` listing every shard with its
articles, triples and SHA-256. Content names make shards safe to write from
anywhere, in any order, more than once: the same batch always gives the same
file. The manifest is written last, atomically, by the client: it is the
only thing that says which shards make up the build, so a build that fails
half-way leaves the previous manifest (and so the previous build) in force.

Workers write their shard into the directory themselves when they can see it
(shared storage: the same host, NFS, a mounted bucket); the client leaves a
marker with a random token there, and a worker that reads the same token
knows the directory is the client's. Otherwise the shard's text comes back to
the client, which writes it.

``newsgraph load DIR --store STORE`` checks every shard against the manifest,
then bulk-loads them (pyoxigraph's bulk loader, much faster than
transactional inserts); an article graph already in the store is replaced,
so loading twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from .serialize import write_atomic

if TYPE_CHECKING:
    import pyoxigraph as ox

    from ..pipeline.pool import Built, WorkerError
    from ..store.embedded import LoadReport

MANIFEST = "manifest.json"
MARKER = ".newsgraph-shards"
VERSION = 1


@dataclass(frozen=True)
class Shard:
    """One shard: its file name, what it holds, and its text when the worker could not
    write it (None: it is in the directory already)."""

    file: str
    articles: int
    triples: int
    sha256: str
    text: str | None = None

    def entry(self) -> dict[str, object]:
        """The shard's line in the manifest."""
        entry = asdict(self)
        del entry["text"]
        return entry


def make_shard(results: Iterable[Built | WorkerError], directory: str | None, token: str,
               ) -> Shard | None:
    """The shard of the articles of ``results`` that will be written (built, conforming):
    their graphs in IRI order. Written into ``directory`` when this process sees the
    client's marker there; None when no article of the batch is kept."""
    from ..pipeline.pool import Built

    parts = sorted((b.graph.name or "", b.graph.nquads or "", b.graph.stats.triples)
                   for b in results
                   if isinstance(b, Built) and b.conforms is not False and b.graph is not None)
    if not parts:
        return None
    text = "".join(part[1] for part in parts)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    shard = Shard(f"{sha}.nq", len(parts), sum(part[2] for part in parts), sha, text)
    if directory is not None and _sees_marker(Path(directory), token):
        target = Path(directory) / shard.file
        if not target.is_file():  # same name, same bytes: already there
            write_atomic(target, text)
        return Shard(shard.file, shard.articles, shard.triples, sha)
    return shard


def _sees_marker(directory: Path, token: str) -> bool:
    try:
        return (directory / MARKER).read_text(encoding="utf-8").strip() == token
    except OSError:
        return False


class ShardWriter:
    """The client's side of a sharded build: the marker, shards that come back as text,
    and the manifest at the end."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        if self.directory.exists() and not self.directory.is_dir():
            raise InputError(self.directory, "--shards must be a directory")
        if not self.directory.parent.is_dir():
            raise InputError(self.directory,
                             f"directory {str(self.directory.parent)!r} does not exist")
        self.directory.mkdir(exist_ok=True)
        self.token = secrets.token_hex(16)
        write_atomic(self.directory / MARKER, self.token + "\n")
        self.shards: list[Shard] = []

    def options(self) -> dict[str, str]:
        """The :class:`newsgraph.pipeline.pool.Options` fields that tell workers where to write."""
        return {"shards": str(self.directory), "shard_token": self.token}

    def add(self, shard: Shard) -> None:
        """Record a shard, writing it first if it came back as text."""
        if shard.text is not None:
            target = self.directory / shard.file
            if not target.is_file():
                write_atomic(target, shard.text)
            shard = Shard(shard.file, shard.articles, shard.triples, shard.sha256)
        self.shards.append(shard)

    def close(self) -> Path:
        """Write the manifest (atomically), then remove shards it does not list (left by
        earlier builds or by a build that failed)."""
        manifest = {
            "version": VERSION, "format": "application/n-quads",
            "articles": sum(s.articles for s in self.shards),
            "triples": sum(s.triples for s in self.shards),
            "shards": [s.entry() for s in self.shards],
        }
        path = self.directory / MANIFEST
        write_atomic(path, json.dumps(manifest, indent=1) + "\n")
        listed = {s.file for s in self.shards}
        for old in self.directory.glob("*.nq"):
            if old.name not in listed:
                old.unlink(missing_ok=True)
        return path


def is_shard_dir(path: Path) -> bool:
    """Whether ``path`` is a directory written by ``build --shards``."""
    return path.is_dir() and (path / MANIFEST).is_file()


def read_manifest(directory: Path) -> list[Shard]:
    """The shards ``directory``'s manifest lists, each checked against its SHA-256
    (before any store is touched: a bad shard loads nothing)."""
    path = directory / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        shards = [Shard(str(s["file"]), int(s["articles"]), int(s["triples"]),
                        str(s["sha256"])) for s in manifest["shards"]]
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(path, f"not a shard manifest ({type(exc).__name__}: {exc})") from None
    for shard in shards:
        file = directory / shard.file
        if Path(shard.file).name != shard.file:
            raise InputError(path, f"shard {shard.file!r} is not a file name")
        try:
            sha = hashlib.sha256(file.read_bytes()).hexdigest()
        except OSError as exc:
            raise InputError(file, f"cannot read shard: {exc.strerror or exc}") from None
        if sha != shard.sha256:
            raise InputError(file, "shard does not match the SHA-256 in the manifest")
    return shards


def load_shards(store: ox.Store, directory: Path, report: LoadReport) -> None:
    """Bulk-load every shard of ``directory`` into ``store``, replacing the article graphs
    they hold; ``report`` gets the graphs added and replaced, and the triples."""
    import pyoxigraph as ox

    for shard in read_manifest(directory):
        file = directory / shard.file
        for name in sorted(_graph_names(file)):
            graph = ox.NamedNode(name)
            if store.contains_named_graph(graph):
                store.remove_graph(graph)
                report.replaced.append(name)
            else:
                report.added.append(name)
        store.bulk_load(path=str(file), format=ox.RdfFormat.N_QUADS)
        report.triples += shard.triples


def _graph_names(file: Path) -> set[str]:
    """The graph IRIs of an N-Quads shard (each line ends ``<graph> .``)."""
    names = set()
    with file.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                names.add(line.rstrip().rsplit(" ", 2)[-2][1:-1])
    return names


def load(store_dir: Path | str, paths: Iterable[Path | str]) -> LoadReport:
    """``newsgraph load``: RDF files as :func:`newsgraph.store.embedded.load` loads them, and shard
    directories (``build --shards``) with the bulk loader. Every shard is checked
    against its manifest before the store is touched."""
    from ..store import embedded as st

    given = [Path(p) for p in paths]
    directories = [p for p in given if is_shard_dir(p)]
    files = [p for p in given if not is_shard_dir(p)]
    for directory in directories:
        read_manifest(directory)  # fails on a missing or altered shard, before any change
    report = st.load(store_dir, files) if files else st.LoadReport()
    if directories:
        store = st.open_store(store_dir)
        try:
            for directory in directories:
                load_shards(store, directory, report)
            store.flush()
        except OSError as exc:
            raise st.StoreError(f"{store_dir}: writing the store failed: {exc}") from exc
    return report
