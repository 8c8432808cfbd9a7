"""Live reload for `rsgen serve`: what open pages are told, and the script that listens.

Served HTML pages get `live_snippet()` before `</body>` (never the built files). The script
listens on a server-sent-events stream; `LiveState` broadcasts on it: `reload` after a good
rebuild (with the output paths that changed, so only pages made from them reload) and
`error` with every `PATH:LINE: message` after a failed one, shown as an overlay over the
last good page until the next good save.
"""

from __future__ import annotations

import json
import queue
import secrets
import threading
from pathlib import Path
from typing import Any

EVENTS_PATH = "/__rsgen/events"


MAX_RELOAD_PATHS = 500
PAGE_ONLY_SUFFIXES = {".html", ".xml", ".txt", ""}  # files no page loads: feeds, robots, _redirects


def reload_paths(changed: tuple[str, ...] | None) -> list[str] | None:
    """The pages to reload after a rebuild, or None for every page.

    Every page reloads when what changed is not known, when it includes a file pages load
    (CSS, scripts, images), or when it is too long a list to send.
    """
    if changed is None or len(changed) > MAX_RELOAD_PATHS:
        return None
    if any(Path(rel).suffix.lower() not in PAGE_ONLY_SUFFIXES for rel in changed):
        return None
    return [rel for rel in changed if rel.endswith(".html")]


def sse(event: str, data: dict[str, Any]) -> bytes:
    """One server-sent event (JSON has no newlines, so one data line)."""
    return f"event: {event}\ndata: {json.dumps(data)}\n\n".encode()


class LiveState:
    """The last good build, the problems of the last rebuild, and the pages listening."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._instance = secrets.token_hex(4)  # a restarted server makes open pages reload
        self._good = 0
        self.build_id = ""  # "" until the first good build
        self.problems: tuple[str, ...] = ()
        self._listeners: set[queue.SimpleQueue[bytes | None]] = set()
        self._closed = False

    def snapshot(self) -> tuple[str, tuple[str, ...]]:
        with self._lock:
            return self.build_id, self.problems

    def succeeded(self, changed: tuple[str, ...] | None = None) -> None:
        """A good build is in place: pages showing one of `changed` reload (None: all do)."""
        with self._lock:
            self._good += 1
            self.build_id = f"{self._instance}-{self._good}"
            self.problems = ()
            self._broadcast(sse("reload", {"build": self.build_id, "paths": reload_paths(changed)}))

    def failed(self, problems: tuple[str, ...]) -> None:
        with self._lock:
            self.problems = problems
            self._broadcast(sse("error", {"problems": list(problems)}))

    def greeting(self) -> bytes:
        """What a page hears on connecting: the current build (reload if newer), any problems."""
        with self._lock:
            text = sse("reload", {"build": self.build_id, "paths": None})
            if self.problems:
                text += sse("error", {"problems": list(self.problems)})
            return text

    def listen(self) -> queue.SimpleQueue[bytes | None]:
        listener: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        with self._lock:
            if self._closed:
                listener.put(None)
            else:
                self._listeners.add(listener)
        return listener

    def unlisten(self, listener: queue.SimpleQueue[bytes | None]) -> None:
        with self._lock:
            self._listeners.discard(listener)

    @property
    def listeners(self) -> int:
        with self._lock:
            return len(self._listeners)

    def close(self) -> None:
        """End every event stream."""
        with self._lock:
            self._closed = True
            self._broadcast(None)
            self._listeners.clear()

    def _broadcast(self, message: bytes | None) -> None:
        for listener in self._listeners:
            listener.put(message)


LIVE_SCRIPT = """(function () {
  "use strict";
  var cfg = %s, box = null, source = null, timer = null;
  function hide() { if (box) { box.remove(); box = null; } }
  function show(problems) {
    hide();
    if (!problems || !problems.length) { return; }
    box = document.createElement("div");
    box.id = "rsgen-errors";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;z-index:2147483647;left:1rem;right:1rem;bottom:1rem;" +
      "max-height:60vh;overflow:auto;margin:0;padding:1rem 1.25rem;background:#fff4f4;" +
      "color:#6b0000;border:2px solid #c00;border-radius:6px;box-shadow:0 6px 30px rgba(0,0,0,.35);" +
      "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left";
    var head = document.createElement("p");
    head.style.cssText = "margin:0 0 .5em;font-weight:bold";
    head.textContent = "rsgen: the site has errors; this is the last good version of the page.";
    var list = document.createElement("ul");
    list.style.cssText = "margin:0;padding-left:1.25em;white-space:pre-wrap";
    problems.forEach(function (p) {
      var item = document.createElement("li");
      item.textContent = String(p);
      list.appendChild(item);
    });
    box.appendChild(head);
    box.appendChild(list);
    (document.body || document.documentElement).appendChild(box);
  }
  function parse(e) { try { return JSON.parse(e.data); } catch (err) { return null; } }
  function connect() {
    timer = null;
    if (!window.EventSource) { return; }
    source = new EventSource(cfg.events);
    source.addEventListener("reload", function (e) {
      var data = parse(e);
      if (!data || !data.build || data.build === cfg.build) { return; }
      hide();
      var mine = !cfg.build || !data.paths || data.paths.some(function (p) {
        return cfg.files.indexOf(p) >= 0;
      });
      if (mine) { source.close(); location.reload(); } else { cfg.build = data.build; }
    });
    source.addEventListener("error", function (e) {
      if (typeof e.data === "string") { var data = parse(e); if (data) { show(data.problems); } return; }
      if (source.readyState === 2 && !timer) { timer = setTimeout(connect, 1000); }
    });
  }
  window.addEventListener("pagehide", function () { if (source) { source.close(); } });
  window.addEventListener("pageshow", function (e) { if (e.persisted) { connect(); } });
  show(cfg.problems);
  connect();
})();"""


def live_snippet(build_id: str, problems: tuple[str, ...], files: tuple[str, ...] = ()) -> bytes:
    """The script added before `</body>`: its state as JSON that cannot close the script.

    `files` are the output paths whose change reloads this page (what it was served from).
    """
    data = {"build": build_id, "problems": list(problems), "files": list(files)}
    config = json.dumps(data | {"events": EVENTS_PATH})
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        config = config.replace(char, escape)
    config = config.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"<script>{LIVE_SCRIPT % config}</script>\n".encode()


def inject(html: bytes, snippet: bytes) -> bytes:
    """`snippet` before the last `</body>` (at the end when there is none)."""
    at = html.lower().rfind(b"</body")
    return html + snippet if at < 0 else html[:at] + snippet + html[at:]


NOT_BUILT_PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>rsgen serve: the site has errors</title></head>
<body style="font:16px/1.5 system-ui,sans-serif;margin:2rem">
<h1>The site has not built yet</h1>
<p>Fix the problems listed below and save: this page reloads by itself.</p>
</body></html>
"""
