"""The financing dashboard: planned, allocated and spent; IFAD, cofinancing and in kind; leverage.

REPL.IX/3/R.3, footnote 18, asks for a consolidated picture of the resources
planned, allocated and spent on SSC, with external cofinancing and in-kind
contributions in money terms, to measure financial leverage. Everything here
is summed from the entries' ``contributions`` by :mod:`ssckb.money`; nothing is
typed by hand.

Rules, stated on the page too:

- the activities and learning routes that record contributions count;
- amounts in different currencies are never added together: a figure in
  another currency is shown beside the US dollars, and the charts show US
  dollars only;
- a contribution without an amount is never a zero: where no contribution of
  a cell gives an amount the page says "not stated";
- by year: the year the source gives with the contribution, or else the
  entry's first year; by funder: who gave each contribution;
- by theme and by region: an entry with several counts in full under each,
  so those tables do not add up to the total;
- leverage = cofinancing / IFAD's contribution, over the entries whose IFAD
  and other contributions all give an amount in US dollars.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from babel import numbers as babel_numbers
from markupsafe import Markup

from .. import i18n, money
from ..i18n import N_, N_plural, _, ngettext
from ..indexes import DIMENSIONS_BY_KEY
from ..mdtext import md_escape
from ..mdtext import money as money_text
from ..model import Entry, KnowledgeBase
from ..pages import TEMPLATES, Page, View, shown_institution, shown_title
from .common import compact_money, esc, facet_terms
from .svgcharts import Series, bar_chart, chart_with_table

PATH = "dashboard/index.md"
CURRENCY = "USD"  # the currency of the charts and of leverage; others are shown, never converted
FUNDED_KINDS = ("activity", "learning_route")
SERIES = (
    Series("ifad", N_("IFAD"), "#2e7d32"),
    Series("others", N_("Others (cash or kind not stated)"), "#1565c0"),
    Series("in-kind", N_("Others in kind"), "#e69f00"),
)
NOT_RECORDED = "__none__"
#: What the page shows where the source gives no amount (never a zero), and beside a sum some of whose
#: contributions give none.
NOT_STATED = N_("not stated")
AND_NOT_STATED = N_plural("%(amounts)s and %(count)s not stated", "%(amounts)s and %(count)s not stated")
#: Between the amounts of a sum in several currencies, and between the entries of a list ('؛ ' in Arabic).
LIST_SEPARATOR = N_("; ")
#: An amount in a currency other than the US dollar (the pages name it by its code, never convert it).
OTHER_CURRENCY = N_("%(currency)s %(amount)s")

#: Per dimension: the section's heading, the table's first column, and the rule that says what counts under it
#: (its first letter capitalised under the heading).
HEADINGS = {
    "year": (N_("By year"), N_("Year"), N_("the year the source gives with each contribution, or else the entry's "
                                           "first year")),
    "theme": (N_("By theme"), N_("Theme"), N_("an entry with several themes counts under each")),
    "region": (N_("By region"), N_("Region"), N_("an entry in several regions counts under each")),
    "nature": (N_("By nature of IFAD's support"), N_("Nature"), N_("grant-funded or in project, as the Annex I table "
                                                                    "says")),
    "funder": (N_("By funder"), N_("Funder"), N_("who gave each contribution, IFAD among the others")),
}
COLUMNS = {"entries": N_("Entries"), "ifad": N_("IFAD"), "cofinancing": N_("Cofinancing"), "in_kind": N_("In kind"),
           "leverage": N_("Leverage")}
STATUS_HEADINGS = {"planned": N_("Planned"), "allocated": N_("Allocated or approved"), "spent": N_("Spent"),
                   "not-stated": N_("Status not stated")}
FUNDER_GROUPS = {"governments": N_("governments"), "donors": N_("other donors"), "participants": N_("participants"),
                 "not-named": N_("others (not named)")}
LABELS = {"not_recorded": N_("Not recorded"), "total": N_("Total"), "title": N_("Financing dashboard")}
KPI_LABELS = {"entries": N_("Entries with contributions"), "ifad": N_("IFAD's contribution"),
              "cofinancing": N_("Cofinancing (others' contributions)"), "in-kind": N_("In-kind contributions"),
              "leverage": N_("Leverage")}


@dataclass
class Totals:
    """Sums over the contributions of a group: each entry's contributions that fall in it."""

    by_entry: dict = field(default_factory=dict)  # (kind, id) -> [contribution], in the order added
    entries: list = field(default_factory=list)

    def add(self, entry: Entry, contributions: list) -> None:
        key = (entry.kind, entry.id)
        if key not in self.by_entry:
            self.by_entry[key] = []
            self.entries.append(entry)
        self.by_entry[key].extend(contributions)

    @property
    def contributions(self) -> list:
        return [c for items in self.by_entry.values() for c in items]

    @property
    def ifad(self) -> money.Sum:
        return money.ifad_contribution(self.contributions)

    @property
    def cofinancing(self) -> money.Sum:
        return money.cofinancing(self.contributions)

    @property
    def in_kind(self) -> money.Sum:
        return money.in_kind(self.contributions)

    @property
    def statuses(self) -> dict:
        return money.by_status(self.contributions)

    @property
    def leverage(self) -> money.Leverage:
        return money.leverage(self.by_entry.values(), CURRENCY)

    @property
    def chart_values(self) -> list[float]:
        """US dollars only: IFAD, others in cash or of a kind not stated, others in kind."""
        items = self.contributions
        others = [c for c in items if not money.is_ifad(c)]
        parts = (money.ifad_contribution(items), money.total(c for c in others if c.get("kind") != "in-kind"),
                 money.total(c for c in others if c.get("kind") == "in-kind"))
        return [part.amount_in(CURRENCY) or 0 for part in parts]


@dataclass
class Financing:
    """The consolidated picture: totals overall and by year, theme, region, nature and funder."""

    total: Totals
    by: dict  # dimension key -> {term or NOT_RECORDED: Totals}, in display order
    other_currencies: list  # entries with an amount in a currency other than CURRENCY


def funded_entries(knowledge_base: KnowledgeBase) -> list[Entry]:
    """The activities, then the learning routes, that record contributions, each newest first."""
    return [entry for kind in FUNDED_KINDS
            for entry in sorted(knowledge_base.entries.get(kind, {}).values(), key=lambda e: e.sort_key)
            if entry.contributions]


def contribution_year(contribution: dict, entry: Entry):
    """The year the source gives with the contribution, or else the entry's first year."""
    if contribution.get("year") is not None:
        return contribution["year"]
    return entry.years[0] if entry.years else NOT_RECORDED


def consolidate(knowledge_base: KnowledgeBase) -> Financing:
    """Sum every entry's contributions, overall and by year, theme, region, nature and funder."""
    total = Totals()
    by: dict = {key: {} for key in HEADINGS}
    other_currencies = []
    for entry in funded_entries(knowledge_base):
        contributions = entry.contributions
        total.add(entry, contributions)
        if any(money.has_amount(c) and c["currency"] != CURRENCY for c in contributions):
            other_currencies.append(entry)
        for dimension, terms in (
                ("theme", facet_terms(knowledge_base, "theme", entry)),
                ("region", knowledge_base.regions_of(entry)),
                ("nature", entry.funding_natures)):
            for term in terms or [NOT_RECORDED]:
                by[dimension].setdefault(term, Totals()).add(entry, contributions)
        for contribution in contributions:  # these two split the contributions, not the entries
            by["year"].setdefault(contribution_year(contribution, entry), Totals()).add(entry, [contribution])
            by["funder"].setdefault(money.funder_key(contribution), Totals()).add(entry, [contribution])
    ordered = {}
    for dimension, groups in by.items():
        if dimension == "year":
            order = sorted(t for t in groups if t != NOT_RECORDED)
        elif dimension == "funder":
            order = sorted(groups, key=lambda key: _funder_order(knowledge_base, key))
        else:
            vocabulary = knowledge_base.vocabularies[DIMENSIONS_BY_KEY[dimension].vocabulary]
            order = [term.id for term in vocabulary if term.id in groups]
        if NOT_RECORDED in groups:
            order.append(NOT_RECORDED)
        ordered[dimension] = {term: groups[term] for term in order}
    return Financing(total, ordered, other_currencies)


def _funder_order(knowledge_base: KnowledgeBase, key: tuple):
    """IFAD first, then the institutions by name, then the funder groups in the schema's order."""
    kind, value = key
    if kind == "group":
        return (2, money.FUNDER_GROUPS.index(value) if value in money.FUNDER_GROUPS else 99, value)
    term = knowledge_base.vocabularies.institutions.get(value)
    return (0 if value == money.IFAD else 1, (term.label if term else value).casefold(), value)


def amount_text(value, currency: str) -> str:
    """An amount for the language being rendered: US dollars as CLDR writes them ('US$200,000',
    '200.000 US$'), another currency by its code ('CNY 300,000'), never converted."""
    if currency == CURRENCY:
        return i18n.amount(value, currency)
    if i18n.current_language() == i18n.DEFAULT_LANGUAGE:
        return money_text(value, currency)  # the English pages' established form
    whole = float(value).is_integer()
    digits = babel_numbers.format_decimal(value, format="#,##0" if whole else "#,##0.00",
                                          locale=i18n.current_language())
    return _(OTHER_CURRENCY) % {"currency": currency, "amount": digits}


def sum_text(total: money.Sum) -> str:
    """A money.Sum as shown: each currency apart, 'not stated' where no contribution gives an amount, and how
    many gave none beside the amounts (a plural of the catalog)."""
    if not total.stated:
        return _(NOT_STATED)
    text = _(LIST_SEPARATOR).join(amount_text(amount, currency) for currency, amount in total.amounts)
    if not total.unstated:
        return text
    return ngettext(*AND_NOT_STATED, total.unstated) % {"amounts": text, "count": i18n.number(total.unstated)}


def ratio_text(leverage: money.Leverage) -> str:
    """Leverage as shown: two decimals in the language's digits ('3.05', '3,05'), or 'not stated'."""
    if leverage.ratio is None:
        return _(NOT_STATED)
    return babel_numbers.format_decimal(round(leverage.ratio, 2), format="0.00", locale=i18n.current_language())


def chart_amount(value: float) -> str:
    """Short money labels at the ends of bars and on the axis: 'US$1.5M' in English, CLDR's short form
    in the other languages ('1,5 M US$')."""
    if i18n.current_language() == i18n.DEFAULT_LANGUAGE:
        return compact_money(value)  # the English charts' established labels
    text = babel_numbers.format_compact_currency(value, CURRENCY, locale=i18n.current_language(), fraction_digits=1)
    for written in ("$US", "US$", "$"):  # the knowledge base names the dollar 'US$' everywhere (ssckb.i18n.amount)
        if written in text:
            return text.replace(written, "US$", 1)
    return text


def _label(view: View, dimension: str, term, link: bool) -> str:
    if term == NOT_RECORDED:
        return _(LABELS["not_recorded"])
    if dimension == "funder":
        kind, value = term
        if kind == "group":
            return md_escape(_(FUNDER_GROUPS[value])) if link else _(FUNDER_GROUPS[value])
        if link:
            return view.funder_text(term)
        institution = view.kb.vocabularies.institutions.get(value)
        return shown_institution(institution) if institution else value
    return view.term_link(dimension, term) if link else view.term_label(dimension, term)


def _cells(sums: Totals) -> list[str]:
    statuses = sums.statuses
    return [i18n.number(len(sums.entries)), sum_text(sums.ifad), sum_text(sums.cofinancing),
            sum_text(sums.in_kind), ratio_text(sums.leverage),
            *(sum_text(statuses[status]) for status in money.STATUSES)]


def _table(view: View, dimension: str, groups: dict, total: Totals | None) -> str:
    heads = [_(HEADINGS[dimension][1]), *(_(column) for column in COLUMNS.values()),
             *(_(STATUS_HEADINGS[status]) for status in money.STATUSES)]
    lines = ["| " + " | ".join(heads) + " |", "|---|" + "--:|" * (len(heads) - 1)]
    for term, sums in groups.items():
        lines.append(f"| {_label(view, dimension, term, True)} | " + " | ".join(_cells(sums)) + " |")
    if total is not None:
        lines.append(f"| **{_(LABELS['total'])}** | " + " | ".join(f"**{cell}**" for cell in _cells(total)) + " |")
    return "\n".join(lines) + "\n"


def _chart(view: View, dimension: str, groups: dict) -> str:
    heading, _column, rule = HEADINGS[dimension]
    by = _(heading).lower()  # 'by year', in the sentence
    categories = [str(_label(view, dimension, term, False)) for term in groups]
    values = [sums.chart_values for sums in groups.values()]
    description = _("Stacked bars of IFAD's contribution, others' contributions in cash or of a kind not stated, "
                    "and others' contributions in kind, in US dollars only, %(by)s (%(rule)s). The same figures, "
                    "with the other currencies and the amounts by status, are in the table beside the chart.") % {
                        "by": by, "rule": _(rule)}
    series = [Series(item.key, _(item.label), item.color) for item in SERIES]
    return bar_chart(f"ssc-finance-{dimension}", _("Financing of SSC %(by)s") % {"by": by}, description,
                     categories, series, values, horizontal=dimension != "year", value_text=chart_amount)


def _kpis(financing: Financing) -> str:
    total = financing.total
    statuses = total.statuses
    items = [("entries", _(KPI_LABELS["entries"]), i18n.number(len(total.entries)), len(total.entries)),
             ("ifad", _(KPI_LABELS["ifad"]), *_kpi_money(total.ifad)),
             ("cofinancing", _(KPI_LABELS["cofinancing"]), *_kpi_money(total.cofinancing)),
             ("in-kind", _(KPI_LABELS["in-kind"]), *_kpi_money(total.in_kind)),
             ("leverage", _(KPI_LABELS["leverage"]), ratio_text(total.leverage),
              f"{total.leverage.ratio:.2f}" if total.leverage.ratio is not None else _(NOT_STATED))]
    items += [(f"status-{status}", _(STATUS_HEADINGS[status]), *_kpi_money(statuses[status]))
              for status in money.STATUSES]
    lines = ['<dl class="ssc-kpis">']
    for key, label, text, value in items:
        value_text = _plain_number(value) if isinstance(value, (int, float)) else value
        lines.append(f'<div class="ssc-kpi"><dt>{esc(label)}</dt>'
                     f'<dd data-ssc-total="{esc(key)}" data-value="{esc(value_text)}">{esc(text)}</dd></div>')
    lines.append("</dl>")
    return "\n".join(lines)


def _kpi_money(total: money.Sum) -> tuple:
    """(text shown, data-value): every currency in the text; the US dollar figure, or 'not stated', as value."""
    usd = total.amount_in(CURRENCY)
    return sum_text(total), usd if usd is not None else _(NOT_STATED)


def _plain_number(value) -> str:
    value = float(value)
    return f"{int(value)}" if value.is_integer() else f"{value:.2f}"


def render_dashboard(knowledge_base: KnowledgeBase) -> Page:
    """The dashboard page: totals, then a chart and its table per dimension."""
    view = View(knowledge_base, PATH)
    financing = consolidate(knowledge_base)
    total = financing.total
    sections = []
    for dimension, groups in financing.by.items():
        if not groups:
            continue
        partition = dimension in ("year", "nature", "funder")
        table = _table(view, dimension, groups, total if partition else None)
        rule = _(HEADINGS[dimension][2])
        sections.append((_(HEADINGS[dimension][0]), rule[:1].upper() + rule[1:],  # not str.capitalize: "Annex I"
                         Markup(chart_with_table(_chart(view, dimension, groups), table))))
    leverage = total.leverage
    markdown = TEMPLATES.get_template("view_dashboard.md.j2").render(
        view=view, financing=financing, total=total, kpis=Markup(_kpis(financing)), sections=sections,
        leverage_entries=leverage.entries,
        leverage_ifad=sum_text(money.Sum(((CURRENCY, leverage.ifad),))) if leverage.entries else _(NOT_STATED),
        not_stated=_(NOT_STATED), entry_count=len(total.entries),
        currency_entries=Markup(_(LIST_SEPARATOR)).join(view.link(shown_title(e), e.page_path) for e in financing.other_currencies))
    return Page(PATH, {"title": _(LABELS["title"]), "hide": ["toc"]}, markdown)
