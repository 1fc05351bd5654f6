"""Dutch amounts in free text, parsed with text2num plus a few idioms."""

import pytest

from actions import numbers


@pytest.mark.parametrize(
    "text, days",
    [
        ("3 dagen", 3), ("twee weken", 10), ("anderhalve week", 7.5), ("een dag of tien", 10),
        ("twaalf lesdagen", 12), ("5", 5), ("ouders vragen 12 dagen verlof", 12), ("een week", 5),
        ("vierhonderd dagen", 400), ("0 dagen", 0),
    ],
)
def test_school_days(text, days):
    assert numbers.school_days(text) == days


@pytest.mark.parametrize("text", ["gisteren", "weet ik veel", "een paar", ""])
def test_no_school_days_in_text_without_a_number(text):
    assert numbers.school_days(text) is None


@pytest.mark.parametrize(
    "text, weeks",
    [("zes weken van tevoren", 6), ("2 maanden", 8.7), ("een week van tevoren", 1), ("14 dagen", 2)],
)
def test_weeks(text, weeks):
    assert numbers.weeks(text) == weeks


def test_counts_with_units():
    assert numbers.count_of("al dertien keer te laat", "keer") == 13
    assert numbers.count_of("20 uur afwezig in 3 weken", "uur") == 20
    assert numbers.count_of("twintig uur in drie weken", "week") == 3
    assert numbers.count_of("13", "keer") == 13


@pytest.mark.parametrize("text", ["gisteren", "vorige week", "dat was vanochtend"])
def test_the_past_is_recognised(text):
    assert numbers.mentions_the_past(text)


def test_the_future_is_not_the_past():
    assert not numbers.mentions_the_past("over twee weken")


# Amounts as teachers type them (issue 9, section 2).
@pytest.mark.parametrize(
    "text, days",
    [
        ("3 hele dagen", 3), ("drie hele dagen", 3), ("twee volle weken", 10), ("3 hele schooldagen", 3),
        ("vrijdag en maandag dus 2", 2), ("vrijdag en maandag", 2), ("alleen vrijdag", 1),
        ("maandag t/m woensdag", 3), ("van dinsdag tot en met vrijdag", 4),
        ("een dag of drie", 3), ("dag of 3", 3), ("een week of twee", 10), ("een stuk of vijf", 5),
        ("twee weken", 10), ("een dagje", 1), ("anderhalve dag", 1.5), ("twee en een halve dag", 2.5),
        ("tweeënhalve dag", 2.5), ("1 week en 2 dagen", 7), ("een week en drie dagen", 8),
        ("5 of 6 dagen", 6), ("9 à 10 dagen", 10), ("een halve dag", 0.5), ("2 werkdagen", 2),
        ("3 dagen, van woensdag tot vrijdag", 3), ("ze willen vrijdag 12 mei en maandag 15 mei vrij", 2),
    ],
)
def test_school_days_as_people_say_them(text, days):
    assert numbers.school_days(text) == days


def test_a_pair_of_days_is_not_a_number():
    assert numbers.school_days("een paar dagen") is None


def test_anderhalve_week_is_seven_to_eight_school_days():
    days = numbers.school_days("anderhalve week")
    assert 7 <= days <= 8
    assert numbers.say_school_days(days) == "ongeveer 7 à 8 lesdagen"


@pytest.mark.parametrize(
    "days, said",
    [
        (3, "3 lesdagen"), (1, "1 lesdag"), (12.0, "12 lesdagen"), (0.5, "een halve lesdag"),
        (7.5, "ongeveer 7 à 8 lesdagen"), (2.5, "ongeveer 2 à 3 lesdagen"), (43.3, "ongeveer 43 lesdagen"),
    ],
)
def test_school_days_are_said_as_a_person_would(days, said):
    assert numbers.say_school_days(days) == said


@pytest.mark.parametrize(
    "weeks, said",
    [
        (6, "6 weken"), (1, "1 week"), (0, "0 weken"), (1.5, "anderhalve week"),
        (0.3, "ongeveer 2 dagen"), (0.1, "ongeveer 1 dag"), (1.4, "ongeveer anderhalve week"),
        (17.3, "ongeveer 17 weken"), (8.7, "ongeveer 9 weken"), (2.5, "ongeveer 2 à 3 weken"),
        (1.1, "ongeveer 1 week"), (3.8, "ongeveer 4 weken"),
    ],
)
def test_weeks_are_said_as_a_person_would(weeks, said):
    assert numbers.say_weeks(weeks) == said


@pytest.mark.parametrize("value, said", [(13, "13"), (20.0, "20"), (7.5, "ongeveer 7 à 8"), (17.3, "ongeveer 17")])
def test_bare_numbers_are_whole_or_approximate(value, said):
    assert numbers.spoken_number(value) == said


@pytest.mark.parametrize(
    "text",
    ["anderhalve week", "twee dagen", "10 dagen", "4 maanden", "een dag of drie", "2 maanden", "3 hele dagen"],
)
def test_no_odd_fractions_are_ever_said(text):
    said = " ".join(
        phrase
        for phrase in (
            numbers.say_school_days(numbers.school_days(text)),
            numbers.say_weeks(numbers.weeks(text)),
        )
    )
    assert "." not in said and "," not in said, said


def test_numbers_keep_their_unit_with_adjectives_in_between():
    assert numbers.amounts("al 3 hele weken en 20 losse uren") == [
        numbers.Amount(3, "week"), numbers.Amount(20, "uur"),
    ]


def test_every_friday_is_not_one_day():
    assert numbers.school_days("ze willen elke vrijdag vrij") is None
