"""An embed as readers see it on a page, and as feed readers get it.

- **video** (YouTube, Vimeo): a facade. The page holds the title, a link to the video (all
  a reader without JavaScript gets) and a play button the theme's script reveals; nothing
  is requested from the provider until the button is pressed, when the script puts the
  player (`data-frame`, youtube-nocookie.com for YouTube) in the facade's place.
- **post** (X, Bluesky): a `<blockquote>` that links the post, holding the post's words when
  the writer gives them (the inside of `::: embed URL`). No provider script, ever.
- **audio, chart, document**: an `<iframe>` on the provider's host, titled and lazy, with a
  link to the same item beside it. Datawrapper and Flourish report their height to the
  page (the theme's script listens, checking where each message comes from).

The caption (the inside of `::: embed URL`) follows as `<figcaption>`, but for a post. The chrome (player
box, links, frames) is marked `data-pagefind-ignore`, so search indexes the caption only.
In feeds an embed is a plain link naming the provider, then the caption.
"""

from __future__ import annotations

from markupsafe import Markup

from rsgen.content import Embed

LINK_WORDS = {
    "video": "Watch on {provider}",
    "audio": "Listen on {provider}",
    "chart": "See the chart on {provider}",
    "document": "Read the document on {provider}",
}


def embed_html(embed: Embed) -> Markup:
    """The embed as a page shows it."""
    caption = Markup(embed.caption_html).strip()
    figcaption = Markup("<figcaption>{}</figcaption>\n").format(caption) if caption else ""
    kind = embed.kind
    if kind == "video":
        inner = _video(embed)
    elif kind == "post":  # the inside is the post's words, quoted
        inner, figcaption = _post(embed, caption), ""
    else:
        inner = _frame(embed)
    return Markup('<figure class="embed embed-{}">\n{}{}</figure>\n').format(
        kind, inner, figcaption
    )


def _video(embed: Embed) -> Markup:
    words = LINK_WORDS["video"].format(provider=embed.provider)
    return Markup(
        '<div class="video" data-pagefind-ignore data-frame="{frame}" data-title="{title}">\n'
        '<p class="video-title">{title}</p>\n'
        '<button class="video-play" type="button" aria-label="Play: {title}" hidden>'
        '<span class="video-icon" aria-hidden="true"></span>Play</button>\n'
        '<a class="video-link" href="{link}">{words}</a>\n'
        "</div>\n"
    ).format(frame=embed.frame, title=embed.title, link=embed.link, words=words)


def _post(embed: Embed, words: Markup) -> Markup:
    source = f"{embed.what[0].upper()}{embed.what[1:]} on {embed.provider}"  # "Post by @user on X"
    return Markup(
        '<blockquote class="post" cite="{link}">\n{words}'
        '<p class="post-source" data-pagefind-ignore><a href="{link}">{source}</a></p>\n'
        "</blockquote>\n"
    ).format(link=embed.link, words=words + "\n" if words else "", source=source)


def _frame(embed: Embed) -> Markup:
    words = LINK_WORDS.get(embed.kind, "Open on {provider}").format(provider=embed.provider)
    return Markup(
        '<iframe class="embed-frame" src="{frame}" title="{title}" loading="lazy" '
        'height="{height}" data-pagefind-ignore></iframe>\n'
        '<p class="embed-link" data-pagefind-ignore><a href="{link}">{words}</a></p>\n'
    ).format(
        frame=embed.frame, title=embed.title, height=embed.height, link=embed.link, words=words
    )


def embed_feed_html(embed: Embed) -> Markup:
    """The embed as feeds carry it: a link naming the provider, and the caption."""
    return Markup('<p><a href="{}">{}</a></p>\n{}').format(
        embed.link, embed.title, Markup(embed.caption_html)
    )
