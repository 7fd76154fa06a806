"""Metadata is shown as text: HTML and script in every text field never reach a page as markup.

A knowledge base made of the fixture plus the corpus cases that put HTML, script and Markdown in
every text field of an activity, a lesson and a learning route (tests/hostile/, accepted as valid
entries) and in an institution's name, is built with MkDocs; then

- the built HTML is read: no element, attribute or inline script comes from an entry's text, and the
  titles read as the contributor typed them;
- headless Chromium opens the entry pages, index pages, hubs, the financing page and the explorer
  (when the views have one) over http and watches for a script running (an alert) or an injected
  element.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, REPO, copy_fixture, run_mkdocs
from webcheck import html_files, read_page, serve

HOSTILE = Path(__file__).parent / "hostile"
HOSTILE_ENTRIES = ["activities/html-in-every-text-field.md", "lessons/lesson-html-in-every-text-field.md",
                   "learning_routes/route-html-in-every-text-field.md"]
ACTIVITY_TITLE = "<img src=x onerror=alert(1)> title"
INSTITUTION_NAME = "<script>alert('institution')</script> Institute"
SOURCE_TITLE = "<img src=x onerror=alert(1)> source title"
SOURCE_AUTHOR = "<script>alert('author')</script> Author"
SOURCE_PUBLISHER = "<b>Publisher</b> & Co | pipe"
#: Every character of a web address that means something to Markdown or HTML, allowed by the schema.
SOURCE_URL = "https://example.org/it's`code`*em*_(x)_[y]|z!?a=1&b=2#frag"
SOURCE = f"""---
id: hostile-source
title: "{SOURCE_TITLE}"
type: first-hand-account
authors: ["{SOURCE_AUTHOR}"]
publisher: "{SOURCE_PUBLISHER}"
year: 2012
language: en
url: "{SOURCE_URL}"
---

A source whose fields hold HTML and Markdown.
"""
#: What the hostile texts would add to a page if they were not escaped.
INJECTED_TAGS = {"img": {"src": "x"}, "script": {}, "iframe": {}, "textarea": {}, "b": {}}


def _make_hostile_kb(tmp_path: Path) -> Path:
    root = copy_fixture(tmp_path)
    for rel in HOSTILE_ENTRIES:
        shutil.copyfile(HOSTILE / rel, root / rel)
    activity = root / HOSTILE_ENTRIES[0]
    # Cite the Annex I table and give it a row (with a hostile name too), so that the title is on the
    # financing page; and a source whose fields hold HTML, at a place that holds some too.
    activity.write_text(activity.read_text(encoding="utf-8").replace(
        '["Annex I, paragraph 3"]', '["Annex I, table", "Annex I, paragraph 3"]\n  - source: hostile-source\n'
                                    '    locations: ["<script>alert(8)</script> page 12"]')
                        .replace("contributions:\n", "funding_nature: grant\ncontributions:\n")
                        .replace("status: not-stated,\n", "status: not-stated, year: 2010,\n"))
    (root / "sources/hostile-source.md").write_text(SOURCE, encoding="utf-8")
    with open(root / "vocabularies/annex_table.yml", "a", encoding="utf-8") as handle:
        handle.write('  - {project: "<b>row</b> name", nature: grant-funded, date: 2010, ifad_contribution: 1000, '
                     'activity: html-in-every-text-field}\n')
    with open(root / "vocabularies/institutions.yml", "a", encoding="utf-8") as handle:
        handle.write(f"- id: hostile-institution\n  name: \"{INSTITUTION_NAME}\"\n  acronym: \"<b>HI</b>\"\n"
                     "  type: ngo\n  country: BRA\n")
    lesson = root / HOSTILE_ENTRIES[1]
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("learned_by: ifad", "learned_by: hostile-institution"))
    return root


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    tmp_path = tmp_path_factory.mktemp("hostile-site")
    root = _make_hostile_kb(tmp_path)
    site_dir = tmp_path / "site"
    result = run_mkdocs(root, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


def _fixture_tags(fixture_site: Path) -> set:
    """(tag, attribute names) of every element of the fixture site: the site's own markup."""
    found = set()
    for path in html_files(fixture_site):
        for tag, attributes in read_page(path).tags:
            found.add((tag, tuple(sorted(attributes))))
    return found


def test_hostile_entries_are_valid_and_published(hostile_site):
    for rel in HOSTILE_ENTRIES:
        stem = rel[:-3]
        assert (hostile_site / stem / "index.html").is_file(), rel


def test_no_markup_from_metadata_in_the_built_html(hostile_site, fixture_site):
    own = _fixture_tags(fixture_site)
    pages = html_files(hostile_site)
    assert len(pages) > 50
    for path in pages:
        page = read_page(path)
        where = path.relative_to(hostile_site)
        for tag, attributes in page.tags:
            assert not any(name.startswith("on") for name in attributes), (where, tag, attributes)
            for name, value in attributes.items():
                assert not value.strip().lower().startswith("javascript:"), (where, tag, name, value)
            if tag in INJECTED_TAGS:
                assert (tag, tuple(sorted(attributes))) in own or tag == "script" and "src" in attributes, \
                    (where, tag, attributes)
                assert attributes.get("src") != "x", (where, tag, attributes)
        for script in page.inline_scripts:
            assert "alert(" not in script, (where, script[:200])


@pytest.mark.parametrize("page, text", [
    ("activities/html-in-every-text-field/index.html", ACTIVITY_TITLE),
    ("themes/gender/index.html", '"><script>alert(2)</script> summary </textarea></title>'),
    ("activities/html-in-every-text-field/index.html", "<iframe src=javascript:alert(3)></iframe> scope note"),
    ("activities/html-in-every-text-field/index.html", "<img src=x onerror=alert(1)> note [link](javascript:alert(4))"),
    ("activities/html-in-every-text-field/index.html", '<a href="javascript:alert(5)">click</a> | pipe | `code`'),
    ("lessons/lesson-html-in-every-text-field/index.html", "<img src=x onerror=alert(1)> point one"),
    ("learning_routes/route-html-in-every-text-field/index.html", "<img src=x onerror=alert(1)> case"),
    ("learning_routes/route-html-in-every-text-field/index.html", "<script>alert(9)</script> result"),
    ("themes/gender/index.html", ACTIVITY_TITLE),
    ("activities/index.html", ACTIVITY_TITLE),
    ("financing/index.html", ACTIVITY_TITLE),
    ("institutions/hostile-institution/index.html", INSTITUTION_NAME),
    ("activities/html-in-every-text-field/index.html", SOURCE_TITLE),
    ("activities/html-in-every-text-field/index.html", SOURCE_PUBLISHER),
    ("activities/html-in-every-text-field/index.html", "<script>alert(8)</script> page 12"),
    ("sources/hostile-source/index.html", SOURCE_TITLE),
    ("sources/hostile-source/index.html", SOURCE_AUTHOR),
    ("sources/hostile-source/index.html", SOURCE_PUBLISHER),
    ("sources/hostile-source/index.html", "<script>alert(8)</script> page 12"),
    ("sources/index.html", SOURCE_TITLE),
])
def test_metadata_reads_as_typed(hostile_site, page, text):
    """The text is on the page as text (escaped in the HTML), not as markup and not mangled."""
    source = (hostile_site / page).read_text(encoding="utf-8")
    assert html.escape(text, quote=False) in source or html.escape(text) in source, text


def test_a_source_address_reaches_the_link_exactly(hostile_site):
    for page in ("activities/html-in-every-text-field/index.html", "sources/hostile-source/index.html"):
        hrefs = [attributes.get("href") for tag, attributes in read_page(hostile_site / page).tags if tag == "a"]
        assert SOURCE_URL in hrefs, page


def test_head_of_an_entry_page_is_escaped(hostile_site):
    source = (hostile_site / "activities/html-in-every-text-field/index.html").read_text(encoding="utf-8")
    head = source[:source.index("</head>")]
    assert f"<title>{html.escape(ACTIVITY_TITLE)} - " in head
    assert 'content="&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt; summary' in head \
        or 'content="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt; summary' in head


M_TEMPLATES = Path(__import__("material").__file__).parent / "templates"
SHARED_WRAPPERS = re.compile(r'^ *\{% import "partials/ssckb-shared\.html" as shared %\}\n'
                             r'|^ *\{% (?:call shared\.fragment\([^)]*\)|endcall) %\}\n'
                             r'|\{% call shared\.fragment\([^)]*\) %\}|\{% endcall %\}', re.M)


def _without_shared_fragments(template: str) -> str:
    """A template without the wrappers that let the hook render its parts once per folder."""
    return SHARED_WRAPPERS.sub("", template)


MATERIAL_SEARCH_BOX = """    {% if "material/search" in config.plugins %}
      {% set search = config.plugins["material/search"] | attr("config") %}
      {% if search.enabled %}
        <label class="md-header__button md-icon" for="__search">
          {% set icon = config.theme.icon.search or "material/magnify" %}
          {% include ".icons/" ~ icon ~ ".svg" %}
        </label>
        {% include "partials/search.html" %}
      {% endif %}
    {% endif %}"""
OUR_SEARCH_BOX = """    {% set search = config.plugins["material/search"] | attr("config") if "material/search" in config.plugins %}
    <label class="md-header__button md-icon" for="__search">
      {% set icon = config.theme.icon.search or "material/magnify" %}
      {% include ".icons/" ~ icon ~ ".svg" %}
    </label>
    {% if search and search.enabled %}
      {% include "partials/search.html" %}
    {% else %}
      {% include "partials/ssckb-search.html" %}
    {% endif %}"""


OVERRIDES = [
    ("partials/header.html", "{{ page.meta.title }}", "{{ page.meta.title | e }}"),
    ("partials/header.html", MATERIAL_SEARCH_BOX, OUR_SEARCH_BOX),
    ("partials/search.html", '<div class="md-search" data-md-component="search" role="dialog">',
     '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">'),
    ("partials/source.html", ' class="md-source" data-md-component="source">', ' class="md-source">'),
    ("partials/content.html", "  <h1>{{ page.title | d(config.site_name, true)}}</h1>",
     "  {% if page.meta and page.meta.title %}\n    <h1>{{ page.meta.title | e }}</h1>\n  {% else %}\n"
     "    <h1>{{ page.title | d(config.site_name, true)}}</h1>\n  {% endif %}"),
]
CHANGES = {name: [(o, c) for n, o, c in OVERRIDES if n == name] for name, _, _ in OVERRIDES}


@pytest.mark.parametrize("name, original, escaped", OVERRIDES)
def test_overridden_partials_are_materials_own_but_for_the_escaping(name, original, escaped):
    """overrides/ copies a few Material partials to escape front-matter values: after an upgrade of
    Material, copy them again and re-apply the change (this test says when)."""
    ours = (REPO / "overrides" / name).read_text(encoding="utf-8")
    theirs = (M_TEMPLATES / name).read_text(encoding="utf-8")
    body = _without_shared_fragments(ours[ours.index("-#}") + 3:])
    theirs = theirs[theirs.index("-#}") + 3:]
    assert original in theirs
    for other_original, other_changed in CHANGES[name]:  # the file's other changes, if any
        if other_original != original:
            theirs = theirs.replace(other_original, other_changed)
    assert body == theirs.replace(original, escaped)


def test_the_sidebar_block_is_materials_own_but_for_the_shared_fragment():
    ours = (REPO / "overrides/main.html").read_text(encoding="utf-8")
    theirs = (M_TEMPLATES / "base.html").read_text(encoding="utf-8")
    start = theirs.index("          {% block site_nav %}")
    block = theirs[start:theirs.index("          {% endblock %}", start)]
    ours_block = ours[ours.index("{% block site_nav %}"):]
    ours_block = ours_block[:ours_block.index("{% endblock %}")]
    assert "\n".join(line[10:] for line in block.splitlines()) + "\n" == _without_shared_fragments(ours_block)


# In Chromium ----------------------------------------------------------------------------------------

PAGES = ["activities/html-in-every-text-field/", "lessons/lesson-html-in-every-text-field/",
         "learning_routes/route-html-in-every-text-field/", "themes/gender/", "themes/", "activities/",
         "lessons/", "learning_routes/", "countries/brazil/", "countries/", "institutions/hostile-institution/",
         "institutions/", "years/2010/", "browse/", "financing/"]


def _visit(browser, url: str) -> tuple[list, dict]:
    """Open ``url``; the alerts raised and what the page shows."""
    context = browser.new_context()
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
                  else route.abort())
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # let deferred scripts run, and any injected one with them
    state = page.evaluate("""() => ({
        injectedImages: document.querySelectorAll('img[src="x"]').length,
        injectedScripts: [...document.scripts].filter(s => s.textContent.includes('alert(')).length,
        handlers: [...document.querySelectorAll('*')]
            .filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
        h1: (document.querySelector('article h1') || {}).textContent || '',
        title: document.title,
        text: document.body.innerText,
    })""")
    context.close()
    return dialogs, state


@pytest.mark.parametrize("path", PAGES)
def test_no_script_runs_in_chromium(browser, hostile_site, path):
    with serve(hostile_site) as base:
        dialogs, state = _visit(browser, base + path)
    assert dialogs == []
    assert state["injectedImages"] == 0 and state["injectedScripts"] == 0 and state["handlers"] == 0


def test_entry_page_shows_the_title_as_typed_in_chromium(browser, hostile_site):
    with serve(hostile_site) as base:
        _, state = _visit(browser, base + "activities/html-in-every-text-field/")
    assert state["h1"].replace("¶", "").strip() == ACTIVITY_TITLE
    assert state["title"].startswith(ACTIVITY_TITLE)
    assert "[link](javascript:alert(4))" in state["text"]  # Markdown in metadata stays literal too


def test_search_results_show_hostile_titles_as_text(browser, hostile_site):
    with serve(hostile_site) as base:
        context = browser.new_context()
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(base)
        page.keyboard.press("/")
        page.wait_for_timeout(300)
        page.keyboard.type("onerror", delay=30)
        results = page.locator(".md-search-result__list li")
        results.first.wait_for(timeout=15000)
        page.wait_for_timeout(300)
        injected = page.evaluate("document.querySelectorAll('img[src=\"x\"]').length")
        titles = results.locator("h1").all_inner_texts()
        context.close()
    assert dialogs == [] and injected == 0
    assert ACTIVITY_TITLE in titles, titles  # the markup of the title, shown as text


def test_explorer_shows_hostile_titles_as_text(browser, hostile_site):
    explorer = hostile_site / "explorer" / "index.html"
    if not explorer.is_file():
        pytest.skip("no explorer page in this build yet (ssckb/views/ adds explorer/index.md when it exists)")
    with serve(hostile_site) as base:
        context = browser.new_context()
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(base + "explorer/")
        page.wait_for_load_state("load")
        page.wait_for_function("document.body.innerText.includes('onerror=alert(1)')", timeout=15000)
        state = page.evaluate("""() => ({
            injected: document.querySelectorAll('img[src="x"]').length,
            handlers: [...document.querySelectorAll('*')]
            .filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
        })""")
        context.close()
    assert dialogs == [] and state == {"injected": 0, "handlers": 0}
