"""Block-editor content (`<!-- wp:name {json} -->…<!-- /wp:name -->`) → plain HTML.

The comments are parsed with the pattern of WordPress's own block parser into a tree; each block
is then replaced by its inner HTML, except for the ones that mean something the HTML alone does
not say:

- `embed` (and the older `core-embed/*`) → an embed of its URL, its figcaption as the caption;
- `pullquote` → `<rsgen-pullquote>`, which becomes the body's `::: pullquote` block;
- `gallery` → one figure per image; `shortcode` → its shortcode converted;
- `more`, `nextpage`, `spacer` → nothing (page breaks and spacing are the theme's business).

A block that WordPress renders only when a page is shown (latest posts, search, a query loop,
navigation, a reusable block by reference...) has no HTML of its own in the export: it is
removed, with a note naming it, once for the outermost such block.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from rsgen.importing.notes import Notes
from rsgen.importing.shortcodes import convert_shortcodes, embed_element

BLOCK_COMMENT = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<namespace>[a-z][a-z0-9_-]*/)?(?P<name>[a-z][a-z0-9_-]*)\s+"
    r"(?P<attrs>\{(?:(?:[^}]+|\}+(?=\})|(?!\}\s+/?-->).)*)?\}\s+)?(?P<void>/)?-->",
    re.DOTALL,
)
# blocks whose output may well be empty without anything being lost
QUIET_BLOCKS = frozenset(
    {
        "paragraph",
        "spacer",
        "separator",
        "more",
        "nextpage",
        "group",
        "columns",
        "column",
        "freeform",
        "html",
        "list",
        "list-item",
        "heading",
        "buttons",
        "row",
        "stack",
    }
)
SILENT_DROPS = frozenset({"more", "nextpage", "spacer"})
VISIBLE = re.compile(r"<(?:img|iframe|video|audio|rsgen-|hr|table)\b", re.IGNORECASE)
TAGS = re.compile(r"<[^>]*>")
FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.IGNORECASE | re.DOTALL)
BLOCKQUOTE = re.compile(r"<blockquote\b[^>]*>(.*?)</blockquote>", re.IGNORECASE | re.DOTALL)
GALLERY_IMAGE = re.compile(
    r"(<img\b[^>]*>)(?:(?:(?!<img\b|<figcaption\b).)*?<figcaption\b[^>]*>(.*?)</figcaption>)?",
    re.IGNORECASE | re.DOTALL,
)


@dataclass
class Block:
    """One block: its name without the `core/` namespace, attributes and inner parts."""

    name: str
    attrs: dict[str, Any]
    parts: list[Block | str] = field(default_factory=list)


def has_blocks(text: str) -> bool:
    """True for block-editor content (WordPress then skips wpautop, and so do we)."""
    return BLOCK_COMMENT.search(text) is not None


def parse_blocks(text: str) -> list[Block | str]:
    """The block tree of a post; HTML outside any block is kept as text parts."""
    root = Block("", {})
    stack = [root]
    position = 0
    for match in BLOCK_COMMENT.finditer(text):
        if match.start() > position:
            stack[-1].parts.append(text[position : match.start()])
        position = match.end()
        namespace = (match.group("namespace") or "").rstrip("/")
        name = (
            match.group("name")
            if namespace in ("", "core")
            else f"{namespace}/{match.group('name')}"
        )
        if match.group("closer"):
            # close the innermost open block of that name (a stray closer is ignored)
            for depth in range(len(stack) - 1, 0, -1):
                if stack[depth].name == name:
                    del stack[depth:]
                    break
            continue
        block = Block(name, _attributes(match.group("attrs")))
        stack[-1].parts.append(block)
        if not match.group("void"):
            stack.append(block)
    if position < len(text):
        stack[-1].parts.append(text[position:])
    return root.parts


def _attributes(raw: str | None) -> dict[str, Any]:
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def render_blocks(text: str, notes: Notes) -> str:
    """Block-editor content as HTML, with embeds and pull quotes marked for the converter."""
    return "".join(_render(part, notes) for part in parse_blocks(text))


def _render(part: Block | str, notes: Notes) -> str:
    if isinstance(part, str):
        return part
    if part.name in SILENT_DROPS:
        return ""
    if part.name == "block":
        notes.add(f"removed reusable block (ref {part.attrs.get('ref', '?')})")
        return ""
    inner_notes = Notes()
    inner = "".join(_render(p, inner_notes) for p in part.parts)
    special = _special(part, inner, notes)
    if special is not None:
        return special
    if part.name not in QUIET_BLOCKS and not _shows_something(inner):
        notes.add(f"removed dynamic block wp:{part.name}")
        return ""
    for line in inner_notes.lines():
        notes.add(line)
    return inner


def _special(block: Block, inner: str, notes: Notes) -> str | None:
    """The HTML of a block that means more than its inner HTML; None for the others."""
    name = block.name
    if name == "embed" or name.startswith("core-embed/"):
        url = str(block.attrs.get("url") or TAGS.sub(" ", FIGCAPTION.sub("", inner)).strip())
        caption = FIGCAPTION.search(inner)
        return embed_element(url, caption.group(1).strip() if caption else "")
    if name == "pullquote":
        quote = BLOCKQUOTE.search(inner)
        body = quote.group(1) if quote else TAGS.sub("", inner)
        return f"\n\n<rsgen-pullquote>{body}</rsgen-pullquote>\n\n"
    if name == "gallery":
        images = GALLERY_IMAGE.findall(inner)
        return "".join(
            f"\n\n<figure>{img}<figcaption>{caption or ''}</figcaption></figure>\n\n"
            for img, caption in images
        )
    if name == "shortcode":
        return convert_shortcodes(inner, notes)
    return None


def _shows_something(html: str) -> bool:
    return bool(VISIBLE.search(html)) or bool(TAGS.sub("", html).replace("&nbsp;", "").strip())
