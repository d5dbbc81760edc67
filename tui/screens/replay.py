"""The replay screen: walk the room through a recorded game step by step, fork a "what if", verify, report.

Every step is shown with the play screen's own widgets, fed by the same views at a read-only
session fixed at that step (`engine.journal.timeline`), so a step looks the way the live game looked.
Nothing here writes to the journal being replayed: a fork writes a new one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from engine.audience.console import (
    LogLine,
    ShockView,
    command_words,
    delta_shown,
    log_line,
    role_views,
    shock_views,
    variable_views,
    white_cell_only,
)
from engine.audience.visibility import ROOM, WHITE_CELL
from engine.core import events as ev
from engine.journal.codes import JournalError
from engine.journal.fork import fork_journal, fork_path
from engine.journal.replay import Verification, verify_journal
from engine.journal.session import SessionError
from engine.journal.timeline import Steps
from engine.prose.turns import turn_heading
from engine.prose.values import change_text
from engine.text.terminal import printable_block
from tui.messages import SessionChanged
from tui.screens.dialogs import Dialog
from tui.screens.layout import fit_width
from tui.widgets.fields import Field
from tui.widgets.header import GameHeader
from tui.widgets.log import log_line as styled_log_line
from tui.widgets.orders import ActionList, RolePanel
from tui.widgets.shocks import ShockList
from tui.widgets.timeline import Timeline
from tui.widgets.variables import VariablesPanel

if TYPE_CHECKING:
    from tui.app import WhitecellApp


def verification_content(steps: Steps, verification: Verification | None) -> Content:
    """The verification line: verified, or the first bad line and why (always on screen)."""
    if verification is not None and verification.problem is None:
        commands = verification.lines - 1
        text = f"✔ Verified: the header and {commands} command{'s' if commands != 1 else ''} replay exactly"
        parts: list[tuple[str, str] | str] = [(text, "bold $success")]
    elif verification is not None and verification.problem is not None:
        problem = verification.problem
        parts = [(f"✘ Not verified: line {problem.line}: {problem.message}", "bold $error")]
        if problem.line > steps.steps[-1].line + 1:
            parts.append(("  (the file has changed since it was opened)", "$warning"))
    elif steps.problem is not None:
        problem = steps.problem
        parts = [
            (f"✘ Stops replaying at line {problem.line}: {problem.message}", "bold $error"),
            (f" — shown up to line {problem.line - 1}", "$warning"),
        ]
    else:
        parts = [("● Replays to the end (press v to verify it line by line)", "$success")]
    cut = steps.cut_off
    if cut is not None:
        parts.append((f"  · line {cut.line} was cut off by a crash and is left out", "$warning"))
    return Content.assemble(*parts)


def step_content(steps: Steps, number: int, *, masked: bool = False) -> Content:
    """What the step did and why (the events, with their causes), then how the numbers moved.

    Masked (the room is watching), the teams' orders, the white cell's notes and what only the
    facilitator sees (◆) are left out, as the play screen leaves them out with its choices hidden."""
    scenario = steps.scenario
    step = steps.steps[number]
    record = step.record
    audience = ROOM if masked else WHITE_CELL
    what = "The game opens" if record is None else command_words(scenario, audience, record.command)
    parts: list[tuple[str, str] | str | Content] = [(f"Line {step.line} · ", "$text-muted"), (printable_block(what), "bold")]
    fate = steps.fate_text(step.line)
    if fate:
        parts.append((f"  ({fate})", "italic $warning"))
    parts += ["\n\n", ("What happened", "bold $accent"), "\n"]
    told = (log_line(scenario, audience, event, resolved=False) for event in steps.events_at(number))
    lines = [event_line(line) for line in told if line is not None]
    if lines:
        parts.append(Content("\n").join(lines))
    else:
        parts.append(Content.styled("  Nothing: this command changed nothing.", "$text-muted"))
    parts += ["\n\n", ("Difference from the step before", "bold $accent"), "\n"]
    deltas = [delta for delta in steps.deltas_at(number) if delta_shown(scenario, audience, delta)]
    if not deltas:
        parts.append(Content.styled("  No number moved.", "$text-muted"))
    for index, delta in enumerate(deltas):
        tone = "$success" if delta.change > 0 else "$error"
        states = scenario.variable(delta.var).states if delta.var is not None else ()
        # "50 → 47 (−3)": the values bold, the amount coloured by its direction; named states have no amount.
        values, opened, amount = change_text(delta.before, delta.after, states).partition(" (")
        parts += [
            "\n" if index else "",
            f"  {delta.label}{' ◆' if white_cell_only(scenario, delta.var) else ''} ",
            (f"{values} " if opened else values, "bold"),
            (f"({amount}", tone) if opened else "",
        ]
    return Content.assemble(*parts)


def event_line(line: LogLine) -> Content:
    """An event as the log shows it; one mentioned without its content (a note, an undo of orders) is muted."""
    if line.redacted and not isinstance(line.event, ev.OrdersSubmitted | ev.OrdersWithdrawn):
        return Content.styled(f"  {printable_block(line.text)}", "italic $text-muted")
    return styled_log_line(line)


class TurnDialog(Dialog):
    """Asks which turn to jump to; dismisses with its number."""

    def __init__(self, word: str, count: int) -> None:
        super().__init__()
        self.word = word
        """The turn's label as a sentence says it (`Turns.word`)."""
        self.count = count

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Label(f"Jump to which {self.word}? (1 to {self.count})", classes="title")
            yield Field(placeholder=f"a {self.word} number", type="integer", id="turn")
            yield Static("Enter to jump, Escape to cancel.", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#turn", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text.isdigit() or not 1 <= int(text) <= self.count:
            self.notify(f"Give a number from 1 to {self.count}.", severity="warning")
            return
        self.dismiss(int(text))


class ForkDialog(Dialog):
    """Asks where the fork's journal goes (a fresh name next to the source is offered); dismisses with the path."""

    def __init__(self, line: int, where: Path) -> None:
        super().__init__()
        self.line = line
        self.where = where

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Label(f"Fork from line {self.line}: play on from here in a new journal", classes="title")
            yield Field(value=str(self.where), id="path")
            yield Static(
                "The new journal copies lines 1 to "
                f"{self.line} and records where it came from; this journal is not touched. "
                "Enter to fork, Escape to cancel.",
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.notify("Give the new journal a name.", severity="warning")
            return
        self.dismiss(Path(text))


class ReplayScreen(Screen[None]):
    """A recorded game, one journal line at a time, read-only."""

    BINDINGS = [
        # Priority: the scrolling panels would take these keys for themselves.
        Binding("left", "step(-1)", "Back", priority=True),
        Binding("right", "step(1)", "Next", priority=True),
        Binding("home", "go_first", "First", priority=True, show=False),
        Binding("end", "go_last", "Last", priority=True, show=False),
        Binding("t", "jump", "Turn"),
        Binding("f", "fork", "Fork"),
        Binding("v", "verify", "Verify"),
        Binding("o", "report", "Report"),
        Binding("h", "app.toggle_hidden", "Hide"),
        Binding("q", "back", "Quit"),
    ]

    DEFAULT_CSS = """
    ReplayScreen #verification { height: auto; max-height: 2; padding: 0 1; background: $panel; }
    ReplayScreen #body { height: 1fr; }
    ReplayScreen #timeline { width: 40; height: 1fr; }
    ReplayScreen #main { width: 1fr; height: 1fr; layout: horizontal; overflow-y: hidden; }
    ReplayScreen #state { width: 36; height: 1fr; border: round $primary; padding: 0 1; }
    ReplayScreen #right { width: 1fr; height: 1fr; }
    ReplayScreen #step { height: 3fr; border: round $accent; padding: 0 1; scrollbar-gutter: stable; }
    ReplayScreen #teams { height: 2fr; }
    /* No scrollbar on the timeline and the teams' lists: every layout redraws the scrollbars of
       every list a frame later, and that frame repainted nearly the whole screen at each step. The
       header says which step of how many; the lists still scroll with the wheel. */
    ReplayScreen #timeline, ReplayScreen ActionList { scrollbar-size-vertical: 0; }
    ReplayScreen.narrow ActionList { scrollbar-size-vertical: 1; }
    ReplayScreen #shock-title { text-style: bold; color: $warning; margin-top: 1; }
    ReplayScreen.narrow #timeline { width: 30; }
    ReplayScreen.narrow #main { layout: vertical; overflow-y: auto; }
    ReplayScreen.narrow #state, ReplayScreen.narrow #right, ReplayScreen.narrow #step { width: 1fr; height: auto; }
    ReplayScreen.narrow #teams { height: auto; }
    ReplayScreen.narrow RolePanel { height: auto; }
    ReplayScreen.narrow RolePanel > ActionList { height: auto; max-height: 8; }
    """

    def __init__(self, steps: Steps) -> None:
        super().__init__()
        self.steps = steps
        self.current = steps.last
        """The step shown: a journal that stops replaying opens at its last good step, like any other at its end."""
        self.verification: Verification | None = None
        self.masked = False
        """Whether the step is shown with the choices hidden (the app's ``masked``, toggled by h as on the play screen)."""
        self._shown_shocks: list[ShockView] | None = None

    def compose(self) -> ComposeResult:
        yield GameHeader(id="header")
        yield Static(id="verification")
        with Horizontal(id="body"):
            yield Timeline(self.steps, id="timeline")
            with VerticalScroll(id="main"):
                with VerticalScroll(id="state") as state:
                    state.border_title = "State at this step"
                    yield VariablesPanel(id="variables")
                    yield Static("Shocks in progress", id="shock-title")
                    yield ShockList(id="shock-list")
                with Vertical(id="right"):
                    with VerticalScroll(id="step") as step:
                        step.border_title = "This step"
                        yield Static(id="changes")
                    with Vertical(id="teams"):
                        for role in self.steps.scenario.roles:
                            yield RolePanel(role.id, id=f"role-{role.id}")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        for actions in self.query(ActionList):
            actions.can_focus = False  # read-only: the teams' orders are shown, not entered
        self._show_verification()
        self.show_step(self.current)

    def on_resize(self, event: Resize) -> None:
        fit_width(self, event.size.width)
        # Stacked in one column, what this step did comes first: it is what changes at every step,
        # and below eleven variables and the shocks it would start off the screen.
        main = self.query_one("#main")
        state, right = self.query_one("#state"), self.query_one("#right")
        first = right if self.has_class("narrow") else state
        if main.children[0] is not first:
            main.move_child(first, before=0)

    # -- showing a step ---------------------------------------------------------------------------

    def show_step(self, number: int) -> None:
        """Show the game at a step: header, variables, shocks, the teams' orders, and what the step did."""
        # One redraw for the whole step, not one for each panel touched.
        with self.app.batch_update():
            self._show_step(number)

    def _show_step(self, number: int) -> None:
        steps = self.steps
        self.current = number = max(0, min(number, steps.last))
        masked = self.masked = bool(getattr(self.app, "masked", False))
        session = steps.session_at(number)
        state = session.state
        header = self.query_one(GameHeader)
        header.title = steps.scenario.title
        header.turn = turn_heading(steps.scenario.turns, state.turn)
        ended = " · ended" if state.ended else ""
        header.phase = f"replay · step {number} of {steps.last} · line {steps.steps[number].line}{ended}"
        header.hidden = masked
        # Most steps change one team's orders and nothing else: a panel whose data is the same is left
        # alone, since every update makes Textual lay the whole screen out again (the cost of a step).
        variables = self.query_one(VariablesPanel)
        audience = ROOM if masked else WHITE_CELL
        views = variable_views(session, audience)
        if list(variables.views) != views:
            variables.show(views)
        shocks = shock_views(session, audience)
        if shocks != self._shown_shocks:
            self._shown_shocks = shocks
            self.query_one(ShockList).show(shocks)
        sides = role_views(session, audience)
        shown = {side.id for side in sides}
        for role_panel in self.query(RolePanel):  # an actor's panel is the white cell's: gone while the room watches
            role_panel.display = role_panel.role_id in shown
        for view in sides:
            panel = self.query_one(f"#role-{view.id}", RolePanel)
            if panel.view != view or panel.masked != masked:
                panel.show(view, masked=masked)
        self.query_one("#changes", Static).update(step_content(steps, number, masked=masked))
        timeline = self.query_one(Timeline)
        timeline.mask(masked)
        timeline.show_step(number)

    def on_session_changed(self, message: SessionChanged) -> None:
        """Sent by the app when its choices are hidden or shown again (h): show the step again if that changed."""
        if bool(getattr(self.app, "masked", False)) != self.masked:
            self.show_step(self.current)

    def _show_verification(self) -> None:
        self.query_one("#verification", Static).update(verification_content(self.steps, self.verification))

    # -- keys -----------------------------------------------------------------------------------------

    def action_step(self, by: int) -> None:
        self.show_step(self.current + by)

    def action_go_first(self) -> None:
        self.show_step(0)

    def action_go_last(self) -> None:
        self.show_step(self.steps.last)

    def action_jump(self) -> None:
        turns = self.steps.scenario.turns
        self.app.push_screen(TurnDialog(turns.word, turns.count), self._jump_to)

    def _jump_to(self, turn: object) -> None:
        if not isinstance(turn, int):
            return
        number = self.steps.first_in_turn(turn)
        label = turn_heading(self.steps.scenario.turns, turn)
        if number is None:
            self.notify(f"The recorded game never reached {label}.", severity="warning")
            return
        self.show_step(number)

    def action_verify(self) -> None:
        self.verification = verify_journal(self.steps.path)
        self._show_verification()
        if self.verification.verified:
            self.notify("Every line replays exactly.", title="Verified", timeout=5)
        else:
            problem = self.verification.problem
            assert problem is not None
            self.notify(f"Line {problem.line}: {problem.message}", title="Not verified", severity="error", timeout=15)

    def action_fork(self) -> None:
        line = self.steps.steps[self.current].line
        self.app.push_screen(ForkDialog(line, fork_path(self.steps.path, line)), self._fork_to)

    def _fork_to(self, target: object) -> None:
        if not isinstance(target, Path):
            return
        line = self.steps.steps[self.current].line
        try:
            continued = fork_journal(self.steps.path, line, target)
        except JournalError as error:
            self.notify("\n".join(d.format() for d in error.diagnostics[:3]), title="Cannot fork", severity="error", timeout=20)
            return
        except (SessionError, ValueError) as error:
            self.notify(str(error), title="Cannot fork", severity="error", timeout=20)
            return
        self.notify(f"Forked from line {line} into {target}.", title="Fork", timeout=10)
        cast("WhitecellApp", self.app).play_fork(continued.session)

    def action_report(self) -> None:
        from tui.screens.report import ReportScreen  # the Markdown widget is loaded only when the report is opened

        notices = []
        if self.steps.problem is not None:
            problem = self.steps.problem
            notices.append(
                f"The journal stops replaying at line {problem.line}: {problem.message}. This report covers what came before."
            )
        self.app.push_screen(ReportScreen(self.steps.session, journal=Path(self.steps.path), notices=tuple(notices)))

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit()

    def on_timeline_step_chosen(self, message: Timeline.StepChosen) -> None:
        self.show_step(message.number)

    def on_role_panel_orders_changed(self, message: RolePanel.OrdersChanged) -> None:
        message.stop()
        self.notify("This is a recorded game: fork it (f) to play on from this step.", severity="warning", timeout=5)
