"""``newsgraph gazetteer refresh``: fill in gazetteer QIDs from a SPARQL endpoint.

Every gazetteer entry's label is looked up with ``queries/gazetteer-labels.rq``
(the same lookup and the same rules as online linking: the right kind of item,
an exact label, a label match beating alias matches, ties left alone). Then:

* an entry without a QID gets the one the endpoint gives, recorded as
  ``"verified": ["<endpoint> refresh <date>"]`` -- one source only, see the
  gazetteer README;
* an entry with a QID keeps it and its verification notes; if the endpoint
  names another item, the disagreement is reported, never applied;
* entries marked ambiguous and Groups are left as they are, and a QID that
  another entry already has (or that two entries would get) is not given.

The files are written in the gazetteer format (one JSON object per line,
sorted by id, keys in their order) to the output directory, each atomically,
and only once every lookup has succeeded.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import InputError
from ...publish.serialize import write_atomic
from ..gazetteer import GAZETTEER_DIR
from .online import ONLINE_TYPES, SparqlClient, choose, lookup_labels


@dataclass
class RefreshReport:
    endpoint: str
    output: Path
    entries: int = 0
    with_qid: int = 0
    files: dict[str, tuple[int, int]] = field(default_factory=dict)  # name -> (entries, QIDs)
    added: list[tuple[str, str, str]] = field(default_factory=list)  # id, QID, label
    disagreements: list[tuple[str, str, str]] = field(default_factory=list)  # id, kept, found
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # id, QID not given

    def to_text(self) -> str:
        lines = [f"gazetteer refreshed from {self.endpoint}: {self.entries} entries, "
                 f"{self.with_qid} with a QID ({len(self.added)} new) -> {self.output}"]
        lines += [f"  new: {entry_id} {qid} ({label})" for entry_id, qid, label in self.added]
        lines += [f"  kept: {entry_id} {kept} (the endpoint names {found})"
                  for entry_id, kept, found in self.disagreements]
        lines += [f"  not given: {entry_id} {qid} (another entry has it or would get it)"
                  for entry_id, qid in self.conflicts]
        return "\n".join(lines) + "\n"


def read_entries(source: Path) -> dict[str, list[dict]]:
    """The raw entries of each ``*.jsonl`` file of ``source``, keys in file order."""
    files: dict[str, list[dict]] = {}
    for path in sorted(source.glob("*.jsonl")):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
            files[path.name] = [json.loads(line) for line in lines if line.strip()]
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise InputError(path, f"not a gazetteer file: {exc}") from exc
    if not files:
        raise InputError(source, "no gazetteer files (*.jsonl)")
    ids = Counter(entry.get("id") for entries in files.values() for entry in entries)
    for entry_id, count in ids.items():
        if not entry_id or count > 1:
            raise InputError(source, f"entry id {entry_id!r} missing or not unique")
    return files


def refresh_gazetteer(
    client: SparqlClient,
    output: Path | None = None,
    source: Path | None = None,
    *,
    today: dt.date | None = None,
) -> RefreshReport:
    """Refresh the gazetteer in ``source`` (default: the package's) into ``output``.

    Raises :class:`~newsgraph.link.wikidata.online.WikidataError` when the endpoint fails and
    :class:`InputError` for unreadable input or output; nothing is written then.
    """
    source = Path(source) if source else GAZETTEER_DIR
    output = Path(output) if output else source
    files = read_entries(source)
    entries = [entry for rows in files.values() for entry in rows]
    wanted = [entry for entry in entries
              if entry.get("type") in ONLINE_TYPES and not entry.get("ambiguous")]
    answers = dict(lookup_labels(client, sorted({entry["label"] for entry in wanted})))

    report = RefreshReport(endpoint=client.endpoint, output=output)
    held = Counter(entry["qid"] for entry in entries if entry.get("qid"))
    found = {entry["id"]: choose(answers.get(entry["label"]), entry["type"]) for entry in wanted}
    new = Counter(qid for entry in wanted if not entry.get("qid")
                  and (qid := found[entry["id"]]))
    note = f"{client.endpoint} refresh {(today or dt.date.today()).isoformat()}"
    for entry in sorted(wanted, key=lambda e: e["id"]):
        qid = found[entry["id"]]
        if qid is None:
            continue
        if entry.get("qid"):
            if entry["qid"] != qid:
                report.disagreements.append((entry["id"], entry["qid"], qid))
        elif held[qid] or new[qid] > 1:
            report.conflicts.append((entry["id"], qid))
        else:
            entry["qid"] = qid  # keeps its place, second, in the key order
            entry["verified"] = [note]
            report.added.append((entry["id"], qid, entry["label"]))

    output.mkdir(parents=True, exist_ok=True)
    texts = {}
    for name, rows in files.items():
        rows.sort(key=lambda e: e["id"])
        for entry in rows:
            entry["verified"] = entry.pop("verified", [])  # always last
        texts[name] = "".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in rows)
        report.files[name] = (len(rows), sum(1 for entry in rows if entry.get("qid")))
    for name, text in texts.items():
        write_atomic(output / name, text)
    report.entries = sum(count for count, _ in report.files.values())
    report.with_qid = sum(qids for _, qids in report.files.values())
    return report
