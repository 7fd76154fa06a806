"""Checking the knowledge base: every problem in every file, in one run.

Per file: front matter syntax, the schema (types, required and unknown fields,
vocabularies, references to other entries), then rules a schema cannot say
(id equal to the file name, end year not before start year...). Across files:
references resolved against every entry file, titles used twice. A file with an
error is left out of the site; the build lists all problems and fails.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from .loading import ENTRY_FOLDERS, SourceFile, discover_entry_files, read_entry_file, stray_entry_files
from .model import Entry, KnowledgeBase, build_links
from .problems import WARNING, Problem, sort_problems
from .schemas import SchemaChecker
from .vocabularies import SAFE_ID, load_vocabularies

RESERVED_IDS = {"index", "tags", "search", "assets"}


def _entry_rules(source: SourceFile, vocabularies) -> list[Problem]:
    """Rules beyond the schema, for a file whose front matter parsed."""
    data, path, problems = source.data, source.path, []
    line = source.line_of
    if not SAFE_ID.match(source.stem):
        problems.append(Problem(path, 1, "-", f"the file name '{source.stem}.md' cannot be an id; "
                                              "use lower-case letters, digits and hyphens, e.g. 'my-activity.md'"))
    elif source.stem in RESERVED_IDS:
        problems.append(Problem(path, 1, "-", f"'{source.stem}' is reserved for a generated page; rename the file"))
    entry_id = data.get("id")
    if isinstance(entry_id, str) and entry_id != source.stem and SAFE_ID.match(source.stem):
        problems.append(Problem(path, line(("id",)), "id",
                                f"id '{entry_id}' differs from the file name; set 'id: {source.stem}' "
                                f"or rename the file to {entry_id}.md"))
    years = data.get("years")
    if isinstance(years, dict) and isinstance(years.get("start"), int) and isinstance(years.get("end"), int) \
            and not isinstance(years.get("end"), bool) and years["end"] < years["start"]:
        problems.append(Problem(path, line(("years", "end")), "years.end",
                                f"end year {years['end']} is before start year {years['start']}"))
    countries = data.get("countries")
    if source.kind == "activity" and isinstance(countries, list):
        seen = {}
        for index, item in enumerate(countries):
            code = item.get("country") if isinstance(item, dict) else None
            if isinstance(code, str) and code in seen:
                problems.append(Problem(path, line(("countries", index)), f"countries[{index}].country",
                                        f"{code} is listed twice (also countries[{seen[code]}]); "
                                        "give it once, with role 'both' if it both provides and learns"))
            elif isinstance(code, str):
                seen[code] = index
        if not countries and not data.get("other_regions") and not data.get("scope_note"):
            problems.append(Problem(path, line(("countries",)), "countries",
                                    "give at least one country, or other_regions when the source names no country "
                                    "(or scope_note when it names neither)"))
        derived = {vocabularies.region_of_country.get(c) for c in seen}
        for index, region in enumerate(data.get("other_regions") or ()):
            if region in derived:
                problems.append(Problem(path, line(("other_regions", index)), f"other_regions[{index}]",
                                        f"region '{region}' already follows from the countries; remove it",
                                        WARNING))
    return problems


def entry_ids_on_disk(root: Path) -> dict:
    """kind -> set of ids, from file names alone (cheap: no file is read)."""
    ids = defaultdict(set)
    for kind, rel_path in discover_entry_files(root):
        ids[kind].add(rel_path.rsplit("/", 1)[-1][:-3])
    return dict(ids)


def load_knowledge_base(root: Path, only_paths: list[str] | None = None) -> tuple[KnowledgeBase, list[Problem]]:
    """Load, validate and link the knowledge base under ``root``.

    With ``only_paths`` only those entry files are read and checked (references
    are still resolved against every file name on disk). Returns the knowledge
    base of valid entries and the sorted problems.
    """
    root = Path(root)
    vocabularies = load_vocabularies(root=root)
    problems: list[Problem] = list(vocabularies.problems)
    files = discover_entry_files(root)
    if only_paths is not None:
        wanted = {p.replace("\\", "/") for p in only_paths}
        files = [(kind, rel) for kind, rel in files if rel in wanted]
    else:
        problems.extend(stray_entry_files(root))
    checker = SchemaChecker(vocabularies, entry_ids_on_disk(root))
    entries: dict = {kind: {} for kind in ENTRY_FOLDERS}
    titles = defaultdict(list)
    for kind, rel_path in files:
        source = read_entry_file(root, rel_path, kind)
        file_problems = list(source.problems)
        if source.data is not None:
            file_problems += checker.check(kind, source.data, source.lines, rel_path)
            file_problems += _entry_rules(source, vocabularies)
        problems.extend(file_problems)
        if source.data is not None and not any(p.is_error for p in file_problems):
            entry = Entry(kind, source.stem, rel_path, source.data, source.body)
            entries[kind][entry.id] = entry
            titles[(kind, entry.title.strip().casefold())].append(entry)
    for (kind, _), same in titles.items():
        for entry in same[1:]:
            problems.append(Problem(entry.path, 1, "title", f"the title is also used by {same[0].path}; "
                                                            "is it the same entry?", WARNING))
    knowledge_base = KnowledgeBase(vocabularies, {k: dict(sorted(v.items())) for k, v in entries.items()})
    knowledge_base.links = build_links(knowledge_base.entries)
    return knowledge_base, sort_problems(problems)
