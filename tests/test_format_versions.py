"""The format version: format 1 plays as it always has; format 2's order within a turn and its follow-ups' if."""

from __future__ import annotations

from typing import Any

import pytest

from engine.core.commands import Resolve, SubmitOrders
from engine.core.events import ShockFired, ShockSkipped
from engine.core.explain import describe, explain
from engine.core.state import state_json
from engine.core.view import View
from engine.documents.report import build_report, render_html, render_markdown
from engine.documents.report.phrases import swing_text
from engine.journal.session import Session
from engine.load.diagnostics import ScenarioError
from engine.prose.effects import effect_phrase
from engine.prose.events import event_text
from tests.helpers import doc, fires, load, of_type, shock, started, turn, value


def ladder(**top: Any) -> dict[str, Any]:
    """Three rungs: each enables the next when it fires, and the top one also needs the middle to have fired."""
    return doc(
        turns={"count": 5},
        shocks=[
            shock("rung-1", trigger={"atTurn": 1}, followUps=[{"shock": "rung-2", "enable": True}]),
            shock("rung-2", trigger={"from": 1}, enabled=False, effects=[{"enable": "rung-3"}]),
            shock("rung-3", trigger={"from": 1, "when": {"fired": "rung-2", "atLeast": 1}}, enabled=False),
        ],
        **top,
    )


def fired_by_turn(document: dict[str, Any]) -> dict[int, list[str]]:
    """The shocks that fired in each turn's opening, playing the whole game without orders."""
    game, state, events = started(document)
    found = {1: [event.shock for event in of_type(events, ShockFired)]}
    while not state.ended:
        state, produced = turn(game, state)
        found[state.turn] = [event.shock for event in of_type(produced, ShockFired)]
    return {number: shocks for number, shocks in found.items() if shocks}


def test_a_file_without_a_format_is_format_1_and_a_ladder_fires_at_once() -> None:
    document = ladder()
    del document["format"]
    assert load(document).format == 1
    assert fired_by_turn(document) == {1: ["rung-1", "rung-2", "rung-3"]}


def test_format_2_climbs_a_ladder_one_rung_per_turn() -> None:
    assert load(ladder(format=2)).format == 2
    assert fired_by_turn(ladder(format=2)) == {1: ["rung-1"], 2: ["rung-2"], 3: ["rung-3"]}


def test_format_2_checks_triggers_before_the_scheduled_shocks_fire() -> None:
    # "late" is scheduled for turn 2 and moves trust; "watch" reads trust: it sees the move in turn 3, not 2.
    document = doc(
        format=2,
        turns={"count": 4},
        shocks=[
            shock("start", trigger={"atTurn": 1}, followUps=[{"shock": "late", "after": 1}]),
            shock("late", effects=[{"add": {"trust": 20}}]),
            shock("watch", trigger={"from": 1, "when": {"var": "trust", "atLeast": 70}}),
        ],
    )
    assert fired_by_turn(document) == {1: ["start"], 2: ["late"], 3: ["watch"]}
    document["format"] = 1
    assert fired_by_turn(document) == {1: ["start"], 2: ["late", "watch"]}


def follow_up_if(trust_move: int) -> dict[str, Any]:
    """A follow-up due two turns later if trust is still at least 50; an action moves trust meanwhile."""
    return doc(
        format=2,
        turns={"count": 4},
        actions=[{"id": "move", "label": "Move", "roles": ["seoul"], "effects": [{"add": {"trust": trust_move}}]}],
        shocks=[
            shock(
                "alarm", trigger={"atTurn": 1}, followUps=[{"shock": "strike", "after": 2, "if": {"var": "trust", "atLeast": 50}}]
            ),
            shock("strike", effects=[{"add": {"trust": -1}}]),
        ],
    )


def test_a_follow_ups_if_is_checked_when_it_is_due() -> None:
    game, state, _ = started(follow_up_if(+5))
    state, _ = turn(game, state, {"seoul": ["move"]})
    state, events = turn(game, state)
    assert state.turn == 3
    assert [event.shock for event in of_type(events, ShockFired)] == ["strike"]

    game, state, _ = started(follow_up_if(-5))
    state, _ = turn(game, state, {"seoul": ["move"]})
    state, events = turn(game, state)
    assert fires(game, state, "strike") == 0
    assert of_type(events, ShockSkipped) == [
        ShockSkipped("strike", "it was called off, since Trust at least 50 does not hold"),
    ]


def test_in_format_2_a_disable_calls_off_what_is_scheduled() -> None:
    document = doc(
        format=2,
        turns={"count": 4},
        actions=[{"id": "stand-down", "label": "Stand down", "roles": ["seoul"], "effects": [{"disable": "strike"}]}],
        shocks=[
            shock("alarm", trigger={"atTurn": 1}, followUps=[{"shock": "strike", "after": 2}]),
            shock("strike"),
        ],
    )
    game, state, _ = started(document)
    state, events = turn(game, state, {"seoul": ["stand-down"]})
    assert of_type(events, ShockSkipped) == [ShockSkipped("strike", "it was called off when it was disabled")]
    assert state.scheduled == ()
    state, events = turn(game, state)
    assert fires(game, state, "strike") == 0

    document["format"] = 1  # format 1: a disable only disarms the trigger; the scheduled shock still fires
    game, state, _ = started(document)
    state, _ = turn(game, state, {"seoul": ["stand-down"]})
    state, _ = turn(game, state)
    assert fires(game, state, "strike") == 1


def test_a_scheduled_follow_up_names_its_check_and_a_format_1_one_has_none() -> None:
    game, state, _ = started(follow_up_if(+5))
    assert state.scheduled[0].check == 0
    assert state_json(game, state)["scheduled"][0]["if"] == "alarm/followUps/0"
    plain, state, _ = started(doc(shocks=[shock("a", trigger={"atTurn": 1}, followUps=[{"shock": "b"}]), shock("b")]))
    assert [item.check for item in state.scheduled] == [-1]
    assert "if" not in state_json(plain, state)["scheduled"][0]


def joint_choice(**top: Any) -> dict[str, Any]:
    """A rule that rewards both teams choosing the same (not joint) action in the same turn."""
    return doc(
        actions=[{"id": "statement", "label": "Statement", "roles": ["seoul", "tokyo"], "effects": []}],
        rules=[
            {
                "id": "together",
                "when": {"chose": {"roles": ["seoul", "tokyo"], "action": "statement"}},
                "effects": [{"add": {"trust": 5}}],
            }
        ],
        **top,
    )


def test_a_joint_choice_holds_only_when_every_named_role_chose_it() -> None:
    game, state, _ = started(joint_choice(format=2))
    state, _ = turn(game, state, {"seoul": ["statement"]})
    assert value(game, state) == 50
    state, _ = turn(game, state, {"seoul": ["statement"], "tokyo": ["statement"]})
    assert value(game, state) == 55
    when = game.scenario.rules[0].when
    assert when is not None
    assert describe(game.scenario, when) == "Seoul and Tokyo both chose Statement"


def test_a_joint_choice_needs_format_2() -> None:
    with pytest.raises(ScenarioError) as raised:
        load(joint_choice())
    assert [d.code for d in raised.value.diagnostics] == ["needs-format-2"]


DESIGNATION = {
    "id": "designation",
    "label": "Legal designation",
    "states": ["none", "important-influence", "survival-threatening", "armed-attack"],
    "initial": "none",
}


def named_states() -> dict[str, Any]:
    """An action steps the designation up, another sets it; a rule and an outcome test it by order."""
    return doc(
        format=2,
        variables=[*doc()["variables"], DESIGNATION],
        actions=[
            {"id": "escalate", "label": "Escalate", "roles": ["seoul"], "effects": [{"stepState": {"designation": 2}}]},
            {"id": "stand-down", "label": "Stand down", "roles": ["tokyo"], "effects": [{"stepState": {"designation": -9}}]},
            {"id": "declare", "label": "Declare", "roles": ["tokyo"], "effects": [{"setState": {"designation": "armed-attack"}}]},
        ],
        rules=[
            {
                "id": "strain",
                "when": {"state": "designation", "atLeast": "survival-threatening"},
                "effects": [{"add": {"trust": -1}}],
            }
        ],
        outcomes=[
            {"id": "war", "title": "War", "when": {"state": "designation", "is": "armed-attack"}},
            {"id": "peace", "title": "Peace", "when": {"state": "designation", "atMost": "important-influence"}},
            {"id": "tense", "title": "Tense"},
        ],
    )


def test_named_states_step_clamp_set_and_are_tested_by_order() -> None:
    game, state, _ = started(named_states())
    assert value(game, state, "designation") == 0
    state, _ = turn(game, state, {"seoul": ["escalate"]})
    assert value(game, state, "designation") == 2  # survival-threatening: the rule now holds
    assert value(game, state) == 49
    state, _ = turn(game, state, {"seoul": ["escalate"]})
    assert value(game, state, "designation") == 3  # stepped past the last state: held there
    state, _ = turn(game, state, {"tokyo": ["stand-down"]})
    assert value(game, state, "designation") == 0
    state, _ = turn(game, state, {"tokyo": ["declare"]})
    assert state.ended and state.outcome == "war"


def test_named_states_are_shown_by_name() -> None:
    game, state, _ = started(named_states())
    state, events = turn(game, state, {"seoul": ["escalate"]})
    assert View(game, state).shown("designation") == "survival-threatening"
    assert View(game, state).shown("trust") == "49"
    variable = game.scenario.variable("designation")
    assert [variable.shown(n) for n in range(4)] == list(DESIGNATION["states"])
    assert [band.label for band in variable.bands] == list(DESIGNATION["states"])
    changed = [event for event in events if getattr(event, "var", None) == "designation"]
    assert event_text(game.scenario, changed[0]) == "Legal designation none → survival-threatening: Seoul's Escalate"
    rule = game.scenario.rules[0].when
    assert rule is not None
    assert describe(game.scenario, rule) == "Legal designation at least survival-threatening"
    assert explain(View(game, started(named_states())[1]), rule) == (
        "needs Legal designation at least survival-threatening (now none)"
    )
    phrases = [effect_phrase(game.scenario, action.effects[0]).text for action in game.scenario.actions]
    assert phrases == ["Legal designation +2 states", "Legal designation −9 states", "Legal designation set to armed-attack"]


def test_format_2_fires_a_trigger_that_held_even_if_disabled_later_in_the_same_opening() -> None:
    document = doc(
        format=2,
        shocks=[shock("first", trigger={"atTurn": 1}, effects=[{"disable": "second"}]), shock("second", trigger={"atTurn": 1})],
    )
    assert fired_by_turn(document) == {1: ["first", "second"]}
    document["format"] = 1
    assert fired_by_turn(document) == {1: ["first"]}


def test_the_report_reads_a_named_state_swing_by_name() -> None:
    session = Session.new(load(named_states()), 1, None, clock=lambda: "2026-05-04T10:30:00Z")
    session.apply(SubmitOrders("seoul", ("escalate",)))
    session.apply(Resolve())
    moment = next(moment for moment in build_report(session).key_moments if moment.variable == "designation")
    assert swing_text(moment) == "none → survival-threatening"


def test_the_reports_values_and_chart_read_named_states_by_name() -> None:
    session = Session.new(load(named_states()), 1, None, clock=lambda: "2026-05-04T10:30:00Z")
    session.apply(SubmitOrders("seoul", ("escalate",)))
    session.apply(Resolve())
    report = build_report(session)
    markdown, page = render_markdown(report), render_html(report)
    row = next(line for line in markdown.splitlines() if line.startswith("| **Legal designation**"))
    assert "| none | survival-threatening |" in row
    assert "Legal designation: none at the start, survival-threatening at the end" in page
    assert "<td>none</td>" in page.replace(' class="num"', "")
