"""Properties of the whole pipeline on arbitrary Unicode.

For any text (combining marks, emoji, right-to-left scripts, NUL, Unicode
line separators, lone surrogates in JSON, very long lines): ``build`` never
raises, every Mention's ``anchorOf`` is the slice of the stored text, the
output parses and conforms to the shapes, and two runs give identical bytes.
Ingest alone never raises anything but ``InputError``, whatever the bytes.

The number of examples is bounded for ``make test`` and large for
``make fuzz`` (see ``hypothesis_profiles.py``).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from rdflib import RDF, Dataset, Graph

import newsgraph
from newsgraph.errors import InputError
from newsgraph.ingest.reader import clean_text, read_article, scan
from newsgraph.rdf.namespace import NG
from newsgraph.validate import validate

from .hypothesis_profiles import FUZZ, examples

pytestmark = pytest.mark.slow  # Hypothesis runs of whole builds

# Sentences of our own that give the extractor something to find.
NEWS = [
    "Armenia accused Azerbaijan of shelling Stepanakert on Saturday.",
    "Azerbaijan denied the accusation, calling it fake news.",
    "French President Emmanuel Macron called for an immediate ceasefire.",
    "At least 12 civilians were killed and 40 injured, the ministry said.",
    "Turkey is on the side of Azerbaijan.",
    "The OSCE Minsk Group, co-chaired by France, Russia and the United States, mediates.",
    "\u201cWe will respond,\u201d said the spokesman of the Armenian Defence Ministry.",
    "Russia's foreign minister Lavrov spoke by phone with his Turkish counterpart.",
]
# Characters scrapers produce that break naive code.
ODD = [
    "\u0301", "e\u0301", "\U0001f44d\U0001f3fd", "\U0001f1e6\U0001f1f2",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\u0645\u0631\u062d\u0628\u0627",
    "\u05e9\u05dc\u05d5\u05dd", "\u202eArmenia\u202c", "\u200f", "\x00", "\u2028", "\u2029",
    "\x85", "\x0b", "\x0c", "\ufeff", "\r\n", "\r", "\t", "[ad_1]", "\n- ", "\n\u2022 ",
    "\ufffd", "\U0010ffff", "\x7f", "\\", '"', "<", ">", "@en", "^^", "\u00a0",
]
FORMATS = [".ttl", ".trig", ".nq", ".nt", ".jsonld"]
RDFLIB_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt",
                  ".jsonld": "json-ld"}

any_char = st.characters(exclude_categories=())  # includes lone surrogates (Cs)
no_surrogate = st.characters(exclude_categories=("Cs",))
# Lines of up to ~1,500 characters under make test, ~15,000 under make fuzz (SHACL cost
# grows with the number of mentions, so the bounded run keeps them modest).
long_line = st.builds(lambda word, n: (word + " ") * n,
                      st.sampled_from(["Armenia", "war", "\u0634\u0647\u062f", "x"]),
                      st.integers(20, 2000 if FUZZ else 200))


def article_text(chars: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """News sentences, odd characters, random text and long lines, glued together."""
    piece = st.one_of(st.sampled_from(NEWS), st.sampled_from(ODD),
                      st.text(chars, max_size=30), long_line)
    glue = st.sampled_from([" ", "\n", "", "\n\n"])
    return st.lists(st.tuples(piece, glue), min_size=1, max_size=10).map(
        lambda parts: "".join(p + g for p, g in parts))


def parse_output(path: Path) -> Graph:
    fmt = RDFLIB_FORMATS[path.suffix]
    graph = Dataset(default_union=True) if fmt in {"trig", "nquads"} else Graph()
    graph.parse(path, format=fmt)
    return graph


def check_anchors(graph: Graph) -> int:
    """Every Mention's anchorOf is its article's text at [begin, end); returns the count."""
    count = 0
    for mention in set(graph.subjects(RDF.type, NG.Mention)):
        article = graph.value(mention, NG.inArticle)
        text = str(graph.value(article, NG["text"]))
        begin = int(graph.value(mention, NG.beginIndex))
        end = int(graph.value(mention, NG.endIndex))
        assert 0 <= begin <= end <= len(text)
        assert str(graph.value(mention, NG.anchorOf)) == text[begin:end]
        count += 1
    return count


def write_jsonl(path: Path, texts: list[str], ascii_only: bool) -> None:
    lines = [json.dumps({"id": f"a{i}", "text": t, "title": t[:20]}, ensure_ascii=ascii_only)
             for i, t in enumerate(texts)]
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass") + b"\n")


@examples(test=10, fuzz=300)
@given(text=article_text(any_char), ascii_only=st.booleans(),
       suffix=st.sampled_from(FORMATS))
@example(text="Armenia said \ud800 that \udfff Azerbaijan attacked.", ascii_only=True,
         suffix=".nq")
@example(text="Turkey " * 600 + "is on the side of Azerbaijan.", ascii_only=False,
         suffix=".ttl")
@example(text="A\x0bB\x0cC\x1cD\x85E\u2028F\u2029G said Armenia.", ascii_only=False,
         suffix=".nq")
def test_build_never_raises_and_output_is_faithful(tmp_path_factory, text, ascii_only, suffix):
    tmp = tmp_path_factory.mktemp("prop")
    corpus = tmp / "corpus.jsonl"
    if not ascii_only and any("\ud800" <= ch <= "\udfff" for ch in text):
        ascii_only = True  # raw UTF-8 cannot carry a lone surrogate; JSON escapes can
    write_jsonl(corpus, [text], ascii_only)
    first, second = tmp / f"one{suffix}", tmp / f"two{suffix}"
    try:
        result = newsgraph.build([corpus], first)
    except InputError as exc:
        # the only acceptable refusal: nothing left after cleaning
        assert "empty article" in str(exc) and f"{corpus}:1:" in str(exc)
        assert clean_text(re.sub("[\ud800-\udfff]", "\ufffd", text)) == ""
        assert not first.exists()
        return
    assert result.report is not None and result.report.conforms
    stored = result.extractions[0].article.text
    graph = parse_output(first)
    assert [str(t) for t in graph.objects(None, NG["text"])] == [stored]
    check_anchors(graph)
    assert validate(graph).conforms
    newsgraph.build([corpus], second, validate_output=False)
    assert first.read_bytes() == second.read_bytes()


@examples(test=40, fuzz=3000)
@given(data=st.binary(max_size=300), prefix=st.sampled_from(
    [b"", b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"\x1f\x8b\x08", b"PK\x03\x04", b"\xff\xfe",
     b"\xfe\xff", b"\xef\xbb\xbf", b"\xff\xfe\x00\x00", b"Armenia said "]))
def test_ingest_of_any_bytes_gives_an_article_or_an_input_error(tmp_path_factory, data, prefix):
    tmp = tmp_path_factory.mktemp("bytes")
    for name in ("a.txt", "a.jsonl"):
        path = tmp / name
        path.write_bytes(prefix + data)
        for entry in scan([path]):
            assert (entry.article is None) != (entry.error is None)
            if entry.error is not None:
                assert str(path) in str(entry.error) and "\n" not in str(entry.error)
            else:
                assert entry.article.text and entry.article.text == entry.article.text.strip()


@examples(test=60, fuzz=3000)
@given(text=article_text(no_surrogate), encoding=st.sampled_from(["utf-8", "utf-8-sig",
                                                                  "utf-16", "utf-32"]))
@example(text="\x00 ", encoding="utf-16")  # FF FE 00 00: a UTF-32 BOM, yet UTF-16 text
def test_text_files_and_jsonl_store_the_same_text(tmp_path_factory, text, encoding):
    tmp = tmp_path_factory.mktemp("enc")
    path, corpus = tmp / "a.txt", tmp / "a.jsonl"
    path.write_bytes(text.encode(encoding))
    write_jsonl(corpus, [text], ascii_only=True)
    [entry] = list(scan([corpus]))
    try:
        article = read_article(path)
    except InputError as exc:
        reason = str(exc)
        assert "empty article" in reason or "binary file (contains NUL" in reason
        return
    assert entry.article is not None and entry.article.text == article.text
    assert article.text == clean_text(text)


@pytest.mark.parametrize("suffix", [".nq", ".trig"] + ([] if not FUZZ else [".ttl", ".jsonld"]))
def test_another_process_gives_identical_bytes(tmp_path, suffix):
    """Determinism across processes, whose hash randomisation (PYTHONHASHSEED) differs."""
    corpus = tmp_path / "corpus.jsonl"
    texts = [" ".join(NEWS[i:] + NEWS[:i]) + ODD[i] for i in range(6)]
    write_jsonl(corpus, texts + ["\n".join(NEWS[:4]) + "\u0645\u0631\u062d\u0628\u0627"],
                ascii_only=False)
    here, there = tmp_path / f"here{suffix}", tmp_path / f"there{suffix}"
    newsgraph.build([corpus], here)
    seed = str(int(os.environ.get("PYTHONHASHSEED", "0") or 0) + 1)
    proc = subprocess.run([sys.executable, "-c", "from newsgraph.cli import main; main()",
                           "build", str(corpus), "-o", str(there)],
                          env=dict(os.environ, PYTHONHASHSEED=seed), capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert check_anchors(parse_output(here)) > 10
    assert here.read_bytes() == there.read_bytes()


@pytest.mark.parametrize("text", ["Armenia\x00 said", "\u202eArmenia\u202c said so."])
def test_odd_characters_survive_every_format(tmp_path, text):
    corpus = tmp_path / "c.jsonl"
    write_jsonl(corpus, [text], ascii_only=False)
    for suffix in FORMATS:
        out = tmp_path / f"o{suffix}"
        newsgraph.build([corpus], out, validate_output=False)
        assert [str(t) for t in parse_output(out).objects(None, NG["text"])] == [text]
