"""The table of REPL.IX/3/R.3, Annex I, as printed: its own row names, wording and order.

Read from ``vocabularies/annex_table.yml`` (a knowledge base may bring its own, as for
any vocabulary). The Financing page reproduces it beside the entries the rows became,
and :func:`table_problems` reports an entry whose figures differ from its row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .money import ifad_contribution, is_ifad
from .problems import Problem
from .sources import IFAD_PAPER, citations_of, cites

#: The table's wording of the "Nature of activity" column -> the funding nature id.
NATURES = {"grant-funded": "grant", "in project": "loan-project"}


@dataclass(frozen=True)
class Row:
    project: str  # as printed
    nature: str  # as printed: "grant-funded" or "in project"
    date: int
    ifad_contribution: float
    activity: str  # id of the entry the row became


@dataclass(frozen=True)
class AnnexTable:
    document: str = ""
    location: str = ""
    title: str = ""
    printed_total: float | None = None
    rows: tuple = field(default_factory=tuple)

    def row_of(self, activity_id: str) -> Row | None:
        return next((row for row in self.rows if row.activity == activity_id), None)


def read_table(data, rel: str, lines: dict, problems: list) -> AnnexTable:
    """The table from its parsed YAML; each faulty row is reported and left out."""
    if not isinstance(data, dict):
        problems.append(Problem(rel, 1, "-", "the table file must be a mapping with 'rows'"))
        return AnnexTable()
    rows = []
    items = data.get("rows")
    if not isinstance(items, list):
        problems.append(Problem(rel, lines.get(("rows",), 1), "rows", "'rows' must be a list of the table's rows"))
        items = []
    for index, item in enumerate(items):
        line = lines.get(("rows", index), 1)
        if not isinstance(item, dict) or not isinstance(item.get("project"), str) \
                or not isinstance(item.get("nature"), str) or item["nature"] not in NATURES \
                or not isinstance(item.get("date"), int) or isinstance(item.get("date"), bool) \
                or not isinstance(item.get("ifad_contribution"), (int, float)) \
                or not isinstance(item.get("activity"), str):
            problems.append(Problem(rel, line, f"rows[{index}]",
                                    "each row needs project, nature (grant-funded or in project), date (a year), "
                                    "ifad_contribution (a number) and activity (an entry id)"))
            continue
        rows.append(Row(item["project"], item["nature"], item["date"], item["ifad_contribution"], item["activity"]))
    total = data.get("printed_total")
    return AnnexTable(str(data.get("document") or ""), str(data.get("location") or ""), str(data.get("title") or ""),
                      total if isinstance(total, (int, float)) else None, tuple(rows))


def table_problems(knowledge_base, line_of) -> list[Problem]:
    """An activity of a row whose year, nature, or IFAD contribution (amount and year) differs from the row,
    or that does not cite the table. ``line_of(entry, path)`` gives the line of a field."""
    table = knowledge_base.vocabularies.annex_table
    problems = []
    for row in table.rows:
        entry = knowledge_base.get("activity", row.activity)
        if entry is None:
            continue  # a knowledge base need not hold every row's entry
        where = f"the row '{row.project}' of {table.document}, {table.location}"
        ifad = [(index, c) for index, c in enumerate(entry.contributions) if is_ifad(c)]
        if ifad_contribution(c for _, c in ifad).amounts != (("USD", row.ifad_contribution),):
            index = ifad[0][0] if ifad else None
            problems.append(Problem(entry.path, line_of(entry, ("contributions", index, "amount") if ifad
                                                        else ("contributions",)),
                                    f"contributions[{index}].amount" if ifad else "contributions",
                                    f"IFAD's contribution differs from {where} (US${row.ifad_contribution:,.0f}); "
                                    f"give one contribution with funder: ifad, amount: {row.ifad_contribution:.0f} "
                                    "and currency: USD, as printed"))
        elif len(ifad) == 1 and ifad[0][1].get("year") != row.date:
            problems.append(Problem(entry.path, line_of(entry, ("contributions", ifad[0][0], "year")),
                                    f"contributions[{ifad[0][0]}].year",
                                    f"{where} dates IFAD's contribution {row.date}; set year: {row.date}"))
        if entry.data.get("funding_nature") != NATURES[row.nature]:
            problems.append(Problem(entry.path, line_of(entry, ("funding_nature",)), "funding_nature",
                                    f"{where} says '{row.nature}'; set funding_nature: {NATURES[row.nature]}"))
        if entry.years and entry.years[0] != row.date:
            problems.append(Problem(entry.path, line_of(entry, ("years", "start")), "years.start",
                                    f"{where} dates it {row.date}; set start: {row.date}"))
        if not cites(entry, IFAD_PAPER, table.location):
            cited = [source_id for source_id, _ in citations_of(entry)]
            index = cited.index(IFAD_PAPER) if IFAD_PAPER in cited else 0
            problems.append(Problem(entry.path, line_of(entry, ("sources", index, "locations")),
                                    f"sources[{index}].locations",
                                    f"the entry is {where}; cite {IFAD_PAPER} at \"{table.location}\""))
    return problems
