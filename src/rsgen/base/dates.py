"""Dates and times as writers type them: one rule for articles, live updates and pins.

A value is a YAML date or datetime, or ISO 8601 text ("2026-07-06", "2026-07-06T10:30:00-04:00").
A date alone means midnight at the start of that day, and a time written without an offset is
in the site's time zone. Years outside `YEARS` are typing mistakes (0226 for 2026) and would
not convert to UTC, so they are refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

YEARS = range(1800, 3000)
DATE_LENGTH = len("2026-07-06")


@dataclass(frozen=True)
class Moment:
    """An aware point in time, and whether the writer gave only a date."""

    when: dt.datetime
    date_only: bool


def parse_date_text(text: str) -> dt.date | dt.datetime | None:
    """ISO text as YAML would have read it unquoted: a date, a datetime, or None."""
    text = text.strip()
    try:
        if len(text) <= DATE_LENGTH:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def moment_of(value: object, zone: dt.tzinfo) -> Moment | None:
    """A date, datetime or ISO text as an aware moment in `zone`; None when it is none of them.

    The year is not checked here: see `year_problem`.
    """
    if isinstance(value, str):
        value = parse_date_text(value)
    if isinstance(value, dt.datetime):
        return Moment(value if value.tzinfo is not None else value.replace(tzinfo=zone), False)
    if isinstance(value, dt.date):
        return Moment(dt.datetime(value.year, value.month, value.day, tzinfo=zone), True)
    return None


def year_problem(when: dt.date) -> str:
    """What is wrong with the year of `when`, or "" when it is a plausible one."""
    if when.year in YEARS:
        return ""
    return f"is in the year {when.year}"


def year_hint() -> str:
    return f"write a year from {YEARS.start} to {YEARS.stop - 1}"
