"""What every kind of target does for a deploy, and how it says that it cannot.

A target reads what it holds (`read_state`), reads back one file when the plan needs to know
whether it was an article (`fetch`), and carries out a plan (`publish`). S3 buckets
(`s3.py`) and local folders (`folder.py`) implement it; the command (`command.py`) only
speaks to this interface.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from rsgen.deploy.local import LocalOutput
from rsgen.deploy.plan import Plan, RemoteState

Progress = Callable[[int, int], None]  # (files done, files in all)


class DeployError(Exception):
    """A deploy that cannot go on: an unreachable endpoint, refused credentials, a missing
    bucket, a refused plan. The message is one line; the command adds the target's name."""


class Target(Protocol):
    """A place a deploy publishes to."""

    keeps_headers: bool  # False: headers are the web server's business (a folder)

    def read_state(self, local: LocalOutput) -> RemoteState:
        """What the target holds now (raise DeployError when it cannot be reached)."""
        ...

    def fetch(self, path: str) -> bytes | None:
        """The bytes the target holds at `path`, or None."""
        ...

    def publish(
        self, plan: Plan, local: LocalOutput, remote: RemoteState, progress: Progress | None
    ) -> None:
        """Carry out `plan` so that the target holds exactly `local`."""
        ...
