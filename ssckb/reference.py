"""The field reference, generated from the schemas and vocabularies.

``field_section`` is the one text of every field and every allowed value: the site's
field reference page shows it, and so does the contributor guide (on the site and
in CONTRIBUTING.md). It is plain Markdown that reads the same on the site and on the
repository host: headings carry no attribute lists, links point at headings whose
anchors both derive the same way, long lists fold into ``<details>``.
"""

from __future__ import annotations

import html

from .contrib.descriptions import field_description
from .i18n import DEFAULT_LANGUAGE, N_, _, current_language, rendering_language
from .localized import country_name, term_description, term_label
from .mdtext import md_escape, scrollable
from .pages import Page
from .sanitizer import (ALLOWED_ELEMENTS, CLEAN_CONTENT_ELEMENTS, ELEMENT_ATTRIBUTES, GLOBAL_ATTRIBUTES,
                        URL_SCHEMES)
from .schemas import ENTRY_KINDS, load_schema

#: Entry kind -> heading of its table.
KIND_TITLES = {"activity": N_("Activities (activities/)"), "lesson": N_("Lessons (lessons/)"),
               "learning_route": N_("Learning routes (learning_routes/)"),
               "request": N_("Knowledge requests (requests/)"), "offer": N_("Knowledge offers (offers/)"),
               "institution": N_("The institutions registry"), "source": N_("Sources (sources/)")}

#: The vocabularies, in the order the guide lists them, with their heading.
VOCABULARY_TITLES = {
    "themes": N_("Allowed themes"), "modalities": N_("Allowed modalities"),
    "participant_types": N_("Allowed participant types"), "funding_natures": N_("Allowed funding natures"),
    "regions": N_("Allowed regions"),
    "institutions": N_("Allowed institutions"), "countries": N_("Allowed countries"),
    "languages": N_("Allowed languages"),
}
#: What the folded tables say they hold ("All 193 countries").
_FOLDED_SUMMARIES = {"institutions": N_("All %(count)s institutions"), "countries": N_("All %(count)s countries"),
                     "languages": N_("All %(count)s languages")}

#: Entry kind referenced by ``x-references`` -> its folder.
_FOLDERS = {"activity": "activities", "lesson": "lessons", "learning_route": "learning_routes", "source": "sources",
            "request": "requests", "offer": "offers"}


def anchor(heading: str) -> str:
    """The anchor both Python-Markdown's toc and the repository host give a plain ASCII heading."""
    kept = "".join(char for char in heading.lower() if char.isalnum() or char in " -_")
    return "-".join(kept.split())


def vocabulary_link(name: str) -> str:
    """A link to a vocabulary's table. In another language than English its heading is named, not linked:
    the repository host and the site make different anchors of a heading with accents."""
    if current_language() != DEFAULT_LANGUAGE:
        return f"*{_(VOCABULARY_TITLES[name])}*"
    return f"[{VOCABULARY_TITLES[name].lower()}](#{anchor(VOCABULARY_TITLES[name])})"


def _text(text: str) -> str:
    """Schema prose (written by maintainers) in a table cell: code spans kept, '|' and HTML escaped."""
    return html.escape(" ".join(str(text).split()), quote=False).replace("|", "\\|")


def _length(node: dict) -> str:
    low, high = node.get("minLength"), node.get("maxLength")
    if low and high:
        return _(", %(low)s to %(high)s characters") % {"low": low, "high": high}
    if high:
        return _(", at most %(high)s characters") % {"high": high}
    if low:
        return _(", at least %(low)s characters") % {"low": low}
    return ""


def _range(node: dict) -> str:
    low, high = node.get("minimum"), node.get("maximum")
    if low is not None and high is not None:
        return _(" from %(low)s to %(high)s") % {"low": low, "high": high}
    if low is not None:
        return _(", %(low)s or more") % {"low": low}
    return ""


def _one_value(node: dict) -> str:
    """What one value may be, in words."""
    if "x-vocabulary" in node:
        return _("an id from %(vocabulary)s") % {"vocabulary": vocabulary_link(node["x-vocabulary"])}
    if "x-references" in node:
        return _("the id of a file in %(folder)s/ (its name without .md)") % {"folder": _FOLDERS[node["x-references"]]}
    if "enum" in node:
        return _("one of %(values)s") % {"values": ", ".join(f"`{value}`" for value in node["enum"])}
    if "pattern" in node and "x-hint" in node:
        return _("text; %(hint)s") % {"hint": _text(node["x-hint"])}
    kind = node.get("type")
    if kind == "integer":
        return _("a whole number%(range)s") % {"range": _range(node)}
    if kind == "number":
        return _("a plain number without separators%(range)s") % {"range": _range(node)}
    if kind == "object":
        return _("the fields below: %(fields)s") % {"fields": ", ".join(f"`{name}`" for name in node.get("properties", {}))}
    if kind == "string":
        return _("text%(length)s") % {"length": _length(node)}
    if kind == "boolean":
        return _("`true` or `false`")
    return ""


def allowed_values(node: dict) -> str:
    """What a field takes, in words: 'a list of ids from allowed themes, at least one', ..."""
    if node.get("type") != "array":
        return _one_value(node)
    items = node.get("items", {})
    at_least = node.get("minItems", 0)
    if items.get("type") == "object":
        text = _("a list; each item has the fields below: %(fields)s") % {"fields": ", ".join(
            f"`{name}`" for name in items.get("properties", {}))}
    elif "x-vocabulary" in items:
        text = _("a list of ids from %(vocabulary)s") % {"vocabulary": vocabulary_link(items["x-vocabulary"])}
    elif "x-references" in items:
        text = _("a list of ids of files in %(folder)s/ (their names without .md)") % {
            "folder": _FOLDERS[items["x-references"]]}
    elif items.get("type") == "string" and not items.get("enum"):
        text = _("a list of texts, one per item")
        low, high = items.get("minLength"), items.get("maxLength")
        if high:  # (a length is said of each item)
            text += (_("; each %(low)s to %(high)s characters") if low else _("; each at most %(high)s characters")) \
                % {"low": low, "high": high}
        elif low:
            text += _("; each at least %(low)s characters") % {"low": low}
        if "x-hint" in items:
            text += "; " + _text(items["x-hint"])
    else:
        text = _("a list, each %(value)s") % {"value": _one_value(items)}
    if at_least:
        text += _("; at least %(count)s") % {"count": at_least}
    if node.get("uniqueItems"):
        text += _("; each only once")
    return text


def field_rows(schema: dict, prefix: str = "", kind: str | None = None, path: tuple = ()) -> list[str]:
    """One table row per field, nested fields after their parent as ``parent.child`` or ``parent[].child``;
    the descriptions in the language being rendered where ssckb/schemas/translations/ has them (``kind``)."""
    rows = []
    required = set(schema.get("required", ()))
    language = current_language()
    for name, field in schema.get("properties", {}).items():
        description = field.get("description", "")
        if kind and language != DEFAULT_LANGUAGE:
            description = field_description(kind, path + (name,), language)
        mark = _("yes") if name in required else ""
        rows.append(f"| `{prefix}{name}` | {mark} | "
                    f"{_text(description)} | {allowed_values(field)} |")
        nested = field.get("items") if field.get("type") == "array" else field
        if isinstance(nested, dict) and nested.get("type") == "object" and "properties" in nested:
            rows.extend(field_rows(nested, f"{prefix}{name}{'[].' if field.get('type') == 'array' else '.'}",
                                   kind, path + (name,)))
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


def _header(*names: str) -> list[str]:
    return ["| " + " | ".join(_(name) for name in names) + " |", "|" + "---|" * len(names)]


def _vocabulary_table(name: str, vocabularies) -> list[str]:
    """The table of a vocabulary, its terms' labels (and countries' names) in the language being rendered."""
    vocabulary = vocabularies[name]
    language = current_language()

    def label(term) -> str:
        return md_escape(term_label(term, language).text)

    def country_label(term) -> str:
        if language == DEFAULT_LANGUAGE:
            return term.label
        return country_name(term.id, language, vocabularies).text

    if name == "languages":
        return _header(N_("Code"), N_("Language")) + [f"| `{term.id}` | {label(term)} |" for term in vocabulary]
    if name == "regions":
        return _header(N_("Id"), N_("Region"), N_("Countries")) + [
            f"| `{term.id}` | {label(term)} | {len(term.get('countries') or ())} |" for term in vocabulary]
    if name == "institutions":
        rows = _header(N_("Id"), N_("Name"), N_("Type"), N_("Country"))
        for term in sorted(vocabulary, key=lambda t: t.id):
            country = vocabularies.countries.get(term.get("country")) if term.get("country") else None
            rows.append(f"| `{term.id}` | {label(term)} | {md_escape(term.get('type') or '')} | "
                        f"{md_escape(country_label(country)) if country else ''} |")
        return rows
    if name == "countries":
        rows = _header(N_("Code"), N_("Name"), N_("IFAD region"))
        for term in sorted(vocabulary, key=lambda t: country_label(t).casefold()):
            region = vocabularies.region_of_country.get(term.id)
            rows.append(f"| `{term.id}` | {md_escape(country_label(term))} | "
                        f"{label(vocabularies.regions.get(region)) if region else ''} |")
        return rows
    rows = _header(N_("Id"), N_("Label"), N_("Meaning"))
    rows += [f"| `{term.id}` | {label(term)} | {md_escape(term_description(term, language).text)} |"
             for term in vocabulary]
    return rows


_VOCABULARY_INTROS = {
    "institutions": N_("Every organisation an entry names must be in the registry, "
                       "`ssckb/vocabularies/institutions.yml`. If one is missing, add it there in the same change "
                       "(its fields are in %(registry)s above)."),
    "countries": N_("ISO 3166-1 alpha-3 codes; the site shows the names the United Nations use. "
                    "Regions are worked out from the countries: never type them in an entry."),
    "regions": N_("IFAD's five regions; `ssckb/vocabularies/regions.yml` lists the countries of each. "
                  "Use them only in `other_regions`."),
    "languages": N_("ISO 639-1 codes of the languages a source is written in (`language` of a source)."),
}


#: Above this many institutions the registry is not copied into the reference and the guide.
INLINE_REGISTRY_LIMIT = 300
#: The lists contributors add to in their own change (an institution, a document). The contributor guide
#: does not copy them, so that such an addition never makes the committed CONTRIBUTING.md out of date: it
#: says where they are listed in full (the site's field reference, and the files themselves).
GROWING_REGISTRIES = ("institutions",)


def registry_pointers(for_repository: bool) -> dict:
    """Vocabulary name -> the paragraph the guide shows instead of a growing registry's table: a link to the
    field reference on the site, to the registry's file in the repository (in the language being rendered;
    the English site's reference page, whose anchors are the English headings')."""
    pointers = {}
    for name in GROWING_REGISTRIES:
        title = VOCABULARY_TITLES[name]
        fields = {"file": f"ssckb/vocabularies/{name}.yml", "title": _(title), "anchor": anchor(title)}
        if for_repository:
            pointers[name] = _("Every one, with its id, is in [`%(file)s`](../%(file)s), and on the site's *Field "
                               "reference* page, under *%(title)s* (`python build.py serve` shows it at "
                               "http://127.0.0.1:8000/reference/fields/#%(anchor)s).") % fields
        else:
            pointers[name] = _("Every one, with its id, is in the [field reference](reference/fields.md#%(anchor)s) "
                               "(from `%(file)s`).") % fields
    return pointers


def _code_list(names) -> str:
    return ", ".join(f"`{name}`" for name in sorted(names))


def body_html_section(heading: str) -> list[str]:
    """What HTML an entry's body may hold, read from the sanitizer's allowlist (:mod:`ssckb.sanitizer`), so
    that the guide can never promise what the site removes."""
    attribute_rows = [f"| `{element}` | {_code_list(names)} |"
                      for element, names in sorted(ELEMENT_ATTRIBUTES.items()) if names]
    title = _("HTML in the body")
    return [f"{heading} {title}", "",
            _("Write the body in Markdown. HTML is allowed only from the list below: `build.py check` reports, "
              "with its line, anything else, and the site removes it."), "",
            _("Elements: %(elements)s.") % {"elements": _code_list(ALLOWED_ELEMENTS)}, "",
            _("Attributes on any of them: %(attributes)s; an `id` or a `class` may not begin with `md-`, `ssc-` or "
              "`__` (the theme's and the site's own names).") % {"attributes": _code_list(GLOBAL_ATTRIBUTES)}, "",
            *scrollable(_("Attributes of single elements"), [*_header(N_("Element"), N_("Attributes")),
                                                             *attribute_rows]), "",
            _("Link and image addresses: relative to the site, or with the scheme %(schemes)s. A table cell's "
              "`style` may only align its text (`text-align: left`, `right` or `center`).")
            % {"schemes": _code_list(URL_SCHEMES)}, "",
            _("Removed with everything in them: %(elements)s. Any other element (forms, media, embeds, `dialog`) is "
              "removed and keeps its text.") % {"elements": _code_list(CLEAN_CONTENT_ELEMENTS)}, ""]


def field_section(vocabularies, level: int = 2, pointers: dict | None = None, language: str | None = None,
                  english_anchors: bool = False) -> str:
    """Every field of every entry kind and of the institutions registry, then every allowed value; the
    vocabularies named in ``pointers`` get the paragraph given there instead of their table. In ``language``
    (default: the one being rendered): its words, the schemas' descriptions where they are translated, the
    vocabularies' labels.
    With ``english_anchors`` (the site: attr_list), a translated heading keeps the anchor of its English one,
    so that a page left in English, and a link made in any language, still lands on it."""
    with rendering_language(language or current_language()):
        return _field_section(vocabularies, level, pointers, english_anchors)


def _heading(marks: str, english_title: str, english_anchors: bool) -> str:
    """A heading of the field section, in the language being rendered."""
    if english_anchors and current_language() != DEFAULT_LANGUAGE:
        return f"{marks} {_(english_title)} {{ #{anchor(english_title)} }}"
    return f"{marks} {_(english_title)}"


def _field_section(vocabularies, level: int, pointers: dict | None, english_anchors: bool = False) -> str:
    heading = "#" * level
    english = current_language() == DEFAULT_LANGUAGE
    lines = []
    for kind in (*ENTRY_KINDS, "source", "institution"):
        schema = load_schema(kind)
        title = _(KIND_TITLES[kind])
        description = schema["description"] if english else field_description(kind, (), current_language()) \
            or schema["description"]
        lines += [_heading(heading, KIND_TITLES[kind], english_anchors), "", _text(description), "",
                  *scrollable(_("Fields: %(kind)s") % {"kind": title},
                              [*_header(N_("Field"), N_("Required"), N_("What to write"), N_("Allowed values")),
                               *field_rows(schema, kind=kind)]), ""]
    lines += body_html_section(heading)
    lines += [_heading(heading, N_("Allowed values"), english_anchors), "",
              _("Write the id (the first column) in the file; the site shows the name. "
                "Each list below is read from `ssckb/vocabularies/`."), ""]
    for name, title in VOCABULARY_TITLES.items():
        lines += [_heading(heading + "#", title, english_anchors), ""]
        intro = _VOCABULARY_INTROS.get(name)
        if intro:
            words = _("the institutions registry")
            registry = (f"[{words}](#{anchor(KIND_TITLES['institution'])})" if english
                        else f"*{_(KIND_TITLES['institution'])}*")
            lines += [_(intro) % {"registry": registry} if "%(registry)s" in intro else _(intro), ""]
        if pointers and name in pointers:
            lines += [pointers[name], ""]
            continue
        if name == "institutions" and len(vocabularies[name]) > INLINE_REGISTRY_LIMIT:
            # Thousands of rows would make this page and the guide megabytes: point to where they are.
            lines += [_("The registry holds %(count)s institutions: find one by name under Browse by institution "
                        "(its page gives the id to write) or in `ssckb/vocabularies/institutions.yml`.")
                      % {"count": f"{len(vocabularies[name]):,}"}, ""]
            continue
        table = scrollable(_(title), _vocabulary_table(name, vocabularies))
        if name in _FOLDED_SUMMARIES:
            table = _folded(_(_FOLDED_SUMMARIES[name]) % {"count": len(vocabularies[name])}, table)
        lines += [*table, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def render_field_reference(vocabularies) -> Page:
    """The site's field reference page: the field section under a title."""
    title = _("Field reference")
    lines = [f"# {title}", "",
             _("Every field of the front matter of an entry, from the JSON Schemas in `ssckb/schemas/` "
               "(also published with the site under [schemas/](%(schemas)s)), "
               "and every allowed value of the controlled vocabularies in `ssckb/vocabularies/`. "
               "Unknown fields are errors. The [contributor guide](%(guide)s) explains how to "
               "add an entry.") % {"schemas": "../schemas/activity.schema.json", "guide": "../contribute.md"}, ""]
    return Page("reference/fields.md", {"title": title}, "\n".join(lines) + "\n" + field_section(vocabularies, level=2, english_anchors=True))
