"""Derive what the report draws from the collected facts: text, network, tables.

Kept apart from :mod:`.collect` (which only reads RDF) and from the browser
script (which only builds DOM): everything that decides *what* is shown is
computed here, in Python, where it is unit-tested; the script just lays it out.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from ..vocabulary import RELATION_PREDICATES, STATEMENT_TYPES
from .collect import Facts, sort_ids

#: Statement types drawn as edges: all of the ontology's. The script colours each
#: (report.js, report.css: a test checks they name the same types).
STATEMENT_EDGES = frozenset(STATEMENT_TYPES)
#: Relations drawn as edges (the predicate's local name): all of the ontology's.
RELATION_EDGES = frozenset(RELATION_PREDICATES)

Segment = list[Any]  # [text, [statement ids], [mark ids]]


def segments(text: str, outer: list[tuple[str, int, int]],
             inner: list[tuple[str, int, int]]) -> list[Segment]:
    """Cut ``text`` wherever a highlighted span starts or ends.

    ``outer`` are statements (whole clauses), ``inner`` the marks inside them
    (mentions, figures, event triggers). Spans may nest or overlap, which
    nested HTML elements cannot express; flat segments can, and each knows
    every span that covers it, innermost (shortest) first. Joining the
    segments' texts gives back ``text`` exactly.
    """
    spans = [(k, b, e) for k, b, e in outer + inner if 0 <= b < e <= len(text)]
    cuts = sorted({0, len(text)} | {b for _, b, _ in spans} | {e for _, _, e in spans})
    outer_keys = {k for k, _, _ in outer}
    out: list[Segment] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = sorted((e - b, b, k) for k, b, e in spans if b <= start and end <= e)
        out.append([text[start:end],
                    [k for _, _, k in covering if k in outer_keys],
                    [k for _, _, k in covering if k not in outer_keys]])
    return out


def article_segments(facts: Facts) -> None:
    """Give every article its highlighted segments (and drop the plain text)."""
    outer: dict[str, list] = defaultdict(list)
    inner: dict[str, list] = defaultdict(list)
    for s in facts["statements"].values():
        if "begin" in s:
            outer[s["article"]].append((s["id"], s["begin"], s["end"]))
    for m in facts["mentions"].values():
        inner[m["article"]].append((m["id"], m["begin"], m["end"]))
    for f in facts["figures"].values():
        if "begin" in f:
            inner[f["article"]].append((f["id"], f["begin"], f["end"]))
    for v in facts["events"].values():
        span = trigger_span(v)
        if span:
            inner[v["article"]].append((v["id"], *span))
    for article in facts["articles"]:
        article["segments"] = segments(article.pop("text"), outer[article["id"]],
                                       inner[article["id"]])


def trigger_span(event: Facts) -> tuple[int, int] | None:
    """The offsets of the trigger word inside the event's evidence, if it is there.

    The graph stores the trigger as a string, not a span; highlighting the word
    (rather than the whole clause) keeps the text readable.
    """
    trigger, evidence = event.get("trigger"), event.get("evidence")
    if not trigger or not evidence or "begin" not in event:
        return None
    match = re.search(rf"(?<!\w){re.escape(trigger)}(?!\w)", evidence)
    if match is None:
        return None
    return (event["begin"] + match.start(), event["begin"] + match.end())


def counterparts(statement: Facts, statements: dict[str, Facts]) -> list[tuple[str, str]]:
    """Who a statement is aimed at: its targets, else the speakers it answers.

    A denial usually names no target but refutes an accusation; drawing it
    towards the accuser (and a supporting statement towards the speaker it
    corroborates) is what the analyst reads from the text. Returns
    ``(entity id, how)`` pairs, ``how`` being "target", "refutes" or
    "corroborates".
    """
    if statement["targets"]:
        return [(t, "target") for t in statement["targets"]]
    pairs = [(sp, how) for how in ("refutes", "corroborates")
             for other in statement.get(how, []) for sp in statements[other]["speakers"]]
    return list(dict.fromkeys(pairs))


def network(facts: Facts) -> Facts:
    """Nodes and edges of the actor network.

    Every actor (see ``collect.ACTOR_DEFINITION``) is a node, linked or not,
    connected or not. Places and conflicts join as *context* nodes only when
    a drawn relation needs them (Armenia controls Nagorno-Karabakh; the Minsk
    Group mediates the conflict). An edge whose end is neither is left out;
    the statement still appears in the text and the tables.
    """
    entities = facts["entities"]
    actors = [e["id"] for e in entities.values() if e["actor"]]
    context: set[str] = set()
    edges: list[Facts] = []

    def usable(key: str) -> bool:
        return entities[key]["actor"] or entities[key]["kind"] in {"Place", "Conflict"}

    for s in facts["statements"].values():
        if s["type"] not in STATEMENT_EDGES:
            continue
        for speaker in s["speakers"]:
            for other, how in counterparts(s, facts["statements"]):
                if speaker != other and entities[speaker]["actor"] and entities[other]["actor"]:
                    edges.append({"source": speaker, "target": other, "kind": "statement",
                                  "type": s["type"], "ref": s["id"], "how": how})
    for r in facts["relations"]:
        if r["predicate"] in RELATION_EDGES and usable(r["subject"]) and usable(r["object"]):
            edges.append({"source": r["subject"], "target": r["object"], "kind": "relation",
                          "type": r["predicate"], "ref": r["id"], "how": "relation"})
            context |= {k for k in (r["subject"], r["object"]) if not entities[k]["actor"]}
    nodes = [{"entity": k, "kind": "actor"} for k in actors]
    nodes += [{"entity": k, "kind": "context"} for k in sort_ids(context)]
    return {"nodes": nodes, "edges": edges}


def article_conflicts(facts: Facts) -> dict[str, str | None]:
    """Article id -> the conflict it is about: the one its events are most often part of
    (then the one its relations name most), None when it names none."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for v in facts["events"].values():
        for conflict in v.get("partOf", []):
            votes[v["article"]][conflict] += 2
    entities = facts["entities"]
    for r in facts["relations"]:
        for key in (r["subject"], r["object"]):
            if entities[key]["kind"] == "Conflict" and r.get("article"):
                votes[r["article"]][key] += 1
    labels = {k: e["label"].lower() for k, e in entities.items()}
    return {a["id"]: min(votes[a["id"]], key=lambda k: (-votes[a["id"]][k], labels[k], k))
            if votes[a["id"]] else None for a in facts["articles"]}


def network_groups(facts: Facts, net: Facts) -> list[Facts]:
    """The network cut into one drawing per conflict, so that five wars are not one heap.

    Articles about the same conflict share a group (an article about none is a
    group of its own); a group holds the edges of its articles' statements and
    relations, the actors mentioned in them (``linked`` when an edge touches
    them, else ``loose``: listed beside the drawing, not in it) and the context
    nodes its edges need. Groups come largest first.
    """
    conflicts = article_conflicts(facts)
    entities, mentions = facts["entities"], facts["mentions"]
    keys = {a: conflict or a for a, conflict in conflicts.items()}
    records = {**facts["statements"], **{r["id"]: r for r in facts["relations"]}}
    groups: dict[str, Facts] = {}
    for article in facts["articles"]:
        key = keys[article["id"]]
        group = groups.setdefault(key, {"key": key, "articles": [], "edges": [], "actors": set()})
        group["articles"].append(article["id"])
    for e in net["nodes"]:
        for m in entities[e["entity"]]["mentions"]:
            if e["kind"] == "actor" and mentions[m]["article"] in keys:
                groups[keys[mentions[m]["article"]]]["actors"].add(e["entity"])
    for index, edge in enumerate(net["edges"]):
        article = records[edge["ref"]].get("article")
        if article not in keys:  # a relation without evidence: where one of its ends is
            article = next((a for a in keys if {edge["source"], edge["target"]}
                            & groups[keys[a]]["actors"]), next(iter(keys), None))
        if article is not None:
            groups[keys[article]]["edges"].append(index)
    out = []
    for key, group in groups.items():
        touched = {k for i in group["edges"] for k in (net["edges"][i]["source"],
                                                       net["edges"][i]["target"])}
        label = entities[key]["label"] if key in entities else next(
            a["title"] or a["identifier"] or a["id"] for a in facts["articles"] if a["id"] == key)
        out.append({"label": label, "articles": group["articles"], "edges": group["edges"],
                    "nodes": sort_ids(touched),
                    "loose": sort_ids(group["actors"] - touched)})
    out.sort(key=lambda g: (-len(g["edges"]), -len(g["nodes"]), g["label"].lower()))
    for number, group in enumerate(out, 1):
        group["id"] = f"G{number}"
    return out


def statements_by_speaker(facts: Facts) -> list[Facts]:
    """Speakers in label order, each with their statements in document order."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for s in facts["statements"].values():
        for speaker in s["speakers"]:
            grouped[speaker].append(s["id"])
    entities = facts["entities"]
    order = sorted(grouped, key=lambda k: (entities[k]["label"].lower(), k))
    return [{"speaker": k, "statements": grouped[k]} for k in order]


def figure_value(figure: Facts) -> str:
    """How a number reads: "more than 200", "19"."""
    count = f"{figure['count']:,}" if figure["count"] is not None else "?"
    qualifier = figure["qualifierLabel"]
    return count if qualifier in ("", "exactly") else f"{qualifier} {count}"


def figure_table(facts: Facts) -> list[Facts]:
    """Casualty figures side by side, one table per article.

    Rows are what is counted (casualty type, victims, place), columns the
    sources; a row where sources give different numbers is ``conflicting``.
    Figures are compared within an article only: two articles may describe
    different wars or different days, and pooling them would invent conflicts.
    """
    tables = []
    for article in facts["articles"]:
        figures = [f for f in facts["figures"].values() if f["article"] == article["id"]]
        if not figures:
            continue
        sources = list(dict.fromkeys(s for f in figures for s in (f["sources"] or [""])))
        rows: dict[tuple, Facts] = {}
        for f in figures:
            places = ", ".join(facts["entities"][p]["label"] for p in f["places"])
            key = (f["casualtyType"], f["victims"], places)
            row = rows.setdefault(key, {"casualtyType": key[0], "victims": key[1],
                                        "place": places, "cells": {s: [] for s in sources}})
            for source in f["sources"] or [""]:
                row["cells"][source].append(f["id"])
        for row in rows.values():
            values = {figure_value(facts["figures"][i]) for ids in row["cells"].values()
                      for i in ids}
            given_by = [s for s, ids in row["cells"].items() if ids]
            row["conflicting"] = len(given_by) > 1 and len(values) > 1
            row["cells"] = [row["cells"][s] for s in sources]
        tables.append({"article": article["id"], "sources": sources,
                       "rows": list(rows.values())})
    return tables


def mediation_table(facts: Facts) -> list[Facts]:
    """Mediation groups with their parent organisation, mediators and conflicts."""
    groups: dict[str, Facts] = {}
    fields = {"parentOrganization": "parents", "mediator": "mediators", "mediates": "conflicts"}
    for e in facts["entities"].values():
        if e["kind"] == "MediationGroup":
            groups[e["id"]] = {"group": e["id"], "parents": [], "mediators": [], "conflicts": []}
    for r in facts["relations"]:
        if r["predicate"] in fields:
            row = groups.setdefault(r["subject"], {"group": r["subject"], "parents": [],
                                                   "mediators": [], "conflicts": []})
            row[fields[r["predicate"]]].append(r["object"])
    labels = {k: e["label"].lower() for k, e in facts["entities"].items()}
    for row in groups.values():
        for name in ("parents", "mediators", "conflicts"):
            row[name] = sorted(set(row[name]), key=lambda k: (labels[k], k))
    return sorted(groups.values(), key=lambda r: (labels[r["group"]], r["group"]))


def timeline(facts: Facts) -> list[str]:
    """Events by normalised date (undated last), then article and position."""
    order = {a["id"]: i for i, a in enumerate(facts["articles"])}

    def key(v: Facts) -> tuple:
        return (v["date"] is None, v["date"] or "", order.get(v["article"], len(order)),
                v.get("begin", -1), v["id"])

    return [v["id"] for v in sorted(facts["events"].values(), key=key)]


def view_model(facts: Facts, title: str) -> Facts:
    """The whole JSON document the page script reads."""
    article_segments(facts)
    facts["network"] = network(facts)
    facts["network"]["groups"] = network_groups(facts, facts["network"])
    facts["tables"] = {
        "bySpeaker": statements_by_speaker(facts),
        "figures": figure_table(facts),
        "mediation": mediation_table(facts),
        "timeline": timeline(facts),
    }
    for f in facts["figures"].values():
        f["value"] = figure_value(f)
    facts["title"] = title
    return facts
