"""Checking the knowledge base: every problem in every file, in one run.

Per file: front matter syntax, the schema (types, required and unknown fields,
vocabularies, references to other entries), then rules a schema cannot say
(id equal to the file name, end year not before start year, no invisible control
characters, plausible amounts), then the body (no script, no event handler, no
``javascript:`` link: :mod:`ssckb.bodycheck`). Across files: references resolved
against every entry file, titles used twice, and symbolic links anywhere the build
reads (:mod:`ssckb.filesafety`). A file with an error is left out of the site; the
build lists all problems and fails. Nothing here raises on bad content.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from .bodycheck import check_body
from .filesafety import DEVICE_NAMES_TEXT, is_device_name, link_problems, read_text_no_link
from .collector import collector_paused
from .loading import ENTRY_FOLDERS, SourceFile, discover_entry_files, read_entry_file, stray_entry_files
from .model import Entry, KnowledgeBase, build_links
from .problems import BIDI_CONTROLS, WARNING, Problem, sort_problems
from .schemas import SchemaChecker
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
                    "duration"}
#: Control characters (Unicode Cc but line break and tab), lone surrogates (Cs) and the bidirectional
#: controls: one search per text instead of a look at each character.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff" + "".join(sorted(BIDI_CONTROLS)) + "]")
AMOUNT_FIELDS = ("ifad_contribution", "others_contribution", "in_kind", "total_cost")


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
                                        "give it once, with role 'both' if it both provides and learns"))
            elif isinstance(code, str):
                seen[code] = index
        if not countries and not data.get("other_regions") and not data.get("scope_note"):
            problems.append(Problem(path, line(("countries",)), "countries",
                                    "give at least one country, or other_regions when the source names no country "
                                    "(or scope_note when it names neither)"))
        derived = {vocabularies.region_of_country.get(c) for c in seen}
        other_regions = data.get("other_regions")
        for index, region in enumerate(other_regions if isinstance(other_regions, list) else ()):
            if isinstance(region, str) and region in derived:
                problems.append(Problem(path, line(("other_regions", index)), f"other_regions[{index}]",
                                        f"region '{region}' already follows from the countries; remove it",
                                        WARNING))
    funding = data.get("funding")
    if isinstance(funding, dict):
        for key in AMOUNT_FIELDS:
            amount = funding.get(key)
            if isinstance(amount, (int, float)) and not isinstance(amount, bool) and amount > MAX_AMOUNT:
                problems.append(Problem(path, line(("funding", key)), f"funding.{key}",
                                        f"{amount:,} is too large for an amount (more than {MAX_AMOUNT:,}); "
                                        "check the number of digits"))
    problems += _text_problems(source)
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


def check_source(source: SourceFile, checker: SchemaChecker, vocabularies) -> list[Problem]:
    """Every problem of one entry file already read: front matter, schema, rules, body."""
    problems = list(source.problems)
    if source.data is not None:
        # A value the YAML reader refused (an alias, a tag...) is left empty in the data: its problem is
        # already reported, so the schema's "expected text, got nothing" there would only confuse.
        refused = {problem.field for problem in source.problems if problem.is_error and problem.field != "-"}
        problems += [problem for problem in checker.check(source.kind, source.data, source.lines, source.path)
                     if problem.field not in refused]
        problems += _entry_rules(source, vocabularies)
        problems += check_body(source.body, source.body_line, source.path)
    return problems


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
    """kind -> set of ids, from file names alone (cheap: no file is read)."""
    return _ids_of(discover_entry_files(root))


def _ids_of(files: list) -> dict:
    ids = defaultdict(set)
    for kind, rel_path in files:
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
    # Every link in the folders the build reads, found by name (no reader here follows one).
    problems: list[Problem] = link_problems(root, extra=ENGINE_FOLDERS) + list(vocabularies.problems)
    _drop_faulty_institutions(vocabularies, root)
    files = all_files = discover_entry_files(root)
    if only_paths is not None:
        wanted = {p.replace("\\", "/") for p in only_paths}
        files = [(kind, rel) for kind, rel in files if rel in wanted]
    else:
        problems.extend(stray_entry_files(root))
    checker = SchemaChecker(vocabularies, _ids_of(all_files))
    entries: dict = {kind: {} for kind in ENTRY_FOLDERS}
    titles = defaultdict(list)
    with collector_paused():
        for kind, rel_path in files:
            source = read_entry_file(root, rel_path, kind)
            file_problems = check_source(source, checker, vocabularies)
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
