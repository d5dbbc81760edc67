"""Every bot by name: the built-in ones, those a program registers, and those packages add.

A package adds a bot by declaring an entry point in the ``whitecell.bots`` group whose object
makes a policy when called (a class will do), e.g. in its pyproject.toml::

    [project.entry-points."whitecell.bots"]
    cautious = "my_package.bots:CautiousPolicy"

Names are looked up lazily: the built-in names are known without importing any bot, and other
packages' entry points are read only when a name is not a built-in one or every name is listed.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from engine.bots.policies import Policy

__all__ = ["BUILT_IN", "ENTRY_POINT_GROUP", "UnknownBot", "bot_names", "make_bot", "register_bot"]

ENTRY_POINT_GROUP = "whitecell.bots"

PolicyFactory = Callable[[], "Policy"]

BUILT_IN: dict[str, str] = {
    "random": "engine.bots.policies:RandomPolicy",
    "greedy": "engine.bots.policies:GreedyPolicy",
    "passive": "engine.bots.policies:PassivePolicy",
}
"""The bots that come with whitecell, by name, with where each is made (imported only when used)."""

_registered: dict[str, PolicyFactory] = {}


class UnknownBot(LookupError):
    """No bot has this name (or the package that declares it fails to load); the message says which exist."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def register_bot(name: str, factory: PolicyFactory) -> None:
    """Make a bot known by name in this process (a program's own bot); built-in names cannot be taken."""
    if name in BUILT_IN:
        raise ValueError(f"{name!r} is a built-in bot; choose another name")
    if not name or not name.replace("-", "").replace("_", "").isalnum():
        raise ValueError(f"a bot's name is letters, digits, '-' and '_', not {name!r}")
    _registered[name] = factory


@functools.cache
def _declared() -> dict[str, str]:
    """Other packages' bots: name -> the entry point's target, read once per process."""
    from importlib.metadata import entry_points  # only when a name is not a built-in one: start-up stays short

    found: dict[str, str] = {}
    for point in entry_points(group=ENTRY_POINT_GROUP):
        if point.name not in BUILT_IN:
            found.setdefault(point.name, point.value)
    return found


def bot_names() -> tuple[str, ...]:
    """Every bot's name: the built-in ones first, then the others in alphabetical order."""
    others = sorted({*_registered, *_declared()} - set(BUILT_IN))
    return (*BUILT_IN, *others)


def _load(target: str) -> PolicyFactory:
    module_name, _, attribute = target.partition(":")
    value: object = importlib.import_module(module_name)
    for part in attribute.split(".") if attribute else ():
        value = getattr(value, part)
    if not callable(value):
        raise TypeError(f"{target} is not something that makes a bot")
    return cast(PolicyFactory, value)


def make_bot(name: str) -> Policy:
    """A new bot by name; UnknownBot when there is none or its package fails to load."""
    if name in BUILT_IN:
        return _load(BUILT_IN[name])()
    if name in _registered:
        return _registered[name]()
    target = _declared().get(name)
    if target is None:
        raise UnknownBot(f"unknown bot {name!r} (known: {', '.join(bot_names())})")
    try:
        return _load(target)()
    except Exception as error:  # a third party's package: whatever it raises, say which bot and why
        raise UnknownBot(
            f"the bot {name!r} ({target}, from the {ENTRY_POINT_GROUP!r} entry points) does not load: {error}"
        ) from error
