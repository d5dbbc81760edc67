"""The full template: a six-month Seoul–Tokyo scenario that uses every construct of the format once.

It is written in format 2, the latest, so that it can show the forms only format 2 has.

Each description and note says what its construct does ("this shock fires only when..."), so the
file is a worked reference an author can copy from. It validates and plays for any role list:
parts that name a role are made for each role, and a joint action appears when there are two or
more.
"""

from __future__ import annotations

from typing import Any

from engine.templates.parts import document_head, role_head
from engine.templates.roles import RoleSpec

TRUST = "trust"
TENSION = "tension"
RISK = "escalation-risk"
ALERT = "alert-level"
CAPITAL = "political-capital"
COOPERATION = "cooperation"
POSTURE = "defence-posture"


MOST_ROLES = 8
"""The most roles a scenario may have (the schema's roles maxItems): with as many teams, no room for the actor."""


def with_actor(roles: tuple[RoleSpec, ...]) -> bool:
    """Whether the template has room for its white-cell actor beside the teams."""
    return len(roles) < MOST_ROLES


def actor_id(roles: tuple[RoleSpec, ...]) -> str:
    """The id of the white cell's actor: "mediator", or a numbered one when a team already has that id."""
    taken = {role.id for role in roles}
    return next(name for n in range(1, len(taken) + 2) if (name := "mediator" if n == 1 else f"mediator-{n}") not in taken)


def _actor(roles: tuple[RoleSpec, ...]) -> dict[str, Any]:
    first = roles[0]
    return {
        "id": actor_id(roles),
        "name": "The mediator",
        "description": (
            "A third government, played by the white cell (playedBy white-cell): an actor. Its actions are the "
            "white cell's response menu, entered at the console while adjudicating each month or handed to a bot. "
            f"It has no seat, no objectives and no free-form moves; its moves are told only to {first.name} "
            "(audience; without one, every team hears of them), and only the white cell sees its stock."
        ),
        "budget": 1,
        "playedBy": "white-cell",
        "audience": [first.id],
        "resources": [
            {
                "id": "leverage",
                "label": "Leverage",
                "description": "What the mediator can still bring to bear; its offers spend it.",
                "initial": 2,
                "max": 3,
                "perTurn": 1,
            }
        ],
    }


def _actor_actions(roles: tuple[RoleSpec, ...]) -> list[dict[str, Any]]:
    mediator = actor_id(roles)
    return [
        {
            "id": "offer-talks",
            "label": "The mediator offers to host talks",
            "description": "The actor's first move: it spends leverage and builds trust between the teams.",
            "roles": [mediator],
            "spend": {"leverage": 1},
            "effects": [{"add": {TRUST: 2}}],
        },
        {
            "id": "side-with-pressure",
            "label": "The mediator leans on the teams in public",
            "description": "The actor's second move: it raises tension and risk; a rule below reads whether it chose it.",
            "roles": [mediator],
            "cooldown": 1,
            "effects": [{"add": {TENSION: 2, RISK: 2}}],
        },
    ]


def support(role: RoleSpec) -> str:
    """The id of a role's own public-support variable."""
    return f"{role.id}-support"


def speech(role: RoleSpec) -> str:
    """The id of a role's own domestic action."""
    return f"{role.id}-speech"


def trust_label(roles: tuple[RoleSpec, ...]) -> str:
    """The shared trust variable's label, worded for the number of teams ("bilateral" only for two)."""
    if len(roles) == 2:
        return "Bilateral trust"
    return "Trust in partners" if len(roles) == 1 else "Trust among the teams"


def _role(role: RoleSpec, trust: str) -> dict[str, Any]:
    return {
        **role_head(role, budget=2),
        "resources": [
            {
                "id": CAPITAL,
                "label": "Political capital",
                "description": "Room for costly initiatives: actions spend it (spend), it comes back by 1 a month (perTurn).",
                "initial": 2,
                "min": 0,
                "max": 5,
                "perTurn": 1,
            }
        ],
        "objectives": [
            {
                "id": "keep-trust",
                "description": f"{trust} is at least 50 at the end (check end, the default); weight 2 counts double.",
                "condition": {"var": TRUST, "atLeast": 50},
                "weight": 2,
            },
            {
                "id": "calm-once",
                "description": "Regional tension is in its Calm band after at least one month (check ever).",
                "condition": {"inBand": {"var": TENSION, "band": "calm"}},
                "check": "ever",
            },
            {
                "id": "steady-home",
                "description": f"Public support in {role.name} stays at 50 or more after every month (check always).",
                "condition": {"var": support(role), "atLeast": 50},
                "check": "always",
                "visibility": "private",
            },
            {
                "id": "alert-normal",
                "description": "The civil-defence alert is back at 2 or lower when the game ends.",
                "condition": {"var": ALERT, "atMost": 2},
            },
        ],
        "briefing": (
            f"For {role.name} only (a private briefing: the team and the white cell read it, the room does not). "
            "Your objective on support at home is private too (visibility)."
        ),
    }


def _variables(roles: tuple[RoleSpec, ...]) -> list[dict[str, Any]]:
    shared: list[dict[str, Any]] = [
        {
            "id": TRUST,
            "label": trust_label(roles),
            "description": (
                "Public (the default visibility): every team sees it. Bands name ranges of values; the interface "
                "colours the bar by the band's tone and conditions can test a band with inBand."
            ),
            "min": 0,
            "max": 100,
            "initial": 50,
            "bands": [
                {"id": "crisis", "label": "Crisis", "from": 0, "tone": "critical"},
                {"id": "strained", "label": "Strained", "from": 30, "tone": "warning"},
                {"id": "steady", "label": "Steady", "from": 50, "tone": "neutral"},
                {"id": "close", "label": "Close", "from": 75, "tone": "good"},
            ],
        },
        {
            "id": TENSION,
            "label": "Regional tension",
            "description": "Lower is better (polarity), so a rise is coloured as bad news. A rule lets it ease toward 40.",
            "min": 0,
            "max": 100,
            "initial": 40,
            "polarity": "lower-is-better",
            "bands": [
                {"id": "calm", "label": "Calm", "from": 0, "tone": "good"},
                {"id": "tense", "label": "Tense", "from": 50, "tone": "warning"},
                {"id": "crisis", "label": "Crisis", "from": 80, "tone": "critical"},
            ],
        },
        {
            "id": RISK,
            "label": "Risk of escalation",
            "description": (
                "Only the white cell sees it (visibility facilitator). At 90 an end condition stops the game in an armed clash."
            ),
            "unit": "%",
            "min": 0,
            "max": 100,
            "initial": 30,
            "visibility": "facilitator",
            "polarity": "lower-is-better",
        },
        {
            "id": ALERT,
            "label": "Alert level",
            "description": "Civil-defence alert from 1 (normal) to 5. Neither good nor bad in itself (polarity neutral).",
            "min": 1,
            "max": 5,
            "initial": 1,
            "polarity": "neutral",
        },
        {
            "id": POSTURE,
            "label": "Defence posture",
            "description": (
                "A variable of named states (format 2): it is one of its states, in order, and is shown by name. "
                "The missile launch steps it up one state (stepState), a summit sets it back to normal (setState), "
                "and the standing rules test it by order (a state test)."
            ),
            "states": ["normal", "heightened", "emergency"],
            "initial": "normal",
        },
    ]
    own = [
        {
            "id": support(role),
            "label": f"Public support in {role.name}",
            "description": f"Visible only to {role.name} and the facilitator (visibility is the role's id).",
            "unit": "%",
            "min": 0,
            "max": 100,
            "initial": 55,
            "visibility": role.id,
        }
        for role in roles
    ]
    return shared + own


def _summit(roles: tuple[RoleSpec, ...]) -> dict[str, Any]:
    joint = len(roles) > 1
    action: dict[str, Any] = {
        "id": "summit",
        "label": "Hold a leaders' summit",
        "description": (
            "A joint action: it happens only if every listed role chooses it in the same month; a side left alone gets "
            "the unmatched effects. Costs the whole budget (cost 2) and 2 political capital (spend); once a game (limit)."
            if joint
            else "Costs the whole budget (cost 2) and 2 political capital (spend); once a game (limit)."
        ),
        "roles": [role.id for role in roles],
        "tags": [COOPERATION],
        "cost": 2,
        "spend": {CAPITAL: 2},
        "limit": 1,
        "effects": [
            {
                "chance": 0.7,
                "label": "The summit ends with a joint statement",
                "then": [
                    {"add": {TRUST: 10, TENSION: -5}},
                    {"setState": {POSTURE: "normal"}},
                    {"disable": "protest-rallies"},
                    {"say": "The joint statement calms the streets: protests no longer start by themselves."},
                ],
                "else": [{"add": {TRUST: -2}}, {"say": "The leaders part without a statement."}],
            }
        ],
    }
    if joint:
        action["joint"] = True
        action["unmatched"] = [{"add": {TRUST: -3}}, {"say": "The invitation to a summit goes unanswered."}]
    return action


def _actions(roles: tuple[RoleSpec, ...]) -> list[dict[str, Any]]:
    everyone = [role.id for role in roles]
    shared: list[dict[str, Any]] = [
        {
            "id": "consult",
            "label": "Consult the other capitals before acting",
            "description": (
                "The everyday cooperative move; it spends political capital the summit also needs (spend). Tagged "
                "cooperation, so rules and shocks can test it with chose.tag."
            ),
            "roles": everyone,
            "tags": [COOPERATION],
            "cost": 1,
            "spend": {CAPITAL: 1},
            "effects": [{"add": {TRUST: 3, TENSION: -2}}],
        },
        _summit(roles),
        {
            "id": "hotline",
            "label": "Call the military hotline",
            "description": (
                "Available only while the coast guard standoff is in progress (unlockedBy). It ends the standoff "
                "at once (endShock), so the standoff's onExpire effects never apply."
            ),
            "roles": everyone,
            "unlockedBy": ["coast-guard-standoff"],
            "effects": [
                {"endShock": "coast-guard-standoff"},
                {"add": {RISK: -10}},
                {"say": "The duty officers agree to pull the ships back."},
            ],
        },
        {
            "id": "raise-alert",
            "label": "Raise the civil-defence alert",
            "description": "Available only while its requires condition holds; after use, it rests 2 months (cooldown).",
            "roles": everyone,
            "tags": ["deterrence"],
            "requires": {"any": [{"var": TENSION, "atLeast": 50}, {"active": "missile-launch"}]},
            "requiresText": "only while tension is 50 or more, or while the missile launch is in progress",
            "cooldown": 2,
            "effects": [{"set": {ALERT: 3}}, {"add": {RISK: 8, TENSION: 3}}],
        },
        {
            "id": "stand-down",
            "label": "Stand the alert down",
            "description": "Free (cost 0). Moves the alert level one step toward normal (drift), never past it.",
            "roles": everyone,
            "cost": 0,
            "requires": {"all": [{"var": ALERT, "atLeast": 2}, {"not": {"active": "missile-launch"}}]},
            "effects": [{"drift": {"var": ALERT, "toward": 1, "by": 1}}, {"add": {RISK: -3}}],
        },
    ]
    own = [
        {
            "id": speech(role),
            "label": f"{role.name}: a firm speech at home",
            "description": (
                f"Only {role.name} may take it. It cannot be combined with consulting in the same month (excludes) "
                "and must rest a month after use (cooldown 1)."
            ),
            "roles": [role.id],
            "tags": ["hedging"],
            "cooldown": 1,
            "excludes": ["consult"],
            "effects": [{"add": {support(role): 6, TRUST: -3}}],
        }
        for role in roles
    ]
    return shared + own + (_actor_actions(roles) if with_actor(roles) else [])


def _shocks(roles: tuple[RoleSpec, ...]) -> list[dict[str, Any]]:
    first, last = roles[0], roles[-1]
    everyone = [role.id for role in roles]
    return [
        {
            "id": "missile-launch",
            "title": "Ballistic missile launch into the East Sea/Sea of Japan",
            "category": "missile",
            "narrative": (
                "Before dawn North Korea launches an intermediate-range ballistic missile. Warning systems in both "
                "countries track it; its impact point is not yet confirmed."
            ),
            "source": "Joint Chiefs of Staff; Ministry of Defense",
            "audience": everyone,
            "trigger": {"atTurn": 2},
            "effects": [
                {"add": {TENSION: 10, RISK: 10}},
                {"stepState": {POSTURE: 1}},
                {
                    "pick": [
                        {
                            "weight": 3,
                            "label": "It falls outside both exclusive economic zones",
                            "effects": [{"say": "The missile falls into the open sea."}],
                        },
                        {
                            "weight": 1,
                            "label": "It overflies Japan",
                            "effects": [{"add": {TENSION: 5}}, {"set": {ALERT: 4}}],
                        },
                    ]
                },
            ],
            "followUps": [{"shock": "nuclear-test-warning", "after": 2, "chance": 0.5, "if": {"var": TENSION, "atLeast": 50}}],
            "expectedActions": ["consult", "raise-alert"],
            "tests": ["crisis-coordination", "public-communication"],
            "expectedResponse": "The capitals share tracking data within the hour and speak with one voice.",
            "facilitatorNotes": (
                "Fires by itself at the start of month 2 (trigger atTurn) and raises the defence posture one state "
                "(stepState). The pick chooses one outcome by weight, "
                "3 to 1. Half the time (follow-up chance 0.5) it sets up the nuclear test warning two months later, "
                "which is called off if tension has fallen below 50 by then (the follow-up's if, checked when it is "
                "due: format 2)."
            ),
        },
        {
            "id": "coast-guard-standoff",
            "title": "Coast guard standoff near disputed waters",
            "category": "maritime",
            "narrative": "Coast guard cutters shadow each other near disputed waters; neither captain will turn back.",
            "trigger": {"from": 2, "to": 5, "chance": 0.3, "guaranteed": True},
            "duration": 3,
            "ongoing": [{"add": {TENSION: 2, RISK: 6}}],
            "onExpire": [{"add": {TRUST: -5}}, {"say": "The standoff ends on its own, and leaves bitterness behind."}],
            "expectedActions": ["hotline"],
            "tests": ["crisis-coordination"],
            "expectedResponse": "A team uses the hotline to end the standoff early.",
            "facilitatorNotes": (
                "A 30% chance each month from month 2 to 5 (a window with a chance); guaranteed fires it in month 5 "
                "if it has not fired by then. It lasts 3 months (duration): its ongoing effects apply at every "
                "resolution, and the hotline is open while it lasts."
            ),
        },
        {
            "id": "textbook-dispute",
            "title": "A dispute over history textbooks",
            "category": "history",
            "narrative": "A newly approved textbook describes the colonial period in terms the other side calls a whitewash.",
            "trigger": {"from": 3, "when": {"var": TRUST, "below": 55}},
            "maxFires": 2,
            "effects": [{"add": {TRUST: -6}}, {"enable": "protest-rallies"}],
            "expectedResponse": "Leaders keep the dispute out of the security agenda.",
            "facilitatorNotes": (
                "Fires from month 3 on whenever trust is below 55 (a condition in the trigger), at most twice "
                "(maxFires). It arms the protest rallies (enable)."
            ),
        },
        {
            "id": "protest-rallies",
            "title": f"Protest rallies in {last.name}",
            "category": "domestic",
            "narrative": "Thousands rally against the government's handling of relations with its neighbour.",
            "audience": [last.id],
            "enabled": False,
            "trigger": {"chance": 0.5},
            "maxFires": 2,
            "effects": [{"add": {support(last): -5}}],
            "facilitatorNotes": (
                f"Addressed to {last.name} only (audience). Disarmed at the start (enabled false): the textbook "
                "dispute or economic pressure arms it, then it fires with a 50% chance each month; a successful "
                "summit disarms it again (disable)."
            ),
        },
        {
            "id": "nuclear-test-warning",
            "title": "Signs of an imminent nuclear test",
            "category": "nuclear",
            "narrative": "Satellite imagery shows vehicles and cabling at the northern test site.",
            "effects": [
                {"add": {TENSION: 8, RISK: 15}},
                {"schedule": {"shock": "sanctions-vote", "after": 1}},
            ],
            "expectedActions": ["consult"],
            "facilitatorNotes": (
                "Has no trigger: it happens only as the missile launch's follow-up, or when the facilitator injects "
                "it. It schedules the sanctions vote for the next month (schedule)."
            ),
        },
        {
            "id": "sanctions-vote",
            "title": "The Security Council votes on new sanctions",
            "category": "diplomatic",
            "narrative": "The Security Council meets to vote on a resolution tightening sanctions.",
            "effects": [
                {
                    "if": {"any": [{"chose": {"tag": COOPERATION}}, {"uses": "consult", "role": first.id, "atLeast": 2}]},
                    "then": [{"add": {TRUST: 3, TENSION: -3}}],
                    "else": [{"say": "The capitals lobby separately and the resolution is watered down."}],
                }
            ],
            "facilitatorNotes": (
                "The if effect tests whether any team chose a cooperation action in the month just resolved "
                f"(chose without a role), or {first.name} has consulted at least twice in the game (uses with a role)."
            ),
        },
        {
            "id": "economic-coercion",
            "title": f"Export controls aimed at {first.name}",
            "category": "economic",
            "narrative": "A trading partner suddenly tightens export licences on materials key to the chip industry.",
            "audience": [first.id],
            "trigger": {"from": 4, "to": 6, "chance": 0.4},
            "maxFires": 2,
            "effects": [
                {
                    "if": {"resource": CAPITAL, "role": first.id, "below": 1},
                    "then": [{"add": {support(first): -4}}],
                    "else": [{"gain": {"role": first.id, "resource": CAPITAL, "amount": -1}}],
                }
            ],
            "followUps": [{"shock": "protest-rallies", "enable": True}],
            "facilitatorNotes": (
                f"A 40% chance each month from month 4. It costs {first.name} a point of political capital (gain with "
                "a negative amount), or public support when none is left (an if on a resource). Its follow-up only "
                "arms the protest rallies (enable true) instead of scheduling them."
            ),
        },
    ]


def _rules(roles: tuple[RoleSpec, ...]) -> list[dict[str, Any]]:
    first = roles[0]
    return [
        {
            "id": "tension-eases",
            "description": "Without new incidents tension eases toward 40 (drift)",
            "effects": [{"drift": {"var": TENSION, "toward": 40, "by": 2}}],
        },
        {
            "id": "cooperation-dividend",
            "description": "Any team's cooperation lowers tension (chose with a tag, any role)",
            "when": {"chose": {"tag": COOPERATION}},
            "effects": [{"add": {TENSION: -1}}],
        },
        {
            "id": "speech-heard-abroad",
            "description": f"{first.name}'s speeches at home are heard abroad (chose with a role and an action)",
            "when": {"chose": {"role": first.id, "action": speech(first)}},
            "effects": [{"add": {TRUST: -1}}],
        },
        *(
            {
                "id": f"{role.id}-seen-as-soft",
                "description": f"Consulting abroad costs {role.name} support at home",
                "when": {"chose": {"role": role.id, "action": "consult"}},
                "effects": [{"add": {support(role): -3}}],
            }
            for role in roles
        ),
        *(
            [
                {
                    "id": "consulted-together",
                    "description": "When every team consults in the same month, trust grows (chose with roles, format 2)",
                    "when": {"chose": {"roles": [role.id for role in roles], "action": "consult"}},
                    "effects": [{"add": {TRUST: 2}}],
                }
            ]
            if len(roles) > 1
            else []
        ),
        *(
            [
                {
                    "id": "pressure-noticed",
                    "description": "The mediator's public pressure unsettles the publics (chose, by an actor)",
                    "when": {"chose": {"role": actor_id(roles), "action": "side-with-pressure"}},
                    "effects": [{"add": {support(role): -1 for role in roles}}],
                }
            ]
            if with_actor(roles)
            else []
        ),
        {
            "id": "consultation-habit",
            "description": "Once consultation is a habit (taken 3 times in all), trust grows by itself",
            "when": {"uses": "consult", "atLeast": 3},
            "effects": [{"add": {TRUST: 1}}],
        },
        {
            "id": "posture-strains-trust",
            "description": "While the defence posture is at least heightened (a state test), tension stays up",
            "when": {"state": POSTURE, "atLeast": "heightened"},
            "effects": [{"add": {TENSION: 1}}],
        },
        {
            "id": "late-fatigue",
            "description": "From month 5 publics tire of the crisis (a turn test)",
            "when": {"turn": {"atLeast": 5}},
            "effects": [{"add": {support(role): -1 for role in roles}}],
        },
    ]


def _outcomes(roles: tuple[RoleSpec, ...]) -> list[dict[str, Any]]:
    return [
        {
            "id": "armed-clash",
            "title": "Armed clash",
            "description": "The end condition names this outcome when it stops the game; it is also tried at the end.",
            "when": {"var": RISK, "atLeast": 90},
            "tone": "critical",
        },
        {
            "id": "partnership",
            "title": "A partnership that held",
            "description": "Trust is at least 60 and every team scored at least 3 (score tests).",
            "when": {"all": [{"var": TRUST, "atLeast": 60}, *({"score": role.id, "atLeast": 3} for role in roles)]},
            "tone": "good",
        },
        {
            "id": "weathered",
            "title": "The storm weathered",
            "description": "The missile launch happened (a fired test) and trust is still at least 40.",
            "when": {"all": [{"fired": "missile-launch", "atLeast": 1}, {"var": TRUST, "atLeast": 40}]},
        },
        {
            "id": "drifting-apart",
            "title": "Drifting apart",
            "description": "The last outcome has no when: every other game ends here.",
            "tone": "warning",
        },
    ]


def _exercise_objectives(roles: tuple[RoleSpec, ...]) -> list[dict[str, Any]]:
    return [
        {
            "id": "crisis-coordination",
            "title": "Coordinate a crisis response",
            "description": (
                "The capitals consult before acting and use their channels to keep an incident from escalating. "
                "(An exercise objective, or training objective, is what the exercise trains and evaluates: it scores "
                "nothing, unlike a role's objectives. The shocks that test it list its id in their tests, and the "
                "after-action report evaluates it from their expected actions and the notes tied to it.)"
            ),
            "capability": "Operational coordination",
            "criteria": [
                "Each team consults the other in the month a missile is launched, or the next",
                "The hotline is used while a standoff at sea lasts",
            ],
            "roles": [role.id for role in roles],
        },
        {
            "id": "public-communication",
            "title": "Speak to the public with one voice",
            "description": "After a launch, each government keeps its public informed without contradicting its partner.",
            "capability": "Public information and warning",
        },
    ]


def full(scenario_id: str, title: str, roles: tuple[RoleSpec, ...], schema: str) -> dict[str, Any]:
    """The full template as a scenario document."""
    names = ", ".join(role.name for role in roles)
    teams = f"The team ({names}) spends" if len(roles) == 1 else f"The teams ({names}) each spend"
    wants = "It wants" if len(roles) == 1 else "Each team wants"
    return {
        **document_head(scenario_id, title, schema, format_version=2),
        "author": "whitecell new",
        "summary": "Six months of missiles, maritime friction and history disputes; a tour of every part of the format.",
        "briefing": (
            f"# {title}\n\n"
            "*The facilitator reads this aloud at the start. Every event in it is hypothetical.*\n\n"
            "## The situation\n\n"
            "Spring 2026. North Korea is preparing a missile launch, coast guards shadow each other near disputed "
            "waters, and a textbook dispute is brewing. Washington wants its allies to act together.\n\n"
            "## What the teams are asked to do\n\n"
            f"{teams} two action points a month. Political capital comes back slowly. "
            f"Some responses open only while a crisis lasts. {wants} to:\n\n"
            f"- keep {trust_label(roles).lower()} at 50 or more to the end;\n"
            "- see tension calm at least once;\n"
            "- keep its own public behind it **every month**.\n"
        ),
        "turns": {"count": 6, "label": "Month", "start": "2026-03-01", "step": "month", "deadline": 15},
        "phases": [
            {
                "id": "spring",
                "title": "Move 1: spring tensions",
                "from": 1,
                "to": 3,
                "hotwash": True,
                "deadline": 20,
            },
            {
                "id": "summer",
                "title": "Move 2: the summer test",
                "from": 4,
                "to": 6,
                "briefing": (
                    "Three months on. The launch has shaken both publics, and Washington asks for a joint position "
                    "before the summer. (A phase's briefing is the update for the room as the phase opens; hotwash "
                    "true asks for a hotwash after the phase's last month; each month's decision deadline is the "
                    "phase's, else the turns' deadline.)"
                ),
            },
        ],
        "freeMoves": {"allowed": True, "perTeamPerTurn": 1, "largestEffect": 5},
        "roles": [*(_role(role, trust_label(roles)) for role in roles), *([_actor(roles)] if with_actor(roles) else [])],
        "variables": _variables(roles),
        "actions": _actions(roles),
        "shocks": _shocks(roles),
        "rules": _rules(roles),
        "endConditions": [
            {
                "id": "armed-clash",
                "description": "The risk of escalation reached 90: shots are fired at sea",
                "when": {"var": RISK, "atLeast": 90},
                "outcome": "armed-clash",
            }
        ],
        "outcomes": _outcomes(roles),
        "exerciseObjectives": _exercise_objectives(roles),
    }
