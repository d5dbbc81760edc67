"""The parts every template writes the same way: the document's head and a role's head.

Templates differ in what they teach; these parts do not, so a change to them (a new format
number, a default version) is made once.
"""

from __future__ import annotations

from typing import Any

from engine.templates.roles import RoleSpec

FIRST_VERSION = "0.1"


def document_head(scenario_id: str, title: str, schema: str, format_version: int = 1) -> dict[str, Any]:
    """The keys a new scenario starts with: ``$schema``, ``format``, ``id``, ``title`` and ``version``."""
    return {"$schema": schema, "format": format_version, "id": scenario_id, "title": title, "version": FIRST_VERSION}


def role_head(role: RoleSpec, budget: int) -> dict[str, Any]:
    """A role's id, name, description and action points a turn, before its resources and objectives."""
    return {"id": role.id, "name": role.name, "description": role.description, "budget": budget}
