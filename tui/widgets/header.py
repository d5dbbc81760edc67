"""The top line of the play screen: scenario, turn and date, the scenario's phase, the stage, hidden choices, timer."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


class GameHeader(Widget):
    """Renders the game's header line; the screen sets its fields."""

    DEFAULT_CSS = """
    GameHeader { height: 1; background: $panel; color: $foreground; }
    """

    title = reactive("")
    turn = reactive("")
    phase = reactive("")
    move = reactive("")
    """The scenario's phase (move) the turn is in, if it has phases: its title, printable."""
    hidden = reactive(False)
    timer = reactive("")
    timer_expired = reactive(False)
    elapsed = reactive("")
    """How long the console has run the session ('1:05'), after everything else."""

    def render(self) -> Content:
        width = self.size.width - len(" whitecell  ") - 2
        move = f"▸ {self.move}" if self.move else ""
        tail = self._tail(move, elapsed=True, phase=True)
        # On a narrow screen the least needed parts give way first: the clock, then the phase
        # label, then the move's title is cut; the turn, hidden mode and the timer stay whole.
        if tail.cell_length > width:
            tail = self._tail(move, elapsed=False, phase=True)
        if tail.cell_length > width:
            tail = self._tail(move, elapsed=False, phase=False)
        if tail.cell_length > width and move:
            spare = len(move) - (tail.cell_length - width) - 1
            tail = self._tail(move[:spare] + "…" if spare > 4 else "", elapsed=False, phase=False)
        # The title gives way to everything after it (turn, phase, hidden, timer), which must stay whole.
        room = width - tail.cell_length
        title = self.title if len(self.title) <= room else (self.title[: max(room - 1, 0)] + "…" if room > 8 else "")
        return Content.assemble((" whitecell ", "bold reverse $accent"), " ", (title, "bold"), "  " if title else "", tail)

    def _tail(self, move: str, *, elapsed: bool, phase: bool) -> Content:
        """Everything after the title: the turn, the move, the phase, hidden mode, the timer, the clock."""
        after: list[tuple[str, str] | str] = [self.turn]
        if move:
            after += ["  ", (move, "bold $accent")]
        if phase:
            after += ["  ", (f"[{self.phase}]", "$text-muted")]
        if self.hidden:
            after += ["  ", ("choices hidden", "bold reverse $warning")]
        if self.timer:
            style = "bold reverse $error" if self.timer_expired else "bold"
            label = f"⏱ {self.timer} — time is up" if self.timer_expired else f"⏱ {self.timer}"
            after += ["  ", (label, style)]
        if elapsed and self.elapsed:
            after += ["  ", (f"◷ {self.elapsed}", "$text-muted")]
        return Content.assemble(*after)
