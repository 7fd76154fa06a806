"""``build.py new``: a new entry file that validates, with every field explained.

The comments come from the schema (each field's description, and its nested fields')
and from the vocabularies (the allowed values, when there are few). What only the
contributor can know (the summary or statement, the countries, the year, the body) is a
placeholder marked ``REPLACE-ME`` (:mod:`ssckb.placeholders`): ``build.py check`` names
each one left, so an untouched scaffold never passes. The other example values validate;
the comments say what to put instead.
"""

from __future__ import annotations

import datetime
import json
import textwrap
from pathlib import Path

from .contrib.descriptions import field_description
from .filesafety import is_device_name
from .i18n import N_, _, language_of, rendering_language
from .loading import ENTRY_FOLDERS
from .placeholders import BODIES, MARK, TEXTS
from .schemas import KIND_NOUNS, load_schema
from .sources import SOURCE_FOLDER, SOURCE_KIND, SOURCE_PLACEHOLDERS
from .validation import RESERVED_IDS
from .vocabularies import load_vocabularies, slugify

KINDS = {"activity": "activity", "lesson": "lesson", "route": "learning_route", "learning_route": "learning_route",
         "request": "request", "offer": "offer"}

#: A vocabulary with at most this many terms has them all listed in the comment.
LIST_AT_MOST = 20
WIDTH = 88

# Values of the required fields: placeholders (MARK) where only the contributor knows the value, else
# examples that validate; the comments above each field tell what to put instead.
_EXAMPLES = {
    "summary": json.dumps(TEXTS["summary"]),
    "statement": json.dumps(TEXTS["statement"]),
    "years": f"{{start: {MARK}}}",
    "countries": f"\n  - {{country: {MARK}, role: provider}}\n  - {{country: {MARK}, role: learner}}",
    "countries_visited": f"[{MARK}]",
    "themes": "[value-chains]",
    "modalities": "[exposure-visit]",
    "participants": "[farmers, project-staff]",
    "learned_by": "ifad",
    "sources": "\n  - source: ifad-repl-ix-3-r-3\n    locations: [\"Annex I, paragraph 1\"]",
}
#: Values of a kind that differ from :data:`_EXAMPLES` (a request's statement is no lesson's).
_KIND_EXAMPLES = {
    "request": {"statement": json.dumps(TEXTS["request_statement"]),
                "requester": f"\n  countries: [{MARK}]\n  organisation_types: [project-staff]",
                "status": "open"},
    "offer": {"statement": json.dumps(TEXTS["offer_statement"]),
              "provider": f"\n  countries: [{MARK}]\n  institutions: [ifad]",
              "status": "open"},
}
_OPTIONAL_EXAMPLES = {
    "institutions": "\n#   - {institution: ifad, role: funder}",
    "funding_nature": "grant",
    "contributions": "\n#   - {funder: ifad, amount: 100000, currency: USD, kind: cash, status: not-stated, year: YEAR}",
    "results": "\n#   - What changed, one item per result.",
    "lessons": "[lesson-id]",
    "learning_routes": "[route-id]",
    "activities": "[activity-id]",
    "other_regions": "[east-southern-africa]",
    "scope": "intraregional",
    "scope_note": '"The source names no country or region."',
    "points": "\n#   - The first point.",
    "number": "7",
    "cases": "\n#   - {title: What the participants saw, host: institution-id, country: PER}",
    "organisers": "[procasur]",
    "participant_countries": "[BOL]",
    "duration": '"ten days"',
    "innovation_plans": "\n#   - The plan a participant took home.",
    "languages": "[en, es]",
    "participants": "[farmers, project-staff]",
    "modalities": "[learning-route, exposure-visit]",
    "offers": "[offer-id]",
    "became": "[activity-id]",
    "conditions": '"The learners\' projects pay their travel and stay."',
    "years": "{start: YEAR}",
    "themes": "[value-chains]",
}

_HEADERS = {
    "activity": N_("An SSC activity: who learned what from whom."),
    "lesson": N_("A lesson learned about doing South-South cooperation."),
    "learning_route": N_("A learning route: a journey from one case of rural innovation to the next."),
    "request": N_("A knowledge request: what someone in the South wants to learn from peers. When it is "
                  "answered, set status to matched (with the offers) or closed (with the activities it became, "
                  "in became)."),
    "offer": N_("A knowledge offer: experience an institution or a country of the South can share with peers."),
}

class ScaffoldError(Exception):
    pass


def entry_id_from_title(title: str, max_length: int = 60) -> str:
    """A safe id from a title: 'Rwanda visits Peru!' -> 'rwanda-visits-peru'."""
    slug = slugify(title)
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"# {indent}{line}" for line in textwrap.wrap(text, WIDTH - len(indent),
                                                        subsequent_indent="  " if indent else "",
                                                        break_on_hyphens=False, break_long_words=False)]


def _after_colon(value: str) -> str:
    return value if value.startswith("\n") or not value else f" {value}"


def _allowed(node: dict, vocabularies) -> str:
    """The values a field takes, for its comment; empty when the description says enough."""
    items = node.get("items", {}) if node.get("type") == "array" else node
    if "enum" in items:
        return _("One of: %(values)s.") % {"values": ", ".join(str(value) for value in items["enum"])}
    name = items.get("x-vocabulary")
    if name is None or vocabularies is None:
        if "x-references" in items:
            folder = {**ENTRY_FOLDERS, SOURCE_KIND: SOURCE_FOLDER}[items["x-references"]]
            return _("Ids are the file names in %(folder)s/ without .md.") % {"folder": folder}
        return ""
    if name == "countries":
        if "alpha-3" in node.get("description", "") + items.get("description", ""):
            return ""
        return _("Three-letter ISO 3166-1 alpha-3 codes: BRA (Brazil), VNM (Viet Nam), KHM (Cambodia)...")
    if name == "languages":
        return _("Two-letter ISO 639-1 codes: en (English), es (Spanish), fr (French), pt (Portuguese), "
                 "ar (Arabic)...")
    if name == "institutions":
        return _("Add a missing organisation to ssckb/vocabularies/institutions.yml in the same change.")
    vocabulary = vocabularies[name]
    if len(vocabulary) <= LIST_AT_MOST:
        return _("One of: %(values)s.") % {"values": ", ".join(term.id for term in vocabulary)}
    return _("Ids from ssckb/vocabularies/%(name)s.yml.") % {"name": name}


def _field_comment(name: str, node: dict, required: bool, vocabularies, kind: str | None = None,
                   language: str = "en") -> list[str]:
    """The comment above a field: what it is (the schema's description, in ``language`` when
    ssckb/schemas/translations/ has it) and the values it takes; keys and values stay as the schema has them."""
    def described(path: tuple, english: str) -> str:
        return field_description(kind, path, language) if kind and language != "en" else english

    description = described((name,), node.get("description", "")).replace(" (optional)", "")
    lines = _comment((_("%(field)s (required): %(description)s") if required else
                      _("%(field)s (optional): %(description)s")) % {"field": name, "description": description})
    allowed = _allowed(node, vocabularies)
    if allowed:
        lines += _comment(allowed, "  ")
    nested = node.get("items") if node.get("type") == "array" else node
    if isinstance(nested, dict) and nested.get("type") == "object":
        inner_required = set(nested.get("required", ()))
        for inner, inner_node in nested.get("properties", {}).items():
            fields = {"field": inner, "description": described((name, inner), inner_node.get("description", ""))}
            text = (_("Field '%(field)s': %(description)s") if inner in inner_required else
                    _("Field '%(field)s' (optional): %(description)s")) % fields
            extra = _allowed(inner_node, vocabularies)
            if extra and not inner_node.get("enum"):
                text += " " + extra
            lines += _comment(text, "  ")
    return lines


def scaffold_text(kind: str, entry_id: str, title: str, year: int, vocabularies=None, language: str = "en") -> str:
    """The text of a new entry file of ``kind`` (activity, lesson, learning_route, request, offer), its comments in
    ``language`` (the keys and values stay the schema's: they are the same in every language)."""
    if vocabularies is None:
        vocabularies = load_vocabularies()
    with rendering_language(language):
        return _scaffold_text(kind, entry_id, title, year, vocabularies, language_of(language).code)


def _scaffold_text(kind: str, entry_id: str, title: str, year: int, vocabularies, language: str) -> str:
    schema = load_schema(kind)
    required = set(schema["required"])
    folder = ENTRY_FOLDERS[kind]
    parts = ["---"]
    parts += _comment(" ".join([_(_HEADERS[kind]), _(
        "Lines starting with # are comments: each explains the field below it, and the site ignores them. "
        "Replace every %(mark)s (the check names each one left) and the example values. To use an optional "
        "field, remove the '# ' in front of its example, the line(s) just below its explanation.")
        % {"mark": MARK}]))
    parts += _comment(_("Check the file with: python build.py check %(path)s") % {"path": f"{folder}/{entry_id}.md"})
    parts += _comment(_("Every field, with all allowed values: CONTRIBUTING.md, or 'Field reference' on the site."))
    for name, field in schema["properties"].items():
        is_required = name in required
        parts.append("#")
        parts += _field_comment(name, field, is_required, vocabularies, kind, language)
        if name == "id":
            value = entry_id
        elif name == "title":
            value = json.dumps(title, ensure_ascii=False)
        elif is_required:
            value = _KIND_EXAMPLES.get(kind, {}).get(name, _EXAMPLES.get(name, "")).replace("YEAR", str(year))
        else:
            example = _OPTIONAL_EXAMPLES.get(name, "")
            parts.append(f"# {name}:{_after_colon(example.replace('YEAR', str(year)))}")
            continue
        parts.append(f"{name}:{_after_colon(value)}")
    parts.append("---")
    parts.append("")
    parts += textwrap.wrap(BODIES[kind], WIDTH, break_on_hyphens=False)
    return "\n".join(parts) + "\n"


def _id_from_checked_title(title: str, schema_kind: str) -> str:
    """The id a (non-empty, whitespace-folded) title gives, once the title fits its schema and the id is
    neither a reserved page name nor a Windows device name; a ScaffoldError says what to change."""
    title_schema = load_schema(schema_kind)["properties"]["title"]
    if len(title) < title_schema.get("minLength", 0):
        raise ScaffoldError(f"the title '{title}' is too short: write at least {title_schema['minLength']} characters")
    if len(title) > title_schema.get("maxLength", len(title)):
        raise ScaffoldError(f"the title is too long ({len(title)} characters): shorten it to at most "
                            f"{title_schema['maxLength']}")
    new_id = entry_id_from_title(title)
    if not new_id:
        raise ScaffoldError(f"cannot make an id from the title '{title}'; use Latin letters or digits in it")
    if new_id in RESERVED_IDS:
        raise ScaffoldError(f"the title gives the id '{new_id}', which is reserved for a page of the site; "
                            "choose a longer title")
    if is_device_name(new_id):
        raise ScaffoldError(f"the title gives the id '{new_id}', a name Windows keeps for a device; "
                            "choose a longer title")
    return new_id


def _write_new_file(root: Path, path: Path, text: str) -> Path:
    """Write a scaffold to ``path``, never over a file that appeared since the caller looked."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path.relative_to(root).as_posix()} already exists; choose another title") from None
    return path


def create_entry(root: Path, kind: str, title: str, language: str = "en") -> Path:
    """Write a new entry file, its comments in ``language``; refuses a title that makes no usable id, or an id
    that is taken."""
    kind = KINDS[kind]
    root = Path(root)
    title = " ".join(title.split())
    noun = KIND_NOUNS[kind]
    if not title:
        raise ScaffoldError(f"give the {noun} a title, e.g. python build.py new activity \"Rwanda visits Peru\"")
    entry_id = _id_from_checked_title(title, kind)
    folder = root / ENTRY_FOLDERS[kind]
    path = folder / f"{entry_id}.md"
    if path.exists() or path.is_symlink():
        raise ScaffoldError(f"{path.relative_to(root).as_posix()} already exists; choose another title "
                            f"(or, if it is the same {noun}, edit that file)")
    vocabularies = load_vocabularies(root=root)
    text = scaffold_text(kind, entry_id, title, datetime.date.today().year, vocabularies, language)
    return _write_new_file(root, path, text)


# --- Sources -------------------------------------------------------------------------------------

#: What a new source file holds in each field: example values for the required fields, the
#: placeholders of ssckb.sources (errors until replaced), and commented examples of the others.
_SOURCE_VALUES = {
    "type": "report",
    "year": "YEAR",
    "language": "en",
    "publisher": json.dumps(SOURCE_PLACEHOLDERS["publisher"]),
    "url": json.dumps(SOURCE_PLACEHOLDERS["url"]),
}
_SOURCE_OPTIONAL_EXAMPLES = {
    "authors": '["Ana Pérez", "John Mwangi"]',
    "date": '"YEAR-06-30"',
    "identifier": "{doi: 10.1596/978-0-8213-7966-4}   # or {isbn: 978-92-9072-123-4}, {symbol: REPL.IX/3/R.3}",
    "location_format": "free",
}


def source_scaffold_text(source_id: str, title: str, year: int, vocabularies=None, language: str = "en") -> str:
    """The text of a new source file: every field explained (in ``language``), placeholders to replace."""
    with rendering_language(language):
        return _source_scaffold_text(source_id, title, year, vocabularies, language_of(language).code)


def _source_scaffold_text(source_id: str, title: str, year: int, vocabularies, language: str) -> str:
    schema = load_schema(SOURCE_KIND)
    required = set(schema["required"])
    parts = ["---"]
    parts += _comment(_("A source that entries cite: a report, evaluation, article, book, web page, video, dataset, "
                        "or a first-hand account by a named organisation. Lines starting with # are comments: each "
                        "explains the field below it, and the site ignores them. Replace the example values (give "
                        "authors or publisher, and url or identifier). To use an optional field, remove the '# ' in "
                        "front of its example."))
    parts += _comment(_("Check the file with: python build.py check %(path)s") % {"path": f"{SOURCE_FOLDER}/{source_id}.md"})
    parts += _comment(_("Cite it in an entry (activity, lesson, learning route) with, in that entry's front matter:"))
    parts += ["#   sources:", f"#     - source: {source_id}", '#       locations: ["page 12"]']
    for name, field in schema["properties"].items():
        parts.append("#")
        parts += _field_comment(name, field, name in required, vocabularies, SOURCE_KIND, language)
        if name == "id":
            parts.append(f"id: {source_id}")
        elif name == "title":
            parts.append(f"title: {json.dumps(title, ensure_ascii=False)}")
        elif name in _SOURCE_VALUES:
            parts.append(f"{name}: {_SOURCE_VALUES[name].replace('YEAR', str(year))}")
        else:
            parts.append(f"# {name}: {_SOURCE_OPTIONAL_EXAMPLES.get(name, '').replace('YEAR', str(year))}")
    parts += ["---", ""]
    parts += textwrap.wrap(SOURCE_PLACEHOLDERS["body"], WIDTH, break_on_hyphens=False)
    return "\n".join(parts) + "\n"


def create_source(root: Path, title: str, language: str = "en") -> Path:
    """Write a new source file in sources/; refuses a title that makes no usable id, or an id that is taken."""
    root = Path(root)
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError('give the source its title, e.g. python build.py new source "Rural finance in Peru"')
    source_id = _id_from_checked_title(title, SOURCE_KIND)
    folder = root / SOURCE_FOLDER
    path = folder / f"{source_id}.md"
    if path.exists() or path.is_symlink():
        raise ScaffoldError(f"{path.relative_to(root).as_posix()} already exists; choose another title "
                            "(or, if it is the same source, cite it by its id)")
    text = source_scaffold_text(source_id, title, datetime.date.today().year, load_vocabularies(root=root), language)
    return _write_new_file(root, path, text)
