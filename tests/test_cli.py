"""The command line, through typer's CliRunner: exit codes and one-line errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

from .conftest import ROOT, SEED

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args])


@pytest.mark.slow
def test_build_validate_query(tmp_path):
    out = tmp_path / "seed.trig"
    result = invoke("build", SEED, "-o", out)
    assert result.exit_code == 0, result.output
    assert "statements" in result.output and "valid" in result.output
    assert invoke("validate", out).exit_code == 0
    rows = invoke("query", "accusations", "--data", out, "--format", "json")
    assert rows.exit_code == 0
    pairs = {(r["speaker_label"], r["target_label"]) for r in json.loads(rows.stdout)}
    assert ("Armenia", "Turkey") in pairs


def test_build_to_stdout_with_format():
    result = invoke("build", SEED, "-o", "-", "--format", "nquads")
    assert result.exit_code == 0
    assert result.stdout.count(" .\n") > 500


def test_build_metadata_options(tmp_path):
    out = tmp_path / "a.ttl"
    result = invoke("build", SEED, "-o", out, "--title", "A title", "--url",
                    "http://example.org/a", "--date", "2020-10-04", "--base",
                    "http://example.org/id/")
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "A title" in text and "http://example.org/id/article/" in text


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty article"), (b"\xff\xfe\xfa", "invalid UTF-16"),
     (b"abc \xe9 def", "not valid UTF-8")],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(tmp_path, content, reason):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "out.ttl"
    result = invoke("build", bad, "-o", out)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and reason in lines[0]
    assert not out.exists()


def test_missing_file_exits_2(tmp_path):
    result = invoke("build", tmp_path / "missing.txt", "-o", tmp_path / "o.ttl")
    assert result.exit_code == 2
    assert "missing.txt: no such file" in result.stderr


def test_unknown_output_extension_exits_2(tmp_path):
    result = invoke("build", SEED, "-o", tmp_path / "out.xyz")
    assert result.exit_code == 2 and "unknown output extension" in result.stderr


def test_validate_exit_codes(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix ng: <https://w3id.org/newsgraph/ontology#> .\n"
                      "<urn:s> a ng:Statement .\n")
    result = invoke("validate", broken)
    assert result.exit_code == 1 and "Conforms: no" in result.stdout
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is not turtle")
    assert invoke("validate", garbage).exit_code == 2
    assert invoke("validate", tmp_path / "none.ttl").exit_code == 2


def test_validate_with_either_engine_gives_the_same_report(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix ng: <https://w3id.org/newsgraph/ontology#> .\n"
                      "<urn:s> a ng:Statement ; ng:confidence 2.0 .\n")
    turbo = invoke("validate", broken, "--format", "json")
    reference = invoke("validate", broken, "--engine", "pyshacl", "--format", "json")
    assert turbo.exit_code == reference.exit_code == 1
    assert json.loads(turbo.stdout) == json.loads(reference.stdout)
    assert len(json.loads(turbo.stdout)["results"]) >= 3
    unknown = invoke("validate", broken, "--engine", "jena")
    assert unknown.exit_code == 2 and "unknown SHACL engine 'jena'" in unknown.stderr


def test_validate_json_report(tmp_path):
    out = tmp_path / "seed.ttl"
    invoke("build", SEED, "-o", out)
    result = invoke("validate", out, "--format", "json")
    assert json.loads(result.stdout)["conforms"] is True


def test_query_list_and_unknown_query(tmp_path):
    listing = invoke("query", "--list")
    assert listing.exit_code == 0 and "accusations" in listing.stdout
    unknown = invoke("query", "no-such-query", "--data", SEED.with_suffix(".meta.json"))
    assert unknown.exit_code == 2 and "no-such-query" in unknown.stderr


def test_query_bad_iri_parameter(tmp_path):
    out = tmp_path / "seed.ttl"
    invoke("build", SEED, "-o", out)
    result = invoke("query", "accusations", "--data", out, "--param",
                    "speaker_iri=not an iri>")
    assert result.exit_code == 2


@pytest.mark.slow
def test_evaluate_seed_meets_the_targets():
    result = invoke("evaluate", ROOT / "tests" / "gold" / "000_497c8b1f4ab63ad2.yaml",
                    "--articles", ROOT / "seeds", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    scores = report["scores"]
    # the seed's targets: micro F1 >= 0.90, statements F1 >= 0.90, all 3 figures with their
    # sources, all 5 mediation facts, at least 5 of the 6 relations
    assert report["micro"]["f1"] >= 0.90
    assert scores["statements"]["f1"] >= 0.90
    assert scores["figures"]["tp"] == 3
    assert scores["mediation"]["tp"] == 5
    assert scores["relations"]["tp"] >= 5
    assert scores["actors"]["precision"] == 1.0


def test_build_writes_the_html_report(tmp_path):
    out, page = tmp_path / "seed.ttl", tmp_path / "seed.html"
    result = invoke("build", SEED, "-o", out, "--report", page)
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Aliyev" in html


def test_build_report_to_a_missing_directory_exits_2_before_building(tmp_path):
    out = tmp_path / "seed.ttl"
    result = invoke("build", SEED, "-o", out, "--report", tmp_path / "nope" / "r.html")
    assert result.exit_code == 2 and not out.exists()
