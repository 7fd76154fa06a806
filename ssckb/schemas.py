"""JSON Schemas (draft-07) of the entry types, and their translation into plain problems.

The schema files in ``ssckb/schemas/`` are the one source of truth: validation,
the contributor guide and the schemas published with the site all read them.
Two custom keywords tie them to the vocabularies: ``x-vocabulary`` (the value
must be a term of that vocabulary) and ``x-references`` (the value must be the
id of an entry of that kind). ``x-hint`` says how to write a value that fails
its ``pattern``; ``x-unknown-key`` is the message for a key an object does not
allow, where its keys are not field names (the language codes of ``translations``).

Validation runs in two steps. Most entries are valid, so each is first run
through a validator compiled to Python code (fastjsonschema), in which the
custom keywords become set lookups; only an entry it rejects is validated again
by jsonschema, whose errors carry what the plain messages need. The compiled
validator is never more lenient than jsonschema (``tests/test_schema_fast_path.py``
checks the two agree), so it only decides how fast a valid entry passes.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import fastjsonschema

from .problems import Problem, shown
from .yamlsafe import field_name

SCHEMA_DIR = Path(__file__).parent / "schemas"
ENTRY_KINDS = ("activity", "lesson", "learning_route", "request", "offer")
KIND_NOUNS = {"activity": "activity", "lesson": "lesson", "learning_route": "learning route", "source": "source",
              "request": "knowledge request", "offer": "knowledge offer"}
KIND_FIELDS = {"activity": "activities", "lesson": "lessons", "learning_route": "learning_routes", "source": "sources",
               "request": "requests", "offer": "offers"}
#: What ``x-references`` may name: entries, and the sources they cite (files in sources/).
REFERENCE_KINDS = (*ENTRY_KINDS, "source")

#: What the check says of a region given where a country goes (``West Africa``, ``latin-america-caribbean``):
#: where the kind has ``other_regions``, it is pointed there; elsewhere, to the countries.
REGION_AS_COUNTRY = {
    "other_regions": "'{value}' is a region, not a country; give the countries' ISO 3166-1 alpha-3 codes, or, "
                     "if the source names no country, put the region in other_regions: [{region}]",
    "countries_only": "'{value}' is a region ({label}), not a country; give the countries' ISO 3166-1 alpha-3 "
                      "codes, e.g. BRA (Brazil): their regions follow from them",
    # A request's requester and an offer's provider have their own regions (the party's field name first).
    "party_regions": "'{value}' is a region, not a country; give the countries' ISO 3166-1 alpha-3 codes, or, "
                     "if the source names no country, put the region in {party}.regions: [{region}]",
}
#: The group of fields of a kind that has its own ``regions`` beside its ``countries``.
PARTY_OF_KIND = {"request": "requester", "offer": "provider"}


@lru_cache(maxsize=None)
def _load_schema_text(kind: str) -> str:
    return (SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8")


def load_schema(kind: str) -> dict:
    """The schema of an entry kind (or 'institution', 'source'), as a fresh dict."""
    return json.loads(_load_schema_text(kind))


def published_schema(kind: str, vocabularies) -> dict:
    """The schema as published for editors: vocabulary fields become ``enum`` lists."""
    schema = load_schema(kind)

    def visit(node):
        if isinstance(node, dict):
            name = node.pop("x-vocabulary", None)
            if name is not None:
                node["enum"] = [term.id for term in vocabularies[name]]
                node["x-enumLabels"] = [term.label for term in vocabularies[name]]
            node.pop("x-hint", None)
            node.pop("x-location-formats", None)
            node.pop("x-type-hint", None)
            node.pop("x-unknown-key", None)
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(schema)
    return schema


def _describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{shown(value)}'"
    if isinstance(value, list):
        return "a list"
    return "a group of fields"


def _quoted(value) -> str:
    """A value quoted in a message: text in quotes, cut to one short line; anything else described."""
    return f"'{shown(value)}'" if isinstance(value, (str, int, float)) and not isinstance(value, bool) \
        else _describe(value)


def _a(noun: str) -> str:
    """'an activity', 'a lesson': the noun with its article."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


_TYPE_WORDS = {"integer": "a whole number", "number": "a number", "string": "text",
               "array": "a list", "object": "a group of fields (name: value)", "boolean": "true or false"}


def _type_message(expected, value, location: tuple = ()) -> str:
    expected = expected if isinstance(expected, str) else expected[0]
    message = f"expected {_TYPE_WORDS.get(expected, expected)}, got {_describe(value)}"
    is_year = len(location) >= 2 and location[-2] == "years"
    if expected in ("integer", "number") and isinstance(value, str):
        if expected == "integer" and (is_year or value[:4].isdigit()):
            message += "; write the year alone, e.g. 2010, without quotes"
        elif expected == "integer":
            message += "; write a whole number in digits, e.g. 3, without quotes"
        else:
            message += "; write a plain number without quotes, separators or currency, e.g. 200000"
    elif expected == "integer" and isinstance(value, float):
        message = f"expected a whole number, got {value}"
    elif expected == "string" and isinstance(value, (bool, int, float)):
        message += "; put the value in quotes"
    elif expected == "string" and value is None:
        message = "expected text, got nothing; fill it in or remove the field (YAML reads null and ~ as " \
                  "nothing: put them in quotes to mean the text)"
    elif expected == "array" and isinstance(value, (str, int, float)):
        message += f"; write a list, e.g. [{value}]"
    return message


# In JSON Schema's (ECMA 262) patterns '$' ends the text; in Python's it may also match before a final
# line break, so 'an-id\n' would pass '^[a-z0-9-]+$'. An unescaped '$' becomes '\Z'.
_DOLLAR = re.compile(r"(?<!\\)\$")


@lru_cache(maxsize=None)
def strict_pattern(pattern: str) -> re.Pattern:
    """A schema's ``pattern`` as Python should search with it: each unescaped '$' becomes '\\Z'."""
    return re.compile(_DOLLAR.sub(r"\\Z", pattern))


_strict_pattern = strict_pattern


def _closest(value, choices, score_cutoff):
    """The choice most like ``value`` (rapidfuzz), or None; imported only when a problem needs it."""
    from rapidfuzz import process

    return process.extractOne(value, choices, score_cutoff=score_cutoff)


def _check_pattern(validator, pattern, instance, schema):
    from jsonschema import ValidationError

    if isinstance(instance, str) and not _strict_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}", validator="pattern")


def compilable_schema(schema: dict) -> dict:
    """The schema with the custom keywords as custom formats, which a compiled validator runs as calls:
    ``x-vocabulary: themes`` becomes ``format: x-vocabulary:themes`` (and the same for ``x-references``).
    The schemas use no ``format`` of their own, and jsonschema, as used here, checks none."""

    def visit(node):
        if isinstance(node, dict):
            node = {key: visit(value) for key, value in node.items()}
            for keyword in ("x-vocabulary", "x-references"):
                if keyword in node:
                    node["format"] = f"{keyword}:{node.pop(keyword)}"
            return node
        if isinstance(node, list):
            return [visit(value) for value in node]
        return node

    return visit(schema)


class SchemaChecker:
    """Validators for every entry kind, bound to the vocabularies and the known entry ids."""

    def __init__(self, vocabularies, entry_ids: dict | None = None):
        self.vocabularies = vocabularies
        self.entry_ids = entry_ids  # kind (or 'source') -> set of ids; None skips reference checks
        self.faulty_sources = set()  # ids of source files with an error (left out, as faulty institutions)
        self._validators = {}
        self._compiled = {}

    def compiled(self, kind: str, schema: dict | None = None):
        """The compiled validator of a kind: raises on any invalid document, says nothing of why."""
        if kind not in self._compiled:
            formats = {}
            for name, vocabulary in self.vocabularies.by_name.items():
                # The terms dict itself: an institution with an error is deleted from it after loading.
                formats[f"x-vocabulary:{name}"] = vocabulary.terms.__contains__
            for entry_kind in REFERENCE_KINDS:
                formats[f"x-references:{entry_kind}"] = (lambda value: True) if self.entry_ids is None \
                    else self.entry_ids.get(entry_kind, frozenset()).__contains__
            source = schema if schema is not None else load_schema(kind)
            self._compiled[kind] = fastjsonschema.compile(compilable_schema(source), formats=formats,
                                                          use_default=False, detailed_exceptions=False)
        return self._compiled[kind]

    def validator(self, kind: str, schema: dict | None = None):
        if kind not in self._validators:
            # Imported here: a run where every entry is valid never needs jsonschema (see the module doc).
            from jsonschema import Draft7Validator, validators

            source = schema if schema is not None else load_schema(kind)
            has_other_regions = "other_regions" in source.get("properties", {})
            party = PARTY_OF_KIND.get(kind)

            def check_vocabulary(validator, name, instance, node):
                return self._check_vocabulary(validator, name, instance, node, has_other_regions, party)

            cls = validators.extend(Draft7Validator, {
                "x-vocabulary": check_vocabulary,
                "x-references": self._check_reference,
                "pattern": _check_pattern,
            })
            self._validators[kind] = cls(source)
        return self._validators[kind]

    def _check_vocabulary(self, validator, name, instance, schema, has_other_regions: bool = False,
                          party: str | None = None):
        from jsonschema import ValidationError

        if not isinstance(instance, str):
            return
        vocabulary = self.vocabularies[name]
        if instance in vocabulary:
            return
        if instance in getattr(vocabulary, "faulty", ()):  # see validation._drop_faulty_institutions
            yield ValidationError(f"{vocabulary.noun} '{shown(instance)}' has an error in "
                                  f"{name}.yml (listed with it); fix it there first", validator="x-vocabulary")
            return
        if name == "countries" and vocabulary.named(instance) is None:
            region = self.vocabularies.regions.named(instance)
            if region is not None:
                message = REGION_AS_COUNTRY["party_regions" if party else
                                            "other_regions" if has_other_regions else "countries_only"]
                yield ValidationError(message.format(value=shown(instance), region=region.id, label=region.label,
                                                     party=party),
                                      validator="x-vocabulary")
                return
        message = f"unknown {vocabulary.noun} '{shown(instance)}'"
        suggestion = vocabulary.suggest(instance)
        if suggestion is not None:
            message += f"; did you mean {vocabulary.describe(suggestion)}?"
        elif name == "countries":
            message += "; use an ISO 3166-1 alpha-3 code such as BRA (Brazil) or VNM (Viet Nam)"
        elif name == "institutions":
            message += "; add it to ssckb/vocabularies/institutions.yml first"
        elif not len(vocabulary):
            message += f"; {name}.yml defines none (fix the problems reported for it first)"
        elif len(vocabulary) <= 20:
            message += "; use one of: " + ", ".join(term.id for term in vocabulary)
        yield ValidationError(message, validator="x-vocabulary")

    def _check_reference(self, validator, kind, instance, schema):
        from jsonschema import ValidationError

        if self.entry_ids is None or not isinstance(instance, str):
            return
        if instance in self.entry_ids.get(kind, ()):
            return
        if kind == "source":
            yield ValidationError(self._source_message(instance), validator="x-references")
            return
        for other_kind, ids in self.entry_ids.items():
            if instance in ids and other_kind != "source":
                yield ValidationError(
                    f"'{shown(instance)}' is {_a(KIND_NOUNS[other_kind])}, not {_a(KIND_NOUNS[kind])}; "
                    f"list it under {KIND_FIELDS[other_kind]}", validator="x-references")
                return
        message = f"no {KIND_NOUNS[kind]} has the id '{shown(instance)}'"
        match = _closest(instance, sorted(self.entry_ids.get(kind, ())), score_cutoff=70)
        if match:
            message += f"; did you mean '{match[0]}'?"
        else:
            message += f" (ids are file names in {KIND_FIELDS[kind]}/ without .md)"
        yield ValidationError(message, validator="x-references")

    def _source_message(self, instance) -> str:
        if instance in self.faulty_sources:
            return (f"source '{shown(instance)}' has an error in sources/{instance}.md (listed with it); "
                    "fix it there first")
        message = f"no source has the id '{shown(instance)}'"
        match = _closest(instance, sorted(self.entry_ids.get("source", ())), score_cutoff=70)
        if match:
            return message + f"; did you mean '{match[0]}'?"
        return message + (" (ids are file names in sources/ without .md; python build.py new source \"Title\" "
                          "adds one)")

    def check(self, kind: str, data, lines: dict, path: str, prefix: tuple = (),
              schema: dict | None = None) -> list[Problem]:
        """Every schema problem of one document, with the line of the field at fault."""
        try:
            self.compiled(kind, schema)(data)
            return []
        except Exception:  # noqa: BLE001 - invalid, or data the compiled code did not expect: ask jsonschema
            pass
        validator = self.validator(kind, schema)
        errors = list(validator.iter_errors(data))
        # A value of the wrong type is reported once, as such: not again as, say, not one of the allowed values.
        mistyped = {tuple(error.absolute_path) for error in errors if error.validator == "type"}
        problems = []
        for error in errors:
            if error.validator != "type" and tuple(error.absolute_path) in mistyped:
                continue
            problems.extend(_to_problems(error, lines, path, prefix))
        return problems


def _line(lines: dict, path: tuple) -> int:
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get((), 1)


def _to_problems(error, lines: dict, path: str, prefix: tuple) -> list[Problem]:
    location = tuple(error.absolute_path)
    field = field_name(prefix + location)
    line = _line(lines, location)
    kind, value, schema = error.validator, error.instance, error.schema
    if kind == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(schema.get("properties", {}))
        problems = []
        for key in value:
            if key in allowed:
                continue
            match = _closest(str(key), allowed, score_cutoff=70)
            if schema.get("x-unknown-key"):  # keys that are not field names (language codes): the schema says
                message = schema["x-unknown-key"].format(key=shown(key), allowed=", ".join(schema["properties"]))
                if match:
                    message += f" (did you mean '{match[0]}'?)"
            else:
                message = f"unknown field '{shown(key)}'"
                if match:
                    message += f"; did you mean '{match[0]}'?"
                else:
                    message += "; allowed fields: " + ", ".join(allowed)
            problems.append(Problem(path, _line(lines, location + (key,)), field_name(prefix + location + (key,)),
                                    message))
        return problems
    if kind == "required":
        problems = []
        for name in error.validator_value:
            if isinstance(value, dict) and name not in value:
                description = schema.get("properties", {}).get(name, {}).get("description", "")
                message = f"missing required field '{name}'"
                if description:
                    message += f" ({description.rstrip('.')})"
                problems.append(Problem(path, line, field_name(prefix + location + (name,)), message))
        return problems
    if kind == "type":
        message = _type_message(error.validator_value, value, location)
        if schema.get("x-type-hint"):  # how to write it, where the schema knows better than the type alone
            message += f"; {schema['x-type-hint']}"
    elif kind == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        message = f"{_quoted(value)} is not allowed; use one of: {options}"
        match = _closest(str(value), [str(v) for v in error.validator_value], score_cutoff=70)
        if match:
            message = f"{_quoted(value)} is not allowed; did you mean '{match[0]}'? (one of: {options})"
    elif kind == "pattern":
        hint = schema.get("x-hint", f"it must match {error.validator_value}")
        message = f"{_quoted(value)} is not in the expected form; {hint}"
    elif kind == "minItems":
        message = ("the list is empty; " if not value else "the list is too short; ") + \
                  f"give at least {error.validator_value} value{'s' if error.validator_value > 1 else ''}"
    elif kind == "uniqueItems":
        seen, duplicate = [], None
        for item in value:
            if item in seen:
                duplicate = item
                break
            seen.append(item)
        message = f"{_quoted(duplicate)} is listed twice; keep it once"
    elif kind == "minLength":
        message = f"too short: write at least {error.validator_value} characters"
    elif kind == "maxLength":
        message = f"too long: {len(value)} characters, at most {error.validator_value}"
    elif kind == "minimum":
        message = f"{value} is too small; the smallest allowed is {error.validator_value}"
    elif kind == "anyOf" and all(set(option) == {"required"} for option in error.validator_value):
        # "at least one of these fields": the schema's way to say authors and/or publisher
        names = [name for option in error.validator_value for name in option["required"]]
        field = field_name(prefix + location + (names[0],))
        message = f"give {' or '.join(repr(name) for name in names)} (or both)" if len(names) == 2 else \
            "give at least one of: " + ", ".join(names)
        if schema.get("x-hint"):  # where "both" is not allowed, the schema says what to write
            message = schema["x-hint"]
    elif kind == "minProperties":
        names = ", ".join(schema.get("properties", {}))
        message = f"the group is empty; give at least one of: {names}"
    elif kind == "maximum":
        message = f"{value} is too large; the largest allowed is {error.validator_value}"
    else:
        message = error.message
    return [Problem(path, line, field, message)]


def validate_data(schema: dict, data, lines: dict, path: str, vocabularies, prefix: tuple = (),
                  checker: SchemaChecker | None = None) -> list[Problem]:
    """Validate a data item that is not an entry (e.g. a registry item) against ``schema``; pass the same
    ``checker`` for many items of one schema, so that its validators are built once."""
    checker = checker or SchemaChecker(vocabularies, None)
    return checker.check(schema.get("$id", "schema"), data, lines, path, prefix, schema=schema)
