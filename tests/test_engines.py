"""Engine portability: the site builds unchanged with MkDocs and with ProperDocs (the maintained
fork of MkDocs 1.x), and both are handed exactly the pages ``build.py generate`` writes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, copy_fixture
from ssckb import guide

ENGINES = {"mkdocs": "mkdocs", "properdocs": "properdocs"}


def _files(directory: Path) -> dict:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


REPO_URL = "https://example.org/ssc/kb"


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> Path:
    """The fixture knowledge base, whose contributor page carries the generated field list."""
    root = copy_fixture(tmp_path_factory.mktemp("engines"))
    page = root / "docs/contribute.md"
    page.write_text(page.read_text() + f"\n## The fields\n\n{guide.BEGIN}\n{guide.END}\n")
    # Edit buttons, as the real mkdocs.yml has them.
    config = (root / "mkdocs.yml").read_text()
    assert "\ntheme:\n  name: material\n" in config
    config = config.replace("\ntheme:\n  name: material\n",
                            "\ntheme:\n  name: material\n  features: [content.action.edit]\n")
    (root / "mkdocs.yml").write_text(config + "repo_url: !ENV SSCKB_REPO_URL\nedit_uri: edit/main/docs/\n")
    return root


def build(kb: Path, engine: str, out: Path) -> tuple[Path, Path]:
    """Build with ``engine``; returns the site and the pages the hook handed to the engine."""
    site, dump = out / "site", out / "dump"
    env = dict(os.environ, SSCKB_SITE_DIR=str(site), SSCKB_DUMP_DIR=str(dump), NO_MKDOCS_2_WARNING="1",
               DISABLE_MKDOCS_2_WARNING="true", SSCKB_REPO_URL=REPO_URL)
    result = subprocess.run([sys.executable, "-m", ENGINES[engine], "build", "--strict", "-f", "mkdocs.yml"],
                            cwd=kb, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{engine}: {result.stdout}{result.stderr}"
    return site, dump


@pytest.fixture(scope="module")
def builds(kb, tmp_path_factory) -> dict:
    return {engine: build(kb, engine, tmp_path_factory.mktemp(engine)) for engine in ENGINES}


def test_properdocs_is_installed_and_is_not_mkdocs():
    import properdocs

    assert Path(properdocs.__file__).parent.name == "properdocs"
    assert (REPO / "requirements-dev.txt").read_text().count("properdocs==") == 1


def test_both_engines_get_the_pages_generate_writes(kb, builds, tmp_path):
    out = tmp_path / "generated"
    # The same mkdocs.yml, the same environment: entry pages link to the same repository's issue forms.
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "generate", str(out), "--with-docs",
                             "--root", str(kb)], capture_output=True, text=True,
                            env=dict(os.environ, SSCKB_REPO_URL=REPO_URL))
    assert result.returncode == 0, result.stderr
    generated = _files(out)
    fed = {engine: _files(dump) for engine, (_, dump) in builds.items()}
    assert fed["mkdocs"] == fed["properdocs"]
    assert len(fed["mkdocs"]) > 50
    for path, content in fed["mkdocs"].items():
        assert generated.get(path) == content, f"{path}: the engine got other text than generate writes"
    # Everything generate writes reaches the engine, except hand-written pages the hook leaves alone.
    untouched = {p.relative_to(kb / "docs").as_posix() for p in (kb / "docs").rglob("*") if p.is_file()}
    assert set(generated) - set(fed["mkdocs"]) <= untouched
    assert "contribute.md" in fed["mkdocs"]  # the guide, with its field list
    assert "| `countries[].role` | yes |" in fed["mkdocs"]["contribute.md"].decode()


def test_both_engines_build_the_same_pages_with_the_same_provenance(builds):
    sites = {engine: site for engine, (site, _) in builds.items()}
    pages = {engine: sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
             for engine, site in sites.items()}
    assert pages["mkdocs"] == pages["properdocs"]
    for site in sites.values():
        entry = (site / "activities/cambodia-china-rice/index.html").read_text(encoding="utf-8")
        assert 'href="https://example.org/ssc/kb/edit/main/activities/cambodia-china-rice.md"' in entry
        assert 'rel="edit"' not in (site / "countries/index.html").read_text(encoding="utf-8")
