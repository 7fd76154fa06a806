"""Time a contributor waits under `mkdocs serve` after editing one entry, whole site vs preview.

    python benchmarks/serve_rebuild.py KB_DIR [--preview-only]

Starts `mkdocs serve` on KB_DIR (a synthetic knowledge base from synthetic.py or the
real one), edits one activity, and prints how long the rebuild took, as MkDocs reports
it; then the same with the preview of that one entry (`build.py serve --only`).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_build(process, timeout: float) -> float:
    deadline = time.time() + timeout
    while time.time() < deadline:
        line = process.stdout.readline()
        if not line:
            time.sleep(0.1)
            continue
        match = BUILT.search(line)
        if match:
            return float(match.group(1))
    raise SystemExit("no build reported in time")


def rebuild(kb: Path, entry: Path, preview: bool) -> tuple[float, float]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if preview:
        env["SSCKB_PREVIEW"] = entry.relative_to(kb).as_posix()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{_free_port()}"],
                               cwd=kb, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    original = entry.read_text(encoding="utf-8")
    try:
        first = _wait_for_build(process, 1800)
        time.sleep(2)
        entry.write_text(original + "\nEdited.\n", encoding="utf-8")
        second = _wait_for_build(process, 1800)
        return first, second
    finally:
        entry.write_text(original, encoding="utf-8")
        process.terminate()
        process.wait(timeout=30)


def main() -> int:
    kb = Path(sys.argv[1]).resolve()
    entry = sorted((kb / "activities").glob("*.md"))[0]
    # --preview-only: at 10,000 entries the whole site's two builds take minutes (as long as a full build).
    for preview in (True,) if "--preview-only" in sys.argv[2:] else (False, True):
        first, second = rebuild(kb, entry, preview)
        label = "preview of one entry" if preview else "whole site"
        print(f"{label}: first build {first:.1f} s, rebuild after editing {entry.name} {second:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
