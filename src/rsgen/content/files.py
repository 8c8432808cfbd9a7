"""Finding and reading a site's content files: a stable order, one line end, UTF-8 checked.

Nothing outside the site is read: a source folder that is a symbolic link is an error, a
content file that is a symbolic link leading out of the site is an error (`PATH:1`), and a
symbolic link under static/ is not copied (a warning).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from rsgen.base.errors import Problems
from rsgen.base.folders import SOURCE_FOLDERS, STATIC_DIR, leaves_site
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


def check_source_folders(site: Path, problems: Problems) -> None:
    """Each source folder is a folder of the site, not a symbolic link to one elsewhere."""
    for folder in SOURCE_FOLDERS:
        if (site / folder).is_symlink():
            problems.error(
                folder,
                0,
                "the folder is a symbolic link; rsgen reads only folders inside the site",
                "move or copy the files into the site",
            )


def read_source(site: Path, path: Path, problems: Problems) -> str | None:
    """A file's text with `\\n` line ends, or None with a problem when it cannot be read."""
    rel = path.relative_to(site).as_posix()
    if path.is_symlink() and leaves_site(site, path):
        problems.error(
            rel,
            1,
            "the file is a symbolic link to a file outside the site",
            "move or copy the file into the site",
        )
        return None
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


def static_files(site: Path, problems: Problems | None = None) -> frozenset[str]:
    """Paths of every file under static/, relative to it (these are copied to the output root).

    Symbolic links are not copied (with a warning in `problems`): a link to a file elsewhere
    on the machine must not be published.
    """
    root = site / STATIC_DIR
    if not root.is_dir() or root.is_symlink():
        return frozenset()
    found: set[str] = set()
    for path in root.rglob("*"):
        if path.is_symlink():
            if problems is not None:
                problems.warn(
                    f"{STATIC_DIR}/{path.relative_to(root).as_posix()}",
                    0,
                    "a symbolic link is not copied",
                    "put the file itself under static/",
                )
        elif path.is_file():
            found.add(path.relative_to(root).as_posix())
    return frozenset(found)


def line_locator(site: Path) -> Callable[..., int]:
    """Finds the front-matter line of a key path in a content file, reading it only when asked."""

    def locate(source: str, *keys: str | int) -> int:
        text = read_source(site, site / source, Problems())
        if text is None:
            return 1
        return parse_front_matter(split_front_matter(text)).line_of(*keys)

    return locate
