"""Ingest: decoding, cleaning, sidecars and the errors bad files get."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.errors import InputError
from newsgraph.ingest.reader import clean_text, find_inputs, read_article


def test_shortcodes_and_bullets_are_removed_words_kept():
    raw = "[ad_1]\n- First line.\n* Second [ad_2] line.\nThird - not a bullet.\n"
    assert clean_text(raw) == "First line.\nSecond  line.\nThird - not a bullet."


def test_crlf_and_bom_are_handled(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffLine one.\r\nLine two.\r\n".encode())
    assert read_article(path).text == "Line one.\nLine two."


def test_utf16_with_bom_is_decoded(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Kyiv said so.".encode("utf-16"))
    assert read_article(path).text == "Kyiv said so."


def test_sidecar_metadata(tmp_path):
    (tmp_path / "a.txt").write_text("Text.")
    (tmp_path / "a.meta.json").write_text(
        '{"title": "T", "date": "2021-02-03", "publisher": "Wire", "url": "http://x.org/a"}')
    article = read_article(tmp_path / "a.txt")
    assert (article.title, article.date, article.publisher) == ("T", dt.date(2021, 2, 3), "Wire")


def test_options_override_the_sidecar(tmp_path):
    (tmp_path / "a.txt").write_text("Text.")
    (tmp_path / "a.meta.json").write_text('{"date": "2021-02-03"}')
    assert read_article(tmp_path / "a.txt", date="2022-01-01").date == dt.date(2022, 1, 1)


@pytest.mark.parametrize(
    ("content", "sidecar", "reason"),
    [
        (b"", None, "empty article"),
        (b"   \n\t\n", None, "empty article"),
        (b"caf\xe9 au lait", None, "not valid UTF-8 (invalid byte at offset 3)"),
        (b"%PDF-1.4\x00\x00binary", None, "binary file"),
        (b"Text.", "{not json", "malformed JSON"),
        (b"Text.", '{"date": "yesterday"}', "bad date"),
        (b"Text.", '{"colour": "red"}', "unknown field 'colour'"),
    ],
)
def test_bad_input_names_file_and_reason(tmp_path, content, sidecar, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    if sidecar is not None:
        (tmp_path / "bad.meta.json").write_text(sidecar)
    with pytest.raises(InputError) as info:
        read_article(path)
    assert reason in str(info.value)
    assert "bad." in str(info.value).split(":")[0]


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.txt")


def test_directories_expand_to_sorted_text_files(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "a.txt", "sub/c.txt", "notes.md"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in find_inputs([tmp_path])] == ["a.txt", "b.txt", "c.txt"]


@pytest.mark.slow
@given(st.text())
def test_cleaning_keeps_every_word_character(raw):
    cleaned = clean_text(raw)
    assert all(ch in raw for ch in cleaned if ch.isalnum())


WIRE_STORY = ("Rebels and army trade fire near Goma airport\n\n"
              "GOMA, Jan 27 (Great Lakes Wire) - Rebels and soldiers fought near the airport "
              "on Friday, residents said.")


def test_headline_and_dateline_become_metadata_text_unchanged(tmp_path):
    (tmp_path / "goma.txt").write_text(WIRE_STORY)
    (tmp_path / "goma.meta.json").write_text('{"date": "2023-01-28"}')
    article = read_article(tmp_path / "goma.txt")
    assert article.text == WIRE_STORY  # offsets index the text as written
    assert article.title == "Rebels and army trade fire near Goma airport"
    assert (article.dateline_place, article.dateline_date, article.agency) == (
        "GOMA", dt.date(2023, 1, 27), "Great Lakes Wire")
    assert article.date == dt.date(2023, 1, 28)  # the sidecar's publication date


def test_without_a_year_the_dateline_keeps_its_place_only(tmp_path):
    (tmp_path / "goma.txt").write_text(WIRE_STORY)
    article = read_article(tmp_path / "goma.txt")
    assert (article.date, article.dateline_date) == (None, None)
    assert article.dateline_place == "GOMA"


def test_given_date_and_title_win_over_the_text(tmp_path):
    (tmp_path / "goma.txt").write_text(WIRE_STORY)
    article = read_article(tmp_path / "goma.txt", title="Given", date="2024-01-30")
    assert (article.title, article.date, article.dateline_date) == (
        "Given", dt.date(2024, 1, 30), dt.date(2024, 1, 27))


def test_mapper_writes_the_dateline_with_ontology_terms():
    from rdflib import Literal
    from rdflib.namespace import DCTERMS, XSD

    from newsgraph.model import Article, Extraction
    from newsgraph.rdf.mapper import to_graph
    from newsgraph.rdf.namespace import NG

    article = Article("goma", WIRE_STORY, title="T", dateline_place="GOMA",
                      dateline_date=dt.date(2023, 1, 27), agency="Great Lakes Wire")
    extraction = Extraction(article=article)
    from newsgraph.pipeline.postprocess import narrator_entity

    extraction.entities["publisher"] = narrator_entity(article)
    graph = to_graph(extraction)
    node = graph.identifier
    assert graph.value(node, NG.datelinePlace) == Literal("GOMA")
    assert graph.value(node, NG.datelineDate) == Literal("2023-01-27", datatype=XSD.date)
    assert graph.value(node, NG.sourceAgency) == Literal("Great Lakes Wire")
    assert graph.value(node, DCTERMS.title) == Literal("T")
