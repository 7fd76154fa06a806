"""Parts of the page template shared by the pages of one folder, rendered once per folder.

Material renders its whole frame on every page: the sidebar, the header, the footer, the
scripts. On the ten thousand pages of entries and terms (none of them in the sidebar) that
frame comes out the same for every page of a folder: its links are relative, so they
depend only on where the page sits. Rendering each part once per folder and reusing it
takes a tenth off the build; the result is byte for byte what rendering every page whole
gives (tests/test_shared_fragments.py builds the site both ways and compares every file).

The templates in overrides/ ask for a part with
``{% call shared.fragment("nav", page, outside_sidebar_only=true) %}...{% endcall %}``
(partials/ssckb-shared.html), which renders it every time when the hook is not there
(plain MkDocs, as the benchmarks run it).
"""

from __future__ import annotations

from typing import Callable


class SharedFragments:
    """Rendered template parts, kept per (part, folder of the page) and reused for later pages.

    MkDocs makes a link relative to the folder of the page's URL. Pages whose URL is a file
    (``a/b.html``, the offline build) share a folder with their siblings. A page whose URL is a
    folder of its own (``a/b/``) gets the same links as its siblings unless the frame links into
    that very folder; then it is rendered whole. The parts that mark the current page (the
    sidebar, the previous and next links) are rendered whole on pages in the sidebar
    (``sidebar_urls``).
    """

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.sidebar_urls: frozenset[str] = frozenset()
        self._holding_targets: frozenset[str] = frozenset({"assets/"})
        self._rendered: dict[tuple[str, str], str] = {}
        self.reused = 0

    def reset(self, sidebar_urls=(), enabled: bool = True) -> None:
        """Forget every rendered part: a new build (``mkdocs serve`` keeps the hook's objects)."""
        self.enabled = enabled
        self.sidebar_urls = frozenset(sidebar_urls)
        # The folders that hold a page or file the frame links to ("about/" for "about/ssc/"; the home page
        # aside): a page whose own folder is one of them links into it, unlike its siblings.
        self._holding_targets = frozenset(
            target[:end + 1] for target in self.sidebar_urls | {"assets/"}
            for end, char in enumerate(target) if char == "/")
        self._rendered.clear()
        self.reused = 0

    def _folder_key(self, url: str) -> str | None:
        """The key shared by the pages whose relative links are the same as this one's, or None."""
        if not url.endswith("/"):  # a file: its links start from its folder, as its siblings' do
            return url.rpartition("/")[0] + "/"
        if url in self._holding_targets:
            return None
        return url[:-1].rpartition("/")[0] + "/*/"

    def __call__(self, name: str, page, caller: Callable[[], str], outside_sidebar_only: bool = False) -> str:
        """The part ``name`` for ``page``: rendered by ``caller`` the first time for its folder."""
        url = getattr(page, "url", None) if page else None  # no page: 404.html, sitemap.xml
        if not self.enabled or url is None or (outside_sidebar_only and url in self.sidebar_urls):
            return caller()
        folder = self._folder_key(url)
        if folder is None:
            return caller()
        key = (name, folder)
        rendered = self._rendered.get(key)
        if rendered is None:
            rendered = self._rendered[key] = caller()
        else:
            self.reused += 1
        return rendered
