"""A synthetic foreign-policy outlet for build benchmarks, the same articles in several layouts.

The package is laid out the way the corpus is made, one step per module:

- `prose`   : vocabulary, made-up names and a sentence writer bound to one random stream;
- `outlet`  : the outlet as frozen records (authors, tags, articles with their bodies),
              drawn from streams keyed by (seed, purpose, index) so that it is a pure
              function of (N, seed);
- `bodies`  : one article's Markdown body (paragraphs, links, emphasis, a quote, lists, h2s);
- `layouts` : the rsgen site, the expected page counts and the file writer they share;
- `hugo`, `pelican` : the same articles as a Hugo and a Pelican site whose templates do the
              same work as rsgen's (header and navigation, label, title, dek, byline, date,
              figure, body, tags, four older articles of the same section, RSS for home,
              sections, tags and authors, index pages of 20).

`benchmarks/corpus.py` is the command line in front of it; nothing here reads the clock, the
environment or the order of a set, so the same (N, seed) gives the same bytes on every run.
"""
