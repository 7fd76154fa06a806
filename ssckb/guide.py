"""The contributor guide, one source for the site and the repository.

``docs/contribute.md`` is written by hand, except for the part between the markers
``<!-- ssckb:fields -->`` and ``<!-- /ssckb:fields -->``: that part is generated from
the schemas and vocabularies (:func:`ssckb.reference.field_section`) when the site is
built; the registries contributors add to (institutions, documents) are linked, not
copied, so that a valid addition never makes a committed copy out of date. ``python build.py guide`` writes the same text, with links made relative to
the repository, to ``CONTRIBUTING.md``, and writes the "propose an entry" issue
forms, one per entry kind, from the schemas (:mod:`ssckb.contrib.forms`);
``python build.py guide --check`` (and the tests) fail when a file is out of date.

The guide in the other languages of the contributor forms: ``docs/contribute.<code>.md`` (es, fr, pt),
written by hand in that language with the same markers, its field list generated in that language
(:func:`ssckb.reference.field_section`); ``build.py guide`` writes it to ``CONTRIBUTING.<code>.md``, and
each language's site shows it as its ``contribute.md`` page, as it shows every translated page of docs/
(:mod:`ssckb.handwritten`).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from .contrib.forms import (CRITERIA, FORM_LANGUAGES, FORM_DROPDOWNS, ISSUE_FORMS, PARTY_FIELDS, issue_form_files,  # noqa: F401
                            issue_form_text, schema_node, vocabulary_of)
from .filesafety import read_text_no_link
from .i18n import DEFAULT_LANGUAGE, rendering_language
from .reference import anchor, field_section, registry_pointers

GUIDE_SOURCE = "docs/contribute.md"
CONTRIBUTING = "CONTRIBUTING.md"
ISSUE_FORM = ISSUE_FORMS["activity"]
BEGIN = "<!-- ssckb:fields -->"
END = "<!-- /ssckb:fields -->"
#: Heading level of the generated part inside the guide (the guide's own section is a level-2 heading).
GUIDE_LEVEL = 3

_NOTICE = ("<!-- Generated from docs/contribute.md by `python build.py guide`: edit that file "
           "(or the schemas and vocabularies), then run the command. Do not edit this copy. -->\n\n")

# An inline link or image target: ](target) or ](target "title").
_LINK = re.compile(r"\]\(([^()\s]+)((?:\s+\"[^\"]*\")?)\)")


class GuideError(Exception):
    """The guide's source cannot be turned into the guide; the message says how to fix it."""


def guide_source(language: str = DEFAULT_LANGUAGE) -> str:
    """The hand-written guide of ``language``: docs/contribute.md, docs/contribute.es.md..."""
    return GUIDE_SOURCE if language == DEFAULT_LANGUAGE else GUIDE_SOURCE.removesuffix(".md") + f".{language}.md"


def contributing_file(language: str = DEFAULT_LANGUAGE) -> str:
    """Where ``build.py guide`` writes the guide of ``language``: CONTRIBUTING.md, CONTRIBUTING.es.md..."""
    return CONTRIBUTING if language == DEFAULT_LANGUAGE else CONTRIBUTING.removesuffix(".md") + f".{language}.md"


#: The languages the guide is written in besides English (each has its docs/contribute.<code>.md).
GUIDE_LANGUAGES = tuple(code for code in FORM_LANGUAGES if code != DEFAULT_LANGUAGE)


def expand(markdown: str, vocabularies, level: int = GUIDE_LEVEL, for_repository: bool = False,
           language: str = DEFAULT_LANGUAGE) -> str:
    """``markdown`` with the generated field section between its markers (markers kept, so it is idempotent).
    Text without the markers is returned unchanged. The registries contributors add to are not copied
    (:data:`ssckb.reference.GROWING_REGISTRIES`): the guide links to their full list, on the site or,
    ``for_repository``, in the repository."""
    start = markdown.find(BEGIN)
    if start < 0:
        if END in markdown:
            raise GuideError(f"the line {END} has no {BEGIN} before it; put both back around the field list")
        return markdown
    end = markdown.find(END, start)
    if end < 0:
        raise GuideError(f"the line {BEGIN} has no {END} after it; put both back around the field list")
    if markdown.find(BEGIN, start + len(BEGIN)) >= 0:
        raise GuideError(f"the line {BEGIN} appears twice; keep one field list")
    with rendering_language(language):
        generated = field_section(vocabularies, level, registry_pointers(for_repository),
                                  english_anchors=not for_repository)  # the repository host reads no attr_list
    return markdown[:start + len(BEGIN)] + "\n\n" + generated + "\n" + markdown[end:]


def _repository_links(markdown: str, root: Path, source: str = GUIDE_SOURCE) -> str:
    """Links between site pages, made relative to the repository: ``about/criteria.md`` in docs/contribute.md
    becomes ``docs/about/criteria.md``. A link to a page that is not a file in the repository (a generated
    page) cannot work there, and is refused."""
    folder = posixpath.dirname(source)

    def rewrite(match: re.Match) -> str:
        target, title = match.group(1), match.group(2)
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith(("#", "/")):
            return match.group(0)
        path, hash_, fragment = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(folder, path))
        if resolved.startswith("../") or not (Path(root) / resolved).exists():
            raise GuideError(f"{source} links to '{target}', which is not a file in the repository "
                             "(a generated page?); CONTRIBUTING.md could not follow it. Link to a hand-written "
                             "page of docs/ or to a heading of the guide instead")
        return f"]({resolved}{hash_}{fragment}{title})"

    return _LINK.sub(rewrite, markdown)


_HEADING_ID = re.compile(r"^(#{1,6} )(.+?) \{ ?#([\w-]+) ?\}[ \t]*$", re.M)


def _repository_anchors(markdown: str) -> str:
    """A translated heading's explicit id (``## Citar una fuente { #cite-a-source }``, for the site's attr_list)
    as the repository host reads it: the suffix gone, the page's links to it made to the heading's own anchor."""
    anchors = {}

    def plain(match: re.Match) -> str:
        anchors[match.group(3)] = anchor(match.group(2))
        return match.group(1) + match.group(2)

    markdown = _HEADING_ID.sub(plain, markdown)
    return re.sub(r"\]\(#([\w-]+)\)", lambda m: f"](#{anchors.get(m.group(1), m.group(1))})", markdown)


def contributing_text(root: Path, vocabularies, language: str = DEFAULT_LANGUAGE) -> str:
    """The text of CONTRIBUTING.md (or CONTRIBUTING.<code>.md): the guide of ``language`` with its field list,
    links relative to the repository."""
    root = Path(root)
    source_name = guide_source(language)
    if (root / source_name).is_symlink():  # its text is published: never read through a link
        raise GuideError(f"{source_name} is a symbolic link; put the guide itself there")
    source = read_text_no_link(root / source_name)
    if BEGIN not in source:
        raise GuideError(f"{source_name} has lost the line {BEGIN} (and {END}) where the field list goes")
    notice = _NOTICE if language == DEFAULT_LANGUAGE else _NOTICE.replace(GUIDE_SOURCE, source_name)
    text = _repository_anchors(expand(source, vocabularies, for_repository=True, language=language))
    return notice + _repository_links(text, root, source_name)


# --- The "propose an entry" issue forms (ssckb/contrib/forms.py) ---------------------------------

# --- Writing and checking ------------------------------------------------------------------------

def generated_files(root: Path, vocabularies=None) -> dict[str, str]:
    """Repository path -> the text it must hold."""
    if vocabularies is None:
        from .vocabularies import load_vocabularies
        vocabularies = load_vocabularies(root=Path(root))
    files = {CONTRIBUTING: contributing_text(root, vocabularies)}
    for code in GUIDE_LANGUAGES:
        if (Path(root) / guide_source(code)).is_file():  # a knowledge base may have the English guide alone
            files[contributing_file(code)] = contributing_text(root, vocabularies, code)
    return {**files, **issue_form_files(vocabularies)}


def stale_files(root: Path, vocabularies=None) -> list[str]:
    """The generated files that are missing or differ from what ``python build.py guide`` would write."""
    stale = []
    for rel, text in generated_files(root, vocabularies).items():
        path = Path(root) / rel
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(rel)
    return stale


def write_files(root: Path, vocabularies=None) -> list[str]:
    """Write the generated files that changed; returns their paths."""
    changed = []
    for rel, text in generated_files(root, vocabularies).items():
        path = Path(root) / rel
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        changed.append(rel)
    return changed
