#!/usr/bin/env python3
"""Draw the built-in theme's icons and favicon, and the starter site's welcome photo.

Pillow only, no fonts, no network, fixed seeds: running it twice gives the same files.
The outputs are committed; run this only to change them.

    theme   -> src/rsgen/theme/static/images/icon-192.png, icon-512.png   (the web manifest's)
               src/rsgen/theme/static/images/logo.png                      (the JSON-LD publisher's)
               src/rsgen/theme/static/favicon.ico                          16, 32, 48 px
    starter -> src/rsgen/commands/starter/static/images/welcome.jpg       1200x675 JPEG

The icon is a plain mark in the theme's red (a masthead rule over three lines of text) that
fills the square, so it also works as a "maskable" icon; a site replaces it by putting its
own files at the same paths under its static/ folder.

Usage:
    python scripts/make_theme_images.py
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from make_example_images import Canvas, m_ships_dawn
from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parent.parent
THEME_STATIC = REPO / "src/rsgen/theme/static"
STARTER_STATIC = REPO / "src/rsgen/commands/starter/static"
RED = (163, 21, 28, 255)  # the manifest's theme_color, #a3151c
PAPER = (250, 248, 244, 255)  # its background_color, #faf8f4


def draw_icon(size: int) -> Image.Image:
    """The theme's mark, drawn at four times the size and scaled down for smooth edges."""
    s = size * 4
    img = Image.new("RGBA", (s, s), RED)
    d = ImageDraw.Draw(img)
    # everything inside the middle 60%: the part a maskable icon always shows
    left, right = s * 0.24, s * 0.76
    d.rectangle([left, s * 0.26, right, s * 0.36], fill=PAPER)  # the masthead
    for i, width in enumerate((1.0, 1.0, 0.62)):
        top = s * (0.46 + i * 0.1)
        d.rectangle([left, top, left + (right - left) * width, top + s * 0.045], fill=PAPER)
    return img.resize((size, size), Image.Resampling.LANCZOS)


def draw_welcome() -> Image.Image:
    """A harbour at dawn (the example site's drawing of ships), 1200 pixels wide."""
    canvas = Canvas()
    m_ships_dawn(canvas, random.Random(20261124))
    return canvas.finish().resize((1200, 675), Image.Resampling.LANCZOS)


def main() -> int:
    images = THEME_STATIC / "images"
    images.mkdir(parents=True, exist_ok=True)
    written = [
        images / "icon-192.png",
        images / "icon-512.png",
        images / "logo.png",
        THEME_STATIC / "favicon.ico",
    ]
    draw_icon(192).save(written[0], optimize=True)
    draw_icon(512).save(written[1], optimize=True)
    draw_icon(512).save(written[2], optimize=True)
    draw_icon(64).save(written[3], sizes=[(16, 16), (32, 32), (48, 48)])
    welcome = STARTER_STATIC / "images/welcome.jpg"
    welcome.parent.mkdir(parents=True, exist_ok=True)
    draw_welcome().save(welcome, "JPEG", quality=80, optimize=True, progressive=True)
    written.append(welcome)
    for out in written:
        print(f"{out.stat().st_size / 1024:6.1f} KB  {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
