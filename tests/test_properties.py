"""Property-based tests (Hypothesis) of validation and rendering over generated entries.

- The validator never raises, whatever the bytes, the YAML or the edit of a valid entry, and every
  problem it reports has the file's path, a line inside the file, a field and a one-line message.
- A valid entry always validates, whatever its text holds (HTML, Markdown, quotes, colons, '#',
  any script), however its YAML is written (quoted or plain, flow or block); it renders, its title
  reads as typed, and it appears on every index page it belongs to.
- Escaped metadata reads as typed in every Markdown context the pages put it in.

The examples are derandomized so that CI is reproducible; ``SSCKB_HYPOTHESIS=thorough`` explores
ten times more, with fresh random examples each run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from html.parser import HTMLParser

import markdown
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE
from ssckb.bodycheck import MARKDOWN_EXTENSIONS
from ssckb.indexes import DIMENSIONS
from ssckb.loading import SourceFile, parse_entry_bytes
from ssckb.mdtext import md_escape
from ssckb.problems import ERROR, WARNING
from ssckb.schemas import SchemaChecker
from ssckb.site import build_site
from ssckb.validation import check_source, entry_ids_on_disk
from ssckb.vocabularies import load_vocabularies

THOROUGH = os.environ.get("SSCKB_HYPOTHESIS") == "thorough"


def examples(count: int) -> settings:
    return settings(max_examples=count * (10 if THOROUGH else 1), derandomize=not THOROUGH, deadline=None,
                    database=None, suppress_health_check=list(HealthCheck))


VOCABULARIES = load_vocabularies(root=FIXTURE)
CHECKER = SchemaChecker(VOCABULARIES, entry_ids_on_disk(FIXTURE))
FOLDERS = {"activity": "activities", "lesson": "lessons", "learning_route": "learning_routes"}


def check_bytes(kind: str, raw: bytes, stem: str = "generated-entry") -> tuple[str, list]:
    """Validate one entry file's bytes as load_knowledge_base does; (path, problems)."""
    path = f"{FOLDERS[kind]}/{stem}.md"
    source = SourceFile(path, kind, stem)
    parse_entry_bytes(source, raw)
    return path, check_source(source, CHECKER, VOCABULARIES)


def assert_well_formed(path: str, raw: bytes, problems: list) -> None:
    """Every problem names the file, a line inside it, a field, and says what to do on one line."""
    last_line = raw.count(b"\n") + raw.count(b"\r") + 1
    for problem in problems:
        assert problem.path == path
        assert isinstance(problem.line, int) and 1 <= problem.line <= last_line, (problem, last_line)
        assert isinstance(problem.field, str) and problem.field and "\n" not in problem.field
        assert isinstance(problem.message, str) and problem.message.strip() and "\n" not in problem.message
        assert problem.severity in (ERROR, WARNING)
        assert problem.format().startswith(f"{path}:{problem.line}: {problem.field}: ")


# Valid entries -----------------------------------------------------------------------------------

# Text a contributor may write: letters of any script, digits, punctuation, symbols, spaces, plus
# the characters that mean something to YAML, Markdown or HTML.
LETTERS = st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Cf", "Zl", "Zp"))
SPECIAL = st.sampled_from(["#", "*", "_", "`", "[", "]", "(", ")", "<", ">", "&", "|", "\\", "!", "{", "}", ":",
                           "-", "+", "=", ".", "~", '"', "'", "1.", " #", ": ", "<b>", "<script>alert(1)</script>",
                           "<img src=x onerror=alert(1)>", "&amp;", "[x](javascript:alert(1))", "NO", "yes",
                           "null", "~", "0123", "12:30", "2010-05-01", "1e3", "@", "%", "!!str", "&a", "*a", "---",
                           "{{ x }}", "{% x %}", "  "])


def free_text(min_size: int, max_size: int):
    pieces = st.lists(st.one_of(st.text(LETTERS, min_size=1, max_size=8), SPECIAL), min_size=1, max_size=12)
    return pieces.map("".join).map(lambda text: text[:max_size]).filter(
        lambda text: len(text) >= min_size and text.strip() != "")


COUNTRIES = sorted(term.id for term in VOCABULARIES.countries)
INSTITUTIONS = sorted(term.id for term in VOCABULARIES.institutions)
LOCATIONS = ["Annex I, table", "Annex I, box 1", "Annex I, paragraph 3", "Annex I, paragraphs 3-4",
             "Main text, paragraph 15 (b)", "Annex II, footnote 2", "Annex III, paragraph 4"]


def terms(name: str, min_size: int = 1, max_size: int = 3):
    return st.lists(st.sampled_from([term.id for term in VOCABULARIES[name]]), min_size=min_size,
                    max_size=max_size, unique=True)


def years():
    return st.integers(1950, 2100).flatmap(lambda start: st.one_of(
        st.just({"start": start}), st.integers(start, min(start + 15, 2100)).map(lambda end: {"start": start,
                                                                                              "end": end})))


def amount():
    return st.one_of(st.integers(0, 10 ** 9), st.integers(0, 10 ** 11).map(lambda cents: round(cents / 100, 2)))


@st.composite
def activity(draw):
    data = {"title": draw(free_text(3, 200)), "summary": draw(free_text(10, 400)), "years": draw(years())}
    codes = draw(st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=4, unique=True))
    # Roles that raise no warning: provider and learner anywhere; two-way and member only for several
    # countries (a single one is warned about); venue only beside an event modality (below).
    shared = draw(st.sampled_from(["two-way", "member"])) if len(codes) > 1 and draw(st.booleans()) else None
    data["countries"] = [{"country": code, "role": shared or draw(st.sampled_from(["provider", "learner"]))}
                         for code in codes]
    data["themes"] = draw(terms("themes"))
    data["modalities"] = draw(terms("modalities"))
    data["participants"] = draw(terms("participant_types"))
    if draw(st.booleans()):
        data["institutions"] = [{"institution": institution,
                                 "role": draw(st.sampled_from(["host", "broker", "funder", "implementer", "partner"]))}
                                for institution in draw(st.lists(st.sampled_from(INSTITUTIONS), max_size=3,
                                                                 unique=True))]
    if draw(st.booleans()):
        data["contributions"] = [{"funder": "ifad", "amount": draw(amount()), "currency": "USD",
                                  "kind": draw(st.sampled_from(["cash", "in-kind", "not-stated"])),
                                  "status": draw(st.sampled_from(["planned", "allocated", "spent", "not-stated"]))}]
        if draw(st.booleans()):
            data["funding_nature"] = draw(st.sampled_from(["grant", "loan-project"]))
        if draw(st.booleans()):  # others, whose amount the source may not give
            data["contributions"].append({"funder_group": "not-named", "kind": "not-stated", "status": "not-stated"})
            if draw(st.booleans()):
                data["contributions"][-1].update(amount=draw(amount()), currency="EUR")
        if draw(st.booleans()):
            data["contributions"][0]["note"] = draw(free_text(1, 500))
    if draw(st.booleans()):
        data["results"] = draw(st.lists(free_text(3, 300), min_size=1, max_size=3))
    if draw(st.booleans()):
        data["lessons"] = ["lesson-one"]
    data["sources"] = draw(citations(3))
    return data


#: Places in a source of free locations (the fixture's video): any short text.
FREE_LOCATIONS = ["page 12", "section 3.2", "paragraph 15 (b)", "box 4", "table 2", "00:12:30"]


@st.composite
def citations(draw, at_most: int):
    """IFAD's paper at places in its strict form, and sometimes the fixture's video at free ones."""
    items = [{"source": "ifad-repl-ix-3-r-3",
              "locations": draw(st.lists(st.sampled_from(LOCATIONS), min_size=1, max_size=at_most, unique=True))}]
    if draw(st.booleans()):
        items.append({"source": "marketplace-partners-video", "locations": draw(st.lists(
            st.sampled_from(FREE_LOCATIONS), min_size=1, max_size=at_most, unique=True))})
    return items


@st.composite
def lesson(draw):
    data = {"title": draw(free_text(3, 200)), "statement": draw(free_text(10, 1000)),
            "learned_by": draw(st.sampled_from(INSTITUTIONS))}
    if draw(st.booleans()):
        data["number"] = draw(st.integers(1, 99))
    if draw(st.booleans()):
        data["points"] = draw(st.lists(free_text(3, 300), min_size=1, max_size=4))
    if draw(st.booleans()):
        data["themes"] = draw(terms("themes"))
    if draw(st.booleans()):
        data["activities"] = ["cambodia-china-rice"]
    data["sources"] = draw(citations(2))
    return data


@st.composite
def learning_route(draw):
    data = {"title": draw(free_text(3, 200)), "summary": draw(free_text(10, 400))}
    if draw(st.booleans()):
        data["years"] = draw(years())
    data["countries_visited"] = draw(st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=3, unique=True))
    if draw(st.booleans()):
        data["cases"] = [{"title": draw(free_text(3, 300)), "host": draw(st.sampled_from(INSTITUTIONS)),
                          "country": data["countries_visited"][0]}]
    data["themes"] = draw(terms("themes"))
    data["participants"] = draw(terms("participant_types"))
    if draw(st.booleans()):
        data["duration"] = draw(free_text(1, 200))
    if draw(st.booleans()):
        data["innovation_plans"] = draw(st.lists(free_text(3, 300), min_size=1, max_size=2))
    data["sources"] = [{"source": "ifad-repl-ix-3-r-3", "locations": ["Annex I, paragraph 18"]}]
    return data


ENTRIES = {"activity": activity(), "lesson": lesson(), "learning_route": learning_route()}
_PLAIN_SAFE = re.compile(r"[A-Za-z][A-Za-z0-9 .()/'-]*[A-Za-z0-9).]\Z")  # no ',': it ends a flow item
_YAML_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}


def scalar(value, style: str) -> str:
    """A scalar in YAML: plain when that reads back the same under the strict rules, else quoted."""
    if isinstance(value, bool) or value is None:
        raise AssertionError(value)
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, int):
        return str(value)
    if style == "plain" and _PLAIN_SAFE.match(value) and value.lower() not in _YAML_WORDS:
        return value
    if style == "single" and "\\" not in value:
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted strings


def to_yaml(value, style: str, flow: bool, indent: str = "") -> str:
    """Front matter in one of several styles a contributor could use."""
    if isinstance(value, dict):
        if flow or not value:
            return "{" + ", ".join(f"{key}: {to_yaml(item, style, True)}" for key, item in value.items()) + "}"
        lines = []
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item and not flow:
                lines.append(f"{indent}{key}:\n{to_yaml(item, style, flow, indent + '  ')}")
            else:
                lines.append(f"{indent}{key}: {to_yaml(item, style, True)}")
        return "\n".join(lines)
    if isinstance(value, list):
        if flow or not value:
            return "[" + ", ".join(to_yaml(item, style, True) for item in value) + "]"
        lines = []
        for item in value:
            if isinstance(item, dict):
                lines.append(f"{indent}- {to_yaml(item, style, True)}")
            else:
                lines.append(f"{indent}- {to_yaml(item, style, True)}")
        return "\n".join(lines)
    return scalar(value, style)


def entry_file(entry_id: str, data: dict, style: str, flow: bool, body: str) -> bytes:
    front = to_yaml({"id": entry_id, **data}, style, flow)
    return f"---\n{front}\n---\n\n{body}\n".encode("utf-8")


STYLES = st.sampled_from(["plain", "single", "double"])
BODIES = st.sampled_from(["", "Plain body.", "A **bold** [link](https://www.ifad.org) and <em>HTML</em>.",
                          "## A heading\n\n- a list\n- of items\n\n| a | b |\n|---|---|\n| 1 | 2 |",
                          "    <script>code, shown as text</script>"])


@examples(150)
@given(st.sampled_from(sorted(ENTRIES)).flatmap(lambda kind: st.tuples(st.just(kind), ENTRIES[kind])),
       STYLES, st.booleans(), BODIES)
def test_a_valid_entry_always_validates(kind_and_data, style, flow, body):
    kind, data = kind_and_data
    raw = entry_file("generated-entry", data, style, flow, body)
    path, problems = check_bytes(kind, raw)
    assert [problem.format() for problem in problems] == [], raw.decode()


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_h1, self.h1, self.tags = False, "", set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.in_h1 = self.in_h1 or tag == "h1"

    def handle_endtag(self, tag):
        if tag == "h1":
            self.in_h1 = False

    def handle_data(self, data):
        if self.in_h1:
            self.h1 += data


@examples(12)
@given(st.sampled_from(sorted(ENTRIES)).flatmap(lambda kind: st.tuples(st.just(kind), ENTRIES[kind])), STYLES,
       st.booleans())
def test_a_valid_entry_appears_on_every_page_it_belongs_to(tmp_path_factory, kind_and_data, style, flow):
    kind, data = kind_and_data
    root = tmp_path_factory.mktemp("kb") / "kb"
    shutil.copytree(FIXTURE, root)
    (root / FOLDERS[kind] / "generated-entry.md").write_bytes(entry_file("generated-entry", data, style, flow,
                                                                         "Body."))
    site = build_site(root)
    assert [problem.format() for problem in site.problems if problem.is_error] == []
    knowledge_base = site.knowledge_base
    entry = knowledge_base.get(kind, "generated-entry")
    assert entry is not None
    page = site.entries[entry.page_path]
    rendered = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS)).convert(page.markdown)
    text = _Text()
    text.feed(rendered)
    assert text.h1.strip() == " ".join(data["title"].split())
    assert not text.tags & {"script", "iframe", "img", "object", "embed", "style"}
    pages = {**site.generated, **site.entries}
    for dimension in DIMENSIONS:
        for term_id in dimension.terms_of(knowledge_base, entry):
            first = dimension.page_path(term_id, knowledge_base)
            listing = [path for path in pages if path == first or path.startswith(first[:-3] + "/page_")]
            assert any("generated-entry.md)" in pages[path].markdown for path in listing), (dimension.key, term_id)


CONTEXTS = {
    "heading": lambda text: f"# {text}\n",
    "list item": lambda text: f"- **[{text}](x.md)** · 2010<br>\n  {text}\n",
    "table cell": lambda text: f"| a | b |\n|---|---|\n| x | {text} |\n",
    "paragraph": lambda text: f"{text}\n",
}


class _AllText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.tags = "", set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_data(self, data):
        self.text += data


@examples(600)
@given(st.lists(st.one_of(st.text(LETTERS, max_size=6), SPECIAL), max_size=14).map("".join),
       st.sampled_from(sorted(CONTEXTS)))
def test_escaped_metadata_reads_as_typed_in_every_context(text, context):
    converter = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS))
    rendered = converter.convert(CONTEXTS[context](md_escape(text)))
    parsed = _AllText()
    parsed.feed(rendered)
    folded = " ".join(text.split())
    assert parsed.tags <= {"h1", "ul", "li", "strong", "a", "br", "p", "table", "thead", "tbody", "tr", "th", "td"}
    if context in ("heading", "paragraph"):
        assert parsed.text.strip() == folded
    else:
        assert folded in " ".join(parsed.text.split()) or not folded


# The validator never raises -----------------------------------------------------------------------

@examples(300)
@given(st.sampled_from(sorted(FOLDERS)), st.binary(max_size=2000))
def test_any_bytes(kind, raw):
    path, problems = check_bytes(kind, raw)
    assert_well_formed(path, raw, problems)


@examples(300)
@given(st.sampled_from(sorted(FOLDERS)),
       st.lists(st.one_of(st.text(max_size=20), st.sampled_from(["---\n", "\n", ": ", "- ", "  ", "[", "]", "{",
                                                                  "}", "&a ", "*a", "!!", "#", "'", '"', "\t", "\r",
                                                                  "\ufeff", "\x00", "\\", "|", ">"])),
                max_size=40).map("".join))
def test_any_text(kind, text):
    raw = ("---\n" + text).encode("utf-8", "surrogatepass")
    path, problems = check_bytes(kind, raw)
    assert_well_formed(path, raw, problems)


FIELD_NAMES = ["id", "title", "summary", "years", "start", "end", "countries", "country", "role", "themes",
               "modalities", "participants", "institutions", "institution", "contributions", "funder",
               "funder_group", "amount", "currency", "kind", "status", "year", "funding_nature", "note", "results", "lessons", "learning_routes", "activities", "sources",
               "source", "locations", "statement", "points", "learned_by", "number", "cases", "host",
               "countries_visited", "participant_countries", "organisers", "duration", "innovation_plans",
               "other_regions", "scope_note"]
leaves = st.one_of(st.none(), st.booleans(), st.integers(-10 ** 30, 10 ** 30),
                   st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
                   st.sampled_from(COUNTRIES[:20] + INSTITUTIONS[:10] + ["gender", "training", "farmers",
                                                                         "ifad-repl-ix-3-r-3", "Annex I, table"]))
trees = st.recursive(leaves, lambda children: st.one_of(
    st.lists(children, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=10)), children, max_size=5)),
    max_leaves=25)


@examples(300)
@given(st.sampled_from(sorted(FOLDERS)), st.dictionaries(st.sampled_from(FIELD_NAMES), trees, max_size=12),
       st.booleans())
def test_any_front_matter(kind, data, flow):
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, sort_keys=False)
    raw = f"---\n{text}---\nBody.\n".encode("utf-8", "surrogatepass")
    path, problems = check_bytes(kind, raw)
    assert_well_formed(path, raw, problems)


EDITS = st.sampled_from(["delete", "duplicate", "insert", "indent", "dedent", "truncate", "swap"])
SNIPPETS = st.sampled_from(["title: again", "- stray item", "  nested: value", "years: {start: 2100, end: 1950}",
                            "countries: NO", "&anchor", "*alias", "summary: |", "  <script>alert(1)</script>",
                            "contributions: [{funder: ifad, amount: -1, currency: usd}]", "---", "...", "\t- tab",
                            "lessons: [../../etc/passwd]", "id: ../x", "{", "]", "'", '"', "# comment",
                            "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "x" * 300])


@examples(300)
@given(st.sampled_from(sorted(ENTRIES)).flatmap(lambda kind: st.tuples(st.just(kind), ENTRIES[kind])), STYLES,
       st.booleans(), st.lists(st.tuples(EDITS, st.integers(0, 60), SNIPPETS), min_size=1, max_size=4))
def test_any_edit_of_a_valid_entry(kind_and_data, style, flow, edits):
    kind, data = kind_and_data
    lines = entry_file("generated-entry", data, style, flow, "Body.").decode().split("\n")
    for edit, position, snippet in edits:
        at = position % len(lines)
        if edit == "delete" and len(lines) > 1:
            del lines[at]
        elif edit == "duplicate":
            lines.insert(at, lines[at])
        elif edit == "insert":
            lines.insert(at, snippet)
        elif edit == "indent":
            lines[at] = "  " + lines[at]
        elif edit == "dedent":
            lines[at] = lines[at].lstrip()
        elif edit == "truncate":
            lines[at] = lines[at][:len(lines[at]) // 2]
        elif edit == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
    raw = "\n".join(lines).encode("utf-8")
    path, problems = check_bytes(kind, raw)
    assert_well_formed(path, raw, problems)


@examples(40)
@given(st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1,
               max_size=40))
def test_any_file_name(tmp_path_factory, name):
    assume(name not in (".", "..") and len(name.encode("utf-8")) < 200)
    root = tmp_path_factory.mktemp("names") / "kb"
    shutil.copytree(FIXTURE, root)
    source = (FIXTURE / "activities/cambodia-china-rice.md").read_text()
    (root / "activities" / name).write_text(source.replace("cambodia-china-rice", "renamed"))
    site = build_site(root)
    for problem in site.problems:
        assert problem.line >= 1 and problem.field and "\n" not in problem.format()
    assert {"brazil-africa-marketplace", "cambodia-china-rice", "escaping-test"} <= set(
        site.knowledge_base.entries["activity"])
    for entry in site.knowledge_base.all_entries():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry.id), entry.id  # page addresses stay safe
    if name == "renamed.md":
        assert "renamed" in site.knowledge_base.entries["activity"]
    else:
        assert any(problem.path.startswith("activities/") for problem in site.problems) or \
            not name.endswith(".md") and name.startswith(".")

