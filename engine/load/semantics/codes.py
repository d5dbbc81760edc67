"""The diagnostic codes of the checks of meaning, for the format reference and the messages that cite them.

Errors are what no game could be played with; warnings are legal but almost certainly unintended.
"""

from __future__ import annotations

from engine.load.diagnostics import CodeInfo


def _error(code: str, summary: str, explanation: str) -> CodeInfo:
    return CodeInfo(code, "error", summary, explanation)


def _warning(code: str, summary: str, explanation: str) -> CodeInfo:
    return CodeInfo(code, "warning", summary, explanation)


_REFERENCE = "The message suggests the closest declared name, or lists the names declared."
CODES: tuple[CodeInfo, ...] = (
    _error(
        "duplicate-id",
        "two entries of one list share an id",
        "Ids name things in references and journals, so each must be unique in its list (roles, actions, a variable's bands...).",
    ),
    _error("unknown-role", "a reference to a role the scenario does not declare", _REFERENCE),
    _error("unknown-variable", "a reference to a variable the scenario does not declare", _REFERENCE),
    _error("unknown-band", "a reference to a band the variable does not have", _REFERENCE),
    _error(
        "unknown-resource",
        "a reference to a resource the role does not have",
        "Resources belong to a role; spending or testing one needs the role to declare it. " + _REFERENCE,
    ),
    _error("unknown-action", "a reference to an action the scenario does not declare", _REFERENCE),
    _error("unknown-shock", "a reference to a shock the scenario does not declare", _REFERENCE),
    _error(
        "unknown-tag",
        "a chose test names a tag no action carries",
        "Tags are declared by listing them in an action's tags; a test of a tag nothing carries could never hold.",
    ),
    _error("unknown-outcome", "an end condition names an outcome the scenario does not declare", _REFERENCE),
    _error(
        "unknown-visibility",
        "a variable's visibility is not public, facilitator or a role id",
        "Visibility says who sees a variable: everyone (public), only the white cell (facilitator), or one role.",
    ),
    _error(
        "turn-out-of-range", "a turn number beyond the game's turns", "Triggers name turns from 1 to the scenario's turn count."
    ),
    _error(
        "impossible-bounds",
        "comparison bounds no number satisfies",
        "E.g. atLeast 5 with below 3: the condition could never hold, which is always a mistake.",
    ),
    _error(
        "empty-choice",
        "a chose test with neither an action nor a tag",
        "A chose test asks whether a role chose an action, or any action with a tag; it needs one of them.",
    ),
    _error(
        "choice-not-allowed",
        "a chose test of an action the role cannot take",
        "The action's roles do not include the role tested, so the condition could never hold.",
    ),
    _error(
        "turn-names-count",
        "the number of turn names differs from the turn count",
        "Turn names label each turn, so there must be exactly one per turn.",
    ),
    _error(
        "bad-date",
        "a start date that is not on the calendar, or turns dated past 9999",
        "The date has the right form but does not exist, e.g. 2026-02-30; or the turns, a step each from the start "
        "date, would run past 9999-12-31, the last date a calendar can show.",
    ),
    _error(
        "step-without-start",
        "a calendar step without a start date",
        "Turns are dated from the start date by the step; a step alone cannot date anything.",
    ),
    _error(
        "score-in-objective",
        "an objective tests a score",
        "A score is computed from objectives, so an objective that tests one would depend on itself.",
    ),
    _error(
        "bad-bounds",
        "max is not greater than min",
        "A variable or resource needs room to move: its maximum must be above its minimum.",
    ),
    _error(
        "initial-out-of-bounds",
        "an initial value outside min and max",
        "Values are kept within their bounds, so the starting value must be within them too.",
    ),
    _error(
        "band-gap",
        "the first band does not start at the variable's minimum",
        "Bands cover a variable's whole range, so every value has a band; the first must start at min.",
    ),
    _error(
        "bands-unordered",
        "bands not in ascending order of from",
        "Each band runs from its from up to the next band's from, so they must be listed in ascending order.",
    ),
    _error("band-out-of-bounds", "a band starting above the variable's maximum", "No value could ever fall in such a band."),
    _error(
        "needs-format-2",
        "a form of format 2 in a file of format 1",
        "Format 2 added the order rule within a turn and forms that format 1 lacks (the schema's descriptions say "
        '"Format 2" on each); a file uses them by declaring "format": 2 at the top. A file without format is format 1 '
        "and plays as it always has.",
    ),
    _error(
        "unknown-team",
        "an actor's audience names a role the scenario does not declare",
        "An actor's audience lists the teams that hear of its moves. " + _REFERENCE,
    ),
    _error(
        "audience-names-actor",
        "an actor's audience names an actor",
        "An audience lists teams: actors have no seat to tell, and the white cell already sees every move.",
    ),
    _error(
        "audience-of-team",
        "a team (a role not played by the white cell) with an audience",
        'Only an actor (playedBy "white-cell") has an audience; a team sees its own moves, and every resolved move of a '
        "team is public.",
    ),
    _error(
        "actor-has-objectives",
        "an actor with objectives",
        "Actors have no score: the white cell plays them to test the teams, not to win. Outcome conditions may test "
        "what an actor chose.",
    ),
    _error(
        "actor-has-briefing",
        "an actor with a private briefing",
        "A private briefing is handed to a team; an actor has none. Its description is for the white cell.",
    ),
    _error("no-team", "every role is an actor", "A game needs at least one team to play it; actors only answer them."),
    _error(
        "inject-to-actor",
        "a shock addressed to an actor",
        "A shock's audience lists the teams it is told to; the white cell, which plays the actors, sees every shock.",
    ),
    _error("unknown-state", "a name that is not one of the variable's named states", _REFERENCE),
    _error(
        "not-named-states",
        "a state test, setState or stepState of a variable without named states",
        "These forms name states, so the variable must declare states (format 2); a number is tested with var and "
        "changed with add or set.",
    ),
    _error(
        "states-with-bounds",
        "a variable of named states with min, max or bands",
        "A variable of named states ranges from its first state to its last, and each state is shown as its band, "
        "so it takes no min, max or bands of its own.",
    ),
    _error(
        "phases-overlap",
        "a phase that starts before the phase listed before it has ended",
        "Phases are listed in the order they happen and share no turn, so that every turn is in one phase at most "
        "and each phase's hotwash falls after its own last turn.",
    ),
    _error(
        "chose-role-and-roles",
        "a chose test with both role and roles",
        "role tests one role's choice; roles (format 2) tests that every one of several roles made it in the same "
        "turn. Give one of them.",
    ),
    _error(
        "if-with-enable",
        "a follow-up with both enable and if",
        "An enabling follow-up arms the shock's trigger at once; there is nothing due later for the if to call off. "
        "Put the condition in the trigger's when.",
    ),
    _error(
        "unknown-exercise-objective",
        "a shock tests an exercise objective the scenario does not declare",
        "A shock's tests name exercise objectives (training objectives) declared in exerciseObjectives at the top "
        "of the file, not a role's objectives. " + _REFERENCE,
    ),
    _error(
        "duplicate-test",
        "a shock lists the same exercise objective twice in its tests",
        "Each exercise objective is listed once in a shock's tests.",
    ),
    _error("duplicate-role", "an action lists the same role twice", "Each role is listed once in an action's roles."),
    _error(
        "joint-needs-two",
        "a joint action with fewer than two roles",
        "A joint action is taken together by several roles; with one role it is an ordinary action.",
    ),
    _error(
        "unmatched-not-joint",
        "unmatched effects on an action that is not joint",
        "Unmatched effects apply when only some of a joint action's roles take it; other actions never use them.",
    ),
    _error("excludes-itself", "an action excludes itself", "excludes lists other actions that cannot be taken in the same turn."),
    _error(
        "turn-and-window",
        "a trigger with both atTurn and a window",
        "A trigger fires at one turn (atTurn) or within a window (from/to), not both.",
    ),
    _error(
        "window-reversed",
        "a trigger window or a phase that ends before it starts",
        "The window's or the phase's to must not come before its from.",
    ),
    _error(
        "guaranteed-without-window",
        "guaranteed on a trigger with no window",
        "guaranteed makes a shock fire in the last turn of its window, so it needs one.",
    ),
    _error(
        "last-outcome-conditional",
        "the last outcome has a when",
        "Outcomes are tried in order; the last one is the fallback with no when, so every game ends with an outcome.",
    ),
    _error(
        "outcome-shadows",
        "an outcome without when that is not the last",
        "An outcome with no when always matches, so the outcomes after it could never be reached.",
    ),
    _warning(
        "empty-text",
        "a title, label, name or narrative left blank",
        "Players and facilitators would see nothing there; write the text or remove the property.",
    ),
    _warning(
        "no-effect",
        "an effect that adds or gains 0",
        "Adding 0 to a variable or gaining 0 of a resource changes nothing; give the amount or remove the entry.",
    ),
    _warning(
        "chance-zero",
        "a chance of 0",
        "Something that happens with probability 0 never happens: the shock, follow-up or branch is dead.",
    ),
    _warning(
        "else-never",
        "an else branch under a chance of 1",
        "With a chance of 1 the then branch always runs, so the else branch never does.",
    ),
    _warning(
        "duplicate-label",
        "two bands of a variable, or two actions, share a label",
        "Players tell them apart by label; the same words for two things is confusing.",
    ),
    _warning(
        "free-moves-limits-unused",
        "limits for free-form moves the scenario switches off",
        "With freeMoves.allowed false no free-form move is made, so perTeamPerTurn and largestEffect never apply; "
        "remove them, or allow the moves.",
    ),
)
