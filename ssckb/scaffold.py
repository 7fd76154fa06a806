"""``build.py new``: a new entry file that validates, with every field explained.

The comments come from the schema (each field's description, and its nested fields')
and from the vocabularies (the allowed values, when there are few). The example
values validate, so the new file passes ``build.py check`` at once; the comments say
what to put instead.
"""

from __future__ import annotations

import datetime
import json
import textwrap
from pathlib import Path

from .filesafety import is_device_name
from .loading import ENTRY_FOLDERS
from .schemas import KIND_NOUNS, load_schema
from .validation import RESERVED_IDS
from .vocabularies import load_vocabularies, slugify

KINDS = {"activity": "activity", "lesson": "lesson", "route": "learning_route", "learning_route": "learning_route"}

#: A vocabulary with at most this many terms has them all listed in the comment.
LIST_AT_MOST = 20
WIDTH = 88

# Example values that validate; the comments above each field tell what to put instead.
_EXAMPLES = {
    "summary": '"One sentence: who learned what from whom. Replace this text."',
    "statement": '"The lesson in one or two sentences. Replace this text."',
    "years": "{start: YEAR}",
    "countries": "\n  - {country: BRA, role: provider}\n  - {country: MOZ, role: learner}",
    "countries_visited": "[PER]",
    "themes": "[value-chains]",
    "modalities": "[exposure-visit]",
    "participants": "[farmers, project-staff]",
    "learned_by": "ifad",
    "source": "\n  document: REPL.IX/3/R.3\n  locations: [\"Annex I, paragraph 1\"]",
}
_OPTIONAL_EXAMPLES = {
    "institutions": "\n#   - {institution: ifad, role: funder}",
    "funding": "\n#   ifad_contribution: 100000\n#   nature: grant\n#   currency: USD",
    "results": "\n#   - What changed, one item per result.",
    "lessons": "[lesson-id]",
    "learning_routes": "[route-id]",
    "activities": "[activity-id]",
    "other_regions": "[east-southern-africa]",
    "scope_note": '"The source names no country or region."',
    "points": "\n#   - The first point.",
    "number": "7",
    "cases": "\n#   - {title: What the participants saw, host: institution-id, country: PER}",
    "organisers": "[procasur]",
    "participant_countries": "[BOL]",
    "duration": '"ten days"',
    "innovation_plans": "\n#   - The plan a participant took home.",
    "years": "{start: YEAR}",
    "themes": "[value-chains]",
}

_HEADERS = {
    "activity": "An SSC activity: who learned what from whom.",
    "lesson": "A lesson learned about doing South-South cooperation.",
    "learning_route": "A learning route: a journey from one case of rural innovation to the next.",
}

_BODIES = {
    "activity": ("Describe the activity here in your own words: who asked for the exchange, what was shared "
                 "and how, who took part, and what came of it. Keep facts, figures and names exactly as your "
                 "source gives them."),
    "lesson": ("Explain the lesson here in your own words: what was learned, from which experience, and what "
               "it means for future South-South cooperation. Keep facts and figures exactly as your source "
               "gives them."),
    "learning_route": ("Describe the route here in your own words: the cases visited, who took part, what they "
                       "learned and the plans they took home. Keep facts and figures exactly as your source "
                       "gives them."),
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
        return "One of: " + ", ".join(str(value) for value in items["enum"]) + "."
    name = items.get("x-vocabulary")
    if name is None or vocabularies is None:
        if "x-references" in items:
            folder = ENTRY_FOLDERS[items["x-references"]]
            return f"Ids are the file names in {folder}/ without .md."
        return ""
    if name == "countries":
        if "alpha-3" in node.get("description", "") + items.get("description", ""):
            return ""
        return "Three-letter ISO 3166-1 alpha-3 codes: BRA (Brazil), VNM (Viet Nam), KHM (Cambodia)..."
    if name == "institutions":
        return "Add a missing organisation to ssckb/vocabularies/institutions.yml in the same change."
    vocabulary = vocabularies[name]
    if len(vocabulary) <= LIST_AT_MOST:
        return "One of: " + ", ".join(term.id for term in vocabulary) + "."
    return f"Ids from ssckb/vocabularies/{name}.yml."


def _field_comment(name: str, node: dict, required: bool, vocabularies) -> list[str]:
    lines = _comment(f"{name} ({'required' if required else 'optional'}): "
                     f"{node.get('description', '').replace(' (optional)', '')}")
    allowed = _allowed(node, vocabularies)
    if allowed:
        lines += _comment(allowed, "  ")
    nested = node.get("items") if node.get("type") == "array" else node
    if isinstance(nested, dict) and nested.get("type") == "object":
        inner_required = set(nested.get("required", ()))
        for inner, inner_node in nested.get("properties", {}).items():
            text = (f"Field '{inner}'{'' if inner in inner_required else ' (optional)'}: "
                    f"{inner_node.get('description', '')}")
            extra = _allowed(inner_node, vocabularies)
            if extra and not inner_node.get("enum"):
                text += " " + extra
            lines += _comment(text, "  ")
    return lines


def scaffold_text(kind: str, entry_id: str, title: str, year: int, vocabularies=None) -> str:
    """The text of a new entry file of ``kind`` (activity, lesson, learning_route)."""
    if vocabularies is None:
        vocabularies = load_vocabularies()
    schema = load_schema(kind)
    required = set(schema["required"])
    folder = ENTRY_FOLDERS[kind]
    parts = ["---"]
    parts += _comment(f"{_HEADERS[kind]} Lines starting with # are comments: each explains the field below it, "
                      "and the site ignores them. Replace the example values. To use an optional field, remove "
                      "the '# ' in front of its example, the line(s) just below its explanation.")
    parts += _comment(f"Check the file with: python build.py check {folder}/{entry_id}.md")
    parts += _comment("Every field, with all allowed values: CONTRIBUTING.md, or 'Field reference' on the site.")
    for name, field in schema["properties"].items():
        is_required = name in required
        parts.append("#")
        parts += _field_comment(name, field, is_required, vocabularies)
        if name == "id":
            value = entry_id
        elif name == "title":
            value = json.dumps(title, ensure_ascii=False)
        elif is_required:
            value = _EXAMPLES[name].replace("YEAR", str(year))
        else:
            example = _OPTIONAL_EXAMPLES.get(name, "")
            parts.append(f"# {name}:{_after_colon(example.replace('YEAR', str(year)))}")
            continue
        parts.append(f"{name}:{_after_colon(value)}")
    parts.append("---")
    parts.append("")
    parts += textwrap.wrap(_BODIES[kind], WIDTH, break_on_hyphens=False)
    return "\n".join(parts) + "\n"


def create_entry(root: Path, kind: str, title: str) -> Path:
    """Write a new entry file; refuses a title that makes no usable id, or an id that is taken."""
    kind = KINDS[kind]
    root = Path(root)
    title = " ".join(title.split())
    noun = KIND_NOUNS[kind]
    if not title:
        raise ScaffoldError(f"give the {noun} a title, e.g. python build.py new activity \"Rwanda visits Peru\"")
    title_schema = load_schema(kind)["properties"]["title"]
    if len(title) < title_schema.get("minLength", 0):
        raise ScaffoldError(f"the title '{title}' is too short: write at least {title_schema['minLength']} characters")
    if len(title) > title_schema.get("maxLength", len(title)):
        raise ScaffoldError(f"the title is too long ({len(title)} characters): shorten it to at most "
                            f"{title_schema['maxLength']}")
    entry_id = entry_id_from_title(title)
    if not entry_id:
        raise ScaffoldError(f"cannot make an id from the title '{title}'; use Latin letters or digits in it")
    if entry_id in RESERVED_IDS:
        raise ScaffoldError(f"the title gives the id '{entry_id}', which is reserved for a page of the site; "
                            "choose a longer title")
    if is_device_name(entry_id):
        raise ScaffoldError(f"the title gives the id '{entry_id}', a name Windows keeps for a device; "
                            "choose a longer title")
    folder = root / ENTRY_FOLDERS[kind]
    path = folder / f"{entry_id}.md"
    if path.exists() or path.is_symlink():
        raise ScaffoldError(f"{path.relative_to(root).as_posix()} already exists; choose another title "
                            f"(or, if it is the same {noun}, edit that file)")
    vocabularies = load_vocabularies(root=root)
    text = scaffold_text(kind, entry_id, title, datetime.date.today().year, vocabularies)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path.relative_to(root).as_posix()} already exists; choose another title") from None
    return path
