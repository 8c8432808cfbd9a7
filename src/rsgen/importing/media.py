"""Uploaded files: found in `--media DIR` (the export's `wp-content/uploads` folder) and copied.

An uploads URL (`…/wp-content/uploads/2019/05/photo.jpg`, or WordPress.com's
`….files.wordpress.com/2019/05/photo.jpg`) names a file relative to the uploads folder. With
`--media`, that file is copied to `static/images/2019/05/photo.jpg` (images) or
`static/files/…` (anything else) and the new site links its copy; without it, or when the file
is not there, the URL is kept (as https, which rsgen requires of remote photos).

Safety: the relative path comes from the export, so it is confined: no absolute path, no `..`,
no backslash; the file must resolve (symlinks followed) inside the media folder and be a
regular file. Every segment of the copy's name is re-made from safe characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from rsgen.content import slugify

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"})
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
UPLOADS = "/wp-content/uploads/"


def uploads_path(url: str) -> str:
    """The path of an uploads URL relative to the uploads folder ("" for any other URL)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    path = unquote(parts.path)
    if UPLOADS in path:
        return path.split(UPLOADS, 1)[1]
    if parts.netloc.endswith(".files.wordpress.com"):
        return path.lstrip("/")
    return ""


def confined(root: Path, relative: str) -> Path | None:
    """`root/relative` when it is a regular file inside `root`; None for anything else."""
    if not relative or "\\" in relative or "\0" in relative or relative.startswith("/"):
        return None
    parts = PurePosixPath(relative).parts
    if any(p in ("..", ".", "") for p in parts):
        return None
    candidate = root.joinpath(*parts)
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not resolved.is_relative_to(root.resolve()) or not resolved.is_file():
        return None
    return resolved


def safe_copy_name(relative: str) -> str:
    """A relative path whose every segment is a safe file name (`2019/05/photo.jpg`)."""
    segments = []
    for part in PurePosixPath(relative).parts:
        if SAFE_NAME.match(part):
            segments.append(part)
            continue
        stem, dot, suffix = part.rpartition(".")
        stem, suffix = (stem, suffix) if dot else (part, "")
        name = slugify(stem) or "file"
        segments.append(f"{name}.{slugify(suffix)}" if slugify(suffix) else name)
    return "/".join(segments)


class MediaLibrary:
    """Finds uploaded files in the media folder and copies each once into static/."""

    def __init__(self, media_dir: Path | None, copy: Callable[[str, bytes], None]) -> None:
        self.media_dir = media_dir
        self.copy = copy
        self.copied: dict[str, str] = {}  # uploads path → site path of the copy ("" if missing)

    def local(self, relative: str) -> str:
        """The site path (`/images/2019/05/x.jpg`) of a copied upload, or "" when not found."""
        if self.media_dir is None or not relative:
            return ""
        if relative in self.copied:
            return self.copied[relative]
        source = confined(self.media_dir, relative)
        name = relative
        if source is None and SIZE_SUFFIX.search(relative):
            name = SIZE_SUFFIX.sub("", relative)  # a resized copy: take the original
            source = confined(self.media_dir, name)
        if name in self.copied:
            self.copied[relative] = self.copied[name]
            return self.copied[name]
        found = ""
        if source is not None:
            copy_name = safe_copy_name(name)
            suffix = PurePosixPath(copy_name).suffix.lower()
            folder = "images" if suffix in IMAGE_SUFFIXES else "files"
            self.copy(f"static/{folder}/{copy_name}", source.read_bytes())
            found = f"/{folder}/{copy_name}"
        self.copied[relative] = self.copied[name] = found
        return found


def https(url: str) -> str:
    """An http URL as https (rsgen takes only https photos); others as they are."""
    return "https://" + url[len("http://") :] if url.startswith("http://") else url
