"""Checks inside conditions: what each form refers to, and comparison bounds that can never hold."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from engine.load.semantics.context import Check
from engine.load.semantics.reading import whole
from engine.load.semantics.references import ref, role_resource
from engine.load.semantics.states import state_test
from engine.load.semantics.versions import needs_format_2


def condition(check: Check, pointer: str, cond: Any) -> None:
    """Check the references inside a condition of any form, and its bounds, all the way down."""
    if not isinstance(cond, dict):
        return
    if "var" in cond:
        ref(check, f"{pointer}/var", cond["var"], check.declared.variables, "variable")
    elif "inBand" in cond:
        band = cond["inBand"]
        if isinstance(band, dict) and ref(check, f"{pointer}/inBand/var", band.get("var"), check.declared.variables, "variable"):
            bands = check.declared.variables[band["var"]]
            ref(check, f"{pointer}/inBand/band", band.get("band"), bands, "band", of=f"of {band['var']!r}")
    elif "state" in cond:
        state_test(check, pointer, cond)
    elif "resource" in cond:
        if ref(check, f"{pointer}/role", cond.get("role"), check.declared.roles, "role"):
            role_resource(check, f"{pointer}/resource", cond.get("role"), cond.get("resource"))
    elif "uses" in cond:
        ref(check, f"{pointer}/uses", cond["uses"], check.declared.actions, "action")
        if "role" in cond:
            ref(check, f"{pointer}/role", cond["role"], check.declared.roles, "role")
    elif "fired" in cond:
        ref(check, f"{pointer}/fired", cond["fired"], check.declared.shocks, "shock")
    elif "score" in cond:
        ref(check, f"{pointer}/score", cond["score"], check.declared.roles, "role")
    elif "active" in cond:
        ref(check, f"{pointer}/active", cond["active"], check.declared.shocks, "shock")
    elif "chose" in cond:
        chose(check, f"{pointer}/chose", cond["chose"])
    elif "all" in cond or "any" in cond:
        key = "all" if "all" in cond else "any"
        items = cond[key]
        if isinstance(items, list):
            for index, item in enumerate(items):
                condition(check, f"{pointer}/{key}/{index}", item)
    elif "not" in cond:
        condition(check, f"{pointer}/not", cond["not"])
    contradictory_bounds(check, pointer, cond)


def contradictory_bounds(check: Check, pointer: str, cond: Mapping[str, Any]) -> None:
    """Report comparison bounds (of a value, or of the turn) that no number satisfies."""
    bounds = cond.get("turn") if "turn" in cond else cond
    if not isinstance(bounds, dict):
        return
    low = max((v for v in (whole(bounds.get("atLeast")), _plus(bounds.get("above"), 1)) if v is not None), default=None)
    high = min((v for v in (whole(bounds.get("atMost")), _plus(bounds.get("below"), -1)) if v is not None), default=None)
    equals = whole(bounds.get("equals"))
    if equals is not None:
        low = equals if low is None else max(low, equals)
        high = equals if high is None else min(high, equals)
    if low is not None and high is not None and low > high:
        check.report(pointer, "impossible-bounds", "these bounds can never all hold: no number satisfies them")


def _plus(value: Any, delta: int) -> int | None:
    number = whole(value)
    return None if number is None else number + delta


def chose(check: Check, pointer: str, test: Any) -> None:
    """Check a chose test: it names an action or a tag, and a role that can take that action."""
    if not isinstance(test, dict):
        return
    role_ok = "role" not in test or ref(check, f"{pointer}/role", test["role"], check.declared.roles, "role")
    together = _together(check, pointer, test)
    if "action" not in test and "tag" not in test:
        check.report(pointer, "empty-choice", "a chose test needs an action or a tag")
    if "action" in test and ref(check, f"{pointer}/action", test["action"], check.declared.actions, "action") and role_ok:
        roles = check.declared.actions[test["action"]].get("roles")
        for role in [test.get("role"), *together]:
            if role is not None and isinstance(roles, list) and role not in roles:
                check.report(
                    f"{pointer}/action",
                    "choice-not-allowed",
                    f"role {role!r} cannot take action {test['action']!r} "
                    f"(it is for {', '.join(map(str, roles))}), so this never holds",
                )
    if "tag" in test:
        ref(check, f"{pointer}/tag", test["tag"], check.declared.tags, "tag")


def _together(check: Check, pointer: str, test: dict[str, Any]) -> list[str]:
    """The roles of a joint choice (format 2's roles) that resolve; each is checked and reported."""
    roles = test.get("roles")
    if roles is None:
        return []
    needs_format_2(check, f"{pointer}/roles", "a chose test of several roles")
    if "role" in test:
        check.report(f"{pointer}/roles", "chose-role-and-roles", "a chose test names one role or several roles, not both")
    if not isinstance(roles, list):
        return []
    return [
        role for index, role in enumerate(roles) if ref(check, f"{pointer}/roles/{index}", role, check.declared.roles, "role")
    ]


def find_form(cond: Any, pointer: str, form: str) -> Iterator[str]:
    """Pointers of every sub-condition of a given form inside a condition."""
    if not isinstance(cond, dict):
        return
    if form in cond:
        yield pointer
    for key in ("all", "any"):
        if isinstance(cond.get(key), list):
            for index, item in enumerate(cond[key]):
                yield from find_form(item, f"{pointer}/{key}/{index}", form)
    if "not" in cond:
        yield from find_form(cond["not"], f"{pointer}/not", form)
