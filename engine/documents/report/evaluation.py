"""The report's evaluation of each exercise objective (training objective), as HSEEP's evaluation guides lay it out.

For every objective: the injects that test it and when each fired (or that it never did); for
each firing, every team the objective concerns (and the inject reached) and whether it took the
inject's expected actions in the turn it fired or the next (met, partly, not); the white cell's
notes tied to the objective, grouped by tag; and the facilitator's latest rating with its reason.
Which injects test what, the notes and the rating are the white cell's (`visibility.sees_evaluation`);
a team's or the room's edition lists the objectives alone, as exercise practice shares them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import attrs

from engine.audience.visibility import Audience, sees_evaluation, sees_exercise_objectives
from engine.core import commands as cmd
from engine.core import events as ev
from engine.core import model as m
from engine.journal.turns import TurnStory, turns
from engine.prose.effects import role_names
from engine.prose.notes import RATING_WORDS
from engine.prose.turns import turn_name

if TYPE_CHECKING:
    from engine.journal.session import Session

__all__ = ["RATING_WORDS", "Firing", "InjectEvaluation", "ObjectiveEvaluation", "Rating", "TeamResponse", "evaluations"]

Verdict = Literal["met", "partly", "not", "pending"]
"""Whether a team took an inject's expected actions in the turn it fired or the next; pending: neither turn resolved yet."""

TAG_ORDER: tuple[cmd.NoteTag, ...] = ("strength", "improvement", "observation", "lesson")


@attrs.frozen
class TeamResponse:
    """One team's response to one firing: the expected actions it took in time and those it did not."""

    team: str
    taken: tuple[str, ...]
    missed: tuple[str, ...]
    verdict: Verdict


@attrs.frozen
class Firing:
    turn: int
    turn_name: str
    responses: tuple[TeamResponse, ...]


@attrs.frozen
class InjectEvaluation:
    """An inject that tests the objective: what it looks for and each time it fired (none: it never did)."""

    title: str
    expected_actions: tuple[str, ...]
    expected_response: str
    firings: tuple[Firing, ...]


@attrs.frozen
class EvaluationNote:
    tag: cmd.NoteTag
    text: str
    turn_name: str


@attrs.frozen
class Rating:
    code: str
    text: str
    reason: str
    turn_name: str

    @property
    def words(self) -> str:
        return RATING_WORDS.get(self.code, self.code)


@attrs.frozen
class ObjectiveEvaluation:
    """One exercise objective and, for a reader who may see it, its evaluation."""

    id: str
    title: str
    description: str
    capability: str
    criteria: tuple[str, ...]
    teams: str
    """The teams it concerns, in words."""
    evaluated: bool
    """False in an edition: the objective alone, without injects, notes or rating."""
    injects: tuple[InjectEvaluation, ...] = ()
    notes: tuple[tuple[cmd.NoteTag, tuple[EvaluationNote, ...]], ...] = ()
    """The notes tied to it, grouped by tag (strength, improvement, observation, lesson), empty groups left out."""
    rating: Rating | None = None

    @property
    def tested(self) -> bool:
        """Whether any inject that tests it fired in the game."""
        return any(inject.firings for inject in self.injects)


def evaluations(session: Session, audience: Audience) -> tuple[ObjectiveEvaluation, ...]:
    """Every exercise objective of the session's scenario, evaluated for a reader who may see the evaluation."""
    scenario = session.scenario
    if not scenario.exercise_objectives or not sees_exercise_objectives(audience):
        return ()
    stories = turns(session)
    return tuple(
        _evaluation(scenario, stories, objective, sees_evaluation(audience)) for objective in scenario.exercise_objectives
    )


def _evaluation(
    scenario: m.Scenario, stories: list[TurnStory], objective: m.ExerciseObjective, evaluated: bool
) -> ObjectiveEvaluation:
    teams = role_names(scenario, objective.roles) if objective.roles else "every team"
    plain = ObjectiveEvaluation(
        objective.id, objective.title, objective.description, objective.capability, objective.criteria, teams, evaluated
    )
    if not evaluated:
        return plain
    injects = tuple(_inject(scenario, stories, objective, shock) for shock in scenario.testing(objective.id))
    notes: dict[cmd.NoteTag, list[EvaluationNote]] = {}
    rating: Rating | None = None
    for story in stories:
        for happening in story.happenings:
            event = happening.event
            if not isinstance(event, ev.NoteAdded) or event.objective != objective.id:
                continue
            about = _about(happening.command, story.turn)
            when = turn_name(scenario.turns, about)
            if event.rating is not None:
                rating = Rating(event.rating, RATING_WORDS.get(event.rating, event.rating), event.text, when)
            else:
                tag: cmd.NoteTag = next((known for known in TAG_ORDER if known == event.tag), "observation")
                notes.setdefault(tag, []).append(EvaluationNote(tag, event.text, when))
    grouped = tuple((tag, tuple(notes[tag])) for tag in TAG_ORDER if tag in notes)
    return attrs.evolve(plain, injects=injects, notes=grouped, rating=rating)


def _about(command: object, written: int) -> int:
    """The turn a note is about: the earlier turn it names, else the turn it was written in."""
    if isinstance(command, cmd.AddNote) and command.turn is not None and command.turn < written:
        return command.turn
    return written


def _inject(scenario: m.Scenario, stories: list[TurnStory], objective: m.ExerciseObjective, shock: m.Shock) -> InjectEvaluation:
    labels = {action.id: action.label for action in scenario.actions}
    fired = [story.turn for story in stories for _, event in story.of_kind(ev.ShockFired) if event.shock == shock.id]
    by_turn = {story.turn: story for story in stories}
    reached = set(shock.audience) or {role.id for role in scenario.roles}
    concerned = [role for role in scenario.roles if role.id in reached and (not objective.roles or role.id in objective.roles)]
    firings = []
    for turn in fired:
        responses = []
        for role in concerned:
            expected = [action for action in shock.expected_actions if role.id in _roles_of(scenario, action)]
            if expected:
                responses.append(_response(role, expected, [by_turn.get(turn), by_turn.get(turn + 1)], labels))
        firings.append(Firing(turn, turn_name(scenario.turns, turn), tuple(responses)))
    return InjectEvaluation(
        shock.title,
        tuple(labels.get(action, action) for action in shock.expected_actions),
        shock.expected_response,
        tuple(firings),
    )


def _roles_of(scenario: m.Scenario, action_id: str) -> tuple[str, ...]:
    return next((action.roles for action in scenario.actions if action.id == action_id), ())


def _response(role: m.Role, expected: list[str], window: list[TurnStory | None], labels: dict[str, str]) -> TeamResponse:
    """Which of the expected actions the team ordered in the resolved turns of the window."""
    resolved = [story for story in window if story is not None and story.resolved]
    ordered: set[str] = set()
    for story in resolved:
        ordered.update(next((orders or () for rid, orders in story.orders if rid == role.id), ()))
    taken = tuple(labels.get(action, action) for action in expected if action in ordered)
    missed = tuple(labels.get(action, action) for action in expected if action not in ordered)
    verdict: Verdict
    if not resolved:
        verdict = "pending"
    elif not missed:
        verdict = "met"
    else:
        verdict = "partly" if taken else "not"
    return TeamResponse(role.name, taken, missed, verdict)
