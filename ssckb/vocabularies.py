"""Controlled vocabularies: reviewed data files under ``ssckb/vocabularies/``.

Themes, modalities, participant types, funding natures, IFAD's regions, the
institutions registry, countries from ISO 3166-1 (pycountry) with the United
Nations display names the source uses, and languages from ISO 639-1 (pycountry),
in which sources are written. Each file is validated by its JSON Schema
(``ssckb/schemas/vocabularies/``) with the same messages as entries; what a schema
cannot say is checked here: ids defined twice, and page addresses that two terms
would share or that belong to a generated page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pycountry
from anyascii import anyascii

from .filesafety import DEVICE_NAMES_TEXT, is_device_name, read_text_no_link
from .problems import Problem, shown
from .yamlsafe import ParsedYaml, parse_yaml

VOCABULARY_DIR = Path(__file__).parent / "vocabularies"
#: Ids that become file and page names. '\Z', not '$': '$' also matches before a final line break.
SAFE_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")
#: Page names the site itself uses in every folder: a term or entry with one would replace that page.
RESERVED_IDS = frozenset({"index", "tags", "search", "assets"})
#: Vocabularies with a page per term (``themes/<id>.md``...): their ids become page addresses too.
TERM_PAGE_VOCABULARIES = {"themes": "themes", "modalities": "modalities", "participant_types": "participants",
                          "funding_natures": "funding", "regions": "regions", "institutions": "institutions"}
#: The folder of the country pages, whose addresses are made from the countries' display names.
COUNTRY_FOLDER = "countries"

#: Vocabulary name -> the noun used in messages and the file it comes from.
NOUNS = {
    "themes": "theme", "modalities": "modality", "participant_types": "participant type",
    "funding_natures": "funding nature", "regions": "region",
    "institutions": "institution", "countries": "country", "languages": "language",
}


@dataclass(frozen=True)
class Term:
    """One allowed value: its id, display label and what else the data file says."""

    id: str
    label: str
    description: str = ""
    aliases: tuple = ()
    extra: tuple = ()  # (key, value) pairs, kept hashable
    #: (language, text) pairs of the label and description in other languages (``labels:`` and
    #: ``descriptions:`` of the data file; ``names:`` for an institution): read them with ssckb.localized.
    labels: tuple = ()
    descriptions: tuple = ()

    def get(self, key, default=None):
        return dict(self.extra).get(key, default)


def _comparable(name: str) -> str:
    return " ".join(name.replace("-", " ").split()).casefold()


@dataclass
class Vocabulary:
    """An ordered set of terms, with did-you-mean suggestions for unknown values."""

    name: str
    terms: dict = field(default_factory=dict)
    path: str = ""  # the data file, as shown in messages ('' for a vocabulary of no file of its own)
    term_lines: dict = field(default_factory=dict)  # term id -> the line of its item in the file
    term_items: dict = field(default_factory=dict)  # term id -> the index of its item in the file
    _choices: dict | None = None
    _comparable_choices: dict | None = None

    @property
    def noun(self) -> str:
        return NOUNS.get(self.name, self.name)

    def __contains__(self, term_id) -> bool:
        return term_id in self.terms

    def __iter__(self):
        return iter(self.terms.values())

    def __len__(self) -> int:
        return len(self.terms)

    def get(self, term_id) -> Term | None:
        return self.terms.get(term_id)

    def suggest(self, value: str) -> Term | None:
        """The term the contributor most likely meant, or None."""
        if not isinstance(value, str) or not value.strip():
            return None
        named = self.named(value)
        if named is not None:
            return named
        from rapidfuzz import fuzz, process, utils  # only when a value is unknown

        # Short names (alpha-2 codes) match exactly or not at all: fuzzily they match anything.
        long_names = [name for name in self._choices if len(name) >= 4]
        match = process.extractOne(value, long_names, scorer=fuzz.ratio,
                                   processor=utils.default_process, score_cutoff=75)
        return self.terms[self._choices[match[0]]] if match else None

    def named(self, value: str) -> Term | None:
        """The term whose id, label or alias is ``value`` (case, hyphens and spacing aside), or None."""
        if not isinstance(value, str):
            return None
        if self._choices is None:  # name -> term id, the first term to use a name keeping it
            self._choices, self._comparable_choices = {}, {}
            for term in self.terms.values():
                for name in (term.id, term.label, *term.aliases):
                    self._choices.setdefault(name, term.id)
                    self._comparable_choices.setdefault(_comparable(name), term.id)
        term_id = self._comparable_choices.get(_comparable(value))
        return self.terms[term_id] if term_id is not None else None

    def describe(self, term: Term) -> str:
        """How a suggestion is shown: the id, with the label when it says more."""
        return term.id if term.label.casefold() == term.id.casefold() else f"{term.id} ({term.label})"


@dataclass
class Vocabularies:
    """All vocabularies, plus the derived country -> region map."""

    by_name: dict
    region_of_country: dict
    problems: list
    annex_table: object = None  # the Annex I table as printed (annextable.AnnexTable)

    def __getitem__(self, name: str) -> Vocabulary:
        return self.by_name[name]

    @cached_property
    def institutions_by_country(self) -> dict:
        """alpha-3 code -> ids of the registry's institutions based in that country, by name."""
        by_country: dict = {}
        for term in sorted(self.by_name["institutions"], key=lambda t: t.label.casefold()):
            if term.get("country"):
                by_country.setdefault(term.get("country"), []).append(term.id)
        return by_country

    @property
    def countries(self) -> Vocabulary:
        return self.by_name["countries"]

    @property
    def institutions(self) -> Vocabulary:
        return self.by_name["institutions"]

    @property
    def regions(self) -> Vocabulary:
        return self.by_name["regions"]


def slugify(text: str) -> str:
    """A path-safe slug of a text in any script: 'Côte d'Ivoire' -> 'cote-d-ivoire', '中国' -> 'zhongguo'
    (transliterated by anyascii: dropping what is not ASCII would leave nothing of a non-Latin name)."""
    return re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-")


def page_slug(label: str, code: str) -> str:
    """A country's page name: its display name as a slug, or its code when the name gives no letter or digit."""
    return slugify(label) or code.lower()


def reserved_reason(name: str, folder: str) -> str | None:
    """Why ``folder/name`` cannot be a term's page, or None when it can."""
    if name in RESERVED_IDS:
        return f"{folder}/{name} is the address of a generated page"
    if is_device_name(name):
        return f"{name} is a name Windows keeps for a device ({DEVICE_NAMES_TEXT}): the offline copy could " \
               "not be unpacked there"
    return None


def un_style_name(iso_name: str) -> str:
    """ISO's 'Bolivia, Plurinational State of' -> the UN's 'Bolivia (Plurinational State of)'."""
    if ", " in iso_name:
        head, tail = iso_name.split(", ", 1)
        return f"{head} ({tail})"
    return iso_name


def _relative(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            # The folder resolved, not the file: a linked file is shown where it is, not where it points.
            return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return f"ssckb/vocabularies/{path.name}" if path.parent == VOCABULARY_DIR else path.as_posix()


def _read_data_file(path: Path, root: Path | None, problems: list, empty) -> tuple[ParsedYaml, str, bool]:
    """(parsed file, path shown in messages, whether it was read): a linked file is never read (it is
    reported with the other links, see filesafety), and counts as ``empty``."""
    own = Path(root) / "vocabularies" / path.name if root is not None else None
    if own is not None and (own.is_symlink() or own.is_file()):
        path = own  # a knowledge base may bring its own vocabulary files (the test fixture does)
    rel = _relative(path, root)
    try:
        text = read_text_no_link(path)
    except (OSError, UnicodeDecodeError) as exc:
        if not path.is_symlink():
            reason = "it is not valid UTF-8" if isinstance(exc, UnicodeDecodeError) else exc.strerror or str(exc)
            problems.append(Problem(rel, 1, "-", f"cannot read the file: {reason}"))
        return ParsedYaml(data=empty), rel, False
    parsed = parse_yaml(text)
    for line, field_path, message in parsed.errors:
        problems.append(Problem(rel, line, field_path, message))
    return parsed, rel, not parsed.errors


def _schema_problems(name: str, parsed: ParsedYaml, rel: str, checker) -> list[Problem]:
    """The problems of a whole vocabulary file against its schema (ssckb/schemas/vocabularies/)."""
    from .schemas import load_schema

    lines = dict(parsed.lines)
    lines.setdefault((), 1)
    return checker.check(f"vocabularies/{name}", parsed.data, lines, rel,
                         schema=load_schema(f"vocabularies/{name}"))


def _item_line(parsed: ParsedYaml, *path) -> int:
    return parsed.lines.get(tuple(path)) or parsed.lines.get(path[:1], 1)


#: The fields of a term that give its words in other languages (read into Term.labels and Term.descriptions).
_BY_LANGUAGE = ("labels", "descriptions", "names")


def _hashable(value):
    """A field's value kept in a Term: lists as tuples, mappings (``acronyms: {es: FIDA}``) as sorted pairs."""
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, dict):
        return tuple(sorted((str(k), _hashable(v)) for k, v in value.items()))
    return value


def _by_language(value) -> tuple:
    """(language, text) pairs of a ``{es: ..., fr: ...}`` field, in the site's order of languages; what the
    schema refuses (an unknown language, a text that is no string) is left out here."""
    from .languages import TRANSLATION_LANGUAGES

    if not isinstance(value, dict):
        return ()
    return tuple((language, value[language].strip()) for language in TRANSLATION_LANGUAGES
                 if isinstance(value.get(language), str) and value[language].strip())


def _load_term_list(name: str, directory: Path, root: Path | None, problems: list,
                    checker) -> tuple[Vocabulary, ParsedYaml, str]:
    from .schemas import load_schema, strict_pattern

    parsed, rel, readable = _read_data_file(directory / f"{name}.yml", root, problems, [])
    if readable:
        problems.extend(_schema_problems(name, parsed, rel, checker))
    id_pattern = strict_pattern(load_schema(f"vocabularies/{name}")["items"].get("properties", {})
                                .get("id", {}).get("pattern", "^[a-z0-9]+(-[a-z0-9]+)*$"))
    vocabulary = Vocabulary(name, path=rel)
    folder = TERM_PAGE_VOCABULARIES.get(name)
    for index, item in enumerate(parsed.data if isinstance(parsed.data, list) else []):
        # Types, missing and unknown fields are the schema's to report: an item it refuses is left out here.
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not id_pattern.search(item["id"]):
            continue
        term_id = item["id"]
        if term_id in vocabulary.terms:
            problems.append(Problem(rel, _item_line(parsed, index), f"[{index}].id", f"'{term_id}' is defined twice"))
            continue
        reason = reserved_reason(term_id, folder) if folder else None
        if reason:
            problems.append(Problem(rel, _item_line(parsed, index, "id"), f"[{index}].id",
                                    f"'{term_id}' is reserved: {reason}; choose another id"))
        label = item.get("label") or item.get("name") or term_id
        extra = tuple((k, _hashable(v)) for k, v in item.items()
                      if k not in ("id", "label", "description", "aliases", *_BY_LANGUAGE))
        aliases = item.get("aliases") if isinstance(item.get("aliases"), list) else []
        labels = _by_language(item.get("names") if name == "institutions" else item.get("labels"))
        vocabulary.term_lines[term_id], vocabulary.term_items[term_id] = _item_line(parsed, index), index
        vocabulary.terms[term_id] = Term(term_id, str(label), str(item.get("description") or ""),
                                         tuple(alias for alias in aliases if isinstance(alias, str)), extra,
                                         labels, _by_language(item.get("descriptions")))
    return vocabulary, parsed, rel


def _load_countries(directory: Path, root: Path | None, problems: list, checker) -> Vocabulary:
    parsed, rel, readable = _read_data_file(directory / "countries.yml", root, problems, {})
    if readable:
        problems.extend(_schema_problems("countries", parsed, rel, checker))
    overrides = parsed.data if isinstance(parsed.data, dict) else {}
    vocabulary = Vocabulary("countries")
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        override = overrides.get(country.alpha_3)
        override = override if isinstance(override, dict) else {}  # the schema reports any other value
        name = override.get("name")
        label = name.strip() if isinstance(name, str) and name.strip() else un_style_name(country.name)
        aliases = [country.name, country.alpha_2]
        for attribute in ("official_name", "common_name"):
            if getattr(country, attribute, None):
                aliases.append(getattr(country, attribute))
        extra_aliases = override.get("aliases")
        aliases.extend(alias for alias in (extra_aliases if isinstance(extra_aliases, list) else [])
                       if isinstance(alias, str))
        unique = tuple(dict.fromkeys(a for a in aliases if a != label))
        vocabulary.terms[country.alpha_3] = Term(country.alpha_3, label, aliases=unique,
                                                 extra=(("slug", page_slug(label, country.alpha_3)),))
    for code in overrides:
        if code not in vocabulary.terms:
            problems.append(Problem(rel, parsed.lines.get((code,), 1), shown(code),
                                    f"'{shown(code)}' is not an ISO 3166-1 alpha-3 country code"))
    problems.extend(_country_address_problems(vocabulary, overrides, parsed, rel))
    return vocabulary


def _load_languages() -> Vocabulary:
    """ISO 639-1 languages (two-letter codes), by code, with their English names and three-letter codes as
    aliases (so that 'English' or 'eng' suggests 'en')."""
    vocabulary = Vocabulary("languages")
    for language in sorted((lang for lang in pycountry.languages if hasattr(lang, "alpha_2")),
                           key=lambda lang: lang.alpha_2):
        aliases = tuple(dict.fromkeys(a for a in (language.name, language.alpha_3) if a))
        vocabulary.terms[language.alpha_2] = Term(language.alpha_2, language.name, aliases=aliases)
    return vocabulary


def _country_address_problems(vocabulary: Vocabulary, overrides: dict, parsed: ParsedYaml, rel: str) -> list:
    """Country pages live at countries/<slug of the display name>: two names with one slug would share a
    page, and a slug such as 'index' would replace the countries page itself. Only a name given in the file
    can be at fault (ISO's names give distinct slugs), so that is where the problem is reported."""
    problems = []
    first_with: dict = {}  # slug -> the code that has it first (an ISO name before any override)
    ordered = sorted(vocabulary, key=lambda term: (term.id in overrides, parsed.lines.get((term.id,), 0), term.id))
    for term in ordered:
        slug = term.get("slug")
        where = (_item_line(parsed, term.id, "name"), f"{term.id}.name") if term.id in overrides else (1, term.id)
        reason = reserved_reason(slug, COUNTRY_FOLDER)
        if reason:
            problems.append(Problem(rel, *where, f"the name '{shown(term.label)}' would give the page address "
                                                 f"{COUNTRY_FOLDER}/{slug}, and {reason}; give another name"))
        elif slug in first_with:
            other = vocabulary.get(first_with[slug])
            problems.append(Problem(rel, *where, f"the name '{shown(term.label)}' gives the page address "
                                                 f"{COUNTRY_FOLDER}/{slug}, which {other.id} ({shown(other.label)}) "
                                                 "has too; give a name that differs in its letters or digits"))
        else:
            first_with[slug] = term.id
    return problems


def load_vocabularies(directory: Path = VOCABULARY_DIR, root: Path | None = None) -> Vocabularies:
    """Load and check every vocabulary; problems are returned, not raised."""
    from .annextable import AnnexTable, read_table
    from .schemas import SchemaChecker, load_schema, validate_data  # schemas need the vocabularies themselves

    problems: list = []
    file_checker = SchemaChecker(Vocabularies({}, {}, []), None)  # the files' schemas name no vocabulary
    by_name = {"countries": _load_countries(directory, root, problems, file_checker)}
    lists = {}
    for name in ("themes", "modalities", "participant_types", "funding_natures", "regions", "institutions"):
        by_name[name], *lists[name] = _load_term_list(name, directory, root, problems, file_checker)
    by_name["languages"] = _load_languages()
    vocabularies = Vocabularies(by_name, {}, problems)
    vocabularies.annex_table = AnnexTable()
    if (directory / "annex_table.yml").is_file() or (root is not None and (Path(root) / "vocabularies" /
                                                                          "annex_table.yml").is_file()):
        table_file, table_rel, readable = _read_data_file(directory / "annex_table.yml", root, problems, {})
        table_problems = _schema_problems("annex_table", table_file, table_rel, file_checker) if readable else []
        problems.extend(table_problems)
        if readable and not table_problems:
            vocabularies.annex_table = read_table(table_file.data, table_rel, table_file.lines, problems)

    region_of_country = {}
    regions_parsed, regions_rel = lists["regions"]
    for index, item in enumerate(regions_parsed.data if isinstance(regions_parsed.data, list) else []):
        region = by_name["regions"].get(item.get("id")) if isinstance(item, dict) else None
        codes = item.get("countries") if region is not None else None
        for position, code in enumerate(codes if isinstance(codes, list) else []):
            where = (_item_line(regions_parsed, index, "countries", position), f"[{index}].countries[{position}]")
            if not isinstance(code, str) or code not in by_name["countries"]:
                if isinstance(code, str):  # (anything else is the schema's to report)
                    problems.append(Problem(regions_rel, *where,
                                            f"'{shown(code)}' is not an ISO 3166-1 alpha-3 country code"))
            elif code in region_of_country:
                problems.append(Problem(regions_rel, *where, f"{code} is already in region {region_of_country[code]}"))
            else:
                region_of_country[code] = region.id
    vocabularies.region_of_country = region_of_country

    parsed, rel = lists["institutions"]
    schema = load_schema("institution")
    checker = SchemaChecker(vocabularies, None)
    lines_of_item: dict = {}  # item index -> {path within the item: line}, grouped in one pass
    for key, line in parsed.lines.items():
        if key and isinstance(key[0], int):
            lines_of_item.setdefault(key[0], {})[key[1:]] = line
    for index, item in enumerate(parsed.data if isinstance(parsed.data, list) else []):
        if not isinstance(item, dict):
            continue  # the file's schema has said so
        item_lines = lines_of_item.get(index, {})
        item_lines[()] = parsed.lines.get((index,), 1)
        problems.extend(validate_data(schema, item, item_lines, rel, vocabularies, prefix=(index,), checker=checker))
    return vocabularies
