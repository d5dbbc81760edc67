"""Hold, release and bring forward, generated (issue 12): on every bundled scenario, random controls
interleaved with resolutions play the game to its end, no shock fires while held or past its limit,
a firing the upcoming view shows as due next (with nothing in its way) fires as that turn opens, and
the journal replays to the same state digests."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from engine.core.commands import BringForward, Command, HoldShock, ReleaseShock, Resolve
from engine.core.refusals import CommandRefused, RefusalCode
from engine.core.upcoming import upcoming
from engine.journal.reader import open_journal
from engine.journal.session import Session
from engine.load.catalog import bundled, resolve_scenario

SCENARIOS = {entry.name: resolve_scenario(entry.name) for entry in bundled()}

CONTROL_REFUSALS = {
    RefusalCode.SHOCK_HELD,
    RefusalCode.SHOCK_NOT_HELD,
    RefusalCode.SHOCK_AT_LIMIT,
    RefusalCode.SHOCK_IN_PROGRESS,
    RefusalCode.ALREADY_DUE,
    RefusalCode.NO_TURN_AFTER,
}


def _resolve_and_check(session: Session) -> None:
    """Resolve; no held shock fired; a firing due next with nothing in its way fired."""
    game, before = session.game, session.state
    due = {
        entry.shock
        for entry in upcoming(game, before)
        if entry.kind == "scheduled"
        and entry.turn == before.turn + 1
        and not entry.fate
        and not entry.condition
        and not entry.held
    }
    session.apply(Resolve())
    after = session.state
    opened = after.turn == before.turn + 1
    for s, shock_id in enumerate(game.shock_ids):
        if s in before.held:
            assert after.fires[s] == before.fires[s], shock_id
        if opened and shock_id in due:
            assert after.fires[s] == before.fires[s] + 1, shock_id


@given(st.data())
def test_controls_play_to_the_end_within_limits_and_replay_exactly(data: st.DataObject) -> None:
    scenario = SCENARIOS[data.draw(st.sampled_from(sorted(SCENARIOS)))]
    shocks = [shock.id for shock in scenario.shocks]
    control = st.builds(
        lambda kind, shock: kind(shock, "why"), st.sampled_from([HoldShock, ReleaseShock, BringForward]), st.sampled_from(shocks)
    )
    commands: list[Command] = data.draw(st.lists(st.one_of(control, control, st.just(Resolve())), max_size=30))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "game.jsonl"
        session = Session.new(scenario, data.draw(st.integers(0, 2**64 - 1)), path)
        for command in commands:
            if session.state.ended:
                break
            if isinstance(command, Resolve):
                _resolve_and_check(session)
                continue
            try:
                session.apply(command)
            except CommandRefused as refused:
                assert set(refused.codes) <= CONTROL_REFUSALS, refused.reason
        while not session.state.ended:
            _resolve_and_check(session)
        limits = [shock.max_fires for shock in scenario.shocks]
        assert all(fired <= most for fired, most in zip(session.state.fires, limits, strict=True))
        digests = [applied.digest for applied in session.history]
        session.close()
        replayed, problems = Session.replay(open_journal(path))
        replayed.close()
    assert problems == []
    assert [applied.digest for applied in replayed.history] == digests
