"""Partial dates (a day, a month or a year) and how each language writes them.

Data files hold ISO text at its own precision: `2016-12-26`, `2018-02`, `2016`,
or `unknown`. A language writes them by its `Calendar` (labels/<lang>.yml, `locale`): Thai pages
show Buddhist-Era years with Thai month names, English pages Common-Era years. Month names come
from Babel's locale data.

The build's "today" is `build_date()`: every date worked out against today uses it.
"""
import calendar
import os
import re
from datetime import date as _date
from datetime import datetime, timedelta, timezone
from typing import NamedTuple

from babel.dates import get_month_names

UNKNOWN = "unknown"
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# Thailand's time, Asia/Bangkok: UTC+7 all year (no daylight saving since 1920), as in the Lao PDR
THAILAND = timezone(timedelta(hours=7), "Asia/Bangkok")


def build_date(environ=os.environ) -> _date:
    """The day the site is built for: SOURCE_DATE_EPOCH's day in Thailand when it is set (a
    reproducible build, the tests, the site diff), else today in Thailand."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return datetime.now(THAILAND).date()
    try:
        return datetime.fromtimestamp(int(epoch), THAILAND).date()
    except (ValueError, OverflowError) as error:
        raise ValueError(f"SOURCE_DATE_EPOCH={epoch!r} is not a time in seconds since 1970") from error


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


class Calendar(NamedTuple):
    """How one language writes dates: its month names (Babel's, for its locale) and years counted
    `year_offset` years ahead of the Common Era (543 on Thai pages: the Buddhist Era)."""

    months: tuple  # "" then the twelve months' names
    year_offset: int = 0

    @classmethod
    def of(cls, locale: str, year_offset: int = 0) -> "Calendar":
        names = get_month_names("wide", locale=locale)
        return cls(("", *(names[m] for m in range(1, 13))), year_offset)

    def year(self, year: int) -> str:
        return str(year + self.year_offset)

    def date(self, text) -> str:
        """A known date in words at exactly its own precision (`unknown` is the caller's to word)."""
        when = parse(text)
        return " ".join(w for w in (str(when.day or ""), self.months[when.month or 0], self.year(when.year)) if w)

    def range(self, start, end) -> str:
        """Two dates as one span; `30–31 March 2008` when only the day differs."""
        if is_unknown(end) or end == start:
            return self.date(start)
        first, last = parse(start), parse(end)
        if first.day and last.day and first[:2] == last[:2]:
            return f"{first.day}–{self.date(end)}"
        return f"{self.date(start)} – {self.date(end)}"


def sort_key(text) -> tuple:
    """Order dates by their earliest day; unknown dates go last."""
    if is_unknown(text):
        return (1, _date.max)
    return (0, parse(text).first_day())


def months_between(earlier: _date, later: _date) -> int:
    """Whole calendar months from `earlier` to `later` (negative if reversed)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


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


def dates_ahead(agreements, today: _date) -> list:
    """[(ISO day, agreement, kind)] of the days after today that follow from the agreements'
    reported terms (term_ends: computed, never reported), soonest first."""
    return sorted(((day, a, kind) for a in agreements for kind, day in term_ends(a)
                   if _date.fromisoformat(day) > today), key=lambda ahead: ahead[0])
