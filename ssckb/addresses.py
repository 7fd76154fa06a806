"""Where the site's pages live, and what `build.py check` says of it without making a page.

Every entry, list, hub and term page has an address fixed by the data alone; a hand-written
page under ``docs/`` with the same address would silently replace it (or be replaced), so
both the check and the build report it. This module imports no page rendering: the check
of ten thousand entries should cost little more than reading them.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from .collector import collector_paused
from .filesafety import walk_without_links
from .indexes import DIMENSIONS, all_terms, term_counts
from .model import KIND_FOLDERS, KIND_ORDER
from .problems import Problem, sort_problems
from .sources import SOURCE_FOLDER, citations_of
from .validation import load_knowledge_base

#: Entries per list page: long lists are split so that no page grows with the knowledge base.
PAGE_SIZE = 250
#: Terms per hub page: more than any vocabulary has, but a large institutions registry may.
HUB_PAGE_SIZE = 500


def continuation_path(base: str, number: int) -> str:
    """Path of page ``number`` (2, 3...) of a list; '_' keeps it apart from every entry or term id."""
    return f"{base}/page_{number}.md"


def continuation_paths(base: str, count: int, size: int | None = None) -> set:
    """Paths of the second and later pages of a list of ``count`` items."""
    pages = max(1, -(-count // (size or PAGE_SIZE)))
    return {continuation_path(base, n) for n in range(2, pages + 1)}


def page_address(path: str) -> str:
    """Where a page ends up: 'themes.md' and 'themes/index.md' both become 'themes'."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    if stem == "index":
        return ""
    return stem[:-len("/index")] if stem.endswith("/index") else stem


def collisions(taken: set, docs_dir: Path, root: Path) -> list[Problem]:
    """Hand-written pages that would take the address of a generated or entry page."""
    problems = []
    if not docs_dir.is_dir() or docs_dir.is_symlink():
        return problems
    addresses = {page_address(path): path for path in taken}
    for path, is_link, is_dir in sorted(walk_without_links(docs_dir)):
        if is_link or is_dir:  # (a link is reported as such, and never published)
            continue
        rel = path.relative_to(docs_dir).as_posix()
        clash = addresses.get(page_address(rel))
        if clash is not None:
            try:
                shown = path.relative_to(root).as_posix()
            except ValueError:
                shown = path.as_posix()
            problems.append(Problem(shown, 1, "-", f"this page has the same address as a generated page "
                                                   f"({clash}); rename or move it"))
    return problems


def check_knowledge_base(root: Path, docs_dir: Path | None = None) -> list[Problem]:
    """What ``build.py check`` reports: every problem of the entries, vocabularies and page addresses,
    without rendering a page (the views' own pages are checked by the full build)."""
    root = Path(root)
    docs_dir = Path(docs_dir) if docs_dir is not None else root / "docs"
    # Two pages can share an address only under the same top folder: the term pages of a dimension
    # are worked out only when docs/ has a page under its folder (usually none has).
    sections = {page_address(path.relative_to(docs_dir).as_posix()).split("/")[0]
                for path, is_link, is_dir in walk_without_links(docs_dir) if not is_dir} \
        if docs_dir.is_dir() and not docs_dir.is_symlink() else set()
    dimensions = [dimension for dimension in DIMENSIONS if dimension.hub_path.split("/")[0] in sections]
    with collector_paused():
        knowledge_base, problems = load_knowledge_base(root)
        counts = term_counts(knowledge_base, dimensions)
    taken = {entry.page_path for entry in knowledge_base.all_entries()}
    taken |= {"browse.md", "financing.md", "reference/fields.md", f"{SOURCE_FOLDER}/index.md"}
    taken |= continuation_paths(SOURCE_FOLDER, len(knowledge_base.sources), HUB_PAGE_SIZE)
    citing = Counter(source_id for entry in knowledge_base.all_entries() for source_id, _ in citations_of(entry))
    for source in knowledge_base.sources.values():
        taken.add(source.page_path)
        taken |= continuation_paths(source.page_path[:-3], citing.get(source.id, 0))
    for kind in KIND_ORDER:
        taken.add(f"{KIND_FOLDERS[kind]}/index.md")
        taken |= continuation_paths(KIND_FOLDERS[kind], len(knowledge_base.entries.get(kind, {})))
    taken |= {dimension.hub_path for dimension in DIMENSIONS}
    for dimension in dimensions:
        terms = all_terms(dimension, counts[dimension.key], knowledge_base)
        if dimension.key != "country":  # (countries are grouped by region on one page)
            taken |= continuation_paths(dimension.hub_path[:-len("/index.md")], len(terms), HUB_PAGE_SIZE)
        for term_id in terms:
            path = dimension.page_path(term_id, knowledge_base)
            taken.add(path)
            taken |= continuation_paths(path[:-3], counts[dimension.key].get(term_id, 0))
    return sort_problems(problems + collisions(taken, docs_dir, root))
