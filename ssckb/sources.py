"""Sources: the publications and accounts that entries cite, one file each in ``sources/``.

A source file is front matter (``ssckb/schemas/source.schema.json``: title, type, authors or
publisher, year, language, url or identifier) and an optional Markdown description. Entries cite
sources by id in ``sources``, each with the places they draw on (``locations``). How those places
are written depends on the source's ``location_format``: ``free`` (the default) takes any short
text (``page 12``, ``00:12:30``); ``repl`` holds them to the parts of an IFAD governing-body
document (``Annex I, paragraph 3``), as IFAD's 2011 paper is cited. The formats are defined in the
source schema, under ``x-location-formats``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .problems import Problem, shown

#: The top-level folder of source files, and the folder of their pages on the site.
SOURCE_FOLDER = "sources"
#: The kind name of a source, where entries' kinds are named (schemas, references, file reading).
SOURCE_KIND = "source"
#: IFAD's 2011 paper, the source of the initial content: its Annex I table is rebuilt on the financing page.
IFAD_PAPER = "ifad-repl-ix-3-r-3"
ANNEX_I_TABLE = "Annex I, table"

#: What ``build.py new source`` writes where only the contributor knows the value: an error until replaced.
SOURCE_PLACEHOLDERS = {
    "publisher": "The organisation that published it. Replace this text.",
    "url": "https://example.org/replace-this-address",
    "body": ("Describe the source here in a few sentences of your own: who made it, for whom, and which parts "
             "of it the entries draw on. Replace this text."),
}

TYPE_LABELS = {
    "report": "report", "evaluation": "evaluation", "article": "article", "book": "book",
    "web-page": "web page", "video": "video", "dataset": "dataset", "first-hand-account": "first-hand account",
}


@dataclass
class Source:
    """One valid source file."""

    id: str
    path: str  # repository-relative file
    data: dict
    body: str = ""

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def type(self) -> str:
        return self.data["type"]

    @property
    def type_label(self) -> str:
        return TYPE_LABELS.get(self.type, self.type)

    @property
    def is_first_hand(self) -> bool:
        return self.type == "first-hand-account"

    @property
    def year(self) -> int:
        return self.data["year"]

    @property
    def page_path(self) -> str:
        return f"{SOURCE_FOLDER}/{self.id}.md"

    @property
    def credit(self) -> str:
        """Who it is by: the authors, else the publisher (for a first-hand account, the organisation)."""
        if self.is_first_hand and self.data.get("publisher"):
            return self.data["publisher"]
        authors = self.data.get("authors") or ()
        return ", ".join(authors) if authors else self.data.get("publisher", "")

    @property
    def reference(self) -> str:
        """The identifier a reader looks it up by (document symbol, DOI, ISBN), or ''."""
        identifier = self.data.get("identifier") or {}
        if identifier.get("symbol"):
            return identifier["symbol"]
        if identifier.get("doi"):
            return f"doi:{identifier['doi']}"
        if identifier.get("isbn"):
            return f"ISBN {identifier['isbn']}"
        return ""

    @property
    def address(self) -> str:
        """Where to read it online: its url, else the DOI's address, else ''."""
        if self.data.get("url"):
            return self.data["url"]
        doi = (self.data.get("identifier") or {}).get("doi")
        return f"https://doi.org/{doi}" if doi else ""

    @property
    def label(self) -> str:
        """A short name of the source in lists and data: its identifier, else its title."""
        return self.reference or self.title


def citations_of(entry) -> list[tuple[str, list]]:
    """(source id, locations) of each source an entry cites, in the entry's order."""
    return [(item["source"], list(item["locations"])) for item in entry.data.get("sources", ())]


def cites(entry, source_id: str, location: str) -> bool:
    """Whether the entry cites ``location`` of the source ``source_id``."""
    return any(cited == source_id and location in locations for cited, locations in citations_of(entry))


# --- Files ---------------------------------------------------------------------------------------

def discover_source_files(root: Path) -> list[str]:
    """Repository-relative paths of the source files, in a stable order."""
    base = Path(root) / SOURCE_FOLDER
    if not base.is_dir():
        return []
    return [f"{SOURCE_FOLDER}/{name}" for name in sorted(os.listdir(base)) if name.endswith(".md")]


def stray_source_files(root: Path) -> list[Problem]:
    """Files in sources/ that would be ignored: not ending in '.md', or in a subfolder."""
    base = Path(root) / SOURCE_FOLDER
    problems = []
    if not base.is_dir() or base.is_symlink():
        return problems
    with os.scandir(base) as listing:
        # A link is neither walked nor read: filesafety reports it (and the file reader a linked source).
        items = sorted((item.name, item.is_dir(follow_symlinks=False)) for item in listing if not item.is_symlink())
    for name, is_dir in items:
        if name.startswith(".") or (name.endswith(".md") and not is_dir):
            continue
        if is_dir:
            problems.append(Problem(f"{SOURCE_FOLDER}/{name}", 1, "-", f"sources must be directly in "
                                    f"{SOURCE_FOLDER}/, not in a subfolder; move its files up"))
        else:
            stem = name.split(".", 1)[0]
            problems.append(Problem(f"{SOURCE_FOLDER}/{name}", 1, "-",
                                    f"{SOURCE_FOLDER}/ holds sources, and only files ending in '.md' are read; "
                                    f"rename it to {stem.lower() or 'name'}.md if it is a source, or move it out"))
    return problems


def is_source_path(rel_path: str) -> bool:
    parts = rel_path.replace("\\", "/").split("/")
    return len(parts) == 2 and parts[0] == SOURCE_FOLDER and parts[1].endswith(".md")


# --- Locations -----------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def location_formats() -> dict:
    """Format name -> (compiled pattern, hint), from the source schema's ``x-location-formats``."""
    from .schemas import _strict_pattern, load_schema

    formats = load_schema(SOURCE_KIND)["x-location-formats"]
    return {name: (_strict_pattern(spec["pattern"]), spec["x-hint"]) for name, spec in formats.items()}


def citation_problems(path: str, data: dict, lines: dict, sources: dict) -> list[Problem]:
    """Problems of an entry's ``sources`` the schema cannot see: a source cited twice, and locations
    not in the form its source asks for (``sources`` holds the valid sources by id). A contribution's own
    ``sources`` are cited in the same form, and checked the same way."""
    problems = _citations(path, data.get("sources"), ("sources",), "sources", lines, sources)
    contributions = data.get("contributions")
    for index, item in enumerate(contributions if isinstance(contributions, list) else ()):
        if isinstance(item, dict):
            problems += _citations(path, item.get("sources"), ("contributions", index, "sources"),
                                   f"contributions[{index}].sources", lines, sources)
    return problems


def _citations(path: str, items, at: tuple, name: str, lines: dict, sources: dict) -> list[Problem]:
    """The problems of one list of citations, found at ``at`` (its field path) and named ``name``."""
    if not isinstance(items, list):
        return []
    problems, seen = [], {}

    def line(field_path):
        while field_path:
            if field_path in lines:
                return lines[field_path]
            field_path = field_path[:-1]
        return 1

    for index, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("source"), str):
            continue
        source_id = item["source"]
        if source_id in seen:
            problems.append(Problem(path, line((*at, index, "source")), f"{name}[{index}].source",
                                    f"'{shown(source_id)}' is cited twice (also {name}[{seen[source_id]}]); "
                                    "give all its locations in one item"))
            continue
        seen[source_id] = index
        source = sources.get(source_id)
        locations = item.get("locations")
        if source is None or not isinstance(locations, list):
            continue
        name_of_format = source.data.get("location_format", "free")
        pattern, hint = location_formats().get(name_of_format, location_formats()["free"])
        free = location_formats()["free"][0]
        for number, location in enumerate(locations):
            # (a location not even in the free form is reported by the entry's schema)
            if isinstance(location, str) and free.search(location) and not pattern.search(location):
                problems.append(Problem(path, line((*at, index, "locations", number)),
                                        f"{name}[{index}].locations[{number}]",
                                        f"'{shown(location)}' is not in the form {source_id} is cited in; {hint}"))
    return problems


_YEAR = re.compile(r"^([0-9]{4})-")


def source_rules(path: str, data: dict, lines: dict, body: str = "", body_line: int = 1) -> list[Problem]:
    """Rules of a source file beyond its schema, and the placeholders of ``build.py new source`` left in it."""
    problems = []
    for name, what in (("publisher", "the organisation that published it (or remove the line and give authors)"),
                       ("url", "its web address (or remove the line and give an identifier)")):
        if data.get(name) == SOURCE_PLACEHOLDERS[name]:
            problems.append(Problem(path, lines.get((name,), 1), name,
                                    f"still the example of 'build.py new source'; write {what}"))
    if " ".join(SOURCE_PLACEHOLDERS["body"].split()) in " ".join(body.split()):
        problems.append(Problem(path, body_line, "body", "still the example text of 'build.py new source'; "
                                                       "describe the source in your own words, or remove the text"))
    date, year = data.get("date"), data.get("year")
    match = _YEAR.match(date) if isinstance(date, str) else None
    if match and isinstance(year, int) and not isinstance(year, bool) and int(match.group(1)) != year:
        problems.append(Problem(path, lines.get(("date",), 1), "date",
                                f"the date is in {match.group(1)} but year is {year}; make them agree"))
    if data.get("type") == "first-hand-account" and not data.get("publisher"):
        problems.append(Problem(path, lines.get(("type",), 1), "publisher",
                                "a first-hand account is shown as given by an organisation: name it in "
                                "'publisher' (e.g. publisher: \"Yunnan Academy of Agricultural Sciences\")"))
    return problems
