"""What is not translated yet: per language, for a page of coverage, and as warnings of the check.

An entry is expected to have its title and summary (a lesson: its statement) in Spanish, French and
Portuguese (``translations:`` of its front matter), a vocabulary term its label and description in
those and in Arabic (``labels:``, ``descriptions:``); ssckb.languages says which languages. A missing
translation is a warning, never an error, and fails no build, not even MkDocs --strict (severity
``COVERAGE``): the English is shown instead (ssckb.localized). A body
translation (``name.es.md``) is listed by :func:`untranslated` but never warned about, since a page
shows the English body, with a notice, when there is none.
"""

from __future__ import annotations

from dataclasses import dataclass

from .languages import (EXPECTED_ENTRY_LANGUAGES, EXPECTED_TERM_LANGUAGES, TRANSLATION_LANGUAGES,
                        language_name)
from .localized import summary_field
from .problems import COVERAGE, Problem

#: The vocabularies whose terms carry translations (institutions keep their own names).
TRANSLATED_VOCABULARIES = ("themes", "modalities", "participant_types", "funding_natures", "regions")

#: Every message of this module: ``{fields}`` and ``{languages}`` are filled in by :func:`message`.
MESSAGES = {
    "entry": "the {fields} {verb} no translation in {languages} yet; add {pronoun} under translations "
             "(e.g. 'translations: {{{first}: {{title: ..., {second}: ...}}}}'), or leave {pronoun} to a translator",
    "term": "the {fields} {verb} no translation in {languages} yet; add {pronoun} under {keys} "
            "(e.g. '{first_key}: {{{first}: ...}}')",
    "unknown_language": "'{suffix}' is not a language of the site, so this file is neither an entry nor a body "
                        "translation; a body translation is named NAME.LANG.md, LANG one of: {languages}",
    "orphan": "this body translation belongs to {entry}, which does not exist; name it after its entry's file "
              "(NAME.{language}.md beside NAME.md) or remove it",
}


def message(key: str, fields: list[str], languages: list[str], **extra) -> str:
    """The message ``key`` for the missing ``fields`` in ``languages``."""
    names = [language_name(language) for language in languages]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    return MESSAGES[key].format(fields=" and ".join(fields), verb="has" if len(fields) == 1 else "have",
                                pronoun="it" if len(fields) == 1 else "them", languages=listed,
                                first=languages[0], **extra)


@dataclass(frozen=True)
class Untranslated:
    """One entry or term with something not translated in one language."""

    kind: str  # an entry kind ('activity'...) or a vocabulary name ('themes'...)
    id: str
    path: str  # the file to translate it in (the entry's, or the vocabulary's data file)
    fields: tuple  # what is missing: 'title', 'summary' or 'statement', 'body'; 'label', 'description'


def _entry_gaps(data: dict, language: str) -> list[str]:
    translations = data.get("translations") if isinstance(data.get("translations"), dict) else {}
    own = translations.get(language) if isinstance(translations.get(language), dict) else {}
    return [name for name in ("title", summary_field(data))
            if data.get(name) and not (isinstance(own.get(name), str) and own[name].strip())]


def _term_gaps(term, language: str) -> list[str]:
    gaps = [] if dict(term.labels).get(language) else ["label"]
    if term.description and not dict(term.descriptions).get(language):
        gaps.append("description")
    return gaps


def untranslated(knowledge_base, languages=TRANSLATION_LANGUAGES) -> dict[str, list[Untranslated]]:
    """Language -> what has no translation in it yet: entries (title, summary, body; by kind, then id),
    then vocabulary terms (label, description; in the order of their files)."""
    from .model import KIND_ORDER

    coverage = {}
    for language in languages:
        missing = []
        for kind in KIND_ORDER:
            for entry in knowledge_base.entries.get(kind, {}).values():
                gaps = _entry_gaps(entry.data, language)
                if entry.body.strip() and language not in entry.bodies:
                    gaps.append("body")
                if gaps:
                    missing.append(Untranslated(kind, entry.id, entry.path, tuple(gaps)))
        for name in TRANSLATED_VOCABULARIES:
            vocabulary = knowledge_base.vocabularies[name]
            for term in vocabulary:
                gaps = _term_gaps(term, language)
                if gaps:
                    missing.append(Untranslated(name, term.id, vocabulary.path, tuple(gaps)))
        coverage[language] = missing
    return coverage


def _grouped(gaps_by_language: dict) -> list[tuple[list[str], list[str]]]:
    """(fields, languages) groups: the languages that lack the same fields, in the site's order."""
    groups: dict = {}
    for language, gaps in gaps_by_language.items():
        if gaps:
            groups.setdefault(tuple(gaps), []).append(language)
    return [(list(fields), languages) for fields, languages in groups.items()]


def entry_translation_warnings(path: str, data: dict, line_of) -> list[Problem]:
    """Warnings for an entry's title and summary missing in the expected languages (one per set of
    missing fields); ``line_of`` gives the line of a field path."""
    problems = []
    has_translations = isinstance(data.get("translations"), dict)
    for fields, languages in _grouped({language: _entry_gaps(data, language)
                                       for language in EXPECTED_ENTRY_LANGUAGES}):
        if has_translations:
            where = ("translations",)
        else:
            where = ("title",)
        problems.append(Problem(path, line_of(where), "translations",
                                message("entry", fields, languages, second=summary_field(data)), COVERAGE))
    return problems


def term_translation_warnings(vocabularies) -> list[Problem]:
    """Warnings for vocabulary terms whose label or description is missing in the expected languages,
    at the line of the term in its file; a file with an error has its errors fixed first."""
    problems = []
    faulty = {problem.path for problem in vocabularies.problems if problem.is_error}
    for name in TRANSLATED_VOCABULARIES:
        vocabulary = vocabularies.by_name.get(name)
        if vocabulary is None or not vocabulary.path or vocabulary.path in faulty:
            continue
        for term in vocabulary:
            for fields, languages in _grouped({language: _term_gaps(term, language)
                                               for language in EXPECTED_TERM_LANGUAGES}):
                keys = " and ".join({"label": "labels", "description": "descriptions"}[f] for f in fields)
                first_key = {"label": "labels", "description": "descriptions"}[fields[0]]
                problems.append(Problem(vocabulary.path, vocabulary.term_lines.get(term.id, 1),
                                        f"[{vocabulary.term_items.get(term.id, 0)}].{first_key}",
                                        message("term", fields, languages, keys=keys, first_key=first_key),
                                        COVERAGE))
    return problems


def orphan_translation_problem(path: str, entry_path: str, language: str) -> Problem:
    """The error for a body translation whose entry does not exist (it would never be shown)."""
    return Problem(path, 1, "-", MESSAGES["orphan"].format(entry=entry_path, language=language))


def unknown_language_problem(path: str, suffix: str) -> Problem:
    """The error for a file named like a body translation in a language the site does not have."""
    return Problem(path, 1, "-", MESSAGES["unknown_language"].format(suffix=suffix,
                                                                      languages=", ".join(TRANSLATION_LANGUAGES)))
