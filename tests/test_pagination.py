"""Long lists are split into pages: every entry on exactly one page, pages linked, none growing with N."""

import posixpath
import re

from conftest import FIXTURE
from ssckb import addresses
from ssckb.site import build_site


def test_long_lists_are_paginated_and_complete(monkeypatch):
    monkeypatch.setattr(addresses, "PAGE_SIZE", 1)
    site = build_site(FIXTURE)
    kb = site.knowledge_base
    activity_pages = ["activities/index.md", "activities/page_2.md", "activities/page_3.md"]
    for path in activity_pages:
        assert path in site.generated
    assert "activities/page_4.md" not in site.generated
    listed = []
    for path in activity_pages:
        markdown = site.generated[path].markdown
        listed += [entry.id for entry in kb.entries["activity"].values() if f"{entry.id}.md)" in markdown]
        assert "Page " in markdown and " of 3 (entries " in markdown
    assert sorted(listed) == sorted(kb.entries["activity"])  # each on exactly one page
    second = site.generated["activities/page_2.md"].markdown
    assert "[1](index.md)" in second and "[3](page_3.md)" in second and "**2**" in second


def test_every_link_of_paginated_pages_resolves(monkeypatch):
    monkeypatch.setattr(addresses, "PAGE_SIZE", 1)
    site = build_site(FIXTURE)
    known = set(site.generated) | set(site.entries) | {"contribute.md", "index.md"}
    import re
    for path, page in site.generated.items():
        for target in re.findall(r"\]\(([^)#]+\.md)(?:#[^)]*)?\)", page.markdown):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            assert resolved in known, f"{path} links to missing {resolved}"


def test_continuation_pages_cannot_collide_with_entry_ids():
    from ssckb.vocabularies import SAFE_ID
    assert not SAFE_ID.match("page_2")


def test_the_list_of_country_pairs_is_paginated_and_complete(monkeypatch):
    from ssckb.views.flows import country_pairs, pair_path

    monkeypatch.setattr(addresses, "PAGE_SIZE", 1)
    site = build_site(FIXTURE)
    pairs = country_pairs(site.knowledge_base)
    assert len(pairs) >= 2
    pages = ["flows/index.md"] + [f"flows/page_{n}.md" for n in range(2, len(pairs) + 1)]
    assert f"flows/page_{len(pairs) + 1}.md" not in site.generated
    listed = []
    for path in pages:
        markdown = site.generated[path].markdown
        assert f" of {len(pairs)} (pairs " in markdown
        table = markdown.split("| Countries |", 1)[1]  # the hub's matrix links pairs too: only the list counts
        listed += re.findall(r"^\| \[[^]]*\]\(([^)]+\.md)\)", table, re.MULTILINE)
    assert sorted(posixpath.join("flows", link) for link in listed) == \
        sorted(pair_path(site.knowledge_base, pair) for pair in pairs.values())  # each pair on exactly one page
    assert "Knowledge flows: all country pairs" in site.generated["flows/page_2.md"].markdown


def test_a_hub_of_many_terms_is_paginated_and_complete(monkeypatch):
    monkeypatch.setattr(addresses, "HUB_PAGE_SIZE", 2)
    site = build_site(FIXTURE)
    institutions = [term.id for term in site.knowledge_base.vocabularies.institutions]
    assert len(institutions) > 2
    count = -(-len(institutions) // 2)
    pages = ["institutions/index.md"] + [f"institutions/page_{n}.md" for n in range(2, count + 1)]
    assert f"institutions/page_{count + 1}.md" not in site.generated
    listed = []
    for path in pages:
        markdown = site.generated[path].markdown
        assert f" of {count} (institutions " in markdown
        listed += re.findall(r"^\| \[[^]]*\]\(([^)/]+)\.md\) \|", markdown, re.MULTILINE)
    assert sorted(listed) == sorted(institutions)  # each on exactly one page
    # Countries are grouped by region on one page, however many there are.
    assert "countries/page_2.md" not in site.generated


def test_check_knows_the_addresses_of_hub_continuation_pages(monkeypatch, tmp_path):
    import shutil

    from ssckb.addresses import check_knowledge_base

    monkeypatch.setattr(addresses, "HUB_PAGE_SIZE", 2)
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE, root)
    (root / "docs" / "institutions").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "institutions" / "page_2.md").write_text("# Mine\n", encoding="utf-8")
    problems = [p for p in check_knowledge_base(root) if p.path == "docs/institutions/page_2.md"]
    assert problems and "same address as a generated page" in problems[0].message


def test_a_large_registry_is_not_copied_into_the_field_reference(monkeypatch):
    from ssckb import reference

    site = build_site(FIXTURE)
    assert "| `fao` |" in site.generated["reference/fields.md"].markdown
    monkeypatch.setattr(reference, "INLINE_REGISTRY_LIMIT", 1)
    site = build_site(FIXTURE)
    markdown = site.generated["reference/fields.md"].markdown
    assert "| `fao` |" not in markdown and "institutions: find one by name under Browse by institution" in markdown
