"""The site's search: an index per language, sharded so that a query loads only what it needs.

- ``text``: words as the index sees them (folding, stop words, a Snowball stemmer per language);
- ``documents``: what each searchable page holds, as plain text, by field;
- ``index``: scores and shards, written as script files (``search/<lang>/...``).

The browser's side is ``ssckb/assets/search/search.js`` (served under ``assets/vendor/search/``),
shown with Material's search box by ``overrides/partials/ssckb-search.html``.
"""

from __future__ import annotations

from pathlib import Path

from .documents import search_documents
from .index import build_search_index

#: The languages the site's content is written in: one index each.
SEARCH_LANGUAGES = ("en",)


def search_files(knowledge_base, docs_dir: Path | None, generated: dict, languages=SEARCH_LANGUAGES) -> dict:
    """Every search file of the site: path -> text (one index per language of ``languages``: each language's
    site has its own, ssckb/i18n.py)."""
    reference = {path: page for path, page in generated.items() if path.startswith("reference/")}
    documents = search_documents(knowledge_base, docs_dir, reference)
    files = {}
    for language in languages:
        files.update(build_search_index(documents, language))
    return files
