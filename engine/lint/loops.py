"""Follow-up loops: shocks that, through follow-ups and schedule or enable effects, set themselves off again.

A loop repeats until each shock's `maxFires` runs out, which is rarely what an author meant;
each loop is reported once, at its first shock in the file.
"""

from __future__ import annotations

from collections.abc import Iterator

from engine.core import model as m
from engine.lint.findings import Finding
from engine.lint.reach import all_effects, shock_set_off


def _edges(shock: m.Shock) -> list[tuple[str, str]]:
    """(target shock, pointer suffix of the link) for each shock this one sets off."""
    edges = [(follow.shock, f"/followUps/{n}") for n, follow in enumerate(shock.follow_ups)]
    for effect in all_effects(shock.effects + shock.ongoing + shock.on_expire):
        target = shock_set_off(effect)
        if target is not None:
            edges.append((target, ""))
    return edges


def _path(graph: dict[str, list[tuple[str, str]]], start: str) -> list[str] | None:
    """The shortest chain of shocks from ``start`` back to itself, if any."""
    previous: dict[str, str] = {}
    frontier = [start]
    seen = {start}
    while frontier:
        following = []
        for node in frontier:
            for target, _ in graph[node]:
                if target == start:
                    chain = [node]
                    while chain[-1] != start:
                        chain.append(previous[chain[-1]])
                    return [start, *reversed(chain[:-1]), start] if node != start else [start, start]
                if target not in seen:
                    seen.add(target)
                    previous[target] = node
                    following.append(target)
        frontier = following
    return None


def follow_up_loops(scenario: m.Scenario) -> Iterator[Finding]:
    """One finding per loop of shocks setting each other off, at the loop's first shock."""
    graph = {shock.id: _edges(shock) for shock in scenario.shocks}
    position = {shock.id: s for s, shock in enumerate(scenario.shocks)}
    reported: set[str] = set()
    for s, shock in enumerate(scenario.shocks):
        if shock.id in reported:
            continue
        chain = _path(graph, shock.id)
        if chain is None:
            continue
        reported.update(chain)
        link = next(suffix for target, suffix in graph[shock.id] if target == chain[1])
        titles = " → ".join(scenario.shocks[position[item]].title for item in chain)
        yield Finding(
            f"/shocks/{s}{link}",
            "lint-follow-up-loop",
            f"these shocks set each other off in a loop: {titles}; it repeats until maxFires runs out",
        )
