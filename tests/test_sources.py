"""Sources as records: `build.py new source`, the checks of a source file and of the citations that
name it (exact messages), and what `check` does with source files given by name or changed."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURE, REPO
from ssckb.schemas import load_schema
from ssckb.sources import SOURCE_PLACEHOLDERS
from ssckb.validation import load_knowledge_base

VIDEO = "sources/marketplace-partners-video.md"
CITING = "activities/brazil-africa-marketplace.md"


def build_py(*args, cwd=REPO):
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300)


def git(root, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=root, check=True,
                   capture_output=True)


@pytest.fixture
def kb(tmp_path):
    target = tmp_path / "kb"
    shutil.copytree(FIXTURE, target)
    return target


def formatted(root, only=None):
    return [problem.format() for problem in load_knowledge_base(root, only_paths=only)[1]]


def test_new_source_prints_its_id_explains_every_field_and_refuses_a_taken_one(kb):
    result = build_py("new", "source", "Rural finance in Peru", "--root", str(kb))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "sources/rural-finance-in-peru.md\n"
    assert "Its id is rural-finance-in-peru" in result.stderr
    text = (kb / "sources/rural-finance-in-peru.md").read_text(encoding="utf-8")
    schema = load_schema("source")
    for name in schema["properties"]:
        status = "required" if name in schema["required"] else "optional"
        assert f"# {name} ({status}): " in text, name
    assert '#       locations: ["page 12"]' in text
    again = build_py("new", "source", "Rural finance in: Peru", "--root", str(kb))
    assert again.returncode == 1
    assert again.stderr.startswith("error: sources/rural-finance-in-peru.md already exists; choose another title")
    # Left as written, the scaffold's placeholders are errors that name their field.
    assert formatted(kb, ["sources/rural-finance-in-peru.md"]) == [
        "sources/rural-finance-in-peru.md:34: publisher: still the example of 'build.py new source'; write the "
        "organisation that published it (or remove the line and give authors)",
        "sources/rural-finance-in-peru.md:51: url: still the example of 'build.py new source'; write its web "
        "address (or remove the line and give an identifier)",
        "sources/rural-finance-in-peru.md:70: body: still the example text of 'build.py new source'; describe the "
        "source in your own words, or remove the text",
    ]


def test_the_scaffold_placeholders_are_the_ones_the_check_knows():
    from ssckb.scaffold import source_scaffold_text

    text = source_scaffold_text("a-source", "A source", 2026)
    for value in SOURCE_PLACEHOLDERS.values():
        assert value.split(" ")[0] in text


CASES = [
    ('publisher: "Brazilian Agricultural Research Corporation (EMBRAPA)"\n', "",
     ["1: authors: give 'authors' or 'publisher' (or both)",
      "4: publisher: a first-hand account is shown as given by an organisation: name it in 'publisher' "
      "(e.g. publisher: \"Yunnan Academy of Agricultural Sciences\")"]),
    ('url: "https://example.org/videos/marketplace-partners?lang=pt&t=1"\n', "",
     ["1: url: give 'url' or 'identifier' (or both)"]),
    ("https://example.org/videos/marketplace-partners?lang=pt&t=1", "javascript:alert(1)",
     ["8: url: 'javascript:alert(1)' is not in the expected form; write the whole address, starting with "
      "https:// (or http://), without spaces"]),
    ("language: pt", "language: Portuguese", ["7: language: unknown language 'Portuguese'; did you mean pt "
                                              "(Portuguese)?"]),
    ("year: 2012", "year: 2012\ndate: \"2011-09-26\"", ["7: date: the date is in 2011 but year is 2012; make them "
                                                        "agree"]),
    ("type: first-hand-account", "type: podcast",
     ["4: type: 'podcast' is not allowed; use one of: report, evaluation, article, book, web-page, video, dataset, "
      "first-hand-account"]),
    ("id: marketplace-partners-video", "id: partners-video",
     ["2: id: id 'partners-video' differs from the file name; set 'id: marketplace-partners-video' or rename the "
      "file to partners-video.md"]),
    ("year: 2012", "year: 2012\nidentifier: {doi: \"https://doi.org/10.1596/x\"}",
     ["7: identifier.doi: 'https://doi.org/10.1596/x' is not in the expected form; write the DOI alone, starting "
      "with 10., e.g. '10.1596/978-0-8213-7966-4' (not its https://doi.org/ address)"]),
    ("year: 2012", "year: 2012\nidentifier: {}", ["7: identifier: the group is empty; give at least one of: doi, "
                                                  "isbn, symbol"]),
]


@pytest.mark.parametrize("old, new, expected", CASES, ids=[case[2][0][:50] for case in CASES])
def test_source_messages(kb, old, new, expected):
    path = kb / VIDEO
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = [line for line in formatted(kb) if line.startswith(VIDEO)]
    assert problems == [f"{VIDEO}:{line}" for line in expected]


def test_an_entry_citing_a_source_with_an_error_is_told_why(kb):
    path = kb / VIDEO
    path.write_text(path.read_text(encoding="utf-8").replace("language: pt", "language: xx"), encoding="utf-8")
    assert formatted(kb) == [
        f"{CITING}:25: sources[1].source: source 'marketplace-partners-video' has an error in "
        "sources/marketplace-partners-video.md (listed with it); fix it there first",
        f"{VIDEO}:7: language: unknown language 'xx'",
    ]


def test_a_source_is_cited_at_free_places_and_the_paper_at_its_own(kb):
    path = kb / CITING
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('["00:12:30", "00:14:05"]', '["page 12", "section 3.2", "paragraph 15 (b)", '
                                 '"box 4", "table 2", "00:12:30"]'), encoding="utf-8")
    assert formatted(kb) == []
    path.write_text(text.replace('["Annex I, table", "Annex I, box 1"]', '["page 12"]'), encoding="utf-8")
    assert formatted(kb) == [
        f"{CITING}:24: sources[0].locations[0]: 'page 12' is not in the form ifad-repl-ix-3-r-3 is cited in; write "
        "it as 'Annex I, paragraph 3', 'Annex I, paragraphs 3-4', 'Annex I, box 1', 'Annex I, table' or 'Main "
        "text, paragraph 15 (b)'"]


def test_check_takes_a_source_file_by_name(kb):
    path = kb / VIDEO
    path.write_text(path.read_text(encoding="utf-8").replace("year: 2012", "year: 1800"), encoding="utf-8")
    alone = build_py("check", "--root", str(kb), str(path))
    assert alone.returncode == 1
    assert alone.stdout.splitlines() == [f"{VIDEO}:6: year: 1800 is too small; the smallest allowed is 1900"]
    # The entry that cites it is told, when it is checked; the source's own problems belong to the source.
    entry = build_py("check", "--root", str(kb), str(kb / CITING))
    assert entry.stdout.splitlines() == [
        f"{CITING}:25: sources[1].source: source 'marketplace-partners-video' has an error in "
        "sources/marketplace-partners-video.md (listed with it); fix it there first"]


def test_check_changed_with_a_changed_source_checks_every_entry(kb):
    git(kb, "init", "-q", "-b", "main")
    git(kb, "add", "-A")
    git(kb, "commit", "-q", "-m", "base")
    git(kb, "checkout", "-q", "-b", "feature")
    path = kb / VIDEO
    # No longer a video of free places: the entry citing it, unchanged itself, now has an error.
    path.write_text(path.read_text(encoding="utf-8").replace("year: 2012", "year: 2012\nlocation_format: repl"),
                    encoding="utf-8")
    result = build_py("check", "--changed", "--base", "main", "--root", str(kb), cwd=kb)
    assert result.returncode == 1
    assert "A source changed: checking every entry and source." in result.stderr
    assert [line.split(": ", 2)[:2] for line in result.stdout.splitlines()] == [
        [f"{CITING}:26", "sources[1].locations[0]"], [f"{CITING}:26", "sources[1].locations[1]"]]


def test_a_file_in_sources_that_is_not_markdown_is_reported(kb):
    (kb / "sources/notes.txt").write_text("not a source", encoding="utf-8")
    assert formatted(kb) == ["sources/notes.txt:1: -: sources/ holds sources, and only files ending in '.md' are "
                             "read; rename it to notes.md if it is a source, or move it out"]


def test_a_symbolic_link_is_not_a_source(kb):
    (kb / "sources/linked.md").symlink_to("/etc/passwd")
    assert formatted(kb) == ["sources/linked.md:1: -: the file is a symbolic link; an entry must be an ordinary "
                             "file: copy the content instead"]


@pytest.mark.parametrize("title, message", [
    ("Con", "error: the title gives the id 'con', a name Windows keeps for a device; choose a longer title"),
    ("Index", "error: the title gives the id 'index', which is reserved for a page of the site; choose a longer "
              "title"),
])
def test_new_source_refuses_an_id_that_would_be_a_device_or_a_page_of_the_site(kb, title, message):
    result = build_py("new", "source", title, "--root", str(kb))
    assert result.returncode == 1
    assert result.stderr.strip() == message
    assert not (kb / f"sources/{title.lower()}.md").exists()
