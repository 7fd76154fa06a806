"""The views in headless Chromium, on the built sites: served over HTTP (online build) and opened from disk
(offline build, file://).

- the explorer gives the same activities as the index pages, for every term of every facet, for years and
  for combinations; the address restores the filters; it is operable with the keyboard and labelled;
- the map's country links lead to the right country pages;
- the dashboard's totals equal the sums over the entries' files;
- metadata shows as text (the fixture's escaping entry), and the offline copy loads nothing from the network;
- the explorer gives the right counts with 10,000 synthetic activities (no timing here: see
  benchmarks/explorer_scale.py).

Screenshots of the explorer, the dashboard and the map go to tests/artifacts/ for review.
"""

import os
import posixpath
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import yaml

from conftest import CHROMIUM, CHROMIUM_ARGS, REPO
from webcheck import serve
from sitecheck import links_of, page_file
from ssckb.indexes import DIMENSIONS_BY_KEY, build_indexes
from ssckb.site import build_site
from ssckb.views.common import FACETS
from ssckb.views.explorer import EXPLORER_KINDS

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI needs Debian's chromium: apt-get install -y chromium")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402

sys.path.insert(0, str(REPO / "benchmarks"))
from explorer_scale import synthetic_knowledge_base, write_harness  # noqa: E402

ARTIFACTS = Path(__file__).parent / "artifacts"
EXPLORER_FOLDERS = ("activities/", "requests/", "offers/")
EXPLORER_INDEXES = tuple(folder + "index" for folder in EXPLORER_FOLDERS)
ESCAPING_TITLE = "<img src=x onerror=alert(1)> *not bold* [not a link](http://example.com) | pipe"


@pytest.fixture(scope="module")
def served(real_site):
    """The online build served by Python's http.server on 127.0.0.1, stopped at the end of the module."""
    with serve(real_site) as base:
        yield base


class Site:
    """One build as the browser sees it: the URL of a page, and a browser URL back to a site path."""

    def __init__(self, directory: Path, base: str, directory_urls: bool):
        self.directory, self.base, self.directory_urls = directory, base, directory_urls

    def url(self, page_path: str) -> str:
        return self.base + page_file(self.directory, page_path, self.directory_urls).relative_to(
            self.directory).as_posix()

    def site_path(self, url: str) -> str:
        """'http://.../activities/x/' or 'file:///.../activities/x.html' -> 'activities/x/index.html' or ..."""
        path = unquote(urlparse(url).path)
        root = unquote(urlparse(self.base).path)
        assert path.startswith(root), (url, self.base)
        relative = posixpath.normpath(path[len(root):]) + ("/index.html" if path.endswith("/") else "")
        return relative.lstrip("./")

    def activities_on(self, page_path: str) -> set:
        """Site paths of the pages of the entries the explorer lists (activities, knowledge requests and
        offers) that a generated page links to."""
        html = page_file(self.directory, page_path, self.directory_urls)
        return {link for link in links_of(self.directory, html)
                if link.startswith(EXPLORER_FOLDERS) and not link.startswith(EXPLORER_INDEXES)}


@pytest.fixture(scope="module", params=["served", "file"])
def site(request, real_site, real_offline_site):
    if request.param == "served":
        return Site(real_site, request.getfixturevalue("served"), True)
    return Site(real_offline_site, real_offline_site.as_uri() + "/", False)


@pytest.fixture(scope="module")
def knowledge_base():
    built = build_site(REPO)
    return built.knowledge_base, build_indexes(built.knowledge_base)


RESULTS_OF = """async (fragments) => {
  const out = {};
  for (const fragment of fragments) {
    await new Promise((resolve) => {
      window.addEventListener("hashchange", () => setTimeout(resolve, 0), { once: true });
      location.hash = fragment;
    });
    const more = document.getElementById("ssc-explorer-more");
    while (!more.hidden) { more.click(); }
    out[fragment] = [...document.querySelectorAll("#ssc-explorer-results a.ssc-result__title")].map((a) => a.href);
  }
  return out;
}"""


def _results(page, site: Site, fragments: list[str]) -> dict:
    found = page.evaluate(RESULTS_OF, fragments)
    return {fragment: {site.site_path(href) for href in hrefs} for fragment, hrefs in found.items()}


def _open_explorer(browser, site: Site, fragment: str = ""):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site.url("explorer/index.md") + fragment)
    page.wait_for_function("window.SSCKB_EXPLORER_APP && window.SSCKB_EXPLORER_APP.ready")
    page.evaluate("window.SSCKB_EXPLORER_APP.load()")  # every row, not only the first view's
    return page, errors


# ---- explorer -----------------------------------------------------------------------------------------

def test_explorer_filters_give_the_activities_of_the_index_pages(browser, site, knowledge_base):
    kb, indexes = knowledge_base
    page, errors = _open_explorer(browser, site)
    expected = {}
    for facet in FACETS:
        dimension = DIMENSIONS_BY_KEY[facet]
        for term, entries in indexes[facet].items():
            if any(e.kind == "activity" for e in entries):
                expected[f"{facet}={term}"] = site.activities_on(dimension.page_path(term, kb))
    years = sorted(indexes["year"])
    for year in years:
        expected[f"from={year}&to={year}"] = site.activities_on(f"years/{year}.md")
    span = years[len(years) // 3: len(years) // 3 + 3]
    expected[f"from={span[0]}&to={span[-1]}"] = set().union(*(expected[f"from={y}&to={y}"] for y in span))
    # Combinations: across facets an activity must match both; within a facet, "all" of the ticked terms.
    for theme in list(indexes["theme"])[:6]:
        for region in indexes["region"]:
            expected[f"theme={theme}&region={region}"] = expected.get(f"theme={theme}", set()) & expected.get(
                f"region={region}", set())
    regions = list(indexes["region"])
    for a, b in zip(regions, regions[1:]):
        both = expected.get(f"region={a}", set()) & expected.get(f"region={b}", set())
        expected[f"region={a},{b}&all=region"] = both
        expected[f"region={a},{b}"] = expected.get(f"region={a}", set()) | expected.get(f"region={b}", set())
    # The kind of entry: the knowledge requests and offers of their own lists.
    for kind, folder in (("request", "requests/"), ("offer", "offers/")):
        listed = {path for path in site.activities_on(f"{folder}index.md") if path.startswith(folder)}
        if listed:
            expected[f"kind={kind}"] = listed
    assert len(expected) > 60
    got = _results(page, site, list(expected))
    for fragment, activities in expected.items():
        assert got[fragment] == activities, fragment
        count = len(activities)
        assert page.evaluate("(f) => window.SSCKB_EXPLORER_APP.count(f)", fragment) == count
    assert got["theme=gender"] and all(p.startswith(EXPLORER_FOLDERS) for p in got["theme=gender"])
    assert errors == []
    page.close()


def test_explorer_address_restores_the_filters(browser, site, knowledge_base):
    kb, indexes = knowledge_base
    page, _ = _open_explorer(browser, site)
    total = sum(len(kb.entries.get(kind, {})) for kind in EXPLORER_KINDS)
    count = page.locator("#ssc-explorer-count")
    assert count.inner_text() == f"{total} entries."  # activities, knowledge requests and offers
    # With the keyboard: open the themes, tick the first one, choose a year, type words.
    page.locator('details[data-facet="theme"] > summary').focus()
    page.keyboard.press("Enter")
    first_box = page.locator('details[data-facet="theme"] input[type="checkbox"]').first
    first_box.focus()
    page.keyboard.press("Space")
    assert first_box.is_checked()
    theme = first_box.get_attribute("value")
    page.locator("#ssc-explorer-from").select_option("2008")
    page.locator("#ssc-explorer-q").focus()
    page.keyboard.type("rural", delay=20)
    page.wait_for_function("location.hash.includes('q=rural')")
    address = page.url
    shown = [a.get_attribute("href") for a in page.locator("#ssc-explorer-results a.ssc-result__title").all()]
    text = count.inner_text()
    assert f"theme={theme}" in address and "from=2008" in address
    assert page.locator(".ssc-chip").count() == 3
    # The same address in a new page gives the same filters and the same list.
    again, errors = _open_explorer(browser, site)
    again.goto(address)
    again.wait_for_function("window.SSCKB_EXPLORER_APP && window.SSCKB_EXPLORER_APP.ready")
    assert again.locator(f'details[data-facet="theme"] input[value="{theme}"]').is_checked()
    assert again.locator('details[data-facet="theme"]').get_attribute("open") is not None
    assert again.locator("#ssc-explorer-q").input_value() == "rural"
    assert again.locator("#ssc-explorer-from").input_value() == "2008"
    assert again.locator("#ssc-explorer-count").inner_text() == text
    assert [a.get_attribute("href") for a in again.locator("#ssc-explorer-results a.ssc-result__title").all()] == shown
    # Removing a filter with its chip updates the address.
    again.locator(".ssc-chip", has_text="Words").click()
    again.wait_for_function("!location.hash.includes('q=')")
    assert again.locator("#ssc-explorer-q").input_value() == ""
    assert errors == []
    again.close()
    page.close()


def test_explorer_reads_a_query_address(browser, site, knowledge_base):
    """Pair pages link to the explorer with ?country=IDN,IND&all=country: the query works like the fragment."""
    page, errors = _open_explorer(browser, site)
    page.goto(site.url("explorer/index.md") + "?country=IDN,IND&all=country")
    page.wait_for_function("window.SSCKB_EXPLORER_APP && window.SSCKB_EXPLORER_APP.ready")
    shown = {site.site_path(a.evaluate("a => a.href"))
             for a in page.locator("#ssc-explorer-results a.ssc-result__title").all()}
    assert shown and shown == site.activities_on("countries/india.md") & site.activities_on("countries/indonesia.md")
    assert page.locator('input[value="IND"]').is_checked() and page.locator('input[value="IDN"]').is_checked()
    if site.directory_urls:  # served: the address is rewritten in the fragment form
        assert page.url.endswith("#country=IND,IDN&all=country"), page.url
    assert errors == []
    page.close()


def test_explorer_survives_a_broken_address(browser, site):
    page, errors = _open_explorer(browser, site, "#q=%E0%A4%A&theme=gender&country=XXX&from=abc")
    assert page.locator('details[data-facet="theme"] input[value="gender"]').is_checked()
    assert page.locator("#ssc-explorer-q").input_value() == ""
    expected = site.activities_on("themes/gender.md")
    assert page.locator("#ssc-explorer-results a.ssc-result__title").count() == len(expected)
    assert errors == []
    page.close()


def test_explorer_is_labelled_for_screen_readers(browser, site):
    page, _ = _open_explorer(browser, site)
    unlabelled = page.evaluate("""() => [...document.querySelectorAll(
        '#ssc-explorer input, #ssc-explorer select, #ssc-explorer button')].filter((el) =>
        !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.textContent.trim()
        ).map((el) => el.outerHTML)""")
    assert unlabelled == []
    assert page.evaluate("() => [...document.querySelectorAll('#ssc-explorer fieldset')].every("
                         "(f) => f.querySelector('legend') && f.querySelector('legend').textContent.trim())")
    status = page.locator("#ssc-explorer-count")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    # Every control can be reached with Tab: the form holds no element taken out of the tab order.
    assert page.locator("#ssc-explorer [tabindex='-1']").count() == 0
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement !== document.body")
    page.close()


def test_explorer_result_opens_the_entry(browser, site, knowledge_base):
    kb, _ = knowledge_base
    page, _ = _open_explorer(browser, site, "#country=IDN")
    link = page.locator("#ssc-explorer-results a.ssc-result__title", has_text="self-help group")
    link.click()
    page.wait_for_load_state()
    assert site.site_path(page.url) == page_file(site.directory, "activities/india-indonesia-self-help-groups.md",
                                                  site.directory_urls).relative_to(site.directory).as_posix()
    assert page.locator(".ssc-facts").count() == 1
    page.close()


# ---- map ----------------------------------------------------------------------------------------------

def test_map_links_lead_to_the_country_pages(browser, site, knowledge_base):
    kb, _ = knowledge_base
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site.url("map/index.md"))
    links = page.evaluate("() => [...document.querySelectorAll('a.ssc-map__country')].map("
                          "(a) => [a.dataset.country, a.href, a.getAttribute('aria-label')])")
    assert len(links) > 20
    for code, href, label in links:
        expected = page_file(site.directory, DIMENSIONS_BY_KEY["country"].page_path(code, kb), site.directory_urls)
        assert site.site_path(href) == expected.relative_to(site.directory).as_posix(), code
        assert expected.is_file()
        assert label.startswith(kb.vocabularies.countries.get(code).label + ": ")
    # A click on Brazil's shape opens Brazil's page.
    page.locator('a[data-country="BRA"] path').click()
    page.wait_for_load_state()
    assert site.site_path(page.url) == page_file(site.directory, "countries/brazil.md", site.directory_urls) \
        .relative_to(site.directory).as_posix()
    assert page.locator("article h1").inner_text().replace("¶", "").strip() == "Brazil"
    page.close()


# ---- dashboard ----------------------------------------------------------------------------------------

def test_dashboard_totals_equal_the_sums_over_the_entries(browser, site, knowledge_base):
    kb, _ = knowledge_base
    items = []
    for folder, kind in (("activities", "activity"), ("learning_routes", "learning_route")):
        for path in sorted((REPO / folder).glob("*.md")):
            data = yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])
            if kb.get(kind, data["id"]):
                items += data.get("contributions", [])
    usd = [c for c in items if "amount" in c and c["currency"] == "USD"]
    ifad = sum(c["amount"] for c in usd if c.get("funder") == "ifad")
    others = sum(c["amount"] for c in usd if c.get("funder") != "ifad")
    # IFAD contributions the source gives no amount for are said so, not added as zeros.
    unstated = sum(1 for c in items if c.get("funder") == "ifad" and "amount" not in c)
    ifad_text = f"US${ifad:,.0f}" + (f" and {unstated} not stated" if unstated else "")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site.url("dashboard/index.md"))
    value = page.locator('[data-ssc-total="ifad"]')
    assert float(value.get_attribute("data-value")) == ifad
    assert value.inner_text() == ifad_text
    assert float(page.locator('[data-ssc-total="cofinancing"]').get_attribute("data-value")) == others
    # The "Total" row of the table by year, beside its chart.
    total_row = page.locator(".ssc-chart-table table").first.locator("tr", has_text="Total")
    cells = [c.strip() for c in total_row.locator("td").all_inner_texts()]
    assert cells[2] == ifad_text and cells[3] == f"US${others:,.0f}"
    # Each chart is a labelled image with its title and description.
    assert page.evaluate("""() => [...document.querySelectorAll('svg.ssc-chart__svg')].every((svg) =>
        svg.getAttribute('role') === 'img' && svg.getAttribute('aria-labelledby').split(' ').every(
            (id) => document.getElementById(id) && document.getElementById(id).textContent.trim()))""")
    page.close()


# ---- screenshots, network, escaping -------------------------------------------------------------------

def test_screenshots_for_review(browser, site):
    ARTIFACTS.mkdir(exist_ok=True)
    mode = "served" if site.directory_urls else "file"
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(site.url("explorer/index.md") + "#region=east-southern-africa,latin-america-caribbean&all=region&from=2008")
    page.wait_for_function("window.SSCKB_EXPLORER_APP && window.SSCKB_EXPLORER_APP.ready")
    page.locator('details[data-facet="region"]').evaluate("d => d.open = true")
    page.screenshot(path=str(ARTIFACTS / f"views-explorer-{mode}.png"), full_page=True)
    for name, path in (("dashboard", "dashboard/index.md"), ("map", "map/index.md"), ("flows", "flows/index.md")):
        page.goto(site.url(path))
        page.screenshot(path=str(ARTIFACTS / f"views-{name}-{mode}.png"), full_page=True)
    page.goto(site.url("activities/india-indonesia-self-help-groups.md"))
    page.emulate_media(media="print")
    page.screenshot(path=str(ARTIFACTS / f"views-entry-print-{mode}.png"), full_page=True)
    page.close()
    assert (ARTIFACTS / f"views-map-{mode}.png").stat().st_size > 10_000


def test_offline_views_load_nothing_from_the_network(browser, real_offline_site):
    offline = Site(real_offline_site, real_offline_site.as_uri() + "/", False)
    context = browser.new_context()
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    for path in ("explore/index.md", "explorer/index.md", "dashboard/index.md", "map/index.md", "flows/index.md",
                 "timeline/index.md", "data/index.md"):
        page.goto(offline.url(path))
        page.wait_for_load_state("load")
    page.goto(offline.url("explorer/index.md") + "#theme=gender")
    page.wait_for_function("window.SSCKB_EXPLORER_APP && window.SSCKB_EXPLORER_APP.ready")
    assert page.locator("#ssc-explorer-results li").count() > 0
    external = [url for url in requests if not url.startswith(("file:", "data:", "blob:", "about:"))]
    assert external == []
    context.close()


def test_metadata_shows_as_text_in_every_view(browser, fixture_site):
    fixture = Site(fixture_site, fixture_site.as_uri() + "/", True)
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(fixture.url("explorer/index.md"))
    page.wait_for_function("window.SSCKB_EXPLORER_APP && window.SSCKB_EXPLORER_APP.ready")
    titles = page.locator("#ssc-explorer-results a.ssc-result__title").all_inner_texts()
    assert ESCAPING_TITLE in titles
    summary = "# Not a heading <script>alert('x')</script> and _underscores_"
    assert summary in page.locator("#ssc-explorer-results .ssc-result__summary").all_inner_texts()
    page.locator("#ssc-explorer-q").fill("onerror")
    page.locator("#ssc-explorer-q").dispatch_event("input")
    page.wait_for_function("document.getElementById('ssc-explorer-count').textContent.startsWith('1 of')")
    for path in ("explorer/index.md", "dashboard/index.md", "map/index.md", "flows/index.md", "timeline/index.md",
                 "data/index.md", "activities/escaping-test.md"):
        page.goto(fixture.url(path))
        page.wait_for_load_state("load")
        assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"], article script:not([src])').length") == 0
    page.goto(fixture.url("timeline/index.md"))
    assert page.locator("article a", has_text="<img src=x onerror=alert(1)>").count() == 1
    assert dialogs == []
    page.close()


# ---- scale --------------------------------------------------------------------------------------------

def test_explorer_counts_with_10000_activities(browser, tmp_path):
    kb = synthetic_knowledge_base(10_000)
    harness, data = write_harness(tmp_path / "scale", kb)
    activities = list(kb.entries["activity"].values())
    theme, region_a, region_b = "gender", "asia-pacific", "latin-america-caribbean"
    expected = {
        "": len(activities),
        f"theme={theme}": sum(theme in e.themes for e in activities),
        f"region={region_a},{region_b}&all=region&from=2008": sum(
            {region_a, region_b} <= set(kb.regions_of(e)) and e.years[1] >= 2008 for e in activities),
        "nature=grant&from=2000&to=2004": sum(
            e.funding_natures == ["grant"] and e.years[1] >= 2000 and e.years[0] <= 2004 for e in activities),
        "q=cassava": sum("cassava" in (e.title + " " + e.summary).lower() for e in activities),
    }
    # Words are also looked up in the terms' names: this word is in none, so titles and summaries decide.
    assert not any("cassava" in " ".join(term).lower() for facet in data["facets"] for term in facet["terms"])
    page = browser.new_page()
    page.goto(harness.as_uri())
    page.wait_for_function("window.SSCKB_EXPLORER_APP && window.SSCKB_EXPLORER_APP.ready")
    assert page.locator("#ssc-explorer-count").inner_text() == "10000 activities."
    assert page.locator("#ssc-explorer-results > li").count() == 50  # the list grows on demand
    for fragment, count in expected.items():
        assert page.evaluate("(f) => window.SSCKB_EXPLORER_APP.show(f)", fragment) == count, fragment
    assert page.locator("#ssc-explorer-count").inner_text().startswith(f"{expected['q=cassava']} of 10000")
    page.close()
