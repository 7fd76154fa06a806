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
from .. import money
from ..pages import MONEY_WORDS, TEMPLATES, Page, View
from ..sources import citations_of
from .common import activities, amount, country_label

PATH = "data/index.md"
CSV_PATH = "data/activities.csv"
JSON_PATH = "data/entries.json"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMERIC = {"start_year", "end_year", "ifad_contribution_usd", "cofinancing_usd", "in_kind_usd", "leverage",
           "amounts_not_stated"}

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
    ("funding_nature", N_("How IFAD supported the activity: the Annex I table's nature of activity.")),
    ("ifad_contribution_usd", N_("IFAD's contribution in US$, derived from the contributions; empty where the "
                                 "source gives no amount (not zero).")),
    ("cofinancing_usd", N_("Everyone else's contributions in US$ (cash, in kind or of a kind not stated), "
                           "derived; empty where the source gives no amount.")),
    ("in_kind_usd", N_("Contributions in kind, valued in US$, derived; empty where the source gives none.")),
    ("leverage", N_("Cofinancing per US$1 from IFAD, when the source gives both in US$.")),
    ("other_currency_amounts", N_("Amounts in other currencies (ISO 4217), never converted or added to the US$ "
                                  "columns.")),
    ("amounts_not_stated", N_("How many of the contributions have no amount in the source.")),
    ("contributions", N_("Each contribution as recorded: funder, amount and currency, kind, status and year; "
                         "separated by ' | '.")),
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


def _contribution_text(view: View, contribution: dict) -> str:
    """'IFAD: 500000 USD, cash, status not stated, 2010': one contribution in a cell."""
    kind, value = money.funder_key(contribution)
    if kind == "group":
        funder = MONEY_WORDS["funder_group"][value]
    else:
        term = view.kb.vocabularies.institutions.get(value)
        funder = (term.get("acronym") or term.label) if term else value
    amount = f"{_number(contribution['amount'])} {contribution['currency']}" if money.has_amount(contribution) \
        else MONEY_WORDS["amount_not_stated"]
    parts = [amount, MONEY_WORDS["kind"][contribution["kind"]], MONEY_WORDS["status"][contribution["status"]]]
    if contribution.get("year") is not None:
        parts.append(str(contribution["year"]))
    return f"{funder}: {', '.join(parts)}"


def activities_csv(knowledge_base: KnowledgeBase) -> str:
    view = View(knowledge_base, PATH)
    vocabularies = knowledge_base.vocabularies
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([name for name, _ in COLUMNS])
    for entry in activities(knowledge_base):
        roles = entry.country_roles()
        contributions = entry.contributions
        sums = {"ifad": money.ifad_contribution(contributions), "cofinancing": money.cofinancing(contributions),
                "in_kind": money.in_kind(contributions)}
        ratio = money.entry_leverage(contributions).ratio
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
            "funding_nature": view.term_label("nature", entry.data["funding_nature"])
            if entry.data.get("funding_nature") else "",
            "ifad_contribution_usd": _number(sums["ifad"].amount_in("USD")),
            "cofinancing_usd": _number(sums["cofinancing"].amount_in("USD")),
            "in_kind_usd": _number(sums["in_kind"].amount_in("USD")),
            "leverage": f"{ratio:.2f}" if ratio is not None else "",
            "other_currency_amounts": [f"{c['currency']} {_number(c['amount'])}" for c in contributions
                                       if money.has_amount(c) and c["currency"] != "USD"],
            "amounts_not_stated": sum(1 for c in contributions if not money.has_amount(c)) if contributions else "",
            "contributions": " | ".join(_contribution_text(view, c) for c in contributions),
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
                "money": _derived_money(entry.contributions),
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


def _derived_money(contributions: list) -> dict:
    """IFAD's contribution, cofinancing and in kind per currency, and leverage: what money derives for one
    entry (an empty mapping without contributions; a currency without an amount is left out, not zero)."""
    if not contributions:
        return {}
    ratio = money.entry_leverage(contributions).ratio
    return {"ifad_contribution": dict(money.ifad_contribution(contributions).amounts),
            "cofinancing": dict(money.cofinancing(contributions).amounts),
            "in_kind": dict(money.in_kind(contributions).amounts),
            "amounts_not_stated": sum(1 for c in contributions if not money.has_amount(c)),
            "leverage": round(ratio, 4) if ratio is not None else None}


def render_open_data(knowledge_base: KnowledgeBase) -> tuple[Page, dict]:
    view = View(knowledge_base, PATH)
    files = {CSV_PATH: activities_csv(knowledge_base), JSON_PATH: entries_json(knowledge_base)}
    counts = {kind: len(knowledge_base.entries.get(kind, {})) for kind in KIND_ORDER}
    markdown = TEMPLATES.get_template("view_open_data.md.j2").render(
        view=view, columns=[(name, _(meaning)) for name, meaning in COLUMNS], counts=counts, csv_size=len(files[CSV_PATH].encode("utf-8")),
        json_size=len(files[JSON_PATH].encode("utf-8")))
    return Page(PATH, {"title": _("Open data")}, markdown), files
