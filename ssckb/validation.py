"""Checking the knowledge base: every problem in every file, in one run.

Per file: front matter syntax, the schema (types, required and unknown fields,
vocabularies, references to other entries), then rules a schema cannot say
(id equal to the file name, end year not before start year, no invisible control
characters, plausible amounts, no placeholder left from ``build.py new``:
:mod:`ssckb.placeholders`), then the body (no script, no event handler, no
``javascript:`` link: :mod:`ssckb.bodycheck`; no link to an entry or page that does
not exist: :mod:`ssckb.links`). Across files: references resolved
against every entry file, titles used twice, and symbolic links anywhere the build
reads (:mod:`ssckb.filesafety`). A file with an error is left out of the site; the
build lists all problems and fails. Nothing here raises on bad content.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from .annextable import table_problems
from .bodycheck import check_body
from .filesafety import DEVICE_NAMES_TEXT, is_device_name, link_problems, read_text_no_link
from .collector import collector_paused
from .links import broken_links
from .loading import (ENTRY_FOLDERS, SourceFile, discover_entry_files, discover_translation_files, read_entry_file,
                      read_translation_file, stray_entry_files, translation_entry_path)
from .model import PARTY_FIELDS, TAKING_PART, Entry, KnowledgeBase, build_links
from .placeholders import placeholder_problems
from .problems import BIDI_CONTROLS, WARNING, Problem, sort_problems
from .schemas import SchemaChecker
from .languages import unknown_language_suffix
from .translations import (entry_translation_warnings, orphan_translation_problem, term_translation_warnings,
                           unknown_language_problem)
from .sources import (SOURCE_FOLDER, SOURCE_KIND, Source, citation_problems, discover_source_files, source_rules,
                      stray_source_files)
from .vocabularies import RESERVED_IDS, SAFE_ID, TERM_PAGE_VOCABULARIES, VOCABULARY_DIR, load_vocabularies  # noqa: F401
from .yamlsafe import field_name, parse_yaml

#: The engine's own folders of data it reads or publishes: no link in them is followed either.
ENGINE_FOLDERS = tuple((f"ssckb/{name}", Path(__file__).parent / name)
                       for name in ("vocabularies", "schemas", "templates", "assets"))

MAX_ID_LENGTH = 80  # as the schemas' id.maxLength
#: No amount in an entry comes near a trillion; a larger one is a typing error (and too large to show).
MAX_AMOUNT = 10 ** 12
#: Fields of free text (the others hold ids, codes or numbers, which the schema checks).
FREE_TEXT_FIELDS = {"title", "summary", "statement", "scope_note", "note", "results", "points", "innovation_plans",
                    "duration", "publisher", "authors", "conditions"}
#: Control characters (Unicode Cc but line break and tab), lone surrogates (Cs) and the bidirectional
#: controls: one search per text instead of a look at each character.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff" + "".join(sorted(BIDI_CONTROLS)) + "]")


def _entry_rules(source: SourceFile, vocabularies) -> list[Problem]:
    """Rules beyond the schema, for a file whose front matter parsed."""
    data, path, problems = source.data, source.path, []
    line = source.line_of
    if not SAFE_ID.fullmatch(source.stem):  # fullmatch: '$' alone would let a final line break through
        problems.append(Problem(path, 1, "-", f"the file name '{source.stem}.md' cannot be an id; "
                                              "use lower-case letters, digits and hyphens, e.g. 'my-activity.md'"))
    elif source.stem in RESERVED_IDS:
        problems.append(Problem(path, 1, "-", f"'{source.stem}' is reserved for a generated page; rename the file"))
    elif is_device_name(source.stem):
        problems.append(Problem(path, 1, "-", f"'{source.stem}' is a name Windows keeps for a device "
                                              f"({DEVICE_NAMES_TEXT}): the offline copy could not be unpacked "
                                              "there; rename the file"))
    entry_id = data.get("id")
    if isinstance(entry_id, str) and entry_id != source.stem and SAFE_ID.fullmatch(source.stem) \
            and SAFE_ID.fullmatch(entry_id) and len(entry_id) <= MAX_ID_LENGTH:
        # (an unsafe id is reported by the schema: never suggest it as a file name)
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
                                        "give it once, with role 'two-way' if the source says it both shares "
                                        "and learns"))
            elif isinstance(code, str):
                seen[code] = index
        if not countries and not data.get("other_regions") and not data.get("scope_note"):
            problems.append(Problem(path, line(("countries",)), "countries",
                                    "give at least one country, or other_regions when the source names no country "
                                    "(or scope_note when it names neither)"))
        problems += _role_warnings(source, countries, vocabularies)
        taking_part = [item.get("country") for item in countries if isinstance(item, dict)
                       and isinstance(item.get("country"), str) and item.get("role") in TAKING_PART]
        derived = {vocabularies.region_of_country.get(c) for c in taking_part}
        other_regions = data.get("other_regions")
        for index, region in enumerate(other_regions if isinstance(other_regions, list) else ()):
            if isinstance(region, str) and region in derived:
                problems.append(Problem(path, line(("other_regions", index)), f"other_regions[{index}]",
                                        f"region '{region}' already follows from the countries; remove it",
                                        WARNING))
    if source.kind in PARTY_FIELDS:
        problems += _demand_rules(source, vocabularies)
    if source.kind == "activity" and isinstance(data.get("replicates"), list):
        problems += _replication_rules(source)
    problems += _contribution_rules(source)
    problems += _text_problems(source)
    return problems


def _contribution_rules(source: SourceFile) -> list[Problem]:
    """Who gave each contribution, and an amount's currency and size: what the schema cannot say."""
    items = source.data.get("contributions")
    if source.kind not in ("activity", "learning_route") or not isinstance(items, list):
        return []
    path, line, problems = source.path, source.line_of, []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue  # the schema reports it
        where = f"contributions[{index}]"
        if "funder" in item and "funder_group" in item:
            problems.append(Problem(path, line(("contributions", index, "funder_group")), f"{where}.funder_group",
                                    "give funder (an institution id) or funder_group, not both; keep funder_group "
                                    "only when the source names no institution"))
        elif "funder" not in item and "funder_group" not in item:
            problems.append(Problem(path, line(("contributions", index)), where,
                                    "say who gave it: funder, an institution id from the registry (e.g. ifad), or, "
                                    "when the source names no institution, funder_group (governments, donors, "
                                    "participants or not-named)"))
        amount = item.get("amount")
        if isinstance(amount, (int, float)) and not isinstance(amount, bool):
            if amount > MAX_AMOUNT:
                problems.append(Problem(path, line(("contributions", index, "amount")), f"{where}.amount",
                                        f"{amount:,} is too large for an amount (more than {MAX_AMOUNT:,}); "
                                        "check the number of digits"))
            if "currency" not in item:
                problems.append(Problem(path, line(("contributions", index, "amount")), f"{where}.currency",
                                        "an amount needs its currency; add currency: USD, or the ISO 4217 code of "
                                        "the currency the source gives"))
    return problems


def _demand_rules(source: SourceFile, vocabularies) -> list[Problem]:
    """A request's status agrees with what it lists; a party's regions are not those of its countries."""
    data, path, line, problems = source.data, source.path, source.line_of, []
    party_field = PARTY_FIELDS[source.kind]
    if source.kind == "request" and data.get("status") == "open":
        for key in ("offers", "became"):
            if isinstance(data.get(key), list) and data[key]:
                problems.append(Problem(path, line(("status",)), "status",
                                        f"status is 'open' but {key} is filled in; set status: matched (an offer "
                                        "or an activity answers it) or closed (it was met), or leave "
                                        f"{key} out"))
    if source.kind == "request" and data.get("status") == "closed" and not data.get("became"):
        problems.append(Problem(path, line(("status",)), "status",
                                "status is 'closed' and became is empty; if the source says what the request "
                                "became, list the activities in became", WARNING))
    party = data.get(party_field)
    if isinstance(party, dict) and isinstance(party.get("countries"), list) and isinstance(party.get("regions"), list):
        derived = {vocabularies.region_of_country.get(code) for code in party["countries"] if isinstance(code, str)}
        for index, region in enumerate(party["regions"]):
            if isinstance(region, str) and region in derived:
                problems.append(Problem(path, line((party_field, "regions", index)),
                                        f"{party_field}.regions[{index}]",
                                        f"region '{region}' already follows from the countries; remove it", WARNING))
    return problems


def _replication_rules(source: SourceFile) -> list[Problem]:
    """Each item of replicates names one experience, and not the activity itself."""
    path, line, problems = source.path, source.line_of, []
    for index, item in enumerate(source.data["replicates"]):
        if not isinstance(item, dict):
            continue
        if "activity" in item and "learning_route" in item:
            problems.append(Problem(path, line(("replicates", index)), f"replicates[{index}]",
                                    "give either activity or learning_route in one item, not both; "
                                    "write one item for each experience"))
        if item.get("activity") == source.stem:
            problems.append(Problem(path, line(("replicates", index, "activity")), f"replicates[{index}].activity",
                                    f"'{source.stem}' is this activity itself; name the earlier activity it "
                                    "replicates or adapts"))
    return problems


def _role_warnings(source: SourceFile, countries: list, vocabularies) -> list[Problem]:
    """Patterns of country roles that suggest a role the source does not give (warnings, not errors)."""
    data, path, line = source.data, source.path, source.line_of
    items = [(index, item.get("country"), item.get("role")) for index, item in enumerate(countries)
             if isinstance(item, dict) and isinstance(item.get("country"), str)]
    taking_part = [code for _, code, role in items if role in TAKING_PART]
    two_way = [(index, code) for index, code, role in items if role == "two-way"]
    problems = []
    if len(two_way) == 1:
        index, code = two_way[0]
        problems.append(Problem(path, line(("countries", index, "role")), f"countries[{index}].role",
                                f"{code} is the only country with role 'two-way': a two-way exchange needs a "
                                "second two-way country; use provider, learner, member or venue as the source "
                                "says", WARNING))
    multi_country = len(taking_part) > 1 or bool(data.get("other_regions"))
    if not multi_country:
        for index, code, role in items:
            if role == "member":
                problems.append(Problem(path, line(("countries", index, "role")), f"countries[{index}].role",
                                        f"{code} has role 'member' but the entry names no other country or "
                                        "region of the programme; list the other members, give other_regions, "
                                        "or use provider, learner or venue", WARNING))
    modalities = data.get("modalities") if isinstance(data.get("modalities"), list) else []
    events = {term.id for term in vocabularies["modalities"] if term.get("event")}
    if not any(isinstance(modality, str) and modality in events for modality in modalities):
        for index, code, role in items:
            if role == "venue":
                problems.append(Problem(path, line(("countries", index, "role")), f"countries[{index}].role",
                                        f"{code} has role 'venue' but no modality is an event ("
                                        f"{', '.join(sorted(events))}); add the event's modality, or give "
                                        "the country the role the source gives it", WARNING))
    return problems


def _text_problems(source: SourceFile) -> list[Problem]:
    """Text values holding invisible control characters (written as escapes in double quotes, e.g. "\\0"):
    they corrupt pages and can make a value read differently from what it holds."""
    problems = []
    # One search over all the texts first: almost every file has no such character.
    has_invisible = _INVISIBLE.search("\n".join(value for _, value in source.texts)) is not None
    for path, value in source.texts:
        if value and not value.strip():
            name = next((part for part in reversed(path) if isinstance(part, str)), "")
            if name in FREE_TEXT_FIELDS:
                problems.append(Problem(source.path, source.line_of(path), field_name(path),
                                        "the text is only spaces; write it or remove the field"))
        invisible = _INVISIBLE.search(value) if has_invisible else None
        if invisible:
            problems.append(Problem(source.path, source.line_of(path), field_name(path),
                                    f"the text holds an invisible control character "
                                    f"(U+{ord(invisible.group()):04X}); remove it"))
    return problems


#: Generated pages in an entry folder: its list, and the list's later pages.
_GENERATED_IN_ENTRY_FOLDER = re.compile(r"(?:index|page_[0-9]+)\.md\Z")


def pages_on_disk(entry_ids: dict | None, docs_dir: Path | None):
    """Whether a page of the site exists, as far as the files tell without making a page: entry pages from
    ``entry_ids`` (kind -> ids), hand-written pages from ``docs_dir``; None for what would be generated."""
    folders = {folder: kind for kind, folder in ENTRY_FOLDERS.items()} | {SOURCE_FOLDER: SOURCE_KIND}

    def exists(page: str) -> bool | None:
        folder, _, name = page.partition("/")
        if folder in folders:
            if entry_ids is None or _GENERATED_IN_ENTRY_FOLDER.match(name):
                return None
            return "/" not in name and name[:-3] in entry_ids.get(folders[folder], ())
        if docs_dir is not None and (docs_dir / page).is_file():
            return True
        return None

    return exists


def check_source(source: SourceFile, checker: SchemaChecker, vocabularies,
                 docs_dir: Path | None = None) -> list[Problem]:
    """Every problem of one entry file already read: front matter, schema, rules, body (links to pages are
    checked against the entry files the checker knows and the hand-written pages of ``docs_dir``)."""
    problems = list(source.problems)
    if source.data is not None:
        # A value the YAML reader refused (an alias, a tag...) is left empty in the data: its problem is
        # already reported, so the schema's "expected text, got nothing" there would only confuse.
        refused = {problem.field for problem in source.problems if problem.is_error and problem.field != "-"}
        # A placeholder left from the scaffold is reported as such, not as, say, an unknown country.
        placeholders = placeholder_problems(source)
        refused |= {problem.field for problem in placeholders}
        problems += placeholders
        problems += [problem for problem in checker.check(source.kind, source.data, source.lines, source.path)
                     if problem.field not in refused]
        problems += [problem for problem in _entry_rules(source, vocabularies) if problem.field not in refused]
        if source.kind == SOURCE_KIND:
            problems += source_rules(source.path, source.data, source.lines, source.body, source.body_line)
        problems += check_body(source.body, source.body_line, source.path)
        problems += broken_links(source.body, source.body_line, source.path, source.path,
                                 pages_on_disk(checker.entry_ids, docs_dir), ENTRY_FOLDERS.values())
    return problems


def check_translated_bodies(root: Path, source: SourceFile, paths: dict, checker: SchemaChecker,
                            docs_dir: Path | None = None) -> tuple[dict, list[Problem]]:
    """({language: body} of an entry's body translations without an error, every problem of them): each
    file (``name.es.md``, Markdown only) has the checks of an entry's body (ssckb.bodycheck, links)."""
    bodies, problems = {}, []
    for language, rel_path in paths.items():
        translated = read_translation_file(root, rel_path, source.kind)
        file_problems = list(translated.problems)
        if not any(problem.is_error for problem in file_problems):
            file_problems += check_body(translated.body, 1, rel_path)
            # Links are relative to the folder, the same for both files: an entry's own links stay right.
            file_problems += broken_links(translated.body, 1, rel_path, source.path,
                                          pages_on_disk(checker.entry_ids, docs_dir), ENTRY_FOLDERS.values())
        if not any(problem.is_error for problem in file_problems):
            bodies[language] = translated.body
        problems += file_problems
    return bodies, problems


def _drop_faulty_institutions(vocabularies, root: Path) -> None:
    """An institution with an error (an unknown country, a list where a name goes...) is left out of the
    registry, as an entry with an error is left out of the site: no page is made from it, and an entry
    that names it is told the institution is unknown. Its own problems are reported all the same."""
    path = root / "vocabularies" / "institutions.yml"
    if not path.is_file():
        path = VOCABULARY_DIR / "institutions.yml"
    if path.is_symlink():
        return  # never read: reported with the other links
    faulty_items = set()
    for problem in vocabularies.problems:
        if problem.is_error and Path(problem.path).name == "institutions.yml" and problem.field.startswith("["):
            index = problem.field[1:].split("]", 1)[0]
            if index.isdigit():
                faulty_items.add(int(index))
    if not faulty_items:
        return
    parsed = parse_yaml(read_text_no_link(path))
    items = parsed.data if isinstance(parsed.data, list) else []
    registry = vocabularies.institutions
    defined_by = {}  # id -> the index of the item that defined it (a later duplicate does not)
    for index, item in enumerate(items):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            defined_by.setdefault(item["id"], index)
    registry.faulty = {term_id for term_id, index in defined_by.items()
                       if index in faulty_items and term_id in registry.terms}
    for term_id in registry.faulty:
        del registry.terms[term_id]
    registry._choices = None  # suggestions are recomputed without the items left out


def entry_ids_on_disk(root: Path) -> dict:
    """kind (and 'source') -> set of ids, from file names alone (cheap: no file is read)."""
    ids = _ids_of(discover_entry_files(root))
    ids[SOURCE_KIND] = {rel_path.rsplit("/", 1)[-1][:-3] for rel_path in discover_source_files(root)}
    return ids


def _ids_of(files: list) -> dict:
    ids = defaultdict(set)
    for kind, rel_path in files:
        ids[kind].add(rel_path.rsplit("/", 1)[-1][:-3])
    return dict(ids)


def load_sources(root: Path, vocabularies, only_paths: set | None = None) -> tuple[dict, set, list[Problem]]:
    """Read and check every source file: (valid sources by id, ids of the faulty ones, problems).

    Every source is read, whatever ``only_paths`` says, since entries are checked against them (their
    ids and location formats); only the problems of the sources among ``only_paths`` are returned
    (all of them when it is None)."""
    checker = SchemaChecker(vocabularies, {})
    sources, faulty, problems = {}, set(), []
    if only_paths is None:
        problems += stray_source_files(root)
    for rel_path in discover_source_files(root):
        file = read_entry_file(root, rel_path, SOURCE_KIND)
        file_problems = check_source(file, checker, vocabularies)
        if only_paths is None or rel_path in only_paths:
            problems += file_problems
        if file.data is not None and not any(p.is_error for p in file_problems):
            sources[file.stem] = Source(file.stem, rel_path, file.data, file.body)
        else:
            faulty.add(file.stem)
    return dict(sorted(sources.items())), faulty, problems


def load_knowledge_base(root: Path, only_paths: list[str] | None = None) -> tuple[KnowledgeBase, list[Problem]]:
    """Load, validate and link the knowledge base under ``root``.

    With ``only_paths`` only those entry (or source) files are checked (references
    are still resolved against every file name on disk, and every source is read).
    Returns the knowledge base of valid entries and the sorted problems.
    """
    root = Path(root)
    vocabularies = load_vocabularies(root=root)
    # Every link in the folders the build reads, found by name (no reader here follows one).
    problems: list[Problem] = link_problems(root, extra=ENGINE_FOLDERS) + list(vocabularies.problems)
    _drop_faulty_institutions(vocabularies, root)
    files = all_files = discover_entry_files(root)
    translation_files = discover_translation_files(root)
    wanted = None
    if only_paths is not None:
        wanted = {p.replace("\\", "/") for p in only_paths}
        # A body translation is checked with its entry, whose file says which links and fields it has.
        wanted |= {translation_entry_path(p) for p in wanted if translation_entry_path(p)}
        files = [(kind, rel) for kind, rel in files if rel in wanted]
    else:
        problems.extend(stray_entry_files(root))
        problems.extend(term_translation_warnings(vocabularies))
    entry_paths = {rel for _, rel in all_files}
    for entry_path, paths in translation_files.items():
        if entry_path not in entry_paths:
            problems.extend(orphan_translation_problem(path, entry_path, language) for language, path in paths.items()
                            if wanted is None or path in wanted or entry_path in wanted)
    sources, faulty_sources, source_problems = load_sources(root, vocabularies, wanted)
    problems += source_problems
    checker = SchemaChecker(vocabularies, {**_ids_of(all_files), SOURCE_KIND: set(sources)})
    checker.faulty_sources = faulty_sources
    entries: dict = {kind: {} for kind in ENTRY_FOLDERS}
    titles = defaultdict(list)
    line_finders: dict = {}  # (kind, id) -> the line_of of the entry's file, for checks across files
    with collector_paused():
        for kind, rel_path in files:
            suffix = unknown_language_suffix(rel_path.rsplit("/", 1)[-1])
            if suffix is not None:  # 'x.de.md': meant as a translation, in a language the site does not have
                problems.append(unknown_language_problem(rel_path, suffix))
                continue
            source = read_entry_file(root, rel_path, kind)
            file_problems = check_source(source, checker, vocabularies, root / "docs")
            if source.data is not None:
                file_problems += citation_problems(source.path, source.data, source.lines, sources)
            bodies, body_problems = check_translated_bodies(root, source, translation_files.get(rel_path, {}),
                                                            checker, root / "docs")
            problems.extend(file_problems + body_problems)
            if source.data is not None and not any(p.is_error for p in file_problems):
                # Untranslated words are reported for a valid entry only: its errors come first.
                problems.extend(entry_translation_warnings(source.path, source.data, source.line_of))
                entry = Entry(kind, source.stem, rel_path, source.data, source.body, source.body_line, bodies)
                entries[kind][entry.id] = entry
                line_finders[(kind, entry.id)] = source.line_of
                titles[(kind, entry.title.strip().casefold())].append(entry)
    for (kind, _), same in titles.items():
        for entry in same[1:]:
            problems.append(Problem(entry.path, 1, "title", f"the title is also used by {same[0].path}; "
                                                            "is it the same entry?", WARNING))
    knowledge_base = KnowledgeBase(vocabularies, {k: dict(sorted(v.items())) for k, v in entries.items()},
                                   sources=sources)
    knowledge_base.links = build_links(knowledge_base.entries)
    problems += table_problems(knowledge_base, lambda entry, path: line_finders[(entry.kind, entry.id)](path))
    return knowledge_base, sort_problems(problems)
