"""Which URLs the body's embed syntax knows, in the form an rsgen body writes them.

The table is the one of "In an article's body" (YouTube, Vimeo, X, Bluesky, podcasts and audio,
charts and documents). WordPress stores the same media under other addresses too (player
iframes, `youtube-nocookie.com`, `player.vimeo.com/video/N`, Spotify's `/embed/` pages):
`embed_url` brings those to the table's form, and answers "" for anything else, which then
stays a plain link. Only the table's forms are written, so the build's own matcher, however
strict, accepts every embed the importer writes.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from rsgen.content import match_embed

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com"}
NOCOOKIE_HOSTS = {"youtube-nocookie.com", "www.youtube-nocookie.com"}
TWITTER_HOSTS = {"twitter.com", "www.twitter.com", "mobile.twitter.com", "x.com", "www.x.com"}
STATUS_PATH = re.compile(r"^/([A-Za-z0-9_]{1,15})/status(?:es)?/(\d+)/?$")
BLUESKY_PATH = re.compile(r"^/profile/([A-Za-z0-9._:-]+)/post/([A-Za-z0-9]+)/?$")
SPOTIFY_PATH = re.compile(r"^/(?:embed/)?(episode|show|track)/([A-Za-z0-9]+)/?$")
SOUNDCLOUD_PATH = re.compile(r"^/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+/?$")
DATAWRAPPER_PATH = re.compile(r"^/[A-Za-z0-9]+/(?:\d+/)?$")
FLOURISH_PATH = re.compile(r"^/visualisation/(\d+)/?")
DOCUMENTCLOUD_PATH = re.compile(r"^/documents/(\d+-[A-Za-z0-9-]+)(?:\.html)?/?$")


def embed_url(url: str) -> str:
    """`url` in the embed table's form, or "" when no provider of the table matches it."""
    url = url.strip()
    try:
        parts = urlsplit(url if "://" in url else f"https://{url}")
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https"):
        return ""
    host, path = parts.netloc.lower(), parts.path
    for recognise in (_youtube, _vimeo, _post, _audio, _chart):
        found = recognise(host, path, parts.query)
        if found:  # and what the build embeds (an id of the wrong shape stays a link)
            return found if match_embed(found) is not None else ""
    return ""


def _youtube(host: str, path: str, query: str) -> str:
    video = ""
    if host in YOUTUBE_HOSTS and path in ("/watch", "/watch/"):
        video = (parse_qs(query).get("v") or [""])[0]
    elif host in YOUTUBE_HOSTS | NOCOOKIE_HOSTS and path.startswith(("/embed/", "/v/", "/shorts/")):
        video = path.split("/")[2]
    elif host in ("youtu.be", "www.youtu.be"):
        video = path.strip("/")
    if not YOUTUBE_ID.match(video):
        return ""
    if host in YOUTUBE_HOSTS and path.startswith("/shorts/"):
        return f"https://www.youtube.com/shorts/{video}"
    return f"https://www.youtube.com/watch?v={video}"


def _vimeo(host: str, path: str, query: str) -> str:
    if host in ("vimeo.com", "www.vimeo.com"):
        match = re.match(r"^/(\d+)/?$", path)
    elif host == "player.vimeo.com":
        match = re.match(r"^/video/(\d+)/?$", path)
    else:
        return ""
    return f"https://vimeo.com/{match.group(1)}" if match else ""


def _post(host: str, path: str, query: str) -> str:
    if host in TWITTER_HOSTS:
        match = STATUS_PATH.match(path)
        if match:
            site = "x.com" if host.endswith("x.com") else "twitter.com"
            return f"https://{site}/{match.group(1)}/status/{match.group(2)}"
    if host == "bsky.app":
        match = BLUESKY_PATH.match(path)
        if match:
            return f"https://bsky.app/profile/{match.group(1)}/post/{match.group(2)}"
    return ""


def _audio(host: str, path: str, query: str) -> str:
    if host == "open.spotify.com":
        match = SPOTIFY_PATH.match(path)
        return f"https://open.spotify.com/{match.group(1)}/{match.group(2)}" if match else ""
    if host == "podcasts.apple.com" and len(path.strip("/")) > 0:
        return f"https://podcasts.apple.com{path}" + (f"?{query}" if query else "")
    if host in ("soundcloud.com", "www.soundcloud.com") and SOUNDCLOUD_PATH.match(path):
        return f"https://soundcloud.com{path.rstrip('/')}"
    return ""


def _chart(host: str, path: str, query: str) -> str:
    if host == "datawrapper.dwcdn.net" and DATAWRAPPER_PATH.match(path):
        return f"https://datawrapper.dwcdn.net{path}"
    if host == "public.flourish.studio":
        match = FLOURISH_PATH.match(path)
        return f"https://public.flourish.studio/visualisation/{match.group(1)}/" if match else ""
    if host in ("www.documentcloud.org", "documentcloud.org", "embed.documentcloud.org"):
        match = DOCUMENTCLOUD_PATH.match(path)
        return f"https://www.documentcloud.org/documents/{match.group(1)}" if match else ""
    return ""
