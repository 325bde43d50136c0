"""Every kind of bad input: exit code 2, one line naming the file and the
reason, no traceback and no output file; with ``--keep-going`` the article is skipped,
reported, and the rest is built (exit 1).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tracemalloc
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from newsgraph import api
from newsgraph import extract as rules
from newsgraph.cli import app
from newsgraph.errors import InputError
from newsgraph.ingest import reader
from newsgraph.pipeline import pool as pipeline
from newsgraph.rdf.namespace import NG

from .conftest import SEED

runner = CliRunner()
GOOD = "Armenia accused Azerbaijan of shelling Stepanakert on Saturday."
MB = 1024 * 1024


def png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"


def zipped() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", GOOD)
    return buffer.getvalue()


@dataclass
class Case:
    """A bad article input: files to create (name -> bytes), what to build, what to expect.

    ``where`` is the file (and ``:line``) the message must name; ``reason`` a
    part of the message.
    """

    files: dict[str, bytes]
    build: str
    where: str
    reason: str


ARTICLE_CASES = {
    "empty file": Case({"empty.txt": b""}, "empty.txt", "empty.txt", "empty article"),
    "whitespace only": Case({"blank.txt": b" \n\t\r\n  \n"}, "blank.txt", "blank.txt",
                            "empty article (no text after cleaning)"),
    "shortcodes only": Case({"ads.txt": b"[ad_1]\n[ad_2]\n"}, "ads.txt", "ads.txt",
                            "empty article"),
    "PDF": Case({"doc.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"}, "doc.txt", "doc.txt",
                "binary file (PDF document)"),
    "PNG": Case({"img.txt": png()}, "img.txt", "img.txt", "binary file (PNG image)"),
    "gzip": Case({"page.txt": gzip.compress(GOOD.encode(), mtime=0)}, "page.txt",
                 "page.txt", "binary file (gzip archive)"),
    "zip": Case({"pack.txt": zipped()}, "pack.txt", "pack.txt", "binary file (zip archive)"),
    "NUL bytes": Case({"nul.txt": b"Armenia\x00\x00said"}, "nul.txt", "nul.txt",
                      "binary file (contains NUL bytes)"),
    "invalid UTF-8": Case({"latin1.txt": "Caf\u00e9 in Baku.".encode("latin-1")},
                          "latin1.txt", "latin1.txt",
                          "not valid UTF-8 (invalid byte at offset 3)"),
    "truncated UTF-16": Case({"u16.txt": GOOD.encode("utf-16")[:-1]}, "u16.txt", "u16.txt",
                             "invalid UTF-16 at byte"),
    "50 MB file": Case({"huge.txt": b"word " * (10 * MB)}, "huge.txt", "huge.txt",
                       "file too large (52,428,800 bytes; the limit is 20 MB"),
    "article too long": Case({"long.txt": b"Armenia said so. " * 7000}, "long.txt",
                             "long.txt", "article too long (118,999 characters; the limit "
                                         "is 100,000"),
    "missing file": Case({}, "missing.txt", "missing.txt", "no such file"),
    "sidecar not JSON": Case({"s1.txt": GOOD.encode(), "s1.meta.json": b"{not json"},
                             "s1.txt", "s1.meta.json", "malformed JSON"),
    "sidecar bad date": Case({"s2.txt": GOOD.encode(),
                              "s2.meta.json": b'{"date": "2020-02-30"}'},
                             "s2.txt", "s2.meta.json", "bad date '2020-02-30'"),
    "sidecar unknown field": Case({"s3.txt": GOOD.encode(),
                                   "s3.meta.json": b'{"colour": "red"}'},
                                  "s3.txt", "s3.meta.json", "unknown field 'colour'"),
    "sidecar field twice": Case({"s4.txt": GOOD.encode(), "s4.meta.json":
                                 b'{"date": "2020-10-04", "date": "2020-10-05"}'},
                                "s4.txt", "s4.meta.json", "field 'date' given twice"),
    "sidecar with text": Case({"s5.txt": GOOD.encode(), "s5.meta.json": b'{"text": "x"}'},
                              "s5.txt", "s5.meta.json", "field 'text' contradicts"),
    "sidecar wrong type": Case({"s6.txt": GOOD.encode(), "s6.meta.json": b'{"title": 5}'},
                               "s6.txt", "s6.meta.json", "field 'title' must be a string"),
    "sidecar bad URL": Case({"s7.txt": GOOD.encode(),
                             "s7.meta.json": b'{"url": "not a url"}'},
                            "s7.txt", "s7.meta.json", "field 'url' is not an absolute URL"),
    "sidecar not an object": Case({"s8.txt": GOOD.encode(), "s8.meta.json": b"[1, 2]"},
                                  "s8.txt", "s8.meta.json", "sidecar must be a JSON object"),
    "JSONL malformed line": Case({"c1.jsonl": b'{"text": "' + GOOD.encode() + b'"}\n'
                                  b'{"text": "unterminated\n'},
                                 "c1.jsonl", "c1.jsonl:2", "malformed JSON"),
    "JSONL not an object": Case({"c2.jsonl": b"\n\n[1, 2]\n"}, "c2.jsonl", "c2.jsonl:3",
                                "expected a JSON object, got list"),
    "JSONL missing text": Case({"c3.jsonl": b'{"title": "T"}\n'}, "c3.jsonl", "c3.jsonl:1",
                               "missing field 'text'"),
    "JSONL bad date": Case({"c4.jsonl": json.dumps({"text": GOOD, "date": "04/10/2020"})
                            .encode()}, "c4.jsonl", "c4.jsonl:1", "bad date '04/10/2020'"),
    "JSONL unknown field": Case({"c5.jsonl": json.dumps({"text": GOOD, "body": "x"})
                                 .encode()}, "c5.jsonl", "c5.jsonl:1", "unknown field 'body'"),
    "JSONL invalid UTF-8": Case({"c6.jsonl": b'{"text": "ok"}\n{"text": "caf\xe9"}\n'},
                                "c6.jsonl", "c6.jsonl:2",
                                "not valid UTF-8 (invalid byte at offset 28)"),
    "JSONL empty text": Case({"c7.jsonl": b'{"text": "  \\n "}\n'}, "c7.jsonl", "c7.jsonl:1",
                             "empty article"),
    "JSONL gzip": Case({"c8.jsonl": gzip.compress(b'{"text": "x"}\n', mtime=0)}, "c8.jsonl",
                       "c8.jsonl", "binary file (gzip archive), expected JSON Lines"),
    "JSONL huge number": Case({"c10.jsonl": b'{"text": "x", "id": ' + b"9" * 5000 + b"}\n"},
                              "c10.jsonl", "c10.jsonl:1", "unusable JSON: Exceeds the limit"),
    "JSONL empty file": Case({"c9.jsonl": b""}, "c9.jsonl", "c9.jsonl",
                             "no articles (the file is empty)"),
}

# Options and outputs that are wrong: (extra build arguments, output name, where, reason).
OPTION_CASES = {
    "unknown output extension": ([], "out.xyz", "out.xyz", "unknown output extension '.xyz'"),
    "output directory missing": ([], "nowhere/out.ttl", "nowhere/out.ttl",
                                 "output directory"),
    "bad --date": (["--date", "yesterday"], "out.ttl", "good.txt", "bad date 'yesterday'"),
    "bad --url": (["--url", "no url"], "out.ttl", "--url", "not an absolute URL"),
    "bad --base": (["--base", "not a base"], "out.ttl", "--base", "not an absolute IRI"),
    "bad --format": (["--format", "xml"], "out.ttl", "out.ttl", "unknown format 'xml'"),
    "bad --link": (["--link", "psychic"], "out.ttl", "psychic", "unknown linking"),
}


def invoke(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def one_line_error(result, where: str, reason: str) -> str:
    """Assert exit 2 and one stderr line naming ``where`` and ``reason``; return it."""
    assert result.exit_code == 2, (result.stdout, result.stderr, result.exception)
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("newsgraph: ")
    assert where in lines[0] and reason in lines[0], lines[0]
    return lines[0]


def make(tmp_path: Path, case: Case) -> None:
    for name, data in case.files.items():
        (tmp_path / name).write_bytes(data)


@pytest.mark.slow
@pytest.mark.parametrize("name", ARTICLE_CASES)
def test_bad_article_exits_2_with_one_line_and_writes_nothing(tmp_path, name):
    case = ARTICLE_CASES[name]
    make(tmp_path, case)
    out = tmp_path / "out.ttl"
    result = invoke("build", tmp_path / case.build, "-o", out)
    one_line_error(result, str(tmp_path / case.where), case.reason)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


@pytest.mark.parametrize("name", OPTION_CASES)
def test_bad_option_or_output_exits_2_with_one_line(tmp_path, name):
    extra, out_name, where, reason = OPTION_CASES[name]
    (tmp_path / "good.txt").write_text(GOOD)
    out = tmp_path / out_name
    result = invoke("build", tmp_path / "good.txt", "-o", out, *extra)
    where = where if where.startswith("-") or where == "psychic" else str(tmp_path / where)
    one_line_error(result, where, reason)
    assert not out.exists()


def test_a_pipe_is_refused_with_one_line(tmp_path):
    """A build reads each input twice (a first pass checks every article before any
    work): a named pipe, like /dev/stdin, would be empty the second time."""
    pipe = tmp_path / "article.txt"
    os.mkfifo(pipe)
    out = tmp_path / "out.ttl"
    result = invoke("build", pipe, "-o", out)
    one_line_error(result, str(pipe), "not a regular file")
    assert not out.exists()


def test_read_only_output_directory(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    if os.access(locked, os.W_OK):  # root ignores permission bits; /proc/self it cannot write
        locked = Path("/proc/self")
        if os.access(locked, os.W_OK):
            pytest.skip("no read-only directory available to this user")
    try:
        result = invoke("build", tmp_path / "good.txt", "-o", locked / "out.ttl")
        one_line_error(result, str(locked / "out.ttl"), "is not writable")
        assert not (locked / "out.ttl").exists()
    finally:
        (tmp_path / "locked").chmod(0o755)


def test_utf16_with_bom_is_decoded_and_built(tmp_path):
    for encoding in ("utf-16", "utf-16-be", "utf-32"):
        path = tmp_path / f"{encoding}.txt"
        data = GOOD.encode(encoding)
        path.write_bytes(data if encoding != "utf-16-be" else b"\xfe\xff" + data)
        assert reader.read_article(path).text == GOOD
    out = tmp_path / "out.ttl"
    result = invoke("build", tmp_path / "utf-16.txt", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert [str(t) for t in Graph().parse(out).objects(None, NG["text"])] == [GOOD]


def test_a_50_mb_file_is_refused_in_bounded_memory(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        for _ in range(50):
            handle.write(b"Armenia said so. " * (MB // 17 + 1))
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="file too large"):
            reader.read_article(huge)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MB


def test_an_overlong_jsonl_line_is_skipped_in_bounded_memory(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 1000)
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(json.dumps({"text": "x" * 5000}).encode() + b"\n"
                       + json.dumps({"text": GOOD}).encode() + b"\n")
    entries = list(reader.scan([corpus]))
    assert [e.line for e in entries] == [1, 2]
    assert "line too long (the limit is 1,000 bytes)" in str(entries[0].error)
    assert f"{corpus}:1:" in str(entries[0].error)
    assert entries[1].article is not None and entries[1].article.text == GOOD


def test_lone_surrogates_in_json_become_replacement_characters(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "Armenia \\ud83d said.", "title": "\\udfff"}\n')
    [article] = reader.read_articles([corpus])
    assert article.text == "Armenia \ufffd said." and article.title == "\ufffd"


def test_keep_going_skips_and_reports_every_bad_article(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    cases = {n: c for n, c in ARTICLE_CASES.items() if c.files and n != "50 MB file"}
    for case in cases.values():
        make(corpus, case)
    (corpus / "good.txt").write_text(GOOD)
    with (corpus / "c1.jsonl").open("a") as handle:  # a good line after the bad one
        handle.write(json.dumps({"id": "late", "text": "Russia denied the report."}) + "\n")
    out = tmp_path / "out.ttl"
    result = invoke("build", corpus, "-o", out, "--keep-going")
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    skipped = [line for line in lines if line.startswith("newsgraph: skipped ")]
    assert len(skipped) == len(cases)
    for case in cases.values():
        where = f"skipped {corpus / case.where}:"
        assert any(where in line and case.reason in line for line in skipped), case
    # good.txt, c1.jsonl line 3, c6.jsonl line 1; c1:1 has good.txt's text: built once
    assert lines[-1].startswith("newsgraph: built 3 articles")
    assert "1 duplicate (same text as an earlier article) skipped" in lines[-1]
    assert lines[-1].endswith(f"{len(cases)} skipped -> {out} (valid)")
    texts = {str(t) for t in Graph().parse(out).objects(None, NG["text"])}
    assert texts == {GOOD, "Russia denied the report.", "ok"}


def test_keep_going_with_nothing_left_writes_nothing(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.jsonl").write_bytes(b"[]\n")
    out = tmp_path / "out.ttl"
    result = invoke("build", tmp_path / "a.txt", tmp_path / "b.jsonl", "-o", out,
                    "--keep-going")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"newsgraph: skipped {tmp_path / 'a.txt'}: empty article (the file " \
                       "is empty)"
    assert lines[1].startswith(f"newsgraph: skipped {tmp_path / 'b.jsonl'}:1: expected")
    assert lines[2] == "newsgraph: no article could be built (2 failed); nothing written"
    assert not out.exists()


def crash_on(marker: str) -> Callable:
    """The rule extractor's rules, raising on articles that contain ``marker``."""
    real = rules.extract

    def extract(doc, article, gazetteer=None):
        if marker in article.text:
            raise ZeroDivisionError("division by zero\nin a rule")
        return real(doc, article, gazetteer)

    return extract


def test_a_crash_in_extraction_names_the_article(tmp_path, monkeypatch):
    monkeypatch.setattr(rules, "extract", crash_on("Kaboom"))
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"text": GOOD}) + "\n" + json.dumps({"text": "Kaboom."}) + "\n")
    out = tmp_path / "out.ttl"
    line = one_line_error(invoke("build", corpus, "-o", out), f"{corpus}:2",
                          "extraction failed (ZeroDivisionError: division by zero\\nin a rule)")
    assert not out.exists() and "please report" in line
    result = invoke("build", corpus, "-o", out, "--keep-going")
    assert result.exit_code == 1
    assert f"newsgraph: skipped {corpus}:2: extraction failed" in result.stderr
    assert out.exists()


def test_an_unexpected_error_anywhere_is_one_line(tmp_path, monkeypatch):
    from newsgraph.publish import serialize

    def broken(*args, **kwargs):
        raise RuntimeError("serializer\nexploded")

    monkeypatch.setattr(serialize.DumpWriter, "chunks", broken)
    (tmp_path / "good.txt").write_text(GOOD)
    out = tmp_path / "out.ttl"
    line = one_line_error(invoke("build", tmp_path / "good.txt", "-o", out), "internal error",
                          "RuntimeError: serializer\\nexploded")
    assert "NEWSGRAPH_DEBUG" in line and not out.exists()


def test_a_write_failure_is_one_line_and_keeps_the_old_output(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text(GOOD)
    out = tmp_path / "out.ttl"
    out.write_text("old\n")

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    result = invoke("build", tmp_path / "good.txt", "-o", out)
    assert result.exit_code == 1  # an I/O failure, not bad input
    [line] = result.stderr.strip().splitlines()
    assert line == f"newsgraph: {out}: cannot write: No space left on device"
    assert out.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.txt", "out.ttl"]


def test_keep_going_skips_an_article_that_does_not_conform(tmp_path, monkeypatch):
    real = pipeline.validate_ntriples

    def picky(lines, **options):
        report = real(lines, **options)
        if any(f"<{NG['text']}> \"Kaboom" in line for line in lines):
            from newsgraph.validate import ValidationReport
            return ValidationReport(conforms=False, results=[])
        return report

    monkeypatch.setattr(pipeline, "validate_ntriples", picky)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"text": GOOD}) + "\n" + json.dumps({"text": "Kaboom."}) + "\n")
    result = api.build([corpus], tmp_path / "out.nq", keep_going=True)
    assert [(f.source, f.line) for f in result.failures] == [(str(corpus), 2)]
    assert "does not conform" in result.failures[0].reason
    with pytest.raises(api.ValidationFailed):
        api.build([corpus], tmp_path / "other.nq")
    assert not (tmp_path / "other.nq").exists()


def test_seed_still_builds_with_keep_going(tmp_path):
    result = invoke("build", SEED, "-o", tmp_path / "seed.ttl", "--keep-going")
    assert result.exit_code == 0 and "skipped" not in result.stderr


QUERY_CASES = {
    "unknown query": (["no-such-query"], "no-such-query"),
    "parameter not an IRI": (["accusations", "--param", "speaker_iri=not an iri>"],
                             "must be an absolute IRI"),
    "parameter not a valid literal": (["{rq}", "--param", "n=twelve"],
                                      "parameter 'n' must be an xsd:integer"),
    "unknown parameter": (["accusations", "--param", "colour=red"], "unknown parameter"),
    "parameter without a value": (["accusations", "--param", "speaker"], "NAME=VALUE"),
}


@pytest.fixture(scope="module")
def seed_data(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("q") / "seed.nq"
    api.build([SEED], out)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", QUERY_CASES)
def test_bad_query_exits_2_with_one_line_and_no_rows(tmp_path, seed_data, name):
    args, reason = QUERY_CASES[name]
    rq = tmp_path / "count.rq"
    rq.write_text("SELECT ?s WHERE { ?s ?p ?_n_xsd_integer }\n")
    args = [str(rq) if a == "{rq}" else a for a in args]
    result = invoke("query", *args, "--data", seed_data, "--format", "csv")
    one_line_error(result, "", reason)
    assert result.stdout == ""
