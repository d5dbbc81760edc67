"""Ids and references: each id unique in its list, and every name used refers to something declared.

A mistyped name is the commonest mistake in a scenario, so an unknown one is reported with the
closest declared name, or with the names declared.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from engine.load.diagnostics import closest
from engine.load.semantics.context import Check
from engine.load.semantics.reading import ident


def unique_ids(check: Check, listed: Iterable[tuple[str, Mapping[str, Any]]], what: str) -> None:
    """Report every entry of a list whose id an earlier entry already uses."""
    seen: dict[str, str] = {}
    for pointer, entry in listed:
        entry_id = ident(entry.get("id"))
        if entry_id is None:
            continue
        if entry_id in seen:
            check.report(f"{pointer}/id", "duplicate-id", f"duplicate {what} id {entry_id!r}: {seen[entry_id]} already uses it")
        else:
            seen[entry_id] = pointer


def ref(check: Check, pointer: str, value: Any, known: Collection[str], what: str, *, of: str = "", key: bool = False) -> bool:
    """Check that a name refers to something declared; report it with a suggestion if not.

    ``of`` names the owner when names are per owner, e.g. "of role 'seoul'". Whether the name
    is known is returned, so that a check depending on it can be skipped.
    """
    name = ident(value)
    if name is None:
        return False
    if name in known:
        return True
    owner = f" {of}" if of else ""
    if not check.suggesting():
        check.report(pointer, f"unknown-{what}", f"unknown {what} {name!r}{owner}", key=key)
        return False
    candidates = sorted(known)
    guess = closest(name, candidates)
    if guess:
        message = f"unknown {what} {name!r}{owner} (did you mean {guess!r}?)"
    elif candidates:
        shown = ", ".join(candidates[:12]) + (", ..." if len(candidates) > 12 else "")
        message = f"unknown {what} {name!r}{owner}; known: {shown}"
    else:
        message = f"unknown {what} {name!r}: the scenario declares no {what}s{owner}"
    check.report(pointer, f"unknown-{what}", message, key=key, suggestion=guess)
    return False


def role_resource(check: Check, pointer: str, role: Any, resource: Any) -> None:
    """Check that a resource belongs to a role, once the role is known to exist."""
    role_id = ident(role)
    if role_id is None or role_id not in check.declared.roles:
        return
    ref(check, pointer, resource, check.declared.roles[role_id], "resource", of=f"of role {role_id!r}")
