"""Partial dates (a day, a month or a year) and how each language writes them.

Data files hold ISO text at its own precision: `2016-12-26`, `2018-02`, `2016`,
or `unknown`. Thai pages show Buddhist-Era years with Thai month names; English
pages show Common-Era years. Month names come from Babel's locale data.
"""
import calendar
import re
from datetime import date as _date
from functools import cache
from typing import NamedTuple

from babel.dates import get_month_names

UNKNOWN = "unknown"
BUDDHIST_ERA_OFFSET = 543
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_UNKNOWN_TEXT = {"th": "ไม่ทราบ", "en": "Unknown"}


class PartialDate(NamedTuple):
    """A date known to the year, the month or the day (month and day may be None)."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        parts = [f"{self.year:04d}", self.month and f"{self.month:02d}", self.day and f"{self.day:02d}"]
        return "-".join(p for p in parts if p)

    def first_day(self) -> _date:
        """The earliest calendar day this date can mean (for sorting and age)."""
        return _date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> _date:
        """The latest calendar day this date can mean (for 'confirmed since' checks)."""
        month = self.month or 12
        return _date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])


def date_problem(text) -> str | None:
    """Why `text` is not a usable date ('format' or 'calendar'), or None if it is one."""
    match = _ISO.match(str(text))
    if not match:
        return "format"
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        return "calendar"
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return "calendar"
    return None


def parse(text) -> PartialDate:
    """Read `2016-12-26`, `2018-02` or `2016`; raise ValueError on anything else."""
    if date_problem(text):
        raise ValueError(f"not a date: {text!r}")
    year, month, day = (int(g) if g else None for g in _ISO.match(str(text)).groups())
    return PartialDate(year, month, day)


def is_unknown(text) -> bool:
    return text is None or str(text) == UNKNOWN


@cache  # a large table shows the same few dates thousands of times
def format_date(text, lang: str) -> str:
    """The date in words at exactly its own precision, or 'unknown' in that language."""
    if is_unknown(text):
        return _UNKNOWN_TEXT[lang]
    when = parse(text)
    year = when.year + BUDDHIST_ERA_OFFSET if lang == "th" else when.year
    words = [str(when.day) if when.day else "", _month_name(when.month, lang), str(year)]
    return " ".join(w for w in words if w)


def format_range(start, end, lang: str) -> str:
    """Two dates as one span; `30–31 March 2008` when only the day differs."""
    if is_unknown(end) or end == start:
        return format_date(start, lang)
    first, last = parse(start), parse(end)
    if first.day and last.day and first[:2] == last[:2]:
        return f"{first.day}–{format_date(end, lang)}"
    return f"{format_date(start, lang)} – {format_date(end, lang)}"


def sort_key(text) -> tuple:
    """Order dates by their earliest day; unknown dates go last."""
    if is_unknown(text):
        return (1, _date.max)
    return (0, parse(text).first_day())


def months_between(earlier: _date, later: _date) -> int:
    """Whole calendar months from `earlier` to `later` (negative if reversed)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


@cache  # Babel looks the locale up on every call; a large table formats thousands of dates
def _month_name(month: int | None, lang: str) -> str:
    return get_month_names("wide", locale=lang)[month] if month else ""


def add_years(text, years: int) -> str:
    """The day `years` years after a day given as `2022-11-07` (29 February falls to the 28th).

    For dates computed from a reported term; the result is the site's arithmetic, never a
    reported fact, and is shown as computed.
    """
    when = parse(text)
    if when.precision != "day":
        raise ValueError(f"a term is counted from a known day, not {text!r}")
    year = when.year + years
    day = min(when.day, calendar.monthrange(year, when.month)[1])
    return _date(year, when.month, day).isoformat()


def term_ends(agreement: dict) -> list:
    """[(kind, ISO day)] that follow from an agreement's reported signing date and term: ("first",
    the end of the first term) and, with a reported extension, ("extended", its end). Empty when
    the term is unknown or the signing is not known to the day. Computed, never reported: shown
    labelled as such."""
    signed, years, more = agreement.get("signed"), agreement.get("term_years"), agreement.get("extension_years")
    if not isinstance(years, int) or is_unknown(signed) or parse(signed).precision != "day":
        return []
    ends = [("first", add_years(signed, years))]
    if isinstance(more, int):
        ends.append(("extended", add_years(signed, years + more)))
    return ends
