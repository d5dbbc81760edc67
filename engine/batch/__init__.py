"""The batched engine: B games of a scenario as numpy arrays, reproducing the scalar engine game by game.

`batch_simulate` gives `simulate`'s report, `batch_results` its per-game rows and `batch_totals`
exact integer aggregates that merge across chunks; `can_batch` says when a caller must fall
back to the scalar engine. It calls no BLAS routine, so numpy's BLAS threads never run (see
docs/batch.md).
"""

from engine.batch.play import CHUNK, batch_results, batch_simulate, batch_totals, can_batch, play_batch, results
from engine.batch.totals import Totals

__all__ = ["CHUNK", "Totals", "batch_results", "batch_simulate", "batch_totals", "can_batch", "play_batch", "results"]
