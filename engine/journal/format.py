"""The journal's file format: what each line holds, as JSON, and the exact bytes it is written as.

A journal is JSON Lines. Line 1 is the header: format version, engine version, the whole
scenario and its digest, the seed, the session's settings and when it was created. Every later
line is one command with the events it produced and the digest of the state it led to; the
first also records the header's digest (format 2), so the header cannot change unseen. The
command lines' wall-clock times are metadata: no digest covers them. The format lives alone here so that the
writer (`engine.journal.writer`) and the reader (`engine.journal.reader`) agree on it, and a
change to it is a change to one module.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable, Collection, Mapping
from typing import Any

import attrs

from engine.load.build import document_digest
from engine.version import __version__

JOURNAL_FORMAT = 2
"""The format number in every header this engine writes (2: the first command line covers the header)."""
READABLE_FORMATS = (1, 2)
"""The formats a reader accepts: 1 (earlier versions, whose header no digest covers) and 2."""
MAX_LINE_BYTES = 32 * 1024 * 1024
"""No journal line is longer: a longer one is damage, not a command."""
Clock = Callable[[], str]
"""Where a session reads the time it stamps on its lines (a fixed one makes journals reproducible)."""

HEADER_START = b'{"journal":'
"""How every header line this engine writes starts ("journal" comes first), damaged or not."""


def utc_now() -> str:
    """The current time in UTC, to the second, as ISO 8601 (journals' metadata only)."""
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@attrs.frozen
class Settings:
    """How a session is played: which roles bots play, and the decision timer."""

    bots: tuple[tuple[str, str], ...] = ()
    """(role, policy) for each role a bot plays."""
    timer_minutes: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"bots": dict(self.bots), "timerMinutes": self.timer_minutes}

    def problem(self, role_ids: Collection[str], *, to_play: bool = True) -> str | None:
        """What is wrong with these settings for a scenario's roles, or None.

        ``to_play``: the bots will play on, so each must be known here (a recorded game replays
        without its bots, which may come from a package this machine lacks).
        """
        from engine.bots.registry import bot_names

        for role, bot in self.bots:
            if role not in role_ids:
                return f"the settings name a bot for {role!r}, which is not a role of this scenario"
            if to_play and bot not in bot_names():
                return f"the settings name an unknown bot {bot!r} for {role!r} (known: {', '.join(bot_names())})"
        return None

    @classmethod
    def from_json(cls, data: Any) -> Settings:
        if not isinstance(data, dict):
            raise ValueError("settings must be an object")
        bots = data.get("bots", {})
        timer = data.get("timerMinutes")
        if not isinstance(bots, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in bots.items()):
            raise ValueError("settings.bots must map role ids to bot names")
        if timer is not None and (isinstance(timer, bool) or not isinstance(timer, int) or not 0 < timer <= 24 * 60):
            raise ValueError("settings.timerMinutes must be a number of minutes")
        return cls(tuple(sorted(bots.items())), timer)


@attrs.frozen
class Fork:
    """Where a forked journal's history came from."""

    journal: str
    line: int
    digest: str

    def to_json(self) -> dict[str, Any]:
        return {"journal": self.journal, "line": self.line, "digest": self.digest}


def header_json(
    scenario_document: Mapping[str, Any],
    *,
    seed: int,
    settings: Settings,
    start_events: list[dict[str, Any]],
    start_digest: str,
    created: str,
    forked_from: Fork | None = None,
) -> dict[str, Any]:
    """The header line of a new journal."""
    header: dict[str, Any] = {
        "journal": "whitecell",
        "format": JOURNAL_FORMAT,
        "engine": __version__,
        "created": created,
        "scenarioDigest": document_digest(scenario_document),
        "seed": seed,
        "settings": settings.to_json(),
        "start": {"events": start_events, "digest": start_digest},
        "scenario": scenario_document,
    }
    if forked_from is not None:
        header["forkedFrom"] = forked_from.to_json()
    return header


def header_digest(header: Mapping[str, Any]) -> str:
    """SHA-256 of the header's canonical JSON: the first command line records it, so an edited header shows.

    ASCII escapes and no refusal of any value: a hostile header (a lone surrogate, a number
    too large for a float) gets a digest that simply does not match, never an exception.
    """
    text = json.dumps(header, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def entry_json(
    number: int,
    *,
    command: dict[str, Any],
    events: list[dict[str, Any]],
    digest: str,
    turn: int,
    at: str,
    header: str | None = None,
) -> dict[str, Any]:
    """A command line of the journal. ``number`` counts commands from 1 (the journal's line - 1).

    ``header`` is the header's digest, recorded on the first command line only (format 2): the
    chain of digests then starts at the header, and `replay --verify` sees a header edited later.
    """
    entry: dict[str, Any] = {"n": number, "at": at, "turn": turn, "command": command, "events": events, "digest": digest}
    if header is not None:
        entry["header"] = header
    return entry


def line_bytes(data: Mapping[str, Any]) -> bytes:
    """One line as written: compact JSON in UTF-8 (non-ASCII kept as is, NaN refused), then a newline."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n").encode("utf-8")
