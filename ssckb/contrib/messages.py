"""Every message ``build.py from-issue`` gives a maintainer, in one place.

Each says why an answer could not be mapped and what to do; ``{answer}`` and the other fields are
filled in by :func:`message`. A message is shown as ``path:line: field: message``, the line being
that of the value left for review in the written file.
"""

from __future__ import annotations

from ..i18n import N_, _


class _Translated(dict):
    """Messages in English, each read in the language being rendered (``rendering_language``: the one
    ``build.py from-issue --language`` or SSCKB_LANGUAGE asks for; English by default)."""

    def __getitem__(self, key: str) -> str:
        return _(super().__getitem__(key))

#: Put in front of every value left for review: the check rejects it wherever it stands.
REVIEW = "REVIEW: "

MESSAGES = _Translated({
    "unknown_country": N_("the answer '{answer}' to \"{label}\" is no country name known in English, Spanish, French "
                          "or Portuguese{suggestion}; write the country's ISO 3166-1 alpha-3 code"),
    "region_as_country": N_("the answer '{answer}' to \"{label}\" names a region ({region}), not a country; name "
                            "the countries, or give the region in {regions_field}"),
    "missing_role": N_("the answer '{answer}' to \"{label}\" gives no role; write one of: {roles}"),
    "unknown_institution": N_("the answer '{answer}' to \"{label}\" is not in the institutions registry{suggestion}; "
                              "add it to ssckb/vocabularies/institutions.yml and write its id here"),
    "unknown_language": N_("the answer '{answer}' to \"{label}\" is no language name known in English, Spanish, "
                           "French or Portuguese{suggestion}; write the language's ISO 639-1 code, e.g. en"),
    "no_party": N_("no answer says who {who} (\"{labels}\"); ask the contributor, and give at least one of "
                   "countries, regions, institutions or organisation_types"),
    "personal_data": N_("the answer to \"{label}\" held what looks like {what}, and the file has it removed: the "
                        "knowledge base keeps no personal contact details (contact goes through the issue's thread or "
                        "the institution's public address); remove the marked words, and ask the contributor to "
                        "edit the issue too"),
    "first_hand_source": N_("\"{label}\" has no answer: the {noun} is written down first in its issue; add that "
                            "issue as a source with python build.py new source \"Title\" (type: "
                            "first-hand-account, publisher: the organisation, url: {issue}), and "
                            "write the id it prints here"),
    "unknown_option": N_("the answer '{answer}' to \"{label}\" is none of the form's options; choose one of: {options}"),
    "unknown_term": N_("the option '{answer}' of \"{label}\" is not in the {noun} vocabulary{suggestion}; "
                       "write the id of a {noun}"),
    "bad_amount": N_("the answer '{answer}' to \"{label}\" is not an amount as a number (e.g. 'US$1.5 million', "
                     "'1,500,000'); write it as a plain number such as 1500000"),
    "bad_years": N_("the answer '{answer}' to \"{label}\" is not a year or a range of years (e.g. '2010', "
                    "'2009-2011'); write {{start: YEAR}} or {{start: YEAR, end: YEAR}}"),
    "years_out_of_range": N_("the answer '{answer}' to \"{label}\" has a year outside {minimum}-{maximum}; "
                             "write the years the source gives"),
    "years_reversed": N_("the answer '{answer}' to \"{label}\" ends before it starts; put the first year first"),
    "bad_number": N_("the answer '{answer}' to \"{label}\" is not a whole number; write the number the source gives, "
                     "or remove the field"),
    "unknown_entry": N_("the answer '{answer}' to \"{label}\" is no id or title of an entry of the knowledge base; "
                        "write the id of an existing {kinds}, or remove the line"),
    "unknown_source": N_("the answer '{answer}' to \"{label}\" is no source of the knowledge base (in sources/) by "
                         "its id, title, identifier or address{suggestion}; add it with python build.py new source "
                         "\"Title\", fill in the file it writes, and write the id it prints here"),
    "bad_location": N_("the answer '{answer}' to \"{label}\" is not a place in the form {source} is cited in; "
                       "{hint}"),
    "unknown_question": N_("the issue has a section \"{label}\" that the form does not ask, with the answer "
                           "'{answer}'; put what it says where it belongs by hand"),
    "missing_answer": N_("\"{label}\" has no answer, and the entry needs it; ask the contributor, or find it in "
                         "the source"),
    "empty": N_("the answer to \"{label}\" is empty; ask the contributor, or find it in the source"),
})

#: Words of the report written for the issue.
REPORT = _Translated({
    "written": N_("The entry is in `{path}`."),
    "all_mapped": N_("Every answer was mapped; the entry passes `python build.py check` unless it says otherwise."),
    "to_review": N_("{count} answer(s) could not be mapped: the file holds them marked `REVIEW:`, and "
                    "`python build.py check` fails until a maintainer has fixed them."),
    "criteria": N_("Criteria the contributor ticked: {criteria}."),
    "not_confirmed": N_("The contributor did not confirm that the facts are in the source and the words their own."),
    "not_confirmed_private": N_("The contributor did not confirm that the issue holds no personal data: check it, "
                                "and the file, before merging."),
    # What the command says on the terminal, after the path and the problems.
    "command_to_review": N_("{count} answer(s) to review: fix the values marked REVIEW: in {path}, then run "
                            "python build.py check {path}"),
    "command_all_mapped": N_("Every answer mapped. Check it with: python build.py check {path}"),
})


def message(key: str, **fields) -> str:
    """The message ``key`` filled with ``fields`` (a suggestion is shown as '; did you mean X?')."""
    if "suggestion" in fields:
        fields["suggestion"] = " " + _("(did you mean {suggestion}?)").format(suggestion=fields["suggestion"]) \
            if fields["suggestion"] else ""
    return MESSAGES[key].format(**fields)
