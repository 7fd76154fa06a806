"""The "propose an entry" issue forms, one per entry kind, written from the schemas and vocabularies.

``python build.py guide`` writes them under ``.github/ISSUE_TEMPLATE/``; ``build.py from-issue``
reads them back (:mod:`ssckb.contrib.issueform`) to parse a filled form, so the form file is the one
definition of its labels, ids and dropdown options. Dropdown options are the vocabularies' labels.
"""

from __future__ import annotations

import json
import posixpath
from urllib.parse import quote, urlencode

from ..i18n import LANGUAGES, N_, _, rendering_language
from ..localized import term_label
from ..schemas import load_schema
from .descriptions import field_description

#: The languages each "propose" form is written in (GitHub lists every one; each file's name ends with its
#: language, English's has none). Their field ids are the same in every language: from-issue reads any.
FORM_LANGUAGES = ("en", "es", "fr", "pt")

#: Entry kind -> the form's file in the repository.
ISSUE_FORMS = {
    "activity": ".github/ISSUE_TEMPLATE/propose-activity.yml",
    "lesson": ".github/ISSUE_TEMPLATE/propose-lesson.yml",
    "learning_route": ".github/ISSUE_TEMPLATE/propose-learning-route.yml",
    "request": ".github/ISSUE_TEMPLATE/i-want-to-learn.yml",
    "offer": ".github/ISSUE_TEMPLATE/we-can-share.yml",
}


def issue_form_path(kind: str, language: str = "en") -> str:
    """The file of the form of ``kind`` in ``language``: ``propose-activity.yml``, ``propose-activity.es.yml``."""
    path = ISSUE_FORMS[kind]
    return path if language == "en" else path.removesuffix(".yml") + f".{language}.yml"


def form_language(path: str) -> str:
    """The language of a form's file, from its name (``propose-activity.fr.yml`` -> 'fr'; no suffix: 'en')."""
    stem = posixpath.basename(str(path)).removesuffix(".yml")
    suffix = stem.rpartition(".")[2] if "." in stem else ""
    return suffix if suffix in FORM_LANGUAGES else "en"


#: The form for reporting a mistake (hand-written); entry pages link to it pre-filled.
MISTAKE_FORM = ".github/ISSUE_TEMPLATE/report-a-mistake.yml"

#: Dropdowns of each form: form id -> (path of the field in the kind's schema, label, required).
FORM_DROPDOWNS = {
    "activity": {
        "themes": (("themes",), N_("Themes"), True),
        "modalities": (("modalities",), N_("How was knowledge exchanged?"), True),
        "participants": (("participants",), N_("Who took part?"), True),
        "other_regions": (("other_regions",), N_("Regions taking part without named countries"), False),
        "funding_nature": (("funding_nature",), N_("How did IFAD fund it?"), False),
    },
    "lesson": {
        "themes": (("themes",), N_("Themes"), False),
    },
    "learning_route": {
        "themes": (("themes",), N_("Themes"), True),
        "participants": (("participants",), N_("Who took part?"), True),
    },
    "request": {
        "regions": (("requester", "regions"), N_("Your region, if you name no country"), False),
        "organisation_types": (("requester", "organisation_types"), N_("What kind of organisation are you?"), False),
        "themes": (("themes",), N_("Themes"), True),
        "participants": (("participants",), N_("Who would take part in the learning?"), False),
        "modalities": (("modalities",), N_("How would you like to learn?"), False),
    },
    "offer": {
        "regions": (("provider", "regions"), N_("Your region, if you name no country"), False),
        "organisation_types": (("provider", "organisation_types"), N_("What kind of organisation are you?"), False),
        "themes": (("themes",), N_("Themes"), True),
        "participants": (("participants",), N_("Who would it suit?"), False),
        "modalities": (("modalities",), N_("How can it be shared?"), False),
    },
}

#: The field of a request or an offer that says who asks or who offers (its countries, regions, institutions
#: and kinds of organisation, each asked as a question of its own).
PARTY_FIELDS = {"request": "requester", "offer": "provider"}

#: The form field whose answer names entries of the knowledge base this one is linked to; an entry
#: page's "Propose a related activity" link fills it with the entry's id.
RELATED_FIELD = "related"

#: The five criteria of REPL.IX/3/R.3, Annex II, paragraph 3 (docs/about/criteria.md explains them).
CRITERIA = (
    N_("Demand-driven"),
    N_("Based on concrete and tested knowledge and experience"),
    N_("Systematic, not one-off"),
    N_("Embedded in IFAD's country programmes"),
    N_("Prioritized by those who benefit"),
)

_TITLES = {"activity": N_("[Activity] "), "lesson": N_("[Lesson] "), "learning_route": N_("[Learning route] "),
           "request": N_("[I want to learn] "), "offer": N_("[We can share] ")}
_LABELS = {"activity": "activity", "lesson": "lesson", "learning_route": "learning-route", "request": "request",
           "offer": "offer"}
#: The forms' names (GitHub lists the forms by name; the other languages' add the language's name).
_NAMES = {"activity": N_("Propose an activity"), "lesson": N_("Propose a lesson"),
          "learning_route": N_("Propose a learning route"), "request": N_("I want to learn…"),
          "offer": N_("We can share…")}
_DESCRIPTIONS = {
    "request": N_("Say what your organisation or country wants to learn from peers in the South; the knowledge "
                  "base lists the offers and past experience that fit it."),
    "offer": N_("Say what experience your organisation or country can share with peers in the South; the "
                "knowledge base lists the requests it fits."),
    "activity": N_("Tell us about a South-South cooperation activity; a maintainer turns it into an entry."),
    "lesson": N_("Tell us about a lesson learned about South-South cooperation; a maintainer turns it into an "
                 "entry."),
    "learning_route": N_("Tell us about a learning route; a maintainer turns it into an entry."),
}
_DEMAND_INTRODUCTIONS = {
    "request": N_("""
Tell us what you want to learn from peers in the South: a ministry, a project, a farmers'
organisation or any group can ask. Your request gets its page on the site, with the offers, past
activities, host institutions and lessons that fit it, each with the reason it was chosen; whoever
can share the experience answers in this issue's thread.
"""),
    "offer": N_("""
Tell us what experience you can share with peers in the South: a ministry, a project, a farmers'
organisation or any group that has done it can offer. Your offer gets its page on the site, with
the open requests it fits and the reason each was chosen; whoever wants to learn from it asks in
this issue's thread.
"""),
}
_DEMAND_COMMON = N_("""
You do not need to know Git: fill in what you know, and a maintainer turns it into an entry of
the knowledge base and asks you in this issue if something is unclear. Fields marked with a red
star are needed.

**This issue is public: do not write names of people, e-mail addresses or telephone numbers.**
The knowledge base keeps no personal contact details: contact goes through this issue's thread,
or to your institution's public address. If you prefer to add the entry yourself, see
CONTRIBUTING.md.
""")
#: The opening of the forms of activities, lessons and learning routes (one whole text each, for translators).
_INTRODUCTIONS = {
    "activity": N_("""
Thank you for sharing an example of South-South cooperation. You do not need to know Git:
fill in what you know, and a maintainer will turn it into an entry of the knowledge base
and ask you if something is unclear. Fields marked with a red star are needed.

Every fact must come from a source you can cite (a report, an evaluation, an article, a web
page...), with the place in it (page, paragraph, box or table). Please write in your own words;
keep figures and names exactly as printed. If you prefer to add the activity yourself,
see CONTRIBUTING.md.
"""),
    "lesson": N_("""
Thank you for sharing an example of South-South cooperation. You do not need to know Git:
fill in what you know, and a maintainer will turn it into an entry of the knowledge base
and ask you if something is unclear. Fields marked with a red star are needed.

Every fact must come from a source you can cite (a report, an evaluation, an article, a web
page...), with the place in it (page, paragraph, box or table). Please write in your own words;
keep figures and names exactly as printed. If you prefer to add the lesson yourself,
see CONTRIBUTING.md.
"""),
    "learning_route": N_("""
Thank you for sharing an example of South-South cooperation. You do not need to know Git:
fill in what you know, and a maintainer will turn it into an entry of the knowledge base
and ask you if something is unclear. Fields marked with a red star are needed.

Every fact must come from a source you can cite (a report, an evaluation, an article, a web
page...), with the place in it (page, paragraph, box or table). Please write in your own words;
keep figures and names exactly as printed. If you prefer to add the learning route yourself,
see CONTRIBUTING.md.
"""),
}
_AMOUNT_HINT = N_("An amount as the source prints it, e.g. 'US$1.5 million' or '200,000'; "
                  "US dollars unless you write another currency.")
_CHOOSE_ALL = N_("Choose all that apply.")


def _sentences(*texts: str) -> str:
    """Whole sentences, each translated, one after the other."""
    return " ".join(_(text) for text in texts if text)


def issue_url(repo_url: str, form_path: str, answers: dict) -> str:
    """The address that opens a form of the repository with ``answers`` filled in (form field id -> text),
    by GitHub's issue-form URL parameters: ``issues/new?template=<file>&<field id>=<value>``."""
    base = quote(repo_url.rstrip("/"), safe=":/@%+-._~")
    query = urlencode({"template": posixpath.basename(form_path), **answers}, quote_via=quote)
    return f"{base}/issues/new?{query}"


def schema_node(schema: dict, path: tuple) -> dict:
    """The schema of a field, by path (``("funding", "nature")``); lists of objects on the way are looked through."""
    node = schema
    for index, name in enumerate(path):
        if index and node.get("type") == "array":
            node = node["items"]
        node = node["properties"][name]
    return node


def vocabulary_of(node: dict) -> str | None:
    """The vocabulary a field's values come from, if any."""
    if node.get("type") == "array":
        node = node.get("items", {})
    return node.get("x-vocabulary")


def _q(text: str) -> str:
    """A YAML scalar: JSON strings are valid YAML, and need no thought about colons or quotes."""
    return json.dumps(text, ensure_ascii=False)


def _block(text: str, indent: int) -> list[str]:
    pad = " " * indent
    return [f"{pad}{line}" if line else "" for line in text.strip("\n").split("\n")]


class _FormWriter:
    """Collects the lines of one issue form, in the language being rendered."""

    def __init__(self, kind: str, vocabularies, language: str = "en"):
        self.kind = kind
        self.language = language
        self.schema = load_schema(kind)
        self.vocabularies = vocabularies
        self.described_paths: list = []
        name = _(_NAMES[kind])
        if language != "en":
            name = _("%(form)s (%(language)s)") % {"form": name, "language": LANGUAGES[language].name.lower()}
        self.out = [
            f"# Generated by `python build.py guide` from ssckb/schemas/{kind}.schema.json and "
            "ssckb/vocabularies/:",
            "# edit those (or ssckb/contrib/forms.py), not this file. `python build.py from-issue` reads it back.",
            f"name: {_q(name)}",
            f"description: {_q(_(_DESCRIPTIONS[kind]))}",
            f"title: {_q(_(_TITLES[kind]))}",
            f"labels: [\"proposal\", \"{_LABELS[kind]}\"]",
            "body:",
        ]

    def described(self, *path: str) -> str:
        """The schema's description of a field, in the form's language (ssckb/schemas/translations/)."""
        self.described_paths.append(tuple(path))
        return field_description(self.kind, tuple(path), self.language)

    def markdown(self, text: str):
        self.out.extend(["  - type: markdown", "    attributes:", "      value: |", *_block(text, 8)])

    def element(self, kind: str, form_id: str, label: str, description: str, required: bool,
                placeholder: str = "", options: list | None = None, multiple: bool = False):
        self.out.extend([f"  - type: {kind}", f"    id: {form_id}", "    attributes:",
                         f"      label: {_q(label)}", f"      description: {_q(description)}"])
        if placeholder:
            self.out.append(f"      placeholder: {_q(placeholder)}")
        if options is not None:
            if kind == "dropdown":
                self.out.append(f"      multiple: {'true' if multiple else 'false'}")
            self.out.append("      options:")
            self.out.extend(f"        - {_q(option)}" if isinstance(option, str) else
                            f"        - label: {_q(option['label'])}" for option in options)
        if kind != "checkboxes":  # checkboxes are required one by one, not as a whole
            self.out.extend(["    validations:", f"      required: {'true' if required else 'false'}"])

    def dropdown(self, form_id: str, description: str):
        path, label, required = FORM_DROPDOWNS[self.kind][form_id]
        node = schema_node(self.schema, path)
        terms = [term_label(term, self.language).text for term in self.vocabularies[vocabulary_of(node)]]
        self.element("dropdown", form_id, _(label), description, required, options=terms,
                     multiple=node.get("type") == "array")

    def introduction(self):
        self.markdown(_(_INTRODUCTIONS[self.kind]))

    def demand_introduction(self):
        """The opening of the "I want to learn" and "We can share" forms: what happens next, and no personal data."""
        self.markdown(_(_DEMAND_INTRODUCTIONS[self.kind]) + _(_DEMAND_COMMON))

    def party(self):
        """Who asks or who offers (the fields of PARTY_FIELDS[kind]): countries and institutions by name, regions
        and kinds of organisation chosen, each a question of its own."""
        asking = self.kind == "request"
        self.lines("countries", _("Your country or countries"),
                   _("The countries that want to learn: their names, one per line, in English, Spanish, French or "
                     "Portuguese. Give at least one country, region, institution or kind of organisation.")
                   if asking else
                   _("The countries that can share the experience: their names, one per line, in English, Spanish, "
                     "French or Portuguese. Give at least one country, region, institution or kind of organisation."),
                   placeholder="Rwanda")
        self.dropdown("regions", _sentences(
            N_("Only when you name no country: the IFAD regions that want to learn.") if asking else
            N_("Only when you name no country: the IFAD regions that can share it."), _CHOOSE_ALL))
        self.lines("institutions", _("Your institution or organisation"),
                   _("Its name or acronym, one per line (the name of an organisation, never of a person). If the "
                     "knowledge base does not know it yet, a maintainer adds it."),
                   placeholder="Rwanda Agriculture Board (RAB)")
        self.dropdown("organisation_types", _sentences(
            N_("Only when you name no institution: the kind of organisation that wants to learn.") if asking else
            N_("Only when you name no institution: the kind of organisation that can share it."), _CHOOSE_ALL))

    def languages(self, label: str):
        self.element("input", "languages", label, _("Their names or two-letter codes, separated by commas."), False,
                     placeholder=_("English, French"))

    def demand_source(self):
        """The source of a request or offer is optional: an issue that is the first place it is stated is
        cited as a first-hand account of the organisation."""
        self.element("input", "source", _("Is it written down somewhere else?"),
                     _("A published document or web page that states the request (a meeting report, a project "
                       "document, your organisation's page...): its title, identifier or address. If this issue is "
                       "the first place the request is written down, leave it empty: the issue is then cited as "
                       "what your organisation says of itself.") if self.kind == "request" else
                     _("A published document or web page that states the offer (a meeting report, a project "
                       "document, your organisation's page...): its title, identifier or address. If this issue is "
                       "the first place the offer is written down, leave it empty: the issue is then cited as "
                       "what your organisation says of itself."), False)
        self.lines("source_locations", _("Where in that document"),
                   _("The places in it, one per line (page, section, paragraph); leave it empty with the question "
                     "above."),
                   placeholder=_("page 12"))

    def demand_confirm(self):
        label = _("No personal data")
        self.out.extend(["  - type: checkboxes", "    id: confirm", "    attributes:",
                         f"      label: {_q(label)}", "      options:",
                         "        - label: " + _q(_("This issue holds no names of people, e-mail addresses or "
                                                    "telephone numbers: contact goes through this issue's thread "
                                                    "or the institution's public address.")),
                         "          required: true"])

    def title(self, placeholder: str):
        self.element("input", "title", _("Title"), " ".join([self.described("title"), _(
            "The entry's id is made from it.")]), True, placeholder=placeholder)

    def years(self, required: bool):
        self.element("input", "years", _("Years"), " ".join([self.described("years"), _(
            "Write one year, or the first and the last.")]), required, placeholder="2009-2011")

    def lines(self, form_id: str, label: str, description: str, required: bool = False, placeholder: str = ""):
        self.element("textarea", form_id, label, description, required, placeholder=placeholder)

    def choose_all(self, form_id: str, *path: str):
        """A dropdown described by the schema, where more than one option may be chosen."""
        self.dropdown(form_id, " ".join([self.described(*(path or (form_id,))), _(_CHOOSE_ALL)]))

    def source(self):
        self.element("input", "source", _("Source"),
                     _("The source the facts come from (a report, an evaluation, an article, a web page, a "
                       "video...): its title, its identifier (document symbol, DOI or ISBN) or its address (URL). "
                       "If the knowledge base does not list it yet (see its Sources page), give its title, author "
                       "or publisher and year, and a maintainer will add it."), True,
                     placeholder="Annual report 2012, Andean Quinoa Board (https://example.org/report-2012)")
        self.lines("source_locations", _("Where in the source"),
                   _("The places in the source, one per line: %(description)s")
                   % {"description": self.described("sources", "locations")}, True,
                   placeholder=_("page 12"))

    def body(self, description: str):
        labels = {"activity": N_("What happened"), "learning_route": N_("What happened"),
                  "lesson": N_("Explanation"), "request": N_("More about it"), "offer": N_("More about it")}
        self.lines("description", _(labels[self.kind]), description, True)

    def confirm(self):
        label = _("Sources and wording")
        self.out.extend(["  - type: checkboxes", "    id: confirm", "    attributes:",
                         f"      label: {_q(label)}", "      options:",
                         "        - label: " + _q(_("Every fact above is in the source and at the place I cited, "
                                                    "and the text is in my own words.")),
                         "          required: true"])

    def text(self) -> str:
        return "\n".join(self.out) + "\n"


def issue_form_text(vocabularies, kind: str = "activity", language: str = "en") -> str:
    """The issue form (GitHub issue-forms syntax) for proposing an entry of ``kind`` without a pull request,
    in ``language`` (its labels, descriptions and options; its field ids are the same in every language)."""
    with rendering_language(language):
        return _form_writer(vocabularies, kind, language).text()


def _form_writer(vocabularies, kind: str, language: str) -> _FormWriter:
    # The example titles are those of entries of the knowledge base: names, kept as they are in every language.
    form = _FormWriter(kind, vocabularies, language)
    if kind not in PARTY_FIELDS:
        form.introduction()
    if kind == "activity":
        form.title("Africa-Brazil Agricultural Innovation Marketplace")
        form.lines("summary", _("Summary"), form.described("summary"), True,
                   placeholder=_("Brazilian research institutes share farming technologies with African partners."))
        form.years(True)
        roles = schema_node(form.schema, ("countries", "role"))["enum"]
        form.lines("countries", _("Countries and their roles"),
                   _("Countries taking part, one per line, each with its role: %(roles)s (provider: shared its "
                     "experience; learner: learned; two-way: shared and learned with the other two-way countries; "
                     "member: one country of a multi-country programme, no direction stated; venue: only where "
                     "the event was held). Names are fine, in English, Spanish, French or Portuguese; leave it "
                     "empty only if the source names no country.") % {"roles": ", ".join(roles)}, True,
                   placeholder=_("Brazil: provider\nMozambique: learner"))
        form.dropdown("other_regions", form.described("other_regions"))
        form.choose_all("themes")
        form.choose_all("modalities")
        form.choose_all("participants")
        institution_roles = schema_node(form.schema, ("institutions", "role"))["enum"]
        form.lines("institutions", _("Institutions and their roles"),
                   _("Organisations involved, one per line, each with its role: %(roles)s (host: shared its own "
                     "experience or received the learners; broker: facilitated; funder: paid; implementer: "
                     "organized or ran it; partner: named as involved, no more).")
                   % {"roles": ", ".join(institution_roles)},
                   placeholder=_("Brazilian Agricultural Research Corporation (EMBRAPA): host\nIFAD: funder"))
        form.dropdown("funding_nature", form.described("funding_nature"))
        form.element("input", "ifad_contribution", _("IFAD's contribution"), _(_AMOUNT_HINT), False,
                     placeholder="US$500,000")
        form.element("input", "others_contribution", _("Others' contribution"), _sentences(
            N_("What others (governments, donors, participants) contributed, as the source gives it; say who they "
               "were and whether in cash or in kind under What happened."), _AMOUNT_HINT), False)
        form.lines("results", _("Results"), form.described("results"))
        form.lines(RELATED_FIELD, _("Related lessons, learning routes and activities"),
                   _("Lessons, learning routes or activities of the knowledge base linked to this one: their ids "
                     "(the end of their page's address) or titles, one per line."))
        form.source()
        form.body(_("In your own words: who asked for the exchange, what was shared and how, and what came of it."))
        form.element("checkboxes", "criteria", _("Which of the five criteria for good SSC does the source show?"),
                     _("See docs/about/criteria.md. Tick what the source supports; none is required."), False,
                     options=[{"label": _(label)} for label in CRITERIA])
    elif kind in PARTY_FIELDS:
        asking = kind == "request"
        form.demand_introduction()
        form.title("Rwanda seeks experience in quinoa value chains" if asking else
                   "Learning routes to rural microenterprises in Colombia")
        form.lines("statement", _("What do you want to learn, and why?") if asking else
                   _("What experience can you share, and what would a learner gain?"),
                   _("In one or two sentences, in your own words; it is shown in every list of requests.") if asking
                   else _("In one or two sentences, in your own words; it is shown in every list of offers."), True)
        form.party()
        form.dropdown("themes", _sentences(
            N_("What you want to learn about: IFAD's thematic focus areas.") if asking else
            N_("What the experience is about: IFAD's thematic focus areas."), _CHOOSE_ALL))
        form.dropdown("participants", _sentences(
            N_("The people who would take part in the learning.") if asking else
            N_("The people the experience would suit."), _CHOOSE_ALL))
        form.dropdown("modalities", _sentences(
            N_("The ways of learning you would welcome.") if asking else N_("The ways you can share it."),
            _CHOOSE_ALL))
        form.languages(_("Languages the learning can be in") if asking else _("Languages it can be shared in"))
        form.element("input", "years", _("When?") if asking else _("Since when?"),
                     _("The year you ask, or the first and the last year the learning is for.") if asking else
                     _("The year it was first offered, or the first and the last year it is offered."), False,
                     placeholder="2026")
        if not asking:
            form.lines("conditions", _("On what terms?"), _("Who pays travel and stay, how long it takes, how many "
                                                           "learners can take part."),
                       placeholder=_("The learners' projects pay their travel and stay; up to 20 learners."))
            form.lines(RELATED_FIELD, _("Activities and learning routes that show it"),
                       _("Activities or learning routes of the knowledge base in which you gained or shared the "
                         "experience: their ids (the end of their page's address) or titles, one per line."))
        form.demand_source()
        form.body(_("The situation, what has been tried, and what the learners would do with what they learn.")
                  if asking else _("Where and since when the experience was gained, what it achieved, and what it "
                                   "takes to share it."))
        form.demand_confirm()
        return form
    elif kind == "lesson":
        form.title("Carefully elect and support champions as key agents for change")
        form.element("input", "number", _("Number"), form.described("number"), False, placeholder="1")
        form.lines("statement", _("The lesson"), form.described("statement"), True)
        form.lines("points", _("Its points"), " ".join([form.described("points"), _("One per line.")]))
        form.element("input", "learned_by", _("Who learned it"),
                     _("The organisation that learned the lesson: its name or acronym (IFAD for IFAD's own "
                       "lessons)."), True, placeholder="IFAD")
        form.choose_all("themes")
        form.lines(RELATED_FIELD, _("Related activities and learning routes"),
                   _("Activities or learning routes that illustrate the lesson of the knowledge base linked to "
                     "this one: their ids (the end of their page's address) or titles, one per line."))
        form.source()
        form.body(_("In your own words: what was learned, from which experience, and what it means for future "
                    "South-South cooperation."))
    elif kind == "learning_route":
        form.title("Improving the quality of life for the community of Palenque")
        form.lines("summary", _("Summary"), form.described("summary"), True)
        form.years(False)
        form.lines("countries_visited", _("Countries visited"),
                   _("%(description)s: their names, one per line.")
                   % {"description": form.described("countries_visited").split(" (")[0]}, True,
                   placeholder="Peru\nBolivia")
        form.lines("participant_countries", _("Countries the participants came from"),
                   " ".join([form.described("participant_countries"), _("Their names, one per line.")]))
        form.lines("cases", _("Cases visited"),
                   _("One per line: what the participants saw; the host organisation; the country "
                     "(the last two when known), separated by ';'."),
                   placeholder=_("A cooperative selling quinoa abroad; PROCASUR; Bolivia"))
        form.lines("organisers", _("Organisers"), _("The organisations that organised the route: names or "
                                                    "acronyms, one per line."), placeholder="PROCASUR")
        form.choose_all("themes")
        form.choose_all("participants")
        form.element("input", "duration", _("Duration"), form.described("duration"), False)
        form.lines("innovation_plans", _("Innovation plans"), form.described("innovation_plans"))
        form.lines("results", _("Results"), form.described("results"))
        form.lines(RELATED_FIELD, _("Related activities and lessons"),
                   _("Activities in which the route ran, or lessons it illustrates of the knowledge base linked to "
                     "this one: their ids (the end of their page's address) or titles, one per line."))
        form.source()
        form.body(_("In your own words: the cases visited, who took part, what they learned and the plans they "
                    "took home."))
    form.confirm()
    return form


def described_paths(vocabularies, kind: str) -> list[tuple]:
    """The schema fields whose descriptions the form of ``kind`` shows (each needs a translation)."""
    with rendering_language("en"):
        return list(dict.fromkeys(_form_writer(vocabularies, kind, "en").described_paths))


def issue_form_files(vocabularies) -> dict[str, str]:
    """Repository path -> text of every generated issue form, in every language of :data:`FORM_LANGUAGES`."""
    return {issue_form_path(kind, language): issue_form_text(vocabularies, kind, language)
            for language in FORM_LANGUAGES for kind in ISSUE_FORMS}
