"""Time `rsgen deploy` of a generated site: the first deploy, a deploy with nothing changed,
and a deploy after one article's body was edited and the site rebuilt.

    python benchmarks/deploy_times.py SITE s3://BUCKET/PREFIX --endpoint http://127.0.0.1:8333

SITE is a built site (e.g. one made by the corpus generator and built with `rsgen build SITE
--no-search`); its site.yaml gets a `deploy:` target named `bench` for the URL given, and the
bucket is created when missing. Credentials come from the usual AWS variables. Each step runs
`rsgen deploy` as a separate process, as CI would; the uploaded counts come from its summary.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import boto3
import yaml

SUMMARY = re.compile(
    r"deployed to \S+: (\d+) uploaded, (\d+) deleted, (\d+) unchanged in ([\d.]+) s"
)


def rsgen(*args: str) -> tuple[str, float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "rsgen", *args], capture_output=True, text=True, check=True
    )
    return done.stderr, time.perf_counter() - started


def deploy_step(site: Path, name: str) -> dict[str, object]:
    text, seconds = rsgen("deploy", str(site), "--target", "bench")
    found = SUMMARY.search(text)
    assert found, text
    uploaded, deleted, unchanged, inside = found.groups()
    return {
        "step": name,
        "uploaded": int(uploaded),
        "deleted": int(deleted),
        "unchanged": int(unchanged),
        "deploy_seconds": float(inside),
        "process_seconds": round(seconds, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("url")
    parser.add_argument("--endpoint", default="")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args()
    settings_file = args.site / "site.yaml"
    settings = yaml.safe_load(settings_file.read_text())
    target = {
        "name": "bench",
        "url": args.url,
        **({"endpoint": args.endpoint} if args.endpoint else {}),
    }
    settings["deploy"] = {"targets": [target], "max_deletes": 1000}
    settings_file.write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True))
    client = boto3.client("s3", endpoint_url=args.endpoint or None)
    bucket = urlsplit(args.url).netloc
    if bucket not in [b["Name"] for b in client.list_buckets().get("Buckets", [])]:
        client.create_bucket(Bucket=bucket)

    rsgen("build", str(args.site), "--no-search", "--quiet")
    results = [deploy_step(args.site, "first deploy"), deploy_step(args.site, "nothing changed")]
    article = sorted((args.site / "content/articles").rglob("*.md"))[len(results) * 7]
    article.write_text(article.read_text() + "\nA sentence added for the benchmark.\n")
    _, build_seconds = rsgen("build", str(args.site), "--no-search", "--quiet")
    step = deploy_step(args.site, "one body edit")
    step["build_seconds"] = round(build_seconds, 2)
    results.append(step)
    files = sum(1 for p in (args.site / "public").rglob("*") if p.is_file())
    print(f"{files} files in the output")
    for r in results:
        print(
            f"{r['step']:>16}: {r['uploaded']:>6} uploaded, {r['deleted']} deleted, "
            f"{r['unchanged']:>6} unchanged; deploy {r['deploy_seconds']:.2f} s "
            f"({r['process_seconds']:.2f} s with start-up)"
        )
    if args.json:
        args.json.write_text(json.dumps({"files": files, "steps": results}, indent=1) + "\n")


if __name__ == "__main__":
    main()
