"""Documents that know the file line of every key: what YAML and TOML sources share.

Checks (`base.schema`) and messages only need `data` and `line_of(*keys)`, whatever the format
the writer used, so a problem is always reported as `PATH:LINE`.
"""

from __future__ import annotations

from typing import Any, Protocol

Key = str | int  # a mapping key, or a list index


class LocatedDoc(Protocol):
    """A parsed document: its data, and the file line of the value at a key path."""

    data: Any

    def line_of(self, *keys: Key) -> int: ...


class DocumentSyntaxError(Exception):
    """A document that does not parse; `line` is 1-based within the file."""

    def __init__(self, line: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint
