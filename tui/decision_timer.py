"""The decision timer of a turn: paused, extended and reset by the white cell, and shared with the
projector through a small file beside the journal.

Times are wall-clock seconds (`time.time()`), because the projector is another process that must
count down to the same moment. The timer is a warning, never a move: nothing in the game waits
for it, so it lives in the console and its file, not in the journal.

Each turn has its own countdown. A turn reached by a resolution (or a redo of one) starts from
the full length; going back to a turn (an undo of its resolution) brings back the time it had
left when it was resolved, paused or running as it was. A resumed console takes the countdown from the file when
it is of the same turn (the time the console was away counts, as it did for the room), and
otherwise starts the turn from its full length.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import attrs

from engine.journal.sidefiles import read_plain_file, write_atomically

FORMAT = "whitecell-timer"


def timer_path(journal: Path) -> Path:
    """``game.jsonl`` → ``game.jsonl.timer.json``."""
    return journal.with_name(journal.name + ".timer.json")


@attrs.define
class DecisionTimer:
    """One countdown per turn, in wall-clock seconds."""

    minutes: int
    turn: int | None = None
    ends: float | None = None
    """When the countdown reaches zero, while it runs."""
    paused: float | None = None
    """The seconds left, while it is paused."""
    kept: dict[int, tuple[float, bool, int]] = attrs.field(factory=dict)
    """Seconds left, whether paused and the full length, of the turns resolved since (an undo may bring one back)."""

    @property
    def full(self) -> float:
        return self.minutes * 60.0

    def left(self, now: float) -> float:
        if self.paused is not None:
            return self.paused
        return max(0.0, (self.ends or now) - now)

    def follow(self, turn: int, now: float, minutes: int | None = None) -> bool:
        """Keep to the game's turn, whose full length is ``minutes`` (else as before); True when the turn changed."""
        if turn == self.turn:
            return False
        back = self.turn is not None and turn < self.turn
        if self.turn is not None and turn > self.turn:
            self.kept[self.turn] = (self.left(now), self.paused is not None, self.minutes)
        if back and turn in self.kept:
            left, paused, self.minutes = self.kept.pop(turn)  # an undo: the turn as it was left
        else:
            self.minutes = minutes or self.minutes
            left, paused = self.full, False
        self.turn = turn
        self._set(left, paused, now)
        return True

    def _set(self, left: float, paused: bool, now: float) -> None:
        self.ends, self.paused = (None, left) if paused else (now + left, None)

    def pause(self, now: float) -> bool:
        """Pause a running countdown, or set a paused one going again; True when it is now paused."""
        self._set(self.left(now), self.paused is None, now)
        return self.paused is not None

    def extend(self, seconds: float, now: float) -> None:
        """More time (from now, when it had run out)."""
        self._set(self.left(now) + seconds, self.paused is not None, now)

    def reset(self, now: float) -> None:
        """Back to the full length (still paused if it was)."""
        self._set(self.full, self.paused is not None, now)

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "minutes": self.minutes, "turn": self.turn, "ends": self.ends, "paused": self.paused}


def clock_text(seconds: float) -> str:
    """Seconds as the room reads a countdown: '04:32', or '1:04:32' past an hour."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"


def save_timer(journal: Path, timer: DecisionTimer) -> None:
    """Share the countdown with the projector (OSError on failure)."""
    write_atomically(timer_path(journal), json.dumps(timer.to_json(), sort_keys=True).encode(), 0o644)


def load_timer(journal: Path) -> DecisionTimer | None:
    """The countdown kept beside a journal, or None when there is none or the file is not one."""
    try:
        data = json.loads(read_plain_file(timer_path(journal), 64 * 1024))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    minutes, turn, ends, paused = (data.get(key) for key in ("minutes", "turn", "ends", "paused"))
    if type(minutes) is not int or not 0 < minutes <= 24 * 60 or type(turn) is not int or turn < 1:
        return None
    if (ends is None) == (paused is None):
        return None  # exactly one of them: running or paused
    if ends is not None and not (type(ends) in (int, float) and math.isfinite(ends)):
        return None
    if paused is not None and not (type(paused) in (int, float) and 0 <= paused <= 10 * 24 * 3600):
        return None
    return DecisionTimer(minutes, turn, None if ends is None else float(ends), None if paused is None else float(paused))
