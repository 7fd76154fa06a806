"""The repository's GitHub side: the workflow that checks pull requests and publishes the site, the
pre-commit configuration, the pull request template and the issue forms."""

from __future__ import annotations

import re
import os
import shlex
import shutil
import subprocess
import sys
import zipfile

import pytest
import yaml

from conftest import FIXTURE, REPO
from sitecheck import page_file
from ssckb import cli, guide
from ssckb.schemas import load_schema
from ssckb.vocabularies import load_vocabularies

WORKFLOW = REPO / ".github/workflows/site.yml"
PRE_COMMIT = REPO / ".pre-commit-config.yaml"
ZIP_URL = "download/ssc-knowledge-base-offline.zip"
FORM_KINDS = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _triggers(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true


def _commands(job: dict) -> list[list[str]]:
    """Every shell command of a job's run steps, as words."""
    commands = []
    for step in job["steps"]:
        for line in step.get("run", "").splitlines():
            for command in line.split("&&"):
                if command.strip():
                    commands.append(shlex.split(command.strip()))
    return commands


#: Options that only quieten a command; the workflow may leave them out (it sets PIP_DISABLE_PIP_VERSION_CHECK).
QUIET = {"-q", "-qq", "--quiet", "--disable-pip-version-check"}


def _runs(commands: list[list[str]], wanted: list[str]) -> bool:
    """Some command is ``wanted``, give or take quiet options, with possibly more options at its end
    (``--flag`` and its value): ``build.py check --format github`` runs ``build.py check``."""
    wanted = [word for word in wanted if word not in QUIET]
    for command in commands:
        command = [word for word in command if word not in QUIET]
        if command[:len(wanted)] != wanted:
            continue
        extra = command[len(wanted):]
        if all(word.startswith("-") or (i and extra[i - 1].startswith("-")) for i, word in enumerate(extra)):
            return True
    return False


def _readme_commands() -> list[list[str]]:
    """The README's two commands: install and build, then test (the indented lines before '## Commands')."""
    text = (REPO / "README.md").read_text(encoding="utf-8").split("\n## ", 1)[0]
    lines = [line.strip() for line in text.splitlines() if line.startswith("    ")]
    assert len(lines) == 2, lines
    commands = [shlex.split(part.strip()) for line in lines for part in line.split("&&")]
    # './.venv/bin/python' and '.venv/bin/python' are the same program
    return [[os.path.normpath(command[0]), *command[1:]] for command in commands]


def _ci_run_commands() -> list[list[str]]:
    commands = []
    for line in (REPO / ".ci/run").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith(("python3 ", ".venv/")):
            commands.append(shlex.split(line))
    assert commands
    return commands


def test_workflow_runs_the_commands_of_the_readme_and_of_ci_run(workflow):
    commands = _commands(workflow["jobs"]["check"])
    wanted = _readme_commands() + _ci_run_commands()
    assert [".venv/bin/python", "-m", "pytest"] in wanted
    for command in wanted:
        assert _runs(commands, command), f"the workflow does not run: {' '.join(command)}"
    # ... and, on top: annotations on the pull request, the offline copy with its zip.
    assert [".venv/bin/python", "build.py", "check", "--format", "github"] in commands
    assert [".venv/bin/python", "build.py", "build", "--offline", "--zip", f"site/{ZIP_URL}"] in commands
    assert _runs(commands, [".venv/bin/python", "build.py"])


def test_the_site_build_is_strict(monkeypatch):
    called = []
    monkeypatch.setattr(cli, "_mkdocs", lambda arguments, offline=False: called.append(arguments) or 1)
    assert cli.main(["build"]) == 1
    assert called and called[0][:2] == ["build", "--strict"]


def test_workflow_triggers_permissions_and_jobs(workflow):
    triggers = _triggers(workflow)
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    check = jobs["check"]
    assert "permissions" not in check  # pull requests' code runs with read-only rights
    uploads = [step for step in check["steps"] if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert {step["with"]["path"] for step in uploads} == {"site/", "site-offline/"}
    assert all(step["if"] == "github.event_name == 'pull_request'" for step in uploads)
    checkout = next(step for step in check["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the "last updated" dates need the history

    publish = jobs["publish"]
    assert "refs/heads/main" in publish["if"] and "pull_request" in publish["if"]
    assert set(publish["needs"]) == {"check", "properdocs"}
    assert publish["permissions"] == {"contents": "read", "pages": "read"}
    publish_commands = _commands(publish)
    assert [".venv/bin/python", "build.py"] in publish_commands
    assert [".venv/bin/python", "build.py", "build", "--offline", "--zip", f"site/{ZIP_URL}"] in publish_commands
    # Both builds know the published address: the offline copy links to its zip there (ssckb/published.py).
    builds = [step for step in publish["steps"] if step.get("run", "").startswith(".venv/bin/python build.py")]
    assert len(builds) == 2
    assert all(step["env"]["SSCKB_SITE_URL"] == "${{ steps.pages.outputs.base_url }}/" for step in builds)
    pages = [step for step in publish["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert pages and pages[0]["with"]["path"] == "site/"

    deploy = jobs["deploy"]
    assert deploy["needs"] == "publish"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]

    properdocs = _commands(jobs["properdocs"])
    assert [".venv/bin/properdocs", "build", "--strict", "-f", "mkdocs.yml", "--site-dir", "site-properdocs"] \
        in properdocs
    assert _runs(properdocs, [".venv/bin/python", "-m", "pytest", "tests/test_engines.py"])


def test_actions_are_pinned_by_commit_with_their_version():
    uses = re.findall(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", WORKFLOW.read_text(encoding="utf-8"), flags=re.M)
    assert len(uses) >= 6
    for action, comment in uses:
        name, _, ref = action.partition("@")
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{name} is not pinned by a full commit SHA"
        assert re.fullmatch(r"\s*# v\d+\.\d+\.\d+", comment), f"{name}: give the release as '# vX.Y.Z'"
    # One action, one pin.
    pins = {}
    for action, comment in uses:
        name, _, ref = action.partition("@")
        assert pins.setdefault(name, (ref, comment.strip())) == (ref, comment.strip()), name


def test_offline_zip_is_linked_from_the_home_page_and_packs_the_offline_copy(real_site, real_offline_site, tmp_path):
    home = (real_site / "index.html").read_text(encoding="utf-8")
    assert f'href="{ZIP_URL}"' in home
    first, second = tmp_path / "one.zip", tmp_path / "two.zip"
    count = cli.write_zip(real_offline_site, first)
    cli.write_zip(real_offline_site, second)
    assert first.read_bytes() == second.read_bytes()  # the same site, the same zip
    with zipfile.ZipFile(first) as archive:
        names = archive.namelist()
        assert len(names) == count == sum(1 for p in real_offline_site.rglob("*") if p.is_file())
        assert names == sorted(names)
        assert f"{cli.ZIP_FOLDER}/index.html" in names
        assert f"{cli.ZIP_FOLDER}/search/en/manifest.js" in names
        assert archive.read(f"{cli.ZIP_FOLDER}/index.html") == (real_offline_site / "index.html").read_bytes()
    with pytest.raises(ValueError):
        cli.write_zip(real_offline_site, real_offline_site / "self.zip")


# --- pre-commit ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pre_commit() -> dict:
    return yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))


def test_pre_commit_runs_check_on_the_changed_entries(pre_commit, tmp_path):
    (repo,) = pre_commit["repos"]
    assert repo["repo"] == "local"
    hooks = {hook["id"]: hook for hook in repo["hooks"]}
    check = hooks["ssckb-check"]
    assert shlex.split(check["entry"]) == [".venv/bin/python", "build.py", "check"]
    assert check.get("pass_filenames", True) is True
    files = re.compile(check["files"])
    for path in ("activities/a.md", "lessons/b.md", "learning_routes/c.md", "ssckb/vocabularies/themes.yml",
                 "ssckb/schemas/activity.schema.json"):
        assert files.search(path), path
    for path in ("docs/contribute.md", "activities/sub/a.md", "activities/a.txt", "README.md", "ssckb/cli.py"):
        assert not files.search(path), path
    # The hooks run the project's .venv, installed from the hashed lock: no second list of dependencies.
    for hook in hooks.values():
        assert hook["language"] == "system" and "additional_dependencies" not in hook, hook["id"]
        assert shlex.split(hook["entry"])[0] == ".venv/bin/python", hook["id"]
    assert shlex.split(hooks["ssckb-guide"]["entry"]) == [".venv/bin/python", "build.py", "guide"]
    assert hooks["ssckb-guide"]["pass_filenames"] is False

    # What pre-commit runs, on a broken entry and a good one (the entry, then the staged files).
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE, root)
    bad = root / "activities/cambodia-china-rice.md"
    bad.write_text(bad.read_text().replace("CHN", "Chinaa"))
    entry = shlex.split(check["entry"])
    command = [sys.executable, str(REPO / entry[1]), *entry[2:], "--root", str(root)]
    staged = ["activities/cambodia-china-rice.md", "activities/brazil-africa-marketplace.md"]
    result = subprocess.run(command + staged, cwd=root, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "activities/cambodia-china-rice.md:7: countries[0].country: unknown country 'Chinaa'; "
        "did you mean CHN (China)?"]
    assert subprocess.run(command + staged[1:], cwd=root, capture_output=True).returncode == 0


# --- Pull request template and issue forms -------------------------------------------------------

def test_pull_request_template_has_the_contributor_and_reviewer_checklists():
    text = (REPO / ".github/pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, flags=re.M)
    assert len(boxes) >= 10
    assert any("python build.py check" in box for box in boxes)
    assert any("`sources`" in box and "locations" in box for box in boxes)
    assert any("new source" in box for box in boxes)
    for criterion in guide.CRITERIA:
        assert any(box.startswith(f"**{criterion}**") for box in boxes), criterion


def _check_form(form: dict) -> list[dict]:
    """The rules of GitHub's issue forms that a mistake would break."""
    assert isinstance(form["name"], str) and form["name"]
    assert isinstance(form["description"], str) and form["description"]
    ids = []
    for element in form["body"]:
        assert element["type"] in FORM_KINDS, element
        attributes = element["attributes"]
        if element["type"] == "markdown":
            assert attributes["value"].strip()
            continue
        assert attributes["label"].strip()
        if "id" in element:
            assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"]), element["id"]
            ids.append(element["id"])
        if element["type"] == "dropdown":
            options = attributes["options"]
            assert options and all(isinstance(o, str) and o for o in options)
            assert len(set(options)) == len(options)
        if element["type"] == "checkboxes":
            assert all(set(o) <= {"label", "required"} for o in attributes["options"])
            assert "validations" not in element
    assert len(ids) == len(set(ids))
    return form["body"]


@pytest.mark.parametrize("kind", sorted(guide.ISSUE_FORMS))
def test_propose_forms_match_the_schema_and_vocabularies(kind):
    form = yaml.safe_load((REPO / guide.ISSUE_FORMS[kind]).read_text(encoding="utf-8"))
    elements = {element["id"]: element for element in _check_form(form) if "id" in element}
    schema = load_schema(kind)
    vocabularies = load_vocabularies(root=REPO)

    def covered(name: str) -> dict:
        """The form field that asks for a schema field (the id is made from the title; the sources are
        asked as one source and the places in it)."""
        form_id = {"id": "title", "sources": "source"}.get(name, name)
        assert form_id in elements, f"the form has no field for the required field '{name}'"
        return elements[form_id]

    party = guide.PARTY_FIELDS.get(kind)
    for name in schema["required"]:
        if name == party:
            # Who asks or offers: one question for each of its fields, none of them needed alone (from-issue
            # asks for review when all are empty).
            for inner in schema["properties"][party]["properties"]:
                assert elements[inner]["validations"]["required"] is False, inner
            continue
        if name == "status":
            continue  # a new request or offer is open; from-issue says so
        element = covered(name)
        # The source of a request or an offer may be the issue itself (a first-hand account).
        assert element["validations"]["required"] is (name != "sources" or party is None), name
    # The source is asked as the source and the places in it.
    assert elements["source_locations"]["validations"]["required"] is (party is None)
    assert "id" in elements["title"]["attributes"]["description"]
    assert elements["description"]["validations"]["required"] is True  # the entry's body

    dropdowns = [e for e in elements.values() if e["type"] == "dropdown"]
    assert {e["id"] for e in dropdowns} == set(guide.FORM_DROPDOWNS[kind])
    for element in dropdowns:
        path, _, required = guide.FORM_DROPDOWNS[kind][element["id"]]
        node = guide.schema_node(schema, path)
        vocabulary = guide.vocabulary_of(node)
        assert vocabulary, element["id"]
        assert element["attributes"]["options"] == [term.label for term in vocabularies[vocabulary]]
        assert element["attributes"]["multiple"] is (node.get("type") == "array")
        assert element["validations"]["required"] is required
    # Every field whose values come from a short vocabulary is a dropdown.
    for name, field in schema["properties"].items():
        vocabulary = guide.vocabulary_of(field)
        if vocabulary and len(vocabularies[vocabulary]) <= 20:
            assert name in elements and elements[name]["type"] == "dropdown", name
    assert guide.stale_files(REPO) == [], "run python build.py guide"


def test_report_a_mistake_form_is_valid():
    form = yaml.safe_load((REPO / ".github/ISSUE_TEMPLATE/report-a-mistake.yml").read_text(encoding="utf-8"))
    assert [e["id"] for e in _check_form(form) if "id" in e] == ["page", "mistake", "source"]


def test_home_page_download_link_is_the_one_the_workflow_fills(real_site):
    assert (page_file(real_site, "index.md")).is_file()
    assert ZIP_URL in WORKFLOW.read_text(encoding="utf-8")


def test_editor_configuration_maps_each_folder_to_its_published_schema(real_site):
    config = (REPO / ".remarkrc.mjs").read_text(encoding="utf-8")
    pairs = re.findall(r'"\./site/(schemas/[a-z_]+\.schema\.json)": \["\./([a-z_]+)/\*\.md"\]', config)
    assert sorted(pairs) == [("schemas/activity.schema.json", "activities"),
                             ("schemas/learning_route.schema.json", "learning_routes"),
                             ("schemas/lesson.schema.json", "lessons"),
                             ("schemas/offer.schema.json", "offers"),
                             ("schemas/request.schema.json", "requests")]
    for schema, _ in pairs:
        assert (real_site / schema).is_file()  # python build.py puts them where the configuration looks
    guide_text = (REPO / guide.GUIDE_SOURCE).read_text(encoding="utf-8")
    assert ".remarkrc.mjs" in guide_text and "        npm ci\n" in guide_text
