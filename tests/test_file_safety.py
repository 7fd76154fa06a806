"""Files: no symbolic link is followed or published, whatever it points to, in any folder the build
reads; the build opens nothing outside the repository; names Windows keeps for devices are refused.

Each link case is made in a copy of the fixture knowledge base, pointing at the machine's password
file, the build process's environment, the system's program folder and the file system's root.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import FIXTURE, REPO, copy_fixture, run_mkdocs
from ssckb import filesafety, scaffold
from ssckb.addresses import check_knowledge_base
from ssckb.site import build_site

LINK_TO_FILE = ("this file is a symbolic link, and the build follows no link (it could publish any file of the "
                "machine that builds the site); put the file itself here, or remove the link")
LINK_TO_FOLDER = LINK_TO_FILE.replace("this file", "this folder").replace("the file itself", "the folder itself")
LINKED_ENTRY = "the file is a symbolic link; an entry must be an ordinary file: copy the content instead"
DEVICE = ("is a name Windows keeps for a device (con, prn, aux, nul, com1 to com9 and lpt1 to lpt9, with any "
          "extension): the offline copy could not be unpacked there")

#: What a link may point to: (name, target, whether it is a folder).
TARGETS = [("passwd", "/etc/passwd", False), ("environ", "/proc/self/environ", False),
           ("programs", "/usr/bin", True), ("root", "/", True)]
#: Where a link may be, in every folder the build reads.
PLACES = ["docs/{name}.md", "docs/deeper/{name}", "activities/{name}", "activities/deeper/{name}",
          "lessons/{name}", "learning_routes/{name}", "sources/{name}", "overrides/{name}",
          "overrides/partials/{name}.html", "vocabularies/{name}.yml"]
CASES = [(place.format(name=name), target, is_folder) for place in PLACES for name, target, is_folder in TARGETS]


def formatted(root: Path) -> list[str]:
    return [problem.format() for problem in check_knowledge_base(root)]


def make_link(root: Path, rel: str, target: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def fixture_copy(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path)


@pytest.mark.parametrize("rel, target, is_folder", CASES, ids=[f"{rel}->{target}" for rel, target, _ in CASES])
def test_a_link_anywhere_the_build_reads_is_an_error_with_its_path(tmp_path, rel, target, is_folder):
    root = fixture_copy(tmp_path)
    make_link(root, rel, target)
    started = time.monotonic()
    assert formatted(root) == [f"{rel}:1: -: {LINK_TO_FOLDER if is_folder else LINK_TO_FILE}"]
    assert time.monotonic() - started < 30  # a walk through / would take minutes (or never end)
    site = build_site(root)
    assert site.error_count == 1
    published = "\n".join(page.document() for page in {**site.generated, **site.entries}.values())
    assert "root:x:0:0" not in published and "PATH=" not in published


@pytest.mark.parametrize("name, target, is_folder", TARGETS, ids=[target for _, target, _ in TARGETS])
def test_a_linked_entry_file_is_refused_by_the_entry_reader(tmp_path, name, target, is_folder):
    root = fixture_copy(tmp_path)
    make_link(root, f"activities/{name}.md", target)
    assert formatted(root) == [f"activities/{name}.md:1: -: {LINKED_ENTRY}"]


@pytest.mark.parametrize("folder", ["activities", "lessons", "learning_routes", "requests", "offers", "docs",
                                    "vocabularies"])
def test_a_linked_folder_is_refused_whole_and_never_listed(tmp_path, folder):
    root = fixture_copy(tmp_path)
    moved = tmp_path / "elsewhere"
    (root / folder).rename(moved)
    (root / folder).symlink_to(moved)
    problems = formatted(root)
    assert f"{folder}:1: -: {LINK_TO_FOLDER}" in problems
    # Nothing under the link is read: no entry of a linked entry folder, no page of a linked docs/.
    assert not any(line.startswith(f"{folder}/") for line in problems)
    site = build_site(root)
    if folder in ("activities", "lessons", "learning_routes", "requests", "offers"):
        assert not any(entry.path.startswith(f"{folder}/") for entry in site.knowledge_base.all_entries())


def test_a_linked_vocabulary_file_is_never_read(tmp_path):
    root = fixture_copy(tmp_path)
    (root / "vocabularies/institutions.yml").unlink()
    make_link(root, "vocabularies/institutions.yml", "/etc/passwd")
    problems = formatted(root)
    assert f"vocabularies/institutions.yml:1: -: {LINK_TO_FILE}" in problems
    assert not any("YAML" in line or "root" in line for line in problems)  # the password file was not parsed


def test_the_engine_folders_are_walked_too(tmp_path, monkeypatch):
    from ssckb import validation

    engine = tmp_path / "engine-assets"
    engine.mkdir()
    (engine / "leak.js").symlink_to("/proc/self/environ")
    monkeypatch.setattr(validation, "ENGINE_FOLDERS", (("ssckb/assets", engine),))
    assert formatted(FIXTURE) == [f"ssckb/assets/leak.js:1: -: {LINK_TO_FILE}"]


def test_the_walk_lists_links_without_entering_them(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/file.md").write_text("x")
    (tmp_path / "a/root").symlink_to("/")
    (tmp_path / "b").symlink_to("/usr/bin")
    found = [(path.relative_to(tmp_path).as_posix(), is_link, is_dir)
             for path, is_link, is_dir in filesafety.walk_without_links(tmp_path)]
    assert sorted(found) == [("a", False, True), ("a/file.md", False, False), ("a/root", True, False),
                             ("b", True, False)]


def test_read_text_no_link_refuses_a_link(tmp_path):
    (tmp_path / "real.yml").write_text("a: 1\n")
    (tmp_path / "link.yml").symlink_to(tmp_path / "real.yml")
    assert filesafety.read_text_no_link(tmp_path / "real.yml") == "a: 1\n"
    with pytest.raises(OSError):
        filesafety.read_text_no_link(tmp_path / "link.yml")


# MkDocs ---------------------------------------------------------------------------------------------

def test_mkdocs_refuses_to_build_with_a_link_in_docs_and_publishes_nothing(tmp_path):
    root = copy_fixture(tmp_path)
    make_link(root, "docs/passwd.md", "/etc/passwd")
    make_link(root, "docs/environ.txt", "/proc/self/environ")
    make_link(root, "docs/programs", "/usr/bin")
    make_link(root, "docs/everything", "/")
    site_dir = tmp_path / "site"
    started = time.monotonic()
    result = run_mkdocs(root, site_dir)
    assert time.monotonic() - started < 120  # MkDocs would walk / (following links) if it got that far
    assert result.returncode != 0
    output = result.stdout + result.stderr
    for rel, message in [("docs/passwd.md", LINK_TO_FILE), ("docs/environ.txt", LINK_TO_FILE),
                         ("docs/programs", LINK_TO_FOLDER), ("docs/everything", LINK_TO_FOLDER)]:
        assert f"{rel}:1: -: {message}" in output
    assert "4 symbolic link(s) in the folders MkDocs reads" in output
    assert not (site_dir / "passwd").exists() and not (site_dir / "environ.txt").exists()
    assert "Traceback" not in output


def test_mkdocs_serve_refuses_too(tmp_path):
    """While serving, problems are shown on a page and the server runs on; a link stops it all the same."""
    from mkdocs.exceptions import PluginError

    sys.path.insert(0, str(REPO / "hooks"))
    import ssckb_hook

    root = tmp_path / "kb"
    (root / "docs").mkdir(parents=True)
    (root / "docs/passwd.md").symlink_to("/etc/passwd")
    config = SimpleNamespace(docs_dir=str(root / "docs"), theme=SimpleNamespace(custom_dir=None))
    ssckb_hook.on_startup("serve", dirty=False)
    with pytest.raises(PluginError, match="1 symbolic link"):
        ssckb_hook._refuse_links(config, root)


def test_the_hook_drops_a_linked_file_it_is_handed_and_fails_the_build(tmp_path):
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File, Files

    sys.path.insert(0, str(REPO / "hooks"))
    import ssckb_hook

    docs = tmp_path / "docs"
    (docs / "linked").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n")
    (docs / "passwd.md").symlink_to("/etc/passwd")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere/secret.md").write_text("secret\n")
    (docs / "linked").rmdir()
    (docs / "linked").symlink_to(tmp_path / "elsewhere")
    site = tmp_path / "site"
    files = Files([File(name, str(docs), str(site), True) for name in ("index.md", "passwd.md", "linked/secret.md")])
    config = SimpleNamespace(docs_dir=str(docs), theme=SimpleNamespace(custom_dir=None))
    with pytest.raises(PluginError, match="2 file"):
        ssckb_hook._drop_linked_files(files, config, tmp_path)
    assert [file.src_uri for file in files] == ["index.md"]


# The build opens nothing outside the repository -----------------------------------------------------

_AUDIT = r"""
import json, os, sys
sys.path.insert(0, sys.argv[1])
from ssckb.site import build_site
from ssckb.addresses import check_knowledge_base
seen = []
def audit(event, args):
    if event in ("open", "os.scandir", "os.listdir", "os.walk") and args and isinstance(args[0], (str, bytes, os.PathLike)):
        seen.append(os.fsdecode(args[0]))
build_site(sys.argv[2]); check_knowledge_base(sys.argv[2])  # once, so that every module is imported
sys.addaudithook(audit)
build_site(sys.argv[2]); check_knowledge_base(sys.argv[2])
print(json.dumps(seen))
"""


def test_the_build_opens_and_lists_nothing_outside_the_repository(tmp_path):
    root = fixture_copy(tmp_path)
    for rel, target, _ in CASES[:8] + [("sources/root", "/", True), ("vocabularies/themes.yml", "/etc/passwd", False)]:
        if not (root / rel).is_symlink():
            make_link(root, rel, target)
    result = subprocess.run([sys.executable, "-c", _AUDIT, str(REPO), str(root)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen, "the audit hook saw nothing: it is not watching"
    allowed = [Path(root).resolve(), REPO.resolve(), Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()]
    outside = sorted({path for path in seen if not any(Path(os.path.abspath(path)).is_relative_to(base)
                                                       for base in allowed)})
    assert outside == []
    # ... and nothing through a link: no file the links point to, opened or listed.
    assert not any(os.path.realpath(path) in ("/etc/passwd", "/usr/bin", "/") or path.startswith("/proc")
                   for path in seen)


# Names Windows keeps for devices --------------------------------------------------------------------

@pytest.mark.parametrize("name", ["con", "CON", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9", "con.md",
                                  "Nul.txt", "aux.tar.gz", "COM3.yml"])
def test_device_names_are_recognised(name):
    assert filesafety.is_device_name(name)


@pytest.mark.parametrize("name", ["console", "icon", "conakry", "com", "com0", "com10", "lpt", "lpt10", "null",
                                  "auxiliary", "a.con", "contribute.md"])
def test_other_names_are_not_device_names(name):
    assert not filesafety.is_device_name(name)


@pytest.mark.parametrize("name", ["con", "prn", "aux", "nul", "com1", "lpt9"])
def test_a_device_name_is_refused_as_an_entry_id(tmp_path, name):
    root = fixture_copy(tmp_path)
    text = (FIXTURE / "activities/cambodia-china-rice.md").read_text().replace("cambodia-china-rice", name)
    text = text.replace("title: Cambodia - China upland rice", f"title: An activity named {name}")
    (root / f"activities/{name}.md").write_text(text)
    assert formatted(root) == [f"activities/{name}.md:1: -: '{name}' {DEVICE}; rename the file"]


@pytest.mark.parametrize("rel", ["docs/con.md", "docs/PRN.txt", "docs/deeper/Aux.tar.gz", "docs/lpt1/page.md",
                                 "overrides/nul.html"])
def test_a_device_name_is_refused_in_docs_and_overrides(tmp_path, rel):
    root = fixture_copy(tmp_path)
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text("# A page\n")
    name = "lpt1" if rel.startswith("docs/lpt1/") else rel.rsplit("/", 1)[-1]
    shown = "docs/lpt1" if rel.startswith("docs/lpt1/") else rel
    assert formatted(root) == [f"{shown}:1: -: '{name}' {DEVICE}; rename it"]


def test_a_device_name_is_refused_as_a_term_id(tmp_path):
    root = fixture_copy(tmp_path)
    lines = len((root / "vocabularies/institutions.yml").read_text().splitlines())
    with open(root / "vocabularies/institutions.yml", "a", encoding="utf-8") as handle:
        handle.write("- id: com1\n  name: An institution named like a serial port\n  type: ngo\n")
    assert formatted(root) == [f"vocabularies/institutions.yml:{lines + 1}: [3].id: 'com1' is reserved: com1 {DEVICE}; "
                               "choose another id"]


def test_scaffold_refuses_a_title_that_gives_a_device_name(tmp_path):
    root = fixture_copy(tmp_path)
    with pytest.raises(scaffold.ScaffoldError, match="a name Windows keeps for a device"):
        scaffold.create_entry(root, "activity", "Con")


def test_generate_with_docs_copies_no_link(tmp_path):
    root = fixture_copy(tmp_path)
    make_link(root, "docs/passwd.md", "/etc/passwd")
    make_link(root, "docs/programs", "/usr/bin")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "generate", str(out), "--with-docs",
                             "--root", str(root)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert f"docs/passwd.md:1: -: {LINK_TO_FILE}" in result.stdout + result.stderr
    assert not (out / "passwd.md").exists() and not (out / "programs").exists()
    assert (out / "index.md").is_file()


def test_a_linked_engine_asset_is_not_published(tmp_path, monkeypatch):
    from ssckb import site as site_module

    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "kept.js").write_text("// kept\n")
    (assets / "environ.js").symlink_to("/proc/self/environ")
    monkeypatch.setattr(site_module, "ASSETS", assets)
    site = build_site(FIXTURE)
    assert site.static_files["assets/vendor/kept.js"] == "// kept\n"
    assert "assets/vendor/environ.js" not in site.static_files
