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
}
#: The scaffold's placeholder body, per entry kind.
BODIES = {
    "activity": (f"{MARK} Describe the activity here in your own words: who asked for the exchange, what was "
                 "shared and how, who took part, and what came of it. Keep facts, figures and names exactly as "
                 "your source gives them."),
    "lesson": (f"{MARK} Explain the lesson here in your own words: what was learned, from which experience, and "
               "what it means for future South-South cooperation. Keep facts and figures exactly as your source "
               "gives them."),
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
#: For a placeholder in any other field.
OTHER = _LEFT + "replace it with the value, or remove the field if it is optional"


def _message(path: tuple) -> str:
    names = [part for part in path if isinstance(part, str)]
    return MESSAGES.get(names[-1] if names else "", OTHER)


def placeholder_problems(source) -> list[Problem]:
    """An error for each placeholder left in an entry file already read (a :class:`ssckb.loading.SourceFile`):
    in a front-matter value, and in the body (at its first line holding the marker)."""
    problems = [Problem(source.path, source.line_of(path), field_name(path), _message(path))
                for path, value in source.texts if MARK in value]
    at = source.body.find(MARK)
    if at >= 0:
        problems.append(Problem(source.path, source.body_line + source.body.count("\n", 0, at), "body",
                                MESSAGES["body"]))
    return problems
