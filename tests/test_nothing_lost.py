"""Nothing lost: every valid entry is on every index page it belongs to, counts add up, builds repeat.

Over the real knowledge base and a synthetic one of 1,000 entries (tests/synthetic.py, built with
MkDocs --strict: some 20 seconds on two cores):

- every entry file is either a valid entry with a page or has an error saying why not;
- every valid entry is linked from each of its index pages (following long lists onto their
  continuation pages) and from the list of its kind;
- the numbers on browse pages, index pages, lists and the financing page are those of the entries
  they list, and add up across pages;
- building twice gives byte-identical output, for MkDocs (served and offline) and ``generate``.
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import FIXTURE, REPO, SOURCE_DATE_EPOCH, SYNTHETIC_SIZE
from sitecheck import links_of, page_file
from ssckb.indexes import DIMENSIONS, build_indexes
from ssckb.loading import ENTRY_FOLDERS, discover_entry_files
from ssckb.model import KIND_FOLDERS, KIND_LABELS, KIND_ORDER
from ssckb.addresses import continuation_path
from ssckb.site import build_site, write_site
from synthetic import write_synthetic_kb


def mkdocs_build(root: Path, site_dir: Path, offline: bool = False) -> None:
    env = dict(os.environ, SSCKB_SITE_DIR=str(site_dir), NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    env.pop("SSCKB_OFFLINE", None)
    if offline:
        env["SSCKB_OFFLINE"] = "true"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr


def files_of(directory: Path) -> dict:
    return {path.relative_to(directory).as_posix(): path.read_bytes()
            for path in sorted(directory.rglob("*")) if path.is_file()}


def assert_identical(one: Path, two: Path) -> None:
    first, second = files_of(one), files_of(two)
    assert sorted(first) == sorted(second), "a file appeared in one build only"
    different = [path for path in first if first[path] != second[path]]
    assert different == [], f"{len(different)} files differ, e.g. {different[:5]}"


# Which pages list an entry -----------------------------------------------------------------------

def listing(pages: dict, first: str) -> list[str]:
    """The page paths of a list: its first page and its continuation pages (page_2, page_3...)."""
    found, number = [first], 2
    base = first[:-3] if not first.endswith("/index.md") else first[:-len("/index.md")]
    while continuation_path(base, number) in pages:
        found.append(continuation_path(base, number))
        number += 1
    return found


def expected_listings(site) -> dict:
    """page path of an entry -> the first pages of every list it must be on."""
    knowledge_base = site.knowledge_base
    expected = {}
    for entry in knowledge_base.all_entries():
        lists = [f"{KIND_FOLDERS[entry.kind]}/index.md"]
        for dimension in DIMENSIONS:
            lists += [dimension.page_path(term, knowledge_base) for term in dimension.terms_of(knowledge_base, entry)]
        expected[entry.page_path] = lists
    return expected


_MD_LINK = re.compile(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)")


def markdown_links(page_path: str, markdown: str) -> set:
    base = posixpath.dirname(page_path)
    return {posixpath.normpath(posixpath.join(base, target)) for target in _MD_LINK.findall(markdown)}


def assert_every_entry_listed_in_markdown(site) -> int:
    """In the generated Markdown (what MkDocs and ``generate`` publish)."""
    pages = {**site.generated, **site.entries}
    links = {path: markdown_links(path, page.markdown) for path, page in pages.items()}
    checked = 0
    for entry_page, lists in expected_listings(site).items():
        assert entry_page in site.entries
        for first in lists:
            assert any(entry_page in links[path] for path in listing(pages, first)), f"{entry_page} not on {first}"
            checked += 1
    return checked


def assert_every_entry_listed_in_html(site, site_dir: Path, directory_urls: bool = True) -> int:
    """In the built HTML, following each list onto its continuation pages."""
    pages = {**site.generated, **site.entries}
    parsed: dict = {}

    def links(html: Path) -> set:
        if html not in parsed:
            parsed[html] = links_of(site_dir, html)
        return parsed[html]

    checked = 0
    for entry_page, lists in expected_listings(site).items():
        entry_html = page_file(site_dir, entry_page, directory_urls)
        assert entry_html.is_file(), entry_html
        target = entry_html.relative_to(site_dir).as_posix()
        for first in lists:
            html_pages = [page_file(site_dir, path, directory_urls) for path in listing(pages, first)]
            assert any(target in links(html) for html in html_pages), f"{entry_page} not on {first}"
            checked += 1
    return checked


def assert_every_file_accounted_for(root: Path, site) -> None:
    """Each entry file is a valid entry with a page, or has an error; no file vanishes without a word."""
    with_errors = {problem.path for problem in site.problems if problem.is_error}
    valid = {entry.path for entry in site.knowledge_base.all_entries()}
    for _kind, rel in discover_entry_files(root):
        assert (rel in valid) != (rel in with_errors), rel
    for folder in ENTRY_FOLDERS.values():
        for path in sorted((root / folder).rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and not path.name.startswith("."):
                assert rel in valid or any(problem.path == rel for problem in site.problems), rel


# Counts ------------------------------------------------------------------------------------------

_HUB_ROW = re.compile(r"^\| \[[^\n]*\]\(([^)]+\.md)\) \| (\d+) \|$", re.MULTILINE)
_KIND_HEADING = re.compile(r"^## (Activities|Learning routes|Lessons learned|Knowledge requests|Knowledge offers) "
                           r"\((\d+)\)$", re.MULTILINE)
_KIND_COUNT = r"(?:activit(?:y|ies)|learning routes?|lessons? learned|knowledge requests?|knowledge offers?)"
_COUNT_LINE = re.compile(rf"^(\d+ {_KIND_COUNT}(?:, \d+ {_KIND_COUNT})*)\.$", re.MULTILINE)
KIND_WORDS = {"activity": "activit", "learning_route": "learning route", "lesson": "lesson",
              "request": "knowledge request", "offer": "knowledge offer"}
HEADING_KINDS = {label: kind for kind, label in KIND_LABELS.items()}


def _kind_of_page(path: str) -> str | None:
    for kind, folder in KIND_FOLDERS.items():
        if path.startswith(folder + "/") and path != f"{folder}/index.md" and "/page_" not in path:
            return kind
    return None


def assert_counts_add_up(site) -> None:
    knowledge_base = site.knowledge_base
    indexes = build_indexes(knowledge_base)
    pages = {**site.generated, **site.entries}
    browse = site.generated["browse.md"].markdown
    for kind in KIND_ORDER:
        count = len(knowledge_base.entries.get(kind, {}))
        label = KIND_LABELS[kind]
        assert f"[{label}]({KIND_FOLDERS[kind]}/index.md) ({count})" in browse
        first = f"{KIND_FOLDERS[kind]}/index.md"
        assert f"All {count} " in site.generated[first].markdown
        listed = set().union(*(markdown_links(path, pages[path].markdown) for path in listing(pages, first)))
        assert {path for path in listed if _kind_of_page(path) == kind} == \
            {entry.page_path for entry in knowledge_base.entries.get(kind, {}).values()}
    for dimension in DIMENSIONS:
        index = indexes[dimension.key]
        used = sum(1 for entries in index.values() if entries)
        assert re.search(rf"\]\({re.escape(dimension.hub_path)}\): {used} ", browse), (dimension.key, used)
        hub = site.generated[dimension.hub_path].markdown
        rows = _HUB_ROW.findall(hub)
        assert rows, dimension.hub_path
        total = 0
        for target, number in rows:
            term_page = posixpath.normpath(posixpath.join(posixpath.dirname(dimension.hub_path), target))
            number = int(number)
            total += number
            on_pages = Counter()
            listed_entries = set()
            for path in listing(pages, term_page):
                markdown = pages[path].markdown
                for heading, count in _KIND_HEADING.findall(markdown):
                    on_pages[HEADING_KINDS[heading]] += int(count)
                listed_entries |= {link for link in markdown_links(path, markdown) if _kind_of_page(link)}
            assert len(listed_entries) == number, (term_page, number, len(listed_entries))
            line = _COUNT_LINE.search(pages[term_page].markdown)
            if number:
                stated = {kind: int(re.search(rf"(\d+) {word}", line.group(1)).group(1))
                          for kind, word in KIND_WORDS.items() if line and word in line.group(1)}
                by_kind = Counter(_kind_of_page(link) for link in listed_entries)
                assert stated == dict(by_kind), (term_page, stated, by_kind)
                assert sum(stated.values()) == number
                if len(listing(pages, term_page)) == 1:  # one page: its kind headings count everything
                    assert dict(on_pages) == dict(by_kind), (term_page, on_pages, by_kind)
        memberships = sum(len(dict.fromkeys(dimension.terms_of(knowledge_base, entry)))
                          for entry in knowledge_base.all_entries())
        assert total == memberships, (dimension.key, total, memberships)
    _assert_financing_adds_up(site)


#: The amount and kind cells of a row of the financing page's table of every contribution.
_AMOUNT_CELLS = re.compile(r" \| (US\$([\d,.]+)|[A-Z]{3} [\d,.]+|not stated) \| (?:cash|in kind|kind not stated) \| ")


def _assert_financing_adds_up(site) -> None:
    """Every contribution of every entry is a row of the financing page, with its amount as given."""
    markdown = site.generated["financing.md"].markdown.split("## Every contribution", 1)[1]
    items = [c for kind in ("activity", "learning_route")
             for entry in site.knowledge_base.entries.get(kind, {}).values() for c in entry.data.get("contributions", ())]
    cells = _AMOUNT_CELLS.findall(markdown)
    assert len(cells) == len(items)
    assert sum(1 for text, _ in cells if text == "not stated") == sum(1 for c in items if "amount" not in c)
    usd = sum(float(amount.replace(",", "")) for _, amount in cells if amount)
    assert abs(usd - sum(c["amount"] for c in items if "amount" in c and c["currency"] == "USD")) < 0.01 * len(items) + 1


# The real knowledge base -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_kb_site():
    return build_site(REPO)


def test_real_entry_files_are_all_accounted_for(real_kb_site):
    assert_every_file_accounted_for(REPO, real_kb_site)


def test_real_entries_on_every_index_page_served(real_kb_site, real_site):
    assert assert_every_entry_listed_in_html(real_kb_site, real_site) > 100


def test_real_entries_on_every_index_page_offline(real_kb_site, real_offline_site):
    assert assert_every_entry_listed_in_html(real_kb_site, real_offline_site, directory_urls=False) > 100


def test_real_counts_add_up(real_kb_site):
    assert_counts_add_up(real_kb_site)


def test_real_builds_are_byte_identical(tmp_path):
    for offline in (False, True):
        mkdocs_build(REPO, tmp_path / f"one-{offline}", offline)
        mkdocs_build(REPO, tmp_path / f"two-{offline}", offline)
        assert_identical(tmp_path / f"one-{offline}", tmp_path / f"two-{offline}")


def test_generate_is_byte_identical(tmp_path):
    for name in ("one", "two"):
        result = subprocess.run([sys.executable, str(REPO / "build.py"), "generate", str(tmp_path / name)],
                                cwd=REPO, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
    assert_identical(tmp_path / "one", tmp_path / "two")


# A synthetic knowledge base of 1,000 entries ----------------------------------------------------

@pytest.fixture(scope="module")
def synthetic(synthetic_kb):
    root, manifest = synthetic_kb  # the session's (tests/conftest.py), also searched by tests/test_search.py
    return root, manifest, build_site(root)


@pytest.fixture(scope="module")
def synthetic_built(synthetic_site):
    return synthetic_site


def test_synthetic_knowledge_base_is_all_valid_and_large(synthetic):
    root, manifest, site = synthetic
    assert manifest.count == SYNTHETIC_SIZE
    assert [problem.format() for problem in site.problems if problem.is_error] == []
    assert {(entry.kind, entry.id) for entry in site.knowledge_base.all_entries()} == manifest.valid
    longest = max(len(entries) for index in build_indexes(site.knowledge_base).values()
                  for entries in index.values())
    assert longest > 250, "no list is long enough to run onto a second page"


def test_synthetic_entries_on_every_index_page(synthetic, synthetic_built):
    _root, _manifest, site = synthetic
    assert assert_every_entry_listed_in_markdown(site) > 5 * SYNTHETIC_SIZE
    assert assert_every_entry_listed_in_html(site, synthetic_built) > 5 * SYNTHETIC_SIZE


def test_synthetic_counts_add_up(synthetic):
    assert_counts_add_up(synthetic[2])


def test_synthetic_build_is_byte_identical(synthetic, synthetic_built, tmp_path):
    root = synthetic[0]
    mkdocs_build(root, tmp_path / "again")
    assert_identical(synthetic_built, tmp_path / "again")
    write_site(synthetic[2], tmp_path / "generate-one")
    write_site(build_site(root), tmp_path / "generate-two")
    assert_identical(tmp_path / "generate-one", tmp_path / "generate-two")


def test_synthetic_generator_is_deterministic(tmp_path):
    write_synthetic_kb(tmp_path / "one", 60, seed=3, invalid=2)
    write_synthetic_kb(tmp_path / "two", 60, seed=3, invalid=2)
    assert_identical(tmp_path / "one", tmp_path / "two")
    write_synthetic_kb(tmp_path / "three", 60, seed=4, invalid=2)
    assert files_of(tmp_path / "one") != files_of(tmp_path / "three")


def test_only_the_invalid_entries_are_left_out(tmp_path):
    root = tmp_path / "kb"
    manifest = write_synthetic_kb(root, 300, seed=11, invalid=12)
    site = build_site(root)
    assert {(entry.kind, entry.id) for entry in site.knowledge_base.all_entries()} == manifest.valid
    assert {problem.path for problem in site.problems if problem.is_error} == manifest.invalid
    assert_every_file_accounted_for(root, site)
    assert_every_entry_listed_in_markdown(site)
    assert_counts_add_up(site)


def test_the_checks_can_fail():
    """Losing an entry from an index page, or miscounting, is noticed."""
    site = build_site(FIXTURE)
    page = site.generated["themes/gender.md"]
    page.markdown = page.markdown.replace("escaping-test.md", "elsewhere.md")
    with pytest.raises(AssertionError):
        assert_every_entry_listed_in_markdown(site)
    site = build_site(FIXTURE)
    hub = site.generated["themes/index.md"]
    hub.markdown = hub.markdown.replace("| [Gender](gender.md) | 1 |", "| [Gender](gender.md) | 2 |")
    with pytest.raises(AssertionError):
        assert_counts_add_up(site)
