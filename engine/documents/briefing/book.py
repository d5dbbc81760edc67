"""What the facilitator's briefing book says, gathered from a scenario before any formatting.

The Markdown and HTML renderers only lay this out, so both always say the same things: the
briefing, roles and objectives, variables and bands, every action with its costs, limits and
effects, the events list, the standing rules, and how the game can end.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from engine.core import model as m
from engine.core.explain import describe
from engine.core.nouns import counted
from engine.documents.briefing.training import TrainingPart, training_parts
from engine.documents.kit.text import BulletList, blocks
from engine.prose.effects import (
    Phrase,
    availability_phrases,
    cost_phrase,
    effect_phrases,
    nested_effects,
    percent,
    role_names,
    trigger_phrase,
    turns_later,
)
from engine.prose.turns import turn_name
from engine.prose.values import signed

CHECK_WORDS = {"end": "when the game ends", "ever": "at least once, after any {label}", "always": "after every {label}"}
POLARITY_WORDS = {"higher-is-better": "higher is better", "lower-is-better": "lower is better", "neutral": "neither"}


@attrs.frozen
class ObjectivePart:
    description: str
    condition: str
    judged: str
    weight: int


@attrs.frozen
class RolePart:
    id: str
    name: str
    description: str
    budget: int
    resources: tuple[str, ...]
    objectives: tuple[ObjectivePart, ...]
    briefing: str = ""
    """The team's private briefing (the book is the white cell's: it shows it)."""
    objectives_kept: bool = False
    """Whether the edition leaves out objectives of the role that its reader may not see."""
    actor: bool = False
    """Played by the white cell (or a bot), not a team: the cover lists it apart from the teams."""


@attrs.frozen
class BandPart:
    label: str
    span: str
    tone: str


@attrs.frozen
class VariablePart:
    id: str
    label: str
    description: str
    span: str
    initial: str
    visibility: str
    hidden: bool
    polarity: str
    bands: tuple[BandPart, ...]


@attrs.frozen
class ActionPart:
    id: str
    label: str
    description: str
    who: str
    cost: str
    tags: tuple[str, ...]
    limits: tuple[str, ...]
    effects: tuple[Phrase, ...]
    unmatched: tuple[Phrase, ...]


@attrs.frozen
class EventPart:
    """One row of the events list, with the details shown after the table."""

    id: str
    title: str
    when: str
    category: str
    trigger: str
    expected: str
    notes: str
    narrative: str
    source: str
    audience: str
    details: tuple[Phrase, ...]


@attrs.frozen
class RulePart:
    id: str
    title: str
    when: str
    """When it applies, in words: "when ..." or "every month"."""
    effects: tuple[Phrase, ...]


@attrs.frozen
class EndingPart:
    id: str
    title: str
    when: str
    outcome: str


@attrs.frozen
class OutcomePart:
    id: str
    title: str
    tone: str
    when: str
    description: str


@attrs.frozen
class PhasePart:
    """A phase (move): its turns, deadline, hotwash and the briefing update read as it opens."""

    id: str
    title: str
    turns: str
    notes: str
    """The decision deadline and the hotwash, in words (empty when neither is set)."""
    briefing: str


@attrs.frozen
class Book:
    """The whole briefing book of one scenario."""

    id: str
    title: str
    version: str
    author: str
    summary: str
    briefing: str
    turns: str
    turn_label: str
    """What a turn is called, in lower case ("month")."""
    roles: tuple[RolePart, ...]
    variables: tuple[VariablePart, ...]
    actions: tuple[ActionPart, ...]
    events: tuple[EventPart, ...]
    rules: tuple[RulePart, ...]
    endings: tuple[EndingPart, ...]
    outcomes: tuple[OutcomePart, ...]
    phases: tuple[PhasePart, ...] = ()
    free_moves: str = ""
    """The scenario's free-form moves in words: allowed or not, and their limits."""
    training: tuple[TrainingPart, ...] = ()
    """The exercise objectives (training objectives) with the injects that test them."""
    edition: str = ""
    """Whose pack this is ("Seoul", "the room"); empty for the white cell's whole book."""
    mechanics: bool = True
    """Whether it says how the scenario works inside: actions' effects, rules, endings, outcome conditions."""


def flat(text: str) -> str:
    """Markdown text as one plain line, for table cells: emphasis marks dropped, list items marked with •."""
    parts: list[str] = []
    for block in blocks(text):
        if isinstance(block, BulletList):
            parts += ["• " + "".join(span.text for span in item) for item in block.items]
        else:
            parts.append("".join(span.text for span in block.spans))
    return " ".join(parts)


def _turns(scenario: m.Scenario) -> str:
    turns = scenario.turns
    text = turns.counted(turns.count)
    first, last = turn_name(turns, 1), turn_name(turns, turns.count)
    if first != f"{turns.label} 1":
        text += f", from {first} to {last}" if turns.count > 1 else f": {first}"
    if turns.deadline is not None:
        text += f"; {counted(turns.deadline, 'minute')} to decide in each {turns.word}"
    return text


def _free_moves(scenario: m.Scenario) -> str:
    limits = scenario.free_moves
    if not limits.allowed:
        return "not allowed in this scenario"
    moves = counted(limits.per_team_per_turn, "free-form move")
    largest = limits.largest_effect
    return f"{moves} per team each {scenario.turns.word}; a successful one moves a variable by at most {largest} either way"


def _phase(scenario: m.Scenario, phase: m.Phase) -> PhasePart:
    turns = scenario.turns
    span = f"{turn_name(turns, phase.start)} to {turn_name(turns, phase.end)}" if phase.end > phase.start else ""
    notes = []
    if phase.deadline is not None:
        notes.append(f"{counted(phase.deadline, 'minute')} to decide in each {turns.word}")
    if phase.hotwash:
        notes.append(f"a hotwash after {turn_name(turns, phase.end)}")
    return PhasePart(phase.id, phase.title, span or turn_name(turns, phase.start), "; ".join(notes), phase.briefing)


def _role(scenario: m.Scenario, role: m.Role) -> RolePart:
    label = scenario.turns.word
    resources = []
    for res in role.resources:
        income = f"; {signed(res.per_turn)} each {label} after the first" if res.per_turn else ""
        text = f"{res.label}: starts at {res.initial}, kept between {res.min} and {res.max}{income}"
        resources.append(text + (f". {res.description}" if res.description else ""))
    objectives = tuple(
        ObjectivePart(obj.description, describe(scenario, obj.condition), CHECK_WORDS[obj.check].format(label=label), obj.weight)
        for obj in role.objectives
    )
    return RolePart(
        role.id, role.name, role.description, role.budget, tuple(resources), objectives, role.briefing, actor=role.is_actor
    )


def _visibility(scenario: m.Scenario, variable: m.Variable) -> str:
    if variable.visibility == "public":
        return "everyone"
    if variable.visibility == "facilitator":
        return "the facilitator only"
    return f"{scenario.role(variable.visibility).name} and the facilitator"


def _variable(scenario: m.Scenario, variable: m.Variable) -> VariablePart:
    if variable.states:  # named states (format 2): the range is the states in order, each its own band
        return VariablePart(
            variable.id,
            variable.label,
            variable.description,
            "the states " + ", ".join(variable.states) + ", in that order",
            variable.shown(variable.initial),
            _visibility(scenario, variable),
            variable.visibility != "public",
            POLARITY_WORDS[variable.polarity],
            (),
        )
    unit = variable.unit
    bands = []
    for index, band in enumerate(variable.bands):
        top = variable.bands[index + 1].start - 1 if index + 1 < len(variable.bands) else variable.max
        bands.append(BandPart(band.label, f"{band.start} to {top}{unit}", band.tone))
    return VariablePart(
        variable.id,
        variable.label,
        variable.description,
        f"{variable.min} to {variable.max}{unit}",
        f"{variable.initial}{unit}",
        _visibility(scenario, variable),
        variable.visibility != "public",
        POLARITY_WORDS[variable.polarity],
        tuple(bands),
    )


def action_part(scenario: m.Scenario, action: m.Action) -> ActionPart:
    """An action as the book describes it."""
    who = role_names(scenario, action.roles)
    if action.joint:
        who = f"{who} together: it happens only when all of them choose it in the same {scenario.turns.word}"
    return ActionPart(
        action.id,
        action.label,
        action.description,
        who,
        cost_phrase(scenario, action),
        action.tags,
        availability_phrases(scenario, action),
        effect_phrases(scenario, action.effects),
        effect_phrases(scenario, action.unmatched) if action.joint else (),
    )


def _effect_sources(scenario: m.Scenario) -> Iterator[tuple[str, tuple[m.Effect, ...]]]:
    """Every list of effects in the scenario with the name of what applies it."""
    for action in scenario.actions:
        yield f"the action {action.label}", action.effects + action.unmatched
    for shock in scenario.shocks:
        yield shock.title, shock.effects + shock.ongoing + shock.on_expire
    for rule in scenario.rules:
        yield f"the rule {rule.description or rule.id}", rule.effects


def _set_in_motion(scenario: m.Scenario, target: str) -> tuple[list[str], list[str]]:
    """What schedules a shock (follow-ups and schedule effects) and what arms it, in words."""
    scheduled: list[str] = []
    armed: list[str] = []
    for shock in scenario.shocks:
        for follow in shock.follow_ups:
            if follow.shock != target:
                continue
            odds = f", {percent(follow.chance)} chance" if follow.chance < 1 else ""
            if follow.enable:
                armed.append(f"{shock.title}{odds}")
            else:
                scheduled.append(f"{shock.title} ({turns_later(scenario, follow.after)}{odds})")
    for source, effects in _effect_sources(scenario):
        for effect in nested_effects(effects):
            if isinstance(effect, m.Schedule) and effect.shock == target:
                scheduled.append(f"{source} ({turns_later(scenario, effect.after)})")
            elif isinstance(effect, m.Enable) and effect.shock == target:
                armed.append(source)
    return list(dict.fromkeys(scheduled)), list(dict.fromkeys(armed))


def _when(scenario: m.Scenario, shock: m.Shock, scheduled: bool) -> str:
    turns = scenario.turns
    if shock.trigger is None:
        return "follow-up" if scheduled else "on inject"
    first, last = shock.trigger.window(turns.count)
    if first == last:
        name = turn_name(turns, first)
        plain_name = f"{turns.label} {first}"
        return plain_name if name == plain_name else f"{plain_name} ({name})"
    return f"{_plural_label(turns)} {first}–{last}"


def _plural_label(turns: m.Turns) -> str:
    """The label's plural as a heading starts it: "Months", "NSC meetings"."""
    return turns.plural[:1].upper() + turns.plural[1:]


def _trigger(scenario: m.Scenario, shock: m.Shock) -> tuple[str, bool]:
    scheduled, armed = _set_in_motion(scenario, shock.id)
    parts = []
    if shock.trigger is not None:
        text = trigger_phrase(scenario, shock.trigger)
        if not shock.enabled:
            arming = f" until armed by {'; '.join(armed)}" if armed else " (nothing in the scenario arms it)"
            text = f"disarmed at the start{arming}; then {text}"
        parts.append(text)
    if scheduled:
        parts.append("follows " + "; ".join(scheduled))
    if not parts:
        parts.append("only when the facilitator injects it")
    if shock.max_fires > 1:
        parts.append(f"up to {shock.max_fires} times")
    return "; ".join(parts), bool(scheduled)


def _details(scenario: m.Scenario, shock: m.Shock) -> tuple[Phrase, ...]:
    label = scenario.turns.word
    details = [Phrase("When it happens:", effect_phrases(scenario, shock.effects))]
    if shock.duration > 1:
        details.append(
            Phrase(f"It stays in progress for {scenario.turns.counted(shock.duration)}, counting the one it happens in.")
        )
    if shock.ongoing:
        details.append(Phrase(f"At every {label}'s resolution while it is in progress:", effect_phrases(scenario, shock.ongoing)))
    if shock.on_expire:
        details.append(Phrase("When it runs its course (not when ended early):", effect_phrases(scenario, shock.on_expire)))
    for follow in shock.follow_ups:
        title = scenario.shock(follow.shock).title
        odds = f" ({percent(follow.chance)} chance)" if follow.chance < 1 else ""
        if follow.enable:
            details.append(Phrase(f"It arms {title}{odds}."))
        else:
            unless = "" if follow.when is None else f", if then {describe(scenario, follow.when)} (else it is called off)"
            details.append(Phrase(f"{title} follows {turns_later(scenario, follow.after)}{odds}{unless}."))
    return tuple(details)


def _event(scenario: m.Scenario, shock: m.Shock) -> EventPart:
    trigger, scheduled = _trigger(scenario, shock)
    expected = [scenario.action(action).label for action in shock.expected_actions]
    if shock.expected_response:
        expected.append(shock.expected_response)
    audience = role_names(scenario, shock.audience) if shock.audience else "every team"
    return EventPart(
        shock.id,
        shock.title,
        _when(scenario, shock, scheduled),
        shock.category,
        trigger,
        "; ".join(expected),
        flat(shock.facilitator_notes),
        shock.narrative,
        shock.source,
        audience,
        _details(scenario, shock),
    )


def _outcome(scenario: m.Scenario, outcome: m.Outcome) -> OutcomePart:
    when = describe(scenario, outcome.when) if outcome.when is not None else "every game no earlier outcome claims"
    return OutcomePart(outcome.id, outcome.title, outcome.tone, when, outcome.description)


def build_book(scenario: m.Scenario) -> Book:
    """Gather everything the briefing book says about a scenario."""
    return Book(
        id=scenario.id,
        title=scenario.title,
        version=scenario.version,
        author=scenario.author,
        summary=scenario.summary,
        briefing=scenario.briefing,
        turns=_turns(scenario),
        turn_label=scenario.turns.word,
        roles=tuple(_role(scenario, role) for role in scenario.roles),
        variables=tuple(_variable(scenario, variable) for variable in scenario.variables),
        actions=tuple(action_part(scenario, action) for action in scenario.actions),
        events=tuple(_event(scenario, shock) for shock in scenario.shocks),
        rules=tuple(
            RulePart(
                rule.id,
                rule.description or rule.id,
                f"when {describe(scenario, rule.when)}" if rule.when is not None else f"every {scenario.turns.word}",
                effect_phrases(scenario, rule.effects),
            )
            for rule in scenario.rules
        ),
        endings=tuple(
            EndingPart(
                end.id,
                end.description or end.id,
                describe(scenario, end.when),
                scenario.outcome(end.outcome).title if end.outcome else "decided by the outcome tiers",
            )
            for end in scenario.end_conditions
        ),
        outcomes=tuple(_outcome(scenario, outcome) for outcome in scenario.outcomes),
        phases=tuple(_phase(scenario, phase) for phase in scenario.phases),
        free_moves=_free_moves(scenario),
        training=training_parts(scenario),
    )
