"""One triple count everywhere: the build's summary line, the VoID description's
``void:triples`` and the file read back all give the distinct triples of the union.

Articles that name the same linked entity each carry its label and type in their own
graph, so adding the graphs up over-counts; five articles about other wars share
Russia, the United Nations and others, which makes the difference show.
"""

from __future__ import annotations

import re

import pytest
from rdflib import Dataset, Graph
from rdflib.namespace import DCAT, RDF, VOID
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.publish.description import description_path

from ..conftest import ROOT

ARTICLES = ROOT / "tests" / "articles"
runner = CliRunner()


def summary_triples(stderr: str) -> int:
    match = re.search(r"newsgraph: built .*, (\d+) triples -> ", stderr)
    assert match, stderr
    return int(match.group(1))


def void_triples(path) -> int:
    description = Graph().parse(description_path(path), format="turtle")
    dataset = description.value(predicate=RDF.type, object=DCAT.Dataset)
    return int(description.value(dataset, VOID.triples))


@pytest.mark.slow
@pytest.mark.parametrize("name", ["corpus.ttl", "corpus.trig"])
def test_summary_void_and_file_agree(tmp_path, name):
    out = tmp_path / name
    result = runner.invoke(app, ["build", str(ARTICLES), "-o", str(out)])
    assert result.exit_code == 0, result.output
    if out.suffix == ".trig":
        dataset = Dataset(default_union=True)
        dataset.parse(out, format="trig")
        in_file = len(dataset)
        quads = sum(1 for _ in dataset.quads((None, None, None, None)))
        assert quads > in_file  # shared entities repeat across article graphs
    else:
        in_file = len(Graph().parse(out, format="turtle"))
    assert summary_triples(result.stderr) == void_triples(out) == in_file
