"""What rendering one body gathers besides its HTML: slots, live updates and problems.

A `BodyState` lives for one `md.parse` (it travels in markdown-it's `env`), so the parser
itself stays shared and stateless between bodies and worker processes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from rsgen.base.errors import Problems
from rsgen.content.model import Slot, Update

ENV_KEY = "rsgen"


@dataclass
class BodyState:
    """One body's parse: where it is (file and first line), what it found, what went wrong."""

    md: MarkdownIt
    zone: dt.tzinfo
    source: str = ""
    first_line: int = 1
    problems: Problems = field(default_factory=Problems)
    blocks: bool = True  # False for author bios: plain Markdown, no blocks, embeds or figures
    slots: list[Slot] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    updates_placed: bool = False
    env: MutableMapping[str, Any] = field(
        default_factory=dict
    )  # markdown-it's, for inner rendering
    _titles: set[str] = field(default_factory=set)
    _ids: set[str] = field(default_factory=set)

    def line_of(self, token: Token) -> int:
        """The file line a block token starts on."""
        return self.first_line + (token.map[0] if token.map else 0)

    def error(self, token: Token, message: str, hint: str = "") -> None:
        """Record a problem at the file line of `token`."""
        self.problems.error(self.source, self.line_of(token), message, hint)

    def slot(self, slot: Slot, where: Token, children: list[Token] | None = None) -> Token:
        """A token (at the place of `where`) that renders as the marker of a new slot."""
        token = Token("rsgen_slot", "", 0)
        token.block = True
        token.level = where.level
        token.map = where.map
        token.content = f"\x00{len(self.slots)}\x00\n"
        token.children = children
        self.slots.append(slot)
        return token

    def unique_title(self, title: str) -> str:
        """Frame titles must differ on one page (a reader picks a frame by its title)."""
        return _first_unused(self._titles, title, "{} ({})")

    def unique_id(self, wanted: str) -> str:
        """`wanted`, or `wanted-2`, `-3`…: an id no other element of the body has."""
        return _first_unused(self._ids, wanted, "{}-{}")

    def render(self, tokens: Sequence[Token]) -> str:
        """HTML of some of the body's tokens (a block's inside)."""
        return str(self.md.renderer.render(list(tokens), self.md.options, self.env))


def state_of(env: MutableMapping[str, Any]) -> BodyState | None:
    """The state a parse carries in markdown-it's env (None for a parse without one)."""
    found = env.get(ENV_KEY)
    return found if isinstance(found, BodyState) else None


def plain_text(tokens: Sequence[Token]) -> str:
    """The words of some block tokens, without markup (for titles and structured data)."""
    parts: list[str] = []
    for token in tokens:
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
        if token.type == "paragraph_close":
            parts.append(" ")
    return " ".join("".join(parts).split())


def _first_unused(taken: set[str], wanted: str, numbered: str) -> str:
    """`wanted`, or `numbered` with 2, 3…: the first not in `taken`, which it joins."""
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = numbered.format(wanted, n)
    taken.add(candidate)
    return candidate
