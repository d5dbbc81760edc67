"""What every check of meaning shares: the document, what it declares, and the findings so far."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from engine.load.diagnostics import Severity
from engine.load.semantics.reading import entries, ident, sub_entries, whole


@attrs.frozen
class Finding:
    """A problem at a pointer; ``key`` says whether it concerns the key rather than the value."""

    pointer: str
    code: str
    message: str
    key: bool = False
    suggestion: str | None = None
    severity: Severity = "error"


@attrs.define
class Declared:
    """What the scenario declares, for resolving references."""

    roles: dict[str, set[str]] = attrs.Factory(dict)
    variables: dict[str, list[str]] = attrs.Factory(dict)
    states: dict[str, list[str]] = attrs.Factory(dict)
    """The variables of named states (format 2), with their states."""
    actions: dict[str, Mapping[str, Any]] = attrs.Factory(dict)
    shocks: set[str] = attrs.Factory(set)
    outcomes: set[str] = attrs.Factory(set)
    tags: set[str] = attrs.Factory(set)
    turn_count: int | None = None


def declared_in(document: Mapping[str, Any]) -> Declared:
    """Every id the document declares (roles with their resources, variables with their bands...), first one wins."""
    declared = Declared()
    turns = document.get("turns")
    if isinstance(turns, dict):
        declared.turn_count = whole(turns.get("count"))
    for _, role in entries(document, "roles"):
        if (role_id := ident(role.get("id"))) is not None:
            resources = {res_id for _, res in sub_entries(role, "", "resources") if (res_id := ident(res.get("id")))}
            declared.roles.setdefault(role_id, set()).update(resources)
    for _, var in entries(document, "variables"):
        if (var_id := ident(var.get("id"))) is not None:
            bands = [band_id for _, band in sub_entries(var, "", "bands") if (band_id := ident(band.get("id")))]
            declared.variables.setdefault(var_id, bands)
            states = var.get("states")
            if isinstance(states, list):
                declared.states.setdefault(var_id, [state for state in states if isinstance(state, str)])
    for _, action in entries(document, "actions"):
        if (action_id := ident(action.get("id"))) is not None:
            declared.actions.setdefault(action_id, action)
        tags = action.get("tags")
        if isinstance(tags, list):
            declared.tags.update(tag for tag in tags if isinstance(tag, str))
    declared.shocks = {sid for _, shock in entries(document, "shocks") if (sid := ident(shock.get("id")))}
    declared.outcomes = {oid for _, out in entries(document, "outcomes") if (oid := ident(out.get("id")))}
    return declared


SUGGESTED = 200
"""How many unknown names are given a "did you mean" (a search through every known name) and a list of the
known ones: as many as a check can list (`loader.MAX_DIAGNOSTICS`). The rest are counted, never shown, and
2,000 unknown names among 2,000 declared took 30 s to suggest for."""


class Check:
    """One run of the checks over a document; each check reports into it."""

    def __init__(self, document: Mapping[str, Any], keep: int | None = None) -> None:
        self.document = document
        self.declared = declared_in(document)
        self.findings: list[Finding] = []
        self.unkept: dict[Severity, int] = {}
        """Findings past the first ``keep`` of their severity: counted, not kept (none are listed, see `semantic_check`)."""
        self._keep = keep
        self._kept: dict[Severity, int] = {}
        self._suggestions = SUGGESTED

    def suggesting(self) -> bool:
        """Whether the unknown name about to be reported may still be given suggestions (each call takes one)."""
        self._suggestions -= 1
        return self._suggestions >= 0

    def report(self, pointer: str, code: str, message: str, *, key: bool = False, suggestion: str | None = None) -> None:
        self._add(Finding(pointer, code, message, key, suggestion))

    def warn(self, pointer: str, code: str, message: str, *, key: bool = False) -> None:
        self._add(Finding(pointer, code, message, key, None, "warning"))

    def _add(self, finding: Finding) -> None:
        kept = self._kept.get(finding.severity, 0)
        if self._keep is not None and kept >= self._keep:
            self.unkept[finding.severity] = self.unkept.get(finding.severity, 0) + 1
            return
        self._kept[finding.severity] = kept + 1
        self.findings.append(finding)
