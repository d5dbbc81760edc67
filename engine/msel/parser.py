"""Read the events-list notation back into the scenario's JSON forms (see docs/events-list.md).

A hand-written recursive-descent parser over `engine.msel.lexer` tokens: cells come from
untrusted spreadsheets, so nothing is evaluated, and every mistake is a `NotationError` with
the character where it was found and what was expected there.
"""

from __future__ import annotations

import contextlib
import decimal
from collections.abc import Iterator
from typing import Any

from engine.msel.lexer import NotationError, Token, tokens
from engine.msel.printer import BOUNDS, NONE

OPERATOR_KEYS = {op: key for key, op in BOUNDS} | {"==": "equals"}
FUNCTIONS = ("var", "uses", "fired", "score", "active", "chose", "all", "any")
MAX_DIGITS = 15
"""Longer whole numbers are refused here; the scenario's own bounds (a billion) are checked by the loader."""
MAX_CHANCE_CHARS = 40
MAX_DEPTH = 40
"""How deeply conditions and effect lists may nest in one cell; far beyond any real trigger."""


class _Cursor:
    """Tokens of one cell and the position being read."""

    def __init__(self, cell: str) -> None:
        self.items = tokens(cell)
        self.index = 0
        self.depth = 0

    @contextlib.contextmanager
    def nested(self) -> Iterator[None]:
        """One more level of nesting while inside; cells nested beyond `MAX_DEPTH` are refused."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise NotationError(f"nested more than {MAX_DEPTH} levels deep; split it into simpler parts", self.token.offset)
        try:
            yield
        finally:
            self.depth -= 1

    @property
    def token(self) -> Token:
        return self.items[self.index]

    def peek(self, ahead: int = 1) -> Token:
        return self.items[min(self.index + ahead, len(self.items) - 1)]

    def take(self) -> Token:
        token = self.token
        self.index = min(self.index + 1, len(self.items) - 1)
        return token

    def is_word(self, *words: str) -> bool:
        return self.token.kind == "word" and self.token.value in words

    def fail(self, expected: str) -> NotationError:
        token = self.token
        found = "the end of the cell" if token.kind == "end" else repr(token.value)
        return NotationError(f"expected {expected}, found {found}", token.offset)

    def expect(self, kind: str, expected: str) -> Token:
        if self.token.kind != kind:
            raise self.fail(expected)
        return self.take()

    def expect_word(self, word: str) -> None:
        if not self.is_word(word):
            raise self.fail(f"'{word}'")
        self.take()

    def name(self, what: str) -> str:
        """An id: lower-case words joined by hyphens."""
        token = self.expect("word", what)
        if token.value != token.value.lower():
            raise NotationError(f"ids are lower case: write {token.value.lower()!r}", token.offset)
        return token.value

    def integer(self, what: str) -> int:
        """A whole number with an optional sign."""
        sign = -1 if self.token.kind == "-" else 1
        if self.token.kind in "+-" and self.peek().kind == "number":
            self.take()
        token = self.expect("number", what)
        if not token.value.isdigit():
            raise NotationError(f"expected a whole number, found {token.value!r}", token.offset)
        if len(token.value) > MAX_DIGITS:
            raise NotationError(f"{token.value[:20]}... is too large a number", token.offset)
        return sign * int(token.value)

    def finish(self) -> None:
        if self.token.kind != "end":
            raise self.fail("the end of the cell (or ';' before another item)" if self.token.kind != ")" else "no ')' here")


def probability(cursor: _Cursor) -> int | float:
    """A chance: ``0.3``, ``1``, ``1e-05`` or ``30%``; whole numbers stay whole so they print back the same."""
    token = cursor.expect("number", "a chance such as 0.3 or 30%")
    too_large = NotationError(f"a chance is from 0 to 1 (or 0% to 100%), found {token.value[:20]}", token.offset)
    if len(token.value) > MAX_CHANCE_CHARS:
        raise too_large
    try:
        if cursor.token.kind == "%":
            cursor.take()
            value: int | float = float(decimal.Decimal(token.value) / 100)
        elif token.value.isdigit():
            value = int(token.value)
        else:
            value = float(token.value)
    except ArithmeticError:
        raise too_large from None
    if not 0 <= value <= 1:
        raise NotationError(f"a chance is from 0 to 1 (or 0% to 100%), found {token.value}", token.offset)
    return value


def parse_chance(cell: str) -> int | float:
    """A whole Chance cell: ``0.3`` or ``30%``."""
    cursor = _Cursor(cell)
    value = probability(cursor)
    cursor.finish()
    return value


# --- conditions -------------------------------------------------------------------------------


def parse_condition(cell: str) -> dict[str, Any]:
    """A whole condition cell, e.g. ``tension >= 60 and turn >= 3, <= 5``."""
    cursor = _Cursor(cell)
    if cursor.token.kind == "end":
        raise cursor.fail("a condition")
    result = _condition(cursor)
    cursor.finish()
    return result


def _condition(cursor: _Cursor) -> dict[str, Any]:
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


def _unary(cursor: _Cursor) -> dict[str, Any]:
    with cursor.nested():
        return _unary_form(cursor)


def _unary_form(cursor: _Cursor) -> dict[str, Any]:
    if cursor.token.kind == "(":
        cursor.take()
        inner = _condition(cursor)
        cursor.expect(")", "')' to close the parenthesis")
        return inner
    if cursor.is_word("not") and cursor.peek().kind != ".":
        cursor.take()
        return {"not": _unary(cursor)}
    return _atom(cursor)


def _bounds(cursor: _Cursor) -> dict[str, int]:
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


def _atom(cursor: _Cursor) -> dict[str, Any]:
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


def _after_variable(cursor: _Cursor, var: str) -> dict[str, Any]:
    if cursor.is_word("in"):
        cursor.take()
        return {"inBand": {"var": var, "band": cursor.name("a band of the variable")}}
    return {"var": var, **_bounds(cursor)}


def _function(cursor: _Cursor) -> dict[str, Any]:
    name = cursor.take().value
    cursor.take()
    if name in ("all", "any"):
        inner = _condition(cursor)
        cursor.expect(")", "')'")
        return {name: [inner]}
    if name == "chose":
        chose = _chose(cursor)
        cursor.expect(")", "')'")
        return {"chose": chose}
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


def _chose(cursor: _Cursor) -> dict[str, str]:
    """``seoul: summit #tag``, ``summit``, ``#tag``, ``seoul: *``."""
    result: dict[str, str] = {}
    if cursor.token.kind == "word" and cursor.peek().kind == ":":
        result["role"] = cursor.name("a role")
        cursor.take()
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


# --- effects ------------------------------------------------------------------------------------


def parse_effects(cell: str) -> list[dict[str, Any]]:
    """A whole effects cell: effects separated by ``;``, or ``(none)`` for an empty list."""
    if cell.strip() == NONE:
        return []
    cursor = _Cursor(cell)
    if cursor.token.kind == "end":
        raise cursor.fail(f"effects, or {NONE} for no effects")
    result = _effect_list(cursor, ("end",))
    cursor.finish()
    return result


def _effect_list(cursor: _Cursor, ends: tuple[str, ...]) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    if cursor.token.kind in ends:
        return result
    while True:
        result.append(_effect(cursor))
        if cursor.token.kind != ";":
            return result
        cursor.take()


def _nested(cursor: _Cursor) -> list[dict[str, Any]]:
    cursor.expect("(", "'(' to start a list of effects")
    items = _effect_list(cursor, (")",))
    cursor.expect(")", "')' to close the list of effects (or ';' before another effect)")
    return items


def _effect(cursor: _Cursor) -> dict[str, Any]:
    with cursor.nested():
        return _effect_form(cursor)


def _effect_form(cursor: _Cursor) -> dict[str, Any]:
    token = cursor.token
    if token.kind != "word":
        raise cursor.fail("an effect (such as 'trust +5', 'say \"...\"' or 'schedule SHOCK')")
    following = cursor.peek()
    word = token.value
    if following.kind in "+-":
        return {"add": _entries(cursor, signed=True)}
    if following.kind == "=":
        return {"set": _entries(cursor, signed=False)}
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
        return _then_else(cursor, {"if": _condition(cursor)})
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


def _entries(cursor: _Cursor, *, signed: bool) -> dict[str, int]:
    """``trust +5, stability -2`` (added) or ``alert = 3, trust = 40`` (set)."""
    result: dict[str, int] = {}
    while True:
        offset = cursor.token.offset
        name = cursor.name("a variable")
        if name in result:
            raise NotationError(f"{name!r} is given twice in one effect", offset)
        if signed:
            if cursor.token.kind not in "+-":
                raise cursor.fail(f"+N or -N after {name!r} (a change is written with its sign)")
        else:
            cursor.expect("=", f"'= N' after {name!r}")
        result[name] = cursor.integer("a whole number")
        if cursor.token.kind != ",":
            return result
        cursor.take()


def _then_else(cursor: _Cursor, head: dict[str, Any]) -> dict[str, Any]:
    cursor.expect_word("then")
    head["then"] = _nested(cursor)
    if cursor.is_word("else"):
        cursor.take()
        head["else"] = _nested(cursor)
    return head


def _pick(cursor: _Cursor) -> dict[str, Any]:
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


# --- follow-ups and lists -------------------------------------------------------------------------


def parse_follow_ups(cell: str) -> list[dict[str, Any]]:
    """``boycott after 1 chance 0.3 enable yes; retaliation``, or ``(none)``."""
    if cell.strip() == NONE:
        return []
    cursor = _Cursor(cell)
    result: list[dict[str, Any]] = []
    while True:
        item: dict[str, Any] = {"shock": cursor.name("a shock to follow up with")}
        while cursor.is_word("after", "chance", "enable"):
            key = cursor.take().value
            if key in item:
                raise NotationError(f"{key!r} is given twice", cursor.items[cursor.index - 1].offset)
            if key == "after":
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
    cursor = _Cursor(cell)
    result = [cursor.name("an id")]
    while cursor.token.kind in (",", ";"):
        cursor.take()
        result.append(cursor.name("an id"))
    cursor.finish()
    return result
