"""Entry pages and the pages around them in each language: counts by the catalog's plurals, amounts and
figures by Babel, and an English title shown for want of a translation marked lang="en".

(That no English message of the catalog is left on these pages is tests/test_i18n.py's CONVERTED_PAGES.)
"""

from __future__ import annotations

import pytest

from conftest import FIXTURE
from ssckb import i18n
from ssckb.i18n import counted, rendering_language
from ssckb.pages import MATCH_WORDS, MONEY_WORDS, counted_words, figure, shown_money
from ssckb.rendering import RenderingContext
from ssckb.site import build_site
from ssckb.views.common import plural

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture(scope="module")
def sites():
    return {code: build_site(FIXTURE, context=RenderingContext(language=code)) for code in ("en", "es", "fr", "ar")}


def _page(sites, code, path):
    site = sites[code]
    return {**site.generated, **site.entries}[path].markdown


def test_match_points_take_the_catalogs_plural_forms(sites):
    request = "requests/lao-upland-rice.md"
    assert "(10 points)" in _page(sites, "en", request) and "(1 point)" in _page(sites, "en", request)
    assert "(10 puntos)" in _page(sites, "es", request) and "(1 punto)" in _page(sites, "es", request)
    arabic = _page(sites, "ar", request)
    assert "(10 نقاط)" in arabic  # 3 to 10: the 'few' form
    assert "(نقطة واحدة)" in arabic  # 1: the 'one' form, which says the number in words
    assert "(7 نقاط)" in arabic and "(6 نقاط)" in arabic


def test_arabic_has_six_forms_where_english_has_two():
    with rendering_language("ar"):
        forms = [counted(*MATCH_WORDS["score"], n) for n in (0, 1, 2, 3, 11, 100)]
    assert forms == ["0 نقطة", "نقطة واحدة", "نقطتان", "3 نقاط", "11 نقطة", "100 نقطة"]
    with rendering_language("ar"):
        assert counted(*MATCH_WORDS["more"], 2) == "واثنان آخران"
    assert counted(*MATCH_WORDS["more"], 2) == "and 2 more"


def test_a_sum_with_contributions_not_stated_counts_them_by_the_catalog():
    with rendering_language("es"):
        assert counted_words(MONEY_WORDS["and_not_stated"], 1, amounts="X") == "X y 1 no indicado"
        assert counted_words(MONEY_WORDS["and_not_stated"], 2, amounts="X") == "X y 2 no indicados"
    assert counted_words(MONEY_WORDS["and_not_stated"], 2, amounts="X") == "X and 2 not stated"


def test_the_money_facts_of_an_entry_are_formatted_for_the_language(sites):
    english = _page(sites, "en", "activities/brazil-africa-marketplace.md")
    assert "US$500,000 (cash, status not stated, 2010)" in english
    assert "| Leverage | 3.05 from others per US$1 from IFAD |" in english
    spanish = _page(sites, "es", "activities/brazil-africa-marketplace.md")
    assert f"500.000{NBSP}US$ (en efectivo, estado no indicado, 2010)" in spanish
    assert f"| Cofinanciación | 1.525.000{NBSP}US$ |" in spanish
    assert "| Apalancamiento | 3,05 de otros por cada US$1 del FIDA |" in spanish
    french = _page(sites, "fr", "activities/brazil-africa-marketplace.md")
    assert f"500{NNBSP}000{NBSP}US$ (en espèces, statut non indiqué, 2010)" in french
    assert "| Effet de levier | 3,05 d'autres sources pour 1 US$ du FIDA |" in french
    rice = _page(sites, "es", "activities/cambodia-china-rice.md")
    assert f"| Cofinanciación | 300.000{NBSP}CNY y 1 no indicado |" in rice


def test_the_financing_page_formats_the_annex_table_for_the_language(sites):
    spanish = _page(sites, "es", "financing.md")
    assert "| Proyecto | Naturaleza de la actividad | Fecha | Contribución del FIDA (en US$) | Ficha |" in spanish
    assert "| Cambodia - China | in project | 2008 | 200.000 |" in spanish  # the row's own words, as printed
    assert "atribuyen al FIDA US$700.000 en total" in spanish
    assert "| 200,000 |" in _page(sites, "en", "financing.md")


def test_figures_keep_pythons_rounding_and_take_the_languages_separators():
    assert figure(2.675, 2) == "2.67" and figure(1234.5, 2) == "1,234.50" and figure(200000, 0) == "200,000"
    with rendering_language("fr"):
        assert figure(1234.5, 2) == f"1{NNBSP}234,50"
    assert shown_money(1500.5, "EUR") == "EUR 1,500.50"  # English keeps the knowledge base's own form
    with rendering_language("es"):
        assert shown_money(200000) == f"200.000{NBSP}US$"


def test_an_english_title_shown_for_want_of_a_translation_is_marked_english(sites):
    # The fixture's entries have no Arabic title: the Arabic pages show the English one, marked.
    arabic = _page(sites, "ar", "activities/cambodia-china-rice.md")
    assert arabic.startswith('# <span lang="en" dir="ltr">Cambodia - China upland rice</span>\n')
    assert '**[<span lang="en" dir="ltr">Carefully elect and support champions</span>](../lessons/lesson-one.md)**' \
        in arabic
    assert '<span lang="en" dir="ltr">The quality of the knowledge exchange host decides success.</span>' in arabic
    hub = _page(sites, "ar", "demand/index.md")
    assert '### [<span lang="en" dir="ltr">Lao farmers ask to learn upland rice systems</span>]' in hub
    # A translated title is not marked, and English pages never are.
    spanish = _page(sites, "es", "activities/cambodia-china-rice.md")
    assert spanish.startswith("# Camboya - China: arroz de secano\n") and 'lang="en"' not in spanish.split("<p class")[0]
    for path in ("activities/cambodia-china-rice.md", "demand/index.md", "activities/index.md"):
        assert "<span lang" not in _page(sites, "en", path)


def test_the_status_languages_and_roles_of_an_entry_are_in_the_readers_language(sites):
    offer = _page(sites, "fr", "offers/yunnan-rice-offer.md")
    assert "| Langues | anglais, chinois |" in offer and "| Statut | ouverte |" in offer
    route = _page(sites, "es", "learning_routes/palenque-route.md")
    assert "[FAO](../institutions/fao.md) (organizadora)" in route
    assert "## Casos visitados" in route and "(anfitriona: [Food and Agriculture Organization" in route


def test_the_plural_helper_follows_the_catalog_rule():
    assert plural(1, "entry", "entries") == "1 entry" and plural(2, "entry", "entries") == "2 entries"
    assert plural(1500, "entry", "entries") == "1,500 entries"
    assert i18n.ngettext("{n} point", "{n} points", 0) == "{n} points"


def test_a_source_page_gives_its_date_type_and_counts_in_the_readers_language(sites):
    spanish = _page(sites, "es", "sources/ifad-repl-ix-3-r-3.md")
    assert "| Tipo | Informe |" in spanish and "| Fecha | 26 de septiembre de 2011 |" in spanish
    assert "| Date | 2011-09-26 |" in _page(sites, "en", "sources/ifad-repl-ix-3-r-3.md")  # English: as written
    assert "3 actividades, 1 ruta de aprendizaje, 1 lección aprendida" in spanish
    listing = _page(sites, "ar", "sources/index.md")
    assert "استشهد به مُدخَل واحد" in listing and "استشهدت به 9 مُدخلات" in listing
    assert "cited by 9 entries" in _page(sites, "en", "sources/index.md")


def test_an_institution_page_names_its_type_in_the_readers_language(sites):
    assert "Tipo: investigación" in _page(sites, "es", "institutions/yaas.md")
    assert "Type: research" in _page(sites, "en", "institutions/yaas.md")


def test_short_amounts_of_the_charts_are_cldrs_in_another_language():
    from ssckb.views.common import compact_money

    assert [compact_money(v) for v in (1500000, 60000, 500)] == ["US$1.5M", "US$60k", "US$500"]
    with rendering_language("es"):
        assert compact_money(1500000) == f"1,5{NBSP}M{NBSP}US$"
    with rendering_language("fr"):
        assert compact_money(60000) == f"60{NBSP}k{NBSP}US$"


def test_an_institution_page_gives_its_acronym_in_the_readers_language(sites):
    assert "Sigla: FIDA" in _page(sites, "es", "institutions/ifad.md")
    assert "Acronym: IFAD" in _page(sites, "en", "institutions/ifad.md")
