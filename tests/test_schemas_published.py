"""The schemas the site publishes for editors, used as an editor uses them: plain JSON Schema
(draft-07) with no knowledge of this project's keywords, over front matter read by a plain YAML
parser. They must accept every entry of the repository and reject broken ones."""

from __future__ import annotations

import copy
import json

import pytest
import yaml
from jsonschema import Draft7Validator

from conftest import FIXTURE, REPO
from ssckb.loading import discover_entry_files, split_front_matter
from ssckb.schemas import ENTRY_KINDS, load_schema
from ssckb.site import PUBLISHED_SCHEMAS, build_site
from ssckb.sources import discover_source_files


@pytest.fixture(scope="module")
def published():
    site = build_site(REPO)
    return {kind: json.loads(site.static_files[f"schemas/{kind}.schema.json"]) for kind in PUBLISHED_SCHEMAS}, site


def front_matter(path):
    yaml_text, _, _, _ = split_front_matter(path.read_text(encoding="utf-8"))
    return yaml.safe_load(yaml_text)


def _custom_keywords(node, found=None):
    found = set() if found is None else found
    if isinstance(node, dict):
        found |= {key for key in node if key.startswith("x-") and key != "x-enumLabels"}
        for value in node.values():
            _custom_keywords(value, found)
    elif isinstance(node, list):
        for value in node:
            _custom_keywords(value, found)
    return found


def test_published_schemas_are_valid_draft7_with_vocabularies_as_enums(published):
    schemas, site = published
    vocabularies = site.knowledge_base.vocabularies
    for kind, schema in schemas.items():
        Draft7Validator.check_schema(schema)
        # An editor knows only standard keywords: every vocabulary is spelt out as an enum.
        assert "x-vocabulary" not in _custom_keywords(schema), kind
    activity = schemas["activity"]["properties"]
    assert activity["themes"]["items"]["enum"] == [term.id for term in vocabularies["themes"]]
    assert activity["countries"]["items"]["properties"]["country"]["enum"] == \
        [term.id for term in vocabularies["countries"]]
    assert activity["institutions"]["items"]["properties"]["institution"]["enum"] == \
        [term.id for term in vocabularies["institutions"]]
    assert schemas["lesson"]["properties"]["learned_by"]["enum"] == [term.id for term in vocabularies["institutions"]]


def test_published_schemas_accept_every_entry_of_the_repository(published):
    schemas, _ = published
    validators = {kind: Draft7Validator(schema) for kind, schema in schemas.items()}
    files = discover_entry_files(REPO)
    assert len(files) > 40
    for kind, rel_path in files:
        data = front_matter(REPO / rel_path)
        errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validators[kind].iter_errors(data)]
        assert errors == [], f"{rel_path}: {errors}"


BROKEN = [
    ("activity", lambda d: d["countries"][0].update(country="Brasil"), "countries.0.country"),
    ("activity", lambda d: d.pop("summary"), ""),
    ("activity", lambda d: d.update(themes=["value-chain"]), "themes.0"),
    ("activity", lambda d: d.update(themes=[]), "themes"),
    ("activity", lambda d: d["years"].update(start="2010"), "years.start"),
    ("activity", lambda d: d.update(contributons=[]), ""),
    ("activity", lambda d: d["countries"][0].update(role="host"), "countries.0.role"),
    ("activity", lambda d: d["sources"][0].update(locations=[]), "sources.0.locations"),
    ("activity", lambda d: d["sources"][0].update(locations=[" page 12"]), "sources.0.locations.0"),
    ("activity", lambda d: d.update(sources=[]), "sources"),
    ("activity", lambda d: d.update(id="Not An Id"), "id"),
    ("lesson", lambda d: d.update(learned_by="nobody"), "learned_by"),
    ("learning_route", lambda d: d.update(countries_visited=["Peru"]), "countries_visited.0"),
]


def test_published_source_schema_accepts_every_source_and_rejects_broken_ones(published):
    schemas, _ = published
    validator = Draft7Validator(schemas["source"])
    assert schemas["source"]["properties"]["language"]["enum"][:3] == ["aa", "ab", "ae"]
    for root in (REPO, FIXTURE):
        files = discover_source_files(root)
        assert files
        for rel_path in files:
            data = front_matter(root / rel_path)
            assert [e.message for e in validator.iter_errors(data)] == [], rel_path
    data = front_matter(REPO / "sources/ifad-repl-ix-3-r-3.md")
    for breaking, where in ((lambda d: d.pop("publisher"), ""), (lambda d: d.pop("identifier"), ""),
                            (lambda d: d.update(url="javascript:alert(1)"), "url"),
                            (lambda d: d.update(language="English"), "language"),
                            (lambda d: d.update(type="podcast"), "type")):
        broken = copy.deepcopy(data)
        breaking(broken)
        assert where in {".".join(map(str, e.absolute_path)) for e in validator.iter_errors(broken)}


@pytest.mark.parametrize("kind, breaking, where", BROKEN)
def test_published_schemas_reject_a_broken_entry(published, kind, breaking, where):
    schemas, _ = published
    rel_path = next(rel for k, rel in discover_entry_files(REPO) if k == kind)
    data = copy.deepcopy(front_matter(REPO / rel_path))
    if kind == "activity" and not data.get("countries"):
        data["countries"] = [{"country": "BRA", "role": "provider"}]
    assert list(Draft7Validator(schemas[kind]).iter_errors(data)) == []
    breaking(data)
    errors = list(Draft7Validator(schemas[kind]).iter_errors(data))
    assert errors, f"the published {kind} schema accepts a broken entry"
    assert where in {".".join(map(str, e.absolute_path)) for e in errors}


def test_published_schemas_are_the_ones_on_the_built_site(fixture_site):
    site = build_site(FIXTURE)
    for kind in PUBLISHED_SCHEMAS:
        served = (fixture_site / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
        assert served == site.static_files[f"schemas/{kind}.schema.json"]
        # The published schema is the source schema, with the vocabularies spelt out.
        source = load_schema(kind)
        assert json.loads(served)["required"] == source["required"]
        assert list(json.loads(served)["properties"]) == list(source["properties"])
