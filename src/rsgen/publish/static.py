"""The site's static/ folder and the theme's files, copied to the output root."""

from __future__ import annotations

from pathlib import Path

from rsgen.base.folders import STATIC_DIR, THEME_DIR, theme_static_files
from rsgen.base.output import Output


def copy_static(site: Path, files: frozenset[str], output: Output) -> None:
    """Copy static/ to the output root, then the theme's files the site does not override.

    A file is copied again only when its size or mtime moved since the last build.
    """
    sources = [(rel, site / STATIC_DIR / rel) for rel in sorted(files)]
    sources += [(rel, THEME_DIR / STATIC_DIR / rel) for rel in sorted(theme_static_files() - files)]
    for rel, source in sources:
        stat = source.stat()
        fingerprint = f"{stat.st_size}:{stat.st_mtime_ns}"
        if not output.unchanged(rel, fingerprint):
            output.copy_file(rel, source, fingerprint)
