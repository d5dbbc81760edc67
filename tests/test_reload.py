"""Live reload, engine side: a session played again on changed rules in a new journal."""

from __future__ import annotations

import contextlib
import copy
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.core.commands import AddNote, InjectShock, Redo, Resolve, SessionCommand, SubmitOrders, Undo
from engine.core.refusals import CommandRefused
from engine.core.state import state_digest
from engine.journal.autoplay import bot_orders
from engine.journal.format import Settings
from engine.journal.reader import read_journal
from engine.journal.reload import effective_commands, next_journal_path, reload_session
from engine.journal.session import Session, SessionError
from tests.helpers import load
from tests.journals import CREATED, DOCUMENT, scenario
from tests.strategies import scenario_documents


def clock() -> str:
    return CREATED


def played(path: Path | None, commands: tuple[SessionCommand, ...], *, settings: Settings | None = None) -> Session:
    session = Session.new(scenario(), 5, path, settings=settings, clock=clock)
    for command in commands:
        session.apply(command)
    return session


def changed(**edits: Any) -> dict[str, Any]:
    """The journals' scenario with some top-level parts replaced."""
    document = copy.deepcopy(DOCUMENT)
    document.update(edits)
    return document


def stronger_summit() -> dict[str, Any]:
    document = copy.deepcopy(DOCUMENT)
    document["actions"][0]["effects"] = [{"add": {"trust": 9}}]
    return document


HISTORY: tuple[SessionCommand, ...] = (
    AddNote("observation", "seated"),  # line 2
    SubmitOrders("seoul", ("summit", "talk")),  # 3
    SubmitOrders("tokyo", ("summit", "wait")),  # 4
    Undo(),  # 5: takes back line 4
    SubmitOrders("tokyo", ("summit",)),  # 6
    Resolve(),  # 7
    InjectShock("leak", "drill"),  # 8
    Undo(),  # 9: takes back line 8
    Redo(),  # 10: and applies it again
    SubmitOrders("seoul", ("talk",)),  # 11
    Undo(),  # 12: takes back line 11, left undone
)
EFFECTIVE = (
    AddNote("observation", "seated"),
    SubmitOrders("seoul", ("summit", "talk")),
    SubmitOrders("tokyo", ("summit",)),
    Resolve(),
    InjectShock("leak", "drill"),
)


def test_the_effective_commands_leave_out_undone_ones_and_undo_redo_records() -> None:
    assert effective_commands(played(None, HISTORY)) == EFFECTIVE


def test_reloading_plays_the_effective_commands_on_the_new_rules(tmp_path: Path) -> None:
    old = played(tmp_path / "game.jsonl", HISTORY)
    new_rules = load(stronger_summit())
    reloaded = reload_session(old, new_rules, clock=clock)
    fresh = Session.new(new_rules, 5, settings=old.settings, clock=clock)
    for command in EFFECTIVE:
        fresh.apply(command)
    assert reloaded.skipped == ()
    assert reloaded.applied == len(EFFECTIVE)
    assert reloaded.session.path == tmp_path / "game-r2.jsonl"
    assert [applied.command for applied in reloaded.session.history] == list(EFFECTIVE)
    assert reloaded.session.digest() == fresh.digest() == state_digest(fresh.game, fresh.state)
    assert reloaded.session.state == fresh.state
    assert reloaded.session.digest() != old.digest(), "the summit now adds 9 trust, not 6"
    old.close()
    reloaded.session.close()


def test_the_new_journal_says_where_it_came_from_and_the_old_one_is_untouched(tmp_path: Path) -> None:
    old = played(tmp_path / "game.jsonl", HISTORY)
    before = (tmp_path / "game.jsonl").read_bytes()
    reloaded = reload_session(old, load(stronger_summit()), clock=clock)
    reloaded.session.close()
    old.close()
    assert (tmp_path / "game.jsonl").read_bytes() == before
    contents = read_journal(tmp_path / "game-r2.jsonl")
    assert contents.header["forkedFrom"] == {"journal": str(tmp_path / "game.jsonl"), "line": 12, "digest": old.digest()}
    assert contents.header["seed"] == 5
    assert contents.header["scenario"] == stronger_summit()
    assert [line.data["command"]["command"] for line in contents.lines] == ["note", "orders", "orders", "resolve", "inject"]
    resumed, _ = Session.resume(tmp_path / "game-r2.jsonl")
    assert resumed.digest() == reloaded.session.digest()
    resumed.close()


def test_commands_the_new_rules_refuse_are_skipped_and_reported(tmp_path: Path) -> None:
    old = played(tmp_path / "game.jsonl", HISTORY)
    document = copy.deepcopy(DOCUMENT)
    document["actions"] = [action for action in document["actions"] if action["id"] != "talk"]
    document["shocks"][1]["id"] = "press-leak"
    reloaded = reload_session(old, load(document), clock=clock)
    assert [(s.line, s.turn, s.command) for s in reloaded.skipped] == [
        (3, 1, SubmitOrders("seoul", ("summit", "talk"))),
        (8, 2, InjectShock("leak", "drill")),
    ]
    assert all(s.reason for s in reloaded.skipped)
    assert "talk" in reloaded.skipped[0].reason
    assert "leak" in reloaded.skipped[1].reason
    assert reloaded.applied == 3
    assert [applied.command for applied in reloaded.session.history] == [EFFECTIVE[0], EFFECTIVE[2], EFFECTIVE[3]]
    summary = reloaded.summary(old.scenario)
    assert summary[0] == "3 commands played again on the new rules."
    assert summary[1] == "2 no longer apply and were skipped:"
    assert summary[2].startswith("  line 3 (turn 1): Seoul's orders: Summit, Talk — ")
    assert summary[3].startswith("  line 8 (turn 2): inject Press leak (drill) — ")
    old.close()
    reloaded.session.close()


def test_a_bot_for_a_role_that_is_gone_is_dropped_and_reported(tmp_path: Path) -> None:
    old = played(tmp_path / "game.jsonl", (SubmitOrders("tokyo", ("wait",)),), settings=Settings(bots=(("tokyo", "passive"),)))
    document = copy.deepcopy(DOCUMENT)
    document["roles"] = document["roles"][:1]
    document["actions"] = [{**action, "roles": ["seoul"], "joint": False} for action in document["actions"][1:2]]
    document["actions"][0].pop("joint")
    reloaded = reload_session(old, load(document), clock=clock)
    assert reloaded.dropped_bots == (("tokyo", "passive"),)
    assert reloaded.session.settings.bots == ()
    assert len(reloaded.skipped) == 1 and reloaded.skipped[0].command == SubmitOrders("tokyo", ("wait",))
    assert any("the bot 'passive' for 'tokyo' was dropped" in line for line in reloaded.summary(old.scenario))
    old.close()
    reloaded.session.close()


def test_reloading_twice_numbers_the_journals_and_never_overwrites(tmp_path: Path) -> None:
    old = played(tmp_path / "game.jsonl", EFFECTIVE[:2])
    (tmp_path / "game-r2.jsonl").write_text("someone else's\n", encoding="utf-8")
    first = reload_session(old, load(stronger_summit()), clock=clock)
    assert first.session.path == tmp_path / "game-r3.jsonl"
    second = reload_session(first.session, scenario(), clock=clock)
    assert second.session.path == tmp_path / "game-r4.jsonl"
    assert (tmp_path / "game-r2.jsonl").read_text(encoding="utf-8") == "someone else's\n"
    with pytest.raises(SessionError, match="exists"):
        reload_session(old, scenario(), tmp_path / "game-r3.jsonl", clock=clock)
    for session in (old, first.session, second.session):
        session.close()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("game.jsonl", "game-r2.jsonl"),
        ("game-r2.jsonl", "game-r3.jsonl"),
        ("game-r19.jsonl", "game-r20.jsonl"),
        ("x-r", "x-r-r2.jsonl"),
    ],
)
def test_next_journal_path_names_the_revision(tmp_path: Path, name: str, expected: str) -> None:
    assert next_journal_path(tmp_path / name) == tmp_path / expected


def test_a_session_without_a_journal_needs_a_path() -> None:
    with pytest.raises(ValueError, match="needs a path"):
        reload_session(played(None, ()), scenario())


ANY_COMMAND = st.one_of(
    st.builds(
        SubmitOrders, st.sampled_from(["seoul", "tokyo"]), st.lists(st.sampled_from(["summit", "talk", "wait"]), max_size=2)
    ),
    st.just(Resolve()),
    st.just(Undo()),
    st.just(Redo()),
    st.builds(InjectShock, st.sampled_from(["leak", "storm"]), st.just("drill")),
    st.builds(AddNote, st.just("observation"), st.text(max_size=8)),
)


@given(st.lists(ANY_COMMAND, max_size=14))
def test_reloading_on_the_same_rules_gives_the_same_game(commands: list[SessionCommand]) -> None:
    """Whatever was played, undone or refused, the effective history replays to the very same state."""
    old = Session.new(scenario(), 5, clock=clock)
    for command in commands:
        with contextlib.suppress(CommandRefused):
            old.apply(command)
    with tempfile.TemporaryDirectory() as folder:
        reloaded = reload_session(old, scenario(), Path(folder) / "again.jsonl", clock=clock)
        reloaded.session.close()
    assert reloaded.skipped == ()
    assert reloaded.applied == len(old.history)
    assert reloaded.session.state == old.state
    assert reloaded.session.digest() == old.digest()
    assert reloaded.session.events() == old.events()


@given(scenario_documents(), st.integers(0, 2**32), st.lists(st.sampled_from(["bots", "resolve", "undo", "redo"]), max_size=12))
def test_a_generated_game_reloaded_on_its_own_rules_is_the_same_game_and_its_journal_resumes(
    document: dict[str, Any], seed: int, moves: list[str]
) -> None:
    rules = load(document)
    old = Session.new(rules, seed, settings=Settings(bots=tuple((role.id, "random") for role in rules.roles)), clock=clock)
    for move in moves:
        fixed: dict[str, list[SessionCommand]] = {"resolve": [Resolve()], "undo": [Undo()], "redo": [Redo()]}
        commands = list(bot_orders(old)) if move == "bots" else fixed[move]
        for command in commands:
            with contextlib.suppress(CommandRefused):
                old.apply(command)
    with tempfile.TemporaryDirectory() as folder:
        reloaded = reload_session(old, rules, Path(folder) / "again.jsonl", clock=clock)
        reloaded.session.close()
        resumed, _ = Session.resume(Path(folder) / "again.jsonl")
        resumed.close()
    assert reloaded.skipped == () and reloaded.dropped_bots == ()
    assert reloaded.session.state == old.state
    assert resumed.digest() == reloaded.session.digest() == old.digest()
