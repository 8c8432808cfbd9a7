"""The `:::` blocks: what each name means, and how its fence becomes HTML or a slot.

mdit-py-plugins' container plugin finds the fences (`::: name arguments`, Markdown inside,
`:::` to close; a block inside another needs a longer fence on the outer one, `::::`). One
container type takes every name, so an unknown name is an error at its line rather than
text on the page. `blocks.transform` hands each block here with its inside already done.

| block | becomes |
| --- | --- |
| `pullquote` | `<blockquote class="pullquote">` around the inside |
| `aside TITLE` | `<aside class="box" role="note">`, the title first, then the inside |
| `related SLUG` | a `RelatedRef` slot: the graph finds the article, the page shows its box |
| `embed URL` | an `Embed` slot, the inside its caption; a URL no provider matches is an error |
| `update TIME` | an `Update` of a live blog; the updates are shown together, newest first |
"""

from __future__ import annotations

import html

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from rsgen.base.errors import did_you_mean
from rsgen.base.urls import SAFE_SEGMENT
from rsgen.content.blocks.embeds import PROVIDERS
from rsgen.content.blocks.paragraphs import make_embed
from rsgen.content.blocks.state import BodyState, plain_text
from rsgen.content.blocks.updates import BadTime, anchor_of, parse_update_time
from rsgen.content.model import RelatedRef, Update, UpdatesHere

CONTAINER = "block"
OPEN = f"container_{CONTAINER}_open"
CLOSE = f"container_{CONTAINER}_close"
NAMES = ("pullquote", "aside", "related", "embed", "update")


def use_containers(md: MarkdownIt) -> None:
    """Recognise `:::` fences of any name (checked later, with the file's line)."""
    container_plugin(md, CONTAINER, validate=lambda params, markup: True)


def block_tokens(state: BodyState, opening: Token, inside: list[Token]) -> list[Token]:
    """What one block becomes; its inside has been transformed already."""
    name, _, argument = opening.info.strip().partition(" ")
    argument = " ".join(argument.split())
    if not state.blocks:
        state.error(opening, "an author's bio holds plain Markdown, without ::: blocks")
        return inside
    if name == "pullquote":
        return _wrapped(opening, '<blockquote class="pullquote">\n', inside, "</blockquote>\n")
    if name == "aside":
        return _aside(state, opening, argument, inside)
    if name == "related":
        return _related(state, opening, argument, inside)
    if name == "embed":
        return _embed(state, opening, argument, inside)
    if name == "update":
        return _update(state, opening, argument, inside)
    if not name:
        state.error(
            opening,
            "a ':::' line opens a block without a name",
            f"name it ({', '.join(NAMES)}), or remove a ':::' that closes a block twice",
        )
    else:
        hint = did_you_mean(name, NAMES) or f"the blocks are {', '.join(NAMES)}"
        state.error(opening, f"unknown block '{name}'", hint)
    return inside


def _wrapped(opening: Token, start: str, inside: list[Token], end: str) -> list[Token]:
    """The inside between an opening and a closing token that render as `start` and `end`
    (a pair, nesting like the fence's, so a block stays one block to whoever walks it)."""
    opened, closed = Token("rsgen_open", "", 1), Token("rsgen_close", "", -1)
    for token, made in ((opened, start), (closed, end)):
        token.block = True
        token.level = opening.level
        token.map = opening.map
        token.content = made
    return [opened, *inside, closed]


def _aside(state: BodyState, opening: Token, title: str, inside: list[Token]) -> list[Token]:
    if not title:
        state.error(opening, "the aside block needs a title: ::: aside TITLE")
    ident = state.unique_id("box-" + (_id_words(title) or "aside"))
    start = (
        f'<aside class="box" role="note" aria-labelledby="{ident}">\n'
        f'<p class="box-title" id="{ident}">{html.escape(title)}</p>\n'
    )
    return _wrapped(opening, start, inside, "</aside>\n")


def _id_words(text: str) -> str:
    return "-".join(
        "".join(c if c.isascii() and c.isalnum() else " " for c in text.lower()).split()
    )


def _related(state: BodyState, opening: Token, target: str, inside: list[Token]) -> list[Token]:
    parts = target.split("/")
    if not target or len(parts) > 2 or not all(SAFE_SEGMENT.match(p) for p in parts):
        state.error(
            opening,
            f"'{target}' is not an article: write ::: related section/slug (or slug)"
            if target
            else "the related block needs an article: ::: related section/slug",
        )
        return []
    note = state.render(inside) if inside else ""
    return [state.slot(RelatedRef(target, note, state.line_of(opening)), opening)]


def _embed(state: BodyState, opening: Token, url: str, inside: list[Token]) -> list[Token]:
    if not url:
        state.error(opening, "the embed block needs a URL: ::: embed URL")
        return []
    made = make_embed(state, opening, url, state.render(inside), plain_text(inside))
    if made is None:
        state.error(
            opening,
            f"no embed provider matches '{url if len(url) <= 80 else url[:79] + '…'}'",
            f"embeds take a post, video, recording, chart or document URL of {', '.join(PROVIDERS)}",
        )
        return []
    return [state.slot(made, opening)]


def _update(state: BodyState, opening: Token, argument: str, inside: list[Token]) -> list[Token]:
    try:
        when = parse_update_time(argument, state.zone)
    except BadTime as err:
        state.error(opening, str(err), "write ::: update 2026-07-06T14:05:00-04:00")
        return []
    anchor = state.unique_id(anchor_of(when, state.zone))
    text = plain_text(inside)
    state.updates.append(Update(when, anchor, state.render(inside), text, state.line_of(opening)))
    if state.updates_placed:
        return []
    state.updates_placed = True
    return [state.slot(UpdatesHere(), opening)]
