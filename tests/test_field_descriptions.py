"""Every description the schemas give in English is in every other language of the site.

The field reference (docs and each language's site) and the contributor guides show a field's English
description where ``ssckb/schemas/translations/<code>.yml`` has none: a field added to a schema without its
translations fails here, with the file and the key to add.
"""

from __future__ import annotations

import pytest

from ssckb.contrib.descriptions import (DESCRIBED_KINDS, TRANSLATIONS_DIR, described_fields, english_description,
                                        field_description, translated_descriptions, untranslated_fields)
from ssckb.languages import TRANSLATION_LANGUAGES
from ssckb.reference import field_paths
from ssckb.schemas import load_schema


def _path(key: str) -> tuple:
    """The field path a key of ``<code>.yml`` names ("" is the kind's own description)."""
    return tuple(key.split(".")) if key else ()


@pytest.mark.parametrize("language", TRANSLATION_LANGUAGES)
def test_every_described_field_is_translated(language):
    missing = [f"ssckb/schemas/translations/{language}.yml: add under {kind}: the key \"{key}\" "
               f"(English: {english_description(kind, _path(key))!r})"
               for kind, key in untranslated_fields(language)]
    assert missing == [], "\n".join(missing)


@pytest.mark.parametrize("language", TRANSLATION_LANGUAGES)
def test_every_kind_describes_itself_in_every_language(language):
    for kind in DESCRIBED_KINDS:
        own = field_description(kind, (), language)
        assert own and own != load_schema(kind)["description"], \
            f'ssckb/schemas/translations/{language}.yml: add under {kind}: the key "" (the kind\'s own description)'


@pytest.mark.parametrize("language", TRANSLATION_LANGUAGES)
def test_every_translated_key_is_a_field_of_its_schema(language):
    """A key naming no field (a typo, a field renamed or removed) would be a translation no page ever shows."""
    stale = [f"ssckb/schemas/translations/{language}.yml: {kind}: \"{key}\" names no described field"
             for kind, fields in translated_descriptions(language).items() for key in fields
             if kind not in DESCRIBED_KINDS or _path(key) not in described_fields(kind)]
    assert stale == [], "\n".join(stale)


def test_the_fields_checked_are_those_the_field_reference_lists():
    for kind in DESCRIBED_KINDS:
        schema = load_schema(kind)
        listed = {tuple(path.replace("[]", "").split(".")) for path in field_paths(schema)}
        described = {path for path in listed if english_description(kind, path)}
        assert described | {()} == set(described_fields(kind)), kind


def test_every_language_of_the_site_has_its_file():
    for language in TRANSLATION_LANGUAGES:
        assert (TRANSLATIONS_DIR / f"{language}.yml").is_file(), language
