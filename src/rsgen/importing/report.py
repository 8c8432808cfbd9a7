"""The import's report: one line per item skipped or partly converted, then a summary.

Lines read `EXPORT.xml:LINE: message`, LINE being the line of the item's `<item>` tag, and come
out in file order whichever pass found them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Report:
    """What one import did, gathered as it goes."""

    export: str
    lines: list[tuple[int, str]] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    other_types: Counter[str] = field(default_factory=Counter)
    written: Counter[str] = field(
        default_factory=Counter
    )  # posts, drafts, scheduled, pages, authors, aliases

    def note(self, line: int, message: str) -> None:
        """An item only partly converted, or a file kept or removed."""
        self.lines.append((line, message))

    def skip(self, line: int, reason: str, message: str) -> None:
        """An item not imported, counted under `reason`."""
        self.skipped[reason] += 1
        self.lines.append((line, message))

    def formatted(self) -> list[str]:
        """The item lines, `EXPORT:LINE: message`, in file order."""
        return [
            f"{self.export}:{line}: {message}" if line else f"{self.export}: {message}"
            for line, message in sorted(self.lines, key=lambda lm: lm[0])
        ]

    def summary(self, files: dict[str, int]) -> list[str]:
        """The closing lines: what was imported, what the files did, what was skipped."""
        w = self.written
        lines = [
            f"imported {w['posts']} posts ({w['drafts']} drafts, {w['scheduled']} scheduled), "
            f"{w['pages']} pages, {w['authors']} authors, {w['aliases']} aliases",
            f"files: {files.get('written', 0)} written, {files.get('unchanged', 0)} unchanged, "
            f"{files.get('kept', 0)} kept (edited since the last import), "
            f"{files.get('removed', 0)} removed",
        ]
        if self.skipped:
            reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(self.skipped.items()))
            lines.append(f"skipped: {reasons}")
        if self.other_types:
            others = ", ".join(f"{n} {kind}" for kind, n in sorted(self.other_types.items()))
            lines.append(f"not content: {others}")
        return lines
