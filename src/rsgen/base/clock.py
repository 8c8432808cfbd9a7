"""The build clock: what "now" is for a build, so that the same input and clock give the same output."""

from __future__ import annotations

import datetime as dt
import os


def clock(now: dt.datetime | None = None) -> dt.datetime:
    """An explicit time (naive means UTC), else SOURCE_DATE_EPOCH, else the system clock."""
    if now is not None:
        return now if now.tzinfo else now.replace(tzinfo=dt.UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
