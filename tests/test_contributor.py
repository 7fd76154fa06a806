"""The contributor's path, tried as a new contributor would: on a fresh clone, scaffold an entry,
make three typical mistakes, read the messages, fix them, build, and find the entry on its pages.
Also: the scaffold, the contributor guide's completeness, and the guide kept in step with its copies."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE, REPO
from sitecheck import links_of, page_file
from ssckb import guide
from ssckb.indexes import DIMENSIONS
from ssckb.reference import anchor, field_paths
from ssckb.scaffold import ScaffoldError, create_entry, scaffold_text
from ssckb.schemas import ENTRY_KINDS, load_schema
from ssckb.site import build_site
from ssckb.validation import load_knowledge_base
from ssckb.vocabularies import load_vocabularies

TITLE = "Rwanda learns from Peru"
ENTRY = "activities/rwanda-learns-from-peru.md"
REPO_URL = "https://example.org/ssc/knowledge-base"
COMMIT_DATE = "2030-01-02T10:00:00+00:00"
IGNORED = {".git", ".venv", "site", "site-offline", ".pytest_cache", ".hypothesis", "node_modules", "__pycache__"}


def _git_env(home: Path, date: str | None = None) -> dict:
    env = {"GIT_AUTHOR_NAME": "Contributor", "GIT_AUTHOR_EMAIL": "contributor@example.org",
           "GIT_COMMITTER_NAME": "Contributor", "GIT_COMMITTER_EMAIL": "contributor@example.org",
           "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    return env


def git(cwd: Path, *args, date: str | None = None) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                            env=_git_env(cwd.parent, date))
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


def build_py(cwd: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "build.py", *args], cwd=cwd, capture_output=True, text=True,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))


@pytest.fixture(scope="module")
def upstream(tmp_path_factory) -> Path:
    """The project's repository as a contributor finds it: this repository's history, with the work
    tree as it is now committed on top, so that the walk-through tries the code under test."""
    base = tmp_path_factory.mktemp("upstream")
    target = base / "repo"
    if (REPO / ".git").exists():
        subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(REPO), str(target)], check=True,
                       capture_output=True, env=_git_env(base))
        git(target, "checkout", "-q", "-B", "main")
    else:
        target.mkdir()
        git(target, "init", "-q", "-b", "main")
    for path in sorted(target.iterdir()):
        if path.name != ".git":
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    shutil.copytree(REPO, target, dirs_exist_ok=True,
                    ignore=lambda folder, names: [n for n in names if n in IGNORED or n.endswith(".pyc")])
    git(target, "add", "-A")
    git(target, "commit", "-q", "--allow-empty", "-m", "The project as it is now", date="2029-12-31T10:00:00+00:00")
    return target


@pytest.fixture(scope="module")
def clone(upstream, tmp_path_factory) -> Path:
    """A contributor's fresh clone."""
    target = tmp_path_factory.mktemp("contributor") / "ssc-knowledge-base"
    subprocess.run(["git", "clone", "-q", str(upstream), str(target)], check=True, capture_output=True,
                   env=_git_env(target.parent))
    return target


def _guide_example_lines() -> list[str]:
    """The example messages the guide shows for the three typical mistakes."""
    text = (REPO / guide.GUIDE_SOURCE).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip().startswith(f"{ENTRY}:")]


def test_walk_through_scaffold_mistakes_fix_build(clone, tmp_path):
    # 1. Scaffold: a valid file, named after the title.
    result = build_py(clone, "new", "activity", TITLE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ENTRY
    assert f"python build.py check {ENTRY}" in result.stderr  # the next step is spelt out
    path = clone / ENTRY
    assert build_py(clone, "check", ENTRY).returncode == 0

    # 2. Fill it in, with three typical mistakes: a country written as a name, the summary left out,
    #    a lesson id misspelt.
    text = path.read_text(encoding="utf-8")
    text = text.replace("  - {country: BRA, role: provider}\n  - {country: MOZ, role: learner}",
                        "  - {country: PER, role: provider}\n  - {country: Rwanda, role: learner}")
    text = re.sub(r"^summary: .*\n", "", text, flags=re.M)
    text = text.replace("# lessons: [lesson-id]", "lessons: [lesson-1-champion]")
    text = text.replace("themes: [value-chains]", "themes: [value-chains, producer-organizations]")
    path.write_text(text, encoding="utf-8")

    # 3. Three messages, each naming the file, the line, the field and the fix.
    result = build_py(clone, "check", ENTRY)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3, result.stdout
    for line in lines:
        assert re.match(rf"^{re.escape(ENTRY)}:\d+: \S+: .+", line), line
    by_field = {line.split(": ")[1]: line for line in lines}
    assert "did you mean RWA (Rwanda)?" in by_field["countries[1].country"]
    assert "missing required field 'summary'" in by_field["summary"]
    assert "did you mean 'lesson-1-champions'?" in by_field["lessons[0]"]
    for line in lines:  # each line points at the line of the file that holds the mistake
        number = int(line.split(":")[1])
        source_line = text.splitlines()[number - 1]
        field = line.split(": ")[1]
        expected = {"countries[1].country": "Rwanda", "lessons[0]": "lesson-1-champion", "summary": "---"}[field]
        assert expected in source_line, (line, source_line)
    # The guide shows exactly these messages.
    assert sorted(_guide_example_lines()) == sorted(lines), "update the example in docs/contribute.md"

    # The same problems, for the changed files only, and as annotations on a pull request.
    changed = build_py(clone, "check", "--changed")
    assert changed.returncode == 1 and changed.stdout.splitlines() == lines
    annotations = build_py(clone, "check", "--changed", "--format", "github").stdout.splitlines()
    assert len(annotations) == 3
    for annotation in annotations:
        assert re.match(rf"^::error file={re.escape(ENTRY)},line=\d+,title=\S+::.+", annotation), annotation

    # 4. Fix them: the check passes.
    text = text.replace("{country: Rwanda,", "{country: RWA,").replace("lesson-1-champion]", "lesson-1-champions]")
    summary = 'summary: "Rwandan farmers visit a learning route in Peru."\n'
    text = text.replace('title: "Rwanda learns from Peru"\n', 'title: "Rwanda learns from Peru"\n' + summary)
    path.write_text(text, encoding="utf-8")
    result = build_py(clone, "check", ENTRY)
    assert result.returncode == 0, result.stdout
    assert build_py(clone, "check").returncode == 0
    git(clone, "add", ENTRY)
    git(clone, "commit", "-q", "-m", f"Add {TITLE}", date=COMMIT_DATE)

    # 5. Build as the site is built, and find the entry on its pages.
    site_dir = tmp_path / "site"
    env = dict(os.environ, SSCKB_SITE_DIR=str(site_dir), SSCKB_REPO_URL=REPO_URL, NO_MKDOCS_2_WARNING="1")
    env.pop("SSCKB_DUMP_DIR", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=clone, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    entry_html = page_file(site_dir, ENTRY).relative_to(site_dir).as_posix()
    assert (site_dir / entry_html).is_file()
    site = build_site(clone)
    kb = site.knowledge_base
    entry = kb.entries["activity"]["rwanda-learns-from-peru"]
    pages = []
    for dimension in DIMENSIONS:
        for term_id in dimension.terms_of(kb, entry):
            pages.append(dimension.page_path(term_id, kb))
    for expected in ("countries/rwanda.md", "countries/peru.md", "themes/value-chains.md",
                     "themes/producer-organizations.md", "activities/index.md"):
        assert expected in pages + ["activities/index.md"]
    for page in pages + ["activities/index.md", "lessons/lesson-1-champions.md"]:
        assert entry_html in links_of(site_dir, page_file(site_dir, page)), f"{ENTRY} missing from {page}"

    # Provenance: the edit button opens the entry's own file; the date is its commit's; the source is cited.
    html = (site_dir / entry_html).read_text(encoding="utf-8")
    assert f'href="{REPO_URL}/edit/main/{ENTRY}"' in html
    assert "2030-01-02" in html
    assert "REPL.IX/3/R.3: Annex I, paragraph 1." in html
    generated = page_file(site_dir, "countries/rwanda.md").read_text(encoding="utf-8")
    assert 'rel="edit"' not in generated  # generated pages have no edit button
    guide_page = page_file(site_dir, "contribute.md").read_text(encoding="utf-8")
    assert f'href="{REPO_URL}/edit/main/docs/contribute.md"' in guide_page


# --- The scaffold ---------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ENTRY_KINDS)
def test_scaffold_explains_every_field_and_validates(kind, tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE, root)
    vocabularies = load_vocabularies(root=root)
    text = scaffold_text(kind, "scaffolded", "A scaffolded entry", 2026, vocabularies)
    folder = {"activity": "activities", "lesson": "lessons", "learning_route": "learning_routes"}[kind]
    (root / folder / "scaffolded.md").write_text(text)
    _, problems = load_knowledge_base(root)
    assert problems == []
    schema = load_schema(kind)
    for name, field in schema["properties"].items():
        status = "required" if name in schema["required"] else "optional"
        assert f"# {name} ({status}): " in text, name
        nested = field.get("items") if field.get("type") == "array" else field
        for inner in (nested or {}).get("properties", {}):
            assert f"Field '{inner}'" in text, f"{name}.{inner}"
    # Short vocabularies are listed in full; long ones say where they are.
    for term in vocabularies["themes"]:
        assert term.id in text
    assert "ssckb/vocabularies/institutions.yml" in text
    assert f"python build.py check {folder}/scaffolded.md" in text


def test_scaffold_refuses_collisions_and_unusable_titles(tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE, root)
    path = create_entry(root, "activity", "  Rwanda   visits Peru! ")
    assert path == root / "activities/rwanda-visits-peru.md"
    assert 'title: "Rwanda visits Peru!"' in path.read_text()
    before = path.read_bytes()
    with pytest.raises(ScaffoldError, match="already exists; choose another title"):
        create_entry(root, "activity", "Rwanda visits: Peru")  # the same id
    assert path.read_bytes() == before  # never overwritten
    with pytest.raises(ScaffoldError, match="already exists"):
        create_entry(root, "activity", "Cambodia China rice")  # an id already in the fixture
    for title, message in (("", "give the activity a title"), ("ab", "too short"), ("x" * 201, "too long"),
                           ("Index", "reserved"), ("¿¿¿ ???", "cannot make an id")):
        with pytest.raises(ScaffoldError, match=message):
            create_entry(root, "activity", title)
    assert create_entry(root, "route", "Rwanda visits Peru").parent.name == "learning_routes"


def test_new_refuses_with_a_message_and_no_traceback(tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE, root)
    assert build_py(REPO, "new", "lesson", "Champions matter", "--root", str(root)).returncode == 0
    again = build_py(REPO, "new", "lesson", "Champions matter", "--root", str(root))
    assert again.returncode == 1
    assert again.stderr.startswith("error: lessons/champions-matter.md already exists; choose another title")
    assert "Traceback" not in again.stderr


# --- check: files and --changed ---------------------------------------------------------------------

def test_check_names_files_that_are_not_entries(tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE, root)
    missing = build_py(REPO, "check", "--root", str(root), str(root / "activities/nope.md"))
    assert missing.returncode == 1
    assert missing.stdout.splitlines() == ["activities/nope.md:1: -: no such file; check the name and the folder"]
    other = build_py(REPO, "check", "--root", str(root), str(root / "docs/index.md"))
    assert other.returncode == 0
    assert "docs/index.md is not an entry file" in other.stderr


def test_check_changed_vocabulary_checks_every_entry(tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE, root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "feature")
    registry = root / "vocabularies/institutions.yml"
    # Removing an institution breaks entries that were not changed themselves.
    text = registry.read_text()
    start = text.index("- id: yaas")
    end = text.find("\n- id:", start + 1)
    registry.write_text(text[:start] + (text[end + 1:] if end > 0 else ""))
    result = build_py(REPO, "check", "--root", str(root), "--changed", "--base", "main")
    assert result.returncode == 1
    assert "unknown institution 'yaas'" in result.stdout
    bad_base = build_py(REPO, "check", "--root", str(root), "--changed", "--base", "no-such-branch")
    assert bad_base.returncode == 1
    assert "cannot compare with 'no-such-branch'" in bad_base.stderr and "--base" in bad_base.stderr
    assert "Traceback" not in bad_base.stderr


# --- The contributor guide ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def contributing() -> str:
    return (REPO / guide.CONTRIBUTING).read_text(encoding="utf-8")


def test_contributing_md_is_the_guide_with_its_field_list(contributing):
    vocabularies = load_vocabularies(root=REPO)
    assert contributing == guide.contributing_text(REPO, vocabularies), \
        "CONTRIBUTING.md is out of date: run python build.py guide"
    assert guide.stale_files(REPO) == []
    # The docs page, as the site shows it, holds the same field list.
    page = guide.expand((REPO / guide.GUIDE_SOURCE).read_text(encoding="utf-8"), vocabularies)
    section = page[page.index(guide.BEGIN):page.index(guide.END)]
    assert section in contributing
    assert "| `countries[].role` | yes |" in section


def test_guide_names_every_field_and_every_allowed_value(contributing):
    vocabularies = load_vocabularies(root=REPO)
    section = contributing[contributing.index(guide.BEGIN):contributing.index(guide.END)]
    for kind in (*ENTRY_KINDS, "source", "institution"):
        schema = load_schema(kind)
        title = {"activity": "### Activities", "lesson": "### Lessons", "learning_route": "### Learning routes",
                 "source": "### Sources (sources/)", "institution": "### The institutions registry"}[kind]
        start = section.index(title)
        table = section[start:section.index("\n### ", start + 1)]
        for path in field_paths(schema):
            assert f"| `{path}` |" in table, f"{kind}: {path} missing from the guide"

        def enums(node):
            if isinstance(node, dict):
                yield from node.get("enum", [])
                for value in node.values():
                    yield from enums(value)
        for value in enums(schema):
            assert f"`{value}`" in table, f"{kind}: allowed value {value} missing"
    for name in ("themes", "modalities", "participant_types", "funding_natures", "regions", "languages",
                 "institutions", "countries"):
        assert len(vocabularies[name]) > 0
        for term in vocabularies[name]:
            assert f"| `{term.id}` |" in section, f"{name}: {term.id} missing from the guide"


def test_guide_links_work_in_the_repository(contributing):
    headings = {anchor(re.sub(r"[`*]", "", line.lstrip("#").strip()))
                for line in contributing.splitlines() if line.startswith("#")}
    for target in re.findall(r"\]\(([^)\s]+)\)", contributing):
        if re.match(r"^[a-z]+:", target):
            continue
        path, _, fragment = target.partition("#")
        if path:
            assert (REPO / path).exists(), f"CONTRIBUTING.md links to missing {path}"
        else:
            assert fragment in headings, f"CONTRIBUTING.md links to missing heading #{fragment}"


def test_guide_refuses_links_the_repository_cannot_follow(tmp_path):
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    (root / "docs/about.md").write_text("# About\n")
    source = f"[about](about.md) [generated](themes/index.md)\n{guide.BEGIN}\n{guide.END}\n"
    (root / guide.GUIDE_SOURCE).write_text(source)
    with pytest.raises(guide.GuideError, match="themes/index.md"):
        guide.contributing_text(root, load_vocabularies())
    (root / guide.GUIDE_SOURCE).write_text(source.replace(" [generated](themes/index.md)", ""))
    assert "](docs/about.md)" in guide.contributing_text(root, load_vocabularies())
    with pytest.raises(guide.GuideError, match="has no"):
        guide.expand(f"text\n{guide.BEGIN}\n", load_vocabularies())


def _criteria_headings() -> list[str]:
    text = (REPO / "docs/about/criteria.md").read_text(encoding="utf-8")
    return re.findall(r"^### \d\. (.+)$", text, flags=re.M)


def _words(text: str) -> set:
    return set(re.findall(r"[a-z]+", text.lower())) - {"s", "ifad"}


def test_five_criteria_in_the_guide_pr_template_and_issue_form(contributing):
    criteria = _criteria_headings()
    assert len(criteria) == 5 == len(guide.CRITERIA)
    for heading, label in zip(criteria, guide.CRITERIA):
        assert _words(heading) <= _words(label), (heading, label)
    checklist = re.findall(r"^\d\. \*\*(.+?)\.\*\*", contributing, flags=re.M)
    assert checklist == list(guide.CRITERIA)
    template = (REPO / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert re.findall(r"^- \[ \] \*\*(.+?)\*\*", template, flags=re.M) == list(guide.CRITERIA)
    form = (REPO / guide.ISSUE_FORM).read_text(encoding="utf-8")
    for label in guide.CRITERIA:
        assert label in form
