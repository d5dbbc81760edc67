"""The Textual app: owns the session, sends it the facilitator's commands, and keeps the screens current.

Every change goes through `WhitecellApp.submit`, which applies the command to the session (so
it is journaled before it counts) and redraws. Errors never end the session: a refused command
or a failure inside a screen becomes a notification, and the journal stays the truth.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from engine.audience.console import log_lines
from engine.audience.visibility import ROOM, WHITE_CELL
from engine.core.commands import (
    AddNote,
    EndExercise,
    Redo,
    SessionCommand,
    Undo,
)
from engine.core.events import Event
from engine.core.refusals import CommandRefused
from engine.journal.autoplay import bot_orders
from engine.journal.session import Recovery, Session, SessionError
from engine.prose.turns import turn_heading
from tui.asking import DETAIL, ask_to_leave, last_adjudication, last_events, resolution_to_undo
from tui.commands import PLAY_COMMANDS, letter_actions, palette
from tui.drafts import Drafts
from tui.free_moving import ask_free_move
from tui.guard import guarded
from tui.inject_writing import ask_to_write_inject
from tui.launch import Launch, open_session
from tui.live_reload import LiveReload
from tui.messages import SessionChanged
from tui.phases import forget_hotwash, show_opening_update
from tui.plain_notifications import PlainNotifications
from tui.resolving import ask_to_resolve, resolve
from tui.returning import ask_to_return
from tui.screens.adjust import ADJUSTMENTS, AdjustScreen
from tui.screens.dialogs import ConfirmScreen, HelpScreen, LogScreen, NoteScreen, ReasonScreen
from tui.screens.end import EndScreen
from tui.screens.note_objectives import note_saved, objectives_of
from tui.screens.play import PlayScreen
from tui.screens.summary import AdjudicationScreen
from tui.stacking import OpaqueStack
from tui.timekeeping import Timekeeper
from tui.upcoming_view import show_upcoming
from tui.widgets.entry import OrdersList

if TYPE_CHECKING:
    from engine.documents.report import ReportFormat
    from engine.journal.timeline import Steps
    from tui.seating import Seating

LETTERS = letter_actions(PLAY_COMMANDS)


class WhitecellApp(PlainNotifications, OpaqueStack):
    """The facilitator's console."""

    CSS_PATH = "whitecell.tcss"
    TITLE = "whitecell"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    def __init__(
        self,
        launch: Launch,
        *,
        session: Session | None = None,
        recovery: Recovery | None = None,
        blink: bool = True,
        replay: Steps | None = None,
    ) -> None:
        super().__init__()
        self.blink = blink
        """Whether text cursors blink (off for tests and snapshots, which must be still)."""
        self.launch = launch
        self.session = session
        self.recovery = recovery
        self.masked = False
        self.replay = replay
        """With ``whitecell replay JOURNAL``: the recorded game the app opens on (no live session until a fork)."""
        self.live_reload: LiveReload | None = None
        """With ``play FILE --watch``: what keeps the game on the file's latest rules."""
        self.leaving = False
        """Set when the app has been asked to exit: from then on, actions do nothing."""
        self.seating: Seating | None = None
        """With ``play --seats``: the seat server, once it listens."""
        self.drafts = Drafts(None)
        """The teams' orders being entered and not yet submitted (kept beside the journal)."""
        self.timekeeper: Timekeeper | None = None
        """The decision timer and the session's clock, once a game is open."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In a team's panel letters find actions: the letter keys' commands are off (and out of the footer) until it is left."""
        return not (action in LETTERS and isinstance(self.focused, OrdersList))

    def exit(self, result: None = None, return_code: int = 0, message: Any = None) -> None:
        self.leaving = True
        super().exit(result, return_code, message)

    # -- opening ---------------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.replay is not None:
            from tui.screens.replay import ReplayScreen

            self.push_screen(ReplayScreen(self.replay))
            return
        if self.session is None:
            from tui.screens.start import StartScreen  # only when no session is given: keeps play's start-up short

            self.push_screen(StartScreen(self.launch.folder), self._launch_chosen)
            return
        if self.recovery is not None and self.recovery.message():
            self.notify(f"Resumed: {self.recovery.message()}.", title="Journal recovered", severity="warning", timeout=20)
        if self.launch.watch and self.launch.scenario is not None:
            self.live_reload = LiveReload(self, Path(self.launch.scenario))
            self.live_reload.start()
        if self.launch.resume is not None:
            self._enter_play()
        else:
            self._brief(self.session)

    def _launch_chosen(self, launch: Launch | None) -> None:
        if launch is None:
            self.exit()
            return
        try:
            session, recovery = open_session(launch)
        except Exception as error:
            message = "\n".join(d.format() for d in error.diagnostics[:5]) if hasattr(error, "diagnostics") else str(error)
            self.notify(message, title="Cannot open the session", severity="error", timeout=20)
            from tui.screens.start import StartScreen

            self.push_screen(StartScreen(self.launch.folder), self._launch_chosen)
            return
        self.launch = launch
        self.session = session
        self.recovery = recovery
        if launch.resume is not None:
            if recovery.message():
                self.notify(f"Resumed: {recovery.message()}.", title="Journal recovered", severity="warning", timeout=20)
            self._enter_play()
        else:
            self._brief(session)

    def _brief(self, session: Session) -> None:
        """The briefing first (its Markdown renderer is loaded only now: a resumed session skips it)."""
        from tui.screens.briefing import BriefingScreen

        self.push_screen(BriefingScreen(session.scenario), lambda _: self._enter_play(opening=True))

    def _enter_play(self, *, opening: bool = False) -> None:
        """The play screen on the session; as a new game opens, the first phase's briefing update over it."""
        assert self.session is not None
        self.timekeeper = Timekeeper(self.session)
        forget_hotwash(self)
        self.drafts, restored = Drafts.restore(self.session)
        if restored is not None:
            self.notify(restored, title="Drafts restored", severity="warning", timeout=20)
        self.play_bots()
        self.push_screen(PlayScreen(self.session))
        if self.session.state.ended:
            self.push_screen(EndScreen(self.session))
        elif opening:
            show_opening_update(self, lambda: None)
        if self.launch.seats is not None and self.seating is None:
            self.run_worker(self._open_seats(), name="seats", exit_on_error=False)

    async def _open_seats(self) -> None:
        from tui.seating import open_seats  # only with --seats: the server, TLS and codes load now

        self.seating = await open_seats(self, resume=self.launch.resume is not None)

    async def on_unmount(self) -> None:
        if self.seating is not None:
            await self.seating.stop()

    def play_fork(self, session: Session) -> None:
        """Play on in a fork made on the replay screen (which stays underneath)."""
        self.session = session
        self.recovery = Recovery()
        self._enter_play()

    async def replace_session(self, session: Session) -> None:
        """Go on with another session (the game played again on new rules): close the old one, rebuild the screens."""
        old = self.session
        self.session = session
        self.recovery = Recovery()
        while len(self.screen_stack) > 1:
            await self.pop_screen()  # each screen gone before the next goes and the new play screen comes
        self._enter_play()
        if old is not None and old is not session:
            old.close()

    # -- commands ----------------------------------------------------------------------------

    @guarded
    def submit(self, command: SessionCommand, *, redraw: bool = True) -> tuple[Event, ...] | None:
        """Apply a command and redraw; a refusal becomes a notification. Guarded like the actions, since it
        also runs outside them (a team's orders, a dialog's result): nothing going wrong there may end the app."""
        if self.session is None:
            return None
        try:
            events = self.session.apply(command)
        except CommandRefused as refusal:
            self.notify(refusal.reason, title="Not possible", severity="warning", timeout=8)
            self.redraw()
            return None
        except SessionError as error:
            self.notify(str(error), title="Journal", severity="error", timeout=30)
            self.redraw()
            return None
        if redraw:
            self.redraw()
        return events

    def play_bots(self) -> None:
        """Bots enter their orders when a turn opens; the facilitator can still change them."""
        if self.session is None:
            return
        for command in bot_orders(self.session):
            try:
                self.session.apply(command)
            except (CommandRefused, SessionError) as error:
                self.notify(f"A bot's orders were refused: {error}", severity="warning")

    def redraw(self) -> None:
        """After a command: the seats are told, every screen redraws."""
        if self.seating is not None:
            self.seating.changed()
        self.refresh_screens()

    def refresh_screens(self) -> None:
        for screen in self.screen_stack:
            screen.post_message(SessionChanged())

    def sync_end_screen(self) -> None:
        """Show the end screen when the game is over, and leave it when an undo reopens the game."""
        if self.session is None:
            return
        showing = isinstance(self.screen, EndScreen)
        if self.session.state.ended and not showing:
            self.push_screen(EndScreen(self.session))
        elif not self.session.state.ended and showing:
            self.pop_screen()

    # -- actions (keys on the play screen, and the command palette) --------------------------

    @guarded
    def action_resolve(self) -> None:
        ask_to_resolve(self)

    @guarded
    def resolve_now(self) -> None:
        resolve(self)

    @guarded
    def action_undo(self) -> None:
        heading = resolution_to_undo(self.session)
        if heading is None:
            self._undo(None)
            return
        question = ConfirmScreen("Undo the last resolution?", f"{heading}. {DETAIL}")
        self.push_screen(question, lambda yes: self._undo(heading) if yes else None)

    def action_leave(self) -> None:
        ask_to_leave(self)

    def _undo(self, resolution: str | None) -> None:
        if self.submit(Undo()) is not None and resolution is not None:
            self.notify(f"The resolution of {resolution} was undone.", title="Undo", timeout=8)
        self.sync_end_screen()

    @guarded
    def action_redo(self) -> None:
        self.submit(Redo())
        self.sync_end_screen()

    @guarded
    def action_inject(self) -> None:
        from tui.injecting import ask_to_inject

        ask_to_inject(self)

    @guarded
    def action_adjust(self) -> None:
        session = self.session
        if session is None or session.state.ended:
            return
        self.push_screen(AdjustScreen.of(session, masked=self.masked), self._adjusted)

    def _adjusted(self, result: object) -> None:
        if isinstance(result, ADJUSTMENTS):
            self.submit(result)
            self.sync_end_screen()

    @guarded
    def action_note(self) -> None:
        if self.session is not None:
            turns = self.session.scenario.turns
            choices = [(turn_heading(turns, number), number) for number in range(1, self.session.state.turn + 1)]
            self.push_screen(NoteScreen(choices, objectives_of(self.session.scenario)), self._noted)

    def _noted(self, result: object) -> None:
        if isinstance(result, tuple) and self.session is not None:
            note = AddNote(*result)
            if self.submit(note) is not None:
                self.notify(note_saved(self.session.scenario, note), timeout=3)

    @guarded
    def action_return_orders(self) -> None:
        ask_to_return(self)

    @guarded
    def action_free_move(self) -> None:
        ask_free_move(self)

    @guarded
    def action_write_inject(self) -> None:
        ask_to_write_inject(self)

    @guarded
    def action_upcoming(self) -> None:
        show_upcoming(self)

    @guarded
    def action_last_summary(self) -> None:
        """The adjudication summary of the last resolution in effect, again (it is gone once closed)."""
        last = last_adjudication(self.session, ROOM if self.masked else WHITE_CELL)
        if last is None:
            self.notify("No turn has been resolved yet.", severity="warning", timeout=5)
            return
        assert self.session is not None
        title, shown = last
        self.push_screen(AdjudicationScreen(self.session.scenario, shown, title, partial(last_events, self.session)))

    @guarded
    def action_end_exercise(self) -> None:
        session = self.session
        if session is None or session.state.ended:
            return
        self.push_screen(ReasonScreen("End the exercise now?", "Why it ends early (for the record)"), self._ended_early)

    def _ended_early(self, result: object) -> None:
        if isinstance(result, str):
            self.submit(EndExercise(result))
            self.sync_end_screen()

    @guarded
    def action_toggle_hidden(self) -> None:
        self.masked = not self.masked
        self.redraw()

    @guarded
    def action_seats(self) -> None:
        from tui.seating import show_seats

        show_seats(self)

    def action_timer_pause(self) -> None:
        self._time(lambda keeper: keeper.pause())

    def action_timer_more(self) -> None:
        self._time(lambda keeper: keeper.extend(1))

    def action_timer_much_more(self) -> None:
        self._time(lambda keeper: keeper.extend(5))

    def action_timer_reset(self) -> None:
        self._time(lambda keeper: keeper.reset())

    @guarded
    def _time(self, change: Callable[[Timekeeper], str]) -> None:
        """A timer key: the change, said on the console (and shown on the projector and the seats)."""
        keeper = self.timekeeper
        if keeper is None or self.session is None or not keeper.running(self.session):
            self.notify("No decision timer runs (whitecell play --timer MINUTES).", severity="warning", timeout=5)
            return
        self.notify(change(keeper), title="Timer", timeout=4)
        if keeper.problem is not None:
            self.notify(keeper.problem, title="Timer", severity="warning", timeout=10)
        self.redraw()

    @guarded
    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    @guarded
    def action_show_log(self) -> None:
        if self.session is None:
            return
        self.push_screen(LogScreen(log_lines(self.session, ROOM if self.masked else WHITE_CELL)))

    @guarded
    def action_write_report(self, kind: ReportFormat) -> None:
        """Write the after-action report next to the journal (asking before replacing a file, as the report screen does)."""
        session = self.session
        if session is None or session.path is None:
            return
        from engine.documents.report import build_report
        from tui.screens.report import write_report  # loaded only now, with the report

        write_report(self, build_report(session), session.path, kind)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if self.session is None:
            return
        yield from palette(PLAY_COMMANDS, lambda action: getattr(self, f"action_{action}"))
        if self.session.state.ended:
            yield SystemCommand(
                "Write the report (Markdown)", "Next to the journal", lambda: self.action_write_report("markdown")
            )
            yield SystemCommand("Write the report (HTML)", "Next to the journal", lambda: self.action_write_report("html"))


def make_app(
    launch: Launch,
    *,
    session: Session | None = None,
    recovery: Recovery | None = None,
    blink: bool = True,
    replay: Steps | None = None,
) -> WhitecellApp:
    """The app as the CLI and the tests build it."""
    return WhitecellApp(launch, session=session, recovery=recovery, blink=blink, replay=replay)
