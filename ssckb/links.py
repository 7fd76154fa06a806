"""Links in an entry's body to other pages of the site: each must lead to a page that exists.

A relative link to a Markdown file, inline (``[Palenque](../learning_routes/palenque.md)``,
``[x](other.md)``) or as a reference definition (``[x]: other.md``), is resolved from the
entry's page, as MkDocs resolves it. ``build.py check`` knows the entry files and the
hand-written pages of ``docs/`` without making a page, so a link to a missing entry is an
error there; a link to a generated page (a country, a theme...) is checked by the build,
which knows every page. Links in code (fenced blocks, backticks) are not links.
"""

from __future__ import annotations

import posixpath
import re
from typing import Callable
from urllib.parse import unquote

from .problems import Problem, shown

#: What the check says of a link that leads nowhere; ``{target}`` is the link as written.
MESSAGES = {
    "missing_entry": "the link '{target}' leads to no entry ({path} does not exist); check the id, which is the "
                     "file name without .md",
    "missing_page": "the link '{target}' leads to no page of the site ({path} does not exist); check the address",
    "outside": "the link '{target}' leads outside the site; link to a page of the site, or to a full "
               "https:// address",
}

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).+?\1")
# [text](target "title"), images too; the target may be in <...>.
_INLINE = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s()]+)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>\n]*>|\S+)")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def body_links(body: str, first_line: int) -> list[tuple[int, str]]:
    """(file line, target as written) of each link to a Markdown page of the site in ``body``."""
    found, fence = [], None
    if "](" not in body and "]:" not in body:  # most bodies have no link at all
        return found
    for number, line in enumerate(body.split("\n"), start=first_line):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        text = _CODE_SPAN.sub("", line)
        targets = [match.group(1) for match in _INLINE.finditer(text)]
        definition = _DEFINITION.match(text)
        if definition:
            targets.append(definition.group(1))
        for target in targets:
            target = target[1:-1] if target.startswith("<") else target
            if _SCHEME.match(target) or target.startswith(("/", "#")):
                continue  # another site, or a place in this page
            path = target.split("#", 1)[0].split("?", 1)[0]
            if path.endswith(".md"):
                found.append((number, target))
    return found


def resolve(page_path: str, target: str) -> str | None:
    """The page path ``target`` leads to from the page ``page_path``, or None if it leaves the site."""
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), path))
    return None if resolved == ".." or resolved.startswith("../") else resolved


def broken_links(body: str, first_line: int, path: str, page_path: str,
                 exists: Callable[[str], bool | None], entry_folders=()) -> list[Problem]:
    """An error for each link of an entry's body (file ``path``, page ``page_path``) that leads to no page.

    ``exists(page)`` answers True, False, or None when it cannot tell (the page would be generated):
    those links are left to a caller that knows every page. ``entry_folders`` name the folders of
    entries, for a message that speaks of ids."""
    problems = []
    for line, target in body_links(body, first_line):
        resolved = resolve(page_path, target)
        if resolved is None:
            message = MESSAGES["outside"]
        elif exists(resolved) is False:
            kind = "missing_entry" if resolved.split("/", 1)[0] in entry_folders else "missing_page"
            message = MESSAGES[kind]
        else:
            continue
        problems.append(Problem(path, line, "body", message.format(target=shown(target), path=resolved)))
    return problems
