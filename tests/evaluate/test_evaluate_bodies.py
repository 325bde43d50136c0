"""``evaluate`` counts what a state's body says or does for the state, through
``ng:affiliatedWith``: extraction makes "Armenia's army" an organisation of its
own, and a gold that names Armenia as the speaker still scores it (our own text)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from newsgraph.api import extract_article
from newsgraph.evaluate import load_gold, score
from newsgraph.model import Article
from newsgraph.rdf.mapper import to_graph
from newsgraph.rdf.namespace import NG

TEXT = ("Armenia's army said it had repelled an attack on the village. "
        "Hezbollah said it had fired rockets at a base near Haifa.")


def evaluate(tmp_path: Path, speakers: dict[str, str], *, linked: bool = True):
    """Score TEXT's graph against a gold naming ``speakers`` (anchor -> actor key);
    ``linked=False`` drops the graph's ng:affiliatedWith triples."""
    extraction = extract_article(Article(identifier="bodies", text=TEXT,
                                         date=dt.date(2024, 5, 2)))
    graph = to_graph(extraction)
    if not linked:
        graph.remove((None, NG.affiliatedWith, None))
    statements = [{"anchor": anchor, "speaker": key, "type": "Claim"}
                  for anchor, key in speakers.items()]
    gold = {"article": "bodies.txt", "statements": statements, "actors": [
        {"key": "armenia", "label": "Armenia", "type": "Country", "wikidata": "Q399"},
        {"key": "lebanon", "label": "Lebanon", "type": "Country", "wikidata": "Q822"},
        {"key": "hezbollah", "label": "Hezbollah", "type": "Organization", "wikidata": None}]}
    path = tmp_path / "bodies.yaml"
    path.write_text(yaml.safe_dump(gold), encoding="utf-8")
    return score(load_gold(path), graph).scores["statements"]


def test_a_statement_by_a_states_army_counts_for_the_state(tmp_path):
    result = evaluate(tmp_path, {"Armenia's army said it had repelled an attack": "armenia"})
    assert (result.tp, result.fn) == (1, 0)


def test_it_counts_through_the_link_not_because_its_name_holds_the_states(tmp_path):
    result = evaluate(tmp_path, {"Armenia's army said it had repelled an attack": "armenia"},
                      linked=False)
    assert (result.tp, result.fn) == (0, 1)


def test_an_armed_group_affiliated_with_a_state_does_not_speak_for_it(tmp_path):
    result = evaluate(tmp_path, {"Hezbollah said it had fired rockets": "lebanon"})
    assert (result.tp, result.fn) == (0, 1)
    assert evaluate(tmp_path, {"Hezbollah said it had fired rockets": "hezbollah"}).tp == 1
