"""What a preview request may reach: its Host, its path's segments, the file it names.

Pure functions of the request and the output folder, so that `server.py` stays the HTTP
plumbing. A request is answered only when its `Host` names the server itself (DNS
rebinding), its path cannot leave the output folder (every encoded or doubled trick is
refused), and its depth is that of a page (a path of thousands of segments gets 414).
"""

from __future__ import annotations

import re
import socket
from pathlib import Path
from urllib.parse import unquote, urlsplit

from rsgen.publish import content_type as type_of_output

MAX_SEGMENTS = 64  # far deeper than any page; a longer path is answered 414
LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
EVERY_ADDRESS = frozenset({"0.0.0.0", "::", ""})


_BAD_ESCAPES = re.compile(r"%(?:2f|5c|00)", re.IGNORECASE)


def request_parts(target: str) -> list[str] | None:
    """The decoded segments of a request path; None for anything that could leave the root.

    Refused: no leading `/`, `//`, `.` and `..` segments (raw or percent-encoded), encoded `/`
    or `\\`, backslashes, NUL, invalid UTF-8. Only the last segment may be empty (`/a/b/`).
    """
    if not target.startswith("/") or "\\" in target or "\x00" in target:
        return None
    if _BAD_ESCAPES.search(target):
        return None
    try:
        decoded = unquote(target, errors="strict")
    except UnicodeDecodeError:
        return None
    if "\x00" in decoded or "\\" in decoded:
        return None
    parts = decoded[1:].split("/")
    if any(p in ("", ".", "..") for p in parts[:-1]) or parts[-1] in (".", ".."):
        return None
    return parts


def host_allowed(header: str | None, listening: str, port: int) -> bool:
    """Whether a request's `Host` names this server: its address (any IP address when it
    listens on all of them) or localhost, with its port. A name that DNS rebinding could
    point here (`evil.example:8000`) is refused."""
    if not header:
        return False
    try:
        parts = urlsplit(f"//{header}")
        name, given_port = parts.hostname, parts.port or 80
    except ValueError:  # a port that is not a number
        return False
    if name is None or given_port != port:
        return False
    if name in LOCAL_NAMES or name == listening.lower().strip("[]"):
        return True
    return listening in EVERY_ADDRESS and _is_ip_address(name)


def _is_ip_address(name: str) -> bool:
    for family in (socket.AF_INET, socket.AF_INET6):
        try:
            socket.inet_pton(family, name)
            return True
        except OSError:
            continue
    return False


def locate(root: Path, parts: list[str]) -> tuple[str, Path | None]:
    """("file", path), ("redirect", None) for a folder without its slash, or ("missing", None)."""
    try:
        return _locate(root, parts)
    except OSError:  # a name too long for the file system, say: there is no such file
        return "missing", None


def _locate(root: Path, parts: list[str]) -> tuple[str, Path | None]:
    trailing = parts[-1] == ""
    candidate = root.joinpath(*(parts[:-1] if trailing else parts))
    if candidate.is_dir():
        if not trailing:
            return "redirect", None
        candidate = candidate / "index.html"
    elif trailing:
        return "missing", None
    if not candidate.is_file() or not is_inside(root, candidate):
        return "missing", None
    return "file", candidate


def is_inside(root: Path, path: Path) -> bool:
    """True when `path`, with every symlink followed, is below `root`."""
    return path.resolve().is_relative_to(root.resolve())


def content_type(path: Path) -> str:
    """The Content-Type a file is served with: the one a deploy gives it (one policy)."""
    return type_of_output(path.name)
