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

from babel import Locale

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
    N_("expected %(expected)s, got %(value)s; write the year alone, e.g. 2010, without quotes"),
    N_("expected %(expected)s, got %(value)s; write a whole number in digits, e.g. 3, without quotes"),
    N_("expected %(expected)s, got %(value)s; write a plain number without quotes, separators or currency, e.g. "
       "200000"),
    N_("expected %(expected)s, got %(value)s; put the value in quotes"),
    N_("expected text, got nothing; fill it in or remove the field (YAML reads null and ~ as nothing: put them in "
       "quotes to mean the text)"),
    N_("expected %(expected)s, got %(value)s; write a list, e.g. [%(item)s]"),
    N_("expected %(expected)s, got %(value)s; %(hint)s"),
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
    N_("'%(name)s' is a name Windows keeps for a device (%(devices)s): the offline copy could not be unpacked "
       "there; rename the file"),
    N_("give funder (an institution id) or funder_group, not both; keep funder_group only when the source names "
       "no institution"),
    N_("say who gave it: funder, an institution id from the registry (e.g. ifad), or, when the source names no "
       "institution, funder_group (governments, donors, participants or not-named)"),
    N_("%(amount)s is too large for an amount (more than %(maximum)s); check the number of digits"),
    N_("status is 'open' but %(key)s is filled in; set status: matched (an offer or an activity answers it) or "
       "closed (it was met), or leave %(key)s out"),
    N_("status is 'closed' and became is empty; if the source says what the request became, list the activities "
       "in became"),
    N_("give either activity or learning_route in one item, not both; write one item for each experience"),
    N_("'%(name)s' is this activity itself; name the earlier activity it replicates or adapts"),
    N_("%(code)s is the only country with role 'two-way': a two-way exchange needs a second two-way country; use "
       "provider, learner, member or venue as the source says"),
    N_("%(code)s has role 'member' but the entry names no other country or region of the programme; list the "
       "other members, give other_regions, or use provider, learner or venue"),
    N_("%(code)s has role 'venue' but no modality is an event (%(events)s); add the event's modality, or give the "
       "country the role the source gives it"),
    N_("the text holds an invisible control character (U+%(code)s); remove it"),
    N_("the title is also used by %(path)s; is it the same entry?"),
    N_("give 'activity' (the activity it replicates or adapts) or 'learning_route' (the route whose innovation "
       "plan it carried out)"),
    # Reading the files (ssckb/loading.py, ssckb/filesafety.py, ssckb/yamlsafe.py)
    N_("%(folder)s/ holds entries, and only files ending in '.md' are read; rename it to %(name)s if it is an "
       "entry, or move it out"),
    N_("file starts with a byte-order mark (BOM); save it as UTF-8 without BOM"),
    N_("the front matter is empty; fill in the fields (python build.py new writes a template)"),
    N_("field '%(field)s' appears twice (first on line %(line)s); keep one"),
    N_("no front matter: the file must start with a line '---', then the fields, then a line '---'"),
    N_("the front matter must be a list of fields written as 'name: value'; put a space after each ':'"),
    N_("the front matter must be a list of fields written as 'name: value'"),
    N_("the file is not valid UTF-8 (byte %(byte)s); save it with UTF-8 encoding"),
    N_("the file contains a NUL character; remove it"),
    N_("front matter is not closed: add a line '---' after the last field"),
    N_("unknown country '%(value)s'; use an ISO 3166-1 alpha-3 code such as BRA (Brazil) or VNM (Viet Nam)"),
    N_("YAML anchors and aliases (& and *) are not allowed; write the value out (%(count)s aliases, on lines "
       "%(first)s to %(last)s)"),
    N_("YAML anchors and aliases (& and *) are not allowed; write the value out"),
    N_("YAML syntax error: %(problem)s; %(hint)s"),
    N_("YAML syntax error: %(problem)s"),
    N_("the line holds an invisible control character (U+%(code)s); delete it and retype the text around it"),
    N_("YAML tag '%(tag)s' is not allowed; remove it"),
    N_("values are nested too deeply; simplify the front matter"),
    N_("the number has more than %(digits)s digits; check it"),
    N_("the text after ' #' is read as a comment and left out of the value; put the whole value in quotes if '#' "
       "belongs to it"),
    N_("this page has the same address as a generated page (%(page)s); rename or move it"),
    # The text below the front matter (ssckb/bodycheck.py)
    N_("the attribute '%(name)s' runs a script and is not allowed in an entry; remove it"),
    N_("<%(tag)s> is not allowed in an entry; remove it and link to the page instead, e.g. "
       "[title](https://example.org/page)"),
    N_("<%(tag)s> loads '%(address)s' from another site, which does not work offline and tells that site who "
       "reads the page; link to it instead, or add the image to the site and write its relative address"),
    N_("<%(tag)s> is not allowed in an entry; remove it: an entry cannot hold forms or buttons"),
    N_("<%(tag)s> is not allowed in an entry; remove it: an entry cannot add scripts to the site"),
    N_("<%(tag)s> is not allowed in an entry; remove it: the site's look is set in one place for every page"),
    N_("<%(tag)s> is not allowed in an entry; remove it: inline drawings can hold scripts; describe the drawing "
       "in words or link to it"),
    N_("<%(tag)s> is not allowed in an entry; remove it: it turns the rest of the page into text; to show HTML, "
       "put it in a code block"),
    N_("<%(tag)s> is not allowed in an entry; remove it: an entry cannot open boxes over the page"),
    N_("<%(tag)s> is not closed; add </%(tag)s> where it ends (the site closes it at the end of the text)"),
    N_("the closing tag </%(tag)s> has no opening tag; remove it"),
    N_("the attribute 'style' is not allowed in an entry; remove it: the site's look is set in one place for "
       "every page"),
    N_("the attribute '%(name)s' is not allowed in an entry: it would hide part of the page; remove it"),
    N_("the attribute '%(name)s' is not allowed in an entry: it tells another site who follows the link; "
       "remove it"),
    N_("the class '%(name)s' is reserved for the site's own parts (names starting with __, md- or ssc-); choose "
       "another name"),
    N_("the id '%(name)s' is reserved for the site's own parts (names starting with __, md- or ssc-); choose "
       "another name"),
    N_("an id must be one word, without spaces; write it as one word or remove it"),
    N_("the title holds '<' or '>'; write it as plain text, without HTML"),
    N_("an address starting with '%(scheme)s' is not allowed in an entry (%(reason)s); link to an https:// address "
       "instead"),
    N_("this line is indented by %(spaces)s spaces, more than %(maximum)s: lists, quotes or notes nested this deep "
       "cannot be shown; indent it less"),
    N_("the text has long paragraphs with many '[' or '<' (a cost of %(cost)s, more than %(maximum)s: each '[' or "
       "'<' counts the length of its paragraph): the site would take too long to build; split long paragraphs "
       "with blank lines, or write fewer brackets and tags"),
    N_("the text holds %(count)s '%(char)s' characters, more than %(maximum)s: so many %(what)s make the site too "
       "slow to build; shorten the text or split the entry"),
    N_("<%(tag)s> is not allowed in an entry; remove it: an entry may use the HTML elements Markdown writes and a "
       "few more (abbr, b, i, sub, sup, kbd, mark, small, dl, figure, details...)"),
    N_("<%(tag)s> is not allowed in an entry; remove it: it would change where every link of the page leads"),
    N_("<%(tag)s> is not allowed in an entry; remove it: it would change how the whole page behaves"),
    N_("<%(tag)s> is not allowed in an entry; remove it: inline formulas can hold scripts; write the formula in "
       "words"),
    N_("<%(tag)s> is not allowed in an entry; remove it: the site makes the page around the text"),
    N_("an image needs an address; write a relative address, e.g. images/map.png"),
    N_("the link to '%(address)s' is not allowed in an entry; link to an https://, http:// or mailto: address, or "
       "to a page of the site by its relative address"),
    N_("the attribute '%(name)s' is not allowed on <%(tag)s> in an entry; remove it"),
    N_("the text below the front matter has %(count)s characters, more than %(maximum)s; shorten it or split the "
       "entry"),
    N_("the text has %(count)s headings, more than %(maximum)s; shorten it or split the entry"),
    N_("this line is quoted more than %(maximum)s times ('> > >...'): quotes nested this deep cannot be shown; "
       "quote it less"),
    N_("the text holds %(count)s HTML blocks marked 'markdown', more than %(maximum)s; write it in plain Markdown"),
    N_("this paragraph has %(count)s runs of '*' or '_', more than %(maximum)s: emphasis this dense makes the site "
       "too slow to build; write less emphasis, or split the paragraph with blank lines"),
    N_("the text has %(count)s runs of '*' or '_' (emphasis), more than %(maximum)s: so much emphasis makes the "
       "site too slow to build; write less of it, or split the entry"),
    N_("the text cannot be rendered (%(error)s); simplify its lists, quotes and HTML"),
    N_("this HTML is not nested the way browsers read it (a block such as <hr>, <div> or <table> inside a "
       "paragraph, a table row outside <tbody>...); put each block of HTML on lines of its own, with a blank line "
       "before and after it"),
    # Links in the text (ssckb/links.py)
    N_("the link '%(target)s' leads to no entry (%(path)s does not exist); check the id, which is the file name "
       "without .md"),
    N_("the link '%(target)s' leads to no page of the site (%(path)s does not exist); check the address"),
    N_("the link '%(target)s' leads outside the site; link to a page of the site, or to a full https:// address"),
    # The schema's references and vocabularies beyond the plain ones (ssckb/schemas.py)
    N_("'%(value)s' is a region, not a country; give the countries' ISO 3166-1 alpha-3 codes, or, if the source "
       "names no country, put the region in other_regions: [%(region)s]"),
    N_("'%(value)s' is a region (%(label)s), not a country; give the countries' ISO 3166-1 alpha-3 codes, e.g. BRA "
       "(Brazil): their regions follow from them"),
    N_("'%(value)s' is a region, not a country; give the countries' ISO 3166-1 alpha-3 codes, or, if the source "
       "names no country, put the region in %(party)s.regions: [%(region)s]"),
    N_("source '%(value)s' has an error in sources/%(file)s.md (listed with it); fix it there first"),
    N_("%(noun)s '%(value)s' has an error in %(file)s.yml (listed with it); fix it there first"),
    N_("unknown %(noun)s '%(value)s'; add it to ssckb/vocabularies/institutions.yml first"),
    N_("unknown %(noun)s '%(value)s'; %(file)s.yml defines none (fix the problems reported for it first)"),
    N_("unknown %(noun)s '%(value)s'; use one of: %(options)s"),
    N_("'%(value)s' is an %(noun)s, not a %(other)s; list it under %(field)s"),
    N_("'%(value)s' is a %(noun)s, not an %(other)s; list it under %(field)s"),
    N_("'%(value)s' is a %(noun)s, not a %(other)s; list it under %(field)s"),
    N_("give '%(first)s' or '%(second)s' (or both)"),
    N_("give at least one of: %(names)s"),
    N_("the list is empty; give at least %(minimum)s value"),
    N_("the list is empty; give at least %(minimum)s values"),
    N_("the list is too short; give at least %(minimum)s value"),
    N_("the list is too short; give at least %(minimum)s values"),
    # Sources and how entries cite them (ssckb/sources.py)
    N_("sources must be directly in %(folder)s/, not in a subfolder; move its files up"),
    N_("%(folder)s/ holds sources, and only files ending in '.md' are read; rename it to %(name)s if it is a "
       "source, or move it out"),
    N_("'%(value)s' is cited twice (also %(other)s); give all its locations in one item"),
    N_("'%(value)s' is not in the form %(source)s is cited in; %(hint)s"),
    N_("still the example of 'build.py new source'; write the organisation that published it (or remove the line "
       "and give authors)"),
    N_("still the example of 'build.py new source'; write its web address (or remove the line and give an "
       "identifier)"),
    N_("still the example text of 'build.py new source'; describe the source in your own words, or remove the "
       "text"),
    N_("the date is in %(date)s but year is %(year)s; make them agree"),
    N_("a first-hand account is shown as given by an organisation: name it in 'publisher' (e.g. publisher: "
       "\"Yunnan Academy of Agricultural Sciences\")"),
    # Files (ssckb/loading.py, ssckb/filesafety.py)
    N_("entries must be directly in %(folder)s/, not in a subfolder; move it to %(target)s"),
    N_("the file is a symbolic link; an entry must be an ordinary file: copy the content instead"),
    N_("this is not an ordinary file (a folder or a device); an entry must be a Markdown file"),
    N_("file is larger than %(size)s KiB; shorten it or split it into several entries"),
    N_("this file is a symbolic link, and the build follows no link (it could publish any file of the machine "
       "that builds the site); put the file itself here, or remove the link"),
    N_("this folder is a symbolic link, and the build follows no link (it could publish any file of the machine "
       "that builds the site); put the folder itself here, or remove the link"),
    N_("'%(name)s' is a name Windows keeps for a device (%(devices)s): the offline copy could not be unpacked "
       "there; rename it"),
    # Body translations (ssckb/translations.py)
    N_("'%(suffix)s' is not a language of the site, so this file is neither an entry nor a body translation; a "
       "body translation is named NAME.LANG.md, LANG one of: %(languages)s"),
    N_("this body translation belongs to %(entry)s, which does not exist; name it after its entry's file "
       "(NAME.%(language)s.md beside NAME.md) or remove it"),
    # Translations not written yet (ssckb/translations.py)
    N_("the %(fields)s has no translation in %(languages)s yet; add it under translations (e.g. "
       "'translations: {%(first)s: {title: ..., %(second)s: ...}}'), or leave it to a translator"),
    N_("the %(fields)s have no translation in %(languages)s yet; add them under translations (e.g. "
       "'translations: {%(first)s: {title: ..., %(second)s: ...}}'), or leave them to a translator"),
    N_("the %(fields)s has no translation in %(languages)s yet; add it under %(keys)s (e.g. "
       "'%(first_key)s: {%(first)s: ...}')"),
    N_("the %(fields)s have no translation in %(languages)s yet; add them under %(keys)s (e.g. "
       "'%(first_key)s: {%(first)s: ...}')"),
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

#: The rules' own words that a template's placeholder may hold (the others hold what the contributor wrote,
#: field names, ids and codes): shown in the language too. Whole phrases, or phrase templates.
PHRASES = (
    # What a field expects, and what it got (ssckb/schemas.py)
    N_("a whole number"), N_("a number"), N_("text"), N_("a list"), N_("a group of fields (name: value)"),
    N_("true or false"), N_("nothing"), N_("a group of fields"),
    N_("the text '%(text)s'"), N_("the number %(number)s"), N_("it must match %(pattern)s"),
    # The nouns of the vocabularies (ssckb/vocabularies.py NOUNS) and of the kinds (ssckb/schemas.py KIND_NOUNS)
    N_("theme"), N_("modality"), N_("participant type"), N_("funding nature"), N_("region"), N_("institution"),
    N_("country"), N_("language"), N_("activity"), N_("lesson"), N_("learning route"), N_("source"),
    N_("knowledge request"), N_("knowledge offer"),
    # What too many of a sign make, and why an address is refused (ssckb/bodycheck.py)
    N_("links or brackets"), N_("tags or '<' signs"), N_("entities or '&' signs"), N_("code spans or '`' signs"),
    N_("it runs a script"), N_("it can hide a whole page, scripts included"),
    # How to write a value (the schemas' x-hint)
    N_("give 'activity' (the activity it replicates or adapts) or 'learning_route' (the route whose innovation "
       "plan it carried out)"),
    N_("use a three-letter ISO 4217 code such as USD"),
    N_("use lower-case letters, digits and single hyphens, e.g. '%(example)s'"),
    N_("write it as 'Annex I, paragraph 3', 'Annex I, paragraphs 3-4', 'Annex I, box 1', 'Annex I, table' or "
       "'Main text, paragraph 15 (b)'"),
    N_("write one place per item, on one line and without spaces around it, e.g. 'page 12', 'section 3.2', "
       "'paragraph 15 (b)', 'box 4', 'table 2' or '00:12:30'"),
    N_("write the 10 or 13 digits of the ISBN, with or without hyphens, e.g. '978-92-9072-123-4'"),
    N_("write the DOI alone, starting with 10., e.g. '10.1596/978-0-8213-7966-4' (not its https://doi.org/ "
       "address)"),
    N_("write the date as YYYY-MM-DD in quotes, e.g. \"2011-09-26\""),
    N_("write the symbol as printed on the document, without spaces, e.g. 'REPL.IX/3/R.3'"),
    N_("write the whole address, starting with https:// (or http://), without spaces"),
    # The hints of a YAML syntax error (ssckb/yamlsafe.py)
    N_("the value is between curly quotes (\u201c \u201d or \u2018 \u2019), which YAML does not read as quotes; "
       "use straight quotes instead: \"like this\" or 'like this'"),
    N_("indent with spaces, not tabs"),
    N_("this field is indented more than the one above it; line the fields up"),
    N_("a value containing ': ' must be put in quotes"),
    N_("a value starting with @, ` or % must be put in quotes"),
    N_("a quotation mark opened on this line is not closed; add the closing quote"),
    N_("a list in [ ] that starts on this line is not closed with ], or its items are not separated by commas"),
    N_("a group in { } that starts on this line is not closed with }, or its fields are not separated by commas"),
    N_("the quotation mark opened on this line is not closed on it; close it, or put the value in the other kind "
       "of quotes if it holds this one"),
    N_("check this line: the fields of a group must line up, a list item '- ' must be indented under its field, "
       "and nothing may follow a closing quote or bracket"),
    N_("every field needs 'name: value'; a text running over several lines must be indented"),
    N_("inside double quotes a backslash starts an escape; use single quotes, or write \\\\ for a backslash"),
    N_("a value starting with * or & must be put in quotes"),
    N_("a value starting with | or > must be put in quotes"),
    N_("a value starting with '? ' must be put in quotes"),
    N_("the front matter is one group of fields; remove the extra '---'"),
    N_("remove the line starting with %"),
)
#: The placeholders that may hold one of :data:`PHRASES`.
PHRASE_PLACEHOLDERS = frozenset({"expected", "value", "hint", "noun", "other", "what", "reason"})
#: How lists are joined in the messages of ssckb/translations.py: field names ("title and summary") and
#: languages ("Spanish (es), French (fr) or Portuguese (pt)").
AND = N_("%(first)s and %(last)s")
OR = N_("%(first)s or %(last)s")
_LANGUAGE_NAMED = re.compile(r"(?:, | or )?([A-Z][\w ]*?) \(([a-z]{2,3})\)")

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


@lru_cache(maxsize=1)
def _phrase_patterns() -> tuple:
    return tuple((phrase, _pattern(phrase)) for phrase in PHRASES)


def _phrase(value: str) -> str:
    """``value`` in the rendering language when it is one of the rules' phrases; else as it is."""
    for phrase, pattern in _phrase_patterns():
        match = pattern.fullmatch(value)
        if match:
            return _(phrase) % match.groupdict() if match.groupdict() else _(phrase)
    return value


def _joined(items: list, joiner: str) -> str:
    return items[0] if len(items) == 1 else _(joiner) % {"first": ", ".join(items[:-1]), "last": items[-1]}


def _fields_phrase(value: str) -> str:
    """'title and summary' joined in the rendering language (the field names stay as written)."""
    return _joined(value.split(" and "), AND)


def _languages_phrase(value: str, language: str) -> str:
    """'Spanish (es), French (fr) or Portuguese (pt)' with the names in ``language``; else as it is."""
    found = [(match.group(1), match.group(2)) for match in _LANGUAGE_NAMED.finditer(value)]
    if "".join(match.group(0) for match in _LANGUAGE_NAMED.finditer(value)) != value or not found:
        return value
    names = Locale.parse(language).languages
    return _joined([f"{names.get(code, name)} ({code})" for name, code in found], OR)


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
        fields = {name: _phrase(value) if name in PHRASE_PLACEHOLDERS else value for name, value in fields.items()}
        if "languages" in fields:
            fields["languages"] = _languages_phrase(fields["languages"], language)
        if "fields" in fields and "languages" in fields:
            fields["fields"] = _fields_phrase(fields["fields"])
        return _(template) % fields


def localized_problems(problems, language: str | None) -> list:
    """The problems with their messages in ``language`` (paths, lines, fields and severities unchanged)."""
    if not language or language == DEFAULT_LANGUAGE:
        return list(problems)
    return [replace(problem, message=localized_message(problem.message, language)) for problem in problems]
