"""The offline copy's links to files published beside the site (its own zip): never a dead link."""

from __future__ import annotations

import os

from conftest import REPO, run_mkdocs
from ssckb.published import OFFLINE_ZIP, link_published_files

HOME = f'<li><strong>Offline:</strong> <a href="{OFFLINE_ZIP}" download>download\n  the offline copy</a> (a zip)</li>'


def test_with_a_published_address_the_link_goes_to_the_published_zip():
    assert link_published_files(HOME, "index.html", "https://example.org/kb/") == (
        f'<li><strong>Offline:</strong> <a href="https://example.org/kb/{OFFLINE_ZIP}" download>download\n'
        "  the offline copy</a> (a zip)</li>")


def test_without_one_the_link_becomes_its_text():
    assert link_published_files(HOME, "index.html", None) == \
        "<li><strong>Offline:</strong> download\n  the offline copy (a zip)</li>"


def test_a_link_from_a_deeper_page_is_found_and_other_links_are_left_alone():
    page = (f'<a href="../{OFFLINE_ZIP}">zip</a> <a href="../download/other.zip">other</a> '
            f'<a href="{OFFLINE_ZIP}">not the zip from here</a> <a href="https://example.org/{OFFLINE_ZIP}">x</a> '
            '<a href="../index.html#download/">home</a>')
    assert link_published_files(page, "about/ssc.html", None) == (
        'zip <a href="../download/other.zip">other</a> '
        f'<a href="{OFFLINE_ZIP}">not the zip from here</a> <a href="https://example.org/{OFFLINE_ZIP}">x</a> '
        '<a href="../index.html#download/">home</a>')


def test_the_published_address_is_escaped():
    assert 'href="https://example.org/&quot;&gt;&lt;x/download/' in link_published_files(
        HOME, "index.html", 'https://example.org/"><x/')


def test_the_offline_copy_links_to_the_zip_the_workflow_publishes(tmp_path):
    """The workflow builds the offline copy with the site's address (.github/workflows/site.yml)."""
    os.environ["SSCKB_SITE_URL"] = "https://example.org/kb/"
    try:
        result = run_mkdocs(REPO, tmp_path / "site", offline=True)
    finally:
        del os.environ["SSCKB_SITE_URL"]
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert f'href="https://example.org/kb/{OFFLINE_ZIP}"' in home
    assert f'href="{OFFLINE_ZIP}"' not in home
