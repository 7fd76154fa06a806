"""Problems found in the knowledge base, reported as ``path:line: field: message``."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
#: A warning that never fails a build, not even MkDocs' --strict one: something not translated yet
#: (ssckb.translations). It is shown and counted as a warning.
COVERAGE = "coverage"

#: Longest value quoted in a message, and longest field name shown.
MAX_SHOWN = 60
MAX_FIELD = 120


#: Invisible characters that reorder text (they can make a line read differently from what it holds).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def one_line(text) -> str:
    """Text made safe for a one-line report: control and invisible format characters become
    ``\\uXXXX`` escapes (``\\n``, ``\\t`` for the common ones), so a value can never start a new line."""
    out = []
    for char in str(text):
        if char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif char == "\r":
            out.append("\\r")
        elif unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp") or char in BIDI_CONTROLS:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out)


def shown(value, limit: int = MAX_SHOWN) -> str:
    """A contributor's value as quoted in a message: on one line, cut to ``limit`` characters."""
    text = one_line(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file: where it is, which field, what to do about it."""

    path: str
    line: int
    field: str
    message: str
    severity: str = ERROR

    def __post_init__(self):
        # A report is one line per problem whatever the file holds: field names and messages quote
        # contributors' text, which may hold line breaks or control characters.
        object.__setattr__(self, "path", one_line(self.path))
        object.__setattr__(self, "field", shown(self.field, MAX_FIELD) or "-")
        object.__setattr__(self, "message", one_line(self.message))

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def is_coverage(self) -> bool:
        """Whether this is a missing translation, which no build fails for."""
        return self.severity == COVERAGE

    def format(self) -> str:
        """The contributor-facing form, ``path:line: field: message``."""
        prefix = "" if self.is_error else "warning: "
        return f"{self.path}:{self.line}: {self.field}: {prefix}{self.message}"

    def format_github(self) -> str:
        """A GitHub Actions workflow command, shown on the pull request's line."""
        def escape(text: str) -> str:
            return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def escape_property(text: str) -> str:
            return escape(text).replace(":", "%3A").replace(",", "%2C")

        kind = "error" if self.is_error else "warning"
        return (f"::{kind} file={escape_property(self.path)},line={self.line},"
                f"title={escape_property(self.field)}::{escape(self.message)}")


def sort_problems(problems) -> list[Problem]:
    """Problems in a stable order: by file, then line, then field."""
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.field, p.message, p.severity))


def count_errors(problems) -> int:
    return sum(1 for p in problems if p.is_error)


def summary_line(problems, language: str | None = None) -> str:
    """The last line of a report, "3 error(s), 1 warning(s)."; in another language, the catalog's plurals."""
    errors = count_errors(problems)
    warnings = len(problems) - errors
    if not language or language == "en":
        return f"{errors} error(s), {warnings} warning(s)."
    from .i18n import _, ngettext, number, rendering_language

    with rendering_language(language):
        return _("{errors}, {warnings}.").format(
            errors=ngettext("{n} error", "{n} errors", errors).format(n=number(errors)),
            warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=number(warnings)))
