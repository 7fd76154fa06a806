"""The views in the reader's language: the explorer's script writes only the words the build gives it, the
dashboard's amounts and ratios are formatted for the locale, its charts speak the page's language, and the
theme's banners come from the catalog. Built on the fixture knowledge base (tests/fixtures/kb)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CHROMIUM, FIXTURE, REPO, copy_fixture
from ssckb import language_sites
from ssckb.banners import banner_words
from ssckb.i18n import LANGUAGES, gettext, rendering_language
from ssckb.rendering import RenderingContext
from ssckb.site import build_site
from ssckb.views import dashboard, explorer

SCRIPT = REPO / "ssckb" / "assets" / "views" / "explorer.js"
#: What the explorer's script used to write itself, in English: none of it may be left in its source.
FORMER_SCRIPT_ENGLISH = (
    "Loading the", "could not be loaded", "Any year", "any ticked", "all ticked", "Match ", "Find in the list of",
    "Find…", "No ", "matches these filters", " match", "Remove filter", "Words: ", "until ", "from ", "Years: ",
    "Show ", " more (of ", "Show the other", " ticked", ", all", " activity", " activities", " entries", " entry",
)


@pytest.fixture(scope="module")
def sites():
    """The fixture's generated pages and files in English, Spanish, French and Arabic."""
    return {code: build_site(FIXTURE, context=RenderingContext(language=code)) for code in ("en", "es", "fr", "ar")}


def _explorer_data(site) -> dict:
    text = site.static_files["explorer/data.js"]
    return json.loads(text[len("window.SSCKB_EXPLORER="):].rstrip(";\n"))


def _script_literals() -> list[str]:
    """The string literals of the explorer's script, its comments left out."""
    source = SCRIPT.read_text(encoding="utf-8")
    source = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    source = re.sub(r"(?m)^\s*//.*$|\s//\s.*$", "", source)
    return re.findall(r'"((?:[^"\\\n]|\\.)*)"', source)


# The explorer's script ----------------------------------------------------------------------------------

def test_the_explorer_script_holds_no_english_word_for_readers():
    literals = _script_literals()
    assert literals, "no string literal found: the reading of the script is broken"
    left = sorted({english for english in FORMER_SCRIPT_ENGLISH for literal in literals if english in literal})
    assert left == []
    # Whatever it writes for readers comes from data.words: a literal holding words is a class, an id, a
    # media query or a file name, never a sentence.
    sentences = [literal for literal in literals
                 if literal != "use strict" and re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", literal)]
    assert sentences == []


@pytest.mark.parametrize("code", ("es", "fr", "ar"))
def test_the_explorer_data_carries_the_words_of_its_language(sites, code):
    english, data = _explorer_data(sites["en"]), _explorer_data(sites[code])
    words, english_words = data["words"], english["words"]
    assert words["lang"] == code and set(words) == set(english_words)
    same = {"facetTerm", "separator", "lang"}  # '%(facet)s: %(term)s' and ', ' are the same in Spanish
    for key, text in words.items():
        if key in same:
            continue
        forms = list(text.values()) if isinstance(text, dict) else [text]
        english_forms = list(english_words[key].values()) if isinstance(text, dict) else [english_words[key]]
        assert not set(forms) & set(english_forms), (code, key, text)
    for facet, english_facet in zip(data["facets"], english["facets"]):
        assert facet["key"] == english_facet["key"]
        with rendering_language(code):  # the catalog's translation (French writes 'Institutions' alike)
            assert facet["label"] == gettext(english_facet["label"]), facet["key"]
        assert facet["find"] != english_facet["find"], facet["key"]
    kinds = next(facet for facet in data["facets"] if facet["key"] == "kind")
    assert [label for _, label in kinds["terms"]] != ["Activities", "Knowledge requests", "Knowledge offers"]


def test_the_explorer_plurals_are_the_catalog_forms_by_plural_category(sites):
    spanish, arabic = _explorer_data(sites["es"])["words"], _explorer_data(sites["ar"])["words"]
    # Every category the browser's Intl.PluralRules may name for the language, each the catalog's form.
    assert set(arabic["all"]) == {"zero", "one", "two", "few", "many", "other"}
    assert arabic["all"]["two"] == "مدخلان" and arabic["all"]["few"] == "{n} مدخلات"
    assert spanish["all"]["one"] == "{n} ficha" and spanish["all"]["other"] == "{n} fichas"
    assert spanish["some"]["other"] == "{shown} de {total} fichas coinciden"
    assert spanish["rest"]["one"] == "Mostrar la otra" and spanish["rest"]["other"] == "Mostrar las otras {rest}"
    assert spanish["loading"] == "Cargando las 7 fichas…"  # the number of rows is known when the page is built
    with rendering_language("es"):
        forms = explorer.plural_forms("{n} activity", "{n} activities")
    assert forms["one"] == "{n} actividad" and forms["other"] == "{n} actividades"


def test_the_explorer_page_speaks_its_language(sites):
    page = sites["es"].generated["explorer/index.md"].markdown
    for words in ("Filtrar las fichas", "Palabras", "Más recientes primero", "Quitar todos los filtros",
                  "Mostrar más", "El explorador necesita JavaScript"):
        assert words in page, words
    assert "{ #ssc-explorer-probe }" in page  # the script still finds the address pattern of entry pages


# The dashboard ------------------------------------------------------------------------------------------

def test_dashboard_amounts_and_ratios_are_formatted_for_the_language(sites):
    english = sites["en"].generated["dashboard/index.md"].markdown
    spanish = sites["es"].generated["dashboard/index.md"].markdown
    french = sites["fr"].generated["dashboard/index.md"].markdown
    assert ">US$700,000<" in english and ">3.05<" in english and "CNY 300,000; US$1,529,000 and 1 not stated" in english
    assert ">700.000\u00a0US$<" in spanish and ">3,05<" in spanish
    assert "300.000\u00a0CNY; 1.529.000\u00a0US$ y 1 no indicado" in spanish  # 'and N not stated': the catalog's plural
    assert ">700\u202f000\u00a0US$<" in french and ">3,05<" in french
    # The data values stay plain numbers, for scripts and tests, in every language.
    for page in (english, spanish, french):
        assert 'data-ssc-total="ifad" data-value="700000"' in page and 'data-ssc-total="leverage" data-value="3.05"' in page
    with rendering_language("es"):
        assert dashboard.chart_amount(1_500_000) == "1,5\u00a0M\u00a0US$"
        assert dashboard.amount_text(1234.5, "CNY") == "1.234,50\u00a0CNY"


def test_dashboard_charts_speak_the_language_of_the_page(sites):
    spanish = sites["es"].generated["dashboard/index.md"].markdown
    svg = re.search(r'<svg[^>]*id="ssc-finance-year".*?</svg>', spanish, flags=re.S).group(0)
    assert '<title id="ssc-finance-year-title">Financiación de la CSS por año</title>' in svg
    assert "Barras apiladas de la contribución del FIDA" in svg  # the chart's description (aria-labelledby)
    assert ">Otros en especie</text>" in svg and ">FIDA</text>" in svg  # the legend
    assert "<title>2006: Otros en especie 3\u00a0mil\u00a0US$</title>" in svg  # a bar's tooltip
    assert "| Año | Fichas | FIDA | Cofinanciación |" in spanish  # the table beside it
    arabic = sites["ar"].generated["dashboard/index.md"].markdown
    assert "تمويل التعاون فيما بين بلدان الجنوب حسب السنة" in arabic and ">الصندوق</text>" in arabic
    for english in ("Financing of SSC", "Others in kind", "Stacked bars", "not stated"):
        assert english not in spanish and english not in arabic, english


# The theme's banners ------------------------------------------------------------------------------------

def test_the_banners_are_counted_by_the_catalog_in_each_language():
    assert banner_words("en", 1, 2)["problems"] == "1 error in the knowledge base."
    assert banner_words("en", 2, 1)["preview"] == "<strong>Preview</strong> of 1 entry: index pages list only them."
    spanish = banner_words("es", 2, 3)
    assert spanish["problems"] == "2 errores en la base de conocimientos."
    assert spanish["preview"].startswith("<strong>Vista previa</strong> de 3 fichas")
    assert "%(link)s" in spanish["left_out"] and spanish["see_problems"] == "ver los problemas"
    assert banner_words("ar", 2, 1)["problems"] == "خطآن في قاعدة المعارف."


# In Chromium, from file:// ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def spanish_offline_site(tmp_path_factory) -> Path:
    """The fixture's Spanish site, offline (file://), built by MkDocs --strict as `build.py build` does."""
    root = copy_fixture(tmp_path_factory.mktemp("views-es"))
    language_sites.write_configs(root)
    site = tmp_path_factory.mktemp("views-es-site") / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SSCKB_SITE_DIR=str(site / LANGUAGES["es"].folder),
               SSCKB_OFFLINE="true")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", language_sites.config_name("es"),
                             "-d", str(site / LANGUAGES["es"].folder)], cwd=root, env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return site / LANGUAGES["es"].folder


def test_the_spanish_explorer_writes_spanish_from_disk(browser, spanish_offline_site):
    if not Path(CHROMIUM).exists():  # pragma: no cover
        pytest.skip("Debian's chromium is not installed")
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((spanish_offline_site / "explorer" / "index.html").as_uri())
    page.wait_for_function("window.SSCKB_EXPLORER_APP && window.SSCKB_EXPLORER_APP.ready")
    count = page.locator("#ssc-explorer-count")
    assert page.evaluate("document.documentElement.lang") == "es"
    assert count.inner_text() == "7 fichas."
    assert page.locator("#ssc-explorer-from option").first.inner_text() == "Cualquier año"
    # Filter by a theme: the count, the chip and the facet's summary are Spanish.
    page.locator('details[data-facet="theme"] > summary').click()
    page.locator('details[data-facet="theme"] input[value="gender"]').check()
    page.wait_for_function("location.hash.includes('theme=gender')")
    assert re.fullmatch(r"\d de 7 fichas coinciden\.", count.inner_text()), count.inner_text()
    chip = page.locator(".ssc-chip").first
    assert chip.inner_text().startswith("Temas: Género")
    assert chip.get_attribute("aria-label") == "Quitar el filtro Temas: Género"
    assert "1 marcado" in page.locator('details[data-facet="theme"] .ssc-facet__picked').inner_text()
    assert page.locator('details[data-facet="theme"] .ssc-facet__mode').inner_text().startswith("Coincidir con")
    # Words that match nothing, then a year range: Spanish again.
    page.locator("#ssc-explorer-q").fill("zzzz")
    page.wait_for_function("location.hash.includes('q=zzzz')")
    assert count.inner_text() == "Ninguna ficha coincide con estos filtros (de 7)."
    page.locator(".ssc-chip", has_text="Palabras").click()
    page.locator("#ssc-explorer-to").select_option("2009")
    page.wait_for_function("location.hash.includes('to=2009')")
    assert page.locator(".ssc-chip", has_text="Años: hasta 2009").count() == 1
    text = page.locator("#ssc-explorer").inner_text()
    for english in ("match", "ticked", "Remove filter", "Any year", "Show", "Words", "Years"):
        assert english not in text, english
    assert errors == []
    page.close()


def test_the_map_names_every_country_in_the_language_of_the_page(sites):
    titles = re.findall(r"<title>([^<]*)</title></path>", sites["es"].generated["map/index.md"].markdown)
    assert "Estados Unidos" in titles and "Bosnia y Herzegovina" in titles  # CLDR's names, not Natural Earth's
    assert "United States of America" not in titles
    english = re.findall(r"<title>([^<]*)</title></path>", sites["en"].generated["map/index.md"].markdown)
    assert "United States of America" in english  # the English map keeps the shapes' own names
