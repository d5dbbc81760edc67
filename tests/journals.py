"""Real journals for the replay, verification and crash tests: every command kind, undo and redo.

The scenario is small (fast to load) but exercises what a journal records: a shock with a
narrative, a chance roll, a joint action, a rule, a resource, an objective and an ending.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from engine.core.commands import (
    AddNote,
    AdjustVariable,
    EndExercise,
    InjectShock,
    Redo,
    Resolve,
    SessionCommand,
    SubmitOrders,
    Undo,
)
from engine.core.model import Scenario
from engine.journal.autoplay import bot_orders
from engine.journal.format import Settings
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from tests.helpers import doc, load

CREATED = "2026-03-01T09:00:00Z"

DOCUMENT: dict[str, Any] = doc(
    title="Harbour Talks",
    version="2.1",
    turns={"count": 4, "label": "Week", "names": ["Opening week", "Week 2", "Week 3", "Final week"]},
    roles=[
        {
            "id": "seoul",
            "name": "Seoul",
            "budget": 2,
            "resources": [{"id": "capital", "label": "Capital", "initial": 3, "max": 5, "perTurn": 1}],
            "objectives": [{"id": "trust", "description": "Trust at 55 or more", "condition": {"var": "trust", "atLeast": 55}}],
        },
        {"id": "tokyo", "name": "Tokyo", "budget": 2},
    ],
    actions=[
        {
            "id": "summit",
            "label": "Summit",
            "roles": ["seoul", "tokyo"],
            "joint": True,
            "effects": [{"add": {"trust": 6}}],
            "unmatched": [{"add": {"trust": -1}}],
        },
        {
            "id": "talk",
            "label": "Talk",
            "roles": ["seoul"],
            "spend": {"capital": 1},
            "effects": [{"chance": 0.5, "then": [{"add": {"trust": 4}}], "else": [{"add": {"trust": -2}}]}],
        },
        {"id": "wait", "label": "Wait", "roles": ["tokyo"], "cost": 0, "effects": [{"add": {"trust": -1}}]},
    ],
    shocks=[
        {
            "id": "storm",
            "title": "Storm at the harbour",
            "category": "disaster",
            "narrative": "A storm closes the harbour.\n\nShips wait offshore for days.",
            "trigger": {"atTurn": 2},
            "effects": [{"add": {"trust": -3}}],
        },
        {
            "id": "leak",
            "title": "Press leak",
            "category": "domestic",
            "narrative": "A draft communiqué leaks to the press.",
            "effects": [{"add": {"trust": -2}}],
        },
    ],
    rules=[{"id": "drift", "description": "Trust drifts back.", "effects": [{"add": {"trust": 1}}]}],
    outcomes=[
        {"id": "good", "title": "Good", "description": "Trust held.", "when": {"var": "trust", "atLeast": 50}},
        {"id": "bad", "title": "Bad"},
    ],
)

NOTE = "Teams seated — 팀 준비 ✓"
"""A note with text outside ASCII, so cuts can fall inside a multi-byte character."""

COMMANDS: tuple[SessionCommand, ...] = (
    AddNote("observation", NOTE),  # line 2
    SubmitOrders("seoul", ("summit", "talk")),  # 3
    SubmitOrders("tokyo", ("summit", "wait")),  # 4
    Undo(),  # 5: takes back line 4
    Redo(),  # 6
    Resolve(),  # 7: week 1 resolved, week 2 opens (the storm)
    SubmitOrders("seoul", ("talk",)),  # 8
    Resolve(),  # 9
    Undo(),  # 10: takes back line 9
    AdjustVariable("trust", 40, "the room felt it"),  # 11
    InjectShock("leak", "drill"),  # 12
    Resolve(),  # 13
    AddNote("lesson", "Consult early."),  # 14
    EndExercise("time is up"),  # 15
    AddNote("strength", "Good hotwash."),  # 16
)


def scenario() -> Scenario:
    return load(DOCUMENT)


def clock() -> str:
    return CREATED


def played(count: int) -> Session:
    """A fresh in-memory game given the first ``count`` of `COMMANDS`: what step ``count`` of the journal must show."""
    session = Session.new(scenario(), 5, settings=Settings(bots=(("tokyo", "greedy"),)), clock=clock)
    for command in COMMANDS[:count]:
        session.apply(command)
    return session


def greedy_game(path: Path, turns: int, clock: Callable[[], str] = clock) -> Path:
    """A journal of the default scenario (seed 2026), both teams played by the greedy bot for ``turns`` turns or to the end."""
    settings = Settings(bots=(("seoul", "greedy"), ("tokyo", "greedy")))
    session = Session.new(resolve_scenario("seoul-tokyo-2026"), 2026, path, settings=settings, clock=clock)
    for _ in range(turns):
        if session.state.ended:
            break
        for command in bot_orders(session):
            session.apply(command)
        session.apply(Resolve())
    session.close()
    return path


def lines_of(path: Path) -> list[dict[str, Any]]:
    """Every line of a journal on disk, parsed."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def write_journal(path: Path, commands: tuple[SessionCommand, ...] = COMMANDS, seed: int = 5) -> Session:
    """Play ``commands`` in a new journaled session at ``path`` (Tokyo marked as a bot) and close it."""
    session = Session.new(scenario(), seed, path, clock=clock, settings=Settings(bots=(("tokyo", "greedy"),)))
    for command in commands:
        session.apply(command)
    session.close()
    return session
