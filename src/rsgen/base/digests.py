"""Short, stable hashes of text, for cache keys and fingerprints (the same on every run)."""

from __future__ import annotations

import hashlib


def digest(*parts: str) -> str:
    """A 32-hex-digit hash of some texts, each kept apart from the next."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()
