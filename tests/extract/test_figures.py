"""Casualty figures and number parsing, on sentences written for these tests."""

from __future__ import annotations

import pytest

from newsgraph.extract.numbers import parse_number, qualifier_before


@pytest.mark.parametrize(
    ("text", "count", "qualifier", "casualty", "victims"),
    [
        ("At least 12 civilians were killed in the strike.", 12, "AtLeast", "Killed",
         "Civilians"),
        ("The shelling killed 7 soldiers.", 7, "Exactly", "Killed", "Combatants"),
        ("More than 300 people were injured.", 300, "MoreThan", "Injured", "People"),
        ("Three children were wounded.", 3, "Exactly", "Injured", "Civilians"),
        ("Some 2,000 residents have been displaced.", 2000, "Approximately", "Displaced",
         "Civilians"),
        ("Dozens of fighters were captured.", 24, "AtLeast", "Captured", "Combatants"),
        ("Nearly 50 people are missing.", 50, "LessThan", "Missing", "People"),
        ("The death toll rose to 45.", 45, "Exactly", "Killed", "People"),
        ("The attack left 19 dead.", 19, "Exactly", "Killed", "People"),
        ("Up to 1.5 million people have fled the region.", 1_500_000, "AtMost", "Displaced",
         "People"),
    ],
)
def test_figure_forms(run, text, count, qualifier, casualty, victims):
    result = run(text)
    got = [(f.count, f.qualifier, f.casualty, f.victims) for f in result.x.figures]
    assert (count, qualifier, casualty, victims) in got, got


def test_coordinated_figures_share_victims(run):
    result = run("The ministry reported 19 civilians killed and 60 injured.")
    got = {(f.count, f.casualty, f.victims) for f in result.x.figures}
    assert got == {(19, "Killed", "Civilians"), (60, "Injured", "Civilians")}


def test_negated_clause_gives_no_figure(run):
    result = run("No casualties were reported. No one was killed in the blast.")
    assert result.x.figures == []


def test_population_is_not_a_casualty_figure(run):
    result = run("The region is home to some 145,000 people.")
    assert result.x.figures == []


def test_captured_town_is_not_captured_people(run):
    result = run("The army captured two villages.")
    assert result.x.figures == []


def test_figure_source_is_the_reporting_speaker(run):
    result = run("Ukrainian officials said 8 people were killed in Kharkiv.")
    (figure,) = result.x.figures
    (stmt,) = [s for s in result.x.statements if figure.id in s.figures]
    assert result.labels(stmt.speakers) == {"Ukrainian officials"}


def test_unattributed_figure_is_reported_by_the_narrator(run):
    result = run("At least 20 people died in the floods.", publisher="Example Wire")
    (figure,) = result.x.figures
    (stmt,) = [s for s in result.x.statements if figure.id in s.figures]
    assert stmt.speakers == [result.x.narrator]
    assert result.label(result.x.narrator) == "Example Wire"


@pytest.mark.parametrize(
    ("text", "value"),
    [("19", 19), ("145,000", 145000), ("1.5 million", 1500000), ("twenty-five", 25),
     ("three hundred", 300), ("two thousand five hundred", 2500), ("a hundred", 100),
     ("dozens", 24), ("hundreds", 200), ("thousands", 2000)],
)
def test_parse_number(text, value):
    assert parse_number(text)[0] == value


def test_parse_number_rejects_words():
    assert parse_number("several") is None
    assert parse_number("") is None


@pytest.mark.parametrize(
    ("words", "qualifier"),
    [(["more", "than"], "MoreThan"), (["at", "least"], "AtLeast"), (["some"], "Approximately"),
     (["up", "to"], "AtMost"), (["fewer", "than"], "LessThan"), (["killing"], None)],
)
def test_qualifier_before(words, qualifier):
    assert qualifier_before(words) == qualifier


@pytest.mark.parametrize(
    ("text", "count", "casualty"),
    [
        ("The shelling forced some 3,000 residents from their homes.", 3000, "Displaced"),
        ("About 600 villagers were forced to flee.", 600, "Displaced"),
        ("Officials put the number of people displaced at well over a million.", 1_000_000,
         "Displaced"),
        ("The war has displaced more than 4 million.", 4_000_000, "Displaced"),
    ],
)
def test_displacement_forms(run, text, count, casualty):
    result = run(text)
    assert (count, casualty) in {(f.count, f.casualty) for f in result.x.figures}


def test_vague_number_of_displaced_families_is_a_description(run):
    result = run("Thousands of displaced families began driving home.")
    assert result.x.figures == []


def test_money_is_not_a_casualty_count(run):
    result = run("The donors pledged $4 million for the 200 injured.")
    assert {f.count for f in result.x.figures} == {200}


@pytest.mark.parametrize(
    ("text", "count", "casualty"),
    [("Doctors said they had received 12 bodies since Tuesday.", 12, "Killed"),
     ("The rebels said they had taken 17 soldiers prisoner.", 17, "Captured")],
)
def test_bodies_and_prisoners(run, text, count, casualty):
    assert (count, casualty) in {(f.count, f.casualty) for f in run(text).x.figures}
