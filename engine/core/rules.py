"""Compile a scenario's declarative conditions and effects into fast closures: the `Game`.

The model says *what* a scenario declares; a `Game` holds the same content indexed by position
with every condition turned into a predicate and every effect list into a function over a
`Work`. The turn cycle (`engine.core.step`) runs these; nothing here ever evaluates text.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import assert_never

from engine.core import model as m
from engine.core.choices import any_of_parts, chose_test
from engine.core.combinators import Eff, Pred, every, in_order, noop, some
from engine.core.dice import key_hash
from engine.core.events import Cause, Changed, Rolled
from engine.core.ranges import HIGH, LOW, band_range, comparison_range
from engine.core.value_tests import value_test
from engine.core.work import Work

__all__ = ["Eff", "Game", "Pred", "compile_scenario"]


class Game:
    """A scenario compiled for play: ids by position, predicates and effect functions."""

    def __init__(self, scenario: m.Scenario) -> None:
        self.scenario = scenario
        self.format = scenario.format
        self.turn_count = scenario.turns.count
        self.role_ids = tuple(role.id for role in scenario.roles)
        self.role_index = {role_id: r for r, role_id in enumerate(self.role_ids)}
        self.var_ids = tuple(var.id for var in scenario.variables)
        self.var_index = {var_id: i for i, var_id in enumerate(self.var_ids)}
        self.var_min = tuple(var.min for var in scenario.variables)
        self.var_max = tuple(var.max for var in scenario.variables)
        self.resource_ids = tuple(tuple(res.id for res in role.resources) for role in scenario.roles)
        self.resource_index = tuple({res_id: k for k, res_id in enumerate(ids)} for ids in self.resource_ids)
        self.resource_min = tuple(tuple(res.min for res in role.resources) for role in scenario.roles)
        self.resource_max = tuple(tuple(res.max for res in role.resources) for role in scenario.roles)
        self.budgets = tuple(role.budget for role in scenario.roles)
        self.action_ids = tuple(action.id for action in scenario.actions)
        self.action_index = {action_id: a for a, action_id in enumerate(self.action_ids)}
        self.action_tags = tuple(frozenset(action.tags) for action in scenario.actions)
        self.action_cost = tuple(action.cost for action in scenario.actions)
        self.action_roles = tuple(tuple(self.role_index[role] for role in action.roles) for action in scenario.actions)
        self.role_actions = tuple(
            tuple(a for a, roles in enumerate(self.action_roles) if r in roles) for r in range(len(self.role_ids))
        )
        self.joint_actions = tuple(a for a, action in enumerate(scenario.actions) if action.joint)
        self.joint_set = frozenset(self.joint_actions)
        self.shock_ids = tuple(shock.id for shock in scenario.shocks)
        self.shock_index = {shock_id: s for s, shock_id in enumerate(self.shock_ids)}
        self.outcome_ids = tuple(outcome.id for outcome in scenario.outcomes)

        self.objective_weights = tuple(tuple(obj.weight for obj in role.objectives) for role in scenario.roles)
        self.objective_checks: tuple[tuple[tuple[str, Pred], ...], ...] = tuple(
            tuple((obj.check, self.condition(obj.condition)) for obj in role.objectives) for role in scenario.roles
        )
        self.objective_tests = tuple(
            (r, tuple(condition for _, condition in checks)) for r, checks in enumerate(self.objective_checks) if checks
        )
        """(role, its objectives' predicates) for each role with objectives: what a resolution records."""

        # actions: per (role, action) where effects depend on who acts (dice keys)
        self.action_requires = tuple(
            None if action.requires is None else self.condition(action.requires) for action in scenario.actions
        )
        self.action_unlocked_by = tuple(tuple(self.shock_index[s] for s in action.unlocked_by) for action in scenario.actions)
        self.action_excludes = tuple(frozenset(self.action_index[x] for x in action.excludes) for action in scenario.actions)
        self.action_conflicts = tuple(
            frozenset(b for b, excluded in enumerate(self.action_excludes) if b in self.action_excludes[a] or a in excluded)
            for a in range(len(self.action_ids))
        )
        """Per action, the actions it may not be ordered with (it excludes them, or they it)."""
        self.action_limit = tuple(action.limit for action in scenario.actions)
        self.action_cooldown = tuple(action.cooldown for action in scenario.actions)
        self.action_spend: dict[tuple[int, int], tuple[tuple[int, int], ...]] = {}
        self.action_effects: dict[tuple[int, int], Eff] = {}
        self.action_unmatched: dict[tuple[int, int], Eff] = {}
        self.joint_effects: dict[int, Eff] = {}
        # causes are values; made once here rather than for every change in the hot path
        self.cost_cause: dict[tuple[int, int], Cause] = {}
        self.action_cause: dict[tuple[int, int], Cause] = {}
        self.unmatched_cause: dict[tuple[int, int], Cause] = {}
        self.joint_cause: dict[int, Cause] = {}
        for a, action in enumerate(scenario.actions):
            if action.joint:
                self.joint_cause[a] = Cause("joint", action.id, "+".join(action.roles))
            for r in self.action_roles[a]:
                role_id = self.role_ids[r]
                self.cost_cause[(r, a)] = Cause("cost", action.id, role_id)
                self.action_cause[(r, a)] = Cause("action", action.id, role_id)
                self.unmatched_cause[(r, a)] = Cause("unmatched", action.id, role_id)
                self.action_spend[(r, a)] = tuple((self.resource_index[r][res_id], amount) for res_id, amount in action.spend)
                if action.joint:
                    self.action_unmatched[(r, a)] = self.effects(action.unmatched, f"unmatched:{action.id}:{role_id}")
                else:
                    self.action_effects[(r, a)] = self.effects(action.effects, f"action:{action.id}:{role_id}")
            if action.joint:
                self.joint_effects[a] = self.effects(action.effects, f"joint:{action.id}")
        self.role_spend = tuple(
            tuple(self.action_spend.get((r, a), ()) for a in range(len(self.action_ids))) for r in range(len(self.role_ids))
        )
        """Per role, per action: `action_spend` as a table (empty for an action the role cannot take)."""

        # shocks
        self.shock_duration = tuple(shock.duration for shock in scenario.shocks)
        self.shock_max_fires = tuple(shock.max_fires for shock in scenario.shocks)
        self.shock_enabled = tuple(shock.enabled for shock in scenario.shocks)
        self.shock_effects = tuple(self.effects(shock.effects, f"shock:{shock.id}") for shock in scenario.shocks)
        self.shock_ongoing = tuple(self.effects(shock.ongoing, f"ongoing:{shock.id}") for shock in scenario.shocks)
        self.shock_expire = tuple(self.effects(shock.on_expire, f"expire:{shock.id}") for shock in scenario.shocks)
        self.shocks_with_ongoing = tuple(s for s, shock in enumerate(scenario.shocks) if shock.ongoing)
        self.shock_cause = tuple(Cause("shock", shock.id) for shock in scenario.shocks)
        self.ongoing_cause = tuple(Cause("ongoing", shock.id) for shock in scenario.shocks)
        self.expiry_cause = tuple(Cause("expiry", shock.id) for shock in scenario.shocks)
        self.trigger_cause = tuple(Cause("trigger", shock.id) for shock in scenario.shocks)
        self.follow_ups = tuple(
            tuple(
                (self.shock_index[item.shock], item.after, item.chance, item.enable, key_hash(f"follow-up:{shock.id}:{n}"))
                for n, item in enumerate(shock.follow_ups)
            )
            for shock in scenario.shocks
        )
        self.triggers = tuple(self._trigger(s, shock) for s, shock in enumerate(scenario.shocks) if shock.trigger is not None)
        checks: list[tuple[str, m.Condition, Pred]] = []
        self.follow_up_checks = tuple(self._follow_up_checks(shock, checks) for shock in scenario.shocks)
        self.scheduled_checks = tuple(checks)
        """Format 2: the conditions follow-ups check when due (where written, the condition, its predicate)."""

        # rules, endings, outcomes
        self.rules = tuple(
            (
                Cause("rule", rule.id),
                None if rule.when is None else self.condition(rule.when),
                self.effects(rule.effects, f"rule:{rule.id}"),
            )
            for rule in scenario.rules
        )
        self.end_conditions = tuple((end.id, self.condition(end.when), end.outcome) for end in scenario.end_conditions)
        self.outcomes = tuple(
            (outcome.id, None if outcome.when is None else self.condition(outcome.when)) for outcome in scenario.outcomes
        )
        self._predicates: dict[m.Condition, Pred] = {}

    def predicate(self, cond: m.Condition) -> Pred:
        """The compiled predicate of a condition, compiled once (for code outside the hot path)."""
        found = self._predicates.get(cond)
        if found is None:
            found = self._predicates[cond] = self.condition(cond)
        return found

    def _follow_up_checks(self, shock: m.Shock, checks: list[tuple[str, m.Condition, Pred]]) -> tuple[int, ...]:
        """Per follow-up of a shock, the position of its condition in ``checks`` (added there), or -1."""
        found = []
        for n, item in enumerate(shock.follow_ups):
            if item.when is None:
                found.append(-1)
            else:
                found.append(len(checks))
                checks.append((f"{shock.id}/followUps/{n}", item.when, self.condition(item.when)))
        return tuple(found)

    def _trigger(self, s: int, shock: m.Shock) -> tuple[int, int, int, Pred | None, float | None, bool, int]:
        trigger = shock.trigger
        assert trigger is not None
        low, high = trigger.window(self.turn_count)
        when = None if trigger.when is None else self.condition(trigger.when)
        return s, low, high, when, trigger.chance, trigger.guaranteed, key_hash(f"trigger:{shock.id}")

    # -- conditions ------------------------------------------------------------------------------

    def condition(self, cond: m.Condition) -> Pred:
        """A predicate over the working state for a declarative condition."""
        match cond:
            case m.VarTest():
                i = self.var_index[cond.var]
                low, high = comparison_range(cond.comparison)
                return value_test(i, low, high, open_low=LOW, open_high=HIGH)
            case m.InBand():
                i = self.var_index[cond.var]
                low, high = band_range(self.scenario.variable(cond.var), cond.band)
                return value_test(i, low, high, open_low=LOW, open_high=HIGH)
            case m.ResourceTest():
                r = self.role_index[cond.role]
                k = self.resource_index[r][cond.resource]
                low, high = comparison_range(cond.comparison)
                return lambda w: low <= w.resources[r][k] <= high
            case m.UsesTest():
                a = self.action_index[cond.action]
                low, high = comparison_range(cond.comparison)
                if cond.role is not None:
                    r = self.role_index[cond.role]
                    return lambda w: low <= w.uses[r][a] <= high
                used = itemgetter(a)
                return lambda w: low <= sum(map(used, w.uses)) <= high
            case m.FiredTest():
                s = self.shock_index[cond.shock]
                low, high = comparison_range(cond.comparison)
                return lambda w: low <= w.fires[s] <= high
            case m.ScoreTest():
                r = self.role_index[cond.role]
                low, high = comparison_range(cond.comparison)
                return lambda w: low <= w.score_at(r) <= high
            case m.TurnTest():
                low, high = comparison_range(cond.comparison)
                return lambda w: low <= w.turn <= high
            case m.ActiveTest():
                s = self.shock_index[cond.shock]
                return lambda w: w.remaining[s] > 0
            case m.ChoseTest():
                return chose_test(self, cond)
            case m.AllOf():
                parts = tuple(self.condition(item) for item in cond.items)
                if len(parts) == 1:
                    return parts[0]
                if len(parts) == 2:
                    first, second = parts
                    return lambda w: first(w) and second(w)
                if len(parts) == 3:
                    first, second, third = parts
                    return lambda w: first(w) and second(w) and third(w)
                return every(parts)
            case m.AnyOf():
                parts = any_of_parts(self, cond.items)
                if len(parts) == 1:
                    return parts[0]
                if len(parts) == 2:
                    first, second = parts
                    return lambda w: first(w) or second(w)
                if len(parts) == 3:
                    first, second, third = parts
                    return lambda w: first(w) or second(w) or third(w)
                return some(parts)
            case m.Not():
                inner = self.condition(cond.item)
                return lambda w: not inner(w)
            case _:
                assert_never(cond)

    # -- effects ---------------------------------------------------------------------------------

    def effects(self, items: Sequence[m.Effect], key: str) -> Eff:
        """One function applying a list of effects in order; ``key`` names its dice."""
        parts: list[Eff] = []
        silent: list[Eff] = []  # the parts that change something: a `say` only adds to the log
        drifts: list[m.Drift] = []  # drifts in a row run as one function: one call, not one each
        for n, item in enumerate(items):
            if isinstance(item, m.Drift):
                drifts.append(item)
                continue
            if drifts:
                parts.append(self._drifts(drifts))
                silent.append(parts[-1])
                drifts = []
            parts.append(self.effect(item, f"{key}/{n}"))
            if not isinstance(item, m.Say):
                silent.append(parts[-1])
        if drifts:
            parts.append(self._drifts(drifts))
            silent.append(parts[-1])
        if not parts:
            return noop
        if len(parts) == 1:
            return parts[0]
        return in_order(tuple(parts), tuple(silent))

    def effect(self, eff: m.Effect, key: str) -> Eff:
        """One effect as a function; chance effects roll with dice keyed by ``key``."""
        match eff:
            case m.Add():
                changes = tuple(
                    (self.var_index[var], delta, self.var_min[self.var_index[var]], self.var_max[self.var_index[var]], var)
                    for var, delta in eff.changes
                )

                def add(work: Work, cause: Cause) -> None:
                    # the hot path of every game: Work.add_value inlined
                    values = work.values
                    if not work.record:
                        for i, delta, low, high, _ in changes:
                            after = values[i] + delta
                            values[i] = low if after < low else high if after > high else after
                        return
                    for i, delta, low, high, var_id in changes:
                        before = values[i]
                        after = before + delta
                        after = low if after < low else high if after > high else after
                        values[i] = after
                        if after != before or delta:
                            work.events.append(Changed(var_id, before, after, delta, cause))

                return add
            case m.SetTo():
                targets = tuple((self.var_index[var], value) for var, value in eff.values)

                def set_to(work: Work, cause: Cause) -> None:
                    for i, value in targets:
                        work.set_value(i, value, value - work.values[i], cause)

                return set_to
            case m.Drift():
                return self._drifts([eff])
            case m.Gain():
                r = self.role_index[eff.role]
                k = self.resource_index[r][eff.resource]
                amount = eff.amount
                return lambda work, cause: work.add_resource(r, k, amount, cause)
            case m.Chance():
                return self._chance(eff, key)
            case m.Pick():
                return self._pick(eff, key)
            case m.If():
                test = self.condition(eff.condition)
                then = self.effects(eff.then, f"{key}/then")
                otherwise = self.effects(eff.otherwise, f"{key}/else")
                return lambda work, cause: then(work, cause) if test(work) else otherwise(work, cause)
            case m.Schedule():
                s, after = self.shock_index[eff.shock], eff.after
                return lambda work, cause: work.schedule(s, after, cause)
            case m.Enable():
                s = self.shock_index[eff.shock]
                return lambda work, cause: work.arm(s, True, cause)
            case m.Disable():
                s = self.shock_index[eff.shock]
                if self.format < 2:
                    return lambda work, cause: work.arm(s, False, cause)

                def disable(work: Work, cause: Cause) -> None:
                    work.arm(s, False, cause)
                    work.call_off(s)

                return disable
            case m.EndShock():
                s = self.shock_index[eff.shock]
                return lambda work, cause: work.end_shock(s, cause)
            case m.Say():
                text = eff.text
                return lambda work, cause: work.say(text, cause)
            case _:
                assert_never(eff)

    def _drifts(self, items: Sequence[m.Drift]) -> Eff:
        """Drifts applied in order, as one function."""
        found = []
        for eff in items:
            i = self.var_index[eff.var]
            found.append((i, eff.toward, eff.by, self.var_min[i], self.var_max[i], eff.var))
        steps = tuple(found)

        def drift(work: Work, cause: Cause) -> None:
            # Work.set_value inlined, as in `add`: every rule of every turn may drift
            values = work.values
            for i, toward, by, low, high, var_id in steps:
                value = values[i]
                if value < toward:
                    new = value + by if value + by < toward else toward
                elif value > toward:
                    new = value - by if value - by > toward else toward
                else:
                    continue
                after = low if new < low else high if new > high else new
                values[i] = after
                if work.record and (after != value or new != value):
                    work.events.append(Changed(var_id, value, after, new - value, cause))

        return drift

    def _chance(self, eff: m.Chance, key: str) -> Eff:
        key_h = key_hash(key)
        probability = eff.probability
        label = eff.label or f"{probability:.0%} chance"
        then = self.effects(eff.then, f"{key}/then")
        otherwise = self.effects(eff.otherwise, f"{key}/else")

        branches: dict[Cause, tuple[Cause, Cause]] = {}

        def chance(work: Work, cause: Cause) -> None:
            success = work.roll(key_h) < probability
            if work.record:
                work.events.append(Rolled(label, "success" if success else "failure", cause))
            known = branches.get(cause)
            if known is None:
                known = branches[cause] = (cause.with_detail(f"{label}: success"), cause.with_detail(f"{label}: failure"))
            if success:
                then(work, known[0])
            else:
                otherwise(work, known[1])

        return chance

    def _pick(self, eff: m.Pick, key: str) -> Eff:
        key_h = key_hash(key)
        total = sum(option.weight for option in eff.options)
        options = tuple(
            (option.weight, option.label, self.effects(option.effects, f"{key}/{n}")) for n, option in enumerate(eff.options)
        )

        details: dict[tuple[Cause, str], Cause] = {}

        def pick(work: Work, cause: Cause) -> None:
            point = work.roll(key_h) * total
            _, label, effects = options[-1]
            for weight, option_label, option_effects in options:
                if point < weight:
                    label, effects = option_label, option_effects
                    break
                point -= weight
            if work.record:
                work.events.append(Rolled("pick", label, cause))
            detailed = details.get((cause, label))
            if detailed is None:
                detailed = details[(cause, label)] = cause.with_detail(label)
            effects(work, detailed)

        return pick


def compile_scenario(scenario: m.Scenario) -> Game:
    """Compile a loaded scenario into a `Game` ready for `start` and `step`."""
    return Game(scenario)
