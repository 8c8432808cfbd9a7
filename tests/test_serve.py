"""`rsgen serve`: live reload in real Chromium, errors in the page, safe paths, binding, 404s,
concurrency, Ctrl-C; and the watcher's batching and classification."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from chromium import CHROMIUM, CHROMIUM_FLAGS

from conftest import Site, require
from rsgen.serve.livereload import live_snippet
from rsgen.serve.server import PreviewServer, RebuildOutcome, request_parts
from rsgen.serve.watch import Change, ChangeBatch, Kind, Watcher, classify, is_editor_junk

URL_LINE = re.compile(r"Serving .* at (http://([\d.]+):(\d+)/)")


class Served:
    """`rsgen serve SITE --port 0 ARGS` in a subprocess; its output collected line by line."""

    def __init__(self, site: Path, *args: str) -> None:
        command = [sys.executable, "-c", "from rsgen.cli import main; main()", "serve", str(site)]
        self.process = subprocess.Popen(
            [*command, "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self._changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        match = self.wait_for(URL_LINE, 30)
        self.url, self.host, self.port = match[1], match[2], int(match[3])

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._changed:
                self.lines.append(line)
                self._changed.notify_all()

    @property
    def output(self) -> str:
        with self._changed:
            return "".join(self.lines)

    def wait_for(self, pattern: re.Pattern[str], timeout: float = 10) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for line in self.lines:
                    if found := pattern.search(line):
                        return found
                left = deadline - time.monotonic()
                if left <= 0 or self.process.poll() is not None:
                    pytest.fail(f"no line matching {pattern.pattern!r} in:\n{''.join(self.lines)}")
                self._changed.wait(min(left, 0.1))

    def stop(self) -> tuple[int, float]:
        """SIGINT; the exit status and how long the process took to end."""
        started = time.monotonic()
        self.process.send_signal(signal.SIGINT)
        try:
            status = self.process.wait(timeout=5)
        finally:
            if self.process.poll() is None:
                self.process.kill()
        return status, time.monotonic() - started


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture(scope="module")
def site_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A small site written inline (the example site's first build makes image variants: slow)."""
    site = Site(tmp_path_factory.mktemp("serve") / "site")
    for i, section in enumerate(["world", "asia", "world", "qiosk", "asia", "world"]):
        site.article(f"story-{i}", section=section, tags=["General", f"Tag {i % 3}"])
    site.page("about", "About us")
    site.write("static/favicon.ico", "")
    (site.root / "static/images").mkdir()
    (site.root / "static/images/dot.png").write_bytes(PNG)
    served = Served(site.root)
    yield served
    served.stop()


def raw_get(
    port: int, target: str, method: str = "GET", host: str = ""
) -> tuple[int, dict[str, str], bytes]:
    """A request sent byte for byte (http.client and urllib would normalise some paths)."""
    host = host or f"127.0.0.1:{port}"
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        request = f"{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        sock.sendall(request.encode("latin-1"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, body


# -- in the browser ---------------------------------------------------------------------------


def save_by_replace(path: Path, text: str) -> None:
    """How many editors save: a temporary file beside the real one, renamed over it."""
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


@pytest.mark.browser
def test_an_open_page_follows_edits_errors_and_restarts(site: Site) -> None:
    require(CHROMIUM, "Chromium")
    from playwright.sync_api import expect, sync_playwright

    source = site.article("piece", title="First title")
    site.article("other", title="Another story")
    site.write("static/favicon.ico", "")  # the theme links one; a 404 would be a console error
    served = Served(site.root)
    problems: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
            page = browser.new_page()
            page.on("pageerror", lambda err: problems.append(f"pageerror: {err}"))
            page.on(
                "console",
                lambda m: m.type == "error" and problems.append(f"{m.text} {m.location['url']}"),
            )
            page.goto(served.url + "world/piece/")
            heading = page.locator("main h1")
            expect(heading).to_have_text("First title")

            source.write_text(source.read_text().replace("First title", "Second title"))
            expect(heading).to_have_text("Second title", timeout=5000)
            served.wait_for(re.compile(r"piece\.md changed: rebuilt [\d of]+ pages in [\d.]+ s"))

            save_by_replace(source, source.read_text().replace('"world"', '"nowhere"'))
            overlay = page.locator("#rsgen-errors")
            expect(overlay).to_contain_text(
                "content/articles/piece.md:4: unknown section 'nowhere'", timeout=5000
            )
            expect(heading).to_have_text("Second title")  # the last good page, under the overlay
            second = browser.new_page()  # a page opened while the site is broken shows it too
            second.goto(served.url + "world/other/")
            expect(second.locator("#rsgen-errors")).to_contain_text("piece.md:4")
            second.close()

            fixed = source.read_text().replace('"nowhere"', '"world"')
            save_by_replace(source, fixed.replace("Second title", "Fixed title"))
            expect(heading).to_have_text("Fixed title", timeout=5000)
            expect(overlay).to_have_count(0)

            port = served.port
            assert served.stop()[0] in (0, 130)
            served = Served(site.root, "--port", str(port))  # the page reconnects by itself
            source.write_text(source.read_text().replace("Fixed title", "After restart"))
            expect(heading).to_have_text("After restart", timeout=8000)
            browser.close()
    finally:
        served.stop()
    # the restart cuts requests in flight (a favicon: an empty response) and refuses
    # reconnections for a moment
    cut = ("net::ERR_CONNECTION_", "net::ERR_EMPTY_RESPONSE")
    assert [m for m in problems if not any(c in m for c in cut)] == []


@pytest.mark.browser
def test_only_pages_a_rebuild_changed_reload_and_problems_are_text(tmp_path: Path) -> None:
    require(CHROMIUM, "Chromium")
    from playwright.sync_api import expect, sync_playwright

    def write(name: str, text: str) -> None:
        (tmp_path / name).mkdir(exist_ok=True)
        (tmp_path / name / "index.html").write_text(f"<html><body><h1>{text}</h1></body></html>")

    write("a", "a 1")
    write("b", "b 1")
    next_outcome = [RebuildOutcome(pages=2)]
    server = PreviewServer(tmp_path, lambda changes: next_outcome[0], log=lambda line: None)
    server.rebuild(None)
    server.start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
            a, b = browser.new_page(), browser.new_page()
            for page, name in ((a, "a"), (b, "b")):
                page.goto(f"{server.url}{name}/")
                page.evaluate("window.kept = true")
            while server.state.listeners < 2:
                time.sleep(0.02)

            write("a", "a 2")
            write("b", "b 2")
            next_outcome[0] = RebuildOutcome(pages=2, changed=("a/index.html", "feed.xml"))
            server.rebuild(None)
            expect(a.locator("h1")).to_have_text("a 2")
            time.sleep(0.3)
            assert b.evaluate("window.kept") is True  # b/index.html did not change

            next_outcome[0] = RebuildOutcome(problems=("x.md:1: <b>bold</b> & more",))
            server.rebuild(None)
            expect(b.locator("#rsgen-errors li")).to_have_text("x.md:1: <b>bold</b> & more")
            assert b.locator("#rsgen-errors b").count() == 0

            write("a", "a 3")
            next_outcome[0] = RebuildOutcome(pages=2, changed=("css/site.css",))
            server.rebuild(None)  # a file every page loads: all of them reload
            expect(b.locator("h1")).to_have_text("b 2")
            expect(b.locator("#rsgen-errors")).to_have_count(0)
            expect(a.locator("h1")).to_have_text("a 3")
            browser.close()
    finally:
        server.close()


# -- HTTP -------------------------------------------------------------------------------------


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[PreviewServer]:
    """An in-process server on a folder with a secret beside it, and a rebuild that succeeds."""
    root = tmp_path / "out"
    (root / "world/piece").mkdir(parents=True)
    (root / "index.html").write_text("<!DOCTYPE html><html><body><h1>Home</h1></body></html>")
    (root / "world/piece/index.html").write_text("<html><body>Piece</body></html>")
    (root / "404.html").write_text("<html><body><h1>Not here</h1></body></html>")
    (root / "style.css").write_text("body{}")
    (tmp_path / "site.yaml").write_text("title: SECRET-SETTINGS\n")
    (root / "escape").symlink_to(tmp_path / "site.yaml")
    log: list[str] = []
    server = PreviewServer(root, lambda changes: RebuildOutcome(pages=4), log=log.append)
    server.rebuild(None)
    server.start()
    yield server
    server.close()
    assert not [line for line in log if "internal error" in line], log


TRAVERSALS = [
    "/../site.yaml",
    "/%2e%2e/site.yaml",
    "/%2E%2E/site.yaml",
    "/.%2e/site.yaml",
    "/..%2fsite.yaml",
    "/%2e%2e%2fsite.yaml",
    "/world/../../site.yaml",
    "/./../site.yaml",
    "/..\\site.yaml",
    "/%5c..%5csite.yaml",
    "/..%5csite.yaml",
    "//etc/passwd",
    "/%2fetc/passwd",
    "/%00",
    "/index.html%00.css",
    "/escape",
    "/%ff%fe",
    "http://x/../site.yaml",
    "../site.yaml",
]


def test_paths_outside_the_output_are_never_served(preview: PreviewServer) -> None:
    port = preview.address[1]
    for target in TRAVERSALS:
        status, _, body = raw_get(port, target)
        assert status != 200 and b"SECRET" not in body and b"root:" not in body, target
    assert raw_get(port, "/style.css")[0] == 200
    assert request_parts("/a/b/") == ["a", "b", ""]
    assert request_parts("/a%20b/") == ["a b", ""]
    assert all(request_parts(t) is None for t in ("/a//b", "/a/../b", "/%2e", "a/b"))


def test_html_is_served_with_the_live_script_and_the_build_is_not_touched(
    preview: PreviewServer,
) -> None:
    status, headers, body = raw_get(preview.address[1], "/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-store"
    assert body.index(b"/__rsgen/events") < body.rindex(b"</body>")
    assert "__rsgen" not in (preview.root / "index.html").read_text()
    status, headers, body = raw_get(preview.address[1], "/style.css")
    assert headers["content-type"] == "text/css; charset=utf-8" and body == b"body{}"
    status, headers, body = raw_get(preview.address[1], "/style.css", "HEAD")
    assert status == 200 and headers["content-length"] == "6" and body == b""


def test_a_failed_rebuild_keeps_the_pages_and_shows_escaped_problems(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<html><body>Good</body></html>")
    outcomes = iter([RebuildOutcome(pages=1), RebuildOutcome(problems=("a.md:3: bad </script>",))])
    server = PreviewServer(tmp_path, lambda changes: next(outcomes), log=lambda line: None)
    server.rebuild(None)
    server.rebuild(ChangeBatch(frozenset({Change(Kind.CONTENT, "a.md")})))
    server.start()
    try:
        status, _, body = raw_get(server.address[1], "/")
        assert status == 200 and b"Good" in body
        assert b"a.md:3: bad \\u003c/script\\u003e" in body and body.count(b"</script>") == 1
    finally:
        server.close()
    assert b"</script" not in live_snippet("b", ("</script><b>",)).split(b"</script>")[0][8:]


def test_an_internal_error_is_a_problem_in_the_page_not_a_dead_server(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<html><body>Good</body></html>")
    calls = iter([RebuildOutcome(pages=1), None])

    def rebuild(changes: ChangeBatch | None) -> RebuildOutcome:
        outcome = next(calls)
        if outcome is None:
            raise RuntimeError("boom")
        return outcome

    log: list[str] = []
    server = PreviewServer(tmp_path, rebuild, log=log.append)
    server.rebuild(None)
    assert server.rebuild(None).problems == ("internal error: RuntimeError: boom",)
    server.start()
    try:
        status, _, body = raw_get(server.address[1], "/")
        assert status == 200 and b"Good" in body and b"RuntimeError: boom" in body
        assert raw_get(server.address[1], "/")[0] == 200
    finally:
        server.close()
    assert "internal error: RuntimeError: boom" in log


def test_event_streams_of_closed_pages_are_dropped(preview: PreviewServer) -> None:
    sock = socket.create_connection(preview.address, timeout=5)
    sock.sendall(
        f"GET /__rsgen/events HTTP/1.1\r\nHost: localhost:{preview.address[1]}\r\n\r\n".encode()
    )
    assert b"text/event-stream" in sock.recv(4096)
    assert preview.state.listeners == 1
    sock.close()
    deadline = time.monotonic() + 5
    while preview.state.listeners and time.monotonic() < deadline:
        preview.rebuild(None)  # each rebuild writes to every stream; a closed one fails
        time.sleep(0.05)
    assert preview.state.listeners == 0


def test_two_servers_in_one_process_and_loopback_by_default(tmp_path: Path) -> None:
    servers = [PreviewServer(tmp_path, lambda changes: RebuildOutcome()) for _ in range(2)]
    try:
        assert [s.address[0] for s in servers] == ["127.0.0.1", "127.0.0.1"]
        assert servers[0].address[1] != servers[1].address[1]
    finally:
        for server in servers:
            server.close()


def test_the_command_binds_loopback_by_default(site_server: Served) -> None:
    assert site_server.host == "127.0.0.1"
    listening = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        if state == "0A":  # LISTEN
            address, port = local.split(":")
            listening.add((address, int(port, 16)))
    assert ("0100007F", site_server.port) in listening  # 127.0.0.1, little-endian hex
    assert ("00000000", site_server.port) not in listening


def test_missing_pages_get_the_404_page_and_folders_their_slash(site_server: Served) -> None:
    status, headers, body = raw_get(site_server.port, "/no-such-story/")
    assert status == 404 and headers["content-type"].startswith("text/html")
    assert b"404" in body and b"/__rsgen/events" in body
    status, headers, _ = raw_get(site_server.port, "/world?page=2")
    assert status == 301 and headers["location"] == "/world/?page=2"
    status, headers, _ = raw_get(site_server.port, "/world/story-0")
    assert status == 301 and headers["location"] == "/world/story-0/"
    for target, kind in [
        ("/feed.xml", "application/xml; charset=utf-8"),
        ("/site.webmanifest", "application/manifest+json; charset=utf-8"),
        ("/favicon.ico", "image/x-icon"),
        ("/images/dot.png", "image/png"),
        ("/css/site.css", "text/css; charset=utf-8"),
        ("/world/", "text/html; charset=utf-8"),
        ("/world/story-0/", "text/html; charset=utf-8"),
    ]:
        status, headers, _ = raw_get(site_server.port, target, "HEAD")
        assert (status, headers["content-type"]) == (200, kind), target


def test_200_requests_from_32_concurrent_clients(site_server: Served) -> None:
    targets = ["/", "/world/", "/world/story-2/", "/css/site.css", "/feed.xml", "/tags/"]

    def fetch(i: int) -> tuple[int, int]:
        connection = http.client.HTTPConnection("127.0.0.1", site_server.port, timeout=10)
        try:
            connection.request("GET", targets[i % len(targets)])
            response = connection.getresponse()
            return response.status, len(response.read())
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=32) as pool:
        results = list(pool.map(fetch, range(200)))
    assert all(status == 200 and size > 0 for status, size in results)


def test_ctrl_c_stops_cleanly_within_a_second(tmp_path: Path) -> None:
    site = Site(tmp_path / "site")
    site.article("piece")
    served = Served(site.root)
    events = socket.create_connection(("127.0.0.1", served.port))  # an open event stream
    events.sendall(
        f"GET /__rsgen/events HTTP/1.1\r\nHost: localhost:{served.port}\r\n\r\n".encode()
    )
    idle = http.client.HTTPConnection("127.0.0.1", served.port)  # an idle keep-alive one
    idle.request("GET", "/")
    idle.getresponse().read()
    status, seconds = served.stop()
    assert status in (0, 130) and seconds < 2
    assert "Traceback" not in served.output and served.output.rstrip().endswith("Stopped.")
    events.close()
    idle.close()


def wait_for_children(pid: int, timeout: float) -> bool:
    """Wait until the process has child processes (a rebuild's workers), Linux only."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for children in Path(f"/proc/{pid}/task").glob("*/children"):  # any thread's
            try:
                if children.read_text().split():
                    return True
            except OSError:  # the thread ended meanwhile
                continue
        time.sleep(0.01)
    return False


def test_ctrl_c_in_the_terminal_during_a_rebuild_stops_at_once(tmp_path: Path) -> None:
    """Ctrl-C reaches the server and its worker processes (one process group) mid-rebuild;
    the server must still stop at once, without a traceback, and start again."""
    site = Site(tmp_path / "site")
    for i in range(600):  # enough that rebuilds use worker processes
        site.article(f"piece-{i}", tags=[f"Tag {i % 40}", "Common"])

    def start() -> tuple[subprocess.Popen[str], list[str]]:
        process = subprocess.Popen(
            [sys.executable, "-m", "rsgen", "serve", str(site.root), "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # its own process group, as in a terminal
        )
        lines: list[str] = []
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if URL_LINE.search(line):
                return process, lines
        pytest.fail("serve did not start:\n" + "".join(lines))

    process, lines = start()
    settings = site.root / "site.yaml"
    settings.write_text(settings.read_text().replace("Test Outlet", "Renamed Outlet"))
    assert wait_for_children(process.pid, timeout=10), "the rebuild started no workers"
    started = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)
    try:
        rest, _ = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert time.monotonic() - started < 2.5
    output = "".join(lines) + rest
    assert "Traceback" not in output and "Stopped." in output, output
    process, lines = start()  # and the next start builds and serves as usual
    os.killpg(process.pid, signal.SIGINT)
    assert process.wait(timeout=10) in (0, 130)
    assert not list((site.root / ".rsgen-cache").glob(".serve.rsgen-*"))


# -- watching ---------------------------------------------------------------------------------


def test_changes_are_classified_and_editor_junk_ignored(tmp_path: Path) -> None:
    def kind(rel: str) -> Kind | None:
        change = classify(tmp_path, tmp_path / rel, ignore=[tmp_path / "content/out"])
        return change.kind if change else None

    assert kind("site.yaml") == Kind.SETTINGS
    assert kind("content/articles/2026/x.md") == Kind.CONTENT
    assert kind("templates/article.html") == Kind.TEMPLATES
    assert kind("static/css/site.css") == Kind.STATIC
    for rel in ("public/index.html", ".rsgen-cache/x", "content/.rsgen-cache/y", "README.md"):
        assert kind(rel) is None, rel
    assert kind("content/out/index.html") is None
    for name in (".#x.md", "x.md~", ".x.md.swp", ".x.md.swx", "4913", "#x.md#"):
        assert is_editor_junk(name) and kind(f"content/{name}") is None, name
    assert not is_editor_junk("x.md") and not is_editor_junk("2026-report.md")


def test_a_save_is_one_batch_whatever_the_editor_does(tmp_path: Path) -> None:
    for folder in ("content/articles", "static"):
        (tmp_path / folder).mkdir(parents=True)
    article = tmp_path / "content/articles/x.md"
    article.write_text("old")
    batches: list[ChangeBatch] = []
    arrived = threading.Event()

    def on_batch(batch: ChangeBatch) -> None:
        batches.append(batch)
        arrived.set()

    watcher = Watcher(tmp_path, on_batch, window=0.1)
    watcher.start()
    try:

        def expect_batch(action: Callable[[], None], paths: tuple[str, ...]) -> None:
            arrived.clear()
            batches.clear()
            action()
            assert arrived.wait(3), "no batch"
            time.sleep(0.3)
            assert [b.paths() for b in batches] == [paths]

        def vim_save() -> None:  # Vim: probe file, backup by rename, write anew, drop backup
            probe = article.with_name("4913")
            probe.write_text("")
            probe.unlink()
            article.rename(article.with_name("x.md~"))
            article.write_text("new")
            article.with_name("x.md~").unlink()
            article.with_name(".x.md.swp").write_text("swap")

        def truncate_then_write() -> None:
            with article.open("w") as file:
                file.flush()
                time.sleep(0.02)
                file.write("newer")

        expect_batch(vim_save, ("content/articles/x.md",))
        expect_batch(truncate_then_write, ("content/articles/x.md",))
        expect_batch(lambda: save_by_replace(tmp_path / "site.yaml", "x"), ("site.yaml",))
        expect_batch(lambda: (tmp_path / "templates").mkdir(), ("templates",))
        expect_batch(
            lambda: (tmp_path / "templates/base.html").write_text("t"), ("templates/base.html",)
        )
        assert batches[0].kinds == {Kind.TEMPLATES}
        assert batches[0].describe() == "templates/base.html changed"
    finally:
        watcher.stop()
