"""``newsgraph evaluate --brat``: a tiny brat corpus written here, scored with the
matching the brat format's README defines (cue overlap, cue+source, content tokens)."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import RDF, Graph, Literal, URIRef
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.evaluate.attribution import score_brat
from newsgraph.evaluate.brat import offset_map, parse_ann, read_brat
from newsgraph.rdf.namespace import NG

TEXT = ("The minister said the talks had failed.\n\n\n"
        "Officials in Zenda insisted that no shots were fired, according to the radio.\n")
ANN = (
    "T1\tSource 0 12\tThe minister\n"
    "T2\tCue 13 17\tsaid\n"
    "T3\tContent 18 38\tthe talks had failed\n"
    "E1\tAttribution:T2 Cue:T2 Source:T1 Content:T3\n"
    "T4\tSource 42 60\tOfficials in Zenda\n"
    "T5\tCue 61 69\tinsisted\n"
    "T6\tContent 70 94\tthat no shots were fired\n"
    "E2\tCue:T5 Source:T4 Content:T6\n"
    "T7\tCue 96 108\taccording to\n"
    "T8\tSource 109 118\tthe radio\n"
    "E3\tCue:T7 Source:T8 Content:T6\n"
)
ID = "https://example.org/id/"


def corpus(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "a1_zz.ann").write_text("T1\tCue 0 3\tThe\nE1\tCue:T1\n")
    (tmp_path / "attributions" / "a1_aa.ann").write_text(ANN, encoding="utf-8")
    return tmp_path


def mention(g: Graph, text: str, start: int, end: int) -> URIRef:
    node = URIRef(f"{ID}m/{start}-{end}")
    g.add((node, NG.beginIndex, Literal(start)))
    g.add((node, NG.endIndex, Literal(end)))
    g.add((node, NG.anchorOf, Literal(text[start:end])))
    return node


def statement(g: Graph, text: str, name: str, cue: tuple[int, int] | None,
              source: tuple[int, int] | None, evidence: tuple[int, int]) -> None:
    node, article = URIRef(ID + name), URIRef(ID + "article")
    g.add((node, RDF.type, NG.Statement))
    g.add((node, NG.reportedIn, article))
    g.add((node, NG.cue, Literal(text[cue[0]:cue[1]] if cue else "said")))
    g.add((node, NG.evidence, mention(g, text, *evidence)))
    if cue:
        g.add((node, NG.cueMention, mention(g, text, *cue)))
    if source:
        g.add((node, NG.sourceMention, mention(g, text, *source)))


def test_the_first_annotation_in_sorted_order_is_gold_and_offsets_follow_cleaning(
        tmp_path: Path) -> None:
    [article] = read_brat(corpus(tmp_path))
    assert len(article.attributions) == 3  # from a1_aa.ann, not a1_zz.ann
    cue = article.attributions[1].cue[0]
    # three line breaks became two in the cleaned text: the span moved by one
    assert article.text[cue[0]:cue[1]] == "insisted"
    assert article.text[slice(*article.attributions[2].source[0])] == "the radio"


def test_discontinuous_spans_and_missing_roles_are_read() -> None:
    [one] = parse_ann("T1\tCue 0 4;10 12\tsaid it\nE1\tAttribution:T1 Cue:T1\n")
    assert one.cue == ((0, 4), (10, 12)) and one.source == () and one.content == ()
    assert offset_map("a\r\nb", "a\nb") == [0, 1, 2, 2, 3]


def test_cue_source_and_content_matching(tmp_path: Path) -> None:
    [article] = read_brat(corpus(tmp_path))
    text = article.text
    g = Graph()
    g.add((URIRef(ID + "article"), NG.text, Literal(text)))
    said, insisted = text.index("said"), text.index("insisted")
    statement(g, text, "s1", (said, said + 4), (0, 12), (0, 39))
    # right cue, wrong source: a cue match, not a cue+source match
    statement(g, text, "s2", (insisted, insisted + 8), (0, 3), (41, len(text) - 1))
    # located by its cue string inside the evidence; a false positive
    statement(g, text, "s3", None, None, (0, 39))
    score = score_brat([article], g)
    assert (score.cue.tp, score.cue.pred, score.cue.gold) == (2, 3, 3)
    assert (score.cue_source.tp, score.cue_source.pred) == (1, 3)
    # content: the evidence of s1 (7 words) against "the talks had failed" (4 words),
    # s2's evidence (13 words) against "that no shots were fired" (5 words)
    assert (score.content.tp, score.content.pred, score.content.gold) == (9, 20, 9)
    assert round(score.cue.f1, 4) == round(2 * (2 / 3) * (2 / 3) / (4 / 3), 4)


def test_cli_builds_the_corpus_and_prints_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["evaluate", "--brat", str(corpus(tmp_path)),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found["articles"] == 1 and found["cue"]["gold"] == 3
    assert found["cue"]["tp"] >= 1  # "The minister said ..." is found by the build


def test_cli_refuses_a_directory_that_is_no_brat_corpus(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["evaluate", "--brat", str(tmp_path)])
    assert result.exit_code == 2
    assert "text/ and attributions/" in result.output
