"""A stranger's pull request, played on a fresh clone of the repository with nothing beside it.

Someone who has never contributed clones the repository (as on GitHub: no folder beside it, no site
built), adds a source with ``build.py new source``, an activity citing it at ``page 12`` with
``build.py new activity``, and the institution that hosted the activity to the registry, as the
contributor guide says. Then what the pull request's checks run must pass: ``build.py check``, the
strict build, and the content and guide tests of the test suite; and the new activity must be on every page
it belongs to, its source's page among them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from sitecheck import links_of, page_file

SOURCE_TITLE = "Farmer field schools in East Africa: ten years on"
SOURCE_ID = "farmer-field-schools-in-east-africa-ten-years-on"
ACTIVITY_TITLE = "Kenyan farmer field school facilitators train their peers in Malawi"
ACTIVITY_ID = "kenyan-farmer-field-school-facilitators-train-their-peers"  # cut to at most 60 characters
INSTITUTION = """- id: kalro
  name: Kenya Agricultural and Livestock Research Organization
  acronym: KALRO
  type: research
  country: KEN
"""
#: The tests run on the clone: those that check the knowledge base's content and pages without a
#: browser, in a few minutes, and those of the contributor guide, the issue forms and the pull request
#: template, which a new institution or source must not make stale (issue 12, item 2). Browser tests
#: need Chromium and check rendering, not content.
GUIDE_TESTS = [f"tests/test_contributor.py::{name}" for name in (
    "test_contributing_md_is_the_guide_with_its_field_list", "test_guide_names_every_field_and_every_allowed_value",
    "test_guide_links_work_in_the_repository", "test_guide_refuses_links_the_repository_cannot_follow",
    "test_five_criteria_in_the_guide_pr_template_and_issue_form")] + [f"tests/test_github.py::{name}" for name in (
        "test_propose_forms_match_the_schema_and_vocabularies", "test_report_a_mistake_form_is_valid",
        "test_pull_request_template_has_the_contributor_and_reviewer_checklists")]
CONTENT_TESTS = ["tests/test_content.py", "tests/test_golden.py", "tests/test_validation.py", "tests/test_sources.py",
                 "tests/test_views.py", "tests/test_schemas_published.py", "tests/test_links.py", *GUIDE_TESTS]
IGNORED = {".git", ".venv", "site", "site-offline", "__pycache__", ".pytest_cache", ".hypothesis"}


def _env(**extra) -> dict:
    env = dict(os.environ, GIT_AUTHOR_NAME="Stranger", GIT_AUTHOR_EMAIL="stranger@example.org",
               GIT_COMMITTER_NAME="Stranger", GIT_COMMITTER_EMAIL="stranger@example.org", NO_MKDOCS_2_WARNING="1")
    for name in ("SSCKB_DUMP_DIR", "SSCKB_PREVIEW", "SSCKB_SITE_DIR"):
        env.pop(name, None)
    env.update(extra)
    return env


def run(cwd: Path, *args, timeout: int = 600, **env) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, timeout=timeout, env=_env(**env))


def build_py(clone: Path, *args, **env) -> subprocess.CompletedProcess:
    return run(clone, sys.executable, "build.py", *args, **env)


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A fresh clone, alone in its folder, of the repository as it is now (this work tree committed)."""
    upstream = tmp_path_factory.mktemp("upstream") / "repo"
    upstream.mkdir()
    run(upstream, "git", "init", "-q", "-b", "main")
    shutil.copytree(REPO, upstream, dirs_exist_ok=True,
                    ignore=lambda folder, names: [n for n in names if n in IGNORED or n.endswith(".pyc")])
    run(upstream, "git", "add", "-A")
    assert run(upstream, "git", "commit", "-q", "-m", "The project as it is now").returncode == 0
    target = tmp_path_factory.mktemp("stranger") / "ssc-knowledge-base"
    assert run(target.parent, "git", "clone", "-q", str(upstream), str(target)).returncode == 0
    assert sorted(p.name for p in target.parent.iterdir()) == ["ssc-knowledge-base"]  # nothing beside it
    return target


def _fill_source(clone: Path) -> None:
    path = clone / "sources" / f"{SOURCE_ID}.md"
    text = path.read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    lines = front.split("\n")
    fill = {"publisher:": 'publisher: "Kenya Agricultural and Livestock Research Organization"',
            "year:": "year: 2019",
            "url:": 'url: "https://example.org/kalro/farmer-field-schools-report.pdf"'}
    lines = [next((value for key, value in fill.items() if line.startswith(key)), line) for line in lines]
    path.write_text("\n".join(lines) + "\n---\n\nA report on the farmer field schools that Kenyan research "
                    "stations ran with smallholders, and on the facilitators they trained.\n", encoding="utf-8")
    assert body.strip()  # the scaffold had a description to replace


ACTIVITY = """---
id: ACTIVITY_ID
title: "ACTIVITY_TITLE"
summary: "Facilitators of Kenyan farmer field schools train extension workers in Malawi to run their own."
years: {start: 2017, end: 2018}
countries:
  - {country: KEN, role: provider}
  - {country: MWI, role: learner}
themes: [agricultural-technologies, natural-resources]
modalities: [training, exposure-visit]
participants: [farmers, project-staff]
institutions:
  - {institution: kalro, role: host}
  - {institution: ifad, role: funder}
sources:
  - source: SOURCE_ID
    locations: ["page 12"]
---

Extension workers from Malawi spent two seasons with farmer field schools in western Kenya, then
started schools of their own with the Kenyan facilitators' help.
""".replace("ACTIVITY_ID", ACTIVITY_ID).replace("ACTIVITY_TITLE", ACTIVITY_TITLE).replace("SOURCE_ID", SOURCE_ID)


def test_a_strangers_pull_request(clone, tmp_path):
    # 1. A new source: the command prints its file and its id.
    result = build_py(clone, "new", "source", SOURCE_TITLE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"sources/{SOURCE_ID}.md"
    assert f"Its id is {SOURCE_ID}" in result.stderr
    assert build_py(clone, "check", f"sources/{SOURCE_ID}.md").returncode == 1  # placeholders left
    _fill_source(clone)
    result = build_py(clone, "check", f"sources/{SOURCE_ID}.md")
    assert result.returncode == 0, result.stdout

    # 2. A new activity citing it at page 12, hosted by an institution added to the registry.
    result = build_py(clone, "new", "activity", ACTIVITY_TITLE)
    assert result.returncode == 0, result.stderr
    entry = result.stdout.strip()
    assert entry == f"activities/{ACTIVITY_ID}.md"
    (clone / entry).write_text(ACTIVITY, encoding="utf-8")
    with open(clone / "ssckb/vocabularies/institutions.yml", "a", encoding="utf-8") as registry:
        registry.write(INSTITUTION)

    # 3. The checks of the pull request.
    result = build_py(clone, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    # Written in English only: warned of its missing translations (a warning fails no build), and nothing else.
    assert result.stdout.startswith(f"activities/{ACTIVITY_ID}.md:3: translations: warning: "), result.stdout
    assert result.stderr.strip().endswith("0 error(s), 1 warning(s).")
    run(clone, "git", "checkout", "-q", "-b", "add-kenya-malawi")
    run(clone, "git", "add", "-A")
    assert run(clone, "git", "commit", "-q", "-m", "Add an activity and its source").returncode == 0
    changed = build_py(clone, "check", "--changed", "--base", "main")
    assert changed.returncode == 0, changed.stdout + changed.stderr

    # 4. The build, as the site is built (validation, then MkDocs --strict).
    site_dir = tmp_path / "site"
    result = build_py(clone, "build", SSCKB_SITE_DIR=str(site_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    entry_html = page_file(site_dir, entry).relative_to(site_dir).as_posix()
    assert (site_dir / entry_html).is_file()
    pages = ["countries/kenya.md", "countries/malawi.md", "regions/east-southern-africa.md", "years/2017.md",
             "years/2018.md", "themes/agricultural-technologies.md", "themes/natural-resources.md",
             "modalities/training.md", "modalities/exposure-visit.md", "participants/farmers.md",
             "participants/project-staff.md", "institutions/kalro.md", "institutions/ifad.md",
             "scopes/intraregional.md", "activities/index.md",
             f"sources/{SOURCE_ID}.md"]
    for page in pages:
        assert entry_html in links_of(site_dir, page_file(site_dir, page)), f"{entry} missing from {page}"
    source_html = page_file(site_dir, f"sources/{SOURCE_ID}.md").relative_to(site_dir).as_posix()
    assert source_html in links_of(site_dir, page_file(site_dir, entry))  # the entry links its source
    assert source_html in links_of(site_dir, page_file(site_dir, "sources/index.md"))
    source_page = (site_dir / source_html).read_text(encoding="utf-8")
    assert "page 12" in source_page and "Kenya Agricultural and Livestock Research Organization" in source_page

    # 5. The content and guide tests of the suite, on the clone.
    result = run(clone, sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *CONTENT_TESTS,
                 timeout=1500)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and " deselected" not in result.stdout  # every test named was run
