"""Making Pagefind's bundle the same bytes for the same pages.

Pagefind (1.5) writes its filter index from hash maps, so the order of the values inside each
`filter/*.pf_filter` file, and of the filters listed in `pagefind.*.pf_meta`, changes from run
to run; the files' hashed names, the meta file's name and `pagefind-entry.json` follow
(Pagefind issue #638: fragments are stable, "filter/metadata indexes" are not). rsgen
promises byte-identical output for identical input, so after each run the filter files are
rewritten with their values sorted, renamed after a hash of their new content, and the meta
file and the entry file are rewritten to match. The search itself reads the same data.

The files are gzip-compressed `pagefind_dcd` + CBOR; `decode` and `encode` below cover the
CBOR Pagefind writes (integers, strings, arrays, maps, simple values, floats).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from typing import Any

SIGNATURE = b"pagefind_dcd"


class Pairs(list):  # type: ignore[type-arg]
    """A CBOR map, kept as a list of (key, value) pairs in file order."""


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
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise ValueError("not a Pagefind index file")
    value, end = decode(raw, len(SIGNATURE))
    if end != len(raw):
        raise ValueError("trailing bytes in a Pagefind index file")
    return value


def write(value: Any) -> bytes:
    return gzip.compress(SIGNATURE + encode(value), compresslevel=9, mtime=0)


# ---------------------------------------------------------------------------------------- CBOR
def decode(data: bytes, at: int = 0) -> tuple[Any, int]:
    """One CBOR item from `data` at offset `at`: (value, offset after it)."""
    initial = data[at]
    major, info = initial >> 5, initial & 0x1F
    at += 1
    if major == 7:
        if info in (20, 21):
            return info == 21, at
        if info in (22, 23):
            return None, at
        if info in (25, 26, 27):
            size = {25: 2, 26: 4, 27: 8}[info]
            fmt = {25: ">e", 26: ">f", 27: ">d"}[info]
            return struct.unpack(fmt, data[at : at + size])[0], at + size
        raise ValueError(f"unsupported CBOR simple value {info}")
    if info < 24:
        argument = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        argument = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise ValueError("indefinite-length CBOR items are not supported")
    if major == 0:
        return argument, at
    if major == 1:
        return -1 - argument, at
    if major == 2:
        return bytes(data[at : at + argument]), at + argument
    if major == 3:
        return data[at : at + argument].decode("utf-8"), at + argument
    if major == 4:
        items = []
        for _ in range(argument):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = Pairs()
        for _ in range(argument):
            key, at = decode(data, at)
            item, at = decode(data, at)
            pairs.append((key, item))
        return pairs, at
    raise ValueError(f"unsupported CBOR major type {major}")


def encode(value: Any) -> bytes:
    """`value` as CBOR, every length and integer in its shortest form."""
    if value is False or value is True:
        return bytes([0xF5 if value else 0xF4])
    if value is None:
        return b"\xf6"
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, Pairs):
        return _head(5, len(value)) + b"".join(encode(k) + encode(v) for k, v in value)
    if isinstance(value, (list, tuple)):
        return _head(4, len(value)) + b"".join(encode(item) for item in value)
    raise TypeError(f"cannot encode {type(value).__name__} as CBOR")


def _head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | info]) + argument.to_bytes(size, "big")
    raise ValueError("integer too large for CBOR")
