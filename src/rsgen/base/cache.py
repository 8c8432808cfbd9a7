"""The persistent cache in `SITE/.rsgen-cache/`: what the last build parsed and wrote.

Every entry is stamped with the rsgen version, a format number and a fingerprint of rsgen's
own code (so a changed checkout or reinstall of the same version does not unpickle records of
another shape); an entry that is old, unreadable or of another shape is thrown away, never
trusted. Writes go through a temporary
file and `os.replace`, so a build stopped half way cannot leave a torn cache behind.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from rsgen import __version__
from rsgen.base.digests import digest
from rsgen.base.folders import CACHE_DIR

# 2: bodies carry their links; 3: records carry digests, parses in SQLite; 4: snapshots;
# 5: the package in stage subpackages (records pickled under new module paths)
FORMAT = 5


@functools.cache
def cache_stamp() -> str:
    """Format, version and the size and mtime of every module of rsgen (read once)."""
    package = Path(__file__).resolve().parent.parent  # src/rsgen, with every subpackage
    modules = sorted(package.rglob("*.py"))
    rows = [
        f"{p.relative_to(package).as_posix()}:{p.stat().st_size}:{p.stat().st_mtime_ns}"
        for p in modules
    ]
    return digest(str(FORMAT), __version__, *rows)


# A file whose mtime is newer than this may still change without its mtime moving (coarser
# file systems keep mtimes to 2 s; git's "racily clean" rule): such a file is read again.
RACY_NS = 2_000_000_000

# what a long-lived process (`rsgen serve`) saved, by name: (key, value), to skip unpickling
Memory = dict[str, tuple[str, Any]]


class Cache:
    """Named values kept between builds of one site.

    With `memory`, values this process saved are handed back as they are; they are still
    written to disk, so the next process finds them too. (Saved values are never changed
    afterwards: builds make new ones.)
    """

    def __init__(
        self,
        site: Path,
        enabled: bool = True,
        memory: Memory | None = None,
        read_only: bool = False,
    ) -> None:
        self.root = site / CACHE_DIR
        self.enabled = enabled
        self.memory = memory
        self.read_only = read_only  # read what earlier builds kept; write nothing (rsgen check)

    def load(self, name: str, key: str = "") -> Any | None:
        """The value stored under `name` for `key`, or None (missing, stale or corrupt)."""
        if not self.enabled:
            return None
        if self.memory is not None and name in self.memory:
            stored_key, value = self.memory[name]
            return value if stored_key == key else None
        try:
            with open(self.root / f"{name}.pickle", "rb") as handle:
                stamp, stored_key, value = pickle.load(handle)
        except Exception:  # a torn or foreign file is simply not a cache hit
            return None
        return value if stamp == cache_stamp() and stored_key == key else None

    def in_memory(self, name: str) -> bool:
        """Whether `name` was saved by this process (and so is loaded without reading)."""
        return self.enabled and self.memory is not None and name in self.memory

    def save(self, name: str, value: Any, key: str = "") -> None:
        """Store `value` under `name` for `key`, atomically (a read-only cache keeps nothing)."""
        if self.read_only:
            return
        if self.memory is not None:
            self.memory.pop(name, None)  # until the file is written: a failed save forgets
        self.root.mkdir(parents=True, exist_ok=True)
        ignore_in_git(self.root)
        handle, temp = tempfile.mkstemp(prefix=f".{name}.", dir=self.root)
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump((cache_stamp(), key, value), out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, self.root / f"{name}.pickle")
            if self.memory is not None:
                self.memory[name] = (key, value)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
            raise

    def stored(self, name: str) -> bool:
        """Whether anything is stored under `name`, current or not, cache on or off."""
        in_memory = self.memory is not None and name in self.memory
        return in_memory or (self.root / f"{name}.pickle").is_file()

    def forget(self, name: str) -> None:
        """Remove what is stored under `name` (even with the cache off: it would be stale)."""
        if self.memory is not None:
            self.memory.pop(name, None)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.root / f"{name}.pickle")


def ignore_in_git(folder: Path) -> None:
    """A `.gitignore` that keeps the cache folder out of the site's repository."""
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n")


def output_key(output: Path) -> str:
    """The cache name of an output folder's manifest."""
    return "output-" + digest(str(output.resolve()))
