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
from ssckb.placeholders import MARK
from ssckb.reference import GROWING_REGISTRIES, anchor, field_paths
from ssckb.scaffold import ScaffoldError, create_entry, scaffold_text
from ssckb.loading import ENTRY_FOLDERS
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
    # 1. Scaffold: a file named after the title, whose placeholders the check names until they are replaced.
    result = build_py(clone, "new", "activity", TITLE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ENTRY
    assert f"python build.py check {ENTRY}" in result.stderr  # the next step is spelt out
    path = clone / ENTRY
    untouched = build_py(clone, "check", ENTRY)
    assert untouched.returncode == 1
    assert [line.split(": ")[1] for line in untouched.stdout.splitlines()] == [
        "summary", "years.start", "countries[0].country", "countries[1].country", "body"]
    assert all(f"the placeholder {MARK} from 'build.py new' is still here" in line
               for line in untouched.stdout.splitlines())

    # 2. Fill it in, with three typical mistakes: a country written as a name, the summary left out,
    #    a lesson id misspelt.
    text = path.read_text(encoding="utf-8")
    text = text.replace(f"  - {{country: {MARK}, role: provider}}\n  - {{country: {MARK}, role: learner}}",
                        "  - {country: PER, role: provider}\n  - {country: Rwanda, role: learner}")
    text = text.replace(f"years: {{start: {MARK}}}", "years: {start: 2010}")
    text = text[:text.index("\n---\n") + 5] + "\nRwandan farmers visited a learning route in Peru.\n"
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


# --- A valid contribution is a green pull request ---------------------------------------------------

INSTITUTION = """- id: rwanda-agriculture-board
  name: Rwanda Agriculture Board
  acronym: RAB
  type: government
  country: RWA
"""
ADDED = {
    "activities/rab-visits-peru.md": """---
id: rab-visits-peru
title: "Rwanda Agriculture Board staff visit Peru"
summary: "Staff of the Rwanda Agriculture Board learn how Peruvian farmers sell to new markets."
years: {start: 2012, end: 2013}
countries:
  - {country: PER, role: provider}
  - {country: RWA, role: learner}
themes: [value-chains]
modalities: [exposure-visit]
participants: [project-staff]
institutions:
  - {institution: rwanda-agriculture-board, role: partner}
lessons: [lesson-1-champions]
sources:
  - {source: ifad-repl-ix-3-r-3, locations: ["Annex I, paragraph 12"]}
---

Staff of the [Rwanda Agriculture Board](../institutions/rwanda-agriculture-board.md) visited
[the route in Peru](../learning_routes/ecuador-peru-market-access.md).
""",
    "lessons/champions-are-found-at-home.md": """---
id: champions-are-found-at-home
title: "Champions are found at home"
statement: "The best hosts of an exchange are people who did it themselves."
learned_by: ifad
sources:
  - {source: ifad-repl-ix-3-r-3, locations: ["Annex III, paragraph 2"]}
---

A lesson, in a contributor's own words.
""",
    "learning_routes/rwanda-route.md": """---
id: rwanda-route
title: "A learning route in Rwanda"
summary: "Farmers from Peru visit cooperatives in Rwanda."
countries_visited: [RWA]
themes: [producer-organizations]
participants: [farmers]
sources:
  - {source: ifad-repl-ix-3-r-3, locations: ["Annex I, paragraph 15"]}
---

A route, in a contributor's own words.
""",
}


def test_a_valid_contribution_keeps_every_check_green(tmp_path):
    """An institution, an activity naming it, a lesson and a learning route, added as a contributor adds
    them: the check, the guide's check and the content and guide tests all pass, with nothing regenerated."""
    root = tmp_path / "repo"
    shutil.copytree(REPO, root, ignore=lambda folder, names: [n for n in names if n in IGNORED or n.endswith(".pyc")])
    registry = root / "ssckb/vocabularies/institutions.yml"
    registry.write_text(registry.read_text(encoding="utf-8").rstrip("\n") + "\n" + INSTITUTION, encoding="utf-8")
    for rel, text in ADDED.items():
        (root / rel).write_text(text, encoding="utf-8")
    check = build_py(root, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    # Written in English only: each new entry is warned of its missing translations, and nothing else.
    assert sorted(line.split(":", 1)[0] for line in check.stdout.splitlines()) == sorted(ADDED)
    assert all(": translations: warning: the title and " in line for line in check.stdout.splitlines())
    assert f"0 error(s), {len(ADDED)} warning(s)." in check.stderr
    guide_check = build_py(root, "guide", "--check")
    assert guide_check.returncode == 0, guide_check.stdout + guide_check.stderr
    out = tmp_path / "pages"
    generate = build_py(root, "generate", str(out))  # the copy's own engine and registry
    assert generate.returncode == 0, generate.stdout + generate.stderr
    assert f"0 error(s), {len(ADDED)} warning(s)." in generate.stderr
    institution_page = (out / "institutions/rwanda-agriculture-board.md").read_text(encoding="utf-8")
    assert "../activities/rab-visits-peru.md" in institution_page
    for page in ("activities/index.md", "lessons/index.md", "learning_routes/index.md"):
        assert any(name in (out / page).read_text(encoding="utf-8")
                   for name in ("rab-visits-peru.md", "champions-are-found-at-home.md", "rwanda-route.md")), page
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_content.py",
                            "tests/test_contributor.py", "-k", "content or guide or contributing or criteria"],
                           cwd=root, capture_output=True, text=True, timeout=900)
    assert tests.returncode == 0, tests.stdout[-3000:]


# --- The scaffold ---------------------------------------------------------------------------------

SCAFFOLDED_KINDS = ENTRY_KINDS


@pytest.mark.parametrize("kind", SCAFFOLDED_KINDS)
def test_scaffold_explains_every_field_and_validates(kind, tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE, root)
    vocabularies = load_vocabularies(root=root)
    text = scaffold_text(kind, "scaffolded", "A scaffolded entry", 2026, vocabularies)
    folder = ENTRY_FOLDERS[kind]
    (root / folder).mkdir(exist_ok=True)
    (root / folder / "scaffolded.md").write_text(text)
    _, problems = load_knowledge_base(root)
    # Nothing but the placeholders, one error each.
    assert [p.field for p in problems] == {
        "activity": ["summary", "years.start", "countries[0].country", "countries[1].country", "body"],
        "lesson": ["statement", "body"], "learning_route": ["summary", "countries_visited[0]", "body"],
        "request": ["statement", "requester.countries[0]", "body"],
        "offer": ["statement", "provider.countries[0]", "body"]}[kind]
    assert all(p.is_error and MARK in p.message for p in problems)
    filled = text.replace(f"{{start: {MARK}}}", "{start: 2009}").replace(f"[{MARK}]", "[PER]")
    filled = filled.replace(f"{MARK}, role: provider", "BRA, role: provider").replace(f"{MARK}, role: learner",
                                                                                       "MOZ, role: learner")
    (root / folder / "scaffolded.md").write_text(filled.replace(f"{MARK} ", ""))
    _, problems = load_knowledge_base(root)
    # The other example values validate; written in English only, the entry is warned of its translations.
    assert [(p.field, p.is_coverage) for p in problems] == [("translations", True)]
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
    # The docs page, as the site shows it, holds the same field list, with links for the site.
    source = (REPO / guide.GUIDE_SOURCE).read_text(encoding="utf-8")
    for for_repository, link in ((True, "](ssckb/vocabularies/institutions.yml)"),
                                 (False, "](reference/fields.md#allowed-institutions)")):
        page = guide.expand(source, vocabularies, for_repository=for_repository)
        section = page[page.index(guide.BEGIN):page.index(guide.END)]
        assert "| `countries[].role` | yes |" in section
        if for_repository:
            assert section.replace("](../ssckb/", "](ssckb/") in contributing
        assert link in (section if not for_repository else contributing)


def test_guide_names_every_field_and_every_allowed_value(contributing):
    vocabularies = load_vocabularies(root=REPO)
    section = contributing[contributing.index(guide.BEGIN):contributing.index(guide.END)]
    for kind in (*ENTRY_KINDS, "source", "institution"):
        schema = load_schema(kind)
        title = {"activity": "### Activities", "lesson": "### Lessons", "learning_route": "### Learning routes",
                 "request": "### Knowledge requests (requests/)", "offer": "### Knowledge offers (offers/)",
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
    for name in ("themes", "modalities", "participant_types", "funding_natures", "regions", "languages", "countries"):
        assert len(vocabularies[name]) > 0
        for term in vocabularies[name]:
            assert f"| `{term.id}` |" in section, f"{name}: {term.id} missing from the guide"
    # The registries contributors add to are not copied (a new one would make the guide stale): linked.
    for name in GROWING_REGISTRIES:
        assert f"[`ssckb/vocabularies/{name}.yml`](ssckb/vocabularies/{name}.yml)" in section
        assert all(f"| `{term.id}` |" not in section for term in vocabularies[name]), name


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
    (root / "ssckb/vocabularies").mkdir(parents=True)
    for name in GROWING_REGISTRIES:  # the guide links to them
        (root / f"ssckb/vocabularies/{name}.yml").write_text("[]\n")
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
