"""Compiled templates kept between builds: reused while a template is unchanged, never served stale."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest

from conftest import FIXTURE, run_mkdocs
from ssckb import template_cache


def _environment(templates: Path) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(templates), bytecode_cache=template_cache.bytecode_cache())


@pytest.fixture
def counted_compiles(monkeypatch):
    """How many times Jinja compiles a template's source."""
    compiles = []
    original = jinja2.Environment.compile

    def compile_and_count(self, source, *args, **kwargs):
        compiles.append(source)
        return original(self, source, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", compile_and_count)
    return compiles


def test_a_template_is_compiled_once_and_again_when_its_text_changes(tmp_path, monkeypatch, counted_compiles):
    monkeypatch.setenv("SSCKB_TEMPLATE_CACHE", str(tmp_path / "cache"))
    (tmp_path / "page.html").write_text("Hello {{ name }}")
    assert _environment(tmp_path).get_template("page.html").render(name="Ana") == "Hello Ana"
    assert _environment(tmp_path).get_template("page.html").render(name="Ana") == "Hello Ana"
    assert len(counted_compiles) == 1  # the second build read the compiled code
    (tmp_path / "page.html").write_text("Goodbye {{ name }}")
    assert _environment(tmp_path).get_template("page.html").render(name="Ana") == "Goodbye Ana"
    assert len(counted_compiles) == 2


def test_a_broken_or_unwritable_cache_only_costs_a_compile(tmp_path, monkeypatch, counted_compiles):
    cache = tmp_path / "cache"
    monkeypatch.setenv("SSCKB_TEMPLATE_CACHE", str(cache))
    (tmp_path / "page.html").write_text("Hello {{ name }}")
    _environment(tmp_path).get_template("page.html")
    for compiled in cache.iterdir():
        compiled.write_bytes(compiled.read_bytes()[:20])  # cut short, as by a full disk
    assert _environment(tmp_path).get_template("page.html").render(name="Ana") == "Hello Ana"
    environment = _environment(tmp_path)
    shutil.rmtree(cache)  # gone while building: nowhere to write the compiled code
    (tmp_path / "other.html").write_text("Bye")
    assert environment.get_template("other.html").render() == "Bye"


def test_the_cache_can_be_switched_off_or_be_impossible(tmp_path, monkeypatch):
    monkeypatch.setenv("SSCKB_TEMPLATE_CACHE", "off")
    assert template_cache.bytecode_cache() is None
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("SSCKB_TEMPLATE_CACHE", str(tmp_path / "a-file" / "cache"))
    assert template_cache.bytecode_cache() is None


def test_a_build_from_the_cache_is_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SSCKB_TEMPLATE_CACHE", str(tmp_path / "cache"))
    cold, warm = tmp_path / "cold", tmp_path / "warm"
    assert run_mkdocs(FIXTURE, cold).returncode == 0
    def compiled() -> list:
        return sorted((p.name, p.stat().st_mtime_ns) for p in (tmp_path / "cache").iterdir())

    first = compiled()
    assert len(first) > 30  # Material's templates and ours
    assert run_mkdocs(FIXTURE, warm).returncode == 0
    assert compiled() == first  # nothing compiled again

    def files(site: Path) -> dict:
        return {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    assert files(cold) == files(warm)
