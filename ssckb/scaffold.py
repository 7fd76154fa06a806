"""``build.py new``: a new entry file that validates, with every field explained."""

from __future__ import annotations

import datetime
import json
import textwrap
from pathlib import Path

from .loading import ENTRY_FOLDERS
from .schemas import load_schema
from .vocabularies import slugify

KINDS = {"activity": "activity", "lesson": "lesson", "route": "learning_route", "learning_route": "learning_route"}

# Example values that validate; the comments above each field tell what to put instead.
_EXAMPLES = {
    "summary": '"One sentence: who learned what from whom. Replace this text."',
    "statement": '"The lesson in one or two sentences. Replace this text."',
    "years": "{start: YEAR}",
    "countries": "\n  - {country: BRA, role: provider}\n  - {country: MOZ, role: learner}",
    "countries_visited": "[PER]",
    "themes": "[value-chains]",
    "modalities": "[exposure-visit]",
    "participants": "[farmers, project-staff]",
    "learned_by": "ifad",
    "source": "\n  document: REPL.IX/3/R.3\n  locations: [\"Annex I, paragraph 1\"]",
}
_OPTIONAL_EXAMPLES = {
    "institutions": "\n#  - {institution: ifad, role: funder}",
    "funding": "\n#  ifad_contribution: 100000\n#  nature: grant\n#  currency: USD",
    "results": "\n#  - What changed, one item per result.",
    "lessons": "[lesson-1-champions]",
    "learning_routes": "[]",
    "activities": "[]",
    "other_regions": "[]",
    "points": "\n#  - The first point.",
    "number": "7",
    "cases": "\n#  - {title: What the participants saw, host: institution-id, country: PER}",
    "organisers": "[procasur]",
    "participant_countries": "[BOL]",
    "duration": "ten days",
    "innovation_plans": "\n#  - The plan a participant took home.",
    "years": "{start: YEAR}",
}


class ScaffoldError(Exception):
    pass


def entry_id_from_title(title: str, max_length: int = 60) -> str:
    """A safe id from a title: 'Rwanda visits Peru!' -> 'rwanda-visits-peru'."""
    slug = slugify(title)
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug


def _comment(text: str) -> str:
    return "\n".join(f"# {line}" for line in textwrap.wrap(text, 88))


def _after_colon(value: str) -> str:
    return value if value.startswith("\n") or not value else f" {value}"


def scaffold_text(kind: str, entry_id: str, title: str, year: int) -> str:
    """The text of a new entry file of ``kind`` (activity, lesson, learning_route)."""
    schema = load_schema(kind)
    required = set(schema["required"])
    parts = ["---"]
    for name, field in schema["properties"].items():
        description = field.get("description", "")
        if name == "id":
            value = entry_id
        elif name == "title":
            value = json.dumps(title, ensure_ascii=False)
        elif name in required:
            value = _EXAMPLES[name].replace("YEAR", str(year))
        else:
            example = _OPTIONAL_EXAMPLES.get(name, "")
            parts.append(_comment(f"{name} (optional): {description}"))
            parts.append(f"# {name}:{_after_colon(example.replace('YEAR', str(year)))}")
            continue
        parts.append(_comment(f"{name} (required): {description}"))
        parts.append(f"{name}:{_after_colon(value)}")
    parts.append("---")
    parts.append("")
    parts.append("Describe the experience here in your own words: what was exchanged, how, and what came of it.")
    parts.append("Keep facts and figures exactly as your source gives them.")
    return "\n".join(parts) + "\n"


def create_entry(root: Path, kind: str, title: str) -> Path:
    """Write a new entry file; refuses an empty title or an id that is taken."""
    kind = KINDS[kind]
    if not title.strip():
        raise ScaffoldError("give the entry a title, e.g. python build.py new activity \"Rwanda visits Peru\"")
    entry_id = entry_id_from_title(title)
    if not entry_id:
        raise ScaffoldError(f"cannot make an id from the title {title!r}; use Latin letters or digits in it")
    folder = Path(root) / ENTRY_FOLDERS[kind]
    path = folder / f"{entry_id}.md"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root).as_posix()} already exists; choose another title")
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(scaffold_text(kind, entry_id, title, datetime.date.today().year), encoding="utf-8")
    return path
