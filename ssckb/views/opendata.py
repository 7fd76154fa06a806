"""Open data: every build publishes the activities as CSV and all entries as JSON, next to the JSON Schemas.

- ``data/activities.csv``: one row per activity, readable labels, for spreadsheets.
  UTF-8 with a byte-order mark (so that spreadsheet programs show accents),
  RFC 4180 quoting, several values in one cell separated by "; ". A text cell
  that a spreadsheet would run as a formula (starting with = + - @) is
  prefixed with an apostrophe.
- ``data/entries.json``: every entry (activities, lessons, learning routes)
  with its front matter as written, its body, and what the build derives
  (regions, scope, links both ways), and every source the entries cite.
"""

from __future__ import annotations

import csv
import io
import json

from ..i18n import N_, _
from ..model import KIND_FOLDERS, KIND_ORDER, KnowledgeBase
from ..pages import TEMPLATES, Page, View
from ..sources import citations_of
from .common import activities, amount, country_label

PATH = "data/index.md"
CSV_PATH = "data/activities.csv"
JSON_PATH = "data/entries.json"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMERIC = {"start_year", "end_year", "ifad_contribution", "others_contribution", "in_kind", "total_cost"}

#: CSV columns and what they hold (shown on the page).
COLUMNS = (
    ("id", N_("The entry's id, also its file name: activities/ID.md.")),
    ("title", N_("Title.")),
    ("summary", N_("One sentence: who learned what from whom.")),
    ("start_year", N_("First year.")),
    ("end_year", N_("Last year (the first year when it lasted one year).")),
    ("countries", N_("Countries taking part, by name.")),
    ("country_codes", N_("The same countries as ISO 3166-1 alpha-3 codes.")),
    ("providers", N_("Countries that shared their experience (codes).")),
    ("learners", N_("Countries that learned (codes).")),
    ("two_way", N_("Countries that shared and learned in a two-way exchange (codes).")),
    ("members", N_("Countries that are members of the programme or network, no direction stated (codes).")),
    ("venues", N_("Countries where the event was held, neither sharing nor learning (codes).")),
    ("regions", N_("IFAD regions, derived from the countries taking part (not venues) and any regions named.")),
    ("scope", N_("Single country, intraregional or interregional.")),
    ("themes", N_("Thematic focus areas.")),
    ("modalities", N_("How knowledge was exchanged.")),
    ("participants", N_("Who took part.")),
    ("institutions", N_("Institutions and their roles: name (role).")),
    ("funding_nature", N_("How IFAD's contribution was made.")),
    ("currency", N_("Currency of the amounts (ISO 4217).")),
    ("ifad_contribution", N_("IFAD's contribution.")),
    ("others_contribution", N_("Contributions of others, cash or in kind not stated by the source.")),
    ("in_kind", N_("Contributions the source says were in kind, valued in money.")),
    ("total_cost", N_("Total cost, when the source gives it.")),
    ("funding_note", N_("What the amounts do not say.")),
    ("lessons", N_("Ids of the lessons the activity illustrates (either side of the link).")),
    ("learning_routes", N_("Ids of related learning routes (either side of the link).")),
    ("source", N_("The sources the facts come from, each as its identifier (or title) and the places cited; "
               "several sources are separated by ' | '.")),
    ("source_ids", N_("Ids of those sources: their files are sources/ID.md.")),
)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    text = " ".join(str(value).split())
    return "'" + text if text.startswith(FORMULA_START) else text


def _number(value) -> str:
    return amount(value).replace(",", "") if value is not None else ""


def activities_csv(knowledge_base: KnowledgeBase) -> str:
    view = View(knowledge_base, PATH)
    vocabularies = knowledge_base.vocabularies
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([name for name, _ in COLUMNS])
    for entry in activities(knowledge_base):
        roles = entry.country_roles()
        funding = entry.funding
        cited = [(knowledge_base.sources[source_id], locations) for source_id, locations in citations_of(entry)
                 if source_id in knowledge_base.sources]
        scope = knowledge_base.scope_of(entry)
        institutions = []
        for inst, role in entry.institution_roles():
            term = vocabularies.institutions.get(inst)
            name = term.label + (f" ({term.get('acronym')})" if term.get("acronym") else "")
            institutions.append(f"{name} ({role})" if entry.kind == "activity" else name)
        row = {
            "id": entry.id, "title": entry.title, "summary": entry.summary,
            "start_year": entry.years[0] if entry.years else "", "end_year": entry.years[1] if entry.years else "",
            "countries": [country_label(knowledge_base, c) for c in entry.countries],
            "country_codes": entry.countries,
            "providers": [c for c, r in roles if r == "provider"],
            "learners": [c for c, r in roles if r == "learner"],
            "two_way": [c for c, r in roles if r == "two-way"],
            "members": [c for c, r in roles if r == "member"],
            "venues": [c for c, r in roles if r == "venue"],
            "regions": [vocabularies.regions.get(r).label for r in knowledge_base.regions_of(entry)],
            "scope": view.term_label("scope", scope) if scope else "",
            "themes": [view.term_label("theme", t) for t in entry.themes],
            "modalities": [view.term_label("modality", t) for t in entry.modalities],
            "participants": [view.term_label("participant", t) for t in entry.participants],
            "institutions": institutions,
            "funding_nature": view.term_label("nature", funding["nature"]) if funding.get("nature") else "",
            "currency": funding.get("currency", ""),
            "ifad_contribution": _number(funding.get("ifad_contribution")),
            "others_contribution": _number(funding.get("others_contribution")),
            "in_kind": _number(funding.get("in_kind")),
            "total_cost": _number(funding.get("total_cost")),
            "funding_note": funding.get("note", ""),
            "lessons": [e.id for e in knowledge_base.linked(entry, "lesson")],
            "learning_routes": [e.id for e in knowledge_base.linked(entry, "learning_route")],
            "source": " | ".join(f"{source.label}: {'; '.join(locations)}" for source, locations in cited),
            "source_ids": [source.id for source, _ in cited],
        }
        writer.writerow([row[name] if name in NUMERIC else _cell(row[name]) for name, _ in COLUMNS])
    return "\ufeff" + buffer.getvalue()


def entries_json(knowledge_base: KnowledgeBase) -> str:
    entries = []
    for entry in knowledge_base.all_entries():
        links = {KIND_FOLDERS[kind]: [e.id for e in knowledge_base.linked(entry, kind)] for kind in KIND_ORDER}
        entries.append({
            "kind": entry.kind,
            "id": entry.id,
            "file": entry.path,
            "data": entry.data,
            "derived": {
                "countries": entry.countries,
                "regions": knowledge_base.regions_of(entry),
                "scope": knowledge_base.scope_of(entry),
                "links": {key: ids for key, ids in links.items() if ids},
            },
            "body": entry.body.strip() + "\n" if entry.body.strip() else "",
        })
    document = {
        "description": "Every entry of the South-South Cooperation Knowledge Base: its front matter as written "
                       "('data', described by the JSON Schemas in schemas/), its Markdown body, and what the "
                       "build derives from them ('derived'); and every source the entries cite ('sources', "
                       "described by schemas/source.schema.json).",
        "schemas": {kind: f"../schemas/{kind}.schema.json" for kind in (*KIND_ORDER, "source")},
        "counts": {KIND_FOLDERS[kind]: len(knowledge_base.entries.get(kind, {})) for kind in KIND_ORDER},
        "sources": [{"id": source.id, "file": source.path, "data": source.data,
                     "body": source.body.strip() + "\n" if source.body.strip() else ""}
                    for source in knowledge_base.sources.values()],
    }
    # One entry per line: easy to read, grep and diff, and written by json's C encoder (an indented
    # document is written in pure Python, ten times slower at 10,000 entries).
    head = json.dumps(document, ensure_ascii=False)[:-1]
    lines = [json.dumps(entry, ensure_ascii=False, default=str) for entry in entries]
    return head + ', "entries": [\n' + ",\n".join(lines) + ("\n" if lines else "") + "]}\n"


def render_open_data(knowledge_base: KnowledgeBase) -> tuple[Page, dict]:
    view = View(knowledge_base, PATH)
    files = {CSV_PATH: activities_csv(knowledge_base), JSON_PATH: entries_json(knowledge_base)}
    counts = {kind: len(knowledge_base.entries.get(kind, {})) for kind in KIND_ORDER}
    markdown = TEMPLATES.get_template("view_open_data.md.j2").render(
        view=view, columns=[(name, _(meaning)) for name, meaning in COLUMNS], counts=counts, csv_size=len(files[CSV_PATH].encode("utf-8")),
        json_size=len(files[JSON_PATH].encode("utf-8")))
    return Page(PATH, {"title": _("Open data")}, markdown), files
