"""Reading a built site in tests: pages, their links resolved to site paths."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlparse


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.srcs = [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("href"):
            self.hrefs.append(attributes["href"])
        if attributes.get("src"):
            self.srcs.append(attributes["src"])


def page_file(site: Path, page_path: str, directory_urls: bool = True) -> Path:
    """The HTML file of a source page path such as 'countries/viet-nam.md'."""
    stem = page_path[:-3]
    if stem.endswith("index"):
        return site / (stem + ".html")
    return site / (f"{stem}/index.html" if directory_urls else f"{stem}.html")


def links_of(site: Path, html_file: Path) -> set[str]:
    """Site-relative paths of the HTML files a page links to."""
    parser = _Links()
    parser.feed(html_file.read_text(encoding="utf-8"))
    base = html_file.parent.relative_to(site).as_posix()
    found = set()
    for href in parser.hrefs:
        url, _ = urldefrag(href)
        if not url or urlparse(url).scheme or url.startswith("//"):
            continue
        target = posixpath.normpath(posixpath.join(base, url))
        if href.endswith("/") or url.endswith("/"):
            target = posixpath.join(target, "index.html")
        found.add(target)
    return found


def external_resources(html_file: Path) -> list[str]:
    """Scripts, styles and other resources loaded from another host."""
    parser = _Links()
    text = html_file.read_text(encoding="utf-8")
    parser.feed(text)
    loaded = parser.srcs + [h for h in parser.hrefs if h.endswith((".css", ".js"))]
    return [url for url in loaded if urlparse(url).scheme in ("http", "https") or url.startswith("//")]
