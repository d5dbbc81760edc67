"""The journal's diagnostic codes, and the error that reports them.

Every problem found in a journal (unreadable, written in another format, a bad header, a damaged,
misnumbered or tampered line, a cut-off last line) is reported under one of these codes, by
`whitecell replay --verify`, by resuming, by the report and by forking. They are declared here,
apart from the reader and the replay checks that use them, so that the codes reference
(`engine.documents.codes`) and every check name the same list.
"""

from __future__ import annotations

from engine.load.diagnostics import CodeInfo, Diagnostic, InputError

CODES: tuple[CodeInfo, ...] = (
    CodeInfo(
        "journal-unreadable",
        "error",
        "the journal cannot be read as a whitecell journal",
        "The file is missing, unreadable, empty, not UTF-8, or its first line is not a journal header. Check the path; "
        "a journal is the .jsonl file a session writes.",
    ),
    CodeInfo(
        "journal-format",
        "error",
        "the journal was written in a format this version does not read",
        "The header's format number is not the one this whitecell reads. Open it with the version that wrote it "
        "(the header's `engine` field says which).",
    ),
    CodeInfo(
        "journal-header",
        "error",
        "the journal's header is incomplete or inconsistent",
        "The header must match the published journal schema (`whitecell schema --journal`: no key missing, none "
        "added, each of its type) and hold the scenario, a seed from 0 to 2**64 - 1 and settings that name the "
        "scenario's roles. A header edited by hand is the usual cause; the session cannot be rebuilt without it.",
    ),
    CodeInfo(
        "scenario-mismatch",
        "error",
        "the scenario in the header is not the one the journal recorded",
        "The header stores the scenario and its digest; they disagree, so the scenario was changed after the session "
        "began. Sessions always replay on the rules they were played with.",
    ),
    CodeInfo(
        "header-mismatch",
        "error",
        "the journal's header was changed after its first command was written",
        "The first command line records a digest of the header (journal format 2), so the settings, the creation "
        "time or where a fork came from cannot change unseen. Use the journal as it was written, or fork it from "
        "line 1 (`whitecell fork JOURNAL --line 1`) to start a new journal on the same scenario and seed.",
    ),
    CodeInfo(
        "damaged-line",
        "error",
        "a line of the journal is not valid JSON, or a line is missing",
        "Lines after the header are numbered commands. A line that does not parse (and is not a cut-off last line) "
        "or a gap in the numbering stops replay there; what comes before it is intact.",
    ),
    CodeInfo(
        "numbering",
        "error",
        "a line's command number is not its place in the journal",
        "Command N is on line N + 1. Lines were reordered, removed or copied between journals.",
    ),
    CodeInfo(
        "unknown-command",
        "error",
        "a line holds a command this engine does not know",
        "The command's kind or fields are not ones whitecell writes; the line was edited or comes from another tool.",
    ),
    CodeInfo(
        "refused",
        "error",
        "the engine refuses a recorded command on replay",
        "The command was accepted when it was recorded but is not allowed in the state replay reaches, so the "
        "journal was edited or written by a different engine. The message gives the engine's reason.",
    ),
    CodeInfo(
        "digest-mismatch",
        "error",
        "the state a command leads to is not the one recorded",
        "Every line records a digest of the game after it. A different digest means the line, an earlier line or "
        "the engine changed; replay stops at the first such line.",
    ),
    CodeInfo(
        "turn-mismatch",
        "error",
        "a line says the game is in a different turn from the one replay reaches",
        "The turn recorded with a command disagrees with replay; the line was edited.",
    ),
    CodeInfo(
        "events-mismatch",
        "error",
        "the events recorded with a command are not the ones it produces",
        "Each line keeps the events its command caused (and the header the opening ones); replay produces them again "
        "and compares. A difference means the line was edited or the engine changed.",
    ),
    CodeInfo(
        "cut-off",
        "warning",
        "the journal's last line was cut off and is left out",
        "The session stopped while writing its last line (a crash or a power cut). Everything before it is intact; "
        "resuming drops the partial line and keeps its bytes in JOURNAL.dropped.",
    ),
)
"""The codes of problems found in journals, for `whitecell replay --verify`, resume, report and fork."""


class JournalError(InputError):
    """A journal cannot be used (unreadable, damaged, or it does not replay); exit status 1."""


def journal_error(path: str, line: int, code: str, message: str) -> JournalError:
    """A `JournalError` with one diagnostic: ``code`` at ``line`` of the journal at ``path``."""
    return JournalError([Diagnostic(path, line, 1, "", code, message)])
