"""Decision options (``A) Pay; B) Refuse``) as the actions an inject opens to its recipients, and branches as follow-ups.

Many events lists end an inject with a poll: the players choose one of a few options. In the
scenario each option is an action the recipient roles may take while the inject is in progress
(``unlockedBy``), one of them per turn (``excludes``) and once (``limit``). An option may name
the inject it leads to (``Pay -> ransom-paid``, ``Refuse (go to 7)``, or the Next Inject column,
in the options' order): choosing it schedules that inject for the next turn, so a branching
scenario imports as it was written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from engine.load.diagnostics import Diagnostic
from engine.msel.header import problem
from engine.msel.ids import slug
from engine.msel.nearest import Nearest
from engine.msel.table import Row, Table

LABEL = re.compile(r"^\s*(?:\(?(?:[A-Za-z]|[0-9]{1,2})[).:](?:\s+|$)|[-*\u2022]\s+)")
"""An option's own letter or number (``A)``, ``(b)``, ``1.``, ``-``), which the action's label leaves out."""
INLINE = re.compile(r"\s+(?=\(?[A-H][).]\s)")
"""Where one option ends and the next begins when a cell writes them on one line: ``A) Pay B) Refuse``."""
NEXT = re.compile(r"\s*(?:->|\u2192|=>)\s*(?P<a>[^()]+?)\s*$|\s*\((?:go\s*to|goto|next:?|then)\s+(?P<b>[^()]+?)\)\s*$", re.I)
MAX_OPTIONS = 12
MAX_LABEL = 200
MAX_ID = 64


class OptionError(ValueError):
    """An options cell (or its next-inject cell) that cannot be read; the message says why."""


@attrs.frozen
class Option:
    """One option as the list writes it: its label, and the inject it leads to (as written), if any."""

    label: str
    next: str | None = None


def _parts(cell: str, separators: str = r"[;\n|]") -> list[str]:
    parts = [part.strip() for part in re.split(separators, cell) if part.strip()]
    if len(parts) == 1:
        parts = [part.strip() for part in INLINE.split(parts[0]) if part.strip()]
    return parts


def parse_options(cell: str, next_cell: str = "") -> list[Option]:
    """The options of a cell (``A) Pay -> paid; B) Refuse``), with the Next Inject cell's items in the same order."""
    options = []
    for part in _parts(cell):
        label = LABEL.sub("", part, count=1).strip()
        found = NEXT.search(label)
        target = None
        if found is not None:
            target = (found.group("a") or found.group("b")).strip()
            label = label[: found.start()].strip()
        if not label:
            raise OptionError(f"option {part!r} has no words; write the options as 'A) Pay; B) Refuse'")
        if len(label) > MAX_LABEL:
            raise OptionError(f"option {label[:40]!r}... is {len(label)} characters; an action's label has at most {MAX_LABEL}")
        options.append(Option(label, target))
    if len(options) > MAX_OPTIONS:
        raise OptionError(f"{len(options)} options; an inject offers at most {MAX_OPTIONS}")
    targets = [LABEL.sub("", part, count=1).strip() for part in _parts(next_cell, r"[;,\n|]")] if next_cell.strip() else []
    if len(targets) > len(options):
        raise OptionError(f"the next-inject cell names {len(targets)} injects for {len(options)} options")
    for index, target in enumerate(targets):
        if options[index].next is not None and options[index].next != target:
            raise OptionError(f"option {options[index].label!r} leads to {options[index].next!r} and to {target!r}; keep one")
        options[index] = Option(options[index].label, target)
    return options


def _action_id(shock: str, label: str, index: int, taken: set[str]) -> str:
    words = slug(label) or f"option-{index}"
    stem = f"{shock}-{words}"[:MAX_ID].rstrip("-")
    candidate, count = stem, 1
    while candidate in taken:
        count += 1
        suffix = f"-{count}"
        candidate = stem[: MAX_ID - len(suffix)].rstrip("-") + suffix
    taken.add(candidate)
    return candidate


class Injects:
    """The injects options may lead to: by id (suggestions from an index, so a long list stays linear), and by number."""

    def __init__(self, ids: Iterable[str], numbers: Mapping[str, str]) -> None:
        self.ids = Nearest(ids)
        self.numbers = numbers

    def resolve(self, target: str) -> str:
        """The inject id an option leads to, written as an id or as the list's number; raise OptionError if none."""
        written = target.strip()
        key = re.sub(r"^(?:inject|card|no\.?|#)\s*", "", written, flags=re.I).strip()
        if written in self.ids:
            return written
        if key in self.numbers:
            return self.numbers[key]
        guess = self.ids.suggest(written)
        hint = f"; did you mean {guess!r}?" if guess else ""
        raise OptionError(f"an option leads to {written!r}, which is no inject of the list (by id or number){hint}")


def decision_actions(
    shock: Mapping[str, Any], options: Sequence[Option], roles: Sequence[str], injects: Injects, taken: set[str]
) -> list[dict[str, Any]]:
    """The actions an inject's options become, for ``roles``; raise OptionError for an option leading nowhere."""
    ids = [_action_id(shock["id"], option.label, index, taken) for index, option in enumerate(options, start=1)]
    actions = []
    for action_id, option in zip(ids, options, strict=True):
        effects: list[dict[str, Any]] = []
        if option.next is not None:
            effects.append({"schedule": {"shock": injects.resolve(option.next), "after": 1}})
        action: dict[str, Any] = {
            "id": action_id,
            "label": option.label,
            "description": f"An option of {shock['title']!r}, open while it is in progress.",
            "roles": list(roles),
            "unlockedBy": [shock["id"]],
            "limit": 1,
            "effects": effects,
        }
        others = [other for other in ids if other != action_id]
        if others:
            action["excludes"] = others
        actions.append(action)
    return actions


def add_decisions(
    table: Table,
    entries: Sequence[tuple[Row, dict[str, Any]]],
    document: dict[str, Any],
    diagnostics: list[Diagnostic],
    base_ids: Iterable[str] = (),
) -> None:
    """Add to ``document`` the actions of every row's options (replacing those an earlier import made of the same inject)."""
    if "options" not in table.positions:
        if "next" in table.positions:
            message = (
                f"column {table.header_of('next')!r} gives the inject each decision option leads to, but the list has "
                "no options column; it is ignored (map the options with --column options=HEADER)"
            )
            diagnostics.append(
                problem(table.label, table.header_row, table.column_of("next"), "msel-unknown-column", message, warning=True)
            )
        return
    shocks = [shock for _, shock in entries]
    every = [str(role["id"]) for role in document.get("roles", []) if isinstance(role, dict) and "id" in role]
    numbers = {row.cells.get("serial", "").strip(): shock["id"] for row, shock in entries if row.cells.get("serial", "").strip()}
    injects = Injects([*base_ids, *(shock["id"] for shock in shocks)], numbers)  # the base's when appending
    opened = {shock["id"] for row, shock in entries if row.cells.get("options", "").strip()}
    current = [action for action in document.get("actions", []) if isinstance(action, dict)]
    taken = {str(action.get("id")) for action in current if not _made_for(action, opened)}
    made: list[dict[str, Any]] = []
    for row, shock in entries:
        cell = row.cells.get("options", "")
        if not cell.strip():
            continue
        try:
            options = parse_options(cell, row.cells.get("next", ""))
            made.extend(decision_actions(shock, options, shock.get("audience") or every, injects, taken))
        except OptionError as error:
            header = f'column "{table.header_of("options")}": '
            diagnostics.append(
                problem(table.label, row.number, table.column_of("options"), "msel-bad-value", header + str(error))
            )
    if opened:
        document["actions"] = _replaced(current, made, opened)


def _replaced(current: Sequence[dict[str, Any]], made: Sequence[dict[str, Any]], opened: set[str]) -> list[dict[str, Any]]:
    """The actions with those an earlier import made of ``opened`` injects replaced in place, and new ones after."""
    fresh = {action["id"]: action for action in made}
    result = []
    for action in current:
        if not _made_for(action, opened):
            result.append(action)
        elif action["id"] in fresh:
            result.append(fresh.pop(action["id"]))
    return [*result, *fresh.values()]


def options_cell(document: Mapping[str, Any], shock: Mapping[str, Any]) -> str:
    """The Decision Options cell of an inject: its options' actions as import would make them again, else empty.

    Only actions exactly as import makes them are written, so that importing the cell gives them
    back unchanged; an option edited by hand in the scenario is left to the scenario.
    """
    actions = [action for action in document.get("actions", []) if _made_for(action, {shock["id"]})]
    if not actions or len(actions) > MAX_OPTIONS:
        return ""
    parts = []
    for letter, action in zip("ABCDEFGHIJKL", actions, strict=False):
        effects = action.get("effects", [])
        schedule = effects[0].get("schedule", {}) if len(effects) == 1 and isinstance(effects[0], dict) else {}
        if effects and not (set(effects[0]) == {"schedule"} and set(schedule) == {"shock", "after"} and schedule["after"] == 1):
            return ""
        parts.append(f"{letter}) {action.get('label', '')}" + (f" -> {schedule['shock']}" if schedule else ""))
    cell = "; ".join(parts)
    every = [str(role.get("id")) for role in document.get("roles", []) if isinstance(role, dict)]
    taken = {str(action.get("id")) for action in document.get("actions", []) if action not in actions}
    injects = Injects((str(item.get("id")) for item in document.get("shocks", []) if isinstance(item, dict)), {})
    try:
        remade = decision_actions(shock, parse_options(cell), shock.get("audience") or every, injects, taken)
    except OptionError:
        return ""
    return cell if remade == actions else ""


def _made_for(action: object, shocks: set[str]) -> bool:
    """Whether an action is an option an earlier import made of one of these injects (so importing again replaces it)."""
    if not isinstance(action, dict) or len(action.get("unlockedBy", [])) != 1:
        return False
    shock = action["unlockedBy"][0]
    return shock in shocks and str(action.get("id", "")).startswith(f"{shock}-") and action.get("limit") == 1
