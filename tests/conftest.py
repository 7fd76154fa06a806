"""Shared test helpers: repository paths, MkDocs builds of the fixture and of the real site."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "kb"
sys.path.insert(0, str(REPO))

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


SYNTHETIC_SIZE = 1000
SOURCE_DATE_EPOCH = "1700000000"  # sitemaps carry the build date: fix it, so two builds can be compared


def run_mkdocs(config_dir: Path, site_dir: Path, *, offline: bool = False, strict: bool = True,
               command: str = "build", env: dict | None = None) -> subprocess.CompletedProcess:
    """Run MkDocs on the mkdocs.yml in ``config_dir`` into ``site_dir`` (``env``: more variables)."""
    env = dict(os.environ, SSCKB_SITE_DIR=str(site_dir), NO_MKDOCS_2_WARNING="1", **(env or {}))
    if offline:
        env["SSCKB_OFFLINE"] = "true"
    args = [sys.executable, "-m", "mkdocs", command] + (["--strict"] if strict else [])
    return subprocess.run(args, cwd=config_dir, env=env, capture_output=True, text=True, timeout=600)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on, for a server a test starts."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_fixture(tmp_path: Path) -> Path:
    """A writable copy of the fixture knowledge base whose mkdocs.yml still finds the hook."""
    target = tmp_path / "kb"
    shutil.copytree(FIXTURE, target)
    config = (target / "mkdocs.yml").read_text()
    config = config.replace("../../../hooks/", f"{REPO}/hooks/").replace("../../../overrides", f"{REPO}/overrides")
    (target / "mkdocs.yml").write_text(config)
    return target


def _built(tmp_path_factory, name: str, config_dir: Path, offline: bool = False) -> Path:
    site_dir = tmp_path_factory.mktemp(name) / "site"
    result = run_mkdocs(config_dir, site_dir, offline=offline)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real knowledge base built once with MkDocs --strict."""
    return _built(tmp_path_factory, "real", REPO)


@pytest.fixture(scope="session")
def real_offline_site(tmp_path_factory) -> Path:
    """The real knowledge base's offline build."""
    return _built(tmp_path_factory, "real-offline", REPO, offline=True)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fixture knowledge base (tests/fixtures/kb) built once with MkDocs --strict."""
    return _built(tmp_path_factory, "fixture", FIXTURE)


def build_languages(root: Path, site_dir: Path, codes, offline: bool = False) -> Path:
    """Build the languages ``codes`` of the knowledge base at ``root`` as `build.py build` does: English at
    the root of ``site_dir``, the others in their folders, each with MkDocs --strict."""
    from ssckb import language_sites
    from ssckb.i18n import LANGUAGES

    for code in codes:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SSCKB_SITE_DIR=str(site_dir / LANGUAGES[code].folder))
        if offline:
            env["SSCKB_OFFLINE"] = "true"
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                                 language_sites.config_name(code), "-d", str(site_dir / LANGUAGES[code].folder)],
                                cwd=root, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


@pytest.fixture(scope="session")
def offline_language_site(tmp_path_factory) -> Path:
    """The fixture knowledge base's offline copy in every language (read from file://), built once for
    every test module that opens it (the switcher, each language's search, axe in Arabic)."""
    from ssckb import language_sites
    from ssckb.i18n import LANGUAGES

    root = copy_fixture(tmp_path_factory.mktemp("offline-languages"))
    language_sites.write_configs(root)
    return build_languages(root, tmp_path_factory.mktemp("offline-language-site") / "site", LANGUAGES,
                           offline=True)


@pytest.fixture(scope="session")
def synthetic_kb(tmp_path_factory):
    """A synthetic knowledge base of SYNTHETIC_SIZE entries (tests/synthetic.py, seed 7): (root, manifest)."""
    from synthetic import write_synthetic_kb

    root = tmp_path_factory.mktemp("synthetic") / "kb"
    return root, write_synthetic_kb(root, SYNTHETIC_SIZE, seed=7)


@pytest.fixture(scope="session")
def synthetic_site(synthetic_kb, tmp_path_factory) -> Path:
    """The synthetic knowledge base built once with MkDocs --strict, dated SOURCE_DATE_EPOCH."""
    site_dir = tmp_path_factory.mktemp("synthetic-site") / "site"
    result = run_mkdocs(synthetic_kb[0], site_dir, env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for every browser test."""
    if not Path(CHROMIUM).exists():  # pragma: no cover - CI installs chromium (.ci/run)
        if os.environ.get("CI"):
            raise RuntimeError("CI needs Debian's chromium: apt-get install -y chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
