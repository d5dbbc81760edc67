"""`simulate --per-game`'s CSV written while the games are played: a batch's chunk straight from its arrays.

`engine.bots.per_game` defines the table (`header`, and `row` for one game's `GameResult`). A
100,000-game run spent more time building a `GameResult` per game, dicts and all, than playing,
so a chunk of the batch is written from its columns instead: every cell of a column becomes its
CSV text at once (a whole number by looking it up in the column's few distinct numbers, a text
guarded and quoted once per distinct text), and the rows are joined in C. The scalar engine's
games still come one `GameResult` at a time, through `row` and the csv module; tests hold the two
ways to the same bytes. Rows leave as they come rather than piling up in memory.
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Callable
from typing import TextIO

import numpy as np
import numpy.typing as npt

from engine.batch.state import Batch, end_reasons
from engine.bots.per_game import Guard, header, row
from engine.bots.simulate import GameResult
from engine.core.rules import Game

LINE_END = "\r\n"
"""RFC 4180's line end, which spreadsheets and pandas read alike."""

TEXTS_KEPT = 4096
"""Distinct texts whose CSV cell is kept (outcomes, end reasons, state names: a handful a scenario)."""

NUMBERS_LOOKED_UP = 4096
"""A column whose numbers span at most this many values is written by looking each up (schema
bounds keep turns, counts, scores and most values within a few hundred); a wider one, one by one."""


class PerGameCsv:
    """The per-game CSV of one run, written to ``stream`` as games come: the header at once, then rows in order.

    It takes a batch's chunks (`chunk`) and the scalar engine's games (`game`) alike, which is
    what `engine.batch.engines.simulate_with` hands to its ``rows``.
    """

    def __init__(self, game: Game, stream: TextIO, guard: Guard) -> None:
        self._game = game
        self._stream = stream
        self._writer = csv.writer(stream, lineterminator=LINE_END)
        self._writer.writerow([guard(name) for name in header(game)])
        self._guard = functools.lru_cache(maxsize=TEXTS_KEPT)(guard)  # a guard is a pure function of its text
        self._cell = functools.lru_cache(maxsize=TEXTS_KEPT)(functools.partial(text_cell, guard=guard))

    def chunk(self, batch: Batch, first: int) -> None:
        """A played chunk's games, game ``first`` of the run first."""
        self._stream.write(chunk_text(batch, first, self._cell))

    def game(self, result: GameResult) -> None:
        """One game the scalar engine played."""
        guard = self._guard
        self._writer.writerow([guard(cell) if isinstance(cell, str) else cell for cell in row(self._game, result)])


def text_cell(text: str, guard: Guard) -> str:
    """A text as the csv module writes it among other cells: guarded, then quoted if it needs to be."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=LINE_END).writerow([guard(text), ""])
    return buffer.getvalue().removesuffix("," + LINE_END)


def chunk_text(batch: Batch, first: int, cell: Callable[[str], str]) -> str:
    """A played batch's rows as CSV text, game ``first`` of its run first: what the csv module writes of `row`'s cells.

    ``cell`` makes a text a cell (`text_cell`); the table is built a column at a time.
    """
    game = batch.game
    outcomes = [cell(outcome) for outcome in game.outcome_ids]
    reasons = [cell(reason) for reason in end_reasons(game.scenario)]
    values: list[list[str]] = []
    for var, numbers in zip(game.scenario.variables, batch.final_values, strict=True):
        if var.states:
            found = numbers.tolist()
            shown = {number: cell(var.shown(number)) for number in set(found)}
            values.append(list(map(shown.__getitem__, found)))
        else:
            values.append(_numbers(numbers))
    columns = [
        list(map(str, range(first, first + batch.games))),
        list(map(str, batch.seeds.tolist())),
        list(map(outcomes.__getitem__, batch.outcome.tolist())),
        list(map(reasons.__getitem__, batch.end_reason.tolist())),
        _numbers(batch.end_turn),
        *values,
        *map(_numbers, batch.scores),
        *map(_numbers, batch.final_fires),
    ]
    return LINE_END.join(map(",".join, zip(*columns, strict=True))) + LINE_END if batch.games else ""


def _numbers(column: npt.NDArray[np.integer]) -> list[str]:
    """A column of whole numbers as text, as `str` writes them: each distinct number converted once where they are few."""
    if not column.size:
        return []
    low, high = int(column.min()), int(column.max())
    if high - low >= NUMBERS_LOOKED_UP:
        return list(map(str, column.tolist()))
    texts = np.array([str(number) for number in range(low, high + 1)], dtype=object)
    found: list[str] = texts[column - low].tolist()
    return found
