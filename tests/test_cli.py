"""build.py as contributors and CI use it: check, its formats and modes, new, generate, help."""

import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURE, REPO
from ssckb.scaffold import entry_id_from_title, scaffold_text
from ssckb.validation import load_knowledge_base


def build_py(*args, cwd=REPO):
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture
def kb_copy(tmp_path):
    target = tmp_path / "kb"
    shutil.copytree(FIXTURE, target)
    return target


def test_check_passes_on_the_fixture():
    result = build_py("check", "--root", str(FIXTURE))
    assert result.returncode == 0
    assert result.stdout == ""
    assert "0 error(s), 0 warning(s)." in result.stderr


def test_check_lists_every_problem_and_fails(kb_copy):
    path = kb_copy / "activities/cambodia-china-rice.md"
    path.write_text(path.read_text().replace("CHN", "Chinaa").replace("contributions:", "contributons:"))
    result = build_py("check", "--root", str(kb_copy))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "activities/cambodia-china-rice.md:7: countries[0].country: unknown country 'Chinaa'; did you mean CHN (China)?",
        "activities/cambodia-china-rice.md:15: contributons: unknown field 'contributons'; did you mean "
        "'contributions'?",
    ]
    assert "2 error(s), 0 warning(s)." in result.stderr


def test_check_github_annotations(kb_copy):
    path = kb_copy / "activities/cambodia-china-rice.md"
    path.write_text(path.read_text().replace("CHN", "Chinaa"))
    result = build_py("check", "--root", str(kb_copy), "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=activities/cambodia-china-rice.md,line=7,title=countries[0].country::unknown country "
        "'Chinaa'; did you mean CHN (China)?"]


def test_check_given_files_only(kb_copy):
    bad = kb_copy / "activities/cambodia-china-rice.md"
    bad.write_text(bad.read_text().replace("CHN", "Chinaa"))
    good = kb_copy / "activities/brazil-africa-marketplace.md"
    assert build_py("check", "--root", str(kb_copy), str(good)).returncode == 0
    assert build_py("check", "--root", str(kb_copy), str(bad)).returncode == 1


def _git(root, *args):
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin", "HOME": str(root)})


def test_check_changed_against_main(kb_copy):
    _git(kb_copy, "init", "-q", "-b", "main")
    _git(kb_copy, "add", "-A")
    _git(kb_copy, "commit", "-qm", "base")
    _git(kb_copy, "checkout", "-q", "-b", "feature")
    result = build_py("check", "--root", str(kb_copy), "--changed", "--base", "main")
    assert result.returncode == 0 and "No changed entry files." in result.stderr
    changed = kb_copy / "activities/cambodia-china-rice.md"
    changed.write_text(changed.read_text().replace("CHN", "Chinaa"))
    new = kb_copy / "activities/new-one.md"
    new.write_text(changed.read_text().replace("id: cambodia-china-rice", "id: new-one").replace("title: Cambodia",
                                                                                                 "title: New"))
    result = build_py("check", "--root", str(kb_copy), "--changed", "--base", "main")
    assert result.returncode == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [
        "activities/cambodia-china-rice.md", "activities/new-one.md"]


def test_an_untouched_scaffold_fails_the_check_naming_each_placeholder(tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE, root)
    for kind in ("activity", "lesson", "learning_route", "request", "offer"):
        folder = {"activity": "activities", "lesson": "lessons", "learning_route": "learning_routes",
                  "request": "requests", "offer": "offers"}[kind]
        (root / folder).mkdir(exist_ok=True)
        (root / folder / "scaffolded.md").write_text(scaffold_text(kind, "scaffolded", "A scaffolded entry", 2026))
    _, problems = load_knowledge_base(root)
    left = "the placeholder REPLACE-ME from 'build.py new' is still here; "
    body = left + "write the text below the front matter in your own words, with the facts as your source gives them"
    assert [(p.path, p.field, p.message) for p in problems] == [
        ("activities/scaffolded.md", "summary", left + "write one sentence in your own words: who learned what from whom"),
        ("activities/scaffolded.md", "years.start", left + "write the year the activity started, e.g. 2009"),
        ("activities/scaffolded.md", "countries[0].country",
         left + "write the country's ISO 3166-1 alpha-3 code, e.g. BRA (Brazil)"),
        ("activities/scaffolded.md", "countries[1].country",
         left + "write the country's ISO 3166-1 alpha-3 code, e.g. BRA (Brazil)"),
        ("activities/scaffolded.md", "body", body),
        ("learning_routes/scaffolded.md", "summary",
         left + "write one sentence in your own words: who learned what from whom"),
        ("learning_routes/scaffolded.md", "countries_visited[0]",
         left + "write the codes of the countries visited, e.g. [PER, BOL]"),
        ("learning_routes/scaffolded.md", "body", body),
        ("lessons/scaffolded.md", "statement", left + "write the lesson in one or two sentences, in your own words"),
        ("lessons/scaffolded.md", "body", body),
        ("offers/scaffolded.md", "statement",
         left + "write the experience that can be shared and what a learner would gain, in your own words"),
        ("offers/scaffolded.md", "provider.countries[0]", left + "write the codes of the countries that can share, "
         "e.g. [BRA], or give regions, institutions or organisation_types instead"),
        ("offers/scaffolded.md", "body", body),
        ("requests/scaffolded.md", "statement",
         left + "write what they want to learn and why, in one or two sentences, in your own words"),
        ("requests/scaffolded.md", "requester.countries[0]", left + "write the codes of the countries that want to "
         "learn, e.g. [KHM], or give regions, institutions or organisation_types instead"),
        ("requests/scaffolded.md", "body", body),
    ]
    assert all(p.is_error for p in problems)


def test_new_command_writes_file_and_refuses_duplicate(kb_copy):
    title = "Rwanda visits Peru"
    result = build_py("new", "activity", title, "--root", str(kb_copy))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "activities/rwanda-visits-peru.md"
    path = kb_copy / "activities/rwanda-visits-peru.md"
    assert "# countries (required): Countries taking part" in path.read_text()
    untouched = build_py("check", "--root", str(kb_copy), str(path))
    assert untouched.returncode == 1  # no false "0 errors" for a file nobody has filled in
    assert "5 error(s), 0 warning(s)." in untouched.stderr
    again = build_py("new", "activity", title, "--root", str(kb_copy))
    assert again.returncode == 1
    assert "activities/rwanda-visits-peru.md already exists; choose another title" in again.stderr
    for kind, folder in (("lesson", "lessons"), ("route", "learning_routes")):
        assert build_py("new", kind, title, "--root", str(kb_copy)).returncode == 0
        assert (kb_copy / folder / "rwanda-visits-peru.md").is_file()


@pytest.mark.parametrize("kind, folder, party, asks", [
    ("request", "requests", "requester", "that want to learn, e.g. [KHM]"),
    ("offer", "offers", "provider", "that can share, e.g. [BRA]"),
])
def test_new_request_or_offer_fails_check_until_filled(kb_copy, kind, folder, party, asks):
    result = build_py("new", kind, "Rwanda and quinoa", "--root", str(kb_copy))
    assert result.returncode == 0, result.stderr
    rel = f"{folder}/rwanda-and-quinoa.md"
    assert result.stdout.strip() == rel
    path = kb_copy / rel
    text = path.read_text(encoding="utf-8")
    assert f"# {party} (required): " in text and "# status (required): " in text
    assert "No names of people, e-mail addresses or telephone numbers" in " ".join(text.split())
    untouched = build_py("check", "--root", str(kb_copy), str(path))
    assert untouched.returncode == 1
    left = "the placeholder REPLACE-ME from 'build.py new' is still here; "
    statement = {"request": "write what they want to learn and why, in one or two sentences, in your own words",
                 "offer": "write the experience that can be shared and what a learner would gain, in your own words"}
    assert [line.split(": ", 1)[1] for line in untouched.stdout.splitlines()] == [
        f"statement: {left}{statement[kind]}",
        f"{party}.countries[0]: {left}write the codes of the countries {asks}, or give regions, institutions or "
        "organisation_types instead",
        f"body: {left}write the text below the front matter in your own words, with the facts as your source gives "
        "them"]
    filled = text.replace('"REPLACE-ME ', '"').replace("[REPLACE-ME]", "[RWA]").replace("REPLACE-ME ", "")
    path.write_text(filled, encoding="utf-8")
    done = build_py("check", "--root", str(kb_copy), str(path))
    assert done.returncode == 0, done.stdout
    # The one warning: the new entry has no translation yet, which never fails the check.
    assert "0 error(s), 1 warning(s)." in done.stderr
    assert ": translations: warning: the title and statement have no translation" in done.stdout


def test_ids_from_titles():
    assert entry_id_from_title("Cambodia - China: upland rice!") == "cambodia-china-upland-rice"
    assert entry_id_from_title("Côte d'Ivoire learns") == "cote-d-ivoire-learns"
    assert len(entry_id_from_title("word " * 40)) <= 60


@pytest.mark.parametrize("command", ["build", "serve", "check", "generate", "new"])
def test_help_on_each_command(command):
    result = build_py(command, "--help")
    assert result.returncode == 0
    assert "usage: build.py" in result.stdout


@pytest.mark.parametrize("page, clash", [("themes.md", "themes/index.md"), ("financing.md", "financing.md"),
                                          ("countries/brazil/index.md", "countries/brazil.md")])
def test_hand_written_page_colliding_with_a_generated_one(kb_copy, page, clash):
    target = kb_copy / "docs" / page
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("# Mine\n")
    expected = f"docs/{page}:1: -: this page has the same address as a generated page ({clash}); rename or move it"
    result = build_py("check", "--root", str(kb_copy))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [expected]
    from ssckb.site import build_site
    assert [p.format() for p in build_site(kb_copy).problems] == [expected]
