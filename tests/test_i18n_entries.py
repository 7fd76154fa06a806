"""Entries in the reader's language: on the Spanish site of the small fixture knowledge base
(tests/fixtures/kb), titles, summaries, vocabulary labels and country names come from the translations,
an untranslated body is shown in English under a notice in Spanish, and the Spanish search finds the
Spanish titles. The site is built once for the module."""

from dataclasses import replace

import pytest

import searchindex
from conftest import FIXTURE
from ssckb.i18n import rendering_language
from ssckb.pages import render_entry
from ssckb.rendering import RenderingContext
from ssckb.search.text import LANGUAGES as SEARCH_LANGUAGES, Analyzer
from ssckb.site import build_site

ACTIVITY = "activities/cambodia-china-rice.md"
LESSON = "lessons/lesson-one.md"
THEME = "themes/agricultural-production.md"
SPANISH_TITLE = "Camboya - China: arroz de secano"  # the fixture's translations.es of ACTIVITY
SPANISH_SUMMARY = "Yunnan comparte sistemas de arroz de secano con el nordeste de Camboya."
ENGLISH_TITLE = "Cambodia - China upland rice"
NOTICE_ES = "Este texto aún no se ha traducido al español; se muestra en inglés."


@pytest.fixture(scope="module")
def spanish_site():
    return build_site(FIXTURE, context=RenderingContext(language="es"))


def test_an_entry_page_shows_the_spanish_title_and_summary(spanish_site):
    page = spanish_site.entries[ACTIVITY]
    assert page.meta == {"title": SPANISH_TITLE, "description": SPANISH_SUMMARY}
    assert page.markdown.startswith(f"# {SPANISH_TITLE}\n")
    assert ENGLISH_TITLE not in page.markdown


def test_a_body_without_translation_is_english_under_a_spanish_notice(spanish_site):
    markdown = spanish_site.entries[ACTIVITY].markdown
    assert f'<p class="ssc-untranslated">{NOTICE_ES}</p>\n\n<div class="ssc-body" lang="en">\n' in markdown
    assert markdown.count('lang="en"') == 1  # only the body: the rest of the page is in Spanish


def test_in_arabic_the_english_body_reads_left_to_right(spanish_site):
    knowledge_base = spanish_site.knowledge_base
    with rendering_language("ar"):
        markdown = render_entry(knowledge_base, knowledge_base.get("activity", "cambodia-china-rice")).markdown
    assert '<div class="ssc-body" lang="en" dir="ltr">\n' in markdown


def test_a_translated_body_replaces_the_english_with_no_notice(spanish_site):
    knowledge_base = spanish_site.knowledge_base
    entry = replace(knowledge_base.get("activity", "cambodia-china-rice"), bodies={"es": "Arroz de secano de Yunnan."})
    with rendering_language("es"):
        markdown = render_entry(knowledge_base, entry).markdown
    assert '<div class="ssc-body">\n<p>Arroz de secano de Yunnan.</p>' in markdown
    assert "ssc-untranslated" not in markdown and 'lang="en"' not in markdown


def test_the_english_page_has_no_notice(spanish_site):
    knowledge_base = spanish_site.knowledge_base
    markdown = render_entry(knowledge_base, knowledge_base.get("activity", "cambodia-china-rice")).markdown
    assert markdown.startswith(f"# {ENGLISH_TITLE}\n")
    assert "ssc-untranslated" not in markdown and 'lang="en"' not in markdown


def test_a_lesson_shows_its_statement_in_spanish(spanish_site):
    page = spanish_site.entries[LESSON]
    assert page.meta["title"] == "Elegir y apoyar cuidadosamente a los campeones"
    assert "**La calidad del anfitrión del intercambio de conocimientos decide el éxito.**" in page.markdown


def test_a_term_page_lists_the_spanish_titles_and_summaries(spanish_site):
    page = spanish_site.generated[THEME]
    assert f"[{SPANISH_TITLE}](../activities/cambodia-china-rice.md)" in page.markdown
    assert SPANISH_SUMMARY in page.markdown and ENGLISH_TITLE not in page.markdown


def test_theme_labels_and_country_names_are_spanish(spanish_site):
    theme = spanish_site.generated[THEME]
    assert theme.meta["title"] == "Producción agrícola"
    assert "[Producción agrícola](../themes/agricultural-production.md)" in spanish_site.entries[ACTIVITY].markdown
    assert "[Camboya](../countries/cambodia.md)" in spanish_site.entries[ACTIVITY].markdown
    assert spanish_site.generated["countries/cambodia.md"].meta["title"] == "Camboya"
    assert "[Producción agrícola]" in spanish_site.generated["themes/index.md"].markdown


def test_the_kind_list_shows_the_spanish_titles(spanish_site):
    assert f"[{SPANISH_TITLE}](cambodia-china-rice.md)" in spanish_site.generated["activities/index.md"].markdown


def _found(files: dict, query: str, language: str) -> list:
    """The paths of the documents that hold every stem of ``query``, read from the index files."""
    postings, rows = {}, {}
    for path, text in files.items():
        if path.startswith(f"search/{language}/t/"):
            postings.update(searchindex.script_data(text)[3]["postings"])
        elif path.startswith(f"search/{language}/d/"):
            _, _, key, chunk = searchindex.script_data(text)
            rows[key] = chunk
    documents = [row for key in sorted(rows) for row in rows[key]]
    matches = None
    for stem in Analyzer(SEARCH_LANGUAGES[language]).terms(query):
        flat, doc, found = postings.get(stem, []), 0, set()
        for i in range(0, len(flat), 2):
            doc += flat[i]
            found.add(doc)
        matches = found if matches is None else matches & found
    return [documents[i][0] for i in sorted(matches or ())]


def test_the_spanish_search_holds_the_spanish_title_and_finds_it(spanish_site):
    files = spanish_site.static_files
    rows = [row for path, text in files.items() if path.startswith("search/es/d/")
            for row in searchindex.script_data(text)[3]]
    assert [row[1] for row in rows if row[0] == ACTIVITY] == [SPANISH_TITLE]
    assert ACTIVITY in _found(files, "arroz secano Camboya", "es")


def test_no_page_links_a_translated_entry_by_its_english_title(spanish_site):
    """Every page that names entries (lists, views, timelines, related entries) names them in Spanish
    when they have a Spanish title: a view written with the English title would show here."""
    import re

    english = {}
    for entry in spanish_site.knowledge_base.all_entries():
        if entry.data.get("translations", {}).get("es", {}).get("title"):
            english[entry.title] = entry.page_path.rsplit("/", 1)[-1]
    assert ENGLISH_TITLE in english
    pages = {**spanish_site.generated, **spanish_site.entries}
    left = sorted((path, title) for path, page in pages.items() for title, file in english.items()
                  if re.search(r"\[" + re.escape(title) + r"\]\([^)]*" + re.escape(file), page.document()))
    assert left == []
