"""What the search index holds about each page: display data and the text of each field, as plain text.

Entries (activities, lessons, learning routes) come first, then the hand-written pages of docs/
and, last, the contributor's pages (the guide and the field reference), which the browser shows in
a group of their own, after the entries. Index pages (hubs, term pages, lists, views) only list
entries and are left out. Everything here is text: markup in a title or a body stays text, and the
browser writes it with ``textContent``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..handwritten import pages_in_language
from ..i18n import current_language
from ..localized import country_name, entry_body, entry_summary, entry_title, term_label
from ..model import KIND_ORDER, Entry, KnowledgeBase
from ..yamlsafe import parse_yaml

#: The fields a document's text is split into, with how much a match in each weighs: a match in
#: the title, summary, countries, institutions or themes outranks one in the body.
FIELD_BOOSTS = {"title": 8.0, "countries": 5.0, "institutions": 5.0, "themes": 5.0, "summary": 4.0,
                "details": 2.0, "body": 1.0}

#: Kinds of documents, in the order of their groups: entries, then site pages, then contributors' pages.
ENTRY_KINDS = KIND_ORDER
PAGE_KINDS = ("page", "guide")

#: Pages for contributors rather than readers: a group of their own in the results.
GUIDE_PAGES = ("contribute.md", "reference/")

SUMMARY_CHARS = 220
COUNTRIES_SHOWN = 6

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")  # '](url "title")': the words stay, the url goes
_TAG = re.compile(r"<[^>\n]*>")
_ATTR_LIST = re.compile(r"\{:?\s*[#.][^}\n]*\}")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.M)


@dataclass
class SearchDocument:
    """One result the search can show: where it is, what it shows, and its text by field."""

    path: str  # the page's source path, 'activities/x.md'; the browser makes it an address
    kind: str  # an entry kind, 'page' or 'guide'
    title: str
    summary: str = ""
    years: str = ""
    countries: list = field(default_factory=list)
    fields: dict = field(default_factory=dict)  # field name (FIELD_BOOSTS) -> text
    text_language: str = ""  # the language of the title and summary when it is not the index's (no translation)


def markdown_text(markdown: str) -> str:
    """Markdown as the words a reader sees: link targets, tags, comments and attribute lists dropped."""
    text = _COMMENT.sub(" ", markdown)
    text = _LINK_TARGET.sub("]", text)
    text = _TAG.sub(" ", text)
    return _ATTR_LIST.sub(" ", text)


def _shorten(text: str, limit: int = SUMMARY_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def _label(vocabulary, term_id) -> str:
    """A term's label in the language being rendered (the English one when it has no translation)."""
    term = vocabulary.get(term_id)
    return term_label(term, current_language()).text if term is not None else str(term_id)


def _years(entry: Entry) -> str:
    span = entry.years
    if not span:
        return ""
    return str(span[0]) if span[0] == span[1] else f"{span[0]}–{span[1]}"


def entry_document(knowledge_base: KnowledgeBase, entry: Entry) -> SearchDocument:
    """The search document of one entry."""
    vocabularies = knowledge_base.vocabularies
    countries, country_words = [], []
    for code in entry.countries:
        term = vocabularies.countries.get(code)
        name = country_name(code, current_language(), vocabularies).text
        countries.append(name)
        country_words += [name, code, *((term.label,) if term is not None and term.label != name else ()), *(term.aliases if term is not None else ())]
    country_words += [_label(vocabularies.regions, r) for r in knowledge_base.regions_of(entry)]
    institution_words = []
    for inst in entry.institutions:
        term = vocabularies.institutions.get(inst)
        if term is None:
            institution_words.append(inst)
            continue
        own = term_label(term, current_language()).text  # its name in the language too, when it has one
        institution_words += [term.label, *((own,) if own != term.label else ()), term.get("acronym") or ""]
    themes = [_label(vocabularies["themes"], t) for t in entry.themes]
    details = [_label(vocabularies["modalities"], m) for m in entry.modalities if m in vocabularies["modalities"]]
    details += [_label(vocabularies["participant_types"], p) for p in entry.participants]
    details += [str(year) for year in (entry.years or ())]
    details += [str(item) for item in entry.data.get("results", ()) or ()]
    details += [str(item) for item in entry.data.get("points", ()) or ()]
    if entry.data.get("conditions"):  # an offer's terms: who pays travel...
        details.append(str(entry.data["conditions"]))
    language = current_language()
    shown_title = entry_title(entry.data, language)
    title, summary = shown_title.text, entry_summary(entry.data, language).text
    body = entry_body(entry, language).text
    shown = countries[:COUNTRIES_SHOWN] + (["…"] if len(countries) > COUNTRIES_SHOWN else [])
    return SearchDocument(
        path=entry.page_path, kind=entry.kind, title=title, summary=_shorten(summary),
        years=_years(entry), countries=shown, text_language=shown_title.language if shown_title.fallback else "",
        fields={"title": title, "summary": summary, "countries": " ".join(country_words),
                "institutions": " ".join(institution_words), "themes": " ".join(themes),
                "details": " ".join(details), "body": markdown_text(body)})


def page_document(path: str, markdown: str, meta: dict | None = None) -> SearchDocument | None:
    """The search document of a hand-written or reference page, or None if it asks to be left out."""
    meta = meta or {}
    search = meta.get("search")
    if isinstance(search, dict) and search.get("exclude"):
        return None
    headings = _HEADING.findall(markdown)
    title = str(meta.get("title") or (headings[0] if headings else path))
    body = _HEADING.sub(" ", markdown)
    text = markdown_text(body)
    paragraphs = [p for p in (" ".join(block.split()) for block in text.split("\n\n")) if p and p[0].isalnum()]
    kind = "guide" if path.startswith(GUIDE_PAGES) else "page"
    return SearchDocument(path=path, kind=kind, title=markdown_text(title).strip(),
                          summary=_shorten(paragraphs[0] if paragraphs else ""),
                          fields={"title": markdown_text(title), "summary": markdown_text(" ".join(headings[1:])),
                                  "body": text})


def _read_page(file: Path) -> tuple[str, dict]:
    """A docs/ page's Markdown and its front matter (the search uses its title and search.exclude)."""
    text = file.read_text(encoding="utf-8")
    front = _FRONT_MATTER.match(text)
    if not front:
        return text, {}
    parsed = parse_yaml(front.group(0)[4:-4], first_line=2)
    meta = parsed.data if isinstance(parsed.data, dict) else {}
    return text[front.end():], meta


def search_documents(knowledge_base: KnowledgeBase, docs_dir: Path | None, reference_pages: dict) -> list:
    """Every document of the index, in its order: entries by kind and id, pages, contributors' pages.

    ``reference_pages``: generated pages readers search for (path -> ``ssckb.pages.Page``), such as
    the field reference.
    """
    documents = [entry_document(knowledge_base, entry)
                 for kind in ENTRY_KINDS for entry in knowledge_base.entries.get(kind, {}).values()]
    pages = []
    if docs_dir is not None and Path(docs_dir).is_dir():
        files = {file.relative_to(docs_dir).as_posix(): file
                 for file in sorted(Path(docs_dir).rglob("*.md")) if not file.is_symlink()}
        shown = pages_in_language(files, current_language())  # each page in the language of the site
        for path, file in files.items():
            if path not in shown.left_out:
                markdown, meta = _read_page(files[shown.translated.get(path, path)])
                pages.append(page_document(path, markdown, meta))
    for path, page in sorted(reference_pages.items()):
        pages.append(page_document(path, page.markdown, page.meta))
    pages = [p for p in pages if p is not None]
    pages.sort(key=lambda p: (PAGE_KINDS.index(p.kind), p.path))
    return documents + pages
