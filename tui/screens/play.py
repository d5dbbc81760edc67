"""The play screen: the whole state of the exercise at a glance, and the facilitator's keys."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import DescendantBlur, DescendantFocus, Resize
from textual.screen import Screen
from textual.widgets import Footer, Static

from engine.audience.console import log_lines, role_views, shock_views, variable_views
from engine.audience.visibility import ROOM, WHITE_CELL, sees_proposal
from engine.core.availability import order_problems
from engine.core.commands import SubmitOrders
from engine.core.free_moves import proposals_waiting
from engine.core.refusals import CommandRefused
from engine.core.view import View
from engine.journal.session import Session
from engine.prose.turns import turn_heading
from engine.text.terminal import printable
from tui.commands import PLAY_COMMANDS, bindings, team_bindings
from tui.messages import SessionChanged
from tui.screens.layout import fit_width
from tui.seating import status_words
from tui.stacking import opaque
from tui.widgets.entry import EntryPanel
from tui.widgets.header import GameHeader
from tui.widgets.log import EventLog
from tui.widgets.orders import RolePanel
from tui.widgets.problems import ProblemsPanel
from tui.widgets.shocks import ShockList, ShocksPanel
from tui.widgets.variables import VariablesPanel

if TYPE_CHECKING:
    from tui.app import WhitecellApp

MOVE_LIMIT = 32
"""The phase's title in the header is cut to this many characters, so the turn and timer keep their room at 80 columns."""


ACTOR_ROWS = 4
"""Rows an actor's folded panel takes: its border and a two-line summary."""
TEAM_ROWS = 11
"""Rows a team's panel needs for five lines of its action list beside its border and summary."""
CHROME_ROWS = 2
"""The header and the footer."""


def actors_fit(teams: int, actors: int) -> int:
    """The screen height from which the actors' folded panels fit beside menus of the teams a facilitator
    can read (at 80x24 three actors left each team of the default no action on screen)."""
    return CHROME_ROWS + ACTOR_ROWS * actors + TEAM_ROWS * teams if actors else 0


def _covered(screen: Screen[None]) -> bool:
    """Whether an opaque screen (the adjudication summary, a hotwash) is above this one, so none of it shows.

    Textual lays out the screen under the top one as if it showed through; a redraw of the play
    screen under the summary re-laid it out and repainted the summary over it several times, a
    third of the time from r to the summary on screen (tests/benchmark_resolve_screen.py).
    """
    stack = screen.app.screen_stack
    above = stack[stack.index(screen) + 1 :] if screen in stack else []
    return any(opaque(other) for other in above)


class PlayScreen(Screen[None]):
    """Variables, shocks, the log and each team's panel; keys send commands through the app."""

    BINDINGS = bindings(PLAY_COMMANDS)
    AUTO_FOCUS = None
    """Nothing has focus at first, so the letter keys are the console's; a number key opens a team's panel
    and 0 a white-cell actor's."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._last_actor = -1
        """The actor whose panel 0 opened last (0 opens the next one)."""
        self._shown_roles: frozenset[str] = frozenset()
        """The roles whose panels this audience may see (role_views'), as last drawn."""
        self._fold_actors = False
        """The screen is too short for the actors' panels beside the teams' menus: see `actors_fit`."""
        self.stale = False
        """Whether the session changed while an opaque screen covered this one (it redraws on showing again)."""
        for binding in team_bindings(len(session.scenario.teams), len(session.scenario.actors)):
            self._bindings.key_to_bindings.setdefault(binding.key, []).append(binding)

    def compose(self) -> ComposeResult:
        yield GameHeader(id="header")
        with Horizontal(id="body"):
            with VerticalScroll(id="state") as state:
                state.border_title = "State"
                yield VariablesPanel(id="variables")
                yield Static("Shocks in progress", id="shock-list-title", classes="narrow-only")
                yield ShockList(id="shock-list", classes="narrow-only")
            with Vertical(id="middle"):
                yield ShocksPanel(id="shocks")
                yield EventLog(id="log")
            with Vertical(id="teams"):  # the teams first, then the actors the white cell plays
                for role in self.session.scenario.teams:
                    yield EntryPanel(role.id, id=f"role-{role.id}")
                for role in self.session.scenario.actors:  # folded to their summary until 0 opens one
                    yield EntryPanel(role.id, id=f"role-{role.id}", classes="actor")
        yield ProblemsPanel(id="problems")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#shocks", ShocksPanel).border_title = "Shocks in progress"
        self.refresh_session()
        self.set_interval(1.0, self._tick)

    def on_resize(self, event: Resize) -> None:
        fit_width(self, event.size.width)
        scenario = self.session.scenario
        self._fold_actors = event.size.height < actors_fit(len(scenario.teams), len(scenario.actors))
        self._place_actors()

    def _place_actors(self) -> None:
        """Which role panels are on screen: an actor's is the white cell's, gone while the room watches;
        folded to its summary unless it has the keys; and, on a screen too short for the teams' menus
        beside them, shown only while it has the keys (0 opens one)."""
        for panel in self.query(EntryPanel):
            shown = panel.role_id in self._shown_roles
            if panel.has_class("actor") and self._fold_actors:
                shown = shown and panel.has_class("-open")
            panel.display = shown

    def on_session_changed(self, message: SessionChanged) -> None:
        # A screen on its way out (the game started again on new rules) draws nothing more.
        if not self.is_attached or cast("WhitecellApp", self.app).session is not self.session:
            return
        if _covered(self):
            cast("WhitecellApp", self.app).drafts.sync(self.session)  # the drafts' file follows the game, drawn or not
            self.stale = True  # redrawn when it shows again: see _covered
        else:
            self.refresh_session()

    def on_screen_resume(self) -> None:
        if self.stale:
            self.stale = False
            self.refresh_session()

    def refresh_session(self) -> None:
        """Redraw everything from the session."""
        session = self.session
        masked = bool(getattr(self.app, "masked", False))
        state = session.state
        header = self.query_one(GameHeader)
        header.title = session.scenario.title
        header.turn = turn_heading(session.scenario.turns, state.turn)
        header.phase = "ended" if state.ended else "planning"
        move = session.scenario.phase_at(state.turn)
        header.move = printable(move.title, MOVE_LIMIT) if move is not None and not state.ended else ""
        header.hidden = masked
        # With choices hidden the room is watching: what only the white cell should see goes too.
        audience = ROOM if masked else WHITE_CELL
        self.query_one(VariablesPanel).show(variable_views(session, audience))
        shocks = shock_views(session, audience)
        self.query_one(ShocksPanel).show(shocks, facilitator=not masked)
        self.query_one(ShockList).show(shocks)
        app = cast("WhitecellApp", self.app)
        statuses = app.seating.statuses() if app.seating is not None else {}
        app.drafts.sync(session)
        proposed = {role for role, _, _ in proposals_waiting(session.game, session.state)}
        views = role_views(session, audience)
        self._shown_roles = frozenset(view.id for view in views)
        self._place_actors()
        for view in views:
            status = statuses.get(view.id)
            seat = status_words(status) if status is not None else None
            if seat is not None and view.id in proposed and sees_proposal(audience, view.id):
                seat += " · move proposed (m)"
            draft = app.drafts.get(view.id)
            self.query_one(f"#role-{view.id}", EntryPanel).show(view, masked=masked, seat=seat, draft=draft)
        self.query_one(EventLog).show(log_lines(session, audience))
        self.refresh_bindings()  # the footer follows the mode: see check_action
        self._tick()

    def deadline(self) -> float | None:
        """When this turn's decision timer runs out (`time.monotonic()` seconds), for the seats; None
        without a timer or while it is paused."""
        keeper = cast("WhitecellApp", self.app).timekeeper
        return keeper.deadline(self.session) if keeper is not None else None

    def paused(self) -> float | None:
        """The seconds left while this turn's timer is paused, for the seats; None otherwise."""
        keeper = cast("WhitecellApp", self.app).timekeeper
        return keeper.paused(self.session) if keeper is not None else None

    def _tick(self) -> None:
        header = self.query_one(GameHeader)
        keeper = cast("WhitecellApp", self.app).timekeeper
        if keeper is None:
            return
        keeper.follow(self.session)
        header.timer, header.timer_expired = keeper.timer_text(self.session)
        header.elapsed = keeper.elapsed_text()

    def action_team(self, index: int) -> None:
        """A number key: the team's panel takes the keys (letters find its actions until Escape)."""
        teams = self.session.scenario.teams
        if 0 <= index < len(teams):
            self.query_one(f"#role-{teams[index].id}", EntryPanel).query_one("OptionList").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A key that does nothing in this mode is off and out of the footer: 0 while the room watches."""
        return self._actors_shown() if action == "actor" else True

    def _actors_shown(self) -> bool:
        """Whether the white cell's actors have panels on screen (there are some, and the room is not watching)."""
        actors = self.session.scenario.actors
        return bool(actors) and actors[0].id in self._shown_roles

    def action_actor(self) -> None:
        """0: the next white-cell actor's panel takes the keys (its response menu), after the one opened last."""
        actors = self.session.scenario.actors
        if not self._actors_shown():
            return  # no actors, or the room is watching (their panels are gone)
        self._last_actor = (self._last_actor + 1) % len(actors)
        panel = self.query_one(f"#role-{actors[self._last_actor].id}", EntryPanel)
        panel.add_class("-open")  # its menu must be shown to take the keys
        self._place_actors()
        self.call_after_refresh(panel.query_one("OptionList").focus)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        self._fold_to_focus()

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        # Escape leaves no widget focused, and no focus event follows: fold once the blur has settled.
        self.call_after_refresh(self._fold_to_focus)

    def _fold_to_focus(self) -> None:
        """An actor's response menu is unfolded while its panel has the keys and folded again after, so
        the teams' panels keep the room: three actors' menus open at once left a team one line at 80x24."""
        focused = self.focused
        for panel in self.query("EntryPanel.actor"):
            panel.set_class(focused is not None and focused in panel.walk_children(), "-open")
        self._place_actors()

    def on_role_panel_orders_changed(self, message: RolePanel.OrdersChanged) -> None:
        """A tick changes the team's draft, once the engine says the orders would be possible."""
        app = cast("WhitecellApp", self.app)
        game, state = self.session.game, self.session.state
        r = game.role_index[message.role]
        problems = order_problems(game, View(game, state), r, message.actions)
        if problems:
            refusal = CommandRefused(problems, orders_of=self.session.scenario.roles[r].name)
            app.notify(refusal.reason, title="Not possible", severity="warning", timeout=8)
        else:
            app.drafts.set(self.session, message.role, message.actions)
            if app.drafts.problem is not None:
                app.notify(app.drafts.problem, title="Draft", severity="warning", timeout=10)
        self.refresh_session()

    def on_entry_panel_submitted(self, message: EntryPanel.Submitted) -> None:
        """Enter in a team's panel: its orders as shown are journaled, one entry for the turn."""
        panel = self.query_one(f"#role-{message.role}", EntryPanel)
        app = cast("WhitecellApp", self.app)
        if panel.view is not None and panel.draft is None and panel.view.orders is not None:
            app.notify(f"{panel.view.name}'s orders are already in.", timeout=4)
            return
        app.submit(SubmitOrders(message.role, panel.chosen))
