"""Helpers for tests over a built site: serve it on the loopback, walk its HTML, check its links and anchors.

The link checker is independent of MkDocs: it reads the HTML files MkDocs wrote, resolves every
``href`` and ``src`` against the file that holds it, and checks that the target exists and, for a
``#fragment``, that the target page has an element with that id (or an ``<a name>``).
"""

from __future__ import annotations

import contextlib
import posixpath
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

#: Attributes that hold an address, by tag ('*': any tag).
URL_ATTRIBUTES = {"a": ("href",), "link": ("href",), "area": ("href",), "script": ("src",), "img": ("src",),
                  "iframe": ("src",), "source": ("src",), "video": ("src", "poster"), "audio": ("src",),
                  "embed": ("src",), "object": ("data",), "form": ("action",), "use": ("href", "xlink:href")}


@dataclass
class PageLinks:
    """What one HTML file links to and which anchors it offers."""

    ids: set = field(default_factory=set)
    links: list = field(default_factory=list)  # (tag, attribute, address)
    # Links with an hreflang (the language switcher, the head's alternates): into the other languages'
    # sites, each built by its own MkDocs run, so a one-language build does not hold their targets.
    language_links: list = field(default_factory=list)  # (tag, attribute, address)
    inline_scripts: list = field(default_factory=list)
    tags: list = field(default_factory=list)  # (tag, {attribute: value})


class _Walker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = PageLinks()
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.page.tags.append((tag, attributes))
        if attributes.get("id"):
            self.page.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.page.ids.add(attributes["name"])
        for name in URL_ATTRIBUTES.get(tag, ()):
            if attributes.get(name):
                found = self.page.language_links if "hreflang" in attributes else self.page.links
                found.append((tag, name, attributes[name]))
        self._in_script = tag == "script" and not attributes.get("src")
        if self._in_script:
            self.page.inline_scripts.append("")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._in_script = False

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.page.inline_scripts[-1] += data


def read_page(path: Path) -> PageLinks:
    walker = _Walker()
    walker.feed(path.read_text(encoding="utf-8"))
    walker.close()
    return walker.page


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def is_external(address: str) -> bool:
    parsed = urlparse(address)
    return bool(parsed.scheme) or address.startswith("//")


def broken_links(site: Path, other_languages: bool = False) -> list[str]:
    """Every internal link or anchor of the site that leads nowhere, as 'page: address (why)'.

    A link to a folder needs its index.html (what a web server would serve); an offline build links
    to files directly. Links to other hosts and mailto: are not followed, nor links to the other
    languages' sites unless ``other_languages`` (a build that holds every language).
    """
    site = Path(site)
    pages = {path.relative_to(site).as_posix(): read_page(path) for path in html_files(site)}
    problems = []
    for source, page in sorted(pages.items()):
        base = posixpath.dirname(source)
        for _tag, _attribute, address in page.links + (page.language_links if other_languages else []):
            if is_external(address):
                continue
            url, fragment = urldefrag(address)
            url = urlparse(url).path  # a query (?country=BRA) is for the page's script, not for the server
            if url:
                # Root-relative addresses (MkDocs writes them in 404.html) start from the site's root.
                target = posixpath.normpath(url.lstrip("/") if url.startswith("/") else
                                            posixpath.join(base, unquote(url)))
                target = unquote(target)
                if url.endswith("/") or (site / target).is_dir():
                    target = posixpath.join(target, "index.html")
            elif "?" in address:
                continue  # '?a=b' alone: this page with a query
            else:
                target = source
            if target.startswith("../") or target == "..":
                problems.append(f"{source}: {address} (leaves the site)")
                continue
            if not (site / target).is_file():
                problems.append(f"{source}: {address} (no file {target})")
                continue
            if fragment and target.endswith(".html"):
                if unquote(fragment) not in pages[target].ids:
                    problems.append(f"{source}: {address} (no id '{unquote(fragment)}' in {target})")
    return problems


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(directory: Path, timeout: float = 30):
    """Serve ``directory`` with ``python -m http.server`` on 127.0.0.1; yields the base URL; stops it at the end."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                "--directory", str(directory)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(base, timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"http.server did not answer on {base}")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
