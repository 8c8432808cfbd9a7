"""rsgen's record of what a target holds: one small object instead of listing and hashing.

The record (`.rsgen/record.json.gz` under the target's prefix) names every file rsgen put
there with its MD5, the ETag the server answered, its headers, its redirect and whether it is
an article page. One read of it tells a deploy what to upload; comparing headers as well as
bytes notices a change of header policy that leaves the bytes alone.

A deploy that changes anything first writes the record with the files it is about to write
or delete marked unknown (empty MD5), and writes the full record only after the last upload
and deletion. A deploy cut off half-way therefore leaves a record that is right about every
file it does not mark, and the next deploy uploads the marked ones again: it repairs the target.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from typing import Any

from rsgen.deploy.local import LocalFile, LocalOutput

RECORD_DIR = ".rsgen"
RECORD_NAME = f"{RECORD_DIR}/record.json.gz"
FORMAT = "rsgen-deploy-record"
VERSION = 1


@dataclass(frozen=True)
class RemoteFile:
    """What the target holds at one path, as far as rsgen knows."""

    path: str
    md5: str  # "" when unknown: a deploy was cut off, or the ETag is not an MD5
    etag: str = ""
    content_type: str = ""
    cache_control: str = ""
    redirect: str = ""
    article: bool | None = None  # None when only a listing was read


def remote_from_local(local: LocalFile, etag: str) -> RemoteFile:
    """What the target holds once `local` is uploaded and the server answered `etag`."""
    return RemoteFile(
        path=local.path,
        md5=local.md5,
        etag=etag,
        content_type=local.content_type,
        cache_control=local.cache_control,
        redirect=local.redirect,
        article=local.article,
    )


def pending_record(
    local: LocalOutput,
    remote: Mapping[str, RemoteFile],
    uploads: Collection[str],
    deletes: Collection[str],
) -> dict[str, RemoteFile]:
    """The record to write before a deploy changes anything: every file it will upload or
    delete is marked unknown, since a deploy cut off half-way may leave it either way."""
    files = dict(remote)
    for path in deletes:
        files[path] = replace(files[path], md5="", etag="")
    for path, f in local.files.items():
        if path in uploads:
            files[path] = replace(remote_from_local(f, ""), md5="")
        else:
            files[path] = remote_from_local(f, remote[path].etag)
    return files


def final_record(
    local: LocalOutput, remote: Mapping[str, RemoteFile], etags: Mapping[str, str]
) -> dict[str, RemoteFile]:
    """The record once the deploy is done: exactly the output, with the servers' ETags."""
    return {
        path: remote_from_local(f, etags[path] if path in etags else remote[path].etag)
        for path, f in local.files.items()
    }


def encode_record(files: Mapping[str, RemoteFile]) -> bytes:
    """The record as gzipped JSON, one row per path, in path order (byte-stable)."""
    rows = {
        path: [f.md5, f.etag, f.content_type, f.cache_control, f.redirect, bool(f.article)]
        for path, f in sorted(files.items())
    }
    text = json.dumps({"format": FORMAT, "version": VERSION, "files": rows}, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), mtime=0)


def decode_record(data: bytes) -> dict[str, RemoteFile] | None:
    """The files a record names; None when it is not a record this rsgen can read."""
    try:
        found: Any = json.loads(gzip.decompress(data))
    except (OSError, EOFError, ValueError):
        return None
    if not isinstance(found, dict) or found.get("format") != FORMAT:
        return None
    if found.get("version") != VERSION or not isinstance(found.get("files"), dict):
        return None
    files = {}
    for path, row in found["files"].items():
        if not (
            isinstance(row, list) and len(row) == 6 and all(isinstance(v, str) for v in row[:5])
        ):
            return None
        md5, etag, content_type, cache_control, redirect, article = row
        files[path] = RemoteFile(
            path, md5, etag, content_type, cache_control, redirect, bool(article)
        )
    return files
