"""Making Pagefind's bundle the same bytes for the same pages.

Pagefind (1.5) writes its filter index from hash maps, so the order of the values inside each
`filter/*.pf_filter` file, and of the filters listed in `pagefind.*.pf_meta`, changes from run
to run; the files' hashed names, the meta file's name and `pagefind-entry.json` follow
(Pagefind issue #638: fragments are stable, "filter/metadata indexes" are not). rsgen
promises byte-identical output for identical input, so after each run the filter files are
rewritten with their values sorted, renamed after a hash of their new content, and the meta
file and the entry file are rewritten to match. The search itself reads the same data.

The files are gzip-compressed `pagefind_dcd` + CBOR, read and written with cbor2: decoding
and encoding again gives back Pagefind's own bytes (tests/test_search.py checks this on a real
bundle), so only the sorting changes anything.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"


def canonical_bundle(files: dict[str, bytes], folder: str) -> dict[str, bytes]:
    """The bundle (paths below the output root, all under `folder`/) with stable filter files."""
    entry_rel = f"{folder}/pagefind-entry.json"
    if entry_rel not in files:
        return files
    files = dict(files)
    entry = json.loads(files[entry_rel])
    languages = entry.get("languages") or {}
    for lang in sorted(languages):
        info = languages[lang]
        meta_rel = f"{folder}/pagefind.{info['hash']}.pf_meta"
        meta = read(files.pop(meta_rel))
        for position in (3, 4):  # the filter list, then the sort list: [[name, hash], ...]
            if position >= len(meta) or not isinstance(meta[position], list):
                continue
            kind = "filter" if position == 3 else "sort"
            listed = []
            for name, old in meta[position]:
                rel = f"{folder}/{kind}/{old}.pf_{kind}"
                data = files.pop(rel)
                if kind == "filter":
                    data = write(_sorted_filter(read(data)))
                new = f"{lang}_{_hash(data)[:7]}"
                files[f"{folder}/{kind}/{new}.pf_{kind}"] = data
                listed.append([name, new])
            meta[position] = sorted(listed)
        data = write(meta)
        info["hash"] = f"{lang}_{_hash(data)[:10]}"
        files[f"{folder}/pagefind.{info['hash']}.pf_meta"] = data
    entry["languages"] = {lang: languages[lang] for lang in sorted(languages)}
    files[entry_rel] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
    return files


def _sorted_filter(value: Any) -> Any:
    """[name, [[value, [page, ...]], ...]] with the values (and each one's pages) in order."""
    name, values = value
    return [name, sorted([v, sorted(pages)] for v, pages in values)]


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read(data: bytes) -> Any:
    """The value in a Pagefind index file (gzip, signature, CBOR)."""
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise ValueError("not a Pagefind index file")
    try:
        return cbor2.loads(raw[len(SIGNATURE) :])
    except cbor2.CBORDecodeError as err:
        raise ValueError(f"not a Pagefind index file ({err})") from None


def write(value: Any) -> bytes:
    """A Pagefind index file holding `value`, the same bytes on every run."""
    return gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)
