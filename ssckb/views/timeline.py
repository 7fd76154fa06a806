"""The timeline: activities by year, as a static chart with its table, and what started each year."""

from __future__ import annotations

from markupsafe import Markup

from .. import i18n
from ..i18n import N_, _
from ..mdtext import md_escape
from ..model import KnowledgeBase
from ..pages import TEMPLATES, Page, View
from .common import activities
from .svgcharts import Series, bar_chart, chart_with_table

PATH = "timeline/index.md"
LIST_LIMIT = 30  # activities listed under a year; the year's page lists them all
SERIES = (Series("started", N_("Started that year"), "#2e7d32"), Series("continuing", N_("Continuing"), "#a5d6a7"))


def render_timeline(knowledge_base: KnowledgeBase) -> Page:
    view = View(knowledge_base, PATH)
    entries = [a for a in activities(knowledge_base) if a.years]
    started: dict = {}
    running: dict = {}
    for entry in entries:
        started.setdefault(entry.years[0], []).append(entry)
        for year in entry.year_range:
            running[year] = running.get(year, 0) + 1
    years = list(range(min(running), max(running) + 1)) if running else []
    block = ""
    if years:
        values = [[len(started.get(y, ())), running.get(y, 0) - len(started.get(y, ()))] for y in years]
        series = [Series(s.key, _(s.label), s.color) for s in SERIES]
        svg = bar_chart("ssc-timeline", _("SSC activities by year"),
                        _("Number of activities running each year, split into those that started that year and those "
                          "that continued from an earlier year. The same figures are in the table beside the chart."),
                        [str(y) for y in years], series, values, horizontal=False,
                        value_text=lambda v: i18n.number(round(v)))
        header = [md_escape(_("Year")), md_escape(_("Started")), md_escape(_("Running"))]
        rows = ["| " + " | ".join(header) + " |", "|---|--:|--:|"]
        for year in reversed(years):
            rows.append(f"| {view.term_link('year', year)} | {i18n.number(len(started.get(year, ())))} | "
                        f"{i18n.number(running.get(year, 0))} |")
        block = chart_with_table(svg, "\n".join(rows) + "\n")
    by_year = [(year, started[year][:LIST_LIMIT], len(started[year]) - LIST_LIMIT)
               for year in sorted(started, reverse=True)]
    markdown = TEMPLATES.get_template("view_timeline.md.j2").render(
        view=view, chart=Markup(block), by_year=by_year, total=len(entries))
    return Page(PATH, {"title": _("Timeline")}, markdown)
