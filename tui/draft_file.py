"""The console's drafts of orders on disk, beside the journal, so a crash mid-entry loses nothing.

The journal holds a team's orders once submitted; what is ticked before that lives only in the
console, so it is kept in ``JOURNAL.draft.json`` as it changes, through the journal's side-file
helper (`engine.journal.sidefiles`): written whole or not at all (a temporary file in the same
folder, fsynced, moved into place with `os.replace`), never read or written through a symbolic
link, and removed once no draft is left. What it holds is checked against the session on reading:
it is a hint for the console, never a command.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from engine.journal.sidefiles import NotAPlainFile, read_plain_file, write_atomically

__all__ = ["draft_path", "read_drafts", "remove_drafts", "write_drafts"]

FORMAT = "whitecell-console-drafts"
LIMIT = 1_000_000
"""Bytes read at most: a draft is a few lines; anything larger is not one."""


def draft_path(journal: Path) -> Path:
    """Where a journal's drafts are kept: ``game.jsonl`` → ``game.jsonl.draft.json``."""
    return journal.with_name(journal.name + ".draft.json")


def write_drafts(journal: Path, turn: int, drafts: dict[str, Any]) -> None:
    """Keep the drafts of ``turn`` beside the journal (OSError on failure; the caller says so)."""
    data = json.dumps({"format": FORMAT, "turn": turn, "drafts": drafts}, sort_keys=True).encode()
    write_atomically(draft_path(journal), data, 0o600)


def read_drafts(journal: Path) -> tuple[int, dict[str, Any]] | None:
    """The turn and drafts kept beside the journal, or None when there are none or the file is not one
    (a link, a pipe, too large, not JSON, not a draft)."""
    try:
        raw = read_plain_file(draft_path(journal), LIMIT)
    except (FileNotFoundError, NotAPlainFile):
        return None
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    turn, drafts = data.get("turn"), data.get("drafts")
    if type(turn) is not int or not isinstance(drafts, dict):
        return None
    return turn, drafts


def remove_drafts(journal: Path) -> None:
    """No draft left: the file goes (a link in its place is removed, not followed)."""
    draft_path(journal).unlink(missing_ok=True)
