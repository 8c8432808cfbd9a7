"""Paragraphs that are more than text: one image becomes a figure, one URL an embed.

Only a paragraph standing directly in the body (or directly in a block) counts: an image
inside a list or a quotation stays an inline image, as Markdown has it.

- `![alt](src "caption")` alone: a `Figure` slot (its title is the caption); `rsgen.render`
  gives a file under static/ the photos' responsive sizes.
- a bare URL (or `<URL>`) alone: an `Embed` slot when a provider matches it exactly, else a
  plain link to it, a bad id included (`embeds.match_embed`).
"""

from __future__ import annotations

from markdown_it.token import Token

from rsgen.content.blocks.embeds import is_web_url, match_embed
from rsgen.content.blocks.state import BodyState
from rsgen.content.model import Embed, Figure


def special_paragraph(state: BodyState, tokens: list[Token], i: int) -> list[Token] | None:
    """The tokens that replace the paragraph `tokens[i:i+3]`, or None to keep it."""
    opening, inline = tokens[i], tokens[i + 1]
    children = inline.children or []
    images = [c for c in children if c.type == "image"]
    if len(images) == 1 and all(
        c is images[0] or (c.type in ("text", "softbreak") and not c.content.strip())
        for c in children
    ):
        return [figure(state, opening, images[0])]
    url = inline.content.strip()
    if url.startswith("<") and url.endswith(">"):
        url = url[1:-1]
    if not is_web_url(url):
        return None
    found = make_embed(state, opening, url)
    if found is not None:
        return [state.slot(found, opening)]
    return _linked(state, tokens[i : i + 3], url)


def figure(state: BodyState, opening: Token, image: Token) -> Token:
    """The slot of a figure: the image's address, alt text and title (the caption)."""
    src = str(image.attrGet("src") or "")
    title = str(image.attrGet("title") or "")
    alt = "".join(c.content for c in image.children or () if c.type in ("text", "code_inline"))
    slot = Figure(src, alt, " ".join(title.split()), state.line_of(opening))
    return state.slot(slot, opening, [image])  # the image stays a link `rsgen check` reads


def make_embed(
    state: BodyState, where: Token, url: str, caption: str = "", caption_text: str = ""
) -> Embed | None:
    """The embed of a provider URL (None for any other URL); `caption` is its HTML.

    Its title (a frame's, or a video's on its play button) names the provider and what it
    is, then the caption's first words: nothing is fetched, so the caption is all rsgen knows.
    """
    found = match_embed(url)
    if found is None:
        return None
    words = title_words(caption_text)
    named = f"{found.provider} {found.what}"
    title = state.unique_title(f"{named}: {words}" if words else named)
    return Embed(
        provider=found.provider,
        kind=found.kind,
        url=url,
        link=found.link,
        frame=found.frame,
        title=title,
        height=found.height,
        what=found.what,
        caption_html=caption,
        line=state.line_of(where),
    )


def _linked(state: BodyState, paragraph: list[Token], url: str) -> list[Token] | None:
    """A bare URL of another site: kept, as a link to itself."""
    md = state.md
    href = md.normalizeLink(url)
    if not md.validateLink(href):
        return None
    opening = Token("link_open", "a", 1)
    opening.attrSet("href", href)
    text = Token("text", "", 0)
    text.content = md.normalizeLinkText(url)
    closing = Token("link_close", "a", -1)
    inline = paragraph[1]
    inline.children = [opening, text, closing]
    return paragraph


TITLE_WORDS = 80  # characters of the caption a title takes


def title_words(text: str) -> str:
    """The caption's first sentence, cut at a word to fit a title."""
    text = " ".join(text.split())
    for end in (". ", "? ", "! "):
        if end in text:
            text = text[: text.index(end) + 1]
            break
    if len(text) <= TITLE_WORDS:
        return text.rstrip(".")
    return text[: TITLE_WORDS - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
