"""The check's messages in the contributor's language, all of them (issue 16, item 5).

`build.py check --language es` (or SSCKB_LANGUAGE) shows every rule's message through a template of
ssckb/checkmessages.py; these tests enumerate what the check can print (the hostile corpus, the rules' own
messages, the schemas' hints and the vocabularies' nouns) and hold that none is left in English. The English
messages themselves are pinned elsewhere and never change.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import REPO
from ssckb import cli
from ssckb.checkmessages import AND, OR, PHRASES, TEMPLATES, localized_message, template_of
from ssckb.i18n import _, rendering_language
from ssckb.problems import ERROR, WARNING, Problem, summary_line

LANGUAGES = ["es", "fr", "pt", "ar"]
#: Words a language spells as English does (French 'source', 'institution').
SAME_WORD = {("fr", "source"), ("fr", "institution")}


def _hostile_messages() -> list[str]:
    """Each distinct message of tests/hostile/expected.txt (the corpus of what contributors get wrong)."""
    messages = []
    for line in (REPO / "tests" / "hostile" / "expected.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith(("#", "ACCEPTED ")):
            continue
        message = line.split(": ", 2)[2]
        message = message.removeprefix("warning: ")
        if message not in messages:
            messages.append(message)
    return messages


#: Messages of rules the hostile corpus does not reach, exactly as the rules write them.
RULE_MESSAGES = [
    "give funder (an institution id) or funder_group, not both; keep funder_group only when the source names no "
    "institution",
    "say who gave it: funder, an institution id from the registry (e.g. ifad), or, when the source names no "
    "institution, funder_group (governments, donors, participants or not-named)",
    "an amount needs its currency; add currency: USD, or the ISO 4217 code of the currency the source gives",
    "status is 'open' but offers is filled in; set status: matched (an offer or an activity answers it) or closed "
    "(it was met), or leave offers out",
    "status is 'closed' and became is empty; if the source says what the request became, list the activities in "
    "became",
    "region 'west-central-africa' already follows from the countries; remove it",
    "give either activity or learning_route in one item, not both; write one item for each experience",
    "'peru-visit' is this activity itself; name the earlier activity it replicates or adapts",
    "BRA is the only country with role 'two-way': a two-way exchange needs a second two-way country; use provider, "
    "learner, member or venue as the source says",
    "BRA has role 'member' but the entry names no other country or region of the programme; list the other "
    "members, give other_regions, or use provider, learner or venue",
    "PER has role 'venue' but no modality is an event (exposure-visit, learning-route); add the event's modality, "
    "or give the country the role the source gives it",
    "the title is also used by activities/a.md; is it the same entry?",
    "'lesson-1' is a lesson, not an activity; list it under lessons",
    "'brazil-visit' is an activity, not a lesson; list it under activities",
    "'palenque' is a learning route, not a lesson; list it under learning_routes",
    "unknown institution 'embrapa2'; add it to ssckb/vocabularies/institutions.yml first",
    "unknown theme 'gender'; use one of: climate-change, gender-equality",
    "'West Africa' is a region, not a country; give the countries' ISO 3166-1 alpha-3 codes, or, if the source "
    "names no country, put the region in other_regions: [west-central-africa]",
    "source 'ifad-2011' has an error in sources/ifad-2011.md (listed with it); fix it there first",
    "give 'authors' or 'publisher' (or both)",
    "the list is empty; give at least 1 value",
    "'p. 12' is not in the form ifad-repl-ix-3-r-3 is cited in; write it as 'Annex I, paragraph 3', 'Annex I, "
    "paragraphs 3-4', 'Annex I, box 1', 'Annex I, table' or 'Main text, paragraph 15 (b)'",
    "'ifad-2011' is cited twice (also sources[0]); give all its locations in one item",
    "still the example of 'build.py new source'; write its web address (or remove the line and give an identifier)",
    "still the example text of 'build.py new source'; describe the source in your own words, or remove the text",
    "the date is in 2011 but year is 2012; make them agree",
    "the link '../lessons/nowhere.md' leads to no entry (lessons/nowhere.md does not exist); check the id, which "
    "is the file name without .md",
    "the link '../../etc.md' leads outside the site; link to a page of the site, or to a full https:// address",
    "the text holds 2,000 '<' characters, more than 1,000: so many tags or '<' signs make the site too slow to "
    "build; shorten the text or split the entry",
    "an address starting with 'data:' is not allowed in an entry (it can hide a whole page, scripts included); "
    "link to an https:// address instead",
    "the file is a symbolic link; an entry must be an ordinary file: copy the content instead",
    "this folder is a symbolic link, and the build follows no link (it could publish any file of the machine that "
    "builds the site); put the folder itself here, or remove the link",
    "entries must be directly in activities/, not in a subfolder; move it to activities/a.md",
    "'de' is not a language of the site, so this file is neither an entry nor a body translation; a body "
    "translation is named NAME.LANG.md, LANG one of: es, fr, pt, ar",
    "the label has no translation in Arabic (ar) yet; add it under labels (e.g. 'labels: {ar: ...}')",
]


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_message_of_the_hostile_corpus_is_left_in_english(code):
    left = [message for message in _hostile_messages() if localized_message(message, code) == message]
    assert not left, left


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_rules_beyond_the_corpus_are_translated_too(code):
    for message in RULE_MESSAGES:
        assert template_of(message) is not None, message
        assert localized_message(message, code) != message, message
        assert localized_message(message, "en") == message


def test_what_the_contributor_wrote_stays_as_written_and_the_rules_words_are_translated():
    got = localized_message("expected a number, got the text '200,000'; write a plain number without quotes, "
                            "separators or currency, e.g. 200000", "es")
    assert got == ("se esperaba un número, se encontró el texto '200,000'; escriba un número simple sin comillas, "
                   "separadores ni moneda, p. ej. 200000")
    got = localized_message("YAML syntax error: found character that cannot start any token; indent with spaces, "
                            "not tabs", "fr")
    # PyYAML's own words stay as it wrote them; the hint is the check's.
    assert got == ("erreur de syntaxe YAML : found character that cannot start any token ; indentez avec des "
                   "espaces, pas des tabulations")
    got = localized_message("the title and summary have no translation in Spanish (es), French (fr) or Portuguese "
                            "(pt) yet; add them under translations (e.g. 'translations: {es: {title: ..., summary: "
                            "...}}'), or leave them to a translator", "pt")
    assert "title e summary para espanhol (es), francês (fr) ou português (pt)" in got
    assert "'translations: {es: {title: ..., summary: ...}}'" in got
    assert localized_message("unknown theme 'gendre'", "es") == "valor desconocido (tema) 'gendre'"
    assert localized_message("'lesson-1' is a lesson, not an activity; list it under lessons", "es") == \
        "'lesson-1' es de tipo lección, no actividad; póngalo en lessons"


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_template_and_phrase_has_its_translation(code):
    with rendering_language(code):
        for message in (*TEMPLATES, *PHRASES, AND, OR):
            assert _(message) != message or (code, message) in SAME_WORD, (code, message)
            placeholders = set(re.findall(r"%\((\w+)\)s", message))
            assert set(re.findall(r"%\((\w+)\)s", _(message))) == placeholders, (code, message)


def test_each_template_is_read_back_as_itself():
    for template in TEMPLATES:
        message = template % {name: f"<{name}>" for name in re.findall(r"%\((\w+)\)s", template)} \
            if "%(mark)s" not in template else None
        if message is not None:
            assert template_of(message)[0] == template, template


def _schema_hints() -> set[str]:
    hints = set()

    def visit(node):
        if isinstance(node, dict):
            for key in ("x-hint",):
                if isinstance(node.get(key), str):
                    hints.add(node[key])
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    for path in sorted((REPO / "ssckb" / "schemas").glob("*.schema.json")):
        visit(json.loads(path.read_text(encoding="utf-8")))
    return hints


def test_every_hint_of_the_entry_and_source_schemas_is_a_phrase_of_the_catalog():
    from ssckb.checkmessages import _phrase

    assert _schema_hints()
    for hint in _schema_hints():
        with rendering_language("es"):
            assert _phrase(hint) != hint, hint


def test_every_noun_the_messages_use_is_a_phrase_of_the_catalog():
    from ssckb.schemas import KIND_NOUNS
    from ssckb.vocabularies import NOUNS

    for noun in [*NOUNS.values(), *KIND_NOUNS.values()]:
        assert noun in PHRASES, noun


def _problems(errors: int, warnings: int) -> list[Problem]:
    return [Problem("a.md", n, "f", "m", ERROR) for n in range(errors)] + \
           [Problem("a.md", 100 + n, "f", "m", WARNING) for n in range(warnings)]


@pytest.mark.parametrize("errors, warnings", [(0, 0), (1, 0), (2, 1), (11, 3)])
def test_the_summary_line_in_english_is_as_it_always_was(errors, warnings):
    line = f"{errors} error(s), {warnings} warning(s)."
    assert summary_line(_problems(errors, warnings)) == summary_line(_problems(errors, warnings), "en") == line


def test_the_summary_line_takes_the_catalogs_plurals():
    assert summary_line(_problems(1, 2), "es") == "1 error, 2 advertencias."
    assert summary_line(_problems(2, 1), "fr") == "2 erreurs, 1 avertissement."
    assert summary_line(_problems(0, 1), "pt").endswith("1 aviso.")
    arabic = {summary_line(_problems(n, 0), "ar").split("،")[0] for n in (1, 2, 3, 11)}
    assert len(arabic) == 4  # one, two, few, many: four forms


def test_check_prints_the_summary_in_the_language(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("SSCKB_LANGUAGE", raising=False)
    assert cli.main(["new", "activity", "Rwanda visits Peru", "--root", str(tmp_path)]) == 0
    target = str(tmp_path / "activities" / "rwanda-visits-peru.md")
    capsys.readouterr()
    assert cli.main(["check", target, "--root", str(tmp_path)]) == 1
    english = capsys.readouterr().err.splitlines()[-1]
    assert re.fullmatch(r"\d+ error\(s\), \d+ warning\(s\)\.", english)
    assert cli.main(["check", target, "--root", str(tmp_path), "--language", "es"]) == 1
    spanish = capsys.readouterr().err.splitlines()[-1]
    assert "error(s)" not in spanish and re.fullmatch(r"\d+ errore?s?, \d+ advertencias?\.", spanish)


# --- `build.py new source` in the contributor's language -----------------------------------------

SOURCE_HEADERS = {"es": "# Una fuente que citan las entradas", "fr": "# Une source que les fiches citent",
                  "pt": "# Uma fonte que as entradas citam", "ar": "# مصدر تستشهد به المدخلات"}


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_source_scaffold_explains_in_the_language_and_keeps_its_keys_and_values(code):
    from ssckb.scaffold import source_scaffold_text

    english = source_scaffold_text("rural-finance", "Rural finance", 2026)
    other = source_scaffold_text("rural-finance", "Rural finance", 2026, language=code)
    assert other.startswith("---\n" + SOURCE_HEADERS[code])
    assert [line for line in other.splitlines() if not line.startswith("#")] == \
           [line for line in english.splitlines() if not line.startswith("#")]
    # How to cite it stays as an entry writes it, whatever the language.
    assert "#   sources:\n#     - source: rural-finance\n" in other
    if code == "es":
        assert "# title (obligatorio): El título, tal como lo da la propia fuente." in other


def test_new_source_writes_the_language_asked(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("SSCKB_LANGUAGE", raising=False)
    assert cli.main(["new", "source", "Rural finance in Peru", "--language", "fr", "--root", str(tmp_path)]) == 0
    text = (tmp_path / "sources" / "rural-finance-in-peru.md").read_text(encoding="utf-8")
    assert text.startswith("---\n" + SOURCE_HEADERS["fr"])


# --- `build.py from-issue` in the maintainer's language ------------------------------------------

def test_from_issue_reviews_and_report_in_the_language_and_the_same_entry(tmp_path, capsys, monkeypatch):
    import shutil

    from test_from_issue import ACTIVITY_BODY

    monkeypatch.delenv("SSCKB_LANGUAGE", raising=False)
    body = ACTIVITY_BODY.replace("Moçambique: learner", "Atlantis: learner")
    assert body != ACTIVITY_BODY
    issue = tmp_path / "issue.md"
    issue.write_text(body, encoding="utf-8")
    outputs = {}
    for code in ("en", "es"):
        root = tmp_path / code
        for folder in ("activities", "lessons", "learning_routes", "sources", "docs"):
            shutil.copytree(REPO / folder, root / folder)
        report = tmp_path / f"report-{code}.md"
        capsys.readouterr()
        assert cli.main(["from-issue", str(issue), "--root", str(root), "--report", str(report),
                         "--language", code]) == 1
        out = capsys.readouterr()
        path = out.out.splitlines()[0]
        outputs[code] = (path, (root / path).read_text(encoding="utf-8"), out.out.splitlines()[1:],
                         out.err, report.read_text(encoding="utf-8"))
    english, spanish = outputs["en"], outputs["es"]
    assert spanish[:2] == english[:2]  # the same file, the same text
    assert len(spanish[2]) == len(english[2]) == 1
    prefix = english[2][0].split(": ", 2)
    assert spanish[2][0].startswith(f"{prefix[0]}: {prefix[1]}: la respuesta 'Atlantis' a ")
    assert "answer(s) to review" in english[3] and "respuesta(s) por revisar" in spanish[3]
    assert spanish[4].startswith("La entrada está en `") and english[4].startswith("The entry is in `")
