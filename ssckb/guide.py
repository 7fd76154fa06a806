"""The contributor guide, one source for the site and the repository.

``docs/contribute.md`` is written by hand, except for the part between the markers
``<!-- ssckb:fields -->`` and ``<!-- /ssckb:fields -->``: that part is generated from
the schemas and vocabularies (:func:`ssckb.reference.field_section`) when the site is
built. ``python build.py guide`` writes the same text, with links made relative to
the repository, to ``CONTRIBUTING.md``, and writes the "Propose an activity" issue
form from the activity schema; ``python build.py guide --check`` (and the tests)
fail when either file is out of date.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from .filesafety import read_text_no_link
from .reference import field_section
from .schemas import load_schema

GUIDE_SOURCE = "docs/contribute.md"
CONTRIBUTING = "CONTRIBUTING.md"
ISSUE_FORM = ".github/ISSUE_TEMPLATE/propose-activity.yml"
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


def expand(markdown: str, vocabularies, level: int = GUIDE_LEVEL) -> str:
    """``markdown`` with the generated field section between its markers (markers kept, so it is idempotent).
    Text without the markers is returned unchanged."""
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
    generated = field_section(vocabularies, level)
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


def contributing_text(root: Path, vocabularies) -> str:
    """The text of CONTRIBUTING.md: the guide with its field list, links relative to the repository."""
    root = Path(root)
    if (root / GUIDE_SOURCE).is_symlink():  # its text is published: never read through a link
        raise GuideError(f"{GUIDE_SOURCE} is a symbolic link; put the guide itself there")
    source = read_text_no_link(root / GUIDE_SOURCE)
    if BEGIN not in source:
        raise GuideError(f"{GUIDE_SOURCE} has lost the line {BEGIN} (and {END}) where the field list goes")
    return _NOTICE + _repository_links(expand(source, vocabularies), root)


# --- The "Propose an activity" issue form -------------------------------------------------------

#: Dropdowns of the form: form id -> (path of the field in the activity schema, label, required).
FORM_DROPDOWNS = {
    "themes": (("themes",), "Themes", True),
    "modalities": (("modalities",), "How was knowledge exchanged?", True),
    "participants": (("participants",), "Who took part?", True),
    "other_regions": (("other_regions",), "Regions taking part without named countries", False),
    "funding_nature": (("funding", "nature"), "How did IFAD fund it?", False),
    "source_document": (("source", "document"), "Source document", True),
}


def schema_node(schema: dict, path: tuple) -> dict:
    """The schema of a field, by path (``("funding", "nature")``); lists of objects on the way are looked through."""
    node = schema
    for index, name in enumerate(path):
        if index and node.get("type") == "array":
            node = node["items"]
        node = node["properties"][name]
    return node


def vocabulary_of(node: dict) -> str | None:
    """The vocabulary a field's values come from, if any."""
    if node.get("type") == "array":
        node = node.get("items", {})
    return node.get("x-vocabulary")


def _q(text: str) -> str:
    """A YAML scalar: JSON strings are valid YAML, and need no thought about colons or quotes."""
    return json.dumps(text, ensure_ascii=False)


def _block(text: str, indent: int) -> list[str]:
    pad = " " * indent
    return [f"{pad}{line}" if line else "" for line in text.strip("\n").split("\n")]


def issue_form_text(vocabularies) -> str:
    """The issue form (GitHub issue-forms syntax) for proposing an activity without a pull request."""
    schema = load_schema("activity")

    def described(*path: str) -> str:
        return schema_node(schema, tuple(path)).get("description", "")

    out = [
        "# Generated by `python build.py guide` from ssckb/schemas/activity.schema.json and ssckb/vocabularies/:",
        "# edit those (or ssckb/guide.py), not this file.",
        f"name: {_q('Propose an activity')}",
        f"description: {_q('Tell us about a South-South cooperation activity; a maintainer turns it into an entry.')}",
        f"title: {_q('[Activity] ')}",
        "labels: [\"proposal\", \"activity\"]",
        "body:",
    ]

    def markdown(text: str):
        out.extend(["  - type: markdown", "    attributes:", "      value: |", *_block(text, 8)])

    def element(kind: str, form_id: str, label: str, description: str, required: bool,
                placeholder: str = "", options: list | None = None, multiple: bool = False):
        out.extend([f"  - type: {kind}", f"    id: {form_id}", "    attributes:",
                    f"      label: {_q(label)}", f"      description: {_q(description)}"])
        if placeholder:
            out.append(f"      placeholder: {_q(placeholder)}")
        if options is not None:
            if kind == "dropdown":
                out.append(f"      multiple: {'true' if multiple else 'false'}")
            out.append("      options:")
            out.extend(f"        - {_q(option)}" if isinstance(option, str) else
                       f"        - label: {_q(option['label'])}" for option in options)
        if kind != "checkboxes":  # checkboxes are required one by one, not as a whole
            out.extend(["    validations:", f"      required: {'true' if required else 'false'}"])

    def dropdown(form_id: str, description: str):
        path, label, required = FORM_DROPDOWNS[form_id]
        node = schema_node(schema, path)
        terms = [term.label for term in vocabularies[vocabulary_of(node)]]
        element("dropdown", form_id, label, description, required, options=terms,
                multiple=node.get("type") == "array")

    markdown("""
Thank you for sharing an example of South-South cooperation. You do not need to know Git:
fill in what you know, and a maintainer will turn it into an entry of the knowledge base
and ask you if something is unclear. Fields marked with a red star are needed.

Every fact must come from a document you can cite, with the place in it (paragraph, box
or table). Please write in your own words; keep figures and names exactly as printed.
If you prefer to add the entry yourself, see CONTRIBUTING.md.
""")
    element("input", "title", "Title", described("title") + " The entry's id is made from it.", True,
            placeholder="Africa-Brazil Agricultural Innovation Marketplace")
    element("textarea", "summary", "Summary", described("summary"), True,
            placeholder="Brazilian research institutes share farming technologies with African partners.")
    element("input", "years", "Years", described("years") + " Write one year, or the first and the last.", True,
            placeholder="2009-2011")
    roles = schema_node(schema, ("countries", "role"))["enum"]
    element("textarea", "countries", "Countries and their roles",
            "Countries taking part, one per line, each with its role: " + ", ".join(roles) +
            " (provider: shares its experience; both: a two-way exchange). Names are fine; "
            "leave it empty only if the source names no country.", True,
            placeholder="Brazil: provider\nMozambique: learner")
    dropdown("other_regions", described("other_regions"))
    dropdown("themes", described("themes") + " Choose all that apply.")
    dropdown("modalities", described("modalities") + " Choose all that apply.")
    dropdown("participants", described("participants") + " Choose all that apply.")
    institution_roles = schema_node(schema, ("institutions", "role"))["enum"]
    element("textarea", "institutions", "Institutions and their roles",
            "Organisations involved, one per line, each with its role: " + ", ".join(institution_roles) +
            " (host: shares its experience on its ground; broker: facilitates).", False,
            placeholder="Brazilian Agricultural Research Corporation (EMBRAPA): host\nIFAD: funder")
    dropdown("funding_nature", described("funding", "nature"))
    element("textarea", "funding", "Money",
            described("funding") + " Amounts as the source prints them, with their currency.", False,
            placeholder="IFAD: US$500,000 grant; others: US$100,000")
    element("textarea", "results", "Results", described("results"), False)
    element("textarea", "lessons", "Lessons and learning routes",
            "Lessons learned or learning routes of the knowledge base that this activity illustrates.", False)
    dropdown("source_document", "The document the facts come from. To propose a source that is not listed, "
             "open an ordinary issue instead.")
    element("input", "source_locations", "Where in the document", described("source", "locations"), True,
            placeholder="Annex I, paragraph 3")
    element("textarea", "description", "What happened",
            "In your own words: who asked for the exchange, what was shared and how, and what came of it.", True)
    element("checkboxes", "criteria", "Which of the five criteria for good SSC does the source show?",
            "See docs/about/criteria.md. Tick what the source supports; none is required.", False,
            options=[{"label": label} for label in CRITERIA])
    out.extend(["  - type: checkboxes", "    id: confirm", "    attributes:",
                f"      label: {_q('Sources and wording')}", "      options:",
                "        - label: " + _q("Every fact above is in the document and at the place I cited, "
                                        "and the text is in my own words."),
                "          required: true"])
    return "\n".join(out) + "\n"


#: The five criteria of REPL.IX/3/R.3, Annex II, paragraph 3 (docs/about/criteria.md explains them).
CRITERIA = (
    "Demand-driven",
    "Based on concrete and tested knowledge and experience",
    "Systematic, not one-off",
    "Embedded in IFAD's country programmes",
    "Prioritized by those who benefit",
)


# --- Writing and checking ------------------------------------------------------------------------

def generated_files(root: Path, vocabularies=None) -> dict[str, str]:
    """Repository path -> the text it must hold."""
    if vocabularies is None:
        from .vocabularies import load_vocabularies
        vocabularies = load_vocabularies(root=Path(root))
    return {CONTRIBUTING: contributing_text(root, vocabularies), ISSUE_FORM: issue_form_text(vocabularies)}


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
