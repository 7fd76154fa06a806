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


_PLAIN_TAG = "tag:ssckb,2026:plain"


_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]+)\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_SCALAR_TAGS = {_STR_TAG, _PLAIN_TAG} | {f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "null")}
#: More digits than any amount or year needs; longer numbers are refused, not converted
#: (Python refuses to convert ints of over 4,300 digits, and floats overflow to infinity).
MAX_NUMBER_DIGITS = 20
# A comment after an unquoted value: the text after ' #' is silently left out of the value.
_TRAILING_COMMENT = re.compile(r"[ \t]+#")
_COLLECTION_TAGS = {_SEQ_TAG, _MAP_TAG}
_ScalarNode = yaml.ScalarNode

#: Typographic quotes a word processor puts in: YAML reads them as part of the text, not as quotes.
OPENING_CURLY_QUOTES = "\u201c\u2018\u201e\u201a"  # “ ‘ „ ‚
CLOSING_CURLY_QUOTES = "\u201d\u2019\u201c"  # ” ’ “
#: What the reader says of curly quotes around a value, alone or as the hint of a syntax error.
CURLY_QUOTES_MESSAGE = ("the value is between curly quotes (\u201c \u201d or \u2018 \u2019), which YAML does not "
                        "read as quotes; use straight quotes instead: \"like this\" or 'like this'")
# A line whose value (of a field or a list item) starts with a curly quote.
_CURLY_VALUE = re.compile(r"^\s*(?:-\s+)?(?:[\w-]+:\s+)?[\[{]?\s*[" + OPENING_CURLY_QUOTES + "]")


class _PlainLoader(_BaseLoader):
    """Composes nodes without resolving YAML 1.1 implicit types: every unquoted scalar gets a tag of
    its own (so that ``!!str 5`` and ``'5'`` stay text) and is resolved by :func:`resolve_plain_scalar`."""

    yaml_implicit_resolvers: dict = {None: [(_PLAIN_TAG, re.compile(r"(?s).*"))]}

    # What the inherited resolver would answer with the table above, without its per-scalar lookups
    # (a third of the time spent composing): unquoted scalars get the plain tag, quoted ones str.
    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            return _PLAIN_TAG if implicit[0] else _STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG

    def descend_resolver(self, current_node, current_index):
        pass  # no path resolvers here

    def ascend_resolver(self):
        pass


Path = tuple  # of str keys and int indices


@dataclass
class ParsedYaml:
    """Plain data, the 1-based line of each key and list item, and what went wrong."""

    data: object = None
    lines: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)  # (line, field, message)
    warnings: list = field(default_factory=list)  # (line, field, message): kept, but worth a look
    texts: list = field(default_factory=list)  # (path, value) of every text value, in document order


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

    ``first_line`` is the number of the text's first line in its file. Never raises for bad input:
    every problem is in ``errors``.
    """
    result = ParsedYaml()
    base = first_line - 1
    try:
        node = yaml.compose(text, Loader=_PlainLoader)
    except yaml.MarkedYAMLError as exc:
        line, message = _syntax_error(exc, text)
        result.errors.append((line + base, "-", message))
        return result
    except yaml.reader.ReaderError as exc:
        position = exc.position if isinstance(exc.position, int) else 0
        line = text[:position].count("\n") + 1 + base
        character = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        result.errors.append((line, "-", f"the line holds an invisible control character (U+{character:04X}); "
                                         "delete it and retype the text around it"))
        return result
    except yaml.YAMLError as exc:  # pragma: no cover - every YAML error of libyaml is one of the above
        result.errors.append((first_line, "-", f"YAML syntax error: {exc}"))
        return result
    except RecursionError:  # pragma: no cover - libyaml stops at a depth of 1000 first
        result.errors.append((first_line, "-", "values are nested too deeply; simplify the front matter"))
        return result
    if node is None:
        return result
    # An alias can only come from a '*' in the text: without one, no node needs remembering.
    seen: set[int] | None = set() if "*" in text else None
    source_lines = text.split("\n")
    result.data = _build(node, (), result, seen, max_depth, base, source_lines)
    _summarise_aliases(result, text, base)
    return result


_ALIAS_MESSAGE = "YAML anchors and aliases (& and *) are not allowed; write the value out"


def _summarise_aliases(result: ParsedYaml, text: str, base: int) -> None:
    """One problem for all the aliases of a document (a "billion laughs" file has dozens), at the first."""
    aliases = [error for error in result.errors if error[2] == _ALIAS_MESSAGE]
    if not aliases:
        return
    # The composer hands back the anchored node for an alias, so its line is the anchor's: the
    # aliases' own lines come from the event stream (parsed again, only for such a file).
    lines = [event.start_mark.line + 1 + base for event in yaml.parse(text, Loader=_PlainLoader)
             if isinstance(event, yaml.AliasEvent)]
    first, last = (lines[0], lines[-1]) if lines else (aliases[0][0], aliases[-1][0])
    if len(aliases) == 1:
        message = _ALIAS_MESSAGE
    elif first == last:
        message = f"{_ALIAS_MESSAGE} ({len(aliases)} aliases on this line)"
    else:
        message = f"{_ALIAS_MESSAGE} ({len(aliases)} aliases, on lines {first} to {last})"
    others = [error for error in result.errors if error[2] != _ALIAS_MESSAGE]
    result.errors[:] = sorted(others + [(first, aliases[0][1], message)], key=lambda error: error[0])


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """(line in ``text``, message) of a YAML syntax error, with a hint in plain words."""
    problem = exc.problem or exc.context or "invalid YAML"
    context = exc.context or ""
    problem_line = exc.problem_mark.line + 1 if exc.problem_mark else None
    context_line = exc.context_mark.line + 1 if exc.context_mark else None
    line = problem_line or context_line or 1
    source_lines = text.splitlines()
    source_line = source_lines[line - 1] if 0 < line <= len(source_lines) else ""
    opened = context_line or line
    curly = next((number for number in dict.fromkeys((line, opened)) if 0 < number <= len(source_lines)
                  and _CURLY_VALUE.match(source_lines[number - 1])), None)
    if "maximum nesting depth" in problem:
        return line, "values are nested too deeply; simplify the front matter"
    if curly is not None:  # what the contributor thinks of as quotes is the likeliest cause
        return curly, f"YAML syntax error: {problem}; {CURLY_QUOTES_MESSAGE}"
    if "\t" in source_line or "tab" in problem:
        hint = "indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem and _indented_field(source_lines, line):
        hint = "this field is indented more than the one above it; line the fields up"
    elif "mapping values are not allowed" in problem:
        hint = "a value containing ': ' must be put in quotes"
    elif "cannot start any token" in problem or "found character '@'" in problem \
            or "found character '`'" in problem:
        hint = "a value starting with @, ` or % must be put in quotes"
    elif "quoted scalar" in context and "end of stream" in problem:
        line, hint = opened, "a quotation mark opened on this line is not closed; add the closing quote"
    elif "expected ',' or ']'" in problem:
        line, hint = opened, "a list in [ ] that starts on this line is not closed with ], or its items are " \
                             "not separated by commas"
    elif "expected ',' or '}'" in problem:
        line, hint = opened, "a group in { } that starts on this line is not closed with }, or its fields are " \
                             "not separated by commas"
    elif _unclosed_quote_line(source_lines, line):
        line = _unclosed_quote_line(source_lines, line)
        hint = "the quotation mark opened on this line is not closed on it; close it, or put the value in the " \
               "other kind of quotes if it holds this one"
    elif "did not find expected key" in problem:
        hint = "check this line: the fields of a group must line up, a list item '- ' must be indented under " \
               "its field, and nothing may follow a closing quote or bracket"
    elif "could not find expected ':'" in problem:
        hint = "every field needs 'name: value'; a text running over several lines must be indented"
    elif "unknown escape character" in problem or "invalid Unicode character escape" in problem:
        hint = "inside double quotes a backslash starts an escape; use single quotes, or write \\\\ for a backslash"
    elif "alias" in context or "anchor" in context or "alias" in problem:
        hint = "a value starting with * or & must be put in quotes"
    elif "block scalar" in context:
        hint = "a value starting with | or > must be put in quotes"
    elif "mapping keys are not allowed" in problem:
        hint = "a value starting with '? ' must be put in quotes"
    elif "another document" in problem:
        hint = "the front matter is one group of fields; remove the extra '---'"
    elif "document start" in problem:
        hint = "remove the line starting with %"
    else:
        hint = ""
    return line, f"YAML syntax error: {problem}" + (f"; {hint}" if hint else "")


_FIELD_LINE = re.compile(r"^(\s*)[\w-]+:(\s|$)")


def _indented_field(source_lines: list, line: int) -> bool:
    """Whether ``line`` looks like a field indented deeper than the field line above it."""
    if not 0 < line <= len(source_lines):
        return False
    here = _FIELD_LINE.match(source_lines[line - 1])
    if not here or not here.group(1):
        return False
    for above in reversed(source_lines[:line - 1]):
        if above.strip() and not above.lstrip().startswith("#"):
            match = _FIELD_LINE.match(above)
            return bool(match) and len(match.group(1)) < len(here.group(1)) and not above.rstrip().endswith(":")
    return False


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?[\w-]+:\s+(["'])""")


def _unclosed_quote_line(source_lines: list, error_line: int) -> int | None:
    """The line before ``error_line`` where a value opens a quote that is closed only on the error line or
    later: YAML then reads on into the next fields, and reports a puzzling error further down."""

    def unescaped(text: str, quote: str) -> str:
        return text.replace("''", "") if quote == "'" else text.replace("\\\\", "").replace('\\"', "")

    for number in range(min(error_line, len(source_lines)), 0, -1):
        match = _QUOTED_VALUE.match(source_lines[number - 1])
        if not match:
            continue
        quote = match.group(1)
        if quote in unescaped(source_lines[number - 1][match.end():], quote):
            continue  # closed on its own line
        closed_on = next((n for n in range(number + 1, len(source_lines) + 1)
                          if quote in unescaped(source_lines[n - 1], quote)), None)
        if closed_on is None or closed_on >= error_line:
            return number
    return None


_NUMBER_STARTS = frozenset("+-0123456789")


def _number_too_long(text: str) -> bool:
    return (bool(_INT.match(text)) or bool(_FLOAT.match(text))) and \
        sum(char.isdigit() for char in text) > MAX_NUMBER_DIGITS


def _build(node, path: Path, result: ParsedYaml, seen: set | None, depth: int, base: int, source_lines: list):
    if seen is not None:
        if id(node) in seen:
            # The composer hands back the anchored node again for each alias: no expansion is ever built.
            result.errors.append((result.lines.get(path, node.start_mark.line + 1 + base), field_name(path),
                                  _ALIAS_MESSAGE))
            return None
        seen.add(id(node))
    if depth <= 0:
        result.errors.append((node.start_mark.line + 1 + base, field_name(path), "nested too deeply"))
        return None
    if node.__class__ is _ScalarNode:
        return _scalar(node, path, result, base, source_lines)
    if node.tag not in _COLLECTION_TAGS:
        result.errors.append((node.start_mark.line + 1 + base, field_name(path),
                              f"YAML tag {node.tag!r} is not allowed; remove it"))
        return None
    # A scalar child is read directly, without the checks above (nesting, aliases), when they cannot
    # apply: most values of a front matter are scalars.
    direct = seen is None and depth > 1
    if node.__class__ is yaml.SequenceNode:
        items = []
        for index, child in enumerate(node.value):
            child_path = path + (index,)
            result.lines[child_path] = child.start_mark.line + 1 + base
            items.append(_scalar(child, child_path, result, base, source_lines)
                         if direct and child.__class__ is _ScalarNode
                         else _build(child, child_path, result, seen, depth - 1, base, source_lines))
        return items
    mapping: dict = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1 + base
        if key_node.__class__ is not _ScalarNode:
            result.errors.append((line, field_name(path), "a field name must be plain text"))
            continue
        key = key_node.value
        child_path = path + (key,)
        if key in mapping:
            result.errors.append((line, field_name(child_path),
                                  f"field '{key}' appears twice (first on line {result.lines[child_path]}); keep one"))
            continue
        result.lines[child_path] = line
        mapping[key] = (_scalar(value_node, child_path, result, base, source_lines)
                        if direct and value_node.__class__ is _ScalarNode
                        else _build(value_node, child_path, result, seen, depth - 1, base, source_lines))
    return mapping


def _scalar(node, path: Path, result: ParsedYaml, base: int, source_lines: list):
    """The value of a scalar node under the strict rules (see the module doc)."""
    tag = node.tag
    if tag == _STR_TAG:  # quoted, or tagged !!str: the text as written
        result.texts.append((path, node.value))
        return node.value
    if tag == _PLAIN_TAG:
        _check_trailing_comment(node, path, result, base, source_lines)
    elif tag not in _SCALAR_TAGS:
        result.errors.append((node.start_mark.line + 1 + base, field_name(path),
                              f"YAML tag {tag!r} is not allowed; remove it"))
        return None
    # Unquoted, or an explicit standard tag such as !!int: the strict rules apply to the text.
    text = node.value
    if text[:1] in _NUMBER_STARTS and _number_too_long(text):
        result.errors.append((node.start_mark.line + 1 + base, field_name(path),
                              f"the number has more than {MAX_NUMBER_DIGITS} digits; check it"))
        return None
    value = resolve_plain_scalar(text)
    if value.__class__ is str:
        result.texts.append((path, value))
        if len(value) > 1 and value[0] in OPENING_CURLY_QUOTES and value[-1] in CLOSING_CURLY_QUOTES:
            result.errors.append((node.start_mark.line + 1 + base, field_name(path), CURLY_QUOTES_MESSAGE))
    return value


def _check_trailing_comment(node, path: Path, result: ParsedYaml, base: int, source_lines: list) -> None:
    """Warn when ' #' ends an unquoted text: YAML reads the rest of the line as a comment and drops it."""
    end = node.end_mark
    if not path or not node.value or end.line >= len(source_lines) or "#" not in source_lines[end.line]:
        return
    rest = source_lines[end.line][end.column:]
    if _TRAILING_COMMENT.match(rest):
        result.warnings.append((end.line + 1 + base, field_name(path),
                                "the text after ' #' is read as a comment and left out of the value; "
                                "put the whole value in quotes if '#' belongs to it"))
