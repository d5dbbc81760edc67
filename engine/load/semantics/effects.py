"""Checks inside effects: what each form refers to, effects that change nothing, branches that never run."""

from __future__ import annotations

from typing import Any

from engine.load.jsonpos import escape_pointer_token
from engine.load.semantics.conditions import condition
from engine.load.semantics.context import Check
from engine.load.semantics.oversights import chance
from engine.load.semantics.reading import is_number
from engine.load.semantics.references import ref, role_resource
from engine.load.semantics.states import state_effects


def effects(check: Check, pointer: str, items: Any) -> None:
    """Check every effect of a list (absent means none)."""
    if not isinstance(items, list):
        return
    for index, item in enumerate(items):
        effect(check, f"{pointer}/{index}", item)


def effect(check: Check, pointer: str, eff: Any) -> None:
    """Check what an effect of any form refers to, and warn about one that does nothing, down through its branches."""
    if not isinstance(eff, dict):
        return
    for key in ("add", "set"):
        if isinstance(eff.get(key), dict):
            for name, amount in eff[key].items():
                target = f"{pointer}/{key}/{escape_pointer_token(name)}"
                ref(check, target, name, check.declared.variables, "variable", key=True)
                if key == "add" and is_number(amount) and amount == 0:
                    check.warn(target, "no-effect", f"adds 0 to {name!r}, which changes nothing")
    state_effects(check, pointer, eff)
    if isinstance(eff.get("drift"), dict):
        ref(check, f"{pointer}/drift/var", eff["drift"].get("var"), check.declared.variables, "variable")
    if isinstance(eff.get("gain"), dict):
        gain = eff["gain"]
        if ref(check, f"{pointer}/gain/role", gain.get("role"), check.declared.roles, "role"):
            role_resource(check, f"{pointer}/gain/resource", gain.get("role"), gain.get("resource"))
        amount = gain.get("amount")
        if is_number(amount) and amount == 0:
            check.warn(f"{pointer}/gain/amount", "no-effect", "gains 0, which changes nothing")
    if "chance" in eff:
        chance(check, f"{pointer}/chance", eff["chance"])
        if is_number(eff["chance"]) and eff["chance"] == 1 and "else" in eff:
            check.warn(f"{pointer}/else", "else-never", "with a chance of 1 this else branch never runs")
    if "chance" in eff or "if" in eff:
        if "if" in eff:
            condition(check, f"{pointer}/if", eff["if"])
        effects(check, f"{pointer}/then", eff.get("then"))
        effects(check, f"{pointer}/else", eff.get("else"))
    if isinstance(eff.get("pick"), list):
        for index, option in enumerate(eff["pick"]):
            if isinstance(option, dict):
                effects(check, f"{pointer}/pick/{index}/effects", option.get("effects"))
    if isinstance(eff.get("schedule"), dict):
        ref(check, f"{pointer}/schedule/shock", eff["schedule"].get("shock"), check.declared.shocks, "shock")
    for key in ("enable", "disable", "endShock"):
        if key in eff:
            ref(check, f"{pointer}/{key}", eff[key], check.declared.shocks, "shock")
