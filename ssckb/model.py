"""The knowledge base as plain objects: entries and what is derived from them.

Derived, never typed by hand: the region of each country, an activity's scope
(single-country, intraregional, interregional) and the links between entries
in both directions (a link written on either side shows on both).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .i18n import N_

KIND_ORDER = ("activity", "learning_route", "lesson", "request", "offer")
#: Each kind's heading, marked for the catalog: translated where it is shown (``_(KIND_LABELS[kind])``).
KIND_LABELS = {"activity": N_("Activities"), "learning_route": N_("Learning routes"), "lesson": N_("Lessons learned"),
               "request": N_("Knowledge requests"), "offer": N_("Knowledge offers")}
KIND_FOLDERS = {"activity": "activities", "lesson": "lessons", "learning_route": "learning_routes",
                "request": "requests", "offer": "offers"}
#: Kinds that say what someone wants to learn or can share, rather than what was done (issue 17).
DEMAND_KINDS = ("request", "offer")
#: The field of a request or an offer that says who asks or who offers.
PARTY_FIELDS = {"request": "requester", "offer": "provider"}
REQUEST_STATUSES = ("open", "matched", "closed")
OFFER_STATUSES = ("open", "closed")

#: Which field of which kind links to which other kind.
LINK_FIELDS = {
    ("activity", "lessons"): "lesson",
    ("activity", "learning_routes"): "learning_route",
    ("lesson", "activities"): "activity",
    ("lesson", "learning_routes"): "learning_route",
    ("learning_route", "activities"): "activity",
    ("learning_route", "lessons"): "lesson",
    ("request", "offers"): "offer",
    ("request", "became"): "activity",
    ("offer", "activities"): "activity",
    ("offer", "learning_routes"): "learning_route",
}

SCOPES = {
    "single-country": ("Single country", "Knowledge exchanged within or brought into one country."),
    "intraregional": ("Intraregional", "Countries of one IFAD region learning from each other."),
    "interregional": ("Interregional", "Exchange between countries of different IFAD regions."),
}
#: What an entry may state as its scope (``scope:``) instead of having it derived: one of SCOPES, or
#: ``not-stated`` when the countries are named but the source says nothing of how they relate.
SCOPE_NOT_STATED = "not-stated"

#: A country's role in an activity, as the source states it (the schema gives each one's definition).
#: Only provider -> learner and two-way <-> two-way make knowledge flows; members and venues make none.
COUNTRY_ROLES = ("provider", "learner", "two-way", "member", "venue")
#: Roles of the countries that take part, from which the regions and the scope are derived; a venue is
#: only where an event was held.
TAKING_PART = ("provider", "learner", "two-way", "member")


@dataclass
class Entry:
    """One valid activity, lesson, learning route, knowledge request or knowledge offer."""

    kind: str
    id: str
    path: str  # repository-relative source file
    data: dict
    body: str = ""
    body_line: int = 1  # the file line the body starts on, for problems found in it
    #: language -> the body in that language, from the file beside the entry's (``name.es.md``)
    bodies: dict = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def summary(self) -> str:
        return self.data.get("summary") or self.data.get("statement") or ""

    @property
    def page_path(self) -> str:
        """Path of the entry's page among the site's pages."""
        return f"{KIND_FOLDERS[self.kind]}/{self.id}.md"

    @property
    def years(self) -> tuple[int, int] | None:
        years = self.data.get("years")
        if not years:
            return None
        return years["start"], years.get("end", years["start"])

    @property
    def year_range(self) -> list[int]:
        span = self.years
        return list(range(span[0], span[1] + 1)) if span else []

    def country_roles(self) -> list[tuple[str, str]]:
        """(alpha-3 code, role) pairs; for routes, visited countries and participants' countries."""
        if self.kind == "activity":
            return [(item["country"], item["role"]) for item in self.data.get("countries", ())]
        if self.kind == "learning_route":
            pairs = [(code, "visited") for code in self.data.get("countries_visited", ())]
            pairs += [(code, "participant") for code in self.data.get("participant_countries", ())
                      if code not in self.data.get("countries_visited", ())]
            return pairs
        if self.kind in PARTY_FIELDS:
            role = PARTY_FIELDS[self.kind]
            return [(code, role) for code in self.party.get("countries", ())]
        return []

    @property
    def party(self) -> dict:
        """Who asks (a request's requester) or who offers (an offer's provider); empty for other kinds."""
        return self.data.get(PARTY_FIELDS.get(self.kind, ""), None) or {}

    @property
    def named_regions(self) -> list[str]:
        """Regions the entry names besides those of its countries (other_regions; a party's regions)."""
        return list(self.data.get("other_regions", ())) + list(self.party.get("regions", ()))

    @property
    def status(self) -> str | None:
        return self.data.get("status")

    @property
    def countries(self) -> list[str]:
        return list(self._country_codes)

    @cached_property
    def countries_taking_part(self) -> tuple:
        """Codes of the countries with a role other than venue (for routes: every country)."""
        return tuple(dict.fromkeys(code for code, role in self.country_roles()
                                   if self.kind != "activity" or role in TAKING_PART))

    @cached_property
    def _country_codes(self) -> tuple:
        # Asked for by several indexes and views of every entry: worked out once (the data never changes).
        return tuple(dict.fromkeys(code for code, _ in self.country_roles()))

    def institution_roles(self) -> list[tuple[str, str]]:
        """(institution id, role) pairs."""
        if self.kind == "activity":
            return [(item["institution"], item["role"]) for item in self.data.get("institutions", ())]
        if self.kind == "learning_route":
            pairs = [(org, "organiser") for org in self.data.get("organisers", ())]
            pairs += [(case["host"], "host") for case in self.data.get("cases", ()) if case.get("host")]
            return list(dict.fromkeys(pairs))
        if self.kind in PARTY_FIELDS:
            role = PARTY_FIELDS[self.kind]
            return [(inst, role) for inst in self.party.get("institutions", ())]
        return [(self.data["learned_by"], "learned by")]

    @property
    def institutions(self) -> list[str]:
        return list(dict.fromkeys(inst for inst, _ in self.institution_roles()))

    @property
    def themes(self) -> list[str]:
        return list(self.data.get("themes", ()))

    @property
    def modalities(self) -> list[str]:
        if self.kind == "learning_route":
            return ["learning-route"]
        return list(self.data.get("modalities", ()))

    @property
    def participants(self) -> list[str]:
        return list(self.data.get("participants", ()))

    @property
    def contributions(self) -> list[dict]:
        """The money put in, one mapping per contribution as the file gives it (see ssckb.money)."""
        return list(self.data.get("contributions", ()))

    @property
    def funding_natures(self) -> list[str]:
        nature = self.data.get("funding_nature")
        return [nature] if nature else []

    @cached_property
    def sort_key(self):
        """Newest first, then by title: the order of every list."""
        span = self.years
        return (-(span[0] if span else 0), self.title.casefold(), self.id)


@dataclass
class KnowledgeBase:
    """Valid entries by kind, the vocabularies, and derived facts."""

    vocabularies: object
    entries: dict = field(default_factory=dict)  # kind -> {id: Entry}, sorted by id
    links: dict = field(default_factory=dict)  # (kind, id) -> {other kind: [ids]}
    sources: dict = field(default_factory=dict)  # source id -> Source (ssckb.sources), the valid ones, by id
    term_pages: set | None = None  # paths of the term pages that exist; None before indexing
    #: A preview of a few entries (build.py serve --only): the registries' terms get a page only when
    #: a loaded entry names them, not the thousands of a large registry.
    preview: bool = False
    #: Values worked out from the entries once and asked for on many pages (a knowledge base does not
    #: change once loaded), by whoever needs them: name -> {key: value}.
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    def all_entries(self) -> list[Entry]:
        return [entry for kind in KIND_ORDER for entry in self.entries.get(kind, {}).values()]

    def get(self, kind: str, entry_id: str) -> Entry | None:
        return self.entries.get(kind, {}).get(entry_id)

    def regions_of(self, entry: Entry) -> list[str]:
        """IFAD regions of the countries taking part (not of a venue), then any other regions the entry
        names, in vocabulary order."""
        regions = self.memo.setdefault("regions", {})
        key = (entry.kind, entry.id)
        if key not in regions:
            found = {self.vocabularies.region_of_country.get(code) for code in entry.countries_taking_part}
            found.update(entry.named_regions)
            regions[key] = tuple(region.id for region in self.vocabularies.regions if region.id in found)
        return list(regions[key])

    def scope_of(self, entry: Entry) -> str | None:
        """single-country, intraregional or interregional; None for lessons and when unknown.

        The scope an entry states (``scope:``, as the source gives it) wins; otherwise it is derived
        from the countries taking part and the regions named: a venue alone gives no scope.
        """
        if entry.kind == "lesson" or entry.kind in DEMAND_KINDS:
            return None
        stated = entry.data.get("scope")
        if stated:
            return None if stated == SCOPE_NOT_STATED else stated
        taking_part = entry.countries_taking_part
        if not (taking_part or entry.data.get("other_regions")):
            return None  # activities whose source names no place, or only a venue
        if len(self.regions_of(entry)) > 1:
            return "interregional"
        if len(taking_part) <= 1 and not entry.data.get("other_regions"):
            return "single-country"
        return "intraregional"

    def linked(self, entry: Entry, kind: str) -> list[Entry]:
        """Entries of ``kind`` linked to ``entry`` from either side, in list order."""
        ids = self.links.get((entry.kind, entry.id), {}).get(kind, ())
        found = [self.entries[kind][i] for i in ids if i in self.entries.get(kind, {})]
        return sorted(found, key=lambda e: e.sort_key)


def build_links(entries: dict) -> dict:
    """Union of the links written on both sides, keyed by (kind, id)."""
    links: dict = {}
    fields_of_kind: dict = {}
    for (source_kind, field_name), target_kind in LINK_FIELDS.items():
        fields_of_kind.setdefault(source_kind, []).append((field_name, target_kind))
    for kind, by_id in entries.items():
        fields = fields_of_kind.get(kind, ())
        for entry in by_id.values():
            for field_name, target_kind in fields:
                for target_id in entry.data.get(field_name, ()):
                    links.setdefault((kind, entry.id), {}).setdefault(target_kind, set()).add(target_id)
                    links.setdefault((target_kind, target_id), {}).setdefault(kind, set()).add(entry.id)
    return {key: {k: sorted(v) for k, v in value.items()} for key, value in links.items()}
