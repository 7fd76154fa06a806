"""The frame shared by the pages of a folder (ssckb/fragments.py) changes no byte of the site."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import FIXTURE, REPO, copy_fixture, free_port, run_mkdocs
from ssckb.fragments import SharedFragments


def _files(directory: Path) -> dict:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def _render(fragments: SharedFragments, name: str, url: str, **options) -> str:
    """What the template gets for ``url``: the cached part, or a fresh one naming the page it was made for."""
    return fragments(name, SimpleNamespace(url=url), lambda: f"{name} made for {url}", **options)


def _rendered_whole(config_dir: Path, site_dir: Path, offline: bool = False) -> Path:
    os.environ["SSCKB_SHARED_FRAGMENTS"] = "off"
    try:
        result = run_mkdocs(config_dir, site_dir, offline=offline)
    finally:
        del os.environ["SSCKB_SHARED_FRAGMENTS"]
    assert result.returncode == 0, result.stderr
    return site_dir


def _assert_same_site(shared: Path, whole: Path) -> None:
    shared_files, whole_files = _files(shared), _files(whole)
    assert sorted(shared_files) == sorted(whole_files)
    assert len([p for p in shared_files if p.endswith(".html")]) > 50
    different = [path for path in shared_files if shared_files[path] != whole_files[path]]
    assert different == []


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
def test_the_fixture_site_is_byte_identical_with_and_without_shared_fragments(tmp_path, offline):
    shared = tmp_path / "shared"
    assert run_mkdocs(FIXTURE, shared, offline=offline).returncode == 0
    _assert_same_site(shared, _rendered_whole(FIXTURE, tmp_path / "whole", offline))


def test_the_real_site_is_byte_identical_with_and_without_shared_fragments(real_site, tmp_path):
    """The real sidebar: sections, index pages, navigation.prune."""
    _assert_same_site(real_site, _rendered_whole(REPO, tmp_path / "whole"))


def test_the_templates_ask_for_every_shared_part():
    """A part dropped from the templates would be rendered on every page again: slower, and unseen."""
    main = (REPO / "overrides/main.html").read_text(encoding="utf-8")
    header = (REPO / "overrides/partials/header.html").read_text(encoding="utf-8")
    for name in ("styles", "libs", "nav", "footer", "config", "scripts"):
        assert f'shared.fragment("{name}", page' in main
    for name in ("header_start", "header_end"):
        assert f'shared.fragment("{name}", page' in header


def test_siblings_share_a_part_and_other_folders_do_not():
    fragments = SharedFragments()
    fragments.reset(sidebar_urls=["", "activities/", "about/ssc/"])
    assert _render(fragments, "nav", "activities/a/") == "nav made for activities/a/"
    assert _render(fragments, "nav", "activities/b/") == "nav made for activities/a/"
    assert _render(fragments, "nav", "countries/kenya/") == "nav made for countries/kenya/"
    assert _render(fragments, "nav", "flows/a/b/") == "nav made for flows/a/b/"  # deeper: its own
    assert _render(fragments, "header_start", "activities/b/") == "header_start made for activities/b/"
    assert fragments.reused == 1


def test_pages_in_the_sidebar_are_rendered_whole_where_they_are_marked():
    fragments = SharedFragments()
    fragments.reset(sidebar_urls=["", "activities/", "lessons/"])
    assert _render(fragments, "nav", "activities/", outside_sidebar_only=True) == "nav made for activities/"
    assert _render(fragments, "nav", "lessons/", outside_sidebar_only=True) == "nav made for lessons/"
    # Their frame links to themselves ("./" there, "../activities/" from a sibling): not shared either.
    assert _render(fragments, "styles", "activities/") == "styles made for activities/"
    assert _render(fragments, "styles", "lessons/") == "styles made for lessons/"
    assert fragments.reused == 0


def test_a_page_whose_folder_holds_a_linked_page_is_rendered_whole():
    """about/ssc/ is in the sidebar: from about/ it is "ssc/", from a sibling "../about/ssc/"."""
    fragments = SharedFragments()
    fragments.reset(sidebar_urls=["", "about/ssc/"])
    assert _render(fragments, "nav", "browse/") == "nav made for browse/"
    assert _render(fragments, "nav", "about/") == "nav made for about/"
    assert _render(fragments, "nav", "assets/") == "nav made for assets/"  # the frame links into assets/


def test_file_addresses_share_their_folder():
    """The offline copy: activities/a.html and activities/b.html link from the same folder."""
    fragments = SharedFragments()
    fragments.reset(sidebar_urls=["index.html", "activities/index.html"])
    assert _render(fragments, "config", "activities/a.html") == "config made for activities/a.html"
    assert _render(fragments, "config", "activities/b.html") == "config made for activities/a.html"
    assert _render(fragments, "config", "countries/kenya.html") == "config made for countries/kenya.html"
    assert _render(fragments, "config", "browse.html") == "config made for browse.html"
    assert _render(fragments, "config", "index.html") == "config made for browse.html"


def test_no_page_switched_off_or_a_new_build_render_afresh():
    fragments = SharedFragments()
    assert fragments("config", None, lambda: "404") == "404"  # 404.html has no page
    fragments.reset(sidebar_urls=[""])
    _render(fragments, "config", "activities/a/")
    fragments.reset(sidebar_urls=[""])
    assert _render(fragments, "config", "activities/b/") == "config made for activities/b/"
    fragments.enabled = False
    assert _render(fragments, "config", "activities/c/") == "config made for activities/c/"


def test_mkdocs_serve_renders_the_frame_afresh_on_each_rebuild(tmp_path):
    """`mkdocs serve` keeps the hook between rebuilds: a frame kept from the last build would show the
    old site name on every entry page."""
    root = copy_fixture(tmp_path)
    port = free_port()
    # With live reload: without it, `mkdocs serve` watches nothing and never rebuilds.
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    entry = f"http://127.0.0.1:{port}/activities/brazil-africa-marketplace/"

    def header_title(timeout: float = 60) -> str | None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                page = urllib.request.urlopen(entry, timeout=5).read().decode()
                return re.search(r'class="md-header__button md-logo" aria-label="([^"]*)"', page)[1]
            except OSError:
                time.sleep(0.5)
        return None

    try:
        assert header_title() == "Fixture knowledge base"
        config = root / "mkdocs.yml"
        config.write_text(config.read_text().replace("site_name: Fixture knowledge base", "site_name: Renamed base"))
        deadline = time.time() + 60
        while header_title() != "Renamed base" and time.time() < deadline:
            time.sleep(0.5)
        assert header_title() == "Renamed base"
    finally:
        process.terminate()
        process.wait(timeout=20)
