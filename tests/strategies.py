"""Hypothesis strategies: valid scenario documents of every shape, and plays of them.

Generated scenarios use every condition and effect form with references that resolve, so the
properties in test_properties.py exercise the whole turn cycle, not only hand-picked cases.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st

ROLES = ("seoul", "tokyo")
ACTOR = "beijing"
"""The id of the white-cell actor a format 2 scenario sometimes has beside its teams."""
TAGS = ("cooperation", "provocation", "hedging")


@st.composite
def comparison(draw: st.DrawFn, low: int, high: int) -> dict[str, int]:
    """One bound, or a lower and an upper bound that some number satisfies."""
    first = draw(st.integers(low - 2, high + 2))
    second = draw(st.integers(first + 2, high + 4))
    shape = draw(st.sampled_from(["lower", "upper", "equals", "range"]))
    lower = draw(st.sampled_from(["atLeast", "above"]))
    upper = draw(st.sampled_from(["atMost", "below"]))
    if shape == "lower":
        return {lower: first}
    if shape == "upper":
        return {upper: first}
    if shape == "equals":
        return {"equals": first}
    return {lower: first, upper: second}


@st.composite
def condition(draw: st.DrawFn, ids: dict[str, Any], depth: int = 0) -> dict[str, Any]:
    """A condition of any form whose references all resolve."""
    forms = ["var", "inBand", "resource", "uses", "fired", "turn", "active", "chose", "score"]
    if ids["state_variables"]:
        forms.append("state")
    if depth < 2:
        forms += ["all", "any", "not"]
    if not ids["allow_score"]:
        forms.remove("score")
    form = draw(st.sampled_from(forms))
    variables = ids["variables"]
    if form == "var":
        var = draw(st.sampled_from(variables))
        return {"var": var["id"], **draw(comparison(var["min"], var["max"]))}
    if form == "state":
        var = draw(st.sampled_from(ids["state_variables"]))
        bounds = draw(st.lists(st.sampled_from(["is", "atLeast", "atMost"]), min_size=1, max_size=2, unique=True))
        return {"state": var["id"], **{bound: draw(st.sampled_from(var["states"])) for bound in bounds}}
    if form == "inBand":
        var = draw(st.sampled_from(variables))
        return {"inBand": {"var": var["id"], "band": draw(st.sampled_from([band["id"] for band in var["bands"]]))}}
    if form == "resource":
        role = draw(st.sampled_from(ids["roles"]))
        return {"resource": "capital", "role": role, **draw(comparison(0, 6))}
    if form == "uses":
        result: dict[str, Any] = {"uses": draw(st.sampled_from(ids["actions"])), **draw(comparison(0, 3))}
        if draw(st.booleans()):
            result["role"] = draw(st.sampled_from(ids["roles"]))
        return result
    if form == "fired":
        return {"fired": draw(st.sampled_from(ids["shocks"])), **draw(comparison(0, 2))}
    if form == "score":
        return {"score": draw(st.sampled_from(ids["roles"])), **draw(comparison(0, 3))}
    if form == "turn":
        return {"turn": draw(comparison(1, ids["turns"]))}
    if form == "active":
        return {"active": draw(st.sampled_from(ids["shocks"]))}
    if form == "chose":
        chose: dict[str, Any] = {}
        shared = [action for action in ids["actions"] if len(ids["action_roles"][action]) >= 2]
        if ids["format"] >= 2 and len(ids["teams"]) >= 2 and (shared or ids["tags"]) and draw(st.booleans()):
            # format 2's joint choice: every role chose it in the same turn
            if shared and (not ids["tags"] or draw(st.booleans())):
                chose["action"] = draw(st.sampled_from(shared))
                return {"chose": {**chose, "roles": list(ids["action_roles"][chose["action"]])}}
            chose["tag"] = draw(st.sampled_from(sorted(ids["tags"])))
            return {"chose": {**chose, "roles": list(ids["teams"])}}
        if not ids["tags"] or draw(st.booleans()):
            chose["action"] = draw(st.sampled_from(ids["actions"]))
            owners = ids["action_roles"][chose["action"]]
            if draw(st.booleans()):
                chose["role"] = draw(st.sampled_from(owners))
        else:
            chose["tag"] = draw(st.sampled_from(sorted(ids["tags"])))
            if draw(st.booleans()):
                chose["role"] = draw(st.sampled_from(ids["roles"]))
        return {"chose": chose}
    if form == "not":
        return {"not": draw(condition(ids, depth + 1))}
    items = draw(st.lists(condition(ids, depth + 1), min_size=1, max_size=3))
    return {form: items}


@st.composite
def effect(draw: st.DrawFn, ids: dict[str, Any], depth: int = 0) -> dict[str, Any]:
    """An effect of any form whose references all resolve."""
    forms = ["add", "add", "set", "drift", "gain", "schedule", "enable", "disable", "endShock", "say"]
    if ids["state_variables"]:
        forms += ["setState", "stepState"]
    if depth < 2:
        forms += ["chance", "pick", "if"]
    form = draw(st.sampled_from(forms))
    variables = ids["variables"]
    var_ids = [var["id"] for var in variables]
    if form == "add":
        chosen = draw(st.lists(st.sampled_from(var_ids), min_size=1, max_size=2, unique=True))
        return {"add": {var: draw(st.integers(-30, 30)) for var in chosen}}
    if form in ("setState", "stepState"):
        var = draw(st.sampled_from(ids["state_variables"]))
        size = len(var["states"])
        change = draw(st.sampled_from(var["states"])) if form == "setState" else draw(st.integers(-size, size).filter(bool))
        return {form: {var["id"]: change}}
    if form == "set":
        var = draw(st.sampled_from(variables))
        return {"set": {var["id"]: draw(st.integers(var["min"] - 5, var["max"] + 5))}}
    if form == "drift":
        var = draw(st.sampled_from(variables))
        return {"drift": {"var": var["id"], "toward": draw(st.integers(var["min"], var["max"])), "by": draw(st.integers(1, 10))}}
    if form == "gain":
        return {"gain": {"role": draw(st.sampled_from(ids["roles"])), "resource": "capital", "amount": draw(st.integers(-3, 3))}}
    if form in ("schedule", "enable", "disable", "endShock"):
        shock = draw(st.sampled_from(ids["shocks"]))
        if form == "schedule":
            return {"schedule": {"shock": shock, "after": draw(st.integers(1, 3))}}
        return {form: shock}
    if form == "say":
        return {"say": draw(st.text(min_size=1, max_size=20))}
    if form == "chance":
        result: dict[str, Any] = {
            "chance": draw(st.floats(0, 1, allow_nan=False)),
            "then": draw(st.lists(effect(ids, depth + 1), max_size=2)),
        }
        if draw(st.booleans()):
            result["else"] = draw(st.lists(effect(ids, depth + 1), max_size=2))
        return result
    if form == "pick":
        options = draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "weight": st.integers(1, 5),
                        "label": st.text(min_size=1, max_size=8),
                        "effects": st.lists(effect(ids, depth + 1), max_size=2),
                    }
                ),
                min_size=1,
                max_size=3,
            )
        )
        return {"pick": options}
    result = {"if": draw(condition(ids, 1)), "then": draw(st.lists(effect(ids, depth + 1), max_size=2))}
    if draw(st.booleans()):
        result["else"] = draw(st.lists(effect(ids, depth + 1), max_size=2))
    return result


def effects(ids: dict[str, Any]) -> st.SearchStrategy[list[dict[str, Any]]]:
    return st.lists(effect(ids), max_size=3)


@st.composite
def variable(draw: st.DrawFn, index: int) -> dict[str, Any]:
    low = draw(st.integers(-50, 50))
    high = low + draw(st.integers(1, 120))
    cuts = sorted(draw(st.sets(st.integers(low + 1, high), max_size=3)))
    bands = [{"id": f"band-{n}", "label": f"Band {n}", "from": start} for n, start in enumerate([low, *cuts])]
    result: dict[str, Any] = {
        "id": f"var-{index}",
        "label": f"Variable {index}",
        "min": low,
        "max": high,
        "initial": draw(st.integers(low, high)),
        "bands": bands,
    }
    if draw(st.booleans()):
        result["visibility"] = draw(st.sampled_from(["public", "facilitator", "seoul"]))
    return result


@st.composite
def state_variable(draw: st.DrawFn, index: int) -> dict[str, Any]:
    """A variable of named states (format 2): two to four states in order, starting in any of them."""
    states = [f"level-{n}" for n in range(draw(st.integers(2, 4)))]
    return {"id": f"state-{index}", "label": f"State {index}", "states": states, "initial": draw(st.sampled_from(states))}


@st.composite
def scenario_documents(
    draw: st.DrawFn,
    *,
    teams: int | None = None,
    extra_variables: Sequence[dict[str, Any]] = (),
    formats: Sequence[int] = (1, 2),
) -> dict[str, Any]:
    """A valid scenario document using every mechanism in random combinations.

    ``teams`` fixes how many teams play (one or two; drawn when None); ``extra_variables`` are
    declared after the drawn ones and read and moved by conditions and effects like them.
    ``formats`` are the format versions to draw from (format 2 adds its order rule and forms:
    named states, joint choices, follow-ups with a condition, phases).
    """
    version = draw(st.sampled_from(formats))
    turns = draw(st.integers(1, 8))
    variables = [draw(variable(i)) for i in range(draw(st.integers(1, 4)))] + [dict(extra) for extra in extra_variables]
    state_variables = [draw(state_variable(k)) for k in range(draw(st.integers(0, 2)))] if version >= 2 else []
    team_ids = list(ROLES[: teams or draw(st.integers(1, 2))])
    actor = version >= 2 and draw(st.booleans())  # a role the white cell (or a bot) plays, in format 2
    role_ids = [*team_ids, ACTOR] if actor else team_ids
    n_actions = draw(st.integers(1, 6))
    n_shocks = draw(st.integers(1, 5))
    action_ids = [f"action-{i}" for i in range(n_actions)]
    shock_ids = [f"shock-{i}" for i in range(n_shocks)]
    action_roles = {
        action: draw(st.lists(st.sampled_from(role_ids), min_size=1, max_size=len(role_ids), unique=True))
        for action in action_ids
    }
    action_tags = {action: draw(st.lists(st.sampled_from(TAGS), max_size=2, unique=True)) for action in action_ids}
    ids: dict[str, Any] = {
        "tags": {tag for tags in action_tags.values() for tag in tags},
        "variables": variables,
        "state_variables": state_variables,
        "roles": role_ids,
        "teams": team_ids,
        "actions": action_ids,
        "shocks": shock_ids,
        "action_roles": action_roles,
        "turns": turns,
        "allow_score": True,
        "format": version,
    }
    objective_ids = dict(ids, allow_score=False)
    roles = [
        {
            "id": role,
            "name": role.title(),
            "budget": draw(st.integers(0, 3)),
            "resources": [
                {
                    "id": "capital",
                    "label": "Capital",
                    "initial": draw(st.integers(0, 6)),
                    "max": 6,
                    "perTurn": draw(st.integers(0, 2)),
                }
            ],
            "objectives": [
                {
                    "id": f"objective-{k}",
                    "description": "An objective",
                    "condition": draw(condition(objective_ids)),
                    "weight": draw(st.integers(1, 3)),
                    "check": draw(st.sampled_from(["end", "ever", "always"])),
                }
                for k in range(draw(st.integers(0, 2)))
            ],
        }
        for role in team_ids
    ]
    if actor:
        audience = draw(st.lists(st.sampled_from(team_ids), max_size=len(team_ids), unique=True))
        capital = {"id": "capital", "label": "Capital", "initial": draw(st.integers(0, 6)), "max": 6, "perTurn": 1}
        beijing: dict[str, Any] = {"id": ACTOR, "name": "Beijing", "budget": draw(st.integers(0, 2)), "playedBy": "white-cell"}
        roles.append({**beijing, "resources": [capital], **({"audience": audience} if audience else {})})
    actions = []
    for action_id in action_ids:
        owners = action_roles[action_id]
        action: dict[str, Any] = {
            "id": action_id,
            "label": action_id.title(),
            "roles": owners,
            "tags": action_tags[action_id],
            "cost": draw(st.integers(0, 2)),
            "effects": draw(effects(ids)),
        }
        if draw(st.booleans()):
            action["spend"] = {"capital": draw(st.integers(1, 3))}
        if draw(st.booleans()):
            action["requires"] = draw(condition(ids))
        if draw(st.integers(0, 3)) == 0:
            action["unlockedBy"] = [draw(st.sampled_from(shock_ids))]
        if draw(st.booleans()):
            action["cooldown"] = draw(st.integers(0, 3))
        if draw(st.booleans()):
            action["limit"] = draw(st.integers(1, 3))
        if len(owners) >= 2 and draw(st.booleans()):
            action["joint"] = True
            action["unmatched"] = draw(effects(ids))
        others = [other for other in action_ids if other != action_id]
        if others and draw(st.integers(0, 3)) == 0:
            action["excludes"] = [draw(st.sampled_from(others))]
        actions.append(action)
    shocks = []
    for shock_id in shock_ids:
        shock: dict[str, Any] = {
            "id": shock_id,
            "title": shock_id.title(),
            "category": draw(st.sampled_from(["missile", "strait", "history", "economic", "domestic"])),
            "narrative": "Something happens.",
            "effects": draw(effects(ids)),
            "duration": draw(st.integers(1, 3)),
            "maxFires": draw(st.integers(1, 3)),
            "enabled": draw(st.booleans()),
        }
        if draw(st.booleans()):
            shock["ongoing"] = draw(effects(ids))
        if draw(st.booleans()):
            shock["onExpire"] = draw(effects(ids))
        if draw(st.integers(0, 4)) > 0:
            trigger: dict[str, Any] = {}
            if draw(st.booleans()):
                trigger["atTurn"] = draw(st.integers(1, turns))
            else:
                start = draw(st.integers(1, turns))
                trigger["from"] = start
                trigger["to"] = draw(st.integers(start, turns))
                trigger["guaranteed"] = draw(st.booleans())
            if draw(st.booleans()):
                trigger["chance"] = draw(st.floats(0, 1, allow_nan=False))
            if draw(st.booleans()):
                trigger["when"] = draw(condition(ids))
            shock["trigger"] = trigger
        if draw(st.booleans()):
            shock["followUps"] = [
                {
                    "shock": draw(st.sampled_from(shock_ids)),
                    "after": draw(st.integers(1, 3)),
                    "chance": draw(st.floats(0, 1, allow_nan=False)),
                    "enable": draw(st.booleans()),
                }
            ]
            if version >= 2 and not shock["followUps"][0]["enable"] and draw(st.booleans()):
                shock["followUps"][0]["if"] = draw(condition(ids))
        shocks.append(shock)
    rules = [
        {"id": f"rule-{k}", "effects": draw(effects(ids)), **({"when": draw(condition(ids))} if draw(st.booleans()) else {})}
        for k in range(draw(st.integers(0, 3)))
    ]
    outcome_count = draw(st.integers(1, 3))
    outcomes = [
        {"id": f"outcome-{k}", "title": f"Outcome {k}", **({"when": draw(condition(ids))} if k < outcome_count - 1 else {})}
        for k in range(outcome_count)
    ]
    end_conditions = [
        {
            "id": f"end-{k}",
            "when": draw(condition(ids)),
            **({"outcome": draw(st.sampled_from([o["id"] for o in outcomes]))} if draw(st.booleans()) else {}),
        }
        for k in range(draw(st.integers(0, 2)))
    ]
    extra: dict[str, Any] = {}
    turn_structure: dict[str, Any] = {"count": turns}
    if version >= 2:  # phases, deadlines and free moves change nothing in play: drawn so generated games carry them
        if draw(st.booleans()):
            turn_structure["deadline"] = draw(st.integers(1, 1440))
        if draw(st.booleans()):
            extra["freeMoves"] = {"allowed": draw(st.booleans()), "perTeamPerTurn": draw(st.integers(1, 3))}
        cuts = sorted(draw(st.sets(st.integers(1, turns), max_size=3)))
        ends = [*(cut - 1 for cut in cuts[1:]), turns] if cuts else []
        phases = [
            {
                "id": f"phase-{k}",
                "title": f"Phase {k}",
                "from": start,
                "to": draw(st.integers(start, end)),
                "hotwash": draw(st.booleans()),
                **({"deadline": draw(st.integers(1, 90))} if draw(st.booleans()) else {}),
            }
            for k, (start, end) in enumerate(zip(cuts, ends, strict=True))
        ]
        if phases:
            extra["phases"] = phases
    return {
        "format": version,
        "id": "generated",
        "title": "Generated",
        "turns": turn_structure,
        "roles": roles,
        "variables": variables + state_variables,
        "actions": actions,
        "shocks": shocks,
        "rules": rules,
        "endConditions": end_conditions,
        "outcomes": outcomes,
        **extra,
    }
