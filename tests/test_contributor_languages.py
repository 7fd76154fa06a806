"""Contributors in four languages: the issue forms in English, Spanish, French and Portuguese, read back by
``build.py from-issue`` whatever the language they were answered in; the scaffold and the check's messages
in those languages.

An issue answered in another language has that form's labels as headings and the vocabularies' labels in
that language as dropdown answers: the entry it makes is the same as the English one's.
"""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from ssckb.contrib import fromissue
from ssckb.contrib.descriptions import is_translated
from ssckb.contrib.forms import FORM_LANGUAGES, ISSUE_FORMS, described_paths, form_language, issue_form_path
from ssckb.contrib.issueform import NO_RESPONSE, checked_boxes, load_form, sections, split_options
from ssckb.vocabularies import load_vocabularies
from test_from_issue import ACTIVITY_BODY, DEMAND_ANSWERS, LESSON_BODY, ROUTE_BODY, _body_from_form

OTHER_LANGUAGES = [code for code in FORM_LANGUAGES if code != "en"]

#: An activity proposed in Spanish, as GitHub renders the Spanish form: the same facts as ACTIVITY_BODY.
SPANISH_ACTIVITY = """\
### Título

Brasil and Moçambique share cassava know-how, step by step

### Resumen

Brazilian researchers share cassava processing techniques with farmers' organizations in Mozambique.

### Años

2009–2011

### Países y sus funciones

Brasil: provider
Moçambique: learner
- Chine (member)
Viet Nam - learner

### Regiones que participan sin países nombrados

Cercano Oriente, África del Norte y Europa, África Occidental y Central

### Temas

Cadenas de valor inclusivas y acceso a los mercados, Producción agrícola

### ¿Cómo se intercambiaron los conocimientos?

{modalities}

### ¿Quiénes participaron?

{participants}

### Instituciones y sus funciones

Brazilian Agricultural Research Corporation (EMBRAPA): host
IFAD: funder

### ¿Cómo lo financió el FIDA?

{funding}

### Contribución del FIDA

US$1.5 million

### Contribución de otros

USD 200 000

### Resultados

- Two cassava mills were set up.
- Farmers sold flour to schools.

### Lecciones, rutas de aprendizaje y actividades relacionadas

lesson-1-champions
Improving the quality of life for the community of Palenque

### Fuente

South-South cooperation in IFAD's business model (REPL.IX/3/R.3)

### Dónde en la fuente

Annex I, paragraph 3
Annex I, box 1

### Qué ocurrió

Mozambican cassava growers asked to learn from Brazilian processing units.

They visited three units, then trained others at home.

### ¿Cuáles de los cinco criterios de una buena CSS muestra la fuente?

- [X] Impulsada por la demanda
- [ ] Basada en conocimientos y experiencias concretos y probados
- [ ] Sistemática, no puntual
- [ ] Integrada en los programas en los países del FIDA
- [X] Priorizada por quienes se benefician

### Fuentes y redacción

- [X] Cada dato anterior está en la fuente y en el lugar que cité, y el texto está escrito con mis propias palabras.
"""


@pytest.fixture(scope="module")
def vocabularies():
    return load_vocabularies(root=REPO)


@pytest.fixture(scope="module")
def forms():
    return {kind: [load_form(REPO / issue_form_path(kind, code)) for code in FORM_LANGUAGES] for kind in ISSUE_FORMS}


@pytest.fixture(scope="module")
def knowledge_base():
    from ssckb.cli import load_knowledge_base

    kb, _ = load_knowledge_base(REPO)
    entries = {kind: {entry.id: entry.title for entry in found.values()} for kind, found in kb.entries.items()}
    return kb, entries


def translated_body(body: str, english, other) -> str:
    """``body`` (answered to the English form) as if answered to ``other``: each heading the other form's label
    of the same field id, each dropdown or checkbox option the other form's option at the same place."""
    by_label = english.by_label()
    fields = {f.id: f for f in other.fields}
    parts = []
    for heading, answer in sections(body):
        field = by_label[heading]
        target = fields[field.id]
        if answer == NO_RESPONSE:
            pass
        elif field.type == "dropdown":
            chosen, leftovers = split_options(answer, field.options)
            assert not leftovers, heading
            answer = ", ".join(target.options[field.options.index(option)] for option in chosen)
        elif field.type == "checkboxes":
            ticked = set(checked_boxes(answer))
            answer = "\n".join(f"- [{'X' if option in ticked else ' '}] {target.options[index]}"
                               for index, option in enumerate(field.options))
        parts.append(f"### {target.label}\n\n{answer}\n")
    return "\n".join(parts)


def _convert(body, forms, knowledge_base, kind=None):
    kb, entries = knowledge_base
    return fromissue.convert(body, forms, kb.vocabularies, entries, kb.sources, kind)


def test_every_propose_form_exists_in_four_languages_with_the_same_field_ids():
    for kind in ISSUE_FORMS:
        english = load_form(REPO / issue_form_path(kind, "en"))
        assert english.language == "en" and issue_form_path(kind, "en") == ISSUE_FORMS[kind]
        for code in OTHER_LANGUAGES:
            path = issue_form_path(kind, code)
            assert form_language(path) == code
            form = load_form(REPO / path)
            assert form.language == code
            assert [(f.id, f.type, f.required, len(f.options)) for f in form.fields] == \
                   [(f.id, f.type, f.required, len(f.options)) for f in english.fields], path
            assert form.labels == english.labels  # the same GitHub labels: the same workflow reads them
            assert form.name != english.name and len({f.label for f in form.fields}) == len(form.fields)
            # Every label is in the form's language (none left in English but the ones spelled the same).
            same = {f.label for f in form.fields} & {f.label for f in english.fields}
            assert same <= {"Source", "Duration"} if code == "fr" else not same, (path, same)


@pytest.mark.parametrize("code, name", [("es", "Proponer una actividad (español)"),
                                        ("fr", "Proposer une activité (français)"),
                                        ("pt", "Propor uma atividade (português)")])
def test_a_reader_sees_the_language_of_each_form_in_its_name(code, name):
    assert load_form(REPO / issue_form_path("activity", code)).name == name


def test_every_description_a_form_shows_is_translated(vocabularies):
    for kind in ISSUE_FORMS:
        for path in described_paths(vocabularies, kind):
            for code in OTHER_LANGUAGES:
                assert is_translated(kind, path, code), (kind, ".".join(path), code)


def test_a_spanish_issue_gives_the_same_entry_as_the_english_one(forms, knowledge_base):
    english_form = forms["activity"][0]
    options = {f.id: f.options for f in forms["activity"][FORM_LANGUAGES.index("es")].fields}
    english_options = {f.id: f.options for f in english_form.fields}

    def spanish(form_id, *english):
        return ", ".join(options[form_id][english_options[form_id].index(label)] for label in english)

    body = SPANISH_ACTIVITY.format(
        modalities=spanish("modalities", "Exposure or study visit", "Seminar, workshop or conference"),
        participants=spanish("participants", "Farmers' organizations", "Researchers"),
        funding=spanish("funding_nature", "Grant-funded"))
    draft, text, problems = _convert(body, forms, knowledge_base)
    english_draft, english_text, english_problems = _convert(ACTIVITY_BODY, forms, knowledge_base)
    assert problems == english_problems == []
    assert text == english_text
    assert draft.criteria == english_draft.criteria == ["Demand-driven", "Prioritized by those who benefit"]


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
@pytest.mark.parametrize("kind, body", [("activity", ACTIVITY_BODY), ("lesson", LESSON_BODY),
                                        ("learning_route", ROUTE_BODY),
                                        ("request", _body_from_form("request", DEMAND_ANSWERS["request"])),
                                        ("offer", _body_from_form("offer", DEMAND_ANSWERS["offer"]))])
def test_an_issue_in_any_language_gives_the_same_entry(forms, knowledge_base, code, kind, body):
    english, other = forms[kind][0], forms[kind][FORM_LANGUAGES.index(code)]
    translated = translated_body(body, english, other)
    assert translated != body
    draft, text, problems = _convert(translated, forms, knowledge_base)
    english_draft, english_text, english_problems = _convert(body, forms, knowledge_base)
    assert draft.kind == kind
    assert (text, problems, draft.criteria, draft.confirmed) == \
           (english_text, english_problems, english_draft.criteria, english_draft.confirmed)


# --- The scaffold and the check's messages ---------------------------------------------------------

import re  # noqa: E402

import yaml  # noqa: E402

from ssckb import cli  # noqa: E402
from ssckb.checkmessages import TEMPLATES, localized_message, template_of  # noqa: E402
from ssckb.placeholders import KIND_MESSAGES, MESSAGES, OTHER  # noqa: E402
from ssckb.scaffold import scaffold_text  # noqa: E402

SCAFFOLD_WORDS = {"es": "Una actividad de CSS: quién aprendió qué de quién.",
                  "fr": "Une activité de CSS : qui a appris quoi de qui.",
                  "pt": "Uma atividade de CSS: quem aprendeu o quê com quem."}


def _front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
@pytest.mark.parametrize("kind", sorted(ISSUE_FORMS))
def test_the_scaffold_explains_in_the_language_and_keeps_the_schemas_keys(kind, code, vocabularies):
    english = scaffold_text(kind, "an-id", "A title", 2026, vocabularies)
    other = scaffold_text(kind, "an-id", "A title", 2026, vocabularies, code)
    assert other != english
    assert _front(other) == _front(english)  # the same keys and values: only the comments differ
    assert [line for line in other.splitlines() if not line.startswith("#")] == \
           [line for line in english.splitlines() if not line.startswith("#")]
    if kind == "activity":
        assert "# " + SCAFFOLD_WORDS[code].split(":")[0] in other
        assert "title (obligatorio): El nombre" in other if code == "es" else True


def test_new_writes_the_scaffold_in_the_language_asked(tmp_path, capsys):
    assert cli.main(["new", "activity", "Rwanda visits Peru", "--language", "pt", "--root", str(tmp_path)]) == 0
    text = (tmp_path / "activities" / "rwanda-visits-peru.md").read_text(encoding="utf-8")
    assert text.startswith("---\n# " + SCAFFOLD_WORDS["pt"])


def test_every_placeholder_message_has_its_template():
    for message in [*MESSAGES.values(), *(m for kind in KIND_MESSAGES.values() for m in kind.values()), OTHER]:
        assert template_of(message) is not None, message


def test_each_template_is_read_back_from_its_own_english():
    for template in TEMPLATES:
        fields = {name: f"<{name}>" for name in re.findall(r"%\((\w+)\)s", template)}
        from ssckb.placeholders import MARK
        message = template % {**fields, "mark": MARK}
        found = template_of(message)
        assert found is not None and found[0] == template, template
        assert localized_message(message, "en") == message


def test_a_message_in_spanish_keeps_what_the_contributor_wrote():
    message = "id 'peru-visit' differs from the file name; set 'id: rwanda-visits-peru' or rename the file to peru-visit.md"
    assert localized_message(message, "es") == ("el identificador 'peru-visit' difiere del nombre del archivo; ponga "
                                                "'id: rwanda-visits-peru' o cambie el nombre del archivo a "
                                                "peru-visit.md")
    # A message that fits no template is shown as it is.
    assert localized_message("something no rule says", "fr") == "something no rule says"


@pytest.mark.parametrize("code", ["es", "fr", "pt", "ar"])
def test_check_prints_the_messages_in_the_language_with_the_same_prefix(tmp_path, capsys, code, monkeypatch):
    monkeypatch.delenv("SSCKB_LANGUAGE", raising=False)
    assert cli.main(["new", "activity", "Rwanda visits Peru", "--root", str(tmp_path)]) == 0
    target = str(tmp_path / "activities" / "rwanda-visits-peru.md")
    capsys.readouterr()
    assert cli.main(["check", target, "--root", str(tmp_path)]) == 1
    english = capsys.readouterr().out.splitlines()
    assert cli.main(["check", target, "--root", str(tmp_path), "--language", code]) == 1
    translated = capsys.readouterr().out.splitlines()
    monkeypatch.setenv("SSCKB_LANGUAGE", code)
    assert cli.main(["check", target, "--root", str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines() == translated  # the environment's default, the same
    assert len(translated) == len(english) and english
    for mine, theirs in zip(translated, english):
        prefix = theirs.split(": ", 2)
        assert mine.startswith(f"{prefix[0]}: {prefix[1]}: ") and mine != theirs


# --- The contributor guide ------------------------------------------------------------------------

from ssckb import guide  # noqa: E402
from ssckb.localized import term_label  # noqa: E402

GUIDE_TITLES = {"es": "# Cómo contribuir", "fr": "# Comment contribuer", "pt": "# Como contribuir"}
ALLOWED_THEMES = {"es": "#### Temas permitidos", "fr": "#### Thèmes autorisés", "pt": "#### Temas permitidos"}


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_the_guide_is_written_in_each_language_with_its_field_list_in_that_language(code, vocabularies):
    assert code in guide.GUIDE_LANGUAGES
    text = (REPO / guide.contributing_file(code)).read_text(encoding="utf-8")
    assert f"Generated from {guide.guide_source(code)}" in text
    assert GUIDE_TITLES[code] in text and ALLOWED_THEMES[code] in text
    for term in vocabularies["themes"]:
        assert f"| `{term.id}` | {term_label(term, code).text} |" in text  # the label in the language, the id as is
    assert "| `title` | " in text  # field names stay the schema's
    # The forms' names in the guide are those of the forms in that language.
    assert load_form(REPO / issue_form_path("activity", code)).name.split(" (")[0] in text
    assert f"--language {code}" in text


def test_guide_check_covers_the_guides_in_every_language(tmp_path):
    root = tmp_path / "kb"
    for name in ("docs", ".github", "ssckb"):
        import shutil
        shutil.copytree(REPO / name, root / name, symlinks=True)
    for code in ("en", *OTHER_LANGUAGES):
        (root / guide.contributing_file(code)).write_text((REPO / guide.contributing_file(code)).read_text(
            encoding="utf-8"), encoding="utf-8")
    assert guide.stale_files(root) == []
    source = root / guide.guide_source("fr")
    source.write_text(source.read_text(encoding="utf-8").replace("Comment contribuer", "Contribuer"), encoding="utf-8")
    assert guide.stale_files(root) == [guide.contributing_file("fr")]


def test_each_language_site_shows_its_guide_as_the_contribute_page(tmp_path):
    from ssckb.cli import main

    for code in ("pt", "ar"):
        assert main(["generate", str(tmp_path / code), "--language", code, "--with-docs"]) == 0
        assert not (tmp_path / code / "contribute.pt.md").exists()
    page = (tmp_path / "pt" / "contribute.md").read_text(encoding="utf-8")
    assert page.startswith(GUIDE_TITLES["pt"]) and ALLOWED_THEMES["pt"] in page
    assert "(reference/fields.md#allowed-institutions)" in page  # the site's own link, not the repository's
    arabic = (tmp_path / "ar" / "contribute.md").read_text(encoding="utf-8")  # no Arabic guide: the English page
    assert arabic.startswith("# How to contribute") and "ssc-untranslated" in arabic


def test_every_required_field_of_an_entry_is_described_in_each_language():
    from ssckb.schemas import load_schema

    for kind in ISSUE_FORMS:
        schema = load_schema(kind)
        for code in OTHER_LANGUAGES:
            missing = [name for name in schema["required"] if not is_translated(kind, (name,), code)]
            assert missing == [], (kind, code, missing)


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_the_repository_guide_has_no_attr_list_and_its_links_reach_its_headings(code):
    """The repository host shows `{ #id }` literally and makes its own anchors of the translated headings."""
    from ssckb.reference import anchor

    text = (REPO / guide.contributing_file(code)).read_text(encoding="utf-8")
    assert "{ #" not in text
    headings = {anchor(line.lstrip("#").strip()) for line in text.splitlines() if line.startswith("#")}
    missing = sorted(set(re.findall(r"\]\(#([\w-]+)\)", text)) - headings)
    assert missing == []
