"""No broken link: every internal link and anchor of the built sites leads somewhere.

MkDocs checks the links of Markdown pages (mkdocs.yml: validation, and builds run --strict), but
not those in raw HTML, in the theme, or to files. This check is independent: it reads the HTML
that was written (tests/webcheck.py), for the served build (directory URLs) and the offline build
(files opened from disk) alike, and checks files and #anchors.
"""

from __future__ import annotations

from ssckb.published import PUBLISHED_FILES
from webcheck import broken_links, html_files

#: Files the publishing workflow adds next to the built site (python build.py build --offline --zip
#: site/download/...), so they are not in a plain build.
PUBLISHED_WITH_THE_SITE = PUBLISHED_FILES


def _without_published_files(problems: list[str]) -> list[str]:
    return [problem for problem in problems
            if not any(f": {name} (no file {name})" in problem for name in PUBLISHED_WITH_THE_SITE)]


def test_served_build_has_no_broken_link_or_anchor(real_site):
    assert len(html_files(real_site)) > 100
    assert _without_published_files(broken_links(real_site)) == []


def test_offline_build_has_no_broken_link_or_anchor(real_offline_site):
    """Not even to the published zip: the offline copy is not inside itself (ssckb/published.py)."""
    assert len(html_files(real_offline_site)) > 100
    assert broken_links(real_offline_site) == []


def test_fixture_build_has_no_broken_link_or_anchor(fixture_site):
    assert broken_links(fixture_site) == []


def test_the_checker_finds_broken_links_and_anchors(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<h1 id="top">Home</h1><a href="a/">ok</a> <a href="#top">ok</a> <a href="a/#here">ok</a>'
        '<a href="missing/">folder</a> <a href="a/#nowhere">anchor</a> <a href="#gone">own anchor</a>'
        '<img src="img/x.png"> <a href="https://example.org/">external</a> <a href="mailto:a@b.org">mail</a>'
        '<a href="../outside.html">outside</a> <a href="a/?q=1">query</a>')
    (tmp_path / "a" / "index.html").write_text('<p><a name="here"></a>A</p><script src="/app.js"></script>')
    assert broken_links(tmp_path) == [
        "a/index.html: /app.js (no file app.js)",
        "index.html: missing/ (no file missing/index.html)",
        "index.html: a/#nowhere (no id 'nowhere' in a/index.html)",
        "index.html: #gone (no id 'gone' in index.html)",
        "index.html: img/x.png (no file img/x.png)",
        "index.html: ../outside.html (leaves the site)",
    ]

