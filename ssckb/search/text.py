"""Words as the search index and the browser see them: folded, split, stop words dropped, stemmed.

The browser never stems: the index maps every word form found in the site to its stem, so a query
word is looked up as it is typed. Only the folding and splitting below must match the browser's
(``ssckb/assets/search/search.js``: NFKD, non-spacing marks (Mn) dropped, lower case, runs of
letters and digits). A language is a Snowball stemmer (``snowballstemmer``, pinned) and a list of stop words
(English's below; the others' from a pinned package, ``stopwords.py``); a new language is one more line in
``LANGUAGES``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from .stopwords import stop_words

# Runs of letters and digits (the browser: /[\p{L}\p{N}]+/gu), after marks are dropped.
_WORD = re.compile(r"[^\W_]+")

#: Words that carry no meaning in a question ("market access for smallholders in the Andes"):
#: left out of the index and of queries. Short on purpose: "south", "rural" or "learning" stay.
ENGLISH_STOP_WORDS = frozenset("""
a about above after again against all also am an and any are as at be been before being below between
both but by can could did do does doing down during each few for from further had has have having he her
here hers him his how i if in into is it its itself just me more most my no nor not of off on once only
or other our ours out over own same she should so some such than that the their theirs them then there
these they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours
""".split())


def fold(text: str) -> str:
    """Lower case without diacritics: 'Côte d’Ivoire' -> 'cote d’ivoire'."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").lower()


@dataclass(frozen=True)
class Language:
    """What the index of one language needs: its code (the index's folder), stemmer and stop words."""

    code: str
    stemmer: str  # a name of snowballstemmer.algorithms()
    stop_words: frozenset = field(default_factory=frozenset)


LANGUAGES = {
    "en": Language("en", "english", ENGLISH_STOP_WORDS),
    # The other languages of the site (ssckb/i18n.py): their Snowball stemmers, and stop words from a
    # pinned package (ssckb/search/stopwords.py).
    "es": Language("es", "spanish", stop_words("es")),
    "fr": Language("fr", "french", stop_words("fr")),
    "pt": Language("pt", "portuguese", stop_words("pt")),
    "ar": Language("ar", "arabic", stop_words("ar")),
}


@lru_cache(maxsize=1 << 18)
def _folded_words(chunk: str) -> tuple:
    return tuple(_WORD.findall(fold(chunk)))


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order, stop words included.

    The same as splitting ``fold(text)``, and much faster: ASCII text is only lowered, and other
    text is cut at white space first (folding neither joins nor splits what lies between two
    spaces), each piece folded once for the whole build.
    """
    if text.isascii():
        return _WORD.findall(text.lower())
    return [w for chunk in text.split() for w in _folded_words(chunk)]


class Analyzer:
    """Turns text into index terms for one language; remembers each word's stem."""

    def __init__(self, language: Language):
        self.language = language
        self._stemmer = snowballstemmer.stemmer(language.stemmer)
        self.stem = lru_cache(maxsize=None)(self._stem)

    def _stem(self, word: str) -> str:
        return self._stemmer.stemWord(word)

    def tokens(self, text: str) -> list[str]:
        """The folded words of ``text`` a search can ask for: stop words and single letters left out."""
        stop = self.language.stop_words
        return [w for w in words(text) if w not in stop and (len(w) > 1 or w.isdigit())]

    def terms(self, text: str) -> list[str]:
        """The stems of ``tokens(text)``, in order."""
        return [self.stem(w) for w in self.tokens(text)]
