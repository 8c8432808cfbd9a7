"""Peak memory of `rsgen import wordpress` on a large generated export.

    python benchmarks/import_memory.py [--megabytes 200] [--keep DIR]

Writes a WXR file of about the given size (posts of ~20 KB of classic-editor HTML with
captions, embeds and galleries, in a few categories, with attachments), imports it into a new
site folder in a child process, and prints the export's size, the time taken and the child's
peak resident memory (ru_maxrss). The import streams the export twice with lxml's iterparse
and keeps only small records per post, so the peak should not grow with the file.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Big Outlet</title><link>https://big.example.org</link><language>en</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_login>writer</wp:author_login><wp:author_display_name>A Writer</wp:author_display_name></wp:author>
"""
PARAGRAPH = (
    "The delegations met again on <strong>Tuesday</strong> to discuss the <em>ceasefire</em> "
    'terms, the exchange of prisoners and the <a href="https://big.example.org/2020/01/01/post-1/">'
    "monitoring mission</a>; officials said the talks would continue for several days.\n\n"
)


def post(n: int, paragraphs: int) -> str:
    body = PARAGRAPH * paragraphs
    body += (
        f'[caption id="attachment_{n}" width="300"]<img src="https://big.example.org/wp-content/'
        f'uploads/2020/01/p{n}.jpg" alt="Photo {n}" /> Caption {n}[/caption]\n\n'
        'https://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n[gallery ids="1,2"]\n\n'
    )
    category = ("world", "asia", "europe", "opinion")[n % 4]
    return f"""<item><title>Post number {n}</title>
<link>https://big.example.org/2020/01/01/post-{n}/</link><dc:creator>writer</dc:creator>
<guid isPermaLink="false">https://big.example.org/?p={n}</guid>
<content:encoded><![CDATA[{body}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{n}</wp:post_id><wp:post_date>2020-01-01 10:00:00</wp:post_date>
<wp:post_date_gmt>2020-01-01 15:00:00</wp:post_date_gmt><wp:post_name>post-{n}</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>
<category domain="category" nicename="{category}"><![CDATA[{category.title()}]]></category>
<category domain="post_tag" nicename="tag-{n % 50}"><![CDATA[Tag {n % 50}]]></category>
</item>
"""


def write_export(path: Path, megabytes: int) -> int:
    target = megabytes * 1024 * 1024
    count = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        size = len(HEAD)
        while size < target:
            count += 1
            item = post(count, 60)
            out.write(item)
            size += len(item.encode())
        out.write("</channel>\n</rss>\n")
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="rsgen-import-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    export = work / "export.xml"
    posts = write_export(export, args.megabytes)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "rsgen", "import", "wordpress", str(export), str(work / "site")],
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(result.stdout.splitlines()[-3] if result.stdout else result.stderr[-2000:])
    print(
        f"export: {export.stat().st_size / 1e6:.0f} MB, {posts:,} posts; exit {result.returncode}; "
        f"{seconds:.0f} s; peak RSS of the import: {peak_kib / 1024:.0f} MiB"
    )


if __name__ == "__main__":
    main()
