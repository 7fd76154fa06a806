"""A generator of synthetic knowledge bases for benchmarks: deterministic for a seed.

    python benchmarks/synthetic.py 1000 /tmp/kb-1000 [--seed 1]

writes N activities (and N/10 lessons, N/20 learning routes, N/5 institutions in
the knowledge base's own vocabularies/institutions.yml) drawn from the real
vocabularies, each with 400-800 words of body, plus docs/ and an mkdocs.yml that
uses this repository's hook, so that `mkdocs build` runs on it as on the real site.

Countries are not drawn uniformly: as in the source, where a few countries (Brazil,
China, India...) share their experience with many, an activity's provider is drawn
with a weight of 1/rank and its learners with 1/sqrt(rank), over the countries in a
fixed shuffled order. (Drawn uniformly, 10,000 activities made 9,536 different pairs
of countries, each with a page of its own: a pair for nearly every activity.)
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ssckb.vocabularies import load_vocabularies  # noqa: E402

WORDS = ("farmers learning exchange rural poverty market access smallholder cooperative women youth "
         "irrigation seed variety extension service policy dialogue microfinance savings group value chain "
         "processing training visit route innovation plan host community association producer organization "
         "drought climate adaptation soil water land tenure household income enterprise technology research "
         "network platform knowledge partner government ministry project programme results replication "
         "scaling").split()


def _body(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(400, 800))]
    paragraphs, start = [], 0
    while start < len(words):
        size = rng.randint(60, 140)
        sentence_words = words[start:start + size]
        text = " ".join(sentence_words)
        paragraphs.append(text[0].upper() + text[1:] + ".")
        start += size
    return "\n\n".join(paragraphs)


def generate(count: int, target: Path, seed: int = 1) -> Path:
    """Write a synthetic knowledge base of ``count`` activities under ``target``."""
    rng = random.Random(seed)
    vocabularies = load_vocabularies()
    themes = [t.id for t in vocabularies["themes"]]
    modalities = [t.id for t in vocabularies["modalities"]]
    participants = [t.id for t in vocabularies["participant_types"]]
    countries = sorted(vocabularies.region_of_country)
    random.Random(0).shuffle(countries)  # the ranks: the same for every seed and size
    provider_weights = [1 / rank for rank in range(1, len(countries) + 1)]
    learner_weights = [1 / rank ** 0.5 for rank in range(1, len(countries) + 1)]

    def draw_countries(how_many: int) -> list:
        chosen = rng.choices(countries, provider_weights)
        while len(chosen) < how_many:
            country = rng.choices(countries, learner_weights)[0]
            if country not in chosen:
                chosen.append(country)
        return chosen

    regions = [t.id for t in vocabularies.regions]
    if target.exists():
        shutil.rmtree(target)
    for folder in ("activities", "lessons", "learning_routes", "vocabularies"):
        (target / folder).mkdir(parents=True)
    shutil.copytree(REPO / "docs", target / "docs")
    shutil.copytree(REPO / "sources", target / "sources")  # the entries cite IFAD's paper
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("hooks/ssckb_hook.py", str(REPO / "hooks" / "ssckb_hook.py"))
    config = config.replace("custom_dir: overrides", f"custom_dir: {REPO / 'overrides'}")
    config = config.replace("  - ssckb\n", f"  - {REPO / 'ssckb'}\n")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")

    institution_count = max(count // 5, 5)
    institution_types = ["government", "research", "ngo", "farmers-organization", "private-company", "programme"]
    lines = []
    for index in range(institution_count):
        lines += [f"- id: institution-{index:05d}", f"  name: Institution {index:05d} for rural development",
                  f"  type: {rng.choice(institution_types)}", f"  country: {rng.choice(countries)}"]
    (target / "vocabularies" / "institutions.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    lesson_count, route_count = max(count // 10, 1), max(count // 20, 1)
    for index in range(count):
        entry_id = f"activity-{index:05d}"
        start = rng.randint(2000, 2024)
        chosen = draw_countries(rng.randint(1, 4))
        roles = ["provider"] + ["learner" for _ in chosen[1:]]
        country_lines = "\n".join(f"  - {{country: {c}, role: {r}}}" for c, r in zip(chosen, roles))
        institutions = "\n".join(
            f"  - {{institution: institution-{rng.randrange(institution_count):05d}, role: {role}}}"
            for role in rng.sample(["host", "broker", "funder", "partner"], rng.randint(1, 3)))
        text = f"""---
id: {entry_id}
title: "Synthetic activity {index:05d}: {rng.choice(WORDS)} {rng.choice(WORDS)} exchange"
summary: "Practitioners from {chosen[0]} share {rng.choice(WORDS)} know-how with peers in {len(chosen)} countries."
years: {{start: {start}, end: {min(start + rng.randint(0, 3), 2025)}}}
countries:
{country_lines}
other_regions: []
themes: [{", ".join(rng.sample(themes, rng.randint(1, 3)))}]
modalities: [{", ".join(rng.sample(modalities, rng.randint(1, 2)))}]
participants: [{", ".join(rng.sample(participants, rng.randint(1, 3)))}]
institutions:
{institutions}
funding_nature: {rng.choice(["grant", "loan-project"])}
contributions:
  - {{funder: ifad, amount: {rng.randrange(10, 2000) * 1000}, currency: USD, kind: cash, status: not-stated}}
  - {{funder_group: not-named, amount: {rng.randrange(0, 2000) * 1000}, currency: USD, kind: not-stated, status: not-stated}}
results:
  - "{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} improved for {rng.randint(50, 5000)} households."
lessons: [lesson-{rng.randrange(lesson_count):05d}]
learning_routes: [route-{rng.randrange(route_count):05d}]
sources:
  - source: ifad-repl-ix-3-r-3
    locations: ["Annex I, paragraph {rng.randint(1, 29)}"]
---

{_body(rng)}
"""
        (target / "activities" / f"{entry_id}.md").write_text(text, encoding="utf-8")
    for index in range(lesson_count):
        text = f"""---
id: lesson-{index:05d}
title: "Synthetic lesson {index:05d} on {rng.choice(WORDS)}"
statement: "Exchanges about {rng.choice(WORDS)} work best when {rng.choice(WORDS)} leads them."
points:
  - "{rng.choice(WORDS).capitalize()} matters."
learned_by: institution-{rng.randrange(institution_count):05d}
themes: [{rng.choice(themes)}]
sources:
  - source: ifad-repl-ix-3-r-3
    locations: ["Annex III, paragraph {rng.randint(4, 23)}"]
---

{_body(rng)}
"""
        (target / "lessons" / f"lesson-{index:05d}.md").write_text(text, encoding="utf-8")
    for index in range(route_count):
        visited = draw_countries(rng.randint(1, 3))
        text = f"""---
id: route-{index:05d}
title: "Synthetic learning route {index:05d}"
summary: "A route through {len(visited)} countries on {rng.choice(WORDS)} and {rng.choice(WORDS)}."
years: {{start: {rng.randint(2000, 2024)}}}
countries_visited: [{", ".join(visited)}]
organisers: [institution-{rng.randrange(institution_count):05d}]
themes: [{rng.choice(themes)}]
participants: [farmers]
sources:
  - source: ifad-repl-ix-3-r-3
    locations: ["Annex I, paragraph {rng.randint(14, 20)}"]
---

{_body(rng)}
"""
        (target / "learning_routes" / f"route-{index:05d}.md").write_text(text, encoding="utf-8")
    return target


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of activities")
    parser.add_argument("target", type=Path, help="folder to write (replaced)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    generate(args.count, args.target, args.seed)
    print(f"Wrote a synthetic knowledge base of {args.count} activities to {args.target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
