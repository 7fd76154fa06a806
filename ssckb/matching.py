"""Matching demand with experience: what fits each knowledge request, and which open requests fit each offer.

Pure functions over the loaded knowledge base, run at build time. A candidate fits a request only if it
shares at least one of the request's themes; it then scores, for each thing the two have in common:

- 3 points per shared theme;
- 2 points per shared IFAD region (of the countries asking and of those taking part or offering);
- 1 point per shared modality, participant type and language;
- 2 points, once, when the provider has done it before: an offer whose activities or learning routes (or
  those its institutions hosted or ran) share a theme with the request.

Host institutions score 3 per theme shared through the activities and learning routes they hosted, 2 per
shared region of the country they are based in, and 1 per such activity or route. Lessons score 3 per
shared theme and 1 per past activity that fits the request and illustrates the lesson.

Ties are broken by id, so the ranking never depends on the order in which files were read. The reasons
are data (what is shared, in the request's own order); the words are the rendering's.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Entry, KnowledgeBase

#: Points for each thing shared (see the module's doc and docs/methodology.md).
WEIGHTS = {"themes": 3, "regions": 2, "modalities": 1, "participants": 1, "languages": 1, "experience": 2,
           "hosted": 1, "illustrates": 1}
#: The most matches of each list on a page.
LIMITS = {"offers": 10, "experience": 5, "hosts": 5, "lessons": 3, "requests": 10}
#: The facets compared, in the order their reasons are given.
FACETS = ("themes", "regions", "modalities", "participants", "languages")
#: Roles in which an institution shared its own experience (activities' ``host``; routes' case hosts and
#: organisers, and an activity's implementer, count as having done it for an offer's provider).
HOST_ROLES = frozenset({"host"})
PROVIDER_ROLES = frozenset({"host", "implementer", "organiser"})
#: Kinds of past experience a request is compared with.
EXPERIENCE_KINDS = ("activity", "learning_route")


@dataclass(frozen=True)
class Reason:
    """One thing a match shares with the request: ``what`` is a key of WEIGHTS; ``values`` are term ids
    (themes, regions, modalities, participant types, languages) or (kind, id) pairs of entries."""

    what: str
    values: tuple


@dataclass(frozen=True)
class Match:
    """A candidate that fits, with its score and why. ``kind`` is an entry kind or 'institution'."""

    kind: str
    id: str
    score: int
    reasons: tuple


@dataclass(frozen=True)
class RequestMatches:
    """Everything that fits one request, each list best first."""

    offers: tuple
    experience: tuple  # past activities and learning routes
    hosts: tuple  # institutions that hosted such experience
    lessons: tuple


def facet_values(knowledge_base: KnowledgeBase, entry: Entry) -> dict:
    """What an entry is compared by: facet -> its values in the entry's order."""
    return {"themes": entry.themes, "regions": knowledge_base.regions_of(entry), "modalities": entry.modalities,
            "participants": entry.participants, "languages": list(entry.data.get("languages", ()))}


def _ranked(matches, limit: int) -> tuple:
    """Best score first, ties by id (then kind): a total order, whatever the input order."""
    return tuple(sorted(matches, key=lambda match: (-match.score, match.id, match.kind))[:limit])


def _shared_facets(wanted: dict, offered: dict) -> list[Reason]:
    reasons = []
    for facet in FACETS:
        present = set(offered.get(facet, ()))
        shared = tuple(value for value in dict.fromkeys(wanted.get(facet, ())) if value in present)
        if shared:
            reasons.append(Reason(facet, shared))
    return reasons


def _score(reasons) -> int:
    return sum(WEIGHTS[reason.what] * (1 if reason.what == "experience" else len(reason.values))
               for reason in reasons)


def provider_experience(knowledge_base: KnowledgeBase, offer: Entry) -> list[Entry]:
    """The activities and learning routes that show an offer's experience: those it lists (or that list it),
    and those its institutions hosted, ran or organised; newest first."""
    found = {(e.kind, e.id): e for kind in EXPERIENCE_KINDS for e in knowledge_base.linked(offer, kind)}
    institutions = set(offer.institutions)
    if institutions:
        for kind in EXPERIENCE_KINDS:
            for entry in knowledge_base.entries.get(kind, {}).values():
                if any(inst in institutions and role in PROVIDER_ROLES for inst, role in entry.institution_roles()):
                    found[(entry.kind, entry.id)] = entry
    return sorted(found.values(), key=lambda e: e.sort_key)


def fit(knowledge_base: KnowledgeBase, request: Entry, candidate: Entry) -> Match | None:
    """How well ``candidate`` (an offer, an activity, a learning route) fits ``request``; None if it shares
    none of the request's themes."""
    wanted = facet_values(knowledge_base, request)
    reasons = _shared_facets(wanted, facet_values(knowledge_base, candidate))
    if not reasons or reasons[0].what != "themes":
        return None
    if candidate.kind == "offer":
        themes = set(request.themes)
        done = tuple((e.kind, e.id) for e in provider_experience(knowledge_base, candidate)
                     if themes.intersection(e.themes))
        if done:
            reasons.append(Reason("experience", done))
    return Match(candidate.kind, candidate.id, _score(reasons), tuple(reasons))


def _hosts(knowledge_base: KnowledgeBase, request: Entry, fitting: list[Entry]) -> tuple:
    """Institutions that hosted fitting experience (not the requester's own), best first."""
    own = set(request.institutions)
    wanted_regions = knowledge_base.regions_of(request)
    themes_of: dict = {}
    entries_of: dict = {}
    for entry in fitting:
        for inst, role in entry.institution_roles():
            if role in HOST_ROLES and inst not in own and inst in knowledge_base.vocabularies.institutions:
                themes_of.setdefault(inst, set()).update(entry.themes)
                entries_of.setdefault(inst, []).append((entry.kind, entry.id))
    matches = []
    for inst, themes in themes_of.items():
        reasons = [Reason("themes", tuple(t for t in request.themes if t in themes))]
        country = knowledge_base.vocabularies.institutions.get(inst).get("country")
        region = knowledge_base.vocabularies.region_of_country.get(country) if country else None
        if region in wanted_regions:
            reasons.append(Reason("regions", (region,)))
        reasons.append(Reason("hosted", tuple(entries_of[inst])))
        matches.append(Match("institution", inst, _score(reasons), tuple(reasons)))
    return _ranked(matches, LIMITS["hosts"])


def _lessons(knowledge_base: KnowledgeBase, request: Entry, experience: tuple) -> tuple:
    shown = {(match.kind, match.id) for match in experience}
    matches = []
    for lesson in knowledge_base.entries.get("lesson", {}).values():
        reasons = []
        shared = tuple(t for t in request.themes if t in set(lesson.themes))
        if shared:
            reasons.append(Reason("themes", shared))
        illustrated = tuple((e.kind, e.id) for kind in EXPERIENCE_KINDS for e in knowledge_base.linked(lesson, kind)
                            if (e.kind, e.id) in shown)
        if illustrated:
            reasons.append(Reason("illustrates", illustrated))
        if reasons:
            matches.append(Match("lesson", lesson.id, _score(reasons), tuple(reasons)))
    return _ranked(matches, LIMITS["lessons"])


def request_matches(knowledge_base: KnowledgeBase, request: Entry) -> RequestMatches:
    """The open offers, past activities and learning routes, host institutions and lessons that fit a
    request, best first. What the request already became, or the offers it names, are listed with the
    request's links rather than again here."""
    memo = knowledge_base.memo.setdefault("request_matches", {})
    if request.id in memo:
        return memo[request.id]
    named = {(e.kind, e.id) for kind in ("activity", "offer") for e in knowledge_base.linked(request, kind)}
    offers = [fit(knowledge_base, request, offer) for offer in knowledge_base.entries.get("offer", {}).values()
              if offer.status == "open" and ("offer", offer.id) not in named]
    fitting = [entry for kind in EXPERIENCE_KINDS for entry in knowledge_base.entries.get(kind, {}).values()
               if set(request.themes).intersection(entry.themes)]
    experience = [fit(knowledge_base, request, entry) for entry in fitting if (entry.kind, entry.id) not in named]
    ranked_experience = _ranked([m for m in experience if m], LIMITS["experience"])
    result = RequestMatches(
        offers=_ranked([m for m in offers if m], LIMITS["offers"]),
        experience=ranked_experience,
        hosts=_hosts(knowledge_base, request, fitting),
        lessons=_lessons(knowledge_base, request, ranked_experience),
    )
    memo[request.id] = result
    return result


def offer_matches(knowledge_base: KnowledgeBase, offer: Entry) -> tuple:
    """The open requests an offer fits, best first (scored as the request would score the offer)."""
    memo = knowledge_base.memo.setdefault("offer_matches", {})
    if offer.id not in memo:
        matches = []
        for request in knowledge_base.entries.get("request", {}).values():
            found = fit(knowledge_base, request, offer) if request.status == "open" else None
            if found is not None:
                matches.append(Match("request", request.id, found.score, found.reasons))
        memo[offer.id] = _ranked(matches, LIMITS["requests"])
    return memo[offer.id]
