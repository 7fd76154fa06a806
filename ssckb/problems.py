"""Problems found in the knowledge base, reported as ``path:line: field: message``."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file: where it is, which field, what to do about it."""

    path: str
    line: int
    field: str
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

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
