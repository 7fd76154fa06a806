"""The translation coverage page (``translations/index.md``): what is not translated yet, per language.

Each language's site lists what lacks a translation in its own language; the English site, whose
readers include the translators, lists every translation language. An item is an entry (its title,
summary or statement, body) or a vocabulary term (its label, description), with a link to its page and
its file, where the translation goes (ssckb/translations.py says what is missing). The page's words come
from the catalog.
"""

from __future__ import annotations

import html
import posixpath

from babel import Locale
from babel.lists import format_list
from markupsafe import Markup

from .i18n import DEFAULT_LANGUAGE, N_, _, counted, current_language
from .indexes import DIMENSIONS
from .languages import TRANSLATION_LANGUAGES, translation_file_name
from .localized import entry_title, term_label
from .mdtext import external_link, link, md_escape, scrollable
from .model import KnowledgeBase
from .rendering import RenderingContext
from .translations import untranslated

PATH = "translations/index.md"

#: What can be missing, as the page names it (ssckb/translations.py ``Untranslated.fields``).
FIELD_NAMES = {"title": N_("title"), "summary": N_("summary"), "statement": N_("statement"), "body": N_("body"),
               "label": N_("label"), "description": N_("description")}

#: The branch the repository's files are edited on (mkdocs.yml's ``edit_uri``: edit/main/docs/).
EDIT_ADDRESS = "{repo}/edit/main/{path}"


def language_display_name(code: str) -> str:
    """A language's name in the language being rendered, by CLDR: 'es' -> 'Spanish' (en), 'español' (es)."""
    return Locale.parse(code).get_display_name(current_language())


def _languages_listed(site_language: str) -> tuple:
    return TRANSLATION_LANGUAGES if site_language == DEFAULT_LANGUAGE else (site_language,)


def _fields(fields) -> str:
    return format_list([_(FIELD_NAMES[name]) for name in fields], locale=current_language())


def _file(path: str, context: RenderingContext) -> Markup:
    code = Markup(f"<code>{html.escape(path)}</code>")
    if not context.repo_url or context.offline:
        return code
    edit = external_link(_("edit"), EDIT_ADDRESS.format(repo=context.repo_url.rstrip("/"), path=path))
    return Markup(f"{code} ({edit})")


def _entry_rows(knowledge_base: KnowledgeBase, items: list, context: RenderingContext, language: str) -> list[str]:
    rows = []
    for item in items:
        entry = knowledge_base.get(item.kind, item.id)
        title = entry_title(entry.data, current_language()).text
        files = [_file(item.path, context)] if set(item.fields) - {"body"} else []
        if "body" in item.fields:  # a body translation is a file of its own, beside the entry's
            body = posixpath.join(posixpath.dirname(item.path),
                                  translation_file_name(posixpath.basename(item.path), language))
            files.append(Markup(f"<code>{html.escape(body)}</code>"))
        rows.append(f"| {link(title, PATH, entry.page_path)} | {md_escape(_fields(item.fields))} | "
                    f"{'<br>'.join(files)} |")
    return rows


def _term_rows(knowledge_base: KnowledgeBase, items: list, context: RenderingContext) -> list[str]:
    language = current_language()
    by_vocabulary = {dimension.vocabulary: dimension for dimension in DIMENSIONS if dimension.vocabulary}
    rows = []
    for item in items:
        term = knowledge_base.vocabularies[item.kind].get(item.id)
        label = term_label(term, language).text
        dimension = by_vocabulary.get(item.kind)
        page = dimension.page_path(item.id, knowledge_base) if dimension else None
        shown = link(label, PATH, page) if page and (knowledge_base.term_pages is None
                                                     or page in knowledge_base.term_pages) else md_escape(label)
        where = md_escape(_(dimension.title)) if dimension else md_escape(item.kind)
        rows.append(f"| {shown} | {where} | {md_escape(_fields(item.fields))} | {_file(item.path, context)} |")
    return rows


def render_coverage(knowledge_base: KnowledgeBase, context: RenderingContext | None = None) -> "Page":
    """The coverage page of the site being rendered (its language: ``context.language``)."""
    from .pages import Page

    context = context or RenderingContext()
    listed = _languages_listed(current_language())
    coverage = untranslated(knowledge_base, listed)
    title = _("Translation coverage")
    lines = ["# " + title, ""]
    if current_language() == DEFAULT_LANGUAGE:
        lines += [_("What is not translated yet, language by language: each entry and vocabulary term that lacks "
                    "a translation, with its page and the file to translate it in. Until it is translated, "
                    "readers see the English text."), ""]
    else:
        lines += [_("What is not translated into %(language)s yet: each entry and vocabulary term that lacks a "
                    "translation, with its page and the file to translate it in. Until it is translated, readers "
                    "of this site see the English text.") % {"language": language_display_name(current_language())},
                  ""]
    for language in listed:
        name = language_display_name(language)
        items = coverage[language]
        entries = [item for item in items if item.kind in knowledge_base.entries]
        terms = [item for item in items if item.kind not in knowledge_base.entries]
        lines += [f"## {md_escape(name[:1].upper() + name[1:])}", ""]
        if not items:
            lines += [_("Everything is translated into %(language)s.") % {"language": name}, ""]
            continue
        lines += [_("%(entries)s and %(terms)s lack a translation.") % {
            "entries": counted("{n} entry", "{n} entries", len(entries)),
            "terms": counted("{n} vocabulary term", "{n} vocabulary terms", len(terms))}, ""]
        missing, file = _("Not translated"), _("File")
        if entries:
            head = " | ".join([_("Entry"), missing, file])
            table = [f"| {head} |", "| --- | --- | --- |", *_entry_rows(knowledge_base, entries, context, language)]
            label = _("Entries not translated into %(language)s") % {"language": name}
            lines += ["### " + _("Entries"), "", *scrollable(label, table), ""]
        if terms:
            head = " | ".join([_("Term"), _("Vocabulary"), missing, file])
            table = [f"| {head} |", "| --- | --- | --- | --- |", *_term_rows(knowledge_base, terms, context)]
            label = _("Vocabulary terms not translated into %(language)s") % {"language": name}
            lines += ["### " + _("Vocabulary terms"), "", *scrollable(label, table), ""]
    return Page(PATH, {"title": title, "search": {"exclude": True}}, "\n".join(lines))
