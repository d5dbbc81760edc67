"""The team's picture as typed values, read from the observation JSON the server sends.

The seat has nothing but this JSON, and it comes from the network: the reader is strict about
types (a count is an int, never a bool or a float), tolerant of what it does not know (fields a
newer server adds are ignored, optional ones may be missing) and never raises. A bad value is left
out or given a neutral default and said in `Reading.problems`, which the console shows as an error
line. Every string is cleaned for the terminal (`tui.seat.text`) as it is read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, get_args

import attrs

from engine.core.model import Tone
from tui.seat.text import clean_block, clean_line

TONES: tuple[str, ...] = get_args(Tone)
MOST = 500
"""The most items of one list the seat reads (variables, shocks and actions are far fewer)."""
LOG_MOST = 5_000
"""The most log lines the seat reads (a year of the default scenario writes about 500 a team); past
it, the latest are kept, since the end of a log is what a team reads."""


def words(identifier: str) -> str:
    """An id as words for a label the JSON does not give: "political-capital" → "Political capital"."""
    text = identifier.replace("-", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


@attrs.frozen
class SeatVariable:
    """A variable the team may see, with its band (a tone, unit, polarity and named states only if
    the server sends them: a server before they were sent leaves them out)."""

    id: str
    label: str
    value: int
    min: int
    max: int
    band: str | None
    tone: Tone = "neutral"
    unit: str = ""
    polarity: str = "neutral"
    states: tuple[str, ...] = ()
    """A variable of named states: their names in order, the value being a position; else empty."""


@attrs.frozen
class SeatShock:
    """A shock in progress addressed to the team or to everyone."""

    id: str
    title: str
    category: str
    narrative: str
    turns_left: int


@attrs.frozen
class SeatAction:
    """An action the team may take, with its costs, or why it may not now."""

    action: str
    label: str
    cost: int
    spend: tuple[tuple[str, int], ...]
    """(resource id, amount) paid when resolved."""
    joint: bool
    available: bool
    code: str | None
    reason: str | None

    @property
    def spend_labels(self) -> tuple[tuple[str, int], ...]:
        """The resources in words (the JSON names them by id)."""
        return tuple((words(resource), amount) for resource, amount in self.spend)


@attrs.frozen
class SeatObjective:
    """An objective the team may know of: its own (public or private), or another team's public one."""

    role: str
    id: str
    text: str
    met: bool
    private: bool = False


@attrs.frozen
class Picture:
    """One team's picture of the game, as its seat shows it."""

    role: str
    role_name: str
    turn: int
    turn_count: int
    turn_heading: str
    ended: bool
    outcome: str | None
    variables: tuple[SeatVariable, ...] = ()
    resources: tuple[tuple[str, int], ...] = ()
    score: int | None = None
    objectives: tuple[SeatObjective, ...] = ()
    shocks: tuple[SeatShock, ...] = ()
    orders: tuple[str, ...] | None = None
    last_orders: tuple[tuple[str, tuple[str, ...]], ...] = ()
    actions: tuple[SeatAction, ...] = ()
    log: tuple[str, ...] = ()
    briefing: str = ""
    """The team's private briefing (Markdown), when the server sends one."""
    budget: int | None = None
    """Action points per turn, when the server sends them."""

    def own_objectives(self) -> tuple[SeatObjective, ...]:
        return tuple(objective for objective in self.objectives if objective.role == self.role)

    def action(self, action_id: str) -> SeatAction | None:
        return next((option for option in self.actions if option.action == action_id), None)

    def cost(self, actions: tuple[str, ...]) -> int:
        """The points these actions cost (those the picture does not list count nothing)."""
        return sum(option.cost for action in actions if (option := self.action(action)) is not None)


@attrs.frozen
class Reading:
    """The picture read from JSON (None when not even the role and turn could be read), and what was wrong."""

    picture: Picture | None
    problems: tuple[str, ...]


class _Reader:
    """Reads fields of JSON objects, noting every problem instead of raising."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def reading(self, picture: Picture | None) -> Reading:
        """The result, its problems printable too (they quote the server's keys)."""
        return Reading(picture, tuple(clean_line(problem) for problem in self.problems))

    def bad(self, where: str, wanted: str, value: object) -> None:
        self.problems.append(f"{where}: expected {wanted}, got {type(value).__name__}")

    def integer(
        self, data: Mapping[str, Any], key: str, where: str, default: int | None = 0, *, required: bool = False
    ) -> int | None:
        """The whole number at ``key``; ``default`` when it is missing (a problem if ``required``) or bad."""
        if key not in data:
            if required:
                self.problems.append(f"{where}.{key}: missing")
            return default
        value = data[key]
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self.bad(f"{where}.{key}", "a whole number", value)
        return default

    def text(
        self, data: Mapping[str, Any], key: str, where: str, *, block: bool = False, default: str = "", required: bool = False
    ) -> str:
        """Cleaned text at ``key``; ``default`` when it is missing (a problem if ``required``) or not text."""
        if key not in data and required:
            self.problems.append(f"{where}.{key}: missing")
            return default
        value = data.get(key, default)
        if isinstance(value, str):
            return clean_block(value) if block else clean_line(value)
        self.bad(f"{where}.{key}", "text", value)
        return default

    def maybe_text(self, data: Mapping[str, Any], key: str, where: str) -> str | None:
        return None if data.get(key) is None else self.text(data, key, where)

    def flag(self, data: Mapping[str, Any], key: str, where: str) -> bool:
        value = data.get(key, False)
        if isinstance(value, bool):
            return value
        self.bad(f"{where}.{key}", "true or false", value)
        return False

    def items(self, data: Mapping[str, Any], key: str, where: str, most: int = MOST, *, latest: bool = False) -> list[Any]:
        """The list's items, at most ``most`` of them: the first, or with ``latest`` the last."""
        value = data.get(key, [])
        if not isinstance(value, list):
            self.bad(f"{where}.{key}", "a list", value)
            return []
        if len(value) <= most:
            return value
        self.problems.append(f"{where}.{key}: {len(value)} items; the {'last' if latest else 'first'} {most} are shown")
        return value[-most:] if latest else value[:most]

    def table(self, data: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
        value = data.get(key, {})
        if isinstance(value, dict):
            return dict(list(value.items())[:MOST])
        self.bad(f"{where}.{key}", "an object", value)
        return {}

    def objects(self, data: Mapping[str, Any], key: str, where: str) -> list[tuple[str, Mapping[str, Any]]]:
        """The list's objects with where each is; anything else in it is a problem."""
        found: list[tuple[str, Mapping[str, Any]]] = []
        for index, item in enumerate(self.items(data, key, where)):
            if isinstance(item, dict):
                found.append((f"{where}.{key}[{index}]", item))
            else:
                self.bad(f"{where}.{key}[{index}]", "an object", item)
        return found

    def ids(self, value: object, where: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.bad(where, "a list of ids", value)
            return ()
        return tuple(clean_line(item, 100) for item in value[:MOST])


def read_observation(data: object) -> Reading:
    """The team's picture from an observation's JSON (``Observation.to_json()`` on the server)."""
    read = _Reader()
    if not isinstance(data, dict):
        read.bad("observation", "an object", data)
        return read.reading(None)
    where = "observation"
    role = read.text(data, "role", where, required=True)
    turn = read.integer(data, "turn", where, default=None, required=True)
    if not role or turn is None:
        read.problems.insert(0, "observation: no role or turn; nothing to show")
        return read.reading(None)
    picture = Picture(
        role=role,
        role_name=read.text(data, "roleName", where) or words(role),
        turn=turn,
        turn_count=read.integer(data, "turnCount", where) or 0,
        turn_heading=read.text(data, "turnHeading", where) or f"Turn {turn}",
        ended=read.flag(data, "ended", where),
        outcome=read.maybe_text(data, "outcome", where),
        variables=tuple(_variables(read, data)),
        resources=tuple(
            (clean_line(key, 100), amount)
            for key, amount in read.table(data, "resources", where).items()
            if _counted(read, f"{where}.resources.{key}", amount)
        ),
        score=read.integer(data, "score", where, default=None),
        objectives=tuple(_objectives(read, data.get("objectives", []), role)),
        shocks=tuple(_shocks(read, data)),
        orders=None if data.get("orders") is None else read.ids(data["orders"], f"{where}.orders"),
        last_orders=tuple(
            (clean_line(team, 100), read.ids(actions, f"{where}.lastOrders.{team}"))
            for team, actions in read.table(data, "lastOrders", where).items()
        ),
        actions=tuple(_actions(read, data)),
        log=tuple(_lines(read, data, "log", where)),
        briefing=read.text(data, "briefing", where, block=True) if data.get("briefing") is not None else "",
        budget=read.integer(data, "budget", where, default=None),
    )
    return read.reading(picture)


def _counted(read: _Reader, where: str, value: object) -> bool:
    if isinstance(value, int) and not isinstance(value, bool):
        return True
    read.bad(where, "a whole number", value)
    return False


def _lines(read: _Reader, data: Mapping[str, Any], key: str, where: str) -> list[str]:
    lines = []
    for index, line in enumerate(read.items(data, key, where, LOG_MOST, latest=True)):
        if isinstance(line, str):
            lines.append(clean_line(line, 2_000))
        else:
            read.bad(f"{where}.{key}[{index}]", "text", line)
    return lines


def _variables(read: _Reader, data: Mapping[str, Any]) -> list[SeatVariable]:
    found = []
    for where, item in read.objects(data, "variables", "observation"):
        before = len(read.problems)
        low, high, value = (read.integer(item, key, where, required=True) for key in ("min", "max", "value"))
        tone = item.get("tone", "neutral")
        if tone not in TONES:
            read.bad(f"{where}.tone", "a tone", tone)
            tone = "neutral"
        variable = SeatVariable(
            id=read.text(item, "id", where, required=True),
            label=read.text(item, "label", where, required=True),
            value=value or 0,
            min=low or 0,
            max=high or 0,
            band=read.maybe_text(item, "band", where),
            tone=tone,
            unit=read.text(item, "unit", where),
            polarity=read.text(item, "polarity", where) or "neutral",
            states=_states(read, item, where),
        )
        if variable.max <= variable.min:
            read.problems.append(f"{where}: its range {variable.min} to {variable.max} is empty")
        elif variable.states and (variable.min, variable.max) != (0, len(variable.states) - 1):
            read.problems.append(f"{where}: {len(variable.states)} states for the range {variable.min} to {variable.max}")
        elif len(read.problems) == before:  # a variable with a bad field is left out, not drawn wrong
            found.append(variable)
    return found


def _states(read: _Reader, item: Mapping[str, Any], where: str) -> tuple[str, ...]:
    """A variable's named states (none when it has none, or when the server sends none)."""
    names = read.items(item, "states", where)
    for index, name in enumerate(names):
        if not isinstance(name, str):
            read.bad(f"{where}.states[{index}]", "text", name)
            return ()
    return tuple(clean_line(name) for name in names)


def _shocks(read: _Reader, data: Mapping[str, Any]) -> list[SeatShock]:
    return [
        SeatShock(
            id=read.text(item, "id", where, required=True),
            title=read.text(item, "title", where, required=True),
            category=read.text(item, "category", where),
            narrative=read.text(item, "narrative", where, block=True),
            turns_left=read.integer(item, "turnsLeft", where) or 0,
        )
        for where, item in read.objects(data, "shocks", "observation")
    ]


def _actions(read: _Reader, data: Mapping[str, Any]) -> list[SeatAction]:
    found = []
    for where, item in read.objects(data, "actions", "observation"):
        action = read.text(item, "action", where, default="")
        if not action:
            read.problems.append(f"{where}: an action without an id is left out")
            continue
        spend = read.table(item, "spend", where)
        found.append(
            SeatAction(
                action=action,
                label=read.text(item, "label", where) or words(action),
                cost=read.integer(item, "cost", where) or 0,
                spend=tuple(
                    (clean_line(key, 100), amount)
                    for key, amount in spend.items()
                    if _counted(read, f"{where}.spend.{key}", amount)
                ),
                joint=read.flag(item, "joint", where),
                available=read.flag(item, "available", where),
                code=read.maybe_text(item, "code", where),
                reason=read.maybe_text(item, "reason", where),
            )
        )
    return found


def _objectives(read: _Reader, value: object, role: str) -> list[SeatObjective]:
    """Objectives as a list of ``{role, id, description, met, visibility}``, or as ``{id: met}`` (the
    team's own, as servers before objective visibility sent them)."""
    found = []
    if isinstance(value, dict):
        for key, met in list(value.items())[:MOST]:
            if isinstance(met, bool):
                found.append(SeatObjective(role, clean_line(key, 100), words(clean_line(key, 100)), met))
            else:
                read.bad(f"observation.objectives.{key}", "true or false", met)
        return found
    for where, item in read.objects({"objectives": value}, "objectives", "observation"):
        identifier = read.text(item, "id", where, required=True)
        text = read.text(item, "description", where) or words(identifier)
        owner = read.text(item, "role", where) or role
        private = read.text(item, "visibility", where) == "private"
        found.append(SeatObjective(owner, identifier, text, read.flag(item, "met", where), private))
    return found
