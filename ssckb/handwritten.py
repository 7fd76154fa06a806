"""Which hand-written page of docs/ each language's site shows.

A page of docs/ is translated by a sibling file, as an entry's body is: ``about/ssc.es.md`` is
``about/ssc.md`` in Spanish (the suffixes are the site's translation languages, ssckb/languages.py).
The site of a language shows, at the page's own address, its translation where there is one and the
English page where there is none; a translation is never a page of its own in any site. Links inside
a translation name the English files (``about/ssc.md``), which in each site are that site's page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .i18n import rendering_language
from .languages import SOURCE_LANGUAGE, translation_file_language
from .pages import untranslated_notice


@dataclass(frozen=True)
class HandwrittenPages:
    """The hand-written pages of one language's site: ``translated`` maps a page ('about/ssc.md') to the
    file shown in its place ('about/ssc.es.md'); ``left_out`` is every translation file, in any language,
    that is not a page of its own."""

    translated: dict
    left_out: frozenset


def translated_page(path: str) -> tuple[str, str] | None:
    """('about/ssc.md', 'es') for 'about/ssc.es.md'; None for a page that is no translation."""
    folder, slash, name = path.replace("\\", "/").rpartition("/")
    language = translation_file_language(name) if name.count(".") > 1 else None
    if language is None:
        return None
    return f"{folder}{slash}{name[:-len(f'.{language}.md')]}.md", language


def pages_in_language(paths: Iterable[str], language: str) -> HandwrittenPages:
    """What the site in ``language`` shows of the docs/ files ``paths`` (relative to docs/, '/'-separated).
    A translation whose English page does not exist is left out too: its address would be a page no
    other language has."""
    paths = set(paths)
    translated, left_out = {}, set()
    for path in sorted(paths):
        found = translated_page(path)
        if found is None:
            continue
        left_out.add(path)
        page, page_language = found
        if page_language == language and language != SOURCE_LANGUAGE and page in paths:
            translated[page] = path
    return HandwrittenPages(translated, frozenset(left_out))


_FIRST_HEADING = re.compile(r"\A(?:[ \t]*\n)*# [^\n]*\n")


def shown_markdown(markdown: str, page: str, shown: HandwrittenPages, language: str) -> str:
    """The Markdown of the hand-written ``page`` (already read from its translation where ``shown`` has one)
    on the site in ``language``: a page left in English gets a notice in the reader's language below its
    title, where a reader sees it first (the title stays the first heading, which MkDocs takes as its name)."""
    if language == SOURCE_LANGUAGE or page in shown.translated:
        return markdown
    with rendering_language(language):
        notice = untranslated_notice()
    heading = _FIRST_HEADING.match(markdown)
    at = heading.end() if heading else 0
    return f"{markdown[:at]}\n{notice}\n\n{markdown[at:].lstrip(chr(10))}"
