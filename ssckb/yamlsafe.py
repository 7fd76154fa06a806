"""A YAML reader for contributors' front matter: strict, bounded, line-aware.

PyYAML's safe loader follows YAML 1.1 and quietly turns ``NO`` into False,
``0123`` into 83, ``12:30`` into 750 and ``2010-05-01`` into a date. Here a
plain scalar becomes a boolean only for ``true``/``false``, a number only when
it is written as one (``2010``, ``-3``, ``1.5``), null only for ``null``/``~``
or nothing; everything else stays the text the contributor typed. Anchors and
aliases are refused (they serve no purpose in front matter and make "billion
laughs" documents possible), duplicate keys are reported (PyYAML keeps the last
one silently), and every key and list item keeps its line number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

try:  # libyaml's parser is several times faster; the resolution below is ours either way
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader


class _PlainLoader(_BaseLoader):
    """Composes nodes without resolving implicit types: every scalar stays a string node."""

    yaml_implicit_resolvers: dict = {}


_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]+)\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_STR_TAG = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {_STR_TAG} | {f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "null")}
_COLLECTION_TAGS = {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}

Path = tuple  # of str keys and int indices


@dataclass
class ParsedYaml:
    """Plain data, the 1-based line of each key and list item, and what went wrong."""

    data: object = None
    lines: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)  # (line, field, message)


def field_name(path: Path) -> str:
    """``('countries', 1, 'country')`` -> ``countries[1].country``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "-"


def resolve_plain_scalar(text: str):
    """The value of an unquoted scalar under this module's strict rules."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


def parse_yaml(text: str, *, first_line: int = 1, max_depth: int = 32) -> ParsedYaml:
    """Parse one YAML document into plain data with line numbers (see module doc).

    ``first_line`` is the number of the text's first line in its file.
    """
    result = ParsedYaml()
    base = first_line - 1
    try:
        node = yaml.compose(text, Loader=_PlainLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        source_line_index = line - 1
        line += base
        problem = exc.problem or exc.context or "invalid YAML"
        source_lines = text.splitlines()
        source_line = source_lines[source_line_index] if 0 <= source_line_index < len(source_lines) else ""
        result.errors.append((line, "-", f"YAML syntax error: {problem}{_syntax_hint(problem, source_line)}"))
        return result
    except yaml.YAMLError as exc:
        result.errors.append((first_line, "-", f"YAML syntax error: {exc}"))
        return result
    except RecursionError:
        result.errors.append((first_line, "-", "YAML nested too deeply"))
        return result
    if node is None:
        return result
    seen: set[int] = set()
    result.data = _build(node, (), result, seen, max_depth, base)
    return result


def _syntax_hint(problem: str, source_line: str) -> str:
    if "\t" in source_line or "tab" in problem:
        return "; indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "; a value containing ': ' must be put in quotes"
    if "found character '@'" in problem or "found character '`'" in problem:
        return "; put the value in quotes"
    return ""


def _build(node, path: Path, result: ParsedYaml, seen: set, depth: int, base: int):
    if id(node) in seen:
        # The composer hands back the anchored node again for each alias.
        result.errors.append((result.lines.get(path, node.start_mark.line + 1 + base), field_name(path),
                              "YAML anchors and aliases (& and *) are not allowed; write the value out"))
        return None
    seen.add(id(node))
    if depth <= 0:
        result.errors.append((node.start_mark.line + 1 + base, field_name(path), "nested too deeply"))
        return None
    allowed = _SCALAR_TAGS if isinstance(node, yaml.ScalarNode) else _COLLECTION_TAGS
    if node.tag not in allowed:
        result.errors.append((node.start_mark.line + 1 + base, field_name(path),
                              f"YAML tag {node.tag!r} is not allowed; remove it"))
        return None
    if isinstance(node, yaml.ScalarNode):
        if node.tag != _STR_TAG:
            # An explicit standard tag such as !!int: apply the strict rules to the text.
            return resolve_plain_scalar(node.value)
        if not node.style:  # None from the Python parser, '' from libyaml
            return resolve_plain_scalar(node.value)
        return node.value
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, child in enumerate(node.value):
            child_path = path + (index,)
            result.lines[child_path] = child.start_mark.line + 1 + base
            items.append(_build(child, child_path, result, seen, depth - 1, base))
        return items
    mapping: dict = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1 + base
        if not isinstance(key_node, yaml.ScalarNode):
            result.errors.append((line, field_name(path), "a field name must be plain text"))
            continue
        key = key_node.value
        child_path = path + (key,)
        if key in mapping:
            result.errors.append((line, field_name(child_path),
                                  f"field '{key}' appears twice (first on line {result.lines[child_path]}); keep one"))
            continue
        result.lines[child_path] = line
        mapping[key] = _build(value_node, child_path, result, seen, depth - 1, base)
    return mapping
