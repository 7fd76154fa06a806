"""The financing dashboard: IFAD's contributions, others' cofinancing and in-kind contributions, leverage.

REPL.IX/3/R.3, footnote 18, asks for a consolidated picture of the resources
spent on SSC, with external cofinancing and in-kind contributions in money
terms, to measure financial leverage. Everything here is summed from the
entries' ``funding`` metadata; nothing is typed by hand.

Rules, stated on the page too:

- an activity counts when its funding gives at least one amount, in US dollars
  (amounts in other currencies are listed, not converted);
- by year: the activity's first year;
- by theme and by region: an activity with several counts in full under each,
  so those tables do not add up to the total;
- leverage = (others' contributions + in kind) / IFAD, over the activities whose
  funding gives others' contributions (cash or in kind) and an IFAD amount,
  as on the Financing page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from ..indexes import DIMENSIONS_BY_KEY
from ..mdtext import md_escape
from ..model import Entry, KnowledgeBase
from ..pages import TEMPLATES, Page, View
from .common import MONEY_FIELDS, activities, amount, compact_money, esc, facet_terms, plural, ratio
from .svgcharts import Series, bar_chart, chart_with_table

PATH = "dashboard/index.md"
SERIES = (
    Series("ifad", "IFAD", "#2e7d32"),
    Series("others", "Others (kind not stated)", "#1565c0"),
    Series("in-kind", "In kind", "#e69f00"),
)
NOT_RECORDED = "__none__"
NOT_STATED = "not stated"  # what the pages show where the source gives no amount (never a zero)


@dataclass
class Totals:
    """Sums over a group of funded activities."""

    activities: list = field(default_factory=list)
    ifad: float = 0
    others: float = 0
    in_kind: float = 0
    total_cost: float = 0
    leverage_ifad: float = 0  # IFAD's contributions where others' contributions are known
    leverage_others: float = 0
    others_stated: bool = False  # whether any entry of the group gives others' contributions
    in_kind_stated: bool = False

    def add(self, entry: Entry) -> None:
        funding = entry.funding
        ifad, others, in_kind = (funding.get(k) for k in ("ifad_contribution", "others_contribution", "in_kind"))
        self.activities.append(entry)
        self.ifad += ifad or 0
        self.others += others or 0
        self.in_kind += in_kind or 0
        self.total_cost += funding.get("total_cost") or 0
        self.others_stated = self.others_stated or others is not None
        self.in_kind_stated = self.in_kind_stated or in_kind is not None
        if ifad and (others is not None or in_kind is not None):
            self.leverage_ifad += ifad
            self.leverage_others += (others or 0) + (in_kind or 0)

    @property
    def leverage(self) -> str:
        return ratio(self.leverage_others, self.leverage_ifad)

    @property
    def values(self) -> list[float]:
        return [self.ifad, self.others, self.in_kind]

    @property
    def others_text(self) -> str:
        """Others' contributions as shown: 'not stated' when no entry of the group gives them, never 0."""
        return amount(self.others) if self.others_stated else NOT_STATED

    @property
    def in_kind_text(self) -> str:
        return amount(self.in_kind) if self.in_kind_stated else NOT_STATED


@dataclass
class Financing:
    """The consolidated picture: totals overall and by year, theme, region and nature."""

    total: Totals
    by: dict  # dimension key -> {term id or NOT_RECORDED: Totals}, in display order
    other_currencies: list  # activities with amounts in another currency
    without_amount: list  # activities whose funding gives no amount


def has_amount(entry: Entry) -> bool:
    return any(entry.funding.get(key) is not None for key in MONEY_FIELDS)


def consolidate(knowledge_base: KnowledgeBase) -> Financing:
    """Sum every activity's funding, overall and by year, theme, region and nature."""
    total = Totals()
    by: dict = {"year": {}, "theme": {}, "region": {}, "nature": {}}
    other_currencies, without_amount = [], []
    for entry in activities(knowledge_base):
        if not entry.funding:
            continue
        if not has_amount(entry):
            without_amount.append(entry)
            continue
        if entry.funding.get("currency", "USD") != "USD":
            other_currencies.append(entry)
            continue
        total.add(entry)
        keys = {
            "year": [entry.years[0]] if entry.years else [NOT_RECORDED],
            "theme": facet_terms(knowledge_base, "theme", entry) or [NOT_RECORDED],
            "region": knowledge_base.regions_of(entry) or [NOT_RECORDED],
            "nature": entry.funding_natures or [NOT_RECORDED],
        }
        for dimension, terms in keys.items():
            for term in terms:
                by[dimension].setdefault(term, Totals()).add(entry)
    ordered = {}
    for dimension, groups in by.items():
        if dimension == "year":
            order = sorted((t for t in groups if t != NOT_RECORDED))
        else:
            vocabulary = knowledge_base.vocabularies[DIMENSIONS_BY_KEY[dimension].vocabulary]
            order = [term.id for term in vocabulary if term.id in groups]
        if NOT_RECORDED in groups:
            order.append(NOT_RECORDED)
        ordered[dimension] = {term: groups[term] for term in order}
    return Financing(total, ordered, other_currencies, without_amount)


HEADINGS = {
    "year": ("By year", "Year", "the activity's first year"),
    "theme": ("By theme", "Theme", "an activity with several themes counts under each"),
    "region": ("By region", "Region", "an activity in several regions counts under each"),
    "nature": ("By nature of IFAD's contribution", "Nature", "grant-funded or in project, as the Annex I table says"),
}


def _label(view: View, dimension: str, term, link: bool) -> str:
    if term == NOT_RECORDED:
        return "Not recorded"
    return view.term_link(dimension, term) if link else view.term_label(dimension, term)


def _table(view: View, dimension: str, groups: dict, total: Totals | None) -> str:
    head = HEADINGS[dimension][1]
    lines = [f"| {head} | Activities | IFAD | Others (kind not stated) | In kind | Leverage |",
             "|---|--:|--:|--:|--:|--:|"]
    for term, sums in groups.items():
        lines.append(f"| {_label(view, dimension, term, True)} | {len(sums.activities)} | {amount(sums.ifad)} | "
                     f"{sums.others_text} | {sums.in_kind_text} | {sums.leverage} |")
    if total is not None:
        lines.append(f"| **Total** | **{len(total.activities)}** | **{amount(total.ifad)}** | "
                     f"**{total.others_text}** | **{total.in_kind_text}** | **{total.leverage}** |")
    return "\n".join(lines) + "\n"


def _chart(view: View, dimension: str, groups: dict) -> str:
    title, _, rule = HEADINGS[dimension]
    categories = [str(_label(view, dimension, term, False)) for term in groups]
    values = [sums.values for sums in groups.values()]
    description = (f"Stacked bars of IFAD's contribution, others' contributions (kind not stated) and in-kind "
                   f"contributions in US dollars, "
                   f"{title.lower()} ({rule}). The same figures are in the table beside the chart.")
    return bar_chart(f"ssc-finance-{dimension}", f"Financing of SSC activities {title.lower()}", description,
                     categories, list(SERIES), values, horizontal=dimension != "year", value_text=compact_money)


def _kpis(financing: Financing) -> str:
    total = financing.total
    items = [
        ("activities", "Activities with amounts", str(len(total.activities)), len(total.activities)),
        ("ifad", "IFAD's contribution", f"US${amount(total.ifad)}", total.ifad),
        ("others", "Others' contributions (kind not stated)",
         f"US${amount(total.others)}" if total.others_stated else NOT_STATED,
         total.others if total.others_stated else NOT_STATED),
        ("in-kind", "In-kind contributions", f"US${amount(total.in_kind)}" if total.in_kind_stated else NOT_STATED,
         total.in_kind if total.in_kind_stated else NOT_STATED),
        ("leverage", "Leverage", total.leverage, total.leverage),
    ]
    lines = ['<dl class="ssc-kpis">']
    for key, label, text, value in items:
        value_text = amount(value).replace(",", "") if isinstance(value, (int, float)) else value
        lines.append(f'<div class="ssc-kpi"><dt>{esc(label)}</dt>'
                     f'<dd data-ssc-total="{esc(key)}" data-value="{esc(value_text)}">{esc(text)}</dd></div>')
    lines.append("</dl>")
    return "\n".join(lines)


def render_dashboard(knowledge_base: KnowledgeBase) -> Page:
    """The dashboard page: totals, then a chart and its table per dimension."""
    view = View(knowledge_base, PATH)
    financing = consolidate(knowledge_base)
    total = financing.total
    sections = []
    for dimension, groups in financing.by.items():
        if not groups:
            continue
        partition = dimension in ("year", "nature")
        table = _table(view, dimension, groups, total if partition else None)
        sections.append((HEADINGS[dimension][0], HEADINGS[dimension][2],
                         Markup(chart_with_table(_chart(view, dimension, groups), table))))
    markdown = TEMPLATES.get_template("view_dashboard.md.j2").render(
        view=view, financing=financing, total=total, kpis=Markup(_kpis(financing)), sections=sections,
        leverage_base=plural(sum(1 for e in total.activities if _in_leverage(e)), "activity", "activities"),
        leverage_ifad=amount(total.leverage_ifad), currency_entries=_entry_links(view, financing.other_currencies, True),
        without_amount=_entry_links(view, financing.without_amount), without_count=len(financing.without_amount))
    return Page(PATH, {"title": "Financing dashboard", "hide": ["toc"]}, markdown)


def _entry_links(view: View, entries: list, currency: bool = False) -> Markup:
    """'[A](...); [B](...)': links to entries, with their currency if asked."""
    return Markup("; ").join(
        Markup(f"{view.link(e.title, e.page_path)}{' (' + md_escape(e.funding.get('currency')) + ')' if currency else ''}")
        for e in entries)


def _in_leverage(entry: Entry) -> bool:
    funding = entry.funding
    return bool(funding.get("ifad_contribution")) and (funding.get("others_contribution") is not None
                                                      or funding.get("in_kind") is not None)
