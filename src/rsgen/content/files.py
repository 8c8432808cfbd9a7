"""Finding and reading a site's content files: a stable order, one line end, UTF-8 checked."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from rsgen.base.errors import Problems
from rsgen.base.folders import STATIC_DIR
from rsgen.content.frontmatter import parse_front_matter, split_front_matter

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NEWLINES = re.compile(r"\r\n?")


def content_files(site: Path, folder: str) -> Iterator[Path]:
    """The Markdown files under one content folder, in a stable order."""
    found: list[str] = []
    for parent, _, names in os.walk(site / folder):
        found += [os.path.join(parent, n) for n in names if n.endswith(".md")]
    for name in sorted(found, key=lambda n: n.split(os.sep)):  # as paths sort: part by part
        if os.path.isfile(name):
            yield Path(name)


def read_source(site: Path, path: Path, problems: Problems) -> str | None:
    """A file's text with `\\n` line ends, or None with a problem when it cannot be read."""
    rel = path.relative_to(site).as_posix()
    try:
        data = path.read_bytes()
    except OSError as err:
        problems.error(rel, 0, f"cannot read the file ({err.strerror or err})")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        problems.error(
            rel, line, f"not UTF-8 text (byte 0x{data[err.start]:02x})", "save the file as UTF-8"
        )
        return None
    # one line end everywhere, so YAML, Markdown and messages count lines alike; control
    # characters (a pasted vertical tab or NUL) are invalid in HTML and XML
    return CONTROL_CHARACTERS.sub("", NEWLINES.sub("\n", text))


def static_files(site: Path) -> frozenset[str]:
    """Paths of every file under static/, relative to it (these are copied to the output root)."""
    root = site / STATIC_DIR
    if not root.is_dir():
        return frozenset()
    return frozenset(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and not p.is_symlink()
    )


def line_locator(site: Path) -> Callable[..., int]:
    """Finds the front-matter line of a key path in a content file, reading it only when asked."""

    def locate(source: str, *keys: str | int) -> int:
        text = read_source(site, site / source, Problems())
        if text is None:
            return 1
        return parse_front_matter(split_front_matter(text)).line_of(*keys)

    return locate
