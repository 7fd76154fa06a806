"""The message catalogs: extracting the generated words of the code, updating and checking each language's.

``python build.py messages`` runs what ``pybabel extract`` and ``pybabel update`` would (the same
``babel.cfg``, the same keywords), with Babel's own functions:

- ``locale/messages.pot``: every message of ``ssckb/*.py`` (``_``, ``N_``, ``gettext``, ``ngettext``,
  ``N_plural``, ``counted``) and of ``ssckb/templates/*.j2`` (Jinja2's ``_()`` and ``{% trans %}``);
- ``locale/<code>/LC_MESSAGES/messages.po``: each language's translations, new messages added empty.

``python build.py messages --check`` (and tests/test_i18n.py) lists every message a catalog lacks,
leaves empty or marks fuzzy: the page would show it in English.
"""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from .i18n import DEFAULT_LANGUAGE, DOMAIN, LANGUAGES
from .problems import Problem

#: The functions whose string arguments are messages: Babel's own, and the site's plural helpers.
KEYWORDS = {**DEFAULT_KEYWORDS, "N_plural": (1, 2), "counted": (1, 2)}
#: A fixed date in the template's header: the same code gives the same file.
CREATION_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
PROJECT = "South-South Cooperation Knowledge Base"
WIDTH = 100


def template_path(root: Path) -> Path:
    return Path(root) / "locale" / f"{DOMAIN}.pot"


def po_path(root: Path, code: str) -> Path:
    return Path(root) / "locale" / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract(root: Path) -> Catalog:
    """Every message of the code and templates under ``root`` (per babel.cfg), in the order found."""
    root = Path(root)
    with (root / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    catalog = Catalog(project=PROJECT, domain=DOMAIN, creation_date=CREATION_DATE, charset="utf-8",
                      fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(root), method_map, options_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _po_text(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    # Locations are file names only: a line moved in the code does not change every catalog.
    write_po(out, catalog, width=WIDTH, include_lineno=False, ignore_obsolete=True, sort_by_file=False)
    return out.getvalue()


def read_catalog(path: Path, code: str | None = None) -> Catalog:
    with Path(path).open("rb") as handle:
        return read_po(handle, locale=code, domain=DOMAIN)


def update_catalogs(root: Path) -> list[str]:
    """Write locale/messages.pot from the code and merge it into every language's catalog
    (a new language gets a catalog of empty translations). Returns what it did, line by line."""
    root = Path(root)
    template = extract(root)
    said = []
    target = template_path(root)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = _po_text(template)
    if not target.is_file() or target.read_bytes() != text:
        target.write_bytes(text)
        said.append(f"Updated {target.relative_to(root).as_posix()} ({len(template)} messages)")
    for code in LANGUAGES:
        if code == DEFAULT_LANGUAGE:
            continue
        path = po_path(root, code)
        if path.is_file():
            catalog = read_catalog(path, code)
        else:
            catalog = Catalog(locale=code, project=PROJECT, domain=DOMAIN, creation_date=CREATION_DATE,
                              charset="utf-8", fuzzy=False)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.revision_date = CREATION_DATE
        path.parent.mkdir(parents=True, exist_ok=True)
        text = _po_text(catalog)
        if not path.is_file() or path.read_bytes() != text:
            path.write_bytes(text)
            missing = sum(1 for message in catalog if message.id and not _translated(message))
            said.append(f"Updated {path.relative_to(root).as_posix()} ({missing} messages to translate)")
    return said or ["The catalogs are up to date."]


def _translated(message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return not message.fuzzy and all(strings)


_PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")
#: The placeholders that hold the count itself: a plural form may say it in words ("صفحتان", two pages).
_COUNT_PLACEHOLDERS = {"{n}", "%(n)s", "%(num)s", "%(count)s"}


def _placeholder_problem(message_id, strings) -> str:
    """What is wrong with the placeholders of a translation ('' when nothing): each form keeps the message's
    (a plural form may leave out the count), and adds none."""
    ids = message_id if isinstance(message_id, tuple) else (message_id,)
    wanted = set().union(*(_PLACEHOLDER.findall(text) for text in ids))
    forms = strings if isinstance(strings, (list, tuple)) else (strings,)
    for form in forms:
        found = set(_PLACEHOLDER.findall(form))
        if found - wanted:
            return f"the translation has placeholders the message has not: {', '.join(sorted(found - wanted))}"
        lost = wanted - found - (_COUNT_PLACEHOLDERS if isinstance(message_id, tuple) else set())
        if lost:
            return f"the translation lost the placeholders {', '.join(sorted(lost))}"
    return ""


def catalog_problems(root: Path) -> list[Problem]:
    """A problem for every message of the code that a language's catalog lacks, leaves empty or marks fuzzy,
    and for a catalog whose plural forms do not fit the message."""
    root = Path(root)
    template = extract(root)
    problems = []
    for code in LANGUAGES:
        if code == DEFAULT_LANGUAGE:
            continue
        path = po_path(root, code)
        rel = path.relative_to(root).as_posix()
        if not path.is_file():
            problems.append(Problem(rel, 1, "-", "missing; run 'python build.py messages', then translate it"))
            continue
        catalog = read_catalog(path, code)
        for message in template:
            if not message.id:
                continue
            found = catalog.get(message.id, message.context)
            shown = message.id if isinstance(message.id, str) else message.id[0]
            if found is None:
                problems.append(Problem(rel, 1, "msgid", f"lacks '{shown}'; run 'python build.py messages' "
                                                         "and translate it"))
            elif not _translated(found):
                problems.append(Problem(rel, 1, "msgstr", f"'{shown}' is not translated (or is fuzzy); "
                                                          "translate it"))
            elif _placeholder_problem(message.id, found.string):
                problems.append(Problem(rel, 1, "msgstr", f"'{shown}': {_placeholder_problem(message.id, found.string)}"))
            elif isinstance(message.id, tuple) != isinstance(found.id, tuple):
                problems.append(Problem(rel, 1, "msgid_plural", f"'{shown}' has plural forms in the code but not "
                                                                "in the catalog, or the reverse; run 'python "
                                                                "build.py messages'"))
    return problems
