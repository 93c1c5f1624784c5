"""Partial dates: parsing, calendar checks, and how each language writes them."""
from datetime import date

import pytest

from thlao import dates

THAI, ENGLISH = dates.Calendar.of("th", 543), dates.Calendar.of("en")


@pytest.mark.parametrize("text, calendar, shown", [
    ("2016-12-26", THAI, "26 ธันวาคม 2559"),
    ("2018-02", THAI, "กุมภาพันธ์ 2561"),
    ("2016", THAI, "2559"),
    ("2016-12-26", ENGLISH, "26 December 2016"),
    ("2018-02", ENGLISH, "February 2018"),
    ("2016", ENGLISH, "2016"),
    ("2022-11-07", THAI, "7 พฤศจิกายน 2565"),
])
def test_each_precision_in_each_language(text, calendar, shown):
    assert calendar.date(text) == shown


def test_a_third_language_is_its_locale_and_its_era():
    lao = dates.Calendar.of("lo", 543)
    assert lao.date("2018-02").endswith("2561") and lao.months[2] != ENGLISH.months[2]


@pytest.mark.parametrize("text, precision", [("2016-12-26", "day"), ("2018-02", "month"), ("2016", "year")])
def test_precision_is_what_was_written(text, precision):
    parsed = dates.parse(text)
    assert parsed.precision == precision
    assert parsed.iso() == text


@pytest.mark.parametrize("text, problem", [
    ("2016-12-26", None), ("2024-02-29", None), ("2018-02", None), ("2016", None),
    ("2023-02-30", "calendar"), ("2023-02-29", "calendar"), ("2018-13", "calendar"), ("2018-00", "calendar"),
    ("2018-04-31", "calendar"), ("2018/02", "format"), ("26-12-2016", "format"), ("2561-2", "format"), ("", "format"),
])
def test_date_problems(text, problem):
    assert dates.date_problem(text) == problem


def test_parse_refuses_an_impossible_date():
    with pytest.raises(ValueError, match="2023-02-30"):
        dates.parse("2023-02-30")


def test_ranges_share_the_month_when_they_can():
    assert ENGLISH.range("2008-03-30", "2008-03-31") == "30–31 March 2008"
    assert THAI.range("2008-03-30", "2008-03-31") == "30–31 มีนาคม 2551"
    assert ENGLISH.range("2005", "2008") == "2005 – 2008"
    assert ENGLISH.range("2016-12-26", None) == "26 December 2016"


def test_sorting_puts_partial_dates_at_their_first_day_and_unknown_last():
    texts = ["unknown", "2018-02", "2016", "2016-12-26", "2004-12"]
    assert sorted(texts, key=dates.sort_key) == ["2004-12", "2016", "2016-12-26", "2018-02", "unknown"]


def test_first_and_last_day_of_a_partial_date():
    assert dates.parse("2018-02").last_day() == date(2018, 2, 28)
    assert dates.parse("2016").first_day() == date(2016, 1, 1)
    assert dates.parse("2016").last_day() == date(2016, 12, 31)


@pytest.mark.parametrize("earlier, later, months", [
    (date(2018, 2, 28), date(2026, 11, 27), 104),
    (date(2025, 11, 27), date(2026, 11, 27), 12),
    (date(2025, 11, 28), date(2026, 11, 27), 11),
    (date(2026, 11, 27), date(2026, 11, 27), 0),
])
def test_months_between(earlier, later, months):
    assert dates.months_between(earlier, later) == months
