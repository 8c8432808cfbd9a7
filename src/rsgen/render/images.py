"""Responsive images: every local photo in a few widths, in WebP and in its own format.

For each photo under `static/` that a published article, an author or a series shows, and
each image under `static/` of a figure in a published body (JPEG, PNG or WebP), the build
makes derivatives 480, 960 and 1600 pixels wide, never wider than the original (a 1200-pixel
photo gets 480, 960 and 1200), each in WebP and in the original's format. Templates get them as `srcset`s (see `PhotoView`); `src` stays the original file.

Derivatives are made once. They are kept in `SITE/.rsgen-cache/images/`, in a folder named
by a hash of the source file's bytes and of `RECIPE` (the widths and encoder settings), with
a `meta.json` that records the original's size. A later build finds them there and does no
image work at all; it does not even read a photo whose size and mtime are unchanged. They are
published as `/images/_r/<name>-<hash8>-<width>.<ext>`: the hash in the name changes with the
picture, so the files can be cached for ever. Each is staged with its hash as fingerprint, so
an incremental build leaves unchanged derivatives untouched.

A file Pillow cannot read (or an animated image) gets no derivatives: the page shows the
original, as it does for remote (https) photos.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rsgen.base.cache import Cache
from rsgen.base.folders import CACHE_DIR
from rsgen.base.output import Output
from rsgen.content import slugify
from rsgen.graph import SiteGraph

WIDTHS = (480, 960, 1600)
# what a derivative is made with: changing it makes (and names) every derivative anew
RECIPE = "1:lanczos:jpeg-q82-progressive:png-optimize:webp-q80-m4"
OUTPUT_DIR = "images/_r"
IMAGE_CACHE = "images"
STAT_MEMO = "images-sources"
SUFFIXES = {".jpg": "jpg", ".jpeg": "jpg", ".png": "png", ".webp": "webp"}
PIL_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


@dataclass(frozen=True)
class Derivative:
    """One resized copy: where it is published, where it is cached, and its fingerprint."""

    width: int
    height: int
    format: str  # "jpg", "png" or "webp"
    rel: str  # below the output root
    cached: Path
    fingerprint: str


@dataclass(frozen=True)
class ImageSet:
    """A photo's size (as displayed, after EXIF rotation) and its derivatives."""

    width: int
    height: int
    format: str  # the original's: "jpg", "png" or "webp"
    derivatives: tuple[Derivative, ...]

    def of_format(self, fmt: str) -> tuple[Derivative, ...]:
        return tuple(d for d in self.derivatives if d.format == fmt)


class ResponsiveImages:
    """The derivatives of the photos one build shows, made (or found in the cache) up front."""

    def __init__(
        self,
        site: Path,
        sources: Iterable[str],
        trust_stat: bool = True,
        jobs: int = 0,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.site = site
        self.cache = site / CACHE_DIR / IMAGE_CACHE
        self._memo: dict[str, tuple[int, int, str]] = (
            (Cache(site).load(STAT_MEMO, RECIPE) or {}) if trust_stat else {}
        )
        self._memo_changed = False
        todo = sorted(set(sources))
        workers = jobs or min(8, os.cpu_count() or 1)
        self.sets: dict[str, ImageSet | None] = {}
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            for done, (src, made) in enumerate(
                zip(todo, pool.map(self._prepare, todo), strict=True), start=1
            ):
                self.sets[src] = made
                if progress is not None:
                    progress(done, len(todo))
        if self._memo_changed:
            with contextlib.suppress(OSError):
                Cache(site).save(STAT_MEMO, self._memo, RECIPE)

    def get(self, src: str) -> ImageSet | None:
        """The derivatives of a local photo (`/images/x.jpg`); None when it has none."""
        return self.sets.get(src)

    def stage(self, output: Output) -> None:
        """Put every derivative in the output, keeping those the last build wrote."""
        staged: set[str] = set()
        for src in sorted(self.sets):
            image = self.sets[src]
            for d in image.derivatives if image else ():
                if d.rel in staged:  # the same picture under two names in static/
                    continue
                staged.add(d.rel)
                if not output.unchanged(d.rel, d.fingerprint):
                    output.copy_file(d.rel, d.cached, d.fingerprint)

    # ------------------------------------------------------------------------------------
    def _prepare(self, src: str) -> ImageSet | None:
        rel = src.lstrip("/")
        path = self.site / "static" / rel
        if path.suffix.lower() not in SUFFIXES:
            return None
        try:
            key = self._key(rel, path)
        except OSError:
            return None
        folder = self.cache / key[:2] / key
        meta = read_meta(folder)
        if meta is None:
            try:
                data = path.read_bytes()
            except OSError:
                return None
            meta = make_derivatives(data, folder)
        if "error" in meta:
            return None
        stem = slugify(path.stem) or "image"
        derivatives = tuple(
            Derivative(
                width=w,
                height=h,
                format=fmt,
                rel=f"{OUTPUT_DIR}/{stem}-{key[:8]}-{w}.{fmt}",
                cached=folder / f"{w}.{fmt}",
                fingerprint=f"{key}:{w}:{fmt}",
            )
            for w, h, fmt in meta["files"]
        )
        return ImageSet(meta["width"], meta["height"], meta["format"], derivatives)

    def _key(self, rel: str, path: Path) -> str:
        """The cache key of a source file: its bytes' hash with the recipe (memoised by stat)."""
        stat = path.stat()
        known = self._memo.get(rel)
        if known and known[:2] == (stat.st_size, stat.st_mtime_ns):
            return known[2]
        h = hashlib.blake2b(digest_size=16)
        h.update(RECIPE.encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        key = h.hexdigest()
        self._memo[rel] = (stat.st_size, stat.st_mtime_ns, key)
        self._memo_changed = True
        return key


def site_images(
    site: Path,
    graph: SiteGraph,
    trust_stat: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> ResponsiveImages:
    """The derivatives of every local photo a published article, an author or a series
    shows, and of every local image a figure in a published body shows.

    `progress(done, total)` is told of each photo as it is made or found in the cache.
    """
    photos = [a.photo for a in graph.articles] + [a.photo for a in graph.authors.values()]
    photos += [entry.series.photo for entry in graph.series.values()]
    sources = [p.src for p in photos if p is not None and not p.is_remote]
    bodies = [a.body for a in graph.articles] + [p.body for p in graph.pages]
    bodies += [entry.series.intro for entry in graph.series.values()]
    sources += [src for body in bodies for src in body.local_images]
    return ResponsiveImages(site, sources, trust_stat, progress=progress)


def srcset(urls_and_widths: Iterable[tuple[str, int]]) -> str:
    return ", ".join(f"{url} {width}w" for url, width in urls_and_widths)


# ---------------------------------------------------------------------------------------- cache
def read_meta(folder: Path) -> dict[str, Any] | None:
    """A cache folder's meta.json, when it and every file it lists are there."""
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict):
        return None
    if "error" in meta:
        return meta
    try:
        files = [(int(w), int(h), str(f)) for w, h, f in meta["files"]]
        if not all((folder / f"{w}.{fmt}").is_file() for w, _, fmt in files):
            return None
        return {
            "width": int(meta["width"]),
            "height": int(meta["height"]),
            "format": str(meta["format"]),
            "files": files,
        }
    except (KeyError, TypeError, ValueError):
        return None


def make_derivatives(data: bytes, folder: Path) -> dict[str, Any]:
    """Resize and encode one picture into `folder`; its meta (or {"error": ...}) is saved too."""
    from PIL import Image

    try:
        meta = _encode_all(data, folder)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as err:
        # UnidentifiedImageError, truncated files and decompression bombs all land here
        meta = {"error": f"{type(err).__name__}: {err}"}
    _write_atomic(folder, "meta.json", json.dumps(meta, sort_keys=True).encode())
    return read_meta(folder) or meta


def _encode_all(data: bytes, folder: Path) -> dict[str, Any]:
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as opened:
        fmt = PIL_FORMATS.get(opened.format or "")
        if fmt is None:
            return {"error": f"not a JPEG, PNG or WebP file ({opened.format})"}
        if getattr(opened, "is_animated", False):
            return {"error": "animated images are published as they are"}
        icc = opened.info.get("icc_profile")
        image = ImageOps.exif_transpose(opened)
    if image.mode == "CMYK":
        icc = None  # a CMYK profile does not describe the RGB pixels written below
    if image.mode not in ("RGB", "RGBA", "L"):
        has_alpha = image.mode in ("LA", "PA", "La") or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
    width, height = image.size
    files = []
    for w in sorted({min(target, width) for target in WIDTHS}):
        h = max(1, round(height * w / width))
        resized = (
            image
            if w == width
            else image.resize((w, h), Image.Resampling.LANCZOS, reducing_gap=3.0)
        )
        for out_fmt in dict.fromkeys((fmt, "webp")):
            _write_atomic(folder, f"{w}.{out_fmt}", _encode(resized, out_fmt, icc))
            files.append((w, h, out_fmt))
    return {"width": width, "height": height, "format": fmt, "files": files}


def _encode(image: Any, fmt: str, icc: bytes | None) -> bytes:
    buffer = io.BytesIO()
    extra: dict[str, Any] = {"icc_profile": icc} if icc else {}
    if fmt == "jpg":
        if image.mode != "RGB" and image.mode != "L":
            image = image.convert("RGB")
        image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True, **extra)
    elif fmt == "png":
        image.save(buffer, "PNG", optimize=True, **extra)
    else:
        if image.mode == "L":
            image = image.convert("RGB")
        image.save(buffer, "WEBP", quality=80, method=4, **extra)
    return buffer.getvalue()


def _write_atomic(folder: Path, name: str, data: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, folder / name)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
