"""The compiled schema validator (the fast path) and jsonschema (the messages) agree on every document.

A document the compiled validator accepts is never checked again, so it must never accept one that
jsonschema would refuse: that would let an error through silently. The other way round only costs
time, but is checked too, so that a difference between the two shows at once.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import FIXTURE, REPO
from ssckb.loading import discover_entry_files, read_entry_file
from ssckb.schemas import SchemaChecker, compilable_schema, load_schema
from ssckb.sources import discover_source_files
from ssckb.validation import entry_ids_on_disk
from test_properties import CHECKER, ENTRIES, examples, leaves, trees

HOSTILE = Path(__file__).parent / "hostile"


def accepted_by_compiled(checker: SchemaChecker, kind: str, data) -> bool:
    try:
        checker.compiled(kind)(data)
    except Exception:  # noqa: BLE001 - anything the compiled code raises means "ask jsonschema"
        return False
    return True


def accepted_by_jsonschema(checker: SchemaChecker, kind: str, data) -> bool:
    return not any(True for _ in checker.validator(kind).iter_errors(data))


def assert_agree(checker: SchemaChecker, kind: str, data) -> None:
    compiled = accepted_by_compiled(checker, kind, data)
    reference = accepted_by_jsonschema(checker, kind, data)
    assert compiled == reference, (kind, data, "compiled accepts" if compiled else "jsonschema accepts")


def documents(root: Path):
    """(kind, path, front matter) of every entry file, then of every source file."""
    files = discover_entry_files(root) + [("source", rel_path) for rel_path in discover_source_files(root)]
    for kind, rel_path in files:
        source = read_entry_file(root, rel_path, kind)
        if source.data is not None:
            yield kind, rel_path, source.data


@pytest.mark.parametrize("root", [REPO, FIXTURE, HOSTILE], ids=["real", "fixture", "hostile"])
def test_agree_on_every_file_of_the_knowledge_bases(root):
    checker = SchemaChecker(load_vocabularies_of(root), entry_ids_on_disk(root))
    seen = 0
    for kind, _, data in documents(root):
        assert_agree(checker, kind, data)
        seen += 1
    assert seen > 0


def load_vocabularies_of(root: Path):
    from ssckb.vocabularies import load_vocabularies

    return load_vocabularies(root=root)


def test_the_hostile_corpus_holds_documents_both_accept_and_refuse():
    # Otherwise the test above could pass by agreeing on one answer only. (The cases are checked in a copy
    # of the fixture: they cite its sources.)
    ids = {**entry_ids_on_disk(HOSTILE), "source": entry_ids_on_disk(FIXTURE)["source"]}
    checker = SchemaChecker(load_vocabularies_of(HOSTILE), ids)
    answers = {accepted_by_jsonschema(checker, kind, data) for kind, _, data in documents(HOSTILE)}
    assert answers == {True, False}


def test_custom_keywords_become_formats_and_nothing_else_changes():
    schema = load_schema("activity")
    compiled = compilable_schema(schema)
    assert compiled["properties"]["themes"]["items"]["format"] == "x-vocabulary:themes"
    assert compiled["properties"]["lessons"]["items"]["format"] == "x-references:lesson"
    assert not {"x-vocabulary", "x-references"} & keys_of(compiled)
    assert schema == load_schema("activity")  # the source schema is left as it was


def keys_of(node) -> set:
    if isinstance(node, dict):
        return set(node).union(*(keys_of(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(keys_of(value) for value in node))
    return set()


def test_an_unknown_term_or_reference_is_refused_by_both():
    for kind, data in [("activity", {"themes": ["no-such-theme"]}), ("activity", {"lessons": ["no-such-lesson"]}),
                       ("lesson", {"learned_by": "no-such-institution"})]:
        assert not accepted_by_compiled(CHECKER, kind, data)
        assert not accepted_by_jsonschema(CHECKER, kind, data)


def test_an_institution_left_out_for_its_error_is_refused_by_the_compiled_validator_too():
    vocabularies = load_vocabularies_of(FIXTURE)
    checker = SchemaChecker(vocabularies, entry_ids_on_disk(FIXTURE))
    kind, _, data = next(item for item in documents(FIXTURE) if item[0] == "lesson")
    assert accepted_by_compiled(checker, kind, data)
    # As validation._drop_faulty_institutions does, after the validators were built.
    del vocabularies.institutions.terms[data["learned_by"]]
    assert not accepted_by_compiled(checker, kind, data)
    assert not accepted_by_jsonschema(checker, kind, data)


def mutated(data: dict, draw) -> dict:
    """A valid document with one value replaced, one field removed or one field added."""
    document = copy.deepcopy(data)
    paths = []

    def collect(value, path):
        paths.append(path)
        if isinstance(value, dict):
            for key, item in value.items():
                collect(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                collect(item, path + (index,))

    collect(document, ())
    path = draw(st.sampled_from(paths[1:]))
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    action = draw(st.sampled_from(["replace", "remove", "add", "wrap"]))
    if action == "replace":
        parent[path[-1]] = draw(st.one_of(leaves, trees))
    elif action == "remove":
        del parent[path[-1]]
    elif action == "wrap":
        parent[path[-1]] = [parent[path[-1]]]
    elif isinstance(parent, dict):
        parent[draw(st.text(min_size=1, max_size=12))] = draw(leaves)
    else:
        parent.append(draw(st.one_of(leaves, st.just(parent[0] if parent else None))))
    return document


@examples(400)
@given(st.sampled_from(sorted(ENTRIES)).flatmap(lambda kind: st.tuples(st.just(kind), ENTRIES[kind])), st.data())
def test_agree_on_edits_of_valid_documents(kind_and_data, data):
    kind, document = kind_and_data
    document = {"id": "generated-entry", **document}
    assert_agree(CHECKER, kind, document)
    assert_agree(CHECKER, kind, mutated(document, data.draw))


@examples(200)
@given(st.sampled_from(sorted(ENTRIES)), trees)
def test_agree_on_any_tree(kind, tree):
    assert_agree(CHECKER, kind, tree)


def test_checker_reports_nothing_for_a_valid_document_and_the_messages_for_an_invalid_one():
    kind, rel_path, data = next(documents(FIXTURE))
    assert CHECKER.check(kind, data, {}, rel_path) == []
    broken = {**data, "themes": ["gendr"]}
    problems = CHECKER.check(kind, broken, {("themes", 0): 7}, rel_path)
    assert [(p.line, p.field) for p in problems] == [(7, "themes[0]")]
    assert "did you mean" in problems[0].message


# Violations directed by the schema: every keyword of every field, broken one at a time -----------------

WRONG_TYPES = {"string": 1.5, "integer": "2010", "number": "1,000", "array": "a text", "object": ["a list"],
               "boolean": "yes"}


def violations(schema: dict, value) -> list:
    """Values that break one keyword of ``schema`` each, for a field whose valid value is ``value``."""
    found = []
    expected = schema.get("type")
    if isinstance(expected, str):
        found.append(WRONG_TYPES[expected])
        if expected == "integer":
            found += [True, 2010.5]
        if expected == "string":
            found += [None, False]
    if "minLength" in schema and schema["minLength"] > 0:
        found.append("a" * (schema["minLength"] - 1))
    if "maxLength" in schema:
        found.append("a" * (schema["maxLength"] + 1))
    if "pattern" in schema and isinstance(value, str):
        found += [value + "\n", " " + value, "!" + value]
    if "enum" in schema:
        found += [str(schema["enum"][0]).upper() + "?", None]
    if "minimum" in schema:
        found.append(schema["minimum"] - 1)
    if "maximum" in schema:
        found.append(schema["maximum"] + 1)
    if "minItems" in schema:
        found.append(list(value[:schema["minItems"] - 1]) if isinstance(value, list) else [])
    if schema.get("uniqueItems") and isinstance(value, list) and value:
        found.append(list(value) + [copy.deepcopy(value[0])])
    if "x-vocabulary" in schema or "x-references" in schema:
        found += ["no-such-id", (value or "x") + "x" if isinstance(value, str) else "no-such-id"]
    return found


def broken_documents(schema: dict, document, path=()):
    """(path, broken document) for each violation of each keyword under ``schema``."""
    for bad in violations(schema, document):
        yield path, bad
    if isinstance(document, dict):
        for name in schema.get("required", ()):
            if name in document:
                yield path, {key: item for key, item in document.items() if key != name}
        if schema.get("additionalProperties") is False:
            yield path, {**document, "unknown_field": "x"}
        for name, property_schema in schema.get("properties", {}).items():
            if name in document:
                for inner_path, inner in broken_documents(property_schema, document[name], path + (name,)):
                    yield inner_path, {**document, name: inner}
            elif isinstance(property_schema.get("type"), str):
                yield path + (name,), {**document, name: WRONG_TYPES[property_schema["type"]]}
    elif isinstance(document, list) and document and isinstance(schema.get("items"), dict):
        for inner_path, inner in broken_documents(schema["items"], document[0], path + (0,)):
            yield inner_path, [inner] + list(document[1:])


@pytest.mark.parametrize("root", [REPO, FIXTURE], ids=["real", "fixture"])
def test_both_refuse_every_broken_keyword_of_every_field(root):
    checker = SchemaChecker(load_vocabularies_of(root), entry_ids_on_disk(root))
    checked = set()
    for kind, rel_path, data in documents(root):
        assert accepted_by_jsonschema(checker, kind, data), rel_path
        for path, broken in broken_documents(load_schema(kind), data):
            refused_by_jsonschema = not accepted_by_jsonschema(checker, kind, broken)
            refused_by_compiled = not accepted_by_compiled(checker, kind, broken)
            assert refused_by_compiled == refused_by_jsonschema, (rel_path, path, broken)
            checked.add((kind, path))
    assert len(checked) > 80  # fields and nested fields of the three kinds
