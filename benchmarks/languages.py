"""The build time of the site in every language against one language, on a synthetic knowledge base.

    python benchmarks/languages.py [--size 1000] [--work /tmp/ssckb-bench-languages] [--runs 1]

Writes a synthetic knowledge base of N activities (benchmarks/synthetic.py, seed 1) with the language
configurations of ssckb/language_sites.py, then times, each in its own process: the English build alone,
and every language of ssckb/i18n.py built one after the other as `build.py build` does (English at the
root, the others in their folders). Prints the seconds, peak memory, and the ratio of all to one. With
--runs above 1 each figure is the fastest of that many runs. No figure is asserted anywhere.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from run import measure  # noqa: E402
from synthetic import generate  # noqa: E402

from ssckb import language_sites  # noqa: E402
from ssckb.i18n import LANGUAGES  # noqa: E402


def build_language(kb: Path, code: str, site: Path) -> tuple[float, float]:
    """(seconds, peak MiB) of the strict MkDocs build of one language into its folder of ``site``."""
    return measure([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                    "-f", language_sites.config_name(code), "-d", str(site / LANGUAGES[code].folder)], kb)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--work", default="/tmp/ssckb-bench-languages")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    kb = generate(args.size, work / "kb")
    language_sites.write_configs(kb)
    one, every = [], []
    per_language: dict = {}
    for _ in range(args.runs):
        site = work / "site"
        shutil.rmtree(site, ignore_errors=True)
        one.append(build_language(kb, "en", site))
        shutil.rmtree(site, ignore_errors=True)
        total, peak = 0.0, 0.0
        for code in LANGUAGES:
            seconds, mib = build_language(kb, code, site)
            per_language[code] = min(per_language.get(code, (seconds, mib)), (seconds, mib))
            total, peak = total + seconds, max(peak, mib)
        every.append((total, peak))
    (one_s, one_mib), (all_s, all_mib) = min(one), min(every)
    print(f"{args.size} activities, {len(LANGUAGES)} languages ({', '.join(LANGUAGES)})")
    for code, (seconds, mib) in per_language.items():
        print(f"  {code}: {seconds:.1f} s, {mib:.0f} MiB")
    print(f"one language (en): {one_s:.1f} s, {one_mib:.0f} MiB")
    print(f"all languages: {all_s:.1f} s, {all_mib:.0f} MiB peak (one process per language)")
    print(f"ratio all / one: {all_s / one_s:.2f}")
    # The same ratio within one pass, against that pass's English build: on a shared machine the load
    # changes between the two passes, not within one language's build and the next.
    print(f"ratio all / English of the same pass: {all_s / per_language['en'][0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
