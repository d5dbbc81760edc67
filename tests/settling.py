"""Pilot waits for the app's work to be done, not for the CPU to look quiet.

Textual's Pilot decides an app has handled a key or settled after a pause by comparing the
process's CPU time with the wall clock. On a loaded machine (CI's two busy cores, several test
workers) the process is simply not scheduled, so that check returns while messages are still
queued: a focus that Textual applies a moment later, a dialog's result callback, a posted
notification. A test then reads a screen or sends the next key too soon, and passes alone but
fails under load. The other way round, any busy thread (a seat server, a journal writer) keeps the
CPU check waiting up to a second per key.

`install` makes Pilot deterministic instead: `Pilot.press` sends one key at a time, and each wait
for the screen goes on until every message pump of the app (the app, its screens and their
widgets) has handled all it was sent and has no callback pending, so a chain of messages (a key,
the message it posts, the one that posts) is followed to its end, and the screen has laid out and
painted what changed. The CPU check is kept, bounded short, for what is not a message. Installed
once by tests/conftest.py.
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual import app as textual_app
from textual import pilot as textual_pilot
from textual._wait import wait_for_idle as cpu_idle
from textual.app import App
from textual.message_pump import MessagePump
from textual.pilot import Pilot
from textual.screen import Screen

ROUNDS = 200
"""How many times a wait for the screen is repeated at most while messages keep coming or updates are
held back (a timer that ticks without end must not hold a test for ever)."""
CPU_WAIT = 0.02
"""The longest the CPU check waits (Textual's is a second): what matters is waited for by message."""


def _pumps(app: App[Any]) -> list[MessagePump]:
    try:
        screen = app.screen
    except Exception:  # no screen yet, or the app is closing: there is nothing to wait for
        return [app]
    return [app, *app.screen_stack, *screen.walk_children(with_self=True)]


def _busy(pump: MessagePump) -> bool:
    """Has the pump messages not yet handled (queued or being handled) or callbacks pending?"""
    queue = pump.__dict__.get("_message_queue")  # created on first use: a pump without one was never sent anything
    unfinished = getattr(queue, "_unfinished_tasks", 0) if queue is not None else 0
    return bool(unfinished or pump._next_callbacks)


def settled(app: App[Any]) -> bool:
    """Has every message pump of the app handled all it was sent?"""
    return not any(_busy(pump) for pump in _pumps(app))


_wait_for_screen = Pilot._wait_for_screen
_press = Pilot.press


def _unpainted(screen: Screen[Any]) -> bool:
    """Has the screen a layout, a repaint or callbacks after a refresh still to do? (Textual does them
    on a timer; Pilot's pause does them at once, as this does.)"""
    pending = screen._layout_required or screen._scroll_required or screen._repaint_required or screen._recompose_required
    return bool(pending or screen._dirty_widgets or screen._callbacks)


async def _wait_until_settled(self: Pilot[Any], timeout: float = 30.0) -> bool:
    done = await _wait_for_screen(self, timeout)
    app = self.app
    for _ in range(ROUNDS):
        if not done:
            break
        if app._batch_count:  # updates held back a moment (a screen switch): their timer ends them
            await asyncio.sleep(0.01)
        elif settled(app):
            try:
                screen = app.screen
            except Exception:  # the app is closing
                break
            if not screen.is_current or not _unpainted(screen):
                break
            screen._on_timer_update()
        await asyncio.sleep(0)
        done = await _wait_for_screen(self, timeout)
    return done


async def _press_one_at_a_time(self: Pilot[Any], *keys: str) -> None:
    for key in keys:
        await _press(self, key)


async def _short_cpu_idle(min_sleep: float = 1 / 50, max_sleep: float = 1) -> None:
    await cpu_idle(min(min_sleep, CPU_WAIT), min(max_sleep, CPU_WAIT))


def install() -> None:
    """Patch Pilot (once) as the module's docstring says."""
    if Pilot._wait_for_screen is _wait_until_settled:
        return
    Pilot._wait_for_screen = _wait_until_settled  # type: ignore[method-assign]
    Pilot.press = _press_one_at_a_time  # type: ignore[method-assign]
    textual_pilot.wait_for_idle = _short_cpu_idle  # type: ignore[attr-defined]
    textual_app.wait_for_idle = _short_cpu_idle  # type: ignore[attr-defined]
