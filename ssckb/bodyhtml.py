"""An entry's body as the site shows it: rendered on its own with the site's Markdown, then sanitized.

The engine renders each body itself and puts the sanitized HTML into the entry's page as one block of
HTML, so the body can neither reach the engine's own parts of the page (the citation, related entries)
nor bring markup the allowlist of :mod:`ssckb.sanitizer` refuses, whatever ``check`` said, and whichever
engine renders the page: MkDocs and ``build.py generate`` get the same block.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .sanitizer import is_reserved_name, sanitize

#: The Markdown extensions of mkdocs.yml (tests/test_hostile.py checks that they agree), with the same
#: configuration: headings get a permanent link, as on the site's other pages.
MARKDOWN_EXTENSIONS = ("admonition", "attr_list", "md_in_html", "tables", "toc")


def _slugify(value: str, separator: str) -> str:
    from markdown.extensions.toc import slugify

    slug = slugify(value, separator)
    # A heading 'MD-5 results' would get an id in the theme's space, which the sanitizer drops.
    return f"section-{slug}" if is_reserved_name(slug) else slug


@lru_cache(maxsize=1)
def _converter():
    # Made on first use: importing Markdown with its extensions is a tenth of a second of `build.py check`.
    import markdown

    return markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS),
                             extension_configs={"toc": {"permalink": True, "slugify": _slugify}})


def render_body(body: str) -> str:
    """The body as the site's Markdown renders it, before sanitizing."""
    return _converter().reset().convert(body)


@lru_cache(maxsize=1 << 14)
def body_html(body: str) -> str:
    """The body's HTML as published: rendered, then sanitized."""
    return sanitize(render_body(body)) if body.strip() else ""


_PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL | re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n\s*\n")


def body_block(body: str) -> str:
    """The body as a block of HTML for a Markdown page, with no blank line in it: CommonMark ends an HTML
    block at the first blank line, so line breaks in code blocks are written as character references."""
    html = body_html(body)
    if not html:
        return ""
    html = _PRE.sub(lambda match: match.group().replace("\n", "&#10;"), html)
    html = _BLANK_LINES.sub("\n", html).strip("\n")
    return f'<div class="ssc-body">\n{html}\n</div>\n\n'


# A link to a page of the site by its Markdown file, as the sanitizer writes links (double quotes).
_PAGE_LINK = re.compile(r'(<a\b[^>]*?\shref=")([^"#?:]+?\.md)((?:#[^"]*)?")')


def resolve_page_links(html: str, page_path: str, url_of) -> str:
    """``html`` with each link to a ``.md`` page, relative to ``page_path``, replaced by ``url_of(path)``
    (the engine's address of that page), or left as it is when ``url_of`` gives None.

    An engine resolves the links of the Markdown it parses; a body reaches it as HTML, whose links it
    leaves alone, so the adapter of each engine passes its own ``url_of``.
    """
    import posixpath

    folder = posixpath.dirname(page_path)

    def replace(match):
        target = posixpath.normpath(posixpath.join(folder, match.group(2)))
        url = url_of(target) if not target.startswith("../") else None
        return f"{match.group(1)}{url}{match.group(3)}" if url is not None else match.group()

    return _PAGE_LINK.sub(replace, html) if ".md" in html else html
