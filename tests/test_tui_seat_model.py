"""What the seat console knows, without a screen: reading the server's observation, the draft's
rules, what the seat remembers between pictures, and text made safe for the terminal."""

from __future__ import annotations

import copy
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

from engine import Exercise
from tests.test_tui_seat import TURN_ONE, observation
from tui.seat.draft import Orders
from tui.seat.memory import Memory
from tui.seat.model import LOG_MOST, Picture, read_observation
from tui.seat.text import clean_block, clean_line

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def picture(data: dict[str, Any] | None = None) -> Picture:
    reading = read_observation(observation() if data is None else data)
    assert reading.picture is not None and reading.problems == ()
    return reading.picture


def strings(value: object) -> list[str]:
    """Every string inside a picture's values."""
    if isinstance(value, str):
        return [value]
    kind = type(value)
    if attrs.has(kind):
        return [text for field in attrs.fields(kind) for text in strings(getattr(value, field.name))]
    if isinstance(value, (tuple, list)):
        return [text for item in value for text in strings(item)]
    return []


def printable(text: str) -> bool:
    return all(char.isprintable() or char == "\n" for char in text)


# -- reading the observation ----------------------------------------------------------------------


def test_every_observation_the_engine_makes_reads_whole() -> None:
    """The engine's own Observation.to_json(), for both teams over a bot game, reads with no problem."""
    exercise = Exercise.open("seoul-tokyo-2026", seed=5, bots={"seoul": "greedy", "tokyo": "greedy"})
    while not exercise.ended:
        for role in ("seoul", "tokyo"):
            data = exercise.observe(role).to_json()
            reading = read_observation(data)
            assert reading.problems == (), reading.problems
            seen = reading.picture
            assert seen is not None and seen.turn == data["turn"] and seen.role == role
            assert [variable.id for variable in seen.variables] == [variable["id"] for variable in data["variables"]]
            assert [option.action for option in seen.actions] == [option["action"] for option in data["actions"]]
            assert seen.log == tuple(data["log"])
        exercise.resolve()


def test_the_fixture_reads_into_typed_values() -> None:
    seen = picture()
    assert (seen.role, seen.role_name, seen.turn, seen.turn_count, seen.ended, seen.outcome) == (
        "seoul",
        "Seoul",
        1,
        12,
        False,
        None,
    )
    assert seen.variables[0].label == "Bilateral trust" and seen.variables[0].band == "Working"
    assert seen.resources == (("political-capital", 4),)
    summit = seen.action("shuttle-summit")
    assert summit is not None and summit.spend_labels == (("Political capital", 1),) and summit.joint
    declaration = seen.action("joint-declaration")
    assert declaration is not None and not declaration.available and declaration.code == "requirement-unmet"
    assert [objective.id for objective in seen.own_objectives()] == ["working-trust", "public-behind-policy", "no-surprises"]
    assert seen.own_objectives()[2].private and not seen.own_objectives()[2].met
    assert seen.briefing.startswith("# Seoul's brief") and seen.budget == 3
    assert seen.cost(("shuttle-summit", "security-dialogue", "unknown")) == 3
    assert {"Seoul", "Bilateral trust", "Working"} <= set(strings(seen)), "the walk the safety properties use sees every text"


def test_fields_it_does_not_know_are_ignored_and_optional_ones_may_be_missing() -> None:
    data = observation(futureField={"anything": [1, 2]}, budget=2)
    data["variables"][0]["unit"] = "%"
    data["variables"][0]["tone"] = "good"
    data["variables"][0]["somethingNew"] = True
    for key in ("briefing", "score", "lastOrders", "resources"):
        del data[key]
    seen = picture(data)
    assert seen.budget == 2 and seen.score is None and seen.briefing == "" and seen.resources == ()
    assert (seen.variables[0].unit, seen.variables[0].tone) == ("%", "good")


def test_the_objectives_of_older_servers_read_too() -> None:
    seen = picture(observation(objectives={"working-trust": True, "economic-security": False}))
    assert [(item.role, item.text, item.met) for item in seen.objectives] == [
        ("seoul", "Working trust", True),
        ("seoul", "Economic security", False),
    ]


def test_wrong_types_are_problems_and_never_values() -> None:
    data = observation(turnCount=12.0, ended="no", score=True, resources={"political-capital": "4"})
    data["variables"][0]["value"] = 5.5
    data["variables"][1]["max"] = data["variables"][1]["min"]
    data["actions"][0]["cost"] = "2"
    data["actions"][1] = "shuttle-summit"
    data["shocks"][0]["turnsLeft"] = None
    data["log"].append(7)
    reading = read_observation(data)
    seen = reading.picture
    assert seen is not None
    assert len(seen.variables) == len(data["variables"]) - 2
    assert (seen.turn_count, seen.ended, seen.score, seen.resources) == (0, False, None, ())
    assert seen.actions[0].cost == 0 and len(seen.actions) == len(data["actions"]) - 1
    assert len(seen.log) == len(data["log"]) - 1
    assert reading.problems == (
        "observation.turnCount: expected a whole number, got float",
        "observation.ended: expected true or false, got str",
        "observation.variables[0].value: expected a whole number, got float",
        "observation.variables[1]: its range 0 to 0 is empty",
        "observation.resources.political-capital: expected a whole number, got str",
        "observation.score: expected a whole number, got bool",
        "observation.shocks[0].turnsLeft: expected a whole number, got NoneType",
        "observation.actions[1]: expected an object, got str",
        "observation.actions[0].cost: expected a whole number, got str",
        "observation.log[3]: expected text, got int",
    )


def test_a_long_log_reads_whole_and_a_longer_one_keeps_its_latest_lines() -> None:
    data = observation()
    data["log"] = [f"line {n}" for n in range(600)]
    assert read_observation(data).problems == () and len(picture(data).log) == 600, "a year of the default is ~500"
    data["log"] = [f"line {n}" for n in range(LOG_MOST + 3)]
    reading = read_observation(data)
    assert reading.picture is not None and reading.picture.log[-1] == f"line {LOG_MOST + 2}"
    assert len(reading.picture.log) == LOG_MOST and reading.picture.log[0] == "line 3"
    assert reading.problems == (f"observation.log: {LOG_MOST + 3} items; the last {LOG_MOST} are shown",)


def test_without_a_role_or_turn_there_is_no_picture() -> None:
    wrong: tuple[object, ...] = (None, [], "state", {"turn": 1}, {"role": "seoul", "turn": "1"})
    for data in wrong:
        reading = read_observation(data)
        assert reading.picture is None and reading.problems


@given(JSON)
def test_any_json_reads_without_raising(data: object) -> None:
    reading = read_observation(data)
    assert reading.picture is not None or reading.problems
    assert all(printable(text) for text in strings(reading.picture))


@given(st.data())
def test_any_value_anywhere_in_an_observation_reads_without_raising_and_prints_safely(data: st.DataObject) -> None:
    """A valid observation with one value, at any depth, replaced by any JSON or by hostile text."""
    document = copy.deepcopy(TURN_ONE)
    node: Any = document
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = data.draw(st.sampled_from(keys))
        if isinstance(node[key], (dict, list)) and node[key] and data.draw(st.booleans()):
            node = node[key]
            continue
        node[key] = data.draw(JSON | st.sampled_from(["\x1b]0;pwned\x07", "\x1b[2J", "a\u202eb", "[bold]x[/]", "\r\n\t\x00"]))
        break
    reading = read_observation(document)
    assert all(printable(text) for text in strings(reading.picture))
    assert all(printable(text) for text in reading.problems)


# -- text -----------------------------------------------------------------------------------------


def test_text_loses_control_and_bidi_characters_and_keeps_lines_where_wanted() -> None:
    hostile = "\x1b]0;pwned\x07Trust\x1b[2J\n\u202eevil\tend"
    line, block = clean_line(hostile), clean_block(hostile)
    assert "\x1b" not in line + block and "\u202e" not in line + block and "\x07" not in line + block
    assert "\n" not in line and block.count("\n") == 1
    assert clean_line("a   b\n c") == "a b c"
    assert len(clean_line("x" * 5000)) == 1000 and clean_line("x" * 5000).endswith("…")


# -- the draft ------------------------------------------------------------------------------------


def drafted(orders: Orders) -> tuple[str, ...]:
    return orders.actions


def phase(orders: Orders) -> str:
    """Where the draft stands (a function, so that mypy does not carry one assertion past a call)."""
    return orders.phase


def test_the_draft_follows_the_server_until_this_seat_edits_it() -> None:
    orders, seen = Orders(), picture()
    assert not orders.on_state(seen, ("security-dialogue",), "drafting")
    assert drafted(orders) == ("security-dialogue",) and orders.turn == 1
    assert orders.toggle(seen, "shuttle-summit") is None
    assert not orders.on_state(seen, ("security-dialogue",), "drafting"), "a state a step behind the typing"
    assert drafted(orders) == ("security-dialogue", "shuttle-summit")


def test_what_the_draft_refuses() -> None:
    orders, seen = Orders(), picture(observation(budget=2))
    assert orders.toggle(None, "shuttle-summit") == "Nothing to order yet: waiting for the white cell's server."
    orders.on_state(seen, (), "drafting")
    assert orders.toggle(seen, "joint-declaration") == "Joint declaration is not available: Needs bilateral trust of at least 62."
    assert orders.toggle(seen, "no-such-action") == "That action is not offered."
    assert orders.toggle(seen, "shuttle-summit") is None and orders.left(seen) == 0
    assert orders.toggle(seen, "security-dialogue") == "Defence and security dialogue costs 1 point; 0 left."
    assert orders.submit() is None and phase(orders) == "submitting"
    assert orders.toggle(seen, "shuttle-summit") is not None and orders.submit() == "Your orders are already in."


def test_submitting_returned_and_a_new_turn() -> None:
    orders, seen = Orders(), picture()
    orders.on_state(seen, (), "drafting")
    orders.toggle(seen, "shuttle-summit")
    orders.submit()
    orders.on_refused()
    assert phase(orders) == "drafting"
    orders.submit()
    orders.on_submitted(1, ("shuttle-summit",))
    assert phase(orders) == "submitted"
    orders.on_returned(1, ("shuttle-summit",), "too costly")
    assert (phase(orders), orders.note, orders.actions) == ("drafting", "too costly", ("shuttle-summit",))
    orders.on_state(picture(observation(2)), (), "drafting")
    assert (orders.turn, phase(orders), orders.note, orders.actions) == (2, "drafting", None, ())
    orders.on_state(picture(observation(2, ended=True)), (), "drafting")
    assert phase(orders) == "ended" and orders.submit() == "The game has ended."


def test_after_a_lost_link_the_seats_draft_is_sent_again_once_if_the_server_lacks_it() -> None:
    orders, seen = Orders(), picture()
    orders.on_state(seen, (), "drafting")
    orders.toggle(seen, "shuttle-summit")
    orders.submit()
    orders.on_connection(False)
    assert phase(orders) == "drafting", "a submission in flight may be lost: the server's next state says"
    orders.on_connection(True)
    assert orders.on_state(seen, (), "drafting") and not orders.on_state(seen, (), "drafting")
    orders.on_connection(True)
    assert not orders.on_state(seen, ("shuttle-summit",), "drafting"), "the server has it already"
    orders.on_connection(True)
    assert not orders.on_state(picture(observation(orders=["shuttle-summit"])), ("shuttle-summit",), "submitted")
    assert phase(orders) == "submitted"


# -- what the seat remembers ----------------------------------------------------------------------


def test_changes_trends_and_new_shocks_come_from_the_turns_this_seat_saw() -> None:
    memory = Memory()
    first, second = picture(), picture(observation(2))
    memory.record(first)
    assert [gauge.change for gauge in memory.gauges(first)] == [0] * 6
    memory.record(second)
    trust = memory.gauges(second)[0]
    assert (trust.change, trust.history) == (7, (55, 62))
    assert memory.is_new(2, "lower-house-election") and not memory.is_new(1, "coast-guard-standoff")
    later = Memory()
    later.record(second)
    assert later.gauges(second)[0].change == 0 and not later.is_new(2, "lower-house-election"), "unseen turns count nothing"
    memory.record(first)  # an undo across turns
    assert 2 not in memory.openings


def test_an_earlier_server_without_the_budget_gives_none() -> None:
    data = observation()
    del data["budget"]
    seen = picture(data)
    assert seen.budget is None and Orders().left(seen) is None


def test_a_variable_of_named_states_reads_with_its_states_and_shows_by_name() -> None:
    """The server sends a variable's states, tone, unit and polarity; the seat draws the state's
    name ("exercise", not its position 1) and colours the band as the console does."""
    exercise = Exercise.open("strait-week", seed=3)
    data = exercise.observe("seoul").to_json()
    sent = next(variable for variable in data["variables"] if variable["states"])
    assert sent["states"] == ["routine", "exercise", "quarantine", "blockade"]
    seen = picture(data)
    posture = next(variable for variable in seen.variables if variable.id == sent["id"])
    assert posture.states == tuple(sent["states"])
    gauge = Memory().gauge(seen.turn, posture)
    assert gauge.reading == sent["states"][sent["value"]] and gauge.states == posture.states
    sent_tones = {variable["id"]: (variable["tone"], variable["polarity"]) for variable in data["variables"]}
    assert {variable.id: (variable.tone, variable.polarity) for variable in seen.variables} == sent_tones
    assert {tone for tone, _ in sent_tones.values()} != {"neutral"}, "the scenario's bands have tones to send"


def test_states_that_do_not_fit_the_range_or_are_not_text_are_problems() -> None:
    data = observation()
    data["variables"][0]["states"] = ["low", "high"]  # a range of 0 to 100 has 101 positions
    data["variables"][1]["states"] = ["one", 2]
    reading = read_observation(data)
    assert reading.picture is not None
    assert reading.problems[0].endswith("variables[0]: 2 states for the range 0 to 100")
    assert reading.problems[1].endswith("variables[1].states[1]: expected text, got int")
    assert [variable.id for variable in reading.picture.variables] == [variable["id"] for variable in data["variables"][2:]]
