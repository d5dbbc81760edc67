"""The events-list notation: printer and parser round trip exactly, and mistakes are located.

Properties run over generated scenarios (every condition and effect form the schema has);
examples pin the notation's look, its edge cases and its error messages.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.msel import printer
from engine.msel.effect_parser import parse_effects
from engine.msel.lexer import NotationError, quote, tokens
from engine.msel.parser import parse_chance, parse_condition, parse_follow_ups, parse_id_list
from tests.helpers import examples
from tests.strategies import scenario_documents


def _conditions_and_effects(document: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    """Every condition and effect list in a document, wherever the schema allows one."""
    for role in document["roles"]:
        for objective in role.get("objectives", []):
            yield "condition", objective["condition"]
    for action in document["actions"]:
        yield "effects", action["effects"]
        yield "effects", action.get("unmatched", [])
        if "requires" in action:
            yield "condition", action["requires"]
    for shock in document["shocks"]:
        for key in ("effects", "ongoing", "onExpire"):
            yield "effects", shock.get(key, [])
        if "when" in shock.get("trigger", {}):
            yield "condition", shock["trigger"]["when"]
    for rule in document["rules"]:
        yield "effects", rule["effects"]
        if "when" in rule:
            yield "condition", rule["when"]
    for item in [*document["outcomes"], *document["endConditions"]]:
        if "when" in item:
            yield "condition", item["when"]


@settings(max_examples=examples(2), deadline=None)
@given(scenario_documents())
def test_every_condition_and_effect_reads_back_exactly(document: dict[str, Any]) -> None:
    for kind, value in _conditions_and_effects(document):
        if kind == "condition":
            assert parse_condition(printer.condition(value)) == value
        else:
            assert parse_effects(printer.effects(value)) == value


@settings(max_examples=examples(1.5), deadline=None)
@given(scenario_documents())
def test_follow_ups_read_back_exactly(document: dict[str, Any]) -> None:
    for shock in document["shocks"]:
        follow_ups = shock.get("followUps", [])
        assert parse_follow_ups(printer.follow_ups(follow_ups)) == follow_ups


@given(st.text(max_size=40))
def test_any_text_quotes_and_reads_back(text: str) -> None:
    (token, end) = tokens(quote(text))
    assert (token.kind, token.value, end.kind) == ("text", text, "end")


@given(st.floats(0, 1, allow_nan=False) | st.sampled_from([0, 1]))
def test_chances_keep_their_value_and_type(value: float) -> None:
    parsed = parse_chance(printer.number(value))
    assert parsed == value
    assert type(parsed) is type(value)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("tension >= 60", {"var": "tension", "atLeast": 60}),
        ("trust >= 40, < 60", {"var": "trust", "atLeast": 40, "below": 60}),
        ("trust == -5", {"var": "trust", "equals": -5}),
        ("trust in crisis", {"inBand": {"var": "trust", "band": "crisis"}}),
        ("seoul.capital < 2", {"resource": "capital", "role": "seoul", "below": 2}),
        ("uses(summit by seoul) >= 2", {"uses": "summit", "role": "seoul", "atLeast": 2}),
        ("fired(icbm) > 0", {"fired": "icbm", "above": 0}),
        ("score(tokyo) <= 3", {"score": "tokyo", "atMost": 3}),
        ("turn >= 3, <= 5", {"turn": {"atLeast": 3, "atMost": 5}}),
        ("active(blockade)", {"active": "blockade"}),
        ("chose(tokyo: summit)", {"chose": {"role": "tokyo", "action": "summit"}}),
        ("chose(#cooperation)", {"chose": {"tag": "cooperation"}}),
        ("chose(seoul: *)", {"chose": {"role": "seoul"}}),
        ("var(turn) > 1", {"var": "turn", "above": 1}),
        ("all(trust > 1)", {"all": [{"var": "trust", "above": 1}]}),
        (
            "trust > 1 and (a = 1 or not b = 2)",
            {"all": [{"var": "trust", "above": 1}, {"any": [{"var": "a", "equals": 1}, {"not": {"var": "b", "equals": 2}}]}]},
        ),
        ("((trust > 1))", {"var": "trust", "above": 1}),
    ],
)
def test_condition_examples(cell: str, expected: dict[str, Any]) -> None:
    assert parse_condition(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("trust +5; support-seoul -3", [{"add": {"trust": 5}}, {"add": {"support-seoul": -3}}]),
        ("trust +5, stability -2", [{"add": {"trust": 5, "stability": -2}}]),
        ("alert = 3", [{"set": {"alert": 3}}]),
        ("drift tension toward 40 by 2", [{"drift": {"var": "tension", "toward": 40, "by": 2}}]),
        ("seoul.capital -1", [{"gain": {"role": "seoul", "resource": "capital", "amount": -1}}]),
        ('chance 30% then (say "Talks fail")', [{"chance": 0.3, "then": [{"say": "Talks fail"}]}]),
        (
            'chance 0.5 "Coin" then () else (trust +1)',
            [{"chance": 0.5, "label": "Coin", "then": [], "else": [{"add": {"trust": 1}}]}],
        ),
        ("if trust >= 50 then (trust +1)", [{"if": {"var": "trust", "atLeast": 50}, "then": [{"add": {"trust": 1}}]}]),
        (
            'pick(2 "Hard": trust -5; tension +2 | 1 "Soft": )',
            [
                {
                    "pick": [
                        {"weight": 2, "label": "Hard", "effects": [{"add": {"trust": -5}}, {"add": {"tension": 2}}]},
                        {"weight": 1, "label": "Soft", "effects": []},
                    ]
                }
            ],
        ),
        (
            "schedule retaliation after 2; enable boycott",
            [{"schedule": {"shock": "retaliation", "after": 2}}, {"enable": "boycott"}],
        ),
        ("disable boycott; end blockade", [{"disable": "boycott"}, {"endShock": "blockade"}]),
        ("(none)", []),
        ("drift +1; end -2", [{"add": {"drift": 1}}, {"add": {"end": -2}}]),
    ],
)
def test_effect_examples(cell: str, expected: list[dict[str, Any]]) -> None:
    assert parse_effects(cell) == expected


def test_printer_writes_the_documented_forms() -> None:
    assert printer.condition({"all": [{"var": "tension", "atLeast": 60}, {"turn": {"atLeast": 3, "atMost": 5}}]}) == (
        "tension >= 60 and turn >= 3, <= 5"
    )
    assert printer.effects([{"add": {"trust": 5}}, {"gain": {"role": "seoul", "resource": "capital", "amount": -3}}]) == (
        "trust +5; seoul.capital -3"
    )
    assert printer.condition({"var": "not", "equals": 1}) == "var(not) = 1"
    assert printer.follow_ups([{"shock": "boycott", "after": 1, "chance": 0.3, "enable": False}]) == (
        "boycott after 1 chance 0.3 enable no"
    )


@pytest.mark.parametrize(
    ("function", "cell", "message", "offset"),
    [
        (parse_condition, "trust >= 4 and a = 1 or b = 2", "'and' and 'or' are mixed", 21),
        (parse_condition, "trust >= x", "expected a whole number, found 'x'", 9),
        (parse_condition, "trust 40", "expected a comparison", 6),
        (parse_condition, "trust >= 1, >= 2", "'>=' is given twice", 12),
        (parse_condition, "Trust > 1", "ids are lower case: write 'trust'", 0),
        (parse_condition, "(trust > 1", "expected ')' to close the parenthesis", 10),
        (parse_condition, "chose()", "expected an action, #tag, or 'role: *'", 6),
        (parse_condition, "trust > 1 extra", "expected the end of the cell", 10),
        (parse_condition, "trust ? 1", "unexpected character '?'", 6),
        (parse_condition, "", "expected a condition, found the end of the cell", 0),
        (parse_effects, "trust 5", "expected +N, -N or = N after 'trust'", 6),
        (parse_effects, "trust +5, trust -1", "'trust' is given twice", 10),
        (parse_effects, 'say "unclosed', "quoted text is not closed", 4),
        (parse_effects, "chance 2 then ()", "a chance is from 0 to 1", 7),
        (parse_effects, "if trust > 1 (trust +1)", "expected 'then'", 13),
        (parse_effects, "pick(1: trust +1)", "the option's label in double quotes", 6),
        (parse_effects, 'say "a\\q"', "unknown escape", 6),
        (parse_follow_ups, "boycott enable maybe", "'yes' or 'no' after 'enable'", 15),
        (parse_id_list, "summit, , talks", "expected an id", 8),
    ],
)
def test_mistakes_name_what_was_expected_and_where(function: Any, cell: str, message: str, offset: int) -> None:
    with pytest.raises(NotationError) as caught:
        function(cell)
    assert message in caught.value.message
    assert caught.value.offset == offset


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("state(posture) is armed", {"state": "posture", "is": "armed"}),
        ("state(posture) >= alert, <= armed", {"state": "posture", "atLeast": "alert", "atMost": "armed"}),
        ("chose(seoul+tokyo: summit)", {"chose": {"roles": ["seoul", "tokyo"], "action": "summit"}}),
        ("chose(seoul+tokyo+beijing: *)", {"chose": {"roles": ["seoul", "tokyo", "beijing"]}}),
    ],
)
def test_format_2_conditions(cell: str, expected: dict[str, Any]) -> None:
    assert parse_condition(cell) == expected
    assert printer.condition(expected) == cell


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("posture = armed, alert = high", [{"setState": {"posture": "armed", "alert": "high"}}]),
        ("posture step +1; alert step -2", [{"stepState": {"posture": 1}}, {"stepState": {"alert": -2}}]),
        ("step = 3", [{"set": {"step": 3}}]),
        ("drift step toward 40 by 2", [{"drift": {"var": "step", "toward": 40, "by": 2}}]),
    ],
)
def test_format_2_effects_and_variables_named_like_their_words(cell: str, expected: list[dict[str, Any]]) -> None:
    assert parse_effects(cell) == expected


def test_a_follow_up_with_a_condition_and_the_mistakes_named() -> None:
    assert parse_follow_ups("boycott after 2 if trust < 40; retaliation") == [
        {"shock": "boycott", "after": 2, "if": {"var": "trust", "below": 40}},
        {"shock": "retaliation"},
    ]
    mistakes = [("state(p) > x", "'is', '>=' or '<='"), ("p step 1", "+N or -N"), ("p = x, q = 3", "the name of a state")]
    for cell, needle in mistakes:
        with pytest.raises(NotationError) as caught:
            (parse_condition if cell.startswith("state") else parse_effects)(cell)
        assert needle in caught.value.message
