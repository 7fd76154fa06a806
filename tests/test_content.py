"""The knowledge of REPL.IX/3/R.3 is all there: the seed entries, the Annex I table and its total,
citations, pages for every country and institution the paper names.

The paper itself is not in the repository: the facts these tests need are written here, as the paper
prints them. The tests pin what must always hold, never how many entries there are: a contributor's
new entry leaves every one of them green.
"""

import re

import pytest

from conftest import REPO
from sitecheck import links_of, page_file
from ssckb.pages import table_total
from ssckb.site import build_site
from ssckb.sources import IFAD_PAPER, citations_of

CITATION = re.compile(r"^(Main text|Annex I|Annex II|Annex III), (table|box [0-9]{1,2}|footnote [0-9]{1,2}|"
                      r"paragraphs? [0-9]{1,2}( \([a-j]\))?(-[0-9]{1,2})?)$")

#: The entries made from the paper (kind -> ids): each must stay, and stay cited.
SEED_IDS = {
    "activity": [
        "africa-brazil-dialogue", "africa-brazil-innovation-marketplace", "asia-pacific-portfolio-forum",
        "bangladesh-midpcr-overseas-training", "cambodia-china-upland-rice", "china-asia-africa-ssc-seminars",
        "cure-unfavourable-rice-environments", "farmers-organizations-cooperation", "greater-mekong-competitiveness",
        "ict-africa-latin-america", "ict-knowledge-fair-asia", "india-implementation-support-missions",
        "india-indonesia-self-help-groups", "india-monitoring-evaluation-workshop", "indigenous-partnerships-asia",
        "iraq-iran-civil-society", "lac-knowledge-exchange", "lao-analytical-work-india-viet-nam",
        "lao-thailand-vegetable-marketing", "learning-route-ecuador-peru",
        "microfinance-social-safety-knowledge-sharing", "morocco-mauritania-oasis-support", "new-delhi-conference",
        "palenque-learning-route", "pastoral-women-gathering-asia", "preval", "pro-poor-policy-ifad-fao",
        "procasur-learning-routes", "progenero", "promoting-ssc-with-china", "reaf-commission-on-family-farming",
        "regional-electronic-networks", "results-based-cosops-brazil-china-india", "rwanda-peru-exposure-visit",
        "south-africa-rural-development-white-paper", "terra-madre-brazil-india",
    ],
    "lesson": [
        "asdb-knowledge-hubs", "fao-knowledge-management", "lesson-1-champions", "lesson-2-knowledge-content",
        "lesson-3-project-design", "lesson-4-institutions", "lesson-5-financing", "lesson-6-knowledge-management",
        "undp-ssc-lessons", "world-bank-financing-ssc", "world-bank-knowledge-content",
        "world-bank-knowledge-management", "world-bank-selecting-agents-of-change",
    ],
    "learning_route": [
        "asia-pacific-learning-highway", "colombian-rural-microenterprises", "ecuador-peru-market-access",
        "palenque-quality-of-life", "talented-rural-youth",
    ],
}

#: Annex I, "Some illustrative examples of IFAD support to South-South cooperation": the sixteen rows as
#: printed (project, date, IFAD's contribution in US$), with the entry made from each.
ANNEX_ONE_ROWS = {
    "ict-africa-latin-america": ("ICT Africa-Latin America", 2005, 150_000),
    "iraq-iran-civil-society": ("Iraq-Iran civil societies cooperation", 2006, 200_000),
    "palenque-learning-route": ("Palenque learning route", 2006, 60_000),
    "pro-poor-policy-ifad-fao": ("Pro-poor policy with FAO", 2007, 1_500_000),
    "greater-mekong-competitiveness": ("Competitiveness Greater Mekong Subregion", 2007, 609_000),
    "learning-route-ecuador-peru": ("Learning route Ecuador - Peru, market access", 2007, 900_000),
    "cambodia-china-upland-rice": ("Cambodia - China", 2008, 200_000),
    "farmers-organizations-cooperation": ("Cooperation with farmers' organizations", 2008, 1_420_000),
    "pastoral-women-gathering-asia": ("First Asia Regional Gathering Pastoral Women", 2009, 200_000),
    "terra-madre-brazil-india": ("Terra Madre India and Brazil", 2009, 200_000),
    "bangladesh-midpcr-overseas-training": ("Total overseas training status, MIDPCR, LGED", 2009, 45_000),
    "new-delhi-conference": ("New Delhi Conference", 2010, 200_000),
    "africa-brazil-innovation-marketplace": ("Brazil-Africa Agricultural Innovation Marketplace", 2010, 500_000),
    "indigenous-partnerships-asia": ("Indigenous partnerships", 2010, 100_000),
    "microfinance-social-safety-knowledge-sharing": ("Knowledge-sharing, microfinance and social safety", 2010,
                                                     60_000),
    "promoting-ssc-with-china": ("Promoting SSC with China, knowledge sharing", 2010, 200_000),
}
#: The table's printed total.
ANNEX_ONE_TOTAL = 6_544_000

#: Every country the paper names (ISO 3166-1 alpha-3 code -> the name as printed).
COUNTRIES_NAMED = {
    "ARG": "Argentina", "BGD": "Bangladesh", "BOL": "Bolivia", "BRA": "Brazil", "CHL": "Chile", "CHN": "China",
    "COL": "Colombia", "ECU": "Ecuador", "ETH": "Ethiopia", "GBR": "United Kingdom", "IDN": "Indonesia",
    "IND": "India", "IRN": "Iran", "IRQ": "Iraq", "KHM": "Cambodia", "KOR": "Korea",
    "LAO": "Lao People's Democratic Republic", "LKA": "Sri Lanka", "MDG": "Madagascar", "MMR": "Myanmar",
    "MRT": "Mauritania", "MYS": "Malaysia", "NPL": "Nepal", "PAK": "Pakistan", "PER": "Peru", "PRY": "Paraguay",
    "RWA": "Rwanda", "SLE": "Sierra Leone", "SWZ": "Swaziland", "THA": "Thailand", "TLS": "Timor Leste",
    "URY": "Uruguay", "VEN": "Venezuela", "VNM": "Viet Nam", "ZAF": "South Africa", "ZMB": "Zambia",
}


@pytest.fixture(scope="module")
def site():
    built = build_site(REPO)
    assert [p.format() for p in built.problems if p.is_error] == []
    return built


def _locations(entry) -> list:
    """Where an entry cites IFAD's paper (none if it does not)."""
    return dict(citations_of(entry)).get(IFAD_PAPER, [])


def test_every_seed_entry_is_present(site):
    entries = site.knowledge_base.entries
    for kind, ids in SEED_IDS.items():
        missing = sorted(set(ids) - set(entries[kind]))
        assert missing == [], f"seed {kind} entries missing: {missing}"
    numbers = {e.data["number"] for e in entries["lesson"].values() if "number" in e.data}
    assert {1, 2, 3, 4, 5, 6} <= numbers  # Annex III's six numbered lessons


def test_annex_one_table_total_is_computed(site):
    activities = site.knowledge_base.entries["activity"]
    rows = [a for a in activities.values() if "Annex I, table" in _locations(a)]
    assert sorted(a.id for a in rows) == sorted(ANNEX_ONE_ROWS)
    assert sum(ifad_usd(a) for a in rows) == ANNEX_ONE_TOTAL
    assert sum(amount for _, _, amount in ANNEX_ONE_ROWS.values()) == ANNEX_ONE_TOTAL
    assert table_total(site.knowledge_base) == ANNEX_ONE_TOTAL
    financing = site.generated["financing.md"].markdown
    assert "| **Total** | | | **6,544,000** |" in financing
    assert financing.count("| grant-funded |") + financing.count("| in project |") == 16  # as the table prints them


@pytest.mark.parametrize("entry_id", sorted(ANNEX_ONE_ROWS))
def test_table_rows_carry_the_printed_figures(site, entry_id):
    printed, year, amount = ANNEX_ONE_ROWS[entry_id]
    activity = site.knowledge_base.entries["activity"][entry_id]
    assert "Annex I, table" in _locations(activity), printed
    assert activity.years[0] == year, printed
    assert ifad_usd(activity) == amount, printed


def ifad_usd(entry) -> float:
    """IFAD's contribution in US$, summed from the entry's contributions by hand."""
    return sum(c["amount"] for c in entry.data.get("contributions", ())
               if c.get("funder") == "ifad" and c.get("currency") == "USD" and "amount" in c)


def test_box_contributions_of_others(site):
    others = {a.id: sum(c["amount"] for c in a.data["contributions"] if c.get("funder") != "ifad") or None
              for a in site.knowledge_base.entries["activity"].values() if a.data.get("contributions")}
    assert others["africa-brazil-innovation-marketplace"] == 1_500_000
    assert others["new-delhi-conference"] == 560_000
    assert others["greater-mekong-competitiveness"] == 130_000
    assert others["pastoral-women-gathering-asia"] == 142_000


def test_palenque_route_results(site):
    route = site.knowledge_base.entries["learning_route"]["palenque-quality-of-life"]
    text = " ".join(route.data.get("results", [])) + route.body
    assert "35 per cent" in text and "legal recognition" in text.lower()


def test_every_entry_cites_its_source(site):
    kb = site.knowledge_base
    assert kb.sources[IFAD_PAPER].data["identifier"] == {"symbol": "REPL.IX/3/R.3"}
    for entry in kb.all_entries():
        citations = citations_of(entry)
        assert citations, entry.path
        for source_id, locations in citations:
            assert source_id in kb.sources and locations, entry.path
            if source_id == IFAD_PAPER:
                for location in locations:
                    assert CITATION.match(location), (entry.path, location)
                assert "REPL.IX/3/R.3: " in site.entries[entry.page_path].markdown


def test_every_seed_entry_is_cited_in_its_place_in_the_paper(site):
    for kind, ids in SEED_IDS.items():
        for entry_id in ids:
            entry = site.knowledge_base.entries[kind][entry_id]
            locations = dict(citations_of(entry)).get(IFAD_PAPER)
            assert locations, entry.path
            for location in locations:
                assert CITATION.match(location), (entry.path, location)


@pytest.mark.parametrize("code", sorted(COUNTRIES_NAMED))
def test_every_country_named_in_the_source_has_a_page(site, code):
    countries = site.knowledge_base.vocabularies.countries
    term = countries.get(code)
    assert term is not None, code
    name = COUNTRIES_NAMED[code]
    assert name in (term.label, *term.aliases), f"{name} is no name of {code}"
    assert f"countries/{term.get('slug')}.md" in site.generated, f"{name} has no page"


#: Every institution the paper names, as printed (a name, or an acronym).
INSTITUTIONS_NAMED = ["EMBRAPA", "International Poverty Reduction Centre in China", "PROCASUR",
                      "Rural Development Administration", "YAAS", "IRRI", "FAO", "UNDP", "World Bank Institute",
                      "AsDB", "GIZ", "Slow Food International", "ASOPRODUCE", "PADEMER", "SWIFT", "REAF", "MERCOSUR",
                      "World Food Programme", "African Development Bank", "Forum for Agricultural Research in Africa",
                      "Department for International Development", "National Federation of Coffee Growers", "LGED",
                      "CGIAR", "Nokia", "FIDAMERICA", "KARIANET", "FIDAFRIQUE", "PREVAL", "OECD"]


@pytest.mark.parametrize("name", INSTITUTIONS_NAMED)
def test_every_institution_named_in_the_source_has_a_page(site, name):
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
