"""What one item's conversion could not do, gathered while its body and fields are converted.

Each converting function appends a note; the same note twice is counted, not repeated, so one
post with twelve galleries gives one readable line in the report.
"""

from __future__ import annotations


class Notes:
    """Notes on one item, in the order first seen, each with how often it happened."""

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}

    def add(self, message: str) -> None:
        """Record that something was removed, replaced or guessed."""
        self._counts[message] = self._counts.get(message, 0) + 1

    def __bool__(self) -> bool:
        return bool(self._counts)

    def lines(self) -> list[str]:
        """Each note once, with "(N times)" when it happened more than once."""
        return [m if n == 1 else f"{m} ({n} times)" for m, n in self._counts.items()]

    def text(self) -> str:
        return "; ".join(self.lines())
