"""Problems found in an input file, located at file:line:column and a JSON pointer.

Every check (syntax, schema, meaning) reports through the same `Diagnostic` so that the CLI,
the TUI and editors show all of them the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

import attrs

from engine.core.spelling import closest

__all__ = ["CodeInfo", "Diagnostic", "InputError", "ScenarioError", "Severity", "Tally", "closest", "tally"]

Severity = Literal["error", "warning", "info"]
"""An info is worth knowing but needs no fix (lint says so of a variable teams read on screen and nothing else reads)."""


@attrs.frozen
class Diagnostic:
    """One problem: where it is, a stable code, and a message in plain words."""

    file: str
    line: int
    column: int
    pointer: str
    code: str
    message: str
    severity: Severity = "error"
    suggestion: str | None = None
    end_line: int | None = None
    end_column: int | None = None
    stands_for: tuple[tuple[Severity, int], ...] = ()
    """On the line that counts the problems past the cap (`MORE_PROBLEMS`): how many of each severity it stands for."""
    exact: bool = True
    """False when that count stopped early: there are at least as many."""

    @property
    def end(self) -> tuple[int, int]:
        """Line and column just past the offending value (the start, when only that is known)."""
        if self.end_line is None or self.end_column is None:
            return self.line, self.column
        return self.end_line, self.end_column

    def format(self) -> str:
        """The compiler-style one-line form, ``FILE:LINE:COL: severity: /pointer: message [code]``.

        Every command and the TUI print this, so the code that the format reference explains is
        always in sight. A problem with the file as a whole (no such file, not a journal) has no
        pointer, and none is printed: a bare "/" read as if the root folder were missing.
        """
        where = f"{self.pointer}: " if self.pointer else ""
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {where}{self.message} [{self.code}]"

    def to_json(self) -> dict[str, object]:
        """The diagnostic as a JSON-ready object for editors and scripts."""
        end_line, end_column = self.end
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "end": {"line": end_line, "column": end_column},
            "pointer": self.pointer,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "suggestion": self.suggestion,
            **({"standsFor": dict(self.stands_for), "exact": self.exact} if self.stands_for else {}),
        }


@attrs.frozen
class CodeInfo:
    """What a diagnostic code means, for the format reference and for `--explain`-style help.

    Each module that reports diagnostics declares its codes as a tuple of these, so the
    documentation is generated from the same place the checks live.
    """

    code: str
    severity: Severity
    summary: str
    explanation: str


class InputError(Exception):
    """An input file (scenario or journal) is unusable; carries every problem found."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(sorted(diagnostics, key=_position))
        first = self.diagnostics[0].format() if self.diagnostics else "invalid input"
        more = len(self.diagnostics) - 1
        super().__init__(first + (f" (and {more} more)" if more > 0 else ""))


class ScenarioError(InputError):
    """A scenario file could not be loaded."""


MORE_PROBLEMS = "more-problems"
"""The code of the line that stands for the problems past the cap ("and 12,345 more"): it sorts last."""


class Tally(NamedTuple):
    """How many problems a list of diagnostics reports, the lines that count those past the cap included."""

    errors: int
    warnings: int
    """Every problem that is not an error (infos too): what ``--strict`` refuses."""
    exact: bool
    """False when some count stopped early: there are at least as many."""


def tally(diagnostics: Iterable[Diagnostic]) -> Tally:
    """The problems the diagnostics stand for: one each, but a `MORE_PROBLEMS` line as many as it counts.

    A summary that counted that line as one problem said "201 errors" of a file with 22,353.
    """
    errors = warnings = 0
    exact = True
    for diagnostic in diagnostics:
        counts = diagnostic.stands_for or ((diagnostic.severity, 1),)
        for severity, count in counts:
            if severity == "error":
                errors += count
            else:
                warnings += count
        exact = exact and diagnostic.exact
    return Tally(errors, warnings, exact)


def _position(diagnostic: Diagnostic) -> tuple[str, bool, int, int, str]:
    return (diagnostic.file, diagnostic.code == MORE_PROBLEMS, diagnostic.line, diagnostic.column, diagnostic.message)
