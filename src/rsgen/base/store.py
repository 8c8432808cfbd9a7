"""The parse store: each content file's parse, kept between builds in one SQLite file.

A row per file holds its size and mtime, a hash of its text, and what parsing it gave
(`rsgen.content.loading.Parsed`, pickled). A build reads the rows back instead of parsing again, and writes
only the rows of the files it parsed, so a one-file edit costs one row, not the whole store.
A build that follows a few edits reads just the rows it needs (`rsgen.incremental.patch`).

Like every cache entry, the store is stamped with the rsgen version, a format number and the
settings parsing depends on; a store with another stamp is emptied, and a file SQLite cannot
read is deleted and made anew, never trusted.
"""

from __future__ import annotations

import contextlib
import errno
import pickle
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rsgen.base.cache import cache_stamp, ignore_in_git

STORE_FILE = "parsed.sqlite"
Stamp = tuple[int, int]  # size, mtime in ns
Row = tuple[Stamp, str, Any]  # stamp, hash of the text, Parsed


class ParseStore:
    """The stored parses of one site (`root` is its cache folder), for one set of parse
    settings (`key`). With `enabled` false nothing is read back (a clean build), but what is
    parsed is still stored for the next build. With `read_only` (`rsgen check`, which writes
    nothing), rows are read back when the store is there and its stamp matches, and nothing
    is ever written, created or deleted."""

    def __init__(self, root: Path, key: str, enabled: bool = True, read_only: bool = False) -> None:
        self.path = root / STORE_FILE
        self.stamp = f"{cache_stamp()} {key}"
        self.enabled = enabled
        self.read_only = read_only
        self._db: sqlite3.Connection | None = None

    def all(self) -> dict[str, Row]:
        """Every stored row by file (empty when the store is off, missing or stale)."""
        db = self._open()
        if db is None:
            return {}
        return self._read(db.execute("SELECT rel, size, mtime, hash, parsed FROM parsed"))

    def some(self, rels: Iterable[str]) -> dict[str, Row]:
        """The stored rows of these files (those it has)."""
        db = self._open()
        wanted = sorted(set(rels))
        if db is None or not wanted:
            return {}
        found: dict[str, Row] = {}
        for start in range(0, len(wanted), 500):  # SQLite caps the parameters of one query
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT rel, size, mtime, hash, parsed FROM parsed WHERE rel IN ({marks})"
            found.update(self._read(db.execute(query, chunk)))
        return found

    def update(
        self, changed: dict[str, Row], removed: Iterable[str] = (), everything: bool = False
    ) -> None:
        """Store the rows of files parsed anew and forget files that are gone
        (with `everything`, `changed` is the whole site: forget every other row).
        A read-only store keeps nothing."""
        if self.read_only:
            return
        db = self._connect_anyway()
        rows = (  # one at a time: a cold build's 10,000 rows are 100 MB pickled
            (rel, stamp[0], stamp[1], text_hash, pickle.dumps(parsed, pickle.HIGHEST_PROTOCOL))
            for rel, (stamp, text_hash, parsed) in changed.items()
        )
        try:
            with db:
                if everything:
                    db.execute("DELETE FROM parsed")
                db.executemany("INSERT OR REPLACE INTO parsed VALUES (?, ?, ?, ?, ?)", rows)
                db.executemany("DELETE FROM parsed WHERE rel = ?", [(rel,) for rel in removed])
        except sqlite3.OperationalError as err:  # a full disk, a read-only cache folder
            raise OSError(
                errno.EIO, f"cannot write the build cache ({err})", str(self.path)
            ) from None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _read(self, rows: Iterable[tuple[str, int, int, str, bytes]]) -> dict[str, Row]:
        try:
            return {
                rel: ((size, mtime), text_hash, pickle.loads(blob))
                for rel, size, mtime, text_hash, blob in rows
            }
        except Exception:  # a row that does not unpickle: the store is not to be trusted
            if not self.read_only:
                self._discard()
            return {}

    def _open(self) -> sqlite3.Connection | None:
        """The store to read from, if reading is on and there is one."""
        if not self.enabled or (self._db is None and not self.path.is_file()):
            return None
        try:
            return self._connect_anyway()
        except (sqlite3.DatabaseError, OSError):  # nothing to read back: parse anew
            return None

    def _connect_anyway(self) -> sqlite3.Connection:
        if self._db is None and self.read_only:
            self._db = self._connect_read_only()
        if self._db is None:
            try:
                self._db = self._connect()
            except sqlite3.OperationalError as err:  # not a torn file: a full disk, say
                raise OSError(
                    errno.EIO, f"cannot open the build cache ({err})", str(self.path)
                ) from None
            except sqlite3.DatabaseError:
                if self.read_only:
                    raise
                self._discard()
                self._db = self._connect()
        return self._db

    def _connect_read_only(self) -> sqlite3.Connection:
        """The store as it is; a store of another stamp reads as empty (never emptied)."""
        db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            stored = db.execute("SELECT stamp FROM meta").fetchone()
        except sqlite3.DatabaseError:
            stored = None
        if stored is None or stored[0] != self.stamp:
            db.close()
            db = sqlite3.connect(":memory:")
            db.execute(
                "CREATE TABLE parsed (rel TEXT PRIMARY KEY, size INTEGER, "
                "mtime INTEGER, hash TEXT, parsed BLOB)"
            )
        return db

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        ignore_in_git(self.path.parent)
        db = sqlite3.connect(self.path)
        try:
            # a cache: losing the last write to a crash only means parsing a file again
            db.execute("PRAGMA synchronous = OFF")
            # a rollback journal, not WAL: a WAL left by a cold build's 10,000 rows would be
            # copied into the database by the next build, costing it seconds
            db.execute("PRAGMA journal_mode = DELETE")
            db.execute("CREATE TABLE IF NOT EXISTS meta (stamp TEXT)")
            db.execute(
                "CREATE TABLE IF NOT EXISTS parsed (rel TEXT PRIMARY KEY, size INTEGER, "
                "mtime INTEGER, hash TEXT, parsed BLOB)"
            )
            stored = db.execute("SELECT stamp FROM meta").fetchone()
            if stored is None or stored[0] != self.stamp:
                with db:
                    db.execute("DELETE FROM parsed")
                    db.execute("DELETE FROM meta")
                    db.execute("INSERT INTO meta VALUES (?)", (self.stamp,))
        except BaseException:
            db.close()
            raise
        return db

    def _discard(self) -> None:
        self.close()
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{self.path}{suffix}").unlink()
