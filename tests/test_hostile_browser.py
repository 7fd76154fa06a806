"""In Chromium: a site built from hostile entries runs no script, asks no other host, and loses nothing.

The fixture knowledge base plus every hostile body of the corpus (tests/hostile/activities/body-*.md),
the entries with HTML in every text field, a long title with markup, and a copy of countries.yml
that gives Mozambique a display name with markup (it lands in title="..." on the map and the flows
page) is built with MkDocs, as the site and as the offline copy. The body check is switched off for
this build, as if ``check`` had missed everything: what is published must be safe all the same,
because the sanitizer runs whatever ``check`` said.

Chromium opens the pages over HTTP (127.0.0.1) and the offline copy from file://, hovers, focuses and
clicks every element with a title, and asserts: no dialog opened and no injected payload ran (they
call alert() or set ``window.ssckbInjected``); no request left for another host; the citation and the
related entries are visible on every entry page; Material's ``#__config`` is the theme's own; every
valid entry is on its list page; the explorer works whatever its address holds.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from unittest import mock
from urllib.parse import urlparse

import pytest

from conftest import CHROMIUM, REPO, copy_fixture
from ssckb.loading import ENTRY_FOLDERS
from webcheck import serve

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI needs Debian's chromium: apt-get install -y chromium")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

HOSTILE = Path(__file__).parent / "hostile"
BODIES = sorted(path.relative_to(HOSTILE).as_posix() for path in (HOSTILE / "activities").glob("body-*.md"))
ACCEPTED = ["activities/html-in-every-text-field.md", "lessons/lesson-html-in-every-text-field.md",
            "learning_routes/route-html-in-every-text-field.md", "activities/title-with-markup.md"]
COUNTRY_NAME = "<img src=x onerror=window.ssckbInjected=1> Mozambique"
LONG_TITLE_WORDS = "A very long title, with markup"


def _hostile_kb(tmp_path: Path) -> Path:
    root = copy_fixture(tmp_path)
    for rel in BODIES + ACCEPTED:
        shutil.copyfile(HOSTILE / rel, root / rel)
    # Two hostile bodies share a country with few entries, so that their pages have related entries.
    for rel in ("activities/body-unclosed-hidden.md", "activities/body-extra-closing-tags.md"):
        text = (root / rel).read_text(encoding="utf-8")
        (root / rel).write_text(text.replace("{country: MOZ, role: learner}", "{country: KHM, role: learner}"))
    # The theme's features of the real site (its tooltips, search...), not the fixture's defaults.
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    features = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["theme"]["features"]
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\ntheme:\n  name: material\n" in config
    config = config.replace("\ntheme:\n  name: material\n",
                            "\ntheme:\n  name: material\n  features: [" + ", ".join(features) + "]\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    countries = (REPO / "ssckb/vocabularies/countries.yml").read_text(encoding="utf-8")
    countries += f'MOZ: {{name: "{COUNTRY_NAME}", aliases: [Mozambique]}}\n'
    (root / "vocabularies/countries.yml").write_text(countries, encoding="utf-8")
    return root


@contextmanager
def _environment(**values):
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _build(root: Path, site_dir: Path, offline: bool) -> Path:
    """MkDocs in this process, with the body check switched off (so the hook publishes every hostile body)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from ssckb import validation

    with _environment(SSCKB_OFFLINE="true" if offline else "false", NO_MKDOCS_2_WARNING="1"), \
            mock.patch.object(validation, "check_body", lambda body, first_line, path: []):
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir))
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    return site_dir


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory) -> tuple[Path, Path, Path]:
    """(knowledge base, site, offline copy) built from the hostile entries."""
    tmp_path = tmp_path_factory.mktemp("hostile-browser")
    root = _hostile_kb(tmp_path)
    return root, _build(root, tmp_path / "site", False), _build(root, tmp_path / "offline", True)


def _entry_ids(root: Path) -> dict:
    from ssckb import validation

    with mock.patch.object(validation, "check_body", lambda body, first_line, path: []):
        knowledge_base, _problems = validation.load_knowledge_base(root)
    return {kind: sorted(entries) for kind, entries in knowledge_base.entries.items()}


ENTRY_PAGES = [rel[:-3] for rel in BODIES + ACCEPTED] + ["activities/cambodia-china-rice",
                                                         "activities/brazil-africa-marketplace",
                                                         "lessons/lesson-one", "learning_routes/palenque-route"]
FILE_PAGES = ["activities/body-unclosed-hidden", "activities/body-theme-config", "activities/body-title-markup",
              "activities/body-fake-dialog", "activities/title-with-markup", "map/index", "flows/index"]
VIEW_PAGES = ["map", "flows", "explorer", "countries", "activities", "themes/gender", "timeline", "dashboard"]

#: Every element a reader can hover or focus that has a tooltip (a title) or an accessible name.
TARGETS = "[title], abbr, [aria-label], article a, summary, .md-ellipsis"
# Mouse events to every target at once, kept for longer than the theme waits before it shows a tooltip
# (250 ms), then focus and a click for each (but links); the centres of the targets on the screen.
_WALK = """async (selector) => {
  const targets = [...document.querySelectorAll(selector)].filter(e => e.getClientRects().length);
  const send = (target, types) => types.forEach(type => target.dispatchEvent(
    new MouseEvent(type, {bubbles: !type.endsWith("enter") && !type.endsWith("leave"), cancelable: true})));
  targets.forEach(target => send(target, ["pointerover", "pointerenter", "mouseover", "mouseenter", "mousemove"]));
  await new Promise(resolve => setTimeout(resolve, 600));
  const boxes = [];
  for (const target of targets) {
    send(target, ["mouseout", "mouseleave", "pointerout", "pointerleave"]);
    if (target.focus) { target.focus(); }
    if (!target.closest("a, label, button, input, select")) { target.click(); }
    const box = target.getBoundingClientRect();
    if (box.width && box.top >= 0 && box.top < innerHeight) { boxes.push([box.x + box.width / 2, box.y + box.height / 2]); }
  }
  return {count: targets.length, boxes: boxes};
}"""


class Visit:
    """One Chromium context that records dialogs, script errors and every address the pages ask for."""

    def __init__(self, browser):
        self.context = browser.new_context()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        self.page.wait_for_timeout(200)

    def hover_focus_click(self) -> int:
        """Hover and focus every element with a title or a name, and click those that lead nowhere; how many.

        The events go to every element from the page's own script (Playwright's actions wait for each
        element, minutes on a page of hundreds); then the real mouse moves over the first of them and the
        keyboard tabs through the page, as a reader would.
        """
        page = self.page
        walked = page.evaluate(_WALK, TARGETS)
        # The theme's tooltips open on a real pointer resting on an element of the content with a title.
        titled = page.locator("article [title], article abbr")
        for index in range(min(titled.count(), 8)):
            try:
                titled.nth(index).hover(force=True, timeout=500)
                page.wait_for_timeout(300)
            except Exception:  # hidden or covered: the next one
                continue
        for x, y in walked["boxes"][:6]:
            page.mouse.move(x, y)
            page.wait_for_timeout(100)
        for _ in range(12):
            page.keyboard.press("Tab")
        page.wait_for_timeout(300)  # tooltips appear after a delay
        return walked["count"]

    def injected(self) -> bool:
        return bool(self.page.evaluate("() => !!window.ssckbInjected"))

    def foreign_requests(self) -> list[str]:
        def local(url):
            parsed = urlparse(url)
            return parsed.scheme in ("file", "data", "blob", "about") or parsed.hostname == "127.0.0.1"

        return [url for url in self.requests if not local(url)]

    def close(self):
        self.context.close()


def _assert_entry_page(visit: Visit, path: str) -> None:
    page = visit.page
    assert page.locator(".ssc-source").is_visible(), f"{path}: the citation is not visible"
    related = page.locator(".ssc-related")
    if path in RELATED:
        assert related.count() == 1, f"{path}: the related entries are missing"
    for index in range(related.count()):
        assert related.nth(index).is_visible(), f"{path}: the related entries are not visible"
    config = page.evaluate("() => [...document.querySelectorAll('[id=\"__config\"]')].map(e => e.tagName)")
    assert config == ["SCRIPT"], f"{path}: #__config is not the theme's own: {config}"
    assert page.locator("dialog").count() == 0 and page.locator(".md-dialog--active").count() == 0


def _walk(browser, base: str, paths: list, suffix: str) -> Visit:
    visit = Visit(browser)
    for path in paths:
        visit.open(base + path + suffix)
        walked = visit.hover_focus_click()
        assert walked > 0, path
        if path in ENTRY_PAGES:
            _assert_entry_page(visit, path)
        assert not visit.injected(), f"{path}: an injected script ran"
    return visit


def test_the_unclosed_hidden_element_hides_nothing(hostile_sites):
    _root, site, _offline = hostile_sites
    html = (site / "activities/body-unclosed-hidden/index.html").read_text(encoding="utf-8")
    assert "hidden>" not in html.split('class="ssc-body"', 1)[1].split('class="ssc-source"', 1)[0]
    assert 'class="ssc-related"' in html and 'class="ssc-source"' in html


RELATED = {"activities/body-unclosed-hidden", "activities/body-extra-closing-tags"}


def test_over_http_no_script_runs_and_nothing_is_lost(browser, hostile_sites):
    _root, site, _offline = hostile_sites
    with serve(site) as base:
        visit = _walk(browser, base, ENTRY_PAGES + VIEW_PAGES, "/")
        try:
            assert visit.dialogs == []
            assert visit.foreign_requests() == []
            assert visit.errors == []
        finally:
            visit.close()


def test_from_file_no_script_runs_and_nothing_is_lost(browser, hostile_sites):
    _root, _site, offline = hostile_sites
    base = offline.as_uri() + "/"
    visit = _walk(browser, base, FILE_PAGES, ".html")
    try:
        assert visit.dialogs == []
        assert visit.foreign_requests() == []
    finally:
        visit.close()


def test_every_valid_entry_is_on_its_list_page(browser, hostile_sites):
    root, site, _offline = hostile_sites
    folders = ENTRY_FOLDERS  # every kind, requests and offers too
    with serve(site) as base:
        visit = Visit(browser)
        try:
            for kind, ids in _entry_ids(root).items():
                visit.open(f"{base}{folders[kind]}/")
                hrefs = visit.page.evaluate("() => [...document.querySelectorAll('article a')].map(a => a.href)")
                for entry_id in ids:
                    assert any(f"/{folders[kind]}/{entry_id}/" in href for href in hrefs), entry_id
            assert visit.dialogs == [] and not visit.injected()
        finally:
            visit.close()
    expected = {rel.split("/")[1][:-3] for rel in BODIES + ACCEPTED}
    published = {entry_id for ids in _entry_ids(root).values() for entry_id in ids}
    assert expected <= published
    assert all((site / rel[:-3] / "index.html").is_file() for rel in BODIES + ACCEPTED)


def _search(visit: Visit, query: str) -> list[str]:
    page = visit.page
    page.keyboard.press("/")
    page.wait_for_timeout(300)
    page.keyboard.type(query, delay=20)
    results = page.locator(".md-search-result__list li")
    results.first.wait_for(timeout=15000)
    page.wait_for_timeout(300)
    return page.locator(".md-search-result__list li").all_inner_texts()


@pytest.mark.parametrize("where", ["http", "file"])
def test_search_shows_hostile_titles_as_text(browser, hostile_sites, where):
    _root, site, offline = hostile_sites
    visit = Visit(browser)
    try:
        if where == "http":
            with serve(site) as base:
                visit.open(base)
                texts = _search(visit, "long title with markup")
                visit.hover_focus_click()
        else:
            visit.open((offline / "index.html").as_uri())
            texts = _search(visit, "long title with markup")
            visit.hover_focus_click()
        assert any("<img src=x onerror=window.ssckbInjected=1>" in text for text in texts), texts
        assert visit.page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
        assert visit.dialogs == [] and not visit.injected() and visit.foreign_requests() == []
    finally:
        visit.close()


def test_header_shows_the_long_title_as_text(browser, hostile_sites):
    _root, site, _offline = hostile_sites
    with serve(site) as base:
        visit = Visit(browser)
        try:
            visit.open(base + "activities/title-with-markup/")
            visit.page.mouse.wheel(0, 2000)  # the header shows the page title once the heading scrolls away
            visit.page.wait_for_timeout(300)
            topic = visit.page.locator("[data-md-component='header-topic']").inner_text()
            assert "<img src=x onerror=window.ssckbInjected=1>" in topic and LONG_TITLE_WORDS in topic
            visit.hover_focus_click()
            assert visit.dialogs == [] and not visit.injected()
        finally:
            visit.close()


def test_country_name_with_markup_is_text_on_the_map_and_the_flows_page(browser, hostile_sites):
    _root, site, _offline = hostile_sites
    with serve(site) as base:
        visit = Visit(browser)
        try:
            for path in ("map/", "flows/"):
                visit.open(base + path)
                titles = visit.page.evaluate("() => [...document.querySelectorAll('[title]')].map(e => e.title)")
                assert any(COUNTRY_NAME in title for title in titles), path
                visit.hover_focus_click()
            assert visit.page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
            assert visit.dialogs == [] and not visit.injected()
        finally:
            visit.close()


@pytest.mark.parametrize("fragment", ["__proto__=x", "toString=1", "theme=constructor", "constructor=1",
                                      "hasOwnProperty=1&all=__proto__", "theme=__proto__,toString&all=theme"])
def test_explorer_ignores_keys_of_objects_in_the_address(browser, hostile_sites, fragment):
    _root, site, _offline = hostile_sites
    with serve(site) as base:
        visit = Visit(browser)
        try:
            visit.open(f"{base}explorer/#{fragment}")
            visit.page.wait_for_selector("#ssc-explorer-results li", timeout=15000)
            rows = visit.page.evaluate("window.SSCKB_EXPLORER_APP.rows")
            shown = visit.page.locator("#ssc-explorer-results li").count()
            assert visit.errors == []
            assert rows > 0 and shown == min(rows, 50)  # unknown keys and values are ignored: everything shows
            assert visit.page.evaluate(f"window.SSCKB_EXPLORER_APP.count({fragment!r})") == rows
        finally:
            visit.close()
