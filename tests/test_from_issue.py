"""``build.py from-issue``: filled issue forms, as GitHub renders them, turned into entries.

Each body is what GitHub writes for a filled form: ``### Label``, a blank line, the answer;
``_No response_`` for an empty answer; ``- [X]`` for a ticked box; a multi-select's options joined
by ", ". Each gives an entry that passes ``build.py check`` in a copy of the repository's entries,
or the exact list of what could not be mapped.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
import yaml

from conftest import REPO
from ssckb import cli
from ssckb.contrib import fromissue, values
from ssckb.contrib.forms import ISSUE_FORMS
from ssckb.contrib.issueform import NO_RESPONSE, checked_boxes, fill, load_form, sections, split_options
from ssckb.vocabularies import load_vocabularies

ACTIVITY_BODY = """\
### Title

Brasil and Moçambique share cassava know-how, step by step

### Summary

Brazilian researchers share cassava processing techniques with farmers' organizations in Mozambique.

### Years

2009–2011

### Countries and their roles

Brasil: provider
Moçambique: learner
- Chine (member)
Viet Nam - learner

### Regions taking part without named countries

Near East, North Africa and Europe, West and Central Africa

### Themes

Inclusive value chains and market access, Agricultural production

### How was knowledge exchanged?

Exposure or study visit, Seminar, workshop or conference

### Who took part?

Farmers' organizations, Researchers

### Institutions and their roles

Brazilian Agricultural Research Corporation (EMBRAPA): host
IFAD: funder

### How did IFAD fund it?

Grant-funded

### IFAD's contribution

US$1.5 million

### Others' contribution

USD 200 000

### Results

- Two cassava mills were set up.
- Farmers sold flour to schools.

### Related lessons, learning routes and activities

lesson-1-champions
Improving the quality of life for the community of Palenque

### Source

South-South cooperation in IFAD's business model (REPL.IX/3/R.3)

### Where in the source

Annex I, paragraph 3
Annex I, box 1

### What happened

Mozambican cassava growers asked to learn from Brazilian processing units.

They visited three units, then trained others at home.

### Which of the five criteria for good SSC does the source show?

- [X] Demand-driven
- [ ] Based on concrete and tested knowledge and experience
- [ ] Systematic, not one-off
- [ ] Embedded in IFAD's country programmes
- [X] Prioritized by those who benefit

### Sources and wording

- [X] Every fact above is in the source and at the place I cited, and the text is in my own words.
"""

ACTIVITY_FRONT_MATTER = """\
---
id: brasil-and-mocambique-share-cassava-know-how-step-by-step
title: "Brasil and Moçambique share cassava know-how, step by step"
summary: "Brazilian researchers share cassava processing techniques with farmers' organizations in Mozambique."
years: {start: 2009, end: 2011}
countries:
  - {country: BRA, role: provider}
  - {country: MOZ, role: learner}
  - {country: CHN, role: member}
  - {country: VNM, role: learner}
other_regions: [near-east-north-africa-europe, west-central-africa]
themes: [value-chains, agricultural-production]
modalities: [exposure-visit, seminar-conference]
participants: [farmers-organizations, researchers]
institutions:
  - {institution: embrapa, role: host}
  - {institution: ifad, role: funder}
funding_nature: grant
contributions:
  - {funder: ifad, amount: 1500000, currency: USD, kind: not-stated, status: not-stated}
  - {funder_group: not-named, amount: 200000, currency: USD, kind: not-stated, status: not-stated}
results:
  - "Two cassava mills were set up."
  - "Farmers sold flour to schools."
lessons: [lesson-1-champions]
learning_routes: [palenque-quality-of-life]
"""

# Names in Spanish and French, unknown names, a region given as a country, amounts and years in words.
ACTIVITY_WITH_PROBLEMS = """\
### Title

Rwanda learns from Perú: quinoa and the Andes

### Summary

Farmers from Rwanda visit Andean quinoa cooperatives.

### Years

around 2010

### Countries and their roles

Rwandaa: learner
Pérou
West Africa: provider

### Regions taking part without named countries

_No response_

### Themes

Agricultural production

### How was knowledge exchanged?

Exposure or study visit

### Who took part?

Farmers

### Institutions and their roles

Andean Quinoa Board: host

### How did IFAD fund it?

_No response_

### IFAD's contribution

about 3 cows

### Others' contribution

EUR 20 000

### Results

_No response_

### Related lessons, learning routes and activities

no-such-lesson

### Source

Annual report of the Quinoa Board, 2012

### Where in the source

page 12

### What happened

Farmers went to see quinoa fields.

### Favourite colour

green
"""

PATH = "activities/rwanda-learns-from-peru-quinoa-and-the-andes.md"
EXPECTED_PROBLEMS = [
    f"{PATH}:5: years.start: the answer 'around 2010' to \"Years\" is not a year or a range of years (e.g. '2010', "
    "'2009-2011'); write {start: YEAR} or {start: YEAR, end: YEAR}",
    f"{PATH}:7: countries[0].country: the answer 'Rwandaa' to \"Countries and their roles\" is no country name "
    "known in English, Spanish, French or Portuguese (did you mean RWA (Rwanda)?); write the country's ISO 3166-1 "
    "alpha-3 code",
    f"{PATH}:8: countries[1].role: the answer 'Pérou' to \"Countries and their roles\" gives no role; write one of: "
    "provider, learner, two-way, member, venue",
    f"{PATH}:9: countries[2].country: the answer 'West Africa' to \"Countries and their roles\" names a region "
    "(West Africa), not a country; name the countries, or give the region in other_regions",
    f"{PATH}:14: institutions[0].institution: the answer 'Andean Quinoa Board' to \"Institutions and their roles\" "
    "is not in the institutions registry; add it to ssckb/vocabularies/institutions.yml and write its id here",
    f"{PATH}:16: contributions[0].amount: the answer 'about 3 cows' to \"IFAD's contribution\" is not an amount "
    "as a number (e.g. 'US$1.5 million', '1,500,000'); write it as a plain number such as 1500000",
    f"{PATH}:19: lessons[0]: the answer 'no-such-lesson' to \"Related lessons, learning routes and activities\" is "
    "no id or title of an entry of the knowledge base; write the id of an existing lesson or learning route, or "
    "remove the line",
    f"{PATH}:21: sources[0].source: the answer 'Annual report of the Quinoa Board, 2012' to \"Source\" is no "
    "source of the knowledge base (in sources/) by its id, title, identifier or address; add it with python "
    "build.py new source \"Title\", fill in the file it writes, and write the id it prints here",
    f"{PATH}:1: -: the issue has a section \"Favourite colour\" that the form does not ask, with the answer 'green'; "
    "put what it says where it belongs by hand",
]

LESSON_BODY = """\
### Title

Let farmers teach farmers, in their own words

### Number

_No response_

### The lesson

Exchanges work best when farmers who have solved a problem explain it to farmers who face it.

### Its points

1. Farmers trust other farmers.
2. Technicians should translate, not lecture.

### Who learned it

International Fund for Agricultural Development

### Themes

Rural producer organizations, Gender

### Related activities and learning routes

cambodia-china-upland-rice
Successful Colombian rural microenterprises

### Source

REPL.IX/3/R.3

### Where in the source

Annex II, paragraph 3; Main text, paragraph 15 (b)

### Explanation

In the exchanges the source describes, the farmers' own explanations carried furthest.

### Sources and wording

- [X] Every fact above is in the source and at the place I cited, and the text is in my own words.
"""

ROUTE_BODY = """\
### Title

Andean quinoa route for Asian and African farmers

### Summary

Farmers from Mozambique, Brazil and China visit quinoa cooperatives in Peru and Bolivia.

### Years

2009 to 2011

### Countries visited

Pérou
Bolivie, Equateur

### Countries the participants came from

Moçambique, Brasil
Chine
Bolivia, Plurinational State of

### Cases visited

A cooperative selling quinoa abroad; PROCASUR; Bolivia
Seed banks run by women

### Organisers

Regional Programme for Rural Development Training (PROCASUR)

### Themes

Inclusive value chains and market access

### Who took part?

Farmers, Project staff and technicians

### Duration

ten days

### Innovation plans

- A seed bank in Manica province.

### Results

_No response_

### Related activities and lessons

lesson-1-champions

### Source

South-South cooperation in IFAD's business model

### Where in the source

Annex I, paragraph 20

### What happened

Participants travelled from case to case and drew up plans to take home.

### Sources and wording

- [X] Every fact above is in the source and at the place I cited, and the text is in my own words.
"""


@pytest.fixture()
def kb(tmp_path):
    """A copy of the repository's entries and pages, in which a written entry is checked."""
    root = tmp_path / "kb"
    for folder in ("activities", "lessons", "learning_routes", "sources", "docs"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def _from_issue(kb, body: str, tmp_path, *options) -> int:
    issue = tmp_path / "issue.md"
    issue.write_text(body, encoding="utf-8")
    return cli.main(["from-issue", str(issue), "--root", str(kb), *options])


def _check(kb, capsys) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = cli.main(["check", "--root", str(kb)])
    # An entry written from a form is in English: it is warned of its missing translations (which fail no
    # check), and these warnings are left out here.
    return code, [line for line in capsys.readouterr().out.splitlines() if ": translations: warning: " not in line]


def _front_matter(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_an_activity_form_becomes_an_entry_that_passes_check(kb, tmp_path, capsys):
    report = tmp_path / "report.md"
    assert _from_issue(kb, ACTIVITY_BODY, tmp_path, "--report", str(report)) == 0
    out = capsys.readouterr().out.splitlines()
    path = "activities/brasil-and-mocambique-share-cassava-know-how-step-by-step.md"
    assert out == [path]
    text = (kb / path).read_text(encoding="utf-8")
    assert text.startswith(ACTIVITY_FRONT_MATTER)
    assert _front_matter(kb / path)["sources"] == [{"source": "ifad-repl-ix-3-r-3",
                                                    "locations": ["Annex I, paragraph 3", "Annex I, box 1"]}]
    assert text.endswith("---\n\nMozambican cassava growers asked to learn from Brazilian processing units.\n\n"
                         "They visited three units, then trained others at home.\n")
    assert _check(kb, capsys) == (0, [])
    written = report.read_text(encoding="utf-8")
    assert f"`{path}`" in written and "Every answer was mapped" in written
    assert "Criteria the contributor ticked: Demand-driven; Prioritized by those who benefit." in written


def test_what_cannot_be_mapped_is_listed_and_left_for_check_to_reject(kb, tmp_path, capsys):
    assert _from_issue(kb, ACTIVITY_WITH_PROBLEMS, tmp_path) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [PATH, *EXPECTED_PROBLEMS]
    data = _front_matter(kb / PATH)
    # Nothing is dropped: what could not be mapped is in the file, marked for review.
    assert data["years"] == {"start": "REVIEW: around 2010"}
    assert data["countries"] == [{"country": "REVIEW: Rwandaa", "role": "learner"},
                                 {"country": "PER", "role": "REVIEW: Pérou"},
                                 {"country": "REVIEW: West Africa", "role": "provider"}]
    # Each contribution keeps its own currency (the others' is in euros); kind and status are not stated.
    assert data["contributions"] == [
        {"funder": "ifad", "amount": "REVIEW: about 3 cows", "currency": "USD", "kind": "not-stated",
         "status": "not-stated"},
        {"funder_group": "not-named", "amount": 20000, "currency": "EUR", "kind": "not-stated",
         "status": "not-stated"}]
    code, checked = _check(kb, capsys)
    assert code == 1
    # The check rejects every value left for review, on the line from-issue gave.
    flagged = {line.split(": ", 1)[0] for line in checked}
    assert {line.split(": ", 1)[0] for line in EXPECTED_PROBLEMS if ":1: -:" not in line} <= flagged
    assert all("REVIEW: " in line for line in checked), checked


def test_a_lesson_form_becomes_an_entry_that_passes_check(kb, tmp_path, capsys):
    assert _from_issue(kb, LESSON_BODY, tmp_path) == 0
    path = "lessons/let-farmers-teach-farmers-in-their-own-words.md"
    assert capsys.readouterr().out.splitlines() == [path]
    data = _front_matter(kb / path)
    assert "number" not in data  # _No response_: the optional field is left out
    assert data["learned_by"] == "ifad"
    assert data["points"] == ["Farmers trust other farmers.", "Technicians should translate, not lecture."]
    assert data["themes"] == ["producer-organizations", "gender"]
    assert data["activities"] == ["cambodia-china-upland-rice"]
    assert data["learning_routes"] == ["colombian-rural-microenterprises"]
    assert data["sources"][0]["locations"] == ["Annex II, paragraph 3", "Main text, paragraph 15 (b)"]
    assert _check(kb, capsys) == (0, [])


def test_a_learning_route_form_becomes_an_entry_that_passes_check(kb, tmp_path, capsys):
    assert _from_issue(kb, ROUTE_BODY, tmp_path) == 0
    path = "learning_routes/andean-quinoa-route-for-asian-and-african-farmers.md"
    assert capsys.readouterr().out.splitlines() == [path]
    data = _front_matter(kb / path)
    assert data["years"] == {"start": 2009, "end": 2011}
    assert data["countries_visited"] == ["PER", "BOL", "ECU"]
    # A line holding one name with a comma of its own is not split.
    assert data["participant_countries"] == ["MOZ", "BRA", "CHN", "BOL"]
    assert data["cases"] == [{"title": "A cooperative selling quinoa abroad", "host": "procasur", "country": "BOL"},
                             {"title": "Seed banks run by women"}]
    assert data["organisers"] == ["procasur"]
    assert data["participants"] == ["farmers", "project-staff"]
    assert data["lessons"] == ["lesson-1-champions"]
    assert data["sources"] == [{"source": "ifad-repl-ix-3-r-3", "locations": ["Annex I, paragraph 20"]}]
    assert _check(kb, capsys) == (0, [])


def test_a_related_activity_of_an_activity_is_linked_from_the_body(kb, tmp_path, capsys):
    body = ACTIVITY_BODY.replace("lesson-1-champions\nImproving the quality of life for the community of Palenque",
                                 "cambodia-china-upland-rice")
    assert _from_issue(kb, body, tmp_path) == 0
    path = kb / "activities/brasil-and-mocambique-share-cassava-know-how-step-by-step.md"
    text = path.read_text(encoding="utf-8")
    assert "lessons:" not in text
    assert text.endswith("trained others at home.\n\nRelated activity: "
                         "[Cambodia - China: upland rice-based systems from Yunnan](cambodia-china-upland-rice.md).\n")
    assert _check(kb, capsys) == (0, [])


def test_nothing_is_written_over_an_existing_entry_or_without_a_title(kb, tmp_path, capsys):
    assert _from_issue(kb, ACTIVITY_BODY, tmp_path) == 0
    assert _from_issue(kb, ACTIVITY_BODY, tmp_path) == 2
    assert "already exists" in capsys.readouterr().err
    no_title = ACTIVITY_BODY.replace("Brasil and Moçambique share cassava know-how, step by step", NO_RESPONSE)
    assert _from_issue(kb, no_title, tmp_path) == 2
    assert "no usable title" in capsys.readouterr().err
    assert _from_issue(kb, "Please add my project!\n", tmp_path) == 2
    assert "not an issue made from a 'propose' form" in capsys.readouterr().err


def test_the_kind_is_found_from_the_questions(kb, tmp_path, capsys):
    assert _from_issue(kb, LESSON_BODY, tmp_path) == 0
    assert capsys.readouterr().out.startswith("lessons/")
    assert _from_issue(kb, ROUTE_BODY, tmp_path, "--kind", "route") == 0
    assert capsys.readouterr().out.startswith("learning_routes/")


# --- The parts ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def vocabularies():
    return load_vocabularies(root=REPO)


@pytest.fixture(scope="module")
def activity_form():
    return load_form(REPO / ISSUE_FORMS["activity"])


def test_the_body_is_read_by_the_forms_labels(activity_form):
    assert sections("intro\n### Title\n\nA\n\n### Years\n\n_No response_\n")[0] == ("Title", "A")
    filled = fill(activity_form, ACTIVITY_WITH_PROBLEMS)
    assert filled.answers["title"] == "Rwanda learns from Perú: quinoa and the Andes"
    assert filled.answers["other_regions"] is None  # _No response_
    assert filled.answers["criteria"] is None  # not in the body at all
    assert filled.unknown_headings == [("Favourite colour", "green")]
    assert checked_boxes("- [X] Demand-driven\n- [ ] Systematic, not one-off\n- [x] Gender") == [
        "Demand-driven", "Gender"]


def test_options_with_commas_are_never_split(activity_form):
    options = {f.id: f.options for f in activity_form.fields}
    regions = options["other_regions"]
    assert "Near East, North Africa and Europe" in regions
    assert split_options("Near East, North Africa and Europe", regions) == (["Near East, North Africa and Europe"], [])
    assert split_options("Asia and the Pacific, Near East, North Africa and Europe, West and Central Africa",
                         regions) == (["Asia and the Pacific", "Near East, North Africa and Europe",
                                       "West and Central Africa"], [])
    modalities = options["modalities"]
    assert split_options("Seminar, workshop or conference, Training", modalities) == (
        ["Seminar, workshop or conference", "Training"], [])
    assert split_options("Training, Dancing", modalities) == (["Training"], ["Dancing"])


@pytest.mark.parametrize("name, code", [
    ("Brazil", "BRA"), ("Brasil", "BRA"), ("Brésil", "BRA"),
    ("Mozambique", "MOZ"), ("Moçambique", "MOZ"), ("MOÇAMBIQUE", "MOZ"),
    ("China", "CHN"), ("Chine", "CHN"),
    ("Viet Nam", "VNM"), ("Vietnam", "VNM"), ("Viêt Nam", "VNM"),
    ("Perú", "PER"), ("Pérou", "PER"), ("Camboya", "KHM"), ("Cambodge", "KHM"), ("Camboja", "KHM"),
    ("Côte d'Ivoire", "CIV"), ("Cote d’Ivoire", "CIV"), ("Bolivia (Plurinational State of)", "BOL"),
    ("United Republic of Tanzania", "TZA"), ("Tanzanie", "TZA"), ("the Philippines", "PHL"), ("BRA", "BRA"),
])
def test_country_names_in_four_languages(name, code, vocabularies):
    assert values.country_code(name, values.country_index(vocabularies), vocabularies) == code


@pytest.mark.parametrize("name, key", [("Brasill", "unknown_country"), ("West Africa", "region_as_country"),
                                       ("Latin America and the Caribbean", "region_as_country")])
def test_names_that_are_no_country(name, key, vocabularies):
    with pytest.raises(values.Unreadable) as raised:
        values.country_code(name, values.country_index(vocabularies), vocabularies)
    assert raised.value.key == key


@pytest.mark.parametrize("text, amount, currency", [
    ("US$1.5 million", 1500000, "USD"), ("USD 1,500,000", 1500000, "USD"), ("1,500,000", 1500000, None),
    ("1.5m", 1500000, None), ("200 000", 200000, None), ("$200,000", 200000, "USD"), ("500k", 500000, None),
    ("1,5 millions EUR", 1500000, "EUR"), ("1.500.000", 1500000, None), ("US$ 60,000", 60000, "USD"),
    ("1,234.56", 1234.56, None), ("1.2 billion", 1200000000, None), ("EUR 20 000", 20000, "EUR"),
])
def test_amounts_as_printed(text, amount, currency):
    assert values.parse_amount(text) == (amount, currency)


@pytest.mark.parametrize("text", ["about 3 cows", "a lot", "US$", "1,50,0", "XYZ 100"])
def test_amounts_that_are_not_read(text):
    with pytest.raises(values.Unreadable):
        values.parse_amount(text)


@pytest.mark.parametrize("text, years", [
    ("2009-2011", {"start": 2009, "end": 2011}), ("2009–2011", {"start": 2009, "end": 2011}),
    ("2009 to 2011", {"start": 2009, "end": 2011}), ("2009 - 2011", {"start": 2009, "end": 2011}),
    ("2010", {"start": 2010}), ("2010-2010", {"start": 2010}), ("de 2009 a 2011", {"start": 2009, "end": 2011}),
])
def test_years(text, years):
    assert values.parse_years(text) == years


@pytest.mark.parametrize("text, key", [("around 2010", "bad_years"), ("2011-2009", "years_reversed"),
                                       ("1850", "years_out_of_range")])
def test_years_that_are_not_read(text, key):
    with pytest.raises(values.Unreadable) as raised:
        values.parse_years(text)
    assert raised.value.key == key


def test_the_source_is_written_by_one_function():
    assert fromissue.source_front_matter("ifad-repl-ix-3-r-3", ["Annex I, box 1"]) == {
        "sources": [{"source": "ifad-repl-ix-3-r-3", "locations": ["Annex I, box 1"]}]}


QUINOA_SOURCE = """\
---
id: quinoa-board-annual-report-2012
title: "Informe anual de la Junta de la Quinua, 2012"
type: report
publisher: Junta Andina de la Quinua
year: 2012
language: es
url: https://example.org/quinua/informe-2012
identifier: {doi: 10.1234/quinua.2012}
---

The board's yearly account of its exchanges with farmers abroad.
"""

QUINOA_PROBLEMS_BODY = ACTIVITY_WITH_PROBLEMS.replace("Annual report of the Quinoa Board, 2012", "{source}")


@pytest.mark.parametrize("answer", ["quinoa-board-annual-report-2012", "INFORME ANUAL DE LA JUNTA DE LA QUINUA, 2012",
                                    "Informe anual de la Junta de la Quínua 2012", "doi:10.1234/quinua.2012",
                                    "https://example.org/quinua/informe-2012"])
def test_any_source_of_the_knowledge_base_is_found_and_cited_at_a_page(kb, tmp_path, capsys, answer):
    (kb / "sources/quinoa-board-annual-report-2012.md").write_text(QUINOA_SOURCE, encoding="utf-8")
    assert _from_issue(kb, QUINOA_PROBLEMS_BODY.replace("{source}", answer), tmp_path) == 1
    out = capsys.readouterr().out.splitlines()
    assert not any("sources[" in line for line in out), out  # 'page 12' is a place in a source of free locations
    assert _front_matter(kb / PATH)["sources"] == [{"source": "quinoa-board-annual-report-2012",
                                                    "locations": ["page 12"]}]


def test_a_location_is_checked_in_the_form_its_source_is_cited_in(kb, tmp_path, capsys):
    body = ACTIVITY_BODY.replace("Annex I, paragraph 3\nAnnex I, box 1", "page 12")
    assert _from_issue(kb, body, tmp_path) == 1
    path = "activities/brasil-and-mocambique-share-cassava-know-how-step-by-step.md"
    assert capsys.readouterr().out.splitlines()[1:] == [
        f"{path}:28: sources[0].locations[0]: the answer 'page 12' to \"Where in the source\" is not a place in the "
        "form ifad-repl-ix-3-r-3 is cited in; write it as 'Annex I, paragraph 3', 'Annex I, paragraphs 3-4', "
        "'Annex I, box 1', 'Annex I, table' or 'Main text, paragraph 15 (b)'"]
    assert _front_matter(kb / path)["sources"] == [{"source": "ifad-repl-ix-3-r-3", "locations": ["REVIEW: page 12"]}]


def test_an_unknown_source_gets_the_nearest_known_one_suggested(kb, tmp_path, capsys):
    (kb / "sources/quinoa-board-annual-report-2012.md").write_text(QUINOA_SOURCE, encoding="utf-8")
    assert _from_issue(kb, QUINOA_PROBLEMS_BODY.replace("{source}", "Informe anual de la Junta de la Quinua, 2013"),
                       tmp_path) == 1
    line = next(line for line in capsys.readouterr().out.splitlines() if "sources[0].source" in line)
    assert ("(did you mean quinoa-board-annual-report-2012 (Informe anual de la Junta de la Quinua, 2012)?); "
            "add it with python build.py new source \"Title\"") in line


def test_sources_are_found_by_their_names(vocabularies):
    from ssckb.sources import Source

    sources = {"a-b": Source("a-b", "sources/a-b.md", {"title": "Rice", "identifier": {"isbn": "978-92-9072-123-4"}}),
               "ifad-repl-ix-3-r-3": Source("ifad-repl-ix-3-r-3", "sources/ifad-repl-ix-3-r-3.md",
                                            {"title": "South-South cooperation in IFAD's business model",
                                             "identifier": {"symbol": "REPL.IX/3/R.3"}})}
    assert fromissue.source_id("South-South cooperation in IFAD's business model (REPL.IX/3/R.3)", sources) == \
        "ifad-repl-ix-3-r-3"
    assert fromissue.source_id("rice", sources) == "a-b"
    assert fromissue.source_id("ISBN 978-92-9072-123-4", sources) == "a-b"
    assert fromissue.source_id("A report on rice in Asia", sources) is None  # a short name only alone


# --- The workflow that turns a labelled issue into a pull request -------------------------------

WORKFLOW = REPO / ".github/workflows/from-issue.yml"
SITE_WORKFLOW = REPO / ".github/workflows/site.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _pins(path) -> dict:
    found = re.findall(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", path.read_text(encoding="utf-8"), flags=re.M)
    return {action.partition("@")[0]: (action.partition("@")[2], comment.strip()) for action, comment in found}


def test_workflow_runs_on_a_maintainers_label_with_least_rights(workflow):
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers == {"issues": {"types": ["labeled"]}}
    assert workflow["permissions"] == {"contents": "read"}
    (job,) = workflow["jobs"].values()
    assert "github.event.label.name == 'accepted'" in job["if"]
    assert "!github.event.issue.pull_request" in job["if"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


def test_workflow_actions_are_pinned_like_the_site_workflow():
    pins, site_pins = _pins(WORKFLOW), _pins(SITE_WORKFLOW)
    assert pins
    for name, (ref, comment) in pins.items():
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{name} is not pinned by a full commit SHA"
        assert re.fullmatch(r"# v\d+\.\d+\.\d+", comment), f"{name}: give the release as '# vX.Y.Z'"
        if name in site_pins:
            assert site_pins[name] == (ref, comment), f"{name}: one action, one pin"


def test_issue_text_never_reaches_a_script_as_an_expression(workflow):
    (job,) = workflow["jobs"].values()
    for step in job["steps"]:
        assert "${{" not in step.get("run", ""), f"step '{step.get('name')}' interpolates an expression"
    # The issue's text reaches the scripts as environment variables only.
    assert job["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert job["env"]["ISSUE_TITLE"] == "${{ github.event.issue.title }}"
    text = WORKFLOW.read_text(encoding="utf-8")
    assert text.count("github.event.issue.body") == 1 and text.count("github.event.issue.title") == 1


def _step(workflow, name_start: str) -> dict:
    (job,) = workflow["jobs"].values()
    return next(step for step in job["steps"] if step.get("name", "").startswith(name_start))


def test_workflow_script_writes_the_entry_and_the_report(workflow, tmp_path):
    """The step's own script, run on a copy of the repository with a hostile issue body."""
    root = tmp_path / "repo"
    for folder in ("activities", "lessons", "learning_routes", "docs", "ssckb", ".github"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "build.py", root / "build.py")
    (root / ".venv").symlink_to(REPO / ".venv")
    temp, output = tmp_path / "runner", tmp_path / "output.txt"
    temp.mkdir()
    body = ACTIVITY_WITH_PROBLEMS.replace("green", "$(touch pwned) `touch pwned2` ${{ github.token }}")
    script = _step(workflow, "Write the entry")["run"]
    env = {"PATH": os.environ["PATH"], "ISSUE_BODY": body, "RUNNER_TEMP": str(temp), "GITHUB_OUTPUT": str(output)}
    result = subprocess.run(["bash", "-e", "-c", script], cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert output.read_text().splitlines() == ["status=1", f"path={PATH}"]
    assert (root / PATH).is_file()
    assert not (root / "pwned").exists() and not (root / "pwned2").exists()
    report = (temp / "report.md").read_text(encoding="utf-8")
    assert f"`{PATH}:7` `countries[0].country`" in report
    assert "`touch pwned2`" not in report  # backticks of the answer cannot close the code span

    # A body no entry can be made from: nothing written, and the report says why.
    output.unlink()
    env["ISSUE_BODY"] = "Please add my project!"
    result = subprocess.run(["bash", "-e", "-c", script], cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert output.read_text().splitlines() == ["status=2"]
    assert "No entry could be written" in (temp / "report.md").read_text(encoding="utf-8")

    # A request: the entry says to answer it in the issue's thread, at the issue's address.
    output.unlink()
    env.update(ISSUE_BODY=_body_from_form("request", DEMAND_ANSWERS["request"]), ISSUE_URL=ISSUE)
    result = subprocess.run(["bash", "-e", "-c", script], cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert output.read_text().splitlines()[1] == f"path={REQUEST_PATH}"
    assert (root / REQUEST_PATH).read_text(encoding="utf-8").endswith(f"thread: <{ISSUE}>.\n")


def test_workflow_leaves_the_issue_of_a_request_or_offer_open(workflow):
    script = _step(workflow, "Open a pull request")["run"]
    assert 'requests/*|offers/*) about="For #$ISSUE_NUMBER' in script
    assert '*) about="Closes #$ISSUE_NUMBER' in script


def test_every_entry_kind_has_a_form_whose_questions_are_told_apart():
    from ssckb.schemas import ENTRY_KINDS

    assert set(ISSUE_FORMS) == set(ENTRY_KINDS)
    for kind, path in ISSUE_FORMS.items():
        form = load_form(REPO / path)
        labels = [f.label for f in form.fields]
        assert len(labels) == len(set(labels)), f"{path}: two questions with the same label cannot be told apart"
        assert {"title", "source", "source_locations", "description"} <= {f.id for f in form.fields}


# --- Requests and offers: the "I want to learn…" and "We can share…" forms -----------------------

ISSUE = "https://github.com/example/ssc-knowledge-base/issues/42"

#: The answers a contributor types (choices are made from the form's own options, below).
DEMAND_ANSWERS = {
    "request": {
        "title": "Rwanda seeks experience in quinoa value chains",
        "statement": "The Rwanda Agriculture Board wants to learn how Andean farmers' organizations sell quinoa.",
        "countries": "Ruanda",
        "regions": NO_RESPONSE,  # only when no country is named: the countries' regions are derived
        "institutions": "IFAD",
        "languages": "Anglais, español",
        "years": "2026",
        "source": "REPL.IX/3/R.3",
        "source_locations": "Annex I, box 5",
        "description": "Quinoa is new in Rwanda; its farmers' organizations want to see how cooperatives work.",
    },
    "offer": {
        "title": "Learning routes to rural microenterprises in Colombia",
        "statement": "Colombian rural microenterprises show how small rural businesses grow with savings groups.",
        "countries": "Colombie",
        "regions": NO_RESPONSE,
        "institutions": "Regional Programme for Rural Development Training (PROCASUR)",
        "languages": "Spanish\nInglés",
        "years": "2010 to 2011",
        "conditions": "The learners' projects pay their travel and stay.",
        "related": "Successful Colombian rural microenterprises",
        "source": "South-South cooperation in IFAD's business model",
        "source_locations": "Annex I, paragraph 19",
        "description": "The route visits microenterprises supported by IFAD projects.",
    },
}


def _body_from_form(kind: str, answers: dict, chosen: int = 2) -> str:
    """The body GitHub writes for the form of ``kind`` filled with ``answers``: the form's own labels, the
    first ``chosen`` options of each dropdown, every box ticked, ``_No response_`` for the rest."""
    form = load_form(REPO / ISSUE_FORMS[kind])
    parts = []
    for element in form.fields:
        if element.id in answers:
            answer = answers[element.id]
        elif element.type == "dropdown":
            answer = ", ".join(element.options[:chosen if element.multiple else 1])
        elif element.type == "checkboxes":
            answer = "\n".join(f"- [X] {option}" for option in element.options)
        else:
            answer = NO_RESPONSE
        parts.append(f"### {element.label}\n\n{answer}\n")
    return "\n".join(parts)


@pytest.mark.parametrize("kind", ["request", "offer"])
def test_a_request_or_offer_form_becomes_an_entry_that_passes_check(kind, kb, tmp_path, capsys):
    for folder in ("requests", "offers"):
        shutil.copytree(REPO / folder, kb / folder)
    form = load_form(REPO / ISSUE_FORMS[kind])
    body = _body_from_form(kind, DEMAND_ANSWERS[kind])
    report = tmp_path / "report.md"
    assert _from_issue(kb, body, tmp_path, "--issue", ISSUE, "--report", str(report)) == 0
    folder = {"request": "requests", "offer": "offers"}[kind]
    path = f"{folder}/{fromissue.entry_id_from_title(DEMAND_ANSWERS[kind]['title'])}.md"
    assert capsys.readouterr().out.splitlines() == [path]
    data = _front_matter(kb / path)
    options = {f.id: f.options for f in form.fields}
    vocabularies = load_vocabularies(root=REPO)

    def ids(form_id, vocabulary, count=2):
        by_label = {term.label: term.id for term in vocabularies[vocabulary]}
        return [by_label[label] for label in options[form_id][:count]]

    party = {"request": "requester", "offer": "provider"}[kind]
    assert data[party] == {
        "countries": ["RWA" if kind == "request" else "COL"],
        "institutions": ["ifad" if kind == "request" else "procasur"],
        "organisation_types": ids("organisation_types", "participant_types")}
    assert data["themes"] == ids("themes", "themes")
    assert data["participants"] == ids("participants", "participant_types")
    assert data["modalities"] == ids("modalities", "modalities")
    assert data["status"] == "open"
    if kind == "request":
        assert data["languages"] == ["en", "es"]
        assert data["years"] == {"start": 2026}
        assert data["sources"] == [{"source": "ifad-repl-ix-3-r-3", "locations": ["Annex I, box 5"]}]
    else:
        assert data["languages"] == ["es", "en"]
        assert data["years"] == {"start": 2010, "end": 2011}
        assert data["conditions"] == "The learners' projects pay their travel and stay."
        assert data["learning_routes"] == ["colombian-rural-microenterprises"]
    # Contact goes through the issue's thread: the entry says where it is.
    text = (kb / path).read_text(encoding="utf-8")
    assert text.endswith(f"thread: <{ISSUE}>.\n")
    assert _check(kb, capsys) == (0, [])
    assert "Every answer was mapped" in report.read_text(encoding="utf-8")


REQUEST_PATH = "requests/rwanda-seeks-experience-in-quinoa-value-chains.md"


def test_what_a_request_form_cannot_map_is_listed_and_rejected_by_check(kb, tmp_path, capsys):
    answers = {**DEMAND_ANSWERS["request"], "countries": "Rwandaa\nWest Africa", "institutions": "Rwanda Quinoa Board",
               "languages": "Kinyarwanda, Klingon", "modalities": "Learning route, Dancing", "source": NO_RESPONSE,
               "source_locations": NO_RESPONSE}
    assert _from_issue(kb, _body_from_form("request", answers), tmp_path, "--issue", ISSUE) == 1
    out = capsys.readouterr().out.splitlines()
    options = "; ".join(next(f.options for f in load_form(REPO / ISSUE_FORMS["request"]).fields
                             if f.id == "modalities"))
    assert out == [
        REQUEST_PATH,
        f"{REQUEST_PATH}:7: requester.countries[0]: the answer 'Rwandaa' to \"Your country or countries\" is no "
        "country name known in English, Spanish, French or Portuguese (did you mean RWA (Rwanda)?); write the "
        "country's ISO 3166-1 alpha-3 code",
        f"{REQUEST_PATH}:8: requester.countries[1]: the answer 'West Africa' to \"Your country or countries\" names a "
        "region (West Africa), not a country; name the countries, or give the region in requester.regions",
        f"{REQUEST_PATH}:10: requester.institutions[0]: the answer 'Rwanda Quinoa Board' to \"Your institution or "
        "organisation\" is not in the institutions registry; add it to ssckb/vocabularies/institutions.yml and "
        "write its id here",
        f"{REQUEST_PATH}:16: modalities[1]: the answer 'Dancing' to \"How would you like to learn?\" is none of the "
        f"form's options; choose one of: {options}",
        f"{REQUEST_PATH}:19: languages[1]: the answer 'Klingon' to \"Languages the learning can be in\" is no "
        "language name known in English, Spanish, French or Portuguese; write the language's ISO 639-1 code, e.g. en",
        f"{REQUEST_PATH}:23: sources[0].source: \"Is it written down somewhere else?\" has no answer: the knowledge "
        "request is written down first in its issue; add that issue as a source with python build.py new source "
        f"\"Title\" (type: first-hand-account, publisher: the organisation, url: {ISSUE}), and write the id it "
        "prints here",
    ]
    data = _front_matter(kb / REQUEST_PATH)
    assert data["requester"]["countries"] == ["REVIEW: Rwandaa", "REVIEW: West Africa"]
    assert data["languages"] == ["rw", "REVIEW: Klingon"]
    assert data["sources"] == [{"source": "REVIEW: the issue", "locations": ["the issue's opening message"]}]
    code, checked = _check(kb, capsys)
    assert code == 1
    # The check rejects every value left for review, on the line from-issue gave.
    assert {line.split(": ", 1)[0] for line in out[1:]} <= {line.split(": ", 1)[0] for line in checked}
    assert all("REVIEW: " in line for line in checked), checked


def test_a_request_that_says_not_who_asks_is_left_for_review(kb, tmp_path, capsys):
    # No dropdown chosen (an empty answer reads as no answer), no country, no institution.
    body = _body_from_form("request", DEMAND_ANSWERS["request"], chosen=0).replace(
        "### Your country or countries\n\nRuanda", f"### Your country or countries\n\n{NO_RESPONSE}").replace(
        "### Your institution or organisation\n\nIFAD", f"### Your institution or organisation\n\n{NO_RESPONSE}")
    assert _from_issue(kb, body, tmp_path) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[1:] == [
        f"{REQUEST_PATH}:5: requester.organisation_types[0]: no answer says who wants to learn (\"Your country or "
        "countries\", \"Your region, if you name no country\", \"Your institution or organisation\", \"What kind of "
        "organisation are you?\"); ask the contributor, and give at least one of countries, regions, institutions "
        "or organisation_types",
        f"{REQUEST_PATH}:1: themes: \"Themes\" has no answer, and the entry needs it; ask the contributor, or find "
        "it in the source"]
    assert _check(kb, capsys)[0] == 1


def test_contact_details_never_reach_the_file(kb, tmp_path, capsys):
    answers = {**DEMAND_ANSWERS["offer"],
               "description": "The route visits microenterprises. Write to ana.perez@example.org or +57 1 234 5678.",
               "conditions": "Call +57 (1) 234-5678 first."}
    body = _body_from_form("offer", answers).replace("- [X]", "- [ ]")
    report = tmp_path / "report.md"
    assert _from_issue(kb, body, tmp_path, "--report", str(report)) == 1
    path = "offers/learning-routes-to-rural-microenterprises-in-colombia.md"
    text = (kb / path).read_text(encoding="utf-8")
    assert "example.org" not in text and "234" not in text
    assert "Write to (REVIEW: an e-mail address removed) or (REVIEW: a telephone number removed)." in text
    out = capsys.readouterr().out.splitlines()
    assert [line.split(": ", 2)[1] for line in out[1:]] == ["conditions", "body", "body"]
    assert out[1].endswith("held what looks like a telephone number, and the file has it removed: the knowledge "
                           "base keeps no personal contact details (contact goes through the issue's thread or the "
                           "institution's public address); remove the marked words, and ask the contributor to "
                           "edit the issue too")
    assert "did not confirm that the issue holds no personal data" in report.read_text(encoding="utf-8")
    # Years, ranges and amounts are no telephone numbers.
    filled = fill(load_form(REPO / ISSUE_FORMS["offer"]), "### On what terms?\n\n2009-2011, 1,500,000 USD\n")
    assert fromissue.redact_personal_data(filled, ("conditions",))[1] == []


def test_the_request_and_offer_forms_are_told_apart(kb, tmp_path, capsys):
    assert _from_issue(kb, _body_from_form("request", DEMAND_ANSWERS["request"]), tmp_path) == 0
    assert capsys.readouterr().out.startswith("requests/")
    assert _from_issue(kb, _body_from_form("offer", DEMAND_ANSWERS["offer"]), tmp_path, "--kind", "offer") == 0
    assert capsys.readouterr().out.startswith("offers/")


def test_an_issue_address_that_is_not_one_is_refused(kb, tmp_path, capsys):
    body = _body_from_form("request", DEMAND_ANSWERS["request"])
    assert _from_issue(kb, body, tmp_path, "--issue", "https://example.org/x>) [click](javascript:1") == 2
    assert "is not the address of an issue" in capsys.readouterr().err
    assert not (kb / REQUEST_PATH).exists()


@pytest.mark.parametrize("name, code", [("English", "en"), ("anglais", "en"), ("Inglés", "en"), ("inglês", "en"),
                                        ("Français", "fr"), ("francés", "fr"), ("espagnol", "es"), ("Español", "es"),
                                        ("Portuguese", "pt"), ("português", "pt"), ("ar", "ar"), ("ZH", "zh"),
                                        ("Chinese", "zh"), ("eng", "en")])
def test_language_names_in_four_languages(name, code, vocabularies):
    assert values.language_code(name, values.language_index(vocabularies), vocabularies) == code
