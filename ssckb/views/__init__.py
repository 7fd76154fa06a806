"""Views beyond the index pages: practitioners' explorer, dashboard, map, flows, open data.

``render_views`` is called once per build by :func:`ssckb.site.build_site`. One
idea per module:

- ``explorer``: every activity, request and offer, filtered by any combination of facets, years and words;
- ``dashboard`` (with ``svgcharts``): the financing picture, totals and leverage;
- ``worldmap``: countries shaded by their number of activities;
- ``flows``: who learned from whom, with a page per pair of countries;
- ``timeline``: activities by year;
- ``opendata``: activities.csv and entries.json;
- ``demand``: the matches of knowledge requests and offers, and their hub;
- ``replication``: where an experience travelled next, on entry pages and as chains;
- ``related``: related entries on each entry page (used by ``ssckb.pages.render_entry``).

Pages with raw HTML that links to other pages or files are ``<folder>/index.md``:
their address is ``<folder>/`` online and ``<folder>/index.html`` offline, so a
relative link to a *file* (a script, a CSV) is the same in both builds. Links
to *pages* are Markdown links, which MkDocs resolves for each build.
"""

from __future__ import annotations

HUB = "explore/index.md"


def render_views(knowledge_base, indexes) -> tuple[list, dict]:
    """Pages (``ssckb.pages.Page``) and static files (path -> text) that the views add to the site."""
    # Imported here: the views use ssckb.pages, which imports ssckb.views.related.
    from .dashboard import render_dashboard
    from .demand import render_demand_hub
    from .explorer import render_explorer
    from .flows import render_flow_pages
    from .hub import render_hub
    from .opendata import render_open_data
    from .replication import render_replication
    from .timeline import render_timeline
    from .worldmap import render_map

    pages, files = [render_hub(knowledge_base)], {}
    explorer, explorer_files = render_explorer(knowledge_base, indexes)
    open_data, open_data_files = render_open_data(knowledge_base)
    pages += [explorer, render_dashboard(knowledge_base), render_map(knowledge_base, indexes),
              render_timeline(knowledge_base), open_data, render_demand_hub(knowledge_base),
              render_replication(knowledge_base)]
    pages += render_flow_pages(knowledge_base)
    files.update(explorer_files)
    files.update(open_data_files)
    return pages, files
