"""The checks of meaning, part by part of a scenario, in the order they run.

They run on the raw document even when the schema found problems, so an author sees every
mistake at once; anything malformed is skipped here because the schema already reported it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from engine.load.diagnostics import closest
from engine.load.jsonpos import escape_pointer_token
from engine.load.semantics.actors import actors
from engine.load.semantics.conditions import condition, find_form
from engine.load.semantics.context import Check, Finding
from engine.load.semantics.effects import effects
from engine.load.semantics.exercise_objectives import exercise_objectives
from engine.load.semantics.free_moves import free_moves
from engine.load.semantics.oversights import blank_texts, chance, same_labels
from engine.load.semantics.phases import phases
from engine.load.semantics.ranges import band_order, bounds
from engine.load.semantics.reading import entries, sub_entries, whole
from engine.load.semantics.references import ref, unique_ids
from engine.load.semantics.states import state_variable
from engine.load.semantics.turns import trigger, turns
from engine.load.semantics.versions import format_forms


def semantic_findings(document: Any) -> list[Finding]:
    """Every problem of meaning in a scenario document."""
    return semantic_check(document).findings


def semantic_check(document: Any, keep: int | None = None) -> Check:
    """The checks of meaning run over a document, keeping the first ``keep`` findings of each severity.

    A check lists `loader.MAX_DIAGNOSTICS` problems, errors first and each severity in the order found,
    so a finding past the first that many of its severity is never listed: it is only counted
    (`Check.unkept`). 22,000 findings held at once took 16 times the size of the file they came from.
    """
    check = Check(document if isinstance(document, Mapping) else {}, keep)
    if not isinstance(document, Mapping):
        return check
    steps: tuple[Callable[[Check], None], ...] = (
        format_forms,
        turns,
        roles,
        actors,
        variables,
        actions,
        shocks,
        rules,
        endings,
        phases,
        exercise_objectives,
        free_moves,
        blank_texts,
    )
    for step in steps:
        step(check)
    return check


def roles(check: Check) -> None:
    """Check each role: unique ids, its resources' bounds, and objectives that test no score."""
    roles = entries(check.document, "roles")
    unique_ids(check, roles, "role")
    for pointer, role in roles:
        resources = sub_entries(role, pointer, "resources")
        unique_ids(check, resources, "resource")
        for res_pointer, res in resources:
            low = whole(res.get("min", 0))
            high = whole(res.get("max"))
            initial = whole(res.get("initial"))
            bounds(check, res_pointer, low, high, initial, what="resource")
        objectives = sub_entries(role, pointer, "objectives")
        unique_ids(check, objectives, "objective")
        for obj_pointer, obj in objectives:
            condition(check, f"{obj_pointer}/condition", obj.get("condition"))
            for score_pointer in find_form(obj.get("condition"), f"{obj_pointer}/condition", "score"):
                check.report(
                    score_pointer, "score-in-objective", "an objective cannot test scores: a score is made of objectives"
                )


def variables(check: Check) -> None:
    """Check each variable: unique ids, bounds, who may see it, and its bands."""
    variables = entries(check.document, "variables")
    unique_ids(check, variables, "variable")
    for pointer, var in variables:
        if "states" in var:
            state_variable(check, pointer, var)
        else:
            for key in ("min", "max"):
                if key not in var:
                    check.report(pointer, "missing-property", f"missing required property {key!r}")
            if isinstance(var.get("initial"), str):  # the schema lets a string through for named states only
                check.report(f"{pointer}/initial", "wrong-type", "expected an integer, found a string")
        low, high = whole(var.get("min")), whole(var.get("max"))
        if "states" not in var:
            bounds(check, pointer, low, high, whole(var.get("initial")), what="variable")
        visibility = var.get("visibility")
        if isinstance(visibility, str) and visibility not in ("public", "facilitator"):
            ref(
                check,
                f"{pointer}/visibility",
                visibility,
                set(check.declared.roles) | {"public", "facilitator"},
                "visibility",
                of="(use public, facilitator or a role id)",
            )
        bands = sub_entries(var, pointer, "bands")
        unique_ids(check, bands, "band")
        same_labels(check, bands, "band")
        band_order(check, bands, low, high)


def actions(check: Check) -> None:
    """Check each action: its roles, resources to spend, requirements, exclusions and effects."""
    actions = entries(check.document, "actions")
    unique_ids(check, actions, "action")
    same_labels(check, actions, "action")
    for pointer, action in actions:
        roles = action.get("roles")
        role_ids: list[str] = []
        if isinstance(roles, list):
            seen: set[str] = set()
            for index, role in enumerate(roles):
                if ref(check, f"{pointer}/roles/{index}", role, check.declared.roles, "role"):
                    if role in seen:
                        check.report(f"{pointer}/roles/{index}", "duplicate-role", f"role {role!r} is listed twice")
                    seen.add(role)
                    role_ids.append(role)
        joint = action.get("joint") is True
        if joint and isinstance(roles, list) and len(set(role_ids)) < 2 and len(roles) < 2:
            check.report(f"{pointer}/joint", "joint-needs-two", "a joint action needs at least two roles in roles")
        if "unmatched" in action and not joint:
            check.report(
                f"{pointer}/unmatched",
                "unmatched-not-joint",
                'unmatched effects only apply to joint actions; add "joint": true or remove them',
            )
        spend = action.get("spend")
        if isinstance(spend, dict):
            for name in spend:
                for role_id in role_ids:
                    if name not in check.declared.roles.get(role_id, set()):
                        guess = closest(name, check.declared.roles.get(role_id, set())) if check.suggesting() else None
                        hint = f" (did you mean {guess!r}?)" if guess else ""
                        check.report(
                            f"{pointer}/spend/{escape_pointer_token(name)}",
                            "unknown-resource",
                            f"role {role_id!r} has no resource {name!r} to spend{hint}",
                            key=True,
                            suggestion=guess,
                        )
        condition(check, f"{pointer}/requires", action.get("requires"))
        for key, known, what in (("unlockedBy", check.declared.shocks, "shock"), ("excludes", check.declared.actions, "action")):
            items = action.get(key)
            if isinstance(items, list):
                for index, item in enumerate(items):
                    ref(check, f"{pointer}/{key}/{index}", item, known, what)
                    if key == "excludes" and item == action.get("id"):
                        check.report(f"{pointer}/excludes/{index}", "excludes-itself", "an action cannot exclude itself")
        effects(check, f"{pointer}/effects", action.get("effects"))
        effects(check, f"{pointer}/unmatched", action.get("unmatched"))


def shocks(check: Check) -> None:
    """Check each shock: its audience, trigger, effects, follow-ups and expected actions."""
    shocks = entries(check.document, "shocks")
    unique_ids(check, shocks, "shock")
    for pointer, shock in shocks:
        audience = shock.get("audience")
        if isinstance(audience, list):
            for index, role in enumerate(audience):
                ref(check, f"{pointer}/audience/{index}", role, check.declared.roles, "role")
        when = shock.get("trigger")
        if isinstance(when, dict):
            trigger(check, f"{pointer}/trigger", when)
        for key in ("effects", "ongoing", "onExpire"):
            effects(check, f"{pointer}/{key}", shock.get(key))
        for follow_pointer, follow in sub_entries(shock, pointer, "followUps"):
            ref(check, f"{follow_pointer}/shock", follow.get("shock"), check.declared.shocks, "shock")
            if "chance" in follow:
                chance(check, f"{follow_pointer}/chance", follow["chance"])
            if "if" in follow:
                condition(check, f"{follow_pointer}/if", follow["if"])
                if follow.get("enable") is True:
                    check.report(
                        f"{follow_pointer}/if",
                        "if-with-enable",
                        "a follow-up that enables a shock has nothing to call off; its trigger's own when says when it fires",
                    )
        expected = shock.get("expectedActions")
        if isinstance(expected, list):
            for index, item in enumerate(expected):
                ref(check, f"{pointer}/expectedActions/{index}", item, check.declared.actions, "action")


def rules(check: Check) -> None:
    """Check each rule's condition and effects."""
    rules = entries(check.document, "rules")
    unique_ids(check, rules, "rule")
    for pointer, rule in rules:
        condition(check, f"{pointer}/when", rule.get("when"))
        effects(check, f"{pointer}/effects", rule.get("effects"))


def endings(check: Check) -> None:
    """Check end conditions and outcomes: known outcomes, and exactly one fallback, last."""
    ends = entries(check.document, "endConditions")
    unique_ids(check, ends, "end-condition")
    for pointer, end in ends:
        condition(check, f"{pointer}/when", end.get("when"))
        if "outcome" in end:
            ref(check, f"{pointer}/outcome", end["outcome"], check.declared.outcomes, "outcome")
    outcomes = entries(check.document, "outcomes")
    unique_ids(check, outcomes, "outcome")
    count = len(outcomes)
    for position, (pointer, outcome) in enumerate(outcomes):
        last = position == count - 1
        if "when" in outcome:
            condition(check, f"{pointer}/when", outcome.get("when"))
            if last:
                check.report(
                    f"{pointer}/when",
                    "last-outcome-conditional",
                    "the last outcome must have no 'when', so that every game has an outcome",
                )
        elif not last:
            check.report(
                pointer,
                "outcome-shadows",
                "only the last outcome may have no 'when': the ones after this one could never be reached",
            )
