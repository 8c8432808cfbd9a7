"""`rsgen serve`: a preview server that rebuilds on every save and reloads open pages.

`PreviewServer` is a thin threaded HTTP server around an injected `rebuild(changes)` callable:
it serves the last good build from its output folder, keeps the problems of the last failed
rebuild, and tells open pages over server-sent events (`/__rsgen/events`, `livereload.py`)
to reload after a good rebuild or to show an overlay listing every `PATH:LINE: message`
after a failed one. The live-reload script is added to HTML only as it is served; built
files never carry it.

Only requests addressed to the server itself are answered: a `Host` header other than the
address it listens on (or `localhost`, `127.0.0.1`, `[::1]`) with its port gets 403, so a web
page using DNS rebinding cannot read drafts through a writer's browser (paths.py).

`serve()` wires it up for the command line: a private output folder, a `SiteBuilder`
(builder.py), a `Watcher`, the URL line, one line per rebuild, and a clean stop on Ctrl-C.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import queue
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType
from typing import Any

import click

try:
    import fcntl
except ImportError:  # Windows: no lock; two serves of one site share the folder
    fcntl = None  # type: ignore[assignment]

from rsgen.base.cache import ignore_in_git
from rsgen.base.errors import Problem, SiteError
from rsgen.base.folders import CACHE_DIR
from rsgen.serve.builder import Rebuild, RebuildOutcome, SiteBuilder
from rsgen.serve.livereload import EVENTS_PATH, NOT_BUILT_PAGE, LiveState, inject, live_snippet
from rsgen.serve.paths import (
    MAX_SEGMENTS,
    content_type,
    host_allowed,
    locate,
    request_parts,
)
from rsgen.serve.watch import ChangeBatch, Watcher

INTERNAL_PREFIX = "/__rsgen/"
KEEPALIVE_SECONDS = 10.0
Log = Callable[[str], None]


# -- HTTP -------------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "rsgen-serve"
    timeout = 30  # idle keep-alive connections are closed after this

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not logged; the terminal shows rebuilds."""

    def _answer(self, head: bool) -> None:
        self._head = head
        self._started = False
        try:
            self._route()
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception as err:
            self.close_connection = True
            self.server.preview.internal_error(f"answering {self.path[:200]!r}", err)
            if not self._started:
                self._send(500, "text/plain; charset=utf-8", b"internal error: see the terminal\n")

    def _route(self) -> None:
        preview = self.server.preview
        if not host_allowed(self.headers.get("Host"), preview.host, preview.address[1]):
            self.close_connection = True
            self._send(
                403, "text/plain; charset=utf-8", b"this server answers only its own address\n"
            )
            return
        target, _, query = self.path.partition("?")
        if target == EVENTS_PATH:
            self._events()
            return
        if target.count("/") > MAX_SEGMENTS:
            self._send(414, "text/plain; charset=utf-8", b"request path too long\n")
            return
        parts = request_parts(target)
        if parts is None:
            self._send(400, "text/plain; charset=utf-8", b"bad request path\n")
            return
        if target.startswith(INTERNAL_PREFIX):
            self._send(404, "text/plain; charset=utf-8", b"not found\n")
            return
        build_id, problems = preview.state.snapshot()  # before reading: a newer build reloads
        if not build_id or not preview.wait_for_output():
            self._send(
                503,
                "text/html; charset=utf-8",
                inject(NOT_BUILT_PAGE, live_snippet(build_id, problems)),
                "no-store",
            )
            return
        found, path = locate(preview.root, parts)
        wanted = "/".join(parts) + ("index.html" if parts[-1] == "" else "")
        if found == "redirect":
            location = target + "/" + (f"?{query}" if query else "")
            self._send(
                301,
                "text/html; charset=utf-8",
                b"<!DOCTYPE html><title>Moved</title>\n",
                "no-store",
                location,
            )
        elif path is not None:
            self._file(200, path, build_id, problems)
        elif (preview.root / "404.html").is_file():  # reloads when that page appears, too
            self._file(404, preview.root / "404.html", build_id, problems, wanted)
        else:
            self._send(404, "text/plain; charset=utf-8", b"not found\n")

    def _file(
        self, status: int, path: Path, build_id: str, problems: tuple[str, ...], wanted: str = ""
    ) -> None:
        kind = content_type(path)
        if kind.startswith("text/html"):
            files = (path.relative_to(self.server.preview.root).as_posix(), wanted)
            body = inject(path.read_bytes(), live_snippet(build_id, problems, files))
            self._send(status, kind, body, "no-store")
            return
        with path.open("rb") as file:
            self._headers(status, kind, os.fstat(file.fileno()).st_size, "no-cache")
            if not self._head:
                shutil.copyfileobj(file, self.wfile)

    def _send(
        self, status: int, kind: str, body: bytes, cache: str = "no-store", location: str = ""
    ) -> None:
        self._headers(status, kind, len(body), cache, location)
        if not self._head:
            self.wfile.write(body)

    def _headers(self, status: int, kind: str, length: int, cache: str, location: str = "") -> None:
        self._started = True
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", cache)
        self.send_header("X-Content-Type-Options", "nosniff")
        if location:
            self.send_header("Location", location)
        self.end_headers()

    def _events(self) -> None:
        """A server-sent-events stream until the page goes away or the server stops."""
        state = self.server.preview.state
        self._started = True
        self.close_connection = True
        listener = state.listen()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            if self._head:
                return
            self.wfile.write(b"retry: 1000\n\n" + state.greeting())
            while True:
                try:
                    message = listener.get(timeout=KEEPALIVE_SECONDS)
                except queue.Empty:
                    message = b": keep-alive\n\n"  # also finds pages that went away
                if message is None:
                    return
                self.wfile.write(message)
        finally:
            state.unlisten(listener)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], preview: PreviewServer) -> None:
        self.preview = preview
        self.open_sockets: set[socket.socket] = set()
        self._sockets_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._sockets_lock:
            self.open_sockets.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._sockets_lock:
            self.open_sockets.discard(request)
        super().shutdown_request(request)

    def close_open_sockets(self) -> None:
        with self._sockets_lock:
            sockets = list(self.open_sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away is nothing to report; anything else is one line, no traceback."""
        err = sys.exc_info()[1]
        if err is not None and not isinstance(err, (ConnectionError, TimeoutError)):
            self.preview.internal_error("answering a request", err)


class _HTTPServer6(_HTTPServer):
    address_family = socket.AF_INET6


class PreviewServer:
    """Serves `root` and tells open pages what each `rebuild(changes)` did.

    Binds in the constructor (port 0: any free port; see `address` and `url`); `serve_forever()`
    answers requests on the calling thread, `start()` on a background one; `close()` ends both.
    """

    def __init__(
        self,
        root: Path,
        rebuild: Rebuild,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        log: Log = print,
    ) -> None:
        self.root = root
        self._rebuild = rebuild
        self.log = log
        self.state = LiveState()
        self._build_lock = threading.Lock()
        self._closed = False
        self._thread: threading.Thread | None = None
        self._warnings: tuple[str, ...] = ()
        self.host = host.lower()  # the address asked for: requests must name it (paths.py)
        server_class = _HTTPServer6 if ":" in host else _HTTPServer
        self.httpd = server_class((host, port), self)

    @property
    def address(self) -> tuple[str, int]:
        host, port = self.httpd.server_address[:2]
        return str(host), int(port)

    @property
    def url(self) -> str:
        host, port = self.address
        host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
        return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"

    def rebuild(self, changes: ChangeBatch | None) -> RebuildOutcome:
        """Run the injected rebuild (one at a time), tell open pages, print one line."""
        started = time.perf_counter()
        with self._build_lock:
            if self._closed:
                return RebuildOutcome()
            try:
                outcome = self._rebuild(changes)
            except Exception as err:
                outcome = RebuildOutcome(problems=(f"internal error: {type(err).__name__}: {err}",))
            if self._closed:
                return outcome
            if outcome.ok:
                self.state.succeeded(outcome.changed)
            else:
                self.state.failed(outcome.problems)
        self._report(changes, outcome, time.perf_counter() - started)
        return outcome

    def wait_for_output(self, timeout: float = 1.0) -> bool:
        """The output folder exists (it is briefly missing while a new build is swapped in)."""
        deadline = time.monotonic() + timeout
        while not self.root.is_dir():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.005)
        return True

    def serve_forever(self) -> None:
        self.httpd.serve_forever(poll_interval=0.2)

    def start(self) -> None:
        self._thread = threading.Thread(target=self.serve_forever, name="rsgen-http", daemon=True)
        self._thread.start()

    def close(self) -> bool:
        """Stop answering, end event streams and open connections, release the port.

        A rebuild under way gets half a second to put its output in place; after that it is
        left to end with the process. Returns False when one was still under way.
        """
        self._closed = True
        idle = self._build_lock.acquire(timeout=0.5)
        if idle:
            self._build_lock.release()
        self.state.close()
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join(timeout=1)
        self.httpd.close_open_sockets()
        self.httpd.server_close()
        return idle

    def internal_error(self, doing: str, err: BaseException) -> None:
        if not self._closed:
            self.log(f"internal error while {doing}: {type(err).__name__}: {err}")

    def _report(self, changes: ChangeBatch | None, outcome: RebuildOutcome, seconds: float) -> None:
        what = f"{time.strftime('%H:%M:%S')} {changes.describe()}: " if changes else ""
        if outcome.ok:
            done = "rebuilt" if changes else "Built"
            if outcome.rendered is not None and outcome.rendered != outcome.pages:
                done = f"{done} {outcome.rendered:,} of"
            self.log(f"{what}{done} {outcome.pages:,} pages in {seconds:.2f} s")
        else:
            count = len(outcome.problems)
            plural = ("s", "them") if count > 1 else ("", "it")
            self.log(f"{what}{count} problem{plural[0]}; the pages show {plural[1]} until fixed:")
            for line in outcome.problems:
                self.log(line)
        if outcome.ok and outcome.warnings != self._warnings:
            for line in outcome.warnings:
                self.log(line)
        if outcome.ok:
            self._warnings = outcome.warnings


# -- the command ------------------------------------------------------------------------------


def serve(
    site: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    drafts: bool = True,
    now: dt.datetime | None = None,
    log: Log = click.echo,
) -> None:
    """Build SITE into a private folder, serve it, rebuild on changes, until Ctrl-C.

    With `now`, every build uses that clock: the site as it will stand at that moment."""
    site = Path(site)
    if not site.is_dir():
        raise SiteError([Problem(str(site), 0, "no such site folder")])
    stopped = False
    idle = True
    with contextlib.ExitStack() as stack:
        builder = SiteBuilder(site, preview_folder(site, stack), drafts=drafts, now=now)
        try:
            preview = PreviewServer(builder.output, builder.rebuild, host=host, port=port, log=log)
        except OSError as err:
            message = f"cannot listen on {host}:{port}: {err.strerror or err}"
            raise click.ClickException(message) from None
        builder.base_url = preview.url
        watcher = Watcher(
            site,
            preview.rebuild,
            ignore=[builder.output.parent],
            on_error=lambda err: preview.internal_error("watching", err),
        )
        with _sigterm_stops():
            try:
                watcher.start()  # first, so that saves during the first build are seen
                preview.rebuild(None)
                shown = _shown(drafts, now)
                log(f"Serving {site.resolve().name} at {preview.url} ({shown}); Ctrl-C to stop")
                if preview.address[0] not in ("127.0.0.1", "::1"):
                    log(f"warning: listening on {host}: other machines can read this preview")
                preview.serve_forever()
            except KeyboardInterrupt:
                stopped = True
            finally:
                with _sigint_ignored():
                    watcher.stop()
                    idle = preview.close()
    if stopped:
        log("Stopped.")
    if not idle:
        # a rebuild is still running (a large site's first build, say): its worker processes
        # and staging folder must not hold the exit up; the next start clears what it left
        for worker in multiprocessing.active_children():
            worker.terminate()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


def _shown(drafts: bool, now: dt.datetime | None) -> str:
    """What the preview shows, for the line that gives its address."""
    if now is None:
        return "drafts and future articles shown" if drafts else "published articles only"
    shown = "drafts shown" if drafts else "no drafts"
    return f"as at {now.isoformat()}: articles dated after it left out, {shown}"


def preview_folder(site: Path, stack: contextlib.ExitStack) -> Path:
    """Where serve builds: SITE/.rsgen-cache/serve, kept so that the next start is incremental.

    Another `rsgen serve` of the same site holds that folder (a lock file says so); this one
    then builds into a temporary folder, removed when it stops.
    """
    cache = site / CACHE_DIR
    try:
        cache.mkdir(exist_ok=True)
        ignore_in_git(cache)
        lock = stack.enter_context((cache / "serve.lock").open("a"))
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        for left in [*cache.glob(".serve.rsgen-tmp-*"), *cache.glob(".serve.rsgen-old-*")]:
            shutil.rmtree(left, ignore_errors=True)  # from a serve stopped mid-build
        return cache / "serve"
    except OSError:  # held by another serve, or a read-only site
        temp = tempfile.TemporaryDirectory(prefix="rsgen-serve-", ignore_cleanup_errors=True)
        return Path(stack.enter_context(temp)) / "site"


@contextlib.contextmanager
def _sigterm_stops() -> Iterator[None]:
    """SIGTERM stops the server like Ctrl-C does (main thread only: signals live there)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """A second Ctrl-C while shutting down does not interrupt the clean-up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
