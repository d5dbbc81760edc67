"""Scenario templates for ``whitecell new``: documents built in code from data, written as JSON text.

`scaffold` returns the text of a new scenario; the same arguments give the same bytes. The
templates validate and play as written, for any role list `roles.parse_roles` accepts.

May import the layers below the author's tools: core, prose, load, bots, journal and audience.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from engine.load.diagnostics import CodeInfo
from engine.templates.full import full
from engine.templates.jsontext import json_document
from engine.templates.minimal import minimal
from engine.templates.roles import DEFAULT_ROLES, ROLE_ID, RoleSpec, roles_from_ids, title_from_id

Builder = Callable[[str, str, tuple[RoleSpec, ...], str], dict[str, Any]]

TEMPLATES: dict[str, Builder] = {"minimal": minimal, "full": full}
"""Template name to the function that builds its document, the default first."""

FALLBACK_ID = "new-scenario"

CODES: tuple[CodeInfo, ...] = ()
"""``whitecell new`` reports no diagnostics: bad arguments are usage errors, and what it writes validates."""


def scenario_id_for(path: Path) -> str:
    """The scenario id a file name suggests (``my-crisis.json`` gives ``my-crisis``), or a neutral one."""
    stem = path.name.removesuffix(".json").lower().replace("_", "-").replace(" ", "-")
    return stem if ROLE_ID.match(stem) and len(stem) <= 64 else FALLBACK_ID


def build(template: str, scenario_id: str, roles: tuple[RoleSpec, ...] | None = None, schema: str = "") -> dict[str, Any]:
    """A template's scenario document; without ``schema`` the ``"$schema"`` key is left out."""
    chosen = roles if roles is not None else roles_from_ids(DEFAULT_ROLES)
    document = TEMPLATES[template](scenario_id, title_from_id(scenario_id), chosen, schema)
    if not schema:
        del document["$schema"]
    return document


def scaffold(template: str, target: Path, roles: tuple[RoleSpec, ...], schema: str) -> str:
    """The text of a new scenario for ``target``: its id comes from the file name."""
    return json_document(build(template, scenario_id_for(target), roles, schema))
