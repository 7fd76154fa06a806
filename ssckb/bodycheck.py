"""Raw HTML in an entry's body: ``check`` reports whatever the sanitizer would remove, with its line.

Contributors write the body in Markdown, and Markdown passes raw HTML through. The site publishes the
body rendered with the site's Markdown and passed through the allowlist sanitizer (:mod:`ssckb.bodyhtml`,
:mod:`ssckb.sanitizer`), whatever this check says; this check renders the body the same way and lists
every element and attribute the sanitizer removes, with what to change, so that a contributor learns
about it before review. What it sees is what the site publishes: ``[x](javascript:...)`` links and
``{: onclick=... }`` attributes (attr_list) that are not HTML in the source, and not what Markdown
escapes (indented code).

A finding is reported at the first line of the source that mentions it (its value, its name, its tag),
else at the body's first line.

Two checks are written by hand, because the library cannot express them: the limits that bound what
rendering a body costs (below; the sanitizer only sees the HTML once it is rendered), and closing tags
that do not match (the sanitizer mends them silently: see :func:`sanitizer.unbalanced`).
"""

from __future__ import annotations

import html
import re

from . import sanitizer
from .bodyhtml import MARKDOWN_EXTENSIONS, render_body  # noqa: F401  (MARKDOWN_EXTENSIONS: tests compare)
from .problems import Problem, shown

_SCRIPT = "remove it: an entry cannot add scripts to the site"
_EMBED = "remove it and link to the page instead, e.g. [title](https://example.org/page)"
_FORM = "remove it: an entry cannot hold forms or buttons"
_LOOK = "remove it: the site's look is set in one place for every page"
_TEXT = "remove it: it turns the rest of the page into text; to show HTML, put it in a code block"
_OTHER = ("remove it: an entry may use the HTML elements Markdown writes and a few more (abbr, b, i, sub, sup, "
          "kbd, mark, small, dl, figure, details...)")
#: What to do instead of an element the sanitizer removes, for the usual ones.
ELEMENT_ADVICE = {
    "script": _SCRIPT, "noscript": _SCRIPT, "template": _SCRIPT,
    "style": _LOOK, "link": _LOOK, "font": _LOOK, "center": _LOOK, "marquee": _LOOK,
    "iframe": _EMBED, "frame": _EMBED, "frameset": _EMBED, "object": _EMBED, "embed": _EMBED,
    "applet": _EMBED, "portal": _EMBED, "audio": _EMBED, "video": _EMBED, "picture": _EMBED, "canvas": _EMBED,
    "base": "remove it: it would change where every link of the page leads",
    "meta": "remove it: it would change how the whole page behaves",
    "form": _FORM, "input": _FORM, "button": _FORM, "textarea": _FORM, "select": _FORM, "label": _FORM,
    "fieldset": _FORM, "option": _FORM, "output": _FORM,
    "svg": "remove it: inline drawings can hold scripts; describe the drawing in words or link to it",
    "math": "remove it: inline formulas can hold scripts; write the formula in words",
    "plaintext": _TEXT, "xmp": _TEXT, "listing": _TEXT,
    "dialog": "remove it: an entry cannot open boxes over the page",
}
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")
# Browsers ignore ASCII whitespace and control characters in a URL's scheme.
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")


def _scheme_of(value: str) -> str | None:
    """The refused scheme an address starts with (``javascript:``...), or None."""
    normalized = _URL_IGNORED.sub("", html.unescape(value)).lower()
    for scheme in _BAD_SCHEMES:
        if normalized.startswith(scheme):
            return scheme
    return None


def removal_message(removal: sanitizer.Removal) -> str:
    """What to change, for one thing the sanitizer removes."""
    tag, name, value = removal.element, removal.attribute, removal.value
    if name is None:
        return f"<{tag}> is not allowed in an entry; {ELEMENT_ADVICE.get(tag, _OTHER)}"
    if name.startswith("on"):
        return f"the attribute '{name}' runs a script and is not allowed in an entry; remove it"
    if name == "style":
        return f"the attribute 'style' is not allowed in an entry; {_LOOK}"
    if name in ("id", "class") and value.split() and any(sanitizer.is_reserved_name(part) for part in value.split()):
        return (f"the {name} '{shown(value)}' is reserved for the site's own parts (names starting with __, md- "
                "or ssc-); choose another name")
    if name == "id":
        return "an id must be one word, without spaces; write it as one word or remove it"
    if name == "title":
        return "the title holds '<' or '>'; write it as plain text, without HTML"
    if name == "hidden":
        return "the attribute 'hidden' is not allowed in an entry: it would hide part of the page; remove it"
    if name == "ping":
        return "the attribute 'ping' is not allowed in an entry: it tells another site who follows the link; remove it"
    if name in ("href", "src", "srcset", "action", "formaction", "data", "poster", "xlink:href"):
        scheme = _scheme_of(value)
        if scheme:
            reason = "it can hide a whole page, scripts included" if scheme == "data:" else "it runs a script"
            return (f"an address starting with '{scheme}' is not allowed in an entry ({reason}); link to an "
                    "https:// address instead")
        if tag == "img" and name == "src":
            if value.strip() and not re.match(r"[\x00-\x20]*[/\\]|[\x00-\x20]*[A-Za-z][A-Za-z0-9+.\-]*:",
                                              value):
                return "an image needs an address; write a relative address, e.g. images/map.png"
            return (f"<img> loads '{shown(value)}' from another site, which does not work offline and tells that "
                    "site who reads the page; link to it instead, or add the image to the site and write its "
                    "relative address")
        if name == "href":
            return (f"the link to '{shown(value)}' is not allowed in an entry; link to an https://, http:// or "
                    "mailto: address, or to a page of the site by its relative address")
    return f"the attribute '{name}' is not allowed on <{tag}> in an entry; remove it"


def _needles(removal: sanitizer.Removal) -> list[str]:
    """Text to look for in the source, best first, to find the line a removal comes from."""
    needles = []
    if removal.value.strip() and len(removal.value.strip()) > 1:
        needles.append(removal.value.strip())
        scheme = _scheme_of(removal.value)
        if scheme:
            needles.append(scheme)
    if removal.attribute:
        needles += [f"{removal.attribute}=", removal.attribute]
    needles.append(f"<{removal.element}")
    return needles


#: Limits that keep Markdown's rendering fast and within Python's recursion limit. Python-Markdown
#: spends up to some 30 microseconds a character on unusual text, takes quadratic time over unmatched
#: '[' and '<' and over headings (their unique ids), and recurses once per level of nesting. The
#: longest body of the real knowledge base has under 3,000 characters and no heading.
MAX_BODY_CHARS = 64_000
MAX_HEADINGS = 200
MAX_BRACKETS = 1000
MAX_ANGLES = 1000
#: Entities and code spans are each set aside and put back, a cost that grows faster than their number.
MAX_AMPERSANDS = 1000
MAX_BACKTICKS = 2000
MAX_INDENT = 40
MAX_MARKDOWN_BLOCKS = 50
#: Python-Markdown scans the rest of a paragraph (a block: text between blank lines) from every '[' and
#: '<' looking for its end, so a block costs about its number of '[' and '<' times its length; this
#: bounds the sum over the blocks (some 1.5 microseconds a unit: under a second).
MAX_SCAN_COST = 400_000
#: Emphasis: each run of '*' or '_' costs a tenth of a millisecond or so, and every level of nesting is
#: a level of recursion; a block with at most MAX_BLOCK_EMPHASIS runs nests at most half as deep.
MAX_EMPHASIS_RUNS = 2_000
MAX_BLOCK_EMPHASIS = 200
#: Quotes inside quotes ('> > >'): one level of recursion each.
MAX_QUOTE_DEPTH = 10
# A heading line ('# Title') or the underline of one ('===', '---'); a line of text: linear time.
# Searched in the body after a line break, so that every match starts with one: re then jumps from
# line break to line break instead of trying '^' at every character (ten times faster).
_HEADING = re.compile(r"\n[ \t]{0,3}(?:#|=+[ \t]*$|-+[ \t]*$)", re.MULTILINE)
# A line that may be indented by more than MAX_INDENT columns: a tab counts for at most 4, so it starts
# with more than MAX_INDENT / 4 spaces or tabs (only such lines are measured exactly); searched after a
# line break too.
_DEEP_INDENT = re.compile(r"\n[ \t]{%d,}[^\n]*" % (MAX_INDENT // 4 + 1))
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
_EMPHASIS_RUN = re.compile(r"\*+|_+")
# A line quoted more than MAX_QUOTE_DEPTH times; searched after a line break.
_DEEP_QUOTE = re.compile(r"\n(?:[ \t]{0,3}>){%d}" % (MAX_QUOTE_DEPTH + 1))
# [^<>]: each match attempt stops at the next '<', so the search takes linear time.
_MARKDOWN_BLOCK = re.compile(r"<[A-Za-z][^<>]*\smarkdown\b", re.IGNORECASE)


def _structure_problems(body: str, first_line: int, path: str) -> list[Problem]:
    """What would make the body too slow or too deep to render; checked before rendering it."""
    problems = []
    if len(body) > MAX_BODY_CHARS:
        return [Problem(path, first_line, "body", f"the text below the front matter has {len(body):,} characters, "
                                                  f"more than {MAX_BODY_CHARS:,}; shorten it or split the entry")]
    after_break = "\n" + body
    # Each search below is skipped when a cheaper count shows it cannot find too many: a heading
    # takes a line, a deep indent a tab or eleven spaces, an HTML block a '<'.
    headings = len(_HEADING.findall(after_break)) if body.count("\n") >= MAX_HEADINGS else 0
    if headings > MAX_HEADINGS:
        problems.append(Problem(path, first_line, "body", f"the text has {headings:,} headings, more than "
                                                          f"{MAX_HEADINGS}; shorten it or split the entry"))
    for char, limit, what in (("[", MAX_BRACKETS, "links or brackets"), ("<", MAX_ANGLES, "tags or '<' signs"),
                              ("&", MAX_AMPERSANDS, "entities or '&' signs"),
                              ("`", MAX_BACKTICKS, "code spans or '`' signs")):
        count = body.count(char)
        if count > limit:
            problems.append(Problem(path, first_line, "body",
                                    f"the text holds {count:,} '{char}' characters, more than {limit:,}: so many "
                                    f"{what} make the site too slow to build; shorten the text or split the entry"))
    deep = "\t" in body or " " * (MAX_INDENT // 4 + 1) in body
    for candidate in _DEEP_INDENT.finditer(after_break) if deep else ():
        text = candidate.group()[1:]
        indent = len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip(" "))
        if indent > MAX_INDENT and text.strip():
            number = body.count("\n", 0, candidate.start())  # the match starts one character early
            problems.append(Problem(path, first_line + number, "body",
                                    f"this line is indented by {indent} spaces, more than {MAX_INDENT}: lists, "
                                    "quotes or notes nested this deep cannot be shown; indent it less"))
            break
    if ">" in body:
        quote = _DEEP_QUOTE.search(after_break)
        if quote:
            problems.append(Problem(path, first_line + body.count("\n", 0, quote.start()), "body",
                                    f"this line is quoted more than {MAX_QUOTE_DEPTH} times ('> > >...'): quotes "
                                    "nested this deep cannot be shown; quote it less"))
    problems += _cost_problems(body, first_line, path)
    blocks = len(_MARKDOWN_BLOCK.findall(body)) if body.count("<") > MAX_MARKDOWN_BLOCKS else 0
    if blocks > MAX_MARKDOWN_BLOCKS:
        problems.append(Problem(path, first_line, "body",
                                f"the text holds {blocks} HTML blocks marked 'markdown', more than "
                                f"{MAX_MARKDOWN_BLOCKS}; write it in plain Markdown"))
    return problems


def _cost_problems(body: str, first_line: int, path: str) -> list[Problem]:
    """What would make the inline parsing of the body slow or deep: scans from '[' and '<', emphasis runs."""
    if not any(sign in body for sign in "[<*_"):
        return []
    problems = []
    cost = runs = 0
    start = 0
    for block_break in [*_BLOCK_BREAK.finditer(body), None]:
        end = block_break.start() if block_break else len(body)
        block = body[start:end]
        cost += (block.count("[") + block.count("<")) * len(block)
        block_runs = len(_EMPHASIS_RUN.findall(block)) if "*" in block or "_" in block else 0
        runs += block_runs
        if block_runs > MAX_BLOCK_EMPHASIS and not any(p.message.startswith("this paragraph has") for p in problems):
            problems.append(Problem(path, first_line + body.count("\n", 0, start), "body",
                                    f"this paragraph has {block_runs:,} runs of '*' or '_', more than "
                                    f"{MAX_BLOCK_EMPHASIS}: emphasis this dense makes the site too slow to build; "
                                    "write less emphasis, or split the paragraph with blank lines"))
        start = block_break.end() if block_break else end
    if runs > MAX_EMPHASIS_RUNS:
        problems.append(Problem(path, first_line, "body",
                                f"the text has {runs:,} runs of '*' or '_' (emphasis), more than "
                                f"{MAX_EMPHASIS_RUNS:,}: so much emphasis makes the site too slow to build; "
                                "write less of it, or split the entry"))
    if cost > MAX_SCAN_COST:
        problems.append(Problem(path, first_line, "body",
                                f"the text has long paragraphs with many '[' or '<' (a cost of {cost:,}, more "
                                f"than {MAX_SCAN_COST:,}: each '[' or '<' counts the length of its paragraph): "
                                "the site would take too long to build; split long paragraphs with blank "
                                "lines, or write fewer brackets and tags"))
    return problems


#: Substrings without which a body cannot publish anything the sanitizer removes: raw HTML, attribute
#: lists, entities, links and images, escapes. Without them Markdown writes only paragraphs, lists,
#: quotes, emphasis, code and headings (whose ids :mod:`bodyhtml` keeps out of the reserved spaces).
_RISKY_SIGNS = ("<", "{", "&", "[", "\\")


def check_body(body: str, first_line: int, path: str) -> list[Problem]:
    """Problems of raw HTML in ``body``, whose first line is line ``first_line`` of the file ``path``."""
    if not body.strip():
        return []
    structure = _structure_problems(body, first_line, path)
    if structure:
        return structure  # rendering it could take minutes or fail: fix this first
    if not any(sign in body for sign in _RISKY_SIGNS):
        # Skip the render, which would double the cost of checking a large base.
        return []
    try:
        rendered = render_body(body)
    except Exception as exc:  # e.g. RecursionError on nesting the limits above did not foresee
        return [Problem(path, first_line, "body", f"the text cannot be rendered ({type(exc).__name__}); "
                                                  "simplify its lists, quotes and HTML")]
    findings = [(removal_message(removal), _needles(removal)) for removal in sanitizer.removals(rendered)]
    for kind, tag in sanitizer.mended(rendered):
        if kind == "page":
            findings.append((f"<{tag}> is not allowed in an entry; remove it: the site makes the page around the "
                             "text", [f"<{tag}"]))
        elif kind == "stray":
            findings.append((f"the closing tag </{tag}> has no opening tag; remove it", [f"</{tag}"]))
        elif tag in sanitizer.ALLOWED_ELEMENTS:  # the others are reported as removed
            findings.append((f"<{tag}> is not closed; add </{tag}> where it ends (the site closes it at the end "
                             "of the text)", [f"<{tag}"]))
    if not findings and sanitizer.restructured(rendered):
        findings.append(("this HTML is not nested the way browsers read it (a block such as <hr>, <div> or <table> "
                         "inside a paragraph, a table row outside <tbody>...); put each block of HTML on lines of "
                         "its own, with a blank line before and after it", ["<"]))
    source_lines = body.split("\n")
    problems, used = [], {}
    for message, needles in findings:
        line = 1
        for needle in needles:
            lines = _lines_with(source_lines, needle)
            if lines:
                index = used[needle] = used.get(needle, -1) + 1
                line = lines[min(index, len(lines) - 1)]
                break
        problem = Problem(path, first_line + line - 1, "body", message)
        if problem not in problems:
            problems.append(problem)
    return problems


def _lines_with(lines: list[str], needle: str) -> list[int]:
    needle = needle.lower()
    return [number for number, text in enumerate(lines, start=1) if needle in text.lower()]
