"""Playouts: whole games played fast for statistics, with one mutable working state per game.

`engine.core.step` is the specification (sessions, journals and replay use it); a playout plays
the same games, turn for turn, without freezing a state or recording events between turns. Bots
choose through a `Chooser` that reads the same working state. May import `engine.core` only.
"""

from engine.playout.game import Chooser, Playout, play_out
from engine.playout.plan import Plan

__all__ = ["Chooser", "Plan", "Playout", "play_out"]
