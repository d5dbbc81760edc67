"""Checks of meaning that a JSON Schema cannot express: unique ids, references, ranges.

They run on the raw document even when the schema found problems, so an author sees every
mistake at once; anything malformed is skipped here because the schema already reported it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from engine.load.diagnostics import CodeInfo, Severity, closest
from engine.load.jsonpos import escape_pointer_token

COMPARATORS = ("atLeast", "atMost", "above", "below", "equals")
TEXT_KEYS = frozenset(
    {
        "title",
        "label",
        "name",
        "summary",
        "briefing",
        "narrative",
        "description",
        "say",
        "unit",
        "requiresText",
        "expectedResponse",
    }
    | {"facilitatorNotes", "source", "author"}
)
"""Properties holding words that players or facilitators read; left blank, they show as nothing."""


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
        "bad-date", "a start date that is not on the calendar", "The date has the right form but does not exist, e.g. 2026-02-30."
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
    _error("window-reversed", "a trigger window that ends before it starts", "The window's to must not come before its from."),
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
)


@attrs.frozen
class Finding:
    """A problem at a pointer; ``key`` says whether it concerns the key rather than the value."""

    pointer: str
    code: str
    message: str
    key: bool = False
    suggestion: str | None = None
    severity: Severity = "error"


def _entries(document: Mapping[str, Any], name: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """The objects of a top-level list with their pointers, skipping malformed entries."""
    items = document.get(name)
    if not isinstance(items, list):
        return
    for index, item in enumerate(items):
        if isinstance(item, dict):
            yield f"/{name}/{index}", item


def _sub_entries(parent: Mapping[str, Any], pointer: str, name: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    items = parent.get(name)
    if not isinstance(items, list):
        return
    for index, item in enumerate(items):
        if isinstance(item, dict):
            yield f"{pointer}/{name}/{index}", item


def _ident(value: Any) -> str | None:
    return value if isinstance(value, str) else None


_SANE = 10**12  # beyond every bound in the schema, which reports such numbers itself


def _int(value: Any) -> int | None:
    """A whole number the checks can reason about, or None (malformed, or absurdly large)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < _SANE:
        return int(value)
    if isinstance(value, int) and abs(value) < _SANE:
        return value
    return None


@attrs.define
class _Index:
    """What the scenario declares, for resolving references."""

    roles: dict[str, set[str]] = attrs.Factory(dict)
    variables: dict[str, list[str]] = attrs.Factory(dict)
    actions: dict[str, Mapping[str, Any]] = attrs.Factory(dict)
    shocks: set[str] = attrs.Factory(set)
    outcomes: set[str] = attrs.Factory(set)
    tags: set[str] = attrs.Factory(set)
    turn_count: int | None = None


class _Checker:
    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document
        self.findings: list[Finding] = []
        self.index = _Index()

    def report(self, pointer: str, code: str, message: str, *, key: bool = False, suggestion: str | None = None) -> None:
        self.findings.append(Finding(pointer, code, message, key, suggestion))

    def warn(self, pointer: str, code: str, message: str, *, key: bool = False) -> None:
        self.findings.append(Finding(pointer, code, message, key, None, "warning"))

    def blank_texts(self) -> None:
        """Warn about every text property left empty, wherever it is in the document."""
        pending: list[tuple[str, Any]] = [("", self.document)]
        while pending:
            pointer, node = pending.pop()
            if isinstance(node, list):
                pending.extend((f"{pointer}/{index}", item) for index, item in enumerate(node))
            elif isinstance(node, Mapping):
                for name, value in node.items():
                    child = f"{pointer}/{escape_pointer_token(name)}"
                    if name in TEXT_KEYS and isinstance(value, str) and not value.strip():
                        self.warn(child, "empty-text", f"{name} is blank: players and facilitators would see nothing here")
                    elif isinstance(value, (list, Mapping)):
                        pending.append((child, value))

    def same_labels(self, entries: list[tuple[str, Mapping[str, Any]]], what: str) -> None:
        seen: dict[str, str] = {}
        for pointer, entry in entries:
            label = entry.get("label")
            if not isinstance(label, str) or not label.strip():
                continue
            folded = " ".join(label.casefold().split())
            if folded in seen:
                self.warn(f"{pointer}/label", "duplicate-label", f"{what} label {label!r} is also used at {seen[folded]}")
            else:
                seen[folded] = pointer

    def chance(self, pointer: str, value: Any) -> None:
        if _is_number(value) and value == 0:
            self.warn(pointer, "chance-zero", "a chance of 0 never happens")

    # -- declarations ---------------------------------------------------------------------------

    def collect(self) -> None:
        doc = self.document
        turns = doc.get("turns")
        if isinstance(turns, dict):
            self.index.turn_count = _int(turns.get("count"))
        for _, role in _entries(doc, "roles"):
            if (role_id := _ident(role.get("id"))) is not None:
                resources = {res_id for _, res in _sub_entries(role, "", "resources") if (res_id := _ident(res.get("id")))}
                self.index.roles.setdefault(role_id, set()).update(resources)
        for _, var in _entries(doc, "variables"):
            if (var_id := _ident(var.get("id"))) is not None:
                bands = [band_id for _, band in _sub_entries(var, "", "bands") if (band_id := _ident(band.get("id")))]
                self.index.variables.setdefault(var_id, bands)
        for _, action in _entries(doc, "actions"):
            if (action_id := _ident(action.get("id"))) is not None:
                self.index.actions.setdefault(action_id, action)
            tags = action.get("tags")
            if isinstance(tags, list):
                self.index.tags.update(tag for tag in tags if isinstance(tag, str))
        self.index.shocks = {sid for _, shock in _entries(doc, "shocks") if (sid := _ident(shock.get("id")))}
        self.index.outcomes = {oid for _, out in _entries(doc, "outcomes") if (oid := _ident(out.get("id")))}

    def unique_ids(self, entries: list[tuple[str, Mapping[str, Any]]], what: str) -> None:
        seen: dict[str, str] = {}
        for pointer, entry in entries:
            entry_id = _ident(entry.get("id"))
            if entry_id is None:
                continue
            if entry_id in seen:
                self.report(
                    f"{pointer}/id", "duplicate-id", f"duplicate {what} id {entry_id!r}: {seen[entry_id]} already uses it"
                )
            else:
                seen[entry_id] = pointer

    # -- references -----------------------------------------------------------------------------

    def ref(
        self, pointer: str, value: Any, known: Any, what: str, *, of: str = "", key: bool = False, code: str | None = None
    ) -> bool:
        """Check that a name refers to something declared; report it with a suggestion if not.

        ``of`` names the owner when names are per owner, e.g. "of role 'seoul'".
        """
        name = _ident(value)
        if name is None:
            return False
        if name in known:
            return True
        candidates = sorted(known)
        guess = closest(name, candidates)
        owner = f" {of}" if of else ""
        if guess:
            message = f"unknown {what} {name!r}{owner} (did you mean {guess!r}?)"
        elif candidates:
            shown = ", ".join(candidates[:12]) + (", ..." if len(candidates) > 12 else "")
            message = f"unknown {what} {name!r}{owner}; known: {shown}"
        else:
            message = f"unknown {what} {name!r}: the scenario declares no {what}s{owner}"
        self.report(pointer, code or f"unknown-{what}", message, key=key, suggestion=guess)
        return False

    def role_resource(self, pointer: str, role: Any, resource: Any) -> None:
        role_id = _ident(role)
        if role_id is None or role_id not in self.index.roles:
            return
        self.ref(pointer, resource, self.index.roles[role_id], "resource", of=f"of role {role_id!r}")

    def turn_in_range(self, pointer: str, value: Any) -> None:
        turn = _int(value)
        count = self.index.turn_count
        if turn is not None and count is not None and not 1 <= turn <= count:
            self.report(pointer, "turn-out-of-range", f"turn {turn} is outside the game, which has turns 1 to {count}")

    # -- conditions and effects -----------------------------------------------------------------

    def condition(self, pointer: str, cond: Any) -> None:
        if not isinstance(cond, dict):
            return
        if "var" in cond:
            self.ref(f"{pointer}/var", cond["var"], self.index.variables, "variable")
        elif "inBand" in cond:
            band = cond["inBand"]
            if isinstance(band, dict) and self.ref(f"{pointer}/inBand/var", band.get("var"), self.index.variables, "variable"):
                bands = self.index.variables[band["var"]]
                self.ref(f"{pointer}/inBand/band", band.get("band"), bands, "band", of=f"of {band['var']!r}")
        elif "resource" in cond:
            if self.ref(f"{pointer}/role", cond.get("role"), self.index.roles, "role"):
                self.role_resource(f"{pointer}/resource", cond.get("role"), cond.get("resource"))
        elif "uses" in cond:
            self.ref(f"{pointer}/uses", cond["uses"], self.index.actions, "action")
            if "role" in cond:
                self.ref(f"{pointer}/role", cond["role"], self.index.roles, "role")
        elif "fired" in cond:
            self.ref(f"{pointer}/fired", cond["fired"], self.index.shocks, "shock")
        elif "score" in cond:
            self.ref(f"{pointer}/score", cond["score"], self.index.roles, "role")
        elif "active" in cond:
            self.ref(f"{pointer}/active", cond["active"], self.index.shocks, "shock")
        elif "chose" in cond:
            self.chose(f"{pointer}/chose", cond["chose"])
        elif "all" in cond or "any" in cond:
            key = "all" if "all" in cond else "any"
            items = cond[key]
            if isinstance(items, list):
                for index, item in enumerate(items):
                    self.condition(f"{pointer}/{key}/{index}", item)
        elif "not" in cond:
            self.condition(f"{pointer}/not", cond["not"])
        self.contradictory_bounds(pointer, cond)

    def contradictory_bounds(self, pointer: str, cond: Mapping[str, Any]) -> None:
        bounds = cond.get("turn") if "turn" in cond else cond
        if not isinstance(bounds, dict):
            return
        low = max((v for v in (_int(bounds.get("atLeast")), _plus(bounds.get("above"), 1)) if v is not None), default=None)
        high = min((v for v in (_int(bounds.get("atMost")), _plus(bounds.get("below"), -1)) if v is not None), default=None)
        equals = _int(bounds.get("equals"))
        if equals is not None:
            low = equals if low is None else max(low, equals)
            high = equals if high is None else min(high, equals)
        if low is not None and high is not None and low > high:
            self.report(pointer, "impossible-bounds", "these bounds can never all hold: no number satisfies them")

    def chose(self, pointer: str, chose: Any) -> None:
        if not isinstance(chose, dict):
            return
        role_ok = "role" not in chose or self.ref(f"{pointer}/role", chose["role"], self.index.roles, "role")
        if "action" not in chose and "tag" not in chose:
            self.report(pointer, "empty-choice", "a chose test needs an action or a tag")
        if "action" in chose and self.ref(f"{pointer}/action", chose["action"], self.index.actions, "action") and role_ok:
            role = chose.get("role")
            roles = self.index.actions[chose["action"]].get("roles")
            if role is not None and isinstance(roles, list) and role not in roles:
                self.report(
                    f"{pointer}/action",
                    "choice-not-allowed",
                    f"role {role!r} cannot take action {chose['action']!r} "
                    f"(it is for {', '.join(map(str, roles))}), so this never holds",
                )
        if "tag" in chose:
            self.ref(f"{pointer}/tag", chose["tag"], self.index.tags, "tag")

    def effects(self, pointer: str, items: Any) -> None:
        if not isinstance(items, list):
            return
        for index, item in enumerate(items):
            self.effect(f"{pointer}/{index}", item)

    def effect(self, pointer: str, eff: Any) -> None:
        if not isinstance(eff, dict):
            return
        for key in ("add", "set"):
            if isinstance(eff.get(key), dict):
                for name, amount in eff[key].items():
                    target = f"{pointer}/{key}/{escape_pointer_token(name)}"
                    self.ref(target, name, self.index.variables, "variable", key=True)
                    if key == "add" and _is_number(amount) and amount == 0:
                        self.warn(target, "no-effect", f"adds 0 to {name!r}, which changes nothing")
        if isinstance(eff.get("drift"), dict):
            self.ref(f"{pointer}/drift/var", eff["drift"].get("var"), self.index.variables, "variable")
        if isinstance(eff.get("gain"), dict):
            gain = eff["gain"]
            if self.ref(f"{pointer}/gain/role", gain.get("role"), self.index.roles, "role"):
                self.role_resource(f"{pointer}/gain/resource", gain.get("role"), gain.get("resource"))
            amount = gain.get("amount")
            if _is_number(amount) and amount == 0:
                self.warn(f"{pointer}/gain/amount", "no-effect", "gains 0, which changes nothing")
        if "chance" in eff:
            self.chance(f"{pointer}/chance", eff["chance"])
            if _is_number(eff["chance"]) and eff["chance"] == 1 and "else" in eff:
                self.warn(f"{pointer}/else", "else-never", "with a chance of 1 this else branch never runs")
        if "chance" in eff or "if" in eff:
            if "if" in eff:
                self.condition(f"{pointer}/if", eff["if"])
            self.effects(f"{pointer}/then", eff.get("then"))
            self.effects(f"{pointer}/else", eff.get("else"))
        if isinstance(eff.get("pick"), list):
            for index, option in enumerate(eff["pick"]):
                if isinstance(option, dict):
                    self.effects(f"{pointer}/pick/{index}/effects", option.get("effects"))
        if isinstance(eff.get("schedule"), dict):
            self.ref(f"{pointer}/schedule/shock", eff["schedule"].get("shock"), self.index.shocks, "shock")
        for key in ("enable", "disable", "endShock"):
            if key in eff:
                self.ref(f"{pointer}/{key}", eff[key], self.index.shocks, "shock")

    # -- the parts of a scenario ----------------------------------------------------------------

    def turns(self) -> None:
        turns = self.document.get("turns")
        if not isinstance(turns, dict):
            return
        count = self.index.turn_count
        names = turns.get("names")
        if isinstance(names, list) and count is not None and len(names) != count:
            self.report(
                "/turns/names",
                "turn-names-count",
                f"there are {len(names)} turn names for {count} turns; give exactly one per turn",
            )
        start = turns.get("start")
        if isinstance(start, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", start):
            import datetime  # only for a start date; most runs never need the module

            try:
                datetime.date.fromisoformat(start)
            except ValueError:
                self.report("/turns/start", "bad-date", f"{start!r} is not a real calendar date")
        if "step" in turns and "start" not in turns:
            self.report("/turns/step", "step-without-start", "a calendar step needs a start date")

    def roles(self) -> None:
        roles = list(_entries(self.document, "roles"))
        self.unique_ids(roles, "role")
        for pointer, role in roles:
            resources = list(_sub_entries(role, pointer, "resources"))
            self.unique_ids(resources, "resource")
            for res_pointer, res in resources:
                low = _int(res.get("min", 0))
                high = _int(res.get("max"))
                initial = _int(res.get("initial"))
                self.bounds(res_pointer, low, high, initial, "resource")
            objectives = list(_sub_entries(role, pointer, "objectives"))
            self.unique_ids(objectives, "objective")
            for obj_pointer, obj in objectives:
                self.condition(f"{obj_pointer}/condition", obj.get("condition"))
                for score_pointer in _find_form(obj.get("condition"), f"{obj_pointer}/condition", "score"):
                    self.report(
                        score_pointer, "score-in-objective", "an objective cannot test scores: a score is made of objectives"
                    )

    def bounds(self, pointer: str, low: int | None, high: int | None, initial: int | None, what: str) -> None:
        if low is not None and high is not None and low >= high:
            self.report(f"{pointer}/max", "bad-bounds", f"max ({high}) must be greater than min ({low})")
            return
        if initial is None:
            return
        if low is not None and initial < low:
            self.report(
                f"{pointer}/initial", "initial-out-of-bounds", f"initial value {initial} is below the {what}'s minimum {low}"
            )
        if high is not None and initial > high:
            self.report(
                f"{pointer}/initial", "initial-out-of-bounds", f"initial value {initial} is above the {what}'s maximum {high}"
            )

    def variables(self) -> None:
        variables = list(_entries(self.document, "variables"))
        self.unique_ids(variables, "variable")
        for pointer, var in variables:
            low, high = _int(var.get("min")), _int(var.get("max"))
            self.bounds(pointer, low, high, _int(var.get("initial")), "variable")
            visibility = var.get("visibility")
            if isinstance(visibility, str) and visibility not in ("public", "facilitator"):
                self.ref(
                    f"{pointer}/visibility",
                    visibility,
                    set(self.index.roles) | {"public", "facilitator"},
                    "visibility",
                    of="(use public, facilitator or a role id)",
                )
            bands = list(_sub_entries(var, pointer, "bands"))
            self.unique_ids(bands, "band")
            self.same_labels(bands, "band")
            previous: int | None = None
            for index, (band_pointer, band) in enumerate(bands):
                start = _int(band.get("from"))
                if start is None:
                    continue
                if index == 0 and low is not None and start != low:
                    self.report(
                        f"{band_pointer}/from",
                        "band-gap",
                        f"the first band must start at the variable's minimum {low}, not {start}",
                    )
                if previous is not None and start <= previous:
                    self.report(
                        f"{band_pointer}/from",
                        "bands-unordered",
                        f"bands must be in ascending order: {start} does not come after {previous}",
                    )
                if high is not None and start > high:
                    self.report(
                        f"{band_pointer}/from",
                        "band-out-of-bounds",
                        f"band starts at {start}, above the variable's maximum {high}",
                    )
                previous = start

    def actions(self) -> None:
        actions = list(_entries(self.document, "actions"))
        self.unique_ids(actions, "action")
        self.same_labels(actions, "action")
        for pointer, action in actions:
            roles = action.get("roles")
            role_ids: list[str] = []
            if isinstance(roles, list):
                seen: set[str] = set()
                for index, role in enumerate(roles):
                    if self.ref(f"{pointer}/roles/{index}", role, self.index.roles, "role"):
                        if role in seen:
                            self.report(f"{pointer}/roles/{index}", "duplicate-role", f"role {role!r} is listed twice")
                        seen.add(role)
                        role_ids.append(role)
            joint = action.get("joint") is True
            if joint and isinstance(roles, list) and len(set(role_ids)) < 2 and len(roles) < 2:
                self.report(f"{pointer}/joint", "joint-needs-two", "a joint action needs at least two roles in roles")
            if "unmatched" in action and not joint:
                self.report(
                    f"{pointer}/unmatched",
                    "unmatched-not-joint",
                    'unmatched effects only apply to joint actions; add "joint": true or remove them',
                )
            spend = action.get("spend")
            if isinstance(spend, dict):
                for name in spend:
                    for role_id in role_ids:
                        if name not in self.index.roles.get(role_id, set()):
                            guess = closest(name, self.index.roles.get(role_id, set()))
                            hint = f" (did you mean {guess!r}?)" if guess else ""
                            self.report(
                                f"{pointer}/spend/{escape_pointer_token(name)}",
                                "unknown-resource",
                                f"role {role_id!r} has no resource {name!r} to spend{hint}",
                                key=True,
                                suggestion=guess,
                            )
            self.condition(f"{pointer}/requires", action.get("requires"))
            for key, known, what in (("unlockedBy", self.index.shocks, "shock"), ("excludes", self.index.actions, "action")):
                items = action.get(key)
                if isinstance(items, list):
                    for index, item in enumerate(items):
                        self.ref(f"{pointer}/{key}/{index}", item, known, what)
                        if key == "excludes" and item == action.get("id"):
                            self.report(f"{pointer}/excludes/{index}", "excludes-itself", "an action cannot exclude itself")
            self.effects(f"{pointer}/effects", action.get("effects"))
            self.effects(f"{pointer}/unmatched", action.get("unmatched"))

    def shocks(self) -> None:
        shocks = list(_entries(self.document, "shocks"))
        self.unique_ids(shocks, "shock")
        for pointer, shock in shocks:
            audience = shock.get("audience")
            if isinstance(audience, list):
                for index, role in enumerate(audience):
                    self.ref(f"{pointer}/audience/{index}", role, self.index.roles, "role")
            trigger = shock.get("trigger")
            if isinstance(trigger, dict):
                self.trigger(f"{pointer}/trigger", trigger)
            for key in ("effects", "ongoing", "onExpire"):
                self.effects(f"{pointer}/{key}", shock.get(key))
            for follow_pointer, follow in _sub_entries(shock, pointer, "followUps"):
                self.ref(f"{follow_pointer}/shock", follow.get("shock"), self.index.shocks, "shock")
                if "chance" in follow:
                    self.chance(f"{follow_pointer}/chance", follow["chance"])
            expected = shock.get("expectedActions")
            if isinstance(expected, list):
                for index, item in enumerate(expected):
                    self.ref(f"{pointer}/expectedActions/{index}", item, self.index.actions, "action")

    def trigger(self, pointer: str, trigger: Mapping[str, Any]) -> None:
        for key in ("atTurn", "from", "to"):
            if key in trigger:
                self.turn_in_range(f"{pointer}/{key}", trigger[key])
        if "atTurn" in trigger and ("from" in trigger or "to" in trigger):
            self.report(f"{pointer}/atTurn", "turn-and-window", "give either atTurn or a window (from/to), not both")
        start, end = _int(trigger.get("from")), _int(trigger.get("to"))
        if start is not None and end is not None and start > end:
            self.report(f"{pointer}/to", "window-reversed", f"the window ends (turn {end}) before it starts (turn {start})")
        if trigger.get("guaranteed") is True and "atTurn" not in trigger and "from" not in trigger and "to" not in trigger:
            self.report(
                f"{pointer}/guaranteed",
                "guaranteed-without-window",
                "guaranteed needs a window (from/to) whose last turn it fires in",
            )
        self.condition(f"{pointer}/when", trigger.get("when"))
        if "chance" in trigger:
            self.chance(f"{pointer}/chance", trigger["chance"])

    def rules(self) -> None:
        rules = list(_entries(self.document, "rules"))
        self.unique_ids(rules, "rule")
        for pointer, rule in rules:
            self.condition(f"{pointer}/when", rule.get("when"))
            self.effects(f"{pointer}/effects", rule.get("effects"))

    def endings(self) -> None:
        ends = list(_entries(self.document, "endConditions"))
        self.unique_ids(ends, "end-condition")
        for pointer, end in ends:
            self.condition(f"{pointer}/when", end.get("when"))
            if "outcome" in end:
                self.ref(f"{pointer}/outcome", end["outcome"], self.index.outcomes, "outcome")
        outcomes = list(_entries(self.document, "outcomes"))
        self.unique_ids(outcomes, "outcome")
        for position, (pointer, outcome) in enumerate(outcomes):
            last = position == len(outcomes) - 1
            if "when" in outcome:
                self.condition(f"{pointer}/when", outcome.get("when"))
                if last:
                    self.report(
                        f"{pointer}/when",
                        "last-outcome-conditional",
                        "the last outcome must have no 'when', so that every game has an outcome",
                    )
            elif not last:
                self.report(
                    pointer,
                    "outcome-shadows",
                    "only the last outcome may have no 'when': the ones after this one could never be reached",
                )

    def run(self) -> list[Finding]:
        self.collect()
        steps: tuple[Callable[[], None], ...] = (
            self.turns,
            self.roles,
            self.variables,
            self.actions,
            self.shocks,
            self.rules,
            self.endings,
            self.blank_texts,
        )
        for check in steps:
            check()
        return self.findings


def _find_form(cond: Any, pointer: str, form: str) -> Iterator[str]:
    """Pointers of every sub-condition of a given form inside a condition."""
    if not isinstance(cond, dict):
        return
    if form in cond:
        yield pointer
    for key in ("all", "any"):
        if isinstance(cond.get(key), list):
            for index, item in enumerate(cond[key]):
                yield from _find_form(item, f"{pointer}/{key}/{index}", form)
    if "not" in cond:
        yield from _find_form(cond["not"], f"{pointer}/not", form)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _plus(value: Any, delta: int) -> int | None:
    number = _int(value)
    return None if number is None else number + delta


def semantic_findings(document: Any) -> list[Finding]:
    """Every problem of meaning in a scenario document."""
    if not isinstance(document, Mapping):
        return []
    return _Checker(document).run()
