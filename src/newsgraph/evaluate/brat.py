"""Reading brat standoff attribution corpora (the PolNeAR layout).

A corpus is a directory with ``text/NAME.txt`` and ``attributions/NAME_*.ann``;
the first ``.ann`` file of an article in sorted order is its annotation (some
articles were annotated several times for agreement studies). Only attributions
with a cue are gold. Offsets in the ``.ann`` files index the raw text; newsgraph
indexes the cleaned text (``ingest.clean_text`` only deletes characters), so the
gold spans are carried over to the cleaned text here, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..ingest.reader import clean_text

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    """One ``E`` line: its cue, source (may be empty) and content spans."""

    cue: Spans
    source: Spans
    content: Spans


@dataclass
class BratArticle:
    name: str
    text: str  # cleaned, as newsgraph stores it
    attributions: list[GoldAttribution] = field(default_factory=list)


def read_brat(directory: Path) -> list[BratArticle]:
    """Every article of a brat corpus that has an annotation file, by name."""
    directory = Path(directory)
    text_dir, ann_dir = directory / "text", directory / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise ValueError(f"{directory}: a brat corpus needs text/ and attributions/")
    annotations: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0] if "_" in ann.stem else ann.stem
        annotations.setdefault(stem, ann)
    articles = []
    for txt in sorted(text_dir.glob("*.txt")):
        found = annotations.get(txt.stem) or annotations.get(txt.stem.rsplit("_", 1)[0])
        if found is None:
            continue
        raw = txt.read_text(encoding="utf-8")
        clean = clean_text(raw)
        index = offset_map(raw, clean)
        gold = [moved(a, index) for a in parse_ann(found.read_text(encoding="utf-8"))]
        articles.append(BratArticle(txt.stem, clean, [a for a in gold if a.cue]))
    return articles


def parse_ann(text: str) -> list[GoldAttribution]:
    """The attributions of one ``.ann`` file, in file order (``E`` lines)."""
    spans: dict[str, Spans] = {}
    events: list[dict[str, str]] = []
    for line in text.split("\n"):  # a span's text may run over lines: skip those
        fields = line.split("\t")
        if len(fields) < 2 or not fields[0][1:].isdigit():
            continue
        if line.startswith("T"):
            ident, info = fields[0], fields[1]
            _label, _, offsets = info.partition(" ")
            spans[ident] = tuple(
                (int(b), int(e)) for b, e in (pair.split() for pair in offsets.split(";")))
        elif line.startswith("E"):
            roles = fields[1].split()
            events.append(dict(role.split(":", 1) for role in roles if ":" in role))
    return [
        GoldAttribution(cue=spans.get(ev.get("Cue", ""), ()),
                        source=spans.get(ev.get("Source", ""), ()),
                        content=spans.get(ev.get("Content", ""), ()))
        for ev in events
    ]


def offset_map(raw: str, clean: str) -> list[int]:
    """``index[i]`` = the cleaned offset of raw offset ``i`` (len(raw)+1 entries).

    Cleaning deletes characters only, so the cleaned text is a subsequence of
    the raw one; a greedy walk finds it."""
    index = [0] * (len(raw) + 1)
    j = 0
    for i, ch in enumerate(raw):
        index[i] = j
        if j < len(clean) and (clean[j] == ch or (ch in "\r\u2028\u2029\x0b\x0c\x85"
                                                  and clean[j] == "\n")):
            j += 1
    index[len(raw)] = j
    return index


def moved(attribution: GoldAttribution, index: list[int]) -> GoldAttribution:
    def move(spans: Spans) -> Spans:
        out = tuple((index[min(b, len(index) - 1)], index[min(e, len(index) - 1)])
                    for b, e in spans)
        return tuple((b, e) for b, e in out if e > b)

    return GoldAttribution(move(attribution.cue), move(attribution.source),
                           move(attribution.content))
