"""The explorer at scale: data size and filter times with N synthetic activities, in headless Chromium.

    .venv/bin/python benchmarks/explorer_scale.py                  # 10,000 activities
    .venv/bin/python benchmarks/explorer_scale.py --activities 50000 --runs 30
    .venv/bin/python benchmarks/explorer_scale.py --kb /tmp/kb-10000   # a knowledge base on disk,
                                                                       # e.g. from benchmarks/synthetic.py

Builds the explorer's data exactly as the site does (``ssckb.views.explorer``),
writes it with the explorer's script and form into a page opened from file://,
then measures in the page: the start-up (reading the data, building the
filters, first list), the filtering alone and a full update (filter, counts and
list redrawn), each the median of ``--runs`` runs. Prints figures, asserts nothing.

``synthetic_knowledge_base`` and ``write_harness`` are also used by
tests/test_browser_views.py (the explorer gives the right counts at 10,000).
"""

from __future__ import annotations

import argparse
import gzip
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ssckb.indexes import build_indexes, term_page_paths  # noqa: E402
from ssckb.model import Entry, KnowledgeBase  # noqa: E402
from ssckb.views.common import esc  # noqa: E402
from ssckb.views.explorer import data_scripts, explorer_data, explorer_html  # noqa: E402
from ssckb.vocabularies import load_vocabularies  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCRIPT = REPO / "ssckb" / "assets" / "views" / "explorer.js"
WORDS = ("smallholder rice irrigation seed market cooperative women youth microfinance savings group value "
         "chain training exchange visit route policy dialogue drought climate soil water land tenure "
         "extension research network platform producer organization enterprise livestock fisheries "
         "pastoral oasis vegetable cassava maize coffee cocoa dairy").split()


def synthetic_knowledge_base(count: int = 10_000, seed: int = 2011) -> KnowledgeBase:
    """``count`` activities drawn from the real vocabularies, in memory; the same for the same seed."""
    rng = random.Random(seed)
    vocabularies = load_vocabularies()
    countries = sorted(vocabularies.region_of_country)
    themes = [t.id for t in vocabularies["themes"]]
    modalities = [t.id for t in vocabularies["modalities"]]
    participants = [t.id for t in vocabularies["participant_types"]]
    institutions = [t.id for t in vocabularies.institutions]
    entries = {}
    for index in range(count):
        chosen = rng.sample(countries, rng.randint(1, 4))
        roles = ["provider"] + ["learner" for _ in chosen[1:]]
        start = rng.randint(1995, 2024)
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 7)))
        learners = ", ".join(vocabularies.countries.get(c).label for c in chosen[1:]) or "its own regions"
        data = {
            "id": f"synthetic-{index:05d}",
            "title": f"{words.capitalize()} ({vocabularies.countries.get(chosen[0]).label})",
            "summary": f"Practitioners from {vocabularies.countries.get(chosen[0]).label} share "
                       f"{rng.choice(WORDS)} and {rng.choice(WORDS)} know-how with peers from {learners}.",
            "years": {"start": start, "end": min(start + rng.choice([0, 0, 1, 2, 3]), 2025)},
            "countries": [{"country": c, "role": r} for c, r in zip(chosen, roles)],
            "themes": rng.sample(themes, rng.randint(1, 3)),
            "modalities": rng.sample(modalities, rng.randint(1, 2)),
            "participants": rng.sample(participants, rng.randint(1, 3)),
            "institutions": [{"institution": i, "role": rng.choice(["host", "broker", "funder", "partner"])}
                             for i in rng.sample(institutions, rng.randint(1, 3))],
            "sources": [{"source": "ifad-repl-ix-3-r-3", "locations": ["Annex I, table"]}],
        }
        if rng.random() < 0.6:
            data["funding_nature"] = rng.choice(["grant", "loan-project"])
            data["contributions"] = [{"funder": "ifad", "amount": rng.randrange(10, 2000) * 1000, "currency": "USD",
                                      "kind": "cash", "status": "not-stated"}]
        entries[data["id"]] = Entry("activity", data["id"], f"activities/{data['id']}.md", data)
    knowledge_base = KnowledgeBase(vocabularies, {"activity": dict(sorted(entries.items()))}, {})
    return knowledge_base


def load_from_disk(root: Path) -> KnowledgeBase:
    from ssckb.validation import load_knowledge_base
    knowledge_base, problems = load_knowledge_base(root)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise SystemExit(f"{len(errors)} error(s) in {root}, e.g. {errors[0].format()}")
    return knowledge_base


def write_harness(directory: Path, knowledge_base: KnowledgeBase) -> tuple[Path, dict]:
    """A page with the explorer's form, its data and script, as on the site; returns (page, data)."""
    indexes = build_indexes(knowledge_base)
    knowledge_base.term_pages = term_page_paths(knowledge_base, indexes)
    data = explorer_data(knowledge_base, indexes)
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in data_scripts(data).items():
        (directory / name).write_text(text, encoding="utf-8")
    shutil.copyfile(SCRIPT, directory / "explorer.js")
    first = data["rows"][0][0] if data["rows"] else ""
    page = directory / "index.html"
    page.write_text(
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Explorer at scale</title></head>\n'
        "<body>\n<script>window.SSC_T0 = performance.now();</script>\n"
        f'<div class="ssc-explorer-fallback"><a id="ssc-explorer-probe" href="activities/{esc(first)}.html">'
        "newest</a></div>\n" + explorer_html(first, len(data["rows"])) + "\n"
        '<script id="ssc-explorer-data" src="data.js"></script>\n<script src="explorer.js"></script>\n'
        "<script>window.SSC_T1 = performance.now();</script>\n</body></html>\n", encoding="utf-8")
    return page, data


def queries(data: dict) -> list[tuple[str, str]]:
    """Representative filters: (what, address fragment)."""
    facets = {facet["key"]: [term[0] for term in facet["terms"]] for facet in data["facets"]}
    theme, other_theme = facets["theme"][0], facets["theme"][3]
    region, other_region = facets["region"][0], facets["region"][3]
    country, other_country = facets["country"][0], facets["country"][1]
    return [
        ("no filter", ""),
        ("one theme", f"theme={theme}"),
        ("two themes, any", f"theme={theme},{other_theme}"),
        ("two regions, all, since 2008", f"region={region},{other_region}&all=region&from=2008"),
        ("theme + region + nature + years", f"theme={theme}&region={region}&nature=grant&from=2005&to=2015"),
        ("two countries, all", f"country={country},{other_country}&all=country"),
        ("words: one", "q=rice"),
        ("words: two + theme", f"q=women+savings&theme={theme}"),
    ]


MEASURE = """([fragments, runs]) => {
  const app = window.SSCKB_EXPLORER_APP;
  const median = (values) => { const s = values.slice().sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
  return fragments.map((fragment) => {
    const filter = [], update = [];
    let count = 0;
    for (let i = 0; i < runs; i++) {
      let t = performance.now(); count = app.count(fragment); filter.push(performance.now() - t);
      t = performance.now(); app.show(fragment); document.body.offsetHeight; update.push(performance.now() - t);
    }
    return [count, median(filter), median(update)];
  });
}"""


def measure(page: Path, data: dict, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    fragments = queries(data)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page()
        started = time.perf_counter()
        tab.goto(page.as_uri())
        tab.wait_for_function("window.SSCKB_EXPLORER_APP && window.SSCKB_EXPLORER_APP.ready")
        wall = (time.perf_counter() - started) * 1000
        startup = tab.evaluate("window.SSC_T1 - window.SSC_T0")
        shown = tab.locator("#ssc-explorer-results > li").count()
        started = time.perf_counter()
        tab.evaluate("window.SSCKB_EXPLORER_APP.load()")
        rows_loaded = (time.perf_counter() - started) * 1000
        results = tab.evaluate(MEASURE, [[f for _, f in fragments], runs])
        browser.close()
    return {"startup_ms": startup, "load_wall_ms": wall, "rows_ms": rows_loaded,
            "results": list(zip(fragments, results)),
            "rendered_items": shown}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2011)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--kb", type=Path, help="measure a knowledge base on disk instead of synthetic data")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print("needs Debian's chromium: apt-get install chromium", file=sys.stderr)
        return 2
    started = time.perf_counter()
    knowledge_base = load_from_disk(args.kb) if args.kb else synthetic_knowledge_base(args.activities, args.seed)
    with tempfile.TemporaryDirectory() as work:
        page, data = write_harness(Path(work), knowledge_base)
        built = (time.perf_counter() - started) * 1000
        raw = (Path(work) / "data.js").read_bytes()
        parts = [p.read_bytes() for p in sorted(Path(work).glob("rows-*.js"))]
        script = SCRIPT.read_bytes()
        figures = measure(page, data, args.runs)
    rows = len(data["rows"])
    print(f"Explorer with {rows:,} activities ({'from ' + str(args.kb) if args.kb else f'synthetic, seed {args.seed}'})")
    print(f"  data.js            {len(raw) / 1024:8.1f} KiB  ({len(gzip.compress(raw, 9)) / 1024:.1f} KiB gzipped, "
          "the first view: facets, unfiltered counts, first page of rows)")
    print(f"  rows-*.js          {sum(map(len, parts)) / 1024:8.1f} KiB  ({sum(len(gzip.compress(p, 9)) for p in parts) / 1024:.1f} "
          f"KiB gzipped, "
          f"{sum(map(len, parts)) / max(rows, 1):.0f} bytes per activity, {len(parts)} files loaded when the reader first filters)")
    print(f"  explorer.js        {len(script) / 1024:8.1f} KiB  ({len(gzip.compress(script, 9)) / 1024:.1f} KiB gzipped)")
    print(f"  data built in      {built:8.0f} ms (Python, including the synthetic knowledge base)")
    print(f"  page start-up      {figures['startup_ms']:8.1f} ms (parse data, build filters, first list of "
          f"{figures['rendered_items']} items)")
    print(f"  page load, wall    {figures['load_wall_ms']:8.1f} ms (navigation to ready, from file://)")
    print(f"  every row loaded   {figures['rows_ms']:8.1f} ms (the parts, from file://)")
    print(f"  median of {args.runs} runs:      matches   filter ms   update ms (filter + counts + list)")
    for (what, fragment), (count, filter_ms, update_ms) in figures["results"]:
        print(f"  {what:<34} {count:7,} {filter_ms:11.2f} {update_ms:11.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
