"""Reading a built site's search index (search/<lang>/...js) in tests: each file's data, as Python."""

from __future__ import annotations

import json
from pathlib import Path


def script_data(text: str) -> tuple[str, str, object, object]:
    """'ssckbSearch.terms("en","ma",{...});' -> ('terms', 'en', 'ma', {...})."""
    head, _, rest = text.partition("(")
    assert head.startswith("ssckbSearch.") and rest.endswith(");\n"), text[:80]
    language, key, data = rest[:-3].split(",", 2)
    return head.removeprefix("ssckbSearch."), json.loads(language), json.loads(key), json.loads(data)


def documents(site: Path, language: str = "en") -> list:
    """Every document's display row [path, title, kind, years, countries, summary], in index order."""
    folder = Path(site) / "search" / language / "d"
    chunks = {}
    for file in folder.glob("*.js"):
        _, _, key, rows = script_data(file.read_text(encoding="utf-8"))
        chunks[key] = rows
    return [row for key in sorted(chunks) for row in chunks[key]]


def manifest(site: Path, language: str = "en") -> dict:
    return script_data((Path(site) / "search" / language / "manifest.js").read_text(encoding="utf-8"))[3]
