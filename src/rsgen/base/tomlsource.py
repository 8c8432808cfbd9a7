"""TOML that remembers lines: a document parsed with `tomllib`, its keys found by their lines.

`tomllib` gives values without positions, so `line_of` reads the text itself: a key path
`a, b` is the line `b = …` inside the table `[a]` (or the line `a = { … }` holding it inline).
That covers the front matter sites migrated from Hugo carry; anything it cannot place is
reported on the first line of the block, never on a wrong one further down.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any

from rsgen.base.located import DocumentSyntaxError, Key

TABLE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
ASSIGNMENT = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")
AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")


@dataclass
class TomlDoc:
    """A parsed TOML document, its text, and the file line its first line sits on."""

    data: Any
    text: str
    first_line: int = 1

    def line_of(self, *keys: Key) -> int:
        """The file line of the key at `keys` (the deepest one found; list items: their key)."""
        names = [k for k in keys if isinstance(k, str)]
        found = self.first_line
        table: list[str] = []
        for number, line in enumerate(self.text.split("\n")):
            header = TABLE.match(line)
            if header:
                table = [_unquote(p.strip()) for p in header.group(1).split(".")]
                if names and table == names[: len(table)]:
                    found = self.first_line + number
                continue
            assignment = ASSIGNMENT.match(line)
            if not assignment or not names:
                continue
            path = [*table, _unquote(assignment.group(1))]
            if path == names[: len(path)] and len(path) >= len(table) + 1:
                found = self.first_line + number
                if len(path) == len(names):
                    return found
        return found


def _unquote(name: str) -> str:
    return name[1:-1] if name[:1] in "\"'" and name[-1:] == name[:1] else name


def parse_toml(text: str, first_line: int = 1) -> TomlDoc:
    """Parse one TOML document; raise DocumentSyntaxError (the shared syntax error) with its line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        found = AT_LINE.search(str(err))
        line = first_line + int(found.group(1)) - 1 if found else first_line
        message = AT_LINE.sub("", str(err)).strip()
        raise DocumentSyntaxError(line, f"TOML syntax error: {message}") from None
    return TomlDoc(data=data, text=text, first_line=first_line)
