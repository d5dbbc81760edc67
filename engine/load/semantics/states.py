"""Named states (format 2): a variable declared with an ordered list of states, and the forms that name them.

A variable of named states holds the position of its state, so its bounds are its first and last
state and its bands are its states: it takes no min, max or bands of its own. Every name used for
a state must be one of that variable's states, with a "did you mean" as for every other name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engine.load.jsonpos import escape_pointer_token
from engine.load.semantics.context import Check
from engine.load.semantics.reading import is_number, whole
from engine.load.semantics.references import ref
from engine.load.semantics.versions import needs_format_2

STATE_BOUNDS = ("is", "atLeast", "atMost")
"""The bounds of a state test, each naming a state."""


def state_variable(check: Check, pointer: str, var: Mapping[str, Any]) -> None:
    """Check a variable of named states: format 2, no bounds or bands of its own, distinct states, a known initial state."""
    needs_format_2(check, f"{pointer}/states", "a variable's states")
    for key in ("min", "max", "bands"):
        if key in var:
            check.report(
                f"{pointer}/{key}",
                "states-with-bounds",
                f"a variable of named states takes no {key}: its states are its range and its bands",
                key=True,
            )
    states = var.get("states")
    if not isinstance(states, list):
        return
    seen: set[str] = set()
    for index, state in enumerate(states):
        if not isinstance(state, str):
            continue  # the schema reports a state that is not a name
        if state in seen:
            check.report(f"{pointer}/states/{index}", "duplicate-id", f"duplicate state {state!r}: it is listed twice")
        seen.add(state)
    initial = var.get("initial")
    if whole(initial) is not None:
        names = [state for state in states if isinstance(state, str)]
        example = f", e.g. {names[0]!r}" if names else ""
        check.report(
            f"{pointer}/initial",
            "unknown-state",
            f"the initial value of a variable of named states is a state's name{example}",
        )
    else:
        ref(check, f"{pointer}/initial", initial, seen, "state", of=f"of {var.get('id')!r}")


def _state_variable_named(check: Check, pointer: str, var: Any, *, key: bool = False) -> list[str] | None:
    """The states of the variable named, or None (reported) when it is unknown or has no named states."""
    if not ref(check, pointer, var, check.declared.variables, "variable", key=key):
        return None
    states = check.declared.states.get(var)
    if states is None:
        check.report(
            pointer, "not-named-states", f"variable {var!r} has no named states; test and change it as a number", key=key
        )
    return states


def state_test(check: Check, pointer: str, cond: Mapping[str, Any]) -> None:
    """Check a state test: format 2, a variable of named states, and states of it."""
    needs_format_2(check, f"{pointer}/state", "a state test")
    states = _state_variable_named(check, f"{pointer}/state", cond.get("state"))
    if states is None:
        return
    for key in STATE_BOUNDS:
        if key in cond:
            ref(check, f"{pointer}/{key}", cond[key], states, "state", of=f"of {cond['state']!r}")


def state_effects(check: Check, pointer: str, eff: Mapping[str, Any]) -> None:
    """Check setState and stepState: format 2, variables of named states, states of them, steps that move."""
    for form in ("setState", "stepState"):
        changes = eff.get(form)
        if not isinstance(changes, dict):
            continue
        needs_format_2(check, f"{pointer}/{form}", f"a {form} effect")
        for name, value in changes.items():
            target = f"{pointer}/{form}/{escape_pointer_token(name)}"
            states = _state_variable_named(check, target, name, key=True)
            if states is None:
                continue
            if form == "setState":
                ref(check, target, value, states, "state", of=f"of {name!r}")
            elif is_number(value) and value == 0:
                check.warn(target, "no-effect", f"steps {name!r} by 0, which changes nothing")
