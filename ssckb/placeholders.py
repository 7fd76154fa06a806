"""The placeholders ``build.py new`` writes, and the check that none is left in an entry.

Every placeholder of the scaffold holds one marker, :data:`MARK`: the summary or statement and the
body start with it, and it stands where a country or a year goes. An entry that still holds it is
an error naming the field, so an untouched scaffold never passes ``build.py check`` with "0 errors"
(nor reaches the site). :mod:`ssckb.scaffold` writes the texts defined here.
"""

from __future__ import annotations

from .problems import Problem
from .yamlsafe import field_name

#: The marker of every placeholder; nobody writes it in a real entry.
MARK = "REPLACE-ME"

#: The scaffold's placeholder for a free text field.
TEXTS = {
    "summary": f"{MARK} One sentence: who learned what from whom.",
    "statement": f"{MARK} The lesson in one or two sentences.",
    "request_statement": f"{MARK} What they want to learn and why, in one or two sentences.",
    "offer_statement": f"{MARK} The experience that can be shared and what a learner would gain.",
}
#: The scaffold's placeholder body, per entry kind.
BODIES = {
    "activity": (f"{MARK} Describe the activity here in your own words: who asked for the exchange, what was "
                 "shared and how, who took part, and what came of it. Keep facts, figures and names exactly as "
                 "your source gives them."),
    "lesson": (f"{MARK} Explain the lesson here in your own words: what was learned, from which experience, and "
               "what it means for future South-South cooperation. Keep facts and figures exactly as your source "
               "gives them."),
    "request": (f"{MARK} Describe the request here in your own words: who asks, what they want to learn and why, "
                "for whom, and, once it is met, what it became. No names of people, e-mail addresses or telephone "
                "numbers: whoever can answer writes in the entry's issue thread or to the institution's public "
                "address. Keep facts and names exactly as your source gives them."),
    "offer": (f"{MARK} Describe the offer here in your own words: who can share what experience, where it was "
              "gained, and on what terms it can be shared. No names of people, e-mail addresses or telephone "
              "numbers: whoever wants to learn writes in the entry's issue thread or to the institution's public "
              "address. Keep facts and names exactly as your source gives them."),
    "learning_route": (f"{MARK} Describe the route here in your own words: the cases visited, who took part, what "
                       "they learned and the plans they took home. Keep facts and figures exactly as your source "
                       "gives them."),
}

_LEFT = f"the placeholder {MARK} from 'build.py new' is still here; "
#: What to write instead of a placeholder, by the name of the field that holds it.
MESSAGES = {
    "summary": _LEFT + "write one sentence in your own words: who learned what from whom",
    "statement": _LEFT + "write the lesson in one or two sentences, in your own words",
    "country": _LEFT + "write the country's ISO 3166-1 alpha-3 code, e.g. BRA (Brazil)",
    "countries_visited": _LEFT + "write the codes of the countries visited, e.g. [PER, BOL]",
    "start": _LEFT + "write the year the activity started, e.g. 2009",
    "end": _LEFT + "write the year the activity ended, or remove 'end'",
    "body": _LEFT + "write the text below the front matter in your own words, with the facts as your source gives them",
}
#: What to write instead, where a request's or an offer's field says something else than the same field elsewhere
#: (by the entry's folder, then the field's name).
KIND_MESSAGES = {
    "requests": {"statement": _LEFT + "write what they want to learn and why, in one or two sentences, in your "
                              "own words",
                 "countries": _LEFT + "write the codes of the countries that want to learn, e.g. [KHM], or give "
                              "regions, institutions or organisation_types instead",
                 "start": _LEFT + "write the year the request was made, e.g. 2010, or remove 'years'"},
    "offers": {"statement": _LEFT + "write the experience that can be shared and what a learner would gain, in "
                            "your own words",
               "countries": _LEFT + "write the codes of the countries that can share, e.g. [BRA], or give "
                            "regions, institutions or organisation_types instead",
               "start": _LEFT + "write the year it was first offered, e.g. 2011, or remove 'years'"},
}
#: For a placeholder in any other field.
OTHER = _LEFT + "replace it with the value, or remove the field if it is optional"


def _message(path: tuple, folder: str = "") -> str:
    names = [part for part in path if isinstance(part, str)]
    name = names[-1] if names else ""
    return KIND_MESSAGES.get(folder, {}).get(name) or MESSAGES.get(name, OTHER)


def placeholder_problems(source) -> list[Problem]:
    """An error for each placeholder left in an entry file already read (a :class:`ssckb.loading.SourceFile`):
    in a front-matter value, and in the body (at its first line holding the marker)."""
    folder = str(source.path).replace("\\", "/").split("/", 1)[0]
    problems = [Problem(source.path, source.line_of(path), field_name(path), _message(path, folder))
                for path, value in source.texts if MARK in value]
    at = source.body.find(MARK)
    if at >= 0:
        problems.append(Problem(source.path, source.body_line + source.body.count("\n", 0, at), "body",
                                MESSAGES["body"]))
    return problems
