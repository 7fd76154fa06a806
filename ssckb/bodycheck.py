"""Raw HTML in an entry's body: whatever could run a script, restyle the site or load from another
site is refused, with the line it is on.

Contributors write the body in Markdown, and Markdown passes raw HTML through, so a body could put
``<script>``, an ``onerror=`` attribute or a ``javascript:`` link on the published site. Two passes
with Python's :mod:`html.parser`:

1. the body as written, which gives the line of each tag and attribute;
2. the body rendered with the Markdown extensions of ``mkdocs.yml``, which is what the site
   publishes: it also sees ``[x](javascript:...)`` links and ``{: onclick=... }`` attributes
   (attr_list) that are not HTML in the source, and drops what Markdown escapes (indented code).

A finding of the rendered pass is reported at the line the first pass found it on, else at the
first line of the source that mentions it, else at the body's first line. Markup hidden in comments,
``<!...>`` declarations and ``<?...?>`` instructions is scanned too: browsers and html.parser do
not always agree on where those end.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from html.parser import HTMLParser

from .problems import Problem, shown

#: The Markdown extensions of mkdocs.yml (tests/test_hostile.py checks that they agree).
MARKDOWN_EXTENSIONS = ("admonition", "attr_list", "md_in_html", "tables", "toc")

_SCRIPT = "remove it: an entry cannot add scripts to the site"
_EMBED = "remove it and link to the page instead, e.g. [title](https://example.org/page)"
_FORM = "remove it: an entry cannot hold forms or buttons"
_LOOK = "remove it: the site's look is set in one place for every page"
#: Elements refused in a body, with what to do instead.
FORBIDDEN_ELEMENTS = {
    "script": _SCRIPT, "noscript": _SCRIPT, "template": _SCRIPT,
    "style": _LOOK, "link": _LOOK,
    "iframe": _EMBED, "frame": _EMBED, "frameset": _EMBED, "object": _EMBED, "embed": _EMBED,
    "applet": _EMBED, "portal": _EMBED,
    "base": "remove it: it would change where every link of the page leads",
    "meta": "remove it: it would change how the whole page behaves",
    "form": _FORM, "input": _FORM, "button": _FORM, "textarea": _FORM, "select": _FORM,
    "svg": "remove it: inline drawings can hold scripts; describe the drawing in words or link to it",
    "math": "remove it: inline formulas can hold scripts; write the formula in words",
}
#: Attributes whose value is an address.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "cite", "xlink:href",
                  "srcset", "ping", "lowsrc", "dynsrc", "longdesc", "manifest", "codebase", "usemap", "icon"}
#: Elements that load what their src names when the page opens (images, media).
LOADING_ELEMENTS = {"img", "audio", "video", "source", "track", "image", "input"}
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")
# Browsers ignore ASCII whitespace and control characters in a URL's scheme.
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def _scheme_of(value: str) -> str | None:
    """The refused scheme an address starts with (``javascript:``...), or None."""
    normalized = _URL_IGNORED.sub("", html.unescape(value)).lower()
    for scheme in _BAD_SCHEMES:
        if normalized.startswith(scheme):
            return scheme
    return None


# An event handler anywhere in a tag's text, after a space, a slash or a quote.
_HANDLER_IN_TAG = re.compile(r"""(?:^|[\s/"'\x00-\x20])(on[a-z]+)[\s\x00-\x20]*=""", re.IGNORECASE)
#: How deep markup may hide inside comments and declarations before the body is refused outright.
MAX_HIDDEN_DEPTH = 4


class _Scanner(HTMLParser):
    """Collects findings: (key, line in the scanned text, message, needle to find it in the source),
    and the text of comments and declarations, to be scanned in turn."""

    def __init__(self, line_offset: int = 0):
        super().__init__(convert_charrefs=True)
        self.findings: list[tuple[tuple, int, str, str]] = []
        self.hidden: list[tuple[str, int]] = []
        self.line_offset = line_offset

    def _line(self) -> int:
        return self.getpos()[0] + self.line_offset

    def _add(self, key: tuple, message: str, needle: str) -> None:
        finding = (key, self._line(), message, needle)
        if finding not in self.findings:  # one tag can show the same thing to two of the checks
            self.findings.append(finding)

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag in FORBIDDEN_ELEMENTS:
            self._add(("element", tag), f"<{tag}> is not allowed in an entry; {FORBIDDEN_ELEMENTS[tag]}", f"<{tag}")
        for name, value in attrs:
            name = (name or "").lower()
            value = value or ""
            if name.startswith("on"):
                self._add(("attribute", name), f"the attribute '{name}' runs a script and is not allowed in an "
                                               "entry; remove it", name)
            elif name == "style":
                self._add(("attribute", name), f"the attribute 'style' is not allowed in an entry; {_LOOK}", name)
            if name == "srcset":
                addresses = [part.strip().split(" ")[0] for part in value.split(",")]
            elif name in URL_ATTRIBUTES or name.endswith(":href"):
                addresses = [value]
            else:
                addresses = [value] if _scheme_of(value) in ("javascript:", "vbscript:") else []
            for address in addresses:
                scheme = _scheme_of(address)
                if scheme:
                    reason = "it can hide a whole page, scripts included" if scheme == "data:" else "it runs a script"
                    self._add(("scheme", scheme), f"an address starting with '{scheme}' is not allowed in an entry "
                                                  f"({reason}); link to an https:// address instead", scheme)
                elif tag in LOADING_ELEMENTS and name in ("src", "srcset", "poster") and _EXTERNAL.match(address):
                    self._add(("external", address), f"<{tag}> loads '{shown(address)}' from another site, which "
                                                     "does not work offline and tells that site who reads the page; "
                                                     "link to it instead", address)

        self._check_tag_text(self.get_starttag_text() or "")

    def _check_tag_text(self, text: str) -> None:
        """The tag as written, whatever attributes html.parser made of it: browsers split some tags
        differently (``<img/src="x"/onerror=...>``), so anything in a tag that looks like an event handler
        or a script address is refused."""
        decoded = html.unescape(text)
        for name in _HANDLER_IN_TAG.findall(decoded):
            self._add(("attribute", name.lower()), f"the attribute '{name.lower()}' runs a script and is not "
                                                   "allowed in an entry; remove it", name)
        squeezed = _URL_IGNORED.sub("", decoded).lower()
        for scheme in ("javascript:", "vbscript:"):
            if scheme in squeezed:
                self._add(("scheme", scheme), f"an address starting with '{scheme}' is not allowed in an entry "
                                              "(it runs a script); link to an https:// address instead", scheme)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def _hide(self, text: str) -> None:
        if "<" in text:
            self.hidden.append((text, self._line() - 1))

    def handle_comment(self, data):
        self._hide(data)

    def handle_decl(self, decl):
        self._hide(decl)

    def unknown_decl(self, data):
        self._hide(data)

    def handle_pi(self, data):
        self._hide(data)


def _scan(text: str) -> list[tuple[tuple, int, str, str]]:
    """Findings in ``text`` and in the markup hidden in its comments and declarations."""
    findings = []
    queue = [(text, 0, 0)]
    while queue:
        chunk, offset, depth = queue.pop(0)
        if depth > MAX_HIDDEN_DEPTH:
            findings.append((("nesting",), offset + 1, "comments or <!...> declarations are nested too deeply; "
                                                        "remove them", "<!"))
            continue
        scanner = _Scanner(offset)
        try:
            scanner.feed(chunk)
            if re.match(r"</?[A-Za-z]", scanner.rawdata):
                # A tag left open (no '>', or a quote never closed): on the page it would run on into what
                # follows the body.
                scanner.findings.append((("open-tag",), scanner.getpos()[0] + offset,
                                         "this HTML tag is not closed: a '>' or a closing quotation mark is "
                                         "missing; close it or remove it", "<"))
            scanner.close()
        except Exception:  # pragma: no cover - html.parser is tolerant; a failure must not pass a body
            findings.append((("unreadable",), offset + 1, "this HTML cannot be read; remove it", "<"))
        findings.extend(scanner.findings)
        queue.extend((hidden, line, depth + 1) for hidden, line in scanner.hidden)
    return findings


@lru_cache(maxsize=1)
def _converter():
    # Made on first use: most bodies are never rendered here (see check_body), and importing Markdown
    # with its extensions is a tenth of a second of every `build.py check`.
    import markdown

    return markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS))


def render_body(body: str) -> str:
    """The body as the site's Markdown renders it."""
    return _converter().reset().convert(body)


#: Limits that keep Markdown's rendering fast and within Python's recursion limit. Python-Markdown
#: spends up to some 30 microseconds a character on unusual text, takes quadratic time over unmatched
#: '[' and '<' and over headings (their unique ids), and recurses once per level of nesting. The
#: longest body of the real knowledge base has under 3,000 characters and no heading.
MAX_BODY_CHARS = 64_000
MAX_HEADINGS = 200
MAX_BRACKETS = 1000
MAX_ANGLES = 1000
MAX_INDENT = 40
MAX_MARKDOWN_BLOCKS = 50
# A heading line ('# Title') or the underline of one ('===', '---'); a line of text: linear time.
# Searched in the body after a line break, so that every match starts with one: re then jumps from
# line break to line break instead of trying '^' at every character (ten times faster).
_HEADING = re.compile(r"\n[ \t]{0,3}(?:#|=+[ \t]*$|-+[ \t]*$)", re.MULTILINE)
# A line that may be indented by more than MAX_INDENT columns: a tab counts for at most 4, so it starts
# with more than MAX_INDENT / 4 spaces or tabs (only such lines are measured exactly); searched after a
# line break too.
_DEEP_INDENT = re.compile(r"\n[ \t]{%d,}[^\n]*" % (MAX_INDENT // 4 + 1))
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
    for char, limit, what in (("[", MAX_BRACKETS, "links or brackets"), ("<", MAX_ANGLES, "tags or '<' signs")):
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
    blocks = len(_MARKDOWN_BLOCK.findall(body)) if body.count("<") > MAX_MARKDOWN_BLOCKS else 0
    if blocks > MAX_MARKDOWN_BLOCKS:
        problems.append(Problem(path, first_line, "body",
                                f"the text holds {blocks} HTML blocks marked 'markdown', more than "
                                f"{MAX_MARKDOWN_BLOCKS}; write it in plain Markdown"))
    return problems


#: Substrings without which a body cannot publish anything this module refuses: signs; and words, in
#: any case, which matter only in a link (so only with a '[': Markdown makes no link without one here).
_RISKY_SIGNS = ("<", "{", "&", "![", "\\")
_RISKY_WORDS = ("script", "data:")


def check_body(body: str, first_line: int, path: str) -> list[Problem]:
    """Problems of raw HTML in ``body``, whose first line is line ``first_line`` of the file ``path``."""
    if not body.strip():
        return []
    structure = _structure_problems(body, first_line, path)
    if structure:
        return structure  # rendering it could take minutes or fail: fix this first
    if not any(sign in body for sign in _RISKY_SIGNS) and \
            ("[" not in body or not any(word in body.lower() for word in _RISKY_WORDS)):
        # Without raw HTML, attribute lists, entities, images or script-like URLs, Markdown renders
        # nothing unsafe: skip the render, which would double the cost of checking a large base.
        return []
    written: dict = {}
    for key, line, _message, _needle in _scan(body):
        written.setdefault(key, []).append(line)
    try:
        rendered = render_body(body)
    except Exception as exc:  # e.g. RecursionError on nesting the limits above did not foresee
        return [Problem(path, first_line, "body", f"the text cannot be rendered ({type(exc).__name__}); "
                                                  "simplify its lists, quotes and HTML")]
    source_lines = body.split("\n")
    problems, used = [], {}
    for key, _line, message, needle in _scan(rendered):
        index = used[key] = used.get(key, -1) + 1
        lines = written.get(key) or _lines_with(source_lines, needle) or [1]
        line = lines[min(index, len(lines) - 1)]
        problems.append(Problem(path, first_line + line - 1, "body", message))
    return problems


def _lines_with(lines: list[str], needle: str) -> list[int]:
    needle = needle.lower()
    return [number for number, text in enumerate(lines, start=1) if needle in text.lower()]
