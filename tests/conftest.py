"""Shared helpers: small sites written from inline strings into tmp_path, and builds of them."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import json
import os
import shutil
import textwrap
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from chromium import CHROMIUM, CHROMIUM_FLAGS
from playwright.sync_api import Browser, sync_playwright

from rsgen.build import BuildRequest, BuildResult, build
from rsgen.graph import BuildOptions

REPO = Path(__file__).resolve().parent.parent
NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)

SITE_YAML = """\
title: Test Outlet
tagline: Tests of the outlet
base_url: https://news.example.com/
timezone: America/New_York
per_page: 3
keep_reading: 2
sections:
  - {key: world, title: World, description: "Everything abroad"}
  - {key: asia, title: Asia}
  - {key: qiosk, title: QiOSK}
"""


def yaml_value(value: Any) -> str:
    """Inline YAML for a value (JSON is valid YAML)."""
    return json.dumps(value, ensure_ascii=False, default=str)


def front_matter(fields: dict[str, Any]) -> str:
    """A front-matter block; values are written as JSON unless given as raw YAML strings."""
    lines = ["---"]
    for key, value in fields.items():
        if isinstance(value, RawYaml):
            lines.append(f"{key}: {value.text}")
        else:
            lines.append(f"{key}: {yaml_value(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class RawYaml:
    """A front-matter value written as-is (a YAML date, a flow list...)."""

    text: str


class Site:
    """A site folder under tmp_path that tests fill with files and build."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.write("site.yaml", SITE_YAML)
        self.author("ann", "Ann Writer")

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return path

    def article(
        self, name: str, body: str = "A first paragraph.\n\nA second one.\n", **fields: Any
    ) -> Path:
        """content/articles/NAME.md with sensible defaults for the required keys."""
        defaults = {
            "title": name.rsplit("/", 1)[-1].replace("-", " ").title(),
            "date": RawYaml("2026-05-01T09:00:00-04:00"),
            "section": "world",
            "authors": ["ann"],
            "tags": ["General"],
        }
        # defaults first, so the line of each key is known: title 2, date 3, section 4, authors 5
        return self.write(
            f"content/articles/{name}.md", front_matter({**defaults, **fields}) + body
        )

    def author(self, key: str, name: str, bio: str = "Writes things.\n", **fields: Any) -> Path:
        return self.write(f"content/authors/{key}.md", front_matter({"name": name, **fields}) + bio)

    def page(self, slug: str, title: str, body: str = "Page text.\n", **fields: Any) -> Path:
        return self.write(
            f"content/pages/{slug}.md", front_matter({"title": title, **fields}) + body
        )

    def build(self, out: str = "public", **options: Any) -> BuildResult:
        request = BuildRequest(
            site=self.root,
            output=self.root / out,
            options=BuildOptions(now=options.pop("now", NOW), **options),
        )
        return build(request)

    def read(self, rel: str, out: str = "public") -> str:
        return (self.root / out / rel).read_text(encoding="utf-8")

    def outputs(self, out: str = "public") -> list[str]:
        base = self.root / out
        return sorted(p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file())


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path / "site")


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own example site, built once per test session with a fixed clock."""
    out = tmp_path_factory.mktemp("example") / "public"
    build(BuildRequest(site=REPO, output=out, options=BuildOptions(now=NOW)))
    return out


def copy_tree(
    src: Path,
    dst: Path,
    ignore: Iterable[str] = ("public", ".rsgen-cache", ".venv", ".tools", ".git"),
) -> Path:
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(*ignore))
    return dst


VNU_JAR = REPO / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"
AXE_JS = REPO / ".tools/node_modules/axe-core/axe.min.js"
LIGHTHOUSE_CLI = REPO / ".tools/node_modules/lighthouse/cli/index.js"


class _StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site as static hosting does: files as they are, 404.html when missing."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve_folder(root: Path) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 (a free port) serving `root`; yields its base URL."""
    handler = functools.partial(_StaticHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def example_url(example_build: Path) -> Iterator[str]:
    """The example site's build, served over HTTP for the browser tests."""
    with serve_folder(example_build) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, driven by Playwright, for one test module."""
    require(CHROMIUM, "Chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def require(path: Path, what: str) -> Path:
    """A test tool's path; missing, it fails the test in CI (scripts/test.sh installs it), else skips."""
    if path.exists():
        return path
    message = f"{what} is not installed at {path}: run bash scripts/test.sh"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
