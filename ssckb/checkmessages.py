"""The check's messages in the contributor's language (``build.py check --language es``).

The rules write their messages in English (tests pin each one, byte for byte). This module holds the
rules' fixed templates, with the parts that change as named placeholders, in the catalog: a message that
fits a template is shown with the template's translation, its placeholders filled with what the English
message held there (field names, values, ids and codes stay as written). A message that fits no template
is shown in English. The ``path:line: field:`` prefix never changes: editors and CI read it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .i18n import DEFAULT_LANGUAGE, N_, _, rendering_language
from .placeholders import MARK

#: The templates, most specific first where two could fit one message.
TEMPLATES = (
    # The schema (ssckb/schemas.py)
    N_("unknown field '%(field)s'; did you mean '%(suggestion)s'?"),
    N_("unknown field '%(field)s'; allowed fields: %(allowed)s"),
    N_("missing required field '%(field)s' (%(description)s)"),
    N_("missing required field '%(field)s'"),
    N_("%(value)s is not allowed; did you mean '%(suggestion)s'? (one of: %(options)s)"),
    N_("%(value)s is not allowed; use one of: %(options)s"),
    N_("%(value)s is not in the expected form; %(hint)s"),
    N_("%(value)s is listed twice; keep it once"),
    N_("too short: write at least %(minimum)s characters"),
    N_("too long: %(length)s characters, at most %(maximum)s"),
    N_("%(value)s is too small; the smallest allowed is %(minimum)s"),
    N_("%(value)s is too large; the largest allowed is %(maximum)s"),
    N_("the group is empty; give at least one of: %(names)s"),
    N_("expected %(expected)s, got %(value)s"),
    N_("no source has the id '%(value)s'; did you mean '%(suggestion)s'?"),
    N_("no source has the id '%(value)s' (ids are file names in sources/ without .md; python build.py new source "
       "\"Title\" adds one)"),
    N_("no %(noun)s has the id '%(value)s'; did you mean '%(suggestion)s'?"),
    N_("no %(noun)s has the id '%(value)s' (ids are file names in %(folder)s/ without .md)"),
    N_("unknown %(noun)s '%(value)s'; did you mean %(suggestion)s?"),
    N_("unknown %(noun)s '%(value)s'"),
    # The rules of ssckb/validation.py
    N_("the file name '%(name)s.md' cannot be an id; use lower-case letters, digits and hyphens, e.g. "
       "'my-activity.md'"),
    N_("'%(name)s' is reserved for a generated page; rename the file"),
    N_("id '%(id)s' differs from the file name; set 'id: %(name)s' or rename the file to %(id)s.md"),
    N_("end year %(end)s is before start year %(start)s"),
    N_("%(code)s is listed twice (also countries[%(index)s]); give it once, with role 'two-way' if the source "
       "says it both shares and learns"),
    N_("give at least one country, or other_regions when the source names no country (or scope_note when it "
       "names neither)"),
    N_("region '%(region)s' already follows from the countries; remove it"),
    N_("an amount needs its currency; add currency: USD, or the ISO 4217 code of the currency the source gives"),
    N_("the text is only spaces; write it or remove the field"),
    N_("no such file; check the name and the folder"),
    # The placeholders of `build.py new` (ssckb/placeholders.py), %(mark)s being the marker itself
    N_("the placeholder %(mark)s from 'build.py new' is still here; write one sentence in your own words: who "
       "learned what from whom"),
    N_("the placeholder %(mark)s from 'build.py new' is still here; write the lesson in one or two sentences, in "
       "your own words"),
    N_("the placeholder %(mark)s from 'build.py new' is still here; write the country's ISO 3166-1 alpha-3 code, "
       "e.g. BRA (Brazil)"),
    N_("the placeholder %(mark)s from 'build.py new' is still here; write the codes of the countries visited, "
       "e.g. [PER, BOL]"),
    N_("the placeholder %(mark)s from 'build.py new' is still here; write the year the activity started, e.g. "
       "2009"),
    N_("the placeholder %(mark)s from 'build.py new' is still here; write the year the activity ended, or remove "
       "'end'"),
    N_("the placeholder %(mark)s from 'build.py new' is still here; write the text below the front matter in "
       "your own words, with the facts as your source gives them"),
    N_("the placeholder %(mark)s from 'build.py new' is still here; write what they want to learn and why, in "
       "one or two sentences, in your own words"),
    N_("the placeholder %(mark)s from 'build.py new' is still here; write the codes of the countries that want "
       "to learn, e.g. [KHM], or give regions, institutions or organisation_types instead"),
    N_("the placeholder %(mark)s from 'build.py new' is still here; write the year the request was made, e.g. "
       "2010, or remove 'years'"),
    N_("the placeholder %(mark)s from 'build.py new' is still here; write the experience that can be shared and "
       "what a learner would gain, in your own words"),
    N_("the placeholder %(mark)s from 'build.py new' is still here; write the codes of the countries that can "
       "share, e.g. [BRA], or give regions, institutions or organisation_types instead"),
    N_("the placeholder %(mark)s from 'build.py new' is still here; write the year it was first offered, e.g. "
       "2011, or remove 'years'"),
    N_("the placeholder %(mark)s from 'build.py new' is still here; replace it with the value, or remove the "
       "field if it is optional"),
)

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _pattern(template: str) -> re.Pattern:
    """A template as a pattern: each placeholder a named group (a placeholder met again must hold the same)."""
    parts, seen, at = [], set(), 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[at:match.start()]))
        name = match.group(1)
        if name == "mark":
            parts.append(re.escape(MARK))
        else:
            parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
        at = match.end()
    parts.append(re.escape(template[at:]))
    return re.compile("".join(parts), re.S)


@lru_cache(maxsize=1)
def _patterns() -> tuple:
    return tuple((template, _pattern(template)) for template in TEMPLATES)


def template_of(message: str) -> tuple[str, dict] | None:
    """(template, what its placeholders held) of an English message, or None when it fits none."""
    for template, pattern in _patterns():
        match = pattern.fullmatch(message)
        if match:
            return template, {**match.groupdict(), "mark": MARK}
    return None


def localized_message(message: str, language: str) -> str:
    """``message`` in ``language``: its template's translation, filled; the English when it fits no template."""
    if language == DEFAULT_LANGUAGE:
        return message
    found = template_of(message)
    if found is None:
        return message
    template, fields = found
    with rendering_language(language):
        return _(template) % fields


def localized_problems(problems, language: str | None) -> list:
    """The problems with their messages in ``language`` (paths, lines, fields and severities unchanged)."""
    if not language or language == DEFAULT_LANGUAGE:
        return list(problems)
    return [replace(problem, message=localized_message(problem.message, language)) for problem in problems]
