"""The names a notation cell refers to, checked against the scenario so mistakes point at their cell.

The loader would find an unknown name too, but only as a JSON pointer into a file the planner
never wrote; checking here reports it at the spreadsheet row and column, with the closest name.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

from engine.core.spelling import closest
from engine.msel.nearest import Nearest


@attrs.frozen
class Names:
    """What a scenario defines: variables with their bands, roles with their resources and names, actions, tags, shocks
    and exercise objectives."""

    variables: Mapping[str, frozenset[str]]
    roles: Mapping[str, frozenset[str]]
    role_names: Mapping[str, str]
    actions: frozenset[str]
    tags: frozenset[str]
    shocks: Nearest
    objectives: frozenset[str] = frozenset()
    answers: dict[tuple[str, str, str], str | None] = attrs.field(factory=dict, eq=False, repr=False)
    """`unknown`'s answers so far: a long list repeats its mistakes, and each suggestion is a search."""

    @classmethod
    def of(cls, document: Mapping[str, Any], shocks: Sequence[str]) -> Names:
        """The names of a scenario document, with ``shocks`` as its shocks (the imported ones)."""
        actions = [action for action in document.get("actions", []) if isinstance(action, dict)]
        roles = [role for role in document.get("roles", []) if isinstance(role, dict)]
        return cls(
            variables={
                var["id"]: frozenset(band["id"] for band in var.get("bands", []))
                for var in document.get("variables", [])
                if isinstance(var, dict) and "id" in var
            },
            roles={role["id"]: frozenset(res["id"] for res in role.get("resources", [])) for role in roles if "id" in role},
            role_names={str(role.get("name", "")).strip().lower(): role["id"] for role in roles if "id" in role},
            actions=frozenset(action["id"] for action in actions if "id" in action),
            tags=frozenset(tag for action in actions for tag in action.get("tags", [])),
            shocks=Nearest(shocks),
            objectives=frozenset(
                item["id"] for item in document.get("exerciseObjectives", []) if isinstance(item, dict) and "id" in item
            ),
        )


Reference = tuple[str, str, str]
"""(kind, name, owner): a variable, band (owner: its variable), role, resource (owner: its role), action, tag, shock
or exercise objective."""


def condition_references(cond: Mapping[str, Any]) -> Iterator[Reference]:
    """Every name a parsed condition uses."""
    for key in ("all", "any"):
        for item in cond.get(key, []):
            yield from condition_references(item)
    if "not" in cond:
        yield from condition_references(cond["not"])
    if "var" in cond:
        yield ("variable", cond["var"], "")
    if "inBand" in cond:
        yield ("variable", cond["inBand"]["var"], "")
        yield ("band", cond["inBand"]["band"], cond["inBand"]["var"])
    if "resource" in cond:
        yield ("role", cond["role"], "")
        yield ("resource", cond["resource"], cond["role"])
    if "uses" in cond:
        yield ("action", cond["uses"], "")
        if "role" in cond:
            yield ("role", cond["role"], "")
    for key, kind in (("fired", "shock"), ("active", "shock"), ("score", "role")):
        if key in cond:
            yield (kind, cond[key], "")
    if "state" in cond:
        yield ("variable", cond["state"], "")
    chose = cond.get("chose", {})
    for key, kind in (("role", "role"), ("action", "action"), ("tag", "tag")):
        if key in chose:
            yield (kind, chose[key], "")
    for role in chose.get("roles", []):
        yield ("role", role, "")


def effect_references(items: Sequence[Mapping[str, Any]]) -> Iterator[Reference]:
    """Every name a parsed list of effects uses."""
    for item in items:
        for key in ("add", "set", "setState", "stepState"):
            for name in item.get(key, {}):
                yield ("variable", name, "")
        if "drift" in item:
            yield ("variable", item["drift"]["var"], "")
        if "gain" in item:
            yield ("role", item["gain"]["role"], "")
            yield ("resource", item["gain"]["resource"], item["gain"]["role"])
        if "if" in item:
            yield from condition_references(item["if"])
        for key in ("then", "else"):
            yield from effect_references(item.get(key, []))
        for option in item.get("pick", []):
            yield from effect_references(option["effects"])
        if "schedule" in item:
            yield ("shock", item["schedule"]["shock"], "")
        for key in ("enable", "disable", "endShock"):
            if key in item:
                yield ("shock", item[key], "")


def unknown(names: Names, reference: Reference) -> str | None:
    """Why a reference does not resolve, with the closest known name; None when it does."""
    if reference not in names.answers:
        names.answers[reference] = _unknown(names, reference)
    return names.answers[reference]


def _unknown(names: Names, reference: Reference) -> str | None:
    kind, name, owner = reference
    if kind == "band":
        if owner not in names.variables:
            return None
        known: Sequence[str] | frozenset[str] | Nearest = names.variables[owner]
        where = f" of variable {owner!r}"
    elif kind == "resource":
        if owner not in names.roles:
            return None
        known = names.roles[owner]
        where = f" of role {owner!r}"
    else:
        pools: dict[str, Sequence[str] | frozenset[str] | Nearest] = {
            "variable": list(names.variables),
            "role": list(names.roles),
            "action": names.actions,
            "tag": names.tags,
            "shock": names.shocks,
            "exercise objective": names.objectives,
        }
        known = pools[kind]
        where = ""
    if name in known:
        return None
    guess = known.suggest(name) if isinstance(known, Nearest) else closest(name, sorted(known))
    hint = f"; did you mean {guess!r}?" if guess else (" (the scenario has none)" if not len(known) else "")
    return f"unknown {kind} {name!r}{where}{hint}"
