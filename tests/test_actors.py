"""White-cell actors (issue 13): roles the white cell (or a bot) plays, checked by validate, played by
the engine like any role, refused what only a team may do, and told to the teams of their audience."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from engine import CommandRefused, Exercise, RefusalCode
from engine.audience.visibility import ROOM, WHITE_CELL, Audience, condition_shown, event_shown, hears_moves
from engine.batch.known import unknown_form
from engine.core.commands import ProposeFreeMove, WriteInject
from engine.core.events import ActionResolved, Changed, OrdersSubmitted, ResourceChanged
from engine.core.step import step
from engine.documents.report import build_report
from engine.load.diagnostics import ScenarioError
from tests.helpers import doc, load, of_type, shock, started, text_of, turn
from tests.test_cli import run_here


def with_actor(audience: list[str] | None = None, **parts: Any) -> dict[str, Any]:
    """Seoul and Tokyo as teams and Beijing as an actor told to ``audience`` (None: every team)."""
    beijing: dict[str, Any] = {
        "id": "beijing",
        "name": "Beijing",
        "budget": 1,
        "playedBy": "white-cell",
        "resources": [{"id": "leverage", "label": "Leverage", "initial": 2, "max": 5}],
    }
    if audience is not None:
        beijing["audience"] = audience
    return doc(
        format=2,
        roles=[{"id": "seoul", "name": "Seoul", "budget": 1}, {"id": "tokyo", "name": "Tokyo", "budget": 1}, beijing],
        actions=[
            {
                "id": "drill",
                "label": "Hold a drill",
                "roles": ["beijing"],
                "spend": {"leverage": 1},
                "effects": [{"add": {"trust": -5}}],
            },
            {"id": "talk", "label": "Talk", "roles": ["seoul", "tokyo"], "effects": [{"add": {"trust": 3}}]},
        ],
        outcomes=[
            {"id": "pressed", "title": "Pressed", "when": {"chose": {"role": "beijing", "action": "drill"}}},
            {"id": "calm", "title": "Calm"},
        ],
        **parts,
    )


def refusal(document: dict[str, Any]) -> str:
    with pytest.raises(ScenarioError) as raised:
        load(document)
    return "\n".join(item.format() for item in raised.value.diagnostics)


def test_an_actor_plays_like_any_role_spending_its_stock_and_outcomes_test_what_it_chose() -> None:
    scenario = load(with_actor())
    assert [role.id for role in scenario.teams] == ["seoul", "tokyo"]
    assert [role.id for role in scenario.actors] == ["beijing"]
    game, state, _ = started(with_actor(turns={"count": 1}))
    state, events = turn(game, state, {"beijing": ["drill"], "seoul": ["talk"]})
    assert state.values[game.var_index["trust"]] == 48
    assert [(event.before, event.after) for event in of_type(events, ResourceChanged) if event.role == "beijing"] == [(2, 1)]
    assert state.outcome == "pressed"


def test_a_format_1_file_is_unchanged_and_a_format_1_file_with_an_actor_is_told_to_declare_format_2() -> None:
    assert all(not role.is_actor and role.audience == () for role in load(doc()).roles)
    document = with_actor(["seoul"])
    document["format"] = 1
    said = refusal(document)
    assert 'playedBy needs format 2: add "format": 2' in said
    assert "audience needs format 2" in said


def test_an_unknown_audience_team_gets_a_did_you_mean_at_its_place() -> None:
    said = refusal(with_actor(["seol"]))
    assert "unknown team 'seol' (did you mean 'seoul'?)" in said
    assert "test.json:" in said and "/roles/2/audience/0" in said


OBJECTIVE = {"id": "o", "description": "O", "condition": {"turn": {"atLeast": 1}}}
TOLD_TO_BEIJING = shock("s", audience=["beijing"], trigger={"atTurn": 1})


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda d: d["roles"][2].update(objectives=[OBJECTIVE]), "an actor has no objectives"),
        (lambda d: d["roles"][2].update(briefing="Secret."), "an actor has no private briefing"),
        (lambda d: d["roles"][0].update(audience=["tokyo"]), "only an actor"),
        (lambda d: d["roles"][2].update(audience=["beijing"]), "'beijing' is an actor: an audience names teams"),
        (lambda d: d["shocks"].append(TOLD_TO_BEIJING), "an inject is addressed to teams"),
        (lambda d: [role.update(playedBy="white-cell") for role in d["roles"]], "at least one role must be played by a team"),
    ],
)  # fmt: skip
def test_what_only_a_team_may_have_is_refused_for_an_actor(change: Any, says: str) -> None:
    document = with_actor()
    change(document)
    assert says in refusal(document)


def test_an_actor_may_not_argue_a_free_form_move() -> None:
    game, state, _ = started(with_actor())
    with pytest.raises(CommandRefused) as refused:
        step(game, state, ProposeFreeMove("beijing", "Send a carrier", "It signals resolve", 100))
    assert refused.value.code == RefusalCode.ACTOR_FREE_MOVE
    assert "played by the white cell" in refused.value.reason


def test_an_inject_written_at_the_table_may_not_be_addressed_to_an_actor() -> None:
    game, state, _ = started(with_actor())
    inject = WriteInject("Leak", "A leak.", "domestic", ("seoul", "beijing"), (("trust", -2),), "For the record")
    with pytest.raises(CommandRefused) as refused:
        step(game, state, inject)
    assert refused.value.codes == (RefusalCode.INJECT_TO_ACTOR,)
    assert "'beijing' is an actor" in refused.value.reason


@pytest.mark.parametrize(
    ("audience", "seoul", "tokyo", "room"),
    [
        (None, "shown", "shown", "shown"),
        (["seoul"], "shown", "hidden", "hidden"),
        (["seoul", "tokyo"], "shown", "shown", "shown"),
    ],
)
def test_an_actors_moves_reach_the_teams_of_its_audience_only(
    audience: list[str] | None, seoul: str, tokyo: str, room: str
) -> None:
    document = with_actor(audience)
    scenario = load(document)
    game, state, _ = started(document)
    state, events = turn(game, state, {"beijing": ["drill"], "seoul": ["talk"]})
    moved = next(event for event in of_type(events, ActionResolved) if event.roles == ("beijing",))
    talked = next(event for event in of_type(events, ActionResolved) if event.roles == ("seoul",))
    readers = {"seoul": Audience.team("seoul"), "tokyo": Audience.team("tokyo"), "room": ROOM}
    expected = {"seoul": seoul, "tokyo": tokyo, "room": room}
    for name, reader in readers.items():
        assert event_shown(scenario, reader, moved, resolved=True) == expected[name]
        assert event_shown(scenario, reader, talked, resolved=True) == "shown"
        assert hears_moves(scenario, reader, "beijing") == (expected[name] == "shown")
        change = next(event for event in of_type(events, Changed) if event.cause.role == "beijing")
        assert event_shown(scenario, reader, change, resolved=True) == ("shown" if expected[name] == "shown" else "redacted")
        told = condition_shown(scenario, reader, scenario.outcomes[0].when) if scenario.outcomes[0].when else True
        assert told == (expected[name] == "shown")
    assert event_shown(scenario, WHITE_CELL, moved, resolved=True) == "shown"


def test_an_actors_entry_and_stock_are_the_white_cells_alone() -> None:
    document = with_actor()
    scenario = load(document)
    game, state, _ = started(document)
    state, events = turn(game, state, {"beijing": ["drill"]})
    entered = next(event for event in of_type(events, OrdersSubmitted) if event.role == "beijing")
    spent = next(event for event in of_type(events, ResourceChanged) if event.role == "beijing")
    for reader in (Audience.team("seoul"), ROOM):
        assert event_shown(scenario, reader, entered, resolved=True) == "hidden"
        assert event_shown(scenario, reader, spent, resolved=True) == "hidden"


def test_the_batched_engine_plays_a_scenario_with_an_actor() -> None:
    """Who plays a role and who hears of it change nothing in bot games (tests/test_batch_actors.py plays them)."""
    assert unknown_form(load(doc())) is None
    assert unknown_form(load(with_actor())) is None
    assert unknown_form(load(with_actor(["seoul"]))) is None


def test_simulate_hands_an_actor_to_a_random_bot_by_default_and_to_the_named_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "actor.json"
    path.write_text(text_of(with_actor()), encoding="utf-8")
    played = run_here(capsys, "simulate", str(path), "--games", "20")
    assert played.returncode == 0, played.stderr
    assert "beijing: random" in played.stdout and "Engine: batch" in played.stdout
    assert "Beijing: score" not in played.stdout  # an actor has no score
    passive = run_here(capsys, "simulate", str(path), "--games", "20", "--policy", "beijing=passive")
    assert "beijing: passive" in passive.stdout
    assert re.search(r"Calm\s+20\s+100\.0%", passive.stdout)
    assert re.search(r"Pressed\s+0\s", passive.stdout)


def test_the_report_lists_the_actors_moves_turn_by_turn_for_those_who_heard_them() -> None:
    ex = Exercise.open(load(with_actor(["seoul"], turns={"count": 2})), seed=3)
    for actors_move in (["drill"], []):
        ex.submit("beijing", actors_move)
        ex.submit("seoul", ["talk"])
        ex.resolve()
    moves = build_report(ex.session, audience=WHITE_CELL).actor_moves
    assert [(move.turn, move.actor, move.actions) for move in moves] == [(1, "Beijing", ("Hold a drill",)), (2, "Beijing", ())]
    markdown = ex.report()
    assert "## Moves of the white cell's actors" in markdown
    assert "| Turn 1 | Beijing | white cell | Hold a drill |" in markdown
    assert "| Turn 2 | Beijing | white cell | no action |" in markdown
    html = ex.report("html")
    assert '<section id="actor-moves" class="major">' in html and "<td>Hold a drill</td>" in html
    assert "Moves of the white cell's actors" in ex.report(audience="seoul")
    for unheard in ("tokyo", "room"):
        told = ex.report(audience=unheard)
        assert "Moves of the white cell's actors" not in told and "Hold a drill" not in told, unheard


def test_lint_finds_an_actors_move_never_offered_as_bots_play_the_actor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = with_actor()
    summit = {"id": "summit", "label": "Call a summit", "roles": ["beijing"], "requires": {"var": "trust", "atLeast": 95}}
    document["actions"].append({**summit, "effects": [{"add": {"trust": 1}}]})
    path = tmp_path / "actor.json"
    path.write_text(text_of(document), encoding="utf-8")
    linted = run_here(capsys, "lint", str(path), "--games", "50")
    assert "/actions/2/id: Call a summit was available in none of the 50 bot games" in linted.stdout
    assert "lint-action-never-offered" in linted.stdout
    assert "Call a summit costs" not in linted.stdout  # free for an actor: the white cell chooses, no objectives to weigh


def test_the_end_screen_and_the_referee_score_the_teams_only(tmp_path: Path) -> None:
    from engine.seats.referee import final_words
    from tui.screens.end import end_content

    with Exercise.open(load(with_actor()), seed=2, journal=tmp_path / "ended.jsonl") as ex:
        ex.end("a drill")
        session = ex.session
        shown = end_content(session).plain
        words = final_words(session)
    assert "Seoul" in shown and "Tokyo" in shown and "Beijing" not in shown
    assert "Seoul 0 of 0, Tokyo 0 of 0" in words and "Beijing" not in words


def test_the_briefing_book_lists_the_actors_apart_from_the_teams(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    scenario = tmp_path / "actor.json"
    scenario.write_text(text_of(with_actor()), encoding="utf-8")
    for suffix in ("md", "html"):
        out = tmp_path / f"book.{suffix}"
        assert run_here(capsys, "docs", str(scenario), "-o", str(out)).returncode == 0
        text = re.sub(r"<[^>]+>", "\n", out.read_text(encoding="utf-8"))
        teams = re.search(r"Teams:?\**\s*(.*)", text)
        assert teams is not None and "Seoul, Tokyo" in teams.group(1) and "Beijing" not in teams.group(1), suffix
        assert re.search(r"Played by the white cell:?\**\s*Beijing", text), suffix
