"""Static lint: content the rules make impossible, proved over the reachable intervals.

Each check reads the fixpoint of `engine.lint.reach` and reports only what it can prove: a
shock whose trigger never holds, an action no role can take, a variable nothing moves, a
resource nothing spends, an objective, ending or outcome that cannot come about.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import assert_never

from engine.core import model as m
from engine.core.explain import describe
from engine.lint.bounds import Env, may_fail, may_hold, why_never
from engine.lint.findings import Finding
from engine.lint.reach import action_blocker, all_effects, shock_set_off, window
from engine.load.jsonpos import escape_pointer_token


def _schedulers(scenario: m.Scenario) -> dict[str, list[str]]:
    """For each shock, the titles of the shocks, actions and rules written to schedule or enable it."""
    found: dict[str, list[str]] = {}

    def note(target: str, who: str) -> None:
        names = found.setdefault(target, [])
        if who not in names:
            names.append(who)

    def note_effects(effects: tuple[m.Effect, ...], who: str) -> None:
        for effect in all_effects(effects):
            target = shock_set_off(effect)
            if target is not None:
                note(target, who)

    for shock in scenario.shocks:
        for follow in shock.follow_ups:
            note(follow.shock, shock.title)
        note_effects(shock.effects + shock.ongoing + shock.on_expire, shock.title)
    for action in scenario.actions:
        note_effects(action.effects + action.unmatched, action.label)
    for rule in scenario.rules:
        note_effects(rule.effects, f"rule {rule.id}")
    return found


def _shock_reason(env: Env, shock: m.Shock, pointer: str) -> tuple[str, str]:
    """Why a shock that cannot fire never does: (pointer of the cause, words)."""
    trigger = shock.trigger
    assert trigger is not None
    low, high = window(env.scenario, trigger)
    count = env.scenario.turns.count
    if low > high:
        return f"{pointer}/trigger", f"its window lies outside the game's {env.scenario.turns.counted(count)}"
    if trigger.chance is not None and trigger.chance <= 0 and not trigger.guaranteed:
        return f"{pointer}/trigger/chance", "its chance is 0"
    if trigger.when is not None and not may_hold(env.at_turns((low, high)), trigger.when):
        return f"{pointer}/trigger/when", why_never(env.at_turns((low, high)), trigger.when)
    return f"{pointer}/enabled", "it starts disabled and nothing that can happen enables it or schedules it"


def dead_shocks(env: Env) -> Iterator[Finding]:
    """Shocks with a trigger, or that something schedules, which can never fire."""
    schedulers = _schedulers(env.scenario)
    for s, shock in enumerate(env.scenario.shocks):
        if shock.id in env.live_shocks:
            continue
        pointer = f"/shocks/{s}"
        sources = schedulers.get(shock.id, [])
        after = f"; what would set it off ({', '.join(sources)}) never happens" if sources else ""
        if shock.trigger is not None:
            where, why = _shock_reason(env, shock, pointer)
            yield Finding(where, "lint-shock-never-fires", f"{shock.title} can never fire: {why}{after}")
        elif sources:
            yield Finding(
                f"{pointer}/id",
                "lint-shock-never-fires",
                f"{shock.title} can never fire: it has no trigger, and what would schedule it "
                f"({', '.join(sources)}) never happens",
            )


def _blocker_words(env: Env, action: m.Action, role_id: str, blocker: str) -> str:
    role = env.scenario.role(role_id)
    if blocker == "cost":
        return f"it costs {action.cost} action points and {role.name}'s budget is {role.budget}"
    if blocker == "unlockedBy":
        titles = " or ".join(env.scenario.shock(s).title for s in action.unlocked_by)
        return f"it is open only while {titles} is in progress, and that never fires"
    if blocker == "requires":
        assert action.requires is not None
        return why_never(env, action.requires)
    resource_id = blocker.removeprefix("spend/")
    amount = dict(action.spend)[resource_id]
    resource = role.resource(resource_id)
    most = env.resources[(role_id, resource_id)][1]
    return f"it spends {amount} {resource.label}, and {role.name} never has more than {most}"


def dead_actions(env: Env) -> Iterator[Finding]:
    """Actions some role (or every role) can never take, with the first thing in the way."""
    for a, action in enumerate(env.scenario.actions):
        blocked = [(role, action_blocker(env, action, role)) for role in action.roles]
        dead = [(role, blocker) for role, blocker in blocked if blocker is not None]
        if not dead:
            continue
        blocker = dead[0][1]
        assert blocker is not None
        resource = blocker.removeprefix("spend/")
        pointer = f"/actions/{a}/" + (f"spend/{escape_pointer_token(resource)}" if blocker.startswith("spend/") else blocker)
        reasons = "; ".join(
            (f"{env.scenario.role(role).name}: " if len(dead) > 1 else "") + _blocker_words(env, action, role, reason)
            for role, reason in dead
            if reason is not None
        )
        if len(dead) == len(action.roles):
            message = f"{action.label} can never be taken: {reasons}"
        else:
            who = " and ".join(env.scenario.role(role).name for role, _ in dead)
            message = f"{who} can never take {action.label}: {reasons}"
        yield Finding(pointer, "lint-action-never-available", message)


def _written_movers(scenario: m.Scenario) -> set[str]:
    """Variables some effect anywhere in the file names."""
    sources = [action.effects + action.unmatched for action in scenario.actions]
    sources += [shock.effects + shock.ongoing + shock.on_expire for shock in scenario.shocks]
    sources += [rule.effects for rule in scenario.rules]
    named: set[str] = set()
    for source in sources:
        for effect in all_effects(source):
            match effect:
                case m.Add():
                    named.update(var for var, _ in effect.changes)
                case m.SetTo():
                    named.update(var for var, _ in effect.values)
                case m.Drift():
                    named.add(effect.var)
                case m.Gain() | m.Schedule() | m.Enable() | m.Disable() | m.EndShock() | m.Say():
                    pass  # these name no variable
                case _:
                    assert_never(effect)
    return named


def still_variables(env: Env) -> Iterator[Finding]:
    """Variables that keep their initial value in every game."""
    named = _written_movers(env.scenario)
    for i, var in enumerate(env.scenario.variables):
        if env.values[var.id] != (var.initial, var.initial):
            continue
        if var.id in named:
            why = "the effects that name it never apply or never move it"
        else:
            why = "no action, shock or rule changes it"
        yield Finding(f"/variables/{i}/id", "lint-variable-never-changes", f"{var.label} stays at {var.initial} all game: {why}")


def unspent_resources(env: Env) -> Iterator[Finding]:
    """Resources no action of their role spends and no effect lowers."""
    scenario = env.scenario
    lowered: set[tuple[str, str]] = set()
    for source in (
        [a.effects + a.unmatched for a in scenario.actions]
        + [s.effects + s.ongoing + s.on_expire for s in scenario.shocks]
        + [r.effects for r in scenario.rules]
    ):
        for effect in all_effects(source):
            if isinstance(effect, m.Gain) and effect.amount < 0:
                lowered.add((effect.role, effect.resource))
    for r, role in enumerate(scenario.roles):
        for k, res in enumerate(role.resources):
            if res.per_turn < 0 or (role.id, res.id) in lowered:
                continue
            spenders = [a for a in scenario.actions if role.id in a.roles and dict(a.spend).get(res.id, 0) > 0]
            live = [a for a in spenders if (role.id, a.id) in env.live_actions]
            if live:
                continue
            if spenders:
                names = ", ".join(a.label for a in spenders)
                why = f"the only actions that spend it ({names}) can never be taken"
            else:
                why = f"no action of {role.name} spends it and no effect lowers it"
            yield Finding(
                f"/roles/{r}/resources/{k}/id", "lint-resource-never-spent", f"{role.name}'s {res.label} is never spent: {why}"
            )


def objectives(env: Env) -> Iterator[Finding]:
    """Objectives whose condition can never hold, and those checked at the end that hold in every reachable state."""
    for r, role in enumerate(env.scenario.roles):
        for k, objective in enumerate(role.objectives):
            pointer = f"/roles/{r}/objectives/{k}/condition"
            if not may_hold(env, objective.condition):
                yield Finding(
                    pointer,
                    "lint-objective-unreachable",
                    f"{role.name}'s objective {objective.id!r} can never be met: {why_never(env, objective.condition)}",
                )
            elif objective.check == "end" and not may_fail(env, objective.condition):
                yield Finding(
                    pointer,
                    "lint-objective-always-met",
                    f"{role.name}'s objective {objective.id!r} is met in every game whatever the teams do: "
                    f"{describe(env.scenario, objective.condition)} holds in every state a game can reach",
                )


def endings(env: Env) -> Iterator[Finding]:
    """End conditions that never hold, outcomes that cannot hold or that an earlier one always takes."""
    scenario = env.scenario
    forced: set[str] = set()
    for e, end in enumerate(scenario.end_conditions):
        if not may_hold(env, end.when):
            yield Finding(
                f"/endConditions/{e}/when",
                "lint-end-never-holds",
                f"the end condition {end.id!r} can never hold: {why_never(env, end.when)}",
            )
        elif end.outcome is not None:
            forced.add(end.outcome)
    taken_by: m.Outcome | None = None
    for o, outcome in enumerate(scenario.outcomes):
        if outcome.id in forced:
            pass
        elif taken_by is not None:
            yield Finding(
                f"/outcomes/{o}/id",
                "lint-outcome-shadowed",
                f"the outcome {outcome.title!r} is never chosen: the earlier outcome {taken_by.title!r} always matches first",
            )
        elif outcome.when is not None and not may_hold(env, outcome.when):
            yield Finding(
                f"/outcomes/{o}/when",
                "lint-outcome-impossible",
                f"the outcome {outcome.title!r} can never be chosen: {why_never(env, outcome.when)}",
            )
        if taken_by is None and (outcome.when is None or not may_fail(env, outcome.when)):
            taken_by = outcome


def static_findings(env: Env) -> list[Finding]:
    """Every finding the reachable intervals prove."""
    checks = (dead_shocks, dead_actions, still_variables, unspent_resources, objectives, endings)
    return [finding for check in checks for finding in check(env)]
