"""Where a page comes from: the file its edit button opens, and the date of that file's last commit."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ssckb import provenance


def _git(root: Path, *args, date: str | None = None):
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "HOME": str(root), "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


def _repository(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    (root / "activities").mkdir(parents=True)
    (root / "docs").mkdir()
    _git(root, "init", "-q", "-b", "main")
    (root / "activities/a.md").write_text("a\n")
    (root / "activities/b.md").write_text("b\n")
    (root / "docs/index.md").write_text("home\n")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "first", date="2021-03-04T12:00:00+00:00")
    (root / "activities/b.md").write_text("b changed\n")
    _git(root, "commit", "-qam", "second", date="2022-05-06T12:00:00+00:00")
    (root / "activities/a.md").write_text("a changed, not committed\n")
    (root / "activities/new.md").write_text("not committed\n")
    return root


def test_last_commit_date_of_each_file(tmp_path):
    root = _repository(tmp_path)
    dates = provenance.last_changed(root, ["activities/a.md", "activities/b.md", "docs/index.md",
                                           "activities/new.md", str(root / "docs/index.md"), "/etc/hostname"])
    assert dates == {"activities/a.md": "2021-03-04", "activities/b.md": "2022-05-06", "docs/index.md": "2021-03-04"}
    keyed = provenance.last_changed(root, {"activities/b/": root / "activities/b.md", "index.md": "docs/index.md"})
    assert keyed == {"activities/b/": "2022-05-06", "index.md": "2021-03-04"}


def test_one_git_call_for_all_files(tmp_path, monkeypatch):
    root = _repository(tmp_path)
    calls = []
    real_run = subprocess.run
    monkeypatch.setattr(provenance.subprocess, "run", lambda *a, **k: calls.append(a) or real_run(*a, **k))
    files = [f"activities/{name}.md" for name in ("a", "b", "new")] * 50 + ["docs/index.md"]
    assert len(provenance.last_changed(root, files)) == 3
    assert len(calls) == 1


def test_no_date_without_git_history(tmp_path, monkeypatch):
    plain = tmp_path / "plain"
    (plain / "activities").mkdir(parents=True)
    (plain / "activities/a.md").write_text("a\n")
    assert provenance.last_changed(plain, ["activities/a.md"]) == {}  # not a repository (nor inside one)
    empty = tmp_path / "empty"
    empty.mkdir()
    _git(empty, "init", "-q")
    (empty / "a.md").write_text("a\n")
    assert provenance.last_changed(empty, ["a.md"]) == {}  # no commit yet
    root = _repository(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    assert provenance.last_changed(root, ["activities/b.md"]) == {}  # no git installed


def test_shallow_clone_boundary_gives_no_date(tmp_path):
    root = _repository(tmp_path)
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", root.as_uri(), str(shallow)], check=True,
                   capture_output=True)
    # The only commit is a boundary: Git cannot tell when its files last changed.
    assert provenance.last_changed(shallow, ["activities/a.md", "activities/b.md"]) == {}


def test_parse_git_log():
    output = ("\x012024-01-02\x02\x00\nactivities/x.md\x00docs/index.md\x00"
              "\x012023-05-06\x02\x00\nactivities/x.md\x00activities/y.md\x00"
              "\x012020-01-01\x02grafted\x00\nactivities/z.md\x00activities/y.md\x00")
    assert provenance.parse_git_log(output) == {
        "activities/x.md": "2024-01-02", "docs/index.md": "2024-01-02", "activities/y.md": "2023-05-06"}
    assert provenance.parse_git_log("") == {}


def test_edit_paths_and_urls(tmp_path):
    assert provenance.edit_path(tmp_path / "activities/x.md", tmp_path / "docs") == "../activities/x.md"
    assert provenance.edit_path(tmp_path / "docs/about/a.md", tmp_path / "docs") == "about/a.md"
    assert provenance.clean_url("https://host/r/edit/main/docs/../activities/x.md") == \
        "https://host/r/edit/main/activities/x.md"
    assert provenance.clean_url("https://host/r/edit/main/docs/a.md") == "https://host/r/edit/main/docs/a.md"
    assert provenance.clean_url(None) is None
    assert provenance.absolute_edit_uri("https://host/r", "edit/main/docs/") == "https://host/r/edit/main/docs/"
    assert provenance.absolute_edit_uri("https://host/r/", "https://other/e/") == "https://other/e/"
    assert provenance.absolute_edit_uri(None, "edit/main/docs/") == "edit/main/docs/"
