"""Offline search latency in headless Chromium: time from typing a query to the first results.

    python benchmarks/search_latency.py SITE_OFFLINE_DIR [--query farmers]

SITE_OFFLINE_DIR is an offline build (``SSCKB_OFFLINE=true``), opened from file://.
Prints the time until the index is ready and until results show, for a few queries.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", nargs="+", default=["farmers", "Viet Nam", "microfinance"])
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for query in args.query:
            page = browser.new_page()
            started = time.perf_counter()
            page.goto((args.site / "index.html").resolve().as_uri())
            loaded = time.perf_counter()
            page.keyboard.press("/")
            typed = time.perf_counter()
            page.keyboard.type(query)
            page.locator(".md-search-result__list li").first.wait_for(timeout=60000)
            shown = time.perf_counter()
            count = page.locator(".md-search-result__meta").inner_text()
            print(f"{query!r}: page load {loaded - started:.2f} s, results {shown - typed:.2f} s after the "
                  f"first keystroke ({count})")
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
