"""Requests and offers on the pages: the matches of each (ssckb.matching) with the reasons they were chosen,
and the hub of open requests and offers."""

from __future__ import annotations

import re

from markupsafe import Markup

from ..matching import WEIGHTS, Match, Reason, offer_matches, request_matches
from ..mdtext import md_escape
from ..i18n import N_, _, counted, number, pgettext
from ..model import KIND_FOLDERS, KIND_LABELS, Entry, KnowledgeBase
from ..pages import MATCH_REASON_WORDS, MATCH_WORDS, STATUS_LABELS, Page, View, shown_language, summary_markup

PATH = "demand/index.md"
#: Where the ranking is explained: a section of the hub, made from ssckb.matching.WEIGHTS (a generated page,
#: so that it is there whatever hand-written pages a knowledge base has; docs/methodology.md says more).
METHOD_PAGE, METHOD_ANCHOR = PATH, "how-matches-are-ranked"
#: Entries named in one reason before "and N more"; matches of each kind on the hub.
ENTRIES_SHOWN = 3
HUB_SHOWN = 3
#: Dimensions of ssckb.indexes behind each facet a reason names.
_FACET_DIMENSIONS = {"themes": "theme", "regions": "region", "modalities": "modality", "participants": "participant"}


_SLOT = re.compile(r"(\{[a-z]+\})")


def fill(text: str, **links) -> Markup:
    """Words with links in their slots: 'see {guide}.' with guide=a Markdown link; the words are escaped."""
    out = Markup("")
    for part in _SLOT.split(text):
        if _SLOT.fullmatch(part):
            out += links[part[1:-1]]
        elif part:
            out += Markup(" " if part[0].isspace() else "") + md_escape(part) + \
                Markup(" " if part[-1].isspace() and part.strip() else "")
    return out


def _entry_link(view: View, kind: str, entry_id: str) -> Markup:
    entry = view.kb.get(kind, entry_id)
    return view.entry_link(entry) if entry is not None else md_escape(entry_id)


def reason_text(view: View, reason: Reason) -> Markup:
    """One reason in words: 'themes: Gender equality, Rural finance' or 'hosted: [an activity](...)'."""
    words = md_escape(_(MATCH_REASON_WORDS[reason.what]))
    if reason.what in _FACET_DIMENSIONS:
        values = [md_escape(view.term_label(_FACET_DIMENSIONS[reason.what], value)) for value in reason.values]
    elif reason.what == "languages":
        values = [md_escape(shown_language(code, view.kb)) for code in reason.values]
    else:
        values = [_entry_link(view, kind, entry_id) for kind, entry_id in reason.values[:ENTRIES_SHOWN]]
        if len(reason.values) > ENTRIES_SHOWN:
            values.append(md_escape(counted(*MATCH_WORDS["more"], len(reason.values) - ENTRIES_SHOWN)))
    return Markup(_("%(reason)s: %(values)s") % {"reason": words, "values": Markup(_(", ")).join(values)})


def match_item(view: View, match: Match) -> str:
    """A list item: the match linked, its points, and why it was chosen."""
    if match.kind == "institution":
        target = view.term_link("institution", match.id)
    else:
        target = _entry_link(view, match.kind, match.id)
    reasons = Markup(_("; ")).join(reason_text(view, reason) for reason in match.reasons)
    points = md_escape(counted(*MATCH_WORDS["score"], match.score))
    return "- " + _("%(match)s (%(points)s): %(reasons)s") % {"match": f"**{target}**", "points": points,
                                                            "reasons": reasons} + "\n"


def _method_link(view: View) -> Markup:
    return view.link(_(MATCH_WORDS["method"]), METHOD_PAGE, METHOD_ANCHOR)


def request_sections(knowledge_base: KnowledgeBase, view: View, request: Entry) -> str:
    """The matches on a request's page: offers, past experience, host institutions, lessons."""
    matches = request_matches(knowledge_base, request)
    intro = fill(_(MATCH_WORDS["intro"]), method=_method_link(view))
    parts = [f"<div class=\"ssc-matches\" markdown>\n\n## {md_escape(_(MATCH_WORDS['offers']))}\n\n{intro}\n\n"]
    if matches.offers:
        parts += [match_item(view, match) for match in matches.offers]
        parts.append("\n")
    else:
        parts.append(f"{md_escape(_(MATCH_WORDS['no_offers']))}\n\n")
    for key in ("experience", "hosts", "lessons"):
        found = getattr(matches, key)
        if found:
            parts.append(f"## {md_escape(_(MATCH_WORDS[key]))}\n\n" + "".join(match_item(view, m) for m in found) + "\n")
    parts.append(f"{md_escape(_(MATCH_WORDS['contact']))}\n\n</div>\n\n")
    return "".join(parts)


def offer_sections(knowledge_base: KnowledgeBase, view: View, offer: Entry) -> str:
    """The open requests an offer fits, on the offer's page."""
    matches = offer_matches(knowledge_base, offer)
    intro = fill(_(MATCH_WORDS["offer_intro"]), method=_method_link(view))
    parts = [f"<div class=\"ssc-matches\" markdown>\n\n## {md_escape(_(MATCH_WORDS['requests']))}\n\n"]
    if matches:
        parts.append(f"{intro}\n\n" + "".join(match_item(view, match) for match in matches) + "\n")
    else:
        parts.append(f"{md_escape(_(MATCH_WORDS['no_requests']))}\n\n")
    parts.append(f"{md_escape(_(MATCH_WORDS['contact']))}\n\n</div>\n\n")
    return "".join(parts)


def match_sections(knowledge_base: KnowledgeBase, view: View, entry: Entry) -> str:
    """What an entry page shows of its matches: only requests and offers have any."""
    if entry.kind == "request":
        return request_sections(knowledge_base, view, entry)
    if entry.kind == "offer":
        return offer_sections(knowledge_base, view, entry)
    return ""


HUB_WORDS = {
    "title": N_("Requests and offers"),
    "intro": N_("South-South cooperation starts from someone asking to learn. Here are the knowledge requests "
                "still open, with the offers and past experience that fit them, and the offers of experience "
                "with the open requests they fit. Every match is worked out from the entries when the site is "
                "built; {method}."),
    "open_requests": N_("Open requests"), "open_offers": N_("Open offers"),
    "answered": N_("Matched and closed requests"), "became": N_("became"),
    "best_offers": N_("Offers that fit best"), "best_experience": N_("Experience that fits best"),
    "fits": N_("Open requests it fits"),
    "none_requests": N_("No request is open."), "none_offers": N_("No offer is open."),
    "all": N_("Every request or offer, whatever its status:"),
    "ask": N_("To ask to learn something, or to offer your experience, see {guide}."),
    "guide": N_("how to contribute"),
}


def _short(view: View, match: Match) -> Markup:
    """A match on the hub: linked, with its points."""
    target = view.term_link("institution", match.id) if match.kind == "institution" \
        else _entry_link(view, match.kind, match.id)
    return Markup(_("%(match)s (%(points)s)") % {"match": target, "points": md_escape(counted(*MATCH_WORDS["score"], match.score))})


def ranking_section() -> str:
    """How matches are ranked, with the points of ssckb.matching.WEIGHTS."""
    shared, points = pgettext("what is shared", "Shared"), _(MATCH_WORDS["weights_header"][1])
    rows = "".join(f"| {md_escape(_(MATCH_WORDS['weights'][key]))} | {md_escape(number(weight))} |\n"
                   for key, weight in WEIGHTS.items())
    # The heading's anchor is fixed ({ #... }, attr_list): the links to it are the same in every language.
    return (f"## {md_escape(_(MATCH_WORDS['ranking']))} {{ #{METHOD_ANCHOR} }}\n\n{md_escape(_(MATCH_WORDS['ranking_intro']))}\n\n"
            f"| {md_escape(shared)} | {md_escape(points)} |\n|---|--:|\n{rows}")


def render_demand_hub(knowledge_base: KnowledgeBase) -> Page:
    """The hub: open requests with their best matches, open offers with the requests they fit, and the
    requests already matched or closed with what they became."""
    view = View(knowledge_base, PATH)
    requests = sorted(knowledge_base.entries.get("request", {}).values(), key=lambda e: e.sort_key)
    offers = sorted(knowledge_base.entries.get("offer", {}).values(), key=lambda e: e.sort_key)
    intro = fill(_(HUB_WORDS["intro"]), method=_method_link(view))
    parts = [f"# {md_escape(_(HUB_WORDS['title']))}\n\n{intro}\n\n"]
    parts.append(f"## {md_escape(_(HUB_WORDS['open_requests']))}\n\n")
    open_requests = [r for r in requests if r.status == "open"]
    for request in open_requests:
        matches = request_matches(knowledge_base, request)
        parts.append(f"### {view.entry_link(request)}\n\n{summary_markup(request)}\n\n")
        for key, found in (("best_offers", matches.offers), ("best_experience", matches.experience)):
            if found:
                parts.append("- " + _("%(reason)s: %(values)s") % {
                    "reason": md_escape(_(HUB_WORDS[key])),
                    "values": _(", ").join(_short(view, m) for m in found[:HUB_SHOWN])} + "\n")
        parts.append("\n")
    if not open_requests:
        parts.append(f"{md_escape(_(HUB_WORDS['none_requests']))}\n\n")
    parts.append(f"## {md_escape(_(HUB_WORDS['open_offers']))}\n\n")
    open_offers = [o for o in offers if o.status == "open"]
    for offer in open_offers:
        found = offer_matches(knowledge_base, offer)
        parts.append(f"### {view.entry_link(offer)}\n\n{summary_markup(offer)}\n\n")
        if found:
            parts.append("- " + _("%(reason)s: %(values)s") % {
                "reason": md_escape(_(HUB_WORDS["fits"])),
                "values": _(", ").join(_short(view, m) for m in found[:HUB_SHOWN])} + "\n\n")
    if not open_offers:
        parts.append(f"{md_escape(_(HUB_WORDS['none_offers']))}\n\n")
    answered = [r for r in requests if r.status != "open"]
    if answered:
        parts.append(f"## {md_escape(_(HUB_WORDS['answered']))}\n\n")
        for request in answered:
            became = knowledge_base.linked(request, "activity") + knowledge_base.linked(request, "offer")
            tail = ""
            if became:
                tail = f"; {md_escape(_(HUB_WORDS['became']))}: " + _(", ").join(
                    view.entry_link(e) for e in became)
            parts.append(f"- {view.entry_link(request)} "
                         f"({md_escape(_(STATUS_LABELS[request.status]))}){tail}\n")
        parts.append("\n")
    parts.append(f"{md_escape(_(HUB_WORDS['all']))} "
                 f"{view.link(_(KIND_LABELS['request']), KIND_FOLDERS['request'] + '/index.md')} · "
                 f"{view.link(_(KIND_LABELS['offer']), KIND_FOLDERS['offer'] + '/index.md')}.\n\n")
    ask = fill(_(HUB_WORDS["ask"]), guide=view.link(_(HUB_WORDS["guide"]), "contribute.md"))
    parts.append(f"{ask}\n\n")
    parts.append(ranking_section())
    return Page(PATH, {"title": _(HUB_WORDS["title"])}, "".join(parts))
