"""Markdown text helpers: escaping and relative links."""

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from ssckb.mdtext import md_escape, money, relative_path

segment = st.sampled_from(["a", "b", "themes", "gender", "page_2", "index"])
page = st.lists(segment, min_size=0, max_size=3).map(lambda parts: "/".join(parts + ["p.md"]))


@given(page, page)
def test_relative_path_matches_posixpath(from_page, to_page):
    expected = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    assert relative_path(from_page, to_page) == expected


def test_escaping():
    assert md_escape("<b>*x*</b> [y](z) | _u_") == "&lt;b&gt;\\*x\\*&lt;/b&gt; \\[y\\](z) \\| \\_u\\_"
    assert md_escape("# heading") == "\\# heading"
    assert md_escape("1. item") == "1\\. item"
    assert md_escape("0.21") == "0.21"
    assert md_escape("two\n\nparagraphs") == "two paragraphs"


def test_money():
    assert money(200000) == "US$200,000"
    assert money(1500.5, "EUR") == "EUR 1,500.50"
