"""The site's search (ssckb/search/ and ssckb/assets/search/search.js).

Unit tests of the index builder (deterministic, byte-identical shards, field boosts, stop words,
stemming, a language as a parameter), and browser tests online (served on 127.0.0.1) and from
file://, on the real site and on a synthetic 1,000-entry one: expected entries first for a
country, an institution, a word of a body and a misspelt word (the first letters too); the words
that matched marked, as text; nothing loaded before the reader focuses the box; no request leaves
the site; markup in a title shown as text; Material's keys. Page weight: the first view of a page
loads neither the search index nor the explorer's rows, and stays under 150 KB compressed.
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

import searchindex
from conftest import FIXTURE, run_mkdocs
from ssckb.search import index as search_index
from ssckb.search import text as search_text
from ssckb.search.documents import SearchDocument, markdown_text, search_documents
from ssckb.search.index import build_search_index, shard_file
from ssckb.site import build_site
from ssckb.validation import load_knowledge_base
from webcheck import serve

REPO = Path(__file__).resolve().parent.parent


def _document(path, title, body="", **fields):
    return SearchDocument(path=path, kind="activity", title=title, fields={"title": title, "body": body, **fields})


def _postings(files, language="en"):
    """stem -> {document: score} from every shard."""
    found = {}
    for path, text in files.items():
        if path.startswith(f"search/{language}/t/"):
            _, _, _, data = searchindex.script_data(text)
            for stem, flat in data["postings"].items():
                doc, scores = 0, {}
                for i in range(0, len(flat), 2):
                    doc += flat[i]
                    scores[doc] = flat[i + 1]
                found[stem] = scores
    return found


def _forms(files, language="en"):
    """word form -> stem, from every shard."""
    found = {}
    for path, text in files.items():
        if path.startswith(f"search/{language}/t/"):
            _, _, key, data = searchindex.script_data(text)
            for form in list(data["forms"]) + list(data["postings"]):
                found.setdefault(form, data["forms"].get(form, form))
                assert form.startswith(key) or len(form) < len(key), (form, key)
    return found


# --- the index builder ---------------------------------------------------------------------------

def test_the_index_of_the_fixture_is_byte_identical_build_after_build():
    first = {p: t for p, t in build_site(FIXTURE).static_files.items() if p.startswith("search/")}
    second = {p: t for p, t in build_site(FIXTURE).static_files.items() if p.startswith("search/")}
    assert first == second and "search/en/manifest.js" in first
    assert list(first) == sorted(first)


def test_every_form_is_in_the_shard_its_key_names_and_in_one_shard_only():
    documents = [_document(f"activities/a{i}.md", f"Title {i} {'market ' * (i % 3)}",
                           " ".join(f"word{i * j % 97}" for j in range(200))) for i in range(300)]
    files = build_search_index(documents)
    manifest = searchindex.script_data(files["search/en/manifest.js"])[3]
    seen = {}
    for key in manifest["shards"]:
        _, language, shard_key, data = searchindex.script_data(files[f"search/en/t/{shard_file(key)}.js"])
        assert (language, shard_key) == ("en", key)
        for form in set(data["forms"]) | {s for s in data["postings"] if s not in data["forms"].values()}:
            assert form not in seen, (form, key, seen.get(form))
            seen[form] = key
    assert any(len(key) > 1 for key in manifest["shards"]), "large shards are split"
    assert manifest["documents"] == 300 and manifest["groups"] == {"entries": [0, 300]}


def test_a_match_in_the_title_or_countries_outranks_many_in_the_body():
    documents = [_document("activities/body.md", "An exchange", "cassava " * 30),
                 _document("activities/title.md", "Cassava growers", "an exchange"),
                 _document("activities/country.md", "An exchange", "an exchange", countries="Cambodia"),
                 _document("activities/body-country.md", "A visit", "Cambodia " * 30)]
    scores = _postings(build_search_index(documents))
    assert scores["cassava"][1] > scores["cassava"][0]
    assert scores["cambodia"][2] > scores["cambodia"][3]


def test_stop_words_are_left_out_and_forms_map_to_their_stem():
    files = build_search_index([_document("activities/a.md", "Market access for the smallholders",
                                          "Farmers and their markets in the Andes")])
    forms = _forms(files)
    assert not {"for", "the", "and", "their", "in"} & set(forms)
    assert forms["markets"] == forms["market"] == "market"
    assert forms["farmers"] == "farmer" and forms["smallholders"] == "smallhold"


def test_markup_in_a_title_stays_text_in_the_display_data():
    title = '<img src=x onerror=alert(1)> & "quotes"'
    files = build_search_index([_document("activities/a.md", title,
                                          markdown_text("<b>bold</b> body [link](http://x.org)"))])
    text = files["search/en/d/0.js"]
    assert "<" not in text and ">" not in text  # escaped for a script file
    assert searchindex.script_data(text)[3][0][1] == title
    assert "http" not in _forms(files) and "bold" in _forms(files)
    assert markdown_text("see [the guide](../contribute.md){ .md-button } <br>").split() == ["see", "[the", "guide]"]


def test_every_word_form_is_in_the_near_list_of_its_length():
    files = build_search_index([_document("activities/a.md", "Microfinance in Cambodia",
                                          "cassava rice of 2011 ox"), _document("activities/b.md", "Kambodia")])
    manifest = searchindex.script_data(files["search/en/manifest.js"])[3]
    near = {}
    for path, text in files.items():
        if path.startswith("search/en/w/"):
            call, language, length, forms = searchindex.script_data(text)
            assert (call, language, path) == ("near", "en", f"search/en/w/{length}.js")
            assert forms == sorted(forms) and all(len(form) == length for form in forms)
            near[length] = forms
    assert sorted(near) == manifest["near"]
    # Every form of three letters or more but numbers: a typo is looked for whatever letter it is in.
    tokens = search_text.Analyzer(search_text.LANGUAGES["en"]).tokens
    forms = {w for text in ("Microfinance in Cambodia", "cassava rice of 2011 ox", "Kambodia") for w in tokens(text)}
    assert sorted(f for forms in near.values() for f in forms) == sorted(
        f for f in forms if len(f) >= 3 and not f.isdigit())
    assert "cambodia" in near[8] and "kambodia" in near[8] and "2011" not in near.get(4, [])


def test_a_shard_name_is_safe_for_any_key():
    assert shard_file("ma") == "ma" and shard_file("çã") == "_c3a7c3a3" and shard_file("../") == "_2e2e2f"


def test_the_language_is_a_parameter_of_the_builder(monkeypatch):
    spanish = search_text.Language("es", "spanish", frozenset({"de", "la", "los"}))
    monkeypatch.setitem(search_text.LANGUAGES, "es", spanish)
    monkeypatch.setattr(search_index, "LANGUAGES", search_text.LANGUAGES)
    files = build_search_index([_document("activities/a.md", "Los agricultores de la cooperativa")], "es")
    assert all(path.startswith("search/es/") for path in files)
    forms = _forms(files, "es")
    assert "de" not in forms and forms["agricultores"] == "agricultor"


def test_a_docs_page_gives_its_title_and_can_ask_to_be_left_out(tmp_path):
    (tmp_path / "about.md").write_text("---\ntitle: \"About: us\"\n---\n\n# Heading\n\nFirst paragraph.\n")
    (tmp_path / "hidden.md").write_text("---\nsearch:\n  exclude: true\n---\n\n# Hidden\n")
    knowledge_base, _ = load_knowledge_base(FIXTURE)
    pages = [d for d in search_documents(knowledge_base, tmp_path, {}) if d.kind == "page"]
    assert [(d.path, d.title, d.summary) for d in pages] == [("about.md", "About: us", "First paragraph.")]


def test_entries_come_first_then_pages_then_contributors_pages():
    knowledge_base, _ = load_knowledge_base(REPO)
    site = build_site(REPO)
    documents = search_documents(knowledge_base, REPO / "docs",
                                 {p: page for p, page in site.generated.items() if p.startswith("reference/")})
    kinds = [d.kind for d in documents]
    entries = sum(len(v) for v in knowledge_base.entries.values())
    assert set(kinds[:entries]) <= {"activity", "lesson", "learning_route", "request", "offer"}
    assert kinds[entries:] == sorted(kinds[entries:], key=("page", "guide").index)
    guide = {d.path for d in documents if d.kind == "guide"}
    assert {"contribute.md", "reference/fields.md"} <= guide
    assert not any(d.path.startswith(("countries/", "themes/", "explorer/")) for d in documents)


# --- in the browser ------------------------------------------------------------------------------

# Facts of the real knowledge base: a query, and the entry that must come first.
REAL_QUERIES = [
    ("Cambodia", "activities/cambodia-china-upland-rice"),  # a country
    ("PROCASUR", "activities/procasur-learning-routes"),  # an institution
    ("aquaculture", "activities/africa-brazil-dialogue"),  # a theme word found only in a body
    ("microfinanse", "activities/microfinance-social-safety-knowledge-sharing"),  # misspelt
    ("Cambodai", "activities/cambodia-china-upland-rice"),  # misspelt
    ("Vambodia", "activities/cambodia-china-upland-rice"),  # misspelt in the first letter
    ("ambodia", "activities/cambodia-china-upland-rice"),  # the first letter left out
    ("icrofinance", "activities/microfinance-social-safety-knowledge-sharing"),  # the same
    ("aquaculturw", "activities/africa-brazil-dialogue"),  # misspelt in the last letter
    ("market access for smallholders in the Andes", "learning_route"),  # stop words dropped
]


def _search(page, query):
    """Type a query as a reader does; the results' links (href, text)."""
    page.keyboard.press("/")
    page.keyboard.press("Control+A")
    page.keyboard.type(query, delay=15)
    page.wait_for_function("""q => {
        const meta = document.querySelector('[data-ssckb-search] .md-search-result__meta');
        return document.querySelector('[data-ssckb-search] input').value === q
            && meta.dataset.query === q;
    }""", arg=query, timeout=15000)
    links = page.locator("[data-ssckb-search] a.md-search-result__link")
    return [(links.nth(i).get_attribute("href"), links.nth(i).locator("h1").inner_text())
            for i in range(links.count())]


def _local(url: str, base: str) -> bool:
    return url.startswith(base) or url.startswith(("file:", "data:", "about:", "blob:"))


def _check_real_queries(page):
    for query, expected in REAL_QUERIES:
        results = _search(page, query)
        assert results, query
        first = results[0][0]
        if expected == "learning_route":  # the route, or the activity that is the route, first
            assert "ecuador-peru" in first, (query, results[:3])
            assert any("/learning_routes/ecuador-peru-market-access" in href for href, _ in results[:3])
        else:
            assert f"/{expected}" in first, (query, results[:3])


@pytest.mark.parametrize("offline", [False, True], ids=["served", "file"])
def test_real_site_finds_the_expected_entries_first(browser, real_site, real_offline_site, offline):
    site = real_offline_site if offline else real_site
    with serve(site) as base:
        start = (site / "activities" / "procasur-learning-routes.html").as_uri() if offline \
            else base + "activities/procasur-learning-routes/"  # opened directly, not from the home page
        context = browser.new_context()
        requests = []
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        page.goto(start)
        page.wait_for_load_state("load")
        page.wait_for_timeout(200)
        assert not [url for url in requests if "/search/en/" in url], "search data loaded before the box was used"
        _check_real_queries(page)
        assert any(url.endswith("/search/en/manifest.js") for url in requests)
        assert [url for url in requests if not _local(url, base)] == []
        # Results say what each entry is: its kind, years and countries.
        _search(page, "Cambodia")
        facts = page.locator("[data-ssckb-search] .ssc-search-result__facts").first.inner_text()
        assert facts.startswith("Activity · 2008") and "Cambodia" in facts
        # The words that matched are marked, the misspelt one too: the word as the entry has it.
        _search(page, "Vambodia upland")
        marks = page.locator("[data-ssckb-search] .md-search-result__list li").first.locator("mark")
        assert {"cambodia", "upland"} <= {m.lower() for m in marks.all_inner_texts()}
        assert [url for url in requests if not _local(url, base)] == []
        context.close()


def test_matched_words_are_marked_as_text_in_the_results(browser, fixture_site):
    """The escaping fixture's title holds markup: it shows as text, the word that matched in <mark>."""
    with serve(fixture_site) as base:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(base + "activities/escaping-test/")
        _search(page, "nerror")  # the first letter left out
        title = page.locator("[data-ssckb-search] .md-search-result__list li h1").first
        assert title.inner_text().startswith("<img src=x onerror=alert(1)>")
        # Only text and <mark> elements holding text: nothing of the title became an element.
        assert title.evaluate("h => [...h.querySelectorAll('*')].map(e => e.tagName + ':' + e.children.length)") \
            == ["MARK:0"]
        assert title.locator("mark").inner_text() == "onerror"
        assert page.evaluate("document.querySelectorAll('[data-ssckb-search] img').length") == 0
        page.close()
    assert dialogs == []


WORD_SAMPLES = ["Côte d'Ivoire", "São Tomé and Príncipe", "Türkiye", "cafe\u0301s", "ＦＵＬＬ ﬁne ½", "IFAD's 2011–2015",
                "Lao People's Democratic Republic", "الزراعة", "农业 合作", "हिन्दी", "Ελλάδα", "x_y-z"]


def test_the_browser_splits_words_as_the_index_does(browser, real_site):
    with serve(real_site) as base:
        page = browser.new_page()
        page.goto(base)
        found = page.evaluate("samples => samples.map(s => ssckbSearch.words(s))", WORD_SAMPLES)
        page.close()
    assert found == [search_text.words(sample) for sample in WORD_SAMPLES]


def test_material_keys_work_with_the_search(browser, real_site):
    with serve(real_site) as base:
        page = browser.new_page()
        page.goto(base + "about/ssc/")
        results = _search(page, "Cambodia")
        assert page.evaluate("document.getElementById('__search').checked")
        page.keyboard.press("ArrowDown")
        assert page.evaluate("document.activeElement.getAttribute('href')") == results[0][0]
        page.keyboard.press("ArrowUp")
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__search').checked")
        _search(page, "PROCASUR")
        page.keyboard.press("Enter")
        page.wait_for_url("**/activities/procasur-learning-routes/")
        page.close()


def test_contributor_pages_are_in_their_own_group(browser, real_site):
    with serve(real_site) as base:
        page = browser.new_page()
        page.goto(base)
        _search(page, "Brazil")
        items = page.locator("[data-ssckb-search] .md-search-result__list > li")
        texts = [items.nth(i).inner_text() for i in range(items.count())]
        hrefs = [items.nth(i).locator("a").first.get_attribute("href") if items.nth(i).locator("a").count()
                 else None for i in range(items.count())]
        page.close()
    assert "For contributors" in texts, texts
    first_group = min(texts.index(t) for t in ("Pages of the site", "For contributors") if t in texts)
    # Entries first (with, when there are more than fit, the button that shows more: an item with no link).
    entry_links = [h for h in hrefs[:first_group] if h is not None]
    assert first_group > 0 and entry_links and all(
        re.search(r"/(activities|lessons|learning_routes|requests|offers)/", h) for h in entry_links), hrefs
    after = texts.index("For contributors")
    assert any("Field reference" in t for t in texts[after:]), texts[after:]
    assert not any(re.search(r"/(activities|lessons|learning_routes|requests|offers)/", h or "") for h in hrefs[first_group:])


# --- a synthetic knowledge base of 1,000 entries ---------------------------------------------------

def _source_of(root, href):
    """The synthetic entry file a result links to."""
    kind_folder, entry_id = href.rstrip("/").rsplit("/", 2)[-2:]
    return (root / kind_folder / f"{entry_id}.md").read_text(encoding="utf-8")


def test_synthetic_site_ranks_countries_institutions_and_misspellings(browser, synthetic_kb, synthetic_site):
    countries = {row[0]: row[4] for row in searchindex.documents(synthetic_site)}

    def countries_of(href):
        kind_folder, entry_id = href.rstrip("/").rsplit("/", 2)[-2:]
        return countries[f"{kind_folder}/{entry_id}.md"]

    with serve(synthetic_site) as base:
        context = browser.new_context()
        requests = []
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        page.goto(base + "lessons/")  # a page opened directly
        for query in ("Cambodia", "Cambodai", "Kambodia"):  # a country, and the same misspelt
            results = _search(page, query)
            assert len(results) >= 10, query
            assert all("Cambodia" in countries_of(href) for href, _ in results[:10]), (query, results[:10])
        # An institution's name and its acronym find its entries first.
        for query in ("Yunnan Academy of Agricultural Sciences", "YAAS"):
            results = _search(page, query)
            assert results and all("yaas" in _source_of(synthetic_kb[0], href) for href, _ in results[:5]), query
        # A word's first letters find the entries it is in, as the reader types; a number, its entry.
        assert "cassava" in _search(page, "cassav")[0][1]
        assert _search(page, "Synthetic lesson 18")[0][0].endswith("/lessons/synthetic-lesson-00018/")
        assert [url for url in requests if not _local(url, base)] == []
        context.close()


# --- page weight -----------------------------------------------------------------------------------

FIRST_VIEW_BUDGET = 150 * 1024  # bytes, compressed as a server sends them (gzip level 6)


def _first_view(browser, site: Path, url: str, base: str) -> list:
    """The site's files the first view of ``url`` read (load event, then the network idle)."""
    context = browser.new_context()
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    context.close()
    assert [u for u in requests if not _local(u, base)] == []
    files = []
    for address in requests:
        path = unquote(urlparse(address).path)
        if address.startswith(base):
            path = "/" + path[len(urlparse(base).path):]
            if path.endswith("/"):
                path += "index.html"
        file = site / path.lstrip("/") if address.startswith(base) else Path(path)
        if file.is_file():
            files.append(file)
    return files


def _gzip_size(files: list) -> int:
    return sum(len(gzip.compress(file.read_bytes(), 6, mtime=0)) for file in set(files))


def test_first_views_load_no_search_index_and_no_explorer_rows(browser, synthetic_site):
    """At 1,000 entries: home, an entry, the activities and the explorer, each under the budget."""
    with serve(synthetic_site) as base:
        for path in ("", "activities/synthetic-activity-00001/", "activities/", "explorer/"):
            files = _first_view(browser, synthetic_site, base + path, base)
            names = [f.relative_to(synthetic_site).as_posix() for f in files]
            assert not [n for n in names if n.startswith("search/")], (path, names)
            explorer_data = [n for n in names if n.startswith("explorer/") and n.endswith(".js")]
            assert explorer_data == (["explorer/data.js"] if path == "explorer/" else []), (path, names)
            assert _gzip_size(files) < FIRST_VIEW_BUDGET, (path, _gzip_size(files))
    # What the explorer's first view leaves out: every row, several times its data.js.
    rows = sum(p.stat().st_size for p in (synthetic_site / "explorer").glob("rows-*.js"))
    assert rows > 3 * (synthetic_site / "explorer" / "data.js").stat().st_size


def _explorer_rows_on_demand(browser, url: str, base: str, rows_with_theme):
    """The explorer shows its first page from data.js alone; a ticked value brings every row."""
    context = browser.new_context()
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_function("window.SSCKB_EXPLORER_APP && window.SSCKB_EXPLORER_APP.ready")
    total = page.evaluate("SSCKB_EXPLORER_APP.rows")
    assert page.locator("#ssc-explorer-count").inner_text() == f"{total} activities."
    assert page.locator("#ssc-explorer-results > li").count() == 50 < total
    before = page.locator('details[data-facet="theme"] .ssc-facet__n').evaluate_all("ns => ns.map(n => n.textContent)")
    assert all(re.fullmatch(r"\(\d+\)", n) for n in before), before
    assert not [u for u in requests if "/rows-" in u] and not page.evaluate("SSCKB_EXPLORER_APP.loaded()")
    # Reaching for the filters brings the rows; the count says the same once they are in.
    page.locator("#ssc-explorer-q").focus()
    page.wait_for_function("SSCKB_EXPLORER_APP.loaded()")
    assert page.locator("#ssc-explorer-count").inner_text() == f"{total} activities."
    page.locator('details[data-facet="theme"] > summary').click()
    box = page.locator('details[data-facet="theme"] input[type="checkbox"]').first
    theme = box.get_attribute("value")
    box.check()
    page.wait_for_function("location.hash.includes('theme=')")
    assert page.evaluate("SSCKB_EXPLORER_APP.loaded()") and [u for u in requests if "/rows-" in u]
    # The counts of the first view were those of every row; the ticked theme gives its term page's list.
    page.locator('details[data-facet="theme"] input[type="checkbox"]').first.uncheck()
    page.wait_for_function("!location.hash.includes('theme=')")
    assert page.locator('details[data-facet="theme"] .ssc-facet__n').evaluate_all("ns => ns.map(n => n.textContent)") == before
    shown = page.evaluate("(f) => SSCKB_EXPLORER_APP.count(f)", f"theme={theme}")
    expected = rows_with_theme(theme)
    assert shown == expected, (theme, shown, expected)
    page.locator("#ssc-explorer-more").click()
    assert page.locator("#ssc-explorer-results > li").count() == min(100, total)
    assert [u for u in requests if not _local(u, base)] == [] and errors == []
    context.close()


def _rows_with(folder: Path, facet_key: str, term_id: str) -> int:
    """How many rows of the explorer's files in ``folder`` (read here, not in the browser) hold a facet's term."""
    import json
    head = json.loads((folder / "data.js").read_text()[len("window.SSCKB_EXPLORER="):].rstrip(";\n"))
    k = [facet["key"] for facet in head["facets"]].index(facet_key)
    term = [t[0] for t in head["facets"][k]["terms"]].index(term_id)
    column = len(head["fields"]) - len(head["facets"]) + k
    rows = [row for n in range(head["parts"]) for row in json.loads(
        (folder / f"rows-{n}.js").read_text().split(",", 1)[1].rstrip(");\n"))]
    assert len(rows) == head["total"]
    return sum(term in ([row[column]] if isinstance(row[column], int) else row[column]) for row in rows)


def test_explorer_loads_its_rows_when_the_reader_filters_served_and_from_file(browser, synthetic_site, tmp_path):
    with serve(synthetic_site) as base:
        _explorer_rows_on_demand(browser, base + "explorer/", base,
                                 lambda theme: _rows_with(synthetic_site / "explorer", "theme", theme))
    # From file://: the explorer's page, script and data files as the site writes them, for 1,200 activities.
    sys.path.insert(0, str(REPO / "benchmarks"))
    from explorer_scale import synthetic_knowledge_base, write_harness

    harness, _ = write_harness(tmp_path / "explorer", synthetic_knowledge_base(1200, seed=5))
    assert sorted(p.name for p in harness.parent.glob("rows-*.js")) == ["rows-0.js", "rows-1.js"]
    _explorer_rows_on_demand(browser, harness.as_uri(), harness.parent.as_uri() + "/",
                             lambda theme: _rows_with(harness.parent, "theme", theme))
