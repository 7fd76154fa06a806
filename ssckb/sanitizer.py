"""The allowlist sanitizer of entry bodies: only the HTML Markdown makes, and a reviewed set, reaches a page.

An entry's body is Markdown, and Markdown passes raw HTML through, so a body could put a script, a
fake dialog, an element that hides the rest of the page or an image from another site on the
published site. The body is rendered on its own (:mod:`ssckb.bodycheck`) and its HTML passes
through `nh3` (the binding of the Rust library Ammonia, which parses HTML as browsers do, with
html5ever) before the engine puts it into the entry's page: whatever the sanitizer does not know is
dropped, unclosed elements are closed at the end of the body, stray closing tags are dropped. The
engine's own markup (the metadata panel, related entries, the citation, the views) never passes
through here: it is not content.

:func:`removals` says what the sanitizer removes from a given HTML, element by element and attribute
by attribute, so that ``check`` can tell a contributor what to change before review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

import nh3

#: Elements an entry body may hold. Markdown and the extensions of mkdocs.yml make: p, h1-h6,
#: blockquote, ul, ol, li, pre, code, em, strong, a, img, hr, br (core); table, thead, tbody, tr,
#: th, td (tables); div and p with classes (admonition); a.headerlink (toc). The reviewed set adds
#: inline text semantics and a few blocks that can neither run a script, load anything, hide or
#: overlay text, nor take part in a form: abbr, b, i, u, s, del, ins, mark, small, sub, sup, kbd,
#: samp, var, cite, dfn, q, span, time, wbr, dl, dt, dd, figure, figcaption, caption, colgroup,
#: col, details, summary. Left out on purpose: dialog (fake boxes over the page), plaintext, xmp,
#: listing (the rest of the page becomes text), form elements, embeds and frames, media (they load
#: from anywhere), svg and math (scripts and links of their own), bdo (reverses text), marquee,
#: center, font, nav/header/footer/aside/article/main (the page's own landmarks), map/area.
ALLOWED_ELEMENTS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "pre", "code", "em", "strong",
    "a", "img", "hr", "br", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "div",
    "abbr", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "kbd", "samp", "var", "cite",
    "dfn", "q", "span", "time", "wbr", "dl", "dt", "dd", "figure", "figcaption", "caption", "colgroup", "col",
    "details", "summary",
})
#: Attributes on any allowed element: title (a plain-text value, see _attribute), id and class
#: (outside the reserved spaces), lang.
GLOBAL_ATTRIBUTES = frozenset({"title", "id", "class", "lang"})
#: Attributes of single elements. No style (but table cells' alignment, which the tables extension
#: writes as style="text-align: ..."), no event handler, no ping, target, srcset, loading or hidden.
ELEMENT_ATTRIBUTES = {
    "a": {"href"}, "img": {"src", "alt", "width", "height"}, "ol": {"start"}, "time": {"datetime"},
    "th": {"colspan", "rowspan", "scope", "style"}, "td": {"colspan", "rowspan", "style"},
    "col": {"span"}, "colgroup": {"span"}, "details": {"open"}, "abbr": set(), "del": {"datetime"},
    "ins": {"datetime"},
}
#: Link schemes; relative addresses pass too (they stay on the site).
URL_SCHEMES = frozenset({"http", "https", "mailto"})
#: Elements removed with everything in them (the rest keep their text when the tag goes).
CLEAN_CONTENT_ELEMENTS = frozenset({"script", "style", "template", "noscript", "textarea", "title", "xmp",
                                    "noembed", "noframes", "iframe", "object", "svg", "math", "select"})
#: id and class values that belong to the theme (Material reads '#__config', styles 'md-*') or to the
#: site's own parts ('ssc-*': the facts panel, related entries, the citation, the views).
RESERVED_NAME = re.compile(r"(?:__|md-|ssc-)", re.IGNORECASE)
_CELL_ALIGNMENT = re.compile(r"text-align: (?:left|right|center);\Z")
# Browsers drop tabs and line breaks anywhere in an address, and spaces and control characters at its
# ends; they read '\' as '/'.
_URL_DROPPED = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


def is_reserved_name(value: str) -> bool:
    """Whether an id or a class name is in the theme's or the site's own space."""
    return bool(RESERVED_NAME.match(value.strip()))


def is_site_image(address: str) -> bool:
    """Whether an image address stays on the site: relative, with no scheme, host or root, however written."""
    url = _URL_DROPPED.sub("", address).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11"
                                              "\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f \x7f")
    url = url.replace("\\", "/")
    return bool(url) and not url.startswith("/") and not _SCHEME.match(url)


def _attribute(element: str, name: str, value: str):
    """nh3's attribute filter: the value to keep, or None to drop the attribute."""
    if name == "id":
        return None if not value.strip() or is_reserved_name(value) or any(c.isspace() for c in value) else value
    if name == "class":
        kept = [part for part in value.split() if not is_reserved_name(part)]
        # One reserved name drops the whole attribute: what is left would not be what was meant.
        return " ".join(kept) if kept and len(kept) == len(value.split()) else None
    if name == "title":
        # Plain text: a title is shown by the browser, but scripts of a theme may put it into the page.
        return None if "<" in value or ">" in value else value
    if name == "style":
        return value if element in ("th", "td") and _CELL_ALIGNMENT.match(value) else None
    if element == "img" and name == "src":
        return value if is_site_image(value) else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_ELEMENTS),
    clean_content_tags=set(CLEAN_CONTENT_ELEMENTS),
    attributes={"*": set(GLOBAL_ATTRIBUTES), **{tag: set(names) for tag, names in ELEMENT_ATTRIBUTES.items()}},
    attribute_filter=_attribute,
    strip_comments=True,
    link_rel=None,  # no target= is allowed, so rel=noopener has nothing to guard
    url_schemes=set(URL_SCHEMES),
)


def sanitize(html: str) -> str:
    """The HTML of an entry body with only the allowed elements, attributes and addresses, balanced."""
    return _CLEANER.clean(html)


# ---- what the sanitizer removes ----------------------------------------------------------------------

_TAG_NAME = re.compile(r"</?([A-Za-z][^\s/>\x00]*)")
_ANY_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*)\s*:")
_KNOWN_ELEMENTS = ALLOWED_ELEMENTS | CLEAN_CONTENT_ELEMENTS | {
    "dialog", "plaintext", "listing", "form", "input", "button", "option", "optgroup", "label", "fieldset",
    "legend", "output", "embed", "frame", "frameset", "applet", "portal", "base", "meta", "link", "audio",
    "video", "source", "track", "picture", "canvas", "image", "body", "html", "head", "marquee", "center",
    "font", "nav", "header", "footer", "aside", "article", "main", "section", "map", "area", "bdo", "bdi",
    "slot", "search", "menu", "param", "rp", "rt", "ruby", "hgroup", "address", "big", "tt", "strike", "blink"}


def _as_parsed(html: str) -> str:
    """``html`` as browsers parse it, with everything kept: the baseline the sanitized HTML is compared with."""
    tags = set(_KNOWN_ELEMENTS) | {name.lower() for name in _TAG_NAME.findall(html)}
    # Every word before a ':' may be a scheme, as the parser reads it: entities decoded, line breaks dropped.
    readable = _URL_DROPPED.sub("", unescape(html))
    schemes = {scheme.lower() for scheme in _ANY_SCHEME.findall(readable)} | set(URL_SCHEMES)
    return nh3.clean(html, tags=tags, clean_content_tags=set(), attributes={}, generic_attribute_prefixes={""},
                     strip_comments=True, link_rel=None, url_schemes=schemes)


@dataclass(frozen=True)
class Removal:
    """One thing the sanitizer removes: an element, or an attribute (with its value) of an element."""

    element: str
    attribute: str | None = None
    value: str = ""


# Elements whose content browsers do not parse as HTML: their text is skipped when comparing.
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
                       "plaintext"})


class _Tokens(HTMLParser):
    """The start tags of serialized HTML, each as (name, attributes), and the closing tags as ('/', name)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append((tag, tuple((name, value or "") for name, value in attrs)))
        if tag in _RAW_TEXT:
            self.set_cdata_mode(tag)

    def handle_startendtag(self, tag, attrs):  # <x/>: closed at once (in svg and math; ignored in HTML)
        self.tokens.append((tag, tuple((name, value or "") for name, value in attrs), "closed"))

    def handle_endtag(self, tag):
        self.tokens.append(("/", tag))


def _tokens(html: str) -> list:
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    return parser.tokens


def _start_tags(html: str) -> list:
    """The start tags of serialized HTML, each as (name, attributes, inside a removed element's content)."""
    starts, stack = [], []
    for token in _tokens(html):
        if token[0] == "/":
            if token[1] in stack:
                while stack and stack.pop() != token[1]:
                    pass
            continue
        starts.append((token[0], token[1], any(name in CLEAN_CONTENT_ELEMENTS for name in stack)))
        if token[0] not in _VOID and len(token) == 2:
            stack.append(token[0])
    return starts


def removals(html: str) -> list[Removal]:
    """Everything :func:`sanitize` removes from ``html``, in the order it comes, as browsers would parse it.

    ``html`` is parsed by nh3 twice, keeping everything and keeping what the allowlist allows, and the two
    results are compared element by element and attribute by attribute. What is inside an element removed
    with its content (a script, an svg drawing) is not listed on its own.
    """
    if "<" not in html:
        return []
    import difflib

    before = _start_tags(_as_parsed(html))
    after = _start_tags(sanitize(html))
    found: list[Removal] = []
    matcher = difflib.SequenceMatcher(None, [t[0] for t in before], [t[0] for t in after], autojunk=False)
    for operation, low, high, other_low, _other_high in matcher.get_opcodes():
        if operation in ("delete", "replace"):
            found += [Removal(tag) for tag, _attributes, inside in before[low:high] if not inside]
        if operation == "equal":
            for offset in range(high - low):
                tag, attributes, _inside = before[low + offset]
                kept = dict(after[other_low + offset][1])
                for name, value in attributes:
                    if kept.get(name) != value:
                        found.append(Removal(tag, name, value))
    return found


#: Closing tags browsers infer, so a missing one changes nothing (and void elements have none).
_OPTIONAL_END = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup",
                           "caption", "option", "optgroup", "rp", "rt", "html", "head", "body"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr", "param", "keygen", "image"})


#: Tags of the page itself: in a fragment, the parser drops them without a word (in a page, a browser
#: would add the attributes of a <body> tag to the page's own, onload= included).
_PAGE_TAGS = frozenset({"html", "head", "body", "frameset"})


def mended(html: str) -> list[tuple[str, str]]:
    """What the sanitizer mends without removing an element or attribute of its own parse: closing tags
    with no open element ('stray', name), elements never closed ('unclosed', name), and the tags of a
    whole page ('page', name).

    Written by hand: the library mends these silently (it closes what is open at the end of the body,
    drops a stray closing tag and the page's own tags), and a contributor should still learn that the
    HTML is not what they meant.
    """
    found = []
    open_elements: list[str] = []
    for token in _tokens(html):
        if token[0] in _PAGE_TAGS:
            found.append(("page", token[0]))
        elif token[0] == "/":
            if token[1] in _PAGE_TAGS:
                continue
            name = token[1]
            if name in open_elements:
                while open_elements:
                    top = open_elements.pop()
                    if top == name:
                        break
                    if top not in _OPTIONAL_END:
                        found.append(("unclosed", top))
            elif name not in _VOID:
                found.append(("stray", name))
        elif token[0] not in _VOID and len(token) == 2:
            open_elements.append(token[0])
    found += [("unclosed", name) for name in reversed(open_elements) if name not in _OPTIONAL_END]
    return found


def restructured(html: str) -> bool:
    """Whether browsers (and so the sanitizer) nest ``html``'s elements otherwise than it is written: a block
    such as <hr> or <div> inside a paragraph ends the paragraph, a table row gets a <tbody>.

    Written by hand for the same reason as :func:`mended`: the library rebuilds the tree without a word.
    """
    if "<" not in html:
        return False
    written = [token[0] for token in _tokens(html) if token[0] != "/" and token[0] not in _PAGE_TAGS]
    parsed = [token[0] for token in _tokens(_as_parsed(html)) if token[0] != "/"]
    return written != parsed
