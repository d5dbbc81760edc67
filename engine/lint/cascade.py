"""Same-turn cascades: in a format 1 file, a shock that can fire in the turn an earlier shock armed or counted it.

Format 1 checks each trigger just before its shock may fire, after the scheduled shocks and the
shocks before it in the list, so a rung enabled by the rung below fires in the same opening and a
ladder can climb all at once. Format 2 checks every trigger before any shock of the turn fires;
so the fix is one line, and each finding spells out the chain it breaks. (Expiries come first in
an opening in both formats, so a shock armed as another expires is not reported.)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import assert_never

from engine.core import model as m
from engine.lint.findings import Finding
from engine.lint.reach import all_effects

Link = tuple[int, str]
"""An earlier shock (by position) and how it sets this one off, in words."""


def condition_shocks(cond: m.Condition) -> Iterator[str]:
    """The shocks a condition counts (fired) or watches (active)."""
    match cond:
        case m.FiredTest() | m.ActiveTest():
            yield cond.shock
        case m.AllOf() | m.AnyOf():
            for item in cond.items:
                yield from condition_shocks(item)
        case m.Not():
            yield from condition_shocks(cond.item)
        case m.VarTest() | m.InBand() | m.ResourceTest() | m.UsesTest() | m.ScoreTest() | m.TurnTest() | m.ChoseTest():
            pass
        case _:
            assert_never(cond)


def _enables(shock: m.Shock, target: str) -> str | None:
    """How a shock arms another as it fires or expires, in words, or None."""
    if any(follow.enable and follow.shock == target for follow in shock.follow_ups):
        return "enables"
    if any(isinstance(effect, m.Enable) and effect.shock == target for effect in all_effects(shock.effects)):
        return "enables"
    return None


def _fires_in_opening(scenario: m.Scenario) -> tuple[set[int], set[int]]:
    """The shocks that can fire in a turn's opening: those something schedules, and those with a trigger."""
    scheduled = {follow.shock for shock in scenario.shocks for follow in shock.follow_ups if not follow.enable}
    for source in _effect_lists(scenario):
        scheduled.update(effect.shock for effect in all_effects(source) if isinstance(effect, m.Schedule))
    positions = {shock.id: s for s, shock in enumerate(scenario.shocks)}
    triggered = {s for s, shock in enumerate(scenario.shocks) if shock.trigger is not None}
    return {positions[shock_id] for shock_id in scheduled if shock_id in positions}, triggered


def _effect_lists(scenario: m.Scenario) -> Iterator[tuple[m.Effect, ...]]:
    for action in scenario.actions:
        yield action.effects + action.unmatched
    for shock in scenario.shocks:
        yield shock.effects + shock.ongoing + shock.on_expire
    for rule in scenario.rules:
        yield rule.effects


def _links(scenario: m.Scenario) -> dict[int, list[Link]]:
    """Per triggered shock, the shocks that can arm or count it earlier in the same opening."""
    scheduled, triggered = _fires_in_opening(scenario)
    links: dict[int, list[Link]] = {}
    for b in sorted(triggered):
        target = scenario.shocks[b]
        assert target.trigger is not None
        counted = set() if target.trigger.when is None else set(condition_shocks(target.trigger.when))
        for a, shock in enumerate(scenario.shocks):
            if a == b:
                continue
            earlier = a in scheduled or (a in triggered and a < b)
            how = _enables(shock, target.id) if earlier else None
            if how is None and earlier and shock.id in counted:
                how = "is counted by the trigger of"
            if how is not None:
                links.setdefault(b, []).append((a, how))
    return links


def _chain(links: dict[int, list[Link]], end: int) -> list[tuple[int, str]]:
    """A chain of links leading to ``end``, through the first earlier shock of each (each shock once), from its first."""
    chain: list[tuple[int, str]] = []
    seen = {end}
    node = end
    while node in links:
        step = next(((a, how) for a, how in links[node] if a not in seen), None)
        if step is None:
            break
        chain.append((step[0], step[1]))
        seen.add(step[0])
        node = step[0]
    return list(reversed(chain))


def same_turn_cascades(scenario: m.Scenario) -> Iterator[Finding]:
    """In a format 1 file, one finding per shock that can fire in the turn an earlier shock armed or counted it."""
    if scenario.format >= 2:
        return
    links = _links(scenario)
    for b, _ in sorted(links.items()):
        chain = _chain(links, b)
        steps = []
        for position, (a, how) in enumerate(chain):
            following = chain[position + 1][0] if position + 1 < len(chain) else b
            steps.append(f"{scenario.shocks[a].id} {how} {scenario.shocks[following].id}")
        names = " → ".join([*(scenario.shocks[a].id for a, _ in chain), scenario.shocks[b].id])
        yield Finding(
            f"/shocks/{b}/trigger",
            "lint-same-turn-cascade",
            f"{scenario.shocks[b].id} can fire in the same turn as the shock that sets it off ({'; '.join(steps)}), "
            f"so {names} can {'both' if len(chain) == 1 else 'all'} happen at once; "
            'add "format": 2 so that each fires a turn later at the earliest',
        )
