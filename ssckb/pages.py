"""Rendering: the Markdown of every generated page and of each entry's page.

Pure functions from the knowledge base to Markdown. Links between pages are
relative ``.md`` paths, so MkDocs (or any engine) resolves and checks them, and
every metadata value passes through :func:`mdtext.md_escape`.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import addresses, i18n
from .i18n import N_, N_plural, _
from .addresses import continuation_path
from .bodyhtml import body_block
from .indexes import DIMENSIONS, DIMENSIONS_BY_KEY, all_terms, entries_by_kind, term_of
from .localized import country_name, institution_acronym, term_description, entry_body, entry_summary, entry_title, summary_field, term_label
from .mdtext import external_link, finalize, link, md_escape, money
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

ROLE_LABELS = {"two-way": N_("two-way exchange"), "member": N_("member of the programme"), "venue": N_("venue"),
               "visited": N_("visited"), "participant": N_("participants from"),
               "provider": N_("provider"), "learner": N_("learner")}

#: The label of the countries, the institutions and the organisation types in an entry's panel, by kind.
COUNTRY_FACT_LABELS = {"activity": "Countries", "learning_route": "Countries visited",
                       "request": "Who wants to learn", "offer": "Who can share", "lesson": "Countries"}
INSTITUTION_FACT_LABELS = {"lesson": "Learned by", "request": "Institutions that want to learn",
                           "offer": "Institutions that can share"}
ORGANISATION_FACT_LABELS = {"request": "Organisations that want to learn", "offer": "Organisations that can share"}
#: How a request's or an offer's status reads on its page, the hub and the explorer.
STATUS_LABELS = {"open": "open", "matched": "matched: an offer or an activity answers it",
                 "closed": "closed"}

#: How each reason a match was chosen for (ssckb.matching) reads on the pages, before what is shared.
MATCH_REASON_WORDS = {"themes": "themes", "regions": "region", "modalities": "way of learning",
                      "participants": "for", "languages": "language",
                      "experience": "the provider has done it before", "hosted": "hosted",
                      "illustrates": "illustrated by"}
#: The headings and sentences of the matches on request and offer pages and on the requests-and-offers hub.
MATCH_WORDS = {
    "intro": "Ranked by what they share with this request, best first; {method}.",
    "offer_intro": "Ranked by what they share with this offer, best first; {method}.",
    "method": "how the points are counted",
    "ranking": "How matches are ranked",
    "ranking_intro": "A candidate is listed only if it shares at least one theme with the request; it then gets "
                     "points for what the two have in common, and equal points are ordered by id.",
    "weights": {"themes": "each theme shared", "regions": "each IFAD region shared (of the countries asking, and "
                "of those taking part or offering)", "modalities": "each modality shared",
                "participants": "each participant type shared", "languages": "each language shared",
                "experience": "an offer whose provider has done it before (once)",
                "hosted": "for a host institution: each fitting activity or route it hosted",
                "illustrates": "for a lesson: each past activity on the list that illustrates it"},
    "weights_header": ("Shared", "Points"),
    "offers": "Offers that fit", "experience": "Past activities and learning routes that fit",
    "hosts": "Institutions that have hosted such experience", "lessons": "Lessons to read first",
    "requests": "Open requests it fits",
    "no_offers": "No open offer fits yet.", "no_requests": "No open request fits yet.",
    "score": ("{score} point", "{score} points"),
    "more": "and {count} more",
    "contact": "To answer, write in the entry's issue thread or to the institution's public address: the "
               "knowledge base keeps no personal contact details.",
}

#: Replication (ssckb.replication) on entry pages and in its view.
REPLICATION_WORDS = {
    "builds_on": "What it builds on", "travelled": "Where the experience travelled next",
    "relations": {"replicates": "replicates", "adapts": "adapts"},
    "relations_by": {"replicates": "replicated by", "adapts": "adapted by"},
    "title": "Where experience travelled",
    "intro": "Activities that say they replicate or adapt an earlier activity, or carry out the innovation "
             "plan of a learning route (the field replicates, with the relation the source gives: replicates "
             "when it repeats the experience, adapts when it changes it for another place or people), traced "
             "from each first experience to where it travelled next. Each entry page shows the same steps in "
             "both directions.",
    "none": "No activity says yet what it replicates or adapts.",
}

#: Headings of the lists of linked entries where the pair of kinds needs its own words.
LINKED_HEADINGS = {
    ("request", "activity"): "What it became",
    ("request", "offer"): "Offers that answer it",
    ("offer", "activity"): "Activities that show the experience",
    ("offer", "learning_route"): "Learning routes that show the experience",
    ("offer", "request"): "Requests it answers",
    ("activity", "request"): "Requests it answered",
    ("activity", "offer"): "Offers of this experience",
    ("learning_route", "offer"): "Offers of this experience",
}

#: The words of money (ssckb.money) on every page: statuses, kinds, funder groups, and what is shown
#: where the source gives no amount (never a zero).
MONEY_WORDS = {
    "not_stated": "not stated",
    "and_not_stated": "{amounts} and {count} not stated",
    "amount_not_stated": "amount not stated",
    "status": {"planned": "planned", "allocated": "allocated or approved", "spent": "spent",
               "not-stated": "status not stated"},
    "status_headings": {"planned": "Planned", "allocated": "Allocated or approved", "spent": "Spent",
                        "not-stated": "Status not stated"},
    "kind": {"cash": "cash", "in-kind": "in kind", "not-stated": "kind not stated"},
    "funder_group": {"governments": "governments", "donors": "other donors", "participants": "participants",
                     "not-named": "others (not named)"},
    "facts": {"nature": "Funding", "contributions": "Contributions", "cofinancing": "Cofinancing",
              "leverage": "Leverage"},
    "leverage_tail": "{ratio} from others per US$1 from IFAD",
}

#: The links under each entry that open the repository's issue forms, pre-filled with the entry's id;
#: the offline copy, which cannot open them, gives the repository's address as text.
ISSUE_LINK_WORDS = {
    "correction": "Suggest a correction",
    "correction_title": "[Mistake] {title}",
    "related": "Propose a related activity",
    "offline": "To suggest a correction or propose a related activity, open an issue at {address}",
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
                    f"<br>\n  {md_escape(shown_summary(entry))}\n"
            items.append(f"- **{self.link(shown_title(entry), entry.page_path)}**{tail}")
        return Markup("".join(items))

    def country_names(self, entry: Entry) -> Markup:
        names = [shown_label("country", code, self.kb) for code in entry.countries]
        return md_escape(", ".join(names))

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
            return LINKED_HEADINGS[(own_kind, other_kind)]
        if other_kind == "lesson":
            return "Lessons it illustrates" if own_kind != "lesson" else "Related lessons"
        if other_kind == "activity":
            return "Activities that illustrate it" if own_kind == "lesson" else "Activities"
        return "Learning routes"

    def funder_text(self, key: tuple) -> Markup:
        """Who gave a contribution (see money.funder_key): the institution's link, or the funder group."""
        kind, value = key
        if kind == "group":
            return md_escape(MONEY_WORDS["funder_group"][value])
        term = self.kb.vocabularies.institutions.get(value)
        return self.term_link("institution", value, shown_institution(term)) if term else md_escape(value)

    @staticmethod
    def sum_text(total) -> str:
        """A money.Sum as shown: each currency apart, 'not stated' where no contribution gives an amount."""
        if not total.stated:
            return MONEY_WORDS["not_stated"]
        text = "; ".join(money(amount, currency) for currency, amount in total.amounts)
        return MONEY_WORDS["and_not_stated"].format(amounts=text, count=total.unstated) if total.unstated else text

    @staticmethod
    def ratio_text(leverage) -> str:
        """A money.Leverage as shown: two decimals, or 'not stated' when no entry gives both amounts."""
        return MONEY_WORDS["not_stated"] if leverage.ratio is None else f"{leverage.ratio:.2f}"

    @staticmethod
    def amount(value) -> str:
        return "" if value is None else f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"


def _join(values) -> Markup:
    return Markup(" · ".join(str(value) for value in values))


def _money_facts(view: View, entry: Entry) -> list[tuple[str, Markup]]:
    """The entry's funding nature and contributions, then what is derived from them."""
    words, facts = MONEY_WORDS, []
    if entry.data.get("funding_nature"):
        facts.append((words["facts"]["nature"], view.term_link("nature", entry.data["funding_nature"])))
    contributions = entry.contributions
    if not contributions:
        return facts
    parts = []
    for item in contributions:
        amount = money(item["amount"], item["currency"]) if has_amount(item) else words["amount_not_stated"]
        details = [words["kind"][item["kind"]], words["status"][item["status"]]]
        if item.get("year") is not None:
            details.append(str(item["year"]))
        text = Markup(f"{view.funder_text(funder_key(item))} {md_escape(amount)} ({md_escape(', '.join(details))})")
        if item.get("note"):
            text += Markup(": ") + md_escape(item["note"])
        parts.append(text)
    facts.append((words["facts"]["contributions"], _join(parts)))
    others = cofinancing(contributions)
    if others.count:
        facts.append((words["facts"]["cofinancing"], md_escape(View.sum_text(others))))
    ratio = entry_leverage(contributions)
    if ratio.ratio is not None:
        facts.append((words["facts"]["leverage"],
                      md_escape(words["leverage_tail"].format(ratio=View.ratio_text(ratio)))))
    return facts


def entry_facts(view: View, entry: Entry) -> list[tuple[str, Markup]]:
    """The metadata panel of an entry: every value a link to its index page."""
    kb = view.kb
    facts = []
    if entry.year_range:
        facts.append(("Years", _join(view.term_link("year", y) for y in entry.year_range)))
    roles = entry.country_roles()
    if roles:
        label = COUNTRY_FACT_LABELS[entry.kind]
        parts = []
        for code, role in roles:
            text = view.term_link("country", code)
            parts.append(Markup(f"{text} ({md_escape(ROLE_LABELS.get(role, role))})")
                         if entry.kind == "activity" or role == "participant" else text)
        facts.append((label, _join(parts)))
    if entry.data.get("scope_note"):
        facts.append(("Where", md_escape(entry.data["scope_note"])))
    regions = kb.regions_of(entry)
    if regions:
        facts.append(("Regions", _join(view.term_link("region", r) for r in regions)))
    scope = kb.scope_of(entry)
    if scope:
        facts.append(("Scope", view.term_link("scope", scope)))
    for key, label in (("theme", "Themes"), ("modality", "Modalities"), ("participant", "Participants")):
        terms = DIMENSIONS_BY_KEY[key].terms_of(kb, entry)
        if terms:
            facts.append((label, _join(view.term_link(key, t) for t in terms)))
    institutions = entry.institution_roles()
    if institutions:
        label = INSTITUTION_FACT_LABELS.get(entry.kind, "Institutions")
        parts = []
        for inst, role in institutions:
            term = kb.vocabularies.institutions.get(inst)
            text = view.term_link("institution", inst, shown_institution(term))
            plain = entry.kind == "lesson" or entry.kind in DEMAND_KINDS  # the label already says the role
            parts.append(text if plain else Markup(f"{text} ({md_escape(role)})"))
        facts.append((label, _join(parts)))
    if entry.kind in DEMAND_KINDS:
        facts += demand_facts(view, entry)
    facts += _money_facts(view, entry)
    if entry.data.get("duration"):
        facts.append(("Duration", md_escape(entry.data["duration"])))
    return facts


def demand_facts(view: View, entry: Entry) -> list[tuple[str, Markup]]:
    """What only a request or an offer has: the kinds of organisation asking or offering, the languages,
    the conditions and the status."""
    vocabularies = view.kb.vocabularies
    facts = []
    types = entry.party.get("organisation_types", ())
    if types:
        facts.append((ORGANISATION_FACT_LABELS[entry.kind], _join(view.term_link("participant", t) for t in types)))
    languages = entry.data.get("languages", ())
    if languages:
        facts.append(("Languages", md_escape(", ".join(vocabularies["languages"].get(code).label
                                                       for code in languages))))
    if entry.data.get("conditions"):
        facts.append(("Conditions", md_escape(entry.data["conditions"])))
    facts.append(("Status", md_escape(STATUS_LABELS[entry.status])))
    return facts


def citation(view: View, source: Source, locations: list | None = None) -> Markup:
    """One source as an entry page cites it: who (year), title linked to the source's page, its type
    (a first-hand account said so first), its identifier or web address, then the locations."""
    credit, year = md_escape(source.credit), md_escape(str(source.year))
    title = Markup(f"*{view.link(source.title, source.page_path)}*")
    if source.is_first_hand:
        text = Markup(f"First-hand account by {credit} ({year}), {title}")
    else:
        text = Markup(f"{credit} ({year}), {title} ({md_escape(source.type_label)})")
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
        return f"<p class=\"ssc-source\" markdown>**Source:** {citation(view, *cited[0])}</p>\n"
    items = "".join(f"- {citation(view, source, locations)}\n" for source, locations in cited)
    return f"<div class=\"ssc-source\" markdown>\n\n**Sources:**\n\n{items}\n</div>\n"


def issue_links(entry: Entry, context: RenderingContext) -> str:
    """The paragraph under an entry that opens the issue forms with its id: the correction form, and the form
    that proposes an activity related to it. Empty without a repository; text only in the offline copy."""
    from .contrib.forms import ISSUE_FORMS, MISTAKE_FORM, RELATED_FIELD, issue_url

    if not context.repo_url:
        return ""
    if context.offline:
        address = context.repo_url.rstrip("/") + "/issues"
        text = md_escape(ISSUE_LINK_WORDS["offline"].format(address=address))
        return f"<p class=\"ssc-contribute\" markdown>{text}.</p>\n"
    correction = issue_url(context.repo_url, MISTAKE_FORM, {
        "title": ISSUE_LINK_WORDS["correction_title"].format(title=entry.title), "page": entry.id})
    related = issue_url(context.repo_url, ISSUE_FORMS["activity"], {RELATED_FIELD: entry.id})
    return (f"<p class=\"ssc-contribute\" markdown>[{md_escape(ISSUE_LINK_WORDS['correction'])}]({correction}) · "
            f"[{md_escape(ISSUE_LINK_WORDS['related'])}]({related})</p>\n")


def render_entry(knowledge_base: KnowledgeBase, entry: Entry, context: RenderingContext | None = None) -> Page:
    """The page of one entry: title, metadata panel, body, links both ways, citation, and (with a repository
    in ``context``) the links that open the issue forms."""
    from .views.demand import match_sections  # the views import this module
    from .views.replication import replication_sections
    from .views.related import related_entries, shared_text

    # Plain Python rather than a template: it runs once per entry, ten thousand times on a large base.
    view = View(knowledge_base, entry.page_path)
    data = entry.data
    parts = [f"# {md_escape(shown_title(entry))}\n\n<div class=\"ssc-facts\" markdown>\n\n| | |\n|---|---|\n"]
    parts += [f"| {md_escape(label)} | {value} |\n" for label, value in entry_facts(view, entry)]
    parts.append("\n</div>\n\n")
    if data.get("statement"):
        statement = shown_summary(entry) if summary_field(data) == "statement" else data["statement"]
        parts.append(f"**{md_escape(statement)}**\n\n")
    if data.get("points"):
        parts += [f"{number}. {md_escape(point)}\n" for number, point in enumerate(data["points"], start=1)]
        parts.append("\n")
    parts.append(shown_body(entry))  # rendered and sanitized on its own: it cannot reach the parts below
    if data.get("cases"):
        parts.append("## Cases visited\n\n")
        for case in data["cases"]:
            host = f" (host: {view.term_link('institution', case['host'])})" if case.get("host") else ""
            country = f", {view.term_link('country', case['country'])}" if case.get("country") else ""
            parts.append(f"- {md_escape(case['title'])}{host}{country}\n")
    for key, heading in (("innovation_plans", "Innovation plans"), ("results", "Results")):
        if data.get(key):
            parts.append(f"## {heading}\n\n" + "".join(f"- {md_escape(item)}\n" for item in data[key]) + "\n")
    for kind in KIND_ORDER:
        linked = knowledge_base.linked(entry, kind)
        if linked:
            parts.append(f"## {md_escape(view.linked_heading(entry.kind, kind))}\n\n{view.entry_list(linked)}\n")
    parts.append(replication_sections(knowledge_base, view, entry))
    parts.append(match_sections(knowledge_base, view, entry))
    related = related_entries(knowledge_base, entry)
    if related:
        parts.append("<div class=\"ssc-related\" markdown>\n\n## Related entries\n\n"
                     "Entries that share the most specific themes, countries or institutions with this one.\n\n")
        for other, shared in related:
            years = view.years_text(other)
            parts.append(f"- {view.link(shown_title(other), other.page_path)} ({md_escape(KIND_NOUNS[other.kind][0])}"
                         f"{', ' + md_escape(years) if years else ''}): shares "
                         f"{md_escape(shared_text(knowledge_base, shared))}\n")
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
            details.append(md_escape(_("Acronym: %(acronym)s") % {"acronym": term.get('acronym')}))
        details.append(md_escape(_("Type: %(type)s") % {"type": str(term.get('type')).replace('-', ' ')}))
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


KIND_NOUNS = {"activity": ("activity", "activities"), "learning_route": ("learning route", "learning routes"),
              "lesson": ("lesson learned", "lessons learned"),
              "request": ("knowledge request", "knowledge requests"), "offer": ("knowledge offer", "knowledge offers")}
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
                    "entry": view.link(shown_title(entry), entry.page_path),
                    "funder": view.funder_text(funder_key(item)),
                    "amount": money(item["amount"], item["currency"]) if has_amount(item)
                    else MONEY_WORDS["not_stated"],
                    "kind": MONEY_WORDS["kind"][item["kind"]], "status": MONEY_WORDS["status"][item["status"]],
                    "year": item.get("year"), "where": _where(knowledge_base, view, item, entry),
                })
    markdown = TEMPLATES.get_template("financing.md.j2").render(
        view=view, annex=annex, annex_rows=annex_rows, table_total=table_total(knowledge_base), rows=rows,
        not_stated=MONEY_WORDS["not_stated"])
    return Page("financing.md", {"title": "Financing"}, markdown)


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


def source_facts(view: View, source: Source) -> list[tuple[str, Markup]]:
    """The metadata panel of a source page."""
    data = source.data
    facts = [("Type", md_escape(source.type_label[:1].upper() + source.type_label[1:]))]
    if data.get("authors"):
        facts.append(("Authors", md_escape(", ".join(data["authors"]))))
    if data.get("publisher"):
        facts.append(("Account given by" if source.is_first_hand else "Publisher", md_escape(data["publisher"])))
    facts.append(("Year", md_escape(str(source.year))))
    if data.get("date"):
        facts.append(("Date", md_escape(data["date"])))
    language = view.kb.vocabularies["languages"].get(data.get("language"))
    if language is not None:
        facts.append(("Language", md_escape(language.label)))
    identifier = data.get("identifier") or {}
    for key, label in (("symbol", "Document symbol"), ("doi", "DOI"), ("isbn", "ISBN")):
        if identifier.get(key):
            value = identifier[key]
            facts.append((label, external_link(value, f"https://doi.org/{value}") if key == "doi"
                          else md_escape(value)))
    if data.get("url"):
        facts.append(("Online", external_link(data["url"], data["url"])))
    facts.append(("Id in entries", Markup(f"`{source.id}`")))  # safe: a source id matches SAFE_ID
    return facts


def render_source(knowledge_base: KnowledgeBase, source: Source, cited: list) -> list[Page]:
    """The page(s) of one source: what it is, then every entry that cites it, with the places cited."""
    first_path = source.page_path
    counts = Counter(entry.kind for entry, _ in cited)
    count_text = ", ".join(f"{counts[k]} {KIND_NOUNS[k][counts[k] != 1]}" for k in KIND_ORDER if k in counts)
    pages = []
    for path, chunk, pager in paginate(first_path, first_path[:-3], cited):
        view = View(knowledge_base, path)
        parts = [f"# {md_escape(source.title)}\n\n"]
        if path == first_path:
            parts.append("<div class=\"ssc-facts\" markdown>\n\n| | |\n|---|---|\n")
            parts += [f"| {md_escape(label)} | {value} |\n" for label, value in source_facts(view, source)]
            parts.append("\n</div>\n\n")
            if source.is_first_hand:
                parts.append(f"A first-hand account: what {md_escape(source.credit)} says of its own work.\n\n")
            if source.body.strip():
                parts.append(f"{source.body.strip()}\n\n")
        parts.append("## Cited by\n\n")
        if not cited:
            parts.append("No entry cites it yet.\n\n")
        else:
            parts.append(f"{md_escape(count_text)}.\n\n")
            if pager:
                parts.append(f"{pager}\n\n")
            locations_of = {(entry.kind, entry.id): locations for entry, locations in chunk}
            for kind, group in entries_by_kind([entry for entry, _ in chunk]).items():
                parts.append(f"### {md_escape(KIND_LABELS[kind])}\n\n")
                for entry in group:
                    years = view.years_text(entry)
                    parts.append(f"- **{view.link(shown_title(entry), entry.page_path)}**"
                                 f"{' · ' + md_escape(years) if years else ''}: "
                                 f"{md_escape('; '.join(locations_of[(entry.kind, entry.id)]))}\n")
                parts.append("\n")
            if pager:
                parts.append(f"{pager}\n\n")
        parts.append(f"{view.link('All sources', SOURCES_INDEX)}\n")
        meta = {"title": source.title}
        if path != first_path:
            meta["search"] = {"exclude": True}
        pages.append(Page(path, meta, "".join(parts)))
    return pages


def render_sources_index(knowledge_base: KnowledgeBase, cited: dict) -> list[Page]:
    """The list of every source, with who it is by, its type and how many entries cite it."""
    sources = sorted(knowledge_base.sources.values(), key=lambda s: (s.title.casefold(), s.id))
    pages = []
    for path, chunk, pager in paginate(SOURCES_INDEX, SOURCE_FOLDER, sources, size=addresses.HUB_PAGE_SIZE,
                                       noun="sources"):
        view = View(knowledge_base, path)
        parts = ["# Sources\n\n", "The publications and accounts the entries cite; each page lists the entries "
                 "that cite it, with the places cited. ", view.link("Add a source", "contribute.md"),
                 ": the contributor guide says how.\n\n"]
        if pager:
            parts.append(f"{pager}\n\n")
        for source in chunk:
            number = len(cited.get(source.id, ()))
            kind = "first-hand account by " if source.is_first_hand else ""
            parts.append(f"- **{view.link(source.title, source.page_path)}** · {md_escape(kind + source.credit)}, "
                         f"{md_escape(str(source.year))} · {md_escape(source.type_label)} · cited by {number} "
                         f"entr{'y' if number == 1 else 'ies'}\n")
        if not chunk:
            parts.append("No source yet.\n")
        if pager:
            parts.append(f"\n{pager}\n")
        pages.append(Page(path, {"title": "Sources", "search": {"exclude": True}}, "".join(parts)))
    return pages


def render_sources(knowledge_base: KnowledgeBase) -> list[Page]:
    """The sources' pages and their index."""
    cited = citing_entries(knowledge_base)
    pages = render_sources_index(knowledge_base, cited)
    for source in knowledge_base.sources.values():
        pages += render_source(knowledge_base, source, cited[source.id])
    return pages
