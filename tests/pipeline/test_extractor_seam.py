"""The extractor seam: another extractor plugs into the pipeline and gets the rest.

The extractor here is a real one, only a very small one: it reads statements
of the form "NAME said ..." with a regular expression, without spaCy. The
pipeline must give its records the same post-processing as the rule
extractor's (the narrator, ids, role repair, linking) and a graph that
conforms to the shapes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsgraph.extract import RuleExtractor
from newsgraph.model import Article, Entity, Extraction, Span, Statement
from newsgraph.pipeline.extractor import Extractor, default_extractor
from newsgraph.pipeline.recipe import extract_article
from newsgraph.rdf.mapper import to_graph
from newsgraph.validate import validate

SAID = re.compile(r"(?P<speaker>[A-Z][a-z]+) said (?P<what>[^.]*)\.")


class SaidExtractor:
    """Statements "Name said ...": a country as speaker, the sentence as evidence."""

    def parse(self, articles: Sequence[Article]) -> list[None]:
        return [None] * len(articles)

    def extract(self, article: Article, parsed: object = None) -> Extraction:
        assert parsed is None
        extraction = Extraction(article=article)
        for match in SAID.finditer(article.text):
            name = match.group("speaker")
            key = name.lower()
            mention = Span(match.start("speaker"), match.end("speaker"))
            entity = extraction.entities.setdefault(
                key, Entity(key=key, label=name, type="Country", named=True))
            entity.mentions.append(mention)
            extraction.statements.append(Statement(
                span=Span(match.start(), match.end()), type="Claim", speakers=[key],
                cue="said", cue_span=Span(match.start() + len(name) + 1,
                                          match.start() + len(name) + 5),
                content_spans=[Span(match.start("what"), match.end("what"))],
                source_span=mention))
        return extraction


ARTICLE = Article(identifier="seam-1", publisher="Seam Press",
                  text="Armenia said the border was calm. Nobody else spoke.")


def test_the_pipeline_post_processes_and_links_another_extractors_records():
    extraction = extract_article(ARTICLE, extractor=SaidExtractor())
    assert extraction.entities["publisher"].label == "Seam Press"  # the narrator, added
    [statement] = extraction.statements
    assert statement.id == "statement/0-33-1"  # ids, given by the post-processing
    assert ARTICLE.text[statement.span.start:statement.span.end] == \
        "Armenia said the border was calm."
    assert extraction.entities["armenia"].wikidata == "Q399"  # linked by the gazetteer
    report = validate(to_graph(extraction))
    assert report.conforms, report.to_text()


def test_the_rule_extractor_is_the_default_and_fits_the_protocol():
    extractor: Extractor = default_extractor()
    assert isinstance(extractor, RuleExtractor)
    assert default_extractor() is extractor  # made once per process
    [doc] = extractor.parse([ARTICLE])
    assert doc.text.startswith("Armenia said")
    by_rules = extract_article(ARTICLE)
    assert [(s.type, s.speakers, s.cue) for s in by_rules.statements] == \
        [("Claim", ["armenia"], "said")]
