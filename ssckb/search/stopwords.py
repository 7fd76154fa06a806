"""Stop words of the languages other than English, read from a pinned package rather than typed here.

The lists are those of lunr-languages (MIT), as mkdocs-material==9.8.2 (pinned in requirements.txt)
ships them in ``material/templates/assets/javascripts/lunr/min/lunr.<code>.min.js``. For Spanish, French
and Portuguese they are the Snowball project's stop lists, written for the same Snowball stemmers the
index uses (ssckb/search/text.py); for Arabic, lunr-languages' own list. A few words of a list carry
meaning in this knowledge base and are kept searchable (``KEPT``). Words are folded as the index folds
them, so 'está' is the stop word 'esta'.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

#: Words of a list that stay searchable, with why: they name things readers look for here.
KEPT = {
    "es": {"estado", "estados"},  # "Estado Plurinacional de Bolivia", "Estados insulares", not only 'estar'
    "pt": {"são"},  # "São Tomé e Príncipe", "São Paulo", not only 'ser'
    "ar": {"زيارة",  # a visit: study and exchange visits are a modality of the knowledge base
           "للامم"},  # "for the (United) Nations": the UN agencies that fund and host activities
}

_LIST = re.compile(r'generateStopWordFilter\("([^"]*)"\.split\(" "\)\)')


def _lunr_file(code: str) -> Path:
    import material  # mkdocs-material, pinned: where the lists come from

    scripts = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    return scripts / "lunr" / "min" / f"lunr.{code}.min.js"


@lru_cache(maxsize=None)
def stop_words(code: str) -> frozenset:
    """The stop words of ``code`` (es, fr, pt or ar), folded; an error if the pinned package no longer has them."""
    from .text import fold

    path = _lunr_file(code)
    found = _LIST.findall(path.read_text(encoding="utf-8")) if path.is_file() else []
    if len(found) != 1:
        raise RuntimeError(f"{path}: no stop word list found for '{code}' (mkdocs-material is pinned to 9.8.2 "
                           "in requirements.txt; reinstall it with pip install -r requirements.txt)")
    kept = {fold(word) for word in KEPT.get(code, ())}
    return frozenset(fold(word) for word in found[0].split() if word and fold(word) not in kept)
