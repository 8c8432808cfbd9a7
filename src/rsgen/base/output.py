"""Writing the output all or nothing, and only what changed.

Every file is first written into a staging folder beside the output. Only when the whole
build has succeeded is it put in place: a first (or `--clean`) build swaps the staging folder
in whole; a later build moves just the changed files over and deletes the outputs that no
longer exist. Unchanged files are not touched, so their mtime stays and uploads stay small.
A failed or interrupted build removes the staging folder and leaves the output as it was.
No path is written twice, and none outside the output folder. Signals are the build's
business (`rsgen.base.interrupts`): the build holds them around `commit` and what follows it.
Every output folder carries rsgen's marker file (`rsgen.base.outfolder`), never listed as output.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rsgen.base.errors import Problem, SiteError
from rsgen.base.folders import INPUT_FOLDERS
from rsgen.base.interrupts import pause_if_asked
from rsgen.base.outfolder import OUTPUT_MARKER, staging_prefix, write_marker


class UnsafeOutputPath(ValueError):
    """A path that would land outside the output folder, or one already written."""


@dataclass
class OutputReport:
    """What a build did to the output folder (paths relative to it, sorted)."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)


def check_relative(rel: str) -> list[str]:
    """The segments of `rel`, a path that stays inside the output folder (`a//b` and `a/./b`
    are `a/b`), or UnsafeOutputPath. Plain string work: it runs for every file of a build."""
    parts = [part for part in rel.split("/") if part not in ("", ".")]
    if rel.startswith("/") or "\\" in rel or "\0" in rel or not parts or ".." in parts:
        raise UnsafeOutputPath(f"refusing to write outside the output folder: {rel!r}")
    return parts


class Output:
    """The output folder of one build.

    `previous` maps each output path of the last build into this folder to the fingerprint
    of what it was made from; empty (a first or clean build) means every file is written.
    """

    def __init__(self, target: Path, previous: dict[str, str] | None = None) -> None:
        self.target = target.resolve()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.previous = previous if previous and self.target.is_dir() else {}
        self.staging = Path(
            tempfile.mkdtemp(prefix=staging_prefix(self.target), dir=self.target.parent)
        )
        write_marker(self.staging)
        self.fingerprints: dict[str, str] = {}
        self.report = OutputReport()
        self._dirs: set[Path] = {self.staging}

    @property
    def incremental(self) -> bool:
        return bool(self.previous)

    def unchanged(self, rel: str, fingerprint: str) -> bool:
        """True (and the file kept as it is) when `rel` was made from the same inputs last time."""
        if self.previous.get(rel) != fingerprint:
            return False
        if not os.path.isfile(os.path.join(self.target, *check_relative(rel))):
            return False
        self._claim(rel, fingerprint)
        self.report.unchanged.append(rel)
        return True

    def keep(self, rel: str, fingerprint: str | None = None) -> None:
        """Keep the last build's file `rel` as it is (a patched build that did not touch it),
        known by `fingerprint` from now on when given (the same bytes, from other inputs)."""
        self._claim(rel, self.previous[rel] if fingerprint is None else fingerprint)
        self.report.unchanged.append(rel)

    def keep_unclaimed(self, but: tuple[str, ...] = ()) -> None:
        """Keep every file of the last build that this one has not claimed (but the files
        and folders named in `but`, which this build makes anew)."""
        for rel in self.previous.keys() - self.fingerprints.keys():
            if not any(rel == name or rel.startswith(f"{name}/") for name in but):
                self.keep(rel)

    def record(self, rel: str, fingerprint: str, written: bool) -> None:
        """Take note of a file a worker process staged (written) or kept (not written)."""
        self._claim(rel, fingerprint)
        (self.report.written if written else self.report.unchanged).append(rel)

    def write_text(self, rel: str, text: str, fingerprint: str = "") -> None:
        self.write_bytes(rel, text.encode("utf-8"), fingerprint)

    def write_bytes(self, rel: str, data: bytes, fingerprint: str = "") -> None:
        """Stage `data` as `rel`, unless the last build left exactly these bytes there."""
        if rel in self.previous and self._holds(check_relative(rel), data):
            self._claim(rel, fingerprint)
            self.report.unchanged.append(rel)
            return
        self._staged_path(rel, fingerprint).write_bytes(data)

    def _holds(self, parts: list[str], data: bytes) -> bool:
        # made from other inputs, yet the same bytes (a teaser page after a body edit): keep it
        try:
            return self.target.joinpath(*parts).read_bytes() == data
        except OSError:
            return False

    def copy_file(self, rel: str, source: Path, fingerprint: str = "") -> None:
        shutil.copy2(source, self._staged_path(rel, fingerprint))

    def current_path(self, rel: str) -> Path:
        """Where this build's file `rel` is now: staged when written, else kept from the last
        build (for steps that read pages back, such as the search index)."""
        parts = check_relative(rel)
        staged = self.staging.joinpath(*parts)
        return staged if staged.is_file() else self.target.joinpath(*parts)

    def _claim(self, rel: str, fingerprint: str) -> list[str]:
        parts = check_relative(rel)
        if rel in self.fingerprints:
            raise UnsafeOutputPath(f"two outputs want the same file: {rel}")
        self.fingerprints[rel] = fingerprint
        return parts

    def _staged_path(self, rel: str, fingerprint: str) -> Path:
        parts = self._claim(rel, fingerprint)
        self.report.written.append(rel)
        path = self.staging.joinpath(*parts)
        if path.parent not in self._dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(path.parent)
        return path

    def commit(self) -> OutputReport:
        """Put the build in place (the caller holds signals until this and what goes with it
        are done: `BuildSignals.held`)."""
        if self.incremental:
            self._move_changed_files()
        else:
            self._swap_folders()
        for names in (self.report.written, self.report.unchanged, self.report.deleted):
            names.sort()
        return self.report

    def _swap_folders(self) -> None:
        old = None
        if self.target.exists():
            old = Path(
                tempfile.mkdtemp(prefix=f".{self.target.name}.rsgen-old-", dir=self.target.parent)
            )
            os.rmdir(old)
            os.replace(self.target, old)
            pause_if_asked()  # the previous output aside, the new one not yet in place
        try:
            os.replace(self.staging, self.target)
        except OSError:
            if old is not None:
                os.replace(old, self.target)
            raise
        os.chmod(self.target, 0o755)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def _move_changed_files(self) -> None:
        made: set[Path] = set()
        halfway = len(self.report.written) // 2
        for done, rel in enumerate(self.report.written):
            if done == halfway:
                pause_if_asked()  # half the files new, half old
            destination = self.target / rel
            if destination.parent not in made:
                destination.parent.mkdir(parents=True, exist_ok=True)
                made.add(destination.parent)
            os.replace(self.staging / rel, destination)
        for rel in sorted(set(self.previous) - set(self.fingerprints)):
            with contextlib.suppress(FileNotFoundError):
                (self.target / rel).unlink()
                self.report.deleted.append(rel)
                _remove_empty_parents(self.target / rel, self.target)
        if not (self.target / OUTPUT_MARKER).is_file():  # an output of an older rsgen
            os.replace(self.staging / OUTPUT_MARKER, self.target / OUTPUT_MARKER)
        shutil.rmtree(self.staging, ignore_errors=True)

    def abort(self) -> None:
        """Throw the staged files away; the previous output is untouched."""
        shutil.rmtree(self.staging, ignore_errors=True)


def _remove_empty_parents(path: Path, root: Path) -> None:
    parent = path.parent
    while parent != root and parent.is_relative_to(root):
        try:
            parent.rmdir()
        except OSError:
            return
        parent = parent.parent


def check_output_folder(site: Path, output: Path) -> None:
    """Refuse an output folder that would replace the site itself or part of its sources."""
    site, output = site.resolve(), output.resolve()
    sources = [site / folder for folder in INPUT_FOLDERS]
    if (
        output == site
        or site.is_relative_to(output)
        or any(output.is_relative_to(s) for s in sources)
    ):
        raise SiteError(
            [
                Problem(
                    str(output),
                    0,
                    "the output folder must not be the site folder or hold its sources",
                    "use -o public",
                )
            ]
        )
    if output.exists() and not output.is_dir():
        raise SiteError([Problem(str(output), 0, "the output folder is a file", "use -o public")])
    for parent in output.parents:
        if parent.exists():
            if not parent.is_dir():
                raise SiteError(
                    [Problem(str(output), 0, f"{parent} is a file, not a folder", "use -o public")]
                )
            break


def write_manifest(path: Path, output: Path, report: OutputReport) -> None:
    """The paths written, unchanged and deleted, for CI to upload and purge only those.

    Written to a temporary file and renamed, so that a reader never sees half of it."""
    data = {
        "output": str(output),
        "written": report.written,
        "unchanged": report.unchanged,
        "deleted": report.deleted,
    }
    path = path.absolute()
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(json.dumps(data, indent=1) + "\n")
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
