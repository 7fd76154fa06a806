"""The knowledge of REPL.IX/3/R.3 is all there: counts, the Annex I total, citations, pages for every name."""

import re
from pathlib import Path

import pytest

from conftest import REPO
from sitecheck import links_of, page_file
from ssckb.pages import table_total
from ssckb.site import build_site

SOURCE = REPO.parent / "shared" / "source" / "000_403d641f4324b7df.txt"
CITATION = re.compile(r"^(Main text|Annex I|Annex II|Annex III), (table|box [0-9]{1,2}|footnote [0-9]{1,2}|"
                      r"paragraphs? [0-9]{1,2}( \([a-j]\))?(-[0-9]{1,2})?)$")


@pytest.fixture(scope="module")
def site():
    built = build_site(REPO)
    assert [p.format() for p in built.problems if p.is_error] == []
    return built


def test_counts(site):
    entries = site.knowledge_base.entries
    assert len(entries["activity"]) == 36
    assert len(entries["lesson"]) == 13
    assert len(entries["learning_route"]) == 5
    assert sorted(e.data["number"] for e in entries["lesson"].values() if "number" in e.data) == [1, 2, 3, 4, 5, 6]


def test_annex_one_table_total_is_computed(site):
    rows = [a for a in site.knowledge_base.entries["activity"].values()
            if "Annex I, table" in a.data["source"]["locations"]]
    assert len(rows) == 16
    assert sum(a.funding["ifad_contribution"] for a in rows) == 6_544_000
    assert table_total(site.knowledge_base) == 6_544_000
    financing = site.generated["financing.md"].markdown
    assert "| **Total** | | | **6,544,000** |" in financing
    assert financing.count("| grant-funded |") + financing.count("| in project |") == 16  # as the table prints them


@pytest.mark.parametrize("title, year, amount", [
    ("ICT Africa-Latin America", 2005, 150_000), ("Palenque", 2006, 60_000),
    ("Pro-poor Policy", 2007, 1_500_000), ("Mekong", 2007, 609_000), ("Ecuador", 2007, 900_000),
    ("Cambodia", 2008, 200_000), ("New Delhi", 2010, 200_000), ("Innovation Marketplace", 2010, 500_000),
    ("Terra Madre", 2009, 200_000), ("Indigenous", 2010, 100_000),
])
def test_table_rows_carry_the_printed_figures(site, title, year, amount):
    matches = [a for a in site.knowledge_base.entries["activity"].values()
               if title.casefold() in a.title.casefold() and "Annex I, table" in a.data["source"]["locations"]]
    assert len(matches) == 1, [a.title for a in matches]
    assert matches[0].years[0] == year
    assert matches[0].funding["ifad_contribution"] == amount


def test_box_contributions_of_others(site):
    others = {a.id: a.funding.get("others_contribution") for a in site.knowledge_base.entries["activity"].values()}
    assert others["africa-brazil-innovation-marketplace"] == 1_500_000
    assert others["new-delhi-conference"] == 560_000
    assert others["greater-mekong-competitiveness"] == 130_000
    assert others["pastoral-women-gathering-asia"] == 142_000


def test_palenque_route_results(site):
    route = site.knowledge_base.entries["learning_route"]["palenque-quality-of-life"]
    text = " ".join(route.data.get("results", [])) + route.body
    assert "35 per cent" in text and "legal recognition" in text.lower()


def test_every_entry_cites_its_source(site):
    for entry in site.knowledge_base.all_entries():
        source = entry.data["source"]
        assert source["document"] == "REPL.IX/3/R.3"
        assert source["locations"], entry.path
        for location in source["locations"]:
            assert CITATION.match(location), (entry.path, location)
        assert "REPL.IX/3/R.3" in site.entries[entry.page_path].markdown


def test_every_country_named_in_the_source_has_a_page(site):
    text = SOURCE.read_text(encoding="utf-8")
    countries = site.knowledge_base.vocabularies.countries
    named = {}
    for term in countries:
        for name in (term.label, *term.aliases):
            if len(name) > 3 and re.search(r"\b" + re.escape(name) + r"\b", text):
                named[term.id] = name
    assert len(named) >= 30
    for code, name in named.items():
        assert f"countries/{countries.get(code).get('slug')}.md" in site.generated, f"{name} has no page"


INSTITUTIONS_NAMED = ["EMBRAPA", "International Poverty Reduction Centre in China", "PROCASUR",
                      "Rural Development Administration", "YAAS", "IRRI", "FAO", "UNDP", "World Bank Institute",
                      "AsDB", "GIZ", "Slow Food International", "ASOPRODUCE", "PADEMER", "SWIFT", "REAF", "MERCOSUR",
                      "World Food Programme", "African Development Bank", "Forum for Agricultural Research in Africa",
                      "Department for International Development", "National Federation of Coffee Growers", "LGED",
                      "CGIAR", "Nokia", "FIDAMERICA", "KARIANET", "FIDAFRIQUE", "PREVAL", "OECD"]


@pytest.mark.parametrize("name", INSTITUTIONS_NAMED)
def test_every_institution_named_in_the_source_has_a_page(site, name):
    text = SOURCE.read_text(encoding="utf-8")
    assert name in text
    institutions = site.knowledge_base.vocabularies.institutions
    matches = [t for t in institutions if name.casefold() in " ".join(
        [t.label, t.get("acronym") or "", *t.aliases]).casefold()]
    assert matches, f"{name} is not in the registry"
    for term in matches:
        assert f"institutions/{term.id}.md" in site.generated


def test_examples_reachable_from_the_hubs_in_three_clicks(real_site):
    """Home -> browse hub -> term page -> entry: every entry within three clicks of the home page."""
    home = real_site / "index.html"
    seen = {home.relative_to(real_site).as_posix()}
    frontier = [home]
    for _ in range(3):
        next_frontier = []
        for page in frontier:
            for target in links_of(real_site, page):
                if target not in seen and (real_site / target).is_file() and target.endswith(".html"):
                    seen.add(target)
                    next_frontier.append(real_site / target)
        frontier = next_frontier
    site = build_site(REPO)
    for entry in site.knowledge_base.all_entries():
        target = page_file(real_site, entry.page_path).relative_to(real_site).as_posix()
        assert target in seen, f"{entry.path} is more than three clicks from the home page"
