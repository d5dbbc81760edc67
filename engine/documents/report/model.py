"""The after-action report as plain typed values (built from a session by `engine.documents.report.build`).

Both renderers (Markdown and HTML) read only this model, so they tell the same story in the
same words, and a test can check what the report says without parsing either format. Only
the commands in effect are the story; undone commands count only in the session record. A
report is built for one audience: what it may not see is never in the model, so no renderer
can show it.
"""

from __future__ import annotations

from typing import Literal

import attrs

from engine.core import commands as cmd
from engine.core.model import Tone, Turns
from engine.documents.report.actor_moves import ActorMove
from engine.documents.report.evaluation import ObjectiveEvaluation
from engine.documents.report.free_moves import FreeMoveEntry
from engine.documents.report.written_injects import WrittenInjectEntry
from engine.prose.values import change_text, value_text

NoteTag = cmd.NoteTag
Direction = Literal["good", "bad", "neutral"]


# --- the parts of a report ---------------------------------------------------------------------


@attrs.frozen
class Team:
    """A role, who played it, and how it scored."""

    id: str
    name: str
    played_by: str
    score: int
    max_score: int
    met: int
    objectives: int
    public_only: bool = False
    """The reader sees only the team's public objectives: the score counts those alone."""


@attrs.frozen
class OutcomeSummary:
    id: str
    title: str
    description: str
    tone: Tone
    reason: str
    """Why the game ended, as a sentence (`engine.prose.events.ending_sentence`)."""


@attrs.frozen
class Overview:
    """Who, what, when: the facts at the top of the report."""

    scenario_id: str
    title: str
    version: str
    author: str
    summary: str
    created: str
    """When the journal was created, as recorded in its header (the only time in the report)."""
    engine: str
    """The whitecell version that wrote the journal."""
    reporter: str
    """The whitecell version that wrote the report."""
    seed: int | None
    """None for a reader who may not know it (the seed lets one foresee the dice)."""
    turns: Turns
    """The scenario's turns: their label, its words in a sentence (`Turns.word`, `Turns.counted`), their count."""
    turns_played: int
    turn_count: int
    ended: bool
    outcome: OutcomeSummary | None
    teams: tuple[Team, ...]
    timer_minutes: int | None
    forked_from: str | None


@attrs.frozen
class Change:
    """One change to a variable or a resource, worded as the log words it."""

    text: str
    delta: int
    direction: Direction


@attrs.frozen
class ChangeLine:
    """Consecutive changes with the same cause, compacted into one line."""

    cause: str
    changes: tuple[Change, ...]
    facilitator: bool = False


@attrs.frozen
class LogLine:
    """Any other event of the turn, as a sentence; ``kind`` is the event's kind."""

    kind: str
    text: str


LogEntry = ChangeLine | LogLine


@attrs.frozen
class Taker:
    role: str
    turn: str


@attrs.frozen
class ExpectedAction:
    """An action the inject hoped for, and who took it while the shock was active."""

    label: str
    taken_by: tuple[Taker, ...]


@attrs.frozen
class ShockCard:
    id: str
    title: str
    category: str
    narrative: str
    source: str
    why: str | None
    """What set it off, when not its own trigger (a follow-up, the facilitator...)."""
    injected: bool
    expected_response: str
    expected_actions: tuple[ExpectedAction, ...]


@attrs.frozen
class Decision:
    """A team's final orders for a turn (``submitted`` is False when it gave none)."""

    role: str
    name: str
    played_by: str
    actions: tuple[str, ...]
    submitted: bool
    hidden: bool = False
    """Orders entered but not resolved, which the reader may not see (``actions`` is then empty)."""


@attrs.frozen
class Note:
    tag: NoteTag
    text: str
    turn: int
    turn_name: str
    after_end: bool


@attrs.frozen
class Override:
    """A facilitator's adjustment of a variable or a team's resource, with the reason given."""

    turn: int
    turn_name: str
    variable: str
    before: int
    after: int
    reason: str
    states: tuple[str, ...] = ()
    """The variable's named states (format 2); empty for a number or a resource."""

    @property
    def moved(self) -> str:
        """Before and after, as the tables show them (named states by name)."""
        return f"{value_text(self.before, self.states)} → {value_text(self.after, self.states)}"


@attrs.frozen
class Injection:
    turn: int
    turn_name: str
    shock: str
    reason: str


@attrs.frozen
class Timing:
    """The white cell held, released or brought forward a shock (what: "held", "released", "brought forward")."""

    turn: int
    turn_name: str
    shock: str
    what: str
    reason: str


@attrs.frozen
class NetChange:
    variable: str
    before: int
    after: int
    direction: Direction
    states: tuple[str, ...] = ()
    """The variable's named states (format 2), by which its values are read; empty for a number."""

    @property
    def text(self) -> str:
        return f"{self.variable} {change_text(self.before, self.after, self.states)}"


@attrs.frozen
class TurnReport:
    """One turn of the timeline, from its opening to the opening of the next."""

    number: int
    heading: str
    name: str
    shocks: tuple[ShockCard, ...]
    decisions: tuple[Decision, ...]
    resolved: bool
    joint: tuple[str, ...]
    """Joint actions matched or left unanswered, as sentences."""
    facilitator: tuple[str, ...]
    """What the facilitator did this turn (adjustments, injects, ending), as sentences."""
    log: tuple[LogEntry, ...]
    notes: tuple[Note, ...]
    net: tuple[NetChange, ...]
    ending: str | None


@attrs.frozen
class BandSpan:
    label: str
    low: int
    high: int
    tone: Tone


@attrs.frozen
class Series:
    """A variable's value at the start and at the end of every turn played."""

    id: str
    label: str
    description: str
    unit: str
    min: int
    max: int
    visibility: str
    """Who saw it during play, in words: "everyone", "facilitator only", "Seoul only"."""
    facilitator_only: bool
    polarity: str
    bands: tuple[BandSpan, ...]
    values: tuple[int, ...]
    states: tuple[str, ...] = ()
    """The variable's named states (format 2), by which its values are read; empty for a number."""

    def shown(self, value: int) -> str:
        """A value as people read it: its state's name for a variable of named states, else the number."""
        return self.states[value] if self.states and 0 <= value < len(self.states) else str(value)

    @property
    def start(self) -> int:
        return self.values[0]

    @property
    def end(self) -> int:
        return self.values[-1]

    def band_at(self, value: int) -> BandSpan | None:
        return next((band for band in self.bands if band.low <= value <= band.high), None)


@attrs.frozen
class Contribution:
    cause: str
    delta: int


@attrs.frozen
class KeyMoment:
    """A variable's largest single-turn swing, and the causes that moved it most."""

    variable: str
    label: str
    turn: int
    turn_name: str
    before: int
    after: int
    direction: Direction
    point: int
    """The index of the turn's end in the variable's series."""
    causes: tuple[Contribution, ...]
    others: int
    """How many smaller causes are left out of ``causes``."""
    states: tuple[str, ...] = ()
    """The variable's named states (format 2), by which its values are read; empty for a number."""

    @property
    def delta(self) -> int:
        return self.after - self.before


@attrs.frozen
class ObjectiveResult:
    description: str
    check: str
    weight: int
    met: bool


@attrs.frozen
class RoleObjectives:
    role: str
    name: str
    score: int
    max_score: int
    objectives: tuple[ObjectiveResult, ...]
    public_only: bool = False
    """The reader sees only this team's public objectives: the score counts those alone."""


@attrs.frozen
class TeamBriefing:
    """A team's private briefing, in an edition whose reader may read it."""

    role: str
    name: str
    text: str


@attrs.frozen
class Edition:
    """Whose copy a report is when it is not the white cell's: the room's (the public record) or a
    team's (what it saw during play, and the public record). An edition has no white-cell sections:
    no notes, improvement plan or session record."""

    reader: str
    """Who it is for, e.g. "the room" or "Seoul"."""
    title: str
    """E.g. "The room's edition"."""
    text: str
    """What it holds and leaves out, in a sentence or two."""


@attrs.frozen
class PlanRow:
    """A row of the improvement plan: the issue comes from a note; the rest is for the facilitator."""

    number: int
    issue: str
    turn_name: str
    action: str = ""
    owner: str = ""
    due: str = ""


@attrs.frozen
class SessionRecord:
    """How the session was run: commands, undos and redos, and the facilitator's interventions."""

    journaled: int
    in_effect: int
    undos: int
    redos: int
    taken_back: int
    """Game commands journaled but not in effect (undone and never redone)."""
    overrides: tuple[Override, ...]
    injections: tuple[Injection, ...]
    ended_by_facilitator: str | None
    notes_by_tag: tuple[tuple[NoteTag, int], ...]
    timing: tuple[Timing, ...] = ()
    """Shocks held, released or brought forward, in the order done."""


@attrs.frozen
class Report:
    """Everything an after-action report says, ready to render."""

    overview: Overview
    briefing: str
    notices: tuple[str, ...]
    point_labels: tuple[str, ...]
    """Labels of the points of every series: "start", then each turn's number."""
    point_names: tuple[str, ...]
    """The same points in full: "the start", then each turn's name."""
    series: tuple[Series, ...]
    key_moments: tuple[KeyMoment, ...]
    objectives: tuple[RoleObjectives, ...]
    turns: tuple[TurnReport, ...]
    notes: tuple[Note, ...]
    plan: tuple[PlanRow, ...]
    record: SessionRecord | None
    """None in an edition (the session record is the white cell's)."""
    edition: Edition | None = None
    """None for the white cell's report, which shows everything."""
    team_briefings: tuple[TeamBriefing, ...] = ()
    """The private briefings the reader may read (the white cell: every team's that has one)."""
    free_moves: tuple[FreeMoveEntry, ...] = ()
    evaluation: tuple[ObjectiveEvaluation, ...] = ()
    """Each exercise objective (training objective), evaluated for the white cell; alone in an edition."""
    """The free-form moves made, in order (every edition: they were argued in the room)."""
    written_injects: tuple[WrittenInjectEntry, ...] = ()
    """The injects written at the table that the reader may see, in order."""
    actor_moves: tuple[ActorMove, ...] = ()
    """The white cell's actors' moves the reader may see, turn by turn."""

    def notes_tagged(self, tag: NoteTag) -> tuple[Note, ...]:
        return tuple(note for note in self.notes if note.tag == tag)


def direction(polarity: str | None, delta: int) -> Direction:
    """Whether a change is good or bad news, by the variable's polarity (None: not a variable)."""
    if polarity is None or delta == 0 or polarity == "neutral":
        return "neutral"
    better = delta > 0 if polarity == "higher-is-better" else delta < 0
    return "good" if better else "bad"
