"""Golden files: the generated pages of the fixture knowledge base, byte for byte.

After an intended change of the output, regenerate them with
``UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and review the diff.
"""

import os
from pathlib import Path

from conftest import FIXTURE
from ssckb.site import build_site, write_site

GOLDEN = Path(__file__).parent / "golden"


def _files(directory: Path) -> dict:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def test_generated_pages_match_golden_files(tmp_path):
    site = build_site(FIXTURE)
    assert site.problems == []
    write_site(site, tmp_path / "out")
    produced = _files(tmp_path / "out")
    if os.environ.get("UPDATE_GOLDEN"):
        import shutil
        shutil.rmtree(GOLDEN, ignore_errors=True)
        write_site(site, GOLDEN)
    expected = _files(GOLDEN)
    assert sorted(produced) == sorted(expected), "a page appeared or disappeared"
    for path, content in produced.items():
        assert content == expected[path], f"{path} differs from tests/golden/{path}"


def test_output_is_deterministic(tmp_path):
    write_site(build_site(FIXTURE), tmp_path / "one")
    write_site(build_site(FIXTURE), tmp_path / "two")
    assert _files(tmp_path / "one") == _files(tmp_path / "two")


def test_metadata_is_escaped_in_generated_markdown():
    site = build_site(FIXTURE)
    page = site.entries["activities/escaping-test.md"].markdown
    assert "<img" not in page and "<script>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; \\*not bold\\* \\[not a link\\](http://example.com) \\| pipe" in page
