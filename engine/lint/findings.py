"""A lint finding before and after it is placed in the file: a JSON pointer, a code, a message.

Checks speak in pointers (they read the model, not the text); `locate` turns each into a
`Diagnostic` at the line and column of the entry, or of its nearest written ancestor when the
entry takes a default and is not in the file.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from engine.load.diagnostics import Diagnostic, Severity
from engine.load.jsonpos import ParsedJson


@attrs.frozen
class Finding:
    """One lint finding, placed by JSON pointer; a warning unless its code says it needs no fix."""

    pointer: str
    code: str
    message: str
    severity: Severity = "warning"


def _written(parsed: ParsedJson, pointer: str) -> str:
    """The pointer itself if the file has it, else its nearest ancestor that it has."""
    offsets = parsed.value_offsets
    probe = pointer
    while probe and probe not in offsets:
        probe = probe.rsplit("/", 1)[0]
    return probe


def locate(findings: Iterable[Finding], parsed: ParsedJson, label: str) -> list[Diagnostic]:
    """The findings as diagnostics at file:line:col, in file order (then by code and message)."""
    diagnostics = []
    for finding in findings:
        pointer = _written(parsed, finding.pointer)
        line, column, end_line, end_column = parsed.locate_span(pointer)
        diagnostics.append(
            Diagnostic(
                label,
                line,
                column,
                pointer,
                finding.code,
                finding.message,
                severity=finding.severity,
                end_line=end_line,
                end_column=end_column,
            )
        )
    return sorted(diagnostics, key=lambda d: (d.line, d.column, d.code, d.message))
