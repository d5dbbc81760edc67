"""The minimal Seoul–Tokyo scenario an events list is imported into when no base scenario is given.

It has what injects usually refer to (trust between the capitals, regional tension, public
support on each side, political capital) and one action of each kind, so that an imported list
plays at once; the author then grows it into a full scenario.
"""

from __future__ import annotations

import copy
from typing import Any

_TEMPLATE: dict[str, Any] = {
    "format": 1,
    "id": "imported-events",
    "title": "Imported events list",
    "summary": "A Seoul–Tokyo scenario made from an events list; edit the roles, variables and actions to suit the exercise.",
    "turns": {"count": 8, "label": "Turn"},
    "roles": [
        {
            "id": "seoul",
            "name": "Seoul",
            "budget": 2,
            "resources": [{"id": "political-capital", "label": "Political capital", "initial": 3, "max": 10, "perTurn": 1}],
            "objectives": [
                {
                    "id": "keep-trust",
                    "description": "End with working trust between the capitals",
                    "condition": {"var": "trust", "atLeast": 40},
                }
            ],
        },
        {
            "id": "tokyo",
            "name": "Tokyo",
            "budget": 2,
            "resources": [{"id": "political-capital", "label": "Political capital", "initial": 3, "max": 10, "perTurn": 1}],
            "objectives": [
                {
                    "id": "keep-calm",
                    "description": "Keep regional tension below crisis",
                    "condition": {"var": "tension", "below": 70},
                }
            ],
        },
    ],
    "variables": [
        {
            "id": "trust",
            "label": "Seoul–Tokyo trust",
            "min": 0,
            "max": 100,
            "initial": 50,
            "polarity": "higher-is-better",
            "bands": [
                {"id": "rupture", "label": "Rupture", "from": 0, "tone": "critical"},
                {"id": "strained", "label": "Strained", "from": 25, "tone": "warning"},
                {"id": "working", "label": "Working", "from": 50, "tone": "neutral"},
                {"id": "close", "label": "Close", "from": 75, "tone": "good"},
            ],
        },
        {
            "id": "tension",
            "label": "Regional tension",
            "min": 0,
            "max": 100,
            "initial": 40,
            "polarity": "lower-is-better",
            "bands": [
                {"id": "calm", "label": "Calm", "from": 0, "tone": "good"},
                {"id": "tense", "label": "Tense", "from": 40, "tone": "warning"},
                {"id": "crisis", "label": "Crisis", "from": 70, "tone": "critical"},
            ],
        },
        {
            "id": "seoul-support",
            "label": "Public support in Seoul",
            "min": 0,
            "max": 100,
            "initial": 50,
            "polarity": "higher-is-better",
        },
        {
            "id": "tokyo-support",
            "label": "Public support in Tokyo",
            "min": 0,
            "max": 100,
            "initial": 50,
            "polarity": "higher-is-better",
        },
    ],
    "actions": [
        {
            "id": "consult",
            "label": "Consult the other capital",
            "roles": ["seoul", "tokyo"],
            "tags": ["cooperation"],
            "cost": 1,
            "effects": [{"add": {"trust": 3, "tension": -2}}],
        },
        {
            "id": "public-statement",
            "label": "Make a firm public statement",
            "roles": ["seoul", "tokyo"],
            "tags": ["contentious"],
            "cost": 1,
            "effects": [{"add": {"trust": -2, "seoul-support": 1, "tokyo-support": 1}}],
        },
        {
            "id": "joint-exercise",
            "label": "Hold a joint exercise",
            "roles": ["seoul", "tokyo"],
            "tags": ["cooperation"],
            "cost": 1,
            "spend": {"political-capital": 2},
            "joint": True,
            "effects": [{"add": {"trust": 4, "tension": -3}}],
            "unmatched": [{"add": {"trust": -1}}],
        },
    ],
    "shocks": [],
    "rules": [],
    "outcomes": [
        {"id": "steady", "title": "The relationship holds", "when": {"var": "trust", "atLeast": 40}, "tone": "good"},
        {"id": "strained", "title": "The relationship is strained", "tone": "warning"},
    ],
}


def template() -> dict[str, Any]:
    """A fresh copy of the template scenario document (shocks empty, to be filled from the events list)."""
    return copy.deepcopy(_TEMPLATE)
