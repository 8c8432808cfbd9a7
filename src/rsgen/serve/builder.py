"""What `rsgen serve` runs on every save: a build into its private folder, and its outcome.

`PreviewServer` (server.py) only needs a `rebuild(changes)` callable that never raises;
`SiteBuilder` is the one the command line uses. It keeps what each build saves for the next
in memory, and, with a fixed clock (`--now`), builds the site as it will stand at that time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rsgen.base.cache import Memory
from rsgen.base.clock import clock
from rsgen.base.errors import InternalError, SiteError, system_error_line
from rsgen.build import BuildRequest, build
from rsgen.graph import BuildOptions
from rsgen.serve.watch import ChangeBatch


@dataclass(frozen=True)
class RebuildOutcome:
    """A rebuild's result as the server needs it: no `problems` means it succeeded."""

    pages: int = 0
    seconds: float = 0.0
    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    rendered: int | None = None  # pages rendered anew (None: not known)
    changed: tuple[str, ...] | None = None  # output paths written or deleted (None: not known)

    @property
    def ok(self) -> bool:
        return not self.problems


Rebuild = Callable[[ChangeBatch | None], RebuildOutcome]


class SiteBuilder:
    """Builds the site into the server's private output folder; never raises.

    Every save runs `build()`: it finds the changed files itself (the watcher's batch only
    says when to look), patches the last build's graph when only articles were edited in
    place, and renders only the pages whose inputs changed. `memory` keeps what each build
    saves for the next one, so a save costs no unpickling.
    """

    def __init__(
        self,
        site: Path,
        output: Path,
        *,
        drafts: bool,
        base_url: str = "",
        now: dt.datetime | None = None,
    ) -> None:
        self.site = site
        self.output = output
        self.drafts = drafts
        self.base_url = base_url  # the server's own URL, so canonical and feed links stay local
        self.now = now  # a fixed clock (`--now`): the site as it will stand then
        self.memory: Memory = {}

    def request(self) -> BuildRequest:
        # with a fixed clock, the clock decides what is out: articles dated after it wait
        future = self.drafts and self.now is None
        options = BuildOptions(now=clock(self.now), drafts=self.drafts, future=future)
        # the search index costs seconds on a large site: a preview is for reading, not searching
        # force: the preview folder is the server's own, whatever an older rsgen left in it
        return BuildRequest(
            self.site, self.output, options, base_url=self.base_url, search=False, force=True
        )

    def rebuild(self, changes: ChangeBatch | None) -> RebuildOutcome:
        """Build once (`changes` None: the first build) and say how it went."""
        try:
            result = build(self.request(), memory=self.memory)
        except SiteError as err:
            return RebuildOutcome(problems=tuple(p.format() for p in err.problems))
        except InternalError as err:
            return RebuildOutcome(problems=(f"internal error {err}",))
        except OSError as err:  # a full disk, say: the writer's to fix, not a bug
            return RebuildOutcome(problems=(system_error_line(err),))
        except Exception as err:
            return RebuildOutcome(problems=(f"internal error: {type(err).__name__}: {err}",))
        warnings = tuple(w.format() for w in result.warnings)
        # what the build wrote or deleted: open pages reload only when theirs is among them
        report = result.report
        changed = tuple(sorted({*report.written, *report.deleted}))
        return RebuildOutcome(result.pages, result.seconds, (), warnings, result.rendered, changed)
