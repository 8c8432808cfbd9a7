"""Talking to Pagefind's service mode: one process, many indexes, pages fed in a fixed order.

`pagefind --service` reads requests from stdin and answers on stdout, each message a JSON
object encoded in base64 and followed by a comma (the protocol of Pagefind's own Python and
Node wrappers, `pagefind.service`). rsgen speaks it itself rather than through the
`PagefindIndex` Python API, because that API reads its pipe in a loop that sleeps 0.1 s
between reads: a round trip here costs microseconds.

Each page is sent with its URL and its HTML, one request at a time, in the order the caller
gives: Pagefind numbers pages in the order they reach it, so the index depends on that order
and on nothing else (not on how a filesystem lists a folder, as with `pagefind --site`).
An index is made, filled, read back (`GetFiles`: the bundle's files, not written to disk)
and deleted, so one process holds at most one index at a time and its memory stays that of
the largest part.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any


class ServiceError(RuntimeError):
    """Pagefind answered with an error, stopped, or took too long."""


class PagefindService:
    """One `pagefind --service` process (a context manager: leaving it ends the process)."""

    def __init__(self, executable: Path, cwd: Path, timeout: float) -> None:
        # cwd: a folder of rsgen's own, so that no pagefind.yml of the site changes anything
        self._process = subprocess.Popen(
            [str(executable), "--service"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._timeout = timeout
        self._buffer = b""
        self._message = 0

    def __enter__(self) -> PagefindService:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        process = self._process
        if process.stdin is not None and not process.stdin.closed:
            with contextlib.suppress(OSError):  # it stopped already: nothing to tell it
                process.stdin.close()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()

    def index(self, pages: Sequence[tuple[str, str]]) -> dict[str, bytes]:
        """The bundle (paths relative to it) of an index of `pages` ((url, html), in order)."""
        made = self.request({"type": "NewIndex", "config": None})
        number = made["index_id"]
        for url, html in pages:
            self.request(
                {
                    "type": "AddFile",
                    "index_id": number,
                    "file_path": None,
                    "url": url,
                    "file_contents": html,
                }
            )
        listed = self.request({"type": "GetFiles", "index_id": number})
        self.request({"type": "DeleteIndex", "index_id": number})
        return {file["path"]: base64.b64decode(file["content"]) for file in listed["files"]}

    def request(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send one request and wait for its answer (requests are never interleaved)."""
        self._message += 1
        message = {"message_id": self._message, "payload": payload}
        stdin = self._process.stdin
        assert stdin is not None
        try:
            stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
            stdin.flush()
        except OSError as err:
            raise ServiceError(f"Pagefind stopped ({err})") from None
        answer = json.loads(base64.b64decode(self._read_message()))
        got = answer.get("payload") or {}
        if got.get("type") == "Error":
            raise ServiceError(str(got.get("message", "unknown error")))
        if answer.get("message_id") != self._message:
            raise ServiceError(f"an answer out of turn ({answer.get('message_id')})")
        return dict(got)

    def _read_message(self) -> bytes:
        stdout = self._process.stdout
        assert stdout is not None
        deadline = time.monotonic() + self._timeout
        while b"," not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([stdout], [], [], left)[0]:
                raise ServiceError(f"no answer within {self._timeout:.0f} s")
            chunk = os.read(stdout.fileno(), 1 << 20)
            if not chunk:
                raise ServiceError(f"Pagefind stopped (exit status {self._process.poll()})")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b",")
        return message
