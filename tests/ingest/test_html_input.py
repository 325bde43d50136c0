"""HTML pages as input: main text without boilerplate, page metadata, refusals, offline."""

from __future__ import annotations

import datetime as dt
import shutil
import socket
from types import SimpleNamespace

import pytest
from rdflib import RDF, Dataset
from rdflib.namespace import DCTERMS
from typer.testing import CliRunner

import newsgraph
from newsgraph.cli import app
from newsgraph.errors import InputError
from newsgraph.ingest import reader
from newsgraph.ingest.html_page import NO_TEXT, page_metadata, read_html
from newsgraph.ingest.reader import find_inputs, read_article, read_articles
from newsgraph.rdf.namespace import NG

from ..conftest import ROOT

PAGES = ROOT / "tests" / "fixtures" / "html"
TALKS = PAGES / "ceasefire_talks.html"  # og:title, article:published_time, canonical, og:site_name
GANJA = PAGES / "ganja_shelling.htm"  # <title> and <meta name="date"> only; reader comments
TALKS_TITLE = "Armenia and Azerbaijan agree to ceasefire talks in Moscow"
BOILERPLATE = ("cookie", "ADVERTISEMENT", "Subscribe", "Politics", "Read more",
               "Five things", "Privacy policy", "All rights reserved", "Sponsored",
               "Earn money", "Share on", "reader99", "United Nations", "Log in", "Newsletter")
# An index page: menus, a cookie banner, teasers and a footer, but no article.
INDEX_PAGE = """<!DOCTYPE html><html lang="en"><head><title>World | The Caucasus Ledger</title>
<meta property="og:site_name" content="The Caucasus Ledger"></head><body>
<div class="cookie-banner"><p>We use cookies.</p><button>Accept all cookies</button></div>
<nav><a href="/world">World</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a></nav>
<main><ul class="teasers">
<li><a href="/a">Armenia and Azerbaijan agree to ceasefire talks in Moscow</a></li>
<li><a href="/b">Shelling hits Ganja as humanitarian truce falters</a></li>
<li><a href="/c">Five things to know about the South Caucasus</a></li></ul></main>
<footer><p>&copy; 2020 The Caucasus Ledger. <a href="/privacy">Privacy policy</a></p></footer>
</body></html>"""
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"

runner = CliRunner()


def copy_page(tmp_path, source=TALKS, name="page.html"):
    target = tmp_path / name
    shutil.copyfile(source, target)
    return target


def test_main_text_is_extracted_without_boilerplate():
    for page in (TALKS, GANJA):
        text = read_article(page).text
        for junk in BOILERPLATE:
            assert junk not in text, (page.name, junk)
    lines = read_article(TALKS).text.split("\n")
    # one paragraph per line, as in .txt input; the inline ad between paragraphs is gone
    assert "Russian Foreign Minister Sergei Lavrov said the negotiations would continue late " \
           "into the night. Russian President Vladimir Putin had called for a humanitarian " \
           "ceasefire on Thursday." in lines
    assert lines[-1] == ("French President Emmanuel Macron said he had spoken with Ilham "
                         "Aliyev by phone and again appealed for an end to the fighting.")
    assert len(lines) >= 5 and "" not in lines
    assert read_article(GANJA).text.startswith("Azerbaijan said on Sunday that Armenian forces")


def test_page_metadata_fills_the_article():
    talks = read_article(TALKS)
    assert talks.title == TALKS_TITLE  # og:title, not <title> with the site name
    assert talks.date == dt.date(2020, 10, 9)  # article:published_time, time dropped
    assert talks.url == ("https://ledger.example.org/world/2020/10/09/"
                         "armenia-azerbaijan-moscow-talks")  # the canonical link
    assert talks.publisher == "The Caucasus Ledger"  # og:site_name
    assert (talks.identifier, talks.source, talks.language) == ("ceasefire_talks", str(TALKS),
                                                                "en")
    ganja = read_article(GANJA)
    assert ganja.title == "Shelling hits Ganja as humanitarian truce falters"
    assert ganja.date == dt.date(2020, 10, 11)  # <meta name="date">
    assert (ganja.url, ganja.publisher, ganja.identifier) == (None, None, "ganja_shelling")


def test_sidecar_and_options_win_over_the_page(tmp_path):
    page = copy_page(tmp_path)
    (tmp_path / "page.meta.json").write_text(
        '{"title": "Sidecar title", "publisher": "Wire", "id": "talks-1"}')
    article = read_article(page)
    assert (article.title, article.publisher, article.identifier) == (
        "Sidecar title", "Wire", "talks-1")
    assert article.date == dt.date(2020, 10, 9)  # not in the sidecar: still from the page
    article = read_article(page, title="Option title", date="2020-10-10",
                           url="https://example.org/other", publisher=None)
    assert (article.title, article.date, article.url, article.publisher) == (
        "Option title", dt.date(2020, 10, 10), "https://example.org/other", "Wire")


def test_page_metadata_a_sidecar_would_be_refused_for_is_dropped(tmp_path):
    doc = SimpleNamespace(title=" Talks\n  in Moscow ", date="sometime in October",
                          url="/world/relative-link", sitename="   ")
    assert page_metadata(doc, tmp_path / "page.html") == {"title": "Talks in Moscow"}


def test_the_page_text_is_cleaned_like_a_text_file(tmp_path):
    page = tmp_path / "shortcodes.html"
    page.write_text(TALKS.read_text().replace(
        '<div class="ad ad-inline">', '<p>[ad_1]</p><div class="ad ad-inline">').replace(
        "<p>French President", "<p>- French President"))
    text = read_article(page).text
    assert "[ad_1]" not in text and "\n- " not in text
    assert text == read_article(TALKS).text


def test_a_directory_with_text_and_html_finds_both(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Armenia accused Azerbaijan of shelling Stepanakert.")
    copy_page(tmp_path, TALKS, "sub/b.html")
    copy_page(tmp_path, GANJA, "c.htm")
    (tmp_path / "notes.md").write_text("not an article")
    assert [p.name for p in find_inputs([tmp_path])] == ["a.txt", "c.htm", "b.html"]
    titles = {a.identifier: a.title for a in read_articles([tmp_path])}
    assert titles == {"a": None, "b": TALKS_TITLE,
                      "c": "Shelling hits Ganja as humanitarian truce falters"}


@pytest.mark.parametrize("content", [
    INDEX_PAGE,
    "<html><head><title>Empty</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
    "Just a line of plain text in a file called .html, not a page.",
    "http://example.org/world/2020/10/09/armenia-azerbaijan-moscow-talks",
])
def test_a_page_without_article_text_is_refused_by_name(tmp_path, content):
    page = tmp_path / "index.html"
    page.write_text(content)
    with pytest.raises(InputError) as info:
        read_article(page)
    assert str(info.value) == f"{page}: {NO_TEXT}"


@pytest.mark.parametrize(("content", "reason"), [
    (PNG, "binary file (PNG image), expected UTF-8 text"),
    (b"<html><body><p>caf\xe9</p></body></html>", "not valid UTF-8 (invalid byte at offset 18)"),
    (b"", "empty article (the file is empty)"),
])
def test_bytes_that_are_not_a_page_are_refused_like_text_files(tmp_path, content, reason):
    page = tmp_path / "photo.html"
    page.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_article(page)
    assert str(info.value) == f"{page}: {reason}"


def test_the_size_limits_of_text_files_apply(tmp_path, monkeypatch):
    huge = tmp_path / "huge.html"
    with huge.open("wb") as handle:
        handle.truncate(reader.MAX_FILE_BYTES + 1)  # sparse: refused before it is read
    with pytest.raises(InputError, match="file too large"):
        read_article(huge)
    monkeypatch.setattr(reader, "MAX_ARTICLE_CHARS", 300)
    with pytest.raises(InputError, match=r"article too long \(\d{3,} characters"):
        read_article(TALKS)


def test_no_network_access(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access while reading a page")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    assert read_html(TALKS.read_bytes(), TALKS).meta["url"].startswith("https://ledger.")
    with pytest.raises(InputError, match=NO_TEXT):  # a bare URL is not fetched either
        read_html(b"https://ledger.example.org/world/2020/10/09/talks", "url.html")


@pytest.fixture(scope="module")
def pages_build():
    return newsgraph.build([TALKS, GANJA])


def test_built_mentions_anchor_the_stored_text(pages_build):
    ds = pages_build.dataset
    assert pages_build.report.conforms
    texts = {article: str(ds.value(article, NG["text"]))
             for article in ds.subjects(RDF.type, NG.Article)}
    assert len(texts) == 2
    mentions = 0
    for cls in (NG.Statement, NG.Event, NG.CasualtyFigure):
        nodes = set(ds.subjects(RDF.type, cls))
        assert nodes, cls
        for node in nodes:
            for mention in ds.objects(node, NG.evidence):
                begin = int(ds.value(mention, NG.beginIndex))
                end = int(ds.value(mention, NG.endIndex))
                anchor = str(ds.value(mention, NG.anchorOf))
                assert any(text[begin:end] == anchor for text in texts.values()), anchor
                mentions += 1
    assert mentions > 5
    for text in texts.values():
        assert not any(junk in text for junk in BOILERPLATE)


def test_cli_builds_a_page(tmp_path):
    page = copy_page(tmp_path)
    out = tmp_path / "out.trig"
    result = runner.invoke(app, ["build", str(page), "-o", str(out)])
    assert result.exit_code == 0, result.output
    ds = Dataset(default_union=True)
    ds.parse(out, format="trig")
    articles = list(ds.subjects(RDF.type, NG.Article))
    assert len(articles) == 1
    assert str(ds.value(articles[0], DCTERMS.title)) == TALKS_TITLE


def test_cli_refuses_a_page_without_text_in_one_line(tmp_path):
    page = tmp_path / "index.html"
    page.write_text(INDEX_PAGE)
    out = tmp_path / "out.trig"
    result = runner.invoke(app, ["build", str(page), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"newsgraph: {page}: {NO_TEXT}"]
    assert not out.exists()
