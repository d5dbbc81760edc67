"""`simulate --per-game`: one CSV row per bot game, so a batch goes straight into pandas or a spreadsheet.

The columns, in this order: ``index`` (the game's place in the batch, from 0), ``seed``,
``outcome``, ``end_reason``, ``end_turn``, then ``var.<id>`` (final value; a state's name for a
variable of named states) for every variable,
``score.<role>`` for every role and ``shock.<id>`` (how many times it fired) for every shock, each
in the scenario's order. The prefixes keep ids of different kinds apart and pick a group at once
(``df.filter(regex=r"^shock\\.")``). Numbers are written as plain integers so that pandas reads
them as numbers; every text cell goes through the caller's spreadsheet-cell guard (the CLI passes
`engine.msel.cells.guard`, which this layer may not import), so no text can become a formula.

`row` and `csv_text` define the table, one game's `GameResult` at a time; the batched engine
writes the same bytes straight from its arrays (`engine.batch.per_game`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence

from engine.bots.simulate import GameResult
from engine.core.rules import Game

Cell = str | int
"""A cell as written: text is guarded, a whole number is written as it is."""

Guard = Callable[[str], str]
"""Makes text safe as a spreadsheet cell (never read as a formula)."""

FIXED_COLUMNS = ("index", "seed", "outcome", "end_reason", "end_turn")


def header(game: Game) -> list[str]:
    """The column names for a game's scenario."""
    return [
        *FIXED_COLUMNS,
        *(f"var.{var}" for var in game.var_ids),
        *(f"score.{role}" for role in game.role_ids),
        *(f"shock.{shock}" for shock in game.shock_ids),
    ]


def row(game: Game, result: GameResult) -> list[Cell]:
    """One game's cells, in `header`'s order."""
    return [
        result.index,
        result.seed,
        result.outcome,
        result.end_reason,
        result.turns,
        *(var.shown(result.variables[var.id]) if var.states else result.variables[var.id] for var in game.scenario.variables),
        *(result.scores[role] for role in game.role_ids),
        *(result.shocks_fired[shock] for shock in game.shock_ids),
    ]


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[Cell]], guard: Guard) -> str:
    """The table as CSV text (RFC 4180 line ends), every text cell, the header's too, through ``guard``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([guard(name) for name in columns])
    for cells in rows:
        writer.writerow([guard(cell) if isinstance(cell, str) else str(cell) for cell in cells])
    return buffer.getvalue()
