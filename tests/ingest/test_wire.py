"""Headlines and datelines read from wire copy (newsgraph.ingest.wire), on lines of our own."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.ingest.wire import find_dateline, headline, parse_dateline, wire_metadata

PUBLISHED = dt.date(2023, 5, 13)

# (first line of a story, place, date with PUBLISHED as publication date, agency)
AGENCY_STYLES = [
    # Reuters: CITY, Month Day (Reuters) -
    ("KHARTOUM, May 12 (Reuters) - Sudan's army said it held the bridge.",
     "KHARTOUM", dt.date(2023, 5, 12), "Reuters"),
    # AFP: City (AFP) - , no date
    ("Khartoum (AFP) - Fighting resumed near the airport on Friday.",
     "Khartoum", None, "AFP"),
    # AP: CITY, Country (AP) — with an em dash
    ("GOMA, Congo (AP) — Rebels entered the city overnight, residents said.",
     "GOMA, Congo", None, "AP"),
    # Xinhua: CITY, Month Day (Xinhua) --
    ("BEIJING, May 2 (Xinhua) -- China called for restraint on both sides.",
     "BEIJING", dt.date(2023, 5, 2), "Xinhua"),
    # dpa: City (dpa) -
    ("Berlin (dpa) - The chancellor spoke to both leaders by phone.",
     "Berlin", None, "dpa"),
    # Press-release wires: CITY, Mon. Day, Year /Agency/ --
    ("LONDON, Oct. 3, 2022 /PRNewswire/ -- A relief group appealed for access.",
     "LONDON", dt.date(2022, 10, 3), "PRNewswire"),
    # Several cities, an agency with spaces and an ampersand, an en dash
    ("ADEN/SANAA, April 30 (Gulf & Red Sea Wire) – The two delegations met again.",
     "ADEN/SANAA", dt.date(2023, 4, 30), "Gulf & Red Sea Wire"),
    # A city and its country, then the date; British day-month order
    ("TRIPOLI, Libya, 9 May (Maghreb Desk) - Clashes broke out in the capital.",
     "TRIPOLI, Libya", dt.date(2023, 5, 9), "Maghreb Desk"),
    # No agency: the place in capitals carries it
    ("KYIV, Sept 12 - Ukrainian troops raised the flag over the town hall.",
     "KYIV", dt.date(2022, 9, 12), None),
    # South Asian style: CITY: text
    ("NEW DELHI: India said it was watching the border closely.", "NEW DELHI", None, None),
]


@pytest.mark.parametrize(("line", "place", "date", "agency"), AGENCY_STYLES)
def test_dateline_in_agency_styles(line, place, date, agency):
    found = parse_dateline(line, PUBLISHED)
    assert found is not None
    assert (found.place, found.date, found.agency) == (place, date, agency)
    assert line.startswith(found.text)


def test_dateline_year_comes_from_the_publication_date_across_new_year():
    found = parse_dateline("MOSCOW, Dec 31 (Northwire) - Talks ended late.", dt.date(2024, 1, 1))
    assert found is not None and found.date == dt.date(2023, 12, 31)


def test_dateline_year_is_never_guessed():
    found = parse_dateline("KHARTOUM, May 12 (Reuters) - The army said so.", None)
    assert found is not None
    assert (found.place, found.date, found.agency) == ("KHARTOUM", None, "Reuters")


def test_dateline_with_its_own_year_needs_no_publication_date():
    found = parse_dateline("WASHINGTON, Jan. 5, 2021 (UPI) -- Congress met.", None)
    assert found is not None and found.date == dt.date(2021, 1, 5)


def test_leap_day_without_a_matching_year_is_unset():
    found = parse_dateline("DOHA, Feb 29 (Gulf Desk) - Talks began.", dt.date(2023, 3, 1))
    assert found is not None and found.date is None and found.place == "DOHA"


@pytest.mark.parametrize("line", [
    "Despite calls for calm, the fighting - which began in April - went on.",
    "Russia, Turkey and Iran - the guarantors - met in Astana.",
    "NATO, the alliance said – no troops would be sent.",
    "The army said on Friday that it held the bridge.",
    "Officials (speaking anonymously) - said nothing.",
])
def test_sentences_are_not_datelines(line):
    assert parse_dateline(line, PUBLISHED) is None


def test_headline_is_the_first_line_without_a_full_stop():
    text = ("Sudan army says it retook bridge in Khartoum\n\n"
            "KHARTOUM, May 12 (Reuters) - Sudan's army said it retook the bridge.")
    assert headline(text) == "Sudan army says it retook bridge in Khartoum"
    found = find_dateline(text, PUBLISHED)
    assert found is not None and found.place == "KHARTOUM"


@pytest.mark.parametrize("text", [
    "The army said it retook the bridge.\nResidents confirmed it.",  # a sentence
    "KHARTOUM, May 12 (Reuters) - The army said so\nMore text.",  # a dateline paragraph
    "Sudan army says it retook bridge",  # nothing after it
    "lower-case start of a scraped fragment\nMore text.",
    "x" * 250 + "\nMore text.",  # a paragraph, not a headline
])
def test_not_a_headline(text):
    assert headline(text) is None


def test_byline_between_headline_and_dateline():
    text = ("Truce talks stall in Jeddah\nBy Jane Roe\n"
            "JEDDAH, May 20 (Red Sea Wire) - Delegates left without a deal.")
    found = find_dateline(text, PUBLISHED)
    assert found is not None and (found.place, found.agency) == ("JEDDAH", "Red Sea Wire")


def test_metadata_wins_over_the_text():
    text = "Headline here\n\nKHARTOUM, May 12 (Reuters) - The army said so."
    meta = wire_metadata(text, {"title": "Sidecar title", "date": dt.date(2023, 5, 13)})
    assert meta == {"title": "Sidecar title", "date": dt.date(2023, 5, 13),
                    "dateline_place": "KHARTOUM", "dateline_date": dt.date(2023, 5, 12),
                    "agency": "Reuters"}


def test_dated_dateline_dates_an_undated_article():
    text = "Headline here\n\nWASHINGTON, Jan. 5, 2021 (UPI) -- Congress met."
    meta = wire_metadata(text, {})
    assert meta["title"] == "Headline here"
    assert meta["date"] == meta["dateline_date"] == dt.date(2021, 1, 5)
