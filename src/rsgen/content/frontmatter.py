"""Split a Markdown file into its YAML front matter and its body, keeping line numbers.

python-frontmatter's splitter strips the whitespace around the block and so loses the line
each part starts on; every `PATH:LINE` message depends on those lines, hence this small one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


class FrontMatterMissing(Exception):
    """The file does not start with a `---` line, or the block is never closed."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class SplitFile:
    """The two parts of a content file and the file line each starts on."""

    front_matter: str
    front_matter_line: int
    body: str
    body_line: int


def split_front_matter(text: str) -> SplitFile:
    """Split `---\\nYAML\\n---\\nbody`; raise FrontMatterMissing with a hint when it isn't there."""
    text = text.removeprefix("\ufeff")
    first_newline = text.find("\n")
    first_line = text[: first_newline if first_newline >= 0 else len(text)].rstrip()
    if first_line != "---":
        raise FrontMatterMissing(
            1, "the file must start with a '---' line opening the front matter"
        )
    start = first_newline + 1
    closing = FENCE.search(text, start)
    if closing is None:
        raise FrontMatterMissing(1, "the front matter opened on line 1 is never closed with '---'")
    body_start = text.find("\n", closing.end())
    body_start = len(text) if body_start < 0 else body_start + 1
    return SplitFile(
        front_matter=text[start : closing.start()],
        front_matter_line=2,
        body=text[body_start:],
        body_line=text.count("\n", 0, body_start) + 1,
    )
