"""Built sites: every entry on every index page it belongs to, strict builds, offline builds."""

import json
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import FIXTURE, REPO, copy_fixture, free_port, run_mkdocs
import searchindex
from sitecheck import external_resources, links_of, page_file
from ssckb.indexes import DIMENSIONS
from ssckb.site import build_site


def assert_every_entry_on_its_index_pages(source_root, site_dir, directory_urls=True):
    site = build_site(source_root)
    kb = site.knowledge_base
    checked = 0
    for entry in kb.all_entries():
        entry_html = page_file(site_dir, entry.page_path, directory_urls).relative_to(site_dir).as_posix()
        assert (site_dir / entry_html).is_file(), entry_html
        for dimension in DIMENSIONS:
            for term_id in dimension.terms_of(kb, entry):
                term_page = page_file(site_dir, dimension.page_path(term_id, kb), directory_urls)
                assert entry_html in links_of(site_dir, term_page), \
                    f"{entry.path} missing from {term_page.relative_to(site_dir)}"
                checked += 1
        kind_list = page_file(site_dir, entry.page_path.rsplit("/", 1)[0] + "/index.md", directory_urls)
        assert entry_html in links_of(site_dir, kind_list)
    return checked


def test_fixture_entries_on_every_index_page(fixture_site):
    assert assert_every_entry_on_its_index_pages(FIXTURE, fixture_site) > 30


def test_real_site_entries_on_every_index_page(real_site):
    site = build_site(REPO)
    assert site.problems == [] or all(not p.is_error for p in site.problems)
    assert assert_every_entry_on_its_index_pages(REPO, real_site) > 0


def test_entry_page_values_link_to_their_index_pages(fixture_site):
    links = links_of(fixture_site, fixture_site / "activities/brazil-africa-marketplace/index.html")
    for target in ("countries/brazil/index.html", "countries/mozambique/index.html", "years/2010/index.html",
                   "regions/west-central-africa/index.html", "scopes/interregional/index.html",
                   "themes/natural-resources/index.html", "modalities/research/index.html",
                   "participants/researchers/index.html", "institutions/fao/index.html", "funding/grant/index.html",
                   "lessons/lesson-one/index.html", "learning_routes/palenque-route/index.html"):
        assert target in links, target


def test_backlinks(fixture_site):
    lesson_links = links_of(fixture_site, fixture_site / "lessons/lesson-one/index.html")
    assert "activities/brazil-africa-marketplace/index.html" in lesson_links
    assert "activities/cambodia-china-rice/index.html" in lesson_links
    institution_links = links_of(fixture_site, fixture_site / "institutions/yaas/index.html")
    assert "activities/cambodia-china-rice/index.html" in institution_links


def test_search_index_has_entries_and_pages_but_no_term_pages(fixture_site):
    paths = [row[0] for row in searchindex.documents(fixture_site)]
    assert "activities/brazil-africa-marketplace.md" in paths and "contribute.md" in paths
    assert not any(path.startswith("countries/") for path in paths), "term pages are excluded from search"


def test_sidebar_holds_hubs_not_entries(fixture_site):
    html = (fixture_site / "activities/cambodia-china-rice/index.html").read_text()
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):]
    nav = nav[:nav.index("</nav>")]
    assert "brazil-africa-marketplace" not in nav and "countries/brazil" not in nav


def test_published_schemas_list_vocabularies(fixture_site):
    schema = json.loads((fixture_site / "schemas/activity.schema.json").read_text())
    themes = schema["properties"]["themes"]["items"]
    assert "gender" in themes["enum"] and "x-vocabulary" not in themes


def test_build_with_errors_lists_them_all_and_fails(tmp_path):
    root = copy_fixture(tmp_path)
    text = (root / "activities/cambodia-china-rice.md").read_text()
    (root / "activities/cambodia-china-rice.md").write_text(text.replace("CHN", "Chinaa").replace("contributions:", "contributons:"))
    result = run_mkdocs(root, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "activities/cambodia-china-rice.md:7: countries[0].country: unknown country 'Chinaa'" in output
    assert "activities/cambodia-china-rice.md:15: contributons: unknown field 'contributons'" in output
    assert "2 error(s) in the knowledge base" in output


def test_serve_shows_problems_and_keeps_serving(tmp_path):
    root = copy_fixture(tmp_path)
    text = (root / "activities/cambodia-china-rice.md").read_text()
    (root / "activities/cambodia-china-rice.md").write_text(text.replace("CHN", "Chinaa"))
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "--dev-addr",
                                f"127.0.0.1:{port}"], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        deadline = time.time() + 60
        body = None
        while time.time() < deadline:
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/problems/", timeout=5).read().decode()
                break
            except OSError:
                time.sleep(0.5)
        assert body is not None, "mkdocs serve did not answer"
        assert "unknown country" in body and "Chinaa" in body
        good = urllib.request.urlopen(f"http://127.0.0.1:{port}/activities/brazil-africa-marketplace/").read().decode()
        assert "<strong>1 error in the knowledge base.</strong>" in good  # the banner, its plural the catalog's
        broken = urllib.request.urlopen(f"http://127.0.0.1:{port}/activities/cambodia-china-rice/").read().decode()
        assert "Chinaa" in broken
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_offline_build_loads_nothing_from_other_hosts(real_offline_site):
    pages = sorted(real_offline_site.rglob("*.html"))
    assert pages
    for page in pages:
        assert external_resources(page) == [], page
    assert (real_offline_site / "search/en/manifest.js").is_file()
    assert "fonts.googleapis.com" not in (real_offline_site / "index.html").read_text()


def test_offline_build_every_entry_on_its_index_pages(real_offline_site):
    assert assert_every_entry_on_its_index_pages(REPO, real_offline_site, directory_urls=False) > 0


def test_generate_writes_the_same_pages_as_the_site(tmp_path):
    result = subprocess.run([sys.executable, "build.py", "generate", str(tmp_path / "out")], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    site = build_site(REPO)
    for path, page in site.generated.items():
        assert (tmp_path / "out" / path).read_text() == page.document()
    for path, page in site.entries.items():
        assert (tmp_path / "out" / path).read_text() == page.document()


def test_preview_builds_only_the_given_entries_and_their_links(tmp_path):
    from ssckb.site import preview_paths
    paths = preview_paths(FIXTURE, ["activities/cambodia-china-rice.md"])
    # the activity, and the lesson that names it (links are followed from the loaded entries' side only)
    assert paths == ["activities/cambodia-china-rice.md"]
    paths = preview_paths(FIXTURE, ["lessons/lesson-one.md"])
    assert paths == ["activities/cambodia-china-rice.md", "learning_routes/palenque-route.md",
                     "lessons/lesson-one.md"]
    site = build_site(FIXTURE, only_paths=paths)
    assert sorted(site.entries) == ["activities/cambodia-china-rice.md", "learning_routes/palenque-route.md",
                                    "lessons/lesson-one.md"]
    assert "countries/china.md" in site.generated and "countries/brazil.md" not in site.generated


def test_preview_gives_registry_terms_a_page_only_when_a_loaded_entry_names_them():
    """A preview in a base with thousands of institutions must not render a page for each of them."""
    full = build_site(FIXTURE)
    site = build_site(FIXTURE, only_paths=["activities/cambodia-china-rice.md"])
    entry = site.knowledge_base.get("activity", "cambodia-china-rice")
    for folder, named in (("institutions", set(entry.institutions)), ("countries", {"cambodia", "china"})):
        pages = {p.split("/")[1][:-3] for p in site.generated if p.startswith(f"{folder}/") and p != f"{folder}/index.md"}
        everywhere = {p for p in full.generated if p.startswith(f"{folder}/")}
        assert pages == named, folder
        assert len(everywhere) > len(pages) + 1  # the full site has the registry's other terms
    assert "institutions/index.md" in site.generated  # the hub, listing only them


def test_preview_site_builds_strict(tmp_path):
    import os
    root = copy_fixture(tmp_path)
    env_before = os.environ.get("SSCKB_PREVIEW")
    os.environ["SSCKB_PREVIEW"] = "lessons/lesson-one.md"
    try:
        result = run_mkdocs(root, tmp_path / "site")
    finally:
        if env_before is None:
            os.environ.pop("SSCKB_PREVIEW")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "lessons/lesson-one/index.html").read_text()
    assert "Preview" in html
    assert not (tmp_path / "site" / "activities/brazil-africa-marketplace").exists()
