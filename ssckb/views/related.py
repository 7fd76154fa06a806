"""Related entries: those that share the most *specific* themes, countries and institutions with an entry.

Each shared term weighs its inverse document frequency, log((N + 1) / (n + 1))
for a term used by n of the N entries, so that sharing a country named by two
entries counts far more than sharing IFAD, which is in nearly all of them.
Entries already linked to the entry (lessons, routes, activities) are listed
under their own heading and not repeated here.

Candidates are found through the entries of each term (an inverted index) and
the best 50 by their specific terms are scored in full, which keeps the work
near-linear in the number of entries; a term used by very many entries (more
than one in twenty, and more than 100) still adds to the score of a candidate
but does not bring in candidates.
"""

from __future__ import annotations

import heapq
import math
import weakref
from operator import itemgetter

from ..i18n import _
from ..model import Entry, KnowledgeBase
from ..pages import shown_institution, shown_label

LIMIT = 5
SHORTLIST = 50  # candidates scored in full, best by their specific terms
MIN_SCORE = 1.0
REASON_WEIGHT = math.log(2)  # a term in more than about half of the entries says little
FACETS = ("theme", "country", "institution")


def _terms(entry: Entry) -> list[tuple[str, str]]:
    return ([("theme", t) for t in entry.themes] + [("country", c) for c in entry.countries]
            + [("institution", i) for i in entry.institutions])


def compute_related(knowledge_base: KnowledgeBase) -> dict:
    """(kind, id) -> [(related entry, [shared (facet, term id)] most specific first)], best first."""
    entries = knowledge_base.all_entries()
    terms = [sorted(set(_terms(entry))) for entry in entries]
    term_sets = [set(keys) for keys in terms]
    postings: dict = {}
    for index, keys in enumerate(terms):
        for key in keys:
            postings.setdefault(key, []).append(index)
    total = len(entries)
    weight = {key: math.log((total + 1) / (len(found) + 1)) for key, found in postings.items()}
    finder_limit = max(100, total // 20)
    finders = [[(postings[key], weight[key]) for key in keys if len(postings[key]) <= finder_limit] for keys in terms]
    # The other terms of each entry add to a candidate's score without bringing candidates in.
    common_terms = [[(key, weight[key]) for key in keys if len(postings[key]) > finder_limit] for keys in terms]
    sort_keys = [entry.sort_key for entry in entries]
    # The order of the reasons: most specific first, then by facet and id.
    reason_order = {key: (-round(w, 9), FACETS.index(key[0]), key[1]) for key, w in weight.items()}
    by_score = itemgetter(1)
    related: dict = {}
    for index, entry in enumerate(entries):
        partial: dict = {}
        get = partial.get
        for found, step in finders[index]:
            for other in found:
                partial[other] = get(other, 0.0) + step
        partial.pop(index, None)
        if len(partial) > SHORTLIST:  # ties keep the order of the entries, so the shortlist is deterministic
            shortlist = [other for other, _ in heapq.nlargest(SHORTLIST, partial.items(), key=by_score)]
        else:
            shortlist = list(partial)
        # (the links themselves, not KnowledgeBase.linked, which sorts the entries for display)
        linked = {(kind, other_id) for kind, ids in knowledge_base.links.get((entry.kind, entry.id), {}).items()
                  for other_id in ids}
        own = term_sets[index]
        extra_terms = common_terms[index]
        ranked = []
        for other in shortlist:
            other_entry = entries[other]
            if linked and (other_entry.kind, other_entry.id) in linked:
                continue
            # The full score: the specific terms' part is already in partial; add the common terms shared.
            score = partial[other]
            if extra_terms:
                other_terms = term_sets[other]
                for key, step in extra_terms:
                    if key in other_terms:
                        score += step
            score = round(score, 9)
            if score >= MIN_SCORE:
                ranked.append((-score, sort_keys[other], other_entry.kind, other))
        ranked.sort()
        # Shown as the reason, for the few kept: the shared terms that fewer than half of the entries have.
        related[(entry.kind, entry.id)] = [
            (entries[other], sorted((k for k in own & term_sets[other] if weight[k] >= REASON_WEIGHT),
                                    key=reason_order.__getitem__))
            for _, _, _, other in ranked[:LIMIT]]
    return related


_cache: dict = {}


def related_entries(knowledge_base: KnowledgeBase, entry: Entry) -> list:
    """The related entries of ``entry``; computed once per knowledge base."""
    cached = _cache.get("kb")
    if cached is None or cached[0]() is not knowledge_base:
        _cache["kb"] = (weakref.ref(knowledge_base), compute_related(knowledge_base))
        cached = _cache["kb"]
    return cached[1].get((entry.kind, entry.id), [])


_VOCABULARY = {"theme": "themes", "country": "countries", "institution": "institutions"}


def shared_text(knowledge_base: KnowledgeBase, shared: list, limit: int = 4) -> str:
    """'India, Indonesia, Financial services': the most specific shared terms, by name."""
    names = []
    for facet, term_id in shared[:limit]:
        term = knowledge_base.vocabularies[_VOCABULARY[facet]].get(term_id)
        if term is None:
            names.append(str(term_id))
        else:  # in the language being rendered
            names.append(shown_institution(term) if facet == "institution" else shown_label(facet, term_id, knowledge_base))
    separator = _(", ")
    return separator.join(names) + (separator + "…" if len(shared) > limit else "")
