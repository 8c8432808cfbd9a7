"""Which URLs are embeds: the providers rsgen knows, each a few URL patterns, matched offline.

A URL is an embed when it matches one of its provider's patterns exactly (scheme http or
https, the host as the provider spells it, an id of the right shape); anything else, a typo
in an id included, is not an embed and stays a link. Nothing is fetched: the player or frame
address is built from the id alone, so the same Markdown always gives the same page.

| provider | kind | URLs (host with or without `www.` where the provider allows it) |
| --- | --- | --- |
| YouTube | video | `youtube.com/watch?v=ID`, `youtu.be/ID`, `youtube.com/shorts/ID`, `youtube.com/embed/ID` (`t=` kept as the start) |
| Vimeo | video | `vimeo.com/NUMBER` |
| X | post | `x.com/USER/status/NUMBER`, `twitter.com/USER/status/NUMBER` |
| Bluesky | post | `bsky.app/profile/HANDLE/post/ID` (a handle or DID; ID a record key) |
| Spotify | audio | `open.spotify.com/(episode|show|track)/ID` |
| Apple Podcasts | audio | `podcasts.apple.com/CC/podcast/NAME/idNUMBER` (`?i=NUMBER` for an episode) |
| SoundCloud | audio | `soundcloud.com/USER/TRACK` |
| Datawrapper | chart | `datawrapper.dwcdn.net/ID/` (and `ID/VERSION/`) |
| Flourish | chart | `public.flourish.studio/visualisation/NUMBER/` |
| DocumentCloud | document | `www.documentcloud.org/documents/ID-SLUG` |
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit


@dataclass(frozen=True)
class Match:
    """What a URL says about its embed: provider, kind, the provider's page, the frame."""

    provider: str
    kind: str
    link: str
    frame: str
    what: str  # how a title names it: "video", "post by @user", "episode", "chart"
    height: int


@dataclass(frozen=True)
class Pattern:
    """One URL form of a provider: its hosts, a regular expression for the path (and query),
    and how the match becomes an embed."""

    provider: str
    hosts: frozenset[str]
    path: re.Pattern[str]
    make: Callable[[re.Match[str], str], Match | None]


YOUTUBE_ID = r"(?P<id>[A-Za-z0-9_-]{11})"
PROVIDERS = (
    "YouTube",
    "Vimeo",
    "X",
    "Bluesky",
    "Spotify",
    "Apple Podcasts",
    "SoundCloud",
    "Datawrapper",
    "Flourish",
    "DocumentCloud",
)


def _youtube(found: re.Match[str], query: str) -> Match | None:
    params = parse_qs(query)
    video = found.group("id") if "id" in found.groupdict() and found.group("id") else ""
    if not video:  # /watch?v=ID
        values = params.get("v", [])
        if len(values) != 1 or not re.fullmatch(YOUTUBE_ID, values[0]):
            return None
        video = values[0]
    start = _seconds((params.get("t") or params.get("start") or [""])[0])
    return Match(
        "YouTube",
        "video",
        f"https://www.youtube.com/watch?v={video}" + (f"&t={start}s" if start else ""),
        f"https://www.youtube-nocookie.com/embed/{video}?autoplay=1"
        + (f"&start={start}" if start else ""),
        "video",
        0,
    )


START = re.compile(r"(?:(\d{1,2})h)?(?:(\d{1,3})m)?(?:(\d{1,5})s?)?")


def _seconds(text: str) -> int:
    """A start time as YouTube writes it (`t=90`, `t=90s`, `t=1m30s`) in seconds; 0 if none."""
    found = START.fullmatch(text)
    if not text or found is None:
        return 0
    hours, minutes, seconds = (int(part or 0) for part in found.groups())
    return hours * 3600 + minutes * 60 + seconds


def _vimeo(found: re.Match[str], query: str) -> Match:
    number = found.group("id")
    return Match(
        "Vimeo",
        "video",
        f"https://vimeo.com/{number}",
        f"https://player.vimeo.com/video/{number}?autoplay=1&dnt=1",
        "video",
        0,
    )


def _x(found: re.Match[str], query: str) -> Match:
    user, number = found.group("user"), found.group("id")
    return Match("X", "post", f"https://x.com/{user}/status/{number}", "", f"post by @{user}", 0)


def _bluesky(found: re.Match[str], query: str) -> Match:
    handle, post = found.group("user"), found.group("id")
    link = f"https://bsky.app/profile/{handle}/post/{post}"
    who = handle if handle.startswith("did:") else f"@{handle}"
    return Match("Bluesky", "post", link, "", f"post by {who}", 0)


def _spotify(found: re.Match[str], query: str) -> Match:
    kind, item = found.group("kind"), found.group("id")
    height = 152 if kind != "show" else 232
    return Match(
        "Spotify",
        "audio",
        f"https://open.spotify.com/{kind}/{item}",
        f"https://open.spotify.com/embed/{kind}/{item}",
        kind,
        height,
    )


def _apple(found: re.Match[str], query: str) -> Match | None:
    path = found.group(0)
    episode = parse_qs(query).get("i", [])
    if episode and (len(episode) != 1 or not episode[0].isdigit()):
        return None
    suffix = f"?i={episode[0]}" if episode else ""
    return Match(
        "Apple Podcasts",
        "audio",
        f"https://podcasts.apple.com{path}{suffix}",
        f"https://embed.podcasts.apple.com{path}{suffix}",
        "episode" if episode else "show",
        175 if episode else 450,
    )


def _soundcloud(found: re.Match[str], query: str) -> Match | None:
    user, track = found.group("user"), found.group("id")
    if user.lower() in SOUNDCLOUD_PAGES or track.lower() in SOUNDCLOUD_PAGES:
        return None  # soundcloud.com/discover/sets, soundcloud.com/USER/tracks: not a track
    link = f"https://soundcloud.com/{user}/{track}"
    return Match(
        "SoundCloud",
        "audio",
        link,
        f"https://w.soundcloud.com/player/?url={quote(link, safe='')}&visual=false",
        "track",
        166,
    )


SOUNDCLOUD_PAGES = frozenset(
    {"discover", "stream", "search", "upload", "you", "tracks", "sets", "albums", "reposts"}
    | {"likes", "followers", "following", "popular-tracks", "playlists", "comments"}
)


def _datawrapper(found: re.Match[str], query: str) -> Match:
    chart, version = found.group("id"), found.group("version")
    path = f"{chart}/{version}/" if version else f"{chart}/"
    return Match(
        "Datawrapper",
        "chart",
        f"https://datawrapper.dwcdn.net/{path}",
        f"https://datawrapper.dwcdn.net/{path}",
        "chart",
        400,
    )


def _flourish(found: re.Match[str], query: str) -> Match:
    number = found.group("id")
    return Match(
        "Flourish",
        "chart",
        f"https://public.flourish.studio/visualisation/{number}/",
        # `auto` asks the chart to report its height (the theme's script sets it)
        f"https://flo.uri.sh/visualisation/{number}/embed?auto=1",
        "chart",
        500,
    )


def _documentcloud(found: re.Match[str], query: str) -> Match:
    name = f"{found.group('id')}-{found.group('slug')}"
    return Match(
        "DocumentCloud",
        "document",
        f"https://www.documentcloud.org/documents/{name}",
        f"https://embed.documentcloud.org/documents/{name}/?embed=1&responsive=1&title=1",
        "document",
        600,
    )


def _hosts(*names: str) -> frozenset[str]:
    return frozenset(names)


YOUTUBE = _hosts("youtube.com", "www.youtube.com", "m.youtube.com")
PATTERNS = (
    Pattern("YouTube", YOUTUBE, re.compile(r"/watch/?"), _youtube),
    Pattern("YouTube", YOUTUBE, re.compile(rf"/(?:shorts|embed)/{YOUTUBE_ID}/?"), _youtube),
    Pattern("YouTube", _hosts("youtu.be"), re.compile(rf"/{YOUTUBE_ID}/?"), _youtube),
    Pattern(
        "Vimeo", _hosts("vimeo.com", "www.vimeo.com"), re.compile(r"/(?P<id>\d{1,12})/?"), _vimeo
    ),
    Pattern(
        "X",
        _hosts("x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com"),
        re.compile(r"/(?P<user>[A-Za-z0-9_]{1,15})/status/(?P<id>\d{1,20})/?"),
        _x,
    ),
    Pattern(
        "Bluesky",
        _hosts("bsky.app"),
        re.compile(
            r"/profile/(?P<user>did:plc:[a-z2-7]{24}|(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})"
            # a record key as the AT Protocol defines it (posts have 13-character TIDs)
            r"/post/(?P<id>(?!\.\.?/?$)[A-Za-z0-9._:~-]{1,512})/?"
        ),
        _bluesky,
    ),
    Pattern(
        "Spotify",
        _hosts("open.spotify.com"),
        re.compile(r"/(?P<kind>episode|show|track)/(?P<id>[A-Za-z0-9]{22})/?"),
        _spotify,
    ),
    Pattern(
        "Apple Podcasts",
        _hosts("podcasts.apple.com"),
        re.compile(r"/[a-z]{2}/podcast/(?:[A-Za-z0-9%-]{1,300}/)?id\d{1,12}"),
        _apple,
    ),
    Pattern(
        "SoundCloud",
        _hosts("soundcloud.com", "www.soundcloud.com", "m.soundcloud.com"),
        re.compile(r"/(?P<user>[A-Za-z0-9_-]{1,64})/(?P<id>[A-Za-z0-9_-]{1,200})/?"),
        _soundcloud,
    ),
    Pattern(
        "Datawrapper",
        _hosts("datawrapper.dwcdn.net"),
        re.compile(r"/(?P<id>[A-Za-z0-9]{5})/(?:(?P<version>\d{1,4})/?)?"),
        _datawrapper,
    ),
    Pattern(
        "Flourish",
        _hosts("public.flourish.studio"),
        re.compile(r"/visualisation/(?P<id>\d{1,12})/?"),
        _flourish,
    ),
    Pattern(
        "DocumentCloud",
        _hosts("www.documentcloud.org", "documentcloud.org"),
        re.compile(r"/documents/(?P<id>\d{1,12})-(?P<slug>[a-z0-9-]{1,200}?)(?:\.html)?/?"),
        _documentcloud,
    ),
)
URL_SHAPE = re.compile(r"https?://[^\s<>\"'`]+")


def match_embed(url: str) -> Match | None:
    """The embed a URL stands for, or None when no provider's pattern matches it exactly."""
    if not URL_SHAPE.fullmatch(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if parts.username or parts.password or parts.port:
        return None
    for pattern in PATTERNS:
        if host in pattern.hosts:
            found = pattern.path.fullmatch(parts.path)
            if found is not None:
                made = pattern.make(found, parts.query)
                if made is not None:
                    return made
    return None


def is_web_url(text: str) -> bool:
    """An http(s) URL with nothing around it (a bare URL alone in a paragraph)."""
    return URL_SHAPE.fullmatch(text) is not None
