"""In headless Chromium: the offline build opened from file:// finds an entry by searching a country."""

import os
from pathlib import Path

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI needs Debian's chromium: apt-get install -y chromium")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402

ARTIFACTS = Path(__file__).parent / "artifacts"


def _search(page, query):
    page.keyboard.press("/")  # Material's shortcut to the search box
    page.wait_for_timeout(300)
    page.keyboard.type(query, delay=30)  # typed, as a reader would: fill() alone does not trigger the search
    results = page.locator(".md-search-result__list li a")
    results.first.wait_for(timeout=15000)
    return [results.nth(i).get_attribute("href") for i in range(results.count())]


def test_offline_site_searches_from_disk_without_network(browser, real_offline_site):
    context = browser.new_context()
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto((real_offline_site / "index.html").as_uri())
    hrefs = _search(page, "Cambodia")
    assert any("activities/" in href for href in hrefs), hrefs
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "offline-search.png"))
    external = [url for url in requests if not url.startswith(("file:", "data:", "blob:", "about:"))]
    assert external == []
    # Follow the first entry result and see its metadata panel.
    page.locator(".md-search-result__list li a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file:")
    context.close()


def test_offline_site_browses_from_disk(browser, real_offline_site):
    page = browser.new_page()
    page.goto((real_offline_site / "countries" / "index.html").as_uri())
    page.locator("article a[href$='cambodia.html']").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("countries/cambodia.html")
    page.locator("article a[href*='activities/']").first.click()
    page.wait_for_load_state()
    assert "/activities/" in page.url
    assert page.locator(".ssc-facts").count() == 1
    page.close()
