"""Security: no code path evaluates input, query parameters are bound as RDF terms, and
error messages do not spill input back out.

``tests/test_query.py`` tries injection on the library; here the same strings
go through the command line, and the data file is checked to be unchanged.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsgraph
from newsgraph.cli import app
from newsgraph.ingest import reader

from .conftest import ROOT, SEED

runner = CliRunner()
SRC = ROOT / "src" / "newsgraph"

# Calls that run or unpickle data. yaml.load is fine only with a safe loader.
FORBIDDEN = [
    (re.compile(r"(?<![\w.])eval\s*\("), "eval("),
    (re.compile(r"(?<![\w.])exec\s*\("), "exec("),
    (re.compile(r"\bpickle\.|\bcPickle\b|\bmarshal\.loads?\b|\bshelve\."), "pickle/marshal"),
    (re.compile(r"\bshell\s*=\s*True"), "shell=True"),
    (re.compile(r"\b__import__\s*\("), "__import__("),
]
YAML_LOAD = re.compile(r"\byaml\.(load|load_all|unsafe_load|full_load)\s*\(")


def source_lines():
    for path in sorted(SRC.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            yield f"{path.relative_to(ROOT)}:{number}", line, code


def test_no_code_path_evaluates_input():
    found = [f"{where}: {what}: {line.strip()}" for where, line, code in source_lines()
             for pattern, what in FORBIDDEN if pattern.search(code)]
    assert found == []


def test_yaml_is_loaded_safely():
    unsafe = [f"{where}: {line.strip()}" for where, line, code in source_lines()
              if (match := YAML_LOAD.search(code))
              and not (match.group(1) in {"load", "load_all"} and "SafeLoader" in code)]
    assert unsafe == []


def test_the_checks_would_catch_offenders():
    """The patterns are not vacuous: they find what they are meant to find."""
    bad = ["x = eval(text)", "exec(code)", "pickle.loads(data)", "yaml.load(f)",
           "run(cmd, shell=True)", "yaml.full_load(f)"]
    hits = [line for line in bad if any(p.search(line) for p, _ in FORBIDDEN)
            or YAML_LOAD.search(line)]
    assert hits == bad
    assert not any(p.search("literal_eval(x); model.eval(); self.exec_()") for p, _ in FORBIDDEN)


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("security") / "seed.nq"
    newsgraph.build([SEED], out)
    return out


def query(data: Path, name: str, *params: str):
    args = ["query", name, "--data", str(data), "--format", "json"]
    for param in params:
        args += ["--param", param]
    return runner.invoke(app, args)


LITERAL_INJECTIONS = [
    'Denial" || true || "',
    "Denial') || true #",
    "Denial } UNION { ?s ?p ?o }",
    "Denial\n} UNION { ?statement ?p ?o } #",
    'Denial" . } ; DROP ALL ; SELECT * WHERE { ?s ?p "',
    "Denial\"^^<http://www.w3.org/2001/XMLSchema#string> } INSERT DATA { <a:b> <a:c> 1 } #",
]


@pytest.mark.slow
@pytest.mark.parametrize("value", LITERAL_INJECTIONS)
def test_cli_literal_injection_matches_nothing_and_changes_nothing(data, value):
    before = data.read_bytes()
    honest = query(data, "statements", "type=Denial")
    assert honest.exit_code == 0 and json.loads(honest.stdout)
    result = query(data, "statements", f"type={value}")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == []
    assert data.read_bytes() == before


IRI_INJECTIONS = [
    "http://www.wikidata.org/entity/Q399> } UNION { ?s ?p ?o } #",
    'http://www.wikidata.org/entity/Q399" || true || "',
    "http://www.wikidata.org/entity/Q399>\n",
    "http://x.org/a> . ?s ?p ?o . <http://x.org/b",
    "<http://www.wikidata.org/entity/Q399>",
    "not an iri",
    "",
]


@pytest.mark.slow
@pytest.mark.parametrize("value", IRI_INJECTIONS)
def test_cli_iri_injection_is_refused_with_one_line(data, value):
    before = data.read_bytes()
    result = query(data, "accusations", f"speaker={value}")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "speaker" in lines[0] and "absolute IRI" in lines[0]
    assert data.read_bytes() == before


def test_cli_service_endpoint_injection_is_refused(data):
    result = query(data, "wikidata-enrich",
                   "endpoint=http://x.org/sparql> { ?s ?p ?o } } #")
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1


def test_error_messages_do_not_echo_megabytes_of_input(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"text": "x", "date": "9" * 100_000}) + "\n"
                      + "{" + "x" * 100_000 + "\n")
    errors = [str(entry.error) for entry in reader.scan([corpus])]
    assert len(errors) == 2 and all(len(e) < 600 and "\n" not in e for e in errors)
    result = runner.invoke(app, ["build", str(corpus), "-o", str(tmp_path / "o.ttl")])
    assert result.exit_code == 2 and len(result.stderr) < 600


# -- query files that would fetch data ------------------------------------------------

REMOTE_QUERIES = {
    "from-file": ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
                  "FROM <file:///etc/passwd>"),
    "from-named": ("SELECT * FROM NAMED <http://127.0.0.1:9/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
                   "FROM NAMED <http://127.0.0.1:9/g>"),
    "from-prefixed": ("PREFIX f: <file:///etc/>\nASK FROM f:hostname { ?s ?p ?o }",
                      "FROM f:hostname"),
    "construct-from": ("CONSTRUCT { ?s ?p ?o } FROM <http://127.0.0.1:9/d> WHERE { ?s ?p ?o }",
                       "FROM <http://127.0.0.1:9/d>"),
    "service": ("SELECT * WHERE { ?a ?b ?c OPTIONAL { SERVICE <http://127.0.0.1:9/sparql> "
                "{ ?s ?p ?o } } }", "SERVICE <http://127.0.0.1:9/sparql>"),
    "service-parameter": ("SELECT ?s ?_e_iri WHERE { SERVICE ?_e_iri { ?s ?p ?o } }",
                          "SERVICE ?_e_iri"),
}


@pytest.fixture(scope="module")
def store_dir(data, tmp_path_factory) -> Path:
    from newsgraph.store.embedded import load

    directory = tmp_path_factory.mktemp("security-store") / "db"
    load(directory, [data])
    return directory


def sources(data: Path, store_dir: Path) -> list[list[str]]:
    """--data, --store and --endpoint (nothing listens there: a request would fail)."""
    return [["--data", str(data)], ["--store", str(store_dir)],
            ["--endpoint", "http://127.0.0.1:9/query"]]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(REMOTE_QUERIES))
def test_a_query_that_would_fetch_data_is_refused_on_every_backend(name, data, store_dir,
                                                                  tmp_path):
    text, named = REMOTE_QUERIES[name]
    path = tmp_path / "q.rq"
    path.write_text(text + "\n", encoding="utf-8")
    params = ["--param", "e=http://127.0.0.1:9/sparql"] if "?_e_iri" in text else []
    for source in sources(data, store_dir):
        result = runner.invoke(app, ["query", str(path), *source, *params])
        assert result.exit_code == 2, (source, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and f"{named} is not allowed" in lines[0], (source, lines)
        assert result.stdout == ""


@pytest.mark.slow
def test_from_and_service_in_strings_and_comments_are_not_clauses(data, store_dir, tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("# SELECT * FROM <file:///etc/passwd>\n"
                    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o "
                    "FILTER(?o != \"FROM <file:///etc/passwd> SERVICE <http://x.org/>\") }\n",
                    encoding="utf-8")
    rows = [runner.invoke(app, ["query", str(path), *source, "--format", "csv"])
            for source in sources(data, store_dir)[:2]]
    assert [r.exit_code for r in rows] == [0, 0], [r.output for r in rows]
    assert rows[0].stdout == rows[1].stdout and int(rows[0].stdout.split()[1]) > 100


@pytest.mark.slow
def test_the_shipped_queries_fetch_nothing_but_a_parameterised_service():
    """check_dereferencing trusts the catalog without parsing it: this is why."""
    from newsgraph.query import list_queries
    from newsgraph.query.backends import remote_parts

    found = {q.name: remote_parts(q.text) for q in list_queries()}
    assert all(kind == "SERVICE" and target.startswith("?_")
               for parts in found.values() for kind, target in parts), found
    assert found["wikidata-enrich"] == (("SERVICE", "?_endpoint_iri"),)


def test_the_shipped_federated_query_keeps_its_parameterised_service():
    from newsgraph.query import load_query
    from newsgraph.query.backends import check_dereferencing

    check_dereferencing(load_query("wikidata-enrich"))  # no error
    with pytest.raises(newsgraph.errors.InputError, match="SERVICE <http://x.org/sparql>"):
        check_dereferencing(load_query("wikidata-enrich").__class__(
            name="copy", path=None, text="SELECT * WHERE { SERVICE <http://x.org/sparql> "
                                         "{ ?s ?p ?o } }"))
