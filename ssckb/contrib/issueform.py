"""Reading a filled issue form: the form's definition, and the body of the issue GitHub made from it.

GitHub renders a filled form as Markdown: for each field, ``### Label``, a blank line, the answer;
``_No response_`` for an empty answer; ticked checkboxes as ``- [X] option``; the options chosen in
a multi-select dropdown joined by ``", "``. Parsing goes by the form's own definition (its labels,
ids and options), so an option that itself contains a comma is never split. Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

NO_RESPONSE = "_No response_"
_HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*#*[ \t]*\Z")
_CHECKBOX = re.compile(r"^[-*][ \t]+\[([ xX])\][ \t]+(.*)\Z")
_SEPARATOR = ", "


@dataclass(frozen=True)
class FormField:
    """One field of an issue form, as its YAML defines it."""

    id: str
    type: str  # input, textarea, dropdown, checkboxes
    label: str
    options: tuple = ()
    multiple: bool = False
    required: bool = False


@dataclass(frozen=True)
class Form:
    """An issue form: its name, labels and fields in order."""

    name: str
    fields: tuple
    labels: tuple = ()  # the labels GitHub gives the issue
    language: str = "en"  # the language of its labels and options (the same ids in every language)

    def by_label(self) -> dict:
        return {f.label: f for f in self.fields}


@dataclass
class FilledForm:
    """The answers of one issue, by form field id (None for an empty answer), and what did not fit."""

    form: Form
    answers: dict = field(default_factory=dict)
    unknown_headings: list = field(default_factory=list)  # (heading, answer) that the form does not have


def form_from_yaml(text: str, language: str = "en") -> Form:
    """The definition of a form from its YAML (the file under .github/ISSUE_TEMPLATE/), in ``language``."""
    data = yaml.safe_load(text)
    fields = []
    for element in data.get("body") or ():
        if element.get("type") == "markdown" or "id" not in element:
            continue
        attributes = element.get("attributes") or {}
        options = tuple(option if isinstance(option, str) else option["label"]
                        for option in attributes.get("options") or ())
        fields.append(FormField(element["id"], element["type"], str(attributes["label"]), options,
                                bool(attributes.get("multiple")),
                                bool((element.get("validations") or {}).get("required"))))
    return Form(str(data.get("name", "")), tuple(fields), tuple(data.get("labels") or ()), language)


def load_form(path: Path) -> Form:
    """The form of a file; its language is in the file's name (``propose-activity.es.yml``; none: English)."""
    from .forms import form_language

    return form_from_yaml(Path(path).read_text(encoding="utf-8"), form_language(Path(path).name))


def sections(body: str) -> list[tuple[str, str]]:
    """(heading, answer) of every ``### heading`` of an issue body, answers stripped."""
    found, heading, lines = [], None, []
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        match = _HEADING.match(line)
        if match:
            if heading is not None:
                found.append((heading, "\n".join(lines).strip()))
            heading, lines = match.group(1), []
        elif heading is not None:
            lines.append(line)
    if heading is not None:
        found.append((heading, "\n".join(lines).strip()))
    return found


def fill(form: Form, body: str) -> FilledForm:
    """The answers of ``body`` to ``form``: ``_No response_`` and blank answers become None."""
    by_label = form.by_label()
    filled = FilledForm(form, {f.id: None for f in form.fields})
    for heading, answer in sections(body):
        form_field = by_label.get(heading)
        value = None if answer in ("", NO_RESPONSE) else answer
        if form_field is None:
            filled.unknown_headings.append((heading, answer))
        else:
            filled.answers[form_field.id] = value
    return filled


def matching_score(form: Form, body: str) -> int:
    """How many of the body's headings are labels of ``form``, minus those that are not (to pick the form)."""
    labels = set(form.by_label())
    headings = [heading for heading, _ in sections(body)]
    return sum(1 if heading in labels else -1 for heading in headings)


def split_options(answer: str, options: tuple) -> tuple[list[str], list[str]]:
    """The options of a multi-select answer, and the parts that are no option.

    GitHub joins the chosen options with ", ", and an option may contain ", " itself ("Near East,
    North Africa and Europe"): the answer is split where the pieces are whole options, trying the
    longest option first, and only what matches no option is split at every comma.
    """
    text = answer.strip()
    by_length = sorted(set(options), key=len, reverse=True)
    memo: dict = {}

    def parse(start: int):
        if start == len(text):
            return []
        if start in memo:
            return memo[start]
        memo[start] = None
        for option in by_length:
            end = start + len(option)
            if text.startswith(option, start) and (end == len(text) or text.startswith(_SEPARATOR, end)):
                rest = parse(end if end == len(text) else end + len(_SEPARATOR))
                if rest is not None:
                    memo[start] = [option] + rest
                    break
        return memo[start]

    whole = parse(0)
    if whole is not None:
        return list(dict.fromkeys(whole)), []
    chosen, leftovers = [], []
    for part in (p.strip() for p in text.split(",")):
        if part in options:
            chosen.append(part)
        elif part:
            leftovers.append(part)
    return list(dict.fromkeys(chosen)), leftovers


def checked_boxes(answer: str | None) -> list[str]:
    """The options ticked in a checkboxes answer (``- [X] option``)."""
    ticked = []
    for line in (answer or "").splitlines():
        match = _CHECKBOX.match(line.strip())
        if match and match.group(1) in "xX":
            ticked.append(match.group(2).strip())
    return ticked


_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")


def answer_lines(answer: str | None) -> list[str]:
    """The non-empty lines of a textarea answer, without list bullets or numbers."""
    return [_BULLET.sub("", line).strip() for line in (answer or "").splitlines()
            if _BULLET.sub("", line).strip()]
