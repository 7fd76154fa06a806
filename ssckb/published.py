"""Files the publishing workflow puts beside the built site, and how the offline copy links to them.

The published site carries the offline copy's zip (download/...zip, added after the build by
``build.py build --offline --zip``). The offline copy cannot hold its own zip: on its pages a
link to a published file goes to the published site when its address is known (site_url), and
otherwise becomes plain text, so that a reader on a USB stick never meets a dead link.
"""

from __future__ import annotations

import html
import posixpath
import re

OFFLINE_ZIP = "download/ssc-knowledge-base-offline.zip"
PUBLISHED_FILES = frozenset({OFFLINE_ZIP})

_ANCHOR = re.compile(r'<a\s(?P<attributes>[^>]*?)href="(?P<href>[^"#?]+)"(?P<rest>[^>]*)>(?P<text>.*?)</a>', re.S)


def _site_path(href: str, page_url: str) -> str | None:
    """The site path a relative link from ``page_url`` leads to, or None for an absolute address."""
    if "://" in href or href.startswith(("/", "mailto:")):
        return None
    # The folder relative links start from: "a/b" for a page at "a/b/" or "a/b/c.html".
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_url), html.unescape(href)))


def link_published_files(page_html: str, page_url: str, site_url: str | None) -> str:
    """``page_html`` of the offline copy, its links to published files made absolute or plain text."""
    if "download/" not in page_html:  # the only folder published files are in: most pages return here
        return page_html

    def replace(match: re.Match) -> str:
        path = _site_path(match["href"], page_url)
        if path not in PUBLISHED_FILES:
            return match[0]
        if site_url:
            address = html.escape(site_url.rstrip("/") + "/" + path, quote=True)
            return f'<a {match["attributes"]}href="{address}"{match["rest"]}>{match["text"]}</a>'
        return match["text"]

    return _ANCHOR.sub(replace, page_html)
