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


# The browser's ranking, in Python --------------------------------------------------------------------
# A line-for-line port of rank() in ssckb/assets/search/search.js (its names kept), so that a test can ask
# what the search box would show for a query without a browser; tests/test_search_languages.py checks,
# in Chromium, that both give the same results.

PAGE = 10  # search.js: entries shown at first
PAGES_SHOWN = 3  # search.js: results in each group of site pages
NEAR_MOST = 12


def _distance(a: str, b: str, limit: int) -> int:
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2, prev = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row, smallest = [i], i
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, prev2[j - 2] + 1)
            row.append(value)
            smallest = min(smallest, value)
        if smallest > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[len(b)]


class BrowserSearch:
    """One language's index as the browser's script reads it: ``files`` maps a site path
    ('search/es/manifest.js'...) to its text, as ``ssckb.site.Site.static_files`` or a built site holds them."""

    def __init__(self, files: dict, language: str):
        root = f"search/{language}/"
        self.manifest = script_data(files[root + "manifest.js"])[3]
        self.shards, chunks, self.near = {}, {}, {}
        for path, text in files.items():
            if not path.startswith(root):
                continue
            call, _, key, data = script_data(text)
            if call == "terms":
                self.shards[key] = data
            elif call == "documents":
                chunks[key] = data
            elif call == "near":
                self.near[key] = data
        self.rows = [row for key in sorted(chunks) for row in chunks[key]]

    @classmethod
    def of_site(cls, site: Path, language: str) -> "BrowserSearch":
        folder = Path(site) / "search" / language
        return cls({f"search/{language}/{p.relative_to(folder).as_posix()}": p.read_text(encoding="utf-8")
                    for p in folder.rglob("*.js")}, language)

    def _keys_for(self, word: str) -> list:
        found, best = [], ""
        for key in self.manifest["shards"]:
            if word.startswith(key) and len(key) > len(best):
                best = key
            elif len(word) >= 3 and len(key) > len(word) and key.startswith(word):
                found.append(key)
        return ([best] if best else []) + found

    def _shard_key_of(self, form: str) -> str:
        best = ""
        for key in self.manifest["shards"]:
            if form.startswith(key) and len(key) > len(best):
                best = key
        return best

    def _matches(self, word: str, keys: list) -> dict:
        stems, forms = {}, []
        for key in keys:
            shard = self.shards.get(key)
            if not shard:
                continue
            for form in list(shard["forms"]) + list(shard["postings"]):
                stem = shard["forms"].get(form) or form
                if stem not in shard["postings"]:
                    continue
                weight = 0
                if form == word:
                    weight = 1
                elif len(word) >= 3 and form.startswith(word):
                    weight = 0.5 + 0.3 * len(word) / len(form)
                if weight:
                    stems[stem] = max(stems.get(stem, 0), weight)
                    forms.append(form)
        return {"stems": stems, "forms": forms, "shards": keys}

    def _near_matches(self, word: str) -> dict:
        limit = 2 if len(word) >= 8 else 1
        found = []
        for n in (n for n in self.manifest.get("near", []) if abs(n - len(word)) <= limit):
            for form in self.near.get(n, []):
                d = _distance(word, form, limit)
                if d <= limit:
                    found.append((d, form))
        found = sorted(found)[:NEAR_MOST]
        keys = [self._shard_key_of(form) for _, form in found]
        stems, forms = {}, []
        for (d, form), key in zip(found, keys):
            shard = self.shards.get(key)
            stem = shard and (shard["forms"].get(form) or form)
            if not shard or stem not in shard["postings"]:
                continue
            stems[stem] = max(stems.get(stem, 0), 0.4 if d == 1 else 0.25)
            forms.append(form)
        return {"stems": stems, "forms": forms, "shards": keys}

    def _postings_of(self, stem: str, keys: list) -> list:
        for key in keys:
            shard = self.shards.get(key)
            if shard and stem in shard["postings"]:
                return shard["postings"][stem]
        return []

    def rank(self, query: str) -> list:
        """[(document number, score)], best first, as rank() in search.js."""
        from ssckb.search.text import words

        stop = set(self.manifest["stop"])
        asked = [w for w in words(query) if w not in stop and (len(w) > 1 or any(c.isdigit() for c in w))]
        asked = list(dict.fromkeys(asked))
        if not asked:
            return []
        count = self.manifest["documents"]
        total, hits = [0.0] * count, [0] * count
        for word in asked:
            found = self._matches(word, self._keys_for(word))
            if not found["forms"] and len(word) >= 4 and not word.isdigit():
                found = self._near_matches(word)
            best = [0.0] * count
            for stem, weight in found["stems"].items():
                flat, doc = self._postings_of(stem, found["shards"]), 0
                for i in range(0, len(flat), 2):
                    doc += flat[i]
                    best[doc] = max(best[doc], flat[i + 1] * weight)
            for d in range(count):
                if best[d]:
                    total[d] += best[d]
                    hits[d] += 1
        ranked = [(d, total[d] * (hits[d] / len(asked)) ** 2) for d in range(count) if total[d]]
        return sorted(ranked, key=lambda hit: (-hit[1], hit[0]))

    def shown(self, query: str) -> list:
        """The paths of the results the search box lists for ``query``, in its order: the first entries,
        then the first few of each group of site pages."""
        ranked = self.rank(query)

        def group(name):
            start, end = self.manifest["groups"].get(name, (0, 0))
            return [d for d, _ in ranked if start <= d < end]

        numbers = group("entries")[:PAGE] + group("page")[:PAGES_SHOWN] + group("guide")[:PAGES_SHOWN]
        return [self.rows[d][0] for d in numbers]
