"""The report's own sentences, shared by the Markdown and HTML renderers.

Game events are worded by `engine.prose.events`; what only the report says (a score, who took an
expected action, when the journal was created) is worded here once, so both formats agree.
"""

from __future__ import annotations

import re

from engine.documents.report.model import (
    Contribution,
    ExpectedAction,
    KeyMoment,
    Note,
    NoteTag,
    Overview,
    Report,
    RoleObjectives,
    SessionRecord,
    Team,
)
from engine.prose.turns import MONTHS
from engine.prose.values import change_text, signed

TAG_TITLES: dict[NoteTag, str] = {
    "strength": "Strengths",
    "improvement": "Areas for improvement",
    "observation": "Observations",
    "lesson": "Lessons learned",
}
"""Section titles of the notes, in the order the report shows them."""

TAG_EMPTY: dict[NoteTag, str] = {
    "strength": "No strengths were noted during the exercise.",
    "improvement": "No areas for improvement were noted during the exercise.",
    "observation": "No observations were noted during the exercise.",
    "lesson": "No lessons were noted during the exercise.",
}

TAG_NAMES: dict[NoteTag, str] = {
    "strength": "strength",
    "improvement": "improvement",
    "observation": "observation",
    "lesson": "lesson",
}

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")


def plural(count: int, word: str, many: str | None = None) -> str:
    """A count with its noun, e.g. 1 undo, 2 undos."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def created_text(created: str) -> str:
    """The journal's creation time for people, e.g. 1 March 2026, 09:00 UTC (else as recorded)."""
    match = _ISO.match(created)
    if not match:
        return created
    year, month, day, hour, minute, zone = match.groups()
    if not 1 <= int(month) <= 12:
        return created
    where = "UTC" if zone in (None, "Z", "+00:00") else f"UTC{zone}"
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}, {hour}:{minute} {where}"


def played_text(overview: Overview) -> str:
    """How much of the game was played, e.g. 12 of 12 months."""
    played = f"{overview.turns_played} of {overview.turns.counted(overview.turn_count)}"
    return played if overview.ended else f"{played} (in progress when the report was written)"


def score_text(team: Team) -> str:
    """A team's score, saying when it counts only its public objectives (the reader sees no more)."""
    return f"{team.score} of {team.max_score}" + (" (public objectives)" if team.public_only else "")


def points_text(role: RoleObjectives) -> str:
    """The points a team's objectives make, e.g. "3 of 5 points" or "... from its public objectives"."""
    return f"{role.score} of {role.max_score} points" + (" from its public objectives" if role.public_only else "")


def no_objectives_text(role: RoleObjectives) -> str:
    return "This team had no public objectives." if role.public_only else "This team had no objectives."


def variables_scope(report: Report) -> str:
    """Whose variables a report shows, for the intro of its variables section."""
    return "this report shows everything" if report.edition is None else "this edition shows what its reader could see"


def met_text(team: Team) -> str:
    return f"{team.met} of {team.objectives}"


def swing_text(moment: KeyMoment) -> str:
    return change_text(moment.before, moment.after, moment.states)


def cause_lead(cause: str) -> str:
    """A cause as the lead of a line ("Rule text: ..."): capitalised, without a closing period."""
    if cause.endswith(".") and not cause.endswith(".."):
        cause = cause[:-1]
    return cause[:1].upper() + cause[1:]


def contribution_text(item: Contribution) -> str:
    return f"{cause_lead(item.cause)} ({signed(item.delta)})"


def others_text(count: int) -> str:
    return f"and {plural(count, 'smaller cause')}" if count else ""


def expected_status(expected: ExpectedAction) -> str:
    """Whether the teams took an expected action: taken by whom and when, or not taken."""
    if not expected.taken_by:
        return "not taken"
    by_turn: dict[str, list[str]] = {}
    for taker in expected.taken_by:
        by_turn.setdefault(taker.turn, []).append(taker.role)
    return "taken by " + "; ".join(f"{_and(roles)} in {turn}" for turn, roles in by_turn.items())


def expected_text(expected: ExpectedAction) -> str:
    """An expected action and whether it was taken, e.g. Prior consultation (not taken)."""
    return f"{expected.label} ({expected_status(expected)})"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def note_when(note: Note) -> str:
    return f"after the game ended, {note.turn_name}" if note.after_end else note.turn_name


def record_summary(record: SessionRecord) -> str:
    """The session's commands in one sentence."""
    text = f"{plural(record.journaled, 'command')} journaled, {record.in_effect} in effect"
    if record.undos or record.redos:
        text += f"; {plural(record.undos, 'undo')} and {plural(record.redos, 'redo')}"
    if record.taken_back:
        text += f"; {plural(record.taken_back, 'command')} taken back and not part of this report"
    return text + "."


def notes_summary(record: SessionRecord) -> str:
    parts = [plural(count, TAG_NAMES[tag]) for tag, count in record.notes_by_tag if count]
    return ", ".join(parts) if parts else "no notes"
