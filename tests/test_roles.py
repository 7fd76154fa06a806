"""Country roles say only what the source says: flows, scope and the check's warnings on doubtful roles."""

import shutil

import pytest

from conftest import FIXTURE
from ssckb.model import Entry, KnowledgeBase
from ssckb.validation import load_knowledge_base
from ssckb.views import flows
from ssckb.vocabularies import load_vocabularies

ACTIVITY = "activities/cambodia-china-rice.md"
COUNTRIES = "countries:\n  - {country: CHN, role: provider}\n  - {country: KHM, role: learner}"


@pytest.fixture
def kb_copy(tmp_path):
    target = tmp_path / "kb"
    shutil.copytree(FIXTURE, target)
    return target


def with_countries(root, countries: str, modalities: str | None = None) -> list[str]:
    path = root / ACTIVITY
    text = path.read_text()
    assert COUNTRIES in text
    text = text.replace(COUNTRIES, countries)
    if modalities is not None:
        text = text.replace("modalities: [technical-assistance, training]", f"modalities: {modalities}")
    path.write_text(text)
    _, problems = load_knowledge_base(root)
    return [p.format() for p in problems]


WARNINGS = [
    ("countries:\n  - {country: KHM, role: two-way}", None,
     "7: countries[0].role: warning: KHM is the only country with role 'two-way': a two-way exchange needs a second "
     "two-way country; use provider, learner, member or venue as the source says"),
    ("countries:\n  - {country: CHN, role: provider}\n  - {country: KHM, role: two-way}", None,
     "8: countries[1].role: warning: KHM is the only country with role 'two-way': a two-way exchange needs a second "
     "two-way country; use provider, learner, member or venue as the source says"),
    ("countries:\n  - {country: KHM, role: member}", None,
     "7: countries[0].role: warning: KHM has role 'member' but the entry names no other country or region of the "
     "programme; list the other members, give other_regions, or use provider, learner or venue"),
    ("countries:\n  - {country: KHM, role: member}\n  - {country: THA, role: venue}", "[seminar-conference]",
     "7: countries[0].role: warning: KHM has role 'member' but the entry names no other country or region of the "
     "programme; list the other members, give other_regions, or use provider, learner or venue"),
    ("countries:\n  - {country: CHN, role: provider}\n  - {country: KHM, role: venue}", "[technical-assistance]",
     "8: countries[1].role: warning: KHM has role 'venue' but no modality is an event (exposure-visit, learning-route, "
     "seminar-conference, training); add the event's modality, or give the country the role the source gives "
     "it"),
]


@pytest.mark.parametrize("countries, modalities, expected", WARNINGS, ids=[w[2][:60] for w in WARNINGS])
def test_doubtful_roles_are_warned_about(kb_copy, countries, modalities, expected):
    assert with_countries(kb_copy, countries, modalities) == [f"{ACTIVITY}:{expected}"]


@pytest.mark.parametrize("countries, modalities", [
    ("countries:\n  - {country: CHN, role: two-way}\n  - {country: KHM, role: two-way}", None),
    ("countries:\n  - {country: CHN, role: member}\n  - {country: KHM, role: member}", None),
    ("countries:\n  - {country: KHM, role: member}\nother_regions: [west-central-africa]", None),
    ("countries:\n  - {country: KHM, role: venue}", "[training]"),
    ("countries:\n  - {country: KHM, role: learner}", None),
])
def test_roles_as_the_source_gives_them_raise_nothing(kb_copy, countries, modalities):
    assert with_countries(kb_copy, countries, modalities) == []


def test_the_old_role_both_is_refused_with_the_new_roles(kb_copy):
    problems = with_countries(kb_copy, "countries:\n  - {country: CHN, role: both}\n  - {country: KHM, role: both}")
    assert problems and all("use one of: provider, learner, two-way, member, venue" in p for p in problems)


def _activity(roles, **extra):
    data = {"id": "x", "title": "x", "summary": "s", "years": {"start": 2010},
            "countries": [{"country": c, "role": r} for c, r in roles], "themes": ["gender"],
            "modalities": ["training"], "participants": ["farmers"],
            "source": {"document": "REPL.IX/3/R.3", "locations": ["Annex I, table"]}}
    data.update(extra)
    return Entry("activity", "x", "activities/x.md", data)


@pytest.mark.parametrize("roles, extra, scope, regions", [
    ([("BRA", "provider"), ("MOZ", "learner")], {}, "interregional", ["east-southern-africa", "latin-america-caribbean"]),
    ([("KHM", "member"), ("LAO", "member"), ("THA", "venue")], {}, "intraregional", ["asia-pacific"]),
    ([("IND", "venue")], {}, None, []),  # a venue alone: no region, no scope
    ([("MYS", "venue")], {"other_regions": ["asia-pacific"]}, "intraregional", ["asia-pacific"]),
    ([("BRA", "venue"), ("IND", "learner")], {}, "single-country", ["asia-pacific"]),
    ([("TLS", "learner")], {"other_regions": ["latin-america-caribbean"], "scope": "intraregional"},
     "intraregional", ["asia-pacific", "latin-america-caribbean"]),  # the scope the source states wins
    ([("BRA", "member"), ("CHN", "member")], {"scope": "not-stated"}, None,
     ["asia-pacific", "latin-america-caribbean"]),
])
def test_scope_and_regions_come_from_the_countries_taking_part(roles, extra, scope, regions):
    kb = KnowledgeBase(load_vocabularies(), {"activity": {"x": _activity(roles, **extra)}}, {})
    entry = kb.entries["activity"]["x"]
    assert (kb.scope_of(entry), kb.regions_of(entry)) == (scope, regions)


def test_members_and_venues_make_no_flow_and_no_pair_page():
    kb = KnowledgeBase(load_vocabularies(), {"activity": {"x": _activity(
        [("KHM", "member"), ("LAO", "member"), ("THA", "venue"), ("CHN", "provider"), ("VNM", "two-way")])}}, {})
    assert flows.country_pairs(kb) == {}
