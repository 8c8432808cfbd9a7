"""One article's Markdown body: 700–1,200 words in 6–14 paragraphs, with the markup copy has.

Shape of a body (every count drawn from the article's own stream): 6–14 paragraphs of whole
sentences; 2–5 links, each with a 60 % chance of pointing at another article of the corpus
(`/<section>/<slug>/`) and otherwise at an outside https page (never example.org, the
site's own host); 1–4 emphasised and 0–2 strong
runs; one blockquote (a quoted speaker) among the first paragraphs; a bulleted list of 3–5
items after an introducing sentence in 35 % of articles; 0–2 `##` headings (0, 0, 1, 1, 2
equally likely). Links and emphasis wrap runs of plain words, never punctuation, so every
marker closes where it opens.

The word budget is drawn first (720–1,150) and sentences are added until it is reached, the
quote, list and headings counted in; a sentence is at most about 40 words long, so the
finished body (counted by `count_words`) lands within 700–1,200.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .prose import SPEECH, Writer, sentence_case, slugify

SUMMARY_WORDS = 40
_WORD = re.compile(r"[A-Za-z']+")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_MARKUP = re.compile(r"[*\[\]]")


@dataclass(frozen=True)
class Body:
    markdown: str
    summary: str  # the first paragraph's opening words, plain text: the peers' teaser text
    words: int


def count_words(markdown: str) -> int:
    """Words a reader sees: runs of letters and apostrophes, link targets left out."""
    return len(_WORD.findall(_LINK_TARGET.sub("]", markdown)))


def write_body(writer: Writer, link_targets: Sequence[str], own: int) -> Body:
    """The body of article `own`, whose internal links point into `link_targets` (URLs)."""
    rng = writer.rng
    budget = rng.randint(720, 1150)
    paragraph_count = rng.randint(6, 14)
    quote = f"{sentence_case(writer.clause())}, {writer.person()} {rng.choice(SPEECH)}."
    listing: list[str] = []
    if rng.random() < 0.35:
        listing.append(writer.sentence()[:-1] + ":")
        listing += [sentence_case(writer.clause()) for _ in range(rng.randint(3, 5))]
    headings = [writer.heading() for _ in range(rng.choice((0, 0, 1, 1, 2)))]
    budget -= sum(len(text.split()) for text in (quote, *listing, *headings))

    sentences: list[str] = []
    written = 0
    while written < budget or len(sentences) < paragraph_count:
        sentence = writer.sentence()
        sentences.append(sentence)
        written += len(sentence.split())
    cuts = [0, *sorted(rng.sample(range(1, len(sentences)), paragraph_count - 1)), len(sentences)]
    paragraphs = [" ".join(sentences[a:b]).split(" ") for a, b in itertools.pairwise(cuts)]

    marker = _Marker(writer, paragraphs)
    for _ in range(rng.randint(2, 5)):
        url = _link_url(writer, link_targets, own)
        marker.wrap(2, 4, "[", f"]({url})")
    for _ in range(rng.randint(1, 4)):
        marker.wrap(1, 3, "*", "*")
    for _ in range(rng.randint(0, 2)):
        marker.wrap(1, 3, "**", "**")

    blocks = [" ".join(tokens) for tokens in paragraphs]
    blocks.insert(rng.randint(2, min(4, len(blocks))), f"> {quote}")
    if listing:
        items = "\n".join(f"- {item}" for item in listing[1:])
        blocks.insert(rng.randint(3, len(blocks) - 1), f"{listing[0]}\n\n{items}")
    for heading in headings:
        blocks.insert(rng.randint(3, len(blocks) - 1), f"## {heading}")
    markdown = "\n\n".join(blocks) + "\n"
    return Body(markdown=markdown, summary=_summary(blocks[0]), words=count_words(markdown))


def _link_url(writer: Writer, targets: Sequence[str], own: int) -> str:
    rng = writer.rng
    if len(targets) > 1 and rng.random() < 0.6:
        index = rng.randrange(len(targets))
        return targets[(index + 1) % len(targets) if index == own else index]
    host = rng.choice(("example.com", "example.net", "news.example.com"))  # not the site's own
    return f"https://{host}/{slugify(writer.noun_phrase())}"


def _summary(paragraph: str) -> str:
    words = _MARKUP.sub("", _LINK_TARGET.sub("]", paragraph)).split()
    if len(words) <= SUMMARY_WORDS:
        return " ".join(words)
    return " ".join(words[:SUMMARY_WORDS]).rstrip(",.;:") + "…"


class _Marker:
    """Wraps runs of plain words in markup, keeping runs apart so no two markers touch."""

    def __init__(self, writer: Writer, paragraphs: list[list[str]]) -> None:
        self.rng = writer.rng
        self.paragraphs = paragraphs
        self.taken: list[set[int]] = [set() for _ in paragraphs]

    def wrap(self, shortest: int, longest: int, opener: str, closer: str) -> None:
        for _ in range(200):  # room runs out only in a pathological draw; then the run is skipped
            which = self.rng.randrange(len(self.paragraphs))
            tokens, taken = self.paragraphs[which], self.taken[which]
            length = self.rng.randint(shortest, longest)
            if len(tokens) < length + 2:
                continue
            start = self.rng.randrange(1, len(tokens) - length + 1)
            span = range(start, start + length)
            if any(i in taken or not tokens[i].isalpha() for i in span):
                continue
            tokens[start] = opener + tokens[start]
            tokens[span[-1]] += closer
            taken.update(range(start - 1, start + length + 1))
            return
