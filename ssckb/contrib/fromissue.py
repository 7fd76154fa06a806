"""``build.py from-issue``: a filled "propose an entry" issue form turned into an entry file.

The answers (:mod:`ssckb.contrib.issueform`) are mapped to the values of the kind's schema:
names to codes and ids (:mod:`ssckb.contrib.values`), dropdown options to vocabulary ids, lines to
lists. An answer that cannot be mapped is kept in the file as ``"REVIEW: <answer>"`` where its value
goes, a value ``build.py check`` rejects, and reported as a :class:`Review` for the maintainer:
nothing the contributor wrote is dropped. Pure functions except :func:`write_entry`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..loading import ENTRY_FOLDERS
from ..mdtext import relative_path
from ..money import IFAD
from ..problems import Problem
from ..schemas import KIND_NOUNS, load_schema
from ..scaffold import entry_id_from_title
from ..sources import location_formats
from ..validation import RESERVED_IDS
from ..yamlsafe import parse_yaml
from . import values
from ..localized import term_label
from .forms import CRITERIA, FORM_DROPDOWNS, PARTY_FIELDS, RELATED_FIELD, schema_node, vocabulary_of
from .issueform import FilledForm, answer_lines, checked_boxes, fill, matching_score, split_options
from .messages import REPORT, REVIEW, message


class FromIssueError(Exception):
    """Nothing can be written (no title, or the entry exists); the message says what to do."""


@dataclass(frozen=True)
class Review:
    """One answer left for the maintainer: where its value is in the entry, and what to do."""

    path: tuple  # the value's place in the front matter, e.g. ("countries", 1, "country")
    label: str  # the form's question
    message: str


@dataclass
class Draft:
    """An entry made from an issue: its front matter (in schema order), body and what needs review."""

    kind: str
    id: str
    data: dict
    body: str
    reviews: list = field(default_factory=list)
    criteria: list = field(default_factory=list)
    confirmed: bool = True

    @property
    def path(self) -> str:
        return f"{ENTRY_FOLDERS[self.kind]}/{self.id}.md"


def _review_value(answer: str) -> str:
    return f"{REVIEW}{' '.join(str(answer).split())}"


def source_front_matter(source: str, locations: list[str]) -> dict:
    """The entry's field that cites its source: the one place that knows how a citation is written."""
    return {"sources": [{"source": source, "locations": locations}]}


#: The place of a review about the entry's text, after the front matter.
BODY_PATH = ("body",)
#: Where :func:`source_front_matter` puts the source's id and its locations, for review messages.
SOURCE_PATH = ("sources", 0, "source")
LOCATIONS_PATH = ("sources", 0, "locations")


def source_names(source) -> list[str]:
    """The names an answer may give a source by: id, title, identifiers (symbol, DOI, ISBN) and addresses."""
    identifier = source.data.get("identifier") or {}
    return [name for name in (source.id, source.title, identifier.get("symbol"), identifier.get("doi"),
                              identifier.get("isbn"), source.data.get("url"), source.address) if name]


def source_id(answer: str, sources: dict) -> str | None:
    """The id of the source of the knowledge base (``sources``: id -> :class:`~ssckb.sources.Source`) that
    an answer names by its id, title, document symbol, DOI, ISBN or address, accents and case aside;
    the answer may hold more than the name ('Title (REPL.IX/3/R.3)'): the source of the longest name it holds."""
    wanted = values.normalized(answer)
    found = []
    for source_key in sorted(sources):
        for name in source_names(sources[source_key]):
            key = values.normalized(name)
            # A short name is taken only alone: within a longer answer it may be any word.
            if key and (key == wanted or (len(key) >= 8 and f" {key} " in f" {wanted} ")):
                found.append((-len(key), source_key))
    return min(found)[1] if found else None  # the source the longest name names


def nearest_source(answer: str, sources: dict) -> str | None:
    """The id of the source whose title (or other name) is closest to ``answer``, when one is close."""
    from rapidfuzz import fuzz, process, utils  # only when a source is unknown

    choices = {name: source_key for source_key in sorted(sources)
               for name in source_names(sources[source_key]) if len(name) >= 4}
    match = process.extractOne(answer, list(choices), scorer=fuzz.token_set_ratio,
                               processor=utils.default_process, score_cutoff=75)
    return choices[match[0]] if match else None


class _Mapper:
    """Maps the answers of one filled form to the fields of one entry, collecting reviews."""

    def __init__(self, kind: str, filled: FilledForm, vocabularies, entries: dict, sources: dict):
        self.kind = kind
        self.filled = filled
        self.vocabularies = vocabularies
        self.entries = entries  # kind -> {id: title}
        self.sources = sources  # id -> Source
        self.schema = load_schema(kind)
        self.labels = {f.id: f.label for f in filled.form.fields}
        self.options = {f.id: f.options for f in filled.form.fields}
        self.data: dict = {}
        self.reviews: list = []
        self.body_extra: list = []
        self._countries = None
        self._institutions = None
        self._languages = None

    def answer(self, form_id: str) -> str | None:
        return self.filled.answers.get(form_id)

    def review(self, path: tuple, form_id: str, key: str, **fields) -> None:
        self.reviews.append(Review(path, self.labels.get(form_id, form_id),
                                   message(key, label=self.labels.get(form_id, form_id), **fields)))

    def require(self, path: tuple, form_id: str) -> bool:
        """Whether the answer is there; a missing answer the entry needs is put up for review."""
        if self.answer(form_id) is None and form_id in self.labels:
            self.review(path, form_id, "missing_answer")
            return False
        return self.answer(form_id) is not None

    # --- values -------------------------------------------------------------------------------

    def country(self, name: str, path: tuple, form_id: str) -> str:
        if self._countries is None:
            self._countries = values.country_index(self.vocabularies)
        try:
            return values.country_code(name, self._countries, self.vocabularies)
        except values.Unreadable as exc:
            regions_field = f"{PARTY_FIELDS[self.kind]}.regions" if self.kind in PARTY_FIELDS else "other_regions"
            self.review(path, form_id, exc.key, answer=name, regions_field=regions_field, **exc.details)
            return _review_value(name)

    def institution(self, name: str, path: tuple, form_id: str) -> str:
        if self._institutions is None:
            self._institutions = values.institution_index(self.vocabularies)
        try:
            return values.institution_id(name, self._institutions, self.vocabularies)
        except values.Unreadable as exc:
            self.review(path, form_id, exc.key, answer=name, **exc.details)
            return _review_value(name)

    def text(self, form_id: str, name: str | None = None, required: bool = False) -> None:
        name = name or form_id
        if required and not self.require((name,), form_id):
            return
        if self.answer(form_id) is not None:
            self.data[name] = " ".join(self.answer(form_id).split())

    def lines(self, form_id: str, name: str | None = None) -> None:
        items = answer_lines(self.answer(form_id))
        if items:
            self.data[name or form_id] = items

    def years(self) -> None:
        answer = self.answer("years")
        node = schema_node(self.schema, ("years", "start"))
        if answer is None:
            if "years" in self.schema["required"]:
                self.review(("years",), "years", "missing_answer")
            return
        try:
            self.data["years"] = values.parse_years(answer, node.get("minimum", 1950), node.get("maximum", 2100))
        except values.Unreadable as exc:
            self.review(("years", "start"), "years", exc.key, answer=answer, **exc.details)
            self.data["years"] = {"start": _review_value(answer)}

    def number(self, form_id: str) -> None:
        answer = self.answer(form_id)
        if answer is None:
            return
        if re.fullmatch(r"\s*\d{1,3}\s*", answer):
            self.data[form_id] = int(answer)
        else:
            self.review((form_id,), form_id, "bad_number", answer=answer)
            self.data[form_id] = _review_value(answer)

    def choices(self, form_id: str) -> None:
        """A dropdown's options as ids of its vocabulary, in the form's order."""
        path, _, _ = FORM_DROPDOWNS[self.kind][form_id]
        answer = self.answer(form_id)
        if answer is None:
            parent = schema_node(self.schema, path[:-1]) if len(path) > 1 else self.schema
            if path[-1] in parent.get("required", ()):
                self.review(path, form_id, "missing_answer")
            return
        node = schema_node(self.schema, path)
        vocabulary = self.vocabularies[vocabulary_of(node)]
        multiple = node.get("type") == "array"
        chosen, leftovers = split_options(answer, self.options[form_id]) if multiple else (
            ([answer.strip()], []) if answer.strip() in self.options[form_id] else ([], [answer.strip()]))
        # The form's options are the terms' labels in its language; the English ones are understood too.
        by_label = {term.label: term.id for term in vocabulary}
        by_label.update({term_label(term, self.filled.form.language).text: term.id for term in vocabulary})
        ids = []
        for option in chosen + leftovers:
            if option in leftovers:
                self.review(path + ((len(ids),) if multiple else ()), form_id, "unknown_option", answer=option,
                            options="; ".join(self.options[form_id]))
                ids.append(_review_value(option))
            elif option in by_label:
                ids.append(by_label[option])
            else:  # the form is older than the vocabulary
                suggestion = vocabulary.suggest(option)
                self.review(path + ((len(ids),) if multiple else ()), form_id, "unknown_term", answer=option,
                            noun=vocabulary.noun, suggestion=vocabulary.describe(suggestion) if suggestion else "")
                ids.append(_review_value(option))
        target = self.data
        for name in path[:-1]:
            target = target.setdefault(name, {})
        target[path[-1]] = ids if multiple else ids[0]

    def _with_roles(self, field: str, key: str, resolve) -> list[dict]:
        """One ``{key: id, role: ...}`` item per line of the answer to ``field`` ('Brazil (provider)'); the id
        comes from ``resolve(name, path, form_id)``, a missing role becomes REVIEW: with the roles allowed."""
        roles = schema_node(self.schema, (field, "role"))["enum"]
        items = []
        for line in answer_lines(self.answer(field)):
            name, role = _name_and_role(line, roles)
            index = len(items)
            value = resolve(name, (field, index, key), field)
            if role is None:
                self.review((field, index, "role"), field, "missing_role", answer=line, roles=", ".join(roles))
                role = _review_value(line)
            items.append({key: value, "role": role})
        return items

    def countries_with_roles(self) -> None:
        items = self._with_roles("countries", "country", self.country)
        if items or self.answer("countries") is None:
            self.data["countries"] = items

    def country_list(self, form_id: str, path: tuple | None = None) -> None:
        """The countries an answer names, one or more per line, at ``path`` (default: the field ``form_id``)."""
        path = path or (form_id,)
        codes = []
        for line in answer_lines(self.answer(form_id)):
            for name in self._names_on_line(line, form_id):
                codes.append(self.country(name, path + (len(codes),), form_id))
        if codes:
            self._put(path, list(dict.fromkeys(codes)))
        elif len(path) == 1 and form_id in self.schema["required"]:
            self.review((form_id,), form_id, "missing_answer")
            self.data[form_id] = []

    def _names_on_line(self, line: str, form_id: str) -> list[str]:
        """A line may hold several names separated by commas, unless the whole line is one name
        (with a comma of its own: 'Bolivia, Plurinational State of')."""
        if self._countries is None:
            self._countries = values.country_index(self.vocabularies)
        if values.normalized(line) in self._countries or not re.search(r"[,;]", line):
            return [line]
        return [part.strip() for part in re.split(r"[,;]", line) if part.strip()]

    def institutions_with_roles(self) -> None:
        items = self._with_roles("institutions", "institution", self.institution)
        if items:
            self.data["institutions"] = items

    def institution_list(self, form_id: str, path: tuple | None = None) -> None:
        path = path or (form_id,)
        ids = [self.institution(line, path + (index,), form_id)
               for index, line in enumerate(answer_lines(self.answer(form_id)))]
        if ids:
            self._put(path, list(dict.fromkeys(ids)))

    def _put(self, path: tuple, value) -> None:
        target = self.data
        for name in path[:-1]:
            target = target.setdefault(name, {})
        target[path[-1]] = value

    def languages(self) -> None:
        """Language names or codes, separated by commas (or one per line), as ISO 639-1 codes."""
        if self._languages is None:
            self._languages = values.language_index(self.vocabularies)
        codes = []
        for line in answer_lines(self.answer("languages")):
            for name in (part.strip() for part in re.split(r"[,;/]|\band\b|\bet\b|\by\b|\be\b", line)):
                if not name:
                    continue
                try:
                    codes.append(values.language_code(name, self._languages, self.vocabularies))
                except values.Unreadable as exc:
                    self.review(("languages", len(codes)), "languages", exc.key, answer=name, **exc.details)
                    codes.append(_review_value(name))
        if codes:
            self.data["languages"] = list(dict.fromkeys(codes))

    def party(self, field_name: str) -> None:
        """Who asks (a request's requester) or who offers (an offer's provider): its countries, regions,
        institutions and kinds of organisation, each from its own question, in the schema's order."""
        self.country_list("countries", (field_name, "countries"))
        if self.answer("regions") is not None:
            self.choices("regions")
        self.institution_list("institutions", (field_name, "institutions"))
        if self.answer("organisation_types") is not None:
            self.choices("organisation_types")
        found = self.data.get(field_name)
        if not found:
            labels = [self.labels[form_id] for form_id in ("countries", "regions", "institutions",
                                                           "organisation_types") if form_id in self.labels]
            self.reviews.append(Review((field_name, "organisation_types", 0), labels[0], message(
                "no_party", who="wants to learn" if self.kind == "request" else "can share", labels='", "'.join(
                    labels))))
            self.data[field_name] = {"organisation_types": [_review_value("no answer")]}
            return
        order = list(schema_node(self.schema, (field_name,))["properties"])
        self.data[field_name] = {key: found[key] for key in order if key in found}

    def cases(self) -> None:
        items = []
        for line in answer_lines(self.answer("cases")):
            parts = [part.strip() for part in line.split(";")]
            case = {"title": parts[0]}
            index = len(items)
            if len(parts) > 1 and parts[1]:
                case["host"] = self.institution(parts[1], ("cases", index, "host"), "cases")
            if len(parts) > 2 and parts[2]:
                case["country"] = self.country("; ".join(parts[2:]), ("cases", index, "country"), "cases")
            items.append(case)
        if items:
            self.data["cases"] = items

    def contributions(self) -> None:
        """IFAD's and the others' contributions, each in its own currency (US dollars unless written). The
        form asks neither kind nor status: both are 'not-stated' until a maintainer reads them in the source."""
        items = []
        for form_id, funder in (("ifad_contribution", {"funder": IFAD}),
                                ("others_contribution", {"funder_group": "not-named"})):
            answer = self.answer(form_id)
            if answer is None:
                continue
            item = dict(funder)
            try:
                item["amount"], currency = values.parse_amount(answer)
            except values.Unreadable as exc:
                self.review(("contributions", len(items), "amount"), form_id, exc.key, answer=answer, **exc.details)
                item["amount"], currency = _review_value(answer), None
            item.update({"currency": currency or "USD", "kind": "not-stated", "status": "not-stated"})
            items.append(item)
        if items:
            self.data["contributions"] = items

    def related(self, fields: dict) -> None:
        """Ids or titles of other entries, put in the field for their kind; an entry of a kind the schema
        cannot link to is linked from the body instead."""
        by_name = {}
        for other_kind, entries in self.entries.items():
            for entry_id, title in entries.items():
                by_name.setdefault(values.normalized(entry_id), (other_kind, entry_id))
                by_name.setdefault(values.normalized(title), (other_kind, entry_id))
        linked: dict = {}
        for line in answer_lines(self.answer(RELATED_FIELD)):
            found = by_name.get(values.normalized(line.rsplit("/", 1)[-1].removesuffix(".md")))
            found = found or by_name.get(values.normalized(line))
            if found is None:
                name = next(iter(fields.values()))
                index = len(linked.get(name, []))
                self.review((name, index), RELATED_FIELD, "unknown_entry", answer=line,
                            kinds=" or ".join(KIND_NOUNS[k] for k in fields))
                linked.setdefault(name, []).append(_review_value(line))
            elif found[0] in fields:
                linked.setdefault(fields[found[0]], []).append(found[1])
            else:
                own = f"{ENTRY_FOLDERS[self.kind]}/_.md"
                target = relative_path(own, f"{ENTRY_FOLDERS[found[0]]}/{found[1]}.md")
                self.body_extra.append(f"Related {KIND_NOUNS[found[0]]}: "
                                       f"[{_markdown_text(self.entries[found[0]][found[1]])}]({target}).")
        for name in fields.values():
            if linked.get(name):
                self.data[name] = list(dict.fromkeys(linked[name]))

    def source(self, issue_url: str | None = None) -> None:
        """The cited source, found among the knowledge base's sources, and its locations, checked in the form
        that source is cited in (any short text for a source of free locations)."""
        answer = self.answer("source")
        locations = answer_lines(self.answer("source_locations"))
        locations = [part.strip() for line in locations for part in line.split(";") if part.strip()]
        cited = source_id(answer, self.sources) if answer else None
        if answer is None and self.kind in PARTY_FIELDS and not locations:
            # The issue is the first place a request or an offer is written down: it becomes the source, a
            # first-hand account of the organisation, once a maintainer has added it to sources/.
            self.review(SOURCE_PATH, "source", "first_hand_source", noun=KIND_NOUNS[self.kind],
                        issue=issue_url or "the issue's address")
            self.data.update(source_front_matter(_review_value("the issue"), [ISSUE_LOCATION]))
            return
        if answer is None:
            self.review(SOURCE_PATH, "source", "missing_answer")
            cited = _review_value("no answer")
        elif cited is None:
            suggestion = nearest_source(answer, self.sources)
            self.review(SOURCE_PATH, "source", "unknown_source", answer=answer,
                        suggestion=f"{suggestion} ({self.sources[suggestion].title})" if suggestion else "")
            cited = _review_value(answer)
        formats = location_formats()
        # A source not (yet) in the knowledge base is held to the free form, as every location is.
        format_name = self.sources[cited].data.get("location_format", "free") if cited in self.sources else "free"
        pattern, hint = formats.get(format_name, formats["free"])
        checked = []
        for location in locations:
            if not pattern.search(location):
                self.review(LOCATIONS_PATH + (len(checked),), "source_locations", "bad_location", answer=location,
                            source=cited if cited in self.sources else "the source", hint=hint)
                location = _review_value(location)
            checked.append(location)
        if not checked:
            self.review(LOCATIONS_PATH, "source_locations", "missing_answer")
            checked = [_review_value("no answer")]
        self.data.update(source_front_matter(cited, checked))


#: The address of an issue, given with --issue: on one line, nothing that could end a Markdown autolink.
ISSUE_ADDRESS = re.compile(r"^https://[A-Za-z0-9.-]+(?::\d+)?/[A-Za-z0-9._~/%-]+/issues/\d+\Z")
#: Where a request or an offer stated first in its issue is, in that issue (cited as a first-hand account).
ISSUE_LOCATION = "the issue's opening message"
#: What looks like personal contact details in an answer: e-mail addresses, international telephone numbers.
_PERSONAL = (("an e-mail address", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
             ("a telephone number", re.compile(r"(?<![\w+])\+\d[\d\s().-]{6,}\d")))
#: The sentence a request or an offer made from an issue ends with: where to answer it.
CONTACT = {"request": "To answer this request, write in its issue thread: <{url}>.",
           "offer": "To take up this offer, write in its issue thread: <{url}>."}


#: The answers of a request or an offer searched for personal contact details.
PERSONAL_DATA_FIELDS = ("title", "statement", "countries", "institutions", "conditions", "description")


def redact_personal_data(filled: FilledForm, form_ids: tuple) -> tuple[FilledForm, list]:
    """A copy of ``filled`` whose answers hold no e-mail address or telephone number, each replaced by
    ``(REVIEW: ... removed)``, and the (form id, what) removed: the knowledge base keeps no personal contact
    details, and the file made from the issue is published."""
    answers, removed = dict(filled.answers), []
    for form_id in form_ids:
        answer = answers.get(form_id)
        for what, pattern in _PERSONAL:
            if answer and pattern.search(answer):
                answer = pattern.sub(f"({REVIEW}{what} removed)", answer)
                removed.append((form_id, what))
        if answer is not None:
            answers[form_id] = answer
    return FilledForm(filled.form, answers, list(filled.unknown_headings)), removed


def _markdown_text(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>|])", r"\\\1", text)


_ROLE_SEPARATOR = r"\s*(?::|–|—|-|=)\s*"


def _name_and_role(line: str, roles: list[str]) -> tuple[str, str | None]:
    """'Brazil: provider', 'Brazil (provider)', 'Brazil - provider' -> ('Brazil', 'provider')."""
    words = "|".join(re.escape(role) for role in roles)
    for pattern in (rf"^(?P<name>.+?){_ROLE_SEPARATOR}(?P<role>{words})\.?$",
                    rf"^(?P<name>.+?)\s*\((?P<role>{words})\)\.?$"):
        match = re.match(pattern, line.strip(), flags=re.I)
        if match:
            return match["name"].strip(), match["role"].lower()
    return line.strip(), None


#: The related field of each form: kind of the linked entry -> the front-matter field that links it.
RELATED_TARGETS = {
    "activity": {"lesson": "lessons", "learning_route": "learning_routes"},
    "lesson": {"activity": "activities", "learning_route": "learning_routes"},
    "learning_route": {"activity": "activities", "lesson": "lessons"},
    "offer": {"activity": "activities", "learning_route": "learning_routes"},
}


def draft_entry(kind: str, filled: FilledForm, vocabularies, entries: dict, sources: dict,
                issue_url: str | None = None) -> Draft:
    """The entry the answers of ``filled`` make. ``entries``: kind -> {id: title} of the knowledge base;
    ``sources``: its sources by id (:class:`~ssckb.sources.Source`); ``issue_url``: the issue's address, where
    a request or an offer is answered."""
    removed = []
    if kind in PARTY_FIELDS:
        filled, removed = redact_personal_data(filled, PERSONAL_DATA_FIELDS)
    mapper = _Mapper(kind, filled, vocabularies, entries, sources)
    for form_id, what in removed:
        mapper.review(BODY_PATH if form_id == "description" else (form_id,), form_id, "personal_data", what=what)
    title = " ".join((mapper.filled.answers.get("title") or "").split())
    entry_id = entry_id_from_title(title)
    if not entry_id:
        raise FromIssueError("the issue has no usable title (the entry's id is made from it); "
                             "give the issue's \"Title\" an answer in Latin letters or digits")
    if entry_id in RESERVED_IDS:
        raise FromIssueError(f"the title gives the id '{entry_id}', which is reserved for a page of the site; "
                             "edit the title in the issue")
    mapper.data.update({"id": entry_id, "title": title})
    if kind == "activity":
        mapper.text("summary", required=True)
        mapper.years()
        mapper.countries_with_roles()
        for form_id in ("other_regions", "themes", "modalities", "participants"):
            mapper.choices(form_id)
        mapper.institutions_with_roles()
        if mapper.answer("funding_nature") is not None:
            mapper.choices("funding_nature")
        mapper.contributions()
        mapper.lines("results")
    elif kind == "lesson":
        mapper.number("number")
        mapper.text("statement", required=True)
        mapper.lines("points")
        if mapper.require(("learned_by",), "learned_by"):
            mapper.data["learned_by"] = mapper.institution(" ".join(mapper.answer("learned_by").split()),
                                                           ("learned_by",), "learned_by")
        mapper.choices("themes")
    elif kind in PARTY_FIELDS:
        mapper.text("statement", required=True)
        mapper.party(PARTY_FIELDS[kind])
        for form_id in ("themes", "participants", "modalities"):
            mapper.choices(form_id)
        mapper.languages()
        mapper.text("conditions")
        if mapper.answer("years") is not None:
            mapper.years()
        mapper.data["status"] = "open"  # a new request or offer; matched and closed come later, by hand
        if issue_url:
            mapper.body_extra.append(CONTACT[kind].format(url=issue_url))
    else:
        mapper.text("summary", required=True)
        mapper.years()
        mapper.country_list("countries_visited")
        mapper.country_list("participant_countries")
        mapper.cases()
        mapper.institution_list("organisers")
        mapper.choices("themes")
        mapper.choices("participants")
        mapper.text("duration")
        mapper.lines("innovation_plans")
        mapper.lines("results")
    if kind in RELATED_TARGETS:
        mapper.related(RELATED_TARGETS[kind])
    mapper.source(issue_url)
    for heading, answer in filled.unknown_headings:
        mapper.reviews.append(Review(("-",), heading, message("unknown_question", label=heading,
                                                                 answer=" ".join(answer.split()))))
    body = (mapper.filled.answers.get("description") or "").strip()
    if not body:
        mapper.review(BODY_PATH, "description", "empty")
        body = REVIEW + "the description"
    body = "\n\n".join([body, *mapper.body_extra])
    order = list(mapper.schema["properties"])
    data = {key: mapper.data[key] for key in order if key in mapper.data}
    confirmed = "confirm" not in mapper.labels or bool(checked_boxes(filled.answers.get("confirm")))
    return Draft(kind, entry_id, data, body, mapper.reviews, _criteria_in_english(filled), confirmed)


def _criteria_in_english(filled: FilledForm) -> list[str]:
    """The criteria ticked, named as in English whatever the form's language (by their place in the form)."""
    options = next((f.options for f in filled.form.fields if f.id == "criteria"), ())
    english = dict(zip(options, CRITERIA)) if len(options) == len(CRITERIA) else {}
    return [english.get(ticked, ticked) for ticked in checked_boxes(filled.answers.get("criteria"))]


# --- Writing ------------------------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*\Z")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}
WIDTH = 100


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS and not re.fullmatch(r"[0-9._/-]+", text):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string


def _flow(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    return _scalar(value)


def _field_lines(key: str, value) -> list[str]:
    one_line = f"{key}: {_flow(value)}"
    if isinstance(value, list) and value and (len(one_line) > WIDTH or any(
            isinstance(item, dict) or (isinstance(item, str) and " " in item) for item in value)):
        return [f"{key}:"] + [f"  - {_flow(item)}" for item in value]
    if isinstance(value, dict) and len(one_line) > WIDTH:
        return [f"{key}:"] + [f"  {line}" for inner, item in value.items() for line in _field_lines(inner, item)]
    return [one_line]


def entry_text(draft: Draft) -> str:
    """The entry file: front matter, one field after another in the schema's order, then the body."""
    lines = ["---"]
    for key, value in draft.data.items():
        lines += _field_lines(key, value)
    lines += ["---", "", draft.body.strip(), ""]
    return "\n".join(lines)


def problems_of(draft: Draft, text: str) -> list[Problem]:
    """The reviews as ``path:line: field: message``, on the lines of ``text`` that hold their values."""
    front = text.split("\n---\n", 1)[0].split("\n", 1)[1] + "\n"
    lines = parse_yaml(front, first_line=2).lines
    body_line = len(front.split("\n")) + 3  # after the front matter, its closing '---' and a blank line
    problems = []
    for review in draft.reviews:
        path = tuple(review.path)
        line = body_line if path == BODY_PATH else 1
        while path and path not in (("-",), BODY_PATH):
            if path in lines:
                line = lines[path]
                break
            path = path[:-1]
        shown = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in review.path).replace(".[", "[")
        problems.append(Problem(draft.path, line, shown, review.message))
    return problems


def report_markdown(draft: Draft, problems: list[Problem]) -> str:
    """What the workflow says in the issue: where the entry is, and each answer left for review."""
    def code(text: str) -> str:
        return "`" + str(text).replace("`", "'") + "`"

    lines = [REPORT["written"].format(path=draft.path), ""]
    if problems:
        lines += [REPORT["to_review"].format(count=len(problems)), ""]
        lines += [f"- {code(f'{p.path}:{p.line}')} {code(p.field)}: {code(p.message)}" for p in problems]
    else:
        lines.append(REPORT["all_mapped"])
    if draft.criteria:
        lines += ["", REPORT["criteria"].format(criteria="; ".join(draft.criteria))]
    if not draft.confirmed:
        lines += ["", REPORT["not_confirmed_private" if draft.kind in PARTY_FIELDS else "not_confirmed"]]
    return "\n".join(lines) + "\n"


def write_entry(root: Path, draft: Draft, text: str) -> Path:
    """Write the entry file; an existing file is never overwritten."""
    path = Path(root) / draft.path
    if path.exists() or path.is_symlink():
        raise FromIssueError(f"{draft.path} already exists: is the issue about that {KIND_NOUNS[draft.kind]}? "
                             "Edit that file, or change the title in the issue")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return path


def _candidates(forms: dict, kind: str | None) -> list:
    """(kind, form) of every form to try: ``forms`` maps a kind to its form, or to its forms in several languages."""
    found = []
    for form_kind, held in forms.items():
        if kind is None or form_kind == kind:
            found += [(form_kind, form) for form in (held if isinstance(held, (list, tuple)) else (held,))]
    return found


def convert(body: str, forms: dict, vocabularies, entries: dict, sources: dict, kind: str | None = None,
            issue_url: str | None = None):
    """(draft, entry text, problems) of an issue ``body``; ``forms``: kind -> its :class:`Form` (or a list of
    them, one per language); ``sources``: the knowledge base's sources by id; ``issue_url``: the issue's address.
    The form (of ``kind`` when given) whose labels the body's headings match best is taken: an issue answered
    in Spanish is read with the Spanish form, and gives the same entry as in English."""
    candidates = _candidates(forms, kind)
    if not candidates:
        raise FromIssueError(f"no form for the kind '{kind}'")
    asked, (kind, form) = kind, max(candidates, key=lambda pair: (matching_score(pair[1], body),
                                                                  pair[0] == "activity", pair[1].language == "en"))
    if asked is None and matching_score(form, body) <= 0:
        raise FromIssueError("the file is not an issue made from a 'propose' form (no '### Title' and the other "
                             "questions); give the body of such an issue")
    draft = draft_entry(kind, fill(form, body), vocabularies, entries, sources, issue_url)
    text = entry_text(draft)
    return draft, text, problems_of(draft, text)
