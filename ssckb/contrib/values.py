"""Answers in words turned into the values entries hold: country names into ISO codes, names of
institutions into registry ids, language names into ISO 639-1 codes, amounts into numbers, year
ranges into ``{start, end}``.

Pure functions. Country names come from the project's vocabulary (ISO 3166-1 through pycountry, the
UN spellings and aliases of ssckb/vocabularies/countries.yml) and from the CLDR territory names
Babel ships, in English, Spanish, French and Portuguese; matching ignores case and accents.
A function that cannot read an answer raises :class:`Unreadable` with the key of its message
(ssckb/contrib/messages.py).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pycountry

#: The languages whose country names are understood.
LANGUAGES = ("en", "es", "fr", "pt")

_ARTICLES = {"the", "la", "le", "les", "l", "el", "los", "las", "o", "os", "as"}
#: Words that say a name is a region rather than a country.
_REGION_WORDS = {"africa", "afrique", "asia", "asie", "america", "amerique", "europe", "europa", "pacific",
                 "pacifique", "pacifico", "caribbean", "caraibes", "caribe", "near east", "middle east",
                 "latin america", "sahel", "mekong"}


class Unreadable(ValueError):
    """An answer that cannot be turned into a value: ``key`` names the message, ``details`` fill it."""

    def __init__(self, key: str, **details):
        super().__init__(key)
        self.key = key
        self.details = details


def normalized(text: str) -> str:
    """A name for comparing: no accents, no case, punctuation as spaces ('Côte d'Ivoire' -> 'cote d ivoire')."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text.casefold()).split())


@lru_cache(maxsize=8)
def cldr_country_names(languages: tuple = LANGUAGES) -> tuple:
    """(normalized name, alpha-3 code) of every country name CLDR gives in ``languages``, in order."""
    from babel import Locale  # only when a form is read

    pairs = []
    for language in languages:
        for alpha_2, name in sorted(Locale(language).territories.items()):
            country = pycountry.countries.get(alpha_2=alpha_2) if len(alpha_2) == 2 else None
            if country is not None:
                pairs.append((normalized(name), country.alpha_3))
    return tuple(pairs)


def country_index(vocabularies) -> dict:
    """Normalized name -> alpha-3 code: the vocabulary's codes, names and aliases first, then CLDR's names."""
    index: dict = {}
    for term in vocabularies.countries:
        for name in (term.id, term.label, *term.aliases):
            index.setdefault(normalized(name), term.id)
    for name, code in cldr_country_names():
        index.setdefault(name, code)
    return index


def country_code(name: str, index: dict, vocabularies) -> str:
    """The alpha-3 code of a country name ('Moçambique' -> 'MOZ'); raises Unreadable."""
    key = normalized(name)
    if not key:
        raise Unreadable("empty")
    if key in index:
        return index[key]
    words = key.split(" ")
    if len(words) > 1 and words[0] in _ARTICLES and " ".join(words[1:]) in index:
        return index[" ".join(words[1:])]
    for region in vocabularies.regions:
        if key in (normalized(region.label), normalized(region.id)):
            raise Unreadable("region_as_country", region=region.label)
    if any(word in f" {key} " for word in (f" {w} " for w in _REGION_WORDS)):
        raise Unreadable("region_as_country", region=name.strip())
    suggestion = vocabularies.countries.suggest(name)
    raise Unreadable("unknown_country", suggestion=vocabularies.countries.describe(suggestion) if suggestion else "")


def institution_index(vocabularies) -> dict:
    """Normalized id, name, acronym or alias -> institution id."""
    index: dict = {}
    for term in vocabularies.institutions:
        for name in (term.id, term.label, term.get("acronym") or "", *term.aliases):
            if name:
                index.setdefault(normalized(name), term.id)
    return index


_PARENTHESIS = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*\Z")


def institution_id(name: str, index: dict, vocabularies) -> str:
    """The registry id of an institution named by its name, acronym or alias: 'Name (ACRONYM)' too."""
    candidates = [name]
    match = _PARENTHESIS.match(name)
    if match:
        candidates += [match.group(2), match.group(1)]
    for candidate in candidates:
        key = normalized(candidate)
        if key and key in index:
            return index[key]
    suggestion = vocabularies.institutions.suggest(name)
    raise Unreadable("unknown_institution",
                     suggestion=vocabularies.institutions.describe(suggestion) if suggestion else "")


# --- Languages ----------------------------------------------------------------------------------

@lru_cache(maxsize=8)
def cldr_language_names(languages: tuple = LANGUAGES) -> tuple:
    """(normalized name, code) of every language name CLDR gives in ``languages``, and each language's name
    in itself ('español', 'français'), in order."""
    from babel import Locale, UnknownLocaleError  # only when a form is read

    pairs = []
    for language in languages:
        for code, name in sorted(Locale(language).languages.items()):
            if len(code) == 2:
                pairs.append((normalized(name), code))
    for code in sorted(code for _, code in pairs):
        try:
            own = Locale(code).get_display_name(code)
        except (UnknownLocaleError, ValueError):
            continue
        if own:
            pairs.append((normalized(own), code))
    return tuple(pairs)


def language_index(vocabularies) -> dict:
    """Normalized code, name or alias -> ISO 639-1 code: the vocabulary's first, then CLDR's names."""
    index: dict = {}
    for term in vocabularies["languages"]:
        for name in (term.id, term.label, *term.aliases):
            index.setdefault(normalized(name), term.id)
    known = {term.id for term in vocabularies["languages"]}
    for name, code in cldr_language_names():
        if code in known:
            index.setdefault(name, code)
    return index


def language_code(name: str, index: dict, vocabularies) -> str:
    """The ISO 639-1 code of a language named in English, Spanish, French or Portuguese, or by its code
    ('Français' -> 'fr'); raises Unreadable."""
    key = normalized(name)
    if not key:
        raise Unreadable("empty")
    if key in index:
        return index[key]
    suggestion = vocabularies["languages"].suggest(name)
    raise Unreadable("unknown_language",
                     suggestion=vocabularies["languages"].describe(suggestion) if suggestion else "")


# --- Amounts ------------------------------------------------------------------------------------

_CURRENCY_SIGNS = {"us$": "USD", "$": "USD", "usd": "USD", "us dollars": "USD", "dollars": "USD",
                   "€": "EUR", "eur": "EUR", "euros": "EUR", "euro": "EUR", "£": "GBP", "gbp": "GBP"}
_MULTIPLIERS = {"million": 10 ** 6, "millions": 10 ** 6, "mn": 10 ** 6, "m": 10 ** 6, "mio": 10 ** 6,
                "billion": 10 ** 9, "billions": 10 ** 9, "bn": 10 ** 9, "thousand": 10 ** 3, "k": 10 ** 3}
_AMOUNT = re.compile(
    r"^(?P<before>us\$|\$|€|£|[a-z]{3}(?=[\s\d]))?\s*"
    r"(?P<number>\d[\d.,\s\u00a0\u202f']*?)\s*"
    r"(?P<multiplier>millions?|mn|mio|m|billions?|bn|thousand|k)?\.?\s*"
    r"(?P<after>us dollars|dollars|euros?|[a-z]{3})?\s*\Z", re.I)


def _number(text: str) -> float:
    digits = re.sub(r"[\s\u00a0\u202f']", "", text)
    if "," in digits and "." in digits:  # the last sign is the decimal one: 1,500.50 or 1.500,50
        thousands, decimal = (".", ",") if digits.rfind(",") > digits.rfind(".") else (",", ".")
        digits = digits.replace(thousands, "").replace(decimal, ".")
    else:
        for sign in (",", "."):
            groups = digits.split(sign)
            if len(groups) > 1:
                if all(len(group) == 3 for group in groups[1:]) and (sign == "," or len(groups) > 2):
                    digits = digits.replace(sign, "")  # thousands: 1,500,000 or 1.500.000
                elif len(groups) == 2:
                    digits = digits.replace(sign, ".")  # decimals: 1.5 or 1,5
                else:
                    raise Unreadable("bad_amount")
    return float(digits)


def parse_amount(text: str) -> tuple[int | float, str | None]:
    """(amount, ISO 4217 code or None) of an amount as printed: 'US$1.5 million' -> (1500000, 'USD')."""
    match = _AMOUNT.match(text.strip())
    if not match:
        raise Unreadable("bad_amount")
    currencies = set()
    for part in (match["before"], match["after"]):
        if part:
            code = _CURRENCY_SIGNS.get(part.casefold()) or (part.upper() if len(part) == 3 else None)
            if code is None or (len(part) == 3 and part.casefold() not in _CURRENCY_SIGNS
                                and pycountry.currencies.get(alpha_3=part.upper()) is None):
                raise Unreadable("bad_amount")
            currencies.add(code)
    if len(currencies) > 1:
        raise Unreadable("bad_amount")
    value = _number(match["number"])
    if match["multiplier"]:
        value *= _MULTIPLIERS[match["multiplier"].casefold()]
    value = round(value, 2)
    return (int(value) if value.is_integer() else value), (currencies.pop() if currencies else None)


# --- Years --------------------------------------------------------------------------------------

_YEARS = re.compile(
    r"^(?:from\s+|since\s+|de\s+|desde\s+|du\s+)?(?P<start>\d{4})"
    r"(?:\s*(?:-|–|—|/|to|until|till|through|a|à|al|hasta|até|au)\s*(?P<end>\d{4}))?\.?\Z", re.I)


def parse_years(text: str, minimum: int = 1950, maximum: int = 2100) -> dict:
    """``{start, end}`` of a year or a range: '2009-2011', '2009–2011', '2009 to 2011', '2010'."""
    match = _YEARS.match(" ".join(text.split()))
    if not match:
        raise Unreadable("bad_years")
    start = int(match["start"])
    end = int(match["end"]) if match["end"] else start
    if not (minimum <= start <= maximum and minimum <= end <= maximum):
        raise Unreadable("years_out_of_range", minimum=minimum, maximum=maximum)
    if end < start:
        raise Unreadable("years_reversed")
    return {"start": start} if end == start else {"start": start, "end": end}
