"""The hotwash the console is holding, kept beside the journal while it is up, for the projector.

The journal records commands, and a hotwash is none: it is a pause the facilitator leaves with
Enter. So the console writes which phase's hotwash is up, and after which turn, to
``JOURNAL.hotwash.json`` as it opens and removes it as it closes; the projector believes the file
only while the game stands where the console said (an undo, or a console that died, leaves it stale).
"""

from __future__ import annotations

import json
from pathlib import Path

from engine.core.model import Phase, Scenario
from engine.journal.sidefiles import read_plain_file, write_atomically

FORMAT = "whitecell-hotwash"


def hotwash_path(journal: Path) -> Path:
    """``game.jsonl`` → ``game.jsonl.hotwash.json``."""
    return journal.with_name(journal.name + ".hotwash.json")


def save_hotwash(journal: Path, phase: Phase) -> None:
    """Tell the projector that this phase's hotwash is up (OSError on failure)."""
    data = {"format": FORMAT, "phase": phase.id, "after": phase.end}
    write_atomically(hotwash_path(journal), json.dumps(data, sort_keys=True).encode(), 0o644)


def clear_hotwash(journal: Path) -> None:
    """The hotwash is over: the file goes (a link planted there goes, never what it points at)."""
    hotwash_path(journal).unlink(missing_ok=True)


def hotwash_up(journal: Path, scenario: Scenario, turn: int, ended: bool) -> Phase | None:
    """The phase whose hotwash the console holds, if the file says so and the game stands just after that phase."""
    try:
        data = json.loads(read_plain_file(hotwash_path(journal), 4096))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    phase = next((phase for phase in scenario.phases if phase.id == data.get("phase")), None)
    if phase is None or not phase.hotwash or data.get("after") != phase.end:
        return None
    standing = turn == phase.end + 1 or (ended and turn in (phase.end, phase.end + 1))
    return phase if standing else None
