"""`rsgen deploy`, top to bottom: settings → output → target's state → plan → guards → publish
→ CDN.

Everything that can refuse a deploy (no built output, too many deletions, an article URL
that would vanish) is decided before the first request that changes the target, so a
refused deploy changes nothing. What the target is (a bucket or a folder) is behind the
`Target` interface; this module only sequences the steps and counts.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rsgen.base.errors import Problem, Problems, SiteError, did_you_mean
from rsgen.base.folders import SETTINGS_FILE
from rsgen.deploy.cdn import grouped, invalidate, purge_paths, write_purge_list
from rsgen.deploy.folder import FolderTarget
from rsgen.deploy.local import LocalOutput, is_article_page, scan_output
from rsgen.deploy.plan import Plan, make_plan, removed_articles, too_many_deletes
from rsgen.deploy.s3 import S3Target
from rsgen.deploy.target import DeployError, Progress, Target
from rsgen.publish import HeaderPolicy
from rsgen.settings import (
    DeploySettings,
    DeployTarget,
    Settings,
    load_deploy_settings,
    load_settings,
)


class DeployFailure(Exception):
    """A deploy that failed or was refused; `reasons` are one line each, and `plan` is the
    plan when one was made (a dry run prints it before the reasons)."""

    def __init__(
        self, target: str, reasons: list[str], refused: bool = False, plan: Plan | None = None
    ) -> None:
        self.target = target
        self.reasons = reasons
        self.refused = refused
        self.plan = plan
        verb = "refused" if refused else "failed"
        super().__init__("\n".join(f"deploy to {target} {verb}: {r}" for r in reasons))


class UnknownTarget(Exception):
    """`--target NAME` names no target of site.yaml."""


@dataclass(frozen=True)
class DeployRequest:
    """What `rsgen deploy` was asked to do."""

    site: Path
    output: Path | None = None  # default: SITE/public
    target: str | None = None  # default: the first target
    dry_run: bool = False
    max_deletes: int | None = None  # default: deploy.max_deletes
    allow_removed: bool = False
    purge_list: Path | None = None
    policy: HeaderPolicy = field(default_factory=HeaderPolicy)


@dataclass(frozen=True)
class DeployResult:
    """What a deploy did (or, dry, would do)."""

    target: str
    plan: Plan
    seconds: float
    dry_run: bool = False
    notes: tuple[str, ...] = ()
    invalidation: str = ""  # the CloudFront invalidation's id
    cdn_error: str = ""  # the site is published, but the CDN was not told

    def summary(self) -> str:
        """`deployed to NAME: N uploaded, N deleted, N unchanged in S s`."""
        plan = self.plan
        if self.dry_run:
            return (
                f"dry run for {self.target}: {len(plan.uploads)} to upload, "
                f"{len(plan.deletes)} to delete, {plan.unchanged} unchanged; nothing was changed"
            )
        return (
            f"deployed to {self.target}: {len(plan.uploads)} uploaded, {len(plan.deletes)} "
            f"deleted, {plan.unchanged} unchanged in {self.seconds:.2f} s"
        )


def deploy(request: DeployRequest, progress: Progress | None = None) -> DeployResult:
    """Publish the built output to the target, or refuse (DeployFailure) having changed
    nothing; SiteError for a site.yaml with problems, UnknownTarget for a wrong --target."""
    started = time.perf_counter()
    settings, deploy_settings, target = _settings(request.site, request.target)
    local = _built_output(request, settings, target)
    backend = open_target(target)
    try:
        remote = backend.read_state(local)
        plan = make_plan(local, remote, backend.keeps_headers)
        limit = deploy_settings.max_deletes if request.max_deletes is None else request.max_deletes
        reasons = [r for r in [too_many_deletes(plan, limit)] if r]
        if not reasons and not request.allow_removed:
            reasons = removed_articles(plan, remote, local, _reads_articles(backend))
        if reasons:
            raise DeployFailure(target.name, reasons, refused=True, plan=plan)
        paths = purge_paths([*plan.uploads, *plan.deletes], settings.root_path)
        if request.purge_list is not None:
            write_purge_list(request.purge_list, paths)
        notes = (remote.note,) if remote.note else ()
        if request.dry_run:
            seconds = time.perf_counter() - started
            return DeployResult(target.name, plan, seconds, dry_run=True, notes=notes)
        backend.publish(plan, local, remote, progress)
    except DeployError as err:
        raise DeployFailure(target.name, [str(err)]) from None
    invalidation, cdn_error = _tell_cdn(target, paths, settings.root_path)
    seconds = time.perf_counter() - started
    return DeployResult(target.name, plan, seconds, False, notes, invalidation, cdn_error)


@dataclass(frozen=True)
class RollbackResult:
    target: str
    left: str  # the release that was served
    now: str  # the release served now
    invalidation: str = ""
    cdn_error: str = ""
    notes: tuple[str, ...] = ()

    def summary(self) -> str:
        return f"rolled back {self.target}: release {self.now} is served again (was {self.left})"


def rollback(request: DeployRequest) -> RollbackResult:
    """Serve a `file://` target's previous release again (an rsgen addition to the spec)."""
    settings, _, target = _settings(request.site, request.target)
    backend = open_target(target)
    if not isinstance(backend, FolderTarget):
        raise DeployFailure(
            target.name,
            ["--rollback works with file:// targets; an S3 bucket keeps no earlier releases"],
        )
    try:
        left, now, changed = backend.rollback()
    except DeployError as err:
        raise DeployFailure(target.name, [str(err)]) from None
    if request.purge_list is not None:
        write_purge_list(request.purge_list, purge_paths(changed, settings.root_path))
    invalidation, cdn_error = _tell_cdn(
        target, purge_paths(changed, settings.root_path), settings.root_path
    )
    return RollbackResult(target.name, left, now, invalidation, cdn_error)


def open_target(target: DeployTarget) -> Target:
    """The bucket or folder a target's URL names."""
    if target.is_folder:
        return FolderTarget(target)
    return S3Target(target)


def _settings(site: Path, name: str | None) -> tuple[Settings, DeploySettings, DeployTarget]:
    """site.yaml's settings and deploy block, and the target to use."""
    problems = Problems()
    settings = load_settings(site, problems)
    deploy_settings = load_deploy_settings(site, problems) if settings else DeploySettings()
    problems.raise_if_errors()
    assert settings is not None
    if not deploy_settings.targets:
        raise SiteError(
            [
                Problem(
                    SETTINGS_FILE,
                    0,
                    "no deploy targets",
                    "add deploy: {targets: [{name: production, url: s3://BUCKET/PREFIX}]}",
                )
            ]
        )
    target = deploy_settings.target(name)
    if target is None:
        names = [t.name for t in deploy_settings.targets]
        hint = did_you_mean(name, names) or f"the targets are: {', '.join(names)}"
        raise UnknownTarget(f"no deploy target named '{name}' in site.yaml ({hint})")
    return settings, deploy_settings, target


def _built_output(request: DeployRequest, settings: Settings, target: DeployTarget) -> LocalOutput:
    output = request.output or request.site / "public"
    local = scan_output(output, settings.root_path, request.policy) if output.is_dir() else None
    if local is None or not local.files:
        raise DeployFailure(
            target.name,
            [f"there is no built output in {output}: run `rsgen build` first"],
            refused=True,
        )
    return local


def _reads_articles(backend: Target) -> Callable[[str], bool]:
    """Whether a page the target holds is an article, by reading it: needed only after a
    listing, and only for the pages a plan would delete."""

    def is_article(path: str) -> bool:
        data = backend.fetch(path)
        return data is not None and is_article_page(data)

    return is_article


def _tell_cdn(target: DeployTarget, paths: list[str], root_path: str) -> tuple[str, str]:
    """Invalidate `paths` on the target's CloudFront distribution: (its id, or the error)."""
    if not target.cloudfront or not paths:
        return "", ""
    reference = f"rsgen-{time.time_ns()}"
    try:
        return invalidate(target.cloudfront, grouped(paths, root_path), reference), ""
    except DeployError as err:
        return "", f"the site is published, but the CloudFront invalidation failed: {err}"


__all__ = [
    "DeployFailure",
    "DeployRequest",
    "DeployResult",
    "RollbackResult",
    "UnknownTarget",
    "deploy",
    "rollback",
]
