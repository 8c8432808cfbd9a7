"""The walk over a parsed body that turns blocks and special paragraphs into HTML or slots.

It runs as a markdown-it core rule, after inline parsing (and footnotes), on the whole
token stream: every `:::` block, innermost first, goes to `containers.block_tokens`; every
paragraph standing directly in the body or in a block goes to `paragraphs.special_paragraph`.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from rsgen.content.blocks.containers import CLOSE, OPEN, block_tokens, use_containers
from rsgen.content.blocks.paragraphs import special_paragraph
from rsgen.content.blocks.state import BodyState, state_of


def use_blocks(md: MarkdownIt) -> None:
    """Blocks, embeds and figures on a parser; each parse needs a `BodyState` in its env."""
    use_containers(md)
    md.core.ruler.push("rsgen_blocks", _rule)
    for kind in ("rsgen_slot", "rsgen_open", "rsgen_close"):  # their HTML is made already
        md.add_render_rule(kind, lambda self, tokens, idx, options, env: tokens[idx].content)


def _rule(core: StateCore) -> None:
    state = state_of(core.env)
    if state is None:  # a parse that did not ask for blocks (markdown-it used directly)
        return
    state.env = core.env
    core.tokens = transform(state, core.tokens)


def transform(state: BodyState, tokens: list[Token]) -> list[Token]:
    """The tokens of one body, or of one block's inside, with blocks and paragraphs done."""
    done: list[Token] = []
    depth = 0  # inside a list, quotation or table: paragraphs there stay as they are
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == OPEN:
            end = _closing(tokens, i)
            inside = transform(state, tokens[i + 1 : end])
            done.extend(block_tokens(state, token, inside))
            i = end + 1
            continue
        if (
            depth == 0
            and state.blocks
            and token.type == "paragraph_open"
            and i + 2 < len(tokens)
            and tokens[i + 2].type == "paragraph_close"
        ):
            replaced = special_paragraph(state, tokens, i)
            if replaced is not None:
                done.extend(replaced)
                i += 3
                continue
        depth += token.nesting if token.type != CLOSE else 0
        done.append(token)
        i += 1
    return done


def _closing(tokens: list[Token], start: int) -> int:
    """The index of the fence that closes the block opened at `start` (the plugin always
    emits one, at the block's level, even for a block left open at the end)."""
    level = tokens[start].level
    for j in range(start + 1, len(tokens)):
        if tokens[j].type == CLOSE and tokens[j].level == level:
            return j
    return len(tokens) - 1
