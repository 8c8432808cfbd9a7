"""Links and media in imported bodies, pointed at the new site.

A link to another imported post or page (by its old permalink, an earlier slug, or WordPress's
`?p=ID` / `?page_id=ID`) becomes the new root-relative URL, so readers skip the redirect and
`rsgen check` can verify it; a link to a category archive becomes its section's page. An
uploads URL becomes the copy in static/ when `--media` has the file. Everything else, drafts'
URLs included (they will not be built), is left as written.
"""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

from rsgen.importing.media import MediaLibrary, uploads_path
from rsgen.importing.permalinks import OldSite
from rsgen.importing.plan import Plan


class LinkRewriter:
    """The `Rewriter` of html_to_markdown for one import."""

    def __init__(
        self, site: OldSite, plan: Plan, root: str, media: MediaLibrary, section_of: dict[str, str]
    ) -> None:
        self.site = site
        self.plan = plan
        self.root = root  # the new site's root path, "/" or "/news/"
        self.library = media
        self.section_of = section_of  # category slug → section key

    def link(self, href: str) -> str:
        """A body link's URL in the new site."""
        path = self.site.site_path(href)
        if path is None:
            return href
        if uploads_path(href):
            return self.media(href)
        fragment = urlsplit(href).fragment
        target = self._target(path)
        if target is None:
            return href
        return self.root + target + (f"#{fragment}" if fragment else "")

    def _target(self, path: str) -> str | None:
        location, _, query = path.partition("?")
        if query:
            ids = parse_qs(query)
            for key in ("p", "page_id"):
                value = (ids.get(key) or [""])[0]
                if value.isdigit():
                    return self.plan.url_of_id(int(value))
            return None
        decoded = unquote(location)
        if not decoded.endswith(("/", ".html")):
            decoded += "/"
        found = self.plan.by_old_path.get(decoded)
        if found is not None:
            return found
        parts = decoded.strip("/").split("/")
        if len(parts) == 2 and parts[0] == "category" and parts[1] in self.section_of:
            return f"{self.section_of[parts[1]]}/"
        return None

    def media(self, src: str) -> str:
        """An image, video or audio URL in the new site: the local copy when there is one."""
        relative = uploads_path(src)
        ours = self.site.site_path(src) is not None or ".files.wordpress.com" in src
        local = self.library.local(relative) if relative and ours else ""
        return self.root + local.lstrip("/") if local else src
