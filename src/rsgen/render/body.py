"""A body's slots filled in: the parts of a body only a build can finish.

A parsed body (`rsgen.content.Body`) holds markers where it needs the graph, the photos or
the clock. Filling them in for one page:

- an **embed** becomes its facade, quote or frame (`embeds.py`); in feeds, a plain link;
- a **figure** gets the responsive sizes of a photo when its image is a file under
  static/ (a `<picture>` with WebP and the original's format, width and height);
- a **related box** shows the label (`Kind | Section`) and title of the article it names,
  found through the graph (the graph has checked that it is published);
- the **live updates** due (dated at or before the build clock) are shown newest first,
  each with its time and anchor, under a "Last updated" line; later ones wait.

Everything a writer typed is escaped here or was escaped by the Markdown renderer; only
the markers are replaced.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from rsgen.content import Body, Embed, Figure, Photo, RelatedRef, Update, UpdatesHere
from rsgen.render.embeds import embed_feed_html, embed_html
from rsgen.render.records import PhotoView, TeaserView, date_text

MARKER = re.compile("\x00(\\d+)\x00\n?")
# how wide a body figure is drawn (the content column; as `photo_sizes.content` in the
# theme's _picture.html)
CONTENT_SIZES = (
    "(min-width: 82rem) 56.5rem, (min-width: 64rem) calc(100vw - 25.5rem), calc(100vw - 2rem)"
)


@dataclass(frozen=True)
class Filled:
    """A body made for one page: its HTML, whether it needs the theme's script, and the
    live updates it shows."""

    html: Markup
    needs_script: bool
    updates: tuple[Update, ...]


@dataclass(frozen=True)
class SlotFiller:
    """What filling slots needs from the build: photos' sizes, the articles related boxes
    name, which updates are due, and the site's time zone and URLs."""

    photo: Callable[[Photo], PhotoView | None]
    article: Callable[[str], TeaserView | None]  # a related box's target → its teaser
    shows_update: Callable[[dt.datetime], bool]
    zone: dt.tzinfo
    absolute: Callable[[str], str]  # a root-relative URL made absolute (feeds)

    def page(self, body: Body) -> Filled:
        """The body as its page shows it."""
        return self._fill(body, feed=False)

    def feed(self, body: Body) -> Markup:
        """The body as feed readers get it: embeds as links, figures as plain images."""
        return self._fill(body, feed=True).html

    def due(self, body: Body) -> tuple[Update, ...]:
        """The live updates the build clock has reached, newest first."""
        return tuple(u for u in body.updates if self.shows_update(u.time))

    # --------------------------------------------------------------------------------
    def _fill(self, body: Body, feed: bool) -> Filled:
        if not body.slots:
            return Filled(Markup(body.html), False, ())
        updates = self.due(body)
        script = False

        def one(found: re.Match[str]) -> str:
            nonlocal script
            slot = body.slots[int(found.group(1))]
            if isinstance(slot, Embed):
                script = script or (slot.needs_script and not feed)
                return embed_feed_html(slot) if feed else embed_html(slot)
            if isinstance(slot, Figure):
                return self._figure(slot, feed)
            if isinstance(slot, RelatedRef):
                return self._related(slot, feed)
            assert isinstance(slot, UpdatesHere)
            return MARKER.sub(one, self._updates(updates))

        html = MARKER.sub(one, body.html)
        return Filled(Markup(html), script, updates)

    def _figure(self, figure: Figure, feed: bool) -> str:
        caption = (
            Markup("<figcaption>{}</figcaption>\n").format(figure.caption) if figure.caption else ""
        )
        view = self.photo(Photo(figure.src, figure.alt)) if figure.is_local else None
        if view is None or feed:
            src = view.src if view is not None else figure.src  # feeds make it absolute
            image = Markup('<img src="{}" alt="{}" loading="lazy" decoding="async">\n').format(
                src, figure.alt
            )
        else:
            image = picture(view, CONTENT_SIZES)
        return Markup('<figure class="figure">\n{}{}</figure>\n').format(image, caption)

    def _related(self, ref: RelatedRef, feed: bool) -> str:
        target = self.article(ref.target)
        if target is None:  # the graph reported it; a page is never built with it
            return ""
        if feed:
            return Markup('<p>Related: <a href="{}">{}</a></p>\n').format(
                self.absolute(target.url), target.title
            )
        return Markup(
            '<aside class="related-box" role="note" aria-label="Related article" '
            "data-pagefind-ignore>\n"
            '<p class="label"><a href="{kind_url}">{kind}</a> '
            '<span class="sep" aria-hidden="true">|</span> '
            '<a href="{section_url}">{section}</a></p>\n'
            '<p class="related-title"><a href="{url}">{title}</a></p>\n{note}</aside>\n'
        ).format(
            kind_url=target.kind.url,
            kind=target.kind.label,
            section_url=target.section.url,
            section=target.section.title,
            url=target.url,
            title=target.title,
            note=Markup(ref.note_html),
        )

    def _updates(self, updates: tuple[Update, ...]) -> str:
        if not updates:
            return Markup(
                '<div class="live-updates">\n<p class="live-status">{}</p>\n</div>\n'
            ).format("Live coverage: the first update will appear here.")
        newest = updates[0].time
        parts = [
            Markup(
                '<div class="live-updates">\n<p class="live-status">Last updated '
                '<time datetime="{}">{}</time></p>\n'
            ).format(newest.isoformat(), datetime_text(newest, self.zone))
        ]
        for update in updates:
            parts.append(
                Markup(
                    '<article class="update" id="{anchor}">\n'
                    '<p class="update-time"><a href="#{anchor}"><time datetime="{iso}">{text}</time>'
                    "</a></p>\n{html}</article>\n"
                ).format(
                    anchor=update.anchor,
                    iso=update.time.isoformat(),
                    text=time_text(update.time, self.zone),
                    html=Markup(update.html),
                )
            )
        parts.append(Markup("</div>\n"))
        return Markup("").join(parts)


def picture(photo: PhotoView, sizes: str) -> Markup:
    """A local image with its derivatives, as the theme's `picture` macro writes a photo."""
    img = Markup('<img src="{}"').format(photo.src)
    if photo.srcset:
        img += Markup(' srcset="{}" sizes="{}"').format(photo.srcset, sizes)
    if photo.width and photo.height:
        img += Markup(' width="{}" height="{}"').format(photo.width, photo.height)
    img += Markup(' alt="{}" loading="lazy" decoding="async">').format(photo.alt)
    if photo.webp_srcset and photo.webp_srcset != photo.srcset:
        source = Markup('<source type="image/webp" srcset="{}" sizes="{}">').format(
            photo.webp_srcset, sizes
        )
        return Markup("<picture>{}{}</picture>\n").format(source, img)
    return img + Markup("\n")


def time_text(when: dt.datetime, zone: dt.tzinfo) -> str:
    """ "July 6, 2:05 p.m. EDT": an update's time in the site's zone."""
    local = when.astimezone(zone)
    return f"{date_text(local).rsplit(',', 1)[0]}, {clock_text(local)}"


def datetime_text(when: dt.datetime, zone: dt.tzinfo) -> str:
    """ "July 6, 2026, 2:05 p.m. EDT"."""
    local = when.astimezone(zone)
    return f"{date_text(local)}, {clock_text(local)}"


def clock_text(local: dt.datetime) -> str:
    """ "2:05 p.m. EDT", "noon", "midnight": newsroom style, whatever the machine's locale."""
    if (local.hour, local.minute) == (12, 0):
        words = "noon"
    elif (local.hour, local.minute) == (0, 0):
        words = "midnight"
    else:
        hour = local.hour % 12 or 12
        words = f"{hour}:{local.minute:02d} {'a.m.' if local.hour < 12 else 'p.m.'}"
    zone = local.tzname() or ""
    return f"{words} {zone}".strip()
