"""Turn a scenario document that passed every check into the typed model.

Only called on documents the schema and the semantic checks accepted, so it can index freely;
defaults for optional fields live here, in one place.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from contextvars import ContextVar
from typing import Any, cast

import attrs

from engine.core import model as m
from engine.text.terminal import printable_block


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no spaces: the same bytes for the same value on any machine."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def document_digest(document: Mapping[str, Any]) -> str:
    """SHA-256 of a document's canonical JSON."""
    return hashlib.sha256(canonical_json(document).encode("utf-8")).hexdigest()


_STATES: ContextVar[Mapping[str, tuple[str, ...]]] = ContextVar("states")
"""The named states of each variable of the scenario being built: the state forms name states, the model
holds their positions, and this spares passing the variables down every condition and effect."""


def _position(var: str, state: str) -> int:
    """The position of a named state in its variable's list."""
    return _STATES.get()[var].index(state)


def _state_test(data: Mapping[str, Any]) -> m.Condition:
    var = data["state"]
    found = {key: _position(var, data[key]) for key in ("is", "atLeast", "atMost") if key in data}
    return m.VarTest(var, m.Comparison(at_least=found.get("atLeast"), at_most=found.get("atMost"), equals=found.get("is")))


def comparison(data: Mapping[str, Any]) -> m.Comparison:
    return m.Comparison(
        at_least=_int_or_none(data.get("atLeast")),
        at_most=_int_or_none(data.get("atMost")),
        above=_int_or_none(data.get("above")),
        below=_int_or_none(data.get("below")),
        equals=_int_or_none(data.get("equals")),
    )


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)


def condition(data: Mapping[str, Any]) -> m.Condition:
    """One condition from its JSON form."""
    if "var" in data:
        return m.VarTest(data["var"], comparison(data))
    if "inBand" in data:
        return m.InBand(data["inBand"]["var"], data["inBand"]["band"])
    if "state" in data:
        return _state_test(data)
    if "resource" in data:
        return m.ResourceTest(data["resource"], data["role"], comparison(data))
    if "uses" in data:
        return m.UsesTest(data["uses"], data.get("role"), comparison(data))
    if "fired" in data:
        return m.FiredTest(data["fired"], comparison(data))
    if "score" in data:
        return m.ScoreTest(data["score"], comparison(data))
    if "turn" in data:
        return m.TurnTest(comparison(data["turn"]))
    if "active" in data:
        return m.ActiveTest(data["active"])
    if "chose" in data:
        chose = data["chose"]
        return m.ChoseTest(chose.get("role"), chose.get("action"), chose.get("tag"), tuple(chose.get("roles", ())))
    if "all" in data:
        return m.AllOf(tuple(condition(item) for item in data["all"]))
    if "any" in data:
        return m.AnyOf(tuple(condition(item) for item in data["any"]))
    return m.Not(condition(data["not"]))


def _optional_condition(data: Any) -> m.Condition | None:
    return None if data is None else condition(data)


def effects(items: Any) -> tuple[m.Effect, ...]:
    """A list of effects from its JSON form (absent means none)."""
    return tuple(effect(item) for item in (items or ()))


def effect(data: Mapping[str, Any]) -> m.Effect:
    """One effect from its JSON form."""
    if "add" in data:
        return m.Add(tuple((key, int(value)) for key, value in data["add"].items()))
    if "set" in data:
        return m.SetTo(tuple((key, int(value)) for key, value in data["set"].items()))
    if "setState" in data:
        return m.SetTo(tuple((key, _position(key, value)) for key, value in data["setState"].items()))
    if "stepState" in data:
        return m.Add(tuple((key, int(value)) for key, value in data["stepState"].items()))
    if "drift" in data:
        drift = data["drift"]
        return m.Drift(drift["var"], int(drift["toward"]), int(drift["by"]))
    if "gain" in data:
        gain = data["gain"]
        return m.Gain(gain["role"], gain["resource"], int(gain["amount"]))
    if "chance" in data:
        return m.Chance(float(data["chance"]), data.get("label"), effects(data["then"]), effects(data.get("else")))
    if "pick" in data:
        return m.Pick(
            tuple(m.PickOption(int(option["weight"]), option["label"], effects(option["effects"])) for option in data["pick"])
        )
    if "if" in data:
        return m.If(condition(data["if"]), effects(data["then"]), effects(data.get("else")))
    if "schedule" in data:
        return m.Schedule(data["schedule"]["shock"], int(data["schedule"].get("after", 1)))
    if "enable" in data:
        return m.Enable(data["enable"])
    if "disable" in data:
        return m.Disable(data["disable"])
    if "endShock" in data:
        return m.EndShock(data["endShock"])
    return m.Say(data["say"])


def _role(data: Mapping[str, Any]) -> m.Role:
    return m.Role(
        id=data["id"],
        name=data["name"],
        budget=int(data["budget"]),
        description=data.get("description", ""),
        resources=tuple(
            m.Resource(
                id=res["id"],
                label=res["label"],
                initial=int(res["initial"]),
                max=int(res["max"]),
                min=int(res.get("min", 0)),
                per_turn=int(res.get("perTurn", 0)),
                description=res.get("description", ""),
            )
            for res in data.get("resources", ())
        ),
        objectives=tuple(
            m.Objective(
                id=obj["id"],
                description=obj["description"],
                condition=condition(obj["condition"]),
                weight=int(obj.get("weight", 1)),
                check=obj.get("check", "end"),
                visibility=obj.get("visibility", "public"),
            )
            for obj in data.get("objectives", ())
        ),
        briefing=data.get("briefing", ""),
        played_by=data.get("playedBy", "team"),
        audience=tuple(data.get("audience", ())),
    )


def _variable(data: Mapping[str, Any]) -> m.Variable:
    states = tuple(data.get("states", ()))
    if states:  # a variable of named states holds the position of its state, and each state is a band
        return m.Variable(
            id=data["id"],
            label=data["label"],
            min=0,
            max=len(states) - 1,
            initial=states.index(data["initial"]),
            description=data.get("description", ""),
            unit=data.get("unit", ""),
            visibility=data.get("visibility", "public"),
            polarity=data.get("polarity", "neutral"),
            bands=tuple(m.Band(state, state, k) for k, state in enumerate(states)),
            states=states,
        )
    return m.Variable(
        id=data["id"],
        label=data["label"],
        min=int(data["min"]),
        max=int(data["max"]),
        initial=int(data["initial"]),
        description=data.get("description", ""),
        unit=data.get("unit", ""),
        visibility=data.get("visibility", "public"),
        polarity=data.get("polarity", "higher-is-better"),
        bands=tuple(
            m.Band(band["id"], band["label"], int(band["from"]), band.get("tone", "neutral")) for band in data.get("bands", ())
        ),
    )


def _action(data: Mapping[str, Any]) -> m.Action:
    return m.Action(
        id=data["id"],
        label=data["label"],
        roles=tuple(data["roles"]),
        effects=effects(data["effects"]),
        description=data.get("description", ""),
        tags=tuple(data.get("tags", ())),
        cost=int(data.get("cost", 1)),
        spend=tuple((key, int(value)) for key, value in data.get("spend", {}).items()),
        requires=_optional_condition(data.get("requires")),
        requires_text=data.get("requiresText"),
        unlocked_by=tuple(data.get("unlockedBy", ())),
        cooldown=int(data.get("cooldown", 0)),
        limit=_int_or_none(data.get("limit")),
        joint=bool(data.get("joint", False)),
        excludes=tuple(data.get("excludes", ())),
        unmatched=effects(data.get("unmatched")),
    )


def _trigger(data: Mapping[str, Any] | None) -> m.Trigger | None:
    if data is None:
        return None
    chance = data.get("chance")
    return m.Trigger(
        at_turn=_int_or_none(data.get("atTurn")),
        start=_int_or_none(data.get("from")),
        end=_int_or_none(data.get("to")),
        when=_optional_condition(data.get("when")),
        chance=None if chance is None else float(chance),
        guaranteed=bool(data.get("guaranteed", False)),
    )


def _shock(data: Mapping[str, Any]) -> m.Shock:
    return m.Shock(
        id=data["id"],
        title=data["title"],
        category=data["category"],
        narrative=data["narrative"],
        source=data.get("source", ""),
        audience=tuple(data.get("audience", ())),
        trigger=_trigger(data.get("trigger")),
        enabled=bool(data.get("enabled", True)),
        max_fires=int(data.get("maxFires", 1)),
        duration=int(data.get("duration", 1)),
        effects=effects(data.get("effects")),
        ongoing=effects(data.get("ongoing")),
        on_expire=effects(data.get("onExpire")),
        follow_ups=tuple(
            m.FollowUp(
                shock=item["shock"],
                after=int(item.get("after", 1)),
                chance=float(item.get("chance", 1.0)),
                enable=bool(item.get("enable", False)),
                when=_optional_condition(item.get("if")),
            )
            for item in data.get("followUps", ())
        ),
        expected_actions=tuple(data.get("expectedActions", ())),
        expected_response=data.get("expectedResponse", ""),
        facilitator_notes=data.get("facilitatorNotes", ""),
        tests=tuple(data.get("tests", ())),
    )


def _exercise_objective(data: Mapping[str, Any]) -> m.ExerciseObjective:
    return m.ExerciseObjective(
        id=data["id"],
        title=data["title"],
        description=data["description"],
        capability=data.get("capability", ""),
        criteria=tuple(data.get("criteria", ())),
        roles=tuple(data.get("roles", ())),
    )


def scenario(document: Mapping[str, Any]) -> m.Scenario:
    """The typed scenario from a document that passed the schema and the semantic checks."""
    return _scenario_of(document)


def _scenario_of(document: Mapping[str, Any]) -> m.Scenario:
    token = _STATES.set({var["id"]: tuple(var["states"]) for var in document["variables"] if "states" in var})
    try:
        return _built(document)
    finally:
        _STATES.reset(token)


def _built(document: Mapping[str, Any]) -> m.Scenario:
    turns = document["turns"]
    return m.Scenario(
        id=document["id"],
        title=document["title"],
        version=document.get("version", ""),
        format=int(document.get("format", 1)),
        author=document.get("author", ""),
        summary=document.get("summary", ""),
        briefing=document.get("briefing", ""),
        turns=m.Turns(
            count=int(turns["count"]),
            label=turns.get("label", "Turn"),
            start=turns.get("start"),
            step=turns.get("step"),
            names=tuple(turns.get("names", ())),
            deadline=_int_or_none(turns.get("deadline")),
        ),
        roles=tuple(_role(item) for item in document["roles"]),
        variables=tuple(_variable(item) for item in document["variables"]),
        actions=tuple(_action(item) for item in document["actions"]),
        shocks=tuple(_shock(item) for item in document["shocks"]),
        rules=tuple(
            m.Rule(
                id=item["id"],
                effects=effects(item["effects"]),
                description=item.get("description", ""),
                when=_optional_condition(item.get("when")),
            )
            for item in document["rules"]
        ),
        end_conditions=tuple(
            m.EndCondition(
                id=item["id"],
                when=condition(item["when"]),
                description=item.get("description", ""),
                outcome=item.get("outcome"),
            )
            for item in document.get("endConditions", ())
        ),
        outcomes=tuple(
            m.Outcome(
                id=item["id"],
                title=item["title"],
                description=item.get("description", ""),
                when=_optional_condition(item.get("when")),
                tone=cast(m.Tone, item.get("tone", "neutral")),
            )
            for item in document["outcomes"]
        ),
        document=document,
        digest=document_digest(document),
        phases=tuple(
            m.Phase(
                id=item["id"],
                title=item["title"],
                start=int(item["from"]),
                end=int(item["to"]),
                briefing=item.get("briefing", ""),
                hotwash=bool(item.get("hotwash", False)),
                deadline=_int_or_none(item.get("deadline")),
            )
            for item in document.get("phases", ())
        ),
        exercise_objectives=tuple(_exercise_objective(item) for item in document.get("exerciseObjectives", ())),
        free_moves=_free_moves(document.get("freeMoves", {})),
    )


def _free_moves(data: Mapping[str, Any]) -> m.FreeMoves:
    """The scenario's limits on free-form moves; what the section leaves out keeps its default."""
    default = m.FreeMoves()
    return m.FreeMoves(
        allowed=bool(data.get("allowed", default.allowed)),
        per_team_per_turn=int(data.get("perTeamPerTurn", default.per_team_per_turn)),
        largest_effect=int(data.get("largestEffect", default.largest_effect)),
    )


def printable_scenario(scenario: m.Scenario) -> m.Scenario:
    """The scenario a session plays and shows: every text made printable (`engine.text.terminal`), the rest the same.

    A scenario's words reach terminals, screens, reports and seats through a session; none of them
    may receive an escape sequence, and none should have to clean each string itself. The document
    and its digest stay as written (the journal embeds them). A scenario whose text is printable
    already (every real one) is returned as it is.
    """
    if not scenario.document:
        return scenario
    cleaned = _printable(scenario.document)
    if cleaned == scenario.document:
        return scenario
    return attrs.evolve(_scenario_of(cleaned), document=scenario.document, digest=scenario.digest)


def _printable(value: Any) -> Any:
    """A JSON value with every string (not the keys, which the schema keeps to ids) passed through `printable_block`."""
    if isinstance(value, str):
        return printable_block(value)
    if isinstance(value, dict):
        return {key: _printable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_printable(item) for item in value]
    return value
