"""Assembling the site: every generated page, every entry page, the published schemas.

``build_site`` is what both the MkDocs hook and ``build.py generate`` call, so
both produce the same pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .addresses import collisions
from .collector import collector_paused
from .coverage import render_coverage
from .filesafety import walk_without_links
from .i18n import _, counted, rendering_language
from .indexes import DIMENSIONS, all_terms, build_indexes, term_page_paths
from .links import broken_links
from .loading import ENTRY_FOLDERS
from .mdtext import md_escape
from .model import KIND_ORDER, KnowledgeBase
from .pages import (Page, render_browse, render_entry, render_financing, render_hub, render_kind_list, render_sources,
                    render_term)
from .problems import count_errors, sort_problems
from .reference import render_field_reference
from .rendering import RenderingContext, context_from_config
from .schemas import ENTRY_KINDS, published_schema
from .search import search_files
from .validation import load_knowledge_base
from .views import render_views


# Vendored scripts the site serves itself: Material's offline plugin would fetch the iframe-worker shim
# from a CDN unless mkdocs.yml lists a local copy under extra.polyfills.
ASSETS = Path(__file__).parent / "assets"
#: The schemas published under schemas/ for editors: the entries', and the sources' they cite.
PUBLISHED_SCHEMAS = (*ENTRY_KINDS, "source")


@dataclass
class Site:
    """Everything the knowledge base adds to a documentation site."""

    knowledge_base: KnowledgeBase
    problems: list
    generated: dict = field(default_factory=dict)  # page path -> Page (index pages, hubs...)
    entries: dict = field(default_factory=dict)  # page path -> Page of an entry
    entry_sources: dict = field(default_factory=dict)  # page path -> repository-relative source file
    static_files: dict = field(default_factory=dict)  # path -> text (published schemas, vendored scripts)

    @property
    def error_count(self) -> int:
        return count_errors(self.problems)


def preview_paths(root: Path, paths: list[str]) -> list[str]:
    """The entry files a preview of ``paths`` needs: those files and the entries they link to,
    so that every link on their pages leads somewhere."""
    from .loading import ENTRY_FOLDERS
    from .model import LINK_FIELDS

    root = Path(root)
    wanted = {p.replace("\\", "/") for p in paths}
    knowledge_base, _ = load_knowledge_base(root, only_paths=sorted(wanted))
    for entry in knowledge_base.all_entries():
        for (kind, field_name), target_kind in LINK_FIELDS.items():
            if kind == entry.kind:
                wanted |= {f"{ENTRY_FOLDERS[target_kind]}/{i}.md" for i in entry.data.get(field_name, ())}
        for item in entry.data.get("replicates", ()) if entry.kind == "activity" else ():  # what it builds on
            wanted |= {f"{ENTRY_FOLDERS[kind]}/{item[kind]}.md" for kind in ("activity", "learning_route")
                       if kind in item}
    return sorted(p for p in wanted if (root / p).is_file())


def build_site(root: Path, docs_dir: Path | None = None, only_paths: list[str] | None = None,
               context: RenderingContext | None = None) -> Site:
    """Load and validate the knowledge base under ``root`` and render every page it adds.

    With ``only_paths`` (a preview), only those entry files are loaded: every index page
    still exists, listing just them, and the countries and institutions of the registries
    get a page only when one of them names it, so a contributor sees an entry in seconds at
    any size. ``context`` says what the pages need to know about the build (the repository's address,
    the offline copy); without it, it is read from ``root``'s mkdocs.yml, as MkDocs would read it.
    """
    if context is None:
        context = context_from_config(Path(root) / "mkdocs.yml")
    with collector_paused(), rendering_language(context.language):
        return _build_site(Path(root), docs_dir, only_paths, context)


def _build_site(root: Path, docs_dir: Path | None, only_paths: list[str] | None, context: RenderingContext) -> Site:
    knowledge_base, problems = load_knowledge_base(root, only_paths=only_paths)
    knowledge_base.preview = only_paths is not None
    site = Site(knowledge_base, problems)
    indexes = build_indexes(knowledge_base)
    knowledge_base.term_pages = term_page_paths(knowledge_base, indexes)
    for entry in knowledge_base.all_entries():
        site.entries[entry.page_path] = render_entry(knowledge_base, entry, context)
        site.entry_sources[entry.page_path] = entry.path
    pages = [render_browse(knowledge_base, indexes), render_financing(knowledge_base),
             render_field_reference(knowledge_base.vocabularies)]
    for kind in KIND_ORDER:
        pages.extend(render_kind_list(knowledge_base, kind))
    pages += render_sources(knowledge_base)
    pages.append(render_coverage(knowledge_base, context))  # what is not translated yet (ssckb/coverage.py)
    for dimension in DIMENSIONS:
        index = indexes[dimension.key]
        pages.extend(render_hub(knowledge_base, dimension, index))
        for term_id in all_terms(dimension, index, knowledge_base):
            pages.extend(render_term(knowledge_base, dimension, term_id, index.get(term_id, [])))
    view_pages, view_files = render_views(knowledge_base, indexes)
    pages += view_pages
    site.static_files.update(view_files)
    site.generated = {page.path: page for page in pages}
    for kind in PUBLISHED_SCHEMAS:
        schema = published_schema(kind, knowledge_base.vocabularies)
        site.static_files[f"schemas/{kind}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    for asset, is_link, is_dir in sorted(walk_without_links(ASSETS)):
        if not is_link and not is_dir:  # a link is reported by the check, never published
            site.static_files[f"assets/vendor/{asset.relative_to(ASSETS).as_posix()}"] = asset.read_text(encoding="utf-8")
    docs_dir = Path(docs_dir) if docs_dir is not None else root / "docs"
    site.static_files.update(search_files(knowledge_base, docs_dir, site.generated, languages=(context.language,)))
    taken = set(site.generated) | set(site.entries) | set(site.static_files)
    site.problems = sort_problems(site.problems + collisions(taken, docs_dir, root) + _broken_links(site, docs_dir))
    return site


def _broken_links(site: Site, docs_dir: Path) -> list:
    """Links of the entries' bodies to generated pages that do not exist: the check could not tell
    (links to entries and to hand-written pages are already checked). A preview makes only some
    pages, so it leaves them be."""
    if site.knowledge_base.preview:
        return []

    def exists(page: str) -> bool | None:
        if page.split("/", 1)[0] in ENTRY_FOLDERS.values():
            return None  # checked with the entry files
        return page in site.generated or (docs_dir / page).is_file()

    problems = []
    for entry in site.knowledge_base.all_entries():
        problems += broken_links(entry.body, entry.body_line, entry.path, entry.page_path, exists)
    return problems


def problems_page(problems: list) -> Page:
    """A page listing the problems, shown by ``mkdocs serve`` while they are being fixed."""
    errors = count_errors(problems)
    counts = _("%(errors)s and %(warnings)s.") % {
        "errors": counted("{n} error", "{n} errors", errors),
        "warnings": counted("{n} warning", "{n} warnings", len(problems) - errors)}
    lines = ["# " + _("Problems in the knowledge base"), "",
             counts + " " + _("Entries with errors are left out of the other pages until they are fixed."), ""]
    warning = _("warning: ")
    for problem in problems:
        # The problem's own message stays as the check writes it (ssckb/validation.py), in English.
        lines.append(f"- {md_escape(f'{problem.path}:{problem.line}')} **{md_escape(problem.field)}**: "
                     f"{warning if not problem.is_error else ''}{md_escape(problem.message)}")
    return Page("problems.md", {"title": _("Problems"), "search": {"exclude": True}}, "\n".join(lines) + "\n")


def write_site(site: Site, out_dir: Path) -> list[Path]:
    """Write generated pages, entry pages and schemas under ``out_dir``; returns the paths written."""
    out_dir = Path(out_dir)
    written = []
    items = [(p, page.document()) for p, page in {**site.generated, **site.entries}.items()]
    items += list(site.static_files.items())
    for rel, text in sorted(items):
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        written.append(target)
    return written
