"""Rendering: the Markdown of every generated page and of each entry's page.

Pure functions from the knowledge base to Markdown. Links between pages are
relative ``.md`` paths, so MkDocs (or any engine) resolves and checks them, and
every metadata value passes through :func:`mdtext.md_escape`.
"""

from __future__ import annotations

import datetime
import html
import json
from collections import Counter
from decimal import Decimal
from dataclasses import dataclass, field
from pathlib import Path

from babel.numbers import format_decimal
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import addresses, i18n
from .i18n import N_, N_plural, _
from .addresses import continuation_path
from .bodyhtml import body_block
from .indexes import DIMENSIONS, DIMENSIONS_BY_KEY, all_terms, entries_by_kind, term_of
from .localized import Localized, country_name, institution_acronym, term_description, entry_body, entry_summary, entry_title, summary_field, term_label
from .mdtext import external_link, finalize, link, md_escape, money, relative_path
from .model import DEMAND_KINDS, KIND_LABELS, KIND_ORDER, Entry, KnowledgeBase
from .money import cofinancing, entry_leverage, funder_key, has_amount, ifad_contribution, sources_of
from .rendering import RenderingContext
from .sources import ANNEX_I_TABLE, IFAD_PAPER, SOURCE_FOLDER, Source, citations_of, cites
from .template_cache import bytecode_cache

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,  # with ``finalize``, every value is escaped for Markdown; macro output is Markup
    finalize=finalize,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=StrictUndefined,
    bytecode_cache=bytecode_cache(),
    extensions=["jinja2.ext.i18n"],  # the templates' words come from the catalogs (ssckb/i18n.py)
)
TEMPLATES.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)
TEMPLATES.globals["number"] = i18n.number
TEMPLATES.filters["md"] = md_escape  # a value given to a {% trans %} block: escaped for Markdown as {{ }} escapes it

ROLE_LABELS = {"two-way": N_("two-way exchange"), "member": N_("member of the programme"), "venue": N_("venue"),
               "visited": N_("visited"), "participant": N_("participants from"),
               "provider": N_("provider"), "learner": N_("learner")}

#: The label of the countries, the institutions and the organisation types in an entry's panel, by kind.
COUNTRY_FACT_LABELS = {"activity": N_("Countries"), "learning_route": N_("Countries visited"),
                       "request": N_("Who wants to learn"), "offer": N_("Who can share"), "lesson": N_("Countries")}
INSTITUTION_FACT_LABELS = {"lesson": N_("Learned by"), "request": N_("Institutions that want to learn"),
                           "offer": N_("Institutions that can share")}
ORGANISATION_FACT_LABELS = {"request": N_("Organisations that want to learn"),
                            "offer": N_("Organisations that can share")}
#: An institution's role in an entry, as its panel says it after the institution (ids of the schemas).
INSTITUTION_ROLE_LABELS = {"host": N_("host"), "broker": N_("broker"), "funder": N_("funder"),
                           "implementer": N_("implementer"), "partner": N_("partner"), "organiser": N_("organiser"),
                           "learned by": N_("learned by")}
#: The types of institution of the registry (``type:``, its hyphens read as spaces), as an institution's page
#: says them; a type not listed here is shown as written.
INSTITUTION_TYPE_WORDS = (N_("bilateral agency"), N_("development bank"), N_("farmers organization"),
                          N_("government"), N_("international organization"), N_("network"), N_("ngo"),
                          N_("private company"), N_("programme"), N_("regional organization"), N_("research"),
                          N_("un agency"))
#: The other labels of an entry's panel.
FACT_LABELS = {"years": N_("Years"), "where": N_("Where"), "regions": N_("Regions"), "scope": N_("Scope"),
               "theme": N_("Themes"), "modality": N_("Modalities"), "participant": N_("Participants"),
               "institutions": N_("Institutions"), "duration": N_("Duration"), "languages": N_("Languages"),
               "conditions": N_("Conditions"), "status": N_("Status")}
#: How a request's or an offer's status reads on its page, the hub and the explorer.
STATUS_LABELS = {"open": N_("open"), "matched": N_("matched: an offer or an activity answers it"),
                 "closed": N_("closed")}

#: How each reason a match was chosen for (ssckb.matching) reads on the pages, before what is shared.
MATCH_REASON_WORDS = {"themes": N_("themes"), "regions": N_("region"), "modalities": N_("way of learning"),
                      "participants": N_("for"), "languages": N_("language"),
                      "experience": N_("the provider has done it before"), "hosted": N_("hosted"),
                      "illustrates": N_("illustrated by")}
#: The headings and sentences of the matches on request and offer pages and on the requests-and-offers hub
#: (translated where shown; "score" and "more" are counts, singular and plural by the catalog).
MATCH_WORDS = {
    "intro": N_("Ranked by what they share with this request, best first; {method}."),
    "offer_intro": N_("Ranked by what they share with this offer, best first; {method}."),
    "method": N_("how the points are counted"),
    "ranking": N_("How matches are ranked"),
    "ranking_intro": N_("A candidate is listed only if it shares at least one theme with the request; it then "
                        "gets points for what the two have in common, and equal points are ordered by id."),
    "weights": {"themes": N_("each theme shared"),
                "regions": N_("each IFAD region shared (of the countries asking, and of those taking part or "
                              "offering)"),
                "modalities": N_("each modality shared"),
                "participants": N_("each participant type shared"), "languages": N_("each language shared"),
                "experience": N_("an offer whose provider has done it before (once)"),
                "hosted": N_("for a host institution: each fitting activity or route it hosted"),
                "illustrates": N_("for a lesson: each past activity on the list that illustrates it")},
    "weights_header": (N_("Shared"), N_("Points")),
    "offers": N_("Offers that fit"), "experience": N_("Past activities and learning routes that fit"),
    "hosts": N_("Institutions that have hosted such experience"), "lessons": N_("Lessons to read first"),
    "requests": N_("Open requests it fits"),
    "no_offers": N_("No open offer fits yet."), "no_requests": N_("No open request fits yet."),
    "score": N_plural("{n} point", "{n} points"),
    "more": N_plural("and {n} more", "and {n} more"),
    "contact": N_("To answer, write in the entry's issue thread or to the institution's public address: the "
                  "knowledge base keeps no personal contact details."),
}

#: Replication (ssckb.replication) on entry pages and in its view.
REPLICATION_WORDS = {
    "builds_on": N_("What it builds on"), "travelled": N_("Where the experience travelled next"),
    "relations": {"replicates": N_("replicates"), "adapts": N_("adapts")},
    "relations_by": {"replicates": N_("replicated by"), "adapts": N_("adapted by")},
    "title": N_("Where experience travelled"),
    "intro": N_("Activities that say they replicate or adapt an earlier activity, or carry out the innovation "
                "plan of a learning route (the field replicates, with the relation the source gives: replicates "
                "when it repeats the experience, adapts when it changes it for another place or people), traced "
                "from each first experience to where it travelled next. Each entry page shows the same steps in "
                "both directions."),
    "none": N_("No activity says yet what it replicates or adapts."),
}

#: Headings of the lists of linked entries where the pair of kinds needs its own words.
LINKED_HEADINGS = {
    ("request", "activity"): N_("What it became"),
    ("request", "offer"): N_("Offers that answer it"),
    ("offer", "activity"): N_("Activities that show the experience"),
    ("offer", "learning_route"): N_("Learning routes that show the experience"),
    ("offer", "request"): N_("Requests it answers"),
    ("activity", "request"): N_("Requests it answered"),
    ("activity", "offer"): N_("Offers of this experience"),
    ("learning_route", "offer"): N_("Offers of this experience"),
}

#: The words of money (ssckb.money) on every page: statuses, kinds, funder groups, and what is shown
#: where the source gives no amount (never a zero). Marked for the catalog: translated where shown.
MONEY_WORDS = {
    "not_stated": N_("not stated"),
    "and_not_stated": N_plural("{amounts} and {n} not stated", "{amounts} and {n} not stated"),
    "amount_not_stated": N_("amount not stated"),
    "status": {"planned": N_("planned"), "allocated": N_("allocated or approved"), "spent": N_("spent"),
               "not-stated": N_("status not stated")},
    "status_headings": {"planned": N_("Planned"), "allocated": N_("Allocated or approved"), "spent": N_("Spent"),
                        "not-stated": N_("Status not stated")},
    "kind": {"cash": N_("cash"), "in-kind": N_("in kind"), "not-stated": N_("kind not stated")},
    "funder_group": {"governments": N_("governments"), "donors": N_("other donors"),
                     "participants": N_("participants"), "not-named": N_("others (not named)")},
    "facts": {"nature": N_("Funding"), "contributions": N_("Contributions"), "cofinancing": N_("Cofinancing"),
              "leverage": N_("Leverage")},
    "leverage_tail": N_("{ratio} from others per US$1 from IFAD"),
}

#: The types of source (ssckb.sources.TYPE_LABELS), marked here for the catalog: a citation translates its type.
SOURCE_TYPE_WORDS = (N_("report"), N_("evaluation"), N_("article"), N_("book"), N_("web page"), N_("video"),
                     N_("dataset"), N_("first-hand account"))

#: The links under each entry that open the repository's issue forms, pre-filled with the entry's id;
#: the offline copy, which cannot open them, gives the repository's address as text.
ISSUE_LINK_WORDS = {
    "correction": N_("Suggest a correction"),
    "correction_title": "[Mistake] {title}",  # the issue's title: the maintainers' language, not the reader's
    "related": N_("Propose a related activity"),
    "offline": N_("To suggest a correction or propose a related activity, open an issue at {address}"),
}


@dataclass
class Page:
    """A page of the site: where it goes, its front matter, its Markdown."""

    path: str
    meta: dict = field(default_factory=dict)
    markdown: str = ""

    def document(self) -> str:
        """The page as a Markdown file with YAML front matter (JSON scalars are valid YAML)."""
        if not self.meta:
            return self.markdown
        lines = ["---"] + [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in self.meta.items()]
        return "\n".join(lines) + "\n---\n\n" + self.markdown


def shown_title(entry: Entry) -> str:
    """An entry's title in the language being rendered (its English title when it has no translation)."""
    return entry_title(entry.data, i18n.current_language()).text


def shown_summary(entry: Entry) -> str:
    """An entry's summary (a lesson's statement) in the language being rendered, else the English."""
    return entry_summary(entry.data, i18n.current_language()).text


def english_span(text: str) -> Markup:
    """English text shown on a page of another language, marked ``lang="en"`` so that screen readers
    pronounce it right (and ``dir="ltr"`` on a right-to-left page); escaped for Markdown."""
    mark = ' lang="en" dir="ltr"' if i18n.direction() == "rtl" else ' lang="en"'
    return Markup(f"<span{mark}>") + md_escape(text) + Markup("</span>")


def _marked(text: Localized) -> Markup:
    return english_span(text.text) if text.fallback else md_escape(text.text)


def title_markup(entry: Entry) -> Markup:
    """An entry's title as written on a page: escaped, and marked ``lang="en"`` when it is the English
    title for want of a translation."""
    return _marked(entry_title(entry.data, i18n.current_language()))


def summary_markup(entry: Entry) -> Markup:
    """An entry's summary (a lesson's statement) as written on a page, marked like :func:`title_markup`."""
    return _marked(entry_summary(entry.data, i18n.current_language()))


def shown_label(dimension_key: str, term_id, knowledge_base: KnowledgeBase) -> str:
    """A term's label in the language being rendered: CLDR's name for a country, the vocabulary's
    translation for the others, the English label when there is none."""
    language = i18n.current_language()
    if dimension_key == "country":
        return country_name(str(term_id), language, knowledge_base.vocabularies).text
    term = term_of(DIMENSIONS_BY_KEY[dimension_key], term_id, knowledge_base)
    return term_label(term, language).text if term is not None else str(term_id)


def shown_description(term) -> str:
    """A term's description in the language being rendered, else the English one."""
    return term_description(term, i18n.current_language()).text if hasattr(term, "descriptions") else ""


def shown_institution(term) -> str:
    """How an institution is named in lists: its acronym (in the language being rendered), else its name."""
    language = i18n.current_language()
    return institution_acronym(term, language).text or term_label(term, language).text


def shown_language(code: str, knowledge_base: KnowledgeBase) -> str:
    """A language's name (ISO 639-1 code) in the language being rendered: CLDR's (Babel) in another
    language, the vocabulary's English name in English or when CLDR has none."""
    term = knowledge_base.vocabularies["languages"].get(code)
    english = term.label if term is not None else code
    language = i18n.current_language()
    if language == i18n.DEFAULT_LANGUAGE:
        return english
    from babel import Locale

    return Locale.parse(language).languages.get(code) or english


def shown_money(value, currency: str = "USD") -> str:
    """An amount as the pages show it: 'US$200,000' in English (the source's form, mdtext.money), and
    formatted by Babel for another language ('200.000 US$' in Spanish)."""
    if i18n.current_language() == i18n.DEFAULT_LANGUAGE:
        return money(value, currency)
    return i18n.amount(value, currency)


def figure(value, decimals: int) -> str:
    """A number with a fixed count of decimals, grouped, for the language being rendered: 1234.5, 2 ->
    '1,234.50' (en), '1.234,50' (es). Rounded as Python rounds (the English pages' figures stay the same)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(Decimal(f"{float(value):.{decimals}f}"), format=pattern, locale=i18n.current_language())


def figure_markup(text: str) -> Markup:
    """A figure or an amount (digits, separators, a currency) as written on a page: HTML-escaped but not
    folded by md_escape, which would turn the no-break spaces of '1 500 000 US$' into spaces a line may
    break at; none of its characters is Markdown's."""
    return Markup(html.escape(str(text), quote=False))


def counted_words(forms: tuple, count: int, **values) -> str:
    """A message with a count (``{n}``) and other named slots, in the form the catalog gives ``count``:
    ``counted_words(N_plural("{amounts} and {n} not stated", ...), 2, amounts="US$5")``."""
    return i18n.ngettext(*forms, count).format(n=i18n.number(count), **values)


# Said above an English body on a page of another language (the body is then marked lang="en").
UNTRANSLATED_BODY = N_("This text has not been translated into this language yet; it is shown in English.")


def untranslated_notice() -> str:
    """The line said, in the reader's language, above a text shown in English on another language's site."""
    return f'<p class="ssc-untranslated">{md_escape(_(UNTRANSLATED_BODY))}</p>'


def shown_body(entry: Entry) -> str:
    """The body block of an entry's page: its translation, else the English body with a notice in the
    reader's language, marked ``lang="en"`` so that screen readers pronounce it right."""
    body = entry_body(entry, i18n.current_language())
    block = body_block(body.text)
    if not body.fallback or not block:
        return block
    notice = untranslated_notice() + "\n\n"
    english = ' lang="en" dir="ltr"' if i18n.direction() == "rtl" else ' lang="en"'  # English reads left to right
    return notice + block.replace('<div class="ssc-body">', f'<div class="ssc-body"{english}>', 1)


class View:
    """What templates may ask about the knowledge base, relative to one page."""

    def __init__(self, knowledge_base: KnowledgeBase, here: str):
        self.kb = knowledge_base
        self.here = here

    def link(self, text, to_page: str, anchor: str = "") -> Markup:
        return link(text, self.here, to_page, anchor)

    def entry_link(self, entry: Entry) -> Markup:
        """A link to an entry, named by its title in the language being rendered (marked lang="en" when
        it is the English title for want of a translation)."""
        return Markup(f"[{title_markup(entry)}]({relative_path(self.here, entry.page_path)})")

    def term_label(self, dimension_key: str, term_id) -> str:
        return shown_label(dimension_key, term_id, self.kb)

    def term_link(self, dimension_key: str, term_id, label: str | None = None) -> Markup:
        dimension = DIMENSIONS_BY_KEY[dimension_key]
        path = dimension.page_path(term_id, self.kb)
        text = label or self.term_label(dimension_key, term_id)
        if self.kb.term_pages is not None and path not in self.kb.term_pages:
            return md_escape(text)  # e.g. the country of an institution that has no entry
        return self.link(text, path)

    def entry_list(self, entries) -> Markup:
        """A Markdown list of entries: title link, years, countries, summary.

        Written in Python rather than as a Jinja macro: index pages repeat it for
        every entry under every term, which makes it the hottest path of the build.
        """
        tails = self.kb.memo.setdefault(("entry_list_tails", i18n.current_language()), {})
        items = []
        for entry in entries:
            key = (entry.kind, entry.id)
            tail = tails.get(key)
            if tail is None:  # the same for the entry on every list it is on
                years = self.years_text(entry)
                tail = tails[key] = (f" · {years}" if years else "") + \
                    (f" · {self.country_names(entry)}" if entry.countries else "") + \
                    f"<br>\n  {summary_markup(entry)}\n"
            items.append(f"- **{self.entry_link(entry)}**{tail}")
        return Markup("".join(items))

    def country_names(self, entry: Entry) -> Markup:
        names = [shown_label("country", code, self.kb) for code in entry.countries]
        return md_escape(_(", ").join(names))

    @staticmethod
    def years_text(entry: Entry) -> str:
        span = entry.years
        if not span:
            return ""
        return str(span[0]) if span[0] == span[1] else f"{span[0]}-{span[1]}"

    @staticmethod
    def by_kind(entries: list[Entry]) -> dict:
        return entries_by_kind(entries)

    @staticmethod
    def kind_label(kind: str) -> str:
        return _(KIND_LABELS[kind])

    @staticmethod
    def linked_heading(own_kind: str, other_kind: str) -> str:
        if (own_kind, other_kind) in LINKED_HEADINGS:
            return _(LINKED_HEADINGS[(own_kind, other_kind)])
        if other_kind == "lesson":
            return _("Lessons it illustrates") if own_kind != "lesson" else _("Related lessons")
        if other_kind == "activity":
            return _("Activities that illustrate it") if own_kind == "lesson" else _("Activities")
        return _("Learning routes")

    def funder_text(self, key: tuple) -> Markup:
        """Who gave a contribution (see money.funder_key): the institution's link, or the funder group."""
        kind, value = key
        if kind == "group":
            return md_escape(_(MONEY_WORDS["funder_group"][value]))
        term = self.kb.vocabularies.institutions.get(value)
        return self.term_link("institution", value, shown_institution(term)) if term else md_escape(value)

    @staticmethod
    def sum_text(total) -> str:
        """A money.Sum as shown: each currency apart, 'not stated' where no contribution gives an amount."""
        if not total.stated:
            return _(MONEY_WORDS["not_stated"])
        text = _("; ").join(shown_money(amount, currency) for currency, amount in total.amounts)
        return counted_words(MONEY_WORDS["and_not_stated"], total.unstated, amounts=text) if total.unstated else text

    @staticmethod
    def ratio_text(leverage) -> str:
        """A money.Leverage as shown: two decimals, or 'not stated' when no entry gives both amounts."""
        if leverage.ratio is None:
            return _(MONEY_WORDS["not_stated"])
        return figure(leverage.ratio, 2)

    @staticmethod
    def amount(value) -> Markup:
        """A figure of money without its currency, for the language being rendered: '200,000', '1,234.50'
        (see :func:`figure_markup`)."""
        if value is None:
            return Markup("")
        return figure_markup(figure(value, 0 if float(value).is_integer() else 2))


def _join(values) -> Markup:
    return Markup(" · ".join(str(value) for value in values))


def _money_facts(view: View, entry: Entry) -> list[tuple[str, Markup]]:
    """The entry's funding nature and contributions, then what is derived from them."""
    words, facts = MONEY_WORDS, []
    if entry.data.get("funding_nature"):
        facts.append((_(words["facts"]["nature"]), view.term_link("nature", entry.data["funding_nature"])))
    contributions = entry.contributions
    if not contributions:
        return facts
    parts = []
    for item in contributions:
        amount = shown_money(item["amount"], item["currency"]) if has_amount(item) else _(words["amount_not_stated"])
        details = [_(words["kind"][item["kind"]]), _(words["status"][item["status"]])]
        if item.get("year") is not None:
            details.append(str(item["year"]))
        text = Markup(_("%(funder)s %(amount)s (%(details)s)") % {
            "funder": view.funder_text(funder_key(item)), "amount": figure_markup(amount),
            "details": md_escape(_(", ").join(details))})
        if item.get("note"):
            text += Markup(": ") + md_escape(item["note"])
        parts.append(text)
    facts.append((_(words["facts"]["contributions"]), _join(parts)))
    others = cofinancing(contributions)
    if others.count:
        facts.append((_(words["facts"]["cofinancing"]), figure_markup(View.sum_text(others))))
    ratio = entry_leverage(contributions)
    if ratio.ratio is not None:
        facts.append((_(words["facts"]["leverage"]),
                      figure_markup(_(words["leverage_tail"]).format(ratio=View.ratio_text(ratio)))))
    return facts


def entry_facts(view: View, entry: Entry) -> list[tuple[str, Markup]]:
    """The metadata panel of an entry: every value a link to its index page."""
    kb = view.kb
    facts = []
    if entry.year_range:
        facts.append((_(FACT_LABELS["years"]), _join(view.term_link("year", y) for y in entry.year_range)))
    roles = entry.country_roles()
    if roles:
        label = _(COUNTRY_FACT_LABELS[entry.kind])
        parts = []
        for code, role in roles:
            text = view.term_link("country", code)
            parts.append(Markup(_("%(name)s (%(role)s)") % {"name": text, "role": md_escape(_(ROLE_LABELS.get(role, role)))})
                         if entry.kind == "activity" or role == "participant" else text)
        facts.append((label, _join(parts)))
    if entry.data.get("scope_note"):
        facts.append((_(FACT_LABELS["where"]), md_escape(entry.data["scope_note"])))
    regions = kb.regions_of(entry)
    if regions:
        facts.append((_(FACT_LABELS["regions"]), _join(view.term_link("region", r) for r in regions)))
    scope = kb.scope_of(entry)
    if scope:
        facts.append((_(FACT_LABELS["scope"]), view.term_link("scope", scope)))
    for key in ("theme", "modality", "participant"):
        terms = DIMENSIONS_BY_KEY[key].terms_of(kb, entry)
        if terms:
            facts.append((_(FACT_LABELS[key]), _join(view.term_link(key, t) for t in terms)))
    institutions = entry.institution_roles()
    if institutions:
        label = _(INSTITUTION_FACT_LABELS.get(entry.kind, FACT_LABELS["institutions"]))
        parts = []
        for inst, role in institutions:
            term = kb.vocabularies.institutions.get(inst)
            text = view.term_link("institution", inst, shown_institution(term))
            plain = entry.kind == "lesson" or entry.kind in DEMAND_KINDS  # the label already says the role
            parts.append(text if plain else Markup(_("%(name)s (%(role)s)") % {
                "name": text, "role": md_escape(_(INSTITUTION_ROLE_LABELS.get(role, role)))}))
        facts.append((label, _join(parts)))
    if entry.kind in DEMAND_KINDS:
        facts += demand_facts(view, entry)
    facts += _money_facts(view, entry)
    if entry.data.get("duration"):
        facts.append((_(FACT_LABELS["duration"]), md_escape(entry.data["duration"])))
    return facts


def demand_facts(view: View, entry: Entry) -> list[tuple[str, Markup]]:
    """What only a request or an offer has: the kinds of organisation asking or offering, the languages,
    the conditions and the status."""
    facts = []
    types = entry.party.get("organisation_types", ())
    if types:
        facts.append((_(ORGANISATION_FACT_LABELS[entry.kind]), _join(view.term_link("participant", t) for t in types)))
    languages = entry.data.get("languages", ())
    if languages:
        facts.append((_(FACT_LABELS["languages"]),
                      md_escape(_(", ").join(shown_language(code, view.kb) for code in languages))))
    if entry.data.get("conditions"):
        facts.append((_(FACT_LABELS["conditions"]), md_escape(entry.data["conditions"])))
    facts.append((_(FACT_LABELS["status"]), md_escape(_(STATUS_LABELS[entry.status]))))
    return facts


def citation(view: View, source: Source, locations: list | None = None) -> Markup:
    """One source as an entry page cites it: who (year), title linked to the source's page, its type
    (a first-hand account said so first), its identifier or web address, then the locations."""
    credit, year = md_escape(source.credit), md_escape(str(source.year))
    title = Markup(f"*{view.link(source.title, source.page_path)}*")
    if source.is_first_hand:
        text = Markup(_("First-hand account by %(credit)s (%(year)s), %(title)s") % {
            "credit": credit, "year": year, "title": title})
    else:
        text = Markup(_("%(credit)s (%(year)s), %(title)s (%(type)s)") % {
            "credit": credit, "year": year, "title": title, "type": md_escape(_(source.type_label))})
    if source.address:
        text += Markup(", ") + external_link(source.reference or _host(source.address), source.address)
    elif source.reference:
        text += Markup(", ") + md_escape(source.reference)
    if locations:
        text += Markup(": ") + md_escape("; ".join(locations))
    return text + Markup(".")


def _host(address: str) -> str:
    """'https://www.ifad.org/en/web/x' -> 'www.ifad.org': a short text for a link to an address."""
    return address.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0] or address


def sources_text(knowledge_base: KnowledgeBase, view: View, entry: Entry) -> str:
    """The sources at the foot of an entry page: one line, or a list when there are several."""
    cited = [(knowledge_base.sources[source_id], locations) for source_id, locations in citations_of(entry)
             if source_id in knowledge_base.sources]
    if not cited:  # (a knowledge base made in code, without its sources)
        return ""
    if len(cited) == 1:
        label = md_escape(_("Source:"))
        return f"<p class=\"ssc-source\" markdown>**{label}** {citation(view, *cited[0])}</p>\n"
    items = "".join(f"- {citation(view, source, locations)}\n" for source, locations in cited)
    label = md_escape(_("Sources:"))
    return f"<div class=\"ssc-source\" markdown>\n\n**{label}**\n\n{items}\n</div>\n"


def issue_links(entry: Entry, context: RenderingContext) -> str:
    """The paragraph under an entry that opens the issue forms with its id: the correction form, and the form
    that proposes an activity related to it. Empty without a repository; text only in the offline copy."""
    from .contrib.forms import ISSUE_FORMS, MISTAKE_FORM, RELATED_FIELD, issue_url

    if not context.repo_url:
        return ""
    if context.offline:
        address = context.repo_url.rstrip("/") + "/issues"
        text = md_escape(_(ISSUE_LINK_WORDS["offline"]).format(address=address))
        return f"<p class=\"ssc-contribute\" markdown>{text}.</p>\n"
    correction = issue_url(context.repo_url, MISTAKE_FORM, {
        "title": ISSUE_LINK_WORDS["correction_title"].format(title=entry.title), "page": entry.id})
    related = issue_url(context.repo_url, ISSUE_FORMS["activity"], {RELATED_FIELD: entry.id})
    return (f"<p class=\"ssc-contribute\" markdown>[{md_escape(_(ISSUE_LINK_WORDS['correction']))}]({correction}) · "
            f"[{md_escape(_(ISSUE_LINK_WORDS['related']))}]({related})</p>\n")


def render_entry(knowledge_base: KnowledgeBase, entry: Entry, context: RenderingContext | None = None) -> Page:
    """The page of one entry: title, metadata panel, body, links both ways, citation, and (with a repository
    in ``context``) the links that open the issue forms."""
    from .views.demand import match_sections  # the views import this module
    from .views.replication import replication_sections
    from .views.related import related_entries, shared_text

    # Plain Python rather than a template: it runs once per entry, ten thousand times on a large base.
    view = View(knowledge_base, entry.page_path)
    data = entry.data
    parts = [f"# {title_markup(entry)}\n\n<div class=\"ssc-facts\" markdown>\n\n| | |\n|---|---|\n"]
    parts += [f"| {md_escape(label)} | {value} |\n" for label, value in entry_facts(view, entry)]
    parts.append("\n</div>\n\n")
    if data.get("statement"):
        statement = summary_markup(entry) if summary_field(data) == "statement" else md_escape(data["statement"])
        parts.append(f"**{statement}**\n\n")
    if data.get("points"):
        parts += [f"{number}. {md_escape(point)}\n" for number, point in enumerate(data["points"], start=1)]
        parts.append("\n")
    parts.append(shown_body(entry))  # rendered and sanitized on its own: it cannot reach the parts below
    if data.get("cases"):
        parts.append("## " + md_escape(_("Cases visited")) + "\n\n")
        for case in data["cases"]:
            host = " " + _("(host: %(host)s)") % {"host": view.term_link('institution', case['host'])} \
                if case.get("host") else ""
            country = _(", ") + view.term_link("country", case["country"]) if case.get("country") else ""
            parts.append(f"- {md_escape(case['title'])}{host}{country}\n")
    for key, heading in (("innovation_plans", N_("Innovation plans")), ("results", N_("Results"))):
        if data.get(key):
            parts.append(f"## {md_escape(_(heading))}\n\n" + "".join(f"- {md_escape(item)}\n" for item in data[key]) + "\n")
    for kind in KIND_ORDER:
        linked = knowledge_base.linked(entry, kind)
        if linked:
            parts.append(f"## {md_escape(view.linked_heading(entry.kind, kind))}\n\n{view.entry_list(linked)}\n")
    parts.append(replication_sections(knowledge_base, view, entry))
    parts.append(match_sections(knowledge_base, view, entry))
    related = related_entries(knowledge_base, entry)
    if related:
        heading = md_escape(_("Related entries"))
        intro = md_escape(_("Entries that share the most specific themes, countries or institutions with this one."))
        parts.append(f"<div class=\"ssc-related\" markdown>\n\n## {heading}\n\n{intro}\n\n")
        for other, shared in related:
            years = view.years_text(other)
            what = _("%(kind)s, %(years)s") % {"kind": _(KIND_NOUNS[other.kind][0]), "years": years} if years \
                else _(KIND_NOUNS[other.kind][0])
            tail = md_escape(_("(%(what)s): shares %(terms)s") % {"what": what,
                                                                  "terms": shared_text(knowledge_base, shared)})
            parts.append(f"- {view.entry_link(other)} {tail}\n")
        parts.append("\n</div>\n\n")
    parts.append(sources_text(knowledge_base, view, entry))
    if context is not None:
        links = issue_links(entry, context)
        if links:
            parts.append(f"\n{links}")
    return Page(entry.page_path, {"title": shown_title(entry), "description": shown_summary(entry)}, "".join(parts))


def _term_details(view: View, dimension, term, entries) -> list:
    kb = view.kb
    details = []
    if dimension.key == "country":
        region = kb.vocabularies.region_of_country.get(term.id)
        if region:
            details.append(Markup(_("Region: %(region)s") % {"region": view.term_link('region', region)}))
        roles: dict = {}
        for entry in entries:
            for code, role in entry.country_roles():
                if code == term.id:
                    roles[role] = roles.get(role, 0) + 1
        if roles:
            details.append(md_escape(_("Roles: %(roles)s") % {"roles": _(", ").join(
                i18n.counted("%(role)s in {n} entry", "%(role)s in {n} entries", n)
                % {"role": _(ROLE_LABELS.get(r, r))} for r, n in sorted(roles.items()))}))
        if term.aliases:
            details.append(md_escape(_("Also known as: %(names)s") % {"names": ", ".join(
                a for a in term.aliases if len(a) > 3 and ", " not in a)}))
        based = kb.vocabularies.institutions_by_country.get(term.id)
        if based:
            details.append(Markup(_("Institutions based here: %(institutions)s") % {"institutions": Markup(_(", ")).join(
                view.term_link("institution", inst) for inst in based)}))
    elif dimension.key == "institution":
        # safe: a registry id matches SAFE_ID
        details.append(Markup(_("Id in entries: %(id)s") % {"id": f"`{term.id}`"}))
        if term.get("acronym"):
            acronym = institution_acronym(term, i18n.current_language()).text  # FIDA, in Spanish
            details.append(md_escape(_("Acronym: %(acronym)s") % {"acronym": acronym}))
        kind = str(term.get("type")).replace("-", " ")
        details.append(md_escape(_("Type: %(type)s") % {"type": _(kind) if kind in INSTITUTION_TYPE_WORDS else kind}))
        if term.get("country"):
            details.append(Markup(_("Based in: %(country)s") % {"country": view.term_link('country', term.get('country'))}))
        if term.aliases:
            details.append(md_escape(_("Also known as: %(names)s") % {"names": ", ".join(term.aliases)}))
    elif dimension.key == "region":
        countries = sorted({code for entry in entries for code in entry.countries
                            if kb.vocabularies.region_of_country.get(code) == term.id},
                           key=lambda c: kb.vocabularies.countries.get(c).label)
        if countries:
            details.append(Markup(_("Countries: %(countries)s") % {
                "countries": Markup(_(", ")).join(view.term_link("country", c) for c in countries)}))
    return details


#: Each kind's noun, singular and plural, marked for the catalog (translated where shown; a count takes KIND_COUNTS).
KIND_NOUNS = {"activity": (N_("activity"), N_("activities")),
              "learning_route": (N_("learning route"), N_("learning routes")),
              "lesson": (N_("lesson learned"), N_("lessons learned")),
              "request": (N_("knowledge request"), N_("knowledge requests")),
              "offer": (N_("knowledge offer"), N_("knowledge offers"))}
#: Each kind's count, singular and plural as the catalog gives them for a number ({n}).
KIND_COUNTS = {"activity": N_plural("{n} activity", "{n} activities"),
               "learning_route": N_plural("{n} learning route", "{n} learning routes"),
               "lesson": N_plural("{n} lesson learned", "{n} lessons learned"),
               "request": N_plural("{n} knowledge request", "{n} knowledge requests"),
               "offer": N_plural("{n} knowledge offer", "{n} knowledge offers")}


def _count_text(entries) -> str:
    counts = Counter(entry.kind for entry in entries)
    return _("%(counts)s.") % {"counts": _(", ").join(
        i18n.counted(*KIND_COUNTS[k], counts[k]) for k in KIND_ORDER if k in counts)}


#: The words a pager counts in (its ``noun``), marked for the catalog: the pager translates them.
PAGER_NOUNS = (N_("entries"), N_("pairs"), N_("sources"))


def paginate(first_path: str, base: str, items: list, size: int | None = None,
             noun: str = "entries") -> list[tuple[str, list, Markup]]:
    """(path, items, pager) for each page of a long list; a single page has an empty pager."""
    size = size or addresses.PAGE_SIZE
    chunks = [items[i:i + size] for i in range(0, len(items), size)] or [[]]
    paths = [first_path] + [continuation_path(base, n) for n in range(2, len(chunks) + 1)]
    pages = []
    for number, (path, chunk) in enumerate(zip(paths, chunks), start=1):
        pager = Markup("")
        if len(chunks) > 1:
            view_links = [Markup(f"**{n}**") if n == number else link(str(n), path, target)
                          for n, target in enumerate(paths, start=1)]
            first, last = (number - 1) * size + 1, (number - 1) * size + len(chunk)
            pager = Markup(_("Page %(number)s of %(pages)s (%(noun)s %(first)s-%(last)s): ") % {
                "number": number, "pages": len(chunks), "noun": _(noun), "first": first, "last": last}) + \
                Markup(" · ").join(view_links)
        pages.append((path, chunk, pager))
    return pages


def render_term(knowledge_base: KnowledgeBase, dimension, term_id, entries: list[Entry]) -> list[Page]:
    """The index page(s) of one term (a theme, a country...): its entries, newest first."""
    first_path = dimension.page_path(term_id, knowledge_base)
    term = term_of(dimension, term_id, knowledge_base)
    title = shown_label(dimension.key, term_id, knowledge_base) if dimension.key != "year" else _("Activities in %(year)s") % {"year": term.label}
    pages = []
    count_text = _count_text(entries)
    for path, chunk, pager in paginate(first_path, first_path[:-3], entries):
        view = View(knowledge_base, path)
        markdown = TEMPLATES.get_template("term.md.j2").render(
            view=view, dimension=dimension, title=title, description=shown_description(term),
            details=_term_details(view, dimension, term, entries) if path == first_path else [],
            entries=chunk, count_text=count_text, pager=pager,
            hub_link=view.link(_(dimension.all_title), dimension.hub_path))
        pages.append(Page(path, {"title": title, "search": {"exclude": True}}, markdown))
    return pages


def render_hub(knowledge_base: KnowledgeBase, dimension, index: dict) -> list[Page]:
    """The browse page(s) of a dimension: every term with its number of entries."""
    terms = all_terms(dimension, index, knowledge_base)

    def row(view, term_id):
        return view.term_link(dimension.key, term_id), len(index.get(term_id, ()))

    def page(path, groups, pager=""):
        markdown = TEMPLATES.get_template("browse.md.j2").render(
            title=_(dimension.by_title), description=_(dimension.description), groups=groups,
            noun=_(dimension.noun), pager=pager)
        return Page(path, {"title": _(dimension.browse_title)}, markdown)

    if dimension.key != "country":
        # Split like any long list (one page but for a registry of thousands of institutions).
        pages = []
        for path, chunk, pager in paginate(dimension.hub_path, dimension.hub_path[:-len("/index.md")], terms,
                                           size=addresses.HUB_PAGE_SIZE, noun=dimension.plural_noun):
            view = View(knowledge_base, path)
            pages.append(page(path, [("", [row(view, t) for t in chunk])], pager))
        return pages
    # Countries: grouped by region, on one page (there are never more than about 250).
    view = View(knowledge_base, dimension.hub_path)
    groups = []
    by_region: dict = {}
    for term_id in terms:
        by_region.setdefault(knowledge_base.vocabularies.region_of_country.get(term_id), []).append(term_id)
    for region in knowledge_base.vocabularies.regions:
        if region.id in by_region:
            groups.append((shown_label("region", region.id, knowledge_base), [row(view, t) for t in by_region[region.id]]))
    if None in by_region:
        groups.append((_("Outside IFAD's regions"), [row(view, t) for t in by_region[None]]))
    return [page(dimension.hub_path, groups)]


def render_kind_list(knowledge_base: KnowledgeBase, kind: str) -> list[Page]:
    """The list of all entries of one kind, split into pages of addresses.PAGE_SIZE."""
    from .model import KIND_FOLDERS

    entries = sorted(knowledge_base.entries.get(kind, {}).values(), key=lambda e: e.sort_key)
    if kind == "lesson":
        entries.sort(key=lambda e: (e.data.get("number") is None, e.data.get("number") or 0, e.title.casefold()))
    count = len(entries)
    descriptions = {
        "request": i18n.ngettext("All {n} knowledge request: what someone wants to learn from peers, newest first.",
                                 "All {n} knowledge requests: what someone wants to learn from peers, newest first.",
                                 count),
        "offer": i18n.ngettext("All {n} knowledge offer: experience that can be shared with peers, newest first.",
                               "All {n} knowledge offers: experience that can be shared with peers, newest first.",
                               count),
        "activity": i18n.ngettext("All {n} SSC activity, newest first.", "All {n} SSC activities, newest first.",
                                  count),
        "lesson": i18n.ngettext("All {n} lesson learned: IFAD's six lessons first, then those of other partners.",
                                "All {n} lessons learned: IFAD's six lessons first, then those of other partners.",
                                count),
        "learning_route": i18n.ngettext("All {n} learning route, newest first.",
                                        "All {n} learning routes, newest first.", count),
    }
    folder = KIND_FOLDERS[kind]
    pages = []
    for path, chunk, pager in paginate(f"{folder}/index.md", folder, entries):
        markdown = TEMPLATES.get_template("kind_list.md.j2").render(
            view=View(knowledge_base, path), title=_(KIND_LABELS[kind]),
            description=descriptions[kind].format(n=i18n.number(count)), entries=chunk, pager=pager)
        pages.append(Page(path, {"title": _(KIND_LABELS[kind]), "search": {"exclude": True}}, markdown))
    return pages


def render_browse(knowledge_base: KnowledgeBase, indexes: dict) -> Page:
    """The hub of hubs: every way to browse, with counts."""
    view = View(knowledge_base, "browse.md")
    lines = ["# " + _("Browse"), "", _("Find activities, lessons and learning routes by:"), ""]
    for dimension in DIMENSIONS:
        used = sum(1 for entries in indexes[dimension.key].values() if entries)
        lines.append(f"- {view.link(_(dimension.title), dimension.hub_path)}: "
                     f"{md_escape(i18n.counted(*dimension.page_count, used))}")
    lines += ["", _("Or see every entry:"), ""]
    from .model import KIND_FOLDERS
    for kind in KIND_ORDER:
        lines.append(f"- {view.link(_(KIND_LABELS[kind]), KIND_FOLDERS[kind] + '/index.md')} "
                     f"({i18n.number(len(knowledge_base.entries.get(kind, {})))})")
    lines += ["- " + view.link(_("Financing"), "financing.md"),
              "- " + str(view.link(_("Sources"), SOURCE_FOLDER + '/index.md'))
              + f" ({i18n.number(len(knowledge_base.sources))}): "
              + _("the publications and accounts the entries cite"), ""]
    return Page("browse.md", {"title": _("Browse")}, "\n".join(lines))


def render_financing(knowledge_base: KnowledgeBase) -> Page:
    """The Annex I table as printed, beside the entries its rows became, then every contribution."""
    view = View(knowledge_base, "financing.md")
    annex = knowledge_base.vocabularies.annex_table
    annex_rows = [(row, knowledge_base.get("activity", row.activity)) for row in annex.rows]
    rows = []
    for kind in ("activity", "learning_route"):
        for entry in sorted(knowledge_base.entries.get(kind, {}).values(), key=lambda e: e.sort_key):
            for item in entry.contributions:
                rows.append({
                    "entry": view.entry_link(entry),
                    "funder": view.funder_text(funder_key(item)),
                    "amount": figure_markup(shown_money(item["amount"], item["currency"])) if has_amount(item)
                    else _(MONEY_WORDS["not_stated"]),
                    "kind": _(MONEY_WORDS["kind"][item["kind"]]), "status": _(MONEY_WORDS["status"][item["status"]]),
                    "year": item.get("year"), "where": _where(knowledge_base, view, item, entry),
                })
    markdown = TEMPLATES.get_template("financing.md.j2").render(
        view=view, annex=annex, annex_rows=annex_rows, table_total=table_total(knowledge_base), rows=rows,
        not_stated=_(MONEY_WORDS["not_stated"]))
    return Page("financing.md", {"title": _("Financing")}, markdown)


def _where(knowledge_base: KnowledgeBase, view: View, item: dict, entry: Entry) -> Markup:
    """Where the source gives a contribution: 'Author (year): locations' per source cited."""
    parts = []
    for cited in sources_of(item, entry.data.get("sources")):
        source = knowledge_base.sources.get(cited["source"])
        name = view.link(f"{source.credit} ({source.year})", source.page_path) if source \
            else md_escape(cited["source"])
        parts.append(Markup(f"{name}: {md_escape('; '.join(cited['locations']))}"))
    return Markup("; ").join(parts)


def table_total(knowledge_base: KnowledgeBase) -> float:
    """IFAD's contributions in US$ summed over the activities that cite the Annex I table."""
    return sum(ifad_contribution(a.contributions).amount_in("USD") or 0
               for a in knowledge_base.entries.get("activity", {}).values() if cites(a, IFAD_PAPER, ANNEX_I_TABLE))


# --- Sources ------------------------------------------------------------------------------------

SOURCES_INDEX = f"{SOURCE_FOLDER}/index.md"


def citing_entries(knowledge_base: KnowledgeBase) -> dict:
    """source id -> [(entry, locations)] of the entries that cite it: activities first, then learning
    routes and lessons, each newest first (the order of the term pages)."""
    cited: dict = {source_id: [] for source_id in knowledge_base.sources}
    ordered = sorted(knowledge_base.all_entries(), key=lambda e: (e.kind != "activity", e.kind, e.sort_key))
    for entry in ordered:
        for source_id, locations in citations_of(entry):
            if source_id in cited:
                cited[source_id].append((entry, locations))
    return cited


#: The labels of a source page's panel.
SOURCE_FACT_LABELS = {"type": N_("Type"), "authors": N_("Authors"), "first_hand": N_("Account given by"),
                      "publisher": N_("Publisher"), "year": N_("Year"), "date": N_("Date"), "language": N_("Language"),
                      "symbol": N_("Document symbol"), "doi": N_("DOI"), "isbn": N_("ISBN"), "online": N_("Online"),
                      "id": N_("Id in entries")}
#: How many entries cite a source, in the list of sources.
CITED_BY = N_plural("cited by {n} entry", "cited by {n} entries")


def shown_date(text: str) -> str:
    """A source's date ('2011-09-26'): as written in English, the language's long form by Babel in another
    ('26 de septiembre de 2011'); a date that is not ISO stays as written."""
    if i18n.current_language() == i18n.DEFAULT_LANGUAGE:
        return text
    try:
        return i18n.date(datetime.date.fromisoformat(str(text)))
    except ValueError:
        return str(text)


def source_facts(view: View, source: Source) -> list[tuple[str, Markup]]:
    """The metadata panel of a source page."""
    data = source.data
    labels = {key: _(label) for key, label in SOURCE_FACT_LABELS.items()}
    type_label = _(source.type_label)
    facts = [(labels["type"], md_escape(type_label[:1].upper() + type_label[1:]))]
    if data.get("authors"):
        facts.append((labels["authors"], md_escape(", ".join(data["authors"]))))
    if data.get("publisher"):
        facts.append((labels["first_hand"] if source.is_first_hand else labels["publisher"],
                      md_escape(data["publisher"])))
    facts.append((labels["year"], md_escape(str(source.year))))
    if data.get("date"):
        facts.append((labels["date"], md_escape(shown_date(data["date"]))))
    if data.get("language") and view.kb.vocabularies["languages"].get(data.get("language")) is not None:
        facts.append((labels["language"], md_escape(shown_language(data["language"], view.kb))))
    identifier = data.get("identifier") or {}
    for key in ("symbol", "doi", "isbn"):
        if identifier.get(key):
            value = identifier[key]
            facts.append((labels[key], external_link(value, f"https://doi.org/{value}") if key == "doi"
                          else md_escape(value)))
    if data.get("url"):
        facts.append((labels["online"], external_link(data["url"], data["url"])))
    facts.append((labels["id"], Markup(f"`{source.id}`")))  # safe: a source id matches SAFE_ID
    return facts


def render_source(knowledge_base: KnowledgeBase, source: Source, cited: list) -> list[Page]:
    """The page(s) of one source: what it is, then every entry that cites it, with the places cited."""
    first_path = source.page_path
    counts = Counter(entry.kind for entry, _locations in cited)
    count_text = _(", ").join(i18n.counted(*KIND_COUNTS[k], counts[k]) for k in KIND_ORDER if k in counts)
    pages = []
    for path, chunk, pager in paginate(first_path, first_path[:-3], cited):
        view = View(knowledge_base, path)
        parts = [f"# {md_escape(source.title)}\n\n"]
        if path == first_path:
            parts.append("<div class=\"ssc-facts\" markdown>\n\n| | |\n|---|---|\n")
            parts += [f"| {md_escape(label)} | {value} |\n" for label, value in source_facts(view, source)]
            parts.append("\n</div>\n\n")
            if source.is_first_hand:
                account = _("A first-hand account: what %(credit)s says of its own work.") % {"credit": source.credit}
                parts.append(f"{md_escape(account)}\n\n")
            if source.body.strip():
                parts.append(f"{source.body.strip()}\n\n")
        parts.append("## " + str(md_escape(_("Cited by"))) + "\n\n")
        if not cited:
            parts.append(str(md_escape(_("No entry cites it yet."))) + "\n\n")
        else:
            parts.append(str(md_escape(_("%(counts)s.") % {"counts": count_text})) + "\n\n")
            if pager:
                parts.append(f"{pager}\n\n")
            locations_of = {(entry.kind, entry.id): locations for entry, locations in chunk}
            for kind, group in entries_by_kind([entry for entry, _locations in chunk]).items():
                parts.append(f"### {md_escape(_(KIND_LABELS[kind]))}\n\n")
                for entry in group:
                    years = view.years_text(entry)
                    parts.append(f"- **{view.entry_link(entry)}**"
                                 f"{' · ' + md_escape(years) if years else ''}: "
                                 f"{md_escape('; '.join(locations_of[(entry.kind, entry.id)]))}\n")
                parts.append("\n")
            if pager:
                parts.append(f"{pager}\n\n")
        parts.append(str(view.link(_("All sources"), SOURCES_INDEX)) + "\n")
        meta = {"title": source.title}
        if path != first_path:
            meta["search"] = {"exclude": True}
        pages.append(Page(path, meta, "".join(parts)))
    return pages


def render_sources_index(knowledge_base: KnowledgeBase, cited: dict) -> list[Page]:
    """The list of every source, with who it is by, its type and how many entries cite it."""
    sources = sorted(knowledge_base.sources.values(), key=lambda s: (s.title.casefold(), s.id))
    title = _("Sources")
    intro = md_escape(_("The publications and accounts the entries cite; each page lists the entries that cite it, "
                        "with the places cited."))
    pages = []
    for path, chunk, pager in paginate(SOURCES_INDEX, SOURCE_FOLDER, sources, size=addresses.HUB_PAGE_SIZE,
                                       noun="sources"):
        view = View(knowledge_base, path)
        add = Markup(_("%(add_a_source)s: the contributor guide says how.") % {
            "add_a_source": view.link(_("Add a source"), "contribute.md")})
        parts = [f"# {md_escape(title)}\n\n", f"{intro} {add}\n\n"]
        if pager:
            parts.append(f"{pager}\n\n")
        for source in chunk:
            number = len(cited.get(source.id, ()))
            by = _("first-hand account by %(credit)s") % {"credit": source.credit} if source.is_first_hand \
                else source.credit
            comma = _(", ")
            parts.append(f"- **{view.link(source.title, source.page_path)}** · {md_escape(by)}{comma}"
                         f"{md_escape(str(source.year))} · {md_escape(_(source.type_label))} · "
                         f"{md_escape(i18n.counted(*CITED_BY, number))}\n")
        if not chunk:
            parts.append(str(md_escape(_("No source yet."))) + "\n")
        if pager:
            parts.append(f"\n{pager}\n")
        pages.append(Page(path, {"title": title, "search": {"exclude": True}}, "".join(parts)))
    return pages


def render_sources(knowledge_base: KnowledgeBase) -> list[Page]:
    """The sources' pages and their index."""
    cited = citing_entries(knowledge_base)
    pages = render_sources_index(knowledge_base, cited)
    for source in knowledge_base.sources.values():
        pages += render_source(knowledge_base, source, cited[source.id])
    return pages
