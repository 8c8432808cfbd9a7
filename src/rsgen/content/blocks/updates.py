"""Live-blog updates: the time a `::: update TIME` block names, and the anchor it gets.

The time is an ISO 8601 date and time (`2026-07-06T14:05:00-04:00`, or without an offset
in the site's time zone). Its anchor is the time in the site's zone, to the minute:
`update-2026-07-06t1405` (two updates in one minute get `-2`, `-3`…), so a link to an
update keeps working when later updates push it down the page.
"""

from __future__ import annotations

import datetime as dt

from rsgen.base.dates import moment_of, year_problem

EXAMPLE = "2026-07-06T14:05:00-04:00"


class BadTime(ValueError):
    """Why a block's time is not usable, in words for the writer."""


def parse_update_time(text: str, zone: dt.tzinfo) -> dt.datetime:
    """An update's time, aware; BadTime when it is missing, not a time, or only a date."""
    text = text.strip()
    if not text:
        raise BadTime("the update block needs its time")
    moment = moment_of(text, zone)
    if moment is None:
        raise BadTime(f"'{_short(text)}' is not a date and time")
    if moment.date_only:
        raise BadTime(f"'{text}' has no time of day")
    wrong_year = year_problem(moment.when)
    if wrong_year:
        raise BadTime(f"'{_short(text)}' {wrong_year}")
    return moment.when


def anchor_of(when: dt.datetime, zone: dt.tzinfo) -> str:
    """`update-2026-07-06t1405`: the time in the site's zone, to the minute."""
    local = when.astimezone(zone)
    return f"update-{local:%Y-%m-%d}t{local:%H%M}"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
