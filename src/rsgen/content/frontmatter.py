"""Front matter: a content file split into its metadata block and its body, lines kept.

python-frontmatter detects the format by the opening fence and splits the file: YAML between
`---` lines (what rsgen writes), TOML between `+++` lines, or a JSON object `{ … }` (both
used by sites migrated from Hugo). Its loaders return values without positions, and every
`PATH:LINE` message needs them, so each block is parsed here with the line each part starts
on: YAML and JSON (a JSON object is a YAML flow mapping) by `base.yamlsource`, which knows the
line of every node and refuses repeated keys; TOML by `base.tomlsource`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import frontmatter
from frontmatter.default_handlers import BaseHandler, JSONHandler, YAMLHandler

from rsgen.base.located import LocatedDoc
from rsgen.base.tomlsource import parse_toml
from rsgen.base.yamlsource import parse_yaml

# python-frontmatter's own TOML handler needs the `toml` package; the fence is all we need
TOML = BaseHandler(re.compile(r"^\+{3,}\s*$", re.MULTILINE), "+++", "+++")
HANDLERS = (YAMLHandler(), TOML, JSONHandler())
FENCES = {id(HANDLERS[0]): "---", id(TOML): "+++", id(HANDLERS[2]): "}"}


class FrontMatterMissing(Exception):
    """The file does not start with front matter, or the block is never closed."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class SplitFile:
    """The two parts of a content file, the file line each starts on, and the block's format."""

    front_matter: str
    front_matter_line: int
    body: str
    body_line: int
    format: str = "yaml"  # or "toml", "json"


def split_front_matter(text: str) -> SplitFile:
    """Split a content file; raise FrontMatterMissing, with its line, when there is none."""
    text = text.removeprefix("\ufeff")
    handler = frontmatter.detect_format(text, HANDLERS)
    if handler is None:
        raise FrontMatterMissing(
            1, "the file must start with a '---' line opening the front matter"
        )
    fence = FENCES[id(handler)]
    try:
        block, _ = handler.split(text)
    except ValueError:  # no closing fence: the split finds fewer than three parts
        raise FrontMatterMissing(
            1, f"the front matter opened on line 1 is never closed with '{fence}'"
        ) from None
    # where the parts start, for their lines: the block right after the opening fence (whose
    # pattern may take blank lines with it), the body on the line after the closing fence
    boundary = handler.FM_BOUNDARY
    assert boundary is not None
    opening = boundary.match(text)
    assert opening is not None
    if isinstance(handler, JSONHandler):  # the block is the object, braces included
        block_start, closing = 0, len(block) - 1
    else:
        block_start = opening.end()
        closing = block_start + len(block)
    line_end = text.find("\n", closing)
    body_start = len(text) if line_end < 0 else line_end + 1
    return SplitFile(
        front_matter=block,
        front_matter_line=text.count("\n", 0, block_start) + 1,
        body=text[body_start:],
        body_line=text.count("\n", 0, body_start) + 1,
        format={"---": "yaml", "+++": "toml"}.get(fence, "json"),
    )


def parse_front_matter(split: SplitFile) -> LocatedDoc:
    """The block's data, with the file line of every key; DocumentSyntaxError when it does
    not parse."""
    if split.format == "toml":
        return parse_toml(split.front_matter, split.front_matter_line)
    return parse_yaml(split.front_matter, split.front_matter_line)
