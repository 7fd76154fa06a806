"""Vocabulary files are validated by JSON Schemas like entries (ssckb/schemas/vocabularies/), with
``path:line: field: message`` and the fix; page addresses made from them are checked (two names with one
address, a name or id that takes the address of a generated page or of a device, names in any script);
every id pattern refuses a final line break, in the compiled (fastjsonschema) and the jsonschema paths.

The hostile vocabulary files are in tests/hostile_files/, named ``<vocabulary>.<case>.<mode>.yml``: mode
``add`` appends the file to the vocabulary the fixture knowledge base uses (its own, or the engine's),
``replace`` replaces it. Each case is checked alone, in a copy of the fixture, with its exact messages.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURE, REPO
from ssckb import schemas
from ssckb.addresses import check_knowledge_base
from ssckb.site import build_site
from ssckb.vocabularies import VOCABULARY_DIR, Vocabularies, load_vocabularies, page_slug, slugify

HOSTILE = Path(__file__).parent / "hostile_files"
VOCABULARY_SCHEMAS = REPO / "ssckb/schemas/vocabularies"
DEVICE = ("is a name Windows keeps for a device (con, prn, aux, nul, com1 to com9 and lpt1 to lpt9, with any "
          "extension): the offline copy could not be unpacked there")


def base_text(vocabulary: str) -> str:
    own = FIXTURE / "vocabularies" / f"{vocabulary}.yml"
    return (own if own.is_file() else VOCABULARY_DIR / f"{vocabulary}.yml").read_text(encoding="utf-8")


def base_lines(vocabulary: str) -> int:
    return len(base_text(vocabulary).splitlines())


C, T = base_lines("countries"), base_lines("themes")
R, I = base_lines("regions"), base_lines("institutions")
V = "vocabularies"

#: case file -> the exact lines `check` prints for it ('replace' cases: the lines of the vocabulary file).
EXPECTED = {
    "countries.name-without-braces.add.yml": [
        f"{V}/countries.yml:{C + 1}: BRA: expected a group of fields (name: value), got the text 'Brazil'; write the "
        "country's fields in braces, e.g. 'BRA: {name: Brazil}'"],
    "countries.name-a-number.add.yml": [
        f"{V}/countries.yml:{C + 1}: BRA.name: expected text, got the number 5; put the value in quotes"],
    "countries.misspelt-field.add.yml": [
        f"{V}/countries.yml:{C + 1}: CHL.nmae: unknown field 'nmae'; did you mean 'name'?"],
    "countries.unknown-field.add.yml": [
        f"{V}/countries.yml:{C + 1}: PER.capital: unknown field 'capital'; allowed fields: aliases, name"],
    "countries.aliases-not-a-list.add.yml": [
        f"{V}/countries.yml:{C + 1}: BRA.aliases: expected a list, got the text 'Brasil'; write a list, e.g. [Brasil]"],
    "countries.name-of-another-country.add.yml": [
        f"{V}/countries.yml:{C + 1}: URY.name: the name 'Viet Nam' gives the page address countries/viet-nam, which "
        "VNM (Viet Nam) has too; give a name that differs in its letters or digits"],
    "countries.two-names-one-address.add.yml": [
        f"{V}/countries.yml:{C + 2}: CHL.name: the name 'chile' gives the page address countries/chile, which ARG "
        "(Chile!) has too; give a name that differs in its letters or digits"],
    "countries.name-index.add.yml": [
        f"{V}/countries.yml:{C + 1}: PER.name: the name 'Index' would give the page address countries/index, and "
        "countries/index is the address of a generated page; give another name"],
    "countries.name-a-device.add.yml": [
        f"{V}/countries.yml:{C + 1}: PRY.name: the name 'CON' would give the page address countries/con, and con "
        f"{DEVICE}; give another name"],
    "countries.not-a-code.add.yml": [
        f"{V}/countries.yml:{C + 1}: XYZ: 'XYZ' is not an ISO 3166-1 alpha-3 country code"],
    "countries.names-in-any-script.add.yml": [],
    "countries.a-list.replace.yml": [
        f"{V}/countries.yml:1: -: expected a group of fields (name: value), got a list; write one line per country, "
        "e.g. 'VNM: {name: Viet Nam, aliases: [Vietnam]}'"],
    "themes.id-ending-in-a-line-break.add.yml": [
        f"{V}/themes.yml:{T + 1}: [11].id: 'gender\\n' is not in the expected form; use lower-case letters, digits "
        "and single hyphens, e.g. 'climate-change'"],
    "themes.unsafe-id.add.yml": [
        f"{V}/themes.yml:{T + 1}: [11].id: 'Climate Change' is not in the expected form; use lower-case letters, "
        "digits and single hyphens, e.g. 'climate-change'"],
    "themes.id-a-list.add.yml": [f"{V}/themes.yml:{T + 1}: [11].id: expected text, got a list"],
    "themes.defined-twice.add.yml": [f"{V}/themes.yml:{T + 1}: [11].id: 'gender' is defined twice"],
    "themes.id-index.add.yml": [
        f"{V}/themes.yml:{T + 1}: [11].id: 'index' is reserved: themes/index is the address of a generated page; "
        "choose another id"],
    "themes.id-a-device.add.yml": [
        f"{V}/themes.yml:{T + 1}: [11].id: 'nul' is reserved: nul {DEVICE}; choose another id"],
    "themes.label-a-number.add.yml": [
        f"{V}/themes.yml:{T + 2}: [11].label: expected text, got the number 5; put the value in quotes"],
    "themes.unknown-field.add.yml": [
        f"{V}/themes.yml:{T + 3}: [11].colour: unknown field 'colour'; allowed fields: aliases, description, "
        "descriptions, id, label, labels, source"],
    "themes.no-label.add.yml": [
        f"{V}/themes.yml:{T + 1}: [11].label: missing required field 'label' (The name shown on the site)"],
    "themes.no-id.add.yml": [
        f"{V}/themes.yml:{T + 1}: [11].id: missing required field 'id' (Identifier of the theme: entries name it "
        "by this id, and it is the address of its page)"],
    "themes.item-not-a-group.add.yml": [
        f"{V}/themes.yml:{T + 1}: [11]: expected a group of fields (name: value), got the text 'just a line of "
        "text'; write the item as fields, e.g. 'id: climate-change' and 'label: ...' on lines of their own"],
    "themes.a-mapping.replace.yml": [
        f"{V}/themes.yml:1: -: expected a list, got a group of fields; write one item per theme, each starting with "
        "'- id: ', e.g. '- id: climate-change'"],
    "regions.unknown-countries.add.yml": [
        f"{V}/regions.yml:{R + 3}: [5].countries[0]: 'XYZ' is not an ISO 3166-1 alpha-3 country code",
        f"{V}/regions.yml:{R + 3}: [5].countries[1]: expected text, got the number 5; put the value in quotes"],
    "regions.country-in-two-regions.add.yml": [
        f"{V}/regions.yml:{R + 3}: [5].countries[0]: KHM is already in region asia-pacific"],
    "institutions.item-not-a-group.add.yml": [
        f"{V}/institutions.yml:{I + 1}: [3]: expected a group of fields (name: value), got the text 'just text'; "
        "write the item as fields, e.g. 'id: embrapa', 'name: ...' and 'type: ...' on lines of their own"],
    "institutions.a-mapping.replace.yml": [
        f"{V}/institutions.yml:1: -: expected a list, got a group of fields; write one item per institution, each "
        "starting with '- id: ', e.g. '- id: embrapa'"],
}


def install(tmp_path: Path, case: str) -> Path:
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE, root)
    vocabulary, _name, mode, _ = case.split(".")
    text = (HOSTILE / case).read_text(encoding="utf-8")
    (root / "vocabularies" / f"{vocabulary}.yml").write_text((base_text(vocabulary) if mode == "add" else "") + text,
                                                             encoding="utf-8")
    return root


def test_every_hostile_file_has_its_expected_lines():
    assert sorted(path.name for path in HOSTILE.glob("*.yml")) == sorted(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_hostile_vocabulary_file(tmp_path, case):
    root = install(tmp_path, case)
    vocabulary = case.split(".")[0]
    lines = [problem.format() for problem in check_knowledge_base(root)]
    if case.endswith(".replace.yml"):  # the entries naming its terms are told so too: only its own lines here
        lines = [line for line in lines if line.startswith(f"{V}/{vocabulary}.yml:")]
    assert lines == EXPECTED[case]
    build_site(root)  # the whole build runs through, with no traceback


def test_names_in_any_script_get_an_address(tmp_path):
    root = install(tmp_path, "countries.names-in-any-script.add.yml")
    countries = load_vocabularies(root=root).countries
    assert {code: countries.get(code).get("slug") for code in ("CHN", "EGY", "UKR", "COL")} == \
        {"CHN": "zhongguo", "EGY": "msr", "UKR": "ukraina", "COL": "col"}
    site = build_site(root)
    assert "countries/zhongguo.md" in site.generated  # a fixture activity names China
    assert site.error_count == 0


def test_every_country_has_a_distinct_address():
    countries = load_vocabularies(root=REPO).countries
    slugs = [term.get("slug") for term in countries]
    assert all(slugs) and len(set(slugs)) == len(slugs)


@pytest.mark.parametrize("text, slug", [("Côte d'Ivoire", "cote-d-ivoire"), ("Türkiye", "turkiye"),
                                        ("São Tomé and Príncipe", "sao-tome-and-principe"), ("中国", "zhongguo"),
                                        ("Ελλάδα", "ellada"), ("!!!", "")])
def test_slugify_transliterates_any_script(text, slug):
    assert slugify(text) == slug


def test_a_country_whose_name_gives_no_letter_is_addressed_by_its_code():
    assert page_slug("!!!", "COL") == "col"


def test_the_engine_vocabularies_pass_their_schemas():
    assert load_vocabularies(root=REPO).problems == []


def test_every_vocabulary_file_has_a_schema():
    files = {path.stem for path in VOCABULARY_DIR.glob("*.yml")}
    assert files == {path.name[:-len(".schema.json")] for path in VOCABULARY_SCHEMAS.glob("*.schema.json")}
    for path in VOCABULARY_SCHEMAS.glob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        assert schema["$id"] == f"vocabularies/{path.name}"
        # A list of items, a map of items, or (the Annex I table) a group of fields with its rows.
        item = schema.get("items") or schema.get("additionalProperties") or schema["properties"]["rows"]["items"]
        assert schema.get("x-type-hint") and item.get("x-type-hint"), path.name  # a wrong type says how to write it
        if path.name != "institutions.schema.json":  # (its items have institution.schema.json)
            assert item["additionalProperties"] is False, f"{path.name}: unknown fields must be reported"


# Patterns anchor at the very end, in both validation paths --------------------------------------------

#: A value that matches each pattern of the schemas; a new pattern needs one here.
EXAMPLES = {
    "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$": "2011-09-26",
    '^https?://[^\\s<>"]+$': "https://www.ifad.org/",
    "^10\\.[0-9]{4,9}/[^\\s]+$": "10.1000/xyz123",
    "^(97[89][- ]?)?([0-9][- ]?){9}[0-9X]$": "9789290720000",
    "^[A-Za-z0-9][A-Za-z0-9./()_-]*$": "REPL.IX/3/R.3",
    "^[^\\s](.*[^\\s])?$": "page 12",
    "^(Main text|Annex I|Annex II|Annex III), (table|box [0-9]{1,2}|footnote [0-9]{1,2}|paragraphs? [0-9]{1,2}( \\([a-j]\\))?(-[0-9]{1,2})?)$": "Annex I, paragraph 3",
    "^[a-z0-9]+(-[a-z0-9]+)*$": "cambodia-china-rice",
    "^[A-Z]{3}$": "BRA",
    "^https?://": None,  # a prefix, not an id: its end is free
    "^[A-Za-z0-9][A-Za-z0-9./_-]*$": "REPL.IX/3/R.3",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "2011-09-26",
    "^(Main text|Annex I|Annex II|Annex III), (table|box [0-9]{1,2}|footnote [0-9]{1,2}|paragraphs? [0-9]{1,2}"
    "( \\([a-j]\\))?(-[0-9]{1,2})?)$": "Annex I, paragraph 3",
}


def _patterns(node) -> list[str]:
    if isinstance(node, dict):
        found = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return found + [p for value in node.values() for p in _patterns(value)]
    if isinstance(node, list):
        return [p for value in node for p in _patterns(value)]
    return []


ALL_SCHEMAS = sorted((REPO / "ssckb/schemas").rglob("*.schema.json"))
PATTERNS = sorted({pattern for path in ALL_SCHEMAS
                   for pattern in _patterns(json.loads(path.read_text(encoding="utf-8")))})


def test_every_pattern_has_an_example():
    assert sorted(set(PATTERNS) - set(EXAMPLES)) == []


@pytest.mark.parametrize("pattern", [p for p in PATTERNS if EXAMPLES.get(p)])
def test_a_final_line_break_is_refused_by_both_validators(pattern):
    schema = {"$id": f"pattern-{PATTERNS.index(pattern)}", "type": "string", "pattern": pattern}
    checker = schemas.SchemaChecker(Vocabularies({}, {}, []), None)
    example = EXAMPLES[pattern]
    compiled = checker.compiled(schema["$id"], schema)
    assert compiled(example) == example
    for bad in (example + "\n", example + "\r\n", "\n" + example):
        with pytest.raises(Exception):
            compiled(bad)  # the fast path
        assert [error.validator for error in checker.validator(schema["$id"], schema).iter_errors(bad)] == ["pattern"]


def test_python_patterns_of_the_engine_end_with_backslash_z_not_dollar():
    """'$' in Python also matches before a final line break: an id ending in one would pass '^...$'.
    (Patterns over lines of a text, such as the YAML reader's, may end a line with '$'.)"""
    found = []
    for path in sorted((REPO / "ssckb").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("compile", "match", "fullmatch",
                                                                                  "search") \
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                pattern = node.args[0].value
                flags = [ast.unparse(arg) for arg in node.args[1:]] + [ast.unparse(k.value) for k in node.keywords]
                over_lines = any("re.M" in flag for flag in flags)  # re.M / re.MULTILINE: '$' ends each line
                if not over_lines and re.fullmatch(r"\^.*(?<!\\)\$", pattern, flags=re.S):
                    found.append(f"{path.relative_to(REPO)}:{node.lineno}: {pattern}")
    assert found == []
