"""The scenario as frozen, typed values: what the loader returns and everything else reads.

These classes mirror the JSON format one to one (see the schema); they hold no behaviour
beyond small descriptions, so that the loader, the rules compiler, lint and docs all read the
same model. The conditions and effects live in `engine.core.forms` and are re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import attrs

from engine.core.forms import (
    ActiveTest,
    Add,
    AllOf,
    AnyOf,
    Chance,
    ChoseTest,
    Comparison,
    Condition,
    Disable,
    Drift,
    Effect,
    Enable,
    EndShock,
    FiredTest,
    Gain,
    If,
    InBand,
    Not,
    Pick,
    PickOption,
    ResourceTest,
    Say,
    Schedule,
    ScoreTest,
    SetTo,
    TurnTest,
    UsesTest,
    VarTest,
)
from engine.core.nouns import counted, in_sentence, plural

Tone = Literal["critical", "warning", "neutral", "good"]
Check = Literal["end", "ever", "always"]
Polarity = Literal["higher-is-better", "lower-is-better", "neutral"]
ObjectiveVisibility = Literal["public", "private"]
PlayedBy = Literal["team", "white-cell"]

__all__ = [
    "Action", "ActiveTest", "Add", "AllOf", "AnyOf", "Band", "Chance", "Check", "ChoseTest", "Comparison", "Condition",
    "Disable", "Drift", "Effect", "Enable", "EndCondition", "EndShock", "ExerciseObjective", "FiredTest", "FollowUp",
    "Gain", "If", "InBand", "Not", "Objective", "ObjectiveVisibility", "Outcome", "Phase", "Pick", "PickOption", "PlayedBy",
    "Polarity", "Resource", "ResourceTest", "Role", "Rule", "Say", "Scenario", "Schedule", "ScoreTest", "SetTo", "Shock",
    "Tone", "Trigger", "TurnTest", "Turns", "UsesTest", "VarTest", "Variable"
]  # fmt: skip

# --- scenario parts ---------------------------------------------------------------------------


@attrs.frozen
class Turns:
    count: int
    label: str = "Turn"
    start: str | None = None
    step: str | None = None
    names: tuple[str, ...] = ()
    deadline: int | None = None
    """Minutes the teams have to decide in each turn (the console's timer by default); a phase's own wins."""

    @property
    def word(self) -> str:
        """The label inside a sentence: "month", but "NSC meeting" keeps its capitals."""
        return in_sentence(self.label)

    @property
    def plural(self) -> str:
        """The label's plural inside a sentence: "months", "NSC meetings", "policy reviews"."""
        return plural(self.word)

    def counted(self, count: int) -> str:
        """A number of turns in words: "1 month", "12 months", "8 NSC meetings"."""
        return counted(count, self.word)


@attrs.frozen
class Resource:
    id: str
    label: str
    initial: int
    max: int
    min: int = 0
    per_turn: int = 0
    description: str = ""


@attrs.frozen
class Objective:
    id: str
    description: str
    condition: Condition
    weight: int = 1
    check: Check = "end"
    visibility: ObjectiveVisibility = "public"
    """Public objectives are known to everyone; a private one to its team and the white cell."""


@attrs.frozen
class Role:
    id: str
    name: str
    budget: int
    description: str = ""
    resources: tuple[Resource, ...] = ()
    objectives: tuple[Objective, ...] = ()
    briefing: str = ""
    """The team's private briefing (Markdown): read by that team and the white cell only."""
    played_by: PlayedBy = "team"
    """Format 2: "white-cell" makes the role an actor, whose moves the white cell (or a bot) enters:
    no seat, no score, no free-form moves, and its moves told only to its audience."""
    audience: tuple[str, ...] = ()
    """An actor's: the teams that hear of its moves (empty: every team, and the room)."""

    @property
    def is_actor(self) -> bool:
        """Whether the white cell (or a bot) plays this role rather than a team."""
        return self.played_by == "white-cell"

    def resource(self, resource_id: str) -> Resource:
        """The role's resource with this id."""
        return next(resource for resource in self.resources if resource.id == resource_id)


@attrs.frozen
class Band:
    id: str
    label: str
    start: int
    tone: Tone = "neutral"


@attrs.frozen
class Variable:
    id: str
    label: str
    min: int
    max: int
    initial: int
    description: str = ""
    unit: str = ""
    visibility: str = "public"
    polarity: Polarity = "higher-is-better"
    bands: tuple[Band, ...] = ()
    states: tuple[str, ...] = ()
    """Format 2: named states in order; the value is the position of the state (0 for the first)."""

    def shown(self, value: int) -> str:
        """A value as people read it: its state's name for a variable of named states, else the number."""
        if self.states and 0 <= value < len(self.states):
            return self.states[value]
        return str(value)

    def band_at(self, value: int) -> Band | None:
        """The band a value falls in, if the variable has bands."""
        found = None
        for band in self.bands:
            if value >= band.start:
                found = band
        return found


@attrs.frozen
class Action:
    id: str
    label: str
    roles: tuple[str, ...]
    effects: tuple[Effect, ...]
    description: str = ""
    tags: tuple[str, ...] = ()
    cost: int = 1
    spend: tuple[tuple[str, int], ...] = ()
    requires: Condition | None = None
    requires_text: str | None = None
    unlocked_by: tuple[str, ...] = ()
    cooldown: int = 0
    limit: int | None = None
    joint: bool = False
    excludes: tuple[str, ...] = ()
    unmatched: tuple[Effect, ...] = ()


@attrs.frozen
class Trigger:
    at_turn: int | None = None
    start: int | None = None
    end: int | None = None
    when: Condition | None = None
    chance: float | None = None
    guaranteed: bool = False

    def window(self, turn_count: int) -> tuple[int, int]:
        """First and last turn in which the trigger can hold."""
        if self.at_turn is not None:
            return self.at_turn, self.at_turn
        return (self.start or 1, self.end or turn_count)


@attrs.frozen
class FollowUp:
    shock: str
    after: int = 1
    chance: float = 1.0
    enable: bool = False
    when: Condition | None = None
    """Format 2: checked when the follow-up is due; if it does not hold then, the shock is called off."""


SHOCK_CATEGORIES: tuple[str, ...] = (
    "missile",
    "nuclear",
    "strait",
    "maritime",
    "history",
    "territorial",
    "economic",
    "domestic",
    "alliance",
    "diplomatic",
    "cyber",
    "disaster",
    "other",
)
"""The kinds of event a shock may be (the scenario schema's enum; a test keeps the two the same)."""


@attrs.frozen
class Shock:
    id: str
    title: str
    category: str
    narrative: str
    source: str = ""
    audience: tuple[str, ...] = ()
    trigger: Trigger | None = None
    enabled: bool = True
    max_fires: int = 1
    duration: int = 1
    effects: tuple[Effect, ...] = ()
    ongoing: tuple[Effect, ...] = ()
    on_expire: tuple[Effect, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    expected_actions: tuple[str, ...] = ()
    expected_response: str = ""
    facilitator_notes: str = ""
    tests: tuple[str, ...] = ()
    """The exercise objectives (training objectives) this inject tests, by id."""


@attrs.frozen
class ExerciseObjective:
    """What the exercise trains and evaluates (a training objective), not a team's scoring objective.

    It changes nothing in play: the report evaluates it from the injects whose ``tests`` name it
    (their expected actions) and the white cell's notes tied to it."""

    id: str
    title: str
    description: str
    capability: str = ""
    criteria: tuple[str, ...] = ()
    """What good performance looks like, one criterion each (the evaluation guide)."""
    roles: tuple[str, ...] = ()
    """The roles whose play it evaluates; empty means every role."""


@attrs.frozen
class Phase:
    """A named span of turns (a move), with a briefing update, a hotwash after it and a decision deadline."""

    id: str
    title: str
    start: int
    end: int
    briefing: str = ""
    hotwash: bool = False
    deadline: int | None = None


@attrs.frozen
class FreeMoves:
    """Free-form moves (matrix-game arguments): whether a scenario allows them and their limits.

    The defaults are what a scenario without the section plays with: allowed, one per team per
    turn, each effect at most 5 either way (the size of an ordinary action's effect)."""

    allowed: bool = True
    per_team_per_turn: int = 1
    largest_effect: int = 5


@attrs.frozen
class Rule:
    id: str
    effects: tuple[Effect, ...]
    description: str = ""
    when: Condition | None = None


@attrs.frozen
class EndCondition:
    id: str
    when: Condition
    description: str = ""
    outcome: str | None = None


@attrs.frozen
class Outcome:
    id: str
    title: str
    description: str = ""
    when: Condition | None = None
    tone: Tone = "neutral"


@attrs.frozen
class Scenario:
    """A whole scenario, checked and ready to compile into rules."""

    id: str
    title: str
    turns: Turns
    roles: tuple[Role, ...]
    variables: tuple[Variable, ...]
    actions: tuple[Action, ...]
    shocks: tuple[Shock, ...]
    rules: tuple[Rule, ...]
    end_conditions: tuple[EndCondition, ...]
    outcomes: tuple[Outcome, ...]
    version: str = ""
    format: int = 1
    """The format version the file is written in: 2 adds the within-turn order rule and the newer forms."""
    author: str = ""
    summary: str = ""
    briefing: str = ""
    document: Mapping[str, Any] = attrs.field(factory=dict, eq=False, repr=False)
    """The scenario exactly as its JSON, for journals (which embed the whole scenario)."""
    digest: str = ""
    """SHA-256 of the scenario's canonical JSON, so a journal can tell which scenario it ran."""
    phases: tuple[Phase, ...] = ()
    exercise_objectives: tuple[ExerciseObjective, ...] = ()
    """Training objectives: what the exercise evaluates (the roles' objectives are how teams score)."""
    free_moves: FreeMoves = FreeMoves()

    def phase_at(self, turn: int) -> Phase | None:
        """The phase a turn belongs to, if any."""
        return next((phase for phase in self.phases if phase.start <= turn <= phase.end), None)

    def deadline_at(self, turn: int) -> int | None:
        """Minutes the teams have to decide in a turn: its phase's deadline, else the turns' deadline, else none."""
        phase = self.phase_at(turn)
        if phase is not None and phase.deadline is not None:
            return phase.deadline
        return self.turns.deadline

    def hotwash_after(self, turn: int) -> Phase | None:
        """The phase whose hotwash falls after this turn is resolved (it is the phase's last turn), if any."""
        phase = self.phase_at(turn)
        return phase if phase is not None and phase.hotwash and phase.end == turn else None

    def role(self, role_id: str) -> Role:
        """The role with this id."""
        return next(role for role in self.roles if role.id == role_id)

    @property
    def teams(self) -> tuple[Role, ...]:
        """The roles teams play (every role but the white cell's actors), in the scenario's order."""
        return tuple(role for role in self.roles if not role.is_actor)

    @property
    def actors(self) -> tuple[Role, ...]:
        """The roles the white cell (or a bot) plays, in the scenario's order."""
        return tuple(role for role in self.roles if role.is_actor)

    def is_actor(self, role_id: str) -> bool:
        """Whether the role with this id is one the white cell plays (False for an id it does not have)."""
        return any(role.id == role_id and role.is_actor for role in self.roles)

    def variable(self, var_id: str) -> Variable:
        """The variable with this id."""
        return next(var for var in self.variables if var.id == var_id)

    def action(self, action_id: str) -> Action:
        """The action with this id."""
        return next(action for action in self.actions if action.id == action_id)

    def shock(self, shock_id: str) -> Shock:
        """The shock with this id."""
        return next(shock for shock in self.shocks if shock.id == shock_id)

    def exercise_objective(self, objective_id: str) -> ExerciseObjective:
        """The exercise objective with this id."""
        return next(objective for objective in self.exercise_objectives if objective.id == objective_id)

    def testing(self, objective_id: str) -> tuple[Shock, ...]:
        """The shocks that test an exercise objective, in the scenario's order."""
        return tuple(shock for shock in self.shocks if objective_id in shock.tests)

    def outcome(self, outcome_id: str) -> Outcome:
        """The outcome with this id."""
        return next(outcome for outcome in self.outcomes if outcome.id == outcome_id)
