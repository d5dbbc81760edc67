"""Actors (format 2): roles the white cell plays, checked for what only a team may have.

An actor has no seat, no score and no one to brief, and its moves reach only the teams in its
audience; so a file that gives an actor objectives or a briefing, addresses a shock to it, or
names in an audience something that is not a team, is wrong in a way the schema cannot say.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engine.load.semantics.context import Check
from engine.load.semantics.reading import entries, ident
from engine.load.semantics.references import ref
from engine.load.semantics.versions import needs_format_2

ACTOR_ONLY_KEYS = (("objectives", "objectives"), ("briefing", "private briefing"))
"""A team's keys an actor may not have, with their names in messages."""


def is_actor(role: Mapping[str, Any]) -> bool:
    """Whether a raw role is played by the white cell."""
    return role.get("playedBy") == "white-cell"


def actor_ids(check: Check) -> set[str]:
    """The ids of the document's actors."""
    return {role_id for _, role in entries(check.document, "roles") if is_actor(role) and (role_id := ident(role.get("id")))}


def actors(check: Check) -> None:
    """Check each role's playedBy and audience, what an actor may not have, and that a team remains."""
    roles = entries(check.document, "roles")
    actor_set = actor_ids(check)
    teams = set(check.declared.roles) - actor_set
    for pointer, role in roles:
        for key, what in (("playedBy", "a role's playedBy"), ("audience", "a role's audience")):
            if key in role:
                needs_format_2(check, f"{pointer}/{key}", what)
        if not is_actor(role):
            if "audience" in role:
                check.report(
                    f"{pointer}/audience",
                    "audience-of-team",
                    'only an actor (playedBy "white-cell") has an audience: a team sees its own moves',
                    key=True,
                )
            continue
        for key, what in ACTOR_ONLY_KEYS:
            if key in role:
                check.report(f"{pointer}/{key}", "actor-has-" + key, f"an actor has no {what}: the white cell plays it", key=True)
        _audience(check, pointer, role.get("audience"), teams, actor_set)
    # Counted over the roles as written: a role without a (valid) id is still no actor.
    if roles and all(is_actor(role) for _, role in roles):
        check.report("/roles", "no-team", "every role is an actor: at least one role must be played by a team")
    _shock_audiences(check, actor_set)


def _audience(check: Check, pointer: str, audience: Any, teams: set[str], actor_set: set[str]) -> None:
    if not isinstance(audience, list):
        return
    for index, name in enumerate(audience):
        if ident(name) in actor_set:  # a name that is no string (a list, say) is the schema's to report
            check.report(f"{pointer}/audience/{index}", "audience-names-actor", f"{name!r} is an actor: an audience names teams")
        else:
            ref(check, f"{pointer}/audience/{index}", name, teams, "team")


def _shock_audiences(check: Check, actor_set: set[str]) -> None:
    for pointer, shock in entries(check.document, "shocks"):
        audience = shock.get("audience")
        if not isinstance(audience, list):
            continue
        for index, name in enumerate(audience):
            if ident(name) in actor_set:
                check.report(
                    f"{pointer}/audience/{index}",
                    "inject-to-actor",
                    f"{name!r} is an actor: an inject is addressed to teams (the white cell already knows it)",
                )
