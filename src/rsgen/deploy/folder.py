"""A folder on this machine (`file:///srv/www/site`) as a deploy target, for nginx or Caddy.

Readers must never see a half-deployed site, so a deploy never writes into the folder they
are served from. The served path is a symbolic link to a complete release:

    /srv/www/site -> .site.rsgen/releases/20261126T101500.123456Z
    /srv/www/.site.rsgen/releases/<id>/       one complete output per deploy
    /srv/www/.site.rsgen/records/<id>.json.gz what each release holds (rsgen's record)

A deploy fills a new release folder (files it does not change are hard links into the
current release, so a release costs only what changed), renames it into place, then points
the link at it with one `rename(2)`, which is atomic: a request is served from the old
release or the new one, never from a mix. The newest `KEEP_RELEASES` releases are kept so
`rsgen deploy --rollback` can point the link back at the one before.

A path that is a plain folder (a site published before rsgen) is taken over on the first
deploy: the folder is moved into the releases (where a rollback can return to it) and the
link takes its place; between those two renames the path is missing for a moment.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from rsgen.deploy.local import LocalOutput, scan_output
from rsgen.deploy.plan import Plan, RemoteState
from rsgen.deploy.record import (
    RemoteFile,
    decode_record,
    encode_record,
    final_record,
    remote_from_local,
)
from rsgen.deploy.target import DeployError, Progress
from rsgen.publish import HeaderPolicy
from rsgen.settings import DeployTarget

KEEP_RELEASES = 5
PARTIAL = ".partial"


class FolderTarget:
    """A served path that links to the current one of a few complete releases."""

    keeps_headers = False

    def __init__(self, target: DeployTarget) -> None:
        self.path = target.folder
        self.state = self.path.parent / f".{self.path.name}.rsgen"
        self.releases = self.state / "releases"
        self.records = self.state / "records"

    def current(self) -> Path | None:
        """The folder readers are served from now, or None before the first deploy."""
        if self.path.is_symlink():
            return self.path.resolve() if self.path.resolve().is_dir() else None
        return self.path if self.path.is_dir() else None

    def current_release(self) -> str | None:
        """The id of the release the path links to (None for a plain folder or none)."""
        current = self.current()
        if current is None or not self.path.is_symlink():
            return None
        return current.name if current.parent == self.releases.resolve() else None

    def read_state(self, local: LocalOutput) -> RemoteState:
        """What the served folder holds, from its release's record or by reading it."""
        current = self.current()
        if current is None:
            return RemoteState({}, from_record=True)
        release = self.current_release()
        if release is not None:
            files = self._record(release)
            if files is not None:
                return RemoteState(files, from_record=True)
        found = scan_output(current, "/", HeaderPolicy())
        files = {p: remote_from_local(f, "") for p, f in found.files.items()}
        return RemoteState(files, from_record=False, note=f"reading what {current} holds")

    def fetch(self, path: str) -> bytes | None:
        current = self.current()
        try:
            return (current / path).read_bytes() if current is not None else None
        except OSError:
            return None

    def publish(
        self, plan: Plan, local: LocalOutput, remote: RemoteState, progress: Progress | None
    ) -> None:
        """Fill a new release, switch the served path to it at once, prune old releases."""
        if not plan.changes and self.current_release() is not None:
            return
        current = self.current()
        before = _new_id()  # the name a folder from before rsgen keeps among the releases
        release = _new_id()
        partial = self.releases / (release + PARTIAL)
        try:
            self._fill(partial, plan, local, current, progress)
            os.replace(partial, self.releases / release)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        records = final_record(local, remote.files, dict.fromkeys(plan.uploads, ""))
        self._write_record(release, records)
        self._switch(release, adopt_as=f"{before}-before-rsgen")
        self._prune()

    def _fill(
        self,
        folder: Path,
        plan: Plan,
        local: LocalOutput,
        current: Path | None,
        progress: Progress | None,
    ) -> None:
        uploads = set(plan.uploads)
        made: set[Path] = set()
        done = 0
        try:
            folder.mkdir(parents=True)
        except OSError as err:
            raise DeployError(f"cannot create {folder} ({err.strerror or err})") from None
        for path in local.files:
            destination = folder / path
            if destination.parent not in made:
                destination.parent.mkdir(parents=True, exist_ok=True)
                made.add(destination.parent)
            if path not in uploads and current is not None:
                _link_or_copy(current / path, destination)
                continue
            shutil.copy2(local.root / path, destination)
            done += 1
            if progress is not None:
                progress(done, len(uploads))

    def _switch(self, release: str, adopt_as: str = "") -> None:
        """Point the served path at `release` with one atomic rename (a plain folder there
        first moves into the releases, as `adopt_as`)."""
        link = self.path.parent / f".{self.path.name}.rsgen-link"
        link.unlink(missing_ok=True)
        os.symlink(os.path.relpath(self.releases / release, self.path.parent), link)
        if self.path.is_dir() and not self.path.is_symlink():  # a folder from before rsgen
            os.replace(self.path, self.releases / (adopt_as or f"{_new_id()}-before-rsgen"))
        os.replace(link, self.path)

    def _prune(self) -> None:
        """Keep the newest releases and the current one; remove the rest and any leftovers."""
        current = self.current_release()
        names = sorted(p.name for p in self.releases.iterdir() if not p.name.endswith(PARTIAL))
        keep = {*names[-KEEP_RELEASES:], current}
        for name in names:
            if name not in keep:
                shutil.rmtree(self.releases / name, ignore_errors=True)
                (self.records / f"{name}.json.gz").unlink(missing_ok=True)
        for leftover in self.releases.glob("*" + PARTIAL):
            shutil.rmtree(leftover, ignore_errors=True)

    def rollback(self) -> tuple[str, str, list[str]]:
        """Point the served path at the release before the current one: (from, to, the paths
        that differ between the two, for the CDN)."""
        current = self.current_release()
        if current is None:
            raise DeployError(f"nothing to roll back: {self.path} is not a release rsgen deployed")
        older = sorted(p.name for p in self.releases.iterdir() if not p.name.endswith(PARTIAL))
        older = [name for name in older if name < current]
        if not older:
            raise DeployError(f"no release older than {current} is kept in {self.releases}")
        previous = older[-1]
        self._switch(previous)
        return current, previous, self._differences(current, previous)

    def _differences(self, one: str, other: str) -> list[str]:
        first, second = self._record(one) or {}, self._record(other) or {}
        return sorted(
            path
            for path in first.keys() | second.keys()
            if path not in first or path not in second or first[path].md5 != second[path].md5
        )

    def _record(self, release: str) -> dict[str, RemoteFile] | None:
        try:
            return decode_record((self.records / f"{release}.json.gz").read_bytes())
        except OSError:
            return None

    def _write_record(self, release: str, files: dict[str, RemoteFile]) -> None:
        self.records.mkdir(parents=True, exist_ok=True)
        temporary = self.records / f".{release}.tmp"
        temporary.write_bytes(encode_record(files))
        os.replace(temporary, self.records / f"{release}.json.gz")


def _new_id() -> str:
    """A release id that sorts in the order of deploys."""
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ")


def _link_or_copy(source: Path, destination: Path) -> None:
    """A hard link to an unchanged file of the current release; a copy where links fail."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)
