"""The strict YAML reader: no YAML 1.1 surprises, no aliases, duplicate keys reported, lines kept."""

import pytest

from ssckb.yamlsafe import parse_yaml


@pytest.mark.parametrize("text, expected", [
    ("NO", "NO"), ("yes", "yes"), ("off", "off"), ("0123", "0123"), ("12:30", "12:30"),
    ("2010-05-01", "2010-05-01"), ("1e3", "1e3"), (".inf", ".inf"), ("0x1F", "0x1F"),
    ("2010", 2010), ("-5", -5), ("1.5", 1.5), ("true", True), ("false", False), ("null", None), ("~", None),
    ("'2010'", "2010"), ('"true"', "true"), ("!!int 5", 5),
])
def test_scalars_follow_strict_rules(text, expected):
    parsed = parse_yaml(f"value: {text}\n")
    assert parsed.errors == []
    assert parsed.data == {"value": expected}
    assert type(parsed.data["value"]) is type(expected)


def test_lines_of_keys_and_items():
    parsed = parse_yaml("a: 1\nlist:\n  - x\n  - {k: v}\n")
    assert parsed.lines[("a",)] == 1
    assert parsed.lines[("list",)] == 2
    assert parsed.lines[("list", 1)] == 4
    assert parsed.lines[("list", 1, "k")] == 4


def test_duplicate_key_is_reported_and_first_value_kept():
    parsed = parse_yaml("title: one\nother: 2\ntitle: two\n")
    assert parsed.data["title"] == "one"
    assert parsed.errors == [(3, "title", "field 'title' appears twice (first on line 1); keep one")]


def test_aliases_are_refused():
    parsed = parse_yaml("a: &anchor [1, 2]\nb: *anchor\n")
    assert parsed.errors == [(2, "b", "YAML anchors and aliases (& and *) are not allowed; write the value out")]


def test_billion_laughs_is_rejected_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        previous = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        lines.append(f"{name}: &{name} [{','.join(['*' + previous] * 9)}]")
    parsed = parse_yaml("\n".join(lines) + "\n")
    assert parsed.errors
    assert all("anchors and aliases" in message for _, _, message in parsed.errors)


def test_syntax_error_has_line_and_hint():
    parsed = parse_yaml("title: ok\nsummary: a: b\n")
    assert parsed.data is None
    assert parsed.errors == [(2, "-", "YAML syntax error: mapping values are not allowed in this context; "
                                      "a value containing ': ' must be put in quotes")]


def test_tab_indentation_hint():
    parsed = parse_yaml("list:\n\t- a\n")
    assert parsed.errors[0][0] == 2
    assert parsed.errors[0][2].endswith("indent with spaces, not tabs")


def test_unknown_tags_are_refused():
    parsed = parse_yaml("x: !!python/object:os.system 1\n")
    assert parsed.errors == [(1, "x", "YAML tag 'tag:yaml.org,2002:python/object:os.system' is not allowed; "
                                      "remove it")]


def test_deep_nesting_is_bounded():
    parsed = parse_yaml("a: " + "[" * 100 + "]" * 100 + "\n")
    assert any("nested too deeply" in message for _, _, message in parsed.errors)
