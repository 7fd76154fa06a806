"""A synthetic knowledge base for tests: any number of entries, deterministic for a seed.

Entries use the real vocabularies (ssckb/vocabularies/): countries of every IFAD region and some
outside them, themes, modalities, participant types, institutions, funding natures; activities get
contributions by IFAD and others (some without an amount, some in euros). About 80% are
activities, 10% lessons and 10% learning routes, linked to each other from either side. A few
files can be made invalid on purpose (``invalid``), to check that they, and only they, are left
out. Small and seedable; the benchmarks have their own, larger generator.

    write_synthetic_kb(root, 1000, seed=1) -> Manifest
"""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ssckb.money import FUNDER_GROUPS, KINDS, STATUSES
from ssckb.vocabularies import load_vocabularies

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "kb"
FOLDERS = {"activity": "activities", "lesson": "lessons", "learning_route": "learning_routes"}
WORDS = ("rice", "cassava", "irrigation", "microfinance", "seed", "market", "youth", "women", "water", "soil",
         "dairy", "fisheries", "extension", "cooperative", "value chain", "climate", "land", "knowledge")
LOCATIONS = ["Annex I, table", "Annex I, box 1", "Annex I, paragraph 3", "Main text, paragraph 15 (b)"]


@dataclass
class Manifest:
    """What was written: the valid entries (kind, id) and the files made invalid on purpose."""

    valid: set = field(default_factory=set)
    invalid: set = field(default_factory=set)  # repository-relative paths

    @property
    def count(self) -> int:
        return len(self.valid) + len(self.invalid)


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a YAML double-quoted string


def write_synthetic_kb(root: Path, count: int, seed: int = 0, invalid: int = 0) -> Manifest:
    """Write ``count`` entry files (``invalid`` of them with an error) and a docs/ and mkdocs.yml
    that build with the repository's hook and theme; returns the manifest."""
    root = Path(root)
    rng = random.Random(seed)
    vocabularies = load_vocabularies()
    regions = {region.id: [code for code in (region.get("countries") or ())] for region in vocabularies.regions}
    in_regions = sorted(code for codes in regions.values() for code in codes)
    outside = ["CHN", "KOR", "JPN", "ITA", "USA"]
    outside = [code for code in outside if code not in in_regions and code in vocabularies.countries] or ["ITA"]
    themes = [term.id for term in vocabularies["themes"]]
    modalities = [term.id for term in vocabularies["modalities"] if term.id != "learning-route"]
    participants = [term.id for term in vocabularies["participant_types"]]
    institutions = [term.id for term in vocabularies.institutions]
    natures = [term.id for term in vocabularies["funding_natures"]]

    for folder in FOLDERS.values():
        (root / folder).mkdir(parents=True, exist_ok=True)
    _write_site_files(root)

    kinds = ["activity"] * 8 + ["lesson", "learning_route"]
    plan = [(kinds[i % len(kinds)], i) for i in range(count)]
    ids = {kind: [f"synthetic-{kind.replace('_', '-')}-{i:05d}" for k, i in plan if k == kind] for kind in FOLDERS}
    broken = set(rng.sample(range(count), min(invalid, count)))
    manifest = Manifest()
    for kind, index in plan:
        entry_id = f"synthetic-{kind.replace('_', '-')}-{index:05d}"
        words = " ".join(rng.sample(WORDS, 3))
        lines = [f"id: {entry_id}", f"title: {_q(f'Synthetic {kind.replace(chr(95), chr(32))} {index}: {words}')}"]
        if kind == "activity":
            start = rng.randint(1985, 2020)
            region = rng.choice(sorted(regions))
            pool = regions[region] if rng.random() < 0.6 else in_regions + outside
            codes = rng.sample(pool, rng.randint(1, min(4, len(pool))))
            # Roles the check raises no warning for: two-way and member only for several countries.
            shared = rng.choice(["two-way", "member", None]) if len(codes) > 1 else None
            roles = [shared or rng.choice(["provider", "learner"]) for _ in codes]
            lines += [f"summary: {_q(f'Who learned {words} from whom, case {index}.')}",
                      f"years: {{start: {start}, end: {start + rng.randint(0, 4)}}}",
                      "countries:"] + [f"  - {{country: {code}, role: {role}}}" for code, role in zip(codes, roles)]
            lines += [f"themes: [{', '.join(rng.sample(themes, rng.randint(1, 3)))}]",
                      f"modalities: [{', '.join(rng.sample(modalities, rng.randint(1, 2)))}]",
                      f"participants: [{', '.join(rng.sample(participants, rng.randint(1, 3)))}]"]
            chosen = rng.sample(institutions, rng.randint(0, 3))
            if chosen:
                lines.append("institutions:")
                institution_roles = ['host', 'broker', 'funder', 'implementer', 'partner']
                lines += [f"  - {{institution: {inst}, role: {rng.choice(institution_roles)}}}"
                          for inst in chosen]
            if rng.random() < 0.6:
                lines += [f"funding_nature: {rng.choice(natures)}", "contributions:",
                          f"  - {{funder: ifad, amount: {rng.randrange(10_000, 2_000_000, 500)}, currency: USD, "
                          f"kind: cash, status: {rng.choice(STATUSES)}, year: {start}}}"]
                for _ in range(rng.randint(0, 2)):  # others: some without an amount, some in another currency
                    funder = f"funder: {rng.choice(institutions)}" if rng.random() < 0.5 \
                        else f"funder_group: {rng.choice(FUNDER_GROUPS)}"
                    amount = "" if rng.random() < 0.2 else \
                        f"amount: {rng.randrange(0, 900_000, 100)}, currency: {'EUR' if rng.random() < 0.1 else 'USD'}, "
                    lines.append(f"  - {{{funder}, {amount}kind: {rng.choice(KINDS)}, status: {rng.choice(STATUSES)}}}")
            if ids["lesson"] and rng.random() < 0.3:
                lines.append(f"lessons: [{rng.choice(ids['lesson'])}]")
            if ids["learning_route"] and rng.random() < 0.2:
                lines.append(f"learning_routes: [{rng.choice(ids['learning_route'])}]")
        elif kind == "lesson":
            lines += [f"statement: {_q(f'What was learned about {words}, lesson {index}.')}",
                      f"learned_by: {rng.choice(institutions)}",
                      f"themes: [{', '.join(rng.sample(themes, rng.randint(1, 2)))}]"]
            if ids["activity"]:
                lines.append(f"activities: [{', '.join(sorted(set(rng.sample(ids['activity'], 2))))}]")
        else:
            start = rng.randint(1995, 2020)
            visited = rng.sample(in_regions, rng.randint(1, 3))
            lines += [f"summary: {_q(f'A learning route about {words}, route {index}.')}",
                      f"years: {{start: {start}}}",
                      f"countries_visited: [{', '.join(visited)}]",
                      f"participant_countries: [{', '.join(rng.sample(in_regions, 2))}]",
                      f"organisers: [{rng.choice(institutions)}]",
                      f"themes: [{', '.join(rng.sample(themes, rng.randint(1, 2)))}]",
                      f"participants: [{', '.join(rng.sample(participants, rng.randint(1, 2)))}]"]
        lines += ["sources:", "  - source: ifad-repl-ix-3-r-3", f"    locations: [{_q(rng.choice(LOCATIONS))}]"]
        rel = f"{FOLDERS[kind]}/{entry_id}.md"
        if index in broken:
            lines.append("colour: green")  # an unknown field: an error, so the entry is left out
            manifest.invalid.add(rel)
        else:
            manifest.valid.add((kind, entry_id))
        (root / rel).write_text("---\n" + "\n".join(lines) + f"\n---\n\nSynthetic body {index}.\n", encoding="utf-8")
    return manifest


def _write_site_files(root: Path) -> None:
    """docs/ and a mkdocs.yml like the fixture's, pointing at the repository's hook and theme."""
    shutil.copytree(FIXTURE / "docs", root / "docs", dirs_exist_ok=True)
    shutil.copytree(FIXTURE / "sources", root / "sources", dirs_exist_ok=True)  # the entries cite them
    config = (FIXTURE / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("../../../hooks/", f"{REPO}/hooks/").replace("../../../overrides", f"{REPO}/overrides")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
