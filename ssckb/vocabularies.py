"""Controlled vocabularies: reviewed data files under ``ssckb/vocabularies/``.

Themes, modalities, participant types, funding natures, IFAD's regions, the
institutions registry, countries from ISO 3166-1 (pycountry) with the United
Nations display names the source uses, and languages from ISO 639-1 (pycountry),
in which sources are written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pycountry

from .problems import Problem
from .yamlsafe import parse_yaml

VOCABULARY_DIR = Path(__file__).parent / "vocabularies"
SAFE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

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

    def get(self, key, default=None):
        return dict(self.extra).get(key, default)


def _comparable(name: str) -> str:
    return " ".join(name.replace("-", " ").split()).casefold()


@dataclass
class Vocabulary:
    """An ordered set of terms, with did-you-mean suggestions for unknown values."""

    name: str
    terms: dict = field(default_factory=dict)
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
    """A path-safe slug: 'Côte d'Ivoire' -> 'cote-d-ivoire'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def un_style_name(iso_name: str) -> str:
    """ISO's 'Bolivia, Plurinational State of' -> the UN's 'Bolivia (Plurinational State of)'."""
    if ", " in iso_name:
        head, tail = iso_name.split(", ", 1)
        return f"{head} ({tail})"
    return iso_name


def _relative(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _read_data_file(path: Path, root: Path | None, problems: list):
    if root is not None and (Path(root) / "vocabularies" / path.name).is_file():
        # A knowledge base may bring its own vocabulary files (the test fixture does).
        path = Path(root) / "vocabularies" / path.name
    parsed = parse_yaml(path.read_text(encoding="utf-8"))
    rel = _relative(path, root)
    for line, field_path, message in parsed.errors:
        problems.append(Problem(rel, line, field_path, message))
    return parsed, rel


def _load_term_list(name: str, directory: Path, root: Path | None, problems: list,
                    id_pattern=SAFE_ID) -> tuple[Vocabulary, object, str]:
    parsed, rel = _read_data_file(directory / f"{name}.yml", root, problems)
    vocabulary = Vocabulary(name)
    items = parsed.data if isinstance(parsed.data, list) else []
    if not isinstance(parsed.data, list):
        problems.append(Problem(rel, 1, "-", "a vocabulary file must be a list of items"))
    for index, item in enumerate(items):
        line = parsed.lines.get((index,), 1)
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            problems.append(Problem(rel, line, f"[{index}]", "each item needs an 'id'"))
            continue
        term_id = item["id"]
        if not id_pattern.match(term_id):
            problems.append(Problem(rel, line, f"[{index}].id",
                                    f"'{term_id}' is not a safe id; use lower-case letters, digits and hyphens"))
            continue
        if term_id in vocabulary.terms:
            problems.append(Problem(rel, line, f"[{index}].id", f"'{term_id}' is defined twice"))
            continue
        label = item.get("label") or item.get("name") or term_id
        extra = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in item.items()
                      if k not in ("id", "label", "description", "aliases"))
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(alias, str) for alias in aliases):
            if name != "institutions":  # the institutions' schema says it for them
                problems.append(Problem(rel, line, f"[{index}].aliases", "aliases must be a list of names, "
                                                                         "e.g. [FAO, F.A.O.]"))
            aliases = [alias for alias in aliases if isinstance(alias, str)] if isinstance(aliases, list) else []
        vocabulary.terms[term_id] = Term(term_id, str(label), str(item.get("description") or ""),
                                         tuple(aliases), extra)
    return vocabulary, parsed, rel


def _load_countries(directory: Path, root: Path | None, problems: list) -> Vocabulary:
    parsed, rel = _read_data_file(directory / "countries.yml", root, problems)
    overrides = parsed.data if isinstance(parsed.data, dict) else {}
    vocabulary = Vocabulary("countries")
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        override = overrides.get(country.alpha_3) or {}
        label = override.get("name") or un_style_name(country.name)
        aliases = [country.name, country.alpha_2]
        for attribute in ("official_name", "common_name"):
            if getattr(country, attribute, None):
                aliases.append(getattr(country, attribute))
        aliases.extend(override.get("aliases") or [])
        unique = tuple(dict.fromkeys(a for a in aliases if a != label))
        vocabulary.terms[country.alpha_3] = Term(country.alpha_3, label, aliases=unique,
                                                 extra=(("slug", slugify(label)),))
    for code in overrides:
        if code not in vocabulary.terms:
            problems.append(Problem(rel, parsed.lines.get((code,), 1), code,
                                    f"'{code}' is not an ISO 3166-1 alpha-3 country code"))
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


def load_vocabularies(directory: Path = VOCABULARY_DIR, root: Path | None = None) -> Vocabularies:
    """Load and check every vocabulary; problems are returned, not raised."""
    from .annextable import AnnexTable, read_table
    from .schemas import SchemaChecker, load_schema, validate_data  # schemas need the vocabularies themselves

    problems: list = []
    by_name = {"countries": _load_countries(directory, root, problems)}
    for name in ("themes", "modalities", "participant_types", "funding_natures", "regions"):
        by_name[name] = _load_term_list(name, directory, root, problems)[0]
    by_name["languages"] = _load_languages()
    institutions, parsed, rel = _load_term_list("institutions", directory, root, problems)
    by_name["institutions"] = institutions
    vocabularies = Vocabularies(by_name, {}, problems)
    vocabularies.annex_table = AnnexTable()
    if (directory / "annex_table.yml").is_file() or (root is not None and (Path(root) / "vocabularies" /
                                                                          "annex_table.yml").is_file()):
        table_file, table_rel = _read_data_file(directory / "annex_table.yml", root, problems)
        vocabularies.annex_table = read_table(table_file.data, table_rel, table_file.lines, problems)

    region_of_country = {}
    for region in by_name["regions"]:
        for code in region.get("countries") or ():
            if code not in by_name["countries"]:
                problems.append(Problem(_relative(directory / "regions.yml", root), 1, f"{region.id}.countries",
                                        f"'{code}' is not an ISO 3166-1 alpha-3 country code"))
            elif code in region_of_country:
                problems.append(Problem(_relative(directory / "regions.yml", root), 1, f"{region.id}.countries",
                                        f"{code} is already in region {region_of_country[code]}"))
            else:
                region_of_country[code] = region.id
    vocabularies.region_of_country = region_of_country

    schema = load_schema("institution")
    checker = SchemaChecker(vocabularies, None)
    lines_of_item: dict = {}  # item index -> {path within the item: line}, grouped in one pass
    for key, line in parsed.lines.items():
        if key and isinstance(key[0], int):
            lines_of_item.setdefault(key[0], {})[key[1:]] = line
    for index, item in enumerate(parsed.data if isinstance(parsed.data, list) else []):
        item_lines = lines_of_item.get(index, {})
        item_lines[()] = parsed.lines.get((index,), 1)
        problems.extend(validate_data(schema, item, item_lines, rel, vocabularies, prefix=(index,), checker=checker))
    return vocabularies
