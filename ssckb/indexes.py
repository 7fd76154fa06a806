"""Index building: which entries belong on which term page, for every dimension.

One pass over the entries builds every index, so the cost grows linearly with
the number of entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .i18n import N_, N_plural, _
from .model import SCOPES, Entry, KnowledgeBase
from .vocabularies import Term


@dataclass(frozen=True)
class Dimension:
    """A way to browse: themes, countries, regions...

    Its words are English source strings marked for the catalog (``N_``): the pages translate them
    (``_(dimension.title)``) in the language being rendered. Each heading is a whole message, not
    words put together, so that a language can give it its own grammar ("Todos los países", "Todas
    las instituciones")."""

    key: str
    folder: str
    title: str  # e.g. "Themes"
    noun: str  # e.g. "theme"
    terms_of: Callable  # (knowledge base, entry) -> list of term ids
    vocabulary: str | None = None
    show_empty: bool = False  # a page for every term, even with no entry
    description: str = ""
    by_title: str = ""  # the hub's heading: "By theme"
    browse_title: str = ""  # the hub's title: "Browse by theme"
    all_title: str = ""  # the link back to the hub: "All themes"
    plural_noun: str = ""  # what a hub's pager counts: "themes"
    page_count: tuple = N_plural("{n} page", "{n} pages")  # its number of pages, singular and plural

    def __post_init__(self):
        # A dimension that gives no heading of its own gets the English ones made from its noun (the
        # catalogs then lack them, and the pages show them in English until they are added).
        for name, value in (("by_title", f"By {self.noun}"), ("browse_title", f"Browse by {self.noun}"),
                            ("all_title", f"All {self.title.lower()}"), ("plural_noun", self.title.lower())):
            if not getattr(self, name):
                object.__setattr__(self, name, value)

    def page_path(self, term_id: str, knowledge_base: KnowledgeBase) -> str:
        return f"{self.folder}/{term_slug(self, term_id, knowledge_base)}.md"

    @property
    def hub_path(self) -> str:
        return f"{self.folder}/index.md"


def term_slug(dimension: Dimension, term_id: str, knowledge_base: KnowledgeBase) -> str:
    if dimension.key == "country":
        return knowledge_base.vocabularies.countries.get(term_id).get("slug")
    return str(term_id)


DIMENSIONS = (
    Dimension("theme", "themes", N_("Themes"), N_("theme"), lambda kb, e: e.themes, "themes", True,
              N_("IFAD's thematic focus areas for SSC (REPL.IX/3/R.3, paragraph 27)."),
              N_("By theme"), N_("Browse by theme"), N_("All themes"), N_("themes"),
              N_plural("{n} theme page", "{n} theme pages")),
    Dimension("country", "countries", N_("Countries"), N_("country"), lambda kb, e: e.countries, "countries",
              description=N_("Countries the entries name, as provider, learner, two-way partner, member or venue, "
                             "grouped by IFAD region."),
              by_title=N_("By country"), browse_title=N_("Browse by country"), all_title=N_("All countries"),
              plural_noun=N_("countries"), page_count=N_plural("{n} country page", "{n} country pages")),
    Dimension("region", "regions", N_("Regions"), N_("region"), lambda kb, e: kb.regions_of(e), "regions", True,
              N_("IFAD's five regions. A country's region is derived from the country."),
              N_("By region"), N_("Browse by region"), N_("All regions"), N_("regions"),
              N_plural("{n} region page", "{n} region pages")),
    Dimension("institution", "institutions", N_("Institutions"), N_("institution"), lambda kb, e: e.institutions,
              "institutions", True, N_("Organisations that hosted, brokered, funded, implemented or partnered in SSC."),
              N_("By institution"), N_("Browse by institution"), N_("All institutions"), N_("institutions"),
              N_plural("{n} institution page", "{n} institution pages")),
    Dimension("year", "years", N_("Years"), N_("year"), lambda kb, e: e.year_range,
              description=N_("Each activity is listed under every year it ran."),
              by_title=N_("By year"), browse_title=N_("Browse by year"), all_title=N_("All years"),
              plural_noun=N_("years"), page_count=N_plural("{n} year page", "{n} year pages")),
    Dimension("modality", "modalities", N_("Modalities"), N_("modality"), lambda kb, e: e.modalities, "modalities",
              True, N_("How knowledge was exchanged."),
              N_("By modality"), N_("Browse by modality"), N_("All modalities"), N_("modalities"),
              N_plural("{n} modality page", "{n} modality pages")),
    Dimension("participant", "participants", N_("Participants"), N_("participant type"),
              lambda kb, e: e.participants, "participant_types", True, N_("Who took part."),
              N_("By participant type"), N_("Browse by participant type"), N_("All participants"),
              N_("participants"), N_plural("{n} participant type page", "{n} participant type pages")),
    Dimension("scope", "scopes", N_("Scope"), N_("scope"), lambda kb, e: [scope] if (scope := kb.scope_of(e)) else [],
              None, True, N_("Derived from the regions of the countries taking part (not of a venue) and of the "
                             "regions named, unless the entry states the scope the source gives."),
              N_("By scope"), N_("Browse by scope"), N_("All scope"), N_("scope"),
              N_plural("{n} scope page", "{n} scope pages")),
    Dimension("nature", "funding", N_("Funding"), N_("funding nature"), lambda kb, e: e.funding_natures,
              "funding_natures", True, N_("How IFAD's contribution was made."),
              N_("By funding nature"), N_("Browse by funding nature"), N_("All funding"), N_("funding"),
              N_plural("{n} funding nature page", "{n} funding nature pages")),
)

#: Words of the model's tables (ssckb/model.py: KIND_LABELS, SCOPES), marked here for the catalog; the
#: pages translate them where they show them.
MODEL_WORDS = (N_("Activities"), N_("Learning routes"), N_("Lessons learned"),
               N_("Single country"), N_("Knowledge exchanged within or brought into one country."),
               N_("Intraregional"), N_("Countries of one IFAD region learning from each other."),
               N_("Interregional"), N_("Exchange between countries of different IFAD regions."))
DIMENSIONS_BY_KEY = {dimension.key: dimension for dimension in DIMENSIONS}


def term_of(dimension: Dimension, term_id, knowledge_base: KnowledgeBase) -> Term:
    """The vocabulary term behind a term id (years and scopes are made up on the spot)."""
    if dimension.key == "year":
        return Term(str(term_id), str(term_id))
    if dimension.key == "scope":
        label, description = SCOPES[term_id]
        return Term(term_id, _(label), _(description))
    return knowledge_base.vocabularies[dimension.vocabulary].get(term_id)


def all_terms(dimension: Dimension, index: dict, knowledge_base: KnowledgeBase) -> list:
    """Term ids of a dimension in display order: vocabulary order, or years descending."""
    if dimension.key == "year":
        return sorted(index, reverse=True)
    if dimension.key == "scope":
        return list(SCOPES)
    vocabulary = knowledge_base.vocabularies[dimension.vocabulary]
    if dimension.key in ("country", "institution"):
        ordered = sorted(vocabulary, key=lambda term: term.label.casefold())
    else:
        ordered = list(vocabulary)
    if knowledge_base.preview and dimension.key in ("country", "institution"):
        return [term.id for term in ordered if term.id in index]
    if dimension.key == "country":
        # A country also gets a page when an institution of the registry is based there.
        based = knowledge_base.vocabularies.institutions_by_country
        return [term.id for term in ordered if term.id in index or term.id in based]
    return [term.id for term in ordered if dimension.show_empty or term.id in index]



def build_indexes(knowledge_base: KnowledgeBase) -> dict:
    """dimension key -> {term id: [entries, newest first]}."""
    indexes: dict = {dimension.key: {} for dimension in DIMENSIONS}
    # Sorted once, all together: each term's list, filled in this order, is then in order too
    # (one sort instead of one per term, each computing the keys again).
    ordered = sorted(knowledge_base.all_entries(), key=lambda e: (e.kind != "activity", e.kind, e.sort_key))
    for entry in ordered:
        for key, term_ids in _terms_of_entry(knowledge_base, entry, DIMENSIONS):
            by_term = indexes[key]
            for term_id in term_ids:
                by_term.setdefault(term_id, []).append(entry)
    return indexes


def _terms_of_entry(knowledge_base: KnowledgeBase, entry: Entry, dimensions):
    """(dimension key, the entry's term ids under it, each once) for each dimension."""
    for dimension in dimensions:
        yield dimension.key, dict.fromkeys(dimension.terms_of(knowledge_base, entry))


def term_counts(knowledge_base: KnowledgeBase, dimensions=DIMENSIONS) -> dict:
    """dimension key -> {term id: number of entries}: what the page addresses need, without the lists."""
    counts: dict = {dimension.key: {} for dimension in dimensions}
    for entry in knowledge_base.all_entries() if dimensions else ():
        for key, term_ids in _terms_of_entry(knowledge_base, entry, dimensions):
            by_term = counts[key]
            for term_id in term_ids:
                by_term[term_id] = by_term.get(term_id, 0) + 1
    return counts


def entries_by_kind(entries: list[Entry]) -> dict:
    """Group a list of entries by kind, keeping their order."""
    grouped: dict = {}
    for entry in entries:
        grouped.setdefault(entry.kind, []).append(entry)
    return grouped


def term_page_paths(knowledge_base: KnowledgeBase, indexes: dict) -> set:
    """Paths of every term page the site will have."""
    return {dimension.page_path(term_id, knowledge_base)
            for dimension in DIMENSIONS for term_id in all_terms(dimension, indexes[dimension.key], knowledge_base)}
