"""The report's summaries of the whole game: the overview, the objectives, the session record and whose edition it is.

Each asks `engine.audience.visibility` what its reader may know: objectives and scores (another
team's private objectives are left out, and its score counts only what the reader sees), the
seed, the facilitator's reasons, the teams' private briefings, and the white cell's record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.audience.visibility import (
    Audience,
    ending_without_secrets,
    sees_briefing,
    sees_notes,
    sees_objective,
    sees_own,
    sees_seed,
)
from engine.core import commands as cmd
from engine.core.rules import Game
from engine.core.state import State, budgets
from engine.core.view import View
from engine.documents.report.model import (
    Edition,
    Injection,
    Note,
    ObjectiveResult,
    OutcomeSummary,
    Override,
    Overview,
    RoleObjectives,
    SessionRecord,
    Team,
    TeamBriefing,
    Timing,
)
from engine.prose.events import ending_sentence
from engine.prose.turns import turn_name
from engine.version import __version__

if TYPE_CHECKING:
    from engine.journal.session import Session


def _text(value: Any, default: str = "") -> str:
    """Header fields are untrusted JSON: only text is shown."""
    return value if isinstance(value, str) else default


def played_by(session: Session, role: str) -> str:
    """Who played a role: "players" (the white cell for an actor), or the bot by name."""
    bot = dict(session.settings.bots).get(role)
    if bot:
        return f"{bot} bot"
    return "white cell" if session.scenario.is_actor(role) else "players"


def edition(session: Session, audience: Audience) -> Edition | None:
    """Whose copy the report is, with what it holds; None for the white cell's."""
    if audience.is_white_cell:
        return None
    if audience.role is None:
        return Edition(
            "the room",
            "The room's edition",
            "The public record of the exercise: what everyone in the room could see. The white cell's notes, "
            "guidance and reasons, the teams' private briefings and objectives, and what was addressed to one "
            "team are not in it.",
        )
    name = session.scenario.role(audience.role).name
    return Edition(
        name,
        f"{name}'s edition",
        f"What {name} saw during the exercise, and the public record. The white cell's notes, guidance and "
        "reasons, and what only the other teams or the white cell could see, are not in it.",
    )


def objectives(game: Game, final: State, audience: Audience) -> tuple[RoleObjectives, ...]:
    """Each team's objectives the reader may know of, met or missed, and the points they make."""
    view = View(game, final)
    scenario = game.scenario
    checks = {"end": "at the end", "ever": "at some point", "always": f"after every {scenario.turns.word}"}
    result = []
    for r, role in enumerate(scenario.roles):
        seen = [
            (objective, flag)
            for objective, flag in zip(role.objectives, view.objectives_met_at(r), strict=True)
            if sees_objective(audience, role.id, objective)
        ]
        result.append(
            RoleObjectives(
                role.id,
                role.name,
                sum(objective.weight for objective, flag in seen if flag),
                sum(objective.weight for objective, _ in seen),
                tuple(
                    ObjectiveResult(objective.description, checks.get(objective.check, objective.check), objective.weight, flag)
                    for objective, flag in seen
                ),
                public_only=not sees_own(audience, role.id),
            )
        )
    return tuple(result)


def overview(session: Session, results: tuple[RoleObjectives, ...], turns_played: int, audience: Audience) -> Overview:
    """Who, what and when, as the reader may know them."""
    scenario = session.scenario
    header = session.header
    final = session.state
    outcome = None
    if final.ended and final.outcome is not None:
        found = scenario.outcome(final.outcome)
        reason = ending_without_secrets(audience, final.end_reason or "")
        outcome = OutcomeSummary(found.id, found.title, found.description, found.tone, ending_sentence(scenario, reason))
    teams = tuple(
        Team(
            role.role,
            role.name,
            played_by(session, role.role),
            role.score,
            role.max_score,
            sum(1 for objective in role.objectives if objective.met),
            len(role.objectives),
            role.public_only,
        )
        for role in results
    )
    fork = header.get("forkedFrom")
    forked = None
    if isinstance(fork, dict):
        forked = f"{_text(fork.get('journal'), 'another journal')}, line {fork.get('line')}"
    timer = session.settings.timer_minutes
    return Overview(
        scenario_id=scenario.id,
        title=scenario.title,
        version=scenario.version,
        author=scenario.author,
        summary=scenario.summary,
        created=_text(header.get("created"), "not recorded"),
        engine=_text(header.get("engine"), "unknown"),
        reporter=__version__,
        seed=session.seed if sees_seed(audience) else None,
        turns=scenario.turns,
        turns_played=turns_played,
        turn_count=scenario.turns.count,
        ended=final.ended,
        outcome=outcome,
        teams=teams,
        timer_minutes=timer if isinstance(timer, int) else None,
        forked_from=forked,
    )


def team_briefings(session: Session, audience: Audience) -> tuple[TeamBriefing, ...]:
    """The teams' private briefings the reader may read (those that have one)."""
    return tuple(
        TeamBriefing(role.id, role.name, role.briefing)
        for role in session.scenario.roles
        if role.briefing.strip() and sees_briefing(audience, role.id)
    )


_TIMING_WORDS = {cmd.HoldShock.kind: "held", cmd.ReleaseShock.kind: "released", cmd.BringForward.kind: "brought forward"}


def record(session: Session, notes: list[Note], audience: Audience) -> SessionRecord | None:
    """How the session was run, for the white cell (None for any other reader)."""
    if not sees_notes(audience):
        return None
    game = session.game
    scenario = session.scenario
    records = session.records
    undos = sum(1 for item in records if isinstance(item.command, cmd.Undo))
    redos = sum(1 for item in records if isinstance(item.command, cmd.Redo))
    history = session.history
    overrides = []
    injections = []
    timing = []
    ended_by = None
    for applied in history:
        command = applied.command
        turn = applied.before.turn
        name = turn_name(scenario.turns, turn)
        if isinstance(command, cmd.AdjustVariable):
            i = game.var_index[command.var]
            label = scenario.variables[i].label
            overrides.append(
                Override(
                    turn,
                    name,
                    label,
                    applied.before.values[i],
                    applied.after.values[i],
                    command.reason.strip(),
                    scenario.variables[i].states,
                )
            )
        elif isinstance(command, cmd.AdjustResource):
            r = game.role_index[command.role]
            k = game.resource_index[r][command.resource]
            label = f"{scenario.roles[r].name}'s {scenario.roles[r].resources[k].label}"
            before, after = applied.before.resources[r][k], applied.after.resources[r][k]
            overrides.append(Override(turn, name, label, before, after, command.reason.strip()))
        elif isinstance(command, cmd.AdjustPoints):
            r = game.role_index[command.role]
            label = f"{scenario.roles[r].name}'s action points for {name}"
            before, after = budgets(game, applied.before)[r], budgets(game, applied.after)[r]
            overrides.append(Override(turn, name, label, before, after, command.reason.strip()))
        elif isinstance(command, cmd.InjectShock):
            injections.append(Injection(turn, name, scenario.shock(command.shock).title, command.reason))
        elif isinstance(command, cmd.HoldShock | cmd.ReleaseShock | cmd.BringForward):
            what = _TIMING_WORDS[command.kind]
            timing.append(Timing(turn, name, scenario.shock(command.shock).title, what, command.reason.strip()))
        elif isinstance(command, cmd.WriteInject):
            injections.append(Injection(turn, name, f"{command.title.strip()} (written at the table)", command.reason))
        elif isinstance(command, cmd.EndExercise):
            ended_by = command.reason.strip()
    tags = tuple((tag, sum(1 for note in notes if note.tag == tag)) for tag in cmd.NOTE_TAGS)
    return SessionRecord(
        journaled=len(records),
        in_effect=len(history),
        undos=undos,
        redos=redos,
        taken_back=len(records) - undos - redos - len(history),
        overrides=tuple(overrides),
        injections=tuple(injections),
        ended_by_facilitator=ended_by,
        notes_by_tag=tags,
        timing=tuple(timing),
    )
