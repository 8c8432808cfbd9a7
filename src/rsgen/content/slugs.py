"""Slugs: the URL segment a tag (or a title, for `rsgen new`) becomes."""

from __future__ import annotations

import functools
import re
import unicodedata

NON_SLUG = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=1 << 16)  # tags repeat across thousands of articles
def slugify(text: str) -> str:
    """The spec's slug: lowercase, accents dropped, runs of other characters → '-', trimmed."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return NON_SLUG.sub("-", ascii_only).strip("-")
