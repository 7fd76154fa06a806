"""Facts of REPL.IX/3/R.3 written into the tests (no test reads the source): who learned from whom, the
members and venues of the programmes, and what the site derives from them.

Each expected value cites where the source says it.
"""

import pytest

from conftest import REPO
from ssckb.sources import IFAD_PAPER, cites
from ssckb.validation import load_knowledge_base
from ssckb.views import flows

#: One-way exchanges the source states: (country that shared, country that learned).
ONE_WAY = {
    ("CHN", "KHM"),  # Annex I, paragraph 28: Cambodian agencies learn Yunnan's upland rice-based systems
    *{("CHN", code) for code in ("MDG", "RWA", "SLE", "ZMB", "ETH", "PAK", "BGD", "VNM")},  # Annex I, 7-8
    ("IND", "IDN"),  # Main text, 15 (b): Indian specialists transfer know-how on self-help groups
    ("MAR", "MRT"),  # Main text, 15 (b): Moroccan oasis experts support oasis farmers in Mauritania
    ("THA", "LAO"),  # Main text, 15 (c): a Thai exporter transfers vegetable marketing know-how
    ("PER", "RWA"),  # Main text, 15 (d): Rwandan project staff visit an IFAD-supported programme in Peru
    ("IND", "LAO"), ("VNM", "LAO"),  # Main text, 15 (h): Indian and Vietnamese experts support Lao analysis
    ("IND", "ZAF"), ("BRA", "ZAF"),  # Annex I, 12: South Africa learns from India's NREGA, Brazil's Bolsa Familia
}
#: Two-way exchanges the source states.
TWO_WAY = {
    # Annex I, paragraph 25 and box 9: the four countries share on an equal basis, with exchange visits.
    *{frozenset(pair) for pair in (("BOL", "PER"), ("BOL", "ZAF"), ("BOL", "SWZ"), ("PER", "ZAF"),
                                   ("PER", "SWZ"), ("ZAF", "SWZ"))},
    frozenset(("BRA", "IND")),  # Annex I, paragraph 23: the project promotes SSC between India and Brazil
}

#: Members of the multi-country programmes, with no direction stated, as the source names them.
MEMBERS = {
    "reaf-commission-on-family-farming": {"ARG", "BOL", "BRA", "CHL", "PRY", "URY", "VEN"},  # fn 14; Annex I, 10
    "greater-mekong-competitiveness": {"KHM", "CHN", "LAO", "MMR", "THA", "VNM"},  # Annex I, 24, box 8
    "pro-poor-policy-ifad-fao": {"KHM", "CHN", "IND", "IDN", "NPL", "PAK", "LKA", "VNM"},  # Annex I, 9
    "new-delhi-conference": {"BRA", "CHN", "IND", "ZAF"},  # Annex I, 12, box 4: organized jointly
    "results-based-cosops-brazil-china-india": {"BRA", "CHN", "IND"},  # Main text, 15 (e)
    "iraq-iran-civil-society": {"IRQ", "IRN"},  # Annex I, table
}
#: Countries that were only where an event took place.
VENUES = {
    "indigenous-partnerships-asia": {"MYS"},  # Annex I, 26: a knowledge-sharing event in Malaysia
    "asia-pacific-portfolio-forum": {"CHN"},  # Main text, 15 (g); Annex I, 20: held in China
    "india-monitoring-evaluation-workshop": {"IND"},  # Main text, 15 (f): the 2010 M&E workshop in India
}
#: Scopes the source gives (regional programmes whose countries it does not all name).
SCOPES = {
    "indigenous-partnerships-asia": "intraregional",  # "a regional self-help community of Asia's indigenous peoples"
    "asia-pacific-portfolio-forum": "intraregional",  # "regional country portfolio workshops" for Asia and the Pacific
    "regional-electronic-networks": "intraregional",  # "platforms for regional stakeholders"
    "greater-mekong-competitiveness": "intraregional",  # "the intraregional programme"
    "africa-brazil-innovation-marketplace": "interregional",  # "an interregional activity"
    "africa-brazil-dialogue": "interregional",  # "an example of interregional South-South collaboration"
    "ict-africa-latin-america": "interregional",  # "a process of learning across regions"
    "results-based-cosops-brazil-china-india": None,  # no exchange between the three is stated
}


@pytest.fixture(scope="module")
def kb():
    knowledge_base, problems = load_knowledge_base(REPO)
    assert [p.format() for p in problems if p.is_error] == []
    return knowledge_base


def test_flows_are_exactly_the_exchanges_the_source_states(kb):
    one_way, two_way = set(), set()
    for (a, b), pair in flows.country_pairs(kb).items():
        if pair.forward:
            one_way.add((a, b))
        if pair.backward:
            one_way.add((b, a))
        if pair.mutual:
            two_way.add(frozenset((a, b)))
    assert one_way == ONE_WAY
    assert two_way == TWO_WAY


def test_no_other_pair_gets_a_page(kb):
    stated = {frozenset(pair) for pair in ONE_WAY} | TWO_WAY
    pages = {page.path for page in flows.render_flow_pages(kb) if "--" in page.path}
    expected = {flows.pair_path(kb, flows.Pair(*sorted(pair, key=lambda c: flows.pair_slug(kb, c))))
                for pair in stated}
    assert pages == expected


@pytest.mark.parametrize("entry_id, members", sorted(MEMBERS.items()))
def test_members_of_the_programmes(kb, entry_id, members):
    entry = kb.get("activity", entry_id)
    assert {code for code, role in entry.country_roles() if role == "member"} == members
    assert {code for code, role in entry.country_roles()} == members
    assert flows.flows_of(entry) == ([], [])


@pytest.mark.parametrize("entry_id, venues", sorted(VENUES.items()))
def test_venues_are_neither_providers_nor_learners(kb, entry_id, venues):
    entry = kb.get("activity", entry_id)
    assert {code for code, role in entry.country_roles() if role == "venue"} == venues
    assert {code for code, role in entry.country_roles()} == venues
    assert flows.flows_of(entry) == ([], [])


@pytest.mark.parametrize("entry_id, scope", sorted(SCOPES.items(), key=lambda item: item[0]))
def test_scopes_the_source_gives(kb, entry_id, scope):
    assert kb.scope_of(kb.get("activity", entry_id)) == scope


def test_no_country_is_left_with_the_old_role_both(kb):
    roles = {role for entry in kb.entries["activity"].values() for _, role in entry.country_roles()}
    assert roles <= {"provider", "learner", "two-way", "member", "venue"}


# ---- Money: the Annex I table as printed, and others' contributions ---------------------------------

#: REPL.IX/3/R.3, Annex I, table "Some illustrative examples of IFAD support to South-South cooperation":
#: project, nature of activity, date, IFAD's contribution (in US$), in the table's order.
ANNEX_I_TABLE = [
    ("ICT Africa-Latin America", "grant-funded", 2005, 150_000),
    ("Iraq-Iran civil societies cooperation", "grant-funded", 2006, 200_000),
    ("Palenque learning route", "grant-funded", 2006, 60_000),
    ("Pro-poor policy with FAO", "grant-funded", 2007, 1_500_000),
    ("Competitiveness Greater Mekong Subregion", "grant-funded", 2007, 609_000),
    ("Learning route Ecuador - Peru, market access", "grant-funded", 2007, 900_000),
    ("Cambodia - China", "in project", 2008, 200_000),
    ("Cooperation with farmers' organizations", "grant-funded", 2008, 1_420_000),
    ("First Asia Regional Gathering Pastoral Women", "grant-funded", 2009, 200_000),
    ("Terra Madre India and Brazil", "grant-funded", 2009, 200_000),
    ("Total overseas training status, MIDPCR, LGED", "in project", 2009, 45_000),
    ("New Delhi Conference", "grant-funded", 2010, 200_000),
    ("Brazil-Africa Agricultural Innovation Marketplace", "grant-funded", 2010, 500_000),
    ("Indigenous partnerships", "grant-funded", 2010, 100_000),
    ("Knowledge-sharing, microfinance and social safety", "grant-funded", 2010, 60_000),
    ("Promoting SSC with China, knowledge sharing", "grant-funded", 2010, 200_000),
]
ANNEX_I_TOTAL = 6_544_000
#: Others' contributions, each given by the source with no word on cash or in kind.
OTHERS = {
    "africa-brazil-innovation-marketplace": 1_500_000,  # Annex I, box 1: "contribution of others US$1.5 million"
    "new-delhi-conference": 560_000,  # Annex I, box 4: "other contributions of US$560,000"
    "greater-mekong-competitiveness": 130_000,  # Annex I, box 8: "other contributors US$130,000"
    "pastoral-women-gathering-asia": 142_000,  # Annex I, box 6: "contributions of others US$142,000"
}


def test_the_annex_i_table_is_kept_as_printed(kb):
    table = kb.vocabularies.annex_table
    assert [(row.project, row.nature, row.date, row.ifad_contribution) for row in table.rows] == ANNEX_I_TABLE
    assert table.printed_total == ANNEX_I_TOTAL == sum(row[3] for row in ANNEX_I_TABLE)
    natures = {"grant-funded": "grant", "in project": "loan-project"}
    for row in table.rows:  # and each row's entry carries its figures: one IFAD contribution, dated as the row
        entry = kb.get("activity", row.activity)
        ifad = [c for c in entry.data["contributions"] if c.get("funder") == "ifad"]
        assert [(c["amount"], c["currency"], c["year"], c["status"]) for c in ifad] == \
            [(row.ifad_contribution, "USD", row.date, "not-stated")]  # the table gives no status
        assert (entry.years[0], entry.data["funding_nature"]) == (row.date, natures[row.nature])
        assert cites(entry, IFAD_PAPER, "Annex I, table")


def test_the_financing_page_reproduces_the_table_in_its_own_words_and_order(kb):
    from ssckb.pages import render_financing

    markdown = render_financing(kb).markdown
    lines = [line for line in markdown.splitlines() if line.startswith("| ") and line.count(" | ") == 4]
    printed = [tuple(cell.strip() for cell in line.strip("|").split("|"))[:4] for line in lines[1:17]]
    # Rows are Markdown-escaped on the page: compare with the escaped names.
    from ssckb.mdtext import md_escape
    assert printed == [(str(md_escape(p)), n, str(d), f"{a:,}") for p, n, d, a in ANNEX_I_TABLE]
    assert f"| **Total** | | | **{ANNEX_I_TOTAL:,}** | |" in markdown
    assert "In a loan project" not in markdown and "| cash" not in markdown.casefold()


def _others(entry) -> list:
    return [c for c in entry.data.get("contributions", ()) if c.get("funder") != "ifad"]


@pytest.mark.parametrize("entry_id, amount", sorted(OTHERS.items()))
def test_others_contributions_as_given_with_their_kind_not_stated(kb, entry_id, amount):
    others = _others(kb.get("activity", entry_id))
    # One contribution of others the source does not name, whose kind and status it does not state.
    assert [(c.get("funder_group"), c["amount"], c["currency"], c["kind"], c["status"]) for c in others] == \
        [("not-named", amount, "USD", "not-stated", "not-stated")]


def test_no_other_entry_claims_contributions_of_others(kb):
    assert {e.id: sum(c["amount"] for c in _others(e)) for e in kb.entries["activity"].values() if _others(e)} \
        == OTHERS


def test_no_contribution_of_the_paper_is_called_cash_or_in_kind(kb):
    # REPL.IX/3/R.3 never says whether an amount was in cash or in kind.
    kinds = {c["kind"] for e in kb.all_entries() for c in e.data.get("contributions", ())}
    assert kinds == {"not-stated"}


def test_the_lac_division_invested_at_least_a_million_a_year_amount_not_stated(kb):
    # Annex II, paragraph 1: "LAC has invested no less than US$1 million per year over 15 years": spent, and
    # no exact amount, so none is typed (a lower bound is not an amount).
    [contribution] = kb.get("activity", "lac-knowledge-exchange").data["contributions"]
    assert (contribution["funder"], contribution["status"], "amount" in contribution) == ("ifad", "spent", False)


def test_dashboard_figures_are_sums_over_the_entries_and_silence_is_not_zero(kb):
    from ssckb.views import dashboard

    financing = dashboard.consolidate(kb)
    items = [c for e in kb.all_entries() for c in e.data.get("contributions", ())]
    ifad = sum(c["amount"] for c in items if c.get("funder") == "ifad" and "amount" in c)
    assert ifad == ANNEX_I_TOTAL  # the table's IFAD amounts are the only IFAD amounts the source gives
    assert dict(financing.total.ifad.amounts) == {"USD": ANNEX_I_TOTAL}
    assert dict(financing.total.cofinancing.amounts) == {"USD": sum(OTHERS.values())}
    page = dashboard.render_dashboard(kb).markdown
    assert 'data-ssc-total="in-kind" data-value="not stated">not stated<' in page  # the source gives no in-kind
    assert f'data-ssc-total="cofinancing" data-value="{sum(OTHERS.values())}"' in page
    for status in ("planned", "allocated"):  # the source gives no amount as planned or allocated
        assert f'data-ssc-total="status-{status}" data-value="not stated">not stated<' in page
    # Spent: the LAC division's investment, whose amount the source does not give.
    assert 'data-ssc-total="status-spent" data-value="not stated">not stated<' in page
    assert "US$0<" not in page.split("</dl>")[0] and "| US$0 |" not in page
