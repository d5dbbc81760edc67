"""The players' view shows nothing hidden: a property over random games of generated and bundled scenarios.

Every hidden thing a scenario or a session can hold is given a distinctive word (facilitator-only
and team-only variables' labels and bands, white-cell notes, expected responses, objectives,
notes, the facilitator's reasons, and orders entered but not resolved); random play with bots
and facilitator commands follows; then neither the projection nor any panel's rendered text may
contain one of those words, while what is public must be there.
"""

from __future__ import annotations

import contextlib
import copy
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from engine.audience.room import PlayersView, players_view
from engine.bots.registry import make_bot
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
from engine.core.refusals import CommandRefused
from engine.core.view import View
from engine.journal.session import Session
from engine.load.catalog import resolve_scenario
from tests.helpers import BUNDLED, load
from tests.journals import DOCUMENT as HARBOUR
from tui.widgets.display_parts import screen_text

SECRET_ACTION = "zqx-secret-order"
MARK = "Zqx"
"""Every hidden text starts with this; nothing public does."""
STEPS = ("turn", "turn", "turn", "note", "adjust-public", "adjust-hidden", "inject", "undo", "redo", "orders", "end")


def secretise(document: dict[str, Any]) -> dict[str, Any]:
    """The scenario with every hidden text made distinctive, plus a hidden variable of each kind
    and an action that is only ever entered, never resolved."""
    result = copy.deepcopy(document)
    roles = [role["id"] for role in result["roles"]]
    result["variables"] = [*result["variables"]]
    result["variables"].append(
        {"id": "zqx-gauge", "label": "Zqxgauge", "min": 0, "max": 10, "initial": 3, "visibility": "facilitator"}
    )
    result["variables"].append({"id": "zqx-team", "label": "Zqxteam", "min": 0, "max": 10, "initial": 7, "visibility": roles[0]})
    for index, variable in enumerate(result["variables"]):
        if variable.get("visibility", "public") != "public":
            variable["label"] = f"Zqxvariable{index}"
            variable["description"] = f"Zqxdescription{index}"
            for band in variable.get("bands", []):
                band["label"] = f"Zqxband{index}{band['id']}"
    for shock in result["shocks"]:
        shock["facilitatorNotes"] = "Zqxwhitecellnote for the facilitator"
        shock["expectedResponse"] = "Zqxexpectedresponse in words"
    for role in result["roles"]:
        for objective in role.get("objectives", []):
            objective["description"] = "Zqxobjective"
    result["actions"] = [*result["actions"], {"id": SECRET_ACTION, "label": "Zqxsecretorder", "roles": roles, "effects": []}]
    return result


def _command(kind: str, session: Session, data: st.DataObject) -> list[SessionCommand]:
    scenario = session.scenario
    public = [variable for variable in scenario.variables if variable.visibility == "public"]
    hidden = [variable for variable in scenario.variables if variable.visibility != "public"]
    if kind == "turn":
        commands: list[SessionCommand] = []
        for role in scenario.roles:
            policy = make_bot(data.draw(st.sampled_from(["random", "greedy", "passive"])))
            chosen = policy.choose(View(session.game, session.state), role.id)
            commands.append(SubmitOrders(role.id, tuple(action for action in chosen if action != SECRET_ACTION)))
        return [*commands, Resolve()]
    if kind == "note":
        return [AddNote("observation", "Zqxnote about the room")]
    if kind == "adjust-public" and public:
        variable = data.draw(st.sampled_from(public))
        return [AdjustVariable(variable.id, data.draw(st.integers(variable.min, variable.max)), "Zqxadjustreason")]
    if kind == "adjust-hidden":
        variable = data.draw(st.sampled_from(hidden))
        return [AdjustVariable(variable.id, data.draw(st.integers(variable.min, variable.max)), "Zqxhiddenreason")]
    if kind == "inject":
        return [InjectShock(data.draw(st.sampled_from(scenario.shocks)).id, "Zqxinjectreason")]
    if kind == "undo":
        return [Undo()]
    if kind == "redo":
        return [Redo()]
    if kind == "orders":
        return [SubmitOrders(data.draw(st.sampled_from(scenario.roles)).id, (SECRET_ACTION,))]
    if kind == "end":
        return [EndExercise("Zqxendreason")]
    return []


def play(session: Session, data: st.DataObject) -> None:
    """Random play, then the secret action entered (not resolved) for every team."""
    for kind in data.draw(st.lists(st.sampled_from(STEPS), max_size=14)):
        for command in _command(kind, session, data):
            with contextlib.suppress(CommandRefused):
                session.apply(command)
    for role in session.scenario.roles:
        with contextlib.suppress(CommandRefused):
            session.apply(SubmitOrders(role.id, (SECRET_ACTION,)))


def texts(value: Any) -> list[str]:
    """Every string held anywhere in a view."""
    if isinstance(value, str):
        return [value]
    if attrs.has(type(value)):
        return [text for field in attrs.fields(type(value)) for text in texts(getattr(value, field.name))]
    if isinstance(value, tuple):
        return [text for item in value for text in texts(item)]
    return []


def check(session: Session) -> PlayersView:
    view = players_view(session, latest=10_000)
    leaked = [text for text in texts(view) if MARK.lower() in text.lower()]
    assert not leaked, leaked
    # Hidden variables' labels carry MARK, and the two added ones have ids that do too; a bundled
    # hidden variable's own id is an ordinary word (e.g. "alliance", also a shock category), so
    # it is not looked for in the screen.
    for width in (120, 80):
        screen = screen_text(view, width)
        assert MARK.lower() not in screen.lower(), screen
    public = [variable.label for variable in session.scenario.variables if variable.visibility == "public"]
    assert [variable.label for variable in view.variables] == public
    state = session.state
    values = [state.values[i] for i, variable in enumerate(session.scenario.variables) if variable.visibility == "public"]
    assert [variable.value for variable in view.variables] == values
    return view


@given(st.sampled_from(BUNDLED), st.integers(0, 2**32), st.data())
def test_bundled_games_show_nothing_hidden(name: str, seed: int, data: st.DataObject) -> None:
    scenario = load(secretise(dict(resolve_scenario(name).document)))
    session = Session.new(scenario, seed)
    play(session, data)
    check(session)


@given(st.integers(0, 2**32), st.data())
def test_generated_games_show_nothing_hidden(seed: int, data: st.DataObject) -> None:
    from tests.strategies import scenario_documents

    scenario = load(secretise(data.draw(scenario_documents())))
    session = Session.new(scenario, seed)
    play(session, data)
    check(session)


def test_the_check_can_fail() -> None:
    """The secret words do reach the facilitator's own views, so their absence above means something."""
    from engine.audience.console import role_views, shock_views, variable_views

    session = Session.new(load(secretise(HARBOUR)), 5)
    session.apply(InjectShock("leak", "Zqxinjectreason"))
    session.apply(SubmitOrders("seoul", (SECRET_ACTION,)))
    assert any(view.label.startswith(MARK) for view in variable_views(session))
    assert any(view.facilitator_notes.startswith(MARK) for view in shock_views(session))
    assert any(SECRET_ACTION in (view.orders or ()) for view in role_views(session))
    check(session)


def test_public_things_are_shown() -> None:
    """The turn, its shocks with their narrative, the resolved decisions and the outcome."""
    session = Session.new(load(secretise(HARBOUR)), 5)
    assert players_view(session).turn_name == "Opening week"
    session.apply(SubmitOrders("seoul", ("summit", "talk")))
    session.apply(SubmitOrders("tokyo", ("summit",)))
    session.apply(Resolve())
    view = check(session)
    assert view.turn_label == "Week 2 of 4" and view.turn_name is None
    assert [shock.title for shock in view.shocks] == ["Storm at the harbour"] and view.shocks[0].new
    assert "A storm closes the harbour." in screen_text(view)
    assert view.decisions_turn == "Opening week"
    assert [(team.team, team.actions) for team in view.decisions] == [
        ("Seoul", ("Summit (joint)", "Talk")),
        ("Tokyo", ("Summit (joint)",)),
    ]
    session.apply(AdjustVariable("trust", 40, "Zqxadjustreason"))
    session.apply(EndExercise("Zqxendreason"))
    view = check(session)
    assert view.ended and view.outcome is not None
    assert (view.outcome.title, view.outcome.reason) == ("Bad", "ended by the white cell")
    assert any(event.startswith("Trust") and event.endswith("the white cell") for event in view.events)


def test_shock_audience() -> None:
    """A shock addressed to one team is not the room's: neither its card nor the changes it causes
    name it. One addressed to every team is everyone's and names no one."""
    document = secretise(HARBOUR)
    document["shocks"][1]["audience"] = ["seoul"]
    document["shocks"][1]["effects"] = [{"add": {"trust": -4}}]
    session = Session.new(load(document), 5)
    session.apply(InjectShock("leak", "drill"))
    view = check(session)
    assert view.shocks == ()
    assert "Press leak" not in screen_text(view) and not any("Press leak" in event for event in view.events)
    assert view.events[-1] == "Trust 50 → 46 (−4): undisclosed", "the public gauge's move is told, its cause not"
    document["shocks"][1]["audience"] = ["seoul", "tokyo"]
    session = Session.new(load(document), 5)
    session.apply(InjectShock("leak", "drill"))
    view = check(session)
    assert [(shock.title, shock.audience) for shock in view.shocks] == [("Press leak", ())]
