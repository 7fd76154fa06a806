"""Benchmark the knowledge base at several sizes and print figures and ratios.

    python benchmarks/run.py [--sizes 100 1000 10000] [--work /tmp/ssckb-bench] [--check-only]

For each N: wall time and peak memory (each step in its own process; the check, and
the builds below 10,000 entries, the best of three runs taken in turn) of
`build.py check`, `check` of one changed file, the full MkDocs build (hook on),
plain MkDocs + Material on the same pages pre-written by `build.py generate`
(hook off: the baseline), the offline build, and two floors: parsing the front
matter with libyaml, and a bare Markdown + Jinja2 pipeline over the same pages.
Then the ratios and the sizes that grow with N. No figure is asserted anywhere:
these machines are shared and noisy; read the numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from synthetic import generate  # noqa: E402


def best_of(runs: int, args: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float]:
    """The fastest of several runs (with its peak memory): on a shared machine the noise only adds time."""
    return min(measure(args, cwd, env) for _ in range(runs))


def measure(args: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float]:
    """(seconds, peak MiB) of one command, from GNU time."""
    result = subprocess.run(["/usr/bin/time", "-f", "%e %M", *args], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
    last = result.stderr.strip().splitlines()[-1]
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    seconds, kib = last.split()
    return float(seconds), int(kib) / 1024


def plain_config(kb: Path, docs: Path) -> Path:
    """The knowledge base's mkdocs.yml without the hook, reading the pre-generated pages."""
    config = (kb / "mkdocs.yml").read_text(encoding="utf-8")
    lines = []
    skip = False
    for line in config.splitlines():
        if line.startswith(("hooks:", "watch:")):
            skip = True
            continue
        if skip and (line.startswith("  ") or not line.strip()):
            continue
        skip = False
        lines.append(line)
    text = "\n".join(lines).replace("docs_dir: docs", f"docs_dir: {docs}")
    path = kb / "mkdocs-plain.yml"
    path.write_text(text + "\n", encoding="utf-8")
    return path


def sizes(site: Path) -> dict:
    pages = list(site.rglob("*.html"))
    # An entry's page is <folder>/<id>/index.html; <folder>/index.html and <folder>/page_N/ are its lists.
    entry_pages = [p for p in pages if len(p.relative_to(site).parts) == 3
                   and p.relative_to(site).parts[0] in ("activities", "lessons", "learning_routes")
                   and not p.relative_to(site).parts[1].startswith("page_")]
    index = site / "search" / "search_index.json"
    return {
        "search_index_mb": index.stat().st_size / 2**20 if index.exists() else 0,
        "largest_page_kb": max(p.stat().st_size for p in pages) / 1024,
        "largest_page": max(pages, key=lambda p: p.stat().st_size).relative_to(site).as_posix(),
        "largest_entry_page_kb": max((p.stat().st_size for p in entry_pages), default=0) / 1024,
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20,
        "pages": len(pages),
    }


def bench(count: int, work: Path, check_only: bool = False) -> dict:
    kb = generate(count, work / f"kb-{count}")
    docs = work / f"docs-{count}"
    shutil.rmtree(docs, ignore_errors=True)
    measure([PYTHON, str(REPO / "build.py"), "generate", str(docs), "--with-docs", "--root", str(kb)], REPO)
    figures: dict = {"N": count}
    # The check and its floor are short: each is the best of three runs, interleaved, so that both
    # see the same machine (and the same disk cache).
    floor_runs, check_runs = [], []
    for _ in range(3):
        floor_runs.append(measure([PYTHON, str(REPO / "benchmarks/floor.py"), "yaml", str(kb)], REPO))
        check_runs.append(measure([PYTHON, str(REPO / "build.py"), "check", "--root", str(kb)], REPO))
    figures["yaml_floor"], figures["check"] = min(floor_runs), min(check_runs)
    figures["check_one"] = best_of(3, [PYTHON, str(REPO / "build.py"), "check", "--root", str(kb),
                                       str(kb / "activities" / "activity-00000.md")], REPO)
    if check_only:
        return figures
    plain = plain_config(kb, docs)
    builds = {
        "pipeline_floor": ([PYTHON, str(REPO / "benchmarks/floor.py"), "pipeline", str(docs), str(work / f"floor-{count}")],
                           None),
        "plain_mkdocs": ([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(plain)],
                         {"SSCKB_SITE_DIR": str(work / f"plain-{count}")}),
        "full_build": ([PYTHON, "-m", "mkdocs", "build", "-q", "--strict"], {"SSCKB_SITE_DIR": str(work / f"site-{count}")}),
    }
    # Below 10,000 entries a build takes seconds, and one busy second on a shared machine moves a
    # ratio by a tenth: the three builds are run in turn, three times, and each keeps its fastest.
    runs: dict[str, list] = {name: [] for name in builds}
    for _ in range(3 if count < 10_000 else 1):
        for name, (args, env) in builds.items():
            runs[name].append(measure(args, kb if name != "pipeline_floor" else REPO, env))
    figures.update({name: min(times) for name, times in runs.items()})
    figures["offline_build"] = measure([PYTHON, "-m", "mkdocs", "build", "-q", "--strict"], kb,
                                       {"SSCKB_SITE_DIR": str(work / f"offline-{count}"), "SSCKB_OFFLINE": "true"})
    figures["sizes"] = sizes(work / f"site-{count}")
    return figures


def report(all_figures: list[dict]) -> str:
    steps = ["yaml_floor", "check", "check_one", "pipeline_floor", "plain_mkdocs", "full_build", "offline_build"]
    lines = ["| N | " + " | ".join(steps) + " |", "|--:|" + "--:|" * len(steps)]
    for figures in all_figures:
        lines.append(f"| {figures['N']:,} | " + " | ".join(
            f"{figures[s][0]:.1f} s, {figures[s][1]:.0f} MiB" for s in steps) + " |")
    lines += ["", "| N | full / plain MkDocs | full / bare pipeline | check / libyaml floor | check per entry | "
              "search index | largest page | largest entry page | site |", "|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for f in all_figures:
        entries = f["N"] * 1.15
        s = f["sizes"]
        lines.append(
            f"| {f['N']:,} | {f['full_build'][0] / f['plain_mkdocs'][0]:.2f} | "
            f"{f['full_build'][0] / f['pipeline_floor'][0]:.2f} | {f['check'][0] / f['yaml_floor'][0]:.2f} | "
            f"{1000 * f['check'][0] / entries:.2f} ms | {s['search_index_mb']:.1f} MB | "
            f"{s['largest_page_kb']:.0f} KB ({s['largest_page']}) | {s['largest_entry_page_kb']:.0f} KB | "
            f"{s['site_mb']:.0f} MB |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/ssckb-bench"))
    parser.add_argument("--check-only", action="store_true", help="only the check, its floor and one file's check")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    all_figures = []
    for count in args.sizes:
        figures = bench(count, args.work, args.check_only)
        print(json.dumps(figures), flush=True)
        all_figures.append(figures)
    if args.check_only:
        for f in all_figures:
            print(f"| {f['N']:,} | floor {f['yaml_floor'][0]:.2f} s | check {f['check'][0]:.2f} s | "
                  f"check / floor {f['check'][0] / f['yaml_floor'][0]:.2f} | check of one file {f['check_one'][0]:.2f} s |")
        return 0
    print(report(all_figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
