"""`rsgen import wordpress`: a WordPress export (WXR) turned into a site's content files.

The stages, one module each, run in this order:

- `wxr` streams the export with lxml's iterparse, one `<item>` at a time, so a 200 MB export
  is read in constant memory; it refuses DTDs (XML bombs, external entities) and knows the
  line of every item;
- `index` is the first pass: the channel (site title, users, categories), every attachment
  and guest author, and where each post and page will live, so the second pass can resolve
  featured images and rewrite links between posts whatever their order in the file;
- `sections`, `authors`, `media` and `permalinks` answer one question each (which section,
  which byline, which photo file, which old URLs);
- `body` (with `blocks`, `shortcodes`, `wpautop`, `embeds` and `html_to_markdown`) turns a
  post's stored HTML into the Markdown of an rsgen body;
- `records` makes the front matter of one article, page or author;
- `writer` writes files so that a second import changes nothing and never overwrites a file
  edited since the import (hashes kept in `.rsgen-import.json`);
- `wordpress` runs the two passes and `report` collects what was skipped or partly converted.

Nothing here imports the build or the renderer: the importer writes files the build then reads.
"""

from rsgen.importing.wordpress import ImportRequest, ImportResult, import_wordpress

__all__ = ["ImportRequest", "ImportResult", "import_wordpress"]
