"""Run every lint check on a loaded scenario and put the findings in the file.

Validate's warnings come first (lint does not check again what validate checks), then the static
checks, which always run, then the dynamic pass when games are asked for. Each group is in file
order, so the output is the same for the same inputs.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from engine.core.nouns import counted
from engine.lint.cascade import same_turn_cascades
from engine.lint.dynamic import DOMINANCE_RULE, dynamic_findings
from engine.lint.findings import Finding, locate
from engine.lint.free import free_actions
from engine.lint.loops import follow_up_loops
from engine.lint.reach import reachable
from engine.lint.source import Source
from engine.lint.static import static_findings
from engine.lint.tags import unknown_tags
from engine.lint.training import untested_objectives
from engine.lint.unread import unread_variables
from engine.load.diagnostics import Diagnostic


@attrs.frozen
class LintResult:
    """The findings of one scenario: validate's warnings, proved from the rules, and seen (or not) in bot games."""

    label: str
    validate: tuple[Diagnostic, ...]
    static: tuple[Diagnostic, ...]
    dynamic: tuple[Diagnostic, ...]
    games: int
    seed: int
    bots: tuple[tuple[str, str], ...] = ()
    """(role, bot) for the roles whose bot in the dynamic pass was not the random one."""

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return self.validate + self.static + self.dynamic


LIVELY = frozenset({"lint-free-action", "lint-variable-never-read", "lint-shown-variable-never-read", "lint-same-turn-cascade"})
"""Static codes about content that plays (free, read by nobody, or firing too soon): they do not make it dead."""


def static_lint(source: Source) -> list[Finding]:
    """The findings that need no games; an action proved never available is not called free as well."""
    env = reachable(source.scenario)
    document = source.scenario.document
    proved = [*static_findings(env), *follow_up_loops(source.scenario), *unknown_tags(document)]
    cascades = list(same_turn_cascades(source.scenario))
    dead = {_entity(finding.pointer) for finding in proved}
    free = [finding for finding in free_actions(source.scenario) if _entity(finding.pointer) not in dead]
    return [*proved, *cascades, *unread_variables(source.scenario), *free, *untested_objectives(source.scenario)]


def _entity(pointer: str) -> str:
    """The shock, action, outcome... a pointer is inside, e.g. ``/outcomes/2`` for ``/outcomes/2/when``."""
    return "/".join(pointer.split("/")[:3])


def lint(source: Source, games: int = 0, seed: int = 1, bots: Mapping[str, str] | None = None) -> LintResult:
    """Lint a scenario; ``games`` bot games (none: static checks only) from ``seed``, each role played by
    its bot in ``bots`` (random by default: the greedy bot reaches chains that random play misses).

    Content the static checks already prove dead is not reported again as unreached in play.
    """
    static = static_lint(source)
    dynamic: list[Finding] = []
    if games:
        from engine.core.rules import compile_scenario

        env = reachable(source.scenario)
        dead = {_entity(finding.pointer) for finding in static if finding.code not in LIVELY}
        found = dynamic_findings(env, compile_scenario(source.scenario), games, seed, bots)
        dynamic = [finding for finding in found if _entity(finding.pointer) not in dead]
    return LintResult(
        source.label,
        source.warnings,
        tuple(locate(static, source.parsed, source.label)),
        tuple(locate(dynamic, source.parsed, source.label)),
        games,
        seed,
        tuple((role, bot) for role, bot in (bots or {}).items() if bot != "random"),
    )


def lint_text(result: LintResult) -> str:
    """The findings one per line with their codes, then what was checked and how findings are defined."""
    lines = [d.format() for d in result.diagnostics]
    players = "".join(f"; {role}: {bot}" for role, bot in result.bots)
    games = f"{counted(result.games, 'bot game')} (seed {result.seed}{players})"
    if not result.diagnostics:
        played = f" and {games}" if result.games else " (no bot games played)"
        lines.append(f"{result.label}: no findings from validate, the static checks{played}")
        return "\n".join(lines) + "\n"
    count = len(result.diagnostics)
    dynamic = f"{len(result.dynamic)} from {games}" if result.games else "no bot games played"
    lines.append(
        f"{counted(count, 'finding')} in {result.label}: {len(result.validate)} from validate, "
        f"{len(result.static)} from the static checks, {dynamic}"
    )
    if any(d.code == "lint-dominant-action" for d in result.dynamic):
        lines.append(DOMINANCE_RULE)
    return "\n".join(lines) + "\n"
