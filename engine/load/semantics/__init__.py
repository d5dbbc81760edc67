"""Checks of meaning that a JSON Schema cannot express: unique ids, references, ranges, turn windows.

`scenario` runs them part by part (roles, variables, actions, shocks, rules, outcomes) over the
raw document, through the checks of `references`, `conditions`, `effects`, `ranges`, `turns` and
`oversights` (the warnings); `codes` is their catalogue.
"""

from __future__ import annotations

from engine.load.semantics.codes import CODES
from engine.load.semantics.context import Finding
from engine.load.semantics.scenario import semantic_check, semantic_findings

__all__ = ["CODES", "Finding", "semantic_check", "semantic_findings"]
