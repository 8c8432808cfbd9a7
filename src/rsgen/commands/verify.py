"""`rsgen build --verify`: the incremental output compared with a clean build of the same input."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from rsgen.base.interrupts import BuildSignals
from rsgen.build import BuildRequest, build


def verify_build(request: BuildRequest, signals: BuildSignals | None = None) -> list[str]:
    """Build from scratch into a temporary folder and list how `request.output` differs.

    `signals`: the first build's, so that a signal now says its output is in place."""
    with tempfile.TemporaryDirectory(prefix="rsgen-verify-") as folder:
        clean = replace(request, output=Path(folder) / "public", clean=True, manifest=None)
        build(clean, signals=signals)
        return compare_trees(request.output, clean.output)


def compare_trees(actual: Path, expected: Path) -> list[str]:
    """Files missing, extra or different between two output folders."""

    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}

    mine, theirs = files(actual), files(expected)
    found = [f"missing {rel}" for rel in sorted(theirs.keys() - mine.keys())]
    found += [f"extra {rel}" for rel in sorted(mine.keys() - theirs.keys())]
    found += [
        f"differs {rel}"
        for rel in sorted(mine.keys() & theirs.keys())
        if mine[rel].read_bytes() != theirs[rel].read_bytes()
    ]
    return found
