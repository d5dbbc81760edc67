"""Live reload in the app: `whitecell play FILE --watch` keeps the game on the latest rules that load.

Every half second the watcher looks at the file. When it settles on content that does not
load, the game goes on with the last good rules and the problems panel lists every problem
as ``FILE:LINE:COL: severity: /pointer: message``. When it settles on rules that differ from
the game's, the session starts again in a new journal with its commands played on the new
rules (`engine.journal.reload`), and any command that no longer applies is reported. New rules wait
while a dialog is open (an adjudication summary, a note being typed): rebuilding the screens
would close it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.screen import ModalScreen

from engine.core.model import Scenario
from engine.core.nouns import counted
from engine.journal.reload import reload_session
from engine.journal.session import SessionError
from engine.load.build import document_digest
from engine.load.diagnostics import Diagnostic
from tui.watch import POLL_SECONDS, Broken, Change, Loaded, ScenarioWatcher
from tui.widgets.problems import Notice, ProblemsPanel

if TYPE_CHECKING:
    from tui.app import WhitecellApp

BROKEN = "Scenario broken — fix the file (the game goes on with the last good rules)"


def problem_lines(diagnostics: tuple[Diagnostic, ...]) -> tuple[str, ...]:
    """Every problem, one compiler-style line each (an empty list still says something)."""
    return tuple(d.format() for d in diagnostics) or ("the file does not load, and the loader gave no reason",)


class LiveReload:
    """Polls the scenario file and brings its changes into the app (see the module docstring)."""

    def __init__(self, app: WhitecellApp, path: Path, watcher: ScenarioWatcher | None = None) -> None:
        self.app = app
        self.path = path
        self.watcher = watcher or ScenarioWatcher(path)
        self.notice: Notice | None = None
        """What the problems panel shows; kept here so a play screen built later shows it too."""
        self._held: Change | None = None
        """A settled change not yet acted on: new rules wait while a dialog is open (what it holds would be lost)."""
        self._told = False

    def start(self) -> None:
        """Poll from now on, as long as the app runs."""
        self.app.set_interval(POLL_SECONDS, self.poll, name="watch-scenario")

    async def poll(self) -> None:
        """One look at the file; act on a settled change (new rules wait for an open dialog to close)."""
        change = self.watcher.poll()
        if change is not None:
            self._held = change  # the latest settled content wins over one still held
        held = self._held
        if held is None:
            return
        if isinstance(held, Loaded) and isinstance(self.app.screen, ModalScreen):
            if not self._told:
                self._told = True
                self.app.notify("The scenario file changed: the game reloads when this dialog closes.", title="Scenario changed")
            return
        self._held, self._told = None, False
        try:
            await self.take(held)
        except Exception as error:  # a timer's error would end the app: the session must outlive any reload
            self.app.notify(
                f"{type(error).__name__}: {error}. The game goes on with the last good rules; the journal is safe.",
                title="Reload failed",
                severity="error",
                timeout=15,
                markup=False,
            )

    async def take(self, change: Change) -> None:
        """Show a broken file's problems, or go on with rules that load."""
        if isinstance(change, Broken):
            self._show(Notice(BROKEN, problem_lines(change.diagnostics), broken=True))
            count = len(change.diagnostics)
            self.app.notify(
                f"{counted(count, 'problem')} in {self.path}; the game goes on with the last good rules.",
                title="Scenario broken — fix the file",
                severity="error",
                timeout=8,
                markup=False,
            )
            return
        await self._loaded(change.scenario)

    async def _loaded(self, scenario: Scenario) -> None:
        session = self.app.session
        if session is None:
            return
        if document_digest(scenario.document) == session.header.get("scenarioDigest"):
            if self.notice is not None and self.notice.broken:
                self._show(None)
                self.app.clear_notifications()
                self.app.notify("The file loads again, with the rules of the game in progress.", title="Scenario fixed")
            return
        try:
            reloaded = reload_session(session, scenario)
        except (SessionError, ValueError) as error:
            self.app.notify(
                f"{error}. The game goes on with the last good rules.", title="Cannot reload", severity="error", markup=False
            )
            return
        report = reloaded.summary(session.scenario)
        where = f"now journaled in {reloaded.session.path}" if reloaded.session.path is not None else "not journaled"
        kept = f" ({session.path} is kept as it was)" if session.path is not None else ""
        await self.app.replace_session(reloaded.session)
        self.app.clear_notifications()  # what they said was about the session just replaced
        if reloaded.skipped or reloaded.dropped_bots:
            lines = (f"{where[0].upper()}{where[1:]}{kept}.", *report)
            self._show(Notice("Reloaded on the new rules — some commands no longer apply", lines, broken=False))
            self.app.notify(
                "\n".join(lines[:7]), title="Reloaded: commands skipped", severity="warning", timeout=20, markup=False
            )
        else:
            self._show(None)
            self.app.notify(f"{report[0]} The session is {where}.", title="Scenario reloaded", timeout=10, markup=False)

    def _show(self, notice: Notice | None) -> None:
        self.notice = notice
        for screen in self.app.screen_stack:
            for panel in screen.query(ProblemsPanel):
                panel.show(notice)
