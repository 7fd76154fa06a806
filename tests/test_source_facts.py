"""Facts of REPL.IX/3/R.3 written into the tests (no test reads the source): who learned from whom, the
members and venues of the programmes, and what the site derives from them.

Each expected value cites where the source says it.
"""

import pytest

from conftest import REPO
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
