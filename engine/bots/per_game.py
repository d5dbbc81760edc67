"""`simulate --per-game`: one CSV row per bot game, so a batch goes straight into pandas or a spreadsheet.

The columns, in this order: ``index`` (the game's place in the batch, from 0), ``seed``,
``outcome``, ``end_reason``, ``end_turn``, then ``var.<id>`` (final value; a state's name for a
variable of named states) for every variable,
``score.<role>`` for every role and ``shock.<id>`` (how many times it fired) for every shock, each
in the scenario's order. The prefixes keep ids of different kinds apart and pick a group at once
(``df.filter(regex=r"^shock\\.")``). Numbers are written as plain integers so that pandas reads
them as numbers; every text cell goes through the caller's spreadsheet-cell guard (the CLI passes
`engine.msel.cells.guard`, which this layer may not import), so no text can become a formula.
"""

from __future__ import annotations

import csv
import functools
import io
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import cast

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


def per_game_csv(game: Game, results: Iterable[GameResult], guard: Guard) -> str:
    """The CSV of a batch's games, one row each in the order given: `csv_text` of `row` for each, byte for byte.

    A long run writes 100,000 rows and more, so the cells are read from each row's dicts by
    C-level getters in `header`'s order, whole numbers go to the writer as they are (it writes
    them as `str` would), and the few distinct texts (outcomes, reasons, state names) go through
    ``guard`` once each (a guard is a pure function of its text).
    """
    guarded = functools.lru_cache(maxsize=4096)(guard)
    values = _getter(game.var_ids)
    scores = _getter(game.role_ids)
    fired = _getter(game.shock_ids)
    named = [(n, var.shown) for n, var in enumerate(game.scenario.variables) if var.states]

    def cells(result: GameResult) -> list[Cell]:
        shown: list[Cell] = list(values(result.variables))
        for n, name in named:
            shown[n] = guarded(name(cast("int", shown[n])))
        return [
            result.index,
            result.seed,
            guarded(result.outcome),
            guarded(result.end_reason),
            result.turns,
            *shown,
            *scores(result.scores),
            *fired(result.shocks_fired),
        ]

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([guard(name) for name in header(game)])
    writer.writerows(map(cells, results))
    return buffer.getvalue()


def _getter(keys: Sequence[str]) -> Callable[[Mapping[str, int]], tuple[int, ...]]:
    """The values of these keys of a dict, in this order, as a tuple (`operator.itemgetter`, whatever the count)."""
    if len(keys) == 1:
        only = keys[0]
        return lambda found: (found[only],)
    if not keys:
        return lambda found: ()
    return cast("Callable[[Mapping[str, int]], tuple[int, ...]]", operator.itemgetter(*keys))
