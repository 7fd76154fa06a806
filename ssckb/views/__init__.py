"""Views beyond the index pages: practitioners' explorer, dashboard, map, flows, open data.

``render_views`` is called once per build by :func:`ssckb.site.build_site`.
"""

from __future__ import annotations


def render_views(knowledge_base, indexes) -> tuple[list, dict]:
    """Pages (``ssckb.pages.Page``) and static files (path -> text) that the views add to the site."""
    return [], {}
