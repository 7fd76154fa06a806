"""Search in each language of the site: stop words from a pinned list, the index of each language's site in
that language, the search box's words from the catalog, and the page that lists what is not translated yet.

The queries of issue 16 run on the REAL knowledge base, each language built once for the module with
``build_site`` (no MkDocs), and are ranked by tests/searchindex.py's port of the browser's ranking; in
Chromium, the offline copy of the small fixture knowledge base (conftest.py ``offline_language_site``, built
once per session) shows that the box finds a translated entry in each language, speaks that language, ranks
as the port does, and that the switcher opens the same page in another language.
"""

from __future__ import annotations

import pytest
from babel import Locale

from conftest import FIXTURE, REPO
from searchindex import BrowserSearch
from ssckb.coverage import PATH as COVERAGE_PAGE
from ssckb.i18n import LANGUAGES, rendering_language
from ssckb.rendering import RenderingContext
from ssckb.search import interface
from ssckb.search.stopwords import KEPT, stop_words
from ssckb.search.text import LANGUAGES as SEARCH_LANGUAGES, fold
from ssckb.site import build_site
from ssckb.translations import untranslated

TRANSLATED = ("es", "fr", "pt", "ar")

# The real knowledge base's entries that issue 16's queries must find.
ECUADOR_PERU_ROUTE = "learning_routes/ecuador-peru-market-access.md"
FARMERS_ORGANIZATIONS = "activities/farmers-organizations-cooperation.md"
RICE_ENTRIES = ("activities/cambodia-china-upland-rice.md", "activities/cure-unfavourable-rice-environments.md")


@pytest.fixture(scope="module")
def real_sites():
    """The real knowledge base rendered in Spanish, French and Portuguese (pages and search index, no MkDocs)."""
    return {code: build_site(REPO, context=RenderingContext(language=code)) for code in ("es", "fr", "pt")}


def _search(sites, code) -> BrowserSearch:
    return BrowserSearch(sites[code].static_files, code)


# Issue 16's queries, on the real knowledge base -----------------------------------------------------------

def test_spanish_mercados_finds_the_ecuador_peru_learning_route(real_sites):
    shown = _search(real_sites, "es").shown("mercados")
    assert ECUADOR_PERU_ROUTE in shown
    assert [path for path in shown if path.startswith("learning_routes/")][0] == ECUADOR_PERU_ROUTE


def test_french_organisations_paysannes_finds_the_farmers_organizations_activity(real_sites):
    shown = _search(real_sites, "fr").shown("organisations paysannes")
    assert [path for path in shown if path.startswith("activities/")][0] == FARMERS_ORGANIZATIONS


def test_portuguese_arroz_finds_the_rice_entries(real_sites):
    shown = _search(real_sites, "pt").shown("arroz")
    assert set(RICE_ENTRIES) <= set(shown)


def test_each_language_index_holds_the_translated_titles(real_sites):
    for code, title in (("es", "Compartir conocimientos sobre el acceso a los mercados en el Ecuador y el Perú"),
                        ("fr", "Partager les connaissances sur l'accès aux marchés en Équateur et au Pérou"),
                        ("pt", "Compartilhar conhecimentos sobre o acesso aos mercados no Equador e no Peru")):
        rows = {row[0]: row for row in _search(real_sites, code).rows}
        assert rows[ECUADOR_PERU_ROUTE][1] == title


def test_a_query_stop_words_change_nothing(real_sites):
    search = _search(real_sites, "es")
    assert search.rank("el acceso a los mercados") == search.rank("acceso mercados")
    french = _search(real_sites, "fr")
    assert french.rank("les organisations des paysannes") == french.rank("organisations paysannes")


# Stop words ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("code, common", [("es", {"de", "la", "los", "esta"}), ("fr", {"les", "des", "et", "ete"}),
                                          ("pt", {"os", "das", "nao"}), ("ar", {"في", "من", "على"})])
def test_each_language_has_the_stop_words_of_the_pinned_list(code, common):
    words = SEARCH_LANGUAGES[code].stop_words
    assert words == stop_words(code) and common <= words
    assert all(word == fold(word) for word in words)  # folded as the index folds the text
    assert not {fold(word) for word in KEPT.get(code, ())} & words


def test_words_that_name_places_stay_searchable():
    assert {"estado", "estados"}.isdisjoint(stop_words("es")) and "sao" not in stop_words("pt")
    assert "mercados" not in stop_words("es") and "paysannes" not in stop_words("fr")


# The search box's words -------------------------------------------------------------------------------

@pytest.mark.parametrize("code", TRANSLATED)
def test_the_search_box_words_come_from_the_catalog(code):
    english, words = interface.search_words("en"), interface.search_words(code)
    for key in ("placeholder", "none"):
        assert words[key] and words[key] != english[key], key
    assert words["kinds"]["activity"] != english["kinds"]["activity"]
    assert words["groups"]["page"] != english["groups"]["page"]
    assert set(words["results"]) == set(Locale.parse(code).plural_form.tags) | {"other"}


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_plural_category_holds_the_catalogs_form_for_its_numbers(code):
    """The browser picks a form by CLDR's category (Intl.PluralRules): for every count, that form is the one
    the catalog's own plural rule gives."""
    from ssckb.i18n import ngettext

    rule = Locale.parse(code).plural_form
    forms = interface.plural_forms(*interface.RESULTS, code)
    with rendering_language(code):
        for count in (*range(0, 250), 1000, 1_000_000, 2_000_000):
            assert forms[rule(count)] == ngettext(*interface.RESULTS, count), count


def test_the_manifest_carries_the_words_of_its_language(real_sites):
    manifest = _search(real_sites, "fr").manifest
    assert manifest["words"] == interface.search_words("fr")
    assert manifest["words"]["kinds"]["learning_route"] == "Route d'apprentissage"


def test_the_script_holds_no_english_word_a_reader_sees():
    """Its string literals (comments aside) are names of keys, classes and attributes, never words shown."""
    import re

    script = (REPO / "ssckb" / "assets" / "search" / "search.js").read_text(encoding="utf-8")
    code = re.sub(r"(?m)//.*$", "", re.sub(r"/\*.*?\*/", "", script, flags=re.S))
    literals = set(re.findall(r'"((?:[^"\\]|\\.)*)"', code))
    english = interface.search_words("en")
    shown = {english["placeholder"], english["none"], *english["kinds"].values(), *english["groups"].values(),
             *english["results"].values(), *english["more"].values()}
    assert literals and not literals & shown
    assert [text for text in literals if re.match(r"[A-Z][a-z]+ [a-z]+", text)] == []  # no sentence either


def test_a_result_without_translation_says_its_language(fixture_sites):
    """On the Arabic site the fixture's entries stay English: the results say so (lang="en", its direction)."""
    arabic = {row[0]: row for row in BrowserSearch(fixture_sites["ar"].static_files, "ar").rows}
    spanish = {row[0]: row for row in BrowserSearch(fixture_sites["es"].static_files, "es").rows}
    assert arabic["activities/cambodia-china-rice.md"][6:] == ["en"]
    assert spanish["activities/cambodia-china-rice.md"][6:] == []  # translated: the index's own language


# What is not translated yet -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fixture_sites():
    return {code: build_site(FIXTURE, context=RenderingContext(language=code, repo_url="https://example.org/kb"))
            for code in ("en", "es", "ar")}


def test_each_language_site_lists_what_is_not_translated_into_it(fixture_sites):
    knowledge_base = fixture_sites["es"].knowledge_base
    page = fixture_sites["es"].generated[COVERAGE_PAGE]
    assert page.meta == {"title": "Estado de las traducciones", "search": {"exclude": True}}
    missing = untranslated(knowledge_base, ("es",))["es"]
    assert missing  # the fixture leaves bodies untranslated
    for item in missing:
        entry = knowledge_base.get(item.kind, item.id)
        assert f"](../{entry.page_path})" in page.markdown  # a link to its page
        assert f"<code>{item.path.rpartition('.')[0]}.es.md</code>" in page.markdown  # the file of its body
    assert "| Ficha | Sin traducir | Archivo |" in page.markdown and "| texto |" in page.markdown
    assert "Translation coverage" not in page.markdown and "## Español" in page.markdown
    assert "## Français" not in page.markdown  # each site, its own language


def test_the_english_site_lists_every_translation_language_with_edit_links(fixture_sites):
    page = fixture_sites["en"].generated[COVERAGE_PAGE]
    assert [line for line in page.markdown.splitlines() if line.startswith("## ")] == \
        ["## Spanish", "## French", "## Portuguese", "## Arabic"]
    assert '<a href="https://example.org/kb/edit/main/lessons/lesson-one.md">edit</a>' in page.markdown


def test_a_term_without_its_label_is_listed_with_its_term_page(fixture_sites, monkeypatch):
    """(Every term of the engine's vocabularies has its labels: the gap is made up here.)"""
    from ssckb import coverage
    from ssckb.translations import Untranslated

    knowledge_base = fixture_sites["es"].knowledge_base
    path = knowledge_base.vocabularies["themes"].path
    gap = Untranslated("themes", "agricultural-production", path, ("label", "description"))
    monkeypatch.setattr(coverage, "untranslated", lambda kb, languages: {languages[0]: [gap]})
    with rendering_language("es"):
        page = coverage.render_coverage(knowledge_base, RenderingContext(language="es"))
    assert (f"| [Producción agrícola](../themes/agricultural-production.md) | Temas | etiqueta y descripción | "
            f"<code>{path}</code> |") in page.markdown
    assert "0 fichas y 1 término de vocabulario carecen de traducción." in page.markdown
    assert "### Fichas" not in page.markdown and "### Términos de vocabulario" in page.markdown


def test_the_arabic_site_lists_its_own_gaps_in_arabic(fixture_sites):
    page = fixture_sites["ar"].generated[COVERAGE_PAGE]
    assert page.markdown.startswith("# حالة الترجمة\n") and "## العربية" in page.markdown


def test_the_coverage_page_is_in_the_navigation_of_every_language():
    for code in LANGUAGES:
        name = "mkdocs.yml" if code == "en" else f"mkdocs.{code}.yml"
        assert "- translations/index.md" in (REPO / name).read_text(encoding="utf-8"), name


# In Chromium, from file:// --------------------------------------------------------------------------------

ENTRY = "activities/cambodia-china-rice"
#: A query in each language that the fixture's entry answers with its translated words (its title; in Arabic,
#: where the fixture's entries stay English, CLDR's name of Cambodia).
QUERIES = {"es": ("arroz secano", "Camboya - China: arroz de secano"),
           "fr": ("riz pluvial", "Cambodge - Chine : riz pluvial"),
           "pt": ("arroz sequeiro", "Camboja - China: arroz de sequeiro"),
           "ar": ("كمبوديا", "Cambodia - China upland rice")}
NEXT = {"es": "fr", "fr": "pt", "pt": "ar", "ar": "es"}


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_search_box_finds_a_translated_entry_in_the_language_from_disk(browser, offline_language_site, code):
    folder = offline_language_site / LANGUAGES[code].folder
    query, title = QUERIES[code]
    words = interface.search_words(code)
    expected = BrowserSearch.of_site(folder, code).shown(query)
    page = browser.new_page()
    try:
        page.goto((folder / f"{ENTRY}.html").as_uri())
        assert page.evaluate("document.documentElement.lang") == code
        page.locator(".md-search__input").click()
        meta = page.locator(".md-search-result__meta")
        page.wait_for_function("text => document.querySelector('.md-search-result__meta').textContent === text",
                               arg=words["placeholder"], timeout=15000)
        page.keyboard.type(query, delay=20)
        page.wait_for_function("q => document.querySelector('.md-search-result__meta').dataset.query === q",
                               arg=query, timeout=15000)
        links = page.locator("a.md-search-result__link")
        hrefs = [href.split(f"/{code}/", 1)[1] for href in links.evaluate_all("els => els.map(a => a.href)")]
        assert hrefs == [path.removesuffix(".md") + ".html" for path in expected]  # ranked as the port ranks
        assert f"{ENTRY}.html" in hrefs
        assert title in links.all_inner_texts()[hrefs.index(f"{ENTRY}.html")]
        count = len(expected)
        category = Locale.parse(code).plural_form(count)
        assert meta.inner_text() == words["results"][category].replace("{n}", str(count))
        facts = page.locator(".ssc-search-result__facts").first.inner_text()
        assert facts.startswith(words["kinds"]["activity"])
        heading = links.nth(hrefs.index(f"{ENTRY}.html")).locator("h1")
        assert heading.get_attribute("lang") == ("en" if code == "ar" else None)  # the fixture has no Arabic
    finally:
        page.close()


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_switcher_opens_the_same_entry_in_the_next_language_from_disk(browser, offline_language_site, code):
    other = NEXT[code]
    page = browser.new_page()
    try:
        page.goto((offline_language_site / LANGUAGES[code].folder / f"{ENTRY}.html").as_uri())
        page.locator(".md-select").first.hover()  # Material opens the selector on hover or focus
        page.locator(f"a[data-ssckb-language='{other}']").first.click()
        page.wait_for_load_state()
        assert page.url.endswith(f"/{other}/{ENTRY}.html"), page.url
        assert page.evaluate("[document.documentElement.lang, document.body.dir]") == \
            [other, LANGUAGES[other].direction]
    finally:
        page.close()
