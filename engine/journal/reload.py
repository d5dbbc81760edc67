"""Start a session again on changed rules: live reload of a scenario being edited.

When the author saves a scenario that loads, the game in progress is played again on the new
rules in a new journal (the old one is never touched), so the facilitator keeps their place.

Which commands are played again: the session's *effective* history, the commands in effect
(`Session.history`), oldest first. Undone commands and the undo and redo records themselves
are left out: they are how the facilitator got to the current game, not part of it, and
replaying an undo on new rules could take back a different command than the one it meant.
The new journal therefore starts with a clean history; its header's ``forkedFrom`` names the
old journal, its last line and that line's digest, so the whole story stays traceable.

A command that the new rules refuse (an action that was removed, a shock renamed, a turn that
no longer exists) is skipped and reported with the engine's reason; the rest still count. A
bot set for a role the scenario no longer has is dropped and reported too.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from engine.core.commands import Command
from engine.core.model import Scenario
from engine.core.nouns import counted
from engine.journal.fork import continue_in_new_journal
from engine.journal.format import Clock, Fork, Settings, utc_now
from engine.journal.session import Session
from engine.prose.events import command_text

_REVISION = re.compile(r"^(?P<base>.+)-r(?P<number>\d+)$")


@attrs.frozen
class Skipped:
    """A command of the old session that the new rules refused."""

    line: int
    """Its line in the old journal."""
    turn: int
    """The turn it was given in."""
    command: Command
    reason: str

    def text(self, scenario: Scenario) -> str:
        """One line for the facilitator: where the command was, what it was, why it no longer applies."""
        return f"line {self.line} (turn {self.turn}): {command_text(scenario, self.command)} — {self.reason}"


@attrs.frozen
class Reloaded:
    """The session on the new rules, and what of the old one it could not keep."""

    session: Session
    applied: int
    """How many of the old session's commands the new rules took."""
    skipped: tuple[Skipped, ...]
    dropped_bots: tuple[tuple[str, str], ...]
    """(role, bot) the old settings named for a role the new scenario does not have."""

    def summary(self, old_scenario: Scenario) -> list[str]:
        """Sentences for the facilitator: what was kept and every command or bot that was not."""
        lines = [f"{counted(self.applied, 'command')} played again on the new rules."]
        if self.skipped:
            verb = "applies and was" if len(self.skipped) == 1 else "apply and were"
            lines.append(f"{len(self.skipped)} no longer {verb} skipped:")
            lines.extend(f"  {skipped.text(old_scenario)}" for skipped in self.skipped)
        for role, bot in self.dropped_bots:
            lines.append(f"  the bot {bot!r} for {role!r} was dropped: the scenario has no such role now")
        return lines


def effective_commands(session: Session) -> tuple[Command, ...]:
    """The commands in effect, oldest first: what a reload plays again (see the module docstring)."""
    return tuple(applied.command for applied in session.history)


def next_journal_path(path: Path) -> Path:
    """A new journal name next to ``path`` that no file has: ``game.jsonl`` → ``game-r2.jsonl`` → ``game-r3.jsonl``."""
    suffix = path.suffix or ".jsonl"
    match = _REVISION.match(path.stem)
    base, number = (match["base"], int(match["number"]) + 1) if match else (path.stem, 2)
    candidate = path.with_name(f"{base}-r{number}{suffix}")
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{base}-r{number}{suffix}")
    return candidate


def fitting_settings(settings: Settings, scenario: Scenario) -> tuple[Settings, tuple[tuple[str, str], ...]]:
    """The settings without bots for roles the scenario does not have, and the bots dropped."""
    roles = {role.id for role in scenario.roles}
    kept = tuple(bot for bot in settings.bots if bot[0] in roles)
    dropped = tuple(bot for bot in settings.bots if bot[0] not in roles)
    return attrs.evolve(settings, bots=kept), dropped


def reload_session(session: Session, scenario: Scenario, path: Path | None = None, *, clock: Clock = utc_now) -> Reloaded:
    """Play the session's effective commands again on ``scenario`` in a new journal.

    The new journal is ``path``, or the next free ``-rN`` name beside the old journal. The old
    session is left open and unchanged: the caller closes it once it has switched. Raises
    `SessionError` when the new journal cannot be created, and ValueError when the session has
    no journal and no path is given.
    """
    source = session.path
    if path is not None:
        target = path
    elif source is not None:
        target = next_journal_path(source)
    else:
        raise ValueError("a session without a journal needs a path for the reloaded one")
    history = session.history
    settings, dropped = fitting_settings(session.settings, scenario)
    forked_from = Fork(str(source), len(session.records) + 1, session.digest()) if source is not None else None
    continued = continue_in_new_journal(
        scenario,
        session.seed,
        settings,
        effective_commands(session),
        target,
        forked_from=forked_from,
        clock=clock,
    )
    skipped = tuple(
        Skipped(history[refusal.index].line, history[refusal.index].before.turn, history[refusal.index].command, refusal.reason)
        for refusal in continued.refused
    )
    return Reloaded(continued.session, len(history) - len(skipped), skipped, dropped)
