"""Injects written at the table, generated (issue 12): on every bundled scenario, whatever is written,
each variable stays within its bounds, and the journal replays to the same state digests."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from engine.core.commands import Resolve, WriteInject
from engine.core.model import SHOCK_CATEGORIES, Scenario
from engine.core.refusals import CommandRefused, RefusalCode
from engine.journal.reader import open_journal
from engine.journal.session import Session
from engine.load.catalog import bundled, resolve_scenario

SCENARIOS = {entry.name: resolve_scenario(entry.name) for entry in bundled()}


@st.composite
def written_injects(draw: st.DrawFn, scenario: Scenario) -> WriteInject:
    """An inject as a facilitator might write it: mostly within the bounds, sometimes a little past them."""
    variables = draw(st.lists(st.sampled_from(scenario.variables), unique_by=lambda var: var.id, max_size=4))
    effects = tuple(
        (var.id, draw(st.integers(-(var.max - var.min) - 2, var.max - var.min + 2).filter(lambda n: n != 0))) for var in variables
    )
    roles = [role.id for role in scenario.teams]  # never an actor: the engine refuses that (inject-to-actor)
    audience = draw(st.one_of(st.just(()), st.lists(st.sampled_from(roles), unique=True, min_size=1).map(tuple)))
    title = draw(st.text(min_size=1, max_size=30).filter(str.strip))
    return WriteInject(title, draw(st.text(max_size=40)), draw(st.sampled_from(SHOCK_CATEGORIES)), audience, effects, "why")


@given(st.data())
def test_written_injects_keep_values_within_bounds_and_replay_to_the_same_digests(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(SCENARIOS)))
    scenario = SCENARIOS[name]
    commands = data.draw(st.lists(st.one_of(written_injects(scenario), st.just(Resolve())), max_size=8))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "game.jsonl"
        session = Session.new(scenario, data.draw(st.integers(0, 2**64 - 1)), path)
        lows = [var.min for var in scenario.variables]
        highs = [var.max for var in scenario.variables]
        for command in commands:
            try:
                session.apply(command)
            except CommandRefused as refused:
                assert set(refused.codes) <= {RefusalCode.AMOUNT_OUT_OF_RANGE, RefusalCode.GAME_ENDED}
            assert all(low <= value <= high for low, value, high in zip(lows, session.state.values, highs, strict=True))
        digests = [applied.digest for applied in session.history]
        session.close()
        replayed, problems = Session.replay(open_journal(path))
        replayed.close()
    assert problems == []
    assert [applied.digest for applied in replayed.history] == digests
