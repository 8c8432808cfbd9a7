"""The persistent cache in `SITE/.rsgen-cache/`: what the last build parsed and wrote.

Every entry is stamped with the rsgen version and a format number; an entry that is old,
unreadable or of another shape is thrown away, never trusted. Writes go through a temporary
file and `os.replace`, so a build stopped half way cannot leave a torn cache behind.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from . import __version__
from .digests import digest

CACHE_DIR = ".rsgen-cache"
FORMAT = 3  # 2: bodies carry their links; 3: records carry their digests, parses in SQLite


class Cache:
    """Named values kept between builds of one site."""

    def __init__(self, site: Path, enabled: bool = True) -> None:
        self.root = site / CACHE_DIR
        self.enabled = enabled

    def load(self, name: str, key: str = "") -> Any | None:
        """The value stored under `name` for `key`, or None (missing, stale or corrupt)."""
        if not self.enabled:
            return None
        try:
            with open(self.root / f"{name}.pickle", "rb") as handle:
                stamp, stored_key, value = pickle.load(handle)
        except Exception:  # a torn or foreign file is simply not a cache hit
            return None
        return value if stamp == (FORMAT, __version__) and stored_key == key else None

    def save(self, name: str, value: Any, key: str = "") -> None:
        """Store `value` under `name` for `key`, atomically."""
        self.root.mkdir(parents=True, exist_ok=True)
        ignore_in_git(self.root)
        handle, temp = tempfile.mkstemp(prefix=f".{name}.", dir=self.root)
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(
                    ((FORMAT, __version__), key, value), out, protocol=pickle.HIGHEST_PROTOCOL
                )
            os.replace(temp, self.root / f"{name}.pickle")
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
            raise


def ignore_in_git(folder: Path) -> None:
    """A `.gitignore` that keeps the cache folder out of the site's repository."""
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n")


def output_key(output: Path) -> str:
    """The cache name of an output folder's manifest."""
    return "output-" + digest(str(output.resolve()))
