"""Accessibility: axe-core in headless Chromium finds no serious or critical violation on any type of page,
at phone width (375 px) and at laptop width (1280 px); every page has a language, landmarks, and a text
alternative for each image, chart and map.

axe-core (Deque, MPL-2.0) comes unmodified with the pinned ``axe-playwright-python`` package
(requirements-dev.txt); only its axe.min.js is used, injected into each page. The pages are the
real knowledge base's, served by ``python -m http.server`` on 127.0.0.1, and its offline build
opened from disk; and, right to left, the main pages of the real knowledge base's Arabic site, its offline
copy built once for the module (the fixture knowledge base has neither the site's palette nor its
stylesheet, which axe would then judge instead of the site's).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, REPO
from webcheck import html_files, read_page, serve

BLOCKING = ("serious", "critical")


def _axe_script() -> Path:
    import axe_playwright_python

    path = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    assert path.is_file(), "axe-playwright-python no longer ships axe.min.js: vendor axe-core under tests/vendor/"
    return path


def _first(site: Path, folder: str) -> str:
    """The address of the first entry page in a folder of the served site."""
    names = sorted(path.name for path in (site / folder).iterdir()
                   if path.is_dir() and not path.name.startswith("page_"))
    assert names, f"no page in {folder}/"
    return f"{folder}/{names[0]}/"


# Static checks over every page ---------------------------------------------------------------------

def _page_problems(path: Path, site: Path) -> list[str]:
    page = read_page(path)
    where = path.relative_to(site).as_posix()
    tags = page.tags
    problems = []
    html = [attributes for tag, attributes in tags if tag == "html"]
    if not html or not html[0].get("lang"):
        problems.append(f"{where}: <html> has no lang")
    names = [tag for tag, _ in tags]
    if where != "404.html":
        for landmark in ("header", "main", "nav", "footer"):
            if landmark not in names:
                problems.append(f"{where}: no <{landmark}> landmark")
        if names.count("main") > 1:
            problems.append(f"{where}: more than one <main>")
    if "title" not in names:
        problems.append(f"{where}: no <title>")
    for tag, attributes in tags:
        if tag == "img" and "alt" not in attributes:
            problems.append(f"{where}: <img src='{attributes.get('src')}'> has no alt text")
        if attributes.get("role") == "img" and not (attributes.get("aria-label") or attributes.get("aria-labelledby")):
            problems.append(f"{where}: <{tag} role=img> has no aria-label or aria-labelledby")
        for reference in attributes.get("aria-labelledby", "").split():
            if reference not in page.ids:
                problems.append(f"{where}: aria-labelledby names a missing id '{reference}'")
    return problems


def test_every_page_has_a_language_landmarks_and_text_alternatives(real_site):
    pages = html_files(real_site)
    assert len(pages) > 100
    problems = [problem for path in pages for problem in _page_problems(path, real_site)]
    assert problems == []


def test_charts_and_maps_have_text_alternatives(real_site):
    """Every chart or map drawing of the views is an image with a name (and the views exist)."""
    drawings = 0
    for path in html_files(real_site):
        for tag, attributes in read_page(path).tags:
            if tag == "svg" and "ssc-" in attributes.get("class", ""):
                drawings += 1
                assert attributes.get("role") == "img" and attributes.get("aria-labelledby"), (path, attributes)
    if drawings == 0:
        pytest.skip("no chart or map in this build yet (ssckb/views/ draws them when it exists)")


def test_the_static_check_can_fail(tmp_path):
    (tmp_path / "index.html").write_text('<html><body><img src="a.png"><svg role="img"></svg>'
                                         '<div aria-labelledby="nope"></div></body></html>')
    assert _page_problems(tmp_path / "index.html", tmp_path) == [
        "index.html: <html> has no lang", "index.html: no <header> landmark", "index.html: no <main> landmark",
        "index.html: no <nav> landmark", "index.html: no <footer> landmark", "index.html: no <title>",
        "index.html: <img src='a.png'> has no alt text", "index.html: <svg role=img> has no aria-label or "
        "aria-labelledby", "index.html: aria-labelledby names a missing id 'nope'"]


# axe-core in Chromium ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def served(real_site):
    with serve(real_site) as base:
        yield base


def _axe(page) -> list[dict]:
    """axe-core's violations on the page as it is now."""
    page.add_script_tag(path=str(_axe_script()))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return result["violations"]


def _blocking(violations: list[dict]) -> list[str]:
    return [f"{v['impact']} {v['id']}: {v['help']} at {[node['target'] for node in v['nodes'][:5]]}"
            for v in violations if v["impact"] in BLOCKING]


def _open(browser, url: str, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("http://127.0.0.1",
                                                                                           "file:"))
                  else route.abort())
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    return context, page


def _first_term(site: Path, folder: str) -> str:
    """The first term page of a browse folder (its hub is ``folder/``)."""
    return _first(site, folder)


def _first_pair(site: Path) -> str:
    names = sorted(path.name for path in (site / "flows").iterdir() if path.is_dir() and "--" in path.name)
    assert names, "no page of a pair of countries in flows/"
    return f"flows/{names[0]}/"


#: One page of every type the site has (the second page of a long list is made by the list's template).
PAGES = {
    "home": lambda site: "",
    "hand-written page": lambda site: "about/ssc/",
    "methodology": lambda site: "methodology/",
    "contributor guide": lambda site: "contribute/",
    "browse hub": lambda site: "browse/",
    "list of activities": lambda site: "activities/",
    "list of lessons": lambda site: "lessons/",
    "list of learning routes": lambda site: "learning_routes/",
    "activity": lambda site: _first(site, "activities"),
    "lesson": lambda site: _first(site, "lessons"),
    "learning route": lambda site: _first(site, "learning_routes"),
    "financing": lambda site: "financing/",
    "field reference": lambda site: "reference/fields/",
    "country index page": lambda site: "countries/brazil/",
    "index page": lambda site: "themes/gender/",
    **{f"{folder} hub": (lambda folder: lambda site: f"{folder}/")(folder)
       for folder in ("themes", "countries", "regions", "institutions", "years", "modalities", "participants",
                      "scopes", "funding")},
    **{f"{folder} term page": (lambda folder: lambda site: _first_term(site, folder))(folder)
       for folder in ("regions", "institutions", "years", "modalities", "participants", "scopes", "funding")},
    "not found": lambda site: "404.html",
    "translation coverage": lambda site: "translations/",
}
VIEWS = {"explorer": "explorer/", "dashboard": "dashboard/", "map": "map/", "timeline": "timeline/",
         "flows": "flows/", "views hub": "explore/", "open data": "data/"}
#: A phone held upright, and a laptop: wide tables scroll on the first, in a box a keyboard can reach.
WIDTHS = (375, 1280)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_violation(browser, served, real_site, name, width):
    context, page = _open(browser, served + PAGES[name](real_site), width=width)
    try:
        assert _blocking(_axe(page)) == []
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", [*VIEWS, "pair of countries"])
def test_axe_finds_no_serious_violation_in_the_views(browser, served, real_site, name, width):
    path = _first_pair(real_site) if name == "pair of countries" else VIEWS[name]
    assert (real_site / path / "index.html").is_file(), f"no {name} page at {path}"
    context, page = _open(browser, served + path, width=width)
    try:
        assert _blocking(_axe(page)) == []
    finally:
        context.close()


def test_wide_tables_scroll_in_a_box_a_keyboard_reaches(browser, served):
    """At phone width the flow matrix is wider than the screen: its box, focused from the keyboard,
    scrolls with the arrow keys, and is named for screen readers."""
    context, page = _open(browser, served + "flows/", width=375)
    try:
        boxes = page.locator(".ssc-scroll")
        assert boxes.count() >= 1
        box = boxes.first
        assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
        assert box.get_attribute("aria-label")
        assert box.evaluate("node => node.scrollWidth > node.clientWidth")
        box.focus()
        assert box.evaluate("node => document.activeElement === node")
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        # (scrolling may be smooth: wait until it has moved, within a generous bound)
        page.wait_for_function("node => node.scrollLeft > 0", arg=box.element_handle(), timeout=10000)
    finally:
        context.close()


def test_axe_on_the_explorer_after_filtering(browser, served, real_site):
    if not (real_site / "explorer/index.html").is_file():
        pytest.skip("no explorer page in this build yet (ssckb/views/ adds explorer/ when it exists)")
    context, page = _open(browser, served + "explorer/")
    try:
        ticked = page.evaluate("""() => {
            const box = document.querySelector('article input[type=checkbox]');
            if (!box) { return false; }
            for (let node = box.parentElement; node; node = node.parentElement) {
                if (node.tagName === 'DETAILS') { node.open = true; }
            }
            box.click();
            return box.checked;
        }""")
        assert ticked, "the explorer has no facet to tick"
        page.wait_for_timeout(300)
        assert _blocking(_axe(page)) == []
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_with_search_results_open(browser, served, width):
    context, page = _open(browser, served, width=width)
    try:
        page.keyboard.press("/")
        page.wait_for_timeout(300)
        page.keyboard.type("Brazil", delay=30)
        page.locator(".md-search-result__list li").first.wait_for(timeout=15000)
        assert _blocking(_axe(page)) == []
    finally:
        context.close()


def test_axe_on_the_offline_build_from_disk(browser, real_offline_site):
    context, page = _open(browser, (real_offline_site / "index.html").as_uri())
    try:
        assert _blocking(_axe(page)) == []
    finally:
        context.close()


#: The Arabic site's main pages, in the offline copy (addresses end in .html).
ARABIC_PAGES = {"home": "index.html", "country page": "countries/brazil.html",
                "entry page": "learning_routes/ecuador-peru-market-access.html", "dashboard": "dashboard/index.html",
                "translation coverage": "translations/index.html"}


@pytest.fixture(scope="module")
def arabic_offline_site(tmp_path_factory) -> Path:
    """The real knowledge base's Arabic site, offline (mkdocs.ar.yml, MkDocs --strict)."""
    from conftest import build_languages

    return build_languages(REPO, tmp_path_factory.mktemp("arabic-offline") / "site", ("ar",), offline=True) / "ar"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ARABIC_PAGES)
def test_axe_finds_no_serious_violation_in_arabic_right_to_left(browser, arabic_offline_site, name, width):
    path = arabic_offline_site / ARABIC_PAGES[name]
    html = next(attributes for tag, attributes in read_page(path).tags if tag == "html")
    assert (html.get("dir"), html.get("lang")) == ("rtl", "ar")  # <html dir="rtl" lang="ar">
    context, page = _open(browser, path.as_uri(), width=width)
    try:
        assert page.evaluate("[getComputedStyle(document.documentElement).direction, "
                             "getComputedStyle(document.body).direction]") == ["rtl", "rtl"]
        assert _blocking(_axe(page)) == []
    finally:
        context.close()


def test_axe_reports_what_it_should(browser, tmp_path):
    """The harness can fail: a page with known serious violations is reported."""
    (tmp_path / "index.html").write_text('<html><body><img src="a.png"><p style="color:#aaa;background:#fff">'
                                         'low contrast</p><button></button></body></html>')
    with serve(tmp_path) as base:
        context, page = _open(browser, base)
        try:
            found = {line.split(":")[0] for line in _blocking(_axe(page))}
        finally:
            context.close()
    assert {"critical image-alt", "serious color-contrast", "critical button-name"} <= found


def test_axe_comes_from_a_pinned_package():
    pins = (REPO / "requirements-dev.txt").read_text(encoding="utf-8")
    assert "axe-playwright-python==" in pins
