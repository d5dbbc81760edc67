"""Dynamic lint: play bot games and report what they never reach, and actions that dominate.

Static lint proves what is impossible; what is possible but never seen in play (a shock that
needs a rare run of choices, an outcome nobody reaches) only shows when games are played.
Every role is played by the random bot, whose choices do not depend on how the game goes, so
an action's link with a role's score says something about the action, not about the bot.
Game ``i`` uses the same seed as game ``i`` of `simulate`, so the findings are reproducible.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence

import attrs

from engine.bots.registry import make_bot
from engine.bots.simulate import play_batch
from engine.core.rules import Game
from engine.core.view import View
from engine.lint.bounds import Env
from engine.lint.findings import Finding
from engine.lint.training import objectives_never_tested_in_play

DOMINANT_SHARE = 0.8
"""An action is taken "in most games" when the role took it at least once in this share of games."""
DOMINANT_CORRELATION = 0.3
"""...and "linked with winning" when the correlation between how often the role took it in a game
and the role's score at the end of that game is at least this."""
MIN_GAMES_FOR_DOMINANCE = 20
"""Fewer games say too little about a correlation to report one."""

DOMINANCE_RULE = (
    f"An action is reported as dominant when a team took it in at least {DOMINANT_SHARE:.0%} of the bot games and "
    f"the correlation between how many times the team took it in a game and the team's score at the end of that "
    f"game is at least {DOMINANT_CORRELATION} (random bots play every role, so the link is the action's, not the "
    f"bot's; needs at least {MIN_GAMES_FOR_DOMINANCE} games)."
)


@attrs.frozen
class Played:
    """What a batch of bot games reached."""

    games: int
    seed: int
    fired: dict[str, int]
    """Shock id -> games in which it fired."""
    available: dict[str, int]
    """Action id -> games in which some role could take it."""
    taken: dict[str, int]
    """Action id -> games in which some role took it."""
    outcomes: dict[str, int]
    uses: dict[tuple[str, str], list[int]]
    """(role, action) -> times taken, game by game."""
    scores: dict[str, list[int]]
    """Role -> score at the end, game by game."""


def play_games(game: Game, games: int, seed: int, bots: Mapping[str, str] | None = None) -> Played:
    """Play ``games`` games, each role with its bot in ``bots`` (random by default), and gather what they reached."""
    named = bots or {}
    policies = {role: make_bot(named.get(role, "random")) for role in game.role_ids}
    fired = dict.fromkeys(game.shock_ids, 0)
    available = dict.fromkeys(game.action_ids, 0)
    taken = dict.fromkeys(game.action_ids, 0)
    outcomes = dict.fromkeys(game.outcome_ids, 0)
    pairs = [(r, a) for a in range(len(game.action_ids)) for r in game.action_roles[a]]
    uses: dict[tuple[str, str], list[int]] = {(game.role_ids[r], game.action_ids[a]): [] for r, a in pairs}
    scores: dict[str, list[int]] = {role: [] for role in game.role_ids}
    for record in play_batch(game, games, seed, policies):
        final = record.final
        for shock in record.shocks_fired(game):
            fired[shock] += 1
        for action in record.actions_available(game):
            available[action] += 1
        for a, action in enumerate(game.action_ids):
            if any(row[a] for row in final.uses):
                taken[action] += 1
        for r, a in pairs:
            uses[(game.role_ids[r], game.action_ids[a])].append(final.uses[r][a])
        assert final.outcome is not None
        outcomes[final.outcome] += 1
        work = View(game, final)
        for r, role in enumerate(game.role_ids):
            scores[role].append(work.score_at(r))
    return Played(games, seed, fired, available, taken, outcomes, uses, scores)


def correlation(xs: Sequence[int], ys: Sequence[int]) -> float | None:
    """Pearson's correlation of two series, or None when either does not vary."""
    n = len(xs)
    mean_x = sum(xs) / n
    mean_y = sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return sxy / math.sqrt(sxx * syy)


def _in(played: Played) -> str:
    return f"in none of the {played.games} bot games (seed {played.seed})"


def unreached(env: Env, played: Played) -> Iterator[Finding]:
    """Content the static pass leaves possible that no bot game reached."""
    scenario = env.scenario
    for s, shock in enumerate(scenario.shocks):
        if shock.id in env.live_shocks and played.fired[shock.id] == 0:
            yield Finding(
                f"/shocks/{s}/id",
                "lint-shock-never-reached",
                f"{shock.title} fired {_in(played)}: it can happen, but rarely, or only after choices the bots did not make",
            )
    for a, action in enumerate(scenario.actions):
        if not any((role, action.id) in env.live_actions for role in action.roles):
            continue
        if played.available[action.id] == 0:
            yield Finding(
                f"/actions/{a}/id",
                "lint-action-never-offered",
                f"{action.label} was available {_in(played)}: check what it requires and what unlocks it",
            )
        elif played.taken[action.id] == 0:
            yield Finding(
                f"/actions/{a}/id",
                "lint-action-never-taken",
                f"{action.label} was taken {_in(played)}, though it was available in {played.available[action.id]}",
            )
    for o, outcome in enumerate(scenario.outcomes):
        if played.outcomes[outcome.id] == 0:
            yield Finding(f"/outcomes/{o}/id", "lint-outcome-never-reached", f"the outcome {outcome.title!r} ended {_in(played)}")


def dominant(env: Env, played: Played) -> Iterator[Finding]:
    """Actions a role took in most games whose use goes with a higher score for that role (see DOMINANCE_RULE)."""
    if played.games < MIN_GAMES_FOR_DOMINANCE:
        return
    scenario = env.scenario
    for a, action in enumerate(scenario.actions):
        for role_id in action.roles:
            counts = played.uses[(role_id, action.id)]
            share = sum(1 for count in counts if count) / played.games
            if share < DOMINANT_SHARE:
                continue
            link = correlation(counts, played.scores[role_id])
            if link is None or link < DOMINANT_CORRELATION:
                continue
            role = scenario.role(role_id)
            yield Finding(
                f"/actions/{a}/id",
                "lint-dominant-action",
                f"{action.label} may dominate {role.name}'s choices: taken in {share:.0%} of {played.games} bot games, "
                f"and the more often {role.name} took it, the higher its score (correlation {link:.2f})",
            )


def dynamic_findings(env: Env, game: Game, games: int, seed: int, bots: Mapping[str, str] | None = None) -> list[Finding]:
    """Findings from ``games`` bot games played from ``seed`` (random bots unless ``bots`` names others by role)."""
    played = play_games(game, games, seed, bots)
    tested = objectives_never_tested_in_play(env.scenario, played.fired, played.games, played.seed)
    return [*unreached(env, played), *dominant(env, played), *tested]
