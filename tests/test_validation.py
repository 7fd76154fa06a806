"""Each validation rule, with the exact message a contributor sees."""

import shutil

import pytest

from conftest import FIXTURE
from ssckb.validation import load_knowledge_base

ACTIVITY = "activities/cambodia-china-rice.md"


@pytest.fixture
def kb_copy(tmp_path):
    target = tmp_path / "kb"
    shutil.copytree(FIXTURE, target)
    return target


def edit(root, rel, old, new):
    path = root / rel
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def formatted(root):
    _, problems = load_knowledge_base(root)
    return [p.format() for p in problems]


def test_fixture_is_valid():
    knowledge_base, problems = load_knowledge_base(FIXTURE)
    assert problems == []
    assert sorted(knowledge_base.entries["activity"]) == ["brazil-africa-marketplace", "cambodia-china-rice",
                                                          "escaping-test"]


CASES = [
    ("countries:\n  - {country: CHN", "countries:\n  - {country: Chinaa",
     "7: countries[0].country: unknown country 'Chinaa'; did you mean CHN (China)?"),
    ("role: learner}", "role: learnr}",
     "8: countries[1].role: 'learnr' is not allowed; did you mean 'learner'? (one of: provider, learner, two-way, member, venue)"),
    ("contributions:", "contributons:",
     "15: contributons: unknown field 'contributons'; did you mean 'contributions'?"),
    ("summary: Yunnan shares upland rice systems with north-eastern Cambodia.\n", "",
     "1: summary: missing required field 'summary' (One sentence saying who learned what from whom; "
     "shown in every list)"),
    ("years: {start: 2008, end: 2009}", "years: {start: 2008, end: 2007}",
     "5: years.end: end year 2007 is before start year 2008"),
    ("years: {start: 2008, end: 2009}", "years: {start: '2008'}",
     "5: years.start: expected a whole number, got the text '2008'; write the year alone, e.g. 2010, without quotes"),
    ("amount: 200000", "amount: US$200000",
     "15: contributions[0].amount: expected a number, got the text 'US$200000'; write a plain number without "
     "quotes, separators or currency, e.g. 200000"),
    ("amount: 200000", "amount: -5",
     "15: contributions[0].amount: -5 is too small; the smallest allowed is 0"),
    # Contributions: who gave them, their currency, kind and status, and the Annex I table's figures.
    ("{funder: yaas,", "{funder: yaass,",
     "15: contributions[1].funder: unknown institution 'yaass'; did you mean yaas (Yunnan Academy of "
     "Agricultural Sciences)?"),
    ("{funder_group: governments,", "{funder: ifad, funder_group: governments,",
     "15: contributions[2].funder_group: give funder (an institution id) or funder_group, not both; keep "
     "funder_group only when the source names no institution"),
    ("{funder_group: governments, kind", "{kind",
     "15: contributions[2]: say who gave it: funder, an institution id from the registry (e.g. ifad), or, "
     "when the source names no institution, funder_group (governments, donors, participants or not-named)"),
    ("{funder_group: governments,", "{funder_group: donor,",
     "15: contributions[2].funder_group: 'donor' is not allowed; did you mean 'donors'? (one of: "
     "governments, donors, participants, not-named)"),
    ("amount: 300000, currency: CNY, ", "amount: 300000, ",
     "15: contributions[1].currency: an amount needs its currency; add currency: USD, or the ISO 4217 code "
     "of the currency the source gives"),
    ("amount: 300000, currency: CNY", "amount: 3000000000000000, currency: CNY",
     "15: contributions[1].amount: 3,000,000,000,000,000 is too large for an amount (more than "
     "1,000,000,000,000); check the number of digits"),
    ("kind: in-kind", "kind: inkind",
     "15: contributions[1].kind: 'inkind' is not allowed; did you mean 'in-kind'? (one of: cash, in-kind, "
     "not-stated)"),
    ("status: planned", "status: approved",
     "15: contributions[1].status: 'approved' is not allowed; use one of: planned, allocated, spent, "
     "not-stated"),
    ("kind: not-stated, status: allocated}", "kind: not-stated}",
     "15: contributions[2].status: missing required field 'status' (As footnote 18 of REPL.IX/3/R.3 tells "
     "them apart: planned (the source says it is planned, envisaged or will be given), allocated "
     "(allocated or approved), spent (the source says it was spent or invested); not-stated when the "
     "source gives the amount without saying which, as the Annex I table does. Never guess)"),
    ("year: 2009}", "year: 09}",
     "15: contributions[1].year: expected a whole number, got the text '09'; write the year alone, e.g. "
     "2010, without quotes"),
    ("amount: 200000, currency: USD", "amount: 250000, currency: USD",
     "15: contributions[0].amount: IFAD's contribution differs from the row 'Cambodia - China' of "
     "REPL.IX/3/R.3, Annex I, table (US$200,000); give one contribution with funder: ifad, amount: 200000 "
     "and currency: USD, as printed"),
    ("year: 2008}", "year: 2009}",
     "15: contributions[0].year: the row 'Cambodia - China' of REPL.IX/3/R.3, Annex I, table dates IFAD's "
     "contribution 2008; set year: 2008"),
    ("{funder: ifad, amount: 200000", "{funder: fao, amount: 200000",
     "15: contributions: IFAD's contribution differs from the row 'Cambodia - China' of REPL.IX/3/R.3, "
     "Annex I, table (US$200,000); give one contribution with funder: ifad, amount: 200000 and currency: "
     "USD, as printed"),
    # A contribution's own sources are cited, and checked, as the entry's are.
    ("year: 2008}", 'year: 2008, sources: [{source: ifad-repl-ix-3-r-3, locations: ["annex 1, table"]}]}',
     "15: contributions[0].sources[0].locations[0]: 'annex 1, table' is not in the form ifad-repl-ix-3-r-3 is "
     "cited in; write it as 'Annex I, paragraph 3', 'Annex I, paragraphs 3-4', 'Annex I, box 1', 'Annex I, "
     "table' or 'Main text, paragraph 15 (b)'"),
    ("year: 2008}", 'year: 2008, sources: [{source: ifad-repl-ix-3, locations: ["Annex I, table"]}]}',
     "15: contributions[0].sources[0].source: no source has the id 'ifad-repl-ix-3'; did you mean "
     "'ifad-repl-ix-3-r-3'?"),
    ("funding_nature: loan-project", "funding_nature: grant",
     "14: funding_nature: the row 'Cambodia - China' of REPL.IX/3/R.3, Annex I, table says 'in project'; "
     "set funding_nature: loan-project"),
    ("funding_nature: loan-project", "funding_nature: loan",
     "14: funding_nature: unknown funding nature 'loan'; use one of: grant, loan-project"),
    ("id: cambodia-china-rice", "id: cambodia-rice",
     "2: id: id 'cambodia-rice' differs from the file name; set 'id: cambodia-china-rice' or rename the file "
     "to cambodia-rice.md"),
    ("themes: [agricultural-production]", "themes: [agricultural-productoin]",
     "9: themes[0]: unknown theme 'agricultural-productoin'; did you mean agricultural-production "
     "(Agricultural production)?"),
    ("themes: [agricultural-production]", "themes: []", "9: themes: the list is empty; give at least 1 value"),
    ("themes: [agricultural-production]", "themes: agricultural-production",
     "9: themes: expected a list, got the text 'agricultural-production'; write a list, e.g. "
     "[agricultural-production]"),
    ("modalities: [technical-assistance, training]", "modalities: [training, training]",
     "10: modalities: 'training' is listed twice; keep it once"),
    ("{institution: yaas, role: host}", "{institution: embrapa, role: host}",
     "13: institutions[0].institution: unknown institution 'embrapa'; add it to "
     "ssckb/vocabularies/institutions.yml first"),
    ("{institution: yaas, role: host}", "{institution: Yunnan Academy of Agricultural Sciences, role: host}",
     "13: institutions[0].institution: unknown institution 'Yunnan Academy of Agricultural Sciences'; did you "
     "mean yaas (Yunnan Academy of Agricultural Sciences)?"),
    ("title: Cambodia - China upland rice", "title: NO",
     "3: title: too short: write at least 3 characters"),
    ("title: Cambodia - China upland rice", "title: 2010",
     "3: title: expected text, got the number 2010; put the value in quotes"),
    ("currency: USD, kind: cash", "currency: dollars, kind: cash",
     "15: contributions[0].currency: 'dollars' is not in the expected form; use a three-letter ISO 4217 code such "
     "as USD"),
    ('locations: ["Annex I, table", "Annex I, paragraph 28"]', 'locations: ["annex 1, para 28"]',
     "18: sources[0].locations[0]: 'annex 1, para 28' is not in the form ifad-repl-ix-3-r-3 is cited in; write it "
     "as 'Annex I, paragraph 3', 'Annex I, paragraphs 3-4', 'Annex I, box 1', 'Annex I, table' or 'Main text, "
     "paragraph 15 (b)'"),
    ('locations: ["Annex I, table", "Annex I, paragraph 28"]', 'locations: ["page 12 "]',
     "18: sources[0].locations[0]: 'page 12 ' is not in the expected form; write one place per item, on one line "
     "and without spaces around it, e.g. 'page 12', 'section 3.2', 'paragraph 15 (b)', 'box 4', 'table 2' or "
     "'00:12:30'"),
    ("source: ifad-repl-ix-3-r-3", "source: ifad-repl-ix-3",
     "17: sources[0].source: no source has the id 'ifad-repl-ix-3'; did you mean 'ifad-repl-ix-3-r-3'?"),
    ("source: ifad-repl-ix-3-r-3", "source: annual-report",
     "17: sources[0].source: no source has the id 'annual-report' (ids are file names in sources/ without .md; "
     "python build.py new source \"Title\" adds one)"),
    ('    locations: ["Annex I, table", "Annex I, paragraph 28"]',
     '    locations: ["Annex I, table"]\n  - source: ifad-repl-ix-3-r-3\n    locations: ["Annex I, box 1"]',
     "19: sources[1].source: 'ifad-repl-ix-3-r-3' is cited twice (also sources[0]); give all its locations in "
     "one item"),
    ("themes:", "lessons: [lesson-on]\nthemes:",
     "9: lessons[0]: no lesson has the id 'lesson-on'; did you mean 'lesson-one'?"),
    ("themes:", "lessons: [palenque-route]\nthemes:",
     "9: lessons[0]: 'palenque-route' is a learning route, not a lesson; list it under learning_routes"),
    ("themes:", "title: again\nthemes:", "9: title: field 'title' appears twice (first on line 3); keep one"),
    ("summary: Yunnan", "summary: Yunnan: it", "4: -: YAML syntax error: mapping values are not allowed in this "
                                               "context; a value containing ': ' must be put in quotes"),
    ("countries:\n  - {country: CHN, role: provider}\n  - {country: KHM, role: learner}", "countries: []",
     "6: countries: give at least one country, or other_regions when the source names no country (or scope_note "
     "when it names neither)"),
    ("  - {country: KHM, role: learner}", "  - {country: CHN, role: learner}",
     "8: countries[1].country: CHN is listed twice (also countries[0]); give it once, with role 'two-way' if the "
     "source says it both shares and learns"),
    # Curly quotes from a word processor: YAML reads them as text, or stumbles on the ': ' inside them.
    ("title: Cambodia - China upland rice", "title: \u201cCambodia - China: upland rice\u201d",
     "3: -: YAML syntax error: mapping values are not allowed in this context; the value is between curly quotes "
     "(\u201c \u201d or \u2018 \u2019), which YAML does not read as quotes; use straight quotes instead: \"like this\" "
     "or 'like this'"),
    ("title: Cambodia - China upland rice", "title: \u201cCambodia - China upland rice\u201d",
     "3: title: the value is between curly quotes (\u201c \u201d or \u2018 \u2019), which YAML does not read as quotes; "
     "use straight quotes instead: \"like this\" or 'like this'"),
    ("{country: CHN,", "{country: \u2018CHN\u2019,",
     "7: countries[0].country: the value is between curly quotes (\u201c \u201d or \u2018 \u2019), which YAML does not "
     "read as quotes; use straight quotes instead: \"like this\" or 'like this'"),
    # A region where a country goes: pointed to other_regions.
    ("{country: CHN,", "{country: West Africa,",
     "7: countries[0].country: 'West Africa' is a region, not a country; give the countries' ISO 3166-1 alpha-3 "
     "codes, or, if the source names no country, put the region in other_regions: [west-central-africa]"),
    ("{country: CHN,", "{country: Latin America,",
     "7: countries[0].country: 'Latin America' is a region, not a country; give the countries' ISO 3166-1 alpha-3 "
     "codes, or, if the source names no country, put the region in other_regions: [latin-america-caribbean]"),
    ("{country: CHN,", "{country: Asia and the Pacific,",
     "7: countries[0].country: 'Asia and the Pacific' is a region, not a country; give the countries' ISO 3166-1 "
     "alpha-3 codes, or, if the source names no country, put the region in other_regions: [asia-pacific]"),
    ("{country: CHN,", "{country: east-southern-africa,",
     "7: countries[0].country: 'east-southern-africa' is a region, not a country; give the countries' ISO 3166-1 "
     "alpha-3 codes, or, if the source names no country, put the region in other_regions: [east-southern-africa]"),
    ("{country: CHN,", "{country: South Africa,",  # a country, whatever its name holds
     "7: countries[0].country: unknown country 'South Africa'; did you mean ZAF (South Africa)?"),
    # Placeholders left from `build.py new`.
    ("summary: Yunnan shares upland rice systems with north-eastern Cambodia.",
     'summary: "REPLACE-ME One sentence: who learned what from whom."',
     "4: summary: the placeholder REPLACE-ME from 'build.py new' is still here; write one sentence in your own "
     "words: who learned what from whom"),
    ("years: {start: 2008, end: 2009}", "years: {start: REPLACE-ME}",
     "5: years.start: the placeholder REPLACE-ME from 'build.py new' is still here; write the year the activity "
     "started, e.g. 2009"),
    ("{country: CHN,", "{country: REPLACE-ME,",
     "7: countries[0].country: the placeholder REPLACE-ME from 'build.py new' is still here; write the country's "
     "ISO 3166-1 alpha-3 code, e.g. BRA (Brazil)"),
    ("Upland rice from Yunnan.", "Upland rice.\n\nREPLACE-ME Describe the activity here.",
     "33: body: the placeholder REPLACE-ME from 'build.py new' is still here; write the text below the front matter "
     "in your own words, with the facts as your source gives them"),
]


@pytest.mark.parametrize("old, new, expected", CASES, ids=[case[2][:50] for case in CASES])
def test_rule_message(kb_copy, old, new, expected):
    edit(kb_copy, ACTIVITY, old, new)
    assert formatted(kb_copy) == [f"{ACTIVITY}:{expected}"]


def test_all_problems_of_all_files_in_one_run(kb_copy):
    edit(kb_copy, ACTIVITY, "themes:", "themse:")
    edit(kb_copy, "lessons/lesson-one.md", "learned_by: ifad", "learned_by: IFAD International")
    edit(kb_copy, "learning_routes/palenque-route.md", "countries_visited: [COL]", "countries_visited: [Colombia]")
    problems = formatted(kb_copy)
    assert len(problems) == 4  # the missing themes is reported as well as the unknown key
    assert any(p.startswith("learning_routes/palenque-route.md:6: countries_visited[0]: unknown country "
                            "'Colombia'; did you mean COL (Colombia)?") for p in problems)
    assert any(p.startswith("lessons/lesson-one.md:9: learned_by: unknown institution") for p in problems)


def test_file_level_problems(kb_copy):
    (kb_copy / "activities" / "no-front-matter.md").write_text("Just text\n")
    (kb_copy / "activities" / "unclosed.md").write_text("---\nid: unclosed\n")
    (kb_copy / "activities" / "empty.md").write_text("---\n---\nbody\n")
    (kb_copy / "activities" / "latin1.md").write_bytes(b"---\nid: latin1\ntitle: caf\xe9\n---\n")
    (kb_copy / "activities" / "Bad Name.md").write_text("---\nid: bad\n---\n")
    (kb_copy / "activities" / "index.md").write_text((kb_copy / ACTIVITY).read_text().replace(
        "id: cambodia-china-rice", "id: index"))
    (kb_copy / "activities" / "list.md").write_text("---\n- a\n- b\n---\n")
    problems = formatted(kb_copy)
    assert "activities/no-front-matter.md:1: -: no front matter: the file must start with a line '---', then " \
           "the fields, then a line '---'" in problems
    assert "activities/unclosed.md:1: -: front matter is not closed: add a line '---' after the last field" \
        in problems
    assert "activities/empty.md:1: -: the front matter is empty; fill in the fields (python build.py new writes " \
           "a template)" in problems
    assert "activities/latin1.md:3: -: the file is not valid UTF-8 (byte 0xe9); save it with UTF-8 encoding" \
        in problems
    assert "activities/Bad Name.md:1: -: the file name 'Bad Name.md' cannot be an id; use lower-case letters, " \
           "digits and hyphens, e.g. 'my-activity.md'" in problems
    assert "activities/index.md:1: -: 'index' is reserved for a generated page; rename the file" in problems
    assert "activities/list.md:2: -: the front matter must be a list of fields written as 'name: value'" \
        in problems


def test_bom_and_crlf_are_accepted_with_a_warning_for_the_bom(kb_copy):
    path = kb_copy / ACTIVITY
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    knowledge_base, problems = load_knowledge_base(kb_copy)
    assert [p.format() for p in problems] == [
        f"{ACTIVITY}:1: -: warning: file starts with a byte-order mark (BOM); save it as UTF-8 without BOM"]
    assert "cambodia-china-rice" in knowledge_base.entries["activity"]


def test_oversized_file(kb_copy):
    (kb_copy / "activities" / "huge.md").write_text("---\nid: huge\n---\n" + "x" * 300_000)
    assert "activities/huge.md:1: -: file is larger than 256 KiB; shorten it or split it into several entries" \
        in formatted(kb_copy)


def test_invalid_entry_is_left_out_but_others_stay(kb_copy):
    edit(kb_copy, ACTIVITY, "themes:", "themse:")
    knowledge_base, _ = load_knowledge_base(kb_copy)
    assert "cambodia-china-rice" not in knowledge_base.entries["activity"]
    assert "brazil-africa-marketplace" in knowledge_base.entries["activity"]


def test_only_paths_checks_one_file_but_resolves_references_against_all(kb_copy):
    edit(kb_copy, "learning_routes/palenque-route.md", "countries_visited: [COL]", "countries_visited: [XX]")
    _, problems = load_knowledge_base(kb_copy, only_paths=["lessons/lesson-one.md"])
    assert problems == []  # lesson-one links to palenque-route, whose file exists


def test_links_are_joined_from_both_sides():
    knowledge_base, _ = load_knowledge_base(FIXTURE)
    lesson = knowledge_base.get("lesson", "lesson-one")
    marketplace = knowledge_base.get("activity", "brazil-africa-marketplace")
    # the marketplace names the lesson; the lesson names cambodia-china-rice
    assert [e.id for e in knowledge_base.linked(lesson, "activity")] == ["brazil-africa-marketplace",
                                                                          "cambodia-china-rice"]
    assert [e.id for e in knowledge_base.linked(marketplace, "lesson")] == ["lesson-one"]
    assert knowledge_base.scope_of(marketplace) == "interregional"
    assert knowledge_base.regions_of(marketplace) == ["east-southern-africa", "west-central-africa",
                                                      "latin-america-caribbean"]


def test_region_as_a_country_where_there_is_no_other_regions(kb_copy):
    route = "learning_routes/palenque-route.md"
    edit(kb_copy, route, "countries_visited: [COL]", "countries_visited: [West Africa]")
    assert formatted(kb_copy) == [
        f"{route}:6: countries_visited[0]: 'West Africa' is a region (West and Central Africa), not a country; give "
        "the countries' ISO 3166-1 alpha-3 codes, e.g. BRA (Brazil): their regions follow from them"]


LINK_CASES = [
    ("[the route](../learning_routes/palenque-route.md) and [a lesson](../lessons/lesson-one.md#why)", []),
    ("[Brazil and Africa](brazil-africa-marketplace.md) [how](../methodology.md) [site](https://example.org/x.md)"
     " [here](#top) `[code](nope.md)`", []),
    ("[x](nope.md)", ["31: body: the link 'nope.md' leads to no entry (activities/nope.md does not exist); check "
                      "the id, which is the file name without .md"]),
    ("See\n[x](../activities/nope.md#part).", [
        "32: body: the link '../activities/nope.md#part' leads to no entry (activities/nope.md does not exist); "
        "check the id, which is the file name without .md"]),
    ("[x][ref]\n\n[ref]: ../lessons/no-such-lesson.md", [
        "33: body: the link '../lessons/no-such-lesson.md' leads to no entry (lessons/no-such-lesson.md does not "
        "exist); check the id, which is the file name without .md"]),
    ("[x](../about/nope.md)", []),  # a page under docs/ or a generated one: the build knows (see below)
    ("[x](../../README.md)", ["31: body: the link '../../README.md' leads outside the site; link to a page of the "
                              "site, or to a full https:// address"]),
    ("```\n[x](nope.md)\n```", []),
]


@pytest.mark.parametrize("body, expected", LINK_CASES, ids=[case[0][:40] for case in LINK_CASES])
def test_body_links_to_missing_entries(kb_copy, body, expected):
    edit(kb_copy, ACTIVITY, "Upland rice from Yunnan.", body)
    assert formatted(kb_copy) == [f"{ACTIVITY}:{line}" for line in expected]


def test_the_build_reports_body_links_to_missing_pages(kb_copy):
    from ssckb.site import build_site

    edit(kb_copy, ACTIVITY, "Upland rice from Yunnan.",
         "[China](../countries/china.md) [a theme](../themes/no-such-theme.md) [missing](../about/nope.md)")
    problems = [p.format() for p in build_site(kb_copy).problems]
    assert problems == [
        f"{ACTIVITY}:31: body: the link '../about/nope.md' leads to no page of the site (about/nope.md does not "
        "exist); check the address",
        f"{ACTIVITY}:31: body: the link '../themes/no-such-theme.md' leads to no page of the site "
        "(themes/no-such-theme.md does not exist); check the address"]
