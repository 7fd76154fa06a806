"""The slowest entry bodies that `check` lets through, and what rendering them costs.

`check` bounds what one body can cost the renderer (ssckb/bodycheck.py: length, '[' and '<' times the
length of their paragraph, runs of emphasis, nesting of lists and quotes, headings). This script builds
bodies of the shapes that make Python-Markdown slow (unmatched brackets and tags, nested emphasis,
brackets over emphasis...), each made as large as the limits allow, and prints for each the time to
check it and the time to render and sanitize it as the site does (processor time, which other work on
the machine does not inflate), the slowest last.

    ./.venv/bin/python benchmarks/worst_body.py [--repeat N]

It prints figures only: nothing here is a test.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ssckb import bodycheck  # noqa: E402
from ssckb.bodyhtml import render_body  # noqa: E402
from ssckb.sanitizer import sanitize  # noqa: E402

#: Shapes of text, each a function of a size: the body grows with it.
FAMILIES = {
    "unmatched '[' then text": lambda n: "[" * n + " x" * 4_000,
    "'[' over emphasis": lambda n: "[*" * n + "*a " * 600,
    "emphasis over '['": lambda n: "*a " * 600 + "[*" * n,
    "unclosed tags '<a b='": lambda n: "<a b=" * n,
    "'<' then text": lambda n: "<a " * n + " x" * 4_000,
    "nested emphasis, one paragraph": lambda n: "*a " * n + "b*" * n,
    "nested emphasis, many paragraphs": lambda n: "\n\n".join(["*a " * 100 + "b*" * 100] * n),
    "mixed '*_**__'": lambda n: "*_**__" * n,
    "brackets, stars, tags": lambda n: "\n\n".join(["[*<" * 20 + "*a " * 100 + " x" * 900] * n),
    "links in paragraphs": lambda n: "\n\n".join(["[a](b) " * 30 + "text " * 200] * n),
    "nested brackets and emphasis": lambda n: "[*_" * n + "x" + "_*]" * n,
    "quotes nested": lambda n: "\n".join("> " * min(i, 10) + "x" for i in range(n)),
    "lists nested": lambda n: "\n".join(" " * (4 * (i % 10)) + "- x" for i in range(n)),
    "headings": lambda n: "# a\n" * n,
    "backticks": lambda n: "`a " * n,
    "entities": lambda n: "&a;" * n,
    "plain text": lambda n: "word " * n,
    "one run of stars": lambda n: "a " + "*" * n + " b",
    "mixed runs of '*' and '_'": lambda n: "*a _b **c __d " * n,
}


def passes(body: str) -> bool:
    """Whether the body is within check's limits (its HTML may still be reported, which costs no more)."""
    return not bodycheck._structure_problems(body, 1, "activities/x.md")


def largest(family) -> int:
    """The largest size of the family that passes the limits (they only grow with the size)."""
    low, high = 0, 1
    while passes(family(high)) and high < 1 << 20:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if passes(family(middle)) else (low, middle)
    return low


def timed(function, argument, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        function(argument)
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="render each body N times, keep the fastest")
    args = parser.parse_args()
    rows = []
    for name, family in FAMILIES.items():
        size = largest(family)
        if size == 0:
            continue
        body = family(size)
        check = timed(lambda text: bodycheck.check_body(text, 1, "activities/x.md"), body, args.repeat)
        render = timed(lambda text: sanitize(render_body(text)), body, args.repeat)
        rows.append((render, name, len(body), check))
    print(f"{'shape':36} {'characters':>10} {'check CPU s':>12} {'render CPU s':>13}")
    for render, name, length, check in sorted(rows):
        print(f"{name:36} {length:10,} {check:12.2f} {render:13.2f}")
    worst = max(rows)
    print(f"\nworst body that passes: {worst[1]}, {worst[2]:,} characters, rendered in {worst[0]:.2f} s of CPU "
          f"(limits: {bodycheck.MAX_BODY_CHARS:,} characters, scan cost {bodycheck.MAX_SCAN_COST:,}, "
          f"{bodycheck.MAX_EMPHASIS_RUNS:,} emphasis runs, {bodycheck.MAX_BLOCK_EMPHASIS} a paragraph)")


if __name__ == "__main__":
    main()
