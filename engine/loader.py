"""Load a scenario file: read, decode, parse, validate, check meaning, build the model.

Scenario files are untrusted input. Whatever they hold, the loader returns a `Scenario` or
raises `ScenarioError` listing every problem at file:line:column; nothing in a file is ever
evaluated.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

import attrs

from engine import build_model
from engine.diagnostics import Diagnostic, ScenarioError
from engine.jsonpos import JsonSyntaxError, ParsedJson, line_col, line_starts_of, parse
from engine.model import Scenario
from engine.schema_check import schema_findings
from engine.semantics import semantic_findings

MAX_FILE_BYTES = 16 * 1024 * 1024


def load_scenario(path: str | Path) -> Scenario:
    """Load and check a scenario file; raise ScenarioError with every problem found."""
    label = str(path)
    return load_scenario_bytes(read_input_file(path, "scenario"), label)


def read_input_file(path: str | Path, what: str) -> bytes:
    """Read a whole input file, turning every way it can be unreadable into a diagnostic."""
    label = str(path)
    target = Path(path)

    def fail(message: str, code: str) -> ScenarioError:
        return ScenarioError([Diagnostic(label, 1, 1, "", code, message)])

    try:
        if target.is_dir():
            raise fail(f"this is a directory, not a {what} file", "not-a-file")
        if not target.exists():
            raise fail(f"no such file; check the path (a {what} is a .json file)", "no-such-file")
        size = target.stat().st_size
        if size > MAX_FILE_BYTES:
            raise fail(f"the file is {size:,} bytes; a {what} is at most {MAX_FILE_BYTES:,}", "too-large")
        with target.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        raise fail("permission denied: the file cannot be read", "unreadable") from None
    except OSError as error:
        raise fail(f"cannot read the file: {error.strerror or error}", "unreadable") from None


def decode_text(data: bytes, label: str) -> str:
    """Decode UTF-8 (with or without a byte-order mark), or say where the bad byte is."""
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if data.startswith(bom):
            raise ScenarioError([Diagnostic(label, 1, 1, "", "not-utf8", f"the file is saved as {name}; save it as UTF-8")])
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        good = data[: error.start].decode("utf-8", errors="replace")
        line, column = line_col(line_starts_of(good), len(good))
        byte = data[error.start]
        raise ScenarioError(
            [
                Diagnostic(
                    label,
                    line,
                    column,
                    "",
                    "not-utf8",
                    f"the file is not UTF-8 text: byte 0x{byte:02x} cannot be decoded; save it as UTF-8",
                )
            ]
        ) from None


def parse_document(text: str, label: str) -> ParsedJson:
    """Parse JSON text, turning a syntax error into a located diagnostic."""
    try:
        return parse(text)
    except JsonSyntaxError as error:
        line, column = line_col(line_starts_of(text), error.problem.offset)
        raise ScenarioError([Diagnostic(label, line, column, error.problem.pointer, "syntax", error.problem.message)]) from None


def load_scenario_bytes(data: bytes, label: str = "<scenario>") -> Scenario:
    """Load a scenario from the bytes of a file."""
    return load_scenario_text(decode_text(data, label), label)


def load_scenario_text(text: str, label: str = "<scenario>") -> Scenario:
    """Load a scenario from JSON text; ``label`` names it in diagnostics."""
    parsed = parse_document(text, label)
    return scenario_from_parsed(parsed, label)


def scenario_from_parsed(parsed: ParsedJson, label: str) -> Scenario:
    """Validate a parsed document and build the model, or raise with every problem."""
    document: Any = parsed.value
    if not isinstance(document, dict):
        kind = "an array" if isinstance(document, list) else "a single value"
        raise ScenarioError(
            [
                Diagnostic(
                    label,
                    *parsed.locate(""),
                    "",
                    "not-an-object",
                    f"a scenario is a JSON object {{...}}, but this file holds {kind}",
                )
            ]
        )
    diagnostics = check_document(parsed, label)
    if diagnostics:
        raise ScenarioError(diagnostics)
    return build_model.scenario(document)


def check_document(parsed: ParsedJson, label: str) -> list[Diagnostic]:
    """Every problem in a parsed scenario document: duplicate keys, schema, meaning."""
    diagnostics = [
        Diagnostic(label, *parsed.line_col(problem.offset), problem.pointer, "duplicate-key", problem.message)
        for problem in parsed.problems
    ]
    for pointer, message, at_key, suggestion in schema_findings(parsed.value):
        diagnostics.append(
            Diagnostic(label, *parsed.locate(pointer, key=at_key), pointer, "schema", message, suggestion=suggestion)
        )
    for finding in semantic_findings(parsed.value):
        line, column = parsed.locate(finding.pointer, key=finding.key)
        diagnostics.append(
            Diagnostic(label, line, column, finding.pointer, finding.code, finding.message, suggestion=finding.suggestion)
        )
    return diagnostics


def load_scenario_document(document: Any, label: str, *, line: int = 1, prefix: str = "") -> Scenario:
    """Load a scenario already parsed from another file (a journal embeds its scenario).

    Problems are reported at ``label``:``line`` with the pointer under ``prefix``, since the
    scenario has no text of its own to point into.
    """
    import json

    try:
        text = json.dumps(document, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError, RecursionError):
        raise ScenarioError([Diagnostic(label, line, 1, prefix, "not-an-object", "the embedded scenario is not JSON")]) from None
    try:
        return scenario_from_parsed(parse_document(text, label), label)
    except ScenarioError as error:
        raise ScenarioError(
            [attrs.evolve(d, line=line, column=1, pointer=prefix + d.pointer) for d in error.diagnostics]
        ) from None
