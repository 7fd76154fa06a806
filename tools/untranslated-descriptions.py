"""List the schema field descriptions that have no translation: ``python tools/untranslated-descriptions.py [CODE...]``.

One line per missing entry, ``ssckb/schemas/translations/<code>.yml: <kind>: <path>`` (the kind's own
description has the path ``""``), and the English text to translate; no output when nothing is missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ssckb.contrib.descriptions import english_description, untranslated_fields  # noqa: E402
from ssckb.languages import TRANSLATION_LANGUAGES  # noqa: E402


def main(languages: list[str]) -> int:
    missing = 0
    for language in languages or TRANSLATION_LANGUAGES:
        for kind, key in untranslated_fields(language):
            missing += 1
            english = english_description(kind, tuple(key.split(".")) if key else ())
            print(f'ssckb/schemas/translations/{language}.yml: {kind}: "{key}"\n    {english}')
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
