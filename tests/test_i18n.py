"""The site in every language: catalogs complete, words and numbers per language, one MkDocs site per language
with a switcher to the same page, built on the small fixture knowledge base (tests/fixtures/kb)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURE, REPO, build_languages, copy_fixture
from ssckb import catalogs, handwritten, i18n, language_sites, pages
from ssckb.i18n import LANGUAGES, rendering_language
from ssckb.site import build_site
from ssckb.rendering import RenderingContext

TRANSLATED = ("es", "fr", "pt", "ar")


# Catalogs ---------------------------------------------------------------------------------------------

def test_every_message_of_the_code_is_translated_in_every_catalog():
    """Extract the messages of ssckb/ as `pybabel extract` does, and compare them with each .po file."""
    problems = catalogs.catalog_problems(REPO)
    assert problems == [], "\n".join(p.format() for p in problems) + "\nrun: python build.py messages"


def test_the_template_catalog_is_up_to_date():
    extracted = {m.id for m in catalogs.extract(REPO) if m.id}
    written = {m.id for m in catalogs.read_catalog(catalogs.template_path(REPO)) if m.id}
    assert extracted == written, "run: python build.py messages"


def test_a_catalog_that_lacks_a_message_fails(tmp_path):
    root = tmp_path / "repo"
    (root / "ssckb").mkdir(parents=True)
    (root / "babel.cfg").write_text((REPO / "babel.cfg").read_text())
    (root / "ssckb" / "words.py").write_text('from .i18n import _\nTITLE = _("A word no catalog has")\n')
    for code in TRANSLATED:
        target = catalogs.po_path(root, code)
        target.parent.mkdir(parents=True)
        target.write_bytes(catalogs.po_path(REPO, code).read_bytes())
    problems = catalogs.catalog_problems(root)
    assert {p.path for p in problems} == {f"locale/{code}/LC_MESSAGES/messages.po" for code in TRANSLATED}
    assert all("lacks 'A word no catalog has'" in p.message for p in problems)


# A message written inside an f-string is invisible to pybabel on Python 3.11 (the f-string is one token).
_MESSAGE_IN_F_STRING = re.compile(r"""\bf(["']).*\{[^}]*\b(?:_|N_|gettext|ngettext|counted)\(["']""")


def test_no_message_is_written_inside_an_f_string():
    found = [f"{path.relative_to(REPO)}:{number}" for path in sorted((REPO / "ssckb").rglob("*.py"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if _MESSAGE_IN_F_STRING.search(line)]
    assert found == []


def test_placeholders_must_survive_translation():
    assert catalogs._placeholder_problem("Region: %(region)s", "Región: %(region)s") == ""
    assert "lost" in catalogs._placeholder_problem("Region: %(region)s", "Región")
    assert "has not" in catalogs._placeholder_problem("Region", "Región %(x)s")
    # A plural form may say the number in words (Arabic's dual), never drop another placeholder.
    assert catalogs._placeholder_problem(("{n} page", "{n} pages"), ["{n} صفحة", "صفحة واحدة"]) == ""


# Words, plurals, numbers ------------------------------------------------------------------------------

def test_plurals_follow_each_language_catalog():
    forms = {}
    for code in LANGUAGES:
        with rendering_language(code):
            forms[code] = [i18n.counted("{n} activity", "{n} activities", n) for n in (0, 1, 2, 3, 11, 100)]
    assert forms["en"] == ["0 activities", "1 activity", "2 activities", "3 activities", "11 activities",
                           "100 activities"]
    assert forms["es"][1] == "1 actividad" and forms["es"][2] == "2 actividades"
    assert forms["fr"][0] == "0 activité"  # French: zero is singular
    assert forms["pt"][0] == "0 atividade"
    assert len(set(forms["ar"])) == 6  # Arabic: six forms (zero, one, two, few, many, other)


def test_numbers_and_amounts_are_formatted_for_the_language():
    expected = {"en": ("1,500,000", "US$200,000"), "es": ("1.500.000", "200.000\xa0US$"),
                "fr": ("1\u202f500\u202f000", "200\u202f000\xa0US$"), "pt": ("1.500.000", "US$\xa0200.000")}
    for code, (number, amount) in expected.items():
        with rendering_language(code):
            assert i18n.number(1500000) == number
            assert i18n.amount(200000) == amount
    with rendering_language("es"):
        assert i18n.amount(1234.5) == "1.234,50\xa0US$"
        import datetime
        assert i18n.date(datetime.date(2011, 5, 3)) == "3 de mayo de 2011"


def test_the_language_of_a_build_does_not_leak_out_of_it():
    build_site(FIXTURE, context=RenderingContext(language="fr"))
    assert i18n.current_language() == "en"


def test_unknown_language_is_refused_with_the_known_ones():
    with pytest.raises(ValueError, match="en, es, fr, pt, ar"):
        i18n.language_of("xx")


@pytest.mark.parametrize("url, source, target, link", [
    ("countries/brazil/", "en", "es", "../../es/countries/brazil/"),
    ("countries/brazil/", "es", "en", "../../../countries/brazil/"),
    ("countries/brazil/", "es", "ar", "../../../ar/countries/brazil/"),
    ("countries/brazil.html", "fr", "pt", "../../pt/countries/brazil.html"),
    ("", "en", "es", "es/"),
    ("", "es", "en", "../"),
    ("", "en", "en", "./"),
    ("index.html", "pt", "en", "../index.html"),
])
def test_the_counterpart_of_a_page_is_a_relative_link(url, source, target, link):
    assert i18n.counterpart_link(url, source, target) == link


def test_with_the_site_address_hreflang_links_are_absolute():
    found = {alt["code"]: alt for alt in i18n.alternates("countries/brazil/", "fr", "https://example.org/kb/")}
    assert found["es"]["href"] == "https://example.org/kb/es/countries/brazil/"
    assert found["en"]["href"] == "https://example.org/kb/countries/brazil/" and found["en"]["default"]
    assert found["es"]["link"] == "../../../es/countries/brazil/"  # the switcher stays relative (file://)
    assert found["fr"]["current"] and not found["es"]["current"]


def test_arabic_is_right_to_left_and_the_others_left_to_right():
    assert {code: language.direction for code, language in LANGUAGES.items()} == \
        {"en": "ltr", "es": "ltr", "fr": "ltr", "pt": "ltr", "ar": "rtl"}


def test_the_language_configurations_are_up_to_date():
    assert language_sites.stale_configs(REPO) == [], "run: python build.py languages"


def _nav_titles(items):
    for item in items:
        if isinstance(item, dict):
            for title, value in item.items():
                yield title
                if isinstance(value, list):
                    yield from _nav_titles(value)


def test_every_title_of_the_navigation_is_a_message_of_the_catalog():
    """A title added to mkdocs.yml's nav and not to CONFIG_WORDS would stay English on every site."""
    import yaml

    nav = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["nav"]
    missing = sorted(set(_nav_titles(nav)) - set(language_sites.CONFIG_WORDS))
    assert missing == [], f"add them to ssckb/language_sites.py CONFIG_WORDS: {missing}"


# Generated pages per language -------------------------------------------------------------------------

def _english_fragments() -> set[str]:
    """Pieces of the catalog's English source strings that a translated page must not hold: the parts
    between placeholders, of more than one word, for every message whose translation differs."""
    fragments = set()
    spanish = catalogs.read_catalog(catalogs.po_path(REPO, "es"), "es")
    for message in catalogs.extract(REPO):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        translated = spanish.get(message.id)
        strings = translated.string if isinstance(translated.string, (list, tuple)) else (translated.string,)
        for text in ids:
            if text in strings:
                continue  # the same in both languages ("Interregional")
            for piece in re.split(r"%\(\w+\)s|\{\w+\}", text):
                piece = piece.strip(" .:,()")
                if " " in piece and len(piece) >= 8:
                    fragments.add(piece)
    return fragments


# Generated pages whose every word comes from the catalog (the vocabularies' labels and entries' titles are
# another part's: they are left out of the comparison, being no message of the catalog).
CONVERTED_PAGES = ("countries/brazil.md", "countries/index.md", "themes/gender.md", "themes/index.md", "browse.md",
                   "activities/index.md", "years/2010.md", "flows/index.md", "timeline/index.md", "data/index.md",
                   "map/index.md", "scopes/interregional.md", "explorer/index.md", "dashboard/index.md",
                   "explore/index.md",
                   # entry pages and the pages around them
                   "activities/cambodia-china-rice.md", "activities/brazil-africa-marketplace.md",
                   "learning_routes/palenque-route.md", "lessons/lesson-one.md", "institutions/yaas.md",
                   "requests/lao-upland-rice.md", "requests/mozambique-innovation.md", "offers/yunnan-rice-offer.md",
                   "offers/brazil-research-offer.md", "requests/index.md", "offers/index.md", "financing.md",
                   "demand/index.md", "replication/index.md", "sources/index.md")


@pytest.fixture(scope="module")
def english_fragments():
    return _english_fragments()


@pytest.mark.parametrize("code", TRANSLATED)
def test_converted_pages_hold_no_english_message(code, english_fragments):
    site = build_site(FIXTURE, context=RenderingContext(language=code))
    assert site.problems == []
    pages = {**site.generated, **site.entries}
    for path in CONVERTED_PAGES:
        assert path in pages, path
        text = pages[path].document()
        left = sorted(fragment for fragment in english_fragments if fragment in text)
        assert left == [], f"{code}: {path} holds English: {left}"


# One MkDocs site per language -------------------------------------------------------------------------

_build_languages = build_languages  # conftest.py: as `build.py build` does


@pytest.fixture(scope="module")
def language_kb(tmp_path_factory) -> Path:
    root = copy_fixture(tmp_path_factory.mktemp("languages"))
    language_sites.write_configs(root)
    return root


@pytest.fixture(scope="module")
def language_site(language_kb, tmp_path_factory) -> Path:
    """The fixture in every language, each built with MkDocs --strict."""
    return _build_languages(language_kb, tmp_path_factory.mktemp("language-site") / "site", LANGUAGES)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(path: Path) -> list:
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


PAGES = ("index.html", "countries/brazil/index.html", "themes/gender/index.html", "flows/index.html",
         "activities/brazil-africa-marketplace/index.html")


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_each_language_site_speaks_its_language(language_site, code):
    folder = language_site / LANGUAGES[code].folder
    for page in PAGES:
        tags = _tags(folder / page)
        html_tag = next(attributes for tag, attributes in tags if tag == "html")
        body = next(attributes for tag, attributes in tags if tag == "body")
        assert html_tag["lang"] == code, page
        assert body["dir"] == LANGUAGES[code].direction, page
    assert (folder / "search" / code / "manifest.js").is_file()  # its own search, with its own stemmer
    assert not (folder / "search" / "en").exists() or code == "en"


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_the_switcher_and_hreflang_lead_to_the_same_page_in_each_language(language_site, code):
    folder = language_site / LANGUAGES[code].folder
    for page in PAGES:
        path = folder / page
        tags = _tags(path)
        switcher = {a["data-ssckb-language"]: a["href"] for tag, a in tags if tag == "a" and "data-ssckb-language" in a}
        alternates = {link["hreflang"]: link["href"] for tag, link in tags
                      if tag == "link" and link.get("rel") == "alternate" and "hreflang" in link}
        assert set(switcher) == set(LANGUAGES) == set(alternates) - {"x-default"}, page
        assert alternates["x-default"] == alternates["en"]
        for other, href in switcher.items():
            target = (path.parent / href).resolve() / "index.html" if href.endswith("/") else (path.parent / href)
            expected = language_site / LANGUAGES[other].folder / page
            assert target.resolve() == expected.resolve(), (page, other, href)
            assert alternates[other] == href  # no site_url: the same relative address
        current = [a for tag, a in tags if tag == "a" and a.get("aria-current") == "true" and "data-ssckb-language" in a]
        assert [a["data-ssckb-language"] for a in current] == [code]


def test_every_link_of_every_language_leads_somewhere(language_site):
    """The whole site in five languages, the switcher's and hreflang links included (tests/webcheck.py)."""
    from webcheck import broken_links

    assert broken_links(language_site, other_languages=True) == []


def test_a_one_language_build_leaves_the_language_links_to_the_whole_build(language_site):
    from webcheck import read_page

    page = read_page(language_site / "countries" / "brazil" / "index.html")
    assert "../../es/countries/brazil/" in {address for _, _, address in page.language_links}
    assert "../../es/countries/brazil/" not in {address for _, _, address in page.links}


def test_pages_without_their_own_links_offer_each_language_home():
    assert language_sites.material_alternates("ar")[1] == {"name": "Español", "link": "/es/", "lang": "es"}
    assert language_sites.material_alternates("es", "https://example.org/kb/")[0]["link"] == "/kb/"


def test_the_interface_and_navigation_are_translated(language_site):
    spanish = (language_site / "es" / "countries" / "brazil" / "index.html").read_text(encoding="utf-8")
    assert "Inicio" in spanish and "Explorar" in spanish  # the navigation's titles (Home, Browse)
    assert 'aria-label="Seleccionar idioma"' in spanish  # Material's interface, in Spanish
    assert "Región:" in spanish and "Todos los países" in spanish
    french = (language_site / "fr" / "themes" / "index.html").read_text(encoding="utf-8")
    assert "Parcourir par thème" in french and "domaines thématiques prioritaires du FIDA" in french
    arabic = (language_site / "ar" / "browse" / "index.html").read_text(encoding="utf-8")
    assert "التصفح" in arabic


def test_the_real_site_is_named_in_each_language():
    assert "site_name: Base de conocimientos sobre cooperación Sur-Sur" in (REPO / "mkdocs.es.yml").read_text()
    assert "site_name: Base de connaissances sur la coopération Sud-Sud" in (REPO / "mkdocs.fr.yml").read_text()
    assert "site_name: Base de conhecimentos sobre cooperação Sul-Sul" in (REPO / "mkdocs.pt.yml").read_text()


# Hand-written pages of docs/ ----------------------------------------------------------------------------

def test_a_translated_page_of_docs_is_shown_at_its_own_address_in_its_language(language_site):
    spanish = (language_site / "es" / "index.html").read_text(encoding="utf-8")
    assert "Base de conocimientos de prueba" in spanish and "ssc-untranslated" not in spanish
    assert "Fixture knowledge base" in (language_site / "index.html").read_text(encoding="utf-8")
    # No language's site has the translation as a page of its own.
    assert not any(path.parent.name == "index.es" or path.name == "index.es.html" for path in language_site.rglob("*"))


def test_a_page_of_docs_left_in_english_says_so_in_the_reader_language(language_site):
    french = (language_site / "fr" / "index.html").read_text(encoding="utf-8")
    assert "Fixture knowledge base" in french
    with rendering_language("fr"):
        notice = i18n.gettext(pages.UNTRANSLATED_BODY)
    assert notice != pages.UNTRANSLATED_BODY and html.escape(notice, quote=False) in french
    assert "<title>Fixture knowledge base" in french  # the page keeps its title
    assert "ssc-untranslated" not in (language_site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("path, expected", [
    ("about/ssc.es.md", ("about/ssc.md", "es")), ("index.ar.md", ("index.md", "ar")), ("index.md", None),
    ("notes.de.md", None), ("a.b.md", None), ("es.md", None), ("about/ssc.en.md", None)])
def test_a_translation_of_docs_is_named_like_an_entry_body_translation(path, expected):
    assert handwritten.translated_page(path) == expected


def test_each_site_shows_its_translation_and_leaves_out_every_other():
    paths = ["index.md", "index.es.md", "index.fr.md", "about/ssc.md", "about/ssc.es.md", "orphan.es.md"]
    spanish = handwritten.pages_in_language(paths, "es")
    assert spanish.translated == {"index.md": "index.es.md", "about/ssc.md": "about/ssc.es.md"}
    assert spanish.left_out == {"index.es.md", "index.fr.md", "about/ssc.es.md", "orphan.es.md"}
    assert handwritten.pages_in_language(paths, "en").translated == {}
    assert handwritten.pages_in_language(paths, "en").left_out == spanish.left_out


def test_generate_with_docs_writes_each_page_in_the_language_asked_for(tmp_path):
    from ssckb.cli import main

    assert main(["generate", str(tmp_path / "es"), "--root", str(FIXTURE), "--language", "es", "--with-docs"]) == 0
    assert (tmp_path / "es" / "index.md").read_text(encoding="utf-8").startswith("# Base de conocimientos de prueba")
    assert not (tmp_path / "es" / "index.es.md").exists()
    assert "ssc-untranslated" in (tmp_path / "es" / "contribute.md").read_text(encoding="utf-8")
    assert main(["generate", str(tmp_path / "en"), "--root", str(FIXTURE), "--with-docs"]) == 0
    assert (tmp_path / "en" / "index.md").read_text(encoding="utf-8").startswith("# Fixture knowledge base")
    assert not (tmp_path / "en" / "index.es.md").exists()


def test_the_search_of_each_language_reads_its_translation_of_docs():
    for code, expected, absent in (("es", "conocimientos", "fixture"), ("en", "fixture", "conocimientos")):
        files = build_site(FIXTURE, context=RenderingContext(language=code)).static_files
        index = "".join(text for path, text in files.items() if path.startswith(f"search/{code}/"))
        assert expected in index, code


# In Chromium, from file:// ----------------------------------------------------------------------------

# offline_language_site: conftest.py, every language of the fixture's offline copy, built once per session.

def test_switcher_opens_the_same_page_in_another_language_from_disk(browser, offline_language_site):
    page = browser.new_page()
    page.goto((offline_language_site / "countries" / "brazil.html").as_uri())
    assert page.evaluate("document.documentElement.lang") == "en"
    page.locator(".md-select").first.hover()  # Material opens the selector on hover or focus
    page.locator("a[data-ssckb-language='es']").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/es/countries/brazil.html"), page.url
    assert page.evaluate("document.documentElement.lang") == "es"
    assert "Región:" in page.locator("article").inner_text()
    page.locator(".md-select").first.hover()
    page.locator("a[data-ssckb-language='ar']").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/ar/countries/brazil.html"), page.url
    assert page.evaluate("[document.documentElement.lang, document.body.dir, getComputedStyle(document.body).direction]") \
        == ["ar", "rtl", "rtl"]
    page.locator(".md-select").first.hover()
    page.locator("a[data-ssckb-language='en']").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/countries/brazil.html") and "/ar/" not in page.url and "/es/" not in page.url
    page.close()


# The command line -------------------------------------------------------------------------------------

def test_generate_writes_the_pages_in_the_language_asked_for(tmp_path):
    from ssckb.cli import main

    assert main(["generate", str(tmp_path / "out"), "--root", str(FIXTURE), "--language", "pt"]) == 0
    assert "Região:" in (tmp_path / "out" / "countries" / "brazil.md").read_text(encoding="utf-8")
    assert main(["generate", str(tmp_path / "xx"), "--root", str(FIXTURE), "--language", "xx"]) == 2


def test_build_refuses_an_unknown_language():
    from ssckb.cli import _languages

    assert _languages(None) == list(LANGUAGES)
    assert _languages("es, en") == ["en", "es"]  # English first: its build empties the site's folder
    with pytest.raises(SystemExit, match="unknown language"):
        _languages("en,xx")


def test_translated_headings_of_the_field_reference_keep_their_english_anchors():
    """A page left in English on another language's site (the guide on the Arabic site) links to the field
    reference by its English anchors: the site's translated headings keep them; the repository's do not
    (the repository host shows attr_list literally)."""
    from ssckb.reference import field_section
    from ssckb.vocabularies import load_vocabularies

    vocabularies = load_vocabularies(root=REPO)
    arabic = field_section(vocabularies, language="ar", english_anchors=True)
    assert "{ #allowed-institutions }" in arabic and "{ #sources-sources }" in arabic
    assert "{ #" not in field_section(vocabularies, language="ar")
    assert "{ #" not in field_section(vocabularies, language="en", english_anchors=True)
