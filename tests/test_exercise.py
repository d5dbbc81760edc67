"""The library face: Exercise, its refusal codes, observations by team, and simulate's rows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import CommandRefused, Exercise, RefusalCode, ScenarioError, SessionError, open_scenario, simulate
from engine.audience.visibility import ROOM, UnknownAudience
from engine.bots.registry import make_bot
from engine.bots.simulate import simulate as statistics
from engine.core.commands import AddNote, PutForwardFreeMove, WriteInject
from engine.core.events import NoteAdded
from engine.core.rules import compile_scenario
from tests.helpers import action, doc, load, shock, variable
from tests.test_actors import with_actor

SECRET = "PLANTED-SECRET"


def test_a_scenario_opens_by_name_by_path_loaded_or_by_default(tmp_path: Path) -> None:
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(doc()), encoding="utf-8")
    assert Exercise.open().scenario.id == "seoul-tokyo-2026"
    assert Exercise.open("missile-crisis").scenario.id == "missile-crisis"
    assert Exercise.open(path).scenario.id == Exercise.open(str(path)).scenario.id == "tiny"
    assert Exercise.open(load(doc())).scenario.id == "tiny"
    with pytest.raises(ScenarioError, match="no bundled scenario of that name"):
        open_scenario("no-such-scenario")
    with pytest.raises(ScenarioError):
        open_scenario(tmp_path / "missing")


def test_bots_enter_their_orders_as_each_turn_opens() -> None:
    ex = Exercise.open("seoul-tokyo-2026", seed=3, bots={"tokyo": "greedy"})
    assert ex.view.orders("tokyo") is not None and ex.view.orders("seoul") is None
    ex.resolve()
    assert ex.turn == 2 and ex.view.orders("tokyo") is not None


def test_a_journaled_exercise_resumes_to_the_same_game(tmp_path: Path) -> None:
    path = tmp_path / "game.jsonl"
    with Exercise.open("seoul-tokyo-2026", seed=9, journal=path) as ex:
        ex.submit("seoul", ["shuttle-summit"])
        ex.resolve()
        ex.note("a quiet month")
        digest = ex.digest
    again = Exercise.resume(path)
    assert again.digest == digest and again.journal == path and again.turn == 2
    again.close()
    with pytest.raises(SessionError, match="exists"):
        Exercise.open("seoul-tokyo-2026", journal=path)


def _refusal(ex: Exercise, *commands: tuple[str, tuple[Any, ...]]) -> set[RefusalCode]:
    codes: set[RefusalCode] = set()
    for name, arguments in commands:
        with pytest.raises(CommandRefused) as refused:
            getattr(ex, name)(*arguments)
        assert refused.value.reason and all(reason.text for reason in refused.value.reasons)
        codes.update(refused.value.codes)
    return codes


def test_every_refusal_code_is_reachable_and_worded() -> None:
    document = doc(
        turns={"count": 2},
        roles=[
            {"id": "seoul", "name": "Seoul", "budget": 2, "resources": [{"id": "cash", "label": "Cash", "initial": 1, "max": 5}]},
            {"id": "tokyo", "name": "Tokyo", "budget": 2},
        ],
        actions=[
            action("open"),
            action("twice", limit=1),
            action("rest", cooldown=1),
            action("gated", requires={"var": "trust", "above": 60}),
            action("locked", unlockedBy=["storm"]),
            action("dear", cost=3),
            action("costly", spend={"cash": 2}),
            action("half", spend={"cash": 1}),
            action("half-too", spend={"cash": 1}),
            action("left", excludes=["right"]),
            action("right"),
            action("theirs", roles=["tokyo"]),
        ],
        shocks=[shock("storm", title="Storm"), shock("calm", title="Calm")],
        exerciseObjectives=[{"id": "drill", "title": "Drill", "description": "d"}],
    )
    ex = Exercise.open(load(document), seed=1)
    codes = _refusal(
        ex,
        ("submit", ("kyoto", [])),
        ("submit", ("seoul", ["opne", "theirs", "open", "open"])),
        ("submit", ("seoul", ["locked", "gated", "dear", "costly"])),
        ("submit", ("seoul", ["half", "half-too"])),
        ("submit", ("seoul", ["open", "left", "right"])),
        ("inject", ("strom",)),
        ("adjust", ("trusst", 1, "why")),
        ("adjust", ("trust", 1, " ")),
        ("adjust", ("trust", 101, "why")),
        ("note", (" ",)),
        ("note", ("text", "gossip")),
        ("end", ("",)),
        ("redo", ()),
        ("undo", ()),
        ("return_orders", ("seoul", "why")),
        ("apply", (WriteInject(" ", "x" * 2_001, "weather", ("tokyo", "tokyo"), (("trust", 0),) * 9, "why"),)),
        ("release", ("calm", "why")),
        ("apply", (AddNote("observation", "x", objective="dril"),)),
        ("apply", (AddNote("observation", "x", rating="P"),)),
        ("apply", (AddNote("observation", "x", 2),)),
        ("apply", (AddNote("observation", "x", objective="drill", rating="Z"),)),  # type: ignore[arg-type]
    )
    ex.inject("storm")
    codes |= _refusal(ex, ("inject", ("storm",)), ("bring_forward", ("storm", "why")))
    ex.hold("calm", "a quiet month")
    codes |= _refusal(ex, ("hold", ("calm", "why")))
    ex.release("calm", "time for it")
    ex.bring_forward("calm", "time for it")
    codes |= _refusal(ex, ("bring_forward", ("calm", "why")))
    ex.submit("seoul", ["open"])
    codes |= _refusal(ex, ("return_orders", ("seoul", " ")))
    ex.return_orders("seoul", "the budget is short")
    ex.submit("seoul", ["twice", "rest"])
    ex.resolve()
    codes |= _refusal(ex, ("submit", ("seoul", ["twice"])), ("submit", ("seoul", ["rest"])), ("bring_forward", ("calm", "why")))
    codes |= _refusal(
        ex,
        ("settle_free_move", ("seoul", {"trust": 1})),
        ("apply", (PutForwardFreeMove("seoul", ""),)),
        ("free_move", ("seoul", " ", "why", 50)),
        ("free_move", ("seoul", "act", "why", 101)),
    )
    ex.free_move("seoul", "act", "why", 100)
    codes |= _refusal(ex, ("free_move", ("seoul", "act", "why", 0)), ("settle_free_move", ("seoul", {"trust": 9})))
    ex.settle_free_move("seoul", {})
    codes |= _refusal(ex, ("free_move", ("seoul", "act", "why", 0)))
    codes |= _refusal(Exercise.open(load(doc(freeMoves={"allowed": False}))), ("free_move", ("seoul", "act", "why", 0)))
    ex.end("enough")
    codes |= _refusal(ex, ("resolve", ()))
    actor = Exercise.open(load(with_actor()), seed=1)  # Beijing, played by the white cell
    leak = WriteInject("Leak", "A leak.", "domestic", ("beijing",), (("trust", -2),), "why")
    codes |= _refusal(actor, ("free_move", ("beijing", "act", "why", 50)), ("apply", (leak,)))
    codes.add(RefusalCode.RECORDED_GAME)  # the replay screen's own refusal: tests/test_steps.py
    assert codes == set(RefusalCode)
    assert [option.refusal.code for option in ex.legal_actions("tokyo") if option.refusal] == [RefusalCode.GAME_ENDED]


def test_simulate_yields_the_games_the_statistics_count() -> None:
    rows = list(simulate("history-flare-up", games=30, seed=4, bots={"tokyo": "passive"}))
    game = compile_scenario(open_scenario("history-flare-up"))
    report = statistics(game, 30, 4, {"seoul": make_bot("random"), "tokyo": make_bot("passive")})
    assert [row.index for row in rows] == list(range(30))
    assert {outcome: sum(row.outcome == outcome for row in rows) for outcome in report.outcomes} == report.outcomes
    assert sum(row.scores["seoul"] for row in rows) / 30 == pytest.approx(report.scores["seoul"].mean, abs=1e-3)
    assert json.loads(json.dumps(rows[0].to_json()))["seed"] == rows[0].seed
    with pytest.raises(ValueError, match="not a role"):
        list(simulate("history-flare-up", games=1, bots={"kyoto": "random"}))


def _secretive_document() -> dict[str, Any]:
    """A scenario with something in every hidden place, each holding the SECRET marker."""
    return doc(
        turns={"count": 3},
        variables=[
            variable("trust"),
            variable("white", label=f"White {SECRET}", visibility="facilitator"),
            variable("seoul-only", label=f"Seoul {SECRET}", visibility="seoul"),
            variable("tokyo-only", label="Tokyo's own", visibility="tokyo"),
        ],
        actions=[
            action("move", effects=[{"add": {"trust": 1, "white": 1, "seoul-only": 1}}]),
            action("wait", roles=["tokyo"]),
        ],
        shocks=[
            shock(
                "to-seoul",
                title=f"Seoul brief {SECRET}",
                narrative=f"for Seoul only {SECRET}",
                audience=["seoul"],
                trigger={"atTurn": 1},
                facilitatorNotes=f"notes {SECRET}",
            ),
            shock(
                "to-all",
                title="Public news",
                trigger={"atTurn": 2},
                expectedResponse=f"response {SECRET}",
                facilitatorNotes=f"notes {SECRET}",
                effects=[{"add": {"white": 2}}],
            ),
        ],
    )


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(["resolve", "note", "adjust", "inject", "orders"]), max_size=8), st.integers(0, 2**64 - 1))
def test_a_team_observes_nothing_hidden_from_it(steps: list[str], seed: int) -> None:
    ex = Exercise.open(load(_secretive_document()), seed=seed)
    for name in steps:
        if ex.ended:
            break
        if name == "resolve":
            ex.resolve()
        elif name == "note":
            ex.note(f"a note {SECRET}")
        elif name == "adjust":
            ex.adjust("white", 40, f"reason {SECRET}")
        elif name == "inject" and not ex.view.in_progress("to-all"):
            ex.inject("to-all", f"because {SECRET}")
        elif name == "orders":
            ex.submit("seoul", ["move"])
        seen = ex.observe("tokyo")
        text = json.dumps(seen.to_json())
        assert SECRET not in text
        assert "seed" not in seen.to_json()
        assert {variable.id for variable in seen.variables} == {"trust", "tokyo-only"}
        assert ex.view.orders("seoul") is None or seen.last_orders["seoul"] == ex.view.last_orders("seoul")
        assert "Seoul's orders: Action move" not in text  # not before they are resolved
    assert "seoul-only" in {variable.id for variable in ex.observe("seoul").variables}


def test_the_report_is_written_for_an_audience() -> None:
    ex = Exercise.open(load(_secretive_document()), seed=1)
    ex.note(f"a note {SECRET}")
    ex.resolve()
    ex.resolve()
    assert SECRET in ex.report() and ex.report() == ex.report(audience="white-cell")
    for audience in ("room", "tokyo", ROOM):
        for kind in ("markdown", "html"):
            assert SECRET not in ex.report(kind, audience=audience)
    assert "Tokyo's edition" in ex.report(audience="tokyo")
    with pytest.raises(UnknownAudience, match="seoul, tokyo"):
        ex.report(audience="kyoto")


def test_a_note_can_name_an_earlier_turn_an_exercise_objective_and_a_rating() -> None:
    document = doc(exerciseObjectives=[{"id": "consult", "title": "Consult", "description": "Allies consult."}])
    document["turns"]["count"] = 4
    with Exercise.open(load(document), seed=1) as ex:
        ex.resolve()
        ex.resolve()
        (about_then,) = ex.note("the call came late", "lesson", turn=1, objective="consult")
        (rated,) = ex.note("consulted well in the end", "observation", objective="consult", rating="S")
        assert isinstance(about_then, NoteAdded) and isinstance(rated, NoteAdded)
        assert (about_then.objective, about_then.rating) == ("consult", None)
        assert (rated.objective, rated.rating) == ("consult", "S")
        with pytest.raises(CommandRefused) as refused:
            ex.note("about the future", turn=4)
        assert [reason.code for reason in refused.value.reasons] == ["note-turn-not-reached"]
