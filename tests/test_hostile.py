"""The hostile-input corpus: every bad or malicious file is caught with its exact message, and nothing is lost.

The corpus is tests/hostile/: one small file per case, laid out like a knowledge base (activities/,
lessons/, learning_routes/, docs/), and tests/hostile/expected.txt with the exact lines
``python build.py check`` prints for each case, or ``ACCEPTED path`` for a file that is a valid entry
(shown as text however hostile it looks). A few cases cannot be files in a repository (a file over
the size cap, a symbolic link, a folder named like an entry, vocabulary ids): GENERATED builds them.

Each case is checked alone, in a copy of the fixture knowledge base (tests/fixtures/kb), so that
its problems are exactly the expected ones and the fixture's own entries all survive; then all of
them at once through ``build.py check``, to show that every problem of every file comes out in one
run and that nothing raises.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE, REPO
from ssckb import bodycheck
from ssckb.loading import SourceFile, parse_entry_bytes
from ssckb.addresses import check_knowledge_base
from ssckb.site import build_site
from ssckb.validation import load_knowledge_base
from ssckb.yamlsafe import parse_yaml

HOSTILE = Path(__file__).parent / "hostile"
EXPECTED = HOSTILE / "expected.txt"
NOT_CASES = {"expected.txt", ".gitattributes"}


def corpus_files() -> list[str]:
    """Repository-relative paths (inside a knowledge base) of every case file of the corpus."""
    return sorted(path.relative_to(HOSTILE).as_posix() for path in HOSTILE.rglob("*")
                  if path.is_file() and path.name not in NOT_CASES)


def read_expected(path: Path = EXPECTED) -> tuple[dict, set]:
    """(case path -> expected lines, paths that must be accepted as valid entries)."""
    expected, accepted = {}, set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("ACCEPTED "):
            accepted.add(line[len("ACCEPTED "):])
            continue
        case = line.split(":", 1)[0]
        expected.setdefault(case, []).append(line)
    return expected, accepted


EXPECTED_LINES, ACCEPTED = read_expected()
FIXTURE_IDS = {kind: set(entries) for kind, entries in load_knowledge_base(FIXTURE)[0].entries.items()}


def install(root: Path, rel: str) -> None:
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(HOSTILE / rel, target)


def fixture_copy(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE, root)
    return root


def _oversized(root: Path) -> None:
    text = (FIXTURE / "activities/cambodia-china-rice.md").read_text().replace("cambodia-china-rice", "oversized")
    (root / "activities/oversized.md").write_text(text + "Padding. " * 32_000)


def _symbolic_link(root: Path) -> None:
    (root / "activities/symbolic-link.md").symlink_to("/etc/passwd")


def _folder(root: Path) -> None:
    (root / "activities/folder.md").mkdir()
    (root / "activities/folder.md/inside.md").write_text("---\nid: inside\n---\n")


def _line_break_in_name(root: Path) -> None:
    text = (FIXTURE / "activities/cambodia-china-rice.md").read_text()
    text = text.replace("id: cambodia-china-rice", 'id: "line-break\\n"').replace(
        "title: Cambodia - China upland rice", "title: A file name and an id ending in a line break")
    (root / "activities/line-break\n.md").write_text(text)


def _reserved_institution_id(root: Path) -> None:
    with open(root / "vocabularies/institutions.yml", "a", encoding="utf-8") as handle:
        handle.write("- id: index\n  name: An institution whose id is the address of the browse page\n  type: ngo\n")


def _hosted_by(root: Path, institution_yaml: str, institution: str, activity: str, title: str) -> None:
    """Add ``institution_yaml`` to the registry and an activity ``activity`` that it hosts."""
    with open(root / "vocabularies/institutions.yml", "a", encoding="utf-8") as handle:
        handle.write(institution_yaml)
    text = (FIXTURE / "activities/cambodia-china-rice.md").read_text()
    text = text.replace("cambodia-china-rice", activity) \
        .replace("title: Cambodia - China upland rice", f"title: {title}") \
        .replace("{institution: yaas, role: host}", f"{{institution: {institution}, role: host}}")
    (root / f"activities/{activity}.md").write_text(text)


def _script_in_institution_name(root: Path) -> None:
    _hosted_by(root, "- id: hostile-institution\n  name: \"<script>alert('institution')</script> Institute\"\n"
                     "  acronym: \"<b>HI</b>\"\n  type: ngo\n  country: BRA\n",
               "hostile-institution", "hosted-by-hostile-institution",
               "Hosted by an institution with a script in its name")


INSTITUTION_LINES = len((FIXTURE / "vocabularies/institutions.yml").read_text(encoding="utf-8").splitlines())

def _faulty_institution(root: Path) -> None:
    _hosted_by(root, "- id: faulty-institution\n  name: Based in a country that does not exist\n  type: ngo\n"
                     "  country: XXX\n  aliases: 5\n",
               "faulty-institution", "hosted-by-a-faulty-institution", "Hosted by an institution with errors")


def _duplicate_institution(root: Path) -> None:
    with open(root / "vocabularies/institutions.yml", "a", encoding="utf-8") as handle:
        handle.write("- id: ifad\n  name: IFAD defined a second time\n  type: ngo\n")


#: Cases made here: (name, what it tries, make it in a knowledge base, expected lines, accepted entry path).
GENERATED = [
    ("oversized-file", "a file over the 256 KiB cap: refused before it is parsed", _oversized,
     ["activities/oversized.md:1: -: file is larger than 256 KiB; shorten it or split it into several entries"],
     None),
    ("symbolic-link", "a symbolic link to /etc/passwd: would publish a file of the build machine", _symbolic_link,
     ["activities/symbolic-link.md:1: -: the file is a symbolic link; an entry must be an ordinary file: copy the "
      "content instead"], None),
    ("line-break-in-name", "a file name and an id that end in a line break ('$' in a pattern lets it through)",
     _line_break_in_name,
     ["activities/line-break\\n.md:1: -: the file name 'line-break\\n.md' cannot be an id; use lower-case "
      "letters, digits and hyphens, e.g. 'my-activity.md'",
      "activities/line-break\\n.md:2: id: 'line-break\\n' is not in the expected form; use lower-case letters, "
      "digits and single hyphens, e.g. 'cambodia-china-upland-rice'"], None),
    ("folder-named-md", "a folder named like an entry file", _folder,
     ["activities/folder.md:1: -: this is not an ordinary file (a folder or a device); an entry must be a Markdown "
      "file",
      "activities/folder.md/inside.md:1: -: warning: entries must be directly in activities/, not in a subfolder; "
      "move it to activities/inside.md"], None),
    ("reserved-institution-id", "an institution with the id 'index': its page would replace the browse page",
     _reserved_institution_id,
     [f"vocabularies/institutions.yml:{INSTITUTION_LINES + 1}: [3].id: 'index' is reserved: institutions/index "
      "is the address of a generated page; choose another id"], None),
    ("faulty-institution", "an institution with an unknown country and aliases as a number: left out of the "
     "registry, no page made from it, and the entry naming it is told why", _faulty_institution,
     ["activities/hosted-by-a-faulty-institution.md:13: institutions[0].institution: institution "
      "'faulty-institution' has an error in institutions.yml (listed with it); fix it there first",
      f"vocabularies/institutions.yml:{INSTITUTION_LINES + 4}: [3].country: unknown country 'XXX'; use an ISO "
      "3166-1 alpha-3 code such as BRA (Brazil) or VNM (Viet Nam)",
      f"vocabularies/institutions.yml:{INSTITUTION_LINES + 5}: [3].aliases: expected a list, got the number 5; "
      "write a list, e.g. [5]"], None),
    ("duplicate-institution", "an institution id defined twice: the first definition stays",
     _duplicate_institution,
     [f"vocabularies/institutions.yml:{INSTITUTION_LINES + 1}: [3].id: 'ifad' is defined twice"], None),
    ("script-in-institution-name", "HTML in an institution's name and acronym: accepted, shown as text",
     _script_in_institution_name, [], "activities/hosted-by-hostile-institution.md"),
]


#: The generated cases that can share a knowledge base: those that add to institutions.yml are checked
#: alone only, as the line of each one's item depends on what was added before it.
TOGETHER = [case for case in GENERATED if case[2] not in (_reserved_institution_id, _script_in_institution_name,
                                                           _faulty_institution, _duplicate_institution)]


def formatted(root: Path) -> list[str]:
    return [problem.format() for problem in check_knowledge_base(root)]


def assert_nothing_lost(root: Path, accepted: set) -> None:
    """The fixture's entries and every accepted case are valid entries with a page."""
    site = build_site(root)
    for kind, ids in FIXTURE_IDS.items():
        assert ids <= set(site.knowledge_base.entries[kind]), f"a fixture {kind} was lost"
    entry_sources = set(site.entry_sources.values())
    for rel in accepted:
        assert rel in entry_sources, f"{rel} is valid but has no page"


def test_the_corpus_has_forty_cases_or_more_each_with_its_expectation():
    files = corpus_files()
    assert len(files) + len(GENERATED) >= 40
    described = set(EXPECTED_LINES) | ACCEPTED
    assert sorted(set(files) - described) == [], "a case file has no line in expected.txt"
    assert sorted(described - set(files)) == [], "expected.txt names a file that is not in the corpus"
    text = EXPECTED.read_text(encoding="utf-8")
    for rel in files:
        assert f"# {rel}: " in text, f"{rel} has no comment saying what it tries"


@pytest.mark.parametrize("rel", corpus_files())
def test_case_alone(tmp_path, rel):
    root = fixture_copy(tmp_path)
    install(root, rel)
    assert formatted(root) == sorted(EXPECTED_LINES.get(rel, []), key=_check_order)
    if rel in ACCEPTED:
        assert_nothing_lost(root, {rel})
    else:
        assert_nothing_lost(root, set())


@pytest.mark.parametrize("name, _what, make, expected, accepted", GENERATED, ids=[case[0] for case in GENERATED])
def test_generated_case_alone(tmp_path, name, _what, make, expected, accepted):
    root = fixture_copy(tmp_path)
    make(root)
    assert formatted(root) == expected
    assert_nothing_lost(root, {accepted} if accepted else set())


def _check_order(line: str):
    path, line_number, rest = line.split(":", 2)
    field, message = rest[1:].split(": ", 1)
    return path, int(line_number), field, message


def rewrite_expected(root: Path) -> None:
    """UPDATE_HOSTILE=1: write what check now prints into expected.txt, keeping its comments."""
    produced: dict = {}
    for line in formatted(root):
        produced.setdefault(line.split(":", 1)[0], []).append(line)
    cases = set(corpus_files())
    header, comments = [], []
    for line in EXPECTED.read_text(encoding="utf-8").splitlines():
        case = line[2:].split(": ", 1)[0] if line.startswith("# ") else None
        if case in cases:
            comments.append((case, line))
        elif not comments:
            header.append(line)
    out = header
    for case, comment in comments:
        lines = produced.get(case, [])
        out += [comment] + lines
        if not case.startswith("docs/") and all(": warning: " in line for line in lines):
            out.append(f"ACCEPTED {case}")
        out.append("")
    EXPECTED.write_text("\n".join(out).rstrip("\n") + "\n", encoding="utf-8")


def test_whole_corpus_in_one_run_through_build_py_check(tmp_path):
    root = fixture_copy(tmp_path)
    for rel in corpus_files():
        install(root, rel)
    if os.environ.get("UPDATE_HOSTILE"):
        rewrite_expected(root)
        pytest.skip("expected.txt rewritten: review the diff")
    for _name, _what, make, _expected, _accepted in TOGETHER:
        make(root)
    started = time.monotonic()
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "check", "--root", str(root)],
                            capture_output=True, text=True, timeout=300)
    assert time.monotonic() - started < 120  # a generous bound: the corpus takes a second or two
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    expected = [line for lines in EXPECTED_LINES.values() for line in lines]
    expected += [line for case in TOGETHER for line in case[3]]
    assert sorted(result.stdout.splitlines()) == sorted(expected)
    errors = sum(1 for line in expected if ": warning: " not in line)
    assert f"{errors} error(s), {len(expected) - errors} warning(s)." in result.stderr
    accepted = ACCEPTED | {case[4] for case in TOGETHER if case[4]}
    assert_nothing_lost(root, accepted)


def test_alias_bomb_is_refused_without_expanding_it():
    raw = (HOSTILE / "activities/yaml-alias-bomb.md").read_bytes()
    tracemalloc.start()
    started = time.monotonic()
    source = SourceFile("activities/yaml-alias-bomb.md", "activity", "yaml-alias-bomb")
    parse_entry_bytes(source, raw)
    elapsed = time.monotonic() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert any("aliases" in problem.message for problem in source.problems)
    assert source.data["lols"]["b"] == [None] * 9  # each alias left empty, never replaced by its target
    assert peak < 5 * 1024 * 1024, f"parsing used {peak} bytes"  # 9**9 copies would take gigabytes
    assert elapsed < 10


def test_a_bigger_alias_bomb_is_refused_too():
    lines = ['a: &a ["' + "lol" * 1000 + '"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 50)}]" for i in range(20)]
    tracemalloc.start()
    parsed = parse_yaml("\n".join(lines) + "\n")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [error[2] for error in parsed.errors] == [
        "YAML anchors and aliases (& and *) are not allowed; write the value out (1000 aliases, on lines 2 to 21)"]
    assert peak < 20 * 1024 * 1024


def test_markdown_extensions_of_the_body_check_are_those_of_the_site():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names = [next(iter(item)) if isinstance(item, dict) else item for item in config["markdown_extensions"]]
    assert sorted(names) == sorted(bodycheck.MARKDOWN_EXTENSIONS)


# The body check on its own: ways to smuggle a script past a filter, and harmless text it must let through.
SMUGGLED = [
    "<SCRIPT>alert(1)</SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<p><img/src=\"x\"/onerror=alert(1)></p>",
    "<p><img src=x\nonerror=alert(1)></p>",
    "<!--><img src=x onerror=alert(1)>-->",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<a href='javascript:alert(1)'>x</a>",
    "<a href=' javascript:alert(1)'>x</a>",
    "<a href='JAVASCRIPT:alert(1)'>x</a>",
    "<a href='java\nscript:alert(1)'>x</a>",
    "<a href='&#106;avascript:alert(1)'>x</a>",
    "<a href='&#x6A;avascript&colon;alert(1)'>x</a>",
    "<a href='vbscript:msgbox(1)'>x</a>",
    "<a href='data:text/html;base64,PHNjcmlwdD4='>x</a>",
    "[x](javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "![x](javascript:alert(1))",
    "Text {: onclick=alert(1) }\n{: onclick=alert(1) }",
    "<details open ontoggle=alert(1)>",
    "<body onload=alert(1)>",
    "<svg onload=alert(1)>",
    "<math><mi xlink:href='javascript:alert(1)'>x</mi></math>",
    "<iframe srcdoc='&lt;script&gt;alert(1)&lt;/script&gt;'></iframe>",
    "<object data='javascript:alert(1)'></object>",
    "<embed src='javascript:alert(1)'>",
    "<base href='https://evil.example/'>",
    "<meta http-equiv='refresh' content='0;url=javascript:alert(1)'>",
    "<link rel=stylesheet href='https://evil.example/x.css'>",
    "<style>@import 'https://evil.example/x.css';</style>",
    "<div style='background:url(javascript:alert(1))'>x</div>",
    "<form><button formaction='javascript:alert(1)'>x</button></form>",
    "<!-- --!><img src=x onerror=alert(1)>",
    "<![CDATA[><img src=x onerror=alert(1)>]]>",
    "<?xml ><img src=x onerror=alert(1)>?>",
    "<div markdown='1'>[x](javascript:alert(1))</div>",
    "<noscript><p title='</noscript><img src=x onerror=alert(1)>'></noscript>",
    "<template><script>alert(1)</script></template>",
    "<img src='https://tracker.example/pixel.gif'>",
    "<img srcset='https://tracker.example/a.png 1x'>",
    "![pixel](//tracker.example/pixel.gif)",
]

HARMLESS = [
    "Plain text about rice in Cambodia: yields rose by 35 per cent.",
    "A [link](https://www.ifad.org/en/) and a [relative link](../lessons/lesson-one.md#points).",
    "<strong>bold</strong>, <em>emphasis</em>, <abbr title='International Fund'>IFAD</abbr>, <br>",
    "| a | b |\n|---|---|\n| 1 < 2 | x |",
    "    <script>indented code is shown, not run</script>",
    "`<script>` in a code span",
    "!!! note \"A note\"\n    With text.",
    "## A heading {: #custom-id .a-class }",
    "An e-mail: <mailto:someone@example.org> and [mail](mailto:someone@example.org)",
    "Mathematics: 3 < 5 and 7 > 2; prices in US$.",
    "<img/src=\"x\"/onerror=alert(1)> (not HTML to Markdown: shown as text)",
    "a <p title=\" (not closed: shown as text)",
    "The word javascript: in running text, and onerror= too.",
]


@pytest.mark.parametrize("body", SMUGGLED)
def test_body_check_refuses_smuggled_scripts(body):
    problems = bodycheck.check_body(body, 10, "activities/x.md")
    assert problems, f"not caught: {body!r}"
    assert all(problem.line >= 10 and problem.field == "body" for problem in problems)


@pytest.mark.parametrize("body", HARMLESS)
def test_body_check_lets_harmless_text_through(body):
    assert bodycheck.check_body(body, 10, "activities/x.md") == []


#: Text that makes Python-Markdown slow (quadratic over unmatched '[' and '<' and over headings) or
#: recurse deeply, at sizes under the file cap: each is refused or checked in a few seconds at most.
PATHOLOGICAL = ["[" * 60_000, "<a b=" * 12_000, "<a" * 30_000, "![" * 30_000, "# a\n" * 16_000,
                "\n".join(" " * (4 * i) + "- x" for i in range(2_000)), '<div markdown="1">\n\n' * 3_000,
                "> " * 30_000 + "x", "*a*" * 21_000, "&a;" * 16_000, "x" * 300_000]


@pytest.mark.parametrize("body", PATHOLOGICAL, ids=[repr(body[:12]) for body in PATHOLOGICAL])
def test_body_check_is_fast_on_pathological_text(body):
    started = time.monotonic()
    bodycheck.check_body(body, 1, "activities/x.md")
    assert time.monotonic() - started < 10  # generous: the slowest takes some 2 seconds on two cores


def test_symbolic_link_to_a_valid_entry_is_refused_too(tmp_path):
    root = fixture_copy(tmp_path)
    os.symlink(root / "activities/cambodia-china-rice.md", root / "activities/linked.md")
    assert "activities/linked.md:1: -: the file is a symbolic link; an entry must be an ordinary file: copy the " \
           "content instead" in formatted(root)
