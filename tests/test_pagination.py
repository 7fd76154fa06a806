"""Long lists are split into pages: every entry on exactly one page, pages linked, none growing with N."""

import posixpath

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
