"""The explorer: every activity, knowledge request and offer, filtered by any combination of facets (among
them the kind of entry and a request's or offer's status), a year range and words.

Static and offline: the page loads its data from script files (so that it works from
file:// where fetch() does not) and the engine ``assets/vendor/views/explorer.js`` (from
``ssckb/assets/views/``); no framework. The data is compact: each facet's terms once, then one
row per activity holding term *indexes* (a bare number when there is one term).

The first view stays light at any number of activities: ``explorer/data.js`` holds the facets,
the counts of the unfiltered list, the year range and the first page of rows, which is all the
page shows before the reader touches the filters (or opens an address holding filters). Every
row is in ``explorer/rows-<n>.js`` (``PART_ROWS`` each), loaded then.

Links to entries: the online build gives ``activities/ID/`` and the offline
one ``activities/ID.html``. The page's no-script text links to the newest
activity with a Markdown link, which MkDocs resolves for the build at hand;
the script takes the URL pattern from that link.
"""

from __future__ import annotations

import re

from babel import Locale

from .. import i18n
from ..i18n import N_, N_plural, _, ngettext
from ..indexes import DIMENSIONS_BY_KEY, all_terms
from ..mdtext import md_escape, relative_path
from ..model import KIND_FOLDERS, KIND_LABELS, REQUEST_STATUSES, Entry, KnowledgeBase
from ..pages import Page, shown_institution, shown_label, shown_summary, shown_title
from .common import FACETS, esc, facet_terms, script_json

PATH = "explorer/index.md"
DATA_PATH = "explorer/data.js"
SCRIPT = "assets/vendor/views/explorer.js"
PAGE_SIZE = 50
PART_ROWS = 1000  # rows per file loaded when the reader first filters
FACET_LABELS = {"participant": N_("Participants"), "nature": N_("Funding nature"), "scope": N_("Scope"),
                "kind": N_("Kind of entry"), "status": N_("Status of a request or offer")}
#: The kinds of entry and the statuses of a request or offer, as the kind and status facets name them.
KIND_WORDS = {"activity": N_("Activities"), "request": N_("Knowledge requests"), "offer": N_("Knowledge offers")}
STATUS_WORDS = {"open": N_("open"), "matched": N_("matched"), "closed": N_("closed")}
#: The kinds of entry the explorer lists, and the facets it has beside the index pages' dimensions.
EXPLORER_KINDS = ("activity", "request", "offer")
ENTRY_FACETS = ("kind", "status")
#: The count line of the script, for activities alone or for entries of several kinds (a plural each, chosen
#: in the browser by the number of rows: see :func:`script_words`).
COUNT_WORDS = {
    "activity": {"all": N_plural("{n} activity", "{n} activities"),
                 "some": N_plural("%(shown)s of %(count)s activity match", "%(shown)s of %(count)s activities match"),
                 "none": N_("No activity matches these filters (of %(total)s)"),
                 "loading": N_plural("Loading the %(count)s activity…", "Loading the %(count)s activities…")},
    "mixed": {"all": N_plural("{n} entry", "{n} entries"),
              "some": N_plural("%(shown)s of %(count)s entry match", "%(shown)s of %(count)s entries match"),
              "none": N_("No entry matches these filters (of %(total)s)"),
              "loading": N_plural("Loading the %(count)s entry…", "Loading the %(count)s entries…")},
}


def explorer_rows(knowledge_base: KnowledgeBase) -> list[Entry]:
    """The entries the explorer lists, newest first then by title (the order of every list)."""
    return sorted((entry for kind in EXPLORER_KINDS for entry in knowledge_base.entries.get(kind, {}).values()),
                  key=lambda e: e.sort_key)


def _entry_facet_terms(facet: str, entry: Entry) -> list:
    if facet == "kind":
        return [entry.kind]
    return [entry.status] if entry.status else []


def _entry_facet_order(facet: str) -> list:
    return list(EXPLORER_KINDS) if facet == "kind" else list(REQUEST_STATUSES)


def _entry_facet_label(facet: str, term: str) -> str:
    return _(KIND_WORDS.get(term, KIND_LABELS[term])) if facet == "kind" else _(STATUS_WORDS.get(term, term))


def _term_label(knowledge_base: KnowledgeBase, facet: str, term_id) -> str:
    label = shown_label(facet, term_id, knowledge_base)
    if facet == "institution":
        term = knowledge_base.vocabularies[DIMENSIONS_BY_KEY[facet].vocabulary].get(term_id)
        acronym = shown_institution(term) if term is not None and term.get("acronym") else ""
        return f"{label} ({acronym})" if acronym and acronym != label else label
    return label


def _js(text: str, **names: str) -> str:
    """A translated message with its ``%(name)s`` placeholders written ``{script_name}`` (``name=script_name``),
    for the script to fill."""
    return text % {name: "{" + script_name + "}" for name, script_name in names.items()} if names else text


def plural_forms(singular: str, plural: str, **names: str) -> dict:
    """A message's forms by the CLDR plural category of the language being rendered ('one', 'few',
    'other'...), each taken from the catalog with a number of that category: the script picks one with
    ``Intl.PluralRules(lang).select(n)``, so its plurals are the catalog's, in every language."""
    rule = Locale.parse(i18n.current_language()).plural_form
    forms = {}
    for category in sorted(rule.tags | {"other"}):
        number = next((n for n in (*range(0, 1000), 10 ** 6) if rule(n) == category), None)
        if number is not None:
            forms[category] = _js(ngettext(singular, plural, number), **names)
    return forms


#: The words of the explorer's form (explorer_html).
FORM_WORDS = {
    "form": N_("Filter the entries"), "words": N_("Words"),
    "help": N_("Every word must appear in the title, summary, countries, institutions or themes."),
    "years": N_("Years"), "from": N_("From"), "to": N_("to"), "order": N_("Order"), "new": N_("Newest first"),
    "old": N_("Oldest first"), "title": N_("By title"), "clear": N_("Clear all filters"),
    "chips": N_("Active filters"), "more": N_("Show more"),
}
#: The words the script writes, by the key it uses (whole messages with their placeholders).
SCRIPT_WORDS = {
    "anyYear": N_("Any year"),
    "match": N_("Match"),
    "matchAny": N_("any ticked"),
    "matchAll": N_("all ticked"),
    "find": N_("Find…"),
    "loadError": N_("The list of activities could not be loaded: reload the page to try again."),
    "remove": N_("Remove filter %(filter)s"),
    "words": N_("Words: %(words)s"),
    "years": N_("Years: %(years)s"),
    "until": N_("until %(year)s"),
    "since": N_("from %(year)s"),
    "facetTerm": N_("%(facet)s: %(term)s"),
    "more": N_("Show %(size)s more (of %(rest)s)"),
    "separator": N_(", "),
}
SCRIPT_PLURALS = {
    "rest": N_plural("Show the other %(count)s", "Show the other %(count)s"),
    "ticked": N_plural("%(n)s ticked", "%(n)s ticked"),
    "tickedAll": N_plural("%(n)s ticked, all", "%(n)s ticked, all"),
}


def script_words(total: int, mixed: bool) -> dict:
    """What the explorer's script writes, in the language being rendered: its ``lang`` (for
    ``Intl.PluralRules``), the plain messages, and the plural ones as forms by plural category.
    The script holds no word of its own."""
    count = COUNT_WORDS["mixed" if mixed else "activity"]
    words = {"lang": i18n.current_language()}
    words.update({key: _js(_(text), **{name: name for name in _names(text)}) for key, text in SCRIPT_WORDS.items()})
    words["rest"] = plural_forms(*SCRIPT_PLURALS["rest"], count="rest")
    words["ticked"] = plural_forms(*SCRIPT_PLURALS["ticked"], n="n")
    words["tickedAll"] = plural_forms(*SCRIPT_PLURALS["tickedAll"], n="n")
    words["all"] = plural_forms(*count["all"])
    words["some"] = plural_forms(*count["some"], shown="shown", count="total")
    words["none"] = _js(_(count["none"]), total="total")
    words["loading"] = ngettext(*count["loading"], total) % {"count": total}
    return words


def _names(message: str) -> list:
    return re.findall(r"%\((\w+)\)s", message)


def explorer_data(knowledge_base: KnowledgeBase, indexes: dict) -> dict:
    """The explorer's data: facets with their terms, one compact row per entry, newest first, and the folder
    of each kind's pages. The kind and status facets are there only when the rows have more than one kind."""
    rows_of = explorer_rows(knowledge_base)
    mixed = len({entry.kind for entry in rows_of}) > 1
    facet_keys = FACETS + (ENTRY_FACETS if mixed else ())
    terms_of = {facet: [facet_terms(knowledge_base, facet, entry) if facet not in ENTRY_FACETS
                        else _entry_facet_terms(facet, entry) for entry in rows_of] for facet in facet_keys}
    facets, position = [], {}
    for facet in facet_keys:
        used = {term for terms in terms_of[facet] for term in terms}
        if facet in ENTRY_FACETS:
            order = [t for t in _entry_facet_order(facet) if t in used]
            facets.append(_facet(facet, _(FACET_LABELS[facet]), [[t, _entry_facet_label(facet, t)] for t in order]))
        else:
            order = [t for t in all_terms(DIMENSIONS_BY_KEY[facet], indexes[facet], knowledge_base) if t in used]
            dimension = DIMENSIONS_BY_KEY[facet]
            facets.append(_facet(facet, _(FACET_LABELS.get(facet, dimension.title)),
                                 [[str(t), _term_label(knowledge_base, facet, t)] for t in order]))
        position[facet] = {term: i for i, term in enumerate(order)}
    rows = []
    for index, entry in enumerate(rows_of):
        start, end = entry.years if entry.years else (None, None)
        row = [entry.id, shown_title(entry), shown_summary(entry), start, end]
        for facet in facet_keys:
            found = [position[facet][t] for t in terms_of[facet][index]]
            row.append(found[0] if len(found) == 1 else found)
        rows.append(row)
    return {"version": 1, "fields": ["id", "title", "summary", "start", "end"] + list(facet_keys),
            "facets": facets, "rows": rows, "folders": {kind: KIND_FOLDERS[kind] for kind in EXPLORER_KINDS},
            "words": script_words(len(rows_of), mixed)}


def _facet(key: str, label: str, terms: list) -> dict:
    """One facet of the data: its key, label, the label of its search box, and its terms [id, label]."""
    return {"key": key, "label": label, "find": _("Find in the list of %(facet)s") % {"facet": label.lower()},
            "terms": terms}


def first_view(data: dict) -> dict:
    """What the explorer shows before any filter: facets, unfiltered counts, years, the first page of rows.

    ``parts`` is the number of ``rows-<n>.js`` files holding every row; 0 when the first page is all.
    """
    rows, fixed = data["rows"], len(data["fields"]) - len(data["facets"])
    counts = [[0] * len(facet["terms"]) for facet in data["facets"]]
    multi = [False] * len(data["facets"])
    for row in rows:
        for k, cell in enumerate(row[fixed:]):
            cells = [cell] if isinstance(cell, int) else cell
            multi[k] = multi[k] or len(cells) > 1
            for i in cells:
                counts[k][i] += 1
    dated = [row for row in rows if row[3] is not None]
    parts = 0 if len(rows) <= PAGE_SIZE else -(-len(rows) // PART_ROWS)
    return {"version": 2, "fields": data["fields"], "facets": data["facets"], "total": len(rows),
            "years": [min(r[3] for r in dated), max(r[4] for r in dated)] if dated else None, "multi": multi, "counts": counts,
            "first": rows[:PAGE_SIZE], "parts": parts,
            **{key: data[key] for key in ("folders", "words") if key in data}}


def data_scripts(data: dict) -> dict:
    """The explorer's data files, by name within explorer/: ``data.js`` (the first view) and the rows' parts."""
    head = first_view(data)
    files = {"data.js": "window.SSCKB_EXPLORER=" + script_json(head) + ";\n"}
    rows = data["rows"]
    for n in range(head["parts"]):
        part = rows[n * PART_ROWS:(n + 1) * PART_ROWS]
        files[f"rows-{n}.js"] = f"SSCKB_EXPLORER_PART({n}," + script_json(part) + ");\n"
    return files


def explorer_html(probe_id: str, total: int, probe_folder: str = "activities") -> str:
    """The explorer's form and result list, filled in by the script (raw HTML, no blank line)."""
    # The words first: a message inside an f-string is not seen by the catalog's extractor.
    words = {key: esc(_(text)) for key, text in FORM_WORDS.items()}
    return "\n".join([
        f'<div id="ssc-explorer" class="ssc-explorer" data-probe="{esc(probe_id)}" '
        f'data-probe-folder="{esc(probe_folder)}" data-page-size="{PAGE_SIZE}" '
        f'data-total="{total}" data-search-exclude hidden>',
        f'<form id="ssc-explorer-form" class="ssc-explorer__form" role="search" aria-label="{words["form"]}">',
        '<div class="ssc-explorer__words">',
        f'<label for="ssc-explorer-q">{words["words"]}</label>',
        '<input id="ssc-explorer-q" type="search" autocomplete="off" spellcheck="false" '
        'aria-describedby="ssc-explorer-q-help">',
        f'<span id="ssc-explorer-q-help" class="ssc-explorer__help">{words["help"]}</span>',
        "</div>",
        f'<fieldset class="ssc-explorer__years"><legend>{words["years"]}</legend>',
        f'<label for="ssc-explorer-from">{words["from"]}</label> <select id="ssc-explorer-from"></select> ',
        f'<label for="ssc-explorer-to">{words["to"]}</label> <select id="ssc-explorer-to"></select>',
        "</fieldset>",
        '<div id="ssc-explorer-facets" class="ssc-explorer__facets"></div>',
        '<div class="ssc-explorer__actions">',
        f'<label for="ssc-explorer-sort">{words["order"]}</label> <select id="ssc-explorer-sort">'
        f'<option value="new">{words["new"]}</option><option value="old">{words["old"]}</option>'
        f'<option value="title">{words["title"]}</option></select> ',
        f'<button type="button" id="ssc-explorer-clear" class="md-button">{words["clear"]}</button>',
        "</div>",
        "</form>",
        '<div class="ssc-explorer__status">',
        '<p id="ssc-explorer-count" class="ssc-explorer__count" role="status" aria-live="polite" '
        'aria-atomic="true"></p>',
        f'<ul id="ssc-explorer-chips" class="ssc-explorer__chips" aria-label="{words["chips"]}"></ul>',
        "</div>",
        '<ol id="ssc-explorer-results" class="ssc-explorer__results"></ol>',
        '<p class="ssc-explorer__more"><button type="button" id="ssc-explorer-more" class="md-button" hidden>'
        f'{words["more"]}</button></p>',
        "</div>",
    ])


def render_explorer(knowledge_base: KnowledgeBase, indexes: dict) -> tuple[Page, dict]:
    data = explorer_data(knowledge_base, indexes)
    rows = explorer_rows(knowledge_base)
    lines = ["# " + _("Explorer"), "",
             md_escape(_("Every activity, knowledge request and knowledge offer of the knowledge base, filtered by any "
                         "combination of kind, theme, country, region, institution, modality, participants, funding, "
                         "status and years, and by words.")) + " "
             + _("Within a group, an entry matches **any** of the values you tick, or **all** of them if you choose "
                 "so; across groups it must match every group.") + " "
             + md_escape(_("The address of the page keeps the filters: copy it to share or bookmark this "
                           "selection.")), ""]
    fallback = [_("The explorer needs JavaScript, which is off in this browser. The same entries are on the "
                  "[list of all activities](%(activities)s), the [requests](%(requests)s) and "
                  "[offers](%(offers)s), newest first, and on the [browse pages](%(browse)s).") % {
                      "activities": relative_path(PATH, 'activities/index.md'),
                      "requests": relative_path(PATH, 'requests/index.md'),
                      "offers": relative_path(PATH, 'offers/index.md'), "browse": relative_path(PATH, 'browse.md')}]
    if rows:
        newest = rows[0]  # the script takes the address pattern of entry pages from this link
        fallback.append(" " + _("The newest is %(entry)s.") % {
            "entry": f"[{md_escape(shown_title(newest))}]({relative_path(PATH, newest.page_path)})"
                     "{ #ssc-explorer-probe }"})
    lines += ['<div class="ssc-explorer-fallback" markdown>', "", "".join(fallback), "", "</div>", "",
              explorer_html(rows[0].id if rows else "", len(rows),
                            KIND_FOLDERS[rows[0].kind] if rows else KIND_FOLDERS["activity"]), "",
              f'<script id="ssc-explorer-data" src="{esc(relative_path(PATH, DATA_PATH))}"></script>',
              f'<script src="{esc(relative_path(PATH, SCRIPT))}"></script>', ""]
    open_data = md_escape(_("open data"))
    lines += [_("The same data for spreadsheets: %(csv)s (see %(open_data)s).") % {
        "csv": f"[activities.csv]({relative_path(PATH, 'data/activities.csv')})",
        "open_data": f"[{open_data}]({relative_path(PATH, 'data/index.md')})"}, ""]
    page = Page(PATH, {"title": _("Explorer"), "hide": ["toc"]}, "\n".join(lines))
    folder = DATA_PATH.rsplit("/", 1)[0]
    return page, {f"{folder}/{name}": text for name, text in data_scripts(data).items()}
