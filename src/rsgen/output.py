"""Writing the output: into a staging folder beside it, swapped in only when everything is there.

A failed or interrupted build removes its staging folder and leaves the previous output as it
was. No path is written twice, and none outside the staging folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath


class UnsafeOutputPath(ValueError):
    """A path that would land outside the output folder, or one already written."""


class StagedOutput:
    """Collects a build's files in a temporary folder next to `target`; `commit()` swaps it in."""

    def __init__(self, target: Path) -> None:
        self.target = target.resolve()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(
            tempfile.mkdtemp(prefix=f".{self.target.name}.rsgen-tmp-", dir=self.target.parent)
        )
        self.written: set[str] = set()
        self._dirs: set[Path] = {self.staging}

    def path_for(self, rel: str) -> Path:
        """The staging path of `rel`, refusing anything that could escape or repeat."""
        pure = PurePosixPath(rel)
        if (
            pure.is_absolute()
            or not pure.parts
            or any(p in ("..", ".", "") for p in pure.parts)
            or "\\" in rel
        ):
            raise UnsafeOutputPath(f"refusing to write outside the output folder: {rel!r}")
        if rel in self.written:
            raise UnsafeOutputPath(f"two outputs want the same file: {rel}")
        self.written.add(rel)
        path = self.staging.joinpath(*pure.parts)
        if path.parent not in self._dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(path.parent)
        return path

    def write_text(self, rel: str, text: str) -> None:
        self.path_for(rel).write_bytes(text.encode("utf-8"))

    def write_bytes(self, rel: str, data: bytes) -> None:
        self.path_for(rel).write_bytes(data)

    def copy_file(self, rel: str, source: Path) -> None:
        shutil.copy2(source, self.path_for(rel))

    def commit(self) -> None:
        """Put the staged folder where the output was; the old one goes only after that."""
        old = None
        if self.target.exists():
            old = Path(
                tempfile.mkdtemp(prefix=f".{self.target.name}.rsgen-old-", dir=self.target.parent)
            )
            os.rmdir(old)
            os.replace(self.target, old)
        try:
            os.replace(self.staging, self.target)
        except OSError:
            if old is not None:
                os.replace(old, self.target)
            raise
        os.chmod(self.target, 0o755)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        """Throw the staged files away; the previous output is untouched."""
        shutil.rmtree(self.staging, ignore_errors=True)
