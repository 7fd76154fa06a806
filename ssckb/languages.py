"""The languages of the site, defined once: every other module, schema and test takes them from here.

English is the language entries and vocabularies are written in. Spanish, French and Portuguese are the
languages every entry and term is expected to be translated into (a missing translation is a warning of
``check``, never an error). Arabic is a language of the site too (its interface and vocabularies are
translated; entries may stay in their languages), written right to left.
"""

from __future__ import annotations

#: The language entries, vocabularies and the source are written in.
SOURCE_LANGUAGE = "en"
#: Every language of the site, in the order of the language switcher.
SITE_LANGUAGES = ("en", "es", "fr", "pt", "ar")
#: The languages a translation may be given in: every site language but the source's.
TRANSLATION_LANGUAGES = tuple(language for language in SITE_LANGUAGES if language != SOURCE_LANGUAGE)
#: The languages every entry's title and summary is expected in (a missing one is a warning).
EXPECTED_ENTRY_LANGUAGES = ("es", "fr", "pt")
#: The languages every vocabulary term's label is expected in (a missing one is a warning).
EXPECTED_TERM_LANGUAGES = ("es", "fr", "pt", "ar")
#: Languages written right to left (``dir="rtl"``).
RIGHT_TO_LEFT = frozenset({"ar"})

#: Each language's name in English, for messages to contributors.
ENGLISH_NAMES = {"en": "English", "es": "Spanish", "fr": "French", "pt": "Portuguese", "ar": "Arabic"}


def language_name(language: str) -> str:
    """'es' -> 'Spanish (es)': how a language is named in a message."""
    return f"{ENGLISH_NAMES.get(language, language)} ({language})"


def text_direction(language: str) -> str:
    """'rtl' for a language written right to left, else 'ltr'."""
    return "rtl" if language in RIGHT_TO_LEFT else "ltr"


def translation_file_language(file_name: str) -> str | None:
    """The language of a translated body file ('lesson-one.es.md' -> 'es'), or None for any other name."""
    if not file_name.endswith(".md"):
        return None
    stem = file_name[:-3]
    base, dot, language = stem.rpartition(".")
    return language if dot and base and language in TRANSLATION_LANGUAGES else None


def translation_file_name(entry_file_name: str, language: str) -> str:
    """The name of an entry's body in ``language``: 'lesson-one.md', 'es' -> 'lesson-one.es.md'."""
    return f"{entry_file_name[:-3]}.{language}.md"


def unknown_language_suffix(file_name: str) -> str | None:
    """The two-letter suffix of a name made like a body translation's in a language the site does not have
    ('x.de.md' -> 'de'), or None."""
    if not file_name.endswith(".md"):
        return None
    base, dot, suffix = file_name[:-3].rpartition(".")
    if dot and base and len(suffix) == 2 and suffix.isascii() and suffix.isalpha() and suffix.islower() \
            and suffix not in TRANSLATION_LANGUAGES:
        return suffix
    return None
