"""whitecell's engine as a library: open an exercise, play it, read it as each audience may, simulate.

    >>> from engine import Exercise
    >>> ex = Exercise.open("seoul-tokyo-2026", seed=7)

The names below are the public face (see docs/library.md); everything else is reachable in the
layer packages (`engine.core`, `engine.load`, `engine.bots`, `engine.journal`, `engine.audience`,
`engine.documents`, `engine.cli`), whose docstrings say what each may import. Names are loaded
on first use, so that ``import engine.core.dice`` does not pull in the whole engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from engine.version import __version__

IS_WHITECELL = True
"""Marks this package as whitecell's, for the command line's check that no other ``engine`` hides it."""

_FACE: dict[str, str] = {
    "Exercise": "engine.exercise",
    "open_scenario": "engine.exercise",
    "simulate": "engine.exercise",
    "Scenario": "engine.core.model",
    "View": "engine.core.view",
    "ActionOption": "engine.core.availability",
    "CommandRefused": "engine.core.refusals",
    "Reason": "engine.core.refusals",
    "RefusalCode": "engine.core.refusals",
    "Observation": "engine.audience.observation",
    "Audience": "engine.audience.visibility",
    "GameResult": "engine.bots.simulate",
    "Policy": "engine.bots.policies",
    "bot_names": "engine.bots.registry",
    "make_bot": "engine.bots.registry",
    "register_bot": "engine.bots.registry",
    "UnknownBot": "engine.bots.registry",
    "ScenarioError": "engine.load.diagnostics",
    "Diagnostic": "engine.load.diagnostics",
    "JournalError": "engine.journal.codes",
    "SessionError": "engine.journal.session",
}

__all__ = [
    "ActionOption",
    "Audience",
    "CommandRefused",
    "Diagnostic",
    "Exercise",
    "GameResult",
    "JournalError",
    "Observation",
    "Policy",
    "Reason",
    "RefusalCode",
    "Scenario",
    "ScenarioError",
    "SessionError",
    "UnknownBot",
    "View",
    "__version__",
    "bot_names",
    "make_bot",
    "open_scenario",
    "register_bot",
    "simulate",
]

if TYPE_CHECKING:
    from engine.audience.observation import Observation
    from engine.audience.visibility import Audience
    from engine.bots.policies import Policy
    from engine.bots.registry import UnknownBot, bot_names, make_bot, register_bot
    from engine.bots.simulate import GameResult
    from engine.core.availability import ActionOption
    from engine.core.model import Scenario
    from engine.core.refusals import CommandRefused, Reason, RefusalCode
    from engine.core.view import View
    from engine.exercise import Exercise, open_scenario, simulate
    from engine.journal.codes import JournalError
    from engine.journal.session import SessionError
    from engine.load.diagnostics import Diagnostic, ScenarioError


def __getattr__(name: str) -> Any:
    module = _FACE.get(name)
    if module is None:
        raise AttributeError(f"module 'engine' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_FACE})
