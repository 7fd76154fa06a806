"""The words of the search box in the reader's language, from the message catalog, for the browser's script.

The index writes them in its manifest (``search/<lang>/manifest.js``, key ``words``), so that
``ssckb/assets/search/search.js`` holds no word a reader sees. A count is given in each plural category of
the language as CLDR names them (``zero``, ``one``, ``two``, ``few``, ``many``, ``other``): the browser picks
one with ``Intl.PluralRules`` and puts the number, formatted for the language, in place of ``{n}``. Each
category's text is the catalog's own form for a number of that category, so the catalog's plural rule
decides, never an ``n == 1``.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale

from ..i18n import N_, N_plural, _, ngettext, rendering_language

#: What the results panel says, before and after a query.
PLACEHOLDER = N_("Type to start searching")
NO_RESULT = N_("No matching documents")
#: How many results a query found, and the button that shows more of them.
RESULTS = N_plural("{n} matching document", "{n} matching documents")
MORE = N_plural("Show {n} more", "Show {n} more")

#: What each result is, by the kind of its document (ssckb/search/documents.py).
KIND_NAMES = {"activity": N_("Activity"), "lesson": N_("Lesson learned"), "learning_route": N_("Learning route"),
              "request": N_("Knowledge request"), "offer": N_("Knowledge offer"), "page": N_("Page"),
              "guide": N_("For contributors")}
#: The titles of the groups of results that follow the entries.
GROUP_TITLES = {"page": N_("Pages of the site"), "guide": N_("For contributors")}

#: Numbers tried to find one of each plural category (CLDR's rules all pick theirs among these).
_SAMPLES = (*range(0, 200), 1_000_000)


@lru_cache(maxsize=None)
def plural_samples(code: str) -> dict:
    """Plural category -> the smallest sample number of that category in ``code``, by CLDR (Babel)."""
    rule = Locale.parse(code).plural_form
    found: dict = {}
    for value in _SAMPLES:
        found.setdefault(rule(value), value)
    return dict(sorted(found.items()))


def list_separator(code: str) -> str:
    """What stands between two items of a list in ``code``, by CLDR: ', ' in English, ' و' in Arabic."""
    middle = Locale.parse(code).list_patterns["standard"]["middle"]
    return middle.replace("{0}", "", 1).replace("{1}", "", 1)


def plural_forms(singular: str, plural: str, code: str) -> dict:
    """The catalog's form of a counted message for each plural category of ``code``."""
    with rendering_language(code):
        return {category: ngettext(singular, plural, value) for category, value in plural_samples(code).items()}


def search_words(code: str) -> dict:
    """Every word the search box shows, in ``code``."""
    with rendering_language(code):
        return {"placeholder": _(PLACEHOLDER), "none": _(NO_RESULT), "separator": list_separator(code),
                "results": plural_forms(*RESULTS, code), "more": plural_forms(*MORE, code),
                "kinds": {kind: _(name) for kind, name in KIND_NAMES.items()},
                "groups": {group: _(title) for group, title in GROUP_TITLES.items()}}
