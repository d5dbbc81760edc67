"""No surface shows an audience anything above it: a property over generated scenarios and play.

Everything above some audience is planted with a distinctive word or value: a facilitator-only
variable (label, description, bands, and values from 7771 to 7779 that no other number in a
generated game reaches) and a variable only Seoul sees (values from 8881 to 8889); a shock for
Seoul alone and one for Tokyo alone (title, narrative, source, a line it says); the white cell's
notes and expected response on every shock; notes; the reasons for adjustments, injects and an
early end; each team's private briefing and private objective; the notes sent back with returned
orders; and an action of each team that is entered but never resolved. Random play follows (bots,
notes, adjustments, injects, undo and redo, returned orders, an early end), the secret orders
are entered, and then every surface is rendered for every audience: the console's projections
as its `h` shows them to the room (and as they would show a team), the projector's PlayersView,
each team's Observation as JSON, and every report edition in Markdown and HTML. None may hold a
word or a value above its audience.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
from collections.abc import Iterable
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from engine.audience.console import (
    command_words,
    log_line,
    log_lines,
    resolution_events,
    role_views,
    shock_views,
    variable_views,
)
from engine.audience.observation import observe
from engine.audience.room import players_view
from engine.audience.visibility import ROOM, WHITE_CELL, Audience
from engine.bots.registry import make_bot
from engine.core.commands import (
    AddNote,
    AdjustVariable,
    EndExercise,
    InjectShock,
    Redo,
    Resolve,
    ReturnOrders,
    SessionCommand,
    SubmitOrders,
    Undo,
)
from engine.core.refusals import CommandRefused
from engine.core.view import View
from engine.documents.report import build_report, render_html, render_markdown
from engine.journal.session import Session
from engine.prose.events import event_text
from tests.helpers import load
from tests.strategies import scenario_documents

WHITE_WORD = "Zqx"
"""Every text only the white cell may read starts with this."""
TEAM_WORD = {"seoul": "Qvmseoul", "tokyo": "Qvmtokyo"}
"""Every text only that team and the white cell may read starts with these."""
WHITE_VALUES = re.compile(r"(?<![\d.])777[1-9](?![\d.])")
SEOUL_VALUES = re.compile(r"(?<![\d.])888[1-9](?![\d.])")

SEOUL = Audience.team("seoul")
TOKYO = Audience.team("tokyo")
READERS = (ROOM, SEOUL, TOKYO)
STEPS = (
    "turn",
    "turn",
    "turn",
    "note",
    "adjust",
    "adjust",
    "inject",
    "inject",
    "undo",
    "redo",
    "orders",
    "return",
    "end",
    "retract",
)
TAKEN_BACK = ("note", "adjust", "inject", "orders", "return", "end")
"""What a "retract" step does and then undoes (and may redo): undo and redo events name the command."""


def _bands(prefix: str, low: int) -> list[dict[str, Any]]:
    return [
        {"id": "low", "label": f"{prefix}lowband", "from": low},
        {"id": "high", "label": f"{prefix}highband", "from": low + 5},
    ]


PLANTED_VARIABLES = (
    {
        "id": "zqx-gauge",
        "label": "Zqxgauge",
        "description": "Zqxgauge is the white cell's",
        "min": 7771,
        "max": 7779,
        "initial": 7775,
        "visibility": "facilitator",
        "bands": _bands("Zqx", 7771),
    },
    {
        "id": "qvm-seoul-gauge",
        "label": "Qvmseoulgauge",
        "description": "Qvmseoulgauge is Seoul's",
        "min": 8881,
        "max": 8889,
        "initial": 8885,
        "visibility": "seoul",
        "bands": _bands("Qvmseoul", 8881),
    },
)


def plant(document: dict[str, Any]) -> dict[str, Any]:
    """The generated scenario with a distinctive word on everything above some audience."""
    for k, (shock, role) in enumerate(zip(document["shocks"], ("seoul", "tokyo"), strict=False)):
        word = TEAM_WORD[role]
        shock.update(audience=[role], title=f"{word}shock{k}", narrative=f"{word}narrative", source=f"{word}source")
        shock["effects"] = [*shock.get("effects", []), {"say": f"{word}say"}]
    for shock in document["shocks"]:
        shock.update(facilitatorNotes="Zqxfacilitatornotes", expectedResponse="Zqxexpectedresponse")
    for role in document["roles"]:
        if role.get("playedBy") == "white-cell":
            continue  # an actor has no briefing and no objectives: the white cell plays it
        word = TEAM_WORD[role["id"]]
        role["briefing"] = f"{word}briefing for the team alone"
        private = {
            "id": "private",
            "description": f"{word}objective",
            "condition": {"turn": {"atLeast": 2}},
            "visibility": "private",
        }
        role["objectives"] = [*role.get("objectives", []), private]
        action = {"id": f"secret-{role['id']}", "label": f"{word}order", "roles": [role["id"]], "cost": 0, "effects": []}
        document["actions"] = [*document["actions"], action]
    return document


def _secret(role: str) -> str:
    return f"secret-{role}"


def _commands(kind: str, session: Session, data: st.DataObject) -> list[SessionCommand]:
    scenario = session.scenario
    roles = [role.id for role in scenario.teams]  # the planted secret orders are the teams'
    if kind == "turn":
        orders: list[SessionCommand] = []
        for role in session.game.role_ids:  # an actor moves too, from its response menu
            chosen = make_bot(data.draw(st.sampled_from(["random", "greedy", "passive"]))).choose(
                View(session.game, session.state), role
            )
            orders.append(SubmitOrders(role, tuple(action for action in chosen if action != _secret(role))))
        return [*orders, Resolve()]
    if kind == "note":
        return [AddNote(data.draw(st.sampled_from(["observation", "strength", "improvement", "lesson"])), "Zqxnote text")]
    if kind == "adjust":
        variable = data.draw(st.sampled_from(scenario.variables))
        return [AdjustVariable(variable.id, data.draw(st.integers(variable.min, variable.max)), "Zqxadjustreason")]
    if kind == "inject":
        return [InjectShock(data.draw(st.sampled_from(scenario.shocks)).id, "Zqxinjectreason")]
    if kind == "orders":
        role = data.draw(st.sampled_from(roles))
        return [SubmitOrders(role, (_secret(role),))]
    if kind == "return":
        role = data.draw(st.sampled_from(roles))
        return [SubmitOrders(role, (_secret(role),)), ReturnOrders(role, f"{TEAM_WORD[role]}returnnote")]
    if kind == "end":
        return [EndExercise("Zqxendreason")]
    if kind == "retract":
        again: list[SessionCommand] = [Redo()] if data.draw(st.booleans()) else []
        return [*_commands(data.draw(st.sampled_from(TAKEN_BACK)), session, data), Undo(), *again]
    return [Undo()] if kind == "undo" else [Redo()]


def play(session: Session, data: st.DataObject) -> None:
    """Random play; then the team-addressed shocks set off while the game is on, and each team's
    secret action entered and left unresolved."""
    for kind in data.draw(st.lists(st.sampled_from(STEPS), max_size=14)):
        for command in _commands(kind, session, data):
            with contextlib.suppress(CommandRefused):
                session.apply(command)
    for shock in session.scenario.shocks[:2]:
        with contextlib.suppress(CommandRefused):
            session.apply(InjectShock(shock.id, "Zqxinjectreason"))
    for role in session.scenario.roles:
        with contextlib.suppress(CommandRefused):
            session.apply(SubmitOrders(role.id, (_secret(role.id),)))


def texts(value: Any) -> list[str]:
    """Every string and number held anywhere in a projection."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, int):
        return [str(value)]
    if attrs.has(type(value)):
        return [text for field in attrs.fields(type(value)) for text in texts(getattr(value, field.name))]
    if isinstance(value, (tuple, list)):
        return [text for item in value for text in texts(item)]
    if isinstance(value, dict):
        return [text for pair in value.items() for text in texts(pair)]
    return []


def console(session: Session, audience: Audience) -> list[str]:
    """What the console shows with the audience's eyes (the room's: with choices hidden)."""
    scenario = session.scenario
    labels = {action.id: action.label for action in scenario.actions}
    shown = [*texts(variable_views(session, audience)), *texts(shock_views(session, audience))]
    for view in role_views(session, audience):
        # every team's actions are listed (their labels are public); their reasons and the orders are not
        shown += texts(attrs.evolve(view, options=())) + [labels[action] for action in view.orders or ()]
        shown += [option.reason or "" for option in view.options]
    shown += [line.text for line in log_lines(session, audience)]
    # the replay's timeline and steps: every journaled command and what it did, undone ones too
    for record in session.records:
        shown.append(command_words(scenario, audience, record.command))
        lines = (log_line(scenario, audience, event, resolved=False) for event in record.events)
        shown += [line.text for line in lines if line is not None]
    for applied in session.history:
        if isinstance(applied.command, Resolve):
            shown += [event_text(scenario, event) for event in resolution_events(scenario, applied.events, audience)]
    return shown


def reports(session: Session, audience: Audience) -> list[str]:
    report = build_report(session, audience=audience)
    return [render_markdown(report), html.unescape(render_html(report))]


def surfaces(session: Session, audience: Audience) -> list[str]:
    """Every surface the audience is shown, rendered."""
    shown = [*console(session, audience), *reports(session, audience)]
    if audience == ROOM:
        shown += texts(players_view(session, latest=10_000))
    else:
        assert audience.role is not None
        seen = observe(View(session.game, session.state), session.events(), audience.role)
        shown.append(json.dumps(seen.to_json(), ensure_ascii=False))
    return shown


def above(audience: Audience) -> tuple[tuple[str, ...], tuple[re.Pattern[str], ...]]:
    """The planted words and values above an audience."""
    words = [WHITE_WORD, *(word for role, word in TEAM_WORD.items() if role != audience.role)]
    values = [WHITE_VALUES] if audience.role == "seoul" else [WHITE_VALUES, SEOUL_VALUES]
    return tuple(word.lower() for word in words), tuple(values)


def leaks(shown: Iterable[str], audience: Audience) -> list[str]:
    words, values = above(audience)
    return [text for text in shown if any(word in text.lower() for word in words) or any(value.search(text) for value in values)]


def check(session: Session) -> None:
    for audience in READERS:
        leaked = leaks(surfaces(session, audience), audience)
        assert not leaked, (str(audience), [text[:2000] for text in leaked])


@given(scenario_documents(teams=2, extra_variables=PLANTED_VARIABLES), st.integers(0, 2**32), st.data())
def test_no_surface_shows_an_audience_what_is_above_it(document: dict[str, Any], seed: int, data: st.DataObject) -> None:
    session = Session.new(load(plant(document)), seed)
    play(session, data)
    check(session)


def planted_session() -> Session:
    """A small planted game: a note, a shock for Seoul injected with a reason, Tokyo's orders sent back
    with a note, a turn resolved, and Tokyo's secret action entered again."""
    document = plant(
        {
            "format": 1,
            "id": "planted",
            "title": "Planted",
            "turns": {"count": 3},
            "roles": [{"id": "seoul", "name": "Seoul", "budget": 2}, {"id": "tokyo", "name": "Tokyo", "budget": 2}],
            "variables": [dict(variable) for variable in PLANTED_VARIABLES],
            "actions": [],
            "shocks": [
                {
                    "id": "to-seoul",
                    "title": "t",
                    "category": "other",
                    "narrative": "n",
                    "effects": [{"add": {"qvm-seoul-gauge": 1}}],
                },
                {"id": "to-tokyo", "title": "t", "category": "other", "narrative": "n"},
            ],
            "rules": [],
            "outcomes": [{"id": "end", "title": "End"}],
        }
    )
    document["actions"][0]["requires"] = {"var": "zqx-gauge", "atLeast": 7779}
    session = Session.new(load(document), 1)
    session.apply(AddNote("observation", "Zqxnote text"))
    session.apply(InjectShock("to-seoul", "Zqxinjectreason"))
    session.apply(SubmitOrders("tokyo", ("secret-tokyo",)))
    session.apply(ReturnOrders("tokyo", "Qvmtokyoreturnnote"))
    session.apply(Resolve())
    session.apply(SubmitOrders("tokyo", ("secret-tokyo",)))
    return session


def test_the_planted_words_reach_those_who_may_see_them() -> None:
    """The same surfaces do show each planted item to its own audience, so its absence elsewhere means something."""
    session = planted_session()
    seoul = "\n".join(surfaces(session, SEOUL)).lower()
    for word in ("qvmseoulshock0", "qvmseoulnarrative", "qvmseoulsay", "qvmseoulbriefing", "qvmseoulobjective", "qvmseoulgauge"):
        assert word in seoul, word
    assert SEOUL_VALUES.search(seoul) and not leaks([seoul], SEOUL)
    # the requirement reads the white cell's variable: Seoul learns the code, not the value
    option = next(option for option in observe(View(session.game, session.state), session.events(), "seoul").actions)
    assert option.refusal is not None and (str(option.refusal.code), option.reason) == (
        "requirement-unmet",
        "needs a condition only the white cell can check",
    )
    tokyo = "\n".join(surfaces(session, TOKYO))
    assert "Qvmtokyoreturnnote" in tokyo and "Qvmtokyoorder" in tokyo and not leaks([tokyo], TOKYO)
    everything = "\n".join(console(session, WHITE_CELL) + reports(session, WHITE_CELL))
    for word in ("Zqxnote text", "Zqxinjectreason", "Zqxexpectedresponse", "Zqxgauge", "now 7775"):
        assert word in everything, word
    assert leaks([everything], ROOM)
    check(session)
