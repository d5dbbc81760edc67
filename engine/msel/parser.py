"""Read the events-list notation back into the scenario's JSON forms (see docs/events-list.md): conditions, follow-ups, lists.

A hand-written recursive-descent parser over `engine.msel.lexer` tokens: cells come from
untrusted spreadsheets, so nothing is evaluated, and every mistake is a `NotationError` with
the character where it was found and what was expected there. Effects are read by
`engine.msel.effect_parser`, which uses the conditions read here.
"""

from __future__ import annotations

from typing import Any

from engine.msel.cursor import Cursor, probability
from engine.msel.lexer import NotationError
from engine.msel.printer import BOUNDS, NONE

OPERATOR_KEYS = {op: key for key, op in BOUNDS} | {"==": "equals"}
FUNCTIONS = ("var", "uses", "fired", "score", "active", "chose", "all", "any", "state")


def parse_chance(cell: str) -> int | float:
    """A whole Chance cell: ``0.3`` or ``30%``."""
    cursor = Cursor(cell)
    value = probability(cursor)
    cursor.finish()
    return value


# --- conditions -------------------------------------------------------------------------------


def parse_condition(cell: str) -> dict[str, Any]:
    """A whole condition cell, e.g. ``tension >= 60 and turn >= 3, <= 5``."""
    cursor = Cursor(cell)
    if cursor.token.kind == "end":
        raise cursor.fail("a condition")
    result = condition_of(cursor)
    cursor.finish()
    return result


def condition_of(cursor: Cursor) -> dict[str, Any]:
    """A condition from the cursor on: one test, or several joined by 'and' or by 'or'."""
    first = _unary(cursor)
    if not cursor.is_word("and", "or"):
        return first
    joiner = cursor.token.value
    items = [first]
    while cursor.is_word("and", "or"):
        if cursor.token.value != joiner:
            raise NotationError("'and' and 'or' are mixed: add parentheses to say which goes first", cursor.token.offset)
        cursor.take()
        items.append(_unary(cursor))
    return {"all" if joiner == "and" else "any": items}


def _unary(cursor: Cursor) -> dict[str, Any]:
    with cursor.nested():
        return _unary_form(cursor)


def _unary_form(cursor: Cursor) -> dict[str, Any]:
    if cursor.token.kind == "(":
        cursor.take()
        inner = condition_of(cursor)
        cursor.expect(")", "')' to close the parenthesis")
        return inner
    if cursor.is_word("not") and cursor.peek().kind != ".":
        cursor.take()
        return {"not": _unary(cursor)}
    return _atom(cursor)


def _bounds(cursor: Cursor) -> dict[str, int]:
    """``>= 40, < 60``: one or more operators with whole numbers."""
    result: dict[str, int] = {}
    while True:
        token = cursor.token
        key = OPERATOR_KEYS.get(token.kind)
        if key is None:
            raise cursor.fail("a comparison: >=, >, <=, < or = and a number")
        if key in result:
            raise NotationError(f"{token.value!r} is given twice", token.offset)
        cursor.take()
        result[key] = cursor.integer("a whole number")
        if cursor.token.kind != ",":
            return result
        cursor.take()


STATE_KEYS = {">=": "atLeast", "<=": "atMost"}


def _state_bounds(cursor: Cursor) -> dict[str, str]:
    """``is armed, >= alert, <= armed`` (format 2): states by name, separated by commas."""
    result: dict[str, str] = {}
    while True:
        token = cursor.token
        key = "is" if cursor.is_word("is") else STATE_KEYS.get(token.kind)
        if key is None:
            raise cursor.fail("'is', '>=' or '<=' and a state")
        if key in result:
            raise NotationError(f"{token.value!r} is given twice", token.offset)
        cursor.take()
        result[key] = cursor.name("the name of a state")
        if cursor.token.kind != ",":
            return result
        cursor.take()


def _atom(cursor: Cursor) -> dict[str, Any]:
    token = cursor.token
    if token.kind != "word":
        raise cursor.fail("a condition (a variable, turn, not, '(' or a form such as fired(...))")
    if token.value in ("and", "or"):
        raise NotationError(f"{token.value!r} needs a condition before it", token.offset)
    following = cursor.peek().kind
    if following == "(" and token.value in FUNCTIONS:
        return _function(cursor)
    if following == ".":
        role = cursor.name("a role")
        cursor.take()
        resource = cursor.name("a resource after the '.'")
        return {"resource": resource, "role": role, **_bounds(cursor)}
    if token.value == "turn":
        cursor.take()
        return {"turn": _bounds(cursor)}
    var = cursor.name("a variable")
    return _after_variable(cursor, var)


def _after_variable(cursor: Cursor, var: str) -> dict[str, Any]:
    if cursor.is_word("in"):
        cursor.take()
        return {"inBand": {"var": var, "band": cursor.name("a band of the variable")}}
    return {"var": var, **_bounds(cursor)}


def _function(cursor: Cursor) -> dict[str, Any]:
    name = cursor.take().value
    cursor.take()
    if name in ("all", "any"):
        inner = condition_of(cursor)
        cursor.expect(")", "')'")
        return {name: [inner]}
    if name == "chose":
        chose = _chose(cursor)
        cursor.expect(")", "')'")
        return {"chose": chose}
    if name == "state":
        var = cursor.name("a variable of named states inside state(...)")
        cursor.expect(")", "')'")
        return {"state": var, **_state_bounds(cursor)}
    target = cursor.name(f"the id inside {name}(...)")
    if name == "var":
        cursor.expect(")", "')'")
        return _after_variable(cursor, target)
    if name == "active":
        cursor.expect(")", "')'")
        return {"active": target}
    result: dict[str, Any] = {name: target}
    if name == "uses" and cursor.is_word("by"):
        cursor.take()
        result["role"] = cursor.name("a role after 'by'")
    cursor.expect(")", "')'")
    return {**result, **_bounds(cursor)}


def _chose(cursor: Cursor) -> dict[str, Any]:
    """``seoul: summit #tag``, ``summit``, ``#tag``, ``seoul: *``; format 2's joint ``seoul+tokyo: summit``."""
    result: dict[str, Any] = {}
    if cursor.token.kind == "word" and cursor.peek().kind in (":", "+"):
        roles = [cursor.name("a role")]
        while cursor.token.kind == "+":
            cursor.take()
            roles.append(cursor.name("a role after '+'"))
        if len(roles) > 1:
            result["roles"] = roles
        else:
            result["role"] = roles[0]
        cursor.expect(":", "':' after the roles")
        if cursor.token.kind == "*":
            cursor.take()
            return result
    if cursor.token.kind == "word":
        result["action"] = cursor.name("an action")
    if cursor.token.kind == "#":
        cursor.take()
        result["tag"] = cursor.name("a tag after '#'")
    if "action" not in result and "tag" not in result:
        raise cursor.fail("an action, #tag, or 'role: *'")
    return result


# --- follow-ups and lists -------------------------------------------------------------------------


def parse_follow_ups(cell: str) -> list[dict[str, Any]]:
    """``boycott after 1 chance 0.3 enable yes; retaliation``, or ``(none)``; format 2's ``... if COND``."""
    if cell.strip() == NONE:
        return []
    cursor = Cursor(cell)
    result: list[dict[str, Any]] = []
    while True:
        item: dict[str, Any] = {"shock": cursor.name("a shock to follow up with")}
        while cursor.is_word("after", "chance", "enable", "if"):
            key = cursor.take().value
            if key in item:
                raise NotationError(f"{key!r} is given twice", cursor.items[cursor.index - 1].offset)
            if key == "if":
                item["if"] = condition_of(cursor)
            elif key == "after":
                item["after"] = cursor.integer("a number of turns")
            elif key == "chance":
                item["chance"] = probability(cursor)
            elif cursor.is_word("yes", "no"):
                item["enable"] = cursor.take().value == "yes"
            else:
                raise cursor.fail("'yes' or 'no' after 'enable'")
        result.append(item)
        if cursor.token.kind != ";":
            cursor.finish()
            return result
        cursor.take()


def parse_id_list(cell: str) -> list[str]:
    """Ids separated by commas (or semicolons), or ``(none)``."""
    if cell.strip() == NONE:
        return []
    cursor = Cursor(cell)
    result = [cursor.name("an id")]
    while cursor.token.kind in (",", ";"):
        cursor.take()
        result.append(cursor.name("an id"))
    cursor.finish()
    return result
