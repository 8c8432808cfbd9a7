"""What writers put in a body besides prose: `:::` blocks, embeds, figures and live updates.

One module per job: `embeds` knows the providers' URLs, `paragraphs` the paragraphs that are
a lone image or URL, `containers` the `:::` blocks, `updates` a live update's time,
`transform` walks a parse and hands each to the right one, and `state` holds what one body
gathered. What needs the graph, the photos or the clock is left as a slot (see `Body`).
"""

from rsgen.content.blocks.embeds import PROVIDERS, match_embed
from rsgen.content.blocks.state import ENV_KEY, BodyState, plain_text
from rsgen.content.blocks.transform import use_blocks

__all__ = ["ENV_KEY", "PROVIDERS", "BodyState", "match_embed", "plain_text", "use_blocks"]
