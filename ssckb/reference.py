"""The field reference, generated from the schemas and vocabularies.

``field_section`` is the one text of every field and every allowed value: the site's
field reference page shows it, and so does the contributor guide (on the site and
in CONTRIBUTING.md). It is plain Markdown that reads the same on the site and on the
repository host: headings carry no attribute lists, links point at headings whose
anchors both derive the same way, long lists fold into ``<details>``.
"""

from __future__ import annotations

import html

from .mdtext import md_escape, scrollable
from .pages import Page
from .sanitizer import (ALLOWED_ELEMENTS, CLEAN_CONTENT_ELEMENTS, ELEMENT_ATTRIBUTES, GLOBAL_ATTRIBUTES,
                        URL_SCHEMES)
from .schemas import ENTRY_KINDS, load_schema

#: Entry kind -> heading of its table.
KIND_TITLES = {"activity": "Activities (activities/)", "lesson": "Lessons (lessons/)",
               "learning_route": "Learning routes (learning_routes/)",
               "request": "Knowledge requests (requests/)", "offer": "Knowledge offers (offers/)",
               "institution": "The institutions registry", "source": "Sources (sources/)"}

#: The vocabularies, in the order the guide lists them, with their heading.
VOCABULARY_TITLES = {
    "themes": "Allowed themes", "modalities": "Allowed modalities",
    "participant_types": "Allowed participant types", "funding_natures": "Allowed funding natures",
    "regions": "Allowed regions",
    "institutions": "Allowed institutions", "countries": "Allowed countries", "languages": "Allowed languages",
}

#: Entry kind referenced by ``x-references`` -> its folder.
_FOLDERS = {"activity": "activities", "lesson": "lessons", "learning_route": "learning_routes", "source": "sources",
            "request": "requests", "offer": "offers"}


def anchor(heading: str) -> str:
    """The anchor both Python-Markdown's toc and the repository host give a plain ASCII heading."""
    kept = "".join(char for char in heading.lower() if char.isalnum() or char in " -_")
    return "-".join(kept.split())


def vocabulary_link(name: str) -> str:
    return f"[{VOCABULARY_TITLES[name].lower()}](#{anchor(VOCABULARY_TITLES[name])})"


def _text(text: str) -> str:
    """Schema prose (written by maintainers) in a table cell: code spans kept, '|' and HTML escaped."""
    return html.escape(" ".join(str(text).split()), quote=False).replace("|", "\\|")


def _length(node: dict) -> str:
    low, high = node.get("minLength"), node.get("maxLength")
    if low and high:
        return f", {low} to {high} characters"
    if high:
        return f", at most {high} characters"
    if low:
        return f", at least {low} characters"
    return ""


def _range(node: dict) -> str:
    low, high = node.get("minimum"), node.get("maximum")
    if low is not None and high is not None:
        return f" from {low} to {high}"
    if low is not None:
        return f", {low} or more"
    return ""


def _one_value(node: dict) -> str:
    """What one value may be, in words."""
    if "x-vocabulary" in node:
        return f"an id from {vocabulary_link(node['x-vocabulary'])}"
    if "x-references" in node:
        folder = _FOLDERS[node["x-references"]]
        return f"the id of a file in {folder}/ (its name without .md)"
    if "enum" in node:
        return "one of " + ", ".join(f"`{value}`" for value in node["enum"])
    if "pattern" in node and "x-hint" in node:
        return "text; " + _text(node["x-hint"])
    kind = node.get("type")
    if kind == "integer":
        return "a whole number" + _range(node)
    if kind == "number":
        return "a plain number without separators" + _range(node)
    if kind == "object":
        return "the fields below: " + ", ".join(f"`{name}`" for name in node.get("properties", {}))
    if kind == "string":
        return "text" + _length(node)
    if kind == "boolean":
        return "`true` or `false`"
    return ""


def allowed_values(node: dict) -> str:
    """What a field takes, in words: 'a list of ids from allowed themes, at least one', ..."""
    if node.get("type") != "array":
        return _one_value(node)
    items = node.get("items", {})
    at_least = node.get("minItems", 0)
    if items.get("type") == "object":
        text = "a list; each item has the fields below: " + ", ".join(
            f"`{name}`" for name in items.get("properties", {}))
    elif "x-vocabulary" in items:
        text = f"a list of ids from {vocabulary_link(items['x-vocabulary'])}"
    elif "x-references" in items:
        text = f"a list of ids of files in {_FOLDERS[items['x-references']]}/ (their names without .md)"
    elif items.get("type") == "string" and not items.get("enum"):
        text = "a list of texts, one per item" + _length(items).replace(",", "; each", 1)
        if "x-hint" in items:
            text += "; " + _text(items["x-hint"])
    else:
        text = f"a list, each {_one_value(items)}"
    if at_least:
        text += f"; at least {at_least}"
    if node.get("uniqueItems"):
        text += "; each only once"
    return text


def field_rows(schema: dict, prefix: str = "") -> list[str]:
    """One table row per field, nested fields after their parent as ``parent.child`` or ``parent[].child``."""
    rows = []
    required = set(schema.get("required", ()))
    for name, field in schema.get("properties", {}).items():
        rows.append(f"| `{prefix}{name}` | {'yes' if name in required else ''} | "
                    f"{_text(field.get('description', ''))} | {allowed_values(field)} |")
        nested = field.get("items") if field.get("type") == "array" else field
        if isinstance(nested, dict) and nested.get("type") == "object" and "properties" in nested:
            rows.extend(field_rows(nested, f"{prefix}{name}{'[].' if field.get('type') == 'array' else '.'}"))
    return rows


def field_paths(schema: dict, prefix: str = "") -> list[str]:
    """Every field of a schema as the guide names it (``years.start``, ``countries[].role``)."""
    paths = []
    for name, field in schema.get("properties", {}).items():
        paths.append(f"{prefix}{name}")
        nested = field.get("items") if field.get("type") == "array" else field
        if isinstance(nested, dict) and nested.get("type") == "object" and "properties" in nested:
            paths.extend(field_paths(nested, f"{prefix}{name}{'[].' if field.get('type') == 'array' else '.'}"))
    return paths


def _folded(summary: str, lines: list[str]) -> list[str]:
    """A long table, folded: ``<details>`` opens on the site (md_in_html) and on the repository host."""
    return ['<details markdown="1">', f"<summary>{summary}</summary>", "", *lines, "", "</details>"]


def _vocabulary_table(name: str, vocabularies) -> list[str]:
    vocabulary = vocabularies[name]
    if name == "languages":
        rows = ["| Code | Language |", "|---|---|"]
        rows += [f"| `{term.id}` | {md_escape(term.label)} |" for term in vocabulary]
        return rows
    if name == "regions":
        rows = ["| Id | Region | Countries |", "|---|---|---|"]
        rows += [f"| `{term.id}` | {md_escape(term.label)} | {len(term.get('countries') or ())} |"
                 for term in vocabulary]
        return rows
    if name == "institutions":
        rows = ["| Id | Name | Type | Country |", "|---|---|---|---|"]
        for term in sorted(vocabulary, key=lambda t: t.id):
            country = vocabularies.countries.get(term.get("country")) if term.get("country") else None
            rows.append(f"| `{term.id}` | {md_escape(term.label)} | {md_escape(term.get('type') or '')} | "
                        f"{md_escape(country.label) if country else ''} |")
        return rows
    if name == "countries":
        rows = ["| Code | Name | IFAD region |", "|---|---|---|"]
        for term in sorted(vocabulary, key=lambda t: t.label.casefold()):
            region = vocabularies.region_of_country.get(term.id)
            rows.append(f"| `{term.id}` | {md_escape(term.label)} | "
                        f"{md_escape(vocabularies.regions.get(region).label) if region else ''} |")
        return rows
    rows = ["| Id | Label | Meaning |", "|---|---|---|"]
    rows += [f"| `{term.id}` | {md_escape(term.label)} | {md_escape(term.description)} |" for term in vocabulary]
    return rows


_VOCABULARY_INTROS = {
    "institutions": "Every organisation an entry names must be in the registry, "
                    "`ssckb/vocabularies/institutions.yml`. If one is missing, add it there in the same change "
                    "(its fields are in [the institutions registry](#{anchor}) above).",
    "countries": "ISO 3166-1 alpha-3 codes; the site shows the names the United Nations use. "
                 "Regions are worked out from the countries: never type them in an entry.",
    "regions": "IFAD's five regions; `ssckb/vocabularies/regions.yml` lists the countries of each. "
               "Use them only in `other_regions`.",
    "languages": "ISO 639-1 codes of the languages a source is written in (`language` of a source).",
}


#: Above this many institutions the registry is not copied into the reference and the guide.
INLINE_REGISTRY_LIMIT = 300
#: The lists contributors add to in their own change (an institution, a document). The contributor guide
#: does not copy them, so that such an addition never makes the committed CONTRIBUTING.md out of date: it
#: says where they are listed in full (the site's field reference, and the files themselves).
GROWING_REGISTRIES = ("institutions",)


def registry_pointers(for_repository: bool) -> dict:
    """Vocabulary name -> the paragraph the guide shows instead of a growing registry's table: a link to the
    field reference on the site, to the registry's file in the repository."""
    pointers = {}
    for name in GROWING_REGISTRIES:
        title = VOCABULARY_TITLES[name]
        if for_repository:
            pointers[name] = (f"Every one, with its id, is in [`ssckb/vocabularies/{name}.yml`]"
                              f"(../ssckb/vocabularies/{name}.yml), and on the site's *Field reference* page, "
                              f"under *{title}* (`python build.py serve` shows it at "
                              f"http://127.0.0.1:8000/reference/fields/#{anchor(title)}).")
        else:
            pointers[name] = (f"Every one, with its id, is in the [field reference](reference/fields.md#{anchor(title)}) "
                              f"(from `ssckb/vocabularies/{name}.yml`).")
    return pointers


def _code_list(names) -> str:
    return ", ".join(f"`{name}`" for name in sorted(names))


def body_html_section(heading: str) -> list[str]:
    """What HTML an entry's body may hold, read from the sanitizer's allowlist (:mod:`ssckb.sanitizer`), so
    that the guide can never promise what the site removes."""
    attribute_rows = [f"| `{element}` | {_code_list(names)} |"
                      for element, names in sorted(ELEMENT_ATTRIBUTES.items()) if names]
    return [f"{heading} HTML in the body", "",
            "Write the body in Markdown. HTML is allowed only from the list below: `build.py check` reports, "
            "with its line, anything else, and the site removes it.", "",
            f"Elements: {_code_list(ALLOWED_ELEMENTS)}.", "",
            f"Attributes on any of them: {_code_list(GLOBAL_ATTRIBUTES)}; an `id` or a `class` may not begin "
            "with `md-`, `ssc-` or `__` (the theme's and the site's own names).", "",
            *scrollable("Attributes of single elements", ["| Element | Attributes |", "|---|---|",
                                                          *attribute_rows]), "",
            f"Link and image addresses: relative to the site, or with the scheme {_code_list(URL_SCHEMES)}. "
            "A table cell's `style` may only align its text (`text-align: left`, `right` or `center`).", "",
            f"Removed with everything in them: {_code_list(CLEAN_CONTENT_ELEMENTS)}. Any other element "
            "(forms, media, embeds, `dialog`) is removed and keeps its text.", ""]


def field_section(vocabularies, level: int = 2, pointers: dict | None = None) -> str:
    """Every field of every entry kind and of the institutions registry, then every allowed value; the
    vocabularies named in ``pointers`` get the paragraph given there instead of their table."""
    heading = "#" * level
    lines = []
    for kind in (*ENTRY_KINDS, "source", "institution"):
        schema = load_schema(kind)
        lines += [f"{heading} {KIND_TITLES[kind]}", "", _text(schema["description"]), "",
                  *scrollable(f"Fields: {KIND_TITLES[kind]}",
                              ["| Field | Required | What to write | Allowed values |", "|---|---|---|---|",
                               *field_rows(schema)]), ""]
    lines += body_html_section(heading)
    lines += [f"{heading} Allowed values", "",
              "Write the id (the first column) in the file; the site shows the name. "
              "Each list below is read from `ssckb/vocabularies/`.", ""]
    for name, title in VOCABULARY_TITLES.items():
        lines += [f"{heading}# {title}", ""]
        intro = _VOCABULARY_INTROS.get(name)
        if intro:
            lines += [intro.replace("{anchor}", anchor(KIND_TITLES["institution"])), ""]
        if pointers and name in pointers:
            lines += [pointers[name], ""]
            continue
        if name == "institutions" and len(vocabularies[name]) > INLINE_REGISTRY_LIMIT:
            # Thousands of rows would make this page and the guide megabytes: point to where they are.
            lines += [f"The registry holds {len(vocabularies[name]):,} institutions: find one by name under "
                      "Browse by institution (its page gives the id to write) or in "
                      "`ssckb/vocabularies/institutions.yml`.", ""]
            continue
        table = scrollable(title, _vocabulary_table(name, vocabularies))
        if name in ("institutions", "countries", "languages"):
            table = _folded(f"All {len(vocabularies[name])} {title.split(' ', 1)[1]}", table)
        lines += [*table, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def render_field_reference(vocabularies) -> Page:
    """The site's field reference page: the field section under a title."""
    lines = ["# Field reference", "",
             "Every field of the front matter of an entry, from the JSON Schemas in `ssckb/schemas/` "
             "(also published with the site under [schemas/](../schemas/activity.schema.json)), "
             "and every allowed value of the controlled vocabularies in `ssckb/vocabularies/`. "
             "Unknown fields are errors. The [contributor guide](../contribute.md) explains how to "
             "add an entry.", ""]
    return Page("reference/fields.md", {"title": "Field reference"},
                "\n".join(lines) + "\n" + field_section(vocabularies, level=2))
