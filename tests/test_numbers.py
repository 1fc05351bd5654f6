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
