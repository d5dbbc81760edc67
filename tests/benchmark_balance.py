"""Balance of a scenario against issue 13's targets. Not a test: run `python tests/benchmark_balance.py`.

Plays bot pairings through the library's `simulate` (random/random, greedy/greedy, greedy against
passive both ways, passive/passive) and prints, for each of the issue's "balance targets for the
default", the measured figure beside the target and PASS or MISS, so a rebuild of the default
scenario can be judged against a baseline. Greedy games go to the scalar engine and are slow, so
they get their own, smaller count (`--greedy-games`); progress goes to stderr. Tiers are read from
the outcomes' tones: "good" is the breakthrough, "warning" and "critical" are strained or worse,
"critical" is the rupture. Where the scenario has unilateral actions whose id or label says
consult, a scripted bot (registered by name, as docs/library.md allows) plays each as an "always
consult" variant: greedy, but ordering that consultation whenever it is open, against greedy.
Lint's half of the last target is not measured here: run `whitecell lint`. For the default scenario
the "no action in more than 80% of greedy games" target leaves out the standing channels named in
`ROUTINE` in tests/test_balance.py, read from there so that the two never disagree. Only teams
are paired; the scenario's white-cell actors are played by `simulate`'s random bot.
"""

from __future__ import annotations

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # before numpy loads: one BLAS thread, as simulate does

import argparse  # noqa: E402
import functools  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402

import scenarios  # noqa: E402
from engine import GameResult, Scenario, View, make_bot, open_scenario, register_bot, simulate  # noqa: E402
from engine.core.availability import action_options  # noqa: E402
from tests.test_balance import ROUTINE  # noqa: E402  (one list of standing channels, the test's)

Pairing = tuple[str, str]
"""The bots of the scenario's first and second role."""


class Measured:
    """The games of one pairing, and the figures every target reads from them."""

    def __init__(self, scenario: Scenario, bots: Pairing, rows: Sequence[GameResult]) -> None:
        self.scenario, self.bots, self.rows = scenario, bots, rows

    def share(self, keep: Callable[[GameResult], bool]) -> float:
        """The share of games for which `keep` holds."""
        return sum(1 for row in self.rows if keep(row)) / len(self.rows)

    def outcome_share(self, outcome: str) -> float:
        return self.share(lambda row: row.outcome == outcome)

    def tone_share(self, tones: set[str]) -> float:
        ids = {outcome.id for outcome in self.scenario.outcomes if outcome.tone in tones}
        return self.share(lambda row: row.outcome in ids)

    def score_share(self, role: str, rows: Sequence[GameResult] | None = None) -> float:
        """A role's mean score over the games, as a share of its maximum (the sum of its weights)."""
        games = self.rows if rows is None else rows
        return sum(row.scores[role] for row in games) / len(games) / maximum(self.scenario, role)

    def action_shares(self, role: str) -> list[tuple[str, float]]:
        """Per action of the role, the share of games in which it took it at least once, most first."""
        actions = self.rows[0].actions_taken[role]
        taken = {action: sum(1 for row in self.rows if row.actions_taken[role][action] > 0) for action in actions}
        shares = [(action, count / len(self.rows)) for action, count in taken.items()]
        return sorted(shares, key=lambda pair: -pair[1])


def maximum(scenario: Scenario, role: str) -> int:
    """The most a role can score: every objective met."""
    return sum(objective.weight for objective in next(r for r in scenario.roles if r.id == role).objectives)


def consult_actions(scenario: Scenario, role: str) -> tuple[str, ...]:
    """The role's unilateral actions whose id or label says consult (and not "without consulting").

    Joint ones are left out: one side alone cannot make them happen.
    """
    found = []
    for action in scenario.actions:
        words = f"{action.id} {action.label}".lower()
        if role in action.roles and not action.joint and "consult" in words and "without consult" not in words:
            found.append(action.id)
    return tuple(found)


class AlwaysConsult:
    """Greedy, except that it orders one consultation first whenever it is open: the issue's "always consult"."""

    description = "orders its consultation whenever it is open, then greedy's choices that still fit"

    def __init__(self, action: str) -> None:
        self.action, self.name, self.greedy = action, f"always-{action}", make_bot("greedy")

    def choose(self, view: View, role: str) -> tuple[str, ...]:
        scenario = view.scenario
        options = {option.action: option for option in action_options(view, role)}
        wanted = [self.action] if options[self.action].available else []
        wanted += [a for a in self.greedy.choose(view, role) if a not in wanted]
        budget = next(r for r in scenario.roles if r.id == role).budget
        excludes = {action.id: set(action.excludes) for action in scenario.actions}
        chosen: list[str] = []
        spent: dict[str, int] = {}
        for action in wanted:
            option = options[action]
            if sum(options[a].cost for a in chosen) + option.cost > budget:
                continue
            if any(action in excludes[a] or a in excludes[action] for a in chosen):
                continue
            if any(spent.get(k, 0) + amount > view.resource(role, k) for k, amount in option.spend):
                continue
            chosen.append(action)
            for k, amount in option.spend:
                spent[k] = spent.get(k, 0) + amount
        return tuple(chosen)


def play(scenario: Scenario, roles: Sequence[str], bots: Pairing, games: int, seed: int) -> Measured:
    """Plays one pairing through `simulate`, reporting progress to stderr."""
    label = "/".join(bots)
    began = time.perf_counter()
    rows: list[GameResult] = []
    step = max(1, games // 10)
    for row in simulate(scenario, games=games, seed=seed, bots=dict(zip(roles, bots, strict=True))):
        rows.append(row)
        if len(rows) % step == 0 or len(rows) == games:
            print(f"  {label}: {len(rows)}/{games} games, {time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True)
    return Measured(scenario, bots, rows)


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "MISS")


def row(target: str, measured: str, ok: bool | None) -> None:
    print(f"  {verdict(ok):<5} {target:<70} {measured}")


def print_pairing(measured: Measured, roles: Sequence[str]) -> None:
    """One pairing's outcome shares and mean scores."""
    outcomes = "  ".join(f"{o.id} {100 * measured.outcome_share(o.id):.1f}%" for o in measured.scenario.outcomes)
    scores = "  ".join(f"{role} {100 * measured.score_share(role):.1f}%" for role in roles)
    print(f"{roles[0]}={measured.bots[0]} {roles[1]}={measured.bots[1]} ({len(measured.rows)} games)")
    print(f"  outcomes: {outcomes}")
    print(f"  mean score of maximum: {scores}")


def targets(scenario: Scenario, roles: Sequence[str], runs: dict[Pairing, Measured]) -> None:
    """Each balance target of issue 13: the figure measured, the target and whether it is met."""
    rr, gg = runs[("random", "random")], runs[("greedy", "greedy")]
    print("Balance targets (issue 13)")
    top = max(scenario.outcomes, key=lambda o: rr.outcome_share(o.id))
    row("random/random: no outcome above 60%", f"{top.id} {100 * rr.outcome_share(top.id):.1f}%", rr.outcome_share(top.id) <= 0.6)
    unreached = [o.id for o in scenario.outcomes if rr.outcome_share(o.id) == 0]
    row("random/random: every tier reached", f"never: {', '.join(unreached) or 'none'}", not unreached)
    worse = gg.tone_share({"warning", "critical"})
    row("greedy/greedy: strained or worse in at least 10%", f"{100 * worse:.1f}%", worse >= 0.1)
    best = gg.tone_share({"good"})
    row("greedy/greedy: breakthrough at most 60%", f"{100 * best:.1f}%", best <= 0.6)
    for index, role in enumerate(roles):
        passive = runs[("passive", "greedy") if index == 0 else ("greedy", "passive")]
        gain = gg.score_share(role) - passive.score_share(role)
        measured = f"{100 * passive.score_share(role):.1f}% -> {100 * gg.score_share(role):.1f}% (+{100 * gain:.1f} points)"
        row(f"vs greedy, {role} passive -> greedy raises its mean by >= 25% of max", measured, gain >= 0.25)
    for role in roles:
        share = gg.score_share(role)
        row(f"{role}'s greedy mean score at most 90% of its maximum", f"{100 * share:.1f}%", share <= 0.9)
    critical = {o.id for o in scenario.outcomes if o.tone == "critical"}
    ruptures = [game for measured in runs.values() for game in measured.rows if game.outcome in critical]
    if ruptures:
        shares = {role: rr.score_share(role, ruptures) for role in roles}
        text = (
            "  ".join(f"{role} {100 * share:.1f}%" for role, share in shares.items()) + f" ({len(ruptures)} games, all pairings)"
        )
        row("in rupture games both teams' mean scores below half of max", text, all(s < 0.5 for s in shares.values()))
    else:
        row("in rupture games both teams' mean scores below half of max", "no rupture game in any pairing", None)
    routine = ROUTINE if scenario.id == scenarios.DEFAULT else {}
    for role in roles:
        often = [(a, s) for a, s in gg.action_shares(role) if s > 0.8 and a not in routine]
        text = ", ".join(f"{a} {100 * s:.0f}%" for a, s in often) or "none"
        row(f"greedy/greedy: no {role} action in more than 80% of games*", text, not often)
    fired = {shock.id: sum(1 for game in rr.rows if game.shocks_fired[shock.id] > 0) for shock in scenario.shocks}
    below = [(i, count / len(rr.rows)) for i, count in fired.items() if count / len(rr.rows) < 0.01]
    row(
        "every shock fires in at least 1% of random games",
        ", ".join(f"{i} {100 * s:.2f}%" for i, s in below) or "all do",
        not below,
    )
    row("lint reports nothing", "not measured here: run `whitecell lint`", None)
    if routine:
        print(f"  * standing channels left out, from tests/test_balance.py's ROUTINE: {', '.join(sorted(routine))}")
    else:
        print("  * unless a standing channel the scenario means to be routine: a MISS there needs a reader's judgement")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenario", nargs="?", default=None, help="scenario file or bundled name (default scenario)")
    parser.add_argument("--games", type=int, default=1000, help="games per random and passive pairing")
    parser.add_argument("--greedy-games", type=int, default=200, help="games per pairing with a greedy bot (scalar, slow)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    scenario = open_scenario(args.scenario)
    roles = [role.id for role in scenario.teams]
    if len(roles) != 2:
        parser.error(f"the pairings need two teams; {scenario.id} has {len(roles)}")
    print(f"scenario: {scenario.id}  seed {args.seed}  games a pairing: {args.games} random/passive, {args.greedy_games} greedy")
    began = time.perf_counter()
    runs: dict[Pairing, Measured] = {}
    for bots in [
        ("random", "random"),
        ("passive", "passive"),
        ("greedy", "greedy"),
        ("greedy", "passive"),
        ("passive", "greedy"),
    ]:
        games = args.greedy_games if "greedy" in bots else args.games
        runs[bots] = play(scenario, roles, bots, games, args.seed)
    print()
    for measured in runs.values():
        print_pairing(measured, roles)
    gg = runs[("greedy", "greedy")]
    for role in roles:
        print(
            f"  greedy/greedy, {role}'s actions by share of games taken: "
            + ", ".join(f"{a} {100 * s:.0f}%" for a, s in gg.action_shares(role))
        )
    print()
    targets(scenario, roles, runs)
    variants = [(index, role, action) for index, role in enumerate(roles) for action in consult_actions(scenario, role)]
    if not variants:
        print("\nalways consult: no unilateral action whose id or label says consult, so no variant")
    for index, role, action in variants:
        name = f"always-{action}"
        register_bot(name, functools.partial(AlwaysConsult, action))
        bots = (name, "greedy") if index == 0 else ("greedy", name)
        measured = play(scenario, roles, bots, args.greedy_games, args.seed)
        print(f"\nalways consult: {role} orders {action} whenever it is open, greedy otherwise")
        print_pairing(measured, roles)
        changes = {r: measured.score_share(r) - gg.score_share(r) for r in roles}
        delta = "  ".join(f"{r} {100 * d:+.1f} points ({maximum(scenario, r) * d:+.2f} score)" for r, d in changes.items())
        good = next((o.id for o in scenario.outcomes if o.tone == "good"), None)
        if good is not None:
            delta += f"  {good} {100 * gg.outcome_share(good):.1f}% -> {100 * measured.outcome_share(good):.1f}%"
        print(f"  against greedy/greedy: {delta}")
    print(f"\n{time.perf_counter() - began:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
