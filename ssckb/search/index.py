"""The search index, built once per language and sharded so that a query loads only what it needs.

Every file is a script that hands its data to the browser's search (``ssckb/assets/search/search.js``)
through a callback, so the same files work served and opened from disk, where fetch() and
WebAssembly are forbidden but <script> tags load:

- ``search/<lang>/manifest.js``: the shard keys, the number of documents and where each group
  (entries, pages, contributors' pages) starts, the stop words, and the words the search box shows in
  the language (``interface.py``). Loaded when the reader first focuses the search box.
- ``search/<lang>/t/<key>.js``: the word forms that start with ``key`` (one to six folded
  characters: a shard is split while it is larger than ``SHARD_BUDGET``), each form's stem, and
  each stem's postings. Loaded for the words of a query.
- ``search/<lang>/d/<n>.js``: the display data of documents ``n * CHUNK`` to ``(n + 1) * CHUNK - 1``
  (address, title, kind, years, countries, summary, and the language of the title and summary when they
  have no translation in ``lang``). Loaded for the results shown.
- ``search/<lang>/w/<n>.js``: every word form of ``n`` characters (``NEAR_FROM`` or more, not only
  digits), without postings. Loaded for a query word that neither is nor begins any form: the forms
  one or two edits away are found among those of about its length, whatever letter the typo is in
  (the first letters too), and then looked up in their own shards.

Scores are worked out here, not in the browser: for each stem and document, the sum over fields of
the field's boost times a BM25 term weight (saturated term frequency, normalised by the field's
length), times the stem's inverse document frequency, as an integer. Each field saturates on its
own, so one word in a title outweighs many in a body. A posting list is the documents in order,
as the gap from the last document and the score: ``[gap, score, gap, score, ...]``.

Hand-written rather than MiniSearch or FlexSearch: their serialised indexes are one whole (with
per-document field lengths for every document), so the browser would load the whole index before
the first query; what the browser needs here is a lookup, a sum and a sort.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter, defaultdict

from ..views.common import script_json
from .documents import ENTRY_KINDS, FIELD_BOOSTS, SearchDocument
from .interface import search_words
from .text import LANGUAGES, Analyzer

FOLDER = "search"
CHUNK = 20  # documents per display shard: a page of ten results loads at most ten small files
SHARD_BUDGET = 24_000  # bytes of postings above which a shard is split by one more character
MAX_KEY = 6
NEAR_FROM = 3  # shortest form a misspelt word can be taken for (a 4-letter word, one edit away)
K1, B = 1.2, 0.75  # BM25's usual constants
SCALE = 10  # scores are integers: tenths

_SAFE_KEY = re.compile(r"[a-z0-9]+\Z")


def shard_file(key: str) -> str:
    """The file name of a shard: the key itself when it is ASCII letters and digits, else its UTF-8 in hex."""
    return key if _SAFE_KEY.match(key) else "_" + key.encode("utf-8").hex()


def _field_counts(analyzer: Analyzer, document: SearchDocument) -> tuple[dict, dict, set]:
    """Per field: stem -> count and the field's length; and the document's word forms."""
    counts, lengths, forms = {}, {}, set()
    stem = analyzer.stem
    for name, text in document.fields.items():
        tokens = analyzer.tokens(text)
        by_form = Counter(tokens)
        forms.update(by_form)
        stems: dict = defaultdict(int)
        for form, count in by_form.items():
            stems[stem(form)] += count
        counts[name] = stems
        lengths[name] = len(tokens)
    return counts, lengths, forms


def _scores(analyzer: Analyzer, documents: list) -> tuple[dict, dict]:
    """stem -> [(document index, integer score)] in document order, and word form -> stem."""
    analysed = [_field_counts(analyzer, d) for d in documents]
    totals, present = Counter(), Counter()
    for _, lengths, _ in analysed:
        for name, length in lengths.items():
            if length:
                totals[name] += length
                present[name] += 1
    average = {name: totals[name] / present[name] for name in totals}
    weights: dict = defaultdict(list)  # stem -> [(doc, weight without idf)]
    forms: dict = {}
    for index, (counts, lengths, doc_forms) in enumerate(analysed):
        for form in doc_forms:
            forms.setdefault(form, analyzer.stem(form))
        weight: dict = defaultdict(float)
        for name, stems in counts.items():
            if not stems:
                continue
            norm = K1 * (1 - B + B * lengths[name] / average[name])
            boost = FIELD_BOOSTS[name]
            for stem, tf in stems.items():
                weight[stem] += boost * tf * (K1 + 1) / (tf + norm)
        for stem, value in weight.items():
            weights[stem].append((index, value))
    count = len(documents)
    postings = {}
    for stem, pairs in weights.items():
        idf = math.log(1 + (count - len(pairs) + 0.5) / (len(pairs) + 0.5))
        postings[stem] = [(doc, max(1, round(value * idf * SCALE))) for doc, value in pairs]
    return postings, forms


def _encoded(pairs: list) -> list:
    flat, last = [], 0
    for doc, score in pairs:
        flat += [doc - last, score]
        last = doc
    return flat


def _split(forms: list, stem_size: dict, form_stem: dict, length: int) -> dict:
    """Shard key -> its forms: forms grouped by their first ``length`` characters; a group over the
    budget is split again after the prefix its forms share. A form is always in the shard of the
    longest key it starts with: forms shorter than the new keys stay in the group's shard."""
    groups: dict = defaultdict(list)
    for form in forms:
        groups[form[:length]].append(form)
    shards = {}
    for key, members in sorted(groups.items()):
        size = sum(stem_size[s] for s in {form_stem[f] for f in members})
        longer = [f for f in members if len(f) > length]
        deeper = max(length, len(os.path.commonprefix(longer))) + 1 if longer else 0
        if size > SHARD_BUDGET and 0 < deeper <= MAX_KEY and len({f[:deeper] for f in longer}) > 1:
            short = [f for f in members if len(f) < deeper]
            if short:
                shards[key] = short
            shards.update(_split([f for f in members if len(f) >= deeper], stem_size, form_stem, deeper))
        else:
            shards[key] = members
    return shards


def _manifest(language: str, documents: list, keys: list, stop_words, lengths: list) -> dict:
    ends = {}
    for index, document in enumerate(documents):
        group = "entries" if document.kind in ENTRY_KINDS else document.kind
        ends.setdefault(group, [index, index])[1] = index + 1
    return {"version": 1, "language": language, "documents": len(documents), "chunk": CHUNK,
            "groups": ends, "shards": keys, "near": lengths, "stop": sorted(stop_words),
            "words": search_words(language)}


def _script(call: str, language: str, key, data) -> str:
    return f"ssckbSearch.{call}({script_json(language)},{script_json(key)},{script_json(data)});\n"


def build_search_index(documents: list, language: str = "en") -> dict:
    """The index files of ``documents`` (in their order) for ``language``: site path -> text.

    Deterministic: the same documents give byte-identical files.
    """
    analyzer = Analyzer(LANGUAGES[language])
    postings, form_stem = _scores(analyzer, documents)
    encoded = {stem: _encoded(pairs) for stem, pairs in postings.items()}
    stem_size = {stem: len(script_json(flat)) + len(stem) + 4 for stem, flat in encoded.items()}
    shards = _split(sorted(form_stem), stem_size, form_stem, 1)
    root = f"{FOLDER}/{language}"
    files = {}
    for key, forms in shards.items():
        stems = sorted({form_stem[f] for f in forms})
        data = {"forms": {f: form_stem[f] for f in forms if form_stem[f] != f},
                "postings": {s: encoded[s] for s in stems}}
        files[f"{root}/t/{shard_file(key)}.js"] = _script("terms", language, key, data)
    for start in range(0, len(documents), CHUNK):
        rows = [[d.path, d.title, d.kind, d.years, d.countries, d.summary,
                 *((d.text_language,) if d.text_language else ())] for d in documents[start:start + CHUNK]]
        files[f"{root}/d/{start // CHUNK}.js"] = _script("documents", language, start // CHUNK, rows)
    by_length: dict = defaultdict(list)
    for form in sorted(form_stem):
        if len(form) >= NEAR_FROM and not form.isdigit():
            by_length[len(form)].append(form)
    for length, forms in sorted(by_length.items()):
        files[f"{root}/w/{length}.js"] = _script("near", language, length, forms)
    manifest = _manifest(language, documents, sorted(shards), analyzer.language.stop_words, sorted(by_length))
    files[f"{root}/manifest.js"] = _script("manifest", language, None, manifest)
    return dict(sorted(files.items()))
