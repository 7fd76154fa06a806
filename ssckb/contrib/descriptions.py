"""The schemas' field descriptions in the other languages of the contributor forms and scaffolds.

The JSON Schemas (``ssckb/schemas/<kind>.schema.json``) describe every field in English; the same
descriptions in another language are in ``ssckb/schemas/translations/<code>.yml``, one mapping per
kind from the field's path (``title``, ``sources.locations``: the names of the fields on the way,
lists looked through) to its text. A field with no translation there is described in English, so a
new field never breaks a form or a scaffold; ``tests/test_field_descriptions.py`` holds every field with
an English description, and each kind's own (the key ``""``), to a translation in every other language of
the site (``tools/untranslated-descriptions.py`` lists what is missing). Kept beside the schemas, not inside them, so that the
published schemas stay as they are.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from ..schemas import ENTRY_KINDS, SCHEMA_DIR, load_schema

#: Every kind whose schema the site's field reference and the guides describe.
DESCRIBED_KINDS = (*ENTRY_KINDS, "source", "institution")

TRANSLATIONS_DIR = SCHEMA_DIR / "translations"


@lru_cache(maxsize=None)
def translated_descriptions(language: str) -> dict:
    """kind -> {dotted field path: description} in ``language`` (empty for English or a missing file)."""
    path = Path(TRANSLATIONS_DIR) / f"{language}.yml"
    if language == "en" or not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {kind: {str(key): str(text) for key, text in (fields or {}).items()} for kind, fields in data.items()}


def _node(schema: dict, path: tuple) -> dict:
    node = schema
    for name in path:
        if node.get("type") == "array":
            node = node.get("items", {})
        node = node.get("properties", {}).get(name, {})
    return node


def english_description(kind: str, path: tuple) -> str:
    """The schema's own description of the field at ``path`` ('' when it has none)."""
    return _node(load_schema(kind), tuple(path)).get("description", "")


def field_description(kind: str, path: tuple, language: str = "en") -> str:
    """The description of a field of ``kind`` in ``language``, the English one when it has no translation."""
    translated = translated_descriptions(language).get(kind, {}).get(".".join(path))
    return translated or english_description(kind, tuple(path))


def is_translated(kind: str, path: tuple, language: str) -> bool:
    return bool(translated_descriptions(language).get(kind, {}).get(".".join(path)))


def described_fields(kind: str) -> list[tuple]:
    """The path of every field of ``kind`` with an English description, the kind's own (``()``) first."""
    paths = []

    def walk(node: dict, path: tuple) -> None:
        if node.get("description"):
            paths.append(path)
        nested = node.get("items", {}) if node.get("type") == "array" else node
        for name, field in nested.get("properties", {}).items():
            walk(field, path + (name,))

    walk(load_schema(kind), ())
    return paths


def untranslated_fields(language: str) -> list[tuple[str, str]]:
    """(kind, key in ``<language>.yml``) of every described field that has no translation in ``language``."""
    return [(kind, ".".join(path)) for kind in DESCRIBED_KINDS for path in described_fields(kind)
            if not is_translated(kind, path, language)]
