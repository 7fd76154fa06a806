"""Words of the knowledge base in a language of the site, with English when there is no translation.

Pure functions over the loaded data. Each returns a :class:`Localized`: the text, the language it is
really in, and ``fallback``, true when the English was given because the language has none (a page
can then say so, or mark the text ``lang="en"``). Vocabulary terms carry their translations
(``labels:``, ``descriptions:``; an institution's ``names:`` and ``acronyms:``); country names come
from CLDR through Babel, except in English, where the United Nations names the source uses are kept
(ssckb/vocabularies/countries.yml); an entry's title and summary come from its ``translations:`` and
its body from the file beside it (``name.es.md``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from .languages import SOURCE_LANGUAGE


class Localized(NamedTuple):
    """A text in a language: ``fallback`` says the English was given for want of a translation."""

    text: str
    language: str
    fallback: bool


def _pick(translations, english: str, language: str) -> Localized:
    """The translation in ``language`` from (language, text) pairs or a mapping, else the English."""
    if language != SOURCE_LANGUAGE:
        text = dict(translations or ()).get(language)
        if isinstance(text, str) and text.strip():
            return Localized(text, language, False)
        return Localized(english, SOURCE_LANGUAGE, True)
    return Localized(english, SOURCE_LANGUAGE, False)


def term_label(term, language: str) -> Localized:
    """A vocabulary term's label (an institution's name) in ``language``."""
    return _pick(term.labels, term.label, language)


def term_description(term, language: str) -> Localized:
    """A vocabulary term's description in ``language`` (empty and not a fallback when it has none)."""
    if not term.description:
        return Localized("", language, False)
    return _pick(term.descriptions, term.description, language)


def institution_acronym(term, language: str) -> Localized:
    """An institution's acronym in ``language`` ('FIDA' for IFAD in Spanish): the English acronym is no
    fallback when the registry gives none for the language, since most acronyms are the same in all."""
    english = term.get("acronym") or ""
    own = dict(term.get("acronyms") or ()).get(language) if language != SOURCE_LANGUAGE else None
    return Localized(own, language, False) if own else Localized(english, language, False)


@lru_cache(maxsize=8)
def _cldr_territories(language: str) -> dict:
    from babel import Locale  # only when a name in another language is asked for

    return dict(Locale.parse(language).territories)


def country_name(code: str, language: str, vocabularies) -> Localized:
    """A country's name: the UN name of the vocabulary in English, CLDR's name (Babel) in another
    language, and the English one (a fallback) for a code CLDR does not name."""
    term = vocabularies.countries.get(code)
    english = term.label if term is not None else code
    if language == SOURCE_LANGUAGE:
        return Localized(english, SOURCE_LANGUAGE, False)
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    name = _cldr_territories(language).get(country.alpha_2) if country is not None else None
    return Localized(name, language, False) if name else Localized(english, SOURCE_LANGUAGE, True)


def _translation(entry_data: dict, language: str) -> dict:
    translations = entry_data.get("translations")
    own = translations.get(language) if isinstance(translations, dict) else None
    return own if isinstance(own, dict) else {}


def entry_title(entry_data: dict, language: str) -> Localized:
    """An entry's title in ``language`` (``entry_data`` is its front matter)."""
    return _pick({language: _translation(entry_data, language).get("title")}, entry_data["title"], language)


def summary_field(entry_data: dict) -> str:
    """The name of an entry's one-sentence field: ``statement`` for a lesson, ``summary`` for the others."""
    return "statement" if "statement" in entry_data and "summary" not in entry_data else "summary"


def entry_summary(entry_data: dict, language: str) -> Localized:
    """An entry's summary (a lesson's statement) in ``language``."""
    name = summary_field(entry_data)
    english = entry_data.get(name) or ""
    return _pick({language: _translation(entry_data, language).get(name)}, english, language)


def entry_body(entry, language: str) -> Localized:
    """An entry's body in ``language``: its file ``name.LANG.md`` when there is one, else the English."""
    return _pick(entry.bodies, entry.body, language)
