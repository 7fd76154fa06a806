"""Knowledge requests and offers (issue 17): their validation, the matching, the pages, and replication.

On the fixture knowledge base: the open request lao-upland-rice (Lao farmers, agricultural production,
technical assistance, English) must get yunnan-rice-offer (Asia, the same theme, modality, participants
and language, from the host of cambodia-china-rice) before brazil-research-offer (the theme alone), and
cambodia-china-rice first among past activities; the closed request mozambique-innovation became
brazil-africa-marketplace, which adapts cambodia-china-rice.
"""

from __future__ import annotations

import random

from conftest import FIXTURE, REPO, copy_fixture
from ssckb.matching import LIMITS, Match, Reason, fit, offer_matches, request_matches
from ssckb.model import Entry, KnowledgeBase, build_links
from ssckb.pages import render_entry
from ssckb.replication import builds_on, chains, travelled_to
from ssckb.site import build_site
from ssckb.validation import load_knowledge_base


def _kb(root=FIXTURE) -> KnowledgeBase:
    knowledge_base, problems = load_knowledge_base(root)
    assert [p for p in problems if p.is_error] == []
    return knowledge_base


def _page(knowledge_base, kind, entry_id) -> str:
    return render_entry(knowledge_base, knowledge_base.get(kind, entry_id)).markdown


# ---- matching ------------------------------------------------------------------------------------------

def test_a_request_gets_the_offers_and_activities_that_share_its_themes_and_regions_first():
    kb = _kb()
    matches = request_matches(kb, kb.get("request", "lao-upland-rice"))
    assert [m.id for m in matches.offers] == ["yunnan-rice-offer", "brazil-research-offer"]
    best, other = matches.offers
    assert best.reasons == (Reason("themes", ("agricultural-production",)), Reason("regions", ("asia-pacific",)),
                            Reason("modalities", ("technical-assistance",)), Reason("participants", ("farmers",)),
                            Reason("languages", ("en",)), Reason("experience", (("activity", "cambodia-china-rice"),)))
    assert best.score == 3 + 2 + 1 + 1 + 1 + 2
    assert other.reasons == (Reason("themes", ("agricultural-production",)),) and other.score == 3
    assert matches.experience[0] == Match("activity", "cambodia-china-rice", 7, (
        Reason("themes", ("agricultural-production",)), Reason("regions", ("asia-pacific",)),
        Reason("modalities", ("technical-assistance",)), Reason("participants", ("farmers",))))
    # Nothing that shares none of the request's themes.
    assert all(m.reasons[0].what == "themes" for m in matches.offers + matches.experience)
    assert "brazil-africa-marketplace" not in {m.id for m in matches.experience}
    assert [m.id for m in matches.hosts] == ["yaas"]
    assert matches.lessons[0].reasons == (Reason("illustrates", (("activity", "cambodia-china-rice"),)),)


def test_the_request_page_shows_the_matches_with_their_reasons():
    kb = _kb()
    page = _page(kb, "request", "lao-upland-rice")
    offers = page[page.index("## Offers that fit"):page.index("## Past activities and learning routes that fit")]
    assert offers.index("yunnan-rice-offer.md") < offers.index("brazil-research-offer.md")
    assert ("- **[Yunnan shares upland rice systems](../offers/yunnan-rice-offer.md)** (10 points): themes: "
            "Agricultural production; region: Asia and the Pacific; way of learning: Technical assistance; for: "
            "Farmers; language: English; the provider has done it before: "
            "[Cambodia - China upland rice](../activities/cambodia-china-rice.md)\n") in offers
    assert "(3 points): themes: Agricultural production\n" in offers
    assert "best first; [how the points are counted](../demand/index.md#how-matches-are-ranked)." in page
    assert "## Institutions that have hosted such experience" in page and "../institutions/yaas.md" in page
    assert "| Status | open |" in page and "| Languages | English |" in page
    assert "keeps no personal contact details" in page


def test_an_offer_lists_the_open_requests_it_fits_and_not_the_closed_ones():
    kb = _kb()
    assert [m.id for m in offer_matches(kb, kb.get("offer", "yunnan-rice-offer"))] == ["lao-upland-rice"]
    # brazil-research-offer shares agricultural-technologies with mozambique-innovation, which is closed.
    assert [m.id for m in offer_matches(kb, kb.get("offer", "brazil-research-offer"))] == ["lao-upland-rice"]
    page = _page(kb, "offer", "yunnan-rice-offer")
    assert "## Open requests it fits" in page and "../requests/lao-upland-rice.md" in page
    assert "mozambique-innovation" not in page
    assert "| Conditions | The learners' projects pay their travel. |" in page


def test_a_closed_request_links_to_the_activity_it_became_both_ways():
    kb = _kb()
    page = _page(kb, "request", "mozambique-innovation")
    became = page[page.index("## What it became"):]
    assert became.startswith("## What it became\n\n- **[Africa-Brazil Agricultural Innovation Marketplace]"
                             "(../activities/brazil-africa-marketplace.md)**")
    assert "| Status | closed |" in page
    # Not listed again among the past activities that fit.
    assert "brazil-africa-marketplace" not in {m.id for m in request_matches(
        kb, kb.get("request", "mozambique-innovation")).experience}
    activity = _page(kb, "activity", "brazil-africa-marketplace")
    assert "## Requests it answered\n\n- **[Mozambique asks for agricultural innovations]" \
           "(../requests/mozambique-innovation.md)**" in activity


def _shuffled(knowledge_base: KnowledgeBase, seed: int) -> KnowledgeBase:
    """The same entries, their dictionaries in another order (as if the files had been read otherwise)."""
    rng = random.Random(seed)
    entries = {}
    for kind, by_id in reversed(list(knowledge_base.entries.items())):
        items = list(by_id.items())
        rng.shuffle(items)
        entries[kind] = dict(items)
    shuffled = KnowledgeBase(knowledge_base.vocabularies, entries, sources=knowledge_base.sources)
    shuffled.links = build_links(entries)
    return shuffled


def test_matching_is_deterministic_whatever_the_order_of_the_files():
    kb = _kb(REPO)
    expected = {r.id: request_matches(kb, r) for r in kb.entries["request"].values()}
    expected_offers = {o.id: offer_matches(kb, o) for o in kb.entries["offer"].values()}
    for seed in range(3):
        other = _shuffled(kb, seed)
        assert {r.id: request_matches(other, r) for r in other.entries["request"].values()} == expected
        assert {o.id: offer_matches(other, o) for o in other.entries["offer"].values()} == expected_offers


def _entry(kind, entry_id, **data):
    data = {"title": entry_id, "themes": ["gender"], "status": "open", **data}
    return Entry(kind, entry_id, f"{kind}s/{entry_id}.md", data)


def test_equal_scores_are_ordered_by_id_and_the_lists_are_cut_at_their_limits():
    kb = _kb()
    request = _entry("request", "r", requester={"countries": ["VNM"]})
    offers = [_entry("offer", f"offer-{n:02d}", provider={"countries": ["BRA"]}) for n in range(15, 0, -1)]
    entries = {"request": {"r": request}, "offer": {o.id: o for o in offers}}
    test_kb = KnowledgeBase(kb.vocabularies, entries)
    test_kb.links = build_links(entries)
    found = request_matches(test_kb, request).offers
    assert [m.id for m in found] == [f"offer-{n:02d}" for n in range(1, LIMITS["offers"] + 1)]
    assert {m.score for m in found} == {3}
    assert fit(test_kb, request, _entry("offer", "x", themes=["climate-change"], provider={"countries": ["BRA"]})) \
        is None


def test_the_hub_shows_open_requests_with_their_matches_and_what_closed_ones_became():
    site = build_site(FIXTURE)
    hub = site.generated["demand/index.md"].markdown
    open_part = hub[hub.index("## Open requests"):hub.index("## Open offers")]
    assert "### [Lao farmers ask to learn upland rice systems](../requests/lao-upland-rice.md)" in open_part
    assert "- Offers that fit best: [Yunnan shares upland rice systems](../offers/yunnan-rice-offer.md) " \
           "(10 points), [Brazilian agricultural research partnerships](../offers/brazil-research-offer.md) " \
           "(3 points)" in open_part
    assert "mozambique-innovation" not in open_part
    offers_part = hub[hub.index("## Open offers"):hub.index("## Matched and closed requests")]
    assert "- Open requests it fits: [Lao farmers ask to learn upland rice systems]" in offers_part
    closed = hub[hub.index("## Matched and closed requests"):]
    assert "- [Mozambique asks for agricultural innovations](../requests/mozambique-innovation.md) (closed); " \
           "became: [Africa-Brazil Agricultural Innovation Marketplace](../activities/brazil-africa-marketplace.md)" \
           in closed
    assert "demand/index.md" in site.generated["explore/index.md"].markdown
    ranking = hub[hub.index("## How matches are ranked"):]
    assert "| each theme shared | 3 |\n" in ranking and "| each IFAD region shared" in ranking
    assert "| an offer whose provider has done it before (once) | 2 |\n" in ranking


def test_requests_and_offers_are_on_the_index_pages_and_kind_lists():
    site = build_site(FIXTURE)
    assert "[Knowledge requests](requests/index.md) (2)" in site.generated["browse.md"].markdown
    theme = site.generated["themes/agricultural-production.md"].markdown
    assert "## Knowledge requests (1)" in theme and "## Knowledge offers (2)" in theme
    assert "../offers/yunnan-rice-offer.md" in site.generated["institutions/yaas.md"].markdown
    assert "lao-upland-rice.md" in site.generated["requests/index.md"].markdown


# ---- replication ----------------------------------------------------------------------------------------

def test_entry_pages_show_where_an_experience_travelled_in_both_directions():
    kb = _kb()
    origin, follower = kb.get("activity", "cambodia-china-rice"), kb.get("activity", "brazil-africa-marketplace")
    assert [(s.origin.id, s.relation) for s in builds_on(kb, follower)] == [("cambodia-china-rice", "adapts")]
    assert [s.follower.id for s in travelled_to(kb, origin)] == ["brazil-africa-marketplace"]
    assert "## Where the experience travelled next\n\n- **[Africa-Brazil Agricultural Innovation Marketplace]" \
           "(brazil-africa-marketplace.md)** · 2010 (adapted by): A fixture step of replication.\n" \
           in _page(kb, "activity", "cambodia-china-rice")
    assert "## What it builds on\n\n- **[Cambodia - China upland rice](cambodia-china-rice.md)** · 2008-2009 " \
           "(adapts): A fixture step of replication.\n" in _page(kb, "activity", "brazil-africa-marketplace")
    view = build_site(FIXTURE).generated["replication/index.md"].markdown
    assert "- **[Cambodia - China upland rice](../activities/cambodia-china-rice.md)** · 2008-2009\n" \
           "    - **[Africa-Brazil Agricultural Innovation Marketplace](../activities/brazil-africa-marketplace.md)" \
           "** · 2010 (adapts): A fixture step of replication.\n" in view


def test_a_loop_of_replication_ends_where_it_began(tmp_path):
    root = copy_fixture(tmp_path)
    path = root / "activities" / "cambodia-china-rice.md"
    path.write_text(path.read_text().replace(
        "sources:", "replicates:\n  - {activity: brazil-africa-marketplace, relation: replicates}\nsources:", 1))
    kb = _kb(root)
    assert chains(kb) == []  # no first experience: every one takes up another
    assert [s.origin.id for s in builds_on(kb, kb.get("activity", "cambodia-china-rice"))] == \
        ["brazil-africa-marketplace"]


def test_the_real_seed_traces_latin_american_learning_routes_to_asia():
    kb = _kb(REPO)
    forum = kb.get("activity", "asia-pacific-portfolio-forum")
    assert [(s.origin.id, s.relation) for s in builds_on(kb, forum)] == [("procasur-learning-routes", "adapts")]
    request = kb.get("request", "timor-leste-post-harvest-losses")
    assert request.status == "closed" and [e.id for e in kb.linked(request, "activity")] == \
        ["regional-electronic-networks"]


# ---- validation ---------------------------------------------------------------------------------------

def _problems(tmp_path, folder, name, text) -> list[str]:
    root = copy_fixture(tmp_path)
    (root / folder / f"{name}.md").write_text(text)
    _, problems = load_knowledge_base(root)
    # A new file written in English only also gets its translation warning (tests/test_translations.py).
    return [p.format() for p in problems if p.path == f"{folder}/{name}.md" and not p.is_coverage]


CITED = "sources:\n  - source: ifad-repl-ix-3-r-3\n    locations: [\"Annex I, box 1\"]\n---\n"


def test_validation_messages_of_a_request(tmp_path):
    text = ("---\nid: bad\ntitle: A bad request\nstatement: We want to learn how to do things.\nrequester: {}\n"
            "themes: [value-chain]\nstatus: open\nbecame: [nothing-here]\nlanguages: [english]\n" + CITED)
    assert _problems(tmp_path, "requests", "bad", text) == [
        "requests/bad.md:5: requester: the group is empty; give at least one of: countries, regions, institutions, "
        "organisation_types",
        "requests/bad.md:6: themes[0]: unknown theme 'value-chain'; did you mean value-chains (Inclusive value "
        "chains and market access)?",
        "requests/bad.md:7: status: status is 'open' but became is filled in; set status: matched (an offer or an "
        "activity answers it) or closed (it was met), or leave became out",
        "requests/bad.md:8: became[0]: no activity has the id 'nothing-here' (ids are file names in activities/ "
        "without .md)",
        "requests/bad.md:9: languages[0]: unknown language 'english'; did you mean en (English)?",
    ]


def test_validation_messages_of_a_request_region_status_and_closed_without_what_it_became(tmp_path):
    text = ("---\nid: bad\ntitle: A bad request\nstatement: We want to learn how to do things.\n"
            "requester: {countries: [West Africa]}\nthemes: [value-chains]\nstatus: pending\nphone: '+1 555'\n"
            + CITED)
    assert _problems(tmp_path, "requests", "bad", text) == [
        "requests/bad.md:5: requester.countries[0]: 'West Africa' is a region, not a country; give the countries' "
        "ISO 3166-1 alpha-3 codes, or, if the source names no country, put the region in requester.regions: "
        "[west-central-africa]",
        "requests/bad.md:7: status: 'pending' is not allowed; did you mean 'open'? (one of: open, matched, closed)",
        "requests/bad.md:8: phone: unknown field 'phone'; allowed fields: became, id, languages, modalities, offers, "
        "participants, requester, sources, statement, status, themes, title, translations, years",
    ]
    closed = ("---\nid: done\ntitle: A closed request\nstatement: We wanted to learn how to do things.\n"
              "requester: {countries: [MOZ], regions: [east-southern-africa]}\nthemes: [value-chains]\n"
              "status: closed\n" + CITED)
    assert _problems(tmp_path / "2", "requests", "done", closed) == [
        "requests/done.md:5: requester.regions[0]: warning: region 'east-southern-africa' already follows from the "
        "countries; remove it",
        "requests/done.md:7: status: warning: status is 'closed' and became is empty; if the source says what the "
        "request became, list the activities in became",
    ]


def test_validation_messages_of_an_offer(tmp_path):
    text = ("---\nid: bad-offer\ntitle: A bad offer\nstatement: We can share how we do things.\n"
            "provider: {institutions: [nobody]}\nthemes: [gender]\nstatus: matched\n"
            "activities: [palenque-route]\n" + CITED)
    assert _problems(tmp_path, "offers", "bad-offer", text) == [
        "offers/bad-offer.md:5: provider.institutions[0]: unknown institution 'nobody'; add it to "
        "ssckb/vocabularies/institutions.yml first",
        "offers/bad-offer.md:7: status: 'matched' is not allowed; use one of: open, closed",
        "offers/bad-offer.md:8: activities[0]: 'palenque-route' is a learning route, not an activity; list it under "
        "learning_routes",
    ]


def test_validation_messages_of_replicates(tmp_path):
    root = copy_fixture(tmp_path)
    path = root / "activities" / "cambodia-china-rice.md"
    path.write_text(path.read_text().replace("sources:", (
        "replicates:\n"
        "  - {relation: adapts}\n"
        "  - {activity: cambodia-china-rice, relation: replicates}\n"
        "  - {activity: escaping-test, learning_route: palenque-route, relation: adapts}\n"
        "  - {activity: escaping-test, relation: copies}\n"
        "sources:"), 1))
    _, problems = load_knowledge_base(root)
    assert [p.format() for p in problems if p.path == "activities/cambodia-china-rice.md"] == [
        "activities/cambodia-china-rice.md:17: replicates[0].activity: give 'activity' (the activity it replicates or "
        "adapts) or 'learning_route' (the route whose innovation plan it carried out)",
        "activities/cambodia-china-rice.md:18: replicates[1].activity: 'cambodia-china-rice' is this activity "
        "itself; name the earlier activity it replicates or adapts",
        "activities/cambodia-china-rice.md:19: replicates[2]: give either activity or learning_route in one item, "
        "not both; write one item for each experience",
        "activities/cambodia-china-rice.md:20: replicates[3].relation: 'copies' is not allowed; use one of: "
        "replicates, adapts",
    ]


def test_untrusted_text_of_requests_and_offers_is_escaped_wherever_it_is_shown(tmp_path):
    root = copy_fixture(tmp_path)
    (root / "requests" / "hostile.md").write_text(
        "---\nid: hostile\ntitle: \"<img src=x onerror=alert(1)> *bold* [link](http://example.com)\"\n"
        "statement: \"<script>alert(1)</script> | pipe _under_\"\nrequester: {countries: [LAO]}\n"
        "themes: [agricultural-production]\nstatus: open\n" + CITED)
    offer = root / "offers" / "yunnan-rice-offer.md"
    offer.write_text(offer.read_text().replace("The learners' projects pay their travel.",
                                               "\"<b onmouseover=alert(1)>free</b> | travel\""))
    site = build_site(root)
    assert [p for p in site.problems if not p.is_coverage] == []
    pages = {path: page.markdown for path, page in {**site.generated, **site.entries}.items()}
    shown = [path for path, text in pages.items() if "onerror" in text or "onmouseover" in text]
    assert {"requests/hostile.md", "demand/index.md", "offers/yunnan-rice-offer.md"} <= set(shown)
    for path in shown:
        text = pages[path]
        assert "<img" not in text and "<script>" not in text and "<b onmouseover" not in text, path
    assert "&lt;img src=x onerror=alert(1)&gt; \\*bold\\* \\[link\\](http://example.com)" in pages["demand/index.md"]


def test_a_preview_of_an_activity_loads_what_it_replicates():
    from ssckb.site import preview_paths

    assert "activities/cambodia-china-rice.md" in preview_paths(FIXTURE, ["activities/brazil-africa-marketplace.md"])
    assert "activities/brazil-africa-marketplace.md" in preview_paths(FIXTURE, ["requests/mozambique-innovation.md"])
