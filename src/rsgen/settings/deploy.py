"""site.yaml's `deploy:` block → frozen `DeploySettings`; problems as `site.yaml:LINE`.

Read by `rsgen deploy` and `rsgen check` (`deploy_problems`, so CI learns of a mistyped
target before it deploys), not by a build: a deploy target is no input of any page, and a
deploy reads site.yaml and the built output only, never the content, so an article with an
error does not stop a publish of the output that was built before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from rsgen.base.errors import Problem, Problems
from rsgen.base.folders import SETTINGS_FILE
from rsgen.base.located import DocumentSyntaxError
from rsgen.base.schema import Field, check_mapping, has_type
from rsgen.base.urls import is_web_url
from rsgen.base.yamlsource import YamlDoc, parse_yaml

DEFAULT_MAX_DELETES = 256
DEPLOY_FIELDS = {
    "targets": Field((list,), required=True),
    "max_deletes": Field((int,)),
}
TARGET_FIELDS = {
    "name": Field((str,), required=True),
    "url": Field((str,), required=True),
    "endpoint": Field((str,)),
    "region": Field((str,)),
    "cloudfront": Field((str,)),
}
TARGET_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
# S3's rules for bucket names: 3 to 63 lowercase letters, digits, dots and hyphens
BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
REGION = re.compile(r"^[a-z0-9-]+$")
DISTRIBUTION = re.compile(r"^[A-Z0-9]+$")


@dataclass(frozen=True)
class DeployTarget:
    """One place the site is published to: an S3 bucket (and prefix) or a local folder."""

    name: str
    url: str
    endpoint: str = ""
    region: str = ""
    cloudfront: str = ""

    @property
    def is_folder(self) -> bool:
        return self.url.startswith("file:")

    @property
    def bucket(self) -> str:
        return urlsplit(self.url).netloc

    @property
    def prefix(self) -> str:
        """The key prefix, without slashes at either end ("" for the bucket's root)."""
        return urlsplit(self.url).path.strip("/")

    @property
    def folder(self) -> Path:
        """The folder a `file://` target publishes to."""
        return Path(unquote(urlsplit(self.url).path))


@dataclass(frozen=True)
class DeploySettings:
    """Where `rsgen deploy` publishes, and how many deletions it accepts."""

    targets: tuple[DeployTarget, ...] = ()
    max_deletes: int = DEFAULT_MAX_DELETES

    def target(self, name: str | None) -> DeployTarget | None:
        """The target called `name`; the first one when no name is given."""
        if name is None:
            return self.targets[0] if self.targets else None
        return next((t for t in self.targets if t.name == name), None)


def load_deploy_settings(site: Path, problems: Problems) -> DeploySettings:
    """The `deploy:` block of SITE/site.yaml (empty when there is none or it is unreadable:
    the caller has read site.yaml already and reported why)."""
    try:
        doc = parse_yaml((site / SETTINGS_FILE).read_text(encoding="utf-8").replace("\r\n", "\n"))
    except (OSError, UnicodeDecodeError, DocumentSyntaxError):
        return DeploySettings()
    return deploy_settings_from(doc, problems)


def deploy_problems(site: Path) -> list[Problem]:
    """Every problem of the `deploy:` block (for `rsgen check`)."""
    problems = Problems()
    load_deploy_settings(site, problems)
    return problems.items


def deploy_settings_from(doc: YamlDoc, problems: Problems) -> DeploySettings:
    """Validate the `deploy:` block of a parsed site.yaml."""
    raw = doc.data.get("deploy") if isinstance(doc.data, dict) else None
    if raw is None:
        return DeploySettings()
    check_mapping(raw, DEPLOY_FIELDS, doc, SETTINGS_FILE, problems, ("deploy",), "deploy")
    if not isinstance(raw, dict) or not isinstance(raw.get("targets"), list):
        return DeploySettings()  # reported by check_mapping
    max_deletes = raw.get("max_deletes", DEFAULT_MAX_DELETES)
    if has_type(max_deletes, (int,)) and max_deletes < 0:
        problems.error(
            SETTINGS_FILE, doc.line_of("deploy", "max_deletes"), "'max_deletes' must be 0 or more"
        )
    targets: list[DeployTarget] = []
    for i, item in enumerate(raw["targets"]):
        target = _target(item, i, doc, problems)
        if target is None:
            continue
        if any(t.name == target.name for t in targets):
            problems.error(
                SETTINGS_FILE,
                doc.line_of("deploy", "targets", i, "name"),
                f"deploy target '{target.name}' is listed twice",
            )
        targets.append(target)
    if not raw["targets"]:
        problems.error(
            SETTINGS_FILE,
            doc.line_of("deploy", "targets"),
            "'deploy.targets' must list at least one target",
        )
    if not has_type(max_deletes, (int,)):
        max_deletes = DEFAULT_MAX_DELETES  # its type is reported by check_mapping
    return DeploySettings(tuple(targets), max_deletes)


def _target(item: Any, i: int, doc: YamlDoc, problems: Problems) -> DeployTarget | None:
    keys = ("deploy", "targets", i)
    if not check_mapping(item, TARGET_FIELDS, doc, SETTINGS_FILE, problems, keys, "a target"):
        return None
    target = DeployTarget(
        name=item["name"],
        url=item["url"],
        endpoint=item.get("endpoint") or "",
        region=item.get("region") or "",
        cloudfront=item.get("cloudfront") or "",
    )
    before = len(problems.errors)

    def report(key: str, message: str, hint: str = "") -> None:
        problems.error(SETTINGS_FILE, doc.line_of(*keys, key), message, hint)

    if not TARGET_NAME.match(target.name):
        report("name", f"target name '{target.name}' must be letters, digits, '.', '_' or '-'")
    problem = _url_problem(target.url)
    if problem:
        report("url", problem, "use s3://BUCKET/PREFIX or file:///ABSOLUTE/FOLDER")
    if target.endpoint and not is_web_url(target.endpoint):
        report("endpoint", f"endpoint must be an http(s) URL, not '{target.endpoint}'")
    if target.is_folder and (target.endpoint or target.region):
        key = "endpoint" if target.endpoint else "region"
        report(key, f"'{key}' is for s3:// targets; '{target.name}' is a folder")
    if target.region and not REGION.match(target.region):
        report("region", f"region '{target.region}' is not a region name", "e.g. us-east-1")
    if target.cloudfront and not DISTRIBUTION.match(target.cloudfront):
        report(
            "cloudfront",
            f"'{target.cloudfront}' is not a CloudFront distribution ID",
            "the ID is capital letters and digits, e.g. E2ABCDEF",
        )
    return target if len(problems.errors) == before else None


def _url_problem(url: str) -> str:
    """What is wrong with a target's URL ("" when nothing is)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return f"'{url}' is not a URL"
    if parts.query or parts.fragment:
        return f"a target URL has no '?' or '#' part: '{url}'"
    if parts.scheme == "s3":
        if not BUCKET.match(parts.netloc):
            return f"'{parts.netloc}' is not an S3 bucket name (3 to 63 of a-z, 0-9, '.', '-')"
        if "//" in parts.path or any(s in (".", "..") for s in parts.path.split("/")):
            return f"the key prefix of '{url}' has an empty, '.' or '..' part"
        return ""
    if parts.scheme == "file":
        if parts.netloc not in ("", "localhost"):
            return f"a file:// URL names a folder on this machine, not on '{parts.netloc}'"
        path = unquote(parts.path)
        if not path.startswith("/") or path.rstrip("/") == "":
            return f"'{url}' must name an absolute folder other than /, as file:///srv/www/site"
        return ""
    return f"target URL '{url}' must start with s3:// or file://"
