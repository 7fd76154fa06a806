"""Requests and offers in the browser (issue 17): the hub and a request page of the fixture knowledge base,
served over HTTP and opened from file:// (the offline copy), in headless Chromium.

The fixture's open request lao-upland-rice ranks yunnan-rice-offer first (tests/test_demand.py pins why).
"""

from __future__ import annotations

import pytest

from conftest import FIXTURE, run_mkdocs
from webcheck import serve
from sitecheck import page_file


@pytest.fixture(scope="module")
def fixture_offline_site(tmp_path_factory):
    site_dir = tmp_path_factory.mktemp("fixture-offline") / "site"
    result = run_mkdocs(FIXTURE, site_dir, offline=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


@pytest.fixture(scope="module")
def fixture_served(fixture_site):
    """The fixture's online build served by Python's http.server, stopped at the end of the module."""
    with serve(fixture_site) as base:
        yield base


@pytest.fixture(scope="module", params=["served", "file"])
def where(request, fixture_site):
    """(base address, site directory, directory URLs) of one build of the fixture."""
    if request.param == "served":
        return request.getfixturevalue("fixture_served"), fixture_site, True
    offline = request.getfixturevalue("fixture_offline_site")
    return offline.as_uri() + "/", offline, False


def _url(where, page_path: str) -> str:
    base, directory, directory_urls = where
    return base + page_file(directory, page_path, directory_urls).relative_to(directory).as_posix()


def _open(browser, address: str):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(address)
    page.wait_for_load_state("load")
    return page, errors


def test_the_hub_shows_the_open_request_with_its_best_offer_and_opens_it(browser, where):
    page, errors = _open(browser, _url(where, "demand/index.md"))
    article = page.locator("article")
    assert article.locator("h1").inner_text().startswith("Requests and offers")
    request_link = article.locator("h3 a", has_text="Lao farmers ask to learn upland rice systems")
    assert request_link.count() == 1
    best = article.locator("li", has_text="Offers that fit best").first
    assert best.inner_text().startswith("Offers that fit best: Yunnan shares upland rice systems (10 points)")
    assert article.locator("h2", has_text="How matches are ranked").count() == 1
    request_link.click()
    page.wait_for_load_state("load")
    assert page.locator("article h1").inner_text().startswith("Lao farmers ask to learn upland rice systems")
    assert errors == []
    page.close()


def test_a_request_page_ranks_its_offers_with_reasons_and_links_both_ways(browser, where):
    page, errors = _open(browser, _url(where, "requests/lao-upland-rice.md"))
    article = page.locator("article")
    headings = article.locator("h2").all_inner_texts()
    assert headings.index("Offers that fit") < headings.index("Past activities and learning routes that fit")
    items = article.locator(".ssc-matches ul").first.locator("li").all_inner_texts()
    assert items[0].startswith("Yunnan shares upland rice systems (10 points): themes: Agricultural production; "
                               "region: Asia and the Pacific")
    assert items[1].startswith("Brazilian agricultural research partnerships (3 points)")
    # The ranking's explanation is one click away, on a page of the same build.
    article.locator("a", has_text="how the points are counted").first.click()
    page.wait_for_load_state("load")
    assert page.locator("article h2", has_text="How matches are ranked").count() == 1
    page.go_back()
    page.wait_for_load_state("load")
    page.locator("article .ssc-matches a", has_text="Yunnan shares upland rice systems").first.click()
    page.wait_for_load_state("load")
    assert page.locator("article h1").inner_text().startswith("Yunnan shares upland rice systems")
    back = page.locator("article .ssc-matches a", has_text="Lao farmers ask to learn upland rice systems")
    assert back.count() == 1
    assert errors == []
    page.close()


def test_a_closed_request_page_links_to_what_it_became(browser, where):
    page, errors = _open(browser, _url(where, "requests/mozambique-innovation.md"))
    page.locator("article a", has_text="Africa-Brazil Agricultural Innovation Marketplace").first.click()
    page.wait_for_load_state("load")
    assert page.locator("article h1").inner_text().startswith("Africa-Brazil Agricultural Innovation Marketplace")
    assert page.locator("article h2", has_text="Requests it answered").count() == 1
    assert page.locator("article h2", has_text="What it builds on").count() == 1
    assert errors == []
    page.close()


def test_the_explorer_filters_by_kind_and_opens_a_request(browser, where):
    page, errors = _open(browser, _url(where, "explorer/index.md") + "#kind=request")
    page.wait_for_function("window.SSCKB_EXPLORER_APP !== undefined")
    titles = page.locator("#ssc-explorer-results a.ssc-result__title").all_inner_texts()
    assert sorted(titles) == ["Lao farmers ask to learn upland rice systems", "Mozambique asks for agricultural innovations"]
    page.locator("#ssc-explorer-results a.ssc-result__title", has_text="Lao farmers").click()
    page.wait_for_load_state("load")
    assert page.locator("article h1").inner_text().startswith("Lao farmers ask to learn upland rice systems")
    assert errors == []
    page.close()
