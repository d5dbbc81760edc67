"""The upcoming-injects query (engine.core.upcoming) on small inline scenarios, one kind of entry each,
and against what the engine then does."""

from __future__ import annotations

from engine.core.commands import BringForward, HoldShock
from engine.core.events import Cause, ShockFired
from engine.core.step import step
from engine.core.upcoming import Upcoming, order_rule, upcoming
from tests.helpers import doc, of_type, shock, started, turn

WHY = "the room needs time"


def _by_shock(entries: tuple[Upcoming, ...]) -> dict[str, list[Upcoming]]:
    found: dict[str, list[Upcoming]] = {}
    for entry in entries:
        found.setdefault(entry.shock, []).append(entry)
    return found


def test_an_at_turn_shock_is_listed_at_its_turn_and_fires_there() -> None:
    game, state, _ = started(doc(turns={"count": 5}, shocks=[shock("x", trigger={"atTurn": 3})]))
    (entry,) = upcoming(game, state)
    assert (entry.kind, entry.turn, entry.fires, entry.limit, entry.can_bring_forward) == ("at-turn", 3, 0, 1, True)
    state, _ = turn(game, state)
    state, events = turn(game, state)
    assert of_type(events, ShockFired) and upcoming(game, state) == (
        Upcoming("x", "in-progress", 3, last=3, fires=1, limit=1, turns_left=1),
    )


def test_a_window_with_a_chance_and_a_condition_in_words_and_whether_it_holds_now() -> None:
    trigger = {"from": 2, "to": 4, "chance": 0.25, "when": {"var": "trust", "atLeast": 60}}
    game, state, _ = started(doc(turns={"count": 6}, shocks=[shock("x", trigger=trigger)]))
    (entry,) = upcoming(game, state)
    assert (entry.kind, entry.turn, entry.last, entry.chance) == ("may-fire", 2, 4, 0.25)
    assert entry.condition == "Trust at least 60" and entry.holds_now is False
    for _ in range(2):
        state, _ = turn(game, state)
    assert upcoming(game, state)[0].turn == 4  # turn 3 has opened: only turn 4 of the window is still to come
    state, _ = turn(game, state)
    assert upcoming(game, state) == ()  # the window has passed


def test_a_follow_up_pending_names_its_cause_and_its_format_2_check() -> None:
    follow = {"shock": "x", "after": 2, "if": {"var": "trust", "atMost": 40}}
    document = doc(format=2, turns={"count": 6}, shocks=[shock("spark", trigger={"atTurn": 1}, followUps=[follow]), shock("x")])
    game, state, _ = started(document)
    scheduled = [entry for entry in upcoming(game, state) if entry.kind == "scheduled"]
    assert [(entry.shock, entry.turn, entry.cause) for entry in scheduled] == [("x", 3, Cause("shock", "spark"))]
    assert scheduled[0].condition == "Trust at most 40" and scheduled[0].holds_now is False
    assert "before any shock of that turn fires" in order_rule(game)


def test_a_disabled_shock_says_what_enables_it() -> None:
    document = doc(
        turns={"count": 4},
        shocks=[
            shock("spark", followUps=[{"shock": "quiet", "enable": True}]),
            shock("quiet", enabled=False, trigger={"from": 2, "chance": 0.5}),
        ],
    )
    game, state, _ = started(document)
    (entry,) = upcoming(game, state)
    assert (entry.shock, entry.kind, entry.turn, entry.enabled_by) == ("quiet", "disabled", None, ("spark",))


def test_in_progress_and_limit_reached() -> None:
    game, state, _ = started(doc(turns={"count": 6}, shocks=[shock("x", trigger={"from": 1}, duration=3, maxFires=1)]))
    entries = _by_shock(upcoming(game, state))["x"]
    assert [(entry.kind, entry.turn, entry.last, entry.turns_left) for entry in entries] == [
        ("in-progress", 1, 3, 3),
        ("spent", 2, 6, 3),
    ]
    assert not entries[0].can_bring_forward


def test_held_shocks_are_listed_with_what_happens_to_them() -> None:
    document = doc(
        turns={"count": 6}, shocks=[shock("x", trigger={"atTurn": 3}), shock("y"), shock("z", trigger={"from": 2, "chance": 0.5})]
    )
    game, state, _ = started(document)
    for shock_id in ("x", "y", "z"):
        state, _ = step(game, state, HoldShock(shock_id, WHY))
    entries = {entry.shock: entry for entry in upcoming(game, state)}
    assert entries["x"].held and "waits while held" in entries["x"].fate
    assert entries["y"].kind == "held" and entries["y"].turn is None
    assert "not asked while held" in entries["z"].fate
    assert [entry.shock for entry in upcoming(game, state)] == ["z", "x", "y"]  # time order, the turnless last


def test_brought_forward_is_listed_at_the_next_turn_and_fires_there() -> None:
    game, state, _ = started(doc(turns={"count": 6}, shocks=[shock("x", trigger={"atTurn": 5})]))
    state, _ = step(game, state, BringForward("x", WHY))
    assert [(entry.kind, entry.turn, entry.cause) for entry in upcoming(game, state)] == [
        ("scheduled", 2, Cause("facilitator", detail=WHY)),
        ("at-turn", 5, None),
    ]
    assert not upcoming(game, state)[0].can_bring_forward  # already due as the next turn opens
    state, events = turn(game, state)
    assert of_type(events, ShockFired) and [entry.kind for entry in upcoming(game, state)] == ["in-progress", "spent"]


def test_a_scheduled_firing_due_while_in_progress_says_it_will_be_skipped() -> None:
    document = doc(
        turns={"count": 6}, shocks=[shock("x", trigger={"atTurn": 1}, duration=4, followUps=[{"shock": "x", "after": 2}])]
    )
    game, state, _ = started(document)
    scheduled = next(entry for entry in upcoming(game, state) if entry.kind == "scheduled")
    assert "skipped" in scheduled.fate
