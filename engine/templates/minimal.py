"""The smallest scenario a newcomer can grow: one variable, one action per role, one shock, two outcomes.

Every text field says what its part of the format does, since JSON has no comments; the file
validates and plays as written.
"""

from __future__ import annotations

from typing import Any

from engine.templates.parts import document_head, role_head
from engine.templates.roles import RoleSpec

TRUST = "trust"


def _role(role: RoleSpec) -> dict[str, Any]:
    return {
        **role_head(role, budget=1),
        "objectives": [
            {
                "id": "keep-trust",
                "description": (
                    "Bilateral trust is at least 50 when the game ends. (An objective's condition is judged at the end "
                    "unless check says otherwise; a met objective scores its weight, 1 by default.)"
                ),
                "condition": {"var": TRUST, "atLeast": 50},
            }
        ],
    }


def _action(role: RoleSpec) -> dict[str, Any]:
    return {
        "id": f"{role.id}-reach-out",
        "label": f"{role.name}: reach out to the other capitals",
        "description": (
            "Only the roles listed in roles may take this action; it costs 1 action point (the default cost) "
            "and its effects apply when the turn is resolved: here a roll of the dice (chance) decides whether "
            "trust rises by 6 or falls by 2."
        ),
        "roles": [role.id],
        "effects": [
            {
                "chance": 0.6,
                "label": "The overture is welcomed",
                "then": [{"add": {TRUST: 6}}],
                "else": [{"add": {TRUST: -2}}],
            }
        ],
    }


def _names(roles: tuple[RoleSpec, ...]) -> str:
    names = [role.name for role in roles]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def minimal(scenario_id: str, title: str, roles: tuple[RoleSpec, ...], schema: str) -> dict[str, Any]:
    """The minimal template as a scenario document."""
    return {
        **document_head(scenario_id, title, schema),
        "summary": f"A four-month exercise for {_names(roles)} to grow from: one variable, one action per team, one shock.",
        "briefing": (
            f"# {title}\n\n"
            "*The facilitator reads this briefing aloud at the start. It is Markdown: headings, paragraphs, "
            "lists, **bold** and *italic*.*\n\n"
            "Relations between the capitals are workable but thin. Over four months each team decides, month by "
            "month, whether to invest in them. A dispute over history textbooks is expected in the second month.\n"
        ),
        "turns": {"count": 4, "label": "Month"},
        "roles": [_role(role) for role in roles],
        "variables": [
            {
                "id": TRUST,
                "label": "Bilateral trust",
                "description": (
                    "How far the capitals trust each other, from 0 to 100. Actions, shocks and rules move it; "
                    "every change is clamped to min and max."
                ),
                "min": 0,
                "max": 100,
                "initial": 45,
            }
        ],
        "actions": [_action(role) for role in roles],
        "shocks": [
            {
                "id": "textbook-dispute",
                "title": "A dispute over history textbooks",
                "category": "history",
                "narrative": (
                    "A newly approved school textbook describes the colonial period in terms the other side calls "
                    "a whitewash. Editorials in both capitals demand a response."
                ),
                "trigger": {"atTurn": 2},
                "effects": [{"add": {TRUST: -8}}],
                "facilitatorNotes": (
                    "This shock fires by itself at the start of month 2 (trigger atTurn). Only the white cell reads these notes."
                ),
            }
        ],
        "rules": [],
        "outcomes": [
            {
                "id": "working-partnership",
                "title": "A working partnership",
                "description": "Outcomes are tried in order at the end; this one wins when trust is at least 50.",
                "when": {"var": TRUST, "atLeast": 50},
                "tone": "good",
            },
            {
                "id": "thin-ties",
                "title": "Thin ties",
                "description": "The last outcome has no when: it catches every game the earlier ones do not.",
                "tone": "warning",
            },
        ],
    }
