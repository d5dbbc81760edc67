"""The lint's diagnostic codes, documented for the format reference.

Every lint finding but one is a warning: the scenario loads and plays, but part of it is dead,
unreachable or lopsided. A variable teams see that nothing reads is an info, since showing it may be
the intent. Static codes are proofs over the rules (never a guess); dynamic codes come from bot games.
Lint also reports the scenario's validate warnings (e.g. `empty-text`) under their own codes, documented
with validate's.
"""

from __future__ import annotations

from engine.load.diagnostics import CodeInfo

CODES: tuple[CodeInfo, ...] = (
    CodeInfo(
        "lint-shock-never-fires",
        "warning",
        "a shock that can never fire",
        "The shock's trigger cannot hold in any game played by the rules: its condition needs a value no "
        "variable, resource or counter can reach, its chance is 0, or it is disabled and nothing that can happen "
        "enables or schedules it. (A shock with no trigger that nothing schedules is the facilitator's to inject "
        "and is not reported.) Fix the trigger or remove the shock.",
    ),
    CodeInfo(
        "lint-action-never-available",
        "warning",
        "an action no team can ever take",
        "The action's requirement cannot hold given the reachable values, its cost exceeds every budget, "
        "a resource it spends can never reach the amount, or it is unlocked only by shocks that never fire.",
    ),
    CodeInfo(
        "lint-variable-never-changes",
        "warning",
        "a variable that nothing changes",
        "No action, shock, rule or outcome effect moves the variable, so it keeps its initial value all game. "
        "Make something move it, or drop it if it is only decoration.",
    ),
    CodeInfo(
        "lint-variable-never-read",
        "warning",
        "a variable that nothing reads and no team sees",
        "No requirement, trigger, objective, outcome, end condition, rule or 'if' effect reads the variable (an "
        "effect that changes it does not read it), and it is shown to no team, so it changes nothing in the game "
        "and informs nobody but the white cell. Make a condition read it, show it to a team, or drop it.",
    ),
    CodeInfo(
        "lint-shown-variable-never-read",
        "info",
        "a variable that nothing reads but teams see",
        "No requirement, trigger, objective, outcome, end condition, rule or 'if' effect reads the variable, but "
        "it is shown to teams, who read it on screen and may weigh it in their choices. That can be the intent "
        "(a gauge for the players' judgement), so this is an info, not a warning; make a condition read it if "
        "the game should answer to it.",
    ),
    CodeInfo(
        "lint-resource-never-spent",
        "warning",
        "a resource that no action spends",
        "No action lists the resource in 'spend' and no effect lowers it, so holding it never costs or "
        "buys anything (unless a condition reads it, in which case it is a counter, which is reported too).",
    ),
    CodeInfo(
        "lint-objective-unreachable",
        "warning",
        "an objective that can never be met",
        "The objective's condition cannot hold at the turn it is checked, given the values its variables, "
        "resources and counters can reach.",
    ),
    CodeInfo(
        "lint-objective-always-met",
        "warning",
        "an objective met in every game whatever the teams do",
        "The objective is checked at the end and its condition holds in every state a game can reach, so it "
        "scores for free and gives the team nothing to play for.",
    ),
    CodeInfo(
        "lint-free-action",
        "warning",
        "an action a team gives up nothing to take every turn",
        "The action spends no resource, has no cooldown and no use limit, and nothing it does (its effects, its "
        "unmatched effects, the shocks it schedules or enables) lowers one of the taking role's resources or moves "
        "anything against that role's own objectives, nor does any of those objectives count its use against the "
        "team. Its action points are not counted as a cost: every action draws on the same budget. (One that "
        "answers shocks once each, because they open it ('unlockedBy') for one turn in all or it ends them, is not "
        "reported.) Such an action is no dilemma; give it a cost, a cooldown, a limit or a downside.",
    ),
    CodeInfo(
        "lint-follow-up-loop",
        "warning",
        "shocks that follow up each other in a loop",
        "Following the follow-ups (and schedule effects) from this shock leads back to it. Each repetition is "
        "bounded by 'maxFires', but the loop is usually a mistake.",
    ),
    CodeInfo(
        "lint-same-turn-cascade",
        "warning",
        "a shock that can fire in the same turn as the shock that arms or counts it (format 1)",
        "In a format 1 file each trigger is checked just before its shock may fire, after the scheduled shocks "
        "and the shocks before it in the list; so a shock enabled by one of those (an enable "
        "effect or follow-up), or whose trigger counts one (fired, active), can fire in the same turn, and a "
        'ladder of such shocks climbs all at once. The message spells out the chain. Add "format": 2 at the '
        "top of the file: format 2 checks every trigger before any shock of the turn fires, so each rung fires a "
        "turn later at the earliest.",
    ),
    CodeInfo(
        "lint-unknown-tag",
        "warning",
        "a condition tests an action for a tag it does not have",
        "A 'chose' condition names both an action and a tag the action does not carry, so the test never holds. "
        "(A tag that no action has at all is already an error for validate.)",
    ),
    CodeInfo(
        "lint-outcome-shadowed",
        "warning",
        "an outcome that an earlier outcome always takes first",
        "Outcomes are tried in order; an earlier outcome whose condition holds whenever this one's does "
        "(or always holds) means this one is never chosen.",
    ),
    CodeInfo(
        "lint-outcome-impossible",
        "warning",
        "an outcome whose condition can never hold",
        "The outcome's 'when' cannot hold when a game ends, given the values it reads can reach, and no end "
        "condition names it, so no game ends with it.",
    ),
    CodeInfo(
        "lint-end-never-holds",
        "warning",
        "an end condition that can never hold",
        "The end condition's 'when' cannot hold at any point of a game, so it never ends a game early.",
    ),
    CodeInfo(
        "lint-objective-untested",
        "warning",
        "an exercise objective that no inject tests",
        "No shock lists the exercise objective (training objective) in its tests, so the game can never test it "
        "and the report can only say so. Add its id to the tests of the injects that test it, or drop it.",
    ),
    CodeInfo(
        "lint-shock-never-reached",
        "warning",
        "a shock that fired in no bot game",
        "In every bot game the lint played, the shock never fired. It may be possible but rare; raise its "
        "chance, widen its window or check its trigger.",
    ),
    CodeInfo(
        "lint-objective-never-tested",
        "warning",
        "an exercise objective whose injects fired in no bot game",
        "Every shock that tests the exercise objective (training objective) fired in none of the bot games, so "
        "in the room too the objective may go untested and the report will have nothing to evaluate it on. "
        "Give one of those shocks a trigger that fires more surely, test the objective with another inject, or "
        "plan to inject one.",
    ),
    CodeInfo(
        "lint-action-never-taken",
        "warning",
        "an action that no bot took",
        "The action was never taken by any bot in the games played (it may have been available).",
    ),
    CodeInfo(
        "lint-action-never-offered",
        "warning",
        "an action that was never available in play",
        "In every bot game the lint played, the action was never available to any team.",
    ),
    CodeInfo(
        "lint-outcome-never-reached",
        "warning",
        "an outcome that ended no bot game",
        "No bot game the lint played ended with this outcome.",
    ),
    CodeInfo(
        "lint-dominant-action",
        "warning",
        "an action taken in most games and linked with winning",
        "A team took the action in at least 80% of the games, and the games in which it took it meet that "
        "team's objectives clearly more often than the games in which it did not. The action may be a "
        "dominant strategy that makes the exercise's choices moot.",
    ),
)
