"""Translations as data: entries' titles, summaries and bodies, vocabulary terms, institutions and country
names in the site's languages, the English fallback, and missing translations as warnings only."""

import json
import subprocess
import sys

import pytest

from conftest import FIXTURE, REPO, copy_fixture, run_mkdocs
from ssckb.bodyhtml import body_block
from ssckb.languages import (EXPECTED_ENTRY_LANGUAGES, EXPECTED_TERM_LANGUAGES, SITE_LANGUAGES, SOURCE_LANGUAGE,
                             TRANSLATION_LANGUAGES, text_direction, translation_file_language)
from ssckb.localized import (Localized, country_name, entry_body, entry_summary, entry_title, institution_acronym,
                             term_description, term_label)
from ssckb.schemas import load_schema
from ssckb.translations import TRANSLATED_VOCABULARIES, Untranslated, untranslated
from ssckb.validation import load_knowledge_base
from ssckb.vocabularies import load_vocabularies

ACTIVITY = "activities/cambodia-china-rice.md"
LESSON = "lessons/lesson-one.md"
ENTRY_SCHEMAS = ("activity", "lesson", "learning_route")
UNKNOWN_LANGUAGE = "'de' is not a language of the site; use one of: es, fr, pt, ar"


def edit(root, rel, old, new):
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def formatted(root):
    return [problem.format() for problem in load_knowledge_base(root)[1]]


def build_py(*args):
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], capture_output=True, text=True,
                          timeout=300)


# The languages, defined once.

def test_the_site_languages_are_english_first_then_the_translations():
    assert SITE_LANGUAGES == ("en", "es", "fr", "pt", "ar")
    assert SOURCE_LANGUAGE == "en" and TRANSLATION_LANGUAGES == ("es", "fr", "pt", "ar")
    assert set(EXPECTED_ENTRY_LANGUAGES) == {"es", "fr", "pt"} and set(EXPECTED_TERM_LANGUAGES) <= set(SITE_LANGUAGES)
    assert text_direction("ar") == "rtl" and text_direction("es") == "ltr"


@pytest.mark.parametrize("kind", ENTRY_SCHEMAS)
def test_every_entry_schema_offers_the_translation_languages_of_ssckb_languages(kind):
    schema = load_schema(kind)
    translations = schema["properties"]["translations"]
    assert tuple(translations["properties"]) == TRANSLATION_LANGUAGES
    second = "statement" if kind == "lesson" else "summary"
    for language in TRANSLATION_LANGUAGES:
        assert set(translations["properties"][language]["properties"]) == {"title", second}
    assert "NAME.es.md" in translations["description"]  # where a body translation goes, said to contributors


@pytest.mark.parametrize("name", TRANSLATED_VOCABULARIES)
def test_every_vocabulary_schema_offers_the_translation_languages(name):
    properties = load_schema(f"vocabularies/{name}")["items"]["properties"]
    assert tuple(properties["labels"]["properties"]) == TRANSLATION_LANGUAGES
    assert tuple(properties["descriptions"]["properties"]) == TRANSLATION_LANGUAGES
    institution = load_schema("institution")["properties"]
    assert tuple(institution["names"]["properties"]) == TRANSLATION_LANGUAGES


@pytest.mark.parametrize("name, language", [("lesson-one.es.md", "es"), ("a-b.ar.md", "ar"), ("x.fr.md", "fr"),
                                            ("lesson-one.md", None), ("lesson-one.de.md", None), (".es.md", None),
                                            ("lesson-one.es.txt", None), ("es.md", None)])
def test_a_body_translation_is_named_by_its_language(name, language):
    assert translation_file_language(name) == language


# Schemas: translations accepted, an unknown language refused with its message.

def test_the_fixture_with_translations_in_every_entry_is_valid():
    knowledge_base, problems = load_knowledge_base(FIXTURE)
    assert problems == []
    entry = knowledge_base.entries["lesson"]["lesson-one"]
    assert entry.data["translations"]["fr"]["statement"].startswith("La qualité de l'hôte")


def test_an_arabic_translation_is_accepted(tmp_path):
    root = copy_fixture(tmp_path)
    edit(root, ACTIVITY, "translations:\n", 'translations:\n  ar:\n    title: "كمبوديا - الصين: الأرز البعلي"\n')
    assert formatted(root) == []


def test_an_unknown_language_is_refused_with_the_languages_of_the_site(tmp_path):
    root = copy_fixture(tmp_path)
    edit(root, ACTIVITY, "translations:\n", 'translations:\n  de:\n    title: "Kambodscha - China"\n')
    assert formatted(root) == [f"{ACTIVITY}:20: translations.de: {UNKNOWN_LANGUAGE}"]


def test_an_unknown_field_in_a_translation_is_refused(tmp_path):
    root = copy_fixture(tmp_path)
    edit(root, LESSON, "translations:\n  es:\n", 'translations:\n  es:\n    summary: "Un resumen en español."\n')
    assert formatted(root) == [f"{LESSON}:17: translations.es.summary: unknown field 'summary'; allowed fields: "
                               "statement, title"]


def test_an_unknown_language_in_a_vocabulary_file_is_refused(tmp_path):
    root = copy_fixture(tmp_path)
    themes = (REPO / "ssckb/vocabularies/themes.yml").read_text(encoding="utf-8")
    (root / "vocabularies/themes.yml").write_text(themes.replace('    ar: "الإنتاج الزراعي"\n',
                                                                 '    ar: "الإنتاج الزراعي"\n    de: "Agrarproduktion"\n'),
                                                  encoding="utf-8")
    line = themes.split('    ar: "الإنتاج الزراعي"\n')[0].count("\n") + 2
    assert formatted(root) == [f"vocabularies/themes.yml:{line}: [1].labels.de: {UNKNOWN_LANGUAGE}"]


# Every vocabulary term is translated.

@pytest.mark.parametrize("name", TRANSLATED_VOCABULARIES)
def test_every_term_has_its_label_in_spanish_french_portuguese_and_arabic(name):
    vocabulary = load_vocabularies()[name]
    assert len(vocabulary)
    for term in vocabulary:
        labels = dict(term.labels)
        for language in ("es", "fr", "pt", "ar"):
            assert labels.get(language, "").strip(), f"{name}: {term.id} has no label in {language}"
            assert labels[language] != term.label or language == "pt" and term.label == labels["es"], \
                f"{name}: {term.id}: the {language} label is the English one"
        if term.description:
            descriptions = dict(term.descriptions)
            for language in ("es", "fr", "pt"):
                assert descriptions.get(language, "").strip(), f"{name}: {term.id} has no description in {language}"


def test_terms_use_ifad_and_fao_terminology():
    vocabularies = load_vocabularies()
    farmers = vocabularies["participant_types"].get("farmers-organizations")
    assert dict(farmers.labels) == {"es": "Organizaciones de agricultores", "fr": "Organisations paysannes",
                                    "pt": "Organizações de agricultores", "ar": "منظمات المزارعين"}
    region = vocabularies.regions.get("latin-america-caribbean")
    assert term_label(region, "es") == Localized("América Latina y el Caribe", "es", False)
    grant = vocabularies["funding_natures"].get("grant")
    assert "FIDA" in term_description(grant, "fr").text


def test_the_check_warns_of_a_term_without_translations(tmp_path):
    root = copy_fixture(tmp_path)
    modalities = (REPO / "ssckb/vocabularies/modalities.yml").read_text(encoding="utf-8")
    added = "- id: mentoring\n  label: Mentoring\n  description: One person guides another over months.\n"
    (root / "vocabularies/modalities.yml").write_text(modalities + added, encoding="utf-8")
    line = modalities.count("\n") + 1
    assert formatted(root) == [
        f"vocabularies/modalities.yml:{line}: [8].labels: warning: the label and description have no translation "
        "in Spanish (es), French (fr), Portuguese (pt) or Arabic (ar) yet; add them under labels and descriptions "
        "(e.g. 'labels: {es: ...}')"]


# Institutions and countries.

def test_institutions_keep_their_names_and_may_have_one_per_language():
    institutions = load_vocabularies().institutions
    ifad = institutions.get("ifad")
    assert term_label(ifad, "es") == Localized("Fondo Internacional de Desarrollo Agrícola", "es", False)
    assert term_label(ifad, "fr").text == "Fonds international de développement agricole"
    assert [institution_acronym(ifad, language).text for language in SITE_LANGUAGES] == \
           ["IFAD", "FIDA", "FIDA", "FIDA", "IFAD"]
    assert [institution_acronym(institutions.get("wfp"), language).text for language in ("en", "es", "fr", "pt")] == \
           ["WFP", "PMA", "PAM", "PMA"]
    assert term_label(institutions.get("world-bank"), "fr").text == "Banque mondiale"
    assert term_label(institutions.get("undp"), "pt").text == "Programa das Nações Unidas para o Desenvolvimento"
    # An organisation with no name in a language keeps its own, and says so.
    assert term_label(institutions.get("yaas"), "es") == Localized("Yunnan Academy of Agricultural Sciences", "en",
                                                                   True)


@pytest.mark.parametrize("code, names", [
    ("BRA", {"en": "Brazil", "es": "Brasil", "fr": "Brésil", "pt": "Brasil"}),
    ("MOZ", {"en": "Mozambique", "es": "Mozambique", "fr": "Mozambique", "pt": "Moçambique"}),
    ("VNM", {"en": "Viet Nam", "es": "Vietnam", "fr": "Viêt Nam", "pt": "Vietnã"}),
    ("BOL", {"en": "Bolivia (Plurinational State of)", "es": "Bolivia", "fr": "Bolivie", "pt": "Bolívia"}),
    ("CIV", {"en": "Côte d'Ivoire", "es": "Côte d’Ivoire", "fr": "Côte d’Ivoire", "pt": "Costa do Marfim"}),
])
def test_country_names_are_the_un_names_in_english_and_cldr_names_in_other_languages(code, names):
    vocabularies = load_vocabularies()
    for language, name in names.items():
        assert country_name(code, language, vocabularies) == Localized(name, language, False)


def test_a_code_cldr_does_not_name_falls_back_to_english():
    vocabularies = load_vocabularies()
    assert country_name("XXX", "es", vocabularies) == Localized("XXX", "en", True)


# The accessor: English when there is no translation, and a flag that says so.

def test_a_term_without_a_translation_falls_back_to_english_with_the_flag():
    from ssckb.vocabularies import Term

    term = Term("mentoring", "Mentoring", "One person guides another.", labels=(("es", "Mentoría"),))
    assert term_label(term, "es") == Localized("Mentoría", "es", False)
    assert term_label(term, "fr") == Localized("Mentoring", "en", True)
    assert term_label(term, "en") == Localized("Mentoring", "en", False)
    assert term_description(term, "es") == Localized("One person guides another.", "en", True)
    assert term_description(Term("x", "X"), "es") == Localized("", "es", False)


def test_an_entry_title_summary_and_body_fall_back_to_english_with_the_flag(tmp_path):
    root = copy_fixture(tmp_path)
    (root / "lessons/lesson-one.fr.md").write_text("Le corps en français.\n", encoding="utf-8")
    lesson = load_knowledge_base(root)[0].entries["lesson"]["lesson-one"]
    assert entry_title(lesson.data, "pt") == Localized("Escolher e apoiar cuidadosamente os campeões", "pt", False)
    assert entry_summary(lesson.data, "es").text.startswith("La calidad del anfitrión")
    assert entry_title(lesson.data, "ar") == Localized("Carefully elect and support champions", "en", True)
    assert entry_summary(lesson.data, "ar") == Localized(lesson.data["statement"], "en", True)
    assert entry_body(lesson, "fr") == Localized("Le corps en français.\n", "fr", False)
    assert entry_body(lesson, "es") == Localized(lesson.body, "en", True)


# Body translations: files beside the entry, never entries, checked like bodies.

def test_a_body_translation_is_no_entry_and_belongs_to_its_entry(tmp_path):
    root = copy_fixture(tmp_path)
    (root / "activities/cambodia-china-rice.es.md").write_text("Arroz de secano de Yunnan.\n", encoding="utf-8")
    (root / "lessons/lesson-one.pt.md").write_text("Ver [a rota](../learning_routes/palenque-route.md).\n",
                                                   encoding="utf-8")
    knowledge_base, problems = load_knowledge_base(root)
    assert problems == []
    assert sorted(knowledge_base.entries["activity"]) == ["brazil-africa-marketplace", "cambodia-china-rice",
                                                          "escaping-test"]
    assert knowledge_base.entries["activity"]["cambodia-china-rice"].bodies == {"es": "Arroz de secano de Yunnan.\n"}
    assert set(knowledge_base.entries["lesson"]["lesson-one"].bodies) == {"pt"}
    result = build_py("check", "--root", str(root))
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def test_a_body_translation_is_checked_and_sanitized_like_a_body(tmp_path):
    root = copy_fixture(tmp_path)
    translated = root / "activities/cambodia-china-rice.fr.md"
    translated.write_text("Riz pluvial.\n\n<script>alert(1)</script>\n\n[x](nope.md)\n", encoding="utf-8")
    knowledge_base, problems = load_knowledge_base(root)
    assert [problem.format() for problem in problems] == [
        "activities/cambodia-china-rice.fr.md:3: body: <script> is not allowed in an entry; remove it: an entry "
        "cannot add scripts to the site",
        "activities/cambodia-china-rice.fr.md:5: body: the link 'nope.md' leads to no entry (activities/nope.md "
        "does not exist); check the id, which is the file name without .md"]
    # The entry stays; the faulty translation is left out, and the English body is shown instead.
    entry = knowledge_base.entries["activity"]["cambodia-china-rice"]
    assert entry.bodies == {} and entry_body(entry, "fr").fallback
    # Rendered, a translated body passes the same sanitizer as the English one.
    html = body_block("Riz pluvial.\n\n<script>alert(1)</script> <img src=x onerror=alert(1)>\n")
    assert "<script" not in html and "onerror" not in html and "Riz pluvial." in html


def test_a_body_translation_without_its_entry_is_an_error(tmp_path):
    root = copy_fixture(tmp_path)
    (root / "activities/no-such-entry.es.md").write_text("Nada.\n", encoding="utf-8")
    assert formatted(root) == [
        "activities/no-such-entry.es.md:1: -: this body translation belongs to activities/no-such-entry.md, which "
        "does not exist; name it after its entry's file (NAME.es.md beside NAME.md) or remove it"]


def test_a_file_named_for_a_language_the_site_does_not_have_is_no_translation(tmp_path):
    root = copy_fixture(tmp_path)
    (root / "activities/cambodia-china-rice.de.md").write_text("Reis.\n", encoding="utf-8")
    assert formatted(root) == [
        "activities/cambodia-china-rice.de.md:1: -: 'de' is not a language of the site, so this file is neither an "
        "entry nor a body translation; a body translation is named NAME.LANG.md, LANG one of: es, fr, pt, ar"]


def test_checking_a_body_translation_checks_it_with_its_entry(tmp_path):
    root = copy_fixture(tmp_path)
    (root / "activities/cambodia-china-rice.es.md").write_text("<script>x</script>\n", encoding="utf-8")
    _, problems = load_knowledge_base(root, only_paths=["activities/cambodia-china-rice.es.md"])
    assert [problem.path for problem in problems] == ["activities/cambodia-china-rice.es.md"]


# Missing translations: warnings, never errors, and no build fails for them.

WARNING_ALL = (f"{ACTIVITY}:3: translations: warning: the title and summary have no translation in Spanish (es), "
               "French (fr) or Portuguese (pt) yet; add them under translations (e.g. 'translations: {es: {title: "
               "..., summary: ...}}'), or leave them to a translator")


def _without_translations(root, rel):
    path = root / rel
    text = path.read_text(encoding="utf-8")
    start = text.index("translations:\n")
    path.write_text(text[:start] + text[text.index("---", start):], encoding="utf-8")


def test_an_entry_without_translations_is_warned_once_at_its_title(tmp_path):
    root = copy_fixture(tmp_path)
    _without_translations(root, ACTIVITY)
    knowledge_base, problems = load_knowledge_base(root)
    assert [problem.format() for problem in problems] == [WARNING_ALL]
    assert not problems[0].is_error and problems[0].is_coverage
    assert "cambodia-china-rice" in knowledge_base.entries["activity"]


def test_a_partial_translation_is_warned_per_missing_field(tmp_path):
    root = copy_fixture(tmp_path)
    text = (root / LESSON).read_text(encoding="utf-8")
    start = text.index("  fr:\n")
    (root / LESSON).write_text(text[:start] + "  fr:\n    title: \"Choisir et soutenir avec soin les champions\"\n"
                               + text[text.index("---", start):], encoding="utf-8")
    assert formatted(root) == [
        f"{LESSON}:15: translations: warning: the statement has no translation in French (fr) yet; add it under "
        "translations (e.g. 'translations: {fr: {title: ..., statement: ...}}'), or leave it to a translator",
        f"{LESSON}:15: translations: warning: the title and statement have no translation in Portuguese (pt) yet; "
        "add them under translations (e.g. 'translations: {pt: {title: ..., statement: ...}}'), or leave them to "
        "a translator"]


def test_an_entry_with_an_error_is_not_warned_of_its_translations_too(tmp_path):
    root = copy_fixture(tmp_path)
    _without_translations(root, ACTIVITY)
    edit(root, ACTIVITY, "role: learner}", "role: learnr}")
    assert [line for line in formatted(root) if "translations" in line] == []


def test_missing_translations_leave_the_check_and_the_strict_build_green(tmp_path):
    root = copy_fixture(tmp_path)
    _without_translations(root, ACTIVITY)
    check = build_py("check", "--root", str(root))
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.splitlines() == [WARNING_ALL]
    assert "0 error(s), 1 warning(s)." in check.stderr
    built = run_mkdocs(root, tmp_path / "site")
    assert built.returncode == 0, built.stdout + built.stderr
    assert "translations: warning" in built.stderr  # shown, as information: --strict does not count it
    assert (tmp_path / "site/activities/cambodia-china-rice/index.html").is_file()


def test_the_seed_entries_are_all_translated():
    result = build_py("check")
    assert result.returncode == 0, result.stdout
    assert "translations" not in result.stdout
    knowledge_base, _ = load_knowledge_base(REPO)
    for kind, entries in knowledge_base.entries.items():
        for entry in entries.values():
            for language in ("es", "fr", "pt"):
                assert not entry_title(entry.data, language).fallback, (entry.path, language)
                assert not entry_summary(entry.data, language).fallback, (entry.path, language)
                # The translation is a translation: not the English text left in place.
                assert entry_summary(entry.data, language).text != entry.summary, (entry.path, language)


def test_untranslated_lists_per_language_what_is_missing(tmp_path):
    root = copy_fixture(tmp_path)
    _without_translations(root, ACTIVITY)
    (root / "activities/brazil-africa-marketplace.es.md").write_text("Cuerpo.\n", encoding="utf-8")
    knowledge_base, _ = load_knowledge_base(root)
    coverage = untranslated(knowledge_base)
    assert list(coverage) == list(TRANSLATION_LANGUAGES)
    es = {(item.kind, item.id): item for item in coverage["es"]}
    assert es[("activity", "cambodia-china-rice")] == Untranslated("activity", "cambodia-china-rice", ACTIVITY,
                                                                   ("title", "summary", "body"))
    assert ("activity", "brazil-africa-marketplace") not in es  # translated front matter and body
    assert ("lesson", "lesson-one") not in es  # translated front matter, and no body to translate
    assert all(item.kind not in TRANSLATED_VOCABULARIES for item in coverage["es"])  # every term is translated
    fr = {(item.kind, item.id): item.fields for item in coverage["fr"]}
    assert fr[("activity", "brazil-africa-marketplace")] == ("body",)
    ar = {(item.kind, item.id): item.fields for item in coverage["ar"]}
    assert ar[("lesson", "lesson-one")] == ("title", "statement")
    assert ar[("activity", "brazil-africa-marketplace")] == ("title", "summary", "body")
    json.dumps([item.__dict__ for item in coverage["ar"]])  # plain data, for a page to render
