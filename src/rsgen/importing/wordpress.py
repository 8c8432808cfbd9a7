"""`rsgen import wordpress`: the two passes over the export, and the files they write.

1. Settings: an existing site.yaml is read (its sections are the ones posts may go to);
   without one, the site will get a new site.yaml. A `--sections` map is read and checked.
   Problems here stop the import before anything is written (`PATH:LINE: message`).
2. The survey (first pass) reads the whole export, which also proves it is a readable WXR
   file before any file is written; the plan gives every imported item its file and URL.
3. The second pass converts each post and page as it streams by and writes its file; then the
   authors named in bylines, the new site.yaml, and the record of what was written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from rsgen.base.errors import Problem, Problems, SiteError
from rsgen.base.folders import SETTINGS_FILE
from rsgen.base.urls import is_web_url
from rsgen.importing.authors import AuthorDirectory
from rsgen.importing.convert import ItemConverter
from rsgen.importing.html_to_markdown import html_to_markdown
from rsgen.importing.links import LinkRewriter
from rsgen.importing.media import MediaLibrary
from rsgen.importing.notes import Notes
from rsgen.importing.permalinks import OldSite
from rsgen.importing.plan import Placement, Plan, make_plan
from rsgen.importing.records import author_text, site_yaml
from rsgen.importing.report import Report
from rsgen.importing.sections import SectionChooser, SectionMap, load_section_map, section_key
from rsgen.importing.survey import Survey, survey
from rsgen.importing.text import plain_text
from rsgen.importing.writer import Outcome, SiteWriter
from rsgen.importing.wxr import ExportError, Item, read_export
from rsgen.settings import Section, Settings, load_settings


@dataclass(frozen=True)
class ImportRequest:
    """What the command line asked for."""

    export: Path
    site: Path
    sections: Path | None = None
    media: Path | None = None
    force: bool = False
    shown_export: str = ""  # the export's name as typed, for report lines


@dataclass
class ImportResult:
    """The report lines and the summary of one import."""

    lines: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    files: dict[str, int] = field(default_factory=dict)


def import_wordpress(request: ImportRequest) -> ImportResult:
    """Run the import; raise SiteError (nothing written) when the input cannot be used."""
    shown = request.shown_export or str(request.export)
    problems = Problems()
    settings = _existing_settings(request.site, problems)
    known = tuple(s.key for s in settings.sections) if settings else None
    section_map = SectionMap()
    if request.sections is not None:
        section_map = load_section_map(request.sections, str(request.sections), known, problems)
    if request.media is not None and not request.media.is_dir():
        problems.error(str(request.media), 0, "the media folder does not exist")
    problems.raise_if_errors()
    report = Report(shown)
    authors = AuthorDirectory()
    chooser = SectionChooser(section_map, settings.sections if settings else None, {})
    try:
        found = survey(request.export, report, authors, chooser)
    except ExportError as err:
        raise SiteError([Problem(shown, err.line, err.message)]) from None
    sections = list(settings.sections) if settings else chooser.new_sections()
    plan = make_plan(found.candidates, {s.key for s in sections}, report)
    writer = SiteWriter(request.site, request.force)
    base_url = settings.base_url if settings else _base_url(found, report)
    root = settings.root_path if settings else _root_path(base_url)
    old_site = OldSite.from_url(_old_address(found, base_url))
    library = MediaLibrary(request.media, lambda rel, data: _copy(writer, report, rel, data))
    section_of = _category_sections(found, section_map, {s.key for s in sections})
    rewriter = LinkRewriter(old_site, plan, root, library, section_of)
    converter = ItemConverter(rewriter, found.attachments, authors)
    _second_pass(request.export, plan, converter, writer, report)
    _write_authors(converter, authors, writer, report, rewriter)
    if settings is None:
        _write_site_yaml(request.site, found, base_url, sections)
    removed, kept = writer.finish()
    for rel in removed:
        report.note(0, f"removed {rel}: the import wrote it last time and no longer does")
    for rel in kept:
        report.note(0, f"kept {rel}: no longer imported, but edited since the last import")
    return ImportResult(report.formatted(), report.summary(writer.counts), dict(writer.counts))


def _existing_settings(site: Path, problems: Problems) -> Settings | None:
    if not (site / SETTINGS_FILE).exists():
        return None
    return load_settings(site, problems)


def _second_pass(
    export: Path, plan: Plan, converter: ItemConverter, writer: SiteWriter, report: Report
) -> None:
    for record in read_export(export):
        if not isinstance(record, Item) or record.post_id not in plan.placements:
            continue
        placed = plan.placements[record.post_id]
        notes = Notes()
        converted = converter.convert(record, placed, notes)
        if converted.skipped:
            report.skip(record.line, "no content", converted.skipped)
            continue
        outcome = writer.write(placed.file, converted.text.encode("utf-8"))
        if outcome is Outcome.KEPT:
            notes.add(
                f"{placed.file} was edited since the last import: kept (--force overwrites it)"
            )
        if notes:
            report.note(record.line, notes.text())
        _count(report, placed)


def _count(report: Report, placed: Placement) -> None:
    if placed.kind == "page":
        report.written["pages"] += 1
        return
    report.written["posts"] += 1
    report.written["aliases"] += len(placed.aliases)
    if placed.status == "draft":
        report.written["drafts"] += 1
    elif placed.status == "scheduled":
        report.written["scheduled"] += 1


def _category_sections(found: Survey, section_map: SectionMap, keys: set[str]) -> dict[str, str]:
    """Category slug → the section whose page now stands for its archive."""
    found_sections = {}
    for nicename in found.categories:
        listed, value = section_map.target(nicename)
        key = value if listed and value else section_key(nicename)
        if key in keys:
            found_sections[nicename] = key
    return found_sections


def _write_authors(
    converter: ItemConverter,
    authors: AuthorDirectory,
    writer: SiteWriter,
    report: Report,
    rewriter: LinkRewriter,
) -> None:
    for key in sorted(converter.used_authors):
        info = authors.info(key)
        bio_notes = Notes()
        bio = (
            html_to_markdown(f"<p>{_escape(info.bio)}</p>", rewriter, bio_notes) if info.bio else ""
        )
        rel = f"content/authors/{key}.md"
        if (
            writer.write(rel, author_text(info.name, info.website, bio).encode("utf-8"))
            is Outcome.KEPT
        ):
            report.note(
                info.line, f"{rel} was edited since the last import: kept (--force overwrites it)"
            )
        report.written["authors"] += 1


def _base_url(found: Survey, report: Report) -> str:
    channel = found.channel
    for candidate in (channel.link if channel else "", channel.base_blog_url if channel else ""):
        if is_web_url(candidate.strip()):
            return candidate.strip().rstrip("/") + "/"
    report.note(
        channel.line if channel else 0,
        "the export names no web address: base_url is https://example.org/",
    )
    return "https://example.org/"


def _root_path(base_url: str) -> str:
    return urlsplit(base_url).path or "/"


def _old_address(found: Survey, base_url: str) -> str:
    channel = found.channel
    if channel is not None:
        for candidate in (channel.link, channel.base_blog_url):
            if is_web_url(candidate.strip()):
                return candidate.strip()
    return base_url


def _write_site_yaml(site: Path, found: Survey, base_url: str, sections: list[Section]) -> None:
    channel = found.channel
    if not sections:
        sections = [Section("news", "News")]
    text = site_yaml(
        plain_text(channel.title if channel else "") or "News",
        plain_text(channel.description if channel else ""),
        base_url,
        (channel.language if channel else "") or "en",
        sections,
    )
    site.mkdir(parents=True, exist_ok=True)
    (site / SETTINGS_FILE).write_text(text, encoding="utf-8")


def _copy(writer: SiteWriter, report: Report, rel: str, data: bytes) -> None:
    if writer.write(rel, data) is Outcome.KEPT:
        report.note(0, f"{rel} was changed since the last import: kept (--force overwrites it)")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
