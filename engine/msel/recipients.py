"""Recipients as planners write them (``IT Department``, ``All players``, ``CEO; PR``) read as the scenario's roles.

A recipient is a role by id or by name (any case and spacing), a name the mapping sends to a
role (``[recipients]`` or ``--recipient NAME=ROLE``), or one of the many ways lists say
everyone. An unknown recipient is an error with the nearest role, unless the import is told to
create roles for them (``--new-roles``): each then becomes a role named as the list writes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from engine.core.spelling import closest
from engine.load.diagnostics import Diagnostic
from engine.msel.ids import slug
from engine.msel.options import ImportOptions
from engine.msel.table import Table, problem
from engine.schema import scenario_schema

EVERYONE = "all"
"""What the mapping writes for a recipient that means every team."""

ALL_NAMES = (
    *("all", "all teams", "all players", "all participants", "all roles", "all cells", "all groups", "all parties"),
    *("all team", "all player", "all participant", "all hands", "everyone", "everybody", "plenary", "whole room"),
)
"""Recipients that mean every team."""

SPLIT = re.compile(r"[,;\n]")
MAX_ROLE_ID = 32
RESERVED = ("public", "facilitator")


def normal(name: str) -> str:
    """A recipient as compared: lower case, with spaces, hyphens, underscores, dots and quotes as one space."""
    return " ".join(re.sub(r"[\s_\-.'\"]+", " ", name.lower()).split())


ALL = frozenset(normal(name) for name in ALL_NAMES)


class RecipientError(ValueError):
    """A recipient that is no role; the message names the nearest."""


@attrs.frozen
class Recipients:
    """How this import reads recipients: the roles by id and name, and the mapping's names."""

    roles: Mapping[str, str]
    """A role's id or name, compared as `normal` -> its id."""
    shown: tuple[str, ...]
    """Role ids and names as the scenario writes them, for suggestions."""
    mapping: Mapping[str, str]
    """A recipient as `normal` -> a role id or ``all``."""

    @classmethod
    def of(cls, document: Mapping[str, Any], mapping: Mapping[str, str]) -> Recipients:
        """The recipients of a scenario document under a mapping (keys as the list writes them)."""
        roles: dict[str, str] = {}
        shown: list[str] = []
        for role in document.get("roles", []):
            if isinstance(role, dict) and isinstance(role.get("id"), str):
                for name in (role["id"], str(role.get("name", ""))):
                    if name.strip():
                        roles.setdefault(normal(name), role["id"])
                        shown.append(name)
        return cls(roles, tuple(dict.fromkeys(shown)), {normal(name): target.strip() for name, target in mapping.items()})

    def lookup(self, name: str) -> str | None:
        """The role id (or ``all``) a recipient names; None when it names none."""
        key = normal(name)
        target = self.mapping.get(key)
        if target is not None:
            return EVERYONE if normal(target) in ALL else self.roles.get(normal(target), target)
        if key in ALL:
            return EVERYONE
        return self.roles.get(key)

    def names(self, cell: str) -> list[str]:
        """The recipients of a cell: the whole cell when it names one, otherwise its parts between commas."""
        if not cell.strip():
            return []
        if self.lookup(cell) is not None:
            return [cell.strip()]
        return [part.strip() for part in SPLIT.split(cell) if part.strip()]

    def audience(self, cell: str) -> list[str] | None:
        """The role ids of a recipient cell, or None for everyone; raise RecipientError for a name that is no role."""
        result: list[str] = []
        for name in self.names(cell):
            role = self.lookup(name)
            if role is None:
                raise RecipientError(self.unknown(name))
            if role == EVERYONE:
                return None
            if role not in self.roles.values():
                raise RecipientError(f"the mapping sends {name!r} to {role!r}, which is no role of the scenario")
            if role not in result:
                result.append(role)
        return result or None

    def unknown(self, name: str) -> str:
        """Why a recipient is no role, with the nearest role or way of saying everyone."""
        pool = {normal(item): item for item in self.shown}
        guess = closest(normal(name), [*pool, *ALL])
        roles = f" (roles: {', '.join(self.shown)})"
        hint = f"; did you mean {pool.get(guess, guess)!r}?" if guess is not None else roles
        how = f"--recipient '{name}=ROLE' maps it, --new-roles makes it a role"
        return f"unknown recipient {name!r}{hint} ({how})"


def role_id(name: str, taken: Iterable[str]) -> str:
    """A role id made from a recipient's name, unique among ``taken``."""
    stem = slug(name)[:MAX_ROLE_ID].strip("-")
    if not stem or not stem[0].isalpha():
        stem = f"role-{stem}".strip("-")[:MAX_ROLE_ID].strip("-")
    if stem in RESERVED:
        stem = f"{stem}-team"
    used = set(taken)
    candidate, count = stem, 1
    while candidate in used:
        count += 1
        candidate = f"{stem[: MAX_ROLE_ID - len(str(count)) - 1]}-{count}"
    return candidate


def new_roles(recipients: Recipients, cells: Sequence[tuple[int, str]]) -> list[tuple[int, dict[str, Any]]]:
    """A role for each recipient that is none yet, named as the list first writes it, with the row that first names it."""
    taken = set(recipients.roles.values())
    made: dict[str, tuple[int, dict[str, Any]]] = {}
    for number, cell in cells:
        for name in recipients.names(cell):
            key = normal(name)
            if recipients.lookup(name) is not None or key in made:
                continue
            identifier = role_id(name, taken)
            taken.add(identifier)
            description = f"Made from the events list's recipient {name!r}: say here whom it represents and what it wants."
            made[key] = (number, {"id": identifier, "name": " ".join(name.split()), "description": description, "budget": 2})
    return list(made.values())


def read_recipients(table: Table, document: dict[str, Any], options: ImportOptions, diagnostics: list[Diagnostic]) -> Recipients:
    """How recipients are read; with ``new_roles``, first a role (added to ``document``) for each unknown recipient."""
    recipients = Recipients.of(document, options.recipients)
    if not options.new_roles or "audience" not in table.positions:
        return recipients
    made = new_roles(recipients, [(row.number, row.cells.get("audience", "")) for row in table.rows])
    roles = [*document.get("roles", []), *(role for _, role in made)]
    column = table.column_of("audience")
    cap: int = scenario_schema()["properties"]["roles"]["maxItems"]
    if len(roles) > cap:
        room = cap - (len(roles) - len(made))
        message = f"the recipients would make {len(roles)} roles but a scenario has at most {cap}: map some with --recipient"
        diagnostics.append(problem(table.label, made[room][0], column, "msel-unknown-name", message))
        made, roles = made[:room], roles[:cap]
    for number, role in made:
        message = f"recipient {role['name']!r} is a new role {role['id']!r}: give it its actions and objectives in the scenario"
        diagnostics.append(problem(table.label, number, column, "msel-new-role", message, warning=True))
    document["roles"] = roles
    return Recipients.of(document, options.recipients)
