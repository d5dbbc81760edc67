"""Load a scenario file: read, decode, parse, validate, check meaning, build the model.

Scenario files are untrusted input. Whatever they hold, the loader returns a `Scenario` or
raises `ScenarioError` listing every problem at file:line:column; nothing in a file is ever
evaluated. Warnings (things that are legal but probably unintended) never stop a scenario from
loading; `check_scenario_file` returns them alongside the errors for `whitecell validate`.
"""

from __future__ import annotations

import codecs
import functools
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from engine.load.diagnostics import MORE_PROBLEMS, CodeInfo, Diagnostic, ScenarioError, Severity
from engine.load.files import read_at_most
from engine.load.jsonpos import JsonSyntaxError, ParsedJson, line_col, line_starts_of, parse
from engine.load.schema_check import MAX_COUNTED, schema_problems
from engine.load.semantics import semantic_check

if TYPE_CHECKING:
    from engine.core.model import Scenario
    from engine.load.jsonpos.locating import JsonProblem

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_DIAGNOSTICS = 200
"""At most this many problems are listed (errors first); one more line counts the rest. Placing and
printing each one costs more than finding it, and a file with thousands is fixed from the first."""

CODES: tuple[CodeInfo, ...] = (
    CodeInfo(
        "no-such-file", "error", "the file does not exist", "Check the path; a bundled scenario can also be named without .json."
    ),
    CodeInfo("not-a-file", "error", "the path is a directory", "Name a scenario file inside the directory instead."),
    CodeInfo(
        "unreadable",
        "error",
        "the file exists but cannot be read",
        "Usually a permissions problem; the message gives the system's reason.",
    ),
    CodeInfo(
        "too-large",
        "error",
        "the file is larger than 16 MiB",
        "No real scenario comes close; the limit keeps a wrong file from exhausting memory.",
    ),
    CodeInfo(
        MORE_PROBLEMS,
        "error",
        f"more problems than the {MAX_DIAGNOSTICS} listed",
        f"Checking lists the first {MAX_DIAGNOSTICS} problems (errors before warnings) and counts the rest on one "
        "last line, so that a file with a mistake repeated thousands of times is answered at once. Fix those "
        f"listed and check again. Its severity is that of the worst problem left out. Counting stops past {MAX_COUNTED:,} "
        '(the line then says "at least"), since even counting costs time on a deeply nested file.',
    ),
    CodeInfo(
        "not-utf8",
        "error",
        "the file is not UTF-8 text",
        "Save the file as UTF-8 (a byte-order mark is allowed); the message says where the first bad byte is.",
    ),
    CodeInfo(
        "not-an-object",
        "error",
        "the JSON document is not an object",
        "A scenario is one JSON object {...} holding its title, turns, roles and so on.",
    ),
)


@attrs.frozen
class Checked:
    """The result of checking a scenario file: every diagnostic, and the scenario when it has no errors.

    Checking without building leaves ``scenario`` None and keeps the parsed ``document``, for
    callers (``whitecell validate``) that only report and need not pay for the model.
    """

    scenario: Scenario | None
    diagnostics: tuple[Diagnostic, ...]
    document: Any = None

    @property
    def valid(self) -> bool:
        """Whether the file has no errors (warnings allowed)."""
        return not self.errors

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "warning")


def check_scenario_file(path: str | Path, *, build: bool = True) -> Checked:
    """Check a scenario file and report errors and warnings; never raises for a bad file."""
    label = str(path)
    try:
        text = _read_text(path, label)
    except ScenarioError as error:
        return Checked(None, error.diagnostics)
    return _check_text(text, label, build=build)


def _read_text(path: str | Path, label: str) -> str:
    """The file's text; its bytes are let go on return, not held while the text is checked."""
    return decode_text(read_input_file(path, "scenario"), label)


def check_scenario_bytes(data: bytes, label: str = "<scenario>", *, build: bool = True) -> Checked:
    """Check a scenario from the bytes of a file: the scenario when it has no errors, and every diagnostic."""
    try:
        text = decode_text(data, label)
    except ScenarioError as error:
        return Checked(None, error.diagnostics)
    return _check_text(text, label, build=build)


def _check_text(text: str, label: str, *, build: bool) -> Checked:
    """Check decoded text; the one path behind a file and bytes, so that neither holds more than it must."""
    try:
        parsed = parse_document(text, label)
        diagnostics = _document_diagnostics(parsed, label)
    except ScenarioError as error:
        return Checked(None, error.diagnostics)
    ordered = tuple(sorted(diagnostics, key=_position))
    if not build or any(d.severity == "error" for d in ordered):
        return Checked(None, ordered, parsed.value)
    from engine.load import build as build_model

    return Checked(build_model.scenario(parsed.value), ordered, parsed.value)


def _position(diagnostic: Diagnostic) -> tuple[bool, int, int, str, str]:
    return (diagnostic.code == MORE_PROBLEMS, diagnostic.line, diagnostic.column, diagnostic.code, diagnostic.message)


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
            data = read_at_most(handle, MAX_FILE_BYTES)
        if len(data) > MAX_FILE_BYTES:  # it grew after its size was asked
            raise fail(f"the file is over {MAX_FILE_BYTES:,} bytes; a {what} is at most {MAX_FILE_BYTES:,}", "too-large")
        return data
    except PermissionError:
        raise fail("permission denied: the file cannot be read", "unreadable") from None
    except OSError as error:
        raise fail(f"cannot read the file: {error.strerror or error}", "unreadable") from None


def _at(label: str, text: str, offset: int, pointer: str, *, code: str, message: str) -> Diagnostic:
    """A diagnostic at one character of the text (the end is just past it)."""
    starts = line_starts_of(text)
    line, column = line_col(starts, offset)
    end_line, end_column = line_col(starts, min(offset + 1, len(text)))
    return Diagnostic(label, line, column, pointer, code, message, end_line=end_line, end_column=end_column)


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
        problem = error.problem
        raise ScenarioError(
            [_at(label, text, problem.offset, problem.pointer, code=problem.code, message=problem.message)]
        ) from None


def load_scenario_bytes(data: bytes, label: str = "<scenario>") -> Scenario:
    """Load a scenario from the bytes of a file."""
    return load_scenario_text(decode_text(data, label), label)


def load_scenario_text(text: str, label: str = "<scenario>") -> Scenario:
    """Load a scenario from JSON text; ``label`` names it in diagnostics."""
    parsed = parse_document(text, label)
    return scenario_from_parsed(parsed, label)


def scenario_from_parsed(parsed: ParsedJson, label: str) -> Scenario:
    """Validate a parsed document and build the model, or raise with every error (warnings do not stop it)."""
    errors = [d for d in _document_diagnostics(parsed, label) if d.severity == "error"]
    if errors:
        raise ScenarioError(errors)
    from engine.load import build as build_model

    return build_model.scenario(parsed.value)


def _document_diagnostics(parsed: ParsedJson, label: str) -> list[Diagnostic]:
    """Every diagnostic of a parsed document, or a ScenarioError when it is not an object at all."""
    document: Any = parsed.value
    if not isinstance(document, dict):
        kind = "an array" if isinstance(document, list) else "a single value"
        message = f"a scenario is a JSON object {{...}}, but this file holds {kind}"
        parsed.prepare([""])
        raise ScenarioError([_spanning(parsed, label, "", key=False, code="not-an-object", message=message)])
    return check_document(parsed, label)


def _spanning(parsed: ParsedJson, label: str, pointer: str, *, key: bool, code: str, message: str, **extra: Any) -> Diagnostic:
    """A diagnostic covering the whole value (or key) at a pointer."""
    line, column, end_line, end_column = parsed.locate_span(pointer, key=key)
    return Diagnostic(label, line, column, pointer, code, message, end_line=end_line, end_column=end_column, **extra)


def check_document(parsed: ParsedJson, label: str) -> list[Diagnostic]:
    """Every problem in a parsed scenario document: duplicate keys, schema, meaning; errors and warnings.

    At most `MAX_DIAGNOSTICS` are placed in the text (errors first); the rest are counted in one
    last diagnostic (`MORE_PROBLEMS`), so a file repeating a mistake is answered in bounded time.
    Schema errors past those that can be listed are counted without being put in words.
    """
    found: list[Found] = []
    for problem in parsed.problems:
        found.append(Found("error", None, functools.partial(_duplicate, parsed, label, problem)))
    schema = schema_problems(parsed.value, max(MAX_DIAGNOSTICS - len(found), 0))
    for pointer, code, message, at_key, suggestion in schema.listed:
        place = functools.partial(
            _spanning, parsed, label, pointer, key=at_key, code=code, message=message, suggestion=suggestion
        )
        found.append(Found("error", pointer, place))
    meaning = semantic_check(parsed.value, keep=MAX_DIAGNOSTICS)
    for finding in meaning.findings:
        place = functools.partial(
            _spanning,
            parsed,
            label,
            finding.pointer,
            key=finding.key,
            code=finding.code,
            message=finding.message,
            suggestion=finding.suggestion,
            severity=finding.severity,
        )
        found.append(Found(finding.severity, finding.pointer, place))
    more = schema.more + parsed.unkept_problems
    return capped(found, label, more_errors=more, exact=schema.exact, parsed=parsed, unkept=meaning.unkept)


def _duplicate(parsed: ParsedJson, label: str, problem: JsonProblem) -> Diagnostic:
    line, column = parsed.line_col(problem.offset)
    end_line, end_column = parsed.line_col(parsed.string_end(problem.offset))
    return Diagnostic(
        label, line, column, problem.pointer, "duplicate-key", problem.message, end_line=end_line, end_column=end_column
    )


_RANK: dict[Severity, int] = {"error": 0, "warning": 1, "info": 2}


class Found(NamedTuple):
    """A problem found and not yet placed: placing costs more than finding, so only those listed are."""

    severity: Severity
    pointer: str | None
    """Where it is, for `ParsedJson.prepare`; None when it is placed by offset."""
    place: Callable[[], Diagnostic]


def capped(
    found: list[Found],
    label: str,
    *,
    more_errors: int = 0,
    exact: bool = True,
    parsed: ParsedJson | None = None,
    unkept: Mapping[Severity, int] | None = None,
) -> list[Diagnostic]:
    """The first `MAX_DIAGNOSTICS` problems found, the worst first, each placed; and one line counting the rest.

    ``more_errors`` are errors found after those in ``found`` and only counted (never put in words);
    ``exact`` is False when that counting stopped early, so the line says "at least"; ``unkept`` counts
    problems of each severity found and never kept (none of them could be listed). The pointers
    listed are located in ``parsed`` together, in one pass over its text.
    """
    ordered = sorted(found, key=lambda item: _RANK.get(item.severity, 0))
    if parsed is not None:
        parsed.prepare(item.pointer for item in ordered[:MAX_DIAGNOSTICS] if item.pointer is not None)
    listed = [item.place() for item in ordered[:MAX_DIAGNOSTICS]]
    rest = ordered[MAX_DIAGNOSTICS:]
    unkept = unkept or {}
    counts = {severity: sum(1 for item in rest if item.severity == severity) + unkept.get(severity, 0) for severity in _RANK}
    counts["error"] += more_errors
    if not any(counts.values()):
        return listed
    words = ", ".join(f"{count:,} {severity}{'s' if count != 1 else ''}" for severity, count in counts.items() if count)
    worst: Severity = "error" if counts["error"] else "warning" if counts["warning"] else "info"
    total = f"{sum(counts.values()):,}" if exact else f"at least {sum(counts.values()):,}"
    stopped = "" if exact else ", counting stopped there"
    message = f"and {total} more ({words}{stopped}) not listed; fix the {MAX_DIAGNOSTICS} above and check again"
    stands_for = tuple((severity, count) for severity, count in counts.items() if count)
    more = Diagnostic(label, 1, 1, "", MORE_PROBLEMS, message, severity=worst, stands_for=stands_for, exact=exact)
    return [*listed, more]


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
            [
                attrs.evolve(d, line=line, column=1, end_line=None, end_column=None, pointer=prefix + d.pointer)
                for d in error.diagnostics
            ]
        ) from None
