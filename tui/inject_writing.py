"""Writing an inject at the console (`w`): the dialog on the session as it stands, and the command sent.

The dialog is in `tui.screens.write_inject`; this module gives it the teams, the categories, the
variables it may move (with choices hidden, `h`, only those the room sees, since the room is
looking at the console) and the engine's own check, then applies what it returns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.audience.visibility import ROOM, WHITE_CELL, sees_addressed, sees_variable
from engine.core.adhoc import inject_problems
from engine.core.commands import WriteInject
from engine.core.model import SHOCK_CATEGORIES
from tui.screens.free_move import Target
from tui.screens.write_inject import WriteInjectScreen

if TYPE_CHECKING:
    from tui.app import WhitecellApp


def ask_to_write_inject(app: WhitecellApp) -> None:
    """Open the dialog; the inject it returns is applied (journaled) and said."""
    session = app.session
    if session is None or session.state.ended:
        return
    state, scenario, game = session.state, session.scenario, session.game
    reader = ROOM if app.masked else WHITE_CELL
    targets = [
        Target(var.id, var.label, state.values[i], var.min, var.max)
        for i, var in enumerate(scenario.variables)
        if sees_variable(reader, var)
    ]
    teams = [(role.id, role.name) for role in scenario.roles]

    def check(command: WriteInject) -> list[str]:
        return [problem.text for problem in inject_problems(game, command)]

    def written(result: object) -> None:
        if isinstance(result, WriteInject) and app.submit(result) is not None:
            # With the room looking, the title of an inject told to some teams only is not said.
            told = sees_addressed(scenario, ROOM if app.masked else WHITE_CELL, result.audience)
            app.notify(f"Inject written: {result.title.strip()}" if told else "Inject written.", title="Inject", timeout=4)
            app.sync_end_screen()

    app.push_screen(WriteInjectScreen(teams, SHOCK_CATEGORIES, targets, check), written)
