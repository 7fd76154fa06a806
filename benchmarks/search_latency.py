"""Search at scale, the site's own against Material's built-in search, in headless Chromium.

    python benchmarks/search_latency.py --sizes 1000 10000 [--work /tmp/ssckb-search-bench] [--reuse]
    python benchmarks/search_latency.py --site SITE_OFFLINE_DIR      # one offline build, ours only
    python benchmarks/search_latency.py --site SITE_OFFLINE_DIR --index-of KB_DIR   # KB's index in that site

For each N: writes a synthetic knowledge base (benchmarks/synthetic.py), builds it twice as an offline
copy (use_directory_urls off, so the same files serve both ways): with the site's search, and with
Material's (SSCKB_MATERIAL_SEARCH=true). Each copy is then read served on 127.0.0.1 ("served": what
the server sent) and opened from file:// ("file": what the browser read from disk). For each query,
in a fresh browser: the bytes of the first view of an entry page (before the reader does anything),
the bytes the query then loads, the time from focusing the search box (right after the page's load
event) and entering the whole query at once to its first results, the page's JavaScript heap and
the anonymous memory of the browser's renderer processes (workers included) once they show. "gzip" sizes are what a server compressing at level 6 would send. Then:
the index's size on disk, the ratios Material / ours, and the compressed weight of the first view of
pages of every kind. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
import uuid
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
QUERIES = ["farmers", "market access", "Viet Nam", "microfinanse", "icrofinance"]  # the last two misspelt
#: Pages whose first view is weighed: one of each kind.
WEIGHED = ["index.html", "activities/activity-00001.html", "activities/index.html", "countries/index.html",
           "themes/value-chains.html", "map/index.html", "explorer/index.html", "dashboard/index.html",
           "timeline/index.html", "flows/index.html", "data/index.html", "contribute.html"]


def build(kb: Path, site: Path, material: bool) -> float:
    env = dict(os.environ, SSCKB_OFFLINE="true", SSCKB_SITE_DIR=str(site), NO_MKDOCS_2_WARNING="1",
               SSCKB_MATERIAL_SEARCH="true" if material else "false")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=kb, env=env,
                            capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(result.stdout + result.stderr)
    return time.perf_counter() - started


@functools.lru_cache(maxsize=None)
def sizes(path: Path) -> tuple[int, int]:
    """(bytes, gzip level 6 bytes) of a file."""
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 6, mtime=0))


class Server:
    """The site on 127.0.0.1, remembering every file it sent (a worker's fetch too)."""

    def __init__(self, site: Path):
        self.site, self.sent = site, []
        server = self

        class Handler(SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(site), **kwargs)

            def log_message(self, *args):
                pass

            def send_head(self):
                found = super().send_head()
                if found is not None:
                    server.sent.append(unquote(urlparse(self.path).path))
                return found

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def files(self) -> list[Path]:
        return [self.site / (p.lstrip("/") or "index.html") for p in self.sent]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def renderer_memory(tag: str) -> int:
    """Anonymous resident memory of the renderer processes of the browser launched with ``tag``, in bytes."""
    processes = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
            stat = (entry / "stat").read_text()
            status = (entry / "status").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        # Anonymous resident memory (the heaps, workers' too), not the shared libraries each process maps.
        rss = next((int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("RssAnon:")), 0)
        processes[int(entry.name)] = (parent, cmdline, rss)
    roots = {pid for pid, (_, cmdline, _) in processes.items() if tag in cmdline}
    family, grew = set(roots), True
    while grew:
        grew = False
        for pid, (parent, _, _) in processes.items():
            if parent in family and pid not in family:
                family.add(pid)
                grew = True
    return sum(processes[p][2] for p in family if "--type=renderer" in processes[p][1])


def measure(playwright, site: Path, mode: str, query: str, page_path: str) -> dict:
    """One reader: opens ``page_path``, focuses the search box at once, types ``query``."""
    tag = f"--ssckb-bench={uuid.uuid4().hex}"
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + [tag])
    server = Server(site) if mode == "served" else None
    read: list = []
    try:
        context = browser.new_context()
        if server is None:
            context.on("request", lambda r: read.append(Path(unquote(urlparse(r.url).path)))
                       if r.url.startswith("file:") else None)
        page = context.new_page()
        url = server.base + page_path if server else (site / page_path).as_uri()
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        files = server.files if server else (lambda: list(read))
        first_view = list(files())
        started = time.perf_counter()
        page.keyboard.press("/")
        # The whole query at once (typed key by key, the driver's own round trips would be timed), then
        # a key released: Material searches on keyup, ours on input.
        page.keyboard.insert_text(query)
        page.keyboard.press("End")
        # The first results, or the word that there are none (Material finds nothing for a misspelt word).
        page.wait_for_function("""query => {
            const meta = document.querySelector('.md-search-result__meta');
            if (meta.hasAttribute('data-query') && meta.getAttribute('data-query') !== query) return false;
            return document.querySelector('.md-search-result__list li') || /^No matching/.test(meta.textContent.trim());
        }""", arg=query, timeout=600_000, polling=10)
        shown = time.perf_counter() - started
        found = page.locator(".md-search-result__list a.md-search-result__link").count()
        page.wait_for_load_state("networkidle")
        heap = context.new_cdp_session(page).send("Runtime.getHeapUsage")["usedSize"]
        memory = renderer_memory(tag)
        query_files = list(files())[len(first_view):]
        context.close()
    finally:
        if server:
            server.close()
        browser.close()
    total = lambda paths: tuple(map(sum, zip(*(sizes(p) for p in paths if p.is_file())))) or (0, 0)  # noqa: E731
    return {"first": total(first_view), "query": total(query_files), "seconds": shown, "heap": heap,
            "memory": memory, "found": found}


def index_on_disk(site: Path, material: bool) -> tuple[int, int, int]:
    """(bytes, files, largest file) of the search index in a built site."""
    if material:
        files = [site / "search" / "search_index.json", site / "search" / "search_index.js"]
    else:
        files = [p for p in (site / "search").rglob("*") if p.is_file()]
    files = [p for p in files if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files), max((p.stat().st_size for p in files), default=0)


def page_weights(playwright, site: Path) -> list[tuple[str, int, int]]:
    """(page, bytes, gzip bytes) of the first view of each weighed page, served; then, as
    "explorer/index.html, every row", what the explorer loads when the reader first filters."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    server = Server(site)
    rows = []
    try:
        for page_path in WEIGHED:
            if not (site / page_path).is_file():
                continue
            context = browser.new_context()
            page = context.new_page()
            server.sent.clear()
            page.goto(server.base + page_path, wait_until="load")
            page.wait_for_load_state("networkidle")
            raw, packed = map(sum, zip(*(sizes(p) for p in server.files() if p.is_file())))
            rows.append((page_path, raw, packed))
            if page_path.startswith("explorer/"):
                server.sent.clear()
                page.evaluate("window.SSCKB_EXPLORER_APP.load()")
                page.wait_for_load_state("networkidle")
                loaded = [sizes(p) for p in server.files() if p.is_file()]
                raw, packed = map(sum, zip(*loaded)) if loaded else (0, 0)
                rows.append((page_path + ", every row", raw, packed))
            context.close()
    finally:
        server.close()
        browser.close()
    return rows


def kb_(n: float) -> str:
    return f"{n / 1024:,.0f} KB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:,.1f} MB"


def mb(n: float) -> str:
    return f"{n / 1024 / 1024:,.0f} MB"


def report(size: int, sites: dict, playwright, queries: list) -> None:
    page_path = "activities/activity-00001.html"
    results = {}
    for engine in ("ssckb", "material"):
        for mode in ("served", "file"):
            runs = [measure(playwright, sites[engine], mode, q, page_path) for q in queries]
            results[engine, mode] = runs
    print(f"\n### N = {size:,}\n")
    print("| search | read | first view (gzip) | a query (gzip) | first results | JS heap | renderer memory |")
    print("|---|---|--:|--:|--:|--:|--:|")
    summary = {}
    for (engine, mode), runs in results.items():
        first = max(r["first"] for r in runs)
        query = max(r["query"] for r in runs)
        seconds = statistics.median(r["seconds"] for r in runs)
        worst = max(r["seconds"] for r in runs)
        heap = max(r["heap"] for r in runs)
        memory = max(r["memory"] for r in runs)
        summary[engine, mode] = (first, query, seconds, heap, memory)
        print(f"| {engine} | {mode} | {kb_(first[0])} ({kb_(first[1])}) | {kb_(query[0])} ({kb_(query[1])}) "
              f"| {seconds:.2f} s (worst {worst:.2f} s) | {mb(heap)} | {mb(memory)} |")
    for engine in ("ssckb", "material"):
        print(f"\nPer query ({engine}, served): " + "; ".join(
            f"{q!r} {r['query'][1] / 1024:.0f} KB gzip, {r['seconds']:.2f} s, {r['found']} results shown"
            for q, r in zip(queries, results[engine, "served"])))
    disk = {engine: index_on_disk(sites[engine], engine == "material") for engine in ("ssckb", "material")}
    print(f"\nIndex on disk: ssckb {kb_(disk['ssckb'][0])} in {disk['ssckb'][1]:,} files (largest "
          f"{kb_(disk['ssckb'][2])}); Material {kb_(disk['material'][0])} in {disk['material'][1]} files "
          f"(search_index.json and, offline, search_index.js)")
    print("\nRatios, Material / ssckb:")
    for mode in ("served", "file"):
        ours, theirs = summary["ssckb", mode], summary["material", mode]
        first = (theirs[0][1] / ours[0][1]) if ours[0][1] else float("nan")
        view_and_query = (theirs[0][1] + theirs[1][1]) / max(1, ours[0][1] + ours[1][1])
        print(f"- {mode}: first view {first:.1f} x, first view + query {view_and_query:.1f} x, "
              f"time to first results {theirs[2] / ours[2]:.1f} x, JS heap {theirs[3] / ours[3]:.1f} x, "
              f"renderer memory {theirs[4] / ours[4]:.1f} x")
    print(f"- index on disk {disk['material'][0] / disk['ssckb'][0]:.1f} x")
    weights = page_weights(playwright, sites["ssckb"])
    print("\nFirst view, served, of each kind of page (ssckb search), bytes (gzip):")
    print("; ".join(f"{p} {kb_(raw)} ({kb_(packed)})" for p, raw, packed in weights))
    heaviest = max((row for row in weights if "," not in row[0]), key=lambda row: row[2])
    print(f"Heaviest: {heaviest[0]}, {kb_(heaviest[2])} gzip")


def swapped(playwright, site: Path, kb: Path, work: Path, queries: list) -> None:
    """Our search with the index of ``kb`` in a copy of ``site``: the index's figures at any N without
    a full build (the page around the search box is the smaller site's); the explorer's data files
    too, so that the first views weighed are those of ``kb``'s explorer."""
    sys.path.insert(0, str(REPO))
    from ssckb.indexes import build_indexes, term_page_paths
    from ssckb.search import search_files
    from ssckb.validation import load_knowledge_base
    from ssckb.views.explorer import data_scripts, explorer_data

    knowledge_base, _ = load_knowledge_base(kb)
    started = time.perf_counter()
    files = search_files(knowledge_base, kb / "docs", {})
    built = time.perf_counter() - started
    indexes = build_indexes(knowledge_base)
    knowledge_base.term_pages = term_page_paths(knowledge_base, indexes)
    for name in (site / "explorer").glob("*.js"):
        files.setdefault(f"explorer/{name.name}", None)  # the smaller site's parts, left out
    files.update({f"explorer/{name}": text for name, text in data_scripts(explorer_data(knowledge_base, indexes)).items()})
    target = work / f"swapped-{kb.name}"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(site, target, ignore=lambda folder, names: ["search"] if Path(folder) == site else [])
    for path, text in files.items():
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            (target / path).unlink()
        else:
            (target / path).write_text(text, encoding="utf-8")
    entries = sum(len(v) for v in knowledge_base.entries.values())
    size, count, largest = index_on_disk(target, material=False)
    print(f"Index of {entries:,} entries built in {built:.1f} s: {kb_(size)} in {count:,} files (largest {kb_(largest)})")
    for mode in ("served", "file"):
        runs = [measure(playwright, target, mode, q, "activities/activity-00001.html") for q in queries]
        for query, r in zip(queries, runs):
            print(f"{mode} {query!r}: first view {kb_(r['first'][0])} ({kb_(r['first'][1])} gzip), query "
                  f"{kb_(r['query'][0])} ({kb_(r['query'][1])} gzip), first results {r['seconds']:.2f} s, "
                  f"JS heap {mb(r['heap'])}, renderer memory {mb(r['memory'])}, {r['found']} results shown")
    weights = page_weights(playwright, target)
    print("\nFirst view, served, of each kind of page (pages of SITE, search index and explorer data of KB), "
          "bytes (gzip):")
    print("; ".join(f"{p} {kb_(raw)} ({kb_(packed)})" for p, raw, packed in weights))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/ssckb-search-bench"))
    parser.add_argument("--reuse", action="store_true", help="keep knowledge bases and builds already in --work")
    parser.add_argument("--query", nargs="+", default=QUERIES)
    parser.add_argument("--site", type=Path, help="one offline build: time our search in it from file://")
    parser.add_argument("--index-of", type=Path, metavar="KB",
                        help="with --site: the search index of knowledge base KB, built alone (no MkDocs) and put in "
                             "a copy of SITE in --work, measured served and from file:// (ours only)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        if args.site and args.index_of:
            swapped(playwright, args.site.resolve(), args.index_of.resolve(), args.work, args.query)
            return 0
        if args.site:
            for query in args.query:
                result = measure(playwright, args.site.resolve(), "file", query, "index.html")
                print(f"{query!r}: first results {result['seconds']:.2f} s, query read {kb_(result['query'][0])}, "
                      f"heap {mb(result['heap'])}")
            return 0
        from synthetic import generate

        for size in args.sizes:
            kb = args.work / f"kb-{size}"
            sites = {"ssckb": args.work / f"site-{size}-ssckb", "material": args.work / f"site-{size}-material"}
            if not (args.reuse and kb.is_dir()):
                generate(size, kb)
            for engine, site in sites.items():
                if args.reuse and (site / "index.html").is_file():
                    continue
                if site.exists():
                    shutil.rmtree(site)
                seconds = build(kb, site, material=engine == "material")
                print(f"N = {size:,}: offline build with {engine} search: {seconds:.1f} s")
            report(size, {e: s.resolve() for e, s in sites.items()}, playwright, args.query)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
