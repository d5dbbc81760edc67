"""Read an effects cell of the events-list notation back into the scenario's effects (see docs/events-list.md).

Effects hold conditions (``if``) and nested lists of effects; the conditions are read by
`engine.msel.parser`, the same as a Trigger cell's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from engine.msel.cursor import Cursor, probability
from engine.msel.lexer import NotationError
from engine.msel.parser import condition_of
from engine.msel.printer import NONE

V = TypeVar("V")


def parse_effects(cell: str) -> list[dict[str, Any]]:
    """A whole effects cell: effects separated by ``;``, or ``(none)`` for an empty list."""
    if cell.strip() == NONE:
        return []
    cursor = Cursor(cell)
    if cursor.token.kind == "end":
        raise cursor.fail(f"effects, or {NONE} for no effects")
    result = _effect_list(cursor, ("end",))
    cursor.finish()
    return result


def _effect_list(cursor: Cursor, ends: tuple[str, ...]) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    if cursor.token.kind in ends:
        return result
    while True:
        result.append(_effect(cursor))
        if cursor.token.kind != ";":
            return result
        cursor.take()


def _nested(cursor: Cursor) -> list[dict[str, Any]]:
    cursor.expect("(", "'(' to start a list of effects")
    items = _effect_list(cursor, (")",))
    cursor.expect(")", "')' to close the list of effects (or ';' before another effect)")
    return items


def _effect(cursor: Cursor) -> dict[str, Any]:
    with cursor.nested():
        return _effect_form(cursor)


def _effect_form(cursor: Cursor) -> dict[str, Any]:
    token = cursor.token
    if token.kind != "word":
        raise cursor.fail("an effect (such as 'trust +5', 'say \"...\"' or 'schedule SHOCK')")
    following = cursor.peek()
    word = token.value
    if following.kind in "+-":
        return {"add": _entries(cursor, signed=True)}
    if following.kind == "=" and cursor.peek(2).kind == "word":
        return {"setState": _states(cursor)}
    if following.kind == "=":
        return {"set": _entries(cursor, signed=False)}
    if following.kind == "word" and following.value == "step" and cursor.peek(2).kind in ("+", "-", "number"):
        return {"stepState": _steps(cursor)}
    if following.kind == ".":
        role = cursor.name("a role")
        cursor.take()
        resource = cursor.name("a resource after the '.'")
        if cursor.token.kind not in "+-":
            raise cursor.fail("+N or -N (the change to the resource)")
        return {"gain": {"role": role, "resource": resource, "amount": cursor.integer("a whole number")}}
    if word == "drift" and following.kind == "word":
        cursor.take()
        var = cursor.name("a variable")
        cursor.expect_word("toward")
        toward = cursor.integer("the value to drift toward")
        cursor.expect_word("by")
        return {"drift": {"var": var, "toward": toward, "by": cursor.integer("the most it moves per turn")}}
    if word == "chance" and following.kind == "number":
        cursor.take()
        result: dict[str, Any] = {"chance": probability(cursor)}
        if cursor.token.kind == "text":
            result["label"] = cursor.take().value
        return _then_else(cursor, result)
    if word == "if":
        cursor.take()
        return _then_else(cursor, {"if": condition_of(cursor)})
    if word == "pick" and following.kind == "(":
        return _pick(cursor)
    if word == "schedule" and following.kind == "word":
        cursor.take()
        schedule: dict[str, Any] = {"shock": cursor.name("a shock")}
        if cursor.is_word("after"):
            cursor.take()
            schedule["after"] = cursor.integer("a number of turns")
        return {"schedule": schedule}
    if word in ("enable", "disable", "end") and following.kind == "word":
        cursor.take()
        return {"endShock" if word == "end" else word: cursor.name("a shock")}
    if word == "say" and following.kind == "text":
        cursor.take()
        return {"say": cursor.take().value}
    cursor.take()
    raise cursor.fail(
        f"+N, -N or = N after {word!r} (or a known effect: drift, chance, if, pick, schedule, enable, disable, end, say)"
    )


def _per_variable(cursor: Cursor, value: Callable[[Cursor, str], V]) -> dict[str, V]:
    """``NAME ..., NAME ...``: one value a variable, each read by ``value``; a name given twice is refused."""
    result: dict[str, V] = {}
    while True:
        offset = cursor.token.offset
        name = cursor.name("a variable")
        if name in result:
            raise NotationError(f"{name!r} is given twice in one effect", offset)
        result[name] = value(cursor, name)
        if cursor.token.kind != ",":
            return result
        cursor.take()


def _signed_amount(cursor: Cursor, name: str) -> int:
    if cursor.token.kind not in "+-":
        raise cursor.fail(f"+N or -N after {name!r} (a change is written with its sign)")
    return cursor.integer("a whole number")


def _set_amount(cursor: Cursor, name: str) -> int:
    cursor.expect("=", f"'= N' after {name!r}")
    return cursor.integer("a whole number")


def _entries(cursor: Cursor, *, signed: bool) -> dict[str, int]:
    """``trust +5, stability -2`` (added) or ``alert = 3, trust = 40`` (set)."""
    return _per_variable(cursor, _signed_amount if signed else _set_amount)


def _state(cursor: Cursor, name: str) -> str:
    cursor.expect("=", f"'= STATE' after {name!r}")
    return cursor.name("the name of a state")


def _states(cursor: Cursor) -> dict[str, str]:
    """``posture = armed, alert = high`` (format 2's setState): variables of named states and a state each."""
    return _per_variable(cursor, _state)


def _step(cursor: Cursor, name: str) -> int:
    cursor.expect_word("step")
    if cursor.token.kind not in "+-":
        raise cursor.fail(f"+N or -N after '{name} step' (a number of steps with its sign)")
    return cursor.integer("a whole number of steps")


def _steps(cursor: Cursor) -> dict[str, int]:
    """``posture step +1, alert step -2`` (format 2's stepState): steps up or down the list of states."""
    return _per_variable(cursor, _step)


def _then_else(cursor: Cursor, head: dict[str, Any]) -> dict[str, Any]:
    cursor.expect_word("then")
    head["then"] = _nested(cursor)
    if cursor.is_word("else"):
        cursor.take()
        head["else"] = _nested(cursor)
    return head


def _pick(cursor: Cursor) -> dict[str, Any]:
    """``pick(2 "Hardliners win": trust -5 | 1 "Moderates": trust +2)``."""
    cursor.take()
    cursor.take()
    options = []
    while True:
        weight = cursor.integer("the option's weight (a whole number)")
        label = cursor.expect("text", 'the option\'s label in double quotes, e.g. "Talks fail"').value
        cursor.expect(":", "':' before the option's effects")
        options.append({"weight": weight, "label": label, "effects": _effect_list(cursor, ("|", ")"))})
        if cursor.token.kind != "|":
            break
        cursor.take()
    cursor.expect(")", "'|' before another option or ')' to close pick(...)")
    return {"pick": options}
