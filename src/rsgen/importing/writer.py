"""Writing the imported files so that importing again is safe.

The import keeps a record, `.rsgen-import.json` at the site's root, of the SHA-256 of every file
it wrote. On the next import a file is:

- written when it is new, or when it is still exactly what the last import wrote;
- left alone ("unchanged") when its bytes are already the ones to write;
- kept, and reported, when it was edited since (its hash is not the recorded one) or was never
  written by the import, unless `--force`;
- removed when the last import wrote it, this one does not (the post became private, was
  deleted...), and nobody edited it since.

Every path is checked to stay inside the site before anything is written; files are replaced
atomically (a temporary file renamed over the old one).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from enum import Enum
from pathlib import Path, PurePosixPath

RECORD = ".rsgen-import.json"


class Outcome(Enum):
    WRITTEN = "written"
    UNCHANGED = "unchanged"
    KEPT = "kept"


class UnsafePath(Exception):
    """A path that would leave the site folder (a bug upstream: paths are made safe first)."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class SiteWriter:
    """Writes files under one site folder and keeps the record of what the import wrote."""

    def __init__(self, site: Path, force: bool) -> None:
        self.site = site
        self.root = site.resolve()
        self.force = force
        self.previous = self._load_record()
        self.record: dict[str, str] = {}
        self.counts: dict[str, int] = {"written": 0, "unchanged": 0, "kept": 0, "removed": 0}

    def _load_record(self) -> dict[str, str]:
        try:
            data = json.loads((self.site / RECORD).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        files = data.get("files") if isinstance(data, dict) else None
        return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}

    def path(self, rel: str) -> Path:
        """The absolute path of `rel`, refusing anything outside the site."""
        parts = PurePosixPath(rel).parts
        if not parts or rel.startswith("/") or any(p in ("..", ".", "") for p in parts):
            raise UnsafePath(rel)
        target = self.site.joinpath(*parts)
        if not target.resolve().is_relative_to(self.root):
            raise UnsafePath(rel)
        return target

    def write(self, rel: str, data: bytes) -> Outcome:
        """Write one file unless that would lose an edit; say what happened."""
        target = self.path(rel)
        new_hash = sha256(data)
        try:
            current = sha256(target.read_bytes())
        except FileNotFoundError:
            current = ""
        if current == new_hash:
            self.record[rel] = new_hash
            self.counts["unchanged"] += 1
            return Outcome.UNCHANGED
        if current and current != self.previous.get(rel) and not self.force:
            if rel in self.previous:
                self.record[rel] = self.previous[rel]  # still ours to update once reverted
            self.counts["kept"] += 1
            return Outcome.KEPT
        target.parent.mkdir(parents=True, exist_ok=True)
        _replace(target, data)
        self.record[rel] = new_hash
        self.counts["written"] += 1
        return Outcome.WRITTEN

    def finish(self) -> tuple[list[str], list[str]]:
        """Remove what the last import wrote and this one did not; save the record.

        Returns (removed, kept) paths: kept ones were edited since, so they stay.
        """
        removed, kept = [], []
        for rel, recorded in sorted(self.previous.items()):
            if rel in self.record:
                continue
            try:
                target = self.path(rel)
                current = sha256(target.read_bytes())
            except (FileNotFoundError, UnsafePath):
                continue
            if current == recorded:
                target.unlink()
                removed.append(rel)
            else:
                kept.append(rel)
        self.counts["removed"] = len(removed)
        record = {"files": dict(sorted(self.record.items()))}
        _replace(self.site / RECORD, (json.dumps(record, indent=1) + "\n").encode())
        return removed, kept


def _replace(target: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".rsgen-import-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; content files are shared
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
