"""Entry pages link to the repository's issue forms, pre-filled with the entry's id: "Suggest a
correction" and "Propose a related activity". The offline copy, which cannot open them, shows the
repository's address as text."""

from __future__ import annotations

import html
from urllib.parse import parse_qs, urlsplit

import yaml

from conftest import FIXTURE, REPO
from sitecheck import page_file
from ssckb.contrib.forms import ISSUE_FORMS, MISTAKE_FORM, RELATED_FIELD
from ssckb.contrib.issueform import load_form
from ssckb.pages import ISSUE_LINK_WORDS
from ssckb.rendering import RenderingContext, context_from_config
from ssckb.site import build_site

REPO_URL = "https://example.org/ssc/kb"
ENTRY = "activities/cambodia-china-rice.md"


def _links(markdown: str) -> dict:
    """Link text -> address, of the links of the issue-forms paragraph."""
    line = next(line for line in markdown.splitlines() if 'class="ssc-contribute"' in line)
    found = {}
    for part in line.split("[")[1:]:
        text, _, rest = part.partition("](")
        found[text] = rest.partition(")")[0]
    return found


def test_online_entry_pages_open_the_forms_with_the_entry_id():
    site = build_site(FIXTURE, context=RenderingContext(repo_url=REPO_URL + "/"))
    page = site.entries[ENTRY]
    links = _links(page.markdown)
    assert list(links) == [ISSUE_LINK_WORDS["correction"], ISSUE_LINK_WORDS["related"]]
    correction = urlsplit(links[ISSUE_LINK_WORDS["correction"]])
    assert f"{correction.scheme}://{correction.netloc}{correction.path}" == f"{REPO_URL}/issues/new"
    assert parse_qs(correction.query) == {"template": ["report-a-mistake.yml"], "page": ["cambodia-china-rice"],
                                          "title": [f"[Mistake] {page.meta['title']}"]}
    related = urlsplit(links[ISSUE_LINK_WORDS["related"]])
    assert parse_qs(related.query) == {"template": ["propose-activity.yml"], RELATED_FIELD: ["cambodia-china-rice"]}
    # Every entry page has them; the field ids are those of the forms.
    assert all('class="ssc-contribute"' in entry.markdown for entry in site.entries.values())
    assert "page" in {f.id for f in load_form(REPO / MISTAKE_FORM).fields}
    assert RELATED_FIELD in {f.id for f in load_form(REPO / ISSUE_FORMS["activity"]).fields}


def test_a_title_with_markup_is_encoded_in_the_address():
    site = build_site(FIXTURE, context=RenderingContext(repo_url=REPO_URL))
    page = site.entries["activities/escaping-test.md"]
    address = _links(page.markdown)[ISSUE_LINK_WORDS["correction"]]
    assert not set(address) & set(" <>()[]\"'`|*")
    assert parse_qs(urlsplit(address).query)["title"] == [f"[Mistake] {page.meta['title']}"]


def test_offline_entry_pages_give_the_address_as_text():
    site = build_site(FIXTURE, context=RenderingContext(repo_url=REPO_URL, offline=True))
    markdown = site.entries[ENTRY].markdown
    line = next(line for line in markdown.splitlines() if 'class="ssc-contribute"' in line)
    assert ISSUE_LINK_WORDS["offline"].format(address=f"{REPO_URL}/issues") in line
    assert "](" not in line and "issues/new" not in markdown


def test_without_a_repository_there_are_no_links():
    assert "repo_url" not in (FIXTURE / "mkdocs.yml").read_text()
    assert all('ssc-contribute' not in entry.markdown for entry in build_site(FIXTURE).entries.values())


def test_the_mkdocs_configuration_gives_the_context(tmp_path, monkeypatch):
    monkeypatch.delenv("SSCKB_REPO_URL", raising=False)
    monkeypatch.delenv("SSCKB_OFFLINE", raising=False)
    assert context_from_config(REPO / "mkdocs.yml") == RenderingContext(
        repo_url=yaml.safe_load((REPO / "mkdocs.yml").read_text().split("repo_url: !ENV ")[1].split("\n")[0])[1])
    monkeypatch.setenv("SSCKB_REPO_URL", REPO_URL)
    monkeypatch.setenv("SSCKB_OFFLINE", "true")
    assert context_from_config(REPO / "mkdocs.yml") == RenderingContext(repo_url=REPO_URL, offline=True)
    assert context_from_config(tmp_path / "none.yml") == RenderingContext()


def test_built_sites_link_online_and_show_text_offline(real_site, real_offline_site):
    context = context_from_config(REPO / "mkdocs.yml")  # the address the builds were given
    online = page_file(real_site, "activities/cambodia-china-upland-rice.md").read_text(encoding="utf-8")
    address = f"{context.repo_url.rstrip('/')}/issues/new?template=propose-activity.yml&amp;{RELATED_FIELD}=" \
              "cambodia-china-upland-rice"
    assert f'<a href="{address}">{ISSUE_LINK_WORDS["related"]}</a>' in online
    assert f'>{ISSUE_LINK_WORDS["correction"]}</a>' in online
    offline = page_file(real_offline_site, "activities/cambodia-china-upland-rice.md",
                        directory_urls=False).read_text(encoding="utf-8")  # file:// pages are a/b.html
    assert "issues/new" not in offline
    text = ISSUE_LINK_WORDS["offline"].format(address=f"{context.repo_url.rstrip('/')}/issues")
    assert html.escape(text, quote=False) in offline
