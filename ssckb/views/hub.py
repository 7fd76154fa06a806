"""The Explore hub: what each view answers, with its link."""

from __future__ import annotations

from ..i18n import N_, _
from ..mdtext import md_escape
from ..model import KnowledgeBase
from ..pages import Page, View
from . import HUB

VIEWS = (
    (N_("Explorer"), "explorer/index.md",
     N_("Every activity, knowledge request and offer, filtered by any combination of kind, theme, country, region, "
        "institution, modality, participants, funding, status, years and words, e.g. policy dialogue on rural "
        "finance between Latin America and Africa since 2008.")),
    (N_("Map"), "map/index.md", N_("A world map of the countries that shared or learned, shaded by number of activities.")),
    (N_("Knowledge flows"), "flows/index.md",
     N_("Who learned from whom: flows from the countries that shared to those that learned, and two-way exchanges.")),
    (N_("Timeline"), "timeline/index.md", N_("Activities by year, and what started each year.")),
    (N_("Financing dashboard"), "dashboard/index.md",
     N_("IFAD's contributions, others' cofinancing and in-kind contributions, and leverage, by year, theme, region "
        "and nature.")),
    (N_("Requests and offers"), "demand/index.md",
     N_("What someone wants to learn and what someone can share, each with the experience that fits it best.")),
    (N_("Where experience travelled"), "replication/index.md",
     N_("Activities that replicate or adapt an earlier one, or carry out a learning route's innovation plan, as "
        "chains.")),
    (N_("Open data"), "data/index.md", N_("The activities as a CSV file for spreadsheets, all entries as JSON, and the "
                                          "JSON Schemas.")),
)


def render_hub(knowledge_base: KnowledgeBase) -> Page:
    view = View(knowledge_base, HUB)
    lines = ["# " + _("Explore"), "",
             md_escape(_("Views that answer several questions at once, and would rather show than tell. They are "
                         "static pages: they work offline, from a copy of the site on disk.")), ""]
    for title, path, text in VIEWS:
        lines += [f"- **{view.link(_(title), path)}**: {md_escape(_(text))}"]
    lines += ["", md_escape(_("Each entry's page also lists its related entries and prints as a one-page brief.")), ""]
    return Page(HUB, {"title": _("Explore")}, "\n".join(lines))
