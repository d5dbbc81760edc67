"""What parsing holds a JSON text to: its limits, the error that stops it, and the diagnostic codes of what it finds.

A syntax error stops parsing; a duplicate key does not, so that the rest of the file is still
checked. Both carry a character offset, turned into line:column only when reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.load.diagnostics import CodeInfo

if TYPE_CHECKING:
    from engine.load.jsonpos.locating import JsonProblem

MAX_DEPTH = 100
"""Containers nested deeper than this are refused; no scenario comes close."""
MAX_NUMBER_LENGTH = 40
"""Numbers written with more characters than this are refused."""
MAX_STRING_LENGTH = 100_000
"""Strings (and keys) longer than this are refused: no field of a scenario may be longer, and one
16-million-character label once made checking take 120 times the file's size in memory."""
MAX_VALUES = 30_000
"""Files holding more JSON values than this are refused: the default scenario holds about 2,000 (in
66 KB), so this is some fifteen times the largest real scenarios; every value is work for the
schema and meaning checks after parsing (30,000 wrong ones take about 2 s), so this bounds the
work any file can ask for."""

MAX_KEPT_PROBLEMS = 200
"""Duplicate keys past this many are counted, not kept: a check lists 200 problems at most (`loader.MAX_DIAGNOSTICS`),
and 30,000 of them once took minutes to word (each searched the whole text for its line) and megabytes to hold."""

CODES: tuple[CodeInfo, ...] = (
    CodeInfo(
        "syntax",
        "error",
        "the text is not valid JSON",
        "Parsing stops at the first such mistake: a missing comma or bracket, single quotes, a trailing comma, "
        "NaN, an unclosed string... The message says what was expected at that place.",
    ),
    CodeInfo(
        "over-limit",
        "error",
        "the file goes past a limit no scenario needs",
        f"A string or key longer than {MAX_STRING_LENGTH:,} characters, or more than {MAX_VALUES:,} values in the "
        "file. The limits keep a wrong or hostile file from taking minutes and gigabytes to check; parsing stops "
        "there, at the value that went past it.",
    ),
    CodeInfo(
        "duplicate-key",
        "error",
        "an object sets the same property twice",
        "JSON readers disagree on which value wins, so a repeated property is always a mistake; "
        "the message says where the first one is.",
    ),
)


class JsonSyntaxError(Exception):
    """The text is not JSON; parsing stops at the first such error."""

    def __init__(self, problem: JsonProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem
