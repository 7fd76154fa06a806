"""The Explore hub: what each view answers, with its link."""

from __future__ import annotations

from ..model import KnowledgeBase
from ..pages import Page, View
from . import HUB

VIEWS = (
    ("Explorer", "explorer/index.md",
     "Every activity, knowledge request and offer, filtered by any combination of kind, theme, country, region, "
     "institution, modality, participants, funding, status, years and words, e.g. policy dialogue on rural finance between Latin America and Africa since 2008."),
    ("Map", "map/index.md", "A world map of the countries that shared or learned, shaded by number of activities."),
    ("Knowledge flows", "flows/index.md",
     "Who learned from whom: flows from the countries that shared to those that learned, and two-way exchanges."),
    ("Timeline", "timeline/index.md", "Activities by year, and what started each year."),
    ("Financing dashboard", "dashboard/index.md",
     "IFAD's contributions, others' cofinancing and in-kind contributions, and leverage, by year, theme, region "
     "and nature."),
    ("Requests and offers", "demand/index.md",
     "What someone wants to learn and what someone can share, each with the experience that fits it best."),
    ("Where experience travelled", "replication/index.md",
     "Activities that replicate or adapt an earlier one, or carry out a learning route's innovation plan, as chains."),
    ("Open data", "data/index.md", "The activities as a CSV file for spreadsheets, all entries as JSON, and the "
     "JSON Schemas."),
)


def render_hub(knowledge_base: KnowledgeBase) -> Page:
    view = View(knowledge_base, HUB)
    lines = ["# Explore", "",
             "Views that answer several questions at once, and would rather show than tell. They are static "
             "pages: they work offline, from a copy of the site on disk.", ""]
    for title, path, text in VIEWS:
        lines += [f"- **{view.link(title, path)}**: {text}"]
    lines += ["", "Each entry's page also lists its related entries and prints as a one-page brief.", ""]
    return Page(HUB, {"title": "Explore"}, "\n".join(lines))
