"""The field reference of the contributor guide, generated from the schemas and vocabularies."""

from __future__ import annotations

from .mdtext import md_escape
from .pages import Page
from .schemas import ENTRY_KINDS, load_schema

KIND_TITLES = {"activity": "Activity (activities/)", "lesson": "Lesson (lessons/)",
               "learning_route": "Learning route (learning_routes/)"}


def _allowed(schema: dict) -> str:
    """What values a field takes, in words."""
    items = schema.get("items", {}) if schema.get("type") == "array" else schema
    if "x-vocabulary" in items:
        return f"ids from [{items['x-vocabulary'].replace('_', ' ')}](#vocabulary-{items['x-vocabulary'].replace('_', '-')})"
    if "x-references" in items:
        return f"ids of {items['x-references'].replace('_', ' ')} files"
    if "enum" in items:
        return ", ".join(f"`{value}`" for value in items["enum"])
    if items.get("type") == "object":
        return "fields: " + ", ".join(f"`{name}`" for name in items.get("properties", {}))
    return {"integer": "a whole number", "number": "a number", "string": "text"}.get(items.get("type"), "")


def _field_rows(schema: dict, prefix: str = "") -> list[str]:
    rows = []
    required = set(schema.get("required", ()))
    for name, field in schema.get("properties", {}).items():
        kind = field.get("type", "")
        if kind == "array":
            kind = "list"
        rows.append(f"| `{prefix}{name}` | {'yes' if name in required else ''} | {kind} | "
                    f"{md_escape(field.get('description', ''))} | {_allowed(field)} |")
        nested = field.get("items") if field.get("type") == "array" else field
        if isinstance(nested, dict) and nested.get("type") == "object" and "properties" in nested:
            rows.extend(_field_rows(nested, f"{prefix}{name}{'[].' if field.get('type') == 'array' else '.'}"))
    return rows


def render_field_reference(vocabularies) -> Page:
    """Every field of every entry kind, and every allowed vocabulary value."""
    lines = ["# Field reference", "",
             "Every field of the front matter of an entry, from the JSON Schemas in `ssckb/schemas/` "
             "(also published with the site under [schemas/](../schemas/activity.schema.json)), "
             "and every allowed value of the controlled vocabularies in `ssckb/vocabularies/`. "
             "Unknown fields are errors.", ""]
    for kind in ENTRY_KINDS:
        schema = load_schema(kind)
        lines += [f"## {KIND_TITLES[kind]}", "", md_escape(schema["description"]), "",
                  "| Field | Required | Type | Meaning | Allowed values |", "|---|---|---|---|---|"]
        lines += _field_rows(schema) + [""]
    lines += ["## Vocabularies", ""]
    for name in ("themes", "modalities", "participant_types", "funding_natures", "regions", "documents"):
        anchor = f"vocabulary-{name.replace('_', '-')}"
        lines += [f"### {name.replace('_', ' ').capitalize()} {{#{anchor}}}", "", "| Id | Label | Meaning |", "|---|---|---|"]
        for term in vocabularies[name]:
            lines.append(f"| `{term.id}` | {md_escape(term.label)} | {md_escape(term.description)} |")
        lines.append("")
    lines += ["### Institutions {#vocabulary-institutions}", "",
              "The registry in `ssckb/vocabularies/institutions.yml`; add an organisation there before using it.", "",
              "| Id | Name | Type | Country |", "|---|---|---|---|"]
    for term in sorted(vocabularies.institutions, key=lambda t: t.id):
        country = vocabularies.countries.get(term.get("country")) if term.get("country") else None
        lines.append(f"| `{term.id}` | {md_escape(term.label)} | {md_escape(term.get('type') or '')} | "
                     f"{md_escape(country.label) if country else ''} |")
    lines += ["", "### Countries {#vocabulary-countries}", "",
              "ISO 3166-1 alpha-3 codes, shown with the names the United Nations use.", "",
              "| Code | Name | IFAD region |", "|---|---|---|"]
    for term in sorted(vocabularies.countries, key=lambda t: t.label.casefold()):
        region = vocabularies.region_of_country.get(term.id)
        lines.append(f"| `{term.id}` | {md_escape(term.label)} | "
                     f"{md_escape(vocabularies.regions.get(region).label) if region else ''} |")
    return Page("reference/fields.md", {"title": "Field reference"}, "\n".join(lines) + "\n")
