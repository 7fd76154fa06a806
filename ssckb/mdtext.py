"""Safe Markdown text: escaping metadata, relative links, money, tables that scroll."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from markupsafe import Markup

# Characters Python-Markdown would read as markup anywhere in a line ('|' with tables; '#' closes a
# heading when it ends one: "# Lesson #" would lose its last word).
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]|#])")
# Characters that start a block (heading, list, quote) at the beginning of a line.
_LINE_START = re.compile(r"^(\s*)([+\->]|(\d+)\.(?=\s|$))")


@lru_cache(maxsize=1 << 16)
def md_escape(text) -> Markup:
    """Metadata as literal text in Markdown: HTML-escaped, markup characters backslash-escaped,
    whitespace folded so that a value never opens a new block."""
    folded = " ".join(str(text).split())
    escaped = html.escape(folded, quote=False)
    escaped = _INLINE_SPECIAL.sub(r"\\\1", escaped)
    escaped = _LINE_START.sub(
        lambda m: m.group(1) + (m.group(3) + "\\." if m.group(3) else "\\" + m.group(2)), escaped)
    return Markup(escaped)


def finalize(value):
    """Jinja's ``finalize``: plain values are escaped, Markup passes as it is."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return md_escape(value)


@lru_cache(maxsize=1 << 12)
def _folder_parts(page: str) -> tuple:
    return tuple(page.split("/")[:-1])


def relative_path(from_page: str, to_page: str) -> str:
    """Link from one page to another, both given as normalised paths among the site's pages.

    Plain string work: ``posixpath.relpath`` consults the working directory on every call,
    and index pages make tens of thousands of links.
    """
    source, target = _folder_parts(from_page), to_page.split("/")
    common = 0
    while common < len(source) and common < len(target) - 1 and source[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(source) - common) + target[common:])


def link(text, from_page: str, to_page: str, anchor: str = "") -> Markup:
    """A Markdown link to another page, by relative ``.md`` path so every engine resolves it."""
    return _link(text, from_page.rpartition("/")[0], to_page, anchor)


# A link depends on the folder it is written in, not on the page: ten thousand entry pages in
# activities/ link to the same theme and country pages with the same text.
@lru_cache(maxsize=1 << 17)
def _link(text, from_folder: str, to_page: str, anchor: str) -> Markup:
    target = relative_path(f"{from_folder}/_" if from_folder else "_", to_page) + (f"#{anchor}" if anchor else "")
    return Markup(f"[{md_escape(text)}]({target})")


def money(amount, currency: str = "USD") -> str:
    """200000 -> 'US$200,000'; amounts with cents keep them."""
    if amount is None:
        return ""
    number = f"{amount:,.2f}" if isinstance(amount, float) and not amount.is_integer() else f"{int(amount):,}"
    return f"US${number}" if currency == "USD" else f"{currency} {number}"


#: Characters of a web address written as HTML character references in a link: the address reaches the
#: browser exactly, and Markdown sees none of its markup (a backtick or '*' in an address is not code or
#: emphasis) nor the end of the attribute.
_ADDRESS_REFERENCES = {char: f"&#{ord(char)};" for char in "\\`*_{}[]()<>|#!\"'"}
_ADDRESS_REFERENCES["&"] = "&amp;"


def external_link(text, address: str) -> Markup:
    """A link to a web address (already checked to start with http:// or https://), as inline HTML."""
    href = "".join(_ADDRESS_REFERENCES.get(char, char) for char in address)
    return Markup(f'<a href="{href}">{md_escape(text)}</a>')


def scrollable(label: str, lines: list[str]) -> list[str]:
    """Markdown lines (a table) in a box that scrolls sideways when the table is wider than the screen.
    A keyboard user can reach the box and scroll it, and a screen reader names it (WCAG 2.1.1; axe's
    rule scrollable-region-focusable): the theme's own scrolling wrapper can do neither. The stylesheet
    (``.ssc-scroll``) makes this box, not the theme's wrapper inside it, the one that scrolls."""
    return [f'<div class="ssc-scroll" role="region" tabindex="0" aria-label="{html.escape(label)}" markdown>', "",
            *lines, "", "</div>"]
