#!/usr/bin/env python3
"""Draw the example site's illustrations, author portraits and logo.

Pillow only, no fonts, no network, fixed seeds: running it twice gives the
same pictures. It reads the front matter of content/articles/**/*.md and
content/authors/*.md and draws every local photo (`src: /images/...`) that
they reference:

    articles  -> static/images/SLUG.jpg            1600x900 JPEG
                 (and the images of figures in their bodies, `![…](/images/….jpg "…")`)
    series    -> static/images/series/KEY.jpg     1600x900 JPEG
    authors   -> static/images/authors/KEY.jpg     600x600 JPEG
    logo      -> static/images/logo.png            512x512
                 static/images/icon-192.png, static/images/icon-512.png
                 static/favicon.ico                16, 32, 48 px

Usage:
    python scripts/make_example_images.py [SITE_DIR]

An article photo whose file name has no motif below gets a generic abstract
composition, so new articles never break the script; add a motif to
MOTIFS to give it a matching picture (and describe it in the `alt` text).
"""

from __future__ import annotations

import itertools
import math
import random
import re
import sys
import zlib
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

W, H = 1600, 900
SS = 2  # draw at twice the size, then downsample: smooth edges
JPEG = dict(quality=82, optimize=True, progressive=True)


# --------------------------------------------------------------------------
# Drawing helpers (coordinates are in final pixels; scaled by SS inside)
# --------------------------------------------------------------------------


class Canvas:
    def __init__(self, w: int = W, h: int = H, bg=(0, 0, 0)):
        self.w, self.h = w, h
        self.img = Image.new("RGB", (w * SS, h * SS), bg)
        self.d = ImageDraw.Draw(self.img, "RGBA")  # 4-tuples blend

    @staticmethod
    def _pts(pts):
        return [(x * SS, y * SS) for x, y in pts]

    def rect(self, x0, y0, x1, y1, fill, outline=None, width=0):
        self.d.rectangle(
            [x0 * SS, y0 * SS, x1 * SS - 1, y1 * SS - 1],
            fill=fill,
            outline=outline,
            width=width * SS,
        )

    def rrect(self, x0, y0, x1, y1, r, fill):
        self.d.rounded_rectangle([x0 * SS, y0 * SS, x1 * SS, y1 * SS], r * SS, fill=fill)

    def poly(self, pts, fill):
        self.d.polygon(self._pts(pts), fill=fill)

    def ellipse(self, x0, y0, x1, y1, fill=None, outline=None, width=1):
        self.d.ellipse(
            [x0 * SS, y0 * SS, x1 * SS, y1 * SS], fill=fill, outline=outline, width=width * SS
        )

    def circle(self, cx, cy, r, fill=None, outline=None, width=1):
        self.ellipse(cx - r, cy - r, cx + r, cy + r, fill, outline, width)

    def arc(self, box, start, end, fill, width):
        x0, y0, x1, y1 = box
        self.d.arc([x0 * SS, y0 * SS, x1 * SS, y1 * SS], start, end, fill=fill, width=width * SS)

    def line(self, pts, fill, width=1):
        self.d.line(self._pts(pts), fill=fill, width=max(1, int(width * SS)), joint="curve")

    def dashed(self, x0, y0, x1, y1, fill, width, dash=24, gap=16):
        length = math.hypot(x1 - x0, y1 - y0)
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        t = 0.0
        while t < length:
            t2 = min(length, t + dash)
            self.line([(x0 + ux * t, y0 + uy * t), (x0 + ux * t2, y0 + uy * t2)], fill, width)
            t = t2 + gap

    def vgrad(self, x0, y0, x1, y1, top, bottom):
        w, h = (x1 - x0) * SS, (y1 - y0) * SS
        if w <= 0 or h <= 0:
            return
        mask = Image.linear_gradient("L").resize((w, h))
        a = Image.new("RGB", (w, h), top)
        b = Image.new("RGB", (w, h), bottom)
        self.img.paste(Image.composite(b, a, mask), (x0 * SS, y0 * SS))

    def glow(self, cx, cy, r, color, strength=0.6, squash=0.8):
        """A soft radial light: brightest at the centre, fading to nothing at r."""
        w, h = int(2 * r * SS), int(2 * r * squash * SS)
        mask = Image.radial_gradient("L").resize((w, h), Image.BILINEAR)
        mask = mask.point(lambda v: int(max(0, 255 - v * 2) * strength))
        x, y = int((cx - r) * SS), int((cy - r * squash) * SS)
        self.img.paste(Image.new("RGB", (w, h), color), (x, y), mask)

    def finish(self) -> Image.Image:
        return self.img.resize((self.w, self.h), Image.LANCZOS)


def mix(c1, c2, t):
    return tuple(round(a + (b - a) * t) for a, b in zip(c1, c2, strict=False))


def ridge(c: Canvas, rng, base, amp, color, step=8, waves=(1.3, 2.9, 6.1), bottom=H):
    """A smooth hilly profile from left to right, filled down to `bottom`."""
    ph = [rng.uniform(0, 2 * math.pi) for _ in waves]
    pts = []
    for x in range(0, W + step, step):
        y = base
        for k, (f, p) in enumerate(zip(waves, ph, strict=False)):
            y -= amp / (k + 1) * math.sin(2 * math.pi * f * x / W + p)
        pts.append((x, y))
    pts += [(W, bottom), (0, bottom)]
    c.poly(pts, color)
    return pts


def blob(cx, cy, r, rng, n=48, rough=0.18, sx=1.0, sy=1.0):
    """An irregular closed shape, for continents and islands."""
    ph = [rng.uniform(0, 2 * math.pi) for _ in range(4)]
    pts = []
    for i in range(n):
        a = 2 * math.pi * i / n
        k = 1 + rough * (
            math.sin(2 * a + ph[0]) * 0.6
            + math.sin(3 * a + ph[1]) * 0.4
            + math.sin(5 * a + ph[2]) * 0.3
            + math.sin(9 * a + ph[3]) * 0.15
        )
        pts.append((cx + math.cos(a) * r * k * sx, cy + math.sin(a) * r * k * sy))
    return pts


def stars(c: Canvas, rng, n, y_max, color=(255, 255, 255)):
    for _ in range(n):
        x, y = rng.uniform(0, W), rng.uniform(0, y_max)
        r = rng.choice((0.8, 1.0, 1.2, 1.6, 2.2))
        c.circle(x, y, r, fill=(*color, rng.randint(110, 255)))


def cargo_ship(c, x, y, length, hull, deck, bridge, hatches=5):
    """Side view of a bulk carrier: bow to the right."""
    h = length * 0.11
    c.poly(
        [(x, y - h), (x + length, y - h * 1.25), (x + length * 0.94, y), (x + length * 0.04, y)],
        hull,
    )
    for i in range(hatches):
        hx = x + length * (0.22 + i * 0.14)
        c.rect(hx, y - h * 1.6, hx + length * 0.1, y - h, deck)
    c.rect(x + length * 0.03, y - h * 3.0, x + length * 0.15, y - h, bridge)
    c.rect(x + length * 0.06, y - h * 3.6, x + length * 0.09, y - h * 3.0, bridge)


def patrol_boat(c, x, y, length, hull, cabin, bow_right=True):
    h = length * 0.14
    if bow_right:
        c.poly(
            [(x, y - h), (x + length, y - h * 1.3), (x + length * 0.9, y), (x + length * 0.03, y)],
            hull,
        )
        c.rect(x + length * 0.2, y - h * 2.4, x + length * 0.55, y - h * 1.1, cabin)
        c.rect(x + length * 0.3, y - h * 3.1, x + length * 0.36, y - h * 2.4, cabin)
    else:
        c.poly(
            [(x + length, y - h), (x, y - h * 1.3), (x + length * 0.1, y), (x + length * 0.97, y)],
            hull,
        )
        c.rect(x + length * 0.45, y - h * 2.4, x + length * 0.8, y - h * 1.1, cabin)
        c.rect(x + length * 0.64, y - h * 3.1, x + length * 0.7, y - h * 2.4, cabin)


def tower_block(c, x0, y0, x1, y1, color, window, rng, lit=0.0):
    c.rect(x0, y0, x1, y1, color)
    ww = max(4, (x1 - x0) / 9)
    for yy in range(int(y0 + 12), int(y1 - 10), 22):
        for i in range(int((x1 - x0 - 8) // (ww * 1.8))):
            xx = x0 + 6 + i * ww * 1.8
            col = window if rng.random() > lit else (255, 230, 150, 200)
            c.rect(xx, yy, xx + ww, yy + 10, col)


def lattice(c, x, top, bottom, width, color, lw=3):
    """A lattice tower (derrick, crane mast)."""
    c.line([(x - width / 2, bottom), (x, top)], color, lw)
    c.line([(x + width / 2, bottom), (x, top)], color, lw)
    n = 7
    for i in range(1, n):
        t = i / n
        yy = top + (bottom - top) * t
        half = width / 2 * t
        c.line([(x - half, yy), (x + half, yy)], color, lw * 0.7)
        if i < n - 1:
            t2 = (i + 1) / n
            y2 = top + (bottom - top) * t2
            c.line([(x - half, yy), (x + width / 2 * t2, y2)], color, lw * 0.6)


def truck(c, x, y, length, body, cab, wheel=(30, 30, 34)):
    h = length * 0.34
    c.rect(x, y - h, x + length * 0.74, y - 10, body)
    c.rrect(x + length * 0.76, y - h * 0.78, x + length, y - 10, 6, cab)
    c.rect(x + length * 0.86, y - h * 0.7, x + length * 0.97, y - h * 0.42, (120, 160, 190))
    for wx in (0.12, 0.28, 0.62, 0.9):
        c.circle(x + length * wx, y - 8, length * 0.055, wheel)


# --------------------------------------------------------------------------
# Motifs: one function per kind of picture
# --------------------------------------------------------------------------


def m_table(c, rng, long=False):
    c.vgrad(0, 0, W, H, (38, 30, 26), (20, 16, 14))
    c.glow(W / 2, H / 2, 900, (255, 200, 120), strength=0.35)
    palette = [
        (120, 40, 36),
        (36, 70, 110),
        (200, 150, 60),
        (50, 110, 80),
        (140, 90, 150),
        (90, 90, 96),
    ]

    def chair(cx, cy, ang, col):
        ca, sa = math.cos(ang), math.sin(ang)

        def tr(px, py):
            return (cx + px * ca - py * sa, cy + px * sa + py * ca)

        c.poly([tr(-30, -30), tr(30, -30), tr(30, 30), tr(-30, 30)], col)
        c.poly([tr(26, -34), tr(40, -34), tr(40, 34), tr(26, 34)], mix(col, (0, 0, 0), 0.35))

    if long:
        x0, x1, y0, y1 = 260, 1340, 330, 570
        n = 6
        for i in range(n):
            x = x0 + 70 + i * (x1 - x0 - 140) / (n - 1)
            chair(x, y0 - 55, math.pi / 2 * 3, rng.choice(palette))
            chair(x, y1 + 55, math.pi / 2, rng.choice(palette))
        chair(x0 - 55, (y0 + y1) / 2, math.pi, rng.choice(palette))
        chair(x1 + 55, (y0 + y1) / 2, 0, rng.choice(palette))
        # extra chairs squeezed in at the corners: the room is crowded
        for x, y, a in (
            (x0 - 30, y0 - 40, 3.9),
            (x1 + 30, y0 - 40, 5.5),
            (x0 - 30, y1 + 40, 2.4),
            (x1 + 30, y1 + 40, 0.8),
        ):
            chair(x, y, a, rng.choice(palette))
        c.rrect(x0, y0, x1, y1, 18, (104, 70, 44))
        c.rrect(x0 + 14, y0 + 14, x1 - 14, y1 - 14, 12, (122, 84, 54))
        for i in range(10):
            px = x0 + 80 + i * 105
            c.rect(px, y0 + 60 + (i % 2) * 90, px + 50, y0 + 125 + (i % 2) * 90, (236, 232, 220))
    else:
        cx, cy, r = W / 2, H / 2, 280
        n = 8
        for i in range(n):
            a = 2 * math.pi * i / n + 0.2
            chair(cx + math.cos(a) * (r + 62), cy + math.sin(a) * (r + 62), a, (150, 118, 92))
        c.circle(cx, cy, r, (108, 72, 44))
        c.circle(cx, cy, r - 16, (128, 88, 56))
        c.circle(cx, cy, 40, (236, 232, 220, 120))
    c.glow(W / 2, H / 2, 560, (255, 215, 150), strength=0.18)


def m_ships_dawn(c, rng):
    horizon = 560
    c.vgrad(0, 0, W, horizon, (46, 58, 96), (246, 176, 110))
    c.circle(1120, horizon, 90, (255, 214, 150))
    c.vgrad(0, horizon, W, H, (60, 66, 88), (18, 22, 36))
    for i in range(40):
        y = horizon + 8 + i * 8.5
        x = 1120 + rng.uniform(-80, 80) * (1 + i / 20)
        c.line([(x - 60 - i * 3, y), (x + 60 + i * 3, y)], (255, 200, 140, max(10, 120 - i * 3)), 2)
    dark = (20, 22, 30)
    cargo_ship(c, 120, horizon + 40, 560, dark, (34, 36, 44), dark)
    cargo_ship(c, 760, horizon + 14, 380, (30, 32, 42), (40, 42, 52), (30, 32, 42))
    cargo_ship(c, 1240, horizon + 4, 240, (44, 46, 58), (52, 54, 66), (44, 46, 58))


def m_ships_night(c, rng):
    horizon = 380
    c.vgrad(0, 0, W, horizon, (8, 12, 32), (26, 38, 76))
    stars(c, rng, 160, horizon - 20)
    c.vgrad(0, horizon, W, H, (18, 36, 72), (6, 14, 34))
    for i in range(30):
        y = horizon + 20 + i * 17
        c.line([(rng.uniform(0, W - 300), y), (rng.uniform(300, W), y)], (80, 110, 170, 40), 1.5)
    # a large grey cutter in the distance
    patrol_boat(c, 860, 470, 520, (120, 126, 136), (150, 156, 166), bow_right=False)
    # smaller white patrol boats with pale wakes
    for x, y, L, right in ((140, 690, 260, True), (520, 780, 220, True), (1100, 700, 240, False)):
        wake_x = x - 320 if right else x + L + 320
        edge = x if right else x + L
        c.poly(
            [(wake_x, y - 30), (edge, y - 18), (edge, y - 4), (wake_x, y + 24)], (220, 230, 245, 60)
        )
        c.line([(wake_x, y - 30), (edge, y - 16)], (235, 240, 250, 150), 2)
        c.line([(wake_x, y + 24), (edge, y - 4)], (235, 240, 250, 150), 2)
        patrol_boat(c, x, y, L, (240, 242, 246), (214, 220, 230), bow_right=right)
        c.rect(x + L * 0.18, y - L * 0.14 * 1.05, x + L * 0.62, y - L * 0.14 * 0.8, (40, 90, 170))


def m_line_chart(c, rng):
    c.vgrad(0, 0, W, H, (246, 242, 232), (232, 226, 212))
    for y in range(140, 800, 110):
        c.line([(140, y), (1480, y)], (200, 194, 180), 2)
    c.line([(140, 800), (1480, 800)], (110, 104, 96), 4)
    c.line([(140, 120), (140, 800)], (110, 104, 96), 4)
    for i in range(12):
        x = 180 + i * 108
        c.rect(x, 800 - rng.uniform(30, 70), x + 64, 800, (160, 160, 164))
    pts = []
    for i in range(12):
        x = 212 + i * 108
        y = 700 - (i / 11) ** 1.8 * 560 + rng.uniform(-18, 18)
        pts.append((x, y))
    c.line(pts, (200, 40, 40), 9)
    for x, y in pts:
        c.circle(x, y, 11, (200, 40, 40))
        c.circle(x, y, 5, (250, 240, 235))


def m_bars(c, rng, style):
    if style == "japan":
        c.vgrad(0, 0, W, H, (16, 28, 64), (10, 18, 44))
        heights = [230, 300, 380, 470, 600]
        for i, h in enumerate(heights):
            x = 260 + i * 230
            col = (214, 40, 48) if i % 2 == 0 else (244, 242, 238)
            c.rect(x, 780 - h, x + 150, 780, col)
        c.line([(180, 780), (1420, 780)], (200, 206, 220), 4)
        c.circle(1330, 170, 70, (214, 40, 48, 200))
    else:
        c.vgrad(0, 0, W, H, (20, 26, 40), (12, 16, 26))
        for y in range(160, 800, 80):
            c.line([(120, y), (1480, y)], (255, 255, 255, 20), 1)
        n = 16
        for i in range(n):
            x = 150 + i * 83
            h = rng.choice([170, 210, 240, 280, 320, 380, 450, 520, 560])
            c.rect(x, 780 - h, x + 54, 780, (48, 100, 200) if h < 400 else (96, 150, 236))
        c.dashed(110, 780 - 430, 1490, 780 - 430, (250, 206, 60), 6, dash=34, gap=20)
        c.line([(110, 780), (1490, 780)], (200, 206, 220), 4)


def m_lake_city(c, rng):
    c.vgrad(0, 0, W, 430, (150, 190, 228), (220, 232, 240))
    for x0, peak, x1, hgt in (
        (-100, 320, 760, 300),
        (420, 880, 1300, 340),
        (1000, 1380, 1800, 280),
    ):
        c.poly([(x0, 470), (peak, 470 - hgt), (x1, 470)], (128, 144, 170))
        c.poly(
            [
                (peak - hgt * 0.33, 470 - hgt * 0.66),
                (peak, 470 - hgt),
                (peak + hgt * 0.35, 470 - hgt * 0.64),
                (peak + 30, 470 - hgt * 0.72),
                (peak - 20, 470 - hgt * 0.68),
            ],
            (244, 246, 250),
        )
    c.rect(0, 470, W, 560, (92, 110, 96))
    x = 60
    while x < W - 40:
        w = rng.uniform(40, 90)
        h = rng.uniform(40, 120)
        col = rng.choice([(214, 200, 180), (190, 176, 160), (226, 220, 206), (170, 150, 130)])
        c.rect(x, 560 - h, x + w, 560, col)
        c.poly([(x - 4, 560 - h), (x + w / 2, 560 - h - 26), (x + w + 4, 560 - h)], (150, 70, 60))
        if rng.random() < 0.12:
            c.rect(x + w / 2 - 8, 560 - h - 120, x + w / 2 + 8, 560 - h, (200, 190, 170))
            c.poly(
                [
                    (x + w / 2 - 12, 560 - h - 120),
                    (x + w / 2, 560 - h - 190),
                    (x + w / 2 + 12, 560 - h - 120),
                ],
                (60, 110, 100),
            )
        x += w + rng.uniform(4, 16)
    c.vgrad(0, 560, W, H, (70, 130, 190), (24, 60, 110))
    for i in range(26):
        y = 575 + i * 12
        x0 = rng.uniform(0, W - 400)
        c.line([(x0, y), (x0 + rng.uniform(120, 400), y)], (220, 235, 250, 70), 2)


def m_reef(c, rng):
    horizon = 300
    c.vgrad(0, 0, W, horizon, (160, 206, 236), (226, 240, 246))
    c.vgrad(0, horizon, W, H, (20, 90, 150), (10, 50, 100))
    c.ellipse(640, 420, 1540, 620, (60, 196, 196))
    c.ellipse(720, 450, 1460, 590, (120, 222, 208))
    c.ellipse(820, 480, 1360, 560, (214, 226, 196, 160))
    # the grounded, tilted, rusting ship
    cx, cy, ang = 1080, 500, -0.1

    def tr(px, py):
        return (
            cx + px * math.cos(ang) - py * math.sin(ang),
            cy + px * math.sin(ang) + py * math.cos(ang),
        )

    c.poly([tr(-300, -60), tr(300, -80), tr(270, 10), tr(-280, 10)], (120, 62, 40))
    c.poly([tr(-250, -130), tr(-60, -130), tr(-60, -60), tr(-250, -60)], (150, 84, 54))
    c.poly([tr(-200, -200), tr(-130, -200), tr(-130, -130), tr(-200, -130)], (104, 56, 38))
    for _i in range(10):
        px = rng.uniform(-280, 260)
        c.poly([tr(px, -70), tr(px + 14, -70), tr(px + 10, 0), tr(px + 4, 0)], (88, 44, 30, 160))
    for x, y, L in ((160, 700, 150), (420, 790, 120)):
        c.poly([(x - 260, y - 10), (x, y - 12), (x, y), (x - 260, y + 16)], (220, 240, 250, 70))
        patrol_boat(c, x, y, L, (236, 236, 230), (60, 90, 140))


def m_divided_map(c, rng):
    c.vgrad(0, 0, W, H, (70, 130, 180), (40, 96, 150))
    north = blob(820, 150, 420, rng, rough=0.12, sx=1.2, sy=0.7)
    south = blob(820, 780, 400, rng, rough=0.12, sx=1.1, sy=0.75)
    c.poly(north, (70, 130, 70))
    c.poly(south, (92, 150, 80))
    # mask the shapes at the strip, then draw the strip itself
    c.rect(300, 420, 1340, 500, (206, 214, 170))
    for _ in range(60):
        x = rng.uniform(420, 1220)
        y = rng.choice([rng.uniform(80, 390), rng.uniform(530, 840)])
        s = rng.uniform(18, 40)
        c.poly([(x - s, y + s * 0.6), (x, y - s * 0.6), (x + s, y + s * 0.6)], (40, 96, 50, 180))
    c.dashed(300, 460, 1340, 460, (255, 255, 255), 6, dash=30, gap=18)


def m_derricks(c, rng):
    horizon = 640
    c.vgrad(0, 0, W, horizon, (110, 16, 28), (244, 132, 50))
    c.circle(480, horizon - 30, 120, (255, 196, 110))
    c.rect(0, horizon, W, H, (16, 10, 10))
    black = (14, 8, 8)
    for x, h in ((220, 420), (760, 520), (1060, 360), (1380, 460)):
        lattice(c, x, horizon - h, horizon, h * 0.32, black, lw=5)
    # a pipeline on supports
    c.rect(0, horizon - 70, W, horizon - 50, black)
    for x in range(40, W, 140):
        c.rect(x, horizon - 50, x + 12, horizon, black)
    # a pump jack
    c.poly([(520, horizon), (560, horizon - 120), (600, horizon)], black)
    c.line([(470, horizon - 150), (660, horizon - 100)], black, 10)
    c.circle(470, horizon - 146, 22, black)


def m_jungle(c, rng):
    c.vgrad(0, 0, W, H, (196, 214, 200), (150, 180, 160))
    cols = [(120, 158, 130), (86, 130, 96), (58, 104, 70), (36, 80, 50), (22, 58, 34)]
    for i, col in enumerate(cols):
        ridge(c, rng, 260 + i * 130, 70 - i * 6, col, waves=(1.1, 3.3, 7.7, 15.1))
        c.rect(0, 300 + i * 130, W, 330 + i * 130, (230, 240, 232, 36))
    pts = []
    for i in range(40):
        t = i / 39
        pts.append((W * 0.15 + t * W * 0.75 + math.sin(t * 9) * 90, H - t * 420))
    c.line(pts, (196, 160, 110), 6)


def m_skyline(c, rng, style):
    if style == "saopaulo":
        c.vgrad(0, 0, W, H, (236, 214, 140), (220, 196, 150))
        layers = [
            ((196, 186, 160), 280, 560),
            ((160, 150, 130), 200, 480),
            ((122, 112, 96), 120, 380),
        ]
        for j, (col, hmin, hmax) in enumerate(layers):
            x = -20 + j * 13
            while x < W:
                w = rng.uniform(60, 130)
                h = rng.uniform(hmin, hmax)
                shade = mix(col, rng.choice([(190, 150, 80), (130, 130, 130)]), 0.25)
                tower_block(
                    c, x, H - h, x + w, H, shade, (*mix(shade, (255, 255, 255), 0.18), 200), rng
                )
                x += w + rng.uniform(2, 10)
        c.rect(0, 0, W, H, (236, 214, 140, 30))
    else:  # reconstruction: low blue city, two cranes, a yellow sun
        c.vgrad(0, 0, W, H, (170, 200, 234), (226, 236, 244))
        c.circle(1280, 200, 90, (250, 210, 60))
        x = 0
        while x < W:
            w = rng.uniform(80, 160)
            h = rng.uniform(90, 260)
            col = rng.choice([(48, 92, 160), (66, 110, 178), (40, 74, 130)])
            tower_block(c, x, H - h, x + w, H, col, (250, 214, 80, 180), rng, lit=0.3)
            x += w + rng.uniform(0, 8)
        yellow = (232, 180, 30)
        for mx, top, jib in ((420, 140, 380), (1000, 210, 320)):
            lattice(c, mx, top, H - 150, 70, yellow, lw=6)
            c.line([(mx - jib * 0.3, top + 10), (mx + jib, top + 10)], yellow, 10)
            c.line([(mx, top - 40), (mx + jib * 0.8, top + 10)], yellow, 3)
            c.line([(mx, top - 40), (mx - jib * 0.3, top + 10)], yellow, 3)
            c.line([(mx + jib * 0.7, top + 10), (mx + jib * 0.7, top + 240)], (60, 60, 60), 2)
            c.rect(mx - jib * 0.3, top + 12, mx - jib * 0.18, top + 50, (90, 90, 96))


def m_containers(c, rng):
    c.vgrad(0, 0, W, 500, (150, 200, 236), (230, 236, 236))
    c.rect(0, 500, W, H, (200, 190, 160))
    colors = [(190, 50, 40), (40, 80, 160), (230, 180, 40), (160, 40, 40), (40, 110, 150)]
    x = 0
    while x < W:
        stack = rng.randint(2, 4)
        for s in range(stack):
            col = rng.choice(colors)
            y1 = 560 - s * 70
            c.rect(x, y1 - 66, x + 200, y1, col)
            for rx in range(int(x) + 10, int(x) + 195, 14):
                c.line([(rx, y1 - 60), (rx, y1 - 6)], mix(col, (0, 0, 0), 0.3), 2)
        x += 204
    c.rect(0, 600, W, 820, (70, 72, 78))
    c.dashed(0, 710, W, 710, (240, 230, 200), 5, dash=50, gap=40)
    for tx in (60, 520, 980, 1400):
        truck(
            c,
            tx,
            690,
            320,
            rng.choice([(230, 230, 226), (200, 60, 50), (60, 90, 160)]),
            (220, 220, 214),
        )
    for tx in (260, 760, 1220):
        truck(c, tx, 800, 300, rng.choice([(230, 230, 226), (230, 180, 40)]), (190, 40, 40))


def m_cables(c, rng):
    sea = 240
    c.vgrad(0, 0, W, sea, (180, 188, 194), (208, 212, 214))
    c.vgrad(0, sea, W, H, (70, 110, 104), (20, 40, 44))
    patrol_boat(c, 560, sea + 10, 420, (110, 118, 126), (150, 156, 162))
    for i in range(18):
        c.line(
            [(rng.uniform(0, W), sea + 30 + i * 26), (rng.uniform(0, W), sea + 40 + i * 26)],
            (180, 220, 210, 18),
            2,
        )
    bed = ridge(c, rng, 760, 26, (58, 50, 40), waves=(1.2, 2.7, 5.3))
    for k, col in enumerate(((240, 140, 40), (240, 210, 60), (200, 50, 50))):
        ph = rng.uniform(0, 6)
        pts = [(x, 730 + k * 30 + 10 * math.sin(x / 140 + ph)) for x in range(0, W + 20, 20)]
        c.line(pts, col, 9)
    c.poly(bed, (58, 50, 40, 90))


def m_lng(c, rng):
    horizon = 520
    c.vgrad(0, 0, W, horizon, (150, 160, 170), (200, 204, 206))
    c.vgrad(0, horizon, W, H, (120, 130, 138), (70, 80, 90))
    for i in range(20):
        y = horizon + 14 + i * 18
        x0 = rng.uniform(0, W - 300)
        c.line([(x0, y), (x0 + rng.uniform(100, 300), y)], (230, 234, 236, 50), 2)
    x0, x1, y = 180, 1420, 640
    for k in range(4):
        cx = 560 + k * 210
        c.circle(cx, y - 120, 105, (244, 244, 240))
        c.ellipse(cx - 100, y - 150, cx + 100, y - 80, (210, 212, 210, 90))
    c.poly(
        [(x0, y - 110), (x1 - 40, y - 110), (x1 + 60, y - 140), (x1 - 10, y), (x0 + 30, y)],
        (130, 36, 36),
    )
    c.rect(x0, y - 120, x1, y - 106, (232, 232, 226))
    c.rect(x0 + 20, y - 250, x0 + 170, y - 110, (240, 240, 236))
    c.rect(x0 + 60, y - 300, x0 + 110, y - 250, (60, 60, 64))


def m_trucks_gate(c, rng):
    ground = 620
    c.vgrad(0, 0, W, ground, (214, 224, 230), (240, 232, 212))
    c.rect(0, ground, W, H, (212, 188, 140))
    c.poly(
        [(0, ground + 20), (W, ground + 10), (W, ground + 120), (0, ground + 160)], (190, 170, 128)
    )
    # concrete wall with a closed gate on the right
    c.rect(1240, 300, W, ground + 40, (150, 150, 146))
    for x in range(1240, W, 60):
        c.line([(x, 300), (x, ground + 40)], (120, 120, 118), 3)
    c.rect(1290, 380, 1560, ground + 40, (96, 100, 104))
    c.line([(1425, 380), (1425, ground + 40)], (60, 62, 66), 5)
    c.rect(1300, 400, 1550, 420, (200, 60, 40))
    for i, x in enumerate(range(-60, 1200, 200)):
        truck(c, x, ground + 110 + (i % 2) * 6, 190, (240, 240, 236), (228, 228, 222))


def m_centrifuges(c, rng):
    c.vgrad(0, 0, W, H, (24, 34, 32), (10, 14, 14))
    for x in (300, 800, 1300):
        c.poly([(x - 60, 0), (x + 60, 0), (x + 260, H), (x - 260, H)], (190, 240, 200, 16))
    rows = [(360, 0.5, 26), (560, 0.75, 18), (860, 1.0, 12)]
    for base, scale, n in rows:
        w, h = 46 * scale, 300 * scale
        gap = (W + 200) / n
        for i in range(n):
            x = -100 + i * gap + (rng.uniform(-2, 2))
            for k in range(8):
                t = k / 7
                col = mix((110, 120, 124), (220, 230, 230), 1 - abs(t - 0.35) * 1.5 if t < 1 else 0)
                c.rect(x + w * t * 0.875, base - h, x + w * (t * 0.875 + 0.14), base, col)
            c.ellipse(x, base - h - w * 0.2, x + w, base - h + w * 0.2, (230, 240, 236))
            c.rect(x - 4, base, x + w + 4, base + 10 * scale, (60, 70, 70))
    c.rect(0, 0, W, H, (160, 230, 190, 10))


def m_dunes_towers(c, rng):
    horizon = 470
    c.vgrad(0, 0, W, horizon, (210, 226, 236), (246, 236, 214))
    for x, h, w in (
        (1040, 300, 34),
        (1090, 230, 40),
        (1140, 360, 28),
        (1190, 200, 46),
        (1240, 260, 30),
    ):
        c.rect(x, horizon - h, x + w, horizon + 20, (160, 164, 172))
        c.poly(
            [(x, horizon - h), (x + w / 2, horizon - h - 40), (x + w, horizon - h)], (140, 144, 152)
        )
    c.rect(0, horizon, W, H, (236, 204, 140))
    for i, col in enumerate(((232, 196, 130), (222, 178, 104), (210, 160, 84), (196, 142, 66))):
        ridge(c, rng, horizon + 20 + i * 110, 40 + i * 10, col, waves=(0.8, 1.7, 3.1))
        c.line([(0, horizon + 40 + i * 110), (W, horizon + 10 + i * 110)], (250, 230, 190, 30), 3)


def m_strait_map(c, rng):
    c.rect(0, 0, W, H, (52, 118, 176))
    left = [(0, 0), (620, 0), (700, 180), (760, 380), (720, 520), (640, 700), (560, 900), (0, 900)]
    right = [
        (W, 0),
        (1000, 0),
        (930, 200),
        (860, 380),
        (880, 560),
        (1000, 720),
        (1120, 900),
        (W, 900),
    ]
    c.poly(left, (224, 196, 142))
    c.poly(right, (214, 184, 130))
    for pts, col in ((left, (196, 164, 110)), (right, (186, 154, 100))):
        for _ in range(30):
            x, y = rng.uniform(0, W), rng.uniform(0, H)
            inside = (x < 560) if pts is left else (x > 1100)
            if inside:
                c.ellipse(x - 30, y - 10, x + 30, y + 10, col)
    lane = [(880, 0), (820, 200), (800, 400), (800, 560), (860, 740), (920, 900)]
    for (x0, y0), (x1, y1) in itertools.pairwise(lane):
        steps = int(math.hypot(x1 - x0, y1 - y0) // 26)
        for s in range(steps):
            t = s / steps
            c.circle(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, 4, (250, 250, 250))
    for x, y, a in ((830, 150, 1.8), (806, 470, 1.6), (880, 790, 1.2)):
        ca, sa = math.cos(a), math.sin(a)
        shape = [(-40, -9), (28, -9), (44, 0), (28, 9), (-40, 9)]
        c.poly([(x + px * ca - py * sa, y + px * sa + py * ca) for px, py in shape], (40, 40, 46))


def m_continent(c, rng, style):
    c.rect(0, 0, W, H, (120, 170, 206))
    if style == "sahel":
        shape = blob(820, 460, 520, rng, rough=0.14, sx=1.15, sy=0.9)
        c.poly(shape, (120, 150, 90))
        band = [
            (160, 300),
            (500, 270),
            (900, 300),
            (1320, 260),
            (1460, 330),
            (1460, 520),
            (1100, 560),
            (700, 520),
            (300, 560),
            (150, 500),
        ]
        c.poly(band, (214, 160, 80))
        c.poly(blob(820, 220, 300, rng, rough=0.12, sx=2.0, sy=0.25), (236, 210, 150))
        for _ in range(40):
            x, y = rng.uniform(260, 1380), rng.uniform(330, 510)
            col = rng.choice([(196, 40, 40), (30, 30, 30)])
            c.circle(x, y, rng.choice([7, 9, 11]), col)
            c.circle(x, y, 3, (250, 240, 220))
    else:  # highlands, sandy coast, a narrow sea strip on the right
        c.rect(0, 0, W, H, (214, 196, 150))
        c.rect(1390, 0, W, H, (60, 124, 180))
        c.poly(
            [(1240, 0), (1390, 0), (1390, H), (1300, H), (1260, 600), (1300, 300)], (236, 220, 176)
        )
        high = blob(660, 470, 430, rng, rough=0.16, sx=1.2, sy=0.95)
        c.poly(high, (84, 140, 80))
        for k in range(1, 5):
            c.poly(
                blob(660, 470, 430 - k * 80, random.Random(k), rough=0.16, sx=1.2, sy=0.95),
                mix((84, 140, 80), (40, 90, 50), k / 4),
            )


def m_rail(c, rng):
    horizon = 430
    c.vgrad(0, 0, W, horizon, (190, 214, 232), (236, 226, 206))
    c.rect(0, horizon, W, H, (196, 112, 64))
    c.rect(1080, horizon - 20, W, H, (40, 110, 170))
    ridge(c, rng, 520, 70, (176, 90, 50), waves=(0.9, 2.1, 4.3), bottom=H)
    ridge(c, rng, 640, 40, (150, 70, 40), waves=(1.1, 2.6, 5.0), bottom=H)
    c.rect(1180, 560, W, H, (40, 110, 170))
    c.rect(1120, 540, W, 580, (120, 120, 124))
    for x in (1250, 1400, 1540):
        c.rect(x, 300, x + 14, 540, (230, 160, 40))
        c.rect(x + 50, 300, x + 64, 540, (230, 160, 40))
        c.rect(x - 60, 300, x + 120, 320, (230, 160, 40))
    track = [(0, 820), (400, 760), (800, 700), (1160, 560)]
    c.line(track, (40, 34, 30), 10)
    for (x0, y0), (x1, y1) in itertools.pairwise(track):
        for s in range(12):
            t = s / 12
            x, y = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
            c.line([(x - 6, y - 14), (x + 6, y + 14)], (90, 70, 50), 4)
    for k in range(6):  # the train runs on the middle stretch of track
        x = 700 - k * 74
        y = 820 - 60 * (x / 400) if x < 400 else 760 - 60 * ((x - 400) / 400)
        col = (30, 70, 120) if k == 0 else rng.choice([(70, 60, 56), (110, 80, 60), (60, 90, 80)])
        ang = math.atan2(-60, 400)
        ca, sa = math.cos(ang), math.sin(ang)
        box = [(0, -8), (66, -8), (66, -52), (0, -52)]
        c.poly([(x + px * ca - py * sa, y + px * sa + py * ca) for px, py in box], col)


def m_scales(c, rng):
    c.vgrad(0, 0, W, H, (222, 226, 214), (196, 204, 192))
    brass = (190, 150, 60)
    c.rect(780, 230, 820, 780, brass)
    c.poly([(640, 820), (960, 820), (900, 770), (700, 770)], brass)
    tilt = 0.2
    lx, ly = 800 - 420 * math.cos(tilt), 240 + 420 * math.sin(tilt)
    rx, ry = 800 + 420 * math.cos(tilt), 240 - 420 * math.sin(tilt)
    c.line([(lx, ly), (rx, ry)], brass, 16)
    c.circle(800, 240, 24, brass)
    for px, py, drop in ((lx, ly, 300), (rx, ry, 260)):
        c.line([(px, py), (px - 120, py + drop)], (120, 100, 60), 3)
        c.line([(px, py), (px + 120, py + drop)], (120, 100, 60), 3)
        c.ellipse(px - 150, py + drop - 20, px + 150, py + drop + 30, brass)
    # the heavy grey weight on the low pan, a pale yellow block on the high one
    c.poly(
        [(lx - 80, ly + 280), (lx + 80, ly + 280), (lx + 55, ly + 150), (lx - 55, ly + 150)],
        (70, 72, 78),
    )
    c.rect(lx - 18, ly + 124, lx + 18, ly + 150, (70, 72, 78))
    c.rect(rx - 70, ry + 190, rx + 70, ry + 240, (246, 226, 140))


def m_factory(c, rng):
    c.vgrad(0, 0, W, H, (150, 164, 180), (210, 212, 214))
    top = 250
    teeth = 8
    pts = [(80, 560)]
    for i in range(teeth):
        x0 = 80 + i * 180
        pts += [(x0, top + 60), (x0 + 150, top), (x0 + 150, top + 60)]
    pts += [(80 + teeth * 180, top + 60), (80 + teeth * 180, 560)]
    c.poly(pts, (70, 74, 82))
    for i in range(teeth):
        x0 = 80 + i * 180
        c.poly([(x0 + 150, top), (x0 + 150, top + 60), (x0 + 170, top + 60)], (170, 190, 210))
    c.rect(1200, 120, 1250, top + 60, (60, 62, 70))
    c.rect(0, 560, W, H, (96, 92, 86))
    for row, (y, s) in enumerate(((640, 0.6), (740, 0.8), (880, 1.0))):
        w, h = 40 * s, 170 * s
        n = int(W // (w * 1.7))
        for i in range(n):
            x = 20 + i * w * 1.7 + (row % 2) * w * 0.8
            c.rect(x, y - h, x + w, y, (196, 150, 70))
            c.rect(x + w * 0.55, y - h, x + w * 0.8, y, (220, 180, 100))
            c.poly([(x, y - h), (x + w / 2, y - h - w * 1.6), (x + w, y - h)], (170, 128, 58))
            c.rect(x - 2, y - h * 0.22, x + w + 2, y - h * 0.14, (150, 100, 50))


def m_crates(c, rng):
    c.vgrad(0, 0, W, H, (30, 32, 28), (14, 15, 13))
    c.poly([(740, 0), (860, 0), (1100, H), (500, H)], (250, 240, 200, 30))
    c.poly([(770, 0), (830, 0), (930, H), (670, H)], (250, 240, 200, 40))
    for _side, xs in (("l", range(-40, 700, 150)), ("r", range(900, W + 40, 150))):
        for x in xs:
            for k in range(rng.randint(3, 5)):
                y1 = 860 - k * 115
                col = rng.choice([(86, 96, 54), (74, 84, 46), (98, 104, 62)])
                if abs(x + 70 - 800) < 200:
                    col = mix(col, (200, 190, 150), 0.15)
                c.rect(x, y1 - 110, x + 144, y1, col)
                c.rect(x, y1 - 110, x + 144, y1, None, outline=mix(col, (0, 0, 0), 0.4), width=4)
                c.line([(x + 6, y1 - 104), (x + 138, y1 - 6)], mix(col, (0, 0, 0), 0.3), 4)
                c.rect(x + 50, y1 - 70, x + 94, y1 - 50, (210, 200, 160, 120))
    c.rect(0, 860, W, H, (40, 40, 36))


def m_space(c, rng):
    c.vgrad(0, 0, W, H, (4, 6, 18), (14, 20, 44))
    stars(c, rng, 320, H)
    c.circle(800, 2300, 1600, (60, 130, 210, 60))
    c.circle(800, 2320, 1590, (30, 80, 150))
    c.circle(800, 2340, 1590, (20, 60, 120))
    for _k in range(7):
        x0 = rng.uniform(-400, 600)
        x1 = rng.uniform(1000, 2000)
        y0 = rng.uniform(150, 600)
        col = rng.choice([(120, 220, 255), (255, 170, 80)])
        c.arc((x0, y0, x1, y0 + rng.uniform(500, 900)), 190, 350, (*col, 150), 3)
        c.arc((x0, y0, x1, y0 + rng.uniform(500, 900)), 200, 340, (*col, 40), 9)
    for _ in range(9):
        x, y = rng.uniform(100, 1500), rng.uniform(80, 560)
        c.rect(x - 7, y - 5, x + 7, y + 5, (220, 220, 220))
        c.rect(x - 30, y - 3, x - 10, y + 3, (80, 120, 200))
        c.rect(x + 10, y - 3, x + 30, y + 3, (80, 120, 200))


def m_dome(c, rng):
    c.vgrad(0, 0, W, H, (12, 24, 70), (60, 80, 150))
    stars(c, rng, 60, 300)
    white = (240, 242, 246)
    base = 820
    c.rect(260, base - 140, 1340, base, white)
    c.rect(200, base - 40, 1400, base, white)
    c.rect(560, base - 260, 1040, base - 140, white)
    c.poly([(540, base - 260), (800, base - 330), (1060, base - 260)], white)
    c.rect(660, base - 440, 940, base - 280, white)
    for x in range(676, 930, 30):
        c.rect(x, base - 430, x + 12, base - 290, (200, 206, 220))
    c.ellipse(640, base - 640, 960, base - 380, white)
    c.rect(640, base - 520, 960, base - 440, white)
    c.rect(780, base - 700, 820, base - 620, white)
    c.circle(800, base - 712, 16, white)
    for x in range(300, 1320, 44):
        c.rect(x, base - 126, x + 14, base - 44, (196, 204, 222))
    c.rect(0, base, W, H, (20, 30, 60))


def m_documents(c, rng):
    c.vgrad(0, 0, W, 380, (60, 50, 44), (40, 32, 28))
    c.rect(0, 380, W, H, (92, 58, 34))
    for i in range(30):
        y = 390 + i * 17
        c.line([(0, y + rng.uniform(-3, 3)), (W, y + rng.uniform(-3, 3))], (70, 42, 24, 120), 2)
    x0, x1, y = 560, 1080, 820
    tabs = [(220, 60, 50), (40, 120, 190), (240, 190, 40), (60, 160, 90)]
    for i in range(120):
        off = rng.uniform(-8, 8)
        col = (250, 250, 246) if i % 2 else (226, 226, 220)
        c.rect(x0 + off, y - 5, x1 + off, y, col)
        if i % 11 == 5:
            c.rect(x1 + off, y - 9, x1 + off + 36, y, rng.choice(tabs))
        y -= 5
    c.rect(x0, y - 4, x1, y + 4, (252, 252, 250))


def m_facade(c, rng):
    c.rect(0, 0, W, H, (214, 206, 190))
    c.rect(0, 0, W, 70, (196, 188, 170))
    c.rect(0, 70, W, 90, (170, 162, 146))
    for row in range(6):
        for col in range(12):
            x = 60 + col * 128
            y = 130 + row * 128
            dark = rng.random() < 0.22
            c.rect(x - 8, y - 8, x + 78, y + 98, (190, 182, 164))
            c.rect(x, y, x + 70, y + 90, (20, 22, 28) if dark else (120, 150, 176))
            if not dark:
                c.poly([(x, y), (x + 40, y), (x, y + 50)], (200, 220, 236, 90))
            c.line([(x + 35, y), (x + 35, y + 90)], (190, 182, 164), 4)


def m_flags(c, rng):
    c.vgrad(0, 0, W, H, (70, 150, 230), (200, 228, 246))
    c.rect(0, 800, W, H, (190, 196, 190))
    palette = [(200, 40, 50), (250, 250, 250), (30, 70, 160), (250, 200, 40)]
    for i in range(8):
        x = 110 + i * 190
        c.rect(x, 170, x + 10, 810, (150, 154, 160))
        c.circle(x + 5, 166, 8, (200, 200, 200))
        hoist, top, bottom = rng.sample(palette, 3)
        fw, fh, x0, y0 = 150, 96, x + 10, 180

        def skew(px, py, x0=x0, y0=y0, fw=fw):  # the fly end droops a little in the breeze
            return (x0 + px, y0 + py + 12 * px / fw)

        c.poly([skew(0, 0), skew(fw, 0), skew(fw, fh / 2), skew(0, fh / 2)], top)
        c.poly([skew(0, fh / 2), skew(fw, fh / 2), skew(fw, fh), skew(0, fh)], bottom)
        c.poly([skew(0, 0), skew(fw * 0.28, 0), skew(fw * 0.28, fh), skew(0, fh)], hoist)
        c.poly(
            [
                skew(fw * 0.28, fh * 0.44),
                skew(fw, fh * 0.44),
                skew(fw, fh * 0.56),
                skew(fw * 0.28, fh * 0.56),
            ],
            rng.choice([p for p in palette if p not in (top, bottom)]),
        )


def m_icebreaker(c, rng):
    horizon = 360
    c.vgrad(0, 0, W, horizon, (150, 156, 164), (206, 210, 214))
    c.rect(0, horizon, W, H, (226, 236, 242))
    for _ in range(140):
        x, y = rng.uniform(-50, W), rng.uniform(horizon, H)
        s = 20 + (y - horizon) * 0.25
        col = rng.choice([(246, 250, 252), (200, 222, 236), (232, 242, 248), (180, 206, 226)])
        c.poly(blob(x, y, s, rng, n=9, rough=0.35, sx=1.6, sy=0.5), col)
    c.poly([(0, 720), (760, 600), (780, 660), (0, 860)], (34, 60, 80))
    x, y, L = 700, 640, 640
    c.poly(
        [(x, y - 70), (x + L - 80, y - 80), (x + L, y - 150), (x + L - 60, y), (x + 20, y)],
        (190, 30, 30),
    )
    c.rect(x + 60, y - 180, x + 300, y - 70, (244, 244, 240))
    c.rect(x + 90, y - 240, x + 260, y - 180, (244, 244, 240))
    for k in range(6):
        c.rect(x + 100 + k * 26, y - 225, x + 116 + k * 26, y - 205, (40, 60, 80))
    c.rect(x + 150, y - 300, x + 190, y - 240, (190, 30, 30))
    c.poly(
        [(x + L - 40, y - 10), (x + L + 120, y + 10), (x + L + 60, y + 30), (x + L - 60, y + 20)],
        (250, 252, 252),
    )


def m_monitor_line(c, rng):
    """Fields at dusk with a winding line of contact and small white observation posts."""
    c.vgrad(0, 0, W, H, (236, 170, 120), (120, 96, 110))
    c.glow(W * 0.7, 260, 420, (255, 214, 160), strength=0.45)
    for i in range(3):
        ridge(c, rng, 330 + i * 40, 26, mix((96, 104, 84), (60, 66, 56), i / 2), step=10)
    c.rect(0, 430, W, H, (122, 128, 86))
    for i in range(9):  # ploughed fields as bands of colour
        y = 430 + i * 52
        c.rect(0, y, W, y + 26, mix((138, 140, 92), (104, 110, 72), (i % 3) / 2))
    pts = []
    for x in range(-20, W + 40, 20):
        pts.append((x, 600 + 90 * math.sin(x / 210 + 0.6) + 30 * math.sin(x / 67)))
    c.line(pts, (70, 44, 40), 9)
    for x, y in pts[3::9]:
        c.rect(x - 12, y - 58, x + 12, y - 22, (244, 242, 236))
        c.rect(x - 3, y - 22, x + 3, y, (244, 242, 236))


def m_contact_map(c, rng):
    """A schematic map: a line of contact, posts along it and hubs behind them."""
    c.rect(0, 0, W, H, (232, 228, 216))
    for i in range(0, W, 80):  # a faint grid
        c.line([(i, 0), (i, H)], (214, 208, 194), 2)
    for j in range(0, H, 80):
        c.line([(0, j), (W, j)], (214, 208, 194), 2)
    c.poly(blob(1250, 760, 260, rng, rough=0.1, sx=1.6, sy=0.5), (176, 204, 222))  # a sea
    pts = []
    for y in range(40, H - 100, 20):
        pts.append((640 + 150 * math.sin(y / 160) + 40 * math.sin(y / 47), y))
    c.line(pts, (163, 21, 28), 8)
    for x, y in pts[2::4]:
        c.circle(x + 34, y, 12, (30, 34, 40))
    for y in (180, 420, 660):
        x = 640 + 150 * math.sin(y / 160) + 260
        c.rect(x - 26, y - 26, x + 26, y + 26, (36, 70, 110))
        c.circle(x, y, 10, (244, 242, 236))


def m_generic(c, rng):
    """Fallback for articles without a motif: layered hills under a sky."""
    a = tuple(rng.randint(40, 200) for _ in range(3))
    c.vgrad(0, 0, W, H, mix(a, (255, 255, 255), 0.6), mix(a, (255, 255, 255), 0.2))
    for i in range(4):
        ridge(c, rng, 380 + i * 140, 60, mix(a, (0, 0, 0), 0.2 + i * 0.18))


MOTIFS = {
    "track-ii-channel-to-moscow": lambda c, r: m_table(c, r, long=False),
    "sudan-ceasefire-mediators-crowded": lambda c, r: m_table(c, r, long=True),
    "grain-corridor-black-sea-insurance": m_ships_dawn,
    "taiwan-strait-coast-guard-gray-zone": m_ships_night,
    "famine-early-warning-funding-gap": m_line_chart,
    "japan-defense-budget-counterstrike": lambda c, r: m_bars(c, r, "japan"),
    "nato-spending-target-five-percent": lambda c, r: m_bars(c, r, "nato"),
    "zurich-talks-second-round": m_lake_city,
    "philippines-second-thomas-shoal-resupply": m_reef,
    "korean-peninsula-hotline-silence": m_divided_map,
    "venezuela-sanctions-license-oil": m_derricks,
    "darien-crossings-fall-what-next": m_jungle,
    "brazil-brics-presidency-sao-paulo": lambda c, r: m_skyline(c, r, "saopaulo"),
    "ukraine-reconstruction-conference-money": lambda c, r: m_skyline(c, r, "rebuild"),
    "mexico-tariff-security-linkage": m_containers,
    "baltic-undersea-cables-patrols": m_cables,
    "eu-russian-lng-phaseout": m_lng,
    "gaza-aid-crossings-logistics": m_trucks_gate,
    "iran-enrichment-snapback-deadline": m_centrifuges,
    "saudi-normalization-price": m_dunes_towers,
    "red-sea-shipping-insurance-houthis": m_strait_map,
    "sahel-juntas-russia-security-partners": lambda c, r: m_continent(c, r, "sahel"),
    "ethiopia-sea-access-tensions": lambda c, r: m_continent(c, r, "highlands"),
    "critical-minerals-drc-corridor": m_rail,
    "guns-and-butter-readiness-pitch": m_scales,
    "munitions-multiyear-contracts": m_factory,
    "foreign-military-sales-backlog": m_crates,
    "space-missile-defense-price-tag": m_space,
    "war-powers-vote-senate": m_dome,
    "ndaa-conference-fights": m_documents,
    "state-department-reorganization": m_facade,
    "qiosk-summit-communique-word-count": m_flags,
    "qiosk-arctic-icebreakers": m_icebreaker,
    "ceasefire-monitoring-mission": m_monitor_line,
    "nato-ministers-brussels-live": m_flags,
    # series photos (content/series/KEY.md) and figures in article bodies
    "ukraine-talks": lambda c, r: m_table(c, r, long=True),
    "line-of-contact-posts": m_contact_map,
}
BODY_IMAGE = re.compile(r"!\[[^\]]*\]\((/images/[^ )]+\.jpg)")

# Author portrait backgrounds, matching the `alt` text in content/authors/.
PORTRAIT_COLORS = {
    "amara-okafor": (222, 150, 50),
    "daniel-vasquez-reyes": (40, 140, 140),
    "helena-brandt": (90, 110, 140),
    "kenji-ashworth": (30, 90, 60),
    "layla-nasser": (190, 100, 70),
    "tomas-lindqvist": (120, 128, 136),
    "priya-calloway": (110, 60, 110),
    "sofia-marchetti": (200, 160, 60),
    "nadia-korsakova": (80, 140, 200),
}


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


def seed_for(name: str) -> int:
    return zlib.crc32(name.encode("utf-8"))


def save_jpeg(img: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", **JPEG)


def draw_article(name: str) -> Image.Image:
    rng = random.Random(seed_for(name))
    c = Canvas()
    MOTIFS.get(name, m_generic)(c, rng)
    return c.finish()


def draw_portrait(key: str) -> Image.Image:
    rng = random.Random(seed_for(key))
    bg = PORTRAIT_COLORS.get(key) or tuple(rng.randint(60, 200) for _ in range(3))
    c = Canvas(600, 600)
    c.d.rectangle([0, 0, 1200, 1200], fill=bg)
    c.vgrad(0, 0, 600, 600, mix(bg, (255, 255, 255), 0.25), mix(bg, (0, 0, 0), 0.15))
    c.circle(
        300 + rng.uniform(-30, 30), 230 + rng.uniform(-20, 20), 230, mix(bg, (255, 255, 255), 0.12)
    )
    sil = mix(bg, (10, 10, 16), 0.78)
    sw, hw, hh = rng.uniform(170, 210), rng.uniform(86, 100), rng.uniform(104, 118)
    c.ellipse(300 - sw, 410, 300 + sw, 800, sil)  # shoulders
    c.poly([(255, 330), (345, 330), (360, 430), (240, 430)], sil)  # neck
    c.ellipse(300 - hw, 250 - hh, 300 + hw, 250 + hh, sil)  # head
    return c.finish()


def draw_logo(size: int) -> Image.Image:
    s = size * 4
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse([0, 0, s - 1, s - 1], fill=(18, 36, 72, 255))
    d.ellipse(
        [s * 0.06, s * 0.06, s * 0.94, s * 0.94], outline=(200, 60, 50, 255), width=int(s * 0.025)
    )
    x0, y0, w, h = s * 0.24, s * 0.28, s * 0.52, s * 0.42
    m = [
        (0, 0),
        (0.22, 0),
        (0.5, 0.46),
        (0.78, 0),
        (1, 0),
        (1, 1),
        (0.8, 1),
        (0.8, 0.4),
        (0.5, 0.8),
        (0.2, 0.4),
        (0.2, 1),
        (0, 1),
    ]
    d.polygon([(x0 + px * w, y0 + py * h) for px, py in m], fill=(250, 248, 240, 255))
    d.rectangle([x0, s * 0.75, x0 + w, s * 0.78], fill=(200, 60, 50, 255))
    return img.resize((size, size), Image.LANCZOS)


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    _, fm, _ = text.split("---", 2)
    return yaml.safe_load(fm) or {}


def local_photo(meta: dict) -> str | None:
    photo = meta.get("photo")
    if isinstance(photo, dict):
        src = str(photo.get("src", ""))
        if src.startswith("/images/") and src.endswith(".jpg"):
            return src
    return None


def main(argv: list[str]) -> int:
    site = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    static = site / "static"
    written = []
    pictures = sorted(
        [
            *(site / "content" / "articles").rglob("*.md"),
            *(site / "content" / "series").glob("*.md"),
        ]
    )
    for path in pictures:
        text = path.read_text(encoding="utf-8")
        sources = [local_photo(front_matter(path)), *BODY_IMAGE.findall(text)]
        for src in dict.fromkeys(s for s in sources if s):
            out = static / src.lstrip("/")
            save_jpeg(draw_article(Path(src).stem), out)
            written.append(out)
    for path in sorted((site / "content" / "authors").glob("*.md")):
        src = local_photo(front_matter(path))
        if src:
            out = static / src.lstrip("/")
            save_jpeg(draw_portrait(path.stem), out)
            written.append(out)
    images = static / "images"
    images.mkdir(parents=True, exist_ok=True)
    draw_logo(512).save(images / "logo.png", optimize=True)
    draw_logo(512).save(images / "icon-512.png", optimize=True)
    draw_logo(192).save(images / "icon-192.png", optimize=True)
    draw_logo(64).save(static / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    written += [
        images / "logo.png",
        images / "icon-512.png",
        images / "icon-192.png",
        static / "favicon.ico",
    ]
    for out in written:
        print(f"{out.stat().st_size // 1024:5d} KB  {out.relative_to(site)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
