"""The views without a browser: explorer data, financing, map, flows, related entries, timeline, open data.

Figures are checked against values computed here independently, from the entries'
files read with plain PyYAML, not through the engine's own sums.
"""

import csv
import io
import json
import math
import re
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE, REPO, copy_fixture
from ssckb.indexes import DIMENSIONS_BY_KEY, build_indexes, term_page_paths
from ssckb.model import Entry, KnowledgeBase
from ssckb.site import build_site
from ssckb.views import common, dashboard, explorer, flows, opendata, related, timeline, worldmap
from ssckb.vocabularies import load_vocabularies

sys.path.insert(0, str(REPO / "benchmarks"))
from explorer_scale import synthetic_knowledge_base  # noqa: E402

VIEW_PAGES = ("explore/index.md", "explorer/index.md", "dashboard/index.md", "map/index.md", "flows/index.md",
              "timeline/index.md", "data/index.md")


@pytest.fixture(scope="module")
def fixture_site():
    return build_site(FIXTURE)


@pytest.fixture(scope="module")
def real():
    site = build_site(REPO)
    return site, build_indexes(site.knowledge_base)


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])


def valid_activity_files(knowledge_base) -> list[dict]:
    """Front matter of every activity file the build accepted, read independently of the engine."""
    found = []
    for path in sorted((REPO / "activities").glob("*.md")):
        data = front_matter(path)
        if knowledge_base.get("activity", data.get("id")) is not None:
            found.append(data)
    return found


# ---- escaping -----------------------------------------------------------------------------------------

def test_script_json_cannot_end_the_script_or_the_line():
    value = {"title": "</script><script>alert(1)</script> & <!-- \u2028 \u2029"}
    text = common.script_json(value)
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == value


def test_view_pages_show_metadata_as_text(fixture_site):
    title = "<img src=x onerror=alert(1)>"
    for path in VIEW_PAGES:
        markdown = fixture_site.generated[path].markdown
        assert "<img src=x" not in markdown and "<script>alert" not in markdown, path
    assert "&lt;img src=x onerror=alert(1)&gt;" in fixture_site.generated["timeline/index.md"].markdown
    assert "&lt;img src=x onerror=alert(1)&gt;" in fixture_site.generated["explorer/index.md"].markdown
    data = fixture_site.static_files["explorer/data.js"]
    assert "<" not in data and "\\u003cimg src=x onerror=alert(1)\\u003e" in data
    payload = json.loads(data[len("window.SSCKB_EXPLORER="):].rstrip(";\n"))
    assert [row[1] for row in payload["first"] if row[0] == "escaping-test"] == [title + " *not bold* "
                                                                                "[not a link](http://example.com) | pipe"]


# ---- explorer -----------------------------------------------------------------------------------------

def test_explorer_rows_hold_the_terms_of_the_index_pages(real):
    site, indexes = real
    kb = site.knowledge_base
    data = explorer.explorer_data(kb, indexes)
    activities = explorer.explorer_rows(kb)  # the activities, knowledge requests and offers
    assert [row[0] for row in data["rows"]] == [a.id for a in activities]
    assert {entry.kind for entry in activities} == set(explorer.EXPLORER_KINDS)
    for row, entry in zip(data["rows"], activities):
        assert row[3:5] == (list(entry.years) if entry.years else [None, None])
        for k, facet in enumerate(data["facets"]):
            cell = row[5 + k]
            ids = [facet["terms"][i][0] for i in ([cell] if isinstance(cell, int) else cell)]
            if facet["key"] in explorer.ENTRY_FACETS:  # the kind of entry, and a request's or offer's status
                assert ids == ([entry.kind] if facet["key"] == "kind" else [entry.status] if entry.status else [])
                continue
            expected = [str(t) for t in DIMENSIONS_BY_KEY[facet["key"]].terms_of(kb, entry)]
            assert sorted(ids) == sorted(set(expected)), (entry.id, facet["key"])
            for term_id in ids:  # the same entry is on that term's index page
                term = next(t for t in indexes[facet["key"]] if str(t) == term_id)
                assert entry in indexes[facet["key"]][term]
    for facet in data["facets"]:  # no term without an activity
        used = {i for row in data["rows"] for cell in [row[5 + data["facets"].index(facet)]]
                for i in ([cell] if isinstance(cell, int) else cell)}
        assert used == set(range(len(facet["terms"]))), facet["key"]


def test_explorer_data_is_compact_at_scale():
    kb = synthetic_knowledge_base(2000, seed=7)
    indexes = build_indexes(kb)
    kb.term_pages = term_page_paths(kb, indexes)
    scripts = explorer.data_scripts(explorer.explorer_data(kb, indexes))
    script = "".join(scripts.values())
    # Term labels are written once, whatever the number of activities: rows hold indexes.
    for facet in ("Agricultural production", "Policy dialogue", "Latin America and the Caribbean"):
        assert script.count(f'"{facet}"') == 1, facet
    assert len(script.encode()) / 2000 < 400  # bytes per activity, titles and summaries included
    # The first view holds the facets and one page of rows; the rest is in parts loaded on demand.
    assert sorted(scripts) == ["data.js", "rows-0.js", "rows-1.js"]
    assert len(scripts["data.js"].encode()) < 40_000


def test_explorer_first_view_counts_are_those_of_every_row():
    kb = synthetic_knowledge_base(1200, seed=3)
    indexes = build_indexes(kb)
    kb.term_pages = term_page_paths(kb, indexes)
    data = explorer.explorer_data(kb, indexes)
    head = explorer.first_view(data)
    parts = [json.loads(text[text.index(",") + 1:].rstrip(");\n"))
             for name, text in sorted(explorer.data_scripts(data).items())
             if name.startswith("rows-")]
    assert [row for part in parts for row in part] == data["rows"]  # rows-0.js, rows-1.js
    assert head["first"] == data["rows"][:explorer.PAGE_SIZE] and head["total"] == 1200
    fixed = len(data["fields"]) - len(data["facets"])
    for k, facet in enumerate(data["facets"]):
        cells = [[c] if isinstance(c, int) else c for c in (row[fixed + k] for row in data["rows"])]
        assert head["counts"][k] == [sum(i in c for c in cells) for i in range(len(facet["terms"]))]
        assert head["multi"][k] == any(len(c) > 1 for c in cells)
    years = [row[3] for row in data["rows"]] + [row[4] for row in data["rows"]]
    assert head["years"] == [min(years), max(years)]


def test_explorer_page_loads_its_files_relative_to_itself(fixture_site):
    markdown = fixture_site.generated["explorer/index.md"].markdown
    assert '<script id="ssc-explorer-data" src="data.js"></script>' in markdown
    assert '<script src="../assets/vendor/views/explorer.js"></script>' in markdown
    assert "assets/vendor/views/explorer.js" in fixture_site.static_files
    # The no-script text links to the newest activity: the script takes the URL pattern from that link.
    assert "(../activities/escaping-test.md){ #ssc-explorer-probe }" in markdown
    assert 'data-probe="escaping-test"' in markdown


# ---- financing dashboard ------------------------------------------------------------------------------

def funded_files(root: Path) -> list[tuple[str, dict]]:
    """(kind, front matter) of every activity and learning route file with contributions, read with PyYAML
    from the files, independently of the engine."""
    found = []
    for kind, folder in (("activity", "activities"), ("learning_route", "learning_routes")):
        for path in sorted((root / folder).glob("*.md")):
            data = front_matter(path)
            if data.get("contributions"):
                found.append((kind, data))
    return found


def sums_by_currency(contributions) -> dict:
    """currency -> sum of the amounts given; contributions without an amount add nothing (and no zero)."""
    sums: dict = {}
    for c in contributions:
        if "amount" in c:
            sums[c["currency"]] = sums.get(c["currency"], 0) + c["amount"]
    return sums


def expected_figures(groups: list[list[dict]]) -> dict:
    """What a dashboard cell must say of a group: each entry's contributions in it, summed by hand."""
    items = [c for group in groups for c in group]
    ifad = [c for c in items if c.get("funder") == "ifad"]
    others = [c for c in items if c.get("funder") != "ifad"]
    lev_ifad = lev_others = 0
    for group in groups:
        own = [c for c in group if c.get("funder") == "ifad"]
        rest = [c for c in group if c.get("funder") != "ifad"]
        if own and rest and all("amount" in c and c["currency"] == "USD" for c in group) and \
                sum(c["amount"] for c in own):
            lev_ifad += sum(c["amount"] for c in own)
            lev_others += sum(c["amount"] for c in rest)
    return {"ifad": sums_by_currency(ifad), "cofinancing": sums_by_currency(others),
            "in_kind": sums_by_currency(c for c in items if c["kind"] == "in-kind"),
            "status": {s: sums_by_currency(c for c in items if c["status"] == s)
                       for s in ("planned", "allocated", "spent", "not-stated")},
            "unstated": sum(1 for c in items if "amount" not in c),
            "leverage": lev_others / lev_ifad if lev_ifad else None}


def engine_figures(sums) -> dict:
    statuses = sums.statuses
    return {"ifad": dict(sums.ifad.amounts), "cofinancing": dict(sums.cofinancing.amounts),
            "in_kind": dict(sums.in_kind.amounts), "status": {s: dict(statuses[s].amounts) for s in statuses},
            "unstated": sum(1 for c in sums.contributions if "amount" not in c),
            "leverage": sums.leverage.ratio}


def _close(engine: dict, expected: dict) -> bool:
    if (engine["leverage"] is None) != (expected["leverage"] is None):
        return False
    if engine["leverage"] is not None and not math.isclose(engine["leverage"], expected["leverage"]):
        return False
    return {k: v for k, v in engine.items() if k != "leverage"} == \
        {k: v for k, v in expected.items() if k != "leverage"}


def _check_dashboard(site, root: Path) -> dict:
    """Every figure of every breakdown of the dashboard equals the sums over the files' contributions."""
    kb = site.knowledge_base
    files = funded_files(root)
    financing = dashboard.consolidate(kb)
    total = expected_figures([d["contributions"] for _, d in files])
    assert _close(engine_figures(financing.total), total)
    assert len(financing.total.entries) == len(files)
    by: dict = {key: {} for key in ("year", "funder", "theme", "region", "nature")}
    for kind, data in files:
        entry = kb.get(kind, data["id"])
        for c in data["contributions"]:
            year = c.get("year", data["years"]["start"])
            funder = ("institution", c["funder"]) if "funder" in c else ("group", c["funder_group"])
            by["year"].setdefault(year, {}).setdefault(data["id"], []).append(c)
            by["funder"].setdefault(funder, {}).setdefault(data["id"], []).append(c)
        for dimension, terms in (("theme", data.get("themes", [])), ("region", kb.regions_of(entry)),
                                 ("nature", [data["funding_nature"]] if "funding_nature" in data else [])):
            for term in terms or [dashboard.NOT_RECORDED]:
                by[dimension].setdefault(term, {})[data["id"]] = list(data["contributions"])
    for dimension, groups in by.items():
        assert set(financing.by[dimension]) == set(groups), dimension
        for term, per_entry in groups.items():
            sums = financing.by[dimension][term]
            assert _close(engine_figures(sums), expected_figures(list(per_entry.values()))), (dimension, term)
            assert len(sums.entries) == len(per_entry), (dimension, term)
    # The page shows these figures: the totals' US dollar values, or "not stated", never a zero.
    markdown = site.generated["dashboard/index.md"].markdown
    for key, figures in (("ifad", total["ifad"]), ("cofinancing", total["cofinancing"]),
                         ("in-kind", total["in_kind"]),
                         *((f"status-{s}", total["status"][s]) for s in total["status"])):
        value = f"{figures['USD']:.0f}" if "USD" in figures else "not stated"
        assert f'data-ssc-total="{key}" data-value="{value}"' in markdown, key
    leverage = f"{total['leverage']:.2f}" if total["leverage"] is not None else "not stated"
    assert f'data-ssc-total="leverage" data-value="{leverage}"' in markdown
    return total


def test_dashboard_figures_equal_the_sums_over_the_entries_files(real):
    site, _ = real
    total = _check_dashboard(site, REPO)
    assert total["ifad"]["USD"] > 0 and total["in_kind"] == {}


def test_dashboard_figures_of_the_fixture_every_currency_status_and_funder(fixture_site):
    # The fixture has in-kind contributions, a planned, an allocated and a spent one, one in CNY, one without
    # an amount, and a learning route's contribution.
    total = _check_dashboard(fixture_site, FIXTURE)
    assert total["in_kind"] == {"USD": 28000, "CNY": 300000}
    assert total["unstated"] == 1
    markdown = fixture_site.generated["dashboard/index.md"].markdown
    # CNY is shown beside the US dollars, never added to them (nor converted).
    assert 'data-ssc-total="in-kind" data-value="28000">CNY 300,000; US$28,000<' in markdown
    assert "328,000" not in markdown
    assert "another currency: [Cambodia - China upland rice](../activities/cambodia-china-rice.md)" in markdown


def test_a_missing_amount_is_not_stated_never_zero(tmp_path):
    root = copy_fixture(tmp_path)
    path = root / "activities" / "brazil-africa-marketplace.md"
    text = path.read_text()
    # The others' contribution loses its amount: it is counted as "not stated", not added as zero, and the
    # leverage of the marketplace is no longer known, so it is left out rather than made zero.
    path.write_text(text.replace("amount: 1500000, currency: USD, ", ""))
    site = build_site(root)
    assert not [p for p in site.problems if p.is_error]
    financing = dashboard.consolidate(site.knowledge_base)
    assert financing.total.leverage.ratio is None
    markdown = site.generated["dashboard/index.md"].markdown
    assert 'data-ssc-total="leverage" data-value="not stated">not stated<' in markdown
    assert 'data-ssc-total="cofinancing" data-value="29000">CNY 300,000; US$29,000 and 2 not stated<' in markdown
    # (the charts' axes start at US$0: that is a scale, not a figure)
    assert "| US$0 |" not in markdown and ">US$0<" not in markdown.split("</dl>")[0]
    page = site.generated["financing.md"].markdown
    assert "| others (not named) | not stated | kind not stated | status not stated |" in page
    entry = site.entries["activities/brazil-africa-marketplace.md"].markdown
    assert "others (not named) amount not stated (kind not stated, status not stated)" in entry
    assert "Leverage" not in entry


def test_currencies_are_never_added_together(tmp_path):
    root = copy_fixture(tmp_path)
    path = root / "activities" / "cambodia-china-rice.md"
    path.write_text(path.read_text().replace("amount: 200000, currency: USD", "amount: 200000, currency: EUR"))
    site = build_site(root)
    financing = dashboard.consolidate(site.knowledge_base)
    assert financing.total.ifad.amounts == (("EUR", 200000), ("USD", 500000))
    assert financing.by["year"][2008].chart_values == [0, 0, 0]  # the charts show US dollars only
    markdown = site.generated["dashboard/index.md"].markdown
    assert 'data-ssc-total="ifad" data-value="500000">EUR 200,000; US$500,000<' in markdown
    assert "700,000" not in markdown


def test_charts_have_a_title_a_description_and_a_table(real):
    site, _ = real
    markdown = site.generated["dashboard/index.md"].markdown
    charts = re.findall(r'<svg [^>]*aria-labelledby="([^"]+)"', markdown)
    assert len(charts) == 5  # by year, theme, region, nature and funder
    for ids in charts:
        title, desc = ids.split()
        assert f'<title id="{title}">' in markdown and f'<desc id="{desc}">' in markdown
    assert markdown.count('<div class="ssc-chart-table" markdown>') == 5


def test_nice_ticks():
    from ssckb.views.svgcharts import nice_ticks
    assert nice_ticks(3_009_000) == [0, 1_000_000, 2_000_000, 3_000_000, 4_000_000]
    assert nice_ticks(7) == [0, 2, 4, 6, 8]
    assert nice_ticks(0) == [0.0, 1.0]


# ---- map ----------------------------------------------------------------------------------------------

def test_equal_earth_projection():
    assert worldmap.equal_earth(0, 0) == (0.0, 0.0)
    x, y = worldmap.equal_earth(180, 0)
    assert math.isclose(x, 2.7066297, abs_tol=1e-6) and y == 0
    x, y = worldmap.equal_earth(0, 90)
    assert x == 0 and math.isclose(y, 1.3173627, abs_tol=1e-6)


def _subpaths(path_data: str):
    for part in path_data.split("M")[1:]:
        numbers = [float(n) for n in re.findall(r"-?\d*\.?\d+", part)]
        xs, x = [numbers[0]], numbers[0]
        for step in numbers[2::2]:
            x += step
            xs.append(x)
        yield xs


def test_map_geometry():
    geometry = worldmap.geometry()
    codes = {code for code, _, _ in geometry.shapes}
    assert {"BRA", "IND", "IDN", "CHN", "MOZ", "RWA", "FJI", "RUS"} <= codes and "ATA" not in codes
    assert len(geometry.shapes) > 170
    for code, name, path_data in geometry.shapes:
        assert re.fullmatch(r"[Mlz0-9 .-]+", path_data), name
        for xs in _subpaths(path_data):  # no ring drawn across the world (the antimeridian is cut)
            assert -0.5 <= min(xs) and max(xs) <= 1000.5 and max(xs) - min(xs) < 700, name


def test_map_links_every_country_page_with_its_count(real):
    site, indexes = real
    kb = site.knowledge_base
    markdown = site.generated["map/index.md"].markdown
    counts = worldmap.activity_counts(kb, indexes)
    drawn = {code for code, _, _ in worldmap.geometry().shapes}
    linked = re.findall(r'\]\(\.\./countries/([a-z0-9-]+)\.md\)\{ \.ssc-map__country title="([^"]+)" '
                        r'aria-label="\2" data-country="([A-Z]{3})" \}', markdown)
    assert linked
    for slug, label, code in linked:
        assert slug == kb.vocabularies.countries.get(code).get("slug")
        count = sum(1 for e in kb.entries["activity"].values() if code in e.countries)
        assert label.endswith(f": {count} activit{'y' if count == 1 else 'ies'}"), label
    pages = {code for code in kb.vocabularies.countries.terms if common.country_page(kb, code)}
    assert {code for _, _, code in linked} == pages & drawn
    assert {code for code in counts if counts[code]} <= pages
    table = markdown.split("## Countries", 1)[1]
    for code in pages:  # the text alternative lists every country of the map, with the same figure
        assert re.search(rf"\| \[[^]]+\]\(\.\./countries/{kb.vocabularies.countries.get(code).get('slug')}\.md\) "
                         rf"\| [^|]* \| {counts.get(code, 0)} \|", table), code


def test_class_breaks():
    assert worldmap.class_breaks([1, 2, 2, 0]) == [(1, 1), (2, 2)]
    ranges = worldmap.class_breaks(list(range(1, 40)) + [100])
    assert len(ranges) <= 5 and ranges[0][0] == 1 and ranges[-1][1] == 100
    assert all(a[1] + 1 == b[0] for a, b in zip(ranges, ranges[1:]))


# ---- flows --------------------------------------------------------------------------------------------

def _activity(entry_id, roles, **extra):
    data = {"id": entry_id, "title": entry_id, "summary": "s", "years": {"start": 2010},
            "countries": [{"country": c, "role": r} for c, r in roles], "themes": ["gender"],
            "modalities": ["training"], "participants": ["farmers"],
            "sources": [{"source": "ifad-repl-ix-3-r-3", "locations": ["Annex I, table"]}]}
    data.update(extra)
    return Entry("activity", entry_id, f"activities/{entry_id}.md", data)


def test_flows_from_roles():
    entry = _activity("x", [("AAA", "provider"), ("BBB", "learner"), ("CCC", "two-way"), ("DDD", "two-way"),
                            ("EEE", "member"), ("FFF", "member"), ("GGG", "venue")])
    one_way, two_way = flows.flows_of(entry)
    # Only the directions stated: provider -> learner, and both ways between two-way countries; members and
    # venues have none, and a provider is not taken to share with a two-way country.
    assert one_way == [("AAA", "BBB")]
    assert two_way == [("CCC", "DDD")]
    route = Entry("learning_route", "r", "learning_routes/r.md",
                  {"countries_visited": ["COL"], "participant_countries": ["PER", "COL"]})
    assert flows.flows_of(route) == ([("COL", "PER")], [])


def test_india_indonesia_pair_page(real):
    site, _ = real
    kb = site.knowledge_base
    pairs = flows.country_pairs(kb)
    pair = pairs[("IND", "IDN")]
    assert "india-indonesia-self-help-groups" in [e.id for e in pair.forward]  # paragraph 15 (b)
    assert pair.mutual == [e for e in pair.mutual if ("IND", "two-way") in e.country_roles()]
    page = site.generated["flows/india--indonesia.md"]
    assert "## India → Indonesia (" in page.markdown
    assert "(../activities/india-indonesia-self-help-groups.md)" in page.markdown
    if pair.mutual:
        assert page.meta["title"] == "India ⇄ Indonesia" and "## Both ways (" in page.markdown
    hub = site.generated["flows/index.md"].markdown
    for (a, b), item in pairs.items():
        assert f"]({flows.pair_path(kb, item).split('/', 1)[1]})" in hub
        assert item.total == len({e.id for e in item.forward + item.backward + item.mutual})


def test_two_way_exchanges_are_not_one_way_flows(fixture_site):
    kb = KnowledgeBase(fixture_site.knowledge_base.vocabularies,
                       {"activity": {"x": _activity("x", [("BRA", "two-way"), ("IND", "two-way")])}}, {})
    pair = flows.country_pairs(kb)[("BRA", "IND")]
    assert (pair.forward, pair.backward, [e.id for e in pair.mutual]) == ([], [], ["x"])
    assert flows.pair_title(kb, pair) == "Brazil ⇄ India"


# ---- related entries ----------------------------------------------------------------------------------

def test_related_entries_prefer_specific_terms():
    vocabularies = load_vocabularies()
    ifad = [{"institution": "ifad", "role": "funder"}]
    entries = {f"f{i}": _activity(f"f{i}", [("CHN", "provider")], institutions=ifad) for i in range(10)}
    entries |= {
        "a": _activity("a", [("BRA", "provider"), ("MOZ", "learner")], institutions=ifad),
        "b": _activity("b", [("MOZ", "two-way"), ("AGO", "two-way")], institutions=ifad),
        "c": _activity("c", [("CHN", "provider")], institutions=ifad),
        "d": _activity("d", [("IND", "provider")], institutions=ifad),
        "e": _activity("e", [("BRA", "provider"), ("MOZ", "learner")], institutions=ifad, lessons=[]),
    }
    for entry in entries.values():
        entry.data["themes"] = ["gender"] if entry.id != "e" else ["gender", "financial-services"]
    kb = KnowledgeBase(vocabularies, {"activity": entries}, {("activity", "a"): {"activity": ["e"]}})
    found = related.compute_related(kb)
    # e shares BRA and MOZ with a but is already linked to it; b shares MOZ; c and d share only what (nearly)
    # every entry has: IFAD, gender, China.
    assert [(e.id, shared) for e, shared in found[("activity", "a")]] == [("b", [("country", "MOZ")])]
    assert all(("institution", "ifad") not in shared for items in found.values() for _, shared in items)
    assert related.compute_related(kb) == found


def test_entry_pages_list_related_entries(real):
    site, _ = real
    markdown = site.entries["activities/india-indonesia-self-help-groups.md"].markdown
    section = markdown.split("## Related entries", 1)[1].split("</div>", 1)[0]
    links = re.findall(r"\]\(([^)]+\.md)\)", section)
    assert 1 <= len(links) <= related.LIMIT
    assert "india-indonesia-self-help-groups.md" not in " ".join(links)


# ---- timeline -----------------------------------------------------------------------------------------

def test_timeline_counts(real):
    site, indexes = real
    markdown = site.generated["timeline/index.md"].markdown
    for year, entries in indexes["year"].items():
        running = sum(1 for e in entries if e.kind == "activity")
        started = sum(1 for e in entries if e.kind == "activity" and e.years[0] == year)
        assert re.search(rf"\| \[{year}\]\(\.\./years/{year}\.md\) \| {started} \| {running} \|", markdown), year


# ---- open data ----------------------------------------------------------------------------------------

def test_activities_csv(real):
    site, _ = real
    text = site.static_files["data/activities.csv"]
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    files = valid_activity_files(site.knowledge_base)
    assert [r["id"] for r in rows] == [a.id for a in common.activities(site.knowledge_base)]
    assert len(rows) == len(files)
    by_id = {d["id"]: d for d in files}
    for row in rows:
        contributions = by_id[row["id"]].get("contributions") or []
        ifad = [c["amount"] for c in contributions if c.get("funder") == "ifad" and "amount" in c]
        assert row["ifad_contribution_usd"] == (f"{sum(ifad):.0f}" if ifad else ""), row["id"]
        others = [c["amount"] for c in contributions if c.get("funder") != "ifad" and "amount" in c]
        assert row["cofinancing_usd"] == (f"{sum(others):.0f}" if others else ""), row["id"]
        assert row["title"] == by_id[row["id"]]["title"]
        assert row["country_codes"] == "; ".join(c["country"] for c in by_id[row["id"]]["countries"])


def test_csv_cells_cannot_be_formulas(tmp_path):
    root = copy_fixture(tmp_path)
    path = root / "activities" / "cambodia-china-rice.md"
    path.write_text(path.read_text().replace("title: Cambodia - China upland rice",
                                             'title: "=HYPERLINK(\\"http://example.com\\", \\"x\\")"'))
    site = build_site(root)
    rows = list(csv.DictReader(io.StringIO(site.static_files["data/activities.csv"][1:])))
    title = next(r["title"] for r in rows if r["id"] == "cambodia-china-rice")
    assert title == "'=HYPERLINK(\"http://example.com\", \"x\")"


def test_entries_json(real):
    site, _ = real
    kb = site.knowledge_base
    document = json.loads(site.static_files["data/entries.json"])
    assert len(document["entries"]) == len(kb.all_entries())
    by_key = {(e["kind"], e["id"]): e for e in document["entries"]}
    entry = kb.get("activity", "india-indonesia-self-help-groups")
    item = by_key[("activity", entry.id)]
    assert item["data"] == json.loads(json.dumps(entry.data)) and "self-help groups" in item["body"]
    assert item["derived"]["regions"] == kb.regions_of(entry)
    assert set(document["schemas"]) == {"activity", "lesson", "learning_route", "request", "offer", "source"}
    sources = {source["id"]: source for source in document["sources"]}
    assert set(sources) == set(kb.sources)
    paper = sources["ifad-repl-ix-3-r-3"]
    assert paper["file"] == "sources/ifad-repl-ix-3-r-3.md"
    assert paper["data"]["identifier"] == {"symbol": "REPL.IX/3/R.3"} and paper["data"]["year"] == 2011


def test_explore_hub_and_nav_list_every_view(fixture_site):
    hub = fixture_site.generated["explore/index.md"].markdown
    config = (REPO / "mkdocs.yml").read_text()
    for path in VIEW_PAGES[1:]:
        assert f"]({path.replace('explore/', '') if path.startswith('explore/') else '../' + path})" in hub, path
        assert path in config, path
